"""ex2 q_2 (`conv_fn`) and q_3 (`relu_fn`): judged by what the function computes, called as the notebook calls
it. Every function that computes what `tf.nn.conv2d` / `tf.nn.relu` compute passes, whatever its name; every
usual wrong answer gets its own words (pinned in full) and mistake id; a learner's function that raises, prints,
never returns or lies about itself gets a worded answer, never a traceback, and the check changes nothing.
"""

from __future__ import annotations

import functools
import signal
import warnings

import keras
import numpy as np
import pytest
import tensorflow as tf
from ex2_support import bind, incorrect, isolated  # noqa: F401 (isolated: a fixture)

from learntools_cv.core import Status, ____
from learntools_cv.lessons.convolution_and_relu.diagnosis import backend

# ---------------------------------------------------------------------------------------------------------
# q_2: right answers, by what they compute


def _learners_conv(input, filters, strides, padding):  # noqa: A002 (the notebook's argument names)
    return tf.nn.conv2d(input, filters, strides, padding)


@tf.function
def _traced_conv(input, filters, strides, padding):  # noqa: A002
    return tf.nn.conv2d(input, filters, strides, padding)


CONVOLUTIONS = {
    "tf.nn.conv2d": tf.nn.conv2d,
    "tf.nn.convolution": tf.nn.convolution,
    "tf.compat.v1.nn.conv2d": tf.compat.v1.nn.conv2d,
    "a-def": _learners_conv,
    "a-lambda": lambda input, filters, strides, padding: tf.nn.conv2d(input, filters, strides, padding),
    "a-lambda-of-keywords": lambda **kw: tf.nn.conv2d(**kw),
    "keras.ops.conv-renamed": lambda input, filters, strides, padding: keras.ops.conv(input, filters, strides, padding),
    "functools.partial": functools.partial(tf.nn.conv2d, data_format="NHWC"),
    "tf.function": tf.function(tf.nn.conv2d),
    "a-traced-def": _traced_conv,
    "one-that-prints": lambda **kw: print("filtering!") or tf.nn.conv2d(**kw),
    "one-that-returns-numpy": lambda **kw: tf.nn.conv2d(**kw).numpy(),
}


@pytest.mark.parametrize("name", list(CONVOLUTIONS))
def test_every_function_that_convolves_passes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = bind(capsys, conv_fn=CONVOLUTIONS[name]).check("q_2")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


