"""ex3 bonus questions q_4 to q_7: every correct form passes, every known mistake gets its own words, a check
never changes the notebook, and the bonus questions do not count towards completion.

The notebook is the exercise's own setup (`learntools_cv.ex3.SETUP_CODE`), run once per module; each test
binds a fresh copy of it. Messages are pinned in full, as a learner reads them (`Outcome.message`).
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import linecache
import subprocess
import sys
import time
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as _hypothesis_numpy  # noqa: F401 (q_7's search imports it: pay for that once, up front)

import learntools_cv.ex3 as ex3
from learntools_cv import reference, visiontools
from learntools_cv.core import Incorrect, Outcome, Session, Status, binder, progress
from learntools_cv.core.record import EVENTS_ENV
from learntools_cv.lessons.maximum_pooling import exercise as lesson_module
from learntools_cv.lessons.maximum_pooling.diagnosis.invariance import MAX_ROUNDS, rounds_to_merge

pytestmark = pytest.mark.slow

EXERCISE = "learntools_cv.ex3"
Lesson = dict[str, Any]
"""The namespace the exercise's setup code leaves behind."""
DELETE = object()
"""An override that removes a variable from the notebook."""


def incorrect(body: str) -> str:
    return f"Incorrect: {body}"


# ---------------------------------------------------------------------------------------------------------
# The notebook: the exercise's setup once, a fresh bound copy per test


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    """The namespace the exercise's setup cells leave behind (a few seconds: it builds the feature base)."""
    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(ex3.SETUP_CODE, ns)
    return ns


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch):
    """No events file, and a fresh session (nothing bound, no earlier events) for each test."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


def _snapshot(value: Any) -> Any:
    """A deep copy of what a check could change in place: arrays, variables, and containers of them."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tf.Variable):
        return value.numpy().copy()
    if isinstance(value, dict):
        return {k: _snapshot(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_snapshot(v) for v in value]
    return None


def _assert_unchanged(value: Any, before: Any, where: str) -> None:
    if isinstance(value, np.ndarray):
        assert (value.dtype, value.shape) == (before.dtype, before.shape), where
        np.testing.assert_array_equal(value, before, err_msg=where)
    elif isinstance(value, tf.Variable):
        np.testing.assert_array_equal(value.numpy(), before, err_msg=where)
    elif isinstance(value, dict):
        assert list(value) == list(before), where
        for k in value:
            _assert_unchanged(value[k], before[k], f"{where}[{k!r}]")
    elif isinstance(value, (list, tuple)):
        assert len(value) == len(before), where
        for i, (v, b) in enumerate(zip(value, before)):
            _assert_unchanged(v, b, f"{where}[{i}]")


@dataclass
class Notebook:
    """A bound notebook namespace, as a learner's notebook has it."""

    ns: dict[str, Any]
    capsys: pytest.CaptureFixture[str]

    def check(self, question: str) -> Outcome:
        """The question's outcome. Also runs the learner's `check()` and asserts what every check must do:
        print exactly the plain message, change nothing in the namespace, never fail as a checker, and judge
        the same way twice. q_7 must also answer within a second of CPU time (the time of this thread, so
        that other processes on a busy machine do not count)."""
        view = getattr(ex3, question)
        keys, objects = list(self.ns), dict(self.ns)
        copies = {k: _snapshot(v) for k, v in self.ns.items()}
        start = time.thread_time()
        outcome = view.evaluate()
        elapsed = time.thread_time() - start
        self.capsys.readouterr()
        view.check()
        printed = self.capsys.readouterr()
        assert (printed.out, printed.err) == (outcome.message + "\n", "")
        assert list(self.ns) == keys
        for key in keys:
            assert self.ns[key] is objects[key], key
            _assert_unchanged(self.ns[key], copies[key], key)
        assert outcome.status is not Status.CHECKER_ERROR, outcome.message
        assert view.evaluate() == outcome  # the same verdict and words again (the q_7 search is derandomized)
        if question == "q_7":
            assert elapsed < 1.0, f"q_7 took {elapsed:.2f} s"
        return outcome


MakeNotebook = Callable[..., Notebook]


@pytest.fixture
def notebook(lesson: Lesson, capsys: pytest.CaptureFixture[str]) -> MakeNotebook:
    """`notebook(pooled_scores=...)`: a fresh copy of the lesson's namespace with these variables, bound."""

    def make(**overrides: Any) -> Notebook:
        ns = dict(lesson)
        for name, value in overrides.items():
            if value is DELETE:
                ns.pop(name, None)
            else:
                ns[name] = value
        binder.bind(ns)
        return Notebook(ns, capsys)

    return make


def placeholder_message(var: str, question: str) -> str:
    return (
        f"Not attempted: `{var}` still holds the placeholder `____`. Replace it with your code, then run "
        f"`{question}.check()` again."
    )


# ---------------------------------------------------------------------------------------------------------
# q_4: average pooling of image_detect


def avg_pool(x: Any, **overrides: Any) -> tf.Tensor:
    """The solution's `tf.nn.pool` call, with some arguments changed."""
    args = dict(window_shape=(2, 2), pooling_type="AVG", strides=(2, 2), padding="SAME")
    return tf.nn.pool(input=x, **{**args, **overrides})


AVG_ASKED = "average pooling with a 2x2 window, stride 2 and 'SAME' padding"


def _avg_asks(did: str, use: str) -> str:
    return incorrect(f"It looks like you used {did}. This question asks for {AVG_ASKED}: use {use}.")


Q4_CORRECT: dict[str, Callable[[Lesson], Any]] = {
    "tf.nn.pool": lambda L: avg_pool(L["image_detect"]),
    "keras-AveragePooling2D": lambda L: tf.keras.layers.AveragePooling2D(2, 2, "same")(L["image_detect"]),
    "tf.nn.avg_pool2d": lambda L: tf.nn.avg_pool2d(L["image_detect"], ksize=2, strides=2, padding="SAME"),
    "numpy": lambda L: avg_pool(L["image_detect"]).numpy(),
    "squeezed": lambda L: tf.squeeze(avg_pool(L["image_detect"])),
    "float64": lambda L: tf.cast(avg_pool(L["image_detect"]), tf.float64),
    "reference": lambda L: reference.pool2d(L["image_detect"].numpy(), 2, 2, "SAME", "avg"),
}


@pytest.mark.parametrize("form", list(Q4_CORRECT))
def test_q4_correct_forms_pass(form: str, lesson: Lesson, notebook: MakeNotebook) -> None:
    outcome = notebook(image_condense_avg=Q4_CORRECT[form](lesson)).check("q_4")
    assert (outcome.status, outcome.message, outcome.figure) == (Status.CORRECT, "Correct", None)


TRANSPOSED = incorrect(
    "`image_condense_avg` is transposed: its rows and columns are swapped. "
    "Pool `image_detect` as it is, without transposing anything."
)

Q4_MISTAKES: dict[str, tuple[Callable[[Lesson], Any], str]] = {
    "max-pooling": (
        lambda L: avg_pool(L["image_detect"], pooling_type="MAX"),
        _avg_asks("maximum pooling", "`pooling_type='AVG'`"),
    ),
    "window-3x3": (
        lambda L: avg_pool(L["image_detect"], window_shape=(3, 3)),
        _avg_asks("a 3x3 window", "`window_shape=(2, 2)`"),
    ),
    "stride-1": (
        lambda L: avg_pool(L["image_detect"], strides=(1, 1)),
        _avg_asks("a stride of 1", "`strides=(2, 2)`"),
    ),
    "pooled-image_filter": (
        lambda L: avg_pool(L["image_filter"]),
        incorrect(
            "It looks like you pooled `image_filter` (the filtered map, before the ReLU) instead of "
            "`image_detect`. Pool `image_detect`."
        ),
    ),
    "transposed": (lambda L: tf.transpose(avg_pool(L["image_detect"]), [0, 2, 1, 3]), TRANSPOSED),
    "transposed-2-D": (lambda L: tf.transpose(tf.squeeze(avg_pool(L["image_detect"]))), TRANSPOSED),
    "None": (
        lambda L: None,
        incorrect("`image_condense_avg` is `None`, but it should be a tensor or an array (the pooled feature map)."),
    ),
}


@pytest.mark.parametrize("name", list(Q4_MISTAKES))
def test_q4_mistakes_get_their_message(name: str, lesson: Lesson, notebook: MakeNotebook) -> None:
    make, message = Q4_MISTAKES[name]
    value = make(lesson)
    outcome = notebook(image_condense_avg=value).check("q_4")
    assert (outcome.status, outcome.message) == (Status.INCORRECT, message)
    if value is not None and np.squeeze(value).shape == (199, 199):
        # A wrong map of the right shape comes with a picture of it next to the expected one.
        assert outcome.figure is not None
        expected = avg_pool(lesson["image_detect"]).numpy()[0, :, :, 0]
        np.testing.assert_allclose(outcome.figure.expected, expected, rtol=1e-6)


def test_q4_placeholder_is_not_attempted(notebook: MakeNotebook) -> None:
    outcome = notebook(image_condense_avg=ex3.____).check("q_4")
    assert (outcome.status, outcome.message) == (
        Status.NOT_ATTEMPTED,
        placeholder_message("image_condense_avg", "q_4"),
    )


def _odd_picture() -> dict[str, tf.Tensor]:
    """A learner's own seeded 103x79 picture run through the setup cells: a 101x77 `image_detect`, odd sides
    where 'SAME' and 'VALID' padding differ."""
    image = tf.constant(np.random.default_rng(3).random((1, 103, 79, 1), dtype=np.float32))
    kernel = tf.reshape(tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype=tf.float32), [3, 3, 1, 1])
    image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding="VALID")
    return {"image": image, "kernel": kernel, "image_filter": image_filter, "image_detect": tf.nn.relu(image_filter)}


