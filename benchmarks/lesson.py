"""The lesson's notebook state and the answers a learner might give to q_1, as learner code.

Every namespace is made the way the exercise makes it: `learntools_cv.ex3.SETUP_CODE` executed in a fresh
dict (only the picture's size changes, for the scaling runs). Every answer is a line of learner code executed
in a copy of that namespace, so the table in results.md can show exactly what was checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from learntools_cv import ex3

LESSON_SIZE = 400
"""The picture size in SETUP_CODE; a 3x3 VALID convolution makes image_detect 398x398."""

# The correct answer, bound as `right` so that mistakes derived from it read as short learner code.
RIGHT = (
    "tf.nn.pool(input=image_detect, window_shape=(2, 2), pooling_type='MAX', strides=(2, 2), padding='SAME')"
)


def namespace(detect_size: int | None = None) -> dict[str, Any]:
    """The notebook's globals after the setup cells, with image_detect of `detect_size` squared pixels
    (default: the lesson's 398x398). `right` holds the correct answer."""
    code = ex3.SETUP_CODE
    if detect_size is not None:
        marker = f"size={LESSON_SIZE})"
        if code.count(marker) != 1:
            raise RuntimeError(f"ex3.SETUP_CODE no longer reads the picture with {marker!r}; update benchmarks")
        code = code.replace(marker, f"size={detect_size + 2})")
    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(code, ns)
    exec(f"right = {RIGHT}", ns)
    return ns


@dataclass(frozen=True)
class Answer:
    """One learner answer to q_1."""

    name: str
    """Short name for the table."""
    code: str
    """The learner's line (executed in a copy of the lesson namespace)."""
    expect: str
    """Words the feedback must contain for the mistake to count as diagnosed ("" for the passing answer)."""
    odd: bool = False
    """Run on an odd-sized image_detect (397x397), where VALID and SAME padding differ."""

    def bind(self, lesson: dict[str, Any]) -> dict[str, Any]:
        """A copy of `lesson` in which the learner's line has run."""
        ns = dict(lesson)
        exec(self.code, ns)
        return ns


PASSING = Answer("passing answer", f"image_condense = {RIGHT}", "")

MISTAKES = [
    Answer(
        "average pooling",
        "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')",
        "you used average pooling",
    ),
    Answer(
        "3x3 window",
        "image_condense = tf.nn.pool(image_detect, (3, 3), 'MAX', strides=(2, 2), padding='SAME')",
        "a 3x3 window",
    ),
    Answer(
        "stride 1",
        "image_condense = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(1, 1), padding='SAME')",
        "a stride of 1",
    ),
    Answer(
        "VALID padding, odd input",
        "image_condense = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='VALID')",
        "'VALID' padding",
        odd=True,
    ),
    Answer(
        "pooled image_filter",
        "image_condense = tf.nn.pool(image_filter, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
        "you pooled `image_filter`",
    ),
    Answer(
        "pooled image",
        "image_condense = tf.nn.pool(image, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
        "you pooled `image`",
    ),
    Answer("transposed", "image_condense = tf.transpose(right, [0, 2, 1, 3])", "is transposed"),
    Answer(
        "pooled twice",
        "image_condense = tf.nn.pool(right, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
        "you pooled twice",
    ),
    Answer("all zeros", "image_condense = tf.zeros_like(right)", "is all zeros"),
    Answer("doubled", "image_condense = 2 * right", "2 times what it should be"),
    Answer(
        "one NaN",
        "image_condense = tf.tensor_scatter_nd_update(right, [[0, 10, 10, 0]], [float('nan')])",
        "NaN",
    ),
    Answer("integer dtype", "image_condense = tf.cast(right, tf.int32)", "holds integers"),
    Answer("None", "image_condense = None", "is `None`"),
    Answer("a list", "image_condense = right.numpy().tolist()", "a Python list"),
    Answer("the function tf.nn.pool", "image_condense = tf.nn.pool", "the function `pool` itself"),
    Answer("an uncalled layer", "image_condense = tf.keras.layers.MaxPool2D()", "layer, not its output"),
    Answer(
        "random perturbation",
        "image_condense = right + tf.random.stateless_normal(right.shape, seed=(0, 1), stddev=0.01)",
        "its values are off",
    ),
]
"""Every mistake q_1 diagnoses, with the words that show it was diagnosed (the last is the generic
message, for an answer that matches no known mistake)."""

SCALING_MISTAKE = MISTAKES[0]
"""The diagnosed mistake timed at every size (average pooling)."""

SLOWEST_MISTAKE = MISTAKES[-1]
"""The diagnosis that tries every candidate mistake before giving the generic message (random perturbation),
also timed at every size."""

SETUP_VALUES = ("image", "kernel", "image_filter", "image_detect")
"""What the setup cells make and the check verifies (once per set of values: later checks reuse it)."""


def first_check(ns: dict[str, Any]) -> dict[str, Any]:
    """A copy of `ns` whose setup values are new tensors with the same values, as after running the setup
    cells again: the check verifies them anew, as it does at a learner's first check."""
    import tensorflow as tf

    return {**ns, **{name: tf.identity(ns[name]) for name in SETUP_VALUES}}
