"""Lesson 4, The Sliding Window: the exercise's questions (bound for learners by
`learntools_cv.computer_vision.ex4`).

Kaggle's exercise explores stride and padding with ResNet50's and InceptionV3's kernels (q_1), asks a thought
experiment about the receptive field of stacked layers (q_2) and smooths a time series with a 1-D kernel of
the learner's choice (q_3). Here each of them is checked, with Kaggle's numbers and parts:

- q_1.a and q_1.b: the picture filtered with a kernel moved 2 pixels at a time with 'SAME' padding, then 3
  at a time with 'VALID' padding, judged against the reference op on the learner's own picture and kernel;
- q_2.a and q_2.b: the receptive field of three stacked 3x3 convolutions, then with a 2x2 max pooling of
  stride 2 after them, as numbers;
- q_3: a 1-D kernel and the weekly series smoothed with it by `tf.nn.conv1d`;
- q_4 and q_5, bonus: a function for the output size of a sliding window, and the receptive field of
  dilated convolutions.

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.computer_vision.ex4 import *
"""

from __future__ import annotations

from typing import Any

from learntools_cv.core import CS, FunctionQuestion, Mistake, MultipartProblem, Question
from learntools_cv.lessons.sliding_window.diagnosis.field import FieldTask, layers_of
from learntools_cv.lessons.sliding_window.diagnosis.sizes import SizeFunctionTask
from learntools_cv.lessons.sliding_window.diagnosis.smoothing import SmoothingTask
from learntools_cv.lessons.sliding_window.diagnosis.window import Slide, SlideTask
from learntools_cv.vision.windows import Layer

# The notebook state the questions are checked in: what the exercise's setup cells create. The self-check
# (`learntools-cv check-questions learntools_cv.computer_vision.ex4`) runs it before each solution and declared
# mistake. Keep it in step with solutions/ex4_sliding_window.ipynb.
SETUP_CODE = """
from learntools_cv import visiontools  # first: TensorFlow without its start-up log
from learntools_cv.data import image_path
import numpy as np
import tensorflow as tf

image = visiontools.read_image(image_path('car_illustration'), channels=1, size=224)
image = tf.expand_dims(image, axis=0)
kernel = tf.reshape(tf.constant(visiontools.bottom_sobel), [3, 3, 1, 1])
image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='SAME')

from learntools_cv.lessons.sliding_window import data as lesson_data
weeks, series = lesson_data.search_interest()
ts_data = tf.reshape(series, [1, -1, 1])
"""

_OTHER_MAPS = {"image_filter": "the stride-1 map of the setup cells"}

STRIDE_TWO = SlideTask(
    answer="image_stride2",
    source="image",
    kernel_name="kernel",
    slide=Slide(strides=(2, 2), padding="SAME"),
    other_sources=_OTHER_MAPS,
)