def _zero_padded_avg(x: tf.Tensor) -> tf.Tensor:
    """Zeros added by hand where 'SAME' pads (the bottom row and right column of a 101x77 map), then 'VALID'."""
    padded = tf.pad(x, [[0, 0], [0, 1], [0, 1], [0, 0]])
    return tf.nn.pool(padded, (2, 2), "AVG", strides=(2, 2), padding="VALID")


ODD_FORMS: dict[str, tuple[Callable[[tf.Tensor], Any], Status, str]] = {
    "SAME": (avg_pool, Status.CORRECT, "Correct"),
    "VALID": (
        lambda x: avg_pool(x, padding="VALID"),
        Status.INCORRECT,
        _avg_asks("'VALID' padding", "`padding='SAME'`"),
    ),
    # keras' pooling layers pad 'valid' unless told otherwise.
    "keras-default": (
        lambda x: tf.keras.layers.AveragePooling2D(2)(x),
        Status.INCORRECT,
        _avg_asks("'VALID' padding", "`padding='SAME'`"),
    ),
    "max-and-VALID": (
        lambda x: avg_pool(x, pooling_type="MAX", padding="VALID"),
        Status.INCORRECT,
        _avg_asks("maximum pooling and 'VALID' padding", "`pooling_type='AVG'` and `padding='SAME'`"),
    ),
    # Issue 13: zeros padded by hand count in the edge blocks' means; 'SAME' padding never counts.
    "zero-padded-by-hand": (
        _zero_padded_avg,
        Status.INCORRECT,
        incorrect(
            "It looks like you used zero padding added by hand. With `padding='SAME'` the pooling pads the "
            "edges itself, and padded cells never count: an edge block is pooled over its real values only. "
            f"This question asks for {AVG_ASKED}: use `padding='SAME'`."
        ),
    ),
}


@pytest.mark.parametrize("form", list(ODD_FORMS))
def test_q4_on_an_odd_sized_image_names_valid_padding(form: str, notebook: MakeNotebook) -> None:
    picture = _odd_picture()
    detect = picture["image_detect"]
    assert detect.shape == (1, 101, 77, 1)
    make, status, message = ODD_FORMS[form]
    outcome = notebook(**picture, image_condense_avg=make(detect)).check("q_4")
    assert (outcome.status, outcome.message) == (status, message)
    if form == "zero-padded-by-hand":
        assert outcome.mistake == "padding-zero"


def test_q4_valid_padding_is_correct_on_the_lessons_even_image(lesson: Lesson, notebook: MakeNotebook) -> None:
    # image_detect is 398x398: 2x2 blocks tile it exactly, so 'VALID' gives the very same map as 'SAME'.
    outcome = notebook(image_condense_avg=avg_pool(lesson["image_detect"], padding="VALID")).check("q_4")
    assert outcome.message == "Correct"


# ---------------------------------------------------------------------------------------------------------
# q_5: global average pooling by hand


def test_q5_reference_is_keras_global_average_pooling(lesson: Lesson) -> None:
    feature_maps = lesson["feature_maps"]
    assert feature_maps.shape == (1, 29, 29, 8)
    layer = tf.keras.layers.GlobalAveragePooling2D()(feature_maps).numpy()
    ours = reference.global_avg_pool(feature_maps.numpy())
    assert ours.shape == layer.shape == (1, 8)
    np.testing.assert_allclose(ours, layer, rtol=1e-5, atol=1e-6)


Q5_CORRECT: dict[str, Callable[[tf.Tensor], Any]] = {
    "tf.reduce_mean": lambda fm: tf.reduce_mean(fm, axis=[1, 2]),
    "keras-GlobalAvgPool2D": lambda fm: tf.keras.layers.GlobalAvgPool2D()(fm),
    "keras-GlobalAveragePooling2D": lambda fm: tf.keras.layers.GlobalAveragePooling2D()(fm),
    "numpy-mean": lambda fm: np.mean(fm.numpy(), axis=(1, 2)),
    "squeezed": lambda fm: tf.squeeze(tf.reduce_mean(fm, axis=[1, 2])),
    "float64": lambda fm: tf.reduce_mean(tf.cast(fm, tf.float64), axis=[1, 2]),
    "float16": lambda fm: tf.cast(tf.reduce_mean(fm, axis=[1, 2]), tf.float16),
}


@pytest.mark.parametrize("form", list(Q5_CORRECT))
def test_q5_correct_forms_pass(form: str, lesson: Lesson, notebook: MakeNotebook) -> None:
    outcome = notebook(pooled_scores=Q5_CORRECT[form](lesson["feature_maps"])).check("q_5")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


SHAPE_IS = "but averaging each of the 8 feature maps of `feature_maps` (shape `(1, 29, 29, 8)`) gives shape `(1, 8)`."


def _axes(shape: str, label: str) -> str:
    return incorrect(
        f"`pooled_scores` has shape `{shape}`, {SHAPE_IS} It looks like you averaged over {label}. "
        "Average over height and width: `axis=[1, 2]`."
    )


def _perturbed(fm: tf.Tensor) -> np.ndarray:
    """The right scores plus seeded random noise: nothing a learner's mistake would give."""
    scores = tf.reduce_mean(fm, axis=[1, 2]).numpy()
    return scores + np.random.default_rng(5).normal(0, 0.05, scores.shape).astype(np.float32)


