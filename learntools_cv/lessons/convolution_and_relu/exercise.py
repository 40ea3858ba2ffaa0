"""Lesson 2, Convolution and ReLU: the exercise's questions (bound for learners by
`learntools_cv.computer_vision.ex2`).

q_1 to q_4 follow the lesson's exercise: choose a kernel (`kernel`), name the backend function of the filter
step (`conv_fn`) and of the detect step (`relu_fn`), and think through a convolution on a small grid of
numbers. q_5 to q_7 are bonus questions (they do not count towards completion): a convolution and a ReLU
written in numpy, and a kernel that brings out the horizontal edges of a street picture.

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.computer_vision.ex2 import *

Every check judges values. `q_1` accepts any 3x3 kernel of numbers and checks the maps the notebook made with
it against the reference ops run on the learner's own picture; `q_2` and `q_3` call the learner's function
as the notebook does, on test inputs, and compare what it computes with `tf.nn.conv2d` and `tf.nn.relu`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core import CS, FunctionQuestion, Mistake, Question, ThoughtQuestion
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.functions import ArrayFunctionTask, Variant
from learntools_cv.core.values import inspect_array
from learntools_cv.lessons.convolution_and_relu.diagnosis.backend import (
    CALL_SECONDS,
    ConvFunctionTask,
    ReluFunctionTask,
)
from learntools_cv.lessons.convolution_and_relu.diagnosis.kernels import MapsTask, check_conv2d_dtype, read_kernel
from learntools_cv.lessons.convolution_and_relu.diagnosis.orientation import OrientationTask

# The notebook state the questions are checked in: what the exercise's setup cells create. The self-check
# (`learntools-cv check-questions learntools_cv.computer_vision.ex2`) runs it before each solution and mistake.
SETUP_CODE = """
from learntools_cv import visiontools  # first: TensorFlow without its start-up log
from learntools_cv.data import image_path
import numpy as np
import tensorflow as tf

