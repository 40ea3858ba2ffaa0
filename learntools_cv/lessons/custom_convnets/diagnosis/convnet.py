"""Lesson 5's models and numbers: the custom convnet the exercise asks for (`CONVNET`), the model its first
cell starts from (`STARTER`, block three still empty), the tutorial's (`TUTORIAL`), and the checkers of the
bonus questions on what the convnet's blocks output and where its parameters are.

The models are `learntools_cv.vision.models.Blueprint`s: Keras layers made only when a check first needs
them, so importing this module loads no TensorFlow.

Why these sizes (measured by `benchmarks/training.py`, docs/lessons/ex5_custom_convnets.md): Kaggle's
convnet (32; 64; 128, 128 filters on 128x128 pictures, a `Dense(6)` head) takes 23 to 35 s an epoch here and
stays at chance within a minute. On 64x64 pictures, with half the filters (16; 32; 64, 64), batches of 32 and a
`Dense(32)` head, an epoch takes under a second and the model learns.
"""

from __future__ import annotations

import numbers
from typing import Any

from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code, short_repr
from learntools_cv.vision.models import Block, Blueprint

IMAGE_SIZE = 64
"""The side of the pictures the lesson's models take, loaded with `image_size=[64, 64]`."""

INPUT_SHAPE = (IMAGE_SIZE, IMAGE_SIZE, 3)


def _conv(filters: int, kernel_size: int = 3) -> Any:
    from keras import layers

    return layers.Conv2D(filters=filters, kernel_size=kernel_size, activation="relu", padding="same")


def _pool() -> Any:
    from keras import layers

    return layers.MaxPool2D()


def _head(dropout: bool) -> list[Any]:
    from keras import layers

    return [layers.Flatten(), layers.Dense(32, activation="relu"),
            *([layers.Dropout(0.2)] if dropout else []), layers.Dense(1, activation="sigmoid")]


BLOCK_ONE = Block("block one", lambda: [_conv(16), _pool()],
                  "Block one is a `Conv2D` layer with 16 filters, then a `MaxPool2D` layer.")
BLOCK_TWO = Block("block two", lambda: [_conv(32), _pool()],
                  "Block two is a `Conv2D` layer with 32 filters, then a `MaxPool2D` layer.")
BLOCK_THREE = Block(
    "block three", lambda: [_conv(64), _conv(64), _pool()],
    "Block three is two `Conv2D` layers with 64 filters (3x3 kernels, the ReLU, 'same' padding), then a "
    "`MaxPool2D` layer: add them where the cell says `# YOUR CODE HERE`.",
)
HEAD = Block("the head", lambda: _head(dropout=True),
             "The head is a `Flatten` layer, a `Dense` layer of 32 units with the ReLU, a `Dropout` layer of rate "
             "0.2 and a `Dense` layer of 1 unit with the sigmoid.")

CONVNET = Blueprint(INPUT_SHAPE, (BLOCK_ONE, BLOCK_TWO, BLOCK_THREE, HEAD))
"""The model question 1 asks for."""

STARTER = Blueprint(INPUT_SHAPE, (BLOCK_ONE, BLOCK_TWO, HEAD))
"""The model question 1's cell starts from: block three is still empty."""

TUTORIAL = Blueprint(INPUT_SHAPE, (
    Block("block one", lambda: [_conv(16, kernel_size=5), _pool()], ""),
    BLOCK_TWO,
    Block("block three", lambda: [_conv(64), _pool()], ""),
    Block("the head", lambda: _head(dropout=False), ""),
))
"""The tutorial's model: three blocks of one convolution each, and a head without dropout."""

BLOCK_THREE_SHAPE = (8, 8, 64)
"""What block three outputs for one 64x64 picture: three poolings halve 64 to 8; 64 filters."""

DENSE_INPUTS = 8 * 8 * 64
DENSE_PARAMS = DENSE_INPUTS * 32 + 32
"""The head's first dense layer: a weight for each of the 4,096 flattened values and each of its 32 units,
and a bias for each unit: 131,104 of the convnet's 191,649 parameters."""

MODEL_PARAMS = 191_649


def _whole_number(value: Any, name: str) -> int | None:
    """`value` as an int if it is a whole number (int, numpy integer, or a float with no fraction), else None."""
    try:  # a learner's object whose attributes or numbers raise is no whole number
        if type(value) is bool:
            return None
        if isinstance(value, numbers.Integral):
            return int(value)
        if isinstance(value, numbers.Real) and float(value).is_integer():
            return int(value)
    except Exception:
        return None
    return None


