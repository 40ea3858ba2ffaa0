"""ex2 bonus questions: q_5 (`convolve_numpy`) and q_6 (`relu_numpy`), a convolution and a ReLU written in
numpy, judged on fixed and generated inputs with the usual mistakes named; q_7 (`horizontal_kernel`), a kernel
judged by what it brings out. Right answers in every form pass, every named mistake is pinned in full with its
id, and the bonus questions do not count towards completion.
"""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf
from ex2_support import MODULE, bind, incorrect, isolated  # noqa: F401 (isolated: a fixture)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from learntools_cv import reference
from learntools_cv.core import Status, progress
from learntools_cv.lessons.convolution_and_relu.diagnosis.orientation import SELECTIVITY, Responses, stripes

# ---------------------------------------------------------------------------------------------------------
# q_5: a convolution in numpy

CONVOLUTIONS = {
    "loops": (
        "def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n"
        "    out = np.zeros((h - kh + 1, w - kw + 1))\n"
        "    for i in range(h - kh + 1):\n        for j in range(w - kw + 1):\n"
        "            out[i, j] = np.sum(image[i:i + kh, j:j + kw] * kernel)\n    return out"
    ),
    "sliding-windows": (
        "def convolve_numpy(image, kernel):\n"
        "    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)\n"
        "    return np.einsum('ijkl,kl->ij', windows, kernel)"
    ),
    "kernel-offsets": (
        "def convolve_numpy(image, kernel):\n    kh, kw = kernel.shape\n    h, w = image.shape\n"
        "    out = np.zeros((h - kh + 1, w - kw + 1))\n    for a in range(kh):\n        for b in range(kw):\n"
        "            out += kernel[a, b] * image[a:a + h - kh + 1, b:b + w - kw + 1]\n    return out"
    ),
    "with-tensorflow": (
        "def convolve_numpy(image, kernel):\n"
        "    x = tf.constant(image[np.newaxis, :, :, np.newaxis], tf.float64)\n"
        "    k = tf.constant(kernel[:, :, np.newaxis, np.newaxis], tf.float64)\n"
        "    return tf.nn.conv2d(x, k, 1, 'VALID')[0, :, :, 0].numpy()"
    ),
}


@pytest.mark.parametrize("name", list(CONVOLUTIONS))
def test_every_right_convolution_passes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = bind(capsys, CONVOLUTIONS[name]).check("q_5")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


