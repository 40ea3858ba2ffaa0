"""Helpers for course authors' pytest suites: bind an exercise to a fresh notebook namespace, set the
learner's variables, and assert what a question says, all without parsing displayed output.

    from learntools_cv.authoring.testing import assert_failed, assert_passed, bind_exercise

    def test_average_pooling_is_named():
        with bind_exercise("learntools_cv.ex3") as ex:       # runs the module's SETUP_CODE
            ex.run("image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')")
            assert_failed(ex.q("q_1"), match="It looks like you used average pooling.")

The assertions are built on `ProblemView.evaluate()` and the `Outcome` fields, raise AssertionError with the
whole message the learner would read, and return the outcome for further checks. The hypothesis strategies
`images` and `feature_maps` make inputs for property tests; hypothesis is imported only when they are
called, so importing this module stays cheap.
"""

from __future__ import annotations

import re
import types
from typing import Any

import numpy as np

from learntools_cv.authoring.selfcheck import exercise_questions, load_exercise_module, run_code, setup_namespace
from learntools_cv.core.multiproblem import MultipartProblem
from learntools_cv.core.outcome import Outcome, Status
from learntools_cv.core.session import binder
from learntools_cv.core.view import QuestionView as ProblemView

__all__ = [
    "Exercise",
    "assert_failed",
    "assert_not_attempted",
    "assert_passed",
    "assert_uncheckable",
    "bind_exercise",
    "feature_maps",
    "images",
    "set_vars",
]


class Exercise:
    """An exercise bound to a fresh notebook namespace, as after running a notebook's setup cells.

    `ns` is the namespace (the module's exports such as `q_1` and `____`, then what SETUP_CODE creates);
    `q(name)` is a question; `set(...)` and `run(...)` change the namespace as a learner's cell would.
    Used as a context manager, it gives the global binder back as it was on exit.
    """

    def __init__(self, module: types.ModuleType, ns: dict[str, Any]) -> None:
        self.module = module
        self.ns = ns
        self._saved: dict[str, Any] | None = None
        self._saved_set = False

    def __repr__(self) -> str:
        return f"<Exercise {self.module.__name__}: {', '.join(self.questions) or 'no questions'}>"

    @property
    def questions(self) -> dict[str, ProblemView]:
        """The module's questions by name: 'q_1', 'q_3.a', ..."""
        return exercise_questions(self.module)

    def q(self, name: str) -> ProblemView:
        """The question `name` ('q_1', or 'q_3.a' for a part of a multipart question)."""
        questions = self.questions
        if name in questions:
            return questions[name]
        parts = [n for n in questions if n.startswith(name + ".")]
        if parts:
            raise LookupError(f"{name} of {self.module.__name__} has parts; pick one of {', '.join(parts)}")
        listed = ", ".join(questions) or "none"
        raise LookupError(f"{self.module.__name__} has no question {name!r}; it has {listed}")

    def set(self, **variables: Any) -> Exercise:
        """Assign notebook variables, as a learner's cell would; returns the exercise."""
        set_vars(self, **variables)
        return self

    def run(self, code: str) -> Exercise:
        """Run `code` in the namespace, as a learner's cell would; returns the exercise.

        If the code raises, AssertionError says what it raised and at which line."""
        error = run_code(code, self.ns, "code passed to Exercise.run")
        if error is not None:
            raise AssertionError(f"the code {error}:\n{code}")
        return self

    def bind(self) -> Exercise:
        """Point the global binder at this namespace (bind_exercise already did)."""
        if not self._saved_set:
            self._saved, self._saved_set = binder.bound_namespace(), True
        binder.bind(self.ns)
        return self

    def unbind(self) -> None:
        """Give the global binder back the namespace it had before `bind`."""
        if self._saved_set:
            binder.restore(self._saved)
            self._saved, self._saved_set = None, False

    def __enter__(self) -> Exercise:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.unbind()


