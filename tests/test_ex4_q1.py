"""ex4 q_1 (`image_stride2`, `image_stride3`): every correct form passes, every known mistake gets its own
words and id, a learner's own picture works, a blank picture (or one on which a mistake gives the right
values) is never Correct, the picture a wrong answer shows holds the learner's map and the expected one, and a
check never changes the notebook. Messages are pinned in full, as a learner reads them."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import tensorflow as tf
from ex4_notebook import Ex4Notebook
from hypothesis import given, settings
from hypothesis import strategies as st

from learntools_cv import reference
from learntools_cv.core import Session, Status
from learntools_cv.core.record import EVENTS_ENV


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No events file, and a fresh session for each test."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


@pytest.fixture
def nb(capsys: pytest.CaptureFixture[str]) -> Ex4Notebook:
    return Ex4Notebook(capsys)


# ---------------------------------------------------------------------------------------------------------
# Right answers

STRIDE_TWO_FORMS = {
    "keywords": "image_stride2 = tf.nn.conv2d(input=image, filters=kernel, strides=2, padding='SAME')",
    "positional": "image_stride2 = tf.nn.conv2d(image, kernel, 2, 'SAME')",
    "four-strides": "image_stride2 = tf.nn.conv2d(image, kernel, strides=[1, 2, 2, 1], padding='SAME')",
    "pair-of-strides": "image_stride2 = tf.nn.conv2d(image, kernel, strides=(2, 2), padding='SAME')",
    "tf.nn.convolution": "image_stride2 = tf.nn.convolution(image, kernel, strides=2, padding='SAME')",
    "keras-layer": (
        "layer = tf.keras.layers.Conv2D(1, 3, strides=2, padding='same', use_bias=False)\n"
        "layer.build(image.shape)\n"
        "layer.set_weights([kernel.numpy()])\n"
        "image_stride2 = layer(image)"
    ),
    "squeezed": "image_stride2 = tf.squeeze(tf.nn.conv2d(image, kernel, strides=2, padding='SAME'))",
    "numpy": "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME').numpy()",
    "float64": "image_stride2 = tf.nn.conv2d(tf.cast(image, tf.float64), tf.cast(kernel, tf.float64), 2, 'SAME')",
    # The stride-1 map at the positions a stride of 2 keeps: the same numbers.
    "stride-1-map-subsampled": "image_stride2 = image_filter[:, 1::2, 1::2, :]",
}

STRIDE_THREE_FORMS = {
    "keywords": "image_stride3 = tf.nn.conv2d(input=image, filters=kernel, strides=3, padding='VALID')",
    "keras-layer": (
        "layer = tf.keras.layers.Conv2D(1, 3, strides=3, use_bias=False)\n"
        "layer.build(image.shape)\n"
        "layer.set_weights([kernel.numpy()])\n"
        "image_stride3 = layer(image)"
    ),
    "stride-1-map-subsampled": "image_stride3 = image_filter[:, 1:-1:3, 1:-1:3, :]",
}


@pytest.mark.parametrize("code", STRIDE_TWO_FORMS.values(), ids=STRIDE_TWO_FORMS)
def test_q1a_right_answers_are_correct(nb: Ex4Notebook, code: str) -> None:
    assert nb.run(code).check("q_1.a").status is Status.CORRECT


@pytest.mark.parametrize("code", STRIDE_THREE_FORMS.values(), ids=STRIDE_THREE_FORMS)
def test_q1b_right_answers_are_correct(nb: Ex4Notebook, code: str) -> None:
    assert nb.run(code).check("q_1.b").status is Status.CORRECT


def test_the_starters_are_not_attempted(nb: Ex4Notebook) -> None:
    nb.run("image_stride2 = ____\nimage_stride3 = ____")
    for question, name in (("q_1.a", "image_stride2"), ("q_1.b", "image_stride3")):
        outcome = nb.check(question)
        assert outcome.status is Status.NOT_ATTEMPTED
        assert outcome.message == (
            f"Not attempted: `{name}` still holds the placeholder `____`. Replace it with your code, then run "
            f"`{question}.check()` again."
        )


# ---------------------------------------------------------------------------------------------------------
# Mistakes, with their words


@pytest.mark.parametrize(
    ("code", "mistake", "message"),
    [
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')",
            'padding-valid',
            "Incorrect: It looks like you used 'VALID' padding: every window stays inside the picture, so (224 "
            "- 3) // 2 + 1 = 111 windows fit down and across. 'SAME' padding adds zeros around the edges, so "
            'that 224 / 2 rounded up = 112 windows fit down and across. This question asks for `image` '
            "filtered with `kernel`, stride 2 and 'SAME' padding: use `padding='SAME'`.",
            id='valid',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=1, padding='SAME')",
            'stride-1',
            'Incorrect: It looks like you moved the window 1 pixel at a time (`strides=1`). This question asks '
            "for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use `strides=2`.",
            id='stride-1',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=3, padding='SAME')",
            'stride-as-window',
            'Incorrect: It looks like you moved the window 3 pixels at a time (`strides=3`), as far as the '
            'kernel is wide: the stride is how far the 3x3 window moves, not how big it is. This question asks '
            "for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use `strides=2`.",
            id='stride-as-window',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=4, padding='SAME')",
            'stride-4',
            'Incorrect: It looks like you moved the window 4 pixels at a time (`strides=4`). This question '
            "asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use `strides=2`.",
            id='stride-4',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=(2, 1), padding='SAME')",
            'stride-2x1',
            'Incorrect: It looks like you moved the window 2 pixels down but 1 pixel across (`strides=(2, '
            "1)`). This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use "
            '`strides=2`.',
            id='rows-only',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=(1, 2), padding='SAME')",
            'stride-1x2',
            'Incorrect: It looks like you moved the window 1 pixel down but 2 pixels across (`strides=(1, '
            "2)`). This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use "
            '`strides=2`.',
            id='columns-only',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=1, padding='SAME', dilations=2)",
            'dilation-not-stride',
            'Incorrect: It looks like you set `dilations=2` instead of `strides=2`: dilation spreads the '
            "kernel's weights 2 pixels apart, but the window still moves 1 pixel at a time. This question asks "
            "for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use `strides=2`; leave out "
            '`dilations`.',
            id='dilations-for-strides',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME', dilations=2)",
            'dilation-2',
            "Incorrect: It looks like you set `dilations=2`, which spreads the kernel's weights 2 pixels "
            "apart. This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: leave "
            'out `dilations`.',
            id='dilations-and-strides',
        ),
        pytest.param(
            'image_stride2 = tf.nn.conv2d(tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]]), kernel, strides=2, '
            "padding='VALID')",
            'padding-by-hand',
            'Incorrect: Your map is shifted by a pixel: its windows start one pixel further up and left than '
            "'SAME' padding puts them. That is what zeros padded by hand on every side give (with `tf.pad`, or "
            'taking every other value of a stride-1 map from its first one). With a stride larger than 1, '
            "'SAME' pads only as much as the last window needs, and puts the odd extra row and column at the "
            "bottom and right. This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' "
            "padding: use `padding='SAME'`.",
            id='padded-by-hand',
        ),
        pytest.param(
            'image_stride2 = image_filter[:, ::2, ::2, :]',
            'padding-by-hand',
            'Incorrect: Your map is shifted by a pixel: its windows start one pixel further up and left than '
            "'SAME' padding puts them. That is what zeros padded by hand on every side give (with `tf.pad`, or "
            'taking every other value of a stride-1 map from its first one). With a stride larger than 1, '
            "'SAME' pads only as much as the last window needs, and puts the odd extra row and column at the "
            "bottom and right. This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' "
            "padding: use `padding='SAME'`.",
            id='subsampled-from-0',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image_filter, kernel, strides=2, padding='SAME')",
            'filtered-twice',
            'Incorrect: It looks like you filtered `image_filter` (the stride-1 map of the setup cells) '
            'instead of `image`, so the kernel ran twice. This question asks for `image` filtered with '
            "`kernel`, stride 2 and 'SAME' padding: pass `image` to `tf.nn.conv2d`.",
            id='filtered-twice',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image_filter, kernel, strides=2, padding='VALID')",
            'filtered-twice+padding-valid',
            'Incorrect: It looks like you filtered `image_filter` (the stride-1 map of the setup cells) '
            "instead of `image`, so the kernel ran twice. You also used 'VALID' padding: every window stays "
            "inside the picture, so (224 - 3) // 2 + 1 = 111 windows fit down and across. 'SAME' padding adds "
            'zeros around the edges, so that 224 / 2 rounded up = 112 windows fit down and across. This '
            "question asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: pass `image` to "
            "`tf.nn.conv2d`, with `padding='SAME'`.",
            id='filtered-twice-valid',
        ),
        pytest.param(
            'image_stride2 = image[:, ::2, ::2, :]',
            'not-filtered',
            'Incorrect: It looks like you took every second pixel of `image` without the kernel. A stride '
            'skips positions of the window, but at each position it keeps the sum of the pixels times the '
            "kernel's weights. This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' "
            'padding: use `tf.nn.conv2d`.',
            id='not-filtered',
        ),
        pytest.param(
            'image_stride2 = image',
            'copied-image',
            'Incorrect: `image_stride2` is `image` itself, unfiltered. This question asks for `image` filtered '
            "with `kernel`, stride 2 and 'SAME' padding: use `tf.nn.conv2d`.",
            id='the-picture',
        ),
        pytest.param(
            'image_stride2 = image_filter',
            'stride-1',
            'Incorrect: It looks like you moved the window 1 pixel at a time (`strides=1`). This question asks '
            "for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use `strides=2`.",
            id='the-stride-1-map',
        ),
        pytest.param(
            "image_stride2 = tf.nn.relu(tf.nn.conv2d(image, kernel, strides=2, padding='SAME'))",
            'relu-applied',
            'Incorrect: It looks like you applied a ReLU after filtering: your map has no negative values '
            'where the filtered picture has. This question asks for `image` filtered with `kernel`, stride 2 '
            "and 'SAME' padding, negative values and all: leave out `tf.nn.relu`.",
            id='relu',
        ),
        pytest.param(
            "image_stride2 = tf.nn.pool(image_filter, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
            'pooled-image_filter',
            'Incorrect: It looks like you condensed `image_filter` (the stride-1 map of the setup cells) with '
            'maximum pooling, a 2x2 window moved 2 pixels at a time. Pooling keeps the largest or the mean '
            'value of each window; the stride of a convolution keeps its weighted sum at every second '
            "position. This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use "
            '`tf.nn.conv2d` with `strides=2`.',
            id='max-pooled',
        ),
        pytest.param(
            "image_stride2 = tf.nn.avg_pool2d(image_filter, 2, 2, 'SAME')",
            'pooled-image_filter',
            'Incorrect: It looks like you condensed `image_filter` (the stride-1 map of the setup cells) with '
            'average pooling, a 2x2 window moved 2 pixels at a time. Pooling keeps the largest or the mean '
            'value of each window; the stride of a convolution keeps its weighted sum at every second '
            "position. This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use "
            '`tf.nn.conv2d` with `strides=2`.',
            id='average-pooled',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME') * 255",
            'scaled',
            'Incorrect: `image_stride2` is 255 times what it should be: the window slid right, but the values '
            'were scaled. Keep the result of `tf.nn.conv2d` as it is.',
            id='scaled',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, tf.transpose(kernel, [1, 0, 2, 3]), strides=2, padding='SAME')",
            'transposed-kernel',
            "Incorrect: It looks like you filtered `image`, stride 2 and 'SAME' padding, with `kernel` "
            'transposed: its rows and columns swapped. This question asks for `image` filtered with `kernel` '
            'itself.',
            id='transposed-kernel',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel[::-1, ::-1], strides=2, padding='SAME')",
            'flipped-kernel',
            "Incorrect: It looks like you filtered `image`, stride 2 and 'SAME' padding, with `kernel` turned "
            'upside down and back to front, as a textbook convolution (or `scipy.signal.convolve2d`) flips it. '
            '`tf.nn.conv2d` slides the kernel as it is written. This question asks for `image` filtered with '
            '`kernel` itself.',
            id='flipped-kernel',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, tf.reshape(tf.eye(3), [3, 3, 1, 1]), strides=2, padding='SAME')",
            'other-kernel',
            "Incorrect: It looks like you filtered `image`, stride 2 and 'SAME' padding, with another kernel, "
            'about `[[ 1., -0., 0.], [ 0., 1., -0.], [ 0., -0., 1.]]`. A new `Conv2D` layer, for one, starts '
            'from random weights of its own; pass `kernel` to `tf.nn.conv2d`. This question asks for `image` '
            'filtered with `kernel` itself.',
            id='identity-kernel',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME') + 0.01",
            None,
            'Incorrect: `image_stride2` has the right shape, but its values are off. 12,544 of 12,544 values '
            '(100%) differ. The largest difference is 0.01, at [0, 84, 25, 0]. The first ones are at [0, 0, 0, '
            '0], [0, 0, 1, 0], [0, 0, 2, 0]. This question asks for `image` filtered with `kernel`, stride 2 '
            "and 'SAME' padding.",
            id='values-off',
        ),
        pytest.param(
            'image_stride2 = tf.zeros([1, 112, 112, 1])',
            'all-zeros',
            'Incorrect: `image_stride2` is all zeros, but filtering `image` gives values up to 3.36. Assign '
            'the result of `tf.nn.conv2d`.',
            id='all-zeros',
        ),
        pytest.param(
            'image_stride2 = tf.zeros([1, 100, 100, 1])',
            'wrong-shape',
            'Incorrect: `image_stride2` has shape `(1, 100, 100, 1)`, but filtering `image` (shape `(1, 224, '
            "224, 1)`) with stride 2 and 'SAME' padding gives shape `(1, 112, 112, 1)`: 224 / 2 rounded up = "
            '112 windows fit down and across.',
            id='wrong-shape',
        ),
        pytest.param(
            "image_stride2 = tf.fill([1, 112, 112, 1], float('nan'))",
            'nan-or-inf',
            'Incorrect: `image_stride2` contains 12,544 values that are NaN or infinite, where filtering '
            '`image` gives ordinary numbers. Check the input you filtered and any arithmetic you did on the '
            'result.',
            id='nan',
        ),
        pytest.param(
            "image_stride2 = tf.cast(tf.nn.conv2d(image, kernel, strides=2, padding='SAME'), tf.int32)",
            'integer-dtype',
            'Incorrect: `image_stride2` holds integers (`int32`), so the fractional part of every value is '
            "lost. Keep the floating-point result of the convolution; don't cast it.",
            id='integers',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME') > 0",
            'bool-dtype',
            'Incorrect: `image_stride2` holds True/False values. It should hold the filtered picture: numbers, '
            'as `tf.nn.conv2d` gives them.',
            id='booleans',
        ),
        pytest.param(
            'image_stride2 = tf.constant(3.0)',
            'one-number',
            'Incorrect: `image_stride2` is a single number, but it should be the filtered picture of shape '
            '`(1, 112, 112, 1)`.',
            id='one-number',
        ),
        pytest.param(
            'image_stride2 = None',
            'none',
            'Incorrect: `image_stride2` is `None`, but it should be a tensor or an array (the filtered picture).',
            id='none',
        ),
        pytest.param(
            'image_stride2 = tf.nn.conv2d',
            'function-not-result',
            'Incorrect: `image_stride2` is the function `conv2d` itself, not its result. Call it and assign '
            'what it returns.',
            id='the-function',
        ),
        pytest.param(
            "image_stride2 = tf.keras.layers.Conv2D(1, 3, strides=2, padding='same')",
            'uncalled-layer',
            'Incorrect: `image_stride2` is a Keras `Conv2D` layer, not its output. Call the layer on your '
            'input, as in `layer(x)`, and assign what it returns.',
            id='an-uncalled-layer',
        ),
        pytest.param(
            "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME').numpy().tolist()",
            'python-list',
            'Incorrect: `image_stride2` is a Python list, but it should be a tensor or an array (the filtered '
            'picture).',
            id='a-list',
        ),
    ],
)
def test_q1a_mistakes_are_named(nb: Ex4Notebook, code: str, mistake: str | None, message: str) -> None:
    outcome = nb.run(code).check("q_1.a")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, message)


@pytest.mark.parametrize(
    ("code", "mistake", "message"),
    [
        pytest.param(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='SAME')",
            'padding-same',
            "Incorrect: It looks like you used 'SAME' padding: it adds zeros around the edges, so 224 / 3 "
            "rounded up = 75 windows fit down and across. 'VALID' padding keeps every window inside the "
            'picture: (224 - 3) // 3 + 1 = 74 windows fit down and across. This question asks for `image` '
            "filtered with `kernel`, stride 3 and 'VALID' padding: use `padding='VALID'`.",
            id='same',
        ),
        pytest.param(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')",
            'stride-2',
            'Incorrect: It looks like you moved the window 2 pixels at a time (`strides=2`). This question '
            "asks for `image` filtered with `kernel`, stride 3 and 'VALID' padding: use `strides=3`.",
            id='stride-2',
        ),
        pytest.param(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=1, padding='VALID')",
            'stride-1',
            'Incorrect: It looks like you moved the window 1 pixel at a time (`strides=1`). This question asks '
            "for `image` filtered with `kernel`, stride 3 and 'VALID' padding: use `strides=3`.",
            id='stride-1',
        ),
        pytest.param(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=(3, 1), padding='VALID')",
            'stride-3x1',
            'Incorrect: It looks like you moved the window 3 pixels down but 1 pixel across (`strides=(3, '
            "1)`). This question asks for `image` filtered with `kernel`, stride 3 and 'VALID' padding: use "
            '`strides=3`.',
            id='rows-only',
        ),
        pytest.param(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=1, padding='VALID', dilations=3)",
            'dilation-not-stride',
            'Incorrect: It looks like you set `dilations=3` instead of `strides=3`: dilation spreads the '
            "kernel's weights 3 pixels apart, but the window still moves 1 pixel at a time. This question asks "
            "for `image` filtered with `kernel`, stride 3 and 'VALID' padding: use `strides=3`; leave out "
            '`dilations`.',
            id='dilations-for-strides',
        ),
        pytest.param(
            'image_stride3 = tf.nn.conv2d(tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]]), kernel, strides=3, '
            "padding='VALID')",
            'padding-by-hand',
            'Incorrect: It looks like you padded the picture with zeros by hand on every side (with `tf.pad`): '
            "'VALID' padding slides the window over the picture as it is. This question asks for `image` "
            "filtered with `kernel`, stride 3 and 'VALID' padding: use `padding='VALID'`.",
            id='padded-by-hand',
        ),
        pytest.param(
            "image_stride3 = tf.nn.conv2d(image_filter, kernel, strides=3, padding='VALID')",
            'filtered-twice',
            'Incorrect: It looks like you filtered `image_filter` (the stride-1 map of the setup cells) '
            'instead of `image`, so the kernel ran twice. This question asks for `image` filtered with '
            "`kernel`, stride 3 and 'VALID' padding: pass `image` to `tf.nn.conv2d`.",
            id='filtered-twice',
        ),
        pytest.param(
            'image_stride3 = image[:, ::3, ::3, :]',
            'not-filtered',
            'Incorrect: It looks like you took every third pixel of `image` without the kernel. A stride skips '
            "positions of the window, but at each position it keeps the sum of the pixels times the kernel's "
            "weights. This question asks for `image` filtered with `kernel`, stride 3 and 'VALID' padding: use "
            '`tf.nn.conv2d`.',
            id='not-filtered',
        ),
        pytest.param(
            "image_stride3 = tf.nn.max_pool2d(image, 3, 3, 'VALID')",
            'pooled-image',
            'Incorrect: It looks like you condensed `image` with maximum pooling, a 3x3 window moved 3 pixels '
            'at a time. Pooling keeps the largest or the mean value of each window; the stride of a '
            'convolution keeps its weighted sum at every third position. This question asks for `image` '
            "filtered with `kernel`, stride 3 and 'VALID' padding: use `tf.nn.conv2d` with `strides=3`.",
            id='max-pooled-picture',
        ),
        pytest.param(
            "image_stride3 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME')",
            'stride-2+padding-same',
            'Incorrect: It looks like you moved the window 2 pixels at a time (`strides=2`). You also used '
            "'SAME' padding: it adds zeros around the edges, so 224 / 3 rounded up = 75 windows fit down and "
            "across. 'VALID' padding keeps every window inside the picture: (224 - 3) // 3 + 1 = 74 windows "
            "fit down and across. This question asks for `image` filtered with `kernel`, stride 3 and 'VALID' "
            "padding: use `strides=3` and `padding='VALID'`.",
            id='the-answer-to-1a',
        ),
        pytest.param(
            'image_stride3 = tf.zeros([1, 75, 75, 1])',
            'wrong-shape',
            'Incorrect: `image_stride3` has shape `(1, 75, 75, 1)`, but filtering `image` (shape `(1, 224, '
            "224, 1)`) with stride 3 and 'VALID' padding gives shape `(1, 74, 74, 1)`: (224 - 3) // 3 + 1 = 74 "
            'windows fit down and across.',
            id='wrong-shape',
        ),
    ],
)
def test_q1b_mistakes_are_named(nb: Ex4Notebook, code: str, mistake: str | None, message: str) -> None:
    outcome = nb.run(code).check("q_1.b")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, message)


# ---------------------------------------------------------------------------------------------------------
# A learner's own picture


OWN_PICTURE = (
    "image = tf.random.stateless_uniform([1, 225, 301, 3], seed=(4, 2))  # an odd-sized colour picture\n"
    "kernel = tf.random.stateless_normal([3, 3, 3, 1], seed=(4, 3))"
)


@pytest.mark.parametrize(
    "answer",
    [
        "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME')",
        # On an odd side, zeros padded by hand on every side are where 'SAME' puts them: the same numbers.
        "image_stride2 = tf.nn.conv2d(tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]]), kernel, 2, 'VALID')",
    ],
    ids=["conv2d", "padded-by-hand-on-odd-sides"],
)
def test_an_odd_sized_colour_picture_of_ones_own_is_judged_on_its_values(nb: Ex4Notebook, answer: str) -> None:
    assert nb.run(OWN_PICTURE).run(answer).check("q_1.a").status is Status.CORRECT


def test_a_mistake_on_ones_own_picture_is_named_with_its_sizes(nb: Ex4Notebook) -> None:
    nb.run(OWN_PICTURE).run("image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')")
    outcome = nb.check("q_1.a")
    assert (outcome.mistake, outcome.message) == (
        "padding-valid",
        "Incorrect: It looks like you used 'VALID' padding: every window stays inside the picture, so "
        "(225 - 3) // 2 + 1 = 112 windows fit down and (301 - 3) // 2 + 1 = 150 across. 'SAME' padding adds "
        "zeros around the edges, so that 225 / 2 rounded up = 113 windows fit down and 301 / 2 rounded up = 151 "
        "across. This question asks for `image` filtered with `kernel`, stride 2 and 'SAME' padding: use "
        "`padding='SAME'`.",
    )


# ---------------------------------------------------------------------------------------------------------
# Pictures that cannot tell right from wrong


BLANK = (
    "Nothing to check: Your `image` is blank: every pixel is 0.5. On a blank picture every way of sliding the "
    "window gives the same values away from the edges, so this check cannot tell whether `{answer}` is right. "
    "Re-run the setup cells above (they read the lesson's picture; a picture of your own works too, if it has "
    "some detail), then your answer, and check again."
)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("q_1.a", "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME')"),
        ("q_1.b", "image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='VALID')"),
    ],
    ids=["q_1.a", "q_1.b"],
)
def test_a_blank_picture_is_never_correct(nb: Ex4Notebook, question: str, answer: str) -> None:
    nb.run("image = tf.fill([1, 224, 224, 1], 0.5)").run(answer)
    outcome = nb.check(question)
    assert (outcome.status, outcome.mistake) == (Status.UNCHECKABLE, None)
    assert outcome.message == BLANK.format(answer=answer.split(" =")[0])


def test_a_wrong_answer_on_a_blank_picture_is_still_named(nb: Ex4Notebook) -> None:
    nb.run("image = tf.fill([1, 224, 224, 1], 0.5)")
    nb.run("image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')")
    assert nb.check("q_1.a").mistake == "padding-valid"


def test_a_picture_on_which_a_mistake_gives_the_right_values_is_never_correct(nb: Ex4Notebook) -> None:
    """When `image_filter` is the picture itself, filtering it is filtering the picture: the check cannot tell
    the learner's map from the 'filtered twice' mistake, and says so."""
    nb.run("image_filter = image\nimage_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME')")
    outcome = nb.check("q_1.a")
    assert (outcome.status, outcome.message) == (
        Status.UNCHECKABLE,
        "Nothing to check: On your `image`, filtering `image_filter` gives the same values as stride 2 and 'SAME' "
        "padding, so this check cannot tell which one `image_stride2` used. Re-run the setup cells above with the "
        "lesson's picture (or a picture of your own with more detail), then your answer, and check again.",
    )


