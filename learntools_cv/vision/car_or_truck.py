"""The Car-or-Truck image set: drawn side views of cars and trucks, written as PNG files in Kaggle's layout.

Kaggle's Computer Vision course trains on photos from its "Car or Truck" data set, which cannot be downloaded
where these lessons run. This module draws a stand-in with numpy, deterministically, and writes it as

    <folder>/train/car/*.png    <folder>/train/truck/*.png
    <folder>/valid/car/*.png    <folder>/valid/truck/*.png

so that the lessons load it as Kaggle's notebooks do::

    from learntools_cv.vision.car_or_truck import dataset_dir
    ds_train_ = keras.utils.image_dataset_from_directory(
        dataset_dir() / "train", labels="inferred", label_mode="binary", image_size=[128, 128],
        interpolation="nearest", batch_size=64, shuffle=True)

`dataset_dir()` builds the folder on first use, in a cache folder (`LEARNTOOLS_CV_DATA`, else the user's cache
folder), and returns it at once after that. `load_datasets()` is Kaggle's whole loading cell. Each picture is
a car (sedan, hatchback, estate, coupe, SUV) or a truck (box truck, pickup, tanker, articulated lorry, dump
truck, flatbed) seen from the side, facing left or right, of any size from half the picture's width to a bit
more than all of it, anywhere along it, on a street, in open country, in a studio, before a wall or before
clutter, sometimes behind a pole, bush, fence, wall, bollard or person, with the camera's roll, light, colour
cast, blur and noise. They are drawings, not photos: see docs/data.md for what that means for the lessons.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from learntools_cv.vision.drawing import SUPERSAMPLE, Canvas, Pen
from learntools_cv.vision.scenes import background, finish, occlude
from learntools_cv.vision.vehicles import draw_vehicle

if TYPE_CHECKING:
    import tensorflow as tf

__all__ = [
    "CLASS_NAMES",
    "DATA_ENV",
    "DEFAULT",
    "MANIFEST",
    "SAMPLES",
    "SPLITS",
    "VERSION",
    "Drawn",
    "Spec",
    "build_dataset",
    "cache_root",
    "dataset_dir",
    "draw",
    "draw_file",
    "load_datasets",
]

CLASS_NAMES: tuple[str, ...] = ("car", "truck")
"""The classes, in the order `image_dataset_from_directory` numbers them: car is 0, truck is 1."""

SPLITS: tuple[str, ...] = ("train", "valid")

VERSION = 1
"""The drawing's version: part of the cache folder's name, raised whenever the same seed draws other pixels."""

DATA_ENV = "LEARNTOOLS_CV_DATA"
"""The environment variable naming the folder that data sets are cached in."""

MANIFEST = "car_or_truck.json"
"""The file at the top of a built data set saying what it holds; a folder without it is not a data set."""

SAMPLES = "samples.csv"
"""The file at the top of a built data set describing each picture (class, body style, scene, ...)."""


@dataclass(frozen=True)
class Spec:
    """What a data set holds: pictures per class in each split, their size in pixels, and the seed."""

    train_per_class: int = 600
    valid_per_class: int = 300
    size: int = 128
    seed: int = 0

    def __post_init__(self) -> None:
        if self.train_per_class < 1 or self.valid_per_class < 1:
            raise ValueError(f"every split needs at least one picture per class: {self}")
        if self.size < 32:
            raise ValueError(f"size must be at least 32 pixels, got {self.size}")

    def per_class(self, split: str) -> int:
        return {"train": self.train_per_class, "valid": self.valid_per_class}[split]

    @property
    def folder_name(self) -> str:
        """The folder's name in the cache: every field and the drawing's version, so no two specs share one."""
        return (f"car_or_truck-v{VERSION}-{self.size}px-{self.train_per_class}+{self.valid_per_class}"
                f"-seed{self.seed}")


DEFAULT = Spec()
"""The data set the lessons use: 1,200 training and 600 validation pictures of 128x128 pixels."""


@dataclass(frozen=True)
class Drawn:
    """One picture and what is in it."""

    image: np.ndarray  # uint8 (size, size, 3)
    kind: str  # "car" or "truck"
    model: str  # the body style, e.g. "hatchback" or "tanker"
    scene: str  # one of scenes.SCENE_KINDS
    occluder: str  # one of scenes.OCCLUDER_KINDS, or "" when nothing is in front
    facing: str  # "right" or "left"
    length: float  # the vehicle's length as a fraction of the picture's width
    centre: float  # where its middle is, as a fraction of the picture's width from the left
    height: float  # its height in units of its length
    wheels: int  # wheels on the side facing the camera
    roll: float  # degrees
    noise: float  # standard deviation of the added noise, in [0, 1] units


def draw(kind: str, rng: np.random.Generator, size: int = 128, *, plain: bool = False) -> Drawn:
    """Draw one picture of a `kind` ("car" or "truck") of `size` x `size` pixels from the generator `rng`.

    With `plain`, a vehicle of that kind alone: whole, four fifths of the picture's width long, in the middle
    of a flat grey background, facing right, with nothing in front and no camera faults (for looking at the
    vehicles themselves, and for testing them).
    """
    if kind not in CLASS_NAMES:
        raise ValueError(f"kind must be one of {CLASS_NAMES}, got {kind!r}")
    big = size * SUPERSAMPLE
    if plain:
        canvas, scene_kind = Canvas(np.full((big, big, 3), 0.5), ground=big * 0.9), "plain"
    else:
        scene = background(rng, big)
        canvas, scene_kind = scene.stand_at(rng.uniform(scene.floor_top, scene.floor_bottom)), scene.kind
    if plain:  # whole, in the middle
        length = big * 0.8
        x0 = 0.1 * big
    else:
        length = big * rng.uniform(0.45, 1.05)
        # Its middle stays in the picture; up to about a tenth of its length may be cut off at a side.
        x0 = rng.uniform(-0.1 * length, max(-0.1 * length, big - 0.9 * length))
    if not plain:
        canvas.ellipse(x0 + length / 2, 0, length * 0.52, length * 0.03, np.zeros(3), alpha=rng.uniform(0.2, 0.5))
    vehicle = draw_vehicle(canvas, Pen(x0, 0.0, length), rng, kind)
    occluder = ""
    if not plain and rng.random() < 0.35:
        occluder = occlude(canvas, rng, x0, x0 + length, vehicle.height * length)
    centre = (x0 + length / 2) / big
    if plain:
        image, roll, noise, mirrored = np.round(canvas.image() * 255).astype(np.uint8), 0.0, 0.0, False
    else:
        image, done = finish(canvas, rng)
        roll, noise, mirrored = done.roll, done.noise, done.mirrored
    return Drawn(image, kind, vehicle.model, scene_kind, occluder, "left" if mirrored else "right",
                 length / big, 1.0 - centre if mirrored else centre, vehicle.height, vehicle.wheels, roll, noise)


def _rng(spec: Spec, split: str, kind: str, index: int) -> np.random.Generator:
    # One stream per picture: a picture does not depend on how many others there are or in what order they
    # are drawn, so a split can grow without changing the pictures it already had.
    return np.random.default_rng([spec.seed, SPLITS.index(split), CLASS_NAMES.index(kind), index])


def draw_file(spec: Spec, split: str, kind: str, index: int) -> Drawn:
    """The picture that `build_dataset(folder, spec)` writes to `<split>/<kind>/<kind>_<index>.png`."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    return draw(kind, _rng(spec, split, kind, index), spec.size)


