"""Lesson 2 (Convolution and ReLU, `learntools_cv.computer_vision.ex2`): the notebook's state and the answers
a learner might give, as learner code, with the TensorFlow op each check is measured against.

Every namespace is made as the exercise makes it: `ex2.SETUP_CODE` (the 400x400 car picture as a batch of
one) executed in a fresh dict, then the learner's lines. A check's cost is compared with the op the notebook
runs for that step on the same picture: `tf.nn.conv2d` and `tf.nn.relu` for q_1 (whose check recomputes both
maps), `tf.nn.conv2d` for q_2 and `tf.nn.relu` for q_3 (whose checks call the learner's function).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from learntools_cv.computer_vision import ex2

SOBEL = "[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]"
# The cells after question 1: the kernel reshaped and cast, the picture filtered, the feature detected.
MAPS = (
    "kernel = tf.cast(tf.reshape(kernel, [3, 3, 1, 1]), dtype=tf.float32)\n"
    "image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='SAME')\n"
    "image_detect = tf.nn.relu(image_filter)\n"
)


def namespace() -> dict[str, Any]:
    """The notebook's globals after its setup cells, with the exercise's questions imported."""
    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(ex2.SETUP_CODE, ns)
    exec("from learntools_cv.computer_vision.ex2 import *", ns)
    return ns


@dataclass(frozen=True)
class Answer:
    """One learner answer to one question of lesson 2."""

    question: str
    name: str
    code: str
    """The learner's lines (executed in a copy of the lesson namespace)."""
    expect: str
    """The mistake id the check must give ("" for a right answer)."""
    reference: str
    """The TensorFlow op(s) the check is compared with: 'conv2d + relu', 'conv2d' or 'relu'."""

    def bind(self, lesson: dict[str, Any]) -> dict[str, Any]:
        ns = dict(lesson)
        exec(self.code, ns)
        return ns


ANSWERS = [
    Answer("q_1", "kernel and its maps, right", f"kernel = tf.constant({SOBEL})\n{MAPS}", "", "conv2d + relu"),
    Answer("q_1", "maps left from an earlier kernel", f"kernel = tf.constant({SOBEL})\n{MAPS}kernel = visiontools.edge",
           "maps-from-earlier-kernel", "conv2d + relu"),
    Answer("q_1", "image_detect not the ReLU", f"kernel = tf.constant({SOBEL})\n{MAPS}"
           "image_detect = tf.nn.sigmoid(image_filter)", "detect-not-relu", "conv2d + relu"),
    Answer("q_1", "a 4-D kernel", f"kernel = tf.reshape(tf.constant({SOBEL}), [1, 1, 3, 3])", "kernel-4d",
           "conv2d + relu"),
    Answer("q_2", "tf.nn.conv2d, right", "conv_fn = tf.nn.conv2d", "", "conv2d"),
    Answer("q_2", "tf.nn.conv1d", "conv_fn = tf.nn.conv1d", "conv1d", "conv2d"),
    Answer("q_2", "tf.nn.depthwise_conv2d", "conv_fn = tf.nn.depthwise_conv2d", "depthwise", "conv2d"),
    Answer("q_2", "convolution and ReLU", "conv_fn = lambda input, filters, strides, padding: "
           "tf.nn.relu(tf.nn.conv2d(input, filters, strides, padding))", "adds-relu", "conv2d"),
    Answer("q_3", "tf.nn.relu, right", "relu_fn = tf.nn.relu", "", "relu"),
    Answer("q_3", "tf.nn.leaky_relu", "relu_fn = tf.nn.leaky_relu", "leaky-relu", "relu"),
    Answer("q_3", "tf.nn.sigmoid", "relu_fn = tf.nn.sigmoid", "sigmoid", "relu"),
]
"""The answers timed: for each of q_1 to q_3 the right one, then mistakes it names (the slowest first)."""
