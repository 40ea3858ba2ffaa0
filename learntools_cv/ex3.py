"""Lesson 3, Maximum Pooling: the exercise's questions.

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.ex3 import *

`q_1` checks `image_condense` against max pooling of the learner's own `image_detect`, so it works for any
image size, including a learner's own photo. `q_2` (translation invariance) and `q_3` (what global average
pooling hands the classifier) are questions to think through; viewing their solutions completes them.
"""

from __future__ import annotations

from typing import Any

from learntools_cv.checking.pooling import PoolingTask, PoolSettings
from learntools_cv.core import CS, CodingProblem, Mistake, ThoughtExperiment, bind_exercises

# The notebook state the questions are checked in: what the exercise's setup cells create. The self-check
# (`learntools-cv check-questions learntools_cv.ex3`) runs it before each solution and declared mistake.
SETUP_CODE = """
import numpy as np
import tensorflow as tf
from learntools_cv import visiontools
from learntools_cv.data import image_path

image = visiontools.read_image(image_path('car_illustration'), channels=1, size=400)
kernel = tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
image = tf.expand_dims(image, axis=0)
kernel = tf.cast(tf.reshape(kernel, [*kernel.shape, 1, 1]), dtype=tf.float32)
image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='VALID')
image_detect = tf.nn.relu(image_filter)
"""

CONDENSE = PoolingTask(
    answer="image_condense",
    source="image_detect",
    settings=PoolSettings(mode="max", window=2, stride=2, padding="SAME"),
    other_sources={
        "image_filter": "the filtered map, before the ReLU",
        "image": "the input picture",
    },
)


class CondenseWithMaxPooling(CodingProblem):
    _var = "image_condense"
    _setup_vars = ["image_detect"]
    _optional_vars = ["image_filter", "image"]
    _hints = [
        "`tf.nn.pool` needs two more settings: how big each pooling block is (`window_shape`) and which "
        "value of the block to keep (`pooling_type`).",
        "Blocks of 2x2 pixels: `window_shape=(2, 2)`. Keep the largest value of each block: "
        "`pooling_type='MAX'`.",
    ]
    _solution = CS(
        """image_condense = tf.nn.pool(
    input=image_detect,
    window_shape=(2, 2),
    pooling_type='MAX',
    strides=(2, 2),
    padding='SAME',
)"""
    )

    _mistakes = [
        Mistake(
            "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')",
            "It looks like you used average pooling.",
        ),
        Mistake(
            "image_condense = tf.nn.pool(image_detect, (3, 3), 'MAX', strides=(2, 2), padding='SAME')",
            "It looks like you used a 3x3 window.",
        ),
        Mistake(
            "image_condense = tf.nn.pool(image_filter, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
            "It looks like you pooled `image_filter`",
        ),
        Mistake("image_condense = tf.nn.pool", "is the function `pool` itself, not its result."),
        Mistake("image_condense = tf.keras.layers.MaxPool2D()", "is a Keras `MaxPooling2D` layer, not its output."),
        Mistake("image_condense = None", "`image_condense` is `None`"),
        Mistake("image_condense = tf.zeros([1, 199, 199, 1])", "`image_condense` is all zeros"),
    ]

    def check(self, image_condense: Any, image_detect: Any, image_filter: Any, image: Any) -> None:
        CONDENSE.judge(image_condense, image_detect, {"image_filter": image_filter, "image": image})


class TranslationInvariance(ThoughtExperiment):
    _hint = (
        "Each pooling step keeps only the largest value of every 2x2 block. If a feature moves by one pixel "
        "but stays inside the same block, what changes in the pooled map?"
    )
    _solution = (
        "Repeated max pooling keeps *that* a feature is present in a neighbourhood and forgets *exactly "
        "where*. A shift of a pixel or two usually stays inside the same pooling blocks, so after a few "
        "poolings the shifted and unshifted images give the same condensed map: the small translations "
        "have disappeared. This is the translation invariance that pooling builds into a convnet, and it "
        "only covers small distances: features far apart stay apart."
    )


class GlobalAveragePooling(ThoughtExperiment):
    _hint = (
        "Global average pooling turns each feature map into one number. If a map detects, say, wheels, "
        "what would a large average tell the classifier?"
    )
    _solution = (
        "Each feature map of the convolutional base responds to one kind of visual pattern. Averaging a "
        "whole map gives one number per pattern: a score that is high when the pattern shows up a lot in the "
        "image and low when it is absent. The head then only has to learn which scores go with which class "
        "(for example, strong long straight edges for a truck's box, round shapes for a car's wheels), "
        "which is a much smaller problem than mapping every activation to a class, and it needs far fewer "
        "weights than a `Flatten` followed by `Dense` layers."
    )


qvars = bind_exercises(
    globals(),
    [CondenseWithMaxPooling, TranslationInvariance, GlobalAveragePooling],
    var_format="q_{n}",
)
__all__ = list(qvars)
