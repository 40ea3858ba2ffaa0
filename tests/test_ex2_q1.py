"""ex2 q_1 (`kernel`): every kernel of numbers passes, in every form the notebook can hold it, with the maps the
notebook makes from it; every known slip gets its own words (pinned in full, as a learner reads them) and its
mistake id; the maps a wrong answer shows in a figure are the learner's and the reference's; the values must be
able to tell right from wrong (a blank picture, a kernel that detects nothing); and a check never changes the
notebook.

The notebook is the exercise's own setup (`SETUP_CODE`: the car picture as a batch of one), then the learner's
code, as a cell would run it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import tensorflow as tf
from ex2_support import DELETE, bind, incorrect, isolated, lesson, notebook_maps  # noqa: F401 (isolated: a fixture)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from learntools_cv import reference
from learntools_cv.core import Status, ____
from learntools_cv.lessons.convolution_and_relu.diagnosis.kernels import fit_kernel

EDGE = "[[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]"
SOBEL = "[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]"
# The cells after question 1: the kernel reshaped and cast, the picture filtered, the feature detected.
MAPS = (
    "stacked = tf.cast(tf.reshape(kernel, [3, 3, 1, 1]), tf.float32)\n"
    "image_filter = tf.nn.conv2d(input=image, filters=stacked, strides=1, padding='SAME')\n"
    "image_detect = tf.nn.relu(image_filter)\n"
)
# The notebook's own cell, which reshapes `kernel` itself.
RESHAPE_CELL = "kernel = tf.reshape(kernel, [3, 3, 1, 1])\nkernel = tf.cast(kernel, dtype=tf.float32)\n"
NOTEBOOK_MAPS = "image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='SAME')\nimage_detect = tf.nn.relu(image_filter)\n"


# ---------------------------------------------------------------------------------------------------------
# Right answers

RIGHT: dict[str, str] = {
    "tf-int": f"kernel = tf.constant({SOBEL})",
    "tf-float32": f"kernel = tf.constant({SOBEL}, dtype=tf.float32)",
    "tf-float64": f"kernel = tf.constant({SOBEL}, dtype=tf.float64)",
    "tf-variable": f"kernel = tf.Variable({SOBEL}, dtype=tf.float32)",
    "numpy-int": f"kernel = np.array({SOBEL})",
    "numpy-float16": f"kernel = np.array({SOBEL}, dtype=np.float16)",
    "nested-list": f"kernel = {SOBEL}",
    "nested-tuples": "kernel = ((-1, 0, 1), (-2, 0, 2), (-1, 0, 1))",
    "a-shipped-kernel": "kernel = visiontools.emboss",
    "unsigned-and-positive": "kernel = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], dtype=np.uint8)",
    "fractions": "kernel = tf.constant([[0.1, 0.2, 0.1], [0, 0, 0], [-0.1, -0.2, -0.1]])",
    "identity": "kernel = tf.constant([[0, 0, 0], [0, 1, 0], [0, 0, 0]])",
    "reshaped-by-the-notebook": f"kernel = tf.constant({SOBEL})\n{RESHAPE_CELL}",
    "numpy-already-4d": f"kernel = np.array({SOBEL}).reshape(3, 3, 1, 1)",
    "with-the-filtered-map": f"kernel = tf.constant({SOBEL})\n{RESHAPE_CELL}"
    "image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='SAME')",
    "with-both-maps": f"kernel = tf.constant({SOBEL})\n{RESHAPE_CELL}{NOTEBOOK_MAPS}",
    "maps-of-a-float64-kernel": f"kernel = tf.constant({SOBEL}, dtype=tf.float64)\n{RESHAPE_CELL}{NOTEBOOK_MAPS}",
    "maps-as-numpy": f"kernel = tf.constant({SOBEL})\n{MAPS}"
    "image_filter, image_detect = image_filter.numpy(), image_detect.numpy()",
    "maps-squeezed": f"kernel = tf.constant({SOBEL})\n{MAPS}"
    "image_filter, image_detect = tf.squeeze(image_filter), tf.squeeze(image_detect)",
    "detected-with-keras": f"kernel = tf.constant({SOBEL})\n{MAPS}"
    "image_detect = keras.activations.relu(image_filter)",
    "detected-with-numpy": f"kernel = tf.constant({SOBEL})\n{MAPS}image_detect = np.maximum(image_filter, 0)",
    "maps-of-the-identity": f"kernel = tf.constant([[0, 0, 0], [0, 1, 0], [0, 0, 0]])\n{MAPS}",
    "own-picture-257x301": "image = tf.random.stateless_uniform([1, 257, 301, 1], seed=(1, 2))\n"
    f"kernel = tf.constant({SOBEL})\n{RESHAPE_CELL}{NOTEBOOK_MAPS}",
    "own-picture-99x64": "image = tf.random.stateless_uniform([1, 99, 64, 1], seed=(3, 4))\n"
    f"kernel = tf.constant({EDGE})\n{RESHAPE_CELL}{NOTEBOOK_MAPS}",
}


@pytest.mark.parametrize("name", list(RIGHT))
def test_every_right_kernel_passes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = bind(capsys, "import keras\n" + RIGHT[name]).check("q_1")
    assert (outcome.status, outcome.message, outcome.mistake) == (Status.CORRECT, "Correct", None)


def test_the_placeholder_is_not_attempted(capsys: pytest.CaptureFixture[str]) -> None:
    outcome = bind(capsys, kernel=____).check("q_1")
    assert outcome.status is Status.NOT_ATTEMPTED
    assert outcome.message == (
        "Not attempted: `kernel` still holds the placeholder `____`. Replace it with your code, then run "
        "`q_1.check()` again."
    )


# ---------------------------------------------------------------------------------------------------------
# Slips, each with its own words and id

MISTAKES: dict[str, tuple[str, str, str]] = {
    'none': (
        'kernel = None',
        'none',
        '`kernel` is `None`, but it should be a tensor of numbers, such as `tf.constant([[...], [...], [...]])`.',
    ),
    'string': (
        "kernel = 'edge'",
        'string',
        "`kernel` is a string (`'edge'`), but it should be a tensor of numbers, such as `tf.constant([[...], [...], [...]])`.",
    ),
    'one-number': (
        'kernel = tf.constant(8)',
        'one-number',
        '`kernel` is a single number. A kernel is a small grid of numbers: 3 rows of 3 numbers, such as `tf.constant([[0, 1, 0], [1, -4, 1], [0, 1, 0]])`.',
    ),
    'function': (
        'kernel = visiontools.show_kernel',
        'function-not-result',
        '`kernel` is the function `show_kernel` itself, not its result. Call it and assign what it returns.',
    ),
    'ragged-list': (
        'kernel = [[1, 2, 3], [4, 5]]',
        'kernel-not-numbers',
        '`kernel` is a Python list, but not a grid of numbers: 3 rows of 3 numbers, each row a list of numbers of the same length.',
    ),
    'list-of-strings': (
        "kernel = [['a', 'b', 'c']] * 3",
        'kernel-not-numbers',
        '`kernel` is a Python list, but not a grid of numbers: 3 rows of 3 numbers, each row a list of numbers of the same length.',
    ),
    'kernel-4d': (
        f'kernel = tf.reshape(tf.constant({EDGE}), [1, 1, 3, 3])',
        'kernel-4d',
        '`kernel` has shape `(1, 1, 3, 3)`: four dimensions, in an order `tf.nn.conv2d` reads as a 1x1 kernel with 3 input and 3 output channels. Define the kernel itself, 3 rows of 3 numbers; the cell after this question reshapes it to `(3, 3, 1, 1)`, the shape `conv2d` takes.',
    ),
    'kernel-4d-batch': (
        f'kernel = tf.reshape(tf.constant({EDGE}), [1, 3, 3, 1])',
        'kernel-4d',
        '`kernel` has shape `(1, 3, 3, 1)`: four dimensions, in an order `tf.nn.conv2d` reads as a 1x3 kernel with 3 input and 1 output channels. Define the kernel itself, 3 rows of 3 numbers; the cell after this question reshapes it to `(3, 3, 1, 1)`, the shape `conv2d` takes.',
    ),
    'kernel-dtype-int': (
        f'kernel = tf.reshape(tf.constant({EDGE}), [3, 3, 1, 1])',
        'kernel-dtype',
        "`kernel` is a 4-D tensor of integers (`int32`), and `tf.nn.conv2d` refuses filters whose dtype differs from the picture's (`float32`). Cast it: `kernel = tf.cast(kernel, dtype=tf.float32)`, as the cell after question 1 does.",
    ),
    'kernel-dtype-float64': (
        f'kernel = tf.reshape(tf.constant({EDGE}, dtype=tf.float64), [3, 3, 1, 1])',
        'kernel-dtype',
        "`kernel` is a 4-D tensor of `float64` values, and `tf.nn.conv2d` refuses filters whose dtype differs from the picture's (`float32`). Cast it: `kernel = tf.cast(kernel, dtype=tf.float32)`, as the cell after question 1 does.",
    ),
    'kernel-reshaped-flat': (
        'kernel = tf.constant([-1, -1, -1, -1, 8, -1, -1, -1, -1])',
        'kernel-reshaped',
        '`kernel` has shape `(9,)`: it holds 9 numbers, but a 3x3 kernel is 3 rows of 3 numbers, shape `(3, 3)`. Write it with one pair of brackets per row, inside one pair for the whole kernel: `[[a, b, c], [d, e, f], [g, h, i]]`.',
    ),
    'kernel-reshaped-row': (
        'kernel = tf.constant([[-1, -1, -1, -1, 8, -1, -1, -1, -1]])',
        'kernel-reshaped',
        '`kernel` has shape `(1, 9)`: it holds 9 numbers, but a 3x3 kernel is 3 rows of 3 numbers, shape `(3, 3)`. Write it with one pair of brackets per row, inside one pair for the whole kernel: `[[a, b, c], [d, e, f], [g, h, i]]`.',
    ),
    'kernel-reshaped-3d': (
        f'kernel = tf.reshape(tf.constant({EDGE}), [3, 3, 1])',
        'kernel-reshaped',
        '`kernel` has shape `(3, 3, 1)`: it holds 9 numbers, but a 3x3 kernel is 3 rows of 3 numbers, shape `(3, 3)`. Write it with one pair of brackets per row, inside one pair for the whole kernel: `[[a, b, c], [d, e, f], [g, h, i]]`.',
    ),
    'kernel-reshaped-twice': (
        f'kernel = tf.constant({EDGE})\nkernel = tf.reshape(kernel, [*kernel.shape, 1, 1])\nkernel = tf.reshape(kernel, [*kernel.shape, 1, 1])',
        'kernel-reshaped-twice',
        '`kernel` has shape `(3, 3, 1, 1, 1, 1)`: the two dimensions `tf.nn.conv2d` needs were added more than once (the cell that reshapes the kernel ran again on a kernel it had already reshaped). Run the cell that defines the kernel again, then the cells after it once each.',
    ),
    'kernel-size-2x2': (
        'kernel = tf.constant([[1, -1], [1, -1]])',
        'kernel-size',
        '`kernel` has shape `(2, 2)` and holds 4 numbers, but question 1 asks for a 3x3 kernel: 3 rows of 3 numbers.',
    ),
    'kernel-size-5x5': (
        'kernel = tf.ones([5, 5])',
        'kernel-size',
        '`kernel` has shape `(5, 5)` and holds 25 numbers, but question 1 asks for a 3x3 kernel: 3 rows of 3 numbers.',
    ),
    'kernel-size-empty': (
        'kernel = tf.constant([])',
        'kernel-size',
        '`kernel` has shape `(0,)` and holds no numbers, but question 1 asks for a 3x3 kernel: 3 rows of 3 numbers.',
    ),
    'kernel-size-4d-5x5': (
        'kernel = tf.ones([5, 5, 1, 1])',
        'kernel-size',
        '`kernel` has shape `(5, 5, 1, 1)` and holds 25 numbers, but question 1 asks for a 3x3 kernel: 3 rows of 3 numbers.',
    ),
    'kernel-bool': (
        'kernel = tf.constant([[True, False, True]] * 3)',
        'kernel-bool',
        '`kernel` holds True/False values. A kernel holds numbers, positive and negative, that weigh the pixels under it.',
    ),
    'kernel-unsigned': (
        f'kernel = np.array({SOBEL}).astype(np.uint8)',
        'kernel-unsigned',
        '`kernel` holds unsigned integers (`uint8`), which cannot be negative: a negative weight wrapped around to a large number (the largest here is 255). Make it with plain integers or floats, as `tf.constant([[-1, ...], ...])` does.',
    ),
    'kernel-not-finite': (
        "kernel = tf.constant([[float('nan'), 0, 1], [-2, 0, 2], [-1, 0, 1]])",
        'kernel-not-finite',
        "`kernel` holds NaN or infinite values; a kernel's weights are ordinary numbers.",
    ),
    'zero-kernel': (
        'kernel = tf.zeros([3, 3])',
        'zero-kernel',
        '`kernel` is all zeros, so filtering with it gives a blank map whatever the picture. Put some positive and some negative numbers in it: the positive ones pick out the pattern to find.',
    ),
    'maps-from-earlier-kernel': (
        f'kernel = tf.constant({EDGE})\n{MAPS}kernel = tf.constant({SOBEL})',
        'maps-from-earlier-kernel',
        '`image_filter` was made with another kernel:\n\n[[-1, -1, -1],\n [-1,  8, -1],\n [-1, -1, -1]]\n\nnot with your `kernel`. It was left from an earlier run: run the cells after question 1 (they reshape the kernel, filter and detect) again, then check again.',
    ),
    'maps-from-earlier-kernel-detect': (
        f"kernel = tf.constant({SOBEL})\n{MAPS}image_detect = tf.nn.relu(tf.nn.conv2d(image, tf.reshape(visiontools.sharpen, [3, 3, 1, 1]), 1, 'SAME'))",
        'maps-from-earlier-kernel',
        '`image_detect` was made with another kernel:\n\n[[ 0, -1,  0],\n [-1,  5, -1],\n [ 0, -1,  0]]\n\nnot with your `kernel`. It was left from an earlier run: run the cells after question 1 (they reshape the kernel, filter and detect) again, then check again.',
    ),
    'maps-from-earlier-blur': (
        f'kernel = visiontools.blur\n{MAPS}kernel = tf.constant({SOBEL})',
        'maps-from-earlier-kernel',
        '`image_filter` was made with another kernel:\n\n[[0.0625,  0.125, 0.0625],\n [ 0.125,   0.25,  0.125],\n [0.0625,  0.125, 0.0625]]\n\nnot with your `kernel`. It was left from an earlier run: run the cells after question 1 (they reshape the kernel, filter and detect) again, then check again.',
    ),
    'filter-flipped': (
        f"kernel = tf.constant({SOBEL})\n{MAPS}image_filter = tf.nn.conv2d(image, tf.reverse(stacked, [0, 1]), 1, 'SAME')\nimage_detect = tf.nn.relu(image_filter)",
        'filter-flipped',
        "`image_filter` is `image` filtered with your kernel turned upside down and back to front: the convolution function flipped it, as a mathematician's convolution does. `tf.nn.conv2d` slides the kernel as it is: check `conv_fn` (question 2), then run the cells after question 1 (they reshape the kernel, filter and detect) again, and check again.",
    ),
    'filter-shape': (
        f"kernel = tf.constant({SOBEL})\n{MAPS}image_filter = tf.nn.conv2d(image, stacked, 1, 'VALID')\nimage_detect = tf.nn.relu(image_filter)",
        'filter-shape',
        "`image_filter` has shape `(1, 398, 398, 1)`, but filtering `image` (shape `(1, 400, 400, 1)`) with stride 1 and 'SAME' padding gives shape `(1, 400, 400, 1)`. It was made from another picture or in another way: run the cells after question 1 (they reshape the kernel, filter and detect) again, then check again.",
    ),
    'filter-zeros': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}image_filter = tf.zeros_like(image_filter)',
        'filter-not-from-kernel',
        '`image_filter` is all zeros, but filtering `image` with your `kernel` gives values from -3.76 to 3.76. Run the cells after question 1 (they reshape the kernel, filter and detect) again, then check again.',
    ),
    'filter-other-picture': (
        f"kernel = tf.constant({SOBEL})\n{MAPS}image = visiontools.read_image(image_path('street_scene'), channels=1, size=400)[tf.newaxis]",
        'filter-not-from-kernel',
        '`image_filter` is not `image` filtered with your `kernel`. 39,887 of 160,000 values (25%) differ. The largest difference is 6.38, at [0, 163, 112, 0]. The first ones are at [0, 0, 0, 0], [0, 0, 399, 0], [0, 1, 0, 0]. It was made before the picture or the kernel last changed, or in another way: run the cells after question 1 (they reshape the kernel, filter and detect) again, then check again.',
    ),
    'blank-image': (
        f'image = tf.fill([1, 400, 400, 1], 0.5)\nkernel = tf.constant({SOBEL})\n{MAPS}',
        'blank-image',
        '`image` is the same value (0.5) at every pixel, so filtering it cannot show what your kernel does: away from the edges, any kernel whose numbers add up to the same total gives the same map. Re-run the cell that reads the picture (or read one of your own), then the cells after question 1 (they reshape the kernel, filter and detect), and check again.',
    ),
    'blank-image-black': (
        f'image = tf.zeros([1, 400, 400, 1])\nkernel = tf.constant({SOBEL})\n{MAPS}',
        'blank-image',
        '`image` is the same value (0) at every pixel, so filtering it cannot show what your kernel does: away from the edges, any kernel whose numbers add up to the same total gives the same map. Re-run the cell that reads the picture (or read one of your own), then the cells after question 1 (they reshape the kernel, filter and detect), and check again.',
    ),
    'nothing-detected': (
        f'kernel = -tf.ones([3, 3])\n{MAPS}',
        'nothing-detected',
        "Your kernel finds nothing in this picture: every value of `image_filter` is 0 or less, so the ReLU leaves `image_detect` all zeros, and the maps cannot show whether the ReLU was applied. A feature shows as positive values: change the signs of your kernel's numbers, or give it a positive centre.",
    ),
    'detect-not-rectified': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}image_detect = image_filter',
        'detect-not-rectified',
        '`image_detect` still has negative values: it is `image_filter` unchanged. It should be the ReLU of `image_filter`, which sets every negative value to 0: check `relu_fn` (question 3), then run the cell that makes `image_detect` again.',
    ),
    'detect-not-relu': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}image_detect = tf.nn.sigmoid(image_filter)',
        'detect-not-relu',
        '`image_detect` is the sigmoid of `image_filter`, not its ReLU: the function that made it is not the ReLU. Check `relu_fn` with `q_3.check()`, then run the cell that makes `image_detect` again.',
    ),
    'detect-shape': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}image_detect = image_detect[:, :100]',
        'detect-shape',
        '`image_detect` has shape `(1, 100, 400, 1)`, but the ReLU keeps the shape of `image_filter`, `(1, 400, 400, 1)`. Run the cells after question 1 (they reshape the kernel, filter and detect) again, then check again.',
    ),
    'setup-broken-missing': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}del image',
        'setup-broken',
        'There is no `image` in the notebook, so the maps cannot be checked against it. Run the cells above from the first one.',
    ),
    'setup-broken-string': (
        f"kernel = tf.constant({SOBEL})\n{MAPS}image = 'car.png'",
        'setup-broken',
        "`image` is no longer a picture: it is a string (`'car.png'`). Re-run the cells above from the first one, then check again.",
    ),
    'setup-broken-rgb': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}image = tf.concat([image] * 3, axis=-1)',
        'setup-broken',
        '`image` has shape `(1, 400, 400, 3)`, but the notebook filters one grayscale picture, shape (1, height, width, 1). Read it with `channels=1` and add the batch dimension, as the cells above do.',
    ),
    'detect-not-relu-unknown': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}image_detect = tf.square(tf.nn.relu(image_filter))',
        'detect-not-relu',
        '`image_detect` is not the ReLU of `image_filter`. 7,265 of 160,000 values (5%) differ. The largest difference is 10.4, at [0, 1, 0, 0]. The first ones are at [0, 0, 0, 0], [0, 1, 0, 0], [0, 2, 0, 0]. Check `relu_fn` with `q_3.check()`, then run the cell that makes `image_detect` again.',
    ),
    'filter-rectified': (
        f'kernel = tf.constant({SOBEL})\n{MAPS}image_filter = tf.nn.relu(image_filter)\nimage_detect = tf.nn.relu(image_filter)',
        'filter-rectified',
        '`image_filter` has no negative values: it is `image` filtered with your kernel and then rectified, so the convolution function also applied the ReLU. The filter step is the convolution alone: check `conv_fn` (question 2), then run the cells after question 1 (they reshape the kernel, filter and detect) again, and check again.',
    ),
}
"""Each slip: (the learner's code, the mistake id, the message after 'Incorrect: ')."""


@pytest.mark.parametrize("name", list(MISTAKES))
def test_every_slip_is_named(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, mistake, message = MISTAKES[name]
    outcome = bind(capsys, code).check("q_1")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, incorrect(message))


def test_every_declared_mistake_id_is_pinned_here() -> None:
    from learntools_cv.lessons.convolution_and_relu.exercise import ChooseKernel

    declared = {m.id for m in ChooseKernel.mistakes}
    assert declared <= {mistake for _, mistake, _ in MISTAKES.values()}


# ---------------------------------------------------------------------------------------------------------
# The figures a wrong map shows: the learner's map beside the reference's, on the learner's own data

FIGURED = {
    "maps-from-earlier-kernel": "image_filter",
    "filter-rectified": "image_filter",
    "detect-not-relu-unknown": "image_detect",
    "filter-flipped": "image_filter",
    "filter-other-picture": "image_filter",
    "filter-zeros": "image_filter",
    "detect-not-rectified": "image_detect",
    "detect-not-relu": "image_detect",
    "maps-from-earlier-kernel-detect": "image_detect",
}


@pytest.mark.parametrize("name", list(FIGURED))
def test_a_wrong_map_is_drawn_beside_the_map_it_should_be(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    nb = bind(capsys, MISTAKES[name][0])
    figure = nb.check("q_1").figure
    variable = FIGURED[name]
    assert figure is not None and figure.title == variable
    np.testing.assert_array_equal(figure.actual, np.asarray(nb.ns[variable])[0, :, :, 0])
    picture = np.asarray(nb.ns["image"])
    kernel = np.asarray(nb.ns["kernel"], dtype=np.float64).reshape(3, 3)
    filtered = reference.conv2d(picture, kernel, 1, "SAME")
    expected = filtered if variable == "image_filter" else reference.relu(np.asarray(nb.ns["image_filter"]))
    np.testing.assert_allclose(figure.expected, expected[0, :, :, 0], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", ["kernel-4d", "zero-kernel", "blank-image", "nothing-detected", "setup-broken-rgb"])
def test_slips_that_are_not_about_a_map_show_no_figure(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert bind(capsys, MISTAKES[name][0]).check("q_1").figure is None


# ---------------------------------------------------------------------------------------------------------
# Values that cannot tell right from wrong are never Correct


@pytest.mark.parametrize("value", [0.0, 0.25, 1.0])
@pytest.mark.parametrize("kernel", [SOBEL, EDGE, "[[0, 0, 0], [0, 1, 0], [0, 0, 0]]"])
def test_a_picture_of_one_colour_is_never_correct(value: float, kernel: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = f"image = tf.fill([1, 40, 50, 1], {value})\nkernel = tf.constant({kernel})\n{MAPS}"
    outcome = bind(capsys, code).check("q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "blank-image")


def test_a_picture_with_nan_is_never_correct(capsys: pytest.CaptureFixture[str]) -> None:
    code = (
        "image = tf.tensor_scatter_nd_update(image, [[0, 5, 5, 0]], [float('nan')])\n"
        f"kernel = tf.constant({SOBEL})\n{MAPS}"
    )
    outcome = bind(capsys, code).check("q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "setup-broken")
    assert outcome.message == incorrect(
        "`image` holds NaN or infinite values, so the maps made from it cannot show what your kernel does. "
        "Re-run the cell that reads the picture, then the cells after question 1 (they reshape the kernel, "
        "filter and detect), and check again."
    )


def test_a_blank_picture_does_not_matter_before_the_maps_exist(capsys: pytest.CaptureFixture[str]) -> None:
    """At question 1's cell the maps are not made yet: the kernel alone is judged, and it is right."""
    outcome = bind(capsys, f"image = tf.fill([1, 40, 50, 1], 0.5)\nkernel = tf.constant({SOBEL})").check("q_1")
    assert outcome.status is Status.CORRECT


@pytest.mark.parametrize("kernel", ["-tf.ones([3, 3])", "-visiontools.blur", "tf.constant([[0, 0, 0], [0, -1, 0], [0, 0, 0]])"])
def test_a_kernel_that_leaves_no_positive_value_detects_nothing(kernel: str, capsys: pytest.CaptureFixture[str]) -> None:
    for maps in (MAPS, MAPS.replace("image_detect = tf.nn.relu(image_filter)\n", "")):
        outcome = bind(capsys, f"kernel = {kernel}\n{maps}").check("q_1")
        assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "nothing-detected")


# ---------------------------------------------------------------------------------------------------------
# Properties, on random pictures and kernels

pictures = st.tuples(st.integers(5, 24), st.integers(5, 24), st.integers(0, 2**31 - 1)).map(
    lambda p: np.random.default_rng(p[2]).random((1, p[0], p[1], 1), dtype=np.float32)
)
kernels = st.lists(st.integers(-3, 3), min_size=9, max_size=9).map(lambda v: np.array(v, dtype=np.int32).reshape(3, 3))


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(picture=pictures, kernel=kernels)
def test_the_maps_of_any_kernel_on_any_picture_pass(picture: np.ndarray, kernel: np.ndarray) -> None:
    assume(kernel.any())
    image = tf.constant(picture)
    stacked, image_filter, image_detect = notebook_maps(image, tf.constant(kernel))
    assume(bool(tf.reduce_any(image_filter > 0)))
    ns = {"image": image, "kernel": stacked, "image_filter": image_filter, "image_detect": image_detect}
    with_maps = _judge(ns)
    assert with_maps.status is Status.CORRECT, with_maps.message


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(picture=pictures, earlier=kernels, kernel=kernels)
def test_maps_left_from_an_earlier_kernel_name_that_kernel(
    picture: np.ndarray, earlier: np.ndarray, kernel: np.ndarray
) -> None:
    assume(kernel.any() and earlier.any() and not np.array_equal(kernel, earlier))
    image = tf.constant(picture)
    _, image_filter, image_detect = notebook_maps(image, tf.constant(earlier))
    assume(bool(tf.reduce_any(notebook_maps(image, tf.constant(kernel))[1] > 0)))
    outcome = _judge({"image": image, "kernel": tf.constant(kernel), "image_filter": image_filter,
                      "image_detect": image_detect})
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "maps-from-earlier-kernel"), outcome.message
    shown = outcome.message.split("another kernel:\n\n", 1)[1].split("\n\nnot with", 1)[0]
    assert np.array_equal(np.array(eval(shown)), earlier)


def _judge(values: dict[str, Any]) -> Any:
    from learntools_cv.core import Session, binder

    with Session().activated():
        binder.bind({"__name__": "__main__", **values})
        import learntools_cv.computer_vision.ex2 as ex2

        return ex2.q_1.evaluate()


def test_fitting_an_earlier_kernel_needs_a_picture_that_can_tell() -> None:
    picture = np.random.default_rng(0).random((1, 12, 10, 1))
    kernel = np.array([[0.5, -1.0, 2.0], [0.0, 3.0, -0.25], [1.0, 1.0, -4.0]])
    filtered = reference.conv2d(picture, kernel, 1, "SAME")
    np.testing.assert_allclose(fit_kernel(picture, filtered, (3, 3), "SAME"), kernel)
    stripes = np.tile(np.arange(10.0), (12, 1))[None, :, :, None]  # every row the same: rows cannot be told apart
    assert fit_kernel(stripes, reference.conv2d(stripes, kernel, 1, "VALID"), (3, 3), "VALID") is None
    assert fit_kernel(picture, filtered + np.random.default_rng(1).normal(size=filtered.shape), (3, 3), "SAME") is None


def test_the_lessons_setup_is_the_car_picture_as_a_batch_of_one() -> None:
    image = lesson()["image"]
    assert (tuple(image.shape), image.dtype) == ((1, 400, 400, 1), tf.float32)
    assert 0.0 <= float(tf.reduce_min(image)) < float(tf.reduce_max(image)) <= 1.0


def test_a_missing_map_is_not_judged(capsys: pytest.CaptureFixture[str]) -> None:
    nb = bind(capsys, f"kernel = tf.constant({SOBEL})\n{MAPS}", image_filter=DELETE)
    assert nb.check("q_1").status is Status.CORRECT
