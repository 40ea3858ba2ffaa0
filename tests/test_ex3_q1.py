"""ex3 q_1 (`image_condense`): every correct form passes, every known mistake gets its own words, and a
check never changes the notebook.

Each test binds a fresh notebook namespace holding the lesson's setup (`image`, `kernel`, `image_filter`,
`image_detect`) for a seeded random image: the lesson's 400x400, and two odd sizes where 'SAME' and 'VALID'
padding differ. Messages are pinned in full, as a learner reads them (`Outcome.message`).
"""

from __future__ import annotations

import copy
import importlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from learntools_cv.core import Outcome, Session, Status, binder
from learntools_cv.core.record import EVENTS_ENV

SIZES = [(400, 400), (257, 301), (99, 64)]
SIZE_IDS = ["400x400", "257x301", "99x64"]
EMBOSS = [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]
ASKED = "maximum pooling with a 2x2 window, stride 2 and 'SAME' padding"
DELETE = object()
"""An override that removes a variable from the notebook."""


# ---------------------------------------------------------------------------------------------------------
# The lesson's setup, once per image size


@dataclass(frozen=True)
class Lesson:
    """The lesson's variables for one image, and the right answer."""

    image: tf.Tensor
    kernel: tf.Tensor
    image_filter: tf.Tensor
    image_detect: tf.Tensor
    answer: tf.Tensor

    @property
    def size(self) -> tuple[int, int]:
        return (int(self.image.shape[1]), int(self.image.shape[2]))


def pool(x: Any, **overrides: Any) -> tf.Tensor:
    """The lesson's `tf.nn.pool` call, with some arguments changed."""
    args = dict(window_shape=(2, 2), pooling_type="MAX", strides=(2, 2), padding="SAME")
    return tf.nn.pool(input=x, **{**args, **overrides})


def make_lesson(height: int, width: int, seed: int = 0) -> Lesson:
    rng = np.random.default_rng(seed)
    image = tf.constant(rng.random((1, height, width, 1), dtype=np.float32))
    kernel = tf.reshape(tf.constant(EMBOSS, dtype=tf.float32), [3, 3, 1, 1])
    image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding="VALID")
    image_detect = tf.nn.relu(image_filter)
    return Lesson(image, kernel, image_filter, image_detect, pool(image_detect))


Lessons = dict[tuple[int, int], Lesson]


@pytest.fixture(scope="module")
def lessons() -> Lessons:
    return {size: make_lesson(*size) for size in SIZES}


@pytest.fixture(params=SIZES, ids=SIZE_IDS)
def lesson(request: pytest.FixtureRequest, lessons: Lessons) -> Lesson:
    return lessons[request.param]