class StrideTwoSamePadding(Question):
    """q_1.a: the kernel moved 2 pixels at a time with 'SAME' padding, as ResNet50's first layer moves its."""

    hints = [
        "`strides` says how far the window moves from one position to the next; `padding` says what happens "
        "at the edges of the picture.",
        "`strides=2` moves the window 2 pixels down and 2 across. `padding='SAME'` pads the edges with zeros "
        "so that a window starts every 2 pixels: 224 / 2 = 112 of them down, and as many across.",
    ]
    solution = CS("image_stride2 = tf.nn.conv2d(input=image, filters=kernel, strides=2, padding='SAME')")
    mistakes = [
        Mistake(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')",
            "It looks like you used 'VALID' padding: every window stays inside the picture, so (224 - 3) // 2 "
            "+ 1 = 111 windows fit down and across.",
            id="padding-valid",
        ),
        Mistake(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=1, padding='SAME')",
            "It looks like you moved the window 1 pixel at a time (`strides=1`).",
            id="stride-1",
        ),
        Mistake(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=3, padding='SAME')",
            "as far as the kernel is wide: the stride is how far the 3x3 window moves, not how big it is.",
            id="stride-as-window",
        ),
        Mistake(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=(2, 1), padding='SAME')",
            "It looks like you moved the window 2 pixels down but 1 pixel across (`strides=(2, 1)`).",
            id="stride-2x1",
        ),
        Mistake(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=1, padding='SAME', dilations=2)",
            "It looks like you set `dilations=2` instead of `strides=2`",
            id="dilation-not-stride",
        ),
        Mistake(
            "image_stride2 = tf.nn.conv2d(tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]]), kernel, strides=2, "
            "padding='VALID')",
            "Your map is shifted by a pixel",
            id="padding-by-hand",
        ),
        Mistake(
            "image_stride2 = tf.nn.conv2d(image_filter, kernel, strides=2, padding='SAME')",
            "It looks like you filtered `image_filter`",
            id="filtered-twice",
        ),
        Mistake("image_stride2 = image[:, ::2, ::2, :]", "without the kernel", id="not-filtered"),
        Mistake("image_stride2 = image", "is `image` itself", id="copied-image"),
        Mistake("image_stride2 = tf.nn.conv2d", "is the function `conv2d` itself, not its result.",
                id="function-not-result"),
        Mistake(
            "image_stride2 = tf.cast(tf.nn.conv2d(image, kernel, strides=2, padding='SAME'), tf.int32)",
            "holds integers",
            id="integer-dtype",
        ),
        Mistake("image_stride2 = tf.zeros([1, 112, 112, 1])", "`image_stride2` is all zeros", id="all-zeros"),
        Mistake("image_stride2 = tf.zeros([1, 100, 100, 1])", "gives shape `(1, 112, 112, 1)`", id="wrong-shape"),
        Mistake("image_stride2 = None", "`image_stride2` is `None`", id="none"),
    ]

    def check(self, image_stride2: Any, image: Any, kernel: Any, image_filter: Any = None) -> None:
        STRIDE_TWO.judge(image_stride2, image, kernel, {"image_filter": image_filter})


STRIDE_THREE = SlideTask(
    answer="image_stride3",
    source="image",
    kernel_name="kernel",
    slide=Slide(strides=(3, 3), padding="VALID"),
    other_sources=_OTHER_MAPS,
)


class StrideThreeValidPadding(Question):
    """q_1.b: the kernel moved 3 pixels at a time, every window inside the picture ('VALID')."""

    hints = [
        "This time the window moves 3 pixels at a time, and no window may hang over the edge of the picture.",
        "`strides=3` and `padding='VALID'`: the last window starts at most 224 - 3 = 221 pixels in, so "
        "221 // 3 + 1 = 74 windows fit down and across.",
    ]
    solution = CS("image_stride3 = tf.nn.conv2d(input=image, filters=kernel, strides=3, padding='VALID')")
    mistakes = [
        Mistake(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='SAME')",
            "It looks like you used 'SAME' padding: it adds zeros around the edges, so 224 / 3 rounded up = 75 "
            "windows fit down and across.",
            id="padding-same",
        ),
        Mistake(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')",
            "It looks like you moved the window 2 pixels at a time (`strides=2`).",
            id="stride-2",
        ),
        Mistake(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=1, padding='VALID', dilations=3)",
            "It looks like you set `dilations=3` instead of `strides=3`",
            id="dilation-not-stride",
        ),
        Mistake(
            "image_stride3 = tf.nn.conv2d(image_filter, kernel, strides=3, padding='VALID')",
            "It looks like you filtered `image_filter`",
            id="filtered-twice",
        ),
        Mistake("image_stride3 = image[:, ::3, ::3, :]", "without the kernel", id="not-filtered"),
        Mistake("image_stride3 = tf.zeros([1, 75, 75, 1])", "gives shape `(1, 74, 74, 1)`", id="wrong-shape"),
    ]

    def check(self, image_stride3: Any, image: Any, kernel: Any, image_filter: Any = None) -> None:
        STRIDE_THREE.judge(image_stride3, image, kernel, {"image_filter": image_filter})


_CONV = ("3x3 convolution", Layer(3))
FIELD_THREE = FieldTask("field_three_convs", *layers_of([_CONV, _CONV, _CONV]))


