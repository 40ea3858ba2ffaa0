"""The Car-or-Truck image set: the same bytes for the same seed, Kaggle's folder layout, loading with
`image_dataset_from_directory`, the cache folder (atomic, shared by racing processes, never in the package),
and the pictures themselves: varied, and telling cars from trucks by shape rather than by colour.

Data sets built here are small (a few pictures per class); the lessons' size is `car_or_truck.DEFAULT`.
"""

from __future__ import annotations

import collections
import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import learntools_cv
from learntools_cv.vision import car_or_truck
from learntools_cv.vision.car_or_truck import CLASS_NAMES, MANIFEST, SAMPLES, Spec, build_dataset, dataset_dir, draw
from learntools_cv.vision.scenes import OCCLUDER_KINDS, SCENE_KINDS
from learntools_cv.vision.vehicles import CAR_MODELS, TRUCK_MODELS

SMALL = Spec(train_per_class=4, valid_per_class=2, seed=11)


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_set(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dataset(tmp_path_factory.mktemp("cot") / "data", SMALL)


@pytest.fixture(scope="module")
def drawn() -> dict[str, list[car_or_truck.Drawn]]:
    """60 pictures of each class, drawn (not written): enough to see the variety."""
    spec = Spec(seed=3)
    return {kind: [car_or_truck.draw_file(spec, "train", kind, i) for i in range(60)] for kind in CLASS_NAMES}


# ------------------------------------------------------------------------------------------ determinism


def test_the_same_seed_gives_the_same_bytes(small_set: Path, tmp_path: Path) -> None:
    again = build_dataset(tmp_path / "again", SMALL)
    assert tree_bytes(again) == tree_bytes(small_set)
    other = build_dataset(tmp_path / "other", Spec(train_per_class=4, valid_per_class=2, seed=12))
    pngs = [name for name in tree_bytes(small_set) if name.endswith(".png")]
    assert all(tree_bytes(other)[name] != tree_bytes(small_set)[name] for name in pngs)


def test_a_picture_does_not_depend_on_how_many_others_there_are(small_set: Path) -> None:
    bigger = Spec(train_per_class=50, valid_per_class=9, seed=SMALL.seed)
    for split, kind, index in (("train", "car", 3), ("valid", "truck", 1)):
        png = small_set / split / kind / f"{kind}_{index:05d}.png"
        np.testing.assert_array_equal(np.asarray(Image.open(png)), car_or_truck.draw_file(bigger, split, kind, index).image)


def test_the_manifest_says_what_the_folder_holds(small_set: Path) -> None:
    manifest = json.loads((small_set / MANIFEST).read_text())
    assert manifest["version"] == car_or_truck.VERSION and manifest["seed"] == SMALL.seed
    assert manifest["classes"] == ["car", "truck"]
    assert manifest["counts"] == {"train": {"car": 4, "truck": 4}, "valid": {"car": 2, "truck": 2}}
    digest = hashlib.sha256()
    for *_, name in car_or_truck._files(SMALL):
        digest.update(name.encode() + b"\0" + (small_set / name).read_bytes())
    assert manifest["sha256"] == digest.hexdigest()


# ------------------------------------------------------------------------------------------- the folder


def test_kaggles_folder_layout_of_png_files(small_set: Path) -> None:
    assert sorted(p.name for p in small_set.iterdir()) == sorted(["train", "valid", MANIFEST, SAMPLES])
    for split, per_class in (("train", 4), ("valid", 2)):
        assert sorted(p.name for p in (small_set / split).iterdir()) == ["car", "truck"]
        for kind in CLASS_NAMES:
            files = sorted((small_set / split / kind).iterdir())
            assert [f.name for f in files] == [f"{kind}_{i:05d}.png" for i in range(per_class)]
            for f in files:
                with Image.open(f) as image:
                    assert (image.format, image.mode, image.size) == ("PNG", "RGB", (128, 128))


def test_samples_csv_describes_every_picture(small_set: Path) -> None:
    with open(small_set / SAMPLES, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 12
    for row in rows:
        assert (small_set / row["file"]).is_file()
        assert row["file"].split("/")[1] == row["class"]
        assert row["model"] in (CAR_MODELS if row["class"] == "car" else TRUCK_MODELS)
        assert row["scene"] in SCENE_KINDS and row["occluder"] in ("", *OCCLUDER_KINDS)


def test_image_dataset_from_directory_loads_it_as_kaggles_notebooks_do(small_set: Path) -> None:
    import keras

    ds = keras.utils.image_dataset_from_directory(
        small_set / "train", labels="inferred", label_mode="binary", image_size=[128, 128],
        interpolation="nearest", batch_size=64, shuffle=True, seed=0,
    )
    assert ds.class_names == ["car", "truck"]
    images, labels = next(iter(ds))
    # "nearest" keeps the files' uint8 pixels unchanged (Kaggle's loading cell then makes them floats).
    assert tuple(images.shape) == (8, 128, 128, 3) and images.dtype.name == "uint8"
    assert tuple(labels.shape) == (8, 1)
    assert sorted(np.asarray(labels).ravel().tolist()) == [0.0] * 4 + [1.0] * 4
    first = np.asarray(Image.open(small_set / "train" / "car" / "car_00000.png"))
    assert any(np.array_equal(first, image) for image in np.asarray(images))


def test_load_datasets_is_kaggles_loading_cell(small_set: Path) -> None:
    train, valid = car_or_truck.load_datasets(folder=small_set, seed=1)
    (x, y), = list(train)
    assert tuple(x.shape) == (8, 128, 128, 3) and x.dtype.name == "float32"
    assert 0.0 <= float(np.min(x)) and float(np.max(x)) <= 1.0 and float(np.max(x)) > 0.5
    assert float(np.mean(y)) == 0.5
    batches = [np.asarray(y).ravel().tolist() for _, y in valid]
    assert batches == [[0.0, 0.0, 1.0, 1.0]]  # validation is not shuffled: cars, then trucks
    assert [np.asarray(y).ravel().tolist() for _, y in valid] == batches  # and the same every epoch


# ------------------------------------------------------------------------------------------- the cache


def test_cache_root_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(car_or_truck.DATA_ENV, str(tmp_path / "mine"))
    assert car_or_truck.cache_root() == tmp_path / "mine"
    monkeypatch.delenv(car_or_truck.DATA_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert car_or_truck.cache_root() == tmp_path / "xdg" / "learntools_cv"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert car_or_truck.cache_root() == tmp_path / "home" / ".cache" / "learntools_cv"
    package = Path(learntools_cv.__file__).resolve().parent
    assert package not in car_or_truck.cache_root().resolve().parents


def test_dataset_dir_builds_once_into_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(car_or_truck.DATA_ENV, str(tmp_path))
    folder = dataset_dir(SMALL)
    assert folder == tmp_path / SMALL.folder_name and (folder / MANIFEST).is_file()
    assert [p.name for p in tmp_path.iterdir()] == [SMALL.folder_name]  # no building folder left behind

    def no_rebuild(*args: object, **kwargs: object) -> None:
        raise AssertionError("built twice")

    monkeypatch.setattr(car_or_truck, "build_dataset", no_rebuild)
    assert dataset_dir(SMALL) == folder


def test_a_failed_build_leaves_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def fail(folder: Path, spec: Spec, progress: object) -> None:
        (Path(folder) / "train").mkdir()
        raise KeyboardInterrupt

    monkeypatch.setattr(car_or_truck, "build_dataset", fail)
    with pytest.raises(KeyboardInterrupt):
        dataset_dir(SMALL, cache=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_says_what_to_do(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    with pytest.raises(OSError, match=car_or_truck.DATA_ENV):
        dataset_dir(SMALL, cache=blocked / "cache")


def test_two_processes_building_at_once_share_one_complete_folder(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from learntools_cv.vision.car_or_truck import Spec, dataset_dir\n"
        f"print(dataset_dir(Spec(train_per_class=6, valid_per_class=3, seed=5), cache={str(tmp_path)!r}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != car_or_truck.DATA_ENV}
    racers = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env) for _ in range(2)]
    outputs = [r.communicate(timeout=300) for r in racers]
    assert [r.returncode for r in racers] == [0, 0], [err[-2000:] for _, err in outputs]
    folders = {out.strip() for out, _ in outputs}
    assert len(folders) == 1
    folder = Path(folders.pop())
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]
    expected = build_dataset(tmp_path.parent / "reference", Spec(train_per_class=6, valid_per_class=3, seed=5))
    assert tree_bytes(folder) == tree_bytes(expected)


# --------------------------------------------------------------------------------------------- the data


def test_every_kind_of_variation_occurs(drawn: dict[str, list[car_or_truck.Drawn]]) -> None:
    everything = drawn["car"] + drawn["truck"]
    assert {d.model for d in drawn["car"]} == set(CAR_MODELS)
    assert {d.model for d in drawn["truck"]} == set(TRUCK_MODELS)
    assert {d.scene for d in everything} == set(SCENE_KINDS)
    assert {d.facing for d in everything} == {"left", "right"}
    occluded = sum(bool(d.occluder) for d in everything) / len(everything)
    assert 0.2 < occluded < 0.5
    lengths, centres = [d.length for d in everything], [d.centre for d in everything]
    assert min(lengths) < 0.55 and max(lengths) > 0.95  # half the picture's width to all of it
    assert min(centres) < 0.35 and max(centres) > 0.65
    assert sum(d.roll != 0 for d in everything) > 30 and max(d.noise for d in everything) > 0.04


def test_backgrounds_colours_and_positions_differ_across_pictures(drawn: dict[str, list[car_or_truck.Drawn]]) -> None:
    images = np.stack([d.image for d in drawn["car"] + drawn["truck"]]).astype(np.float64) / 255
    top_rows = images[:, :8].mean(axis=(1, 2))  # the background above most vehicles: sky, walls, clutter
    assert top_rows.std(axis=0).min() > 0.12
    assert images.mean(axis=(1, 2)).std(axis=0).min() > 0.06
    # No two pictures are alike, and no pixel is the same in all of them (nothing fixed in the frame).
    flat = images.reshape(len(images), -1)
    distances = np.abs(flat[:, None, :1000] - flat[None, :, :1000]).mean(axis=-1) + np.eye(len(flat))
    assert distances.min() > 0.01
    assert images.std(axis=0).min() > 0.05


def test_trucks_differ_from_cars_in_shape_not_colour(drawn: dict[str, list[car_or_truck.Drawn]]) -> None:
    spec = Spec(seed=4)

    def boxiness(kind: str, index: int) -> float:
        """How much of the vehicle's length is as tall as its top (a sixth of its height below the top), with
        the vehicle alone: a car's roof is short, a box, tank or trailer runs along most of a truck."""
        image = car_or_truck.draw(kind, car_or_truck._rng(spec, "train", kind, index), plain=True).image
        filled = np.abs(image.astype(int) - 128).max(axis=-1) > 12
        rows, cols = np.where(filled.any(axis=1))[0], np.where(filled.any(axis=0))[0]
        near_top = rows.min() + (rows.max() - rows.min()) // 6
        return filled[near_top].sum() / (cols.max() - cols.min() + 1)

    cars = np.array([boxiness("car", i) for i in range(40)])
    trucks = np.array([boxiness("truck", i) for i in range(40)])
    # Estates and SUVs have long roofs, pickups and flatbeds short cabs: the classes overlap, but half the
    # trucks (boxes, tanks, trailers, tippers) are boxier than any car.
    assert np.median(trucks) > np.median(cars) + 0.1
    assert np.mean(trucks > cars.max()) > 0.4
    assert np.mean([d.wheels for d in drawn["truck"]]) > 2.5 and {d.wheels for d in drawn["car"]} == {2}
    # ... while the pictures' colours say nothing of the class.
    mean_colour = {k: np.mean([d.image.mean(axis=(0, 1)) for d in v], axis=0) for k, v in drawn.items()}
    assert np.abs(mean_colour["car"] - mean_colour["truck"]).max() < 12  # out of 255


def test_plain_pictures_show_the_vehicle_alone() -> None:
    d = draw("truck", np.random.default_rng(0), plain=True)
    assert (d.scene, d.occluder, d.facing, d.roll, d.noise) == ("plain", "", "right", 0.0, 0.0)
    assert (d.image[:4] == 128).all()  # the flat grey background, untouched at the top


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        draw("bus", np.random.default_rng(0))
    with pytest.raises(ValueError, match="split"):
        car_or_truck.draw_file(SMALL, "test", "car", 0)
    with pytest.raises(ValueError):
        Spec(train_per_class=0)
    with pytest.raises(ValueError):
        Spec(size=16)


def test_a_folder_holding_a_data_set_is_not_overwritten(small_set: Path) -> None:
    with pytest.raises(FileExistsError):
        build_dataset(small_set, SMALL)


def test_the_default_spec_and_its_folder_name() -> None:
    default = car_or_truck.DEFAULT
    assert (default.train_per_class, default.valid_per_class, default.size) == (600, 300, 128)
    names = {Spec().folder_name, Spec(seed=1).folder_name, Spec(train_per_class=601).folder_name,
             Spec(valid_per_class=301).folder_name, Spec(size=64).folder_name}
    assert len(names) == 5 and all(f"-v{car_or_truck.VERSION}-" in n for n in names)


def test_the_class_counts_balance(small_set: Path) -> None:
    with open(small_set / SAMPLES, newline="") as f:
        counts = collections.Counter((row["file"].split("/")[0], row["class"]) for row in csv.DictReader(f))
    assert counts == {("train", "car"): 4, ("train", "truck"): 4, ("valid", "car"): 2, ("valid", "truck"): 2}
