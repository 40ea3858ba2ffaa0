"""The learntools authoring model, as a layer on `learntools_cv.core.question`.

Kaggle's learntools declares questions with class attributes read by position: `_var`/`_vars` name the
learner's variables, `check(self, *values)` receives them in that order, and `_expected`,
`_default_values`, `_test_cases`, `_hint(s)`, `_solution`, `_bonus`, `_counts_for_points`,
`_correct_message`/`_congrats`, `_failure_message` and `show_solution_on_correct` configure the rest. A module
written that way ports by changing its `learntools.core` imports to `learntools_cv.core`.

Everything here maps those names onto the one question model: the variables a check reads are
`_vars + _setup_vars + _optional_vars` (the last two are learntools_cv's additions), passed by position.
Validation is lazy, as in learntools: a class that leaves an attribute unset still imports and binds, and
the author's mistake is reported when the question is checked.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from learntools_cv.core import asserts, compare
from learntools_cv.core.exceptions import (
    AuthoringError,
    Incorrect,
    NotAttempted,
    UserlandExceptionIncorrect,
)
from learntools_cv.core.expect import kind_of
from learntools_cv.core.question import (
    FunctionQuestion,
    Mistake,
    Parameter,
    Question,
    function_name,
    has_empty_body,
)
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout
from learntools_cv.core.utils import format_args
from learntools_cv.core.values import keras_kind

__all__ = [
    "CodingProblem",
    "EqualityCheckProblem",
    "FunctionProblem",
    "Problem",
    "ThoughtExperiment",
    "injected",
]


def _one_or_many(obj: object, name: str) -> list[Any]:
    """Read `_name` or `_names` (never both) as a list."""
    single = getattr(obj, name, None)
    many = getattr(obj, name + "s", None)
    if single is not None and many is not None:
        raise AuthoringError(
            f"{type(obj).__name__} sets both {name} and {name}s. Keep one: {name} for a single value, "
            f"{name}s for a list."
        )
    if single is not None:
        return [single]
    return list(many) if many is not None else []


class Problem(Question):
    """Base of every learntools-style question."""

    _hint: str | None = None
    _hints: Sequence[str] | None = None
    _solution: Any = ""
    _counts_for_points = True
    _bonus = False
    _correct_message = ""
    _congrats = ""
    _solution_gives_credit = False
    _mistakes: Sequence[Mistake] = ()
    show_solution_on_correct: ClassVar[bool | None] = None

    @property
    def hint_list(self) -> list[str]:
        return _one_or_many(self, "_hint")

    @property
    def solution_value(self) -> Any:
        return self._solution

    @property
    def congrats_text(self) -> str:
        """learntools' `_correct_message`: the words after Correct (a class attribute, or a property)."""
        return str(self._correct_message or "")

    def correct_label(self) -> str:
        """learntools' `_congrats`: words shown instead of the label Correct."""
        congrats = self._congrats
        return congrats.strip() if isinstance(congrats, str) else ""

    def correct_body(self) -> str:
        # learntools shows a question with `_congrats` as "<congrats>: <_correct_message>": the author's
        # message alone (intro_to_programming ex1 sets `_correct_message = ""` beside a text solution to show
        # no solution), else learntools' default message, the solution as `show_solution_on_correct` says.
        if self.correct_label() and _set_by_author(type(self), "_correct_message"):
            return self.congrats_text.strip()
        return super().correct_body()

    @property
    def _view(self) -> Any:
        """The bound question being checked (learntools' `self._view`), while a check or an `@injected`
        method runs: `self._view.interactions`, `self._view.solution()`."""
        from learntools_cv.core.view import current_view

        view = current_view()
        if view is None:
            raise AuthoringError(
                f"{self.name} uses self._view outside a check: it is only there while the question is being "
                "checked, or while one of its @injected methods runs."
            )
        return view

    @property
    def declared_mistakes(self) -> list[Mistake]:
        return list(self._mistakes)

    @property
    def gives_points(self) -> bool:
        return bool(self._counts_for_points)

    @property
    def bonus(self) -> bool:  # type: ignore[override]
        return bool(self._bonus)

    @property
    def points(self) -> float:  # type: ignore[override]
        return 1.0 if self._counts_for_points else 0.0

    @property
    def solution_gives_credit(self) -> bool:  # type: ignore[override]
        return bool(self._solution_gives_credit)

    @property
    def questionId(self) -> str:  # noqa: N802 (learntools' name)
        return self.name

    # learntools' names for the variables a check reads
    @property
    def injectable_vars(self) -> list[str]:
        return []

    @property
    def setup_vars(self) -> list[str]:
        return list(getattr(self, "_setup_vars", None) or [])

    @property
    def optional_vars(self) -> list[str]:
        return list(getattr(self, "_optional_vars", None) or [])

    def parameters(self) -> list[Parameter]:
        required = [Parameter(n, True) for n in (*self.injectable_vars, *self.setup_vars)]
        return required + [Parameter(n, False) for n in self.optional_vars]

    @property
    def answer_names(self) -> list[str]:
        return self.injectable_vars

    def validate(self) -> None:
        for i, hint in enumerate(self.hint_list, 1):
            if not isinstance(hint, str):
                raise AuthoringError(f"{self.name}: hint {i} must be a string (markdown).")
        _ = self.injectable_vars  # raises if both _var and _vars are set

    def judge(self, values: Mapping[str, Any]) -> None:
        # learntools passes the variables by position to both methods: check_whether_attempted(*values),
        # then check(*values); modules override and call them that way (embeddings ex1, ex2).
        args = [values.get(name) for name in self.parameter_names]
        self.check_whether_attempted(*args)
        self.check(*args)

    def call_check(self, values: Mapping[str, Any]) -> None:
        self.check(*[values.get(name) for name in self.parameter_names])

    def check_whether_attempted(self, *args: Any) -> None:
        pass

    def check(self, *args: Any) -> None:
        raise AuthoringError(f"{self.name} has no check method: write `def check(self, ...):`.")