class FieldOfThreeConvolutions(Question):
    """q_2.a: the receptive field of three stacked 3x3 convolutions (stride 1)."""

    hints = [
        "One output of the second layer sees 3x3 outputs of the first, and each of those sees 3x3 pixels: "
        "5x5 pixels in all. What does a third 3x3 layer add to that?",
        "Each 3x3 layer with stride 1 reaches one pixel further on each side than the layer below it.",
    ]
    solution = CS("field_three_convs = 7  # 3, then 3 + 2 = 5, then 5 + 2 = 7: a 7x7 patch of the picture")
    mistakes = [
        Mistake("field_three_convs = 9", "adds up the windows' sizes", id="added-windows"),
        Mistake("field_three_convs = 27", "multiplies the windows' sizes", id="multiplied-windows"),
        Mistake("field_three_convs = 5", "is the field of one layer fewer", id="missing-layer"),
        Mistake("field_three_convs = 49", "counts every pixel of the square field", id="area"),
        Mistake("field_three_convs = 6", "is one pixel too few", id="off-by-one"),
        Mistake("field_three_convs = 3", "is the widest window of the stack alone", id="largest-window"),
        Mistake("field_three_convs = '7x7'", "is a string", id="string"),
        Mistake("field_three_convs = (7, 5)", "the windows are square", id="not-square"),
        Mistake("field_three_convs = 6.5", "a receptive field is a whole number of pixels", id="not-whole"),
    ]

    def check(self, field_three_convs: Any) -> None:
        FIELD_THREE.judge(field_three_convs)


_POOL = ("2x2 max pooling with stride 2", Layer(2, stride=2))
FIELD_POOLED = FieldTask("field_with_pooling", *layers_of([_CONV, _CONV, _CONV, _POOL]))


class FieldAfterPooling(Question):
    """q_2.b: the receptive field after a 2x2 max pooling with stride 2 follows the three convolutions."""

    hints = [
        "One pooled output takes the largest of a 2x2 block of outputs of the third layer. Each of those sees "
        "a 7x7 patch of the picture. How far apart are the patches of two neighbouring outputs?",
        "Two neighbouring outputs of the third layer see patches one pixel apart: together they cover one "
        "pixel more than either alone.",
    ]
    solution = CS(
        "field_with_pooling = 8  # two neighbouring 7x7 patches, one pixel apart: 7 + 1 = 8"
    )
    congrats = (
        "The pooling widened the field by only one pixel, but it doubled the distance between neighbouring "
        "outputs: from here on, each further 3x3 convolution adds 4 pixels to the field instead of 2."
    )
    mistakes = [
        Mistake("field_with_pooling = 14", "doubles the field of the layers below the pooling", id="doubled-field"),
        Mistake("field_with_pooling = 7", "is the field of the layers before the pooling", id="missing-layer"),
        Mistake("field_with_pooling = 11", "adds up the windows' sizes", id="added-windows"),
        Mistake("field_with_pooling = 9", "is one pixel too many", id="off-by-one"),
        Mistake("field_with_pooling = 64", "counts every pixel of the square field", id="area"),
    ]

    def check(self, field_with_pooling: Any) -> None:
        FIELD_POOLED.judge(field_with_pooling)


SMOOTHING = SmoothingTask(kernel_name="ts_kernel", answer="ts_filter", source="ts_data")

_SMOOTH = "ts_filter = tf.nn.conv1d(input=ts_data, filters=tf.reshape(ts_kernel, [-1, 1, 1]), stride={stride}, padding={padding!r}{extra})"


def _smooth(stride: int = 1, padding: str = "VALID", extra: str = "", kernel: str = "[0.1, 0.2, 0.3, 0.4]") -> str:
    return f"ts_kernel = tf.constant({kernel})\n" + _SMOOTH.format(stride=stride, padding=padding, extra=extra)