# ---------------------------------------------------------------------------------------------------------
# The setup changed


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "kernel = tf.constant([0.1, 0.2, 0.3, 0.4])",
            "Incorrect: `kernel` has shape `(4,)`, which does not fit `image` (shape `(1, 224, 224, 1)`): it should "
            "have the shape `(3, 3, 1, 1)` the setup cells gave it. Re-run them, then check again.",
        ),
        (
            "image = None",
            "Incorrect: `image` is `None`, but it should be a tensor or an array. The answer is checked against "
            "`image`: re-run the setup cells above, then check again.",
        ),
    ],
    ids=["kernel-of-a-series", "no-picture"],
)
def test_a_broken_setup_asks_to_run_the_setup_cells_again(nb: Ex4Notebook, cell: str, message: str) -> None:
    nb.run("image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME')").run(cell)
    outcome = nb.check("q_1.a")
    assert (outcome.mistake, outcome.message) == ("setup-broken", message)


# ---------------------------------------------------------------------------------------------------------
# The picture a wrong answer shows


def test_a_wrong_map_is_shown_beside_the_expected_one(nb: Ex4Notebook) -> None:
    nb.run("image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME', dilations=2)")
    figure = nb.check("q_1.a").figure
    expected = reference.conv2d(nb.ns["image"].numpy(), nb.ns["kernel"].numpy(), 2, "SAME")
    np.testing.assert_array_equal(figure.actual, nb.ns["image_stride2"].numpy()[0, :, :, 0])
    np.testing.assert_array_equal(figure.expected, expected[0, :, :, 0])
    assert figure.title == "image_stride2"


