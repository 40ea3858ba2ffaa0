"""Images shipped with learntools_cv, found by name.

Both images are drawings made by `tools/make_images.py` (run it to regenerate them); neither is a photograph.

- ``"car_illustration"``: a flat-coloured cartoon car seen from the side, 400x400 RGB. The exercise reads it in
  grayscale, embosses it and pools it.
- ``"street_scene"``: a shaded delivery van in front of a brick wall, with a tree and a lamp post, 400 wide by
  300 high, RGB. It plays the part of the tutorial's car photo: its bricks, leaves and road markings give an
  edge-detection kernel plenty of edges of different strengths.

This module does not import TensorFlow; read the images with `learntools_cv.visiontools.read_image`. The
pretrained base's weights (`pretrained_base.keras`, with the record of how they were made beside it) live here
too; `learntools_cv.vision.pretrained` loads them.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["IMAGE_NAMES", "image_path", "lesson_images"]

IMAGE_NAMES: tuple[str, ...] = ("car_illustration", "street_scene")

_DATA_DIR = Path(__file__).resolve().parent


def image_path(name: str) -> Path:
    """The path of the shipped image called `name`, one of `IMAGE_NAMES`.

    Raises `ValueError` (listing the valid names) for an unknown name, and `FileNotFoundError` if the file
    is missing from the installation.
    """
    if name not in IMAGE_NAMES:
        valid = ", ".join(repr(n) for n in IMAGE_NAMES)
        raise ValueError(f"Unknown image name {name!r}. Valid names: {valid}.")
    path = _DATA_DIR / f"{name}.png"
    if not path.is_file():
        raise FileNotFoundError(f"The image {name!r} should be at {path}, but that file is missing.")
    return path


def lesson_images() -> dict[str, Path]:
    """Every shipped image, as a dict from name to path, in the order of `IMAGE_NAMES`."""
    return {name: image_path(name) for name in IMAGE_NAMES}
