"""Question classes. A course author subclasses one of these and sets class attributes.

The attribute names are learntools': `_var`/`_vars`, `_expected`, `_default_values`, `_hint`/`_hints`,
`_solution`, `_test_cases`, `_bonus`, `_counts_for_points`, `show_solution_on_correct`, `_correct_message`,
`_failure_message`. Two are ours: `_setup_vars` (notebook variables the checker reads but the learner does
not write, such as `image_detect`), `_optional_vars` (ones it uses only when they exist) and `_solution_gives_credit` (viewing the solution completes the question).

A checker (`check`) returns normally for a right answer and raises `Incorrect`, `NotAttempted` or
`Uncheckable` otherwise (see `learntools_cv.core.exceptions`).
"""

from __future__ import annotations

import ast
import copy
import functools
import inspect
import textwrap
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence


from learntools_cv.core import asserts, compare
from learntools_cv.core.asserts import kind as _kind
from learntools_cv.core.exceptions import (
    AuthoringError,
    Incorrect,
    NotAttempted,
    Uncheckable,
    UserlandExceptionIncorrect,
)
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout
from learntools_cv.core.utils import format_args
from learntools_cv.core.values import keras_kind

if TYPE_CHECKING:
    from learntools_cv.core.problem_view import ProblemView


@dataclass(frozen=True)
class Mistake:
    """A wrong answer an author expects learners to give, declared on a question as `_mistakes`.

    The self-check (`learntools-cv check-questions`) runs `code` after the exercise's setup code and asserts
    that the check says Incorrect with a message containing `says`.
    """

    code: str
    """Learner code that makes the mistake, e.g. "image_condense = tf.nn.pool(..., pooling_type='AVG')"."""
    says: str
    """Words the feedback must contain, e.g. 'It looks like you used average pooling'."""


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


class Problem(ABC):
    """Base of every question."""

    _hint: str | None = None
    _hints: Sequence[str] | None = None
    _solution: Any = ""
    _counts_for_points = True
    _bonus = False
    _correct_message = ""
    _solution_gives_credit = False
    _mistakes: Sequence[Mistake] = ()
    # True: show the solution after Correct; False: don't; None: only when the solution is plain text.
    show_solution_on_correct: bool | None = None

    def __init__(self) -> None:
        self._view: ProblemView | None = None

    def _attach(self, view: ProblemView) -> None:
        """Called once by the ProblemView that shows this problem; `injected` methods use it."""
        self._view = view

    @property
    def hints(self) -> list[str]:
        return _one_or_many(self, "_hint")

    @property
    def solution(self) -> Any:
        return self._solution

    @property
    def injectable_vars(self) -> list[str]:
        """The learner's variables that `check` receives, in order."""
        return []

    @property
    def setup_vars(self) -> list[str]:
        """Notebook variables the checker reads after the learner's (set up by the notebook, not the learner)."""
        return list(getattr(self, "_setup_vars", None) or [])

    @property
    def optional_vars(self) -> list[str]:
        """Notebook variables the checker may use when they exist (None is passed when they don't)."""
        return list(getattr(self, "_optional_vars", None) or [])

    @property
    def questionId(self) -> str:  # noqa: N802 (learntools' name)
        return type(self).__name__

    def validate(self) -> None:
        """Raise AuthoringError naming the fix if the class attributes are inconsistent."""
        hints = self.hints
        for i, hint in enumerate(hints, 1):
            if not isinstance(hint, str):
                raise AuthoringError(f"{type(self).__name__}: hint {i} must be a string (markdown).")
        self.injectable_vars  # raises if both _var and _vars are set

    @abstractmethod
    def check(self, *args: Any) -> None:
        """Return normally if the answer is right; otherwise raise Incorrect, NotAttempted or Uncheckable."""

    def check_whether_attempted(self, *args: Any) -> None:
        """Raise NotAttempted if the starter code seems unchanged."""


class ThoughtExperiment(Problem):
    """A question answered in the learner's head or in words. Nothing to check; the solution discusses it."""

    _counts_for_points = False
    _solution_gives_credit = True

    def check(self, *args: Any) -> None:
        raise Uncheckable()