def test_a_map_of_the_wrong_size_is_shown_beside_the_expected_one(nb: Ex4Notebook) -> None:
    nb.run("image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='SAME')")
    figure = nb.check("q_1.b").figure
    assert figure.actual.shape == (75, 75) and figure.expected.shape == (74, 74)
    from learntools_cv.core import figures

    drawn = figures.draw(figure)
    titles = [ax.get_title() for ax in drawn.axes if ax.get_images()]
    assert titles == ["Your answer", "Expected"]  # no difference of two sizes


# ---------------------------------------------------------------------------------------------------------
# Any picture, any kernel


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(
    # From 8 pixels on, every stride of 1 to 4 takes more than one position: a picture of 4 fits one 3x3
    # window whatever the stride, and the check rightly says it cannot tell.
    height=st.integers(8, 40),
    width=st.integers(8, 40),
    seed=st.integers(0, 2**16),
    question=st.sampled_from([("q_1.a", "image_stride2", 2, "SAME"), ("q_1.b", "image_stride3", 3, "VALID")]),
)
def test_a_right_map_is_correct_and_a_nudged_one_is_not(
    height: int, width: int, seed: int, question: tuple[str, str, int, str]
) -> None:
    name, answer, stride, padding = question
    rng = np.random.default_rng(seed)
    image = tf.constant(rng.random((1, height, width, 1), dtype=np.float32))
    kernel = tf.constant(rng.normal(size=(3, 3, 1, 1)).astype(np.float32))
    right = tf.nn.conv2d(image, kernel, strides=stride, padding=padding)
    nb = Ex4Notebook(image=image, kernel=kernel, image_filter=tf.nn.conv2d(image, kernel, 1, "SAME"))
    nb.set(**{answer: right})
    assert nb.outcome(name).status is Status.CORRECT
    nudged = right.numpy().copy()
    nudged[0, -1, -1, 0] += 0.5
    nb.set(**{answer: nudged})
    outcome = nb.outcome(name)
    assert outcome.status is Status.INCORRECT, outcome.message


def test_a_picture_too_small_for_the_stride_to_matter_is_never_correct(nb: Ex4Notebook) -> None:
    nb.run("image = tf.random.stateless_uniform([1, 4, 4, 1], seed=(1, 1))\nimage_filter = None")
    nb.run("image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='VALID')")
    outcome = nb.check("q_1.b")
    assert (outcome.status, outcome.message) == (
        Status.UNCHECKABLE,
        "Nothing to check: On your `image`, `strides=2` gives the same values as stride 3 and 'VALID' padding, so "
        "this check cannot tell which one `image_stride3` used. Re-run the setup cells above with the lesson's "
        "picture (or a picture of your own with more detail), then your answer, and check again.",
    )
