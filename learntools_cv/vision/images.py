"""Reading pictures for the lesson notebooks, and seeding everything random. Imports TensorFlow (quietly, see
`tensorflow_quietly`) and Keras."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from learntools_cv.core.tensorflow_quietly import tensorflow
from learntools_cv.vision.patterns import Size, _size

tf = tensorflow()
import keras  # noqa: E402 (after TensorFlow, whose start-up log is kept out above)

__all__ = ["read_image", "set_seed"]


def set_seed(seed: int) -> None:
    """Seed Python's `random`, NumPy's global generator, TensorFlow and Keras, so a notebook repeats exactly."""
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    # keras.utils.set_random_seed also seeds random, numpy and TensorFlow; the explicit calls keep this
    # function's promise even if a future Keras stops doing so.
    random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)
    keras.utils.set_random_seed(seed)


def read_image(path: str | Path, channels: int = 1, size: Size | None = None) -> tf.Tensor:
    """Read a PNG or JPEG file as a float32 `tf.Tensor` of shape (height, width, channels), values in [0, 1].

    `channels` is 1 (grayscale), 3 (RGB) or 4 (RGBA). `size` (an int for a square, or (height, width)) resizes
    the image with bilinear interpolation, as `tf.image.resize` does by default.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No image file at {path}")
    if channels not in (1, 3, 4):
        raise ValueError(f"channels must be 1, 3 or 4, got {channels!r}")
    contents = tf.io.read_file(str(path))
    # decode_image tells PNG from JPEG itself; expand_animations=False keeps a GIF to one rank-3 frame.
    image = tf.io.decode_image(contents, channels=channels, expand_animations=False)
    image = tf.image.convert_image_dtype(image, tf.float32)
    if size is not None:
        image = tf.image.resize(image, _size(size))
        image = tf.clip_by_value(image, 0.0, 1.0)
    return image