class ThoughtExperiment(Problem):
    """A question answered in the learner's head. As in learntools, checking it says Correct and shows the
    solution (the discussion to compare with); it gives no points. learntools_cv's own `ThoughtQuestion`
    says "Nothing to check" instead."""

    _counts_for_points = False
    _solution_gives_credit = True
    show_solution_on_correct: ClassVar[bool | None] = True

    @property
    def checks_anything(self) -> bool:
        return False

    def parameters(self) -> list[Parameter]:
        return []

    def check(self, *args: Any) -> None:
        pass


def injected(method: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a question method that receives the learner's variables (as `check` does), followed by any
    arguments the caller passes. Learners call it through the question, e.g. `q_5.explain()`."""

    @functools.wraps(method)
    def wrapped(self: Problem, *args: Any, **kwargs: Any) -> Any:
        raise AuthoringError(
            f"{type(self).__name__}.{method.__name__} reads notebook variables, so call it through the "
            "bound question (for example q_1." + method.__name__ + "()), not on a bare problem object."
        )

    wrapped.__learntools_injected__ = method  # type: ignore[attr-defined]
    return wrapped


class CodingProblem(Problem):
    """A question whose answer is in notebook variables; subclasses implement `check(self, *values)`."""

    _var: str | None = None
    _vars: Sequence[str] | None = None

    @property
    def injectable_vars(self) -> list[str]:
        return _one_or_many(self, "_var")

    def check_whether_attempted(self, *args: Any) -> None:
        defaults = getattr(self, "_default_values", None)
        names = self.injectable_vars
        if defaults is None or not names:
            return
        if len(defaults) != len(names):
            raise AuthoringError(
                f"{self.name}: _default_values has {len(defaults)} values for {len(names)} variables in "
                "_var/_vars. Give one starter value per variable."
            )
        for value, default in zip(args, defaults):
            try:
                plain = compare.to_plain(value)
            except compare.NotComparable:
                return
            if not compare.plain_equal(plain, default, bools_are_numbers=True):  # learntools: `!=`
                return
        listed = ", ".join(code(v) for v in names)
        raise NotAttempted(f"You still need to update the code that sets {listed}.")


class EqualityCheckProblem(CodingProblem):
    """Right when each variable equals its expected value. Floats and numpy arrays compare within a tolerance.

    `_expected` holds one value per variable; with a single variable it may be the value itself. A subclass
    that writes its own `check` needs no `_expected`."""

    _expected: Any = None
    _failure_message = ""
    rtol = 1e-6
    atol = 1e-9

    @property
    def expected(self) -> list[Any]:
        ex = self._expected
        if len(self.injectable_vars) == 1:
            # learntools: a one-item list (or tuple) holds the value itself.
            return list(ex) if isinstance(ex, (list, tuple)) and len(ex) == 1 else [ex]
        if not isinstance(ex, (list, tuple)) or len(ex) != len(self.injectable_vars):
            raise AuthoringError(
                f"{self.name}: _expected must be a list with one value per variable in _vars "
                f"({len(self.injectable_vars)})."
            )
        return list(ex)

    def check(self, *args: Any) -> None:
        if not self.injectable_vars:
            raise AuthoringError(f"{self.name}: set _var (or _vars) to the variable(s) to check.")
        for var, actual, expected in zip(self.injectable_vars, args, self.expected):
            self.assert_equal(var, actual, expected)

    def failure_message(self, var: str, actual: Any, expected: Any) -> str:
        """`_failure_message`: a string, or (as in learntools) a method of (name, actual, expected), where
        name is the variable's name in backticks."""
        return asserts.failure_message(self._failure_message, code(var), actual, expected)

    def assert_equal(self, var: str, actual: Any, expected: Any) -> None:
        # asserts.assert_equal is expect_equal, plus pandas values (learntools' pandas track).
        asserts.assert_equal(actual, expected, var=var, rtol=self.rtol, atol=self.atol,
                             failure_factory=lambda _name, a, e: self.failure_message(var, a, e))


def _set_by_author(cls: type, attr: str) -> bool:
    """True if a class outside learntools_cv's own modules sets `attr` (the author's, not our default)."""
    for klass in cls.__mro__:
        if attr in klass.__dict__:
            return not klass.__module__.startswith("learntools_cv.core")
    return False


class _AlsoOnTheClass:
    """A method that also works called on the class with the learner's values alone, as learntools modules
    call `FunctionProblem.check_whether_attempted(fn)` (a classmethod there); `self` is then None."""

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        functools.update_wrapper(self, method)  # type: ignore[arg-type]

    def __get__(self, obj: Any, cls: type | None = None) -> Callable[..., Any]:
        return functools.partial(self.method, obj)


class FunctionProblem(CodingProblem, FunctionQuestion):
    """The learner writes a function (`_var` names it); it is called on `_test_cases`, a list of
    `(args, expected)` pairs where `args` is a tuple of arguments or a single argument."""

    _test_cases: Sequence[tuple[Any, Any]] = []
    _timeout = 5.0
    """Seconds one call of the learner's function may take."""

    @_AlsoOnTheClass
    def check_whether_attempted(self, fn: Any = None, *rest: Any) -> None:
        """Not attempted while the function's body is empty. A Keras layer or model is named as such here,
        so that no check ever calls one (calling it would build it, changing the learner's object)."""
        if callable(fn) and has_empty_body(fn):
            raise NotAttempted(f"The body of {code(function_name(fn))} is still empty.")
        if self is None:  # called on the class, as learntools modules do
            return
        CodingProblem.check_whether_attempted(self, fn, *rest)
        if len(self.injectable_vars) != 1:
            raise AuthoringError(f"{self.name}: set _var to the name of the learner's function.")
        kind = keras_kind(fn)
        if kind is not None:
            var = self.injectable_vars[0]
            raise Incorrect(
                f"{code(var)} is a Keras {code(type(fn).__name__)} {kind}, not a function. Write a function "
                f"with `def {var}(...):`, as the question asks.",
                mistake="keras-object",
            )

    def require_function(self, fn: Any) -> None:
        """Raise Incorrect unless `fn` is something to call (and not a class)."""
        if not callable(fn) or isinstance(fn, type):
            raise Incorrect(f"{code(self.injectable_vars[0])} should be a function, but it is {kind_of(fn)}.")

    def check(self, fn: Any, *rest: Any) -> None:
        self.require_function(fn)
        if not self._test_cases:
            raise AuthoringError(f"{self.name} has no _test_cases: add (args, expected) pairs.")
        for args, expected in self._test_cases:
            args = args if isinstance(args, tuple) else (args,)
            shown = _copies(args)
            try:
                actual = call_with_timeout(fn, _copies(args), self._timeout)
            except CallTimedOut:
                raise Incorrect(
                    f"Your function did not return within {self._timeout:g} seconds when called with "
                    f"{format_args(fn, shown)}. Is there a loop that never ends?"
                ) from None
            except (Exception, SystemExit) as exc:  # a learner's exit() is their function's doing
                raise UserlandExceptionIncorrect(exc, shown, fn) from None
            self.compare_result(fn, shown, actual, expected)

    def compare_result(self, fn: Any, args: Sequence[Any], actual: Any, expected: Any) -> None:
        """Raise Incorrect if `actual` is not `expected` for these arguments."""
        given = format_args(fn, args)
        if actual is None and expected is not None:
            raise Incorrect(
                f"Your function returned `None` when called with {given}. Did you forget a `return` statement?"
            )
        try:
            plain = compare.to_plain(actual)
            same = compare.plain_equal(plain, expected, bools_are_numbers=True)  # learntools: `==`
        except compare.NotComparable:
            same = False
        if not same:
            raise Incorrect(
                f"Called with {given}, your function returned {code(short_repr(actual))}, but the expected "
                f"result is {code(short_repr(expected))}."
            )


def _copies(args: Sequence[Any]) -> list[Any]:
    out = []
    for arg in args:
        try:
            out.append(copy.deepcopy(arg))
        except Exception:
            out.append(arg)
    return out