def bind_exercise(module: str | types.ModuleType, *, setup: bool = True, **variables: Any) -> Exercise:
    """A fresh notebook namespace for the exercise `module` (a dotted name or the module), bound.

    The namespace holds what `from module import *` gives (the questions and `____`), then what the
    module's SETUP_CODE creates (skip it with `setup=False`), then `variables`. SETUP_CODE runs once per
    module; each call gets a shallow copy of its namespace. Use it as a context manager to restore the
    global binder afterwards:

        with bind_exercise("learntools_cv.ex3", image_condense=answer) as ex:
            assert_passed(ex.q("q_1"))
    """
    mod = load_exercise_module(module)
    ns = setup_namespace(mod, setup=setup)
    ns.update(variables)
    return Exercise(mod, ns).bind()


def set_vars(target: Exercise | dict[str, Any], **variables: Any) -> None:
    """Assign notebook variables in an Exercise's namespace (or in a namespace dict)."""
    ns = target.ns if isinstance(target, Exercise) else target
    if not isinstance(ns, dict):
        raise TypeError(f"set_vars needs an Exercise or a namespace dict, not a {type(target).__name__}")
    ns.update(variables)


# ---- assertions ---------------------------------------------------------------------------------------------


def assert_passed(question: ProblemView) -> Outcome:
    """Assert that the question's check says Correct; returns the outcome."""
    return _expect(question, Status.CORRECT)


def assert_not_attempted(question: ProblemView) -> Outcome:
    """Assert that the question's check says Not attempted; returns the outcome."""
    return _expect(question, Status.NOT_ATTEMPTED)


def assert_uncheckable(question: ProblemView) -> Outcome:
    """Assert that the question has nothing to check (a thought experiment); returns the outcome."""
    return _expect(question, Status.UNCHECKABLE)


def assert_failed(question: ProblemView, match: str | re.Pattern[str] | None = None) -> Outcome:
    """Assert that the question's check says Incorrect; returns the outcome.

    `match` is either words the message must contain (a str, compared literally, as `Mistake.says` is) or a
    compiled regular expression it must match somewhere (`re.compile(...)`, found with `search`). It is
    looked for in the plain-text message the learner reads, label included ('Incorrect: ...')."""
    outcome = _expect(question, Status.INCORRECT)
    if match is None:
        return outcome
    if isinstance(match, re.Pattern):
        if match.search(outcome.message) is None:
            raise AssertionError(
                f"{_who(question)}: Incorrect as expected, but the message does not match the pattern "
                f"{match.pattern!r}:\n{outcome.message}"
            )
        return outcome
    if not isinstance(match, str):
        raise TypeError(f"match must be a str or a compiled pattern (re.compile(...)), not {type(match).__name__}")
    if match not in outcome.message:
        raise AssertionError(
            f"{_who(question)}: Incorrect as expected, but the message does not contain {match!r}:\n"
            f"{outcome.message}"
        )
    return outcome


def _expect(question: ProblemView, wanted: Status) -> Outcome:
    outcome = _view(question).evaluate()
    if outcome.status is not wanted:
        raise AssertionError(f"{_who(question)}: expected {wanted.label}, got:\n{outcome.message}")
    return outcome


def _view(question: Any) -> ProblemView:
    if isinstance(question, ProblemView):
        return question
    if isinstance(question, MultipartProblem):
        parts = ", ".join(f"{question._varname}.{p}" for p in question.parts) or "none"
        raise TypeError(f"{question._varname} has parts; assert on one of them: {parts}")
    raise TypeError(
        f"expected a question such as ex.q('q_1') or q_1, not a {type(question).__name__}"
    )


def _who(question: ProblemView) -> str:
    return f"{question.name} of {question.exercise}"


# ---- hypothesis strategies --------------------------------------------------------------------------------


