"""Lesson 6's models and its bonus check: the convnet with augmentation layers that the exercise asks for
(`AUGMENTED`), the model its cell starts from (`STARTER`, no augmentation yet), and the judge of the two views
of one picture, augmented in training mode and in inference mode.

The models are `learntools_cv.vision.models.Blueprint`s: Keras layers made only when a check first needs
them, so importing this module loads no TensorFlow.

Kaggle's model (64; 128; 256, 256 filters, `Dense(8)`, on 128x128 pictures) is far too slow to train here in
a minute; this one keeps its shape (augmentation, then batch normalization before each block and before the
head) with lesson 5's sizes: 64x64 pictures, 16; 32; 64, 64 filters. Kaggle's `BatchNormalization(renorm=True)`
becomes plain `BatchNormalization()`: Keras 3 still has batch renormalization, but with it this model stayed at
chance within the lesson's 30 epochs, where plain batch normalization learns (benchmarks/training.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code
from learntools_cv.core.values import inspect_array, load_array
from learntools_cv.vision.models import Block, Blueprint

IMAGE_SIZE = 64
INPUT_SHAPE = (IMAGE_SIZE, IMAGE_SIZE, 3)


def _norm() -> Any:
    from keras import layers

    return layers.BatchNormalization()


def _conv(filters: int) -> Any:
    from keras import layers

    return layers.Conv2D(filters=filters, kernel_size=3, activation="relu", padding="same")


def _pool() -> Any:
    from keras import layers

    return layers.MaxPool2D()


def _augmentation() -> list[Any]:
    from keras import layers

    return [layers.RandomContrast(factor=0.10), layers.RandomFlip(mode="horizontal"),
            layers.RandomRotation(factor=0.10)]


def _head() -> list[Any]:
    from keras import layers

    return [_norm(), layers.Flatten(), layers.Dense(8, activation="relu"), layers.Dense(1, activation="sigmoid")]


AUGMENTATION = Block(
    "the augmentation", _augmentation,
    "Add the three layers the question gives, `layers.RandomContrast(factor=0.10)`, "
    "`layers.RandomFlip(mode='horizontal')` and `layers.RandomRotation(factor=0.10)`, right after the input, "
    "where the cell says `# YOUR CODE HERE`.",
    # Keras 3.15 reads `factor=0.10` as (0, 0.10): contrast factors from 1 to 1.1. Kaggle's TensorFlow 2 read it
    # as from 0.9 to 1.1, which `factor=(0.10, 0.10)` gives here: both are what the question asks.
    accept={0: {"contrast": ((0.9, 1.1),)}},
)
_GIVEN = "as the cell gave it"
BLOCKS = (
    Block("block one", lambda: [_norm(), _conv(16), _pool()],
          f"Block one is a `BatchNormalization` layer, a `Conv2D` layer with 16 filters and a `MaxPool2D` layer, {_GIVEN}."),
    Block("block two", lambda: [_norm(), _conv(32), _pool()],
          f"Block two is a `BatchNormalization` layer, a `Conv2D` layer with 32 filters and a `MaxPool2D` layer, {_GIVEN}."),
    Block("block three", lambda: [_norm(), _conv(64), _conv(64), _pool()],
          "Block three is a `BatchNormalization` layer, two `Conv2D` layers with 64 filters and a `MaxPool2D` "
          f"layer, {_GIVEN}."),
    Block("the head", _head, "The head is a `BatchNormalization` layer, a `Flatten` layer, a `Dense` layer of 8 "
          f"units with the ReLU and a `Dense` layer of 1 unit with the sigmoid, {_GIVEN}."),
)

AUGMENTED = Blueprint(INPUT_SHAPE, (AUGMENTATION, *BLOCKS))
"""The model question 3 asks for."""

STARTER = Blueprint(INPUT_SHAPE, BLOCKS)
"""The model question 3's cell starts from: no augmentation yet."""


def _picture(value: Any, name: str) -> np.ndarray:
    info = inspect_array(value, name, what="a picture (a tensor or an array)")
    return load_array(info, name).astype(np.float64)


def judge_views(trained_view: Any, inference_view: Any, picture: Any) -> None:
    """`trained_view` must be `picture` augmented (changed, same shape), `inference_view` the picture as it is."""
    original = _picture(picture, "picture")
    trained = _picture(trained_view, "trained_view")
    inference = _picture(inference_view, "inference_view")
    for name, view in (("trained_view", trained), ("inference_view", inference)):
        if view.shape != original.shape:
            raise Incorrect(f"{code(name)} has shape {code(str(view.shape))}, but `picture` has shape "
                            f"{code(str(original.shape))}: augmentation layers give back pictures of the shape they "
                            "are given.", mistake="wrong-shape")
    scale = max(1.0, float(np.abs(original).max(initial=0.0)))
    if original.size == 0 or float(original.std()) < 1e-3 * scale:
        raise Incorrect("`picture` is the same value everywhere, and no contrast change or flip can change such "
                        "a picture, so its two views cannot show what the modes do. Take a picture from the data "
                        "set, as the notebook's cell does.", mistake="blank-picture")
    trained_unchanged = np.allclose(trained, original, atol=1e-5 * scale)
    inference_unchanged = np.allclose(inference, original, atol=1e-5 * scale)
    if trained_unchanged and not inference_unchanged:
        raise Incorrect("The two views are the wrong way round: `trained_view` is the picture as it is and "
                        "`inference_view` is augmented. `training=True` is the mode that augments.",
                        mistake="views-swapped")
    if not inference_unchanged:
        raise Incorrect("`inference_view` is not the picture as it is: it looks augmented. Called without "
                        "`training=False`, Keras 3's augmentation layers augment, as in training; in inference "
                        "(`predict`, `evaluate`, or `augment(picture, training=False)`) they leave pictures alone.",
                        mistake="augmented-in-inference")
    if trained_unchanged:
        raise Incorrect("`trained_view` is the picture unchanged: in inference mode (`training=False`) the "
                        "augmentation layers do nothing. Call `augment(picture, training=True)`, as `fit` does for "
                        "every batch.", mistake="not-training")