class SmoothTheSeries(Question):
    """q_3: a 1-D kernel of the learner's choice, and the weekly series smoothed with it."""

    answers = ("ts_kernel", "ts_filter")
    hints = [
        "A kernel for a series is a short row of weights, such as `tf.constant([0.25, 0.25, 0.25, 0.25])`: each "
        "smoothed value is then the average of 4 neighbouring weeks. `tf.nn.conv1d` wants it shaped as (width, "
        "in channels, out channels).",
        "`tf.reshape(ts_kernel, [-1, 1, 1])` shapes the kernel for `tf.nn.conv1d`; then slide it 1 week at a "
        "time with `stride=1`, keeping every window inside the series with `padding='VALID'`.",
    ]
    solution = CS(
        """ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])  # the latest week weighs most
ts_filter = tf.nn.conv1d(
    input=ts_data,
    filters=tf.reshape(ts_kernel, [-1, 1, 1]),
    stride=1,
    padding='VALID',
)"""
    )
    mistakes = [
        Mistake(_smooth(kernel="[1.0, 2.0, 3.0, 4.0]"), "add up to 10, not 1", id="weights-sum"),
        Mistake(_smooth(kernel="[1.0]"), "has a single weight", id="one-weight"),
        Mistake(
            "ts_kernel = tf.fill([2, 2], 0.25)\nts_filter = ts_data", "A kernel for a series is one row of weights",
            id="kernel-not-1d",
        ),
        Mistake(_smooth(padding="SAME"), "It looks like you used 'SAME' padding", id="padding-same"),
        Mistake(
            "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = np.convolve(series, ts_kernel, 'valid')",
            "applied back to front: `np.convolve` flips the kernel",
            id="flipped-kernel",
        ),
        Mistake(
            "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = np.convolve(series, ts_kernel)",
            "in its default mode, 'full'",
            id="np-convolve-full",
        ),
        Mistake(
            "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = np.convolve(series, ts_kernel, 'same')",
            "It looks like you used `np.convolve(..., 'same')`",
            id="np-convolve-same",
        ),
        Mistake(_smooth(stride=2), "2 weeks at a time (`stride=2`)", id="stride-2"),
        Mistake(_smooth(stride=4), "moved the window by its own width", id="stride-as-window"),
        Mistake(_smooth(extra=", dilations=2"), "It looks like you set `dilations=2`", id="dilation-2"),
        Mistake(
            "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\n"
            "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [1, 1, -1]), stride=1, padding='VALID')",
            "reshaped to `(1, 1, k)`",
            id="kernel-as-channels",
        ),
        Mistake(
            "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = ts_data",
            "is `ts_data` itself: nothing was smoothed",
            id="not-smoothed",
        ),
        Mistake(
            _smooth(kernel="[0.25, 0.25, 0.25, 0.25]") + "\nts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])",
            "smoothed with another kernel, about `[0.25, 0.25, 0.25, 0.25]`",
            id="stale-kernel",
        ),
        Mistake(
            "ts_kernel = tf.constant([0.25, 0.25, 0.25, 0.25])\n"
            "ts_filter = np.convolve(series, np.full(4, 0.25), 'valid')\n"
            "ts_filter = np.concatenate([np.full(3, np.nan), ts_filter])  # as pandas' rolling(4).mean() gives it",
            "Your smoothed series starts with NaN",
            id="leading-nans",
        ),
        Mistake(
            "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = tf.zeros([1, 258, 1])",
            "`ts_filter` is all zeros",
            id="all-zeros",
        ),
        Mistake(
            "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = tf.zeros([1, 100, 1])",
            "gives 261 - 4 + 1 = 258 values",
            id="wrong-shape",
        ),
    ]

    def check(self, ts_kernel: Any, ts_filter: Any, ts_data: Any) -> None:
        SMOOTHING.judge(ts_kernel, ts_filter, ts_data)


SIZES = SizeFunctionTask(name="output_size")

_SIZE_DEF = "def output_size(size, window, stride, padding):\n"


def _size_function(same: str, valid: str) -> str:
    return f"{_SIZE_DEF}    if padding == 'SAME':\n        return {same}\n    return {valid}"


