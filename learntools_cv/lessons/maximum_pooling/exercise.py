"""Lesson 3, Maximum Pooling: the exercise's questions (bound for learners by `learntools_cv.ex3`).

q_1 to q_3 follow the lesson's exercise; q_4 to q_7 are bonus questions (they do not count towards
completion): average pooling, global average pooling by hand, how many poolings merge two dots, and a
hand-written max pool.

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.ex3 import *

`q_1` checks `image_condense` against max pooling of the learner's own `image_detect`, so it works for any
image size, including a learner's own photo. `q_2` (translation invariance) and `q_3` (what global average
pooling hands the classifier) are questions to think through; viewing their solutions completes them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core import CS, FunctionQuestion, Mistake, Question, ThoughtQuestion
from learntools_cv.lessons.maximum_pooling.diagnosis.global_pool import GlobalPoolTask
from learntools_cv.lessons.maximum_pooling.diagnosis.hand_pool import HandPoolTask
from learntools_cv.lessons.maximum_pooling.diagnosis.invariance import MergeTask
from learntools_cv.lessons.maximum_pooling.diagnosis.pooling import PoolingTask, PoolSettings, SetupRelation

# The notebook state the questions are checked in: what the exercise's setup cells create. The self-check
# (`learntools-cv check-questions learntools_cv.computer_vision.ex3`) runs it before each solution and declared mistake.
SETUP_CODE = """
from learntools_cv import visiontools  # first: TensorFlow without its start-up log
from learntools_cv.data import image_path
import numpy as np
import tensorflow as tf

image = visiontools.read_image(image_path('car_illustration'), channels=1, size=400)
kernel = tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
image = tf.expand_dims(image, axis=0)
kernel = tf.cast(tf.reshape(kernel, [*kernel.shape, 1, 1]), dtype=tf.float32)
image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='VALID')
image_detect = tf.nn.relu(image_filter)