CONV_MISTAKES: dict[str, tuple[str, str, str]] = {
    'kernel-flipped': (
        'def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n    out = np.empty((h - kh + 1, w - kw + 1))\n    for i in range(h - kh + 1):\n        for j in range(w - kw + 1):\n            out[i, j] = (image[i:i + kh, j:j + kw] * kernel[::-1, ::-1]).sum()\n    return out',
        'kernel-flipped',
        "`convolve_numpy` turns the kernel upside down and back to front before sliding it, as a mathematician's convolution does; `tf.nn.conv2d` slides it as it is. For this input:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])\n\nExpected:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ],\n          [ 7. , 15. , 18. , 24.5],\n          [ 3. , -4. , -2. , -1. ]])\n\nYours:\n\nnp.array([[ 5. , 10. , 15. , 20. ],\n          [ 3. , -5. , -8. , -4.5],\n          [ 5. , -2. ,  4. ,  6. ]])",
    ),
    'one-short': (
        'def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n    out = np.empty((h - kh, w - kw))\n    for i in range(h - kh):\n        for j in range(w - kw):\n            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()\n    return out',
        'one-short',
        '`convolve_numpy` stops one position short: it leaves out the last row and the last column of positions. With a picture of height `h` and a kernel of height `kh` there are `h - kh + 1` rows of positions. For this input:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])\n\nExpected:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ],\n          [ 7. , 15. , 18. , 24.5],\n          [ 3. , -4. , -2. , -1. ]])\n\nYours:\n\nnp.array([[-1.,  0.,  1.],\n          [ 7., 15., 18.]])',
    ),
    'mean-not-sum': (
        'def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n    out = np.empty((h - kh + 1, w - kw + 1))\n    for i in range(h - kh + 1):\n        for j in range(w - kw + 1):\n            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).mean()\n    return out',
        'mean-not-sum',
        '`convolve_numpy` averages the products under the kernel instead of adding them up. For this input:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])\n\nExpected:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ],\n          [ 7. , 15. , 18. , 24.5],\n          [ 3. , -4. , -2. , -1. ]])\n\nYours:\n\nnp.array([[-0.25 ,  0.   ,  0.25 ,  0.5  ],\n          [ 1.75 ,  3.75 ,  4.5  ,  6.125],\n          [ 0.75 , -1.   , -0.5  , -0.25 ]])',
    ),
    'integer-dtype': (
        'def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n    out = np.empty((h - kh + 1, w - kw + 1), dtype=int)\n    for i in range(h - kh + 1):\n        for j in range(w - kw + 1):\n            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()\n    return out',
        'integer-dtype',
        "`convolve_numpy` returned integers (`int64`) for this input, so the fractional part of every value is lost. Give the result the input's floating-point dtype, for example with `np.empty(..., dtype=image.dtype)`:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])\n\nExpected:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ],\n          [ 7. , 15. , 18. , 24.5],\n          [ 3. , -4. , -2. , -1. ]])\n\nYours:\n\nnp.array([[-1,  0,  1,  2],\n          [ 7, 15, 18, 24],\n          [ 3, -4, -2, -1]])",
    ),
    'same-padding': (
        'def convolve_numpy(image, kernel):\n    kh, kw = kernel.shape\n    top, left = (kh - 1) // 2, (kw - 1) // 2\n    padded = np.pad(image, ((top, kh - 1 - top), (left, kw - 1 - left)))\n    h, w = image.shape\n    out = np.empty((h, w))\n    for i in range(h):\n        for j in range(w):\n            out[i, j] = (padded[i:i + kh, j:j + kw] * kernel).sum()\n    return out',
        'same-padding',
        "`convolve_numpy` pads the picture with zeros and keeps its size, as `padding='SAME'` does. This question asks for 'VALID' padding: only the positions where the whole kernel fits on the picture. For this input:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])\n\nExpected:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ],\n          [ 7. , 15. , 18. , 24.5],\n          [ 3. , -4. , -2. , -1. ]])\n\nYours:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ,  4. ],\n          [ 7. , 15. , 18. , 24.5,  9. ],\n          [ 3. , -4. , -2. , -1. ,  0.5],\n          [ 2. , -1. ,  4. ,  8. ,  3. ]])",
    ),
    'wrong-shape': (
        'def convolve_numpy(image, kernel):\n    return image',
        'wrong-shape',
        "`convolve_numpy` returned shape `(4, 5)`, but the convolution (stride 1, 'VALID' padding) of this input gives shape `(3, 4)`:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])\n\nExpected:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ],\n          [ 7. , 15. , 18. , 24.5],\n          [ 3. , -4. , -2. , -1. ]])\n\nYours:\n\nnp.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n          [ 1. ,  3. ,  5. ,  7. ,  9. ],\n          [ 2. ,  0. , -2. ,  1. ,  0.5],\n          [ 4. , -1. ,  0. ,  2. ,  3. ]])",
    ),
    'wrong-values': (
        'def convolve_numpy(image, kernel):\n    return np.zeros((image.shape[0] - kernel.shape[0] + 1, image.shape[1] - kernel.shape[1] + 1))',
        'wrong-values',
        '`convolve_numpy` returns the wrong values for this input:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])\n\nExpected:\n\nnp.array([[-1. ,  0. ,  1. ,  2. ],\n          [ 7. , 15. , 18. , 24.5],\n          [ 3. , -4. , -2. , -1. ]])\n\nYours:\n\nnp.array([[0., 0., 0., 0.],\n          [0., 0., 0., 0.],\n          [0., 0., 0., 0.]])',
    ),
    'function-raised': (
        'def convolve_numpy(image, kernel):\n    return image @ kernel',
        'function-raised',
        '`convolve_numpy` raised `ValueError: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 ...` for this input:\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])',
    ),
    'returned-none': (
        'def convolve_numpy(image, kernel):\n    out = image[:1, :1]',
        'returned-none',
        '`convolve_numpy` returned `None` for this input. Did you forget a `return` statement?\n\nimage = np.array([[ 0. ,  1. ,  2. ,  3. ,  4. ],\n                  [ 1. ,  3. ,  5. ,  7. ,  9. ],\n                  [ 2. ,  0. , -2. ,  1. ,  0.5],\n                  [ 4. , -1. ,  0. ,  2. ,  3. ]])\nkernel = np.array([[ 1.,  2.],\n                   [ 0., -1.]])',
    ),
}


@pytest.mark.parametrize("name", list(CONV_MISTAKES))
def test_every_wrong_convolution_is_named(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, mistake, message = CONV_MISTAKES[name]
    outcome = bind(capsys, code).check("q_5")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, incorrect(message))