def judge_block_shape(answer: Any, name: str = "block_three_shape") -> None:
    """The shape block three outputs for one picture, (height, width, channels)."""
    if not isinstance(answer, (tuple, list)):
        raise Incorrect(f"{code(name)} should be a tuple of three whole numbers, (height, width, channels), but "
                        f"it is {code(short_repr(answer, 40))}.", mistake="not-a-shape")
    items = list(answer)
    if len(items) == 4 and items[0] is None:
        raise Incorrect(f"{code(name)} starts with `None`, the batch axis, which Keras puts in front of every "
                        "shape it prints. This question asks for the shape of what block three outputs for one "
                        "picture: leave the batch axis out.", mistake="batch-axis")
    numbers_ = [_whole_number(v, name) for v in items]
    if len(items) != 3 or any(n is None for n in numbers_):
        raise Incorrect(f"{code(name)} should hold three whole numbers, (height, width, channels), but it is "
                        f"{code(short_repr(answer, 40))}.", mistake="not-a-shape")
    height, width, channels = (int(n) for n in numbers_ if n is not None)
    want_side, _, want_channels = BLOCK_THREE_SHAPE
    if (height, width, channels) == BLOCK_THREE_SHAPE:
        return
    if (height, width) == (want_side, want_side):
        raise Incorrect(f"The height and width are right, but block three outputs {want_channels} channels, not "
                        f"{channels}: a convolution outputs one feature map per filter, and block three's last "
                        f"convolution has {want_channels} filters.", mistake="wrong-channels")
    if (height, width) == (2 * want_side, 2 * want_side):
        raise Incorrect(f"{height}x{width} is what block two outputs, before block three's pooling. Block three's "
                        "convolutions keep that size ('same' padding), then its `MaxPool2D` halves it.",
                        mistake="pooling-left-out")
    if (height, width) == (IMAGE_SIZE, IMAGE_SIZE):
        raise Incorrect(f"{height}x{width} is the size of the pictures. 'Same' padding keeps the size through "
                        "each convolution, but each block's `MaxPool2D` halves it: three blocks, three halvings.",
                        mistake="no-pooling")
    if (height, width) == (want_side // 2, want_side // 2):
        raise Incorrect(f"{height}x{width} halves the picture four times, but the model pools three times, once "
                        "a block.", mistake="pooled-too-often")
    if height != width:
        raise Incorrect(f"The pictures are square ({IMAGE_SIZE}x{IMAGE_SIZE}), and every layer treats height "
                        f"and width alike, so block three's output is square too, not {height}x{width}.",
                        mistake="not-square")
    raise Incorrect(f"Block three does not output {height}x{width}x{channels}. Follow the picture's size through "
                    "the blocks: 'same' padding keeps it, each `MaxPool2D` halves it, and the channels are the "
                    "last convolution's filters.", mistake="wrong-shape")


def judge_dense_params(answer: Any, name: str = "dense_params") -> None:
    """The parameters of the head's first dense layer."""
    number = _whole_number(answer, name)
    if number is None:
        raise Incorrect(f"{code(name)} should be a whole number of parameters, but it is "
                        f"{code(short_repr(answer, 40))}.", mistake="not-a-number")
    if number == DENSE_PARAMS:
        return
    if number == DENSE_INPUTS * 32:
        raise Incorrect(f"{number:,} counts the weights but not the biases: each of the 32 units adds a bias to "
                        "its weighted sum, so add 32.", mistake="biases-left-out")
    if number == DENSE_INPUTS:
        raise Incorrect(f"{number:,} is how many values `Flatten` passes to the dense layer. Each of its 32 units "
                        "has a weight for every one of them, and a bias.", mistake="inputs-not-params")
    if number == 64 * 32 + 32:
        raise Incorrect(f"{number:,} is what a dense layer on the 64 channels alone would have. `Flatten` passes "
                        "on every value of the 8x8x64 maps, 4,096 of them, and each of the 32 units has a weight "
                        "for every one.", mistake="channels-only")
    if number == MODEL_PARAMS:
        raise Incorrect(f"{number:,} is the whole model's count (`model.count_params()`). This question asks "
                        "for the head's first dense layer alone.", mistake="whole-model")
    shown = f"{number:,}" if abs(number) < 10**15 else "that many"
    raise Incorrect(f"The head's first dense layer does not have {shown} parameters. It has 32 units; each has "
                    "a weight for every value `Flatten` passes on (how many values does block three output?) and "
                    "a bias.", mistake="wrong-count")