CONV_MISTAKES: dict[str, tuple[str, str, str]] = {
    'conv1d': (
        'conv_fn = tf.nn.conv1d',
        'conv1d',
        "`conv_fn` is a one-dimensional convolution: it slides a kernel along a single row of values (a sound, a time series), and it takes `stride`, not `strides`. Called as the next cell calls it, it raised `TypeError: Got an unexpected keyword argument 'strides'`. A picture has rows and columns: give the convolution that slides the kernel in two dimensions.",
    ),
    'depthwise': (
        'conv_fn = tf.nn.depthwise_conv2d',
        'depthwise',
        "`conv_fn` is a depthwise convolution: it filters each channel of the picture on its own and keeps the channels apart, and its kernel argument is `filter`, not `filters`. Called as the next cell calls it, it raised `TypeError: Got an unexpected keyword argument 'filters'`. A convolution layer adds up what each kernel finds across all the channels, one feature map per kernel: give that function.",
    ),
    'keras-layer-class': (
        'conv_fn = tf.keras.layers.Conv2D',
        'keras-layer-class',
        "`conv_fn` is the Keras layer class `Conv2D`: layers are built from settings and put in a model. This question asks for the TensorFlow function that does the layer's work on values you give it, called as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'keras-layer-class-keras': (
        'conv_fn = keras.layers.Conv2D',
        'keras-layer-class',
        "`conv_fn` is the Keras layer class `Conv2D`: layers are built from settings and put in a model. This question asks for the TensorFlow function that does the layer's work on values you give it, called as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'keras-layer': (
        'conv_fn = tf.keras.layers.Conv2D(filters=1, kernel_size=3)',
        'keras-layer',
        "`conv_fn` is a Keras `Conv2D` layer, an object made to be put in a model. This question asks for the TensorFlow function that does its work, called as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'called-result': (
        "conv_fn = tf.nn.conv2d(input=image, filters=tf.ones([3, 3, 1, 1]), strides=1, padding='SAME')",
        'called-result',
        "`conv_fn` is a tensor of shape `(1, 400, 400, 1)`: the result of calling a function, not the function. Assign the function itself, without parentheses or arguments; the next cell calls it as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'called-result-numpy': (
        "conv_fn = tf.nn.conv2d(image, tf.ones([3, 3, 1, 1]), 1, 'SAME').numpy()",
        'called-result',
        "`conv_fn` is a numpy array of shape `(1, 400, 400, 1)`: the result of calling a function, not the function. Assign the function itself, without parentheses or arguments; the next cell calls it as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'argument-names': (
        'conv_fn = keras.ops.conv',
        'argument-names',
        "`conv_fn` computes the convolution when it is given its arguments in order, but it does not take them by the names the next cell uses, `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`. Called as the next cell calls it, it raised `TypeError: conv() got an unexpected keyword argument 'input'`. Give the TensorFlow function whose arguments are called `input`, `filters`, `strides` and `padding`.",
    ),
    'relu-not-conv': (
        'conv_fn = tf.nn.relu',
        'relu-not-conv',
        "`conv_fn` computes the ReLU, the detect step of question 3. Called as the next cell calls it, it raised `TypeError: relu() got an unexpected keyword argument 'input'`. The filter step slides a kernel over the picture: give the convolution function.",
    ),
    'adds-relu': (
        'conv_fn = lambda input, filters, strides, padding: tf.nn.relu(tf.nn.conv2d(input, filters, strides, padding))',
        'adds-relu',
        "`conv_fn` also applies the ReLU: every negative value of its result is 0 (called with a picture of shape `(1, 5, 7, 1)` and filters of shape `(3, 3, 1, 1)`, with `strides=1` and `padding='SAME'`). The filter step is the convolution alone, as a `Conv2D` layer without an activation computes it; the ReLU is the next step (question 3).",
    ),
    'kernel-flipped': (
        'conv_fn = lambda input, filters, strides, padding: tf.nn.conv2d(input, tf.reverse(filters, [0, 1]), strides, padding)',
        'kernel-flipped',
        "`conv_fn` turns each kernel upside down and back to front before sliding it (called with a picture of shape `(1, 5, 7, 1)` and filters of shape `(3, 3, 1, 1)`, with `strides=1` and `padding='SAME'`), as a mathematician's convolution does (`scipy.signal.convolve2d`, for example). `tf.nn.conv2d` and convolution layers slide the kernel as it is.",
    ),
    'ignores-padding': (
        "conv_fn = lambda input, filters, strides, padding: tf.nn.conv2d(input, filters, strides, 'SAME')",
        'ignores-padding',
        "`conv_fn` does not use the `padding` it is given: it returns the 'SAME' result (called with a picture of shape `(1, 7, 8, 1)` and filters of shape `(3, 3, 1, 1)`, with `strides=1` and `padding='VALID'`).",
    ),
    'ignores-strides': (
        'conv_fn = lambda input, filters, strides, padding: tf.nn.conv2d(input, filters, 1, padding)',
        'ignores-strides',
        "`conv_fn` does not use the `strides` it is given: it returns the result of `strides=1` (called with a picture of shape `(1, 9, 8, 2)` and filters of shape `(3, 2, 2, 2)`, with `strides=2` and `padding='SAME'`).",
    ),
    'wrong-values': (
        'conv_fn = lambda input, filters, strides, padding: 2 * tf.nn.conv2d(input, filters, strides, padding)',
        'wrong-values',
        "`conv_fn` returns values that are not the convolution's (called with a picture of shape `(1, 5, 7, 1)` and filters of shape `(3, 3, 1, 1)`, with `strides=1` and `padding='SAME'`). 35 of 35 values (100%) differ. The largest difference is 6.44, at [0, 4, 2, 0]. The first ones are at [0, 0, 0, 0], [0, 0, 1, 0], [0, 0, 2, 0].",
    ),
    'wrong-shape': (
        'conv_fn = lambda input, filters, strides, padding: tf.nn.conv2d(input, filters, strides, padding)[:, 1:]',
        'wrong-shape',
        "`conv_fn` returns shape `(1, 4, 7, 1)` (called with a picture of shape `(1, 5, 7, 1)` and filters of shape `(3, 3, 1, 1)`, with `strides=1` and `padding='SAME'`), but the convolution gives shape `(1, 5, 7, 1)`.",
    ),
    'function-raised': (
        'conv_fn = tf.nn.max_pool2d',
        'function-raised',
        "Calling `conv_fn` the way the next cell does, with a picture of shape `(1, 5, 7, 1)` and filters of shape `(3, 3, 1, 1)`, with `strides=1` and `padding='SAME'`, raised `TypeError: Got an unexpected keyword argument 'filters'`. The next cell calls it as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'function-raised-own': (
        "def conv_fn(input, filters, strides, padding):\n    raise ValueError('not yet')",
        'function-raised',
        "Calling `conv_fn` the way the next cell does, with a picture of shape `(1, 5, 7, 1)` and filters of shape `(3, 3, 1, 1)`, with `strides=1` and `padding='SAME'`, raised `ValueError: not yet`. The next cell calls it as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'returned-none': (
        'def conv_fn(input, filters, strides, padding):\n    tf.nn.conv2d(input, filters, strides, padding)',
        'returned-none',
        "Called as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`, `conv_fn` returned `None`, not a tensor. The next cell keeps what it returns as the filtered map.",
    ),
    'not-an-array': (
        "conv_fn = lambda input, filters, strides, padding: 'done'",
        'not-an-array',
        "Called as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`, `conv_fn` returned a string (`'done'`), not a tensor. The next cell keeps what it returns as the filtered map.",
    ),
    'function-name-string': (
        "conv_fn = 'tf.nn.conv2d'",
        'function-name-string',
        "`conv_fn` is the string `'tf.nn.conv2d'`, a name written as text. Assign the function itself, without quotes.",
    ),
    'not-a-function-string': (
        "conv_fn = 'conv 2d'",
        'not-a-function',
        "`conv_fn` is a string (`'conv 2d'`), not a function.",
    ),
    'not-a-function-number': (
        'conv_fn = 2',
        'not-a-function',
        '`conv_fn` is a single number (`2`), not a function.',
    ),
    'not-a-function-list': (
        'conv_fn = [tf.nn.conv2d]',
        'not-a-function',
        '`conv_fn` is a Python list, not a function.',
    ),
    'module': (
        'conv_fn = tf.nn',
        'module',
        "`conv_fn` is the module `tf.nn`, which holds many functions. Assign the one that does this step, called as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'class-not-function': (
        'conv_fn = dict',
        'class-not-function',
        "`conv_fn` is the class `dict`, not a function. The next cell calls it as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),
    'none': (
        'conv_fn = None',
        'none',
        "`conv_fn` is `None`. Assign the TensorFlow function itself: its name after the `=`, without calling it. The next cell calls it as `conv_fn(input=image, filters=kernel, strides=1, padding='SAME')`.",
    ),}
"""Each wrong answer: (the learner's code, the mistake id, the message after 'Incorrect: ')."""


@pytest.mark.parametrize("name", list(CONV_MISTAKES))
def test_every_wrong_convolution_is_named(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, mistake, message = CONV_MISTAKES[name]
    outcome = bind(capsys, "import keras\n" + code).check("q_2")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, incorrect(message))


# ---------------------------------------------------------------------------------------------------------
# q_3: right answers, by what they compute

RECTIFIERS = {
    "tf.nn.relu": tf.nn.relu,
    "keras.activations.relu": keras.activations.relu,
    "keras.ops.relu": keras.ops.relu,
    "tf.keras.activations.relu": tf.keras.activations.relu,
    "tf.maximum-lambda": lambda x: tf.maximum(x, 0.0),
    "tf.maximum-int-zero": lambda x: tf.maximum(x, 0),
    "tf.where": lambda x: tf.where(x > 0, x, 0.0),
    "numpy": lambda x: np.maximum(x, 0),
    "leaky-with-slope-0": functools.partial(tf.nn.leaky_relu, alpha=0.0),
    "named-argument": lambda features: tf.nn.relu(features=features),
    "tf.function": tf.function(tf.nn.relu),
    "clip-at-infinity": lambda x: tf.clip_by_value(x, 0.0, np.inf),
}


@pytest.mark.parametrize("name", list(RECTIFIERS))
def test_every_function_that_rectifies_passes(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    outcome = bind(capsys, relu_fn=RECTIFIERS[name]).check("q_3")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


RELU_MISTAKES: dict[str, tuple[str, str, str]] = {
    'relu6': (
        'relu_fn = tf.nn.relu6',
        'relu6',
        '`relu_fn` is ReLU6: it also caps every value at 6, so a strong response of 7.5 comes out as 6. The ReLU keeps positive values whole.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | 0 |\n| -0.5 | 0 | 0 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.5 |\n| 3.5 | 3.5 | 3.5 |\n| 7.5 | 7.5 | 6 |',
    ),
    'leaky-relu': (
        'relu_fn = tf.nn.leaky_relu',
        'leaky-relu',
        '`relu_fn` is a leaky ReLU: it multiplies negative values by 0.2 instead of setting them to 0.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | -0.4 |\n| -0.5 | 0 | -0.1 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.5 |\n| 3.5 | 3.5 | 3.5 |\n| 7.5 | 7.5 | 7.5 |',
    ),
    'leaky-relu-keras': (
        'relu_fn = lambda x: keras.activations.leaky_relu(x, negative_slope=0.1)',
        'leaky-relu',
        '`relu_fn` is a leaky ReLU: it multiplies negative values by 0.1 instead of setting them to 0.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | -0.2 |\n| -0.5 | 0 | -0.05 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.5 |\n| 3.5 | 3.5 | 3.5 |\n| 7.5 | 7.5 | 7.5 |',
    ),
    'sigmoid': (
        'relu_fn = tf.nn.sigmoid',
        'sigmoid',
        '`relu_fn` is the sigmoid: it squeezes every value into (0, 1), so negatives are not 0 and strong responses are flattened to nearly 1.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | 0.119 |\n| -0.5 | 0 | 0.378 |\n| 0 | 0 | 0.5 |\n| 0.5 | 0.5 | 0.622 |\n| 3.5 | 3.5 | 0.971 |\n| 7.5 | 7.5 | 0.999 |',
    ),
    'keras-layer-class': (
        'relu_fn = tf.keras.layers.ReLU',
        'keras-layer-class',
        "`relu_fn` is the Keras layer class `ReLU`: layers are built from settings and put in a model. This question asks for the TensorFlow function that does the layer's work on values you give it, called as `relu_fn(image_filter)`.",
    ),
    'keras-layer': (
        'relu_fn = tf.keras.layers.ReLU()',
        'keras-layer',
        '`relu_fn` is a Keras `ReLU` layer, an object made to be put in a model. This question asks for the TensorFlow function that does its work, called as `relu_fn(image_filter)`.',
    ),
    'keras-layer-activation': (
        "relu_fn = keras.layers.Activation('relu')",
        'keras-layer',
        '`relu_fn` is a Keras `Activation` layer, an object made to be put in a model. This question asks for the TensorFlow function that does its work, called as `relu_fn(image_filter)`.',
    ),
    'called-result': (
        'relu_fn = tf.nn.relu(tf.constant([-1.0, 2.0]))',
        'called-result',
        '`relu_fn` is a tensor of shape `(2,)`: the result of calling a function, not the function. Assign the function itself, without parentheses or arguments; the next cell calls it as `relu_fn(image_filter)`.',
    ),
    'activation-name': (
        "relu_fn = 'relu'",
        'activation-name',
        "`relu_fn` is the string `'relu'`: the name a Keras layer takes (`activation='relu'`). The next cell calls `relu_fn(image_filter)`, so it must be the function itself: assign it without quotes.",
    ),
    'function-name-string': (
        "relu_fn = 'tf.nn.relu'",
        'function-name-string',
        "`relu_fn` is the string `'tf.nn.relu'`, a name written as text. Assign the function itself, without quotes.",
    ),
    'two-arguments': (
        'relu_fn = tf.maximum',
        'two-arguments',
        "`relu_fn` needs two arguments, the map and the 0 to compare it with, so calling it as the next cell does, `relu_fn(image_filter)`, raised `TypeError: maximum() missing 1 required positional argument: 'y'`. Give a function of one argument: the ReLU itself, or a `lambda` around this one.",
    ),
    'two-arguments-numpy': (
        'relu_fn = np.maximum',
        'two-arguments',
        '`relu_fn` needs two arguments, the map and the 0 to compare it with, so calling it as the next cell does, `relu_fn(image_filter)`, raised `TypeError: maximum() takes from 2 to 3 positional arguments but 1 was given`. Give a function of one argument: the ReLU itself, or a `lambda` around this one.',
    ),
    'identity': (
        'relu_fn = tf.identity',
        'identity',
        '`relu_fn` returns its input unchanged: the negative values are still there.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | -2 |\n| -0.5 | 0 | -0.5 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.5 |\n| 3.5 | 3.5 | 3.5 |\n| 7.5 | 7.5 | 7.5 |',
    ),
    'abs': (
        'relu_fn = tf.abs',
        'abs',
        '`relu_fn` makes negative values positive instead of setting them to 0.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | 2 |\n| -0.5 | 0 | 0.5 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.5 |\n| 3.5 | 3.5 | 3.5 |\n| 7.5 | 7.5 | 7.5 |',
    ),
    'negatives-kept': (
        'relu_fn = lambda x: -tf.nn.relu(-x)',
        'negatives-kept',
        '`relu_fn` keeps the negative values and sets the positive ones to 0: the other way round.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | -2 |\n| -0.5 | 0 | -0.5 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0 |\n| 3.5 | 3.5 | 0 |\n| 7.5 | 7.5 | 0 |',
    ),
    'elu': (
        'relu_fn = tf.nn.elu',
        'elu',
        '`relu_fn` is ELU: negative values curve down towards -1 instead of becoming 0.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | -0.865 |\n| -0.5 | 0 | -0.393 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.5 |\n| 3.5 | 3.5 | 3.5 |\n| 7.5 | 7.5 | 7.5 |',
    ),
    'softplus': (
        'relu_fn = tf.nn.softplus',
        'softplus',
        '`relu_fn` is softplus, a smooth curve that is never exactly 0.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | 0.127 |\n| -0.5 | 0 | 0.474 |\n| 0 | 0 | 0.693 |\n| 0.5 | 0.5 | 0.974 |\n| 3.5 | 3.5 | 3.53 |\n| 7.5 | 7.5 | 7.5 |',
    ),
    'tanh': (
        'relu_fn = tf.tanh',
        'tanh',
        '`relu_fn` is tanh: it squeezes every value into (-1, 1), negatives included.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | -0.964 |\n| -0.5 | 0 | -0.462 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.462 |\n| 3.5 | 3.5 | 0.998 |\n| 7.5 | 7.5 | 1 |',
    ),
    'wrong-values': (
        'relu_fn = tf.nn.gelu',
        'wrong-values',
        "`relu_fn` returns values that are not the ReLU's. The ReLU sets each negative value to 0 and keeps the others as they are.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | -0.0455 |\n| -0.5 | 0 | -0.154 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 0.346 |\n| 3.5 | 3.5 | 3.5 |\n| 7.5 | 7.5 | 7.5 |",
    ),
    'wrong-values-doubled': (
        'relu_fn = lambda x: 2 * tf.nn.relu(x)',
        'wrong-values',
        "`relu_fn` returns values that are not the ReLU's. The ReLU sets each negative value to 0 and keeps the others as they are.\n\n| x | ReLU | yours |\n| --- | --- | --- |\n| -2 | 0 | 0 |\n| -0.5 | 0 | 0 |\n| 0 | 0 | 0 |\n| 0.5 | 0.5 | 1 |\n| 3.5 | 3.5 | 7 |\n| 7.5 | 7.5 | 15 |",
    ),
    'wrong-shape': (
        'relu_fn = tf.nn.crelu',
        'wrong-shape',
        'For a map of shape `(1, 4, 6, 1)`, `relu_fn` returns shape `(1, 4, 6, 2)`. The ReLU works value by value and keeps the shape.',
    ),
    'function-raised': (
        'relu_fn = tf.nn.conv2d',
        'function-raised',
        'Calling `relu_fn` the way the next cell does, `relu_fn(image_filter)`, on a small map raised `TypeError: Missing required positional argument`.',
    ),
    'returned-none': (
        'def relu_fn(x):\n    tf.nn.relu(x)',
        'returned-none',
        '`relu_fn(image_filter)` returned `None`, not a tensor. The next cell keeps what it returns as the detected map.',
    ),
    'not-an-array': (
        'relu_fn = lambda x: x > 0',
        'not-an-array',
        '`relu_fn(image_filter)` returned an array of `bool` values, not a tensor. The next cell keeps what it returns as the detected map.',
    ),
    'module': (
        'relu_fn = tf.nn',
        'module',
        '`relu_fn` is the module `tf.nn`, which holds many functions. Assign the one that does this step, called as `relu_fn(image_filter)`.',
    ),
    'none': (
        'relu_fn = None',
        'none',
        '`relu_fn` is `None`. Assign the TensorFlow function itself: its name after the `=`, without calling it. The next cell calls it as `relu_fn(image_filter)`.',
    ),
    'not-a-function': (
        'relu_fn = 0',
        'not-a-function',
        '`relu_fn` is a single number (`0`), not a function.',
    ),}


@pytest.mark.parametrize("name", list(RELU_MISTAKES))
def test_every_wrong_rectifier_is_named(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, mistake, message = RELU_MISTAKES[name]
    outcome = bind(capsys, "import keras\n" + code).check("q_3")
    assert (outcome.status, outcome.mistake, outcome.message) == (Status.INCORRECT, mistake, incorrect(message))


@pytest.mark.parametrize(("question", "table"), [("q_2", CONV_MISTAKES), ("q_3", RELU_MISTAKES)])
def test_every_declared_mistake_id_is_pinned_here(question: str, table: dict[str, tuple[str, str, str]]) -> None:
    import learntools_cv.computer_vision.ex2 as ex2

    declared = {m.id for m in getattr(ex2, question).question.mistakes}
    assert declared <= {mistake for _, mistake, _ in table.values()}


@pytest.mark.parametrize("question", ["q_2", "q_3"])
def test_the_placeholder_is_not_attempted(question: str, capsys: pytest.CaptureFixture[str]) -> None:
    name = {"q_2": "conv_fn", "q_3": "relu_fn"}[question]
    outcome = bind(capsys, **{name: ____}).check(question)
    assert outcome.status is Status.NOT_ATTEMPTED


# ---------------------------------------------------------------------------------------------------------
# Learner code that misbehaves: a worded answer, the process left as it was


@pytest.fixture
def quick_calls(monkeypatch: pytest.MonkeyPatch) -> float:
    """Calls of the learner's function time out after a fifth of a second (the lesson allows 5 seconds)."""
    monkeypatch.setattr(backend, "CALL_SECONDS", 0.2)
    return 0.2


def _endless(*args, **kwargs):
    while True:
        pass


def _swallows(*args, **kwargs):
    while True:  # a learner's loop that catches every Exception (the time-out is a BaseException)
        try:
            pass
        except Exception:
            pass


@pytest.mark.parametrize("fn", [_endless, _swallows], ids=["endless", "swallows-interruptions"])
def test_a_function_that_never_returns_is_stopped(fn, quick_calls: float, capsys: pytest.CaptureFixture[str]) -> None:
    handler = signal.getsignal(signal.SIGALRM)
    conv = bind(capsys, conv_fn=fn).check("q_2")
    relu = bind(capsys, relu_fn=fn).check("q_3")
    assert (conv.mistake, relu.mistake) == ("function-timeout", "function-timeout")
    assert conv.message == incorrect(
        "Calling `conv_fn` with a picture of shape `(1, 5, 7, 1)` and filters of shape `(3, 3, 1, 1)`, with "
        "`strides=1` and `padding='SAME'` did not return within 0.2 seconds."
    )
    assert relu.message == incorrect(
        "Calling `relu_fn(image_filter)` on a small map did not return within 0.2 seconds."
    )
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _exits(*args, **kwargs):
    raise SystemExit(3)


def _warns(x):
    warnings.warn("careful", stacklevel=1)
    return tf.nn.relu(x)


class _Liar:
    """A callable whose class lies."""

    @property
    def __class__(self):  # noqa: D105
        raise RuntimeError("no class for you")

    def __call__(self, *args, **kwargs):
        return tf.nn.relu(args[0])


class _LyingResult:
    """A result that claims a shape and raises when read as numbers."""

    shape = (1, 4, 6, 1)

    def __array__(self, *args, **kwargs):
        raise ValueError("no numbers for you")


@pytest.mark.parametrize(
    ("fn", "words"),
    [
        (_exits, "raised `SystemExit: 3`"),
        (lambda *a, **k: 1 / 0, "raised `ZeroDivisionError: division by zero`"),
        (_Liar(), "object that raises `RuntimeError` when asked what it is."),
        (lambda *a, **k: _LyingResult(), "returned a `test_ex2_functions._LyingResult` object that could not be read"),
        (lambda *a, **k: (_ for _ in ()), "returned a generator, which makes values one at a time and holds none itself"),
    ],
    ids=["exits", "divides-by-zero", "lying-class", "lying-result", "generator"],
)
def test_misbehaving_learner_functions_get_a_worded_answer(fn, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    for question, name in (("q_2", "conv_fn"), ("q_3", "relu_fn")):
        outcome = bind(capsys, **{name: fn}).check(question)
        assert outcome.status is Status.INCORRECT
        assert words in outcome.message


def test_a_learners_warning_stays_out_of_the_feedback(capsys: pytest.CaptureFixture[str]) -> None:
    nb = bind(capsys, relu_fn=_warns)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning that escaped the check would fail here
        assert nb.check("q_3").status is Status.CORRECT


def test_the_test_inputs_reach_the_function_as_tensors(capsys: pytest.CaptureFixture[str]) -> None:
    """As the notebook's picture and map do: a function that only works on tensors is right, one that only
    works on numpy arrays would fail in the notebook, and does here."""
    assert bind(capsys, relu_fn=lambda x: tf.nn.relu(x) if isinstance(x, tf.Tensor) else None).check("q_3").passed
    numpy_only = bind(capsys, relu_fn=lambda x: x.clip(min=0)).check("q_3")
    assert (numpy_only.status, numpy_only.mistake) == (Status.INCORRECT, "function-raised")


def test_an_exception_rebuilt_by_the_grader_is_named_as_in_the_notebook(capsys: pytest.CaptureFixture[str]) -> None:
    """The grader hands back a learner's exception as a new class with the same name and words: the diagnosis
    reads names, so a TypeError from the sandbox is still a TypeError."""
    rebuilt = type("TypeError", (Exception,), {})

    def relu_in_the_sandbox(*args, **kwargs):
        if len(args) == 1:
            raise rebuilt("maximum() missing 1 required positional argument: 'y'")
        return tf.maximum(*args)

    outcome = bind(capsys, relu_fn=relu_in_the_sandbox).check("q_3")
    assert outcome.mistake == "two-arguments"
    assert outcome.message == incorrect(RELU_MISTAKES["two-arguments"][2])


def test_a_keras_layer_is_never_called(capsys: pytest.CaptureFixture[str]) -> None:
    """Calling a layer would build it, changing the learner's object."""
    layer = keras.layers.Conv2D(filters=1, kernel_size=3)
    assert bind(capsys, conv_fn=layer).check("q_2").mistake == "keras-layer"
    assert not layer.built