def test_a_convolution_wrong_only_for_1x1_kernels_is_shown_the_smallest_failing_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The fixed inputs pass; the generated ones find a failure, shrunk to a small picture and kernel."""
    code = (
        "def convolve_numpy(image, kernel):\n"
        "    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)\n"
        "    out = np.einsum('ijkl,kl->ij', windows, kernel)\n"
        "    return out if kernel.shape != (1, 1) else out + 1"
    )
    outcome = bind(capsys, code).check("q_5")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "wrong-values")
    assert "image = np.array([[0.]])\nkernel = np.array([[0.]])" in outcome.message


# ---------------------------------------------------------------------------------------------------------
# q_6: a ReLU in numpy

RECTIFIERS = {
    "np.maximum": "def relu_numpy(x):\n    return np.maximum(x, 0)",
    "np.where": "def relu_numpy(x):\n    return np.where(x > 0, x, 0.0)",
    "np.clip": "def relu_numpy(x):\n    return np.clip(x, 0, None)",
    "a-copy-changed": "def relu_numpy(x):\n    out = x.copy()\n    out[out < 0] = 0\n    return out",
    "times-a-mask": "def relu_numpy(x):\n    return x * (x > 0)",
}


@pytest.mark.parametrize("name", list(RECTIFIERS))
def test_every_right_relu_passes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = bind(capsys, RECTIFIERS[name]).check("q_6")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


RELU_MISTAKES: dict[str, tuple[str, str, str]] = {
    'abs': (
        'def relu_numpy(x):\n    return np.abs(x)',
        'abs',
        '`relu_numpy` makes negative values positive instead of setting them to 0. For this input:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])\n\nExpected:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 7.5]])\n\nYours:\n\nnp.array([[7.5, 2. , 0.5, 0. ],\n          [0.5, 2. , 6. , 7.5]])',
    ),
    'relu6': (
        'def relu_numpy(x):\n    return np.clip(x, 0, 6)',
        'relu6',
        '`relu_numpy` also caps values at 6, as ReLU6 does. For this input:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])\n\nExpected:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 7.5]])\n\nYours:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 6. ]])',
    ),
    'identity': (
        'def relu_numpy(x):\n    return x',
        'identity',
        '`relu_numpy` returns its input unchanged: the negative values are still there. For this input:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])\n\nExpected:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 7.5]])\n\nYours:\n\nnp.array([[-7.5, -2. , -0.5,  0. ],\n          [ 0.5,  2. ,  6. ,  7.5]])',
    ),
    'negatives-kept': (
        'def relu_numpy(x):\n    return np.minimum(x, 0)',
        'negatives-kept',
        '`relu_numpy` keeps the negative values and sets the positive ones to 0: the other way round. For this input:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])\n\nExpected:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 7.5]])\n\nYours:\n\nnp.array([[-7.5, -2. , -0.5,  0. ],\n          [ 0. ,  0. ,  0. ,  0. ]])',
    ),
    'not-an-array': (
        'def relu_numpy(x):\n    return x > 0',
        'not-an-array',
        '`relu_numpy` returned an array of `bool` values for this input, not an array of numbers:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])',
    ),
    'returned-none': (
        'def relu_numpy(x):\n    x[x < 0] = 0',
        'returned-none',
        '`relu_numpy` returned `None` for this input. Did you forget a `return` statement?\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])',
    ),
    'integer-dtype': (
        'def relu_numpy(x):\n    return np.maximum(x, 0).astype(int)',
        'integer-dtype',
        "`relu_numpy` returned integers (`int64`) for this input, so the fractional part of every value is lost. Give the result the input's floating-point dtype, for example with `np.empty(..., dtype=x.dtype)`:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])\n\nExpected:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 7.5]])\n\nYours:\n\nnp.array([[0, 0, 0, 0],\n          [0, 2, 6, 7]])",
    ),
    'wrong-shape': (
        'def relu_numpy(x):\n    return np.maximum(x, 0).ravel()',
        'wrong-shape',
        '`relu_numpy` returned shape `(8,)`, but the ReLU of this input gives shape `(2, 4)`:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])\n\nExpected:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 7.5]])\n\nYours:\n\nnp.array([0. , 0. , 0. , 0. , 0.5, 2. , 6. , 7.5])',
    ),
    'wrong-values': (
        'def relu_numpy(x):\n    return np.maximum(x, 1)',
        'wrong-values',
        '`relu_numpy` returns the wrong values for this input:\n\nx = np.array([[-7.5, -2. , -0.5,  0. ],\n              [ 0.5,  2. ,  6. ,  7.5]])\n\nExpected:\n\nnp.array([[0. , 0. , 0. , 0. ],\n          [0.5, 2. , 6. , 7.5]])\n\nYours:\n\nnp.array([[1. , 1. , 1. , 1. ],\n          [1. , 2. , 6. , 7.5]])',
    ),
}


@pytest.mark.parametrize("name", list(RELU_MISTAKES))
def test_every_wrong_relu_is_named(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, mistake, message = RELU_MISTAKES[name]
    outcome = bind(capsys, code).check("q_6")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, incorrect(message))


# ---------------------------------------------------------------------------------------------------------
# q_7: a kernel for the horizontal edges

HORIZONTAL = {
    "bottom-sobel": "horizontal_kernel = visiontools.bottom_sobel",
    "top-sobel": "horizontal_kernel = -visiontools.bottom_sobel",
    "line-detector": "horizontal_kernel = tf.constant([[-1, -1, -1], [2, 2, 2], [-1, -1, -1]])",
    "two-rows": "horizontal_kernel = tf.constant([[-1], [1]])",
    "wide": "horizontal_kernel = np.array([[-1] * 5, [0] * 5, [1] * 5])",
    "brighter-centre": "horizontal_kernel = tf.constant([[-1, -2, -1], [0, 1, 0], [1, 2, 1]])",
    "stacked-for-conv2d": "horizontal_kernel = tf.reshape(visiontools.bottom_sobel, [3, 3, 1, 1])",
    "nested-list": "horizontal_kernel = [[1, 1, 1], [0, 0, 0], [-1, -1, -1]]",
}


@pytest.mark.parametrize("name", list(HORIZONTAL))
def test_every_kernel_that_brings_out_horizontal_edges_passes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = bind(capsys, HORIZONTAL[name]).check("q_7")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


KERNEL_MISTAKES: dict[str, tuple[str, str, str]] = {
    'vertical-edges': (
        'horizontal_kernel = tf.constant([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])',
        'vertical-edges',
        'It looks like `horizontal_kernel` brings out vertical edges (its strongest response is 0 on horizontal stripes, 4 on vertical ones). A kernel responds to changes of brightness along the direction its numbers change: for horizontal edges, they should change from the top row to the bottom row, and stay the same along each row.',
    ),
    'every-direction': (
        'horizontal_kernel = visiontools.edge',
        'every-direction',
        '`horizontal_kernel` brings out edges in every direction (its strongest response is 3 on horizontal stripes, 3 on vertical ones). Keep the horizontal ones only: the numbers should change from the top row to the bottom row, and stay the same along each row.',
    ),
    'every-direction-emboss': (
        'horizontal_kernel = visiontools.emboss',
        'every-direction',
        '`horizontal_kernel` brings out edges in every direction (its strongest response is 4 on horizontal stripes, 4 on vertical ones). Keep the horizontal ones only: the numbers should change from the top row to the bottom row, and stay the same along each row.',
    ),
    'brightness': (
        'horizontal_kernel = visiontools.blur',
        'brightness',
        '`horizontal_kernel` lights up plain bright areas about as much as edges: on a white picture it gives 1, and on horizontal stripes at most 1. Its numbers add up to 1; make them add up to 0, so that flat areas give 0 and only changes of brightness remain.',
    ),
    'brightness-identity': (
        'horizontal_kernel = tf.constant([[0, 0, 0], [0, 1, 0], [0, 0, 0]])',
        'brightness',
        '`horizontal_kernel` lights up plain bright areas about as much as edges: on a white picture it gives 1, and on horizontal stripes at most 1. Its numbers add up to 1; make them add up to 0, so that flat areas give 0 and only changes of brightness remain.',
    ),
    'nothing-detected': (
        'horizontal_kernel = -tf.ones([3, 3])',
        'nothing-detected',
        '`horizontal_kernel` finds no edges at all: on stripes in either direction every filtered value is 0 or less, so the ReLU leaves nothing. A feature shows as positive values: change the signs of its numbers.',
    ),
    'zero-kernel': (
        'horizontal_kernel = tf.zeros([3, 3])',
        'zero-kernel',
        '`horizontal_kernel` is all zeros, so filtering with it gives a blank map whatever the picture. Put some positive and some negative numbers in it: the positive ones pick out the pattern to find.',
    ),
    'kernel-size': (
        'horizontal_kernel = tf.ones([9, 9])',
        'kernel-size',
        '`horizontal_kernel` has shape `(9, 9)`, but a kernel is a 2-D grid of numbers, at most 7 on a side, such as `tf.constant([[0, 1, 0], [1, -4, 1], [0, 1, 0]])`.',
    ),
    'kernel-reshaped': (
        'horizontal_kernel = tf.constant([-1, -2, -1, 0, 0, 0, 1, 2, 1])',
        'kernel-size',
        '`horizontal_kernel` has shape `(9,)`, but a kernel is a 2-D grid of numbers, at most 7 on a side, such as `tf.constant([[0, 1, 0], [1, -4, 1], [0, 1, 0]])`.',
    ),
    'none': (
        'horizontal_kernel = None',
        'none',
        '`horizontal_kernel` is `None`, but it should be a tensor of numbers, such as `tf.constant([[...], [...], [...]])`.',
    ),
}


@pytest.mark.parametrize("name", list(KERNEL_MISTAKES))
def test_every_wrong_kernel_is_named(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, mistake, message = KERNEL_MISTAKES[name]
    outcome = bind(capsys, code).check("q_7")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, incorrect(message))


@pytest.mark.parametrize(
    ("question", "table"), [("q_5", CONV_MISTAKES), ("q_6", RELU_MISTAKES), ("q_7", KERNEL_MISTAKES)]
)
def test_every_declared_mistake_id_is_pinned_here(question: str, table: dict[str, tuple[str, str, str]]) -> None:
    import learntools_cv.computer_vision.ex2 as ex2

    declared = {m.id for m in getattr(ex2, question).question.mistakes}
    assert declared <= {mistake for _, mistake, _ in table.values()}


def test_the_stripes_are_what_the_check_says() -> None:
    across, upright = stripes(horizontal=True), stripes(horizontal=False)
    assert across.shape == upright.shape == (1, 32, 32, 1)
    np.testing.assert_array_equal(across[0, :, :, 0].T, upright[0, :, :, 0])
    assert np.array_equal(across[0, :8, 0, 0], [0, 0, 0, 0, 1, 1, 1, 1])
    assert (across[0] == across[0, :, :1]).all()  # every row one colour: only horizontal edges


# Rows whose numbers add up to 0: the last one balances the others.
profiles = st.lists(st.integers(-4, 4), min_size=1, max_size=4).map(lambda r: [*r, -sum(r)]).filter(any)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(profile=profiles, width=st.integers(1, 5))
def test_a_kernel_that_changes_only_down_its_columns_passes_and_turned_upright_does_not(
    profile: list[int], width: int
) -> None:
    """Rows of equal numbers that add up to 0 answer horizontal edges only; the same kernel turned on its side
    answers vertical ones only."""
    kernel = np.repeat(np.array(profile, dtype=np.float64)[:, None], width, axis=1)
    responses = Responses.of(kernel)
    assume(responses.horizontal > 0)  # a profile whose every edge response is negative detects nothing
    assert responses.vertical == 0 and responses.flat == 0
    assert responses.horizontal >= SELECTIVITY * responses.vertical
    assert _verdict(kernel) == (Status.CORRECT, None)
    assert _verdict(kernel.T) == (Status.INCORRECT, "vertical-edges")


def _verdict(kernel: np.ndarray) -> tuple[Status, str | None]:
    from learntools_cv.core import Session, binder

    with Session().activated():
        binder.bind({"__name__": "__main__", "horizontal_kernel": kernel})
        import learntools_cv.computer_vision.ex2 as ex2

        outcome = ex2.q_7.evaluate()
    return outcome.status, outcome.mistake


def test_the_responses_are_the_reference_convolutions_strongest_values() -> None:
    kernel = np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]])
    responses = Responses.of(kernel)
    strongest = reference.relu(reference.conv2d(stripes(horizontal=True), kernel, 1, "VALID")).max()
    assert (responses.horizontal, responses.vertical, responses.flat) == (strongest, 0.0, 0.0) == (4.0, 0.0, 0.0)


# ---------------------------------------------------------------------------------------------------------
# Bonus questions are counted apart


def test_progress_leaves_the_bonus_questions_out_of_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    nb = bind(
        capsys,
        CONVOLUTIONS["loops"] + "\n" + RECTIFIERS["np.maximum"] + "\n" + HORIZONTAL["bottom-sobel"],
    )
    for question in ("q_5", "q_6", "q_7"):
        assert nb.check(question).status is Status.CORRECT
    summary = progress(MODULE)
    rows = {r.question: r for r in summary.rows}
    assert [q for q, r in rows.items() if r.bonus] == ["q_5", "q_6", "q_7"]
    assert all(rows[q].done for q in ("q_5", "q_6", "q_7"))
    assert (summary.done, summary.required) == (0, 3)
    assert tf.is_tensor(nb.ns["image"])  # the setup's picture is still the lesson's