def _png(image: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    # Pillow writes no time stamp or other varying chunk: the same pixels give the same bytes.
    Image.fromarray(image, mode="RGB").save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def _files(spec: Spec) -> Iterator[tuple[str, str, int, str]]:
    for split in SPLITS:
        for kind in CLASS_NAMES:
            for index in range(spec.per_class(split)):
                yield split, kind, index, f"{split}/{kind}/{kind}_{index:05d}.png"


def build_dataset(folder: str | os.PathLike[str], spec: Spec = DEFAULT,
                  progress: Callable[[int, int], None] | None = None) -> Path:
    """Draw the data set `spec` into `folder` (created; it must not hold a data set already) and return it.

    Writes the PNG files, `samples.csv` (one row a picture: file, class, body style, scene, occluder, facing,
    length, centre, height, wheels, roll, noise: see `Drawn`) and, last, `car_or_truck.json` (the spec, the counts and a SHA-256 over every PNG).
    `progress(done, total)` is called after each picture.
    """
    folder = Path(folder)
    if (folder / MANIFEST).exists():
        raise FileExistsError(f"{folder} already holds a data set")
    for split in SPLITS:
        for kind in CLASS_NAMES:
            (folder / split / kind).mkdir(parents=True, exist_ok=True)
    total = sum(spec.per_class(split) for split in SPLITS) * len(CLASS_NAMES)
    digest = hashlib.sha256()
    rows = []
    for done, (split, kind, index, name) in enumerate(_files(spec), start=1):
        drawn = draw_file(spec, split, kind, index)
        data = _png(drawn.image)
        (folder / name).write_bytes(data)
        digest.update(name.encode() + b"\0" + data)
        rows.append([name, kind, drawn.model, drawn.scene, drawn.occluder, drawn.facing, f"{drawn.length:.3f}",
                     f"{drawn.centre:.3f}", f"{drawn.height:.3f}", drawn.wheels, f"{drawn.roll:.2f}",
                     f"{drawn.noise:.4f}"])
        if progress is not None:
            progress(done, total)
    with open(folder / SAMPLES, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["file", "class", "model", "scene", "occluder", "facing", "length", "centre", "height",
                         "wheels", "roll", "noise"])
        writer.writerows(rows)
    manifest = {
        "name": "car_or_truck",
        "version": VERSION,
        **asdict(spec),
        "classes": list(CLASS_NAMES),
        "counts": {split: {kind: spec.per_class(split) for kind in CLASS_NAMES} for split in SPLITS},
        "sha256": digest.hexdigest(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder


def cache_root() -> Path:
    """The folder data sets are cached in: `$LEARNTOOLS_CV_DATA` if set, else `learntools_cv` in the user's
    cache folder (`$XDG_CACHE_HOME` or `~/.cache`), else (no home folder) one in the temporary folder."""
    named = os.environ.get(DATA_ENV)
    if named:
        return Path(named).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "learntools_cv"
    try:
        return Path.home() / ".cache" / "learntools_cv"
    except RuntimeError:  # no HOME and no password entry, as in a stripped sandbox
        return Path(tempfile.gettempdir()) / "learntools_cv"


def dataset_dir(spec: Spec = DEFAULT, *, cache: str | os.PathLike[str] | None = None,
                progress: Callable[[int, int], None] | None = None) -> Path:
    """The folder holding the data set `spec` (with `train/` and `valid/` in it), built on first use.

    It lives in `cache` (default: `cache_root()`). Building draws into a temporary folder beside it and
    renames that into place, so the folder is either absent or complete, and two processes building at once
    both end with the same complete folder (the second one's copy is thrown away).
    """
    root = cache_root() if cache is None else Path(cache)
    final = root / spec.folder_name
    if (final / MANIFEST).is_file():
        return final
    try:
        root.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{spec.folder_name}.", suffix=".building", dir=root))
    except OSError as error:
        raise OSError(f"Cannot build the Car-or-Truck pictures in {root} ({error.strerror or error}). Set the "
                      f"environment variable {DATA_ENV} to a folder you can write to.") from error
    try:
        build_dataset(building, spec, progress)
        os.chmod(building, 0o755)  # mkdtemp made it private; the pictures are for everyone who reads the cache
        try:
            os.rename(building, final)
        except OSError:
            if not (final / MANIFEST).is_file():  # not a race lost to another builder: something is in the way
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return final


def for_grading() -> dict[str, Any]:
    """What a grader's sandbox needs for a notebook that loads the lessons' data set (`dataset_dir()`): the
    data set, built once per machine in the grader's own cache (`dataset_dir`), shown to the notebook read-only
    at the same path, and `$LEARNTOOLS_CV_DATA` naming the folder it is in. A lesson lists this function in its
    `GRADING_DATA`; without it, each graded notebook would draw the 1,800 pictures again in its sandbox."""
    folder = dataset_dir().resolve()
    if folder.stat().st_mode & 0o005 != 0o005:  # built by an earlier version, private to its owner
        os.chmod(folder, folder.stat().st_mode | 0o055)
    return {"environment": {DATA_ENV: str(folder.parent)}, "folders": [str(folder)]}


def load_datasets(spec: Spec = DEFAULT, *, folder: str | os.PathLike[str] | None = None, batch_size: int = 64,
                  image_size: tuple[int, int] | list[int] = (128, 128), seed: int | None = None,
                  ) -> tuple[tf.data.Dataset, tf.data.Dataset]:
    """Kaggle's loading cell: `(ds_train, ds_valid)` from `image_dataset_from_directory`, as floats, cached and
    prefetched.

    `image_dataset_from_directory(..., interpolation="nearest")` yields uint8 pictures; as in Kaggle's
    notebooks, `tf.image.convert_image_dtype` turns them into float32 in [0, 1], the input the pretrained base
    expects. Labels are float32 (batch, 1): car 0, truck 1. The training set is shuffled each epoch (with
    `seed`, if given); the validation set is not. `folder` defaults to `dataset_dir(spec)`.
    """
    from learntools_cv.core.tensorflow_quietly import tensorflow

    tf = tensorflow()
    import keras

    def convert_to_float(image: tf.Tensor, label: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        return tf.image.convert_image_dtype(image, dtype=tf.float32), label

    root = dataset_dir(spec) if folder is None else Path(folder)
    options: dict[str, Any] = dict(labels="inferred", label_mode="binary", image_size=list(image_size),
                                   interpolation="nearest", batch_size=batch_size)
    train = keras.utils.image_dataset_from_directory(root / "train", shuffle=True, seed=seed, **options)
    valid = keras.utils.image_dataset_from_directory(root / "valid", shuffle=False, **options)
    return tuple(ds.map(convert_to_float).cache().prefetch(tf.data.AUTOTUNE) for ds in (train, valid))