Q5_MISTAKES: dict[str, tuple[Callable[[tf.Tensor], Any], str]] = {
    "reduce_sum": (
        lambda fm: tf.reduce_sum(fm, axis=[1, 2]),
        incorrect(
            "`pooled_scores` holds the sums of the feature maps, not their means: each score is 841 times too "
            "large. Use `tf.reduce_mean`, not `tf.reduce_sum`."
        ),
    ),
    "keepdims": (
        lambda fm: tf.reduce_mean(fm, axis=[1, 2], keepdims=True),
        incorrect(
            "`pooled_scores` has shape `(1, 1, 1, 8)`: the pooled axes were kept (`keepdims=True`). "
            "`GlobalAvgPool2D` drops them and gives shape `(1, 8)`: leave `keepdims` at its default."
        ),
    ),
    "axis=3": (lambda fm: tf.reduce_mean(fm, axis=3), _axes("(1, 29, 29)", "`axis=3`, the channels")),
    "axis=[0,1]": (lambda fm: tf.reduce_mean(fm, axis=[0, 1]), _axes("(29, 8)", "`axis=[0, 1]`")),
    "axis=[2,3]": (lambda fm: tf.reduce_mean(fm, axis=[2, 3]), _axes("(1, 29)", "`axis=[2, 3]`")),
    "axis=None": (lambda fm: tf.reduce_mean(fm), _axes("()", "the whole tensor (no `axis`)")),
    "axis=[1,2,3]": (lambda fm: tf.reduce_mean(fm, axis=[1, 2, 3]), _axes("(1,)", "`axis=[1, 2, 3]`")),
    # The maps are square, so axis=1 and axis=2 give the same shape: the values tell them apart.
    "axis=1": (lambda fm: tf.reduce_mean(fm, axis=1), _axes("(1, 29, 8)", "`axis=1` alone")),
    "axis=2": (lambda fm: tf.reduce_mean(fm, axis=2), _axes("(1, 29, 8)", "`axis=2` alone")),
    "sum-axis=2": (
        lambda fm: tf.reduce_sum(fm, axis=2),
        incorrect(
            f"`pooled_scores` has shape `(1, 29, 8)`, {SHAPE_IS} Average over the height and width axes: "
            "`axis=[1, 2]`."
        ),
    ),
    "flatten": (
        lambda fm: tf.reshape(fm, [1, -1]),
        incorrect(
            "`pooled_scores` has 6,728 values per image: that is every activation unrolled, as `Flatten` does. "
            "Global average pooling keeps one number per feature map, shape `(1, 8)`."
        ),
    ),
    "flatten-layer": (
        lambda fm: tf.keras.layers.Flatten()(fm),
        incorrect(
            "`pooled_scores` has 6,728 values per image: that is every activation unrolled, as `Flatten` does. "
            "Global average pooling keeps one number per feature map, shape `(1, 8)`."
        ),
    ),
    "reduce_max": (
        lambda fm: tf.reduce_max(fm, axis=[1, 2]),
        incorrect(
            "`pooled_scores` holds the largest value of each feature map (global max pooling). Global average "
            "pooling takes the mean: use `tf.reduce_mean`."
        ),
    ),
    "integer-cast": (
        lambda fm: tf.cast(tf.reduce_mean(fm, axis=[1, 2]), tf.int32),
        incorrect(
            "`pooled_scores` holds integers, but averages of activations are fractional numbers. "
            "Don't cast the result."
        ),
    ),
    "perturbed": (
        _perturbed,
        incorrect(
            "`pooled_scores` has the right shape, but its values are off. 8 of 8 values (100%) differ. The "
            "largest difference is 0.0662, at [0, 1]. The first ones are at [0, 0], [0, 1], [0, 2]. Average each "
            "feature map of `feature_maps` over its height and width."
        ),
    ),
    "None": (
        lambda fm: None,
        incorrect("`pooled_scores` is `None`, but it should be a tensor or an array of scores."),
    ),
    "python-list": (
        lambda fm: tf.reduce_mean(fm, axis=[1, 2]).numpy().tolist(),
        incorrect("`pooled_scores` is a Python list, but it should be a tensor or an array of scores."),
    ),
}


# Issue 23: scores divided by their maximum.
Q5_MISTAKES["normalised"] = (
    lambda fm: tf.reduce_mean(fm, axis=[1, 2]) / tf.reduce_max(tf.reduce_mean(fm, axis=[1, 2])),
    incorrect(
        "`pooled_scores` holds the means divided by the largest of them (normalised, so that the largest score "
        "is 1). Global average pooling gives the means themselves: don't divide them."
    ),
)


@pytest.mark.parametrize("name", list(Q5_MISTAKES))
def test_q5_mistakes_get_their_message(name: str, lesson: Lesson, notebook: MakeNotebook) -> None:
    make, message = Q5_MISTAKES[name]
    outcome = notebook(pooled_scores=make(lesson["feature_maps"])).check("q_5")
    assert (outcome.status, outcome.message) == (Status.INCORRECT, message)


Q5_CANNOT_TELL = incorrect(
    "`feature_maps` cannot show whether you took the mean: each of its feature maps holds a single value "
    "everywhere, so its largest value (global max pooling) is its mean too. Compute `feature_maps` from one of "
    "the lesson's drawings, as the cell above does (`feature_maps = base(tf.constant(images['truck_0'])"
    "[tf.newaxis])`), then check again."
)


@pytest.mark.parametrize("answer", ["mean", "max"])
def test_q5_feature_maps_of_a_blank_picture_cannot_tell_a_mean_from_a_maximum(
    answer: str, notebook: MakeNotebook
) -> None:
    """Issue 24: a blank picture makes every feature map hold one value, and then the mean is the maximum."""
    from learntools_cv.lessons.maximum_pooling import lesson_data

    feature_maps = lesson_data.feature_base()(tf.fill([1, 128, 128, 3], 0.5))
    reduce = tf.reduce_mean if answer == "mean" else tf.reduce_max
    outcome = notebook(feature_maps=feature_maps, pooled_scores=reduce(feature_maps, axis=[1, 2])).check("q_5")
    assert (outcome.status, outcome.message, outcome.mistake) == (Status.INCORRECT, Q5_CANNOT_TELL, "cannot-tell")


def test_q5_placeholder_is_not_attempted(notebook: MakeNotebook) -> None:
    outcome = notebook(pooled_scores=ex3.____).check("q_5")
    assert (outcome.status, outcome.message) == (Status.NOT_ATTEMPTED, placeholder_message("pooled_scores", "q_5"))


def test_q5_deleted_feature_maps_asks_to_rerun_the_setup(lesson: Lesson, notebook: MakeNotebook) -> None:
    answer = tf.reduce_mean(lesson["feature_maps"], axis=[1, 2])
    outcome = notebook(pooled_scores=answer, feature_maps=DELETE).check("q_5")
    assert (outcome.status, outcome.message) == (
        Status.INCORRECT,
        incorrect(
            "`feature_maps` is not defined, so there is nothing to check your answer against. "
            "Re-run the setup cells above, then check again."
        ),
    )


@settings(deadline=None, max_examples=40, derandomize=True, database=None)
@given(where=st.integers(0, 7), change=st.floats(2e-3, 1.0), down=st.booleans())
def test_q5_property_any_perturbed_score_fails(lesson: Lesson, where: int, change: float, down: bool) -> None:
    scores = tf.reduce_mean(lesson["feature_maps"], axis=[1, 2]).numpy()
    scores[0, where] += np.float32(change * (-1 if down else 1))
    ns = dict(lesson, pooled_scores=scores)
    binder.bind(ns)
    outcome = ex3.q_5.evaluate()
    assert outcome.status is Status.INCORRECT
    assert outcome.message.startswith(
        "Incorrect: `pooled_scores` has the right shape, but its values are off. 1 of 8 values (12%) differs. "
    )


# ---------------------------------------------------------------------------------------------------------
# q_6: how many poolings merge two dots

RIGHT = {2: 2, 4: 3, 8: 4}


def test_q6_expected_answer_is_the_solutions(lesson: Lesson) -> None:
    assert {d: rounds_to_merge(p) for d, p in lesson["dot_maps"].items()} == RIGHT


Q6_CORRECT: dict[str, Any] = {
    "dict": dict(RIGHT),
    "list-in-order": [2, 3, 4],
    "tuple-in-order": (2, 3, 4),
    "numpy-integers": {d: np.int64(n) for d, n in RIGHT.items()},
    "extra-distance": {**RIGHT, 16: 5},
    # Issue 13: right answers a fair grader accepts.
    "integral-floats": {2: 2.0, 4: 3.0, 8: 4.0},
    "np.log2": {d: np.log2(2.0**n) for d, n in RIGHT.items()},
    "numpy-array": np.array([2, 3, 4]),
    "numpy-float-array": np.log2(np.array([4.0, 8.0, 16.0])),
    "OrderedDict": collections.OrderedDict(sorted(RIGHT.items(), reverse=True)),
    "defaultdict": collections.defaultdict(int, RIGHT),
    "dict-subclass": type("Counts", (dict,), {})(RIGHT),
    "mapping-proxy": types.MappingProxyType(dict(RIGHT)),
    "numpy-keys": {np.int64(d): n for d, n in RIGHT.items()},
}


@pytest.mark.parametrize("form", list(Q6_CORRECT))
def test_q6_correct_forms_pass(form: str, notebook: MakeNotebook) -> None:
    outcome = notebook(poolings_to_merge=Q6_CORRECT[form]).check("q_6")
    assert (outcome.status, outcome.message, outcome.figure) == (Status.CORRECT, "Correct", None)


def _too_few(d: int, said: int) -> str:
    poolings = "pooling" if said == 1 else "poolings"
    return incorrect(
        f"For the dots {d} pixels apart you answered {said}, but after {said} {poolings} there are still 2 "
        "active pixels. Count the pictures again: the dots merge once a single bright pixel is left."
    )


def _too_many(d: int, said: int) -> str:
    return incorrect(
        f"For the dots {d} pixels apart you answered {said}, but they are already one pixel after {RIGHT[d]} "
        "poolings. Look for the first picture with a single bright pixel."
    )


WRONG_COUNTS = [(d, said) for d in RIGHT for said in (0, RIGHT[d] - 1, RIGHT[d] + 1)]