def numpy_max_pool(x: np.ndarray) -> np.ndarray:
    """2x2 max pooling with stride 2 and 'SAME' padding, by hand: pad odd sides at the end, then reshape."""
    _, h, w, _ = x.shape
    padded = np.pad(x, ((0, 0), (0, h % 2), (0, w % 2), (0, 0)), constant_values=-np.inf)
    n, ph, pw, c = padded.shape
    return padded.reshape(n, ph // 2, 2, pw // 2, 2, c).max(axis=(2, 4))


# ---------------------------------------------------------------------------------------------------------
# A bound notebook, and a check that must leave it alone


def _snapshot(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tf.Variable):
        return value.numpy().copy()
    if isinstance(value, (list, dict)):
        return copy.deepcopy(value)
    return None


def _assert_unchanged(value: Any, before: Any) -> None:
    if isinstance(value, np.ndarray):
        assert value.dtype == before.dtype and value.shape == before.shape
        np.testing.assert_array_equal(value, before)
    elif isinstance(value, tf.Variable):
        np.testing.assert_array_equal(value.numpy(), before)
    elif isinstance(value, (list, dict)):
        assert value == before


@dataclass
class Notebook:
    """A bound notebook namespace and the exercise module, as a learner's notebook has them."""

    ns: dict[str, Any]
    ex3: ModuleType
    capsys: pytest.CaptureFixture[str]

    def check(self, question: str = "q_1") -> Outcome:
        """The question's outcome. Also runs the learner's `check()` and asserts what every check must do:
        print exactly the plain message, change nothing in the namespace, and never fail as a checker."""
        view = getattr(self.ex3, question)
        keys = list(self.ns)
        objects = dict(self.ns)
        copies = {k: _snapshot(v) for k, v in self.ns.items()}
        outcome = view.evaluate()
        self.capsys.readouterr()
        view.check()
        printed = self.capsys.readouterr()
        assert printed.out == outcome.message + "\n"
        assert printed.err == ""
        assert list(self.ns) == keys
        for key in keys:
            assert self.ns[key] is objects[key], key
            _assert_unchanged(self.ns[key], copies[key])
        assert outcome.status is not Status.CHECKER_ERROR, outcome.message
        assert view.evaluate() == outcome  # judging twice gives the same answer
        return outcome


def bind_notebook(lesson: Lesson, **overrides: Any) -> dict[str, Any]:
    """A fresh namespace with the lesson's setup variables (and `overrides`), bound as a setup cell does."""
    ns: dict[str, Any] = {
        "__name__": "__main__",
        "image": lesson.image,
        "kernel": lesson.kernel,
        "image_filter": lesson.image_filter,
        "image_detect": lesson.image_detect,
    }
    for name, value in overrides.items():
        if value is DELETE:
            ns.pop(name, None)
        else:
            ns[name] = value
    binder.bind(ns)
    return ns


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No events file, and a fresh session for each test."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


MakeNotebook = Callable[..., Notebook]


@pytest.fixture
def notebook(capsys: pytest.CaptureFixture[str]) -> MakeNotebook:
    """`notebook(lesson, image_condense=...)`: bind a fresh namespace and import the exercise."""

    def make(lesson: Lesson, **overrides: Any) -> Notebook:
        ns = bind_notebook(lesson, **overrides)
        return Notebook(ns, importlib.import_module("learntools_cv.ex3"), capsys)

    return make


# ---------------------------------------------------------------------------------------------------------
# Correct forms

CORRECT_FORMS: dict[str, Callable[[Lesson], Any]] = {
    "tf.nn.pool": lambda L: pool(L.image_detect),
    "tf.nn.pool-positional": lambda L: tf.nn.pool(L.image_detect, (2, 2), "MAX", strides=(2, 2), padding="SAME"),
    "tf.nn.max_pool2d": lambda L: tf.nn.max_pool2d(L.image_detect, ksize=2, strides=2, padding="SAME"),
    "tf.nn.max_pool": lambda L: tf.nn.max_pool(L.image_detect, ksize=(2, 2), strides=(2, 2), padding="SAME"),
    "keras-MaxPool2D": lambda L: tf.keras.layers.MaxPool2D(pool_size=2, strides=2, padding="same")(
        L.image_detect
    ),
    "keras-MaxPooling2D": lambda L: tf.keras.layers.MaxPooling2D(pool_size=2, strides=2, padding="same")(
        L.image_detect
    ),
    "tf.Variable": lambda L: tf.Variable(L.answer),
    "numpy": lambda L: L.answer.numpy(),
    "3-D-batch-squeezed": lambda L: L.answer[0],
    "3-D-channel-squeezed": lambda L: L.answer[..., 0],
    "2-D": lambda L: tf.squeeze(L.answer),
    "2-D-numpy": lambda L: L.answer.numpy()[0, :, :, 0],
    "float16": lambda L: tf.cast(L.answer, tf.float16),
    "float32": lambda L: tf.cast(L.answer, tf.float32),
    "float64": lambda L: tf.cast(L.answer, tf.float64),
    "numpy-float64": lambda L: L.answer.numpy().astype(np.float64),
    "hand-written-numpy": lambda L: numpy_max_pool(L.image_detect.numpy()),
}


@pytest.mark.parametrize("form", list(CORRECT_FORMS), ids=list(CORRECT_FORMS))
def test_every_correct_form_passes(form: str, lesson: Lesson, notebook: MakeNotebook) -> None:
    nb = notebook(lesson, image_condense=CORRECT_FORMS[form](lesson))
    outcome = nb.check()
    assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")
    assert outcome.figure is None


def test_the_hand_written_pool_is_the_lessons(lessons: Lessons) -> None:
    for lesson in lessons.values():
        np.testing.assert_array_equal(numpy_max_pool(lesson.image_detect.numpy()), lesson.answer.numpy())


# ---------------------------------------------------------------------------------------------------------
# Mistakes, each with its own message


def incorrect(body: str) -> str:
    return f"Incorrect: {body}"


NOT_POOLED = incorrect(
    f"`image_condense` is `image_detect` itself: it has not been pooled yet. Apply {ASKED} to `image_detect`."
)
TRANSPOSED = incorrect(
    "`image_condense` is transposed: its rows and columns are swapped. "
    "Pool `image_detect` as it is, without transposing anything."
)
NOT_A_MAP = "but it should be a tensor or an array (the pooled feature map)."


def _with_values(positions: list[tuple[int, ...]], value: float) -> Callable[[Lesson], np.ndarray]:
    def make(lesson: Lesson) -> np.ndarray:
        answer = lesson.answer.numpy().copy()
        for position in positions:
            answer[position] = value
        return answer

    return make


def _perturbed(lesson: Lesson) -> np.ndarray:
    """The answer, plus 0.5, 0.25 and 0.75 at three places (different amounts, so that float32 rounding
    cannot decide which difference is the largest)."""
    answer = lesson.answer.numpy().copy()
    for position, change in [((0, 1, 2, 0), 0.5), ((0, 5, 7, 0), 0.25), ((0, 10, 3, 0), 0.75)]:
        answer[position] += change
    return answer


@dataclass(frozen=True)
class Mistake:
    make: Callable[[Lesson], Any]
    message: str | dict[tuple[int, int], str]
    """The message, or one per image size."""
    wrong_type: bool = False
    """A value that is not an array of numbers: no figure."""


def _values_off(count: int, total: str, share: str) -> str:
    return incorrect(
        f"`image_condense` has the right shape, but its values are off. {count} of {total} values ({share}) "
        "differ. The largest difference is 0.75, at [0, 10, 3, 0]. The first ones are at [0, 1, 2, 0], "
        f"[0, 5, 7, 0], [0, 10, 3, 0]. This question asks for {ASKED} of `image_detect`."
    )


def _all_zeros(largest: str) -> str:
    return incorrect(
        f"`image_condense` is all zeros, but pooling `image_detect` gives values up to {largest}. "
        "Assign the result of pooling `image_detect`."
    )


def _asks(did: str, use: str) -> str:
    return incorrect(f"It looks like you used {did}. This question asks for {ASKED}: use {use}.")


def _wrong_shape(source_shape: str, shape: str, expected_shape: str) -> str:
    return incorrect(
        f"`image_condense` has shape `{shape}`, but {ASKED} of `image_detect` (shape `{source_shape}`) "
        f"gives shape `{expected_shape}`."
    )


AVERAGE = _asks("average pooling", "`pooling_type='MAX'`")
AVERAGE_AND_VALID = _asks("average pooling and 'VALID' padding", "`pooling_type='MAX'` and `padding='SAME'`")
NOT_FINITE = (
    "where pooling `image_detect` gives ordinary numbers. Check the input you pooled and any arithmetic you did "
    "on the result."
)

def _single_number(expected: str) -> str:
    return incorrect(
        "`image_condense` is a single number (a tensor with no dimensions), but it should be the pooled "
        f"feature map of shape `{expected}`."
    )


MISTAKES: dict[str, Mistake] = {
    "average-pooling": Mistake(lambda L: pool(L.image_detect, pooling_type="AVG"), AVERAGE),
    "window-3x3": Mistake(
        lambda L: pool(L.image_detect, window_shape=(3, 3)), _asks("a 3x3 window", "`window_shape=(2, 2)`")
    ),
    "window-3x3-stride-3": Mistake(
        lambda L: pool(L.image_detect, window_shape=(3, 3), strides=(3, 3)),
        _asks("a 3x3 window and a stride of 3", "`window_shape=(2, 2)` and `strides=(2, 2)`"),
    ),
    # A 1x1 window moved one pixel at a time copies its input.
    "window-1x1-stride-1": Mistake(
        lambda L: pool(L.image_detect, window_shape=(1, 1), strides=(1, 1)), NOT_POOLED
    ),
    "stride-1": Mistake(
        lambda L: pool(L.image_detect, strides=(1, 1)), _asks("a stride of 1", "`strides=(2, 2)`")
    ),
    "average-and-valid": Mistake(
        lambda L: pool(L.image_detect, pooling_type="AVG", padding="VALID"),
        # On 400x400 'VALID' is the same as 'SAME' (see test_valid_padding): the nearer mistake explains it.
        {(400, 400): AVERAGE, (257, 301): AVERAGE_AND_VALID, (99, 64): AVERAGE_AND_VALID},
    ),
    "pooled-image_filter": Mistake(
        lambda L: pool(L.image_filter),
        incorrect(
            "It looks like you pooled `image_filter` (the filtered map, before the ReLU) instead of "
            "`image_detect`. Pool `image_detect`."
        ),
    ),
    "pooled-image": Mistake(
        lambda L: pool(L.image),
        incorrect(
            "It looks like you pooled `image` (the input picture) instead of `image_detect`. Pool `image_detect`."
        ),
    ),
    "transposed": Mistake(lambda L: tf.transpose(L.answer, [0, 2, 1, 3]), TRANSPOSED),
    "transposed-2-D": Mistake(lambda L: tf.transpose(tf.squeeze(L.answer)), TRANSPOSED),
    "pooled-twice": Mistake(
        lambda L: pool(L.answer),
        incorrect(
            "It looks like you pooled twice: `image_condense` matches `image_detect` pooled two times in a row. "
            "Pool `image_detect` once."
        ),
    ),
    "image_detect-unpooled": Mistake(lambda L: L.image_detect, NOT_POOLED),
    "image_detect-unpooled-2-D": Mistake(lambda L: L.image_detect.numpy()[0, :, :, 0], NOT_POOLED),
    "image_filter-unpooled": Mistake(
        lambda L: L.image_filter,
        incorrect(
            "`image_condense` is `image_filter` (the filtered map, before the ReLU) itself, not a pooled map. "
            f"Apply {ASKED} to `image_detect`."
        ),
    ),
    "image-unpooled": Mistake(
        lambda L: L.image,
        incorrect(
            f"`image_condense` is `image` (the input picture) itself, not a pooled map. Apply {ASKED} to "
            "`image_detect`."
        ),
    ),
    "uncalled-tf.nn.pool": Mistake(
        lambda L: tf.nn.pool,
        incorrect(
            "`image_condense` is the function `pool` itself, not its result. Call it and assign what it returns."
        ),
        wrong_type=True,
    ),
    "uncalled-layer": Mistake(
        lambda L: tf.keras.layers.MaxPool2D(),
        incorrect(
            "`image_condense` is a Keras `MaxPooling2D` layer, not its output. Call the layer on your input, "
            "as in `layer(x)`, and assign what it returns."
        ),
        wrong_type=True,
    ),
    "string": Mistake(
        lambda L: "MAX", incorrect(f"`image_condense` is a string (`'MAX'`), {NOT_A_MAP}"), wrong_type=True
    ),
    "python-list": Mistake(
        lambda L: L.answer.numpy().tolist(),
        incorrect(f"`image_condense` is a Python list, {NOT_A_MAP}"),
        wrong_type=True,
    ),
    "None": Mistake(lambda L: None, incorrect(f"`image_condense` is `None`, {NOT_A_MAP}"), wrong_type=True),
    "python-float": Mistake(
        lambda L: 2.5, incorrect(f"`image_condense` is a single number (`2.5`), {NOT_A_MAP}"), wrong_type=True
    ),
    "scalar-tensor": Mistake(
        lambda L: tf.reduce_max(L.answer),
        {
            (400, 400): _single_number("(1, 199, 199, 1)"),
            (257, 301): _single_number("(1, 128, 150, 1)"),
            (99, 64): _single_number("(1, 49, 31, 1)"),
        },
    ),
    "nan-values": Mistake(
        _with_values([(0, 0, 0, 0), (0, 3, 4, 0)], np.nan),
        incorrect(f"`image_condense` contains 2 values that are NaN (not-a-number), {NOT_FINITE}"),
    ),
    "one-nan": Mistake(
        _with_values([(0, 3, 4, 0)], np.nan),
        incorrect(f"`image_condense` contains 1 value that is NaN (not-a-number), {NOT_FINITE}"),
    ),
    "inf-values": Mistake(
        _with_values([(0, 0, 1, 0), (0, 2, 2, 0), (0, 6, 1, 0)], np.inf),
        incorrect(f"`image_condense` contains 3 values that are infinite, {NOT_FINITE}"),
    ),
    "int32": Mistake(
        lambda L: tf.cast(L.answer, tf.int32),
        incorrect(
            "`image_condense` holds integers (`int32`), so the fractional part of every activation is lost. "
            "Keep the floating-point result of pooling `image_detect`; don't cast it."
        ),
        wrong_type=True,
    ),
    "bool": Mistake(
        lambda L: L.answer.numpy() > 0.5,
        incorrect(
            "`image_condense` holds True/False values. It should hold the pooled activations, which are numbers "
            "like those in `image_detect`."
        ),
        wrong_type=True,
    ),
    "all-zeros": Mistake(
        lambda L: tf.zeros_like(L.answer),
        {(400, 400): _all_zeros("4.25"), (257, 301): _all_zeros("4.19"), (99, 64): _all_zeros("4.19")},
    ),
    "doubled": Mistake(
        lambda L: L.answer * 2,
        incorrect(
            "`image_condense` is 2 times what it should be: the pooling looks right, but the values were scaled. "
            "Pool `image_detect` as it is."
        ),
    ),
    "perturbed": Mistake(
        _perturbed,
        {
            (400, 400): _values_off(3, "39,601", "0.0076%"),
            (257, 301): _values_off(3, "19,200", "0.016%"),
            (99, 64): _values_off(3, "1,519", "0.2%"),
        },
    ),
}


def _expected_shape(lesson: Lesson) -> tuple[int, ...]:
    return tuple(d for d in lesson.answer.shape if d != 1)


@pytest.mark.parametrize("name", list(MISTAKES), ids=list(MISTAKES))
def test_every_mistake_gets_its_message(name: str, lesson: Lesson, notebook: MakeNotebook) -> None:
    mistake = MISTAKES[name]
    value = mistake.make(lesson)
    outcome = notebook(lesson, image_condense=value).check()
    message = mistake.message if isinstance(mistake.message, str) else mistake.message[lesson.size]
    assert outcome.status is Status.INCORRECT
    assert outcome.message == message
    if mistake.wrong_type:
        assert outcome.figure is None
    elif tuple(d for d in np.shape(value) if d != 1) == _expected_shape(lesson):
        # A value mistake in a map of the right shape comes with a picture of it.
        assert outcome.figure is not None
        np.testing.assert_array_equal(outcome.figure.expected, lesson.answer.numpy()[0, :, :, 0])


VALID_PADDING = _asks("'VALID' padding", "`padding='SAME'`")


VALID_FORMS: dict[str, Callable[[Lesson], Any]] = {
    "tf.nn.pool": lambda L: pool(L.image_detect, padding="VALID"),
    # keras' pooling layers pad 'valid' unless told otherwise.
    "keras-default": lambda L: tf.keras.layers.MaxPool2D()(L.image_detect),
}


@pytest.mark.parametrize("form", list(VALID_FORMS))
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_valid_padding(size: tuple[int, int], form: str, lessons: Lessons, notebook: MakeNotebook) -> None:
    lesson = lessons[size]
    outcome = notebook(lesson, image_condense=VALID_FORMS[form](lesson)).check()
    if size == (400, 400):
        # image_detect is 398x398: 2x2 blocks tile it exactly, so 'SAME' adds no padding and 'VALID' gives the
        # very same map. Nobody can tell the two apart from the values, and the values are right.
        assert (outcome.status, outcome.message) == (Status.CORRECT, "Correct")
    else:
        assert (outcome.status, outcome.message) == (Status.INCORRECT, VALID_PADDING)


# ---------------------------------------------------------------------------------------------------------
# Not attempted, and a broken setup


def test_placeholder_is_not_attempted(lessons: Lessons, notebook: MakeNotebook) -> None:
    nb = notebook(lessons[SIZES[0]])
    nb.ns["image_condense"] = nb.ex3.____
    outcome = nb.check()
    assert outcome.status is Status.NOT_ATTEMPTED
    assert outcome.message == (
        "Not attempted: `image_condense` still holds the placeholder `____`. Replace it with your code, "
        "then run `q_1.check()` again."
    )


def test_missing_answer_is_not_attempted(lessons: Lessons, notebook: MakeNotebook) -> None:
    outcome = notebook(lessons[SIZES[0]]).check()
    assert outcome.status is Status.NOT_ATTEMPTED
    assert outcome.message == "Not attempted: Create the variable `image_condense`, then run `q_1.check()` again."


def test_deleted_image_detect_asks_to_rerun_the_setup(lessons: Lessons, notebook: MakeNotebook) -> None:
    lesson = lessons[SIZES[0]]
    outcome = notebook(lesson, image_condense=lesson.answer, image_detect=DELETE).check()
    assert outcome.status is Status.INCORRECT
    assert outcome.message == incorrect(
        "`image_detect` is not defined, so there is nothing to check your answer against. "
        "Re-run the setup cells above, then check again."
    )


def test_image_detect_set_to_none_asks_to_rerun_the_setup(lessons: Lessons, notebook: MakeNotebook) -> None:
    lesson = lessons[SIZES[0]]
    outcome = notebook(lesson, image_condense=lesson.answer, image_detect=None).check()
    assert outcome.status is Status.INCORRECT
    assert outcome.message == incorrect(
        "`image_detect` is `None`, but it should be a tensor or an array. Your answer is checked against "
        "`image_detect`: re-run the setup cells above, then check again."
    )


def test_placeholder_wins_over_a_broken_setup(lessons: Lessons, notebook: MakeNotebook) -> None:
    nb = notebook(lessons[SIZES[0]], image_detect=DELETE)
    nb.ns["image_condense"] = nb.ex3.____
    assert nb.check().status is Status.NOT_ATTEMPTED


def test_missing_optional_sources_do_not_matter(lessons: Lessons, notebook: MakeNotebook) -> None:
    lesson = lessons[SIZES[1]]
    right = notebook(lesson, image_condense=lesson.answer, image=DELETE, image_filter=DELETE).check()
    assert right.message == "Correct"
    # Without `image_filter` the mistake cannot be named, but it is still wrong, and says how.
    wrong = notebook(lesson, image_condense=pool(lesson.image_filter), image_filter=DELETE).check()
    assert wrong.status is Status.INCORRECT
    assert wrong.message.startswith("Incorrect: `image_condense` has the right shape, but its values are off. ")


# ---------------------------------------------------------------------------------------------------------
# Kaggle's checker accepted or crashed on these; each is a regression test.


@pytest.mark.parametrize(
    "name",
    ["average-pooling", "window-3x3", "pooled-image_filter", "all-zeros", "doubled", "transposed", "python-list"],
)
def test_kaggle_bug_wrong_answers_are_incorrect(name: str, lesson: Lesson, notebook: MakeNotebook) -> None:
    outcome = notebook(lesson, image_condense=MISTAKES[name].make(lesson)).check()
    assert outcome.status is Status.INCORRECT
    assert outcome.message != "Correct"


def test_kaggle_bug_all_nan_is_incorrect(lesson: Lesson, notebook: MakeNotebook) -> None:
    outcome = notebook(lesson, image_condense=lesson.answer * np.nan).check()
    assert outcome.status is Status.INCORRECT
    count = f"{int(np.prod(lesson.answer.shape)):,}"
    assert outcome.message == incorrect(
        f"`image_condense` contains {count} values that are NaN (not-a-number), where pooling `image_detect` "
        "gives ordinary numbers. Check the input you pooled and any arithmetic you did on the result."
    )


@pytest.mark.parametrize("name", ["None", "uncalled-tf.nn.pool", "uncalled-layer"])
def test_kaggle_bug_non_values_get_a_worded_incorrect(name: str, lessons: Lessons, notebook: MakeNotebook) -> None:
    lesson = lessons[SIZES[0]]
    outcome = notebook(lesson, image_condense=MISTAKES[name].make(lesson)).check()
    assert outcome.status is Status.INCORRECT
    assert outcome.message.startswith("Incorrect: `image_condense` is ")


@pytest.mark.parametrize("size", SIZES[1:], ids=SIZE_IDS[1:])
def test_kaggle_bug_right_answer_on_another_image_size_is_correct(
    size: tuple[int, int], lessons: Lessons, notebook: MakeNotebook
) -> None:
    lesson = lessons[size]
    assert notebook(lesson, image_condense=lesson.answer).check().status is Status.CORRECT


# ---------------------------------------------------------------------------------------------------------
# What a learner sees: the solution passes, and check() prints plain text outside Jupyter


def test_the_shown_solution_passes(lessons: Lessons, notebook: MakeNotebook) -> None:
    for lesson in lessons.values():
        nb = notebook(lesson)
        code = nb.ex3.q_1.solution_outcome().message.removeprefix("Solution:\n")
        exec(code, {"tf": tf, **nb.ns}, nb.ns)
        assert nb.check().message == "Correct"


def test_hints(lessons: Lessons, notebook: MakeNotebook) -> None:
    q_1 = notebook(lessons[SIZES[0]]).ex3.q_1
    assert q_1.hint_outcome(1).first_line == (
        "Hint 1: `tf.nn.pool` needs two more settings: how big each pooling block is (`window_shape`) and which "
        "value of the block to keep (`pooling_type`)."
    )
    assert q_1.hint_outcome(2).first_line == (
        "Hint 2: Blocks of 2x2 pixels: `window_shape=(2, 2)`. Keep the largest value of each block: "
        "`pooling_type='MAX'`."
    )


PLAIN_SCRIPT = """
import numpy as np, tensorflow as tf
from learntools_cv.core import binder
binder.bind(globals())
from learntools_cv.ex3 import *
image = tf.constant(np.random.default_rng(0).random((1, 99, 64, 1), dtype=np.float32))
kernel = tf.reshape(tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype=tf.float32), [3, 3, 1, 1])
image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='VALID')
image_detect = tf.nn.relu(image_filter)
image_condense = ____
q_1.check()
image_condense = tf.nn.pool(input=image_detect, window_shape=(2, 2), pooling_type='AVG', strides=(2, 2),
                            padding='SAME')
q_1.check()
image_condense = tf.nn.pool(input=image_detect, window_shape=(2, 2), pooling_type='MAX', strides=(2, 2),
                            padding='SAME')
q_1.check()
"""


def test_check_prints_plain_text_in_a_plain_process() -> None:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop(EVENTS_ENV, None)
    done = subprocess.run(
        [sys.executable, "-c", PLAIN_SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Not attempted: `image_condense` still holds the placeholder `____`. Replace it with your code, then run "
        "`q_1.check()` again.\n"
        + MISTAKES["average-pooling"].message
        + "\nCorrect\n"
    )


# ---------------------------------------------------------------------------------------------------------
# Properties over generated feature maps

feature_maps = st.tuples(st.integers(3, 40), st.integers(3, 40)).flatmap(
    lambda hw: hnp.arrays(np.float32, hw, elements=st.floats(0, 10, width=32))
)

ANSWER_FORMS: dict[str, Callable[[tf.Tensor], Any]] = {
    "tensor": lambda a: a,
    "variable": lambda a: tf.Variable(a),
    "numpy": lambda a: a.numpy(),
    "3-D": lambda a: a[0],
    "2-D": lambda a: a.numpy()[0, :, :, 0],
    "float16": lambda a: tf.cast(a, tf.float16),
    "float64": lambda a: tf.cast(a, tf.float64),
}


def _lesson_for(detect: np.ndarray) -> Lesson:
    """A notebook whose `image_detect` is `detect`; the other sources are left out."""
    image_detect = tf.constant(detect[None, :, :, None])
    return Lesson(image=None, kernel=None, image_filter=None, image_detect=image_detect, answer=pool(image_detect))


def _judge(lesson: Lesson, answer: Any) -> Outcome:
    ns = bind_notebook(lesson, image_condense=answer, image=DELETE, image_filter=DELETE, kernel=DELETE)
    keys, objects = list(ns), dict(ns)
    outcome = importlib.import_module("learntools_cv.ex3").q_1.evaluate()
    assert list(ns) == keys and all(ns[k] is objects[k] for k in keys)
    return outcome


CANNOT_TELL = incorrect(
    "`image_detect` cannot show whether you used maximum pooling: {why}, so average pooling gives the very "
    "same map. Use a picture with some detail, such as the lesson's (`path = image_path('car_illustration')`): "
    "re-run the setup cells, then your answer's cell, and check again."
)


@settings(deadline=None, max_examples=40, derandomize=True)
@given(detect=feature_maps)
def test_property_the_max_pooled_map_passes_in_every_form(detect: np.ndarray) -> None:
    """Correct in every form; unless average pooling gives the same map, and then never Correct (issue 24)."""
    lesson = _lesson_for(detect)
    average = pool(lesson.image_detect, pooling_type="AVG").numpy()
    tells = not np.allclose(average, lesson.answer.numpy(), rtol=1e-4, atol=1e-6)
    cannot = np.array_equal(average, lesson.answer.numpy())
    for form, make in ANSWER_FORMS.items():
        outcome = _judge(lesson, make(lesson.answer))
        if tells:
            assert (form, outcome.status, outcome.message) == (form, Status.CORRECT, "Correct")
        elif cannot:
            assert (form, outcome.status, outcome.mistake) == (form, Status.INCORRECT, "cannot-tell")
            assert outcome.message.startswith(CANNOT_TELL.split("{why}")[0])


@settings(deadline=None, max_examples=40, derandomize=True)
@given(
    detect=feature_maps,
    where=st.floats(0, 1, exclude_max=True),
    change=st.floats(1e-3, 1.0),
    down=st.booleans(),
)
def test_property_a_perturbed_map_fails(detect: np.ndarray, where: float, change: float, down: bool) -> None:
    lesson = _lesson_for(detect)
    answer = lesson.answer.numpy().copy()
    flat = answer.reshape(-1)
    # At least 0.1% of the map's largest value (or of 1, for a map of zeros): far beyond any rounding.
    delta = np.float32(change * max(float(flat.max()), 1.0)) * (-1 if down else 1)
    flat[int(where * flat.size)] += delta
    outcome = _judge(lesson, answer)
    assert outcome.status is Status.INCORRECT, outcome.message