image = visiontools.read_image(image_path('car_illustration'), channels=1, size=400)
image = tf.expand_dims(image, axis=0)
"""

# The cells after question 1 make the maps: `kernel` reshaped to (3, 3, 1, 1) and cast to float32, then
# `image_filter = conv_fn(input=image, filters=kernel, strides=1, padding='SAME')` and
# `image_detect = relu_fn(image_filter)`.
MAPS = MapsTask(made_by="the cells after question 1 (they reshape the kernel, filter and detect)")

# A learner's maps, for the declared mistakes: `image` filtered with `kernel` as the notebook does.
_MAKE_MAPS = (
    "image_filter = tf.nn.conv2d(image, tf.cast(tf.reshape(kernel, [3, 3, 1, 1]), tf.float32), 1, 'SAME')\n"
    "image_detect = tf.nn.relu(image_filter)\n"
)
_EDGE = "tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])"


class ChooseKernel(Question):
    """q_1: the learner's kernel, and the maps the notebook made with it (once they exist)."""

    hints = [
        "A kernel is a small grid of numbers. Yours should look like:\n\n```python\nkernel = tf.constant([\n"
        "    [ _, _, _ ],\n    [ _, _, _ ],\n    [ _, _, _ ],\n])\n```",
        "Any numbers will do. The positive ones pick out the pattern the kernel looks for: for example a "
        "column of positive numbers beside a column of negative ones finds vertical edges. Try one of the "
        "kernels shown above, or invent your own.",
    ]
    solution = CS(
        """# This is one possibility: it finds vertical edges that are darker on the left.
kernel = tf.constant([
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
])"""
    )
    mistakes = [
        Mistake(f"kernel = tf.reshape({_EDGE}, [1, 1, 3, 3])", "in an order `tf.nn.conv2d` reads as a 1x1 kernel",
                id="kernel-4d"),
        Mistake(f"kernel = tf.reshape({_EDGE}, [3, 3, 1, 1])", "and `tf.nn.conv2d` refuses filters whose dtype",
                id="kernel-dtype"),
        Mistake("kernel = tf.constant([-1, -1, -1, -1, 8, -1, -1, -1, -1])", "it holds 9 numbers, but a 3x3 kernel",
                id="kernel-reshaped"),
        Mistake(f"kernel = {_EDGE}\nkernel = tf.reshape(kernel, [*kernel.shape, 1, 1])\n"
                "kernel = tf.reshape(kernel, [*kernel.shape, 1, 1])", "were added more than once",
                id="kernel-reshaped-twice"),
        Mistake("kernel = tf.constant([[1, -1], [1, -1]])", "but question 1 asks for a 3x3 kernel", id="kernel-size"),
        Mistake("kernel = tf.zeros([3, 3])", "is all zeros, so filtering with it gives a blank map", id="zero-kernel"),
        Mistake(f"kernel = {_EDGE}\n{_MAKE_MAPS}kernel = tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])",
                "was made with another kernel", id="maps-from-earlier-kernel"),
        Mistake(f"image = tf.fill([1, 400, 400, 1], 0.5)\nkernel = {_EDGE}\n{_MAKE_MAPS}",
                "is the same value (0.5) at every pixel", id="blank-image"),
        Mistake(f"kernel = -tf.ones([3, 3])\n{_MAKE_MAPS}", "Your kernel finds nothing in this picture",
                id="nothing-detected"),
        Mistake(f"kernel = {_EDGE}\n{_MAKE_MAPS}image_detect = image_filter", "it is `image_filter` unchanged",
                id="detect-not-rectified"),
        Mistake(f"kernel = {_EDGE}\n{_MAKE_MAPS}image_detect = tf.nn.sigmoid(image_filter)",
                "is the sigmoid of `image_filter`, not its ReLU", id="detect-not-relu"),
        Mistake(f"kernel = {_EDGE}\n{_MAKE_MAPS}image_filter = tf.nn.relu(image_filter)",
                "so the convolution function also applied the ReLU", id="filter-rectified"),
        Mistake("kernel = 'edge'", "`kernel` is a string", id="string"),
    ]

    def check(self, kernel: Any, image: Any = None, image_filter: Any = None, image_detect: Any = None) -> None:
        chosen = read_kernel(kernel, "kernel")
        check_conv2d_dtype(chosen, "kernel", _dtype_of(image))
        MAPS.judge(chosen, image, image_filter, image_detect)


def _dtype_of(image: Any) -> np.dtype:
    """The picture's dtype (float32 when there is no readable picture, as the notebook's is)."""
    if image is None:
        return np.dtype(np.float32)
    try:
        return inspect_array(image, "image").dtype
    except Incorrect:
        return np.dtype(np.float32)


CONV = ConvFunctionTask()


class ConvolutionFunction(Question):
    """q_2: the backend function of the filter step, judged by what it computes."""

    _timeout = CALL_SECONDS  # what one call of the learner's function may take (learntools' name for it)

    @property
    def is_function(self) -> bool:
        return True  # the answer is a function, which the check calls

    hints = [
        "The function is in TensorFlow's `tf.nn` module, and the next cell calls it with `input`, `filters`, "
        "`strides` and `padding`.",
        "A picture has two dimensions, rows and columns, and so does the convolution that filters it. Give "
        "the function itself, without calling it: no parentheses.",
    ]
    solution = CS("conv_fn = tf.nn.conv2d")
    mistakes = [
        Mistake("conv_fn = tf.nn.conv1d", "is a one-dimensional convolution", id="conv1d"),
        Mistake("conv_fn = tf.nn.depthwise_conv2d", "is a depthwise convolution", id="depthwise"),
        Mistake("conv_fn = tf.keras.layers.Conv2D", "is the Keras layer class `Conv2D`", id="keras-layer-class"),
        Mistake("conv_fn = tf.keras.layers.Conv2D(filters=1, kernel_size=3)", "is a Keras `Conv2D` layer",
                id="keras-layer"),
        Mistake("conv_fn = tf.nn.conv2d(input=image, filters=tf.ones([3, 3, 1, 1]), strides=1, padding='SAME')",
                "the result of calling a function, not the function", id="called-result"),
        Mistake("conv_fn = tf.keras.ops.conv", "does not take them by the names the next cell uses",
                id="argument-names"),
        Mistake("conv_fn = tf.nn.relu", "computes the ReLU, the detect step of question 3", id="relu-not-conv"),
        Mistake("conv_fn = lambda input, filters, strides, padding: tf.nn.relu(\n"
                "    tf.nn.conv2d(input, filters, strides, padding))", "also applies the ReLU", id="adds-relu"),
        Mistake("conv_fn = lambda input, filters, strides, padding: tf.nn.conv2d(\n"
                "    input, tf.reverse(filters, [0, 1]), strides, padding)", "turns each kernel upside down",
                id="kernel-flipped"),
        Mistake("conv_fn = 'tf.nn.conv2d'", "a name written as text", id="function-name-string"),
        Mistake("conv_fn = tf.nn", "which holds many functions", id="module"),
        Mistake("conv_fn = None", "`conv_fn` is `None`", id="none"),
    ]

    def check(self, conv_fn: Any) -> None:
        CONV.judge(conv_fn)