@pytest.mark.parametrize("distance, said", WRONG_COUNTS, ids=[f"{d}:{s}" for d, s in WRONG_COUNTS])
def test_q6_each_wrong_count_is_named_with_a_figure(
    distance: int, said: int, lesson: Lesson, notebook: MakeNotebook
) -> None:
    outcome = notebook(poolings_to_merge={**RIGHT, distance: said}).check("q_6")
    message = _too_few(distance, said) if said < RIGHT[distance] else _too_many(distance, said)
    assert (outcome.status, outcome.message) == (Status.INCORRECT, message)
    figure = outcome.figure
    assert figure is not None and figure.panels
    assert figure.title == f"Two dots {distance} pixels apart"
    # The pictures a learner counts: the start, then one per pooling, up to the larger of the two counts.
    shown = max(said, RIGHT[distance])
    assert [title for title, _ in figure.panels] == ["start"] + [f"pooled {i}x" for i in range(1, shown + 1)]
    np.testing.assert_array_equal(figure.panels[0][1], lesson["dot_maps"][distance])
    assert [np.shape(p) for _, p in figure.panels] == [(32 >> i, 32 >> i) for i in range(shown + 1)]


def test_q6_only_the_first_wrong_distance_is_named(notebook: MakeNotebook) -> None:
    outcome = notebook(poolings_to_merge={2: 2, 4: 1, 8: 9}).check("q_6")
    assert outcome.message == _too_few(4, 1)


def test_q6_a_huge_count_is_answered_at_once(notebook: MakeNotebook) -> None:
    # Regression: the figure pooled the picture as many times as the learner said.
    start = time.perf_counter()
    outcome = notebook(poolings_to_merge={**RIGHT, 2: 10**9}).check("q_6")
    assert time.perf_counter() - start < 2.0
    assert outcome.message == _too_many(2, 10**9)
    assert outcome.figure is not None and len(outcome.figure.panels) == MAX_ROUNDS + 1


def _not_a_count(value: str) -> str:
    return incorrect(
        f"The entry for distance 2 in `poolings_to_merge` should be a whole number of poolings; it is `{value}`."
    )


NOT_A_DICT = (
    "`poolings_to_merge` should be a dict from each distance to a number of poolings, like "
    "`{2: ____, 4: ____, 8: ____}`; it is "
)

NEEDS_ALL = "`poolings_to_merge` needs an entry for each distance (2, 4, 8);"

Q6_MISTAKES: dict[str, tuple[Any, str]] = {
    "missing-key": ({2: 2, 4: 3}, incorrect(f"{NEEDS_ALL} 8 is missing.")),
    "missing-keys": ({2: 2}, incorrect(f"{NEEDS_ALL} 4, 8 are missing.")),
    "string-keys": (
        {"2": 2, "4": 3, "8": 4},
        incorrect(
            "The keys of `poolings_to_merge` are strings (`'2'`, `'4'`, `'8'`), not numbers: use the distances "
            "themselves, as in `{2: ____, 4: ____, 8: ____}`."
        ),
    ),
    "other-string-keys": ({"two": 2, "four": 3, "eight": 4}, incorrect(f"{NEEDS_ALL} 2, 4, 8 are missing.")),
    "string-value": ({**RIGHT, 2: "2"}, _not_a_count("'2'")),
    "bool-value": ({**RIGHT, 2: True}, _not_a_count("True")),
    "fractional-value": ({**RIGHT, 2: 2.5}, _not_a_count("2.5")),
    "nan-value": ({**RIGHT, 2: float("nan")}, _not_a_count("nan")),
    # Regression: a negative count was read from the end of the pooled pictures ("still 1 active pixels").
    "negative-value": ({**RIGHT, 2: -1}, _not_a_count("-1")),
    "partly-placeholder": (
        {2: 2, 4: ex3.____, 8: ex3.____},
        incorrect("`poolings_to_merge` still has `____` for distances 4 and 8: fill in a number of poolings."),
    ),
    "one-placeholder": (
        {**RIGHT, 8: ex3.____},
        incorrect("`poolings_to_merge` still has `____` for distance 8: fill in a number of poolings."),
    ),
    "a-number": (3, incorrect(NOT_A_DICT + "`3`.")),
    "None": (None, incorrect(NOT_A_DICT + "`None`.")),
    "short-list": ([2, 3], incorrect(NOT_A_DICT + "`[2, 3]`.")),
    "a-set": ({2, 3, 4}, incorrect(NOT_A_DICT + "`{2, 3, 4}`.")),
}


@pytest.mark.parametrize("name", list(Q6_MISTAKES))
def test_q6_mistakes_get_their_message(name: str, notebook: MakeNotebook) -> None:
    value, message = Q6_MISTAKES[name]
    outcome = notebook(poolings_to_merge=value).check("q_6")
    assert (outcome.status, outcome.message, outcome.figure) == (Status.INCORRECT, message, None)


@pytest.mark.parametrize(
    "value, message",
    [
        (
            {2: ex3.____, 4: ex3.____, 8: ex3.____},
            "Not attempted: Replace each `____` in `poolings_to_merge` with a number of poolings.",
        ),
        (ex3.____, placeholder_message("poolings_to_merge", "q_6")),
    ],
    ids=["all-placeholder-dict", "placeholder"],
)
def test_q6_placeholders_are_not_attempted(value: Any, message: str, notebook: MakeNotebook) -> None:
    outcome = notebook(poolings_to_merge=value).check("q_6")
    assert (outcome.status, outcome.message) == (Status.NOT_ATTEMPTED, message)


RERUN_DOT_MAPS = incorrect(
    "`dot_maps` should map each distance to its picture of two dots. Re-run the cell that creates it, then check "
    "again."
)


@pytest.mark.parametrize(
    "dot_maps, message",
    [
        (
            DELETE,
            incorrect(
                "`dot_maps` is not defined, so there is nothing to check your answer against. Re-run the setup "
                "cells above, then check again."
            ),
        ),
        (None, RERUN_DOT_MAPS),
        ({}, RERUN_DOT_MAPS),
        ({"2": np.zeros((32, 32))}, RERUN_DOT_MAPS),
        ({2: "dots"}, RERUN_DOT_MAPS),
        ({2: np.zeros((2, 3, 4))}, RERUN_DOT_MAPS),
    ],
    ids=["deleted", "None", "empty", "string-key", "string-picture", "3-D-picture"],
)
def test_q6_a_broken_dot_maps_asks_to_rerun_the_setup(dot_maps: Any, message: str, notebook: MakeNotebook) -> None:
    outcome = notebook(poolings_to_merge=dict(RIGHT), dot_maps=dot_maps).check("q_6")
    assert (outcome.status, outcome.message) == (Status.INCORRECT, message)


def tf_rounds_to_merge(picture: np.ndarray) -> int:
    """Count 2x2 max poolings (stride 2, 'SAME') with TensorFlow until one non-zero pixel is left."""
    x = tf.constant(picture[None, :, :, None])
    for rounds in itertools.count():
        if int(tf.math.count_nonzero(x)) == 1:
            return rounds
        x = tf.nn.pool(x, window_shape=(2, 2), pooling_type="MAX", strides=(2, 2), padding="SAME")
    raise AssertionError("unreachable")


dot_pictures = st.tuples(st.integers(2, 80), st.integers(1, 80), st.integers(1, 79), st.integers(0, 2**16)).filter(
    lambda t: t[2] < t[1]
)


@settings(deadline=None, max_examples=40, derandomize=True, database=None)
@given(dots=dot_pictures)
def test_q6_property_the_expected_count_is_tensorflows(lesson: Lesson, dots: tuple[int, int, int, int]) -> None:
    height, width, distance, seed = dots
    picture = visiontools.two_dots(size=(height, width), distance=distance, seed=seed)
    expected = tf_rounds_to_merge(picture)
    assert rounds_to_merge(picture) == expected
    # And the check accepts that count for a notebook holding this picture.
    binder.bind(dict(lesson, dot_maps={distance: picture}, poolings_to_merge={distance: expected}))
    assert ex3.q_6.evaluate().message == "Correct"


# ---------------------------------------------------------------------------------------------------------
# q_7: a hand-written max pool. The learner's functions are defined as notebook cells are: compiled from
# source that `inspect.getsource` can read (IPython registers each cell with linecache).


def cell(name: str, source: str) -> Callable[..., Any]:
    """Run `source` as a notebook cell named `name` and return the `max_pool_2x2` it defines."""
    filename = f"<test-cell-{name}>"
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    ns: dict[str, Any] = {"np": np}
    exec(compile(source, filename, "exec"), ns)
    return ns["max_pool_2x2"]


SOLUTION = ex3.WriteMaxPool.solution.code