from learntools_cv.lessons.maximum_pooling import lesson_data
feature_maps = lesson_data.feature_base()(lesson_data.vehicle_images(size=128)['truck_0'][np.newaxis])
dot_maps = {distance: visiontools.two_dots(size=32, distance=distance) for distance in (2, 4, 8)}
"""

# How the setup cells make `image_detect`: when the notebook's values no longer agree with this (say
# `image_detect` was overwritten with zeros), the learner is asked to re-run them. A learner's own picture run
# through the same cells agrees, and so does a pipeline of their own that leaves the ReLU out.
FEATURE_EXTRACTION = (
    SetupRelation(
        "image_detect",
        ("image_filter",),
        reference.relu,
        "the ReLU of `image_filter`",
        skippable=True,
        reach=lambda image_filter: 0,
    ),
    SetupRelation(
        "image_filter",
        ("image", "kernel"),
        lambda image, kernel: reference.conv2d(image, kernel, 1, "VALID"),
        "`image` filtered with `kernel` (`tf.nn.conv2d` with stride 1 and 'VALID' padding)",
        terms=9,
        reach=lambda image, kernel: kernel.shape[0] - 1,
    ),
)

# What a learner whose own picture cannot tell maximum from average pooling (a blank one) is asked to do.
LESSON_PICTURE = (
    "Use a picture with some detail, such as the lesson's (`path = image_path('car_illustration')`): re-run "
    "the setup cells, then your answer's cell, and check again."
)

CONDENSE = PoolingTask(
    answer="image_condense",
    source="image_detect",
    settings=PoolSettings(mode="max", window=2, stride=2, padding="SAME"),
    other_sources={
        "image_filter": "the filtered map, before the ReLU",
        "image": "the input picture",
    },
    setup=FEATURE_EXTRACTION,
    uninformative=LESSON_PICTURE,
)


class CondenseWithMaxPooling(Question):
    """q_1: the learner pools `image_detect`; the check also looks at `image_filter` and `image`, to
    recognise pooling the wrong map."""

    hints = [
        "`tf.nn.pool` needs two more settings: how big each pooling block is (`window_shape`) and which "
        "value of the block to keep (`pooling_type`).",
        "Blocks of 2x2 pixels: `window_shape=(2, 2)`. Keep the largest value of each block: "
        "`pooling_type='MAX'`.",
    ]
    solution = CS(
        """image_condense = tf.nn.pool(
    input=image_detect,
    window_shape=(2, 2),
    pooling_type='MAX',
    strides=(2, 2),
    padding='SAME',
)"""
    )

    mistakes = [
        Mistake(
            "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')",
            "It looks like you used average pooling.",
            id="avg-pooling",
        ),
        Mistake(
            "image_condense = tf.nn.pool(image_detect, (3, 3), 'MAX', strides=(2, 2), padding='SAME')",
            "It looks like you used a 3x3 window.",
            id="window-3",
        ),
        Mistake(
            "image_condense = tf.nn.pool(image_filter, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
            "It looks like you pooled `image_filter`",
            id="pooled-image_filter",
        ),
        Mistake("image_condense = tf.nn.pool", "is the function `pool` itself, not its result.", id="function-not-result"),
        Mistake("image_condense = tf.keras.layers.MaxPool2D()", "is a Keras `MaxPooling2D` layer, not its output.", id="uncalled-layer"),
        Mistake("image_condense = None", "`image_condense` is `None`", id="none"),
        Mistake("image_condense = image_detect", "it has not been pooled yet", id="not-pooled"),
        Mistake(
            "image_condense = tf.cast(tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME'), tf.int32)",
            "holds integers",
            id="integer-dtype",
        ),
        Mistake("image_condense = tf.zeros([1, 199, 199, 1])", "`image_condense` is all zeros", id="all-zeros"),
        Mistake(
            "image_condense = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME')\n"
            "image_condense = image_condense / tf.reduce_max(image_condense)",
            "divided by its largest value",
            id="normalised",
        ),
    ]

    def check(
        self,
        image_condense: Any,
        image_detect: Any,
        image_filter: Any = None,
        image: Any = None,
        kernel: Any = None,
    ) -> None:
        CONDENSE.judge(image_condense, image_detect, {"image_filter": image_filter, "image": image, "kernel": kernel})


class TranslationInvariance(ThoughtQuestion):
    hints = ((
        "Each pooling step keeps only the largest value of every 2x2 block. If a feature moves by one pixel "
        "but stays inside the same block, what changes in the pooled map?"
    ),)
    solution = (
        "Repeated max pooling keeps *that* a feature is present in a neighbourhood and forgets *exactly "
        "where*. A shift of a pixel or two usually stays inside the same pooling blocks, so after a few "
        "poolings the shifted and unshifted images give the same condensed map: the small translations "
        "have disappeared. This is the translation invariance that pooling builds into a convnet, and it "
        "only covers small distances: features far apart stay apart."
    )


class GlobalAveragePooling(ThoughtQuestion):
    hints = ((
        "Global average pooling turns each feature map into one number. If a map detects, say, wheels, "
        "what would a large average tell the classifier?"
    ),)
    solution = (
        "Each feature map of the convolutional base responds to one kind of visual pattern. Averaging a "
        "whole map gives one number per pattern: a score that is high when the pattern shows up a lot in the "
        "image and low when it is absent. The head then only has to learn which scores go with which class "
        "(for example, strong long straight edges for a truck's box, round shapes for a car's wheels), "
        "which is a much smaller problem than mapping every activation to a class, and it needs far fewer "
        "weights than a `Flatten` followed by `Dense` layers."
    )


AVERAGE = PoolingTask(
    answer="image_condense_avg",
    source="image_detect",
    settings=PoolSettings(mode="avg", window=2, stride=2, padding="SAME"),
    other_sources=CONDENSE.other_sources,
    setup=FEATURE_EXTRACTION,
    uninformative=LESSON_PICTURE,
)


class CondenseWithAveragePooling(Question):
    bonus = True
    hints = [
        "It is the same call as in question 1, with a different `pooling_type`.",
        "`pooling_type='AVG'` replaces each 2x2 block with the mean of its four values.",
    ]
    solution = CS(
        """image_condense_avg = tf.nn.pool(
    input=image_detect,
    window_shape=(2, 2),
    pooling_type='AVG',
    strides=(2, 2),
    padding='SAME',
)"""
    )
    mistakes = [
        Mistake(
            "image_condense_avg = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
            "It looks like you used maximum pooling.",
            id="max-pooling",
        ),
        Mistake(
            "image_condense_avg = tf.nn.pool(image_detect, (3, 3), 'AVG', strides=(2, 2), padding='SAME')",
            "It looks like you used a 3x3 window.",
            id="window-3",
        ),
    ]

    def check(
        self,
        image_condense_avg: Any,
        image_detect: Any,
        image_filter: Any = None,
        image: Any = None,
        kernel: Any = None,
    ) -> None:
        others = {"image_filter": image_filter, "image": image, "kernel": kernel}
        AVERAGE.judge(image_condense_avg, image_detect, others)


GLOBAL_POOL = GlobalPoolTask(
    answer="pooled_scores",
    source="feature_maps",
    uninformative=(
        "Compute `feature_maps` from one of the lesson's drawings, as the cell above does "
        "(`feature_maps = base(tf.constant(images['truck_0'])[tf.newaxis])`), then check again."
    ),
)


class GlobalAveragePoolingByHand(Question):
    bonus = True
    hints = [
        "`feature_maps` has shape (batch, height, width, channels). Each channel is one feature map; you want "
        "one number per map.",
        "`tf.reduce_mean` averages over the axes you name. Height and width are axes 1 and 2.",
    ]
    solution = CS("pooled_scores = tf.reduce_mean(feature_maps, axis=[1, 2])")
    mistakes = [
        Mistake("pooled_scores = tf.reduce_sum(feature_maps, axis=[1, 2])", "holds the sums of the feature maps", id="global-sum"),
        Mistake("pooled_scores = tf.reduce_mean(feature_maps, axis=[1, 2], keepdims=True)", "`keepdims=True`", id="keepdims"),
        Mistake("pooled_scores = tf.reduce_mean(feature_maps, axis=3)", "`axis=3`, the channels", id="wrong-axes"),
        Mistake("pooled_scores = tf.reshape(feature_maps, [1, -1])", "as `Flatten` does", id="flatten"),
        Mistake("pooled_scores = tf.reduce_max(feature_maps, axis=[1, 2])", "global max pooling", id="global-max"),
        Mistake(
            "pooled_scores = tf.reduce_sum(feature_maps, axis=[1, 2]) / (28 * 28)",
            "divided by 784",
            id="wrong-count",
        ),
        Mistake(
            "pooled_scores = tf.reduce_mean(feature_maps, axis=[1, 2])\n"
            "pooled_scores = pooled_scores / tf.reduce_max(pooled_scores)",
            "divided by the largest of them",
            id="normalised",
        ),
    ]

    def check(self, pooled_scores: Any, feature_maps: Any) -> None:
        GLOBAL_POOL.judge(pooled_scores, feature_maps)


MERGE = MergeTask(answer="poolings_to_merge", source="dot_maps")


class PoolingsToMerge(Question):
    bonus = True
    hints = [
        "Run the cell that pools each picture again and again, and look for the first picture in each row "
        "that has a single bright pixel.",
        "Count the poolings, not the pictures: the first picture in a row is the original, pooled 0 times.",
    ]
    solution = CS(
        """# The first number of poolings after which a single bright pixel is left:
