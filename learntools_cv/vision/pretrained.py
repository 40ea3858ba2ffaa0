"""The pretrained convolutional base that lessons 1 and 6 build their classifiers on: small, and this project's own.

Kaggle's course loads VGG16 and InceptionV1 bases, pretrained on ImageNet photos, from a Kaggle data set; they
cannot be downloaded where these lessons run and Keras 3 does not load their format. This base stands in
for them. It is **not** VGG16 and has never seen a photo: `tools/train_base.py` trained it here, from random
weights, to tell apart 37 classes of drawn objects that are not vehicles (`objects.OBJECT_CLASSES`: shapes,
houses, trees, fish, sailboats, clocks, ...) in the same kinds of scenes as the Car-or-Truck pictures, then kept
its convolutional layers. So a car-or-truck head on it transfers what the base learnt on another task.

- `load_base()`: the base, read from `data/pretrained_base.keras` (a Keras 3 file shipped in the package),
  ready to freeze. `base_path()` is that file, for `keras.models.load_model(base_path())` as in Kaggle.
- `build_base()`: the same layers with fresh random weights, to compare with, or to train anew.
- `training_record()`: how the shipped weights were made (classes, pictures, epochs, accuracy, time).

The base takes (batch, 128, 128, 3) float pixel values in [0, 1], as Kaggle's loading cell gives them
(`image_dataset_from_directory(..., interpolation="nearest")` yields uint8 pictures, and its
`tf.image.convert_image_dtype(image, tf.float32)` step scales them to [0, 1]), and returns (batch, 8, 8, 64)
feature maps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import keras

__all__ = ["BASE_FILE", "BLOCKS", "IMAGE_SHAPE", "RECORD_FILE", "base_path", "build_base", "load_base",
           "training_record"]

_DATA = Path(__file__).resolve().parent / "data"

BASE_FILE = "pretrained_base.keras"
RECORD_FILE = "pretrained_base.json"

IMAGE_SHAPE: tuple[int, int, int] = (128, 128, 3)
"""The input the base was built for: 128x128 RGB, as Kaggle's Car-or-Truck lessons load their images."""

BLOCKS: tuple[int, ...] = (16, 32, 64, 64)
"""Filters of the convolution in each block; every block halves the picture with a 2x2 max pool."""


def base_path() -> Path:
    """The shipped base's file (Keras 3 format), inside the installed package."""
    path = _DATA / BASE_FILE
    if not path.is_file():
        raise FileNotFoundError(f"The pretrained base should be at {path}, but that file is missing; "
                                "`python tools/train_base.py` makes it.")
    return path


def build_base(input_shape: tuple[int, int, int] = IMAGE_SHAPE, name: str = "pretrained_base") -> keras.Sequential:
    """The base's layers with fresh random weights (Keras' default initialisers; seed them with
    `keras.utils.set_random_seed` for the same ones every time)."""
    from learntools_cv.core.tensorflow_quietly import tensorflow

    tensorflow()
    import keras

    layers: list[Any] = [keras.Input(shape=input_shape, name="image")]
    for block, filters in enumerate(BLOCKS, start=1):
        layers += [
            keras.layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"block{block}_conv"),
            keras.layers.BatchNormalization(name=f"block{block}_norm"),
            keras.layers.ReLU(name=f"block{block}_relu"),
            keras.layers.MaxPool2D(2, name=f"block{block}_pool"),
        ]
    return keras.Sequential(layers, name=name)


def load_base() -> keras.Sequential:
    """The pretrained base, read from the package (nothing is downloaded). Its weights are trainable as
    loaded: freeze it with `base.trainable = False`."""
    from learntools_cv.core.tensorflow_quietly import tensorflow

    tensorflow()
    import keras

    return keras.models.load_model(base_path())


def training_record() -> dict[str, Any]:
    """How the shipped weights were made, as `tools/train_base.py` wrote it next to them."""
    return json.loads((_DATA / RECORD_FILE).read_text(encoding="utf-8"))