RELU = ReluFunctionTask()


class ReluFunction(Question):
    """q_3: the backend function of the detect step, judged by what it computes."""

    _timeout = CALL_SECONDS  # what one call of the learner's function may take (learntools' name for it)

    @property
    def is_function(self) -> bool:
        return True  # the answer is a function, which the check calls

    hints = [
        "The function is in TensorFlow's `tf.nn` module. The next cell calls it with one argument, the "
        "filtered map.",
        "The rectified linear unit keeps positive values and sets negative ones to 0. Give the function "
        "itself, without calling it: no parentheses.",
    ]
    solution = CS("relu_fn = tf.nn.relu")
    mistakes = [
        Mistake("relu_fn = tf.nn.relu6", "is ReLU6", id="relu6"),
        Mistake("relu_fn = tf.nn.leaky_relu", "is a leaky ReLU: it multiplies negative values by 0.2", id="leaky-relu"),
        Mistake("relu_fn = tf.nn.sigmoid", "is the sigmoid", id="sigmoid"),
        Mistake("relu_fn = tf.keras.layers.ReLU", "is the Keras layer class `ReLU`", id="keras-layer-class"),
        Mistake("relu_fn = tf.keras.layers.ReLU()", "is a Keras `ReLU` layer", id="keras-layer"),
        Mistake("relu_fn = tf.nn.relu(tf.constant([-1.0, 2.0]))", "the result of calling a function",
                id="called-result"),
        Mistake("relu_fn = 'relu'", "the name a Keras layer takes", id="activation-name"),
        Mistake("relu_fn = tf.maximum", "needs two arguments", id="two-arguments"),
        Mistake("relu_fn = tf.identity", "returns its input unchanged", id="identity"),
        Mistake("relu_fn = tf.abs", "makes negative values positive", id="abs"),
        Mistake("relu_fn = tf.nn.elu", "is ELU", id="elu"),
        Mistake("relu_fn = tf.nn.softplus", "is softplus", id="softplus"),
        Mistake("relu_fn = tf.nn.conv2d", "raised", id="function-raised"),
    ]

    def check(self, relu_fn: Any) -> None:
        RELU.judge(relu_fn)


class ObserveConvolution(ThoughtQuestion):
    hints = ((
        "For each 2x2 window, the kernel adds the two pixels on the left and subtracts the two on the right. "
        "Where in the picture is the left side of a window brighter than its right side?"
    ),)
    solution = (
        "The kernel adds up the left column of each 2x2 window and subtracts the right column, so it answers "
        "a change of brightness from left to right. Just to the right of the vertical line, the window's left "
        "column is bright and its right column dark: the filtered value is 2. Just to its left it is the "
        "other way round, and the value is -2. Along the horizontal line the left and right columns are equally "
        "bright and cancel, so the line gives 0, except at its left end (-1). After the ReLU only the positive "
        "values are left: a single vertical stripe of 2s. The kernel detects vertical edges where the picture "
        "gets darker to the right, and the horizontal line is gone."
    )