def injected(method: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a Problem method so that it receives the learner's variables (as `check` does), followed
    by any arguments the caller passes. Call it through the question, e.g. `q_5.explain()`."""

    @functools.wraps(method)
    def wrapped(self: Problem, *args: Any, **kwargs: Any) -> Any:
        if self._view is None:
            raise AuthoringError(
                f"{type(self).__name__}.{method.__name__} reads notebook variables, so call it through the "
                "bound question (for example q_1." + method.__name__ + "()), not on a bare problem object."
            )
        try:
            return method(self, *self._view.injected_args(), *args, **kwargs)
        except (NotAttempted, Incorrect, AssertionError) as exc:
            # A missing variable, or an author's check of the learner's value inside the method: a worded
            # answer, as `check()` would give, instead of a traceback.
            self._view.show_exception(exc)
            return None

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
        if defaults is None or not args:
            return
        for value, default in zip(args, defaults):
            try:
                plain = compare.to_plain(value)
            except compare.NotComparable:
                return
            if not compare.plain_equal(plain, default):
                return
        names = ", ".join(code(v) for v in self.injectable_vars)
        raise NotAttempted(f"You still need to update the code that sets {names}.")


class EqualityCheckProblem(CodingProblem):
    """Right when each variable equals its expected value. Floats and numpy arrays compare within a tolerance.

    `_expected` holds one value per variable; with a single variable it may be the value itself.
    """

    _expected: Any = None
    _failure_message = ""
    rtol = 1e-6
    atol = 1e-9

    @property
    def expected(self) -> list[Any]:
        ex = self._expected
        if len(self.injectable_vars) == 1:
            return ex if isinstance(ex, list) and len(ex) == 1 else [ex]
        if not isinstance(ex, (list, tuple)) or len(ex) != len(self.injectable_vars):
            raise AuthoringError(
                f"{type(self).__name__}: _expected must be a list with one value per variable in _vars "
                f"({len(self.injectable_vars)})."
            )
        return list(ex)

    def validate(self) -> None:
        super().validate()
        # Only the default check reads _vars and _expected; a class with its own check (learntools' python
        # ex3 WeatherDebug) may leave _expected unset, as learntools allows.
        if type(self).check is not EqualityCheckProblem.check:
            return
        if not self.injectable_vars:
            raise AuthoringError(f"{type(self).__name__}: set _var (or _vars) to the variable(s) to check.")
        self.expected

    def check(self, *args: Any) -> None:
        for var, actual, expected in zip(self.injectable_vars, args, self.expected):
            self.assert_equal(var, actual, expected)

    def failure_message(self, var: str, actual: Any, expected: Any) -> str:
        """`_failure_message`: a string, or (as in learntools) a method of (name, actual, expected)."""
        return asserts.failure_message(self._failure_message, code(var), actual, expected)

    def assert_equal(self, var: str, actual: Any, expected: Any) -> None:
        asserts.assert_equal(
            actual, expected, code(var), self._failure_message, rtol=self.rtol, atol=self.atol
        )


class _also_on_the_class:  # noqa: N801 (used as a decorator)
    """A method that also works called on the class with the learner's value alone, as learntools modules
    call `FunctionProblem.check_whether_attempted(fn)`; then `self` is None."""

    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        functools.update_wrapper(self, method)  # type: ignore[arg-type]

    def __get__(self, obj: Any, cls: type | None = None) -> Callable[..., Any]:
        return functools.partial(self.method, obj)


class FunctionProblem(CodingProblem):
    """The learner writes a function (`_var` names it); it is called on `_test_cases`, a list of
    `(args, expected)` pairs where `args` is a tuple of arguments or a single argument."""

    _test_cases: Sequence[tuple[Any, Any]] = []
    _timeout = 5.0
    """Seconds one call of the learner's function may take."""

    def validate(self) -> None:
        super().validate()
        if len(self.injectable_vars) != 1:
            raise AuthoringError(f"{type(self).__name__}: set _var to the name of the learner's function.")

    @_also_on_the_class
    def check_whether_attempted(self, fn: Any, *rest: Any) -> None:
        """Raise NotAttempted for an empty function body, and Incorrect for a Keras layer or model (here, so
        that no subclass's `check` ever calls one: calling it would build it, changing the learner's object)."""
        if callable(fn) and _has_empty_body(fn):
            raise NotAttempted(f"The body of {code(_fn_name(fn))} is still empty.")
        if self is None:  # called on the class, as learntools modules do: only the empty-body test applies
            return
        kind = keras_kind(fn)
        if kind is not None:
            var = self.injectable_vars[0]
            raise Incorrect(
                f"{code(var)} is a Keras {code(type(fn).__name__)} {kind}, not a function. Write a function "
                f"with `def {var}(...):`, as the question asks."
            )

    def require_function(self, fn: Any) -> None:
        """Raise Incorrect unless `fn` is something to call (and not a class)."""
        if not callable(fn) or isinstance(fn, type):
            raise Incorrect(f"{code(self.injectable_vars[0])} should be a function, but it is {_kind(fn)}.")

    def check(self, fn: Any, *rest: Any) -> None:
        self.require_function(fn)
        if not self._test_cases:
            raise AuthoringError(f"{type(self).__name__} has no _test_cases: add (args, expected) pairs.")
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
            same = compare.plain_equal(plain, expected)
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


def _fn_name(fn: Any) -> str:
    name = getattr(fn, "__name__", None)
    return name if isinstance(name, str) else "your function"


def _has_empty_body(fn: Any) -> bool:
    """True if the function's body is only a docstring, `pass`, `...`, `____` or `return ____`/`return`."""
    try:
        source = textwrap.dedent(inspect.getsource(fn))
        tree = ast.parse(source)
    except Exception:  # no source (a builtin, a lambda typed at a prompt) or a callable whose attributes lie
        return _bytecode_is_empty(fn)
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not funcs:
        return False
    body = list(funcs[0].body)
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        if isinstance(body[0].value.value, str):
            body = body[1:]
    return all(_is_stub_statement(stmt) for stmt in body)


def _is_stub_statement(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Return)) else False
    if value is None:  # bare `return`
        return True
    if isinstance(value, ast.Constant) and (value.value is Ellipsis or value.value is None):
        return True
    return isinstance(value, ast.Name) and value.id == "____"


def _bytecode_is_empty(fn: Any) -> bool:
    def empty() -> None:
        pass

    try:
        fn_code = getattr(fn, "__code__", None)
    except Exception:  # a callable object whose attributes raise
        return False
    if type(fn_code) is not type(empty.__code__):
        return False
    return fn_code.co_code == empty.__code__.co_code and fn_code.co_names == ()