VECTORISED = """
def max_pool_2x2(feature_map):
    h, w = feature_map.shape
    padded = np.pad(feature_map, ((0, h % 2), (0, w % 2)), constant_values=-np.inf)
    return padded.reshape(padded.shape[0] // 2, 2, padded.shape[1] // 2, 2).max(axis=(1, 3))
"""

# Correct by what it returns, though it writes all over its input first.
POOLS_IN_PLACE = """
def max_pool_2x2(feature_map):
    h, w = feature_map.shape
    for i in range(0, h, 2):
        for j in range(0, w, 2):
            feature_map[i, j] = feature_map[i:i + 2, j:j + 2].max()
    return feature_map[::2, ::2]
"""

POOLS_THEN_ZEROES = """
def max_pool_2x2(feature_map):
    h, w = feature_map.shape
    out = np.empty(((h + 1) // 2, (w + 1) // 2))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
    feature_map[...] = 0
    return out
"""

Q7_CORRECT = {
    "solution": SOLUTION,
    "vectorised": VECTORISED,
    "pools-in-place": POOLS_IN_PLACE,
    "pools-then-zeroes-its-input": POOLS_THEN_ZEROES,
    "tensorflow": """
def max_pool_2x2(feature_map):
    import tensorflow as tf
    x = tf.constant(feature_map)[None, :, :, None]
    return tf.nn.pool(x, (2, 2), 'MAX', strides=(2, 2), padding='SAME')[0, :, :, 0]
""",
}


@pytest.mark.parametrize("name", list(Q7_CORRECT))
def test_q7_correct_functions_pass(name: str, notebook: MakeNotebook) -> None:
    fixed_before = [x.copy() for x in ex3.HAND_POOL.fixed_inputs]
    outcome = notebook(max_pool_2x2=cell(name, Q7_CORRECT[name])).check("q_7")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")
    # A function that writes into its input gets a copy: the check's own inputs stay as they were.
    for x, before in zip(ex3.HAND_POOL.fixed_inputs, fixed_before):
        np.testing.assert_array_equal(x, before)


# Issue 13: every row of a printed array stands under the first one.
FIRST_INPUT = """feature_map = np.array([[ 1. , -2. ,  3. ,  0.5],
                        [-1. ,  4. , -3. ,  2. ],
                        [ 0. ,  0. , -5. , -6. ],
                        [ 2.5, -1. , -7. , -8. ]])"""

SECOND_INPUT = """feature_map = np.array([[-1., -2., -3.],
                        [-4., -5., -6.],
                        [-7., -8., -9.]])"""

FIRST_EXPECTED = """np.array([[ 4. ,  3. ],
          [ 2.5, -5. ]])"""


def _wrong_values(given: str, expected: str, yours: str) -> str:
    return incorrect(
        f"`max_pool_2x2` returns the wrong values for this input:\n\n{given}\n\nExpected:\n\n{expected}\n\n"
        f"Yours:\n\n{yours}"
    )


def _not_an_array(detail: str) -> str:
    return incorrect(f"`max_pool_2x2` returned {detail} for this input, not an array of numbers:\n\n{FIRST_INPUT}")


WRONG_ON_SIDE_5 = """
def max_pool_2x2(feature_map):
    h, w = feature_map.shape
    out = np.empty(((h + 1) // 2, (w + 1) // 2))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
    if 5 in feature_map.shape:
        out[0, 0] = 0.0
    return out
"""

Q7_MISTAKES: dict[str, tuple[str, str]] = {
    "subsampling": (
        "def max_pool_2x2(feature_map):\n    return feature_map[::2, ::2]\n",
        _wrong_values(FIRST_INPUT, FIRST_EXPECTED, "np.array([[ 1.,  3.],\n          [ 0., -5.]])"),
    ),
    "drops-odd-edges": (
        "def max_pool_2x2(feature_map):\n    h, w = feature_map.shape\n"
        "    even = feature_map[:h // 2 * 2, :w // 2 * 2]\n"
        "    return even.reshape(h // 2, 2, w // 2, 2).max(axis=(1, 3))\n",
        incorrect(
            "`max_pool_2x2` returned shape `(1, 1)`, but 2x2 max pooling of this input gives shape `(2, 2)`:"
            f"\n\n{SECOND_INPUT}\n\nExpected:\n\nnp.array([[-1., -3.],\n          [-7., -9.]])\n\nYours:\n\nnp.array([[-1.]])"
        ),
    ),
    "min-instead-of-max": (
        SOLUTION.replace(".max()", ".min()"),
        _wrong_values(FIRST_INPUT, FIRST_EXPECTED, "np.array([[-2., -3.],\n          [-1., -8.]])"),
    ),
    "raises": (
        "def max_pool_2x2(feature_map):\n    return 1 / 0\n",
        incorrect(f"`max_pool_2x2` raised `ZeroDivisionError: division by zero` for this input:\n\n{FIRST_INPUT}"),
    ),
    "returns-a-list": (
        "def max_pool_2x2(feature_map):\n    h, w = feature_map.shape\n"
        "    return [[float(feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()) for j in range((w + 1) // 2)]\n"
        "            for i in range((h + 1) // 2)]\n",
        _not_an_array("a Python list"),
    ),
    "returns-None": (
        SOLUTION.replace("    return out", "    out"),
        incorrect(
            "`max_pool_2x2` returned `None` for this input. Did you forget a `return` statement?"
            f"\n\n{FIRST_INPUT}"
        ),
    ),
    "returns-booleans": (
        "def max_pool_2x2(feature_map):\n    return feature_map[::2, ::2] > 0\n",
        _not_an_array("an array of `bool` values"),
    ),
    # Correct on both fixed inputs; the search finds the smallest generated input it gets wrong.
    "wrong-when-a-side-is-5": (
        WRONG_ON_SIDE_5,
        _wrong_values(
            "feature_map = np.array([[1., 1., 1., 1., 1.]])",
            "np.array([[1., 1., 1.]])",
            "np.array([[0., 1., 1.]])",
        ),
    ),
    # Issue 23: padded zeros win over the all-negative edge blocks of the second fixed input.
    "zero-padded-by-hand": (
        VECTORISED.replace(", constant_values=-np.inf", ""),
        incorrect(
            "`max_pool_2x2` pads the edges with zeros: on this input an edge block whose values are all negative "
            "gives 0, the padded zero, instead of its largest value. A short edge block is pooled over its real "
            "values only: slice it (slicing past the edge gives a smaller block), or pad with `-np.inf`:"
            f"\n\n{SECOND_INPUT}\n\nExpected:\n\nnp.array([[-1., -3.],\n          [-7., -9.]])\n\nYours:\n\n"
            "np.array([[-1.,  0.],\n          [ 0.,  0.]])"
        ),
    ),
    # Zeroes its input and returns part of it: judged by that return value, shown the input as it was given.
    "zeroes-its-input": (
        "def max_pool_2x2(feature_map):\n    feature_map[...] = 0\n    return feature_map[::2, ::2]\n",
        _wrong_values(FIRST_INPUT, FIRST_EXPECTED, "np.array([[0., 0.],\n          [0., 0.]])"),
    ),
}


@pytest.mark.parametrize("name", list(Q7_MISTAKES))
def test_q7_mistakes_get_their_message(name: str, notebook: MakeNotebook) -> None:
    source, message = Q7_MISTAKES[name]
    outcome = notebook(max_pool_2x2=cell(name, source)).check("q_7")
    assert (outcome.status, outcome.message) == (Status.INCORRECT, message)
    if name == "zero-padded-by-hand":
        assert outcome.mistake == "padding-zero"


WRONG_ON_ONE_RARE_INPUT = """
def max_pool_2x2(feature_map):
    h, w = feature_map.shape
    out = np.empty(((h + 1) // 2, (w + 1) // 2))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
    if feature_map.shape == (9, 7) and (feature_map < 0).all():
        out[0, 0] = 0.0
    return out
"""


def test_q7_a_function_wrong_where_the_search_does_not_look_is_still_incorrect(notebook: MakeNotebook) -> None:
    """The fixed inputs hold every shape the search draws; what they find wrong stays wrong, shown as found
    when the search (60 generated inputs) does not come across it."""
    outcome = notebook(max_pool_2x2=cell("rare", WRONG_ON_ONE_RARE_INPUT)).check("q_7")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "wrong-values")
    first, _, shown = outcome.message.partition("\n\n")
    assert first == "Incorrect: `max_pool_2x2` returns the wrong values for this input:"
    given = eval(shown.partition("\n\nExpected")[0].removeprefix("feature_map = "), {"np": np})
    assert given.shape == (9, 7) and (given < 0).all()