def _convolve(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    return reference.conv2d(image, kernel, 1, "VALID")


def _convolutions() -> Any:
    """Pictures (sides 1..8) with kernels that fit in them (sides 1..3), values in [-100, 100]."""
    from hypothesis import strategies as st
    from hypothesis.extra.numpy import arrays

    values = st.floats(-100, 100, allow_nan=False, allow_infinity=False, width=32)

    @st.composite
    def pair(draw: Any) -> tuple[np.ndarray, np.ndarray]:
        kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
        h, w = draw(st.integers(kh, 8)), draw(st.integers(kw, 8))
        return draw(arrays(np.float64, (h, w), elements=values)), draw(arrays(np.float64, (kh, kw), elements=values))

    return pair()


HAND_CONV = ArrayFunctionTask(
    name="convolve_numpy",
    reference=_convolve,
    argument=("image", "kernel"),
    computes="the convolution (stride 1, 'VALID' padding)",
    fixed_inputs=(
        (
            np.array([[0.0, 1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 5.0, 7.0, 9.0], [2.0, 0.0, -2.0, 1.0, 0.5],
                      [4.0, -1.0, 0.0, 2.0, 3.0]]),
            np.array([[1.0, 2.0], [0.0, -1.0]]),
        ),
        (
            np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0], [2.0, 0.0, 1.5]]),
            np.array([[0.0, 1.0, 0.0], [-1.0, 2.0, 1.0], [0.0, 3.0, 0.0]]),
        ),
    ),
    strategy=_convolutions,
    variants=(
        Variant(
            "kernel-flipped",
            lambda image, kernel: _convolve(image, kernel[::-1, ::-1]),
            "turns the kernel upside down and back to front before sliding it, as a mathematician's convolution "
            "does; `tf.nn.conv2d` slides it as it is",
        ),
        Variant(
            "same-padding",
            lambda image, kernel: reference.conv2d(image, kernel, 1, "SAME"),
            "pads the picture with zeros and keeps its size, as `padding='SAME'` does. This question asks for "
            "'VALID' padding: only the positions where the whole kernel fits on the picture",
        ),
        Variant(
            "one-short",
            lambda image, kernel: _convolve(image, kernel)[:-1, :-1],
            "stops one position short: it leaves out the last row and the last column of positions. With a "
            "picture of height `h` and a kernel of height `kh` there are `h - kh + 1` rows of positions",
        ),
        Variant(
            "mean-not-sum",
            lambda image, kernel: _convolve(image, kernel) / kernel.size,
            "averages the products under the kernel instead of adding them up",
        ),
    ),
    max_examples=40,
)


class WriteConvolution(FunctionQuestion):
    bonus = True
    hints = [
        "The result has `h - kh + 1` rows and `w - kw + 1` columns. At each position (i, j), put the kernel on "
        "the window of the picture that starts there and add up the products.",
        "`image[i:i + kh, j:j + kw]` is the window at (i, j), and `(window * kernel).sum()` is the filtered "
        "value. Don't flip the kernel: TensorFlow's convolution slides it as it is.",
    ]
    solution = CS(
        """def convolve_numpy(image, kernel):
    h, w = image.shape
    kh, kw = kernel.shape
    out = np.empty((h - kh + 1, w - kw + 1), dtype=image.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()
    return out"""
    )
    mistakes = [
        Mistake(
            "def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n"
            "    flipped = kernel[::-1, ::-1]\n    out = np.empty((h - kh + 1, w - kw + 1))\n"
            "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
            "            out[i, j] = (image[i:i + kh, j:j + kw] * flipped).sum()\n    return out",
            "turns the kernel upside down",
            id="kernel-flipped",
        ),
        Mistake(
            "def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n"
            "    out = np.empty((h - kh, w - kw))\n"
            "    for i in range(h - kh):\n        for j in range(w - kw):\n"
            "            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()\n    return out",
            "stops one position short",
            id="one-short",
        ),
        Mistake(
            "def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n"
            "    out = np.empty((h - kh + 1, w - kw + 1))\n"
            "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
            "            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).mean()\n    return out",
            "averages the products",
            id="mean-not-sum",
        ),
        Mistake(
            "def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n"
            "    out = np.empty((h - kh + 1, w - kw + 1), dtype=int)\n"
            "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
            "            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()\n    return out",
            "returned integers",
            id="integer-dtype",
        ),
        Mistake("def convolve_numpy(image, kernel):\n    return image", "returned shape", id="wrong-shape"),
    ]

    def check(self, convolve_numpy: Any) -> None:
        HAND_CONV.judge(convolve_numpy)