class OutputSizeFunction(FunctionQuestion):
    """q_4, bonus: the learner's function for how many windows fit along one side."""

    bonus = True
    hints = [
        "Count where the windows start. With 'VALID' padding the first starts at 0 and the last at most "
        "`size - window` cells in, one every `stride` cells. With 'SAME' padding one starts every `stride` "
        "cells along the whole side.",
        "'VALID': `(size - window) // stride + 1`. 'SAME': `size / stride`, rounded up, which is "
        "`-(-size // stride)` or `math.ceil(size / stride)`.",
    ]
    solution = CS(
        _size_function("-(-size // stride)  # size / stride, rounded up", "(size - window) // stride + 1")
    )
    mistakes = [
        Mistake(_size_function("-(-size // stride)", "(size - window) // stride"), "add 1",
                id="valid-without-plus-one"),
        Mistake(_size_function("-(-size // stride)", "(size - window + 1) // stride"), "rounds down where",
                id="valid-rounded-down"),
        Mistake(_size_function("-(-size // stride)", "size - window + 1"), "whatever the stride",
                id="valid-ignores-stride"),
        Mistake(_size_function("-(-size // window)", "(size - stride) // window + 1"), "swaps the window and the stride",
                id="window-for-stride"),
        Mistake(_size_function("size // stride", "(size - window) // stride + 1"), "`size // stride`, rounded down",
                id="same-rounded-down"),
        Mistake(_size_function("size", "(size - window) // stride + 1"), "'SAME' keeps the size only with stride 1",
                id="same-ignores-stride"),
        Mistake(
            f"{_SIZE_DEF}    pad = window // 2 if padding == 'SAME' else 0\n"
            "    return (size + 2 * pad - window) // stride + 1",
            "pads `window // 2` cells on both sides",
            id="same-pads-both-sides",
        ),
        Mistake(
            f"{_SIZE_DEF}    if padding == 'same':\n        return -(-size // stride)\n"
            "    return (size - window) // stride + 1",
            "in capitals?",
            id="same-gives-valid",
        ),
        Mistake(_size_function("size / stride", "(size - window) / stride + 1"), "a count of windows is a whole number",
                id="not-whole"),
        Mistake(f"{_SIZE_DEF}    return size // 0", "raised `ZeroDivisionError", id="function-raised"),
        Mistake(f"{_SIZE_DEF}    print(size - window)", "Did you forget a `return` statement?", id="returned-none"),
        Mistake(_size_function("-(-size // stride)", "size - window"), "The windows start at cells",
                id="wrong-size"),
    ]

    def check(self, output_size: Any) -> None:
        SIZES.judge(output_size)


_DILATED = [(f"3x3 convolution with dilation {d}", Layer(3, dilation=d)) for d in (1, 2, 4)]
FIELD_DILATED = FieldTask("field_dilated", *layers_of(_DILATED))


class DilatedField(Question):
    """q_5, bonus: the receptive field of three 3x3 convolutions with dilation rates 1, 2 and 4."""

    bonus = True
    hints = [
        "A 3x3 kernel with dilation `d` has its weights `d` pixels apart, so it spans `2 * d + 1` pixels. "
        "Stacked with stride 1, each layer widens the field by its span minus one.",
        "Spans 3, 5 and 9: the field is 1 + 2 + 4 + 8.",
    ]
    solution = CS("field_dilated = 15  # 1 + (3 - 1) + (5 - 1) + (9 - 1)")
    mistakes = [
        Mistake("field_dilated = 7", "without their dilation", id="ignored-dilation"),
        Mistake("field_dilated = 17", "adds up the windows' sizes", id="added-windows"),
        Mistake("field_dilated = 135", "multiplies the windows' sizes", id="multiplied-windows"),
        Mistake("field_dilated = 9", "is the widest window of the stack alone", id="largest-window"),
        Mistake("field_dilated = 16", "is one pixel too many", id="off-by-one"),
    ]

    def check(self, field_dilated: Any) -> None:
        FIELD_DILATED.judge(field_dilated)


# The questions in the order learners number them (q_1, q_2, ...): Kaggle's three, then the bonus ones.
QUESTIONS = [
    MultipartProblem(StrideTwoSamePadding, StrideThreeValidPadding),
    MultipartProblem(FieldOfThreeConvolutions, FieldAfterPooling),
    SmoothTheSeries,
    OutputSizeFunction,
    DilatedField,
]