def test_q7_a_right_function_is_judged_without_hypothesis() -> None:
    """hypothesis only shrinks a failure: importing and running it would cost a right answer most of a second."""
    code = (
        "import sys, numpy as np\n"
        "from learntools_cv.core import binder\n"
        "ns = {'__name__': '__main__', 'np': np}\n"
        "binder.bind(ns)\n"
        "import learntools_cv.ex3 as ex3\n"
        "exec(ex3.WriteMaxPool.solution.code, ns)\n"
        "print(ex3.q_7.evaluate().message, 'hypothesis' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "Correct False", done.stderr[-2000:]


def test_q7_the_fixed_inputs_cover_every_shape_and_kind_of_value() -> None:
    from learntools_cv.lessons.maximum_pooling.diagnosis.hand_pool import inputs

    arrays = inputs(ex3.HAND_POOL.max_side)
    assert {a.shape for a in arrays} == {(h, w) for h in range(1, 10) for w in range(1, 10)}
    assert sum((a < 0).all() for a in arrays) >= 20
    assert any((a == 0).any() and (a == 100).any() for a in arrays)
    assert all(a.dtype == np.float64 and np.array_equal(a, a.astype(np.float32)) for a in arrays)


def test_q7_the_search_is_deterministic(notebook: MakeNotebook) -> None:
    source, message = Q7_MISTAKES["wrong-when-a-side-is-5"]
    messages = [notebook(max_pool_2x2=cell(f"side-5-{i}", source)).check("q_7").message for i in range(2)]
    assert messages == [message, message]


def test_q7_an_endless_loop_times_out(notebook: MakeNotebook, monkeypatch: pytest.MonkeyPatch) -> None:
    # The question reads the task from the lesson module, behind the learntools_cv.ex3 name.
    monkeypatch.setattr(lesson_module, "HAND_POOL", dataclasses.replace(ex3.HAND_POOL, call_timeout=0.3))
    fn = cell("endless", "def max_pool_2x2(feature_map):\n    while True:\n        pass\n")
    outcome = notebook(max_pool_2x2=fn).check("q_7")
    assert (outcome.status, outcome.message) == (
        Status.INCORRECT,
        incorrect(f"`max_pool_2x2` did not return within 0.3 seconds for this input:\n\n{FIRST_INPUT}"),
    )


EMPTY_BODIES = {
    "pass": "def max_pool_2x2(feature_map):\n    pass\n",
    "docstring-only": 'def max_pool_2x2(feature_map):\n    """2x2 max pooling."""\n',
    "starter-code": (
        'def max_pool_2x2(feature_map):\n    """2x2 max pooling with stride 2 of a 2-D array; odd edges form '
        'smaller blocks."""\n    pass\n'
    ),
    "ellipsis": "def max_pool_2x2(feature_map):\n    ...\n",
    "return-placeholder": "def max_pool_2x2(feature_map):\n    return ____\n",
}


@pytest.mark.parametrize("name", list(EMPTY_BODIES))
def test_q7_an_empty_body_is_not_attempted(name: str, notebook: MakeNotebook) -> None:
    outcome = notebook(max_pool_2x2=cell(name, EMPTY_BODIES[name])).check("q_7")
    assert (outcome.status, outcome.message) == (
        Status.NOT_ATTEMPTED,
        "Not attempted: The body of `max_pool_2x2` is still empty.",
    )


def test_q7_placeholder_is_not_attempted(notebook: MakeNotebook) -> None:
    outcome = notebook(max_pool_2x2=ex3.____).check("q_7")
    assert (outcome.status, outcome.message) == (Status.NOT_ATTEMPTED, placeholder_message("max_pool_2x2", "q_7"))


def test_q7_judge_words_a_value_that_is_not_a_function() -> None:
    with pytest.raises(Incorrect) as raised:
        ex3.HAND_POOL.judge(np.zeros((2, 2)))
    assert str(raised.value) == "`max_pool_2x2` should be a function, but it is `a float64 array of shape (2, 2)`."


def test_q7_a_value_that_is_not_a_function_is_incorrect(notebook: MakeNotebook) -> None:
    outcome = notebook(max_pool_2x2=5).check("q_7")
    assert (outcome.status, outcome.message) == (
        Status.INCORRECT,
        incorrect("`max_pool_2x2` should be a function, but it is `5`."),
    )


# ---------------------------------------------------------------------------------------------------------
# All four: bonus questions that do not count towards completion

BONUS = ["q_4", "q_5", "q_6", "q_7"]


def test_the_bonus_questions_are_marked_bonus() -> None:
    assert [getattr(ex3, q).question.bonus for q in ["q_1", "q_2", "q_3", *BONUS]] == [False] * 3 + [True] * 4


def test_progress_leaves_the_bonus_questions_out_of_the_count(
    lesson: Lesson, notebook: MakeNotebook
) -> None:
    answers = {
        "image_condense_avg": avg_pool(lesson["image_detect"]),
        "pooled_scores": tf.reduce_mean(lesson["feature_maps"], axis=[1, 2]),
        "poolings_to_merge": dict(RIGHT),
        "max_pool_2x2": cell("progress", VECTORISED),
    }
    nb = notebook(**answers)
    for q in BONUS:
        assert nb.check(q).status is Status.CORRECT
    summary = progress(EXERCISE)
    rows = {r.question: r for r in summary.rows}
    assert [q for q, r in rows.items() if r.bonus] == BONUS
    assert all(rows[q].done for q in BONUS)
    assert (summary.done, summary.required) == (0, 1)
    assert repr(summary).splitlines()[0] == f"{EXERCISE}: 0 of 1 question done"
    assert repr(summary).splitlines()[4] == "  q_4      done         coding (bonus)"


# ---------------------------------------------------------------------------------------------------------
# q_7: whatever the learner's function does, the check answers in words, in time, and leaves no trace
# (issue 13)

SLOW_ON_LARGER_INPUTS = """
import time
def max_pool_2x2(feature_map):
    if feature_map.size > 20:
        time.sleep(2)
    h, w = feature_map.shape
    out = np.empty(((h + 1) // 2, (w + 1) // 2))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
    return out
"""


def test_q7_a_function_slow_on_some_inputs_is_answered_not_a_checker_error(notebook: MakeNotebook) -> None:
    outcome = notebook(max_pool_2x2=cell("slow-on-larger", SLOW_ON_LARGER_INPUTS)).check("q_7")
    assert outcome.status is Status.INCORRECT
    first, _, shown = outcome.message.partition("\n\n")
    assert first == "Incorrect: `max_pool_2x2` did not return within 0.5 seconds for this input:"
    given = eval(shown.removeprefix("feature_map = "), {"np": np})
    assert given.size > 20


INTEGER_OUTPUT = SOLUTION.replace("dtype=feature_map.dtype", "dtype=int")


def test_q7_integer_output_is_named(notebook: MakeNotebook) -> None:
    outcome = notebook(max_pool_2x2=cell("integers", INTEGER_OUTPUT)).check("q_7")
    assert (outcome.status, outcome.message) == (
        Status.INCORRECT,
        incorrect(
            "`max_pool_2x2` returned integers (`int64`) for this input, so the fractional part of every value is "
            "lost. Give the result the input's floating-point dtype, for example with "
            f"`np.empty(..., dtype=feature_map.dtype)`:\n\n{FIRST_INPUT}\n\nExpected:\n\n{FIRST_EXPECTED}\n\n"
            "Yours:\n\nnp.array([[ 4,  3],\n          [ 2, -5]])"
        ),
    )
    with pytest.raises(Incorrect) as raised:
        ex3.HAND_POOL.judge(cell("integers-judged", INTEGER_OUTPUT))
    assert raised.value.mistake == "integer-dtype"


ALSO_CORRECT = {
    "float16-output": SOLUTION.replace("    return out", "    return out.astype(np.float16)"),
    "float32-output": SOLUTION.replace("    return out", "    return out.astype(np.float32)"),
    "tf.function": """
import tensorflow as tf
@tf.function
def max_pool_2x2(feature_map):
    x = tf.convert_to_tensor(feature_map)[None, :, :, None]
    return tf.nn.pool(x, (2, 2), 'MAX', strides=(2, 2), padding='SAME')[0, :, :, 0]
""",
}


@pytest.mark.parametrize("name", list(ALSO_CORRECT))
def test_q7_right_answers_a_fair_grader_accepts(name: str, notebook: MakeNotebook) -> None:
    outcome = notebook(max_pool_2x2=cell(name, ALSO_CORRECT[name])).check("q_7")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


STACK_WALKER = """
import sys
def max_pool_2x2(feature_map):
    # A cheat: look up the stack for an array of the pooled shape (the checker's expected result).
    want = ((feature_map.shape[0] + 1) // 2, (feature_map.shape[1] + 1) // 2)
    frame = sys._getframe(1)
    while frame is not None:
        for value in list(frame.f_locals.values()):
            if isinstance(value, np.ndarray) and value.shape == want and value is not feature_map:
                return value.copy()
        frame = frame.f_back
    return np.zeros(want)
"""


def test_q7_the_expected_result_is_out_of_reach_of_the_learners_stack(notebook: MakeNotebook) -> None:
    outcome = notebook(max_pool_2x2=cell("stack-walker", STACK_WALKER)).check("q_7")
    assert outcome.status is Status.INCORRECT
    assert outcome.message.startswith("Incorrect: `max_pool_2x2` returns the wrong values for this input:")


def test_q7_leaves_no_warning_registry_in_the_notebook(notebook: MakeNotebook) -> None:
    source = "import warnings\n" + SOLUTION.replace("    return out", "    warnings.warn('debug')\n    return out")
    nb = notebook(max_pool_2x2=cell("warns", source))
    fn = nb.ns["max_pool_2x2"]
    assert nb.check("q_7").status is Status.CORRECT
    assert "__warningregistry__" not in fn.__globals__


PLOTTING_SOLUTION = SOLUTION.replace("    return out", "    plt.figure(); plt.plot([1]); plt.show()\n    return out")


def test_q7_a_stubborn_endless_loop_cannot_hang_check() -> None:
    """The reported hang: a right function that plots, then an endless loop that appends to a list and
    swallows the first interruption. Run apart, with a hard limit, so a hang fails instead of hanging."""
    code = f"""
import resource, time
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from learntools_cv.core import binder
ns = {{"__name__": "__main__", "np": np, "plt": plt}}
binder.bind(ns)
import learntools_cv.ex3 as ex3
exec({PLOTTING_SOLUTION!r}, ns)
assert ex3.q_7.evaluate().status.value == "correct"
exec('''
def max_pool_2x2(feature_map):
    plt.figure(); plt.imshow(feature_map); plt.show()
    seen = []
    try:
        while True:
            seen.append(feature_map.copy())
    except BaseException:
        pass
    while True:
        seen.append(feature_map.copy())
''', ns)
def resident_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 2**20
before = resident_mb()
start = time.monotonic()
ex3.q_7.check()
print(round(time.monotonic() - start, 1), resident_mb() - before)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "Incorrect: `max_pool_2x2` did not return within 0.5 seconds for this input:"
    seconds, kept_mb = lines[-1].split()
    assert float(seconds) < 3.0
    # What the loop piled up in its half second (more on a faster machine) is freed, and given back to the
    # system, once the check is done: the learner's kernel does not keep it.
    assert int(kept_mb) < 100, kept_mb


# ---------------------------------------------------------------------------------------------------------
# q_1 and q_4: the notebook's setup values must still agree with each other (issue 13)


def _setup_changed(result: str, described: str) -> str:
    return incorrect(
        f"`{result}` is no longer {described}: it, or a value it was made from, was changed after the setup "
        "cells ran. Your answer is checked against `image_detect`, so re-run the setup cells above (from the "
        "first one), then your answer's cell, and check again."
    )


RELU_OF_FILTER = "the ReLU of `image_filter`"
FILTERED = "`image` filtered with `kernel` (`tf.nn.conv2d` with stride 1 and 'VALID' padding)"


@pytest.mark.parametrize("question, answer", [("q_1", "image_condense"), ("q_4", "image_condense_avg")])
def test_overwriting_image_detect_with_zeros_asks_to_rerun_the_setup(
    question: str, answer: str, lesson: Lesson, notebook: MakeNotebook
) -> None:
    zeros = tf.zeros_like(lesson["image_detect"])
    pooled = tf.nn.pool(zeros, (2, 2), "MAX", strides=(2, 2), padding="SAME")
    outcome = notebook(image_detect=zeros, **{answer: pooled}).check(question)
    assert (outcome.status, outcome.message, outcome.mistake) == (
        Status.INCORRECT,
        _setup_changed("image_detect", RELU_OF_FILTER),
        "setup-changed",
    )


def test_overwriting_image_filter_too_is_found_by_the_filter(lesson: Lesson, notebook: MakeNotebook) -> None:
    zeros = tf.zeros_like(lesson["image_detect"])
    pooled = tf.nn.pool(zeros, (2, 2), "MAX", strides=(2, 2), padding="SAME")
    outcome = notebook(image_filter=zeros, image_detect=zeros, image_condense=pooled).check("q_1")
    assert (outcome.status, outcome.message) == (Status.INCORRECT, _setup_changed("image_filter", FILTERED))


def test_a_learners_own_picture_through_the_same_cells_is_checked_as_usual(notebook: MakeNotebook) -> None:
    picture = _odd_picture()
    answer = tf.nn.pool(picture["image_detect"], (2, 2), "MAX", strides=(2, 2), padding="SAME")
    assert notebook(**picture, image_condense=answer).check("q_1").message == "Correct"
    # without the values it was made from, image_detect is taken as it is
    only = {"image_detect": picture["image_detect"], "image_filter": DELETE, "image": DELETE, "kernel": DELETE}
    assert notebook(**only, image_condense=answer).check("q_1").message == "Correct"


def _max_pool(x: Any) -> tf.Tensor:
    return tf.nn.pool(x, (2, 2), "MAX", strides=(2, 2), padding="SAME")


def _without_relu(picture: dict[str, tf.Tensor]) -> dict[str, tf.Tensor]:
    """A learner's own pipeline that leaves the ReLU out: `image_detect` is the filtered map itself."""
    return {**picture, "image_detect": picture["image_filter"]}


def _two_d(x: tf.Tensor) -> np.ndarray:
    return x.numpy()[0, :, :, 0]


# Issue 23: each of these learners has a right answer. The same values reshaped, moved to numpy, or made by a
# pipeline of the learner's own are the same values.
SAME_VALUES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "squeezed for plotting after answering": lambda nb: {
        "image_condense": _max_pool(nb["image_detect"]),
        "image_condense_avg": avg_pool(nb["image_detect"]),
        "image_detect": tf.squeeze(nb["image_detect"]),
    },
    "a 2-D numpy array, pooled": lambda nb: {
        "image_detect": _two_d(nb["image_detect"]),
        "image_condense": reference.pool2d(_two_d(nb["image_detect"]), 2, 2, "SAME", "max"),
        "image_condense_avg": avg_pool(_two_d(nb["image_detect"])[None, :, :, None]).numpy()[0, :, :, 0],
    },
    "own picture, own pipeline without the ReLU": lambda nb: {
        **_without_relu(_odd_picture()),
        "image_condense": _max_pool(_odd_picture()["image_filter"]),
        "image_condense_avg": avg_pool(_odd_picture()["image_filter"]),
    },
    "own picture, detected straight from the convolution": lambda nb: {
        **_odd_picture(),
        "image_detect": tf.nn.conv2d(_odd_picture()["image"], _odd_picture()["kernel"], 1, "VALID"),
        "image_condense": _max_pool(_odd_picture()["image_filter"]),
        "image_condense_avg": avg_pool(_odd_picture()["image_filter"]),
    },
}