poolings_to_merge = {2: 2, 4: 3, 8: 4}"""
    )
    mistakes = [
        Mistake("poolings_to_merge = {2: 1, 4: 3, 8: 4}", "there are still 2 active pixels", id="too-few-poolings"),
        Mistake("poolings_to_merge = {2: 2, 4: 3, 8: 5}", "they are already one pixel after 4 poolings", id="too-many-poolings"),
        Mistake("poolings_to_merge = 3", "should be a dict from each distance", id="not-a-dict"),
        Mistake("poolings_to_merge = {'2': 2, '4': 3, '8': 4}", "are strings", id="string-keys"),
    ]

    def check(self, poolings_to_merge: Any, dot_maps: Any) -> None:
        MERGE.judge(poolings_to_merge, dot_maps)


def _max_pool_2x2(feature_map: np.ndarray) -> np.ndarray:
    return reference.pool2d(feature_map, 2, 2, "SAME", "max")


HAND_POOL = HandPoolTask(
    name="max_pool_2x2",
    reference=_max_pool_2x2,
    argument="feature_map",
    computes="2x2 max pooling",
    fixed_inputs=(
        np.array([[1.0, -2.0, 3.0, 0.5], [-1.0, 4.0, -3.0, 2.0], [0.0, 0.0, -5.0, -6.0], [2.5, -1.0, -7.0, -8.0]]),
        np.array([[-1.0, -2.0, -3.0], [-4.0, -5.0, -6.0], [-7.0, -8.0, -9.0]]),
    ),
)


class WriteMaxPool(FunctionQuestion):
    bonus = True
    hints = [
        "Loop over the output positions: output pixel (i, j) covers input rows 2i and 2i+1 and columns 2j "
        "and 2j+1. At an odd edge the block is cut short, as with `padding='SAME'`.",
        "`feature_map[2*i:2*i+2, 2*j:2*j+2].max()` is the largest value of one block, and slicing past the "
        "edge simply gives a smaller block. The output has `(h + 1) // 2` rows and `(w + 1) // 2` columns.",
    ]
    solution = CS(
        """def max_pool_2x2(feature_map):
    h, w = feature_map.shape
    out = np.empty(((h + 1) // 2, (w + 1) // 2), dtype=feature_map.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
    return out"""
    )
    mistakes = [
        Mistake(
            "def max_pool_2x2(feature_map):\n    return feature_map[::2, ::2]",
            "returns the wrong values for this input",
            id="wrong-values",
        ),
        Mistake(
            "def max_pool_2x2(feature_map):\n    h, w = feature_map.shape\n"
            "    return feature_map[:h // 2 * 2, :w // 2 * 2].reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))",
            "returned shape",
            id="wrong-shape",
        ),
        Mistake("def max_pool_2x2(feature_map):\n    return 1 / 0", "raised `ZeroDivisionError", id="function-raised"),
        Mistake(
            "def max_pool_2x2(feature_map):\n    h, w = feature_map.shape\n"
            "    padded = np.pad(feature_map, ((0, h % 2), (0, w % 2)))\n"
            "    return padded.reshape(padded.shape[0] // 2, 2, padded.shape[1] // 2, 2).max(axis=(1, 3))",
            "pads the edges with zeros",
            id="padding-zero",
        ),
        Mistake(
            "def max_pool_2x2(feature_map):\n    h, w = feature_map.shape\n"
            "    out = np.zeros(((h + 1) // 2, (w + 1) // 2), dtype=int)\n"
            "    for i in range(out.shape[0]):\n        for j in range(out.shape[1]):\n"
            "            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()\n    return out",
            "returned integers",
            id="integer-dtype",
        ),
    ]

    def check(self, max_pool_2x2: Any) -> None:
        HAND_POOL.judge(max_pool_2x2)


# The questions in the order learners number them (q_1, q_2, ...). `learntools_cv.ex3` binds them.
QUESTIONS = [
    CondenseWithMaxPooling,
    TranslationInvariance,
    GlobalAveragePooling,
    CondenseWithAveragePooling,
    GlobalAveragePoolingByHand,
    PoolingsToMerge,
    WriteMaxPool,
]