def images(
    *,
    min_side: int = 1,
    max_side: int = 32,
    channels: int | None = 1,
    batch: bool = True,
    dtype: Any = np.float32,
) -> Any:
    """A hypothesis strategy for images with values in [0, 1], as `visiontools.read_image` gives them.

    Shape (1, H, W, C) with `batch`, (H, W, C) without, and no channel axis with `channels=None`;
    H and W are drawn between `min_side` and `max_side`. NaN and infinity never occur."""
    return _arrays(min_side, max_side, channels, batch, dtype, 0.0, 1.0, "images")


def feature_maps(
    *,
    min_side: int = 1,
    max_side: int = 32,
    channels: int | None = 1,
    batch: bool = True,
    non_negative: bool = False,
    max_magnitude: float = 100.0,
) -> Any:
    """A hypothesis strategy for float32 feature maps, as a convolution (or, with `non_negative`, a ReLU)
    makes them: values in [-max_magnitude, max_magnitude] ([0, max_magnitude] if non_negative).

    Shapes are as for `images`. NaN, infinity and subnormal numbers (which TensorFlow's CPU kernels may
    flush to zero) never occur; ties and exact zeros are common, as in real feature maps."""
    if not (isinstance(max_magnitude, (int, float)) and 0 < max_magnitude < 3e38):
        raise ValueError(f"feature_maps: max_magnitude must be a positive float32 number, got {max_magnitude!r}")
    low = 0.0 if non_negative else -float(max_magnitude)
    return _arrays(min_side, max_side, channels, batch, np.float32, low, float(max_magnitude), "feature_maps")


def _arrays(
    min_side: int, max_side: int, channels: int | None, batch: bool, dtype: Any, low: float, high: float, who: str
) -> Any:
    for name, value in (("min_side", min_side), ("max_side", max_side)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{who}: {name} must be a whole number of at least 1, got {value!r}")
    if max_side < min_side:
        raise ValueError(f"{who}: max_side ({max_side}) is smaller than min_side ({min_side})")
    if channels is not None and (isinstance(channels, bool) or not isinstance(channels, int) or channels < 1):
        raise ValueError(f"{who}: channels must be a whole number of at least 1, or None for no channel axis, "
                         f"got {channels!r}")
    np_dtype = np.dtype(dtype)
    if np_dtype.kind != "f":
        raise ValueError(f"{who}: dtype must be a floating-point type such as np.float32, got {np_dtype}")
    try:
        from hypothesis import strategies as st
        from hypothesis.extra import numpy as hnp
    except ImportError:
        raise ImportError(f"learntools_cv.authoring.testing.{who} needs hypothesis: pip install hypothesis") from None
    width = np_dtype.itemsize * 8
    low, high = _inward(low, np_dtype, up=True), _inward(high, np_dtype, up=False)
    elements = st.floats(
        min_value=low, max_value=high, width=width, allow_nan=False, allow_infinity=False, allow_subnormal=False
    )
    # Repeated values (ties for max pooling) and zeros (a ReLU's output) are where checkers go wrong.
    elements = st.one_of(st.sampled_from([low, 0.0, high] if low < 0 else [0.0, high]), elements)

    def shape(hw: tuple[int, int]) -> tuple[int, ...]:
        return (*((1,) if batch else ()), *hw, *((channels,) if channels is not None else ()))

    sides = st.tuples(st.integers(min_side, max_side), st.integers(min_side, max_side))
    return sides.flatmap(lambda hw: hnp.arrays(np_dtype, shape(hw), elements=elements))


def _inward(value: float, dtype: np.dtype, up: bool) -> float:
    """`value` as the nearest number of `dtype` that lies inside the range (rounded towards its middle)."""
    rounded = dtype.type(value)
    if up and float(rounded) < value:
        rounded = np.nextafter(rounded, dtype.type(np.inf))
    if not up and float(rounded) > value:
        rounded = np.nextafter(rounded, dtype.type(-np.inf))
    return float(rounded)