@pytest.mark.parametrize("question", ["q_1", "q_4"])
@pytest.mark.parametrize("case", list(SAME_VALUES))
def test_the_same_values_in_another_form_are_still_the_setups(
    case: str, question: str, lesson: Lesson, notebook: MakeNotebook
) -> None:
    outcome = notebook(**SAME_VALUES[case](lesson)).check(question)
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


# ...and each of these overwrote `image_detect` with other values.
OTHER_VALUES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "zeros": lambda nb: tf.zeros_like(nb["image_detect"]),
    "the answer": lambda nb: _max_pool(nb["image_detect"]),
    "another picture": lambda nb: tf.image.flip_left_right(nb["image_detect"]),
    "another picture, 2-D numpy": lambda nb: _two_d(nb["image_detect"])[::-1].copy(),
}


@pytest.mark.parametrize("case", list(OTHER_VALUES))
def test_image_detect_overwritten_with_other_values_asks_to_rerun_the_setup(
    case: str, lesson: Lesson, notebook: MakeNotebook
) -> None:
    detect = OTHER_VALUES[case](lesson)
    answer = _max_pool(detect if np.ndim(detect) == 4 else np.asarray(detect)[None, :, :, None])
    outcome = notebook(image_detect=detect, image_condense=answer).check("q_1")
    assert (outcome.status, outcome.message, outcome.mistake) == (
        Status.INCORRECT,
        _setup_changed("image_detect", RELU_OF_FILTER),
        "setup-changed",
    )