HAND_RELU = ArrayFunctionTask(
    name="relu_numpy",
    reference=reference.relu,
    argument="x",
    computes="the ReLU",
    fixed_inputs=(np.array([[-7.5, -2.0, -0.5, 0.0], [0.5, 2.0, 6.0, 7.5]]),),
    variants=(
        Variant("abs", np.abs, "makes negative values positive instead of setting them to 0"),
        Variant("relu6", lambda x: np.clip(x, 0, 6), "also caps values at 6, as ReLU6 does"),
        Variant("identity", lambda x: x, "returns its input unchanged: the negative values are still there"),
        Variant("negatives-kept", lambda x: np.minimum(x, 0),
                "keeps the negative values and sets the positive ones to 0: the other way round"),
    ),
    max_examples=40,
)


class WriteRelu(FunctionQuestion):
    bonus = True
    hints = [
        "Every negative value becomes 0; every other value stays as it is. Return a new array of the same "
        "shape.",
        "`np.maximum(x, 0)` compares each value with 0 and keeps the larger.",
    ]
    solution = CS(
        """def relu_numpy(x):
    return np.maximum(x, 0)"""
    )
    mistakes = [
        Mistake("def relu_numpy(x):\n    return np.abs(x)", "makes negative values positive", id="abs"),
        Mistake("def relu_numpy(x):\n    return np.clip(x, 0, 6)", "also caps values at 6", id="relu6"),
        Mistake("def relu_numpy(x):\n    return x > 0", "not an array of numbers", id="not-an-array"),
        Mistake("def relu_numpy(x):\n    x[x < 0] = 0", "returned `None`", id="returned-none"),
    ]

    def check(self, relu_numpy: Any) -> None:
        HAND_RELU.judge(relu_numpy)


HORIZONTAL = OrientationTask(answer="horizontal_kernel")


class HorizontalEdges(Question):
    bonus = True
    hints = [
        "A kernel finds a change of brightness where its numbers change from negative to positive. Which way "
        "must they change to find an edge that runs across the picture?",
        "Make the top row negative, the bottom row positive and the middle row 0, with the same numbers along "
        "each row, so that flat areas and vertical edges give 0.",
    ]
    solution = CS(
        """horizontal_kernel = tf.constant([
    [-1, -2, -1],
    [ 0,  0,  0],
    [ 1,  2,  1],
])"""
    )
    mistakes = [
        Mistake("horizontal_kernel = tf.constant([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])",
                "brings out vertical edges", id="vertical-edges"),
        Mistake("horizontal_kernel = tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])",
                "brings out edges in every direction", id="every-direction"),
        Mistake("horizontal_kernel = tf.constant([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16",
                "lights up plain bright areas", id="brightness"),
        Mistake("horizontal_kernel = -tf.ones([3, 3])", "finds no edges at all", id="nothing-detected"),
    ]

    def check(self, horizontal_kernel: Any) -> None:
        HORIZONTAL.judge(horizontal_kernel)


# The questions in the order learners number them (q_1, q_2, ...). `learntools_cv.computer_vision.ex2` binds them.
QUESTIONS = [
    ChooseKernel,
    ConvolutionFunction,
    ReluFunction,
    ObserveConvolution,
    WriteConvolution,
    WriteRelu,
    HorizontalEdges,
]