def test_zero_padding_by_hand_is_named_on_a_map_with_negative_values(notebook: MakeNotebook) -> None:
    """Issue 23: the padded zeros win over the map's all-negative edge blocks, which 'SAME' pads but never
    counts."""
    picture = _without_relu(_odd_picture())
    detect = picture["image_detect"]
    assert detect.shape == (1, 101, 77, 1) and float(tf.reduce_min(detect)) < 0
    padded = tf.pad(detect, [[0, 0], [0, 1], [0, 1], [0, 0]])
    answer = tf.nn.pool(padded, (2, 2), "MAX", strides=(2, 2), padding="VALID")
    assert not np.array_equal(answer.numpy(), _max_pool(detect).numpy())  # the zeros won somewhere
    outcome = notebook(**picture, image_condense=answer).check("q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "padding-zero")
    assert outcome.message == incorrect(
        "It looks like you used zero padding added by hand. With `padding='SAME'` the pooling pads the edges "
        "itself, and padded cells never count: an edge block is pooled over its real values only. This question "
        "asks for maximum pooling with a 2x2 window, stride 2 and 'SAME' padding: use `padding='SAME'`."
    )


def test_q1_a_normalised_map_is_named(lesson: Lesson, notebook: MakeNotebook) -> None:
    answer = _max_pool(lesson["image_detect"])
    outcome = notebook(image_condense=answer / tf.reduce_max(answer)).check("q_1")
    assert (outcome.status, outcome.mistake) == (Status.INCORRECT, "normalised")
    assert outcome.message == incorrect(
        "`image_condense` is the right map divided by its largest value, 3.96 (normalised, so that the largest "
        "is 1). Pool `image_detect` as it is, without dividing it."
    )


# Issue 24: a picture that cannot tell maximum from average pooling.


def _through_the_setup(image: tf.Tensor) -> dict[str, tf.Tensor]:
    """The setup cells run on a learner's own `image` (H, W, 1)."""
    kernel = tf.reshape(tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype=tf.float32), [3, 3, 1, 1])
    image = tf.expand_dims(image, axis=0)
    image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding="VALID")
    return {"image": image, "kernel": kernel, "image_filter": image_filter, "image_detect": tf.nn.relu(image_filter)}


def _cannot_tell(asked: str, other: str, why: str) -> str:
    return incorrect(
        f"`image_detect` cannot show whether you used {asked} pooling: {why}, so {other} pooling gives the very "
        "same map. Use a picture with some detail, such as the lesson's (`path = image_path('car_illustration')`): "
        "re-run the setup cells, then your answer's cell, and check again."
    )


BLANK = "it holds the same value (0.5) everywhere"
BLOCKS = "the values in each 2x2 window of it are all equal"


def _blocky_detect() -> dict[str, Any]:
    """A map whose every 2x2 block holds one value (a picture scaled up 2x, nearest neighbour), as a
    notebook without the values it was made from."""
    small = np.random.default_rng(4).random((1, 60, 50, 1)).astype(np.float32)
    blocks = np.repeat(np.repeat(small, 2, axis=1), 2, axis=2)
    return {"image_detect": tf.constant(blocks), "image_filter": DELETE, "image": DELETE, "kernel": DELETE}


@pytest.mark.parametrize(
    ("picture", "why"),
    [
        (lambda: _through_the_setup(tf.fill([400, 400, 1], 0.5)), BLANK),
        (_blocky_detect, BLOCKS),
    ],
    ids=["blank picture", "every 2x2 block one value"],
)
@pytest.mark.parametrize("mode", ["MAX", "AVG"])
@pytest.mark.parametrize(("question", "answer"), [("q_1", "image_condense"), ("q_4", "image_condense_avg")])
def test_a_picture_that_cannot_tell_max_from_average_pooling_is_never_correct(
    question: str, answer: str, mode: str, picture: Callable[[], dict[str, Any]], why: str, notebook: MakeNotebook
) -> None:
    """The right pooling and the other kind both get the reason, never Correct."""
    values = picture()
    pooled = tf.nn.pool(values["image_detect"], (2, 2), mode, strides=(2, 2), padding="SAME")
    outcome = notebook(**values, **{answer: pooled}).check(question)
    asked, other = ("maximum", "average") if question == "q_1" else ("average", "maximum")
    assert (outcome.status, outcome.message, outcome.mistake) == (
        Status.INCORRECT,
        _cannot_tell(asked, other, why),
        "cannot-tell",
    )


def test_a_blank_picture_still_gets_its_other_mistakes_named(notebook: MakeNotebook) -> None:
    """What the values can tell is still told: a wrong shape is a wrong shape, whatever the picture."""
    values = _through_the_setup(tf.fill([400, 400, 1], 0.5))
    outcome = notebook(**values, image_condense=values["image_detect"]).check("q_1")
    assert outcome.mistake == "not-pooled"


def test_one_telling_window_is_enough(notebook: MakeNotebook) -> None:
    """A map that is one value in every 2x2 block but one can tell the two apart: the right answer passes."""
    values = _blocky_detect()
    detect = values["image_detect"].numpy()
    detect[0, 61, 37, 0] += 0.25
    values["image_detect"] = tf.constant(detect)
    outcome = notebook(**values, image_condense=_max_pool(values["image_detect"])).check("q_1")
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")


def test_q1_accepts_tensorflows_pooling_of_a_picture_with_nan_pixels(notebook: MakeNotebook) -> None:
    """A learner's own picture can give `image_detect` NaN pixels: pooling them is what TensorFlow defines."""
    picture = _odd_picture()
    image = picture["image"].numpy()
    image[0, 10:30, 20:40, 0] = np.nan
    image[0, 50:51, 0:79:3, 0] = np.nan
    kernel = picture["kernel"]
    image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding="VALID")
    image_detect = tf.nn.relu(image_filter)
    assert np.isnan(image_detect.numpy()).any()
    answer = tf.nn.pool(image_detect, (2, 2), "MAX", strides=(2, 2), padding="SAME")
    nb = notebook(image=image, kernel=kernel, image_filter=image_filter, image_detect=image_detect, image_condense=answer)
    assert nb.check("q_1").message == "Correct"
    avg = tf.nn.pool(image_detect, (2, 2), "AVG", strides=(2, 2), padding="SAME")
    assert notebook(image=image, kernel=kernel, image_filter=image_filter, image_detect=image_detect,
                    image_condense_avg=avg).check("q_4").message == "Correct"


def test_q7_check_leaves_an_outer_timer_and_its_handler_as_found(notebook: MakeNotebook) -> None:
    """A learner's notebook may run its own SIGALRM timer; q_7 calls the learner's function dozens of times,
    each with a 0.5 s limit of its own, and must give the timer back less only the time really spent."""
    import signal

    fired: list[float] = []

    def outer(signum: int, frame: Any) -> None:
        fired.append(time.monotonic())

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        start = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, 60.0)
        outcome = notebook(max_pool_2x2=cell("timers", VECTORISED)).check("q_7")
        left, interval = signal.getitimer(signal.ITIMER_REAL)
        spent = time.monotonic() - start
        assert outcome.status is Status.CORRECT
        assert signal.getsignal(signal.SIGALRM) is outer
        assert fired == [] and interval == 0.0
        assert 60.0 - spent - 0.05 < left <= 60.0 - spent
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_q6_a_huge_array_is_judged_by_its_shape_without_a_copy(notebook: MakeNotebook) -> None:
    """A broadcast view of ten million zeros: refused from its shape, in no time and without copying it (a list
    of a billion numbers once cost 13 GB and 40 s)."""
    import tracemalloc

    notebook(poolings_to_merge=np.broadcast_to(np.float32(0), (10_000_000,)))  # bound, as a learner's notebook
    tracemalloc.start()
    started = time.perf_counter()
    outcome = ex3.q_6.evaluate()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert outcome.message == ("Incorrect: `poolings_to_merge` should be a dict from each distance to a number of "
                               "poolings, like `{2: ____, 4: ____, 8: ____}`; it is `a float32 array of shape "
                               "(10000000,)`.")
    assert peak < 5 * 2**20 and seconds < 1.0, (peak, seconds)
