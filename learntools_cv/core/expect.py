"""`expect_equal`: the ready-made check that a learner's variable holds an expected value.

Used by questions in both models: a `Question.check` calls it directly, and learntools'
`EqualityCheckProblem` is built on it.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from learntools_cv.core import compare
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import a_type, code, short_repr
from learntools_cv.core.values import inspect_array, load_array

__all__ = ["expect_equal", "kind_of"]


def expect_equal(
    var: str,
    actual: Any,
    expected: Any,
    *,
    message: str | Callable[[], str] | None = None,
    mistake: str | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> None:
    """Raise Incorrect unless the learner's value `actual` of the variable `var` equals `expected`.

    Arrays and floats compare within the tolerance (`rtol`, `atol`); a value of the wrong kind is named as
    such. `message` (text, or a function that makes it) replaces the default wording of a wrong value, and
    `mistake` is the id it carries. Never uses the learner value's own `==`."""
    if isinstance(expected, np.ndarray):
        _expect_array_equal(var, actual, expected, rtol, atol)
        return
    if isinstance(expected, numbers.Real) and not isinstance(expected, bool):
        if isinstance(actual, bool) or not isinstance(actual, (numbers.Real, np.number)):
            shown = "" if actual is None else f" ({code(short_repr(actual))})"
            raise Incorrect(f"Expected {code(var)} to be a number, but it is {kind_of(actual)}{shown}.",
                            mistake="not-a-number")
    try:
        plain = compare.to_plain(actual)
    except compare.NotComparable:
        raise Incorrect(f"Expected {code(var)} to be {kind_of(expected)}, but it is {kind_of(actual)}.",
                        mistake="wrong-type") from None
    if not compare.plain_equal(plain, expected, rtol, atol):
        text = message() if callable(message) else message
        raise Incorrect(text or f"Incorrect value for {code(var)}: {code(short_repr(actual))}.", mistake=mistake)


def kind_of(value: Any) -> str:
    """'a string', 'a numpy array', 'a `Foo` object': what a learner's value is, in words."""
    names = {
        type(None): "`None`",
        bool: "a boolean",
        int: "a whole number",
        float: "a number",
        str: "a string",
        bytes: "a bytes object",
        list: "a list",
        tuple: "a tuple",
        dict: "a dict",
        set: "a set",
    }
    if type(value) in names:
        return names[type(value)]
    if isinstance(value, np.ndarray):
        return "a numpy array"
    if isinstance(value, type):
        return f"the class {code(value.__name__)}"
    return a_type(type(value).__name__)


def _expect_array_equal(var: str, actual: Any, expected: np.ndarray, rtol: float, atol: float) -> None:
    info = inspect_array(actual, var)
    if info.shape != expected.shape:
        raise Incorrect(
            f"{code(var)} has shape {code(str(info.shape))}, but it should have shape "
            f"{code(str(tuple(expected.shape)))}."
        )
    array = load_array(info, var)
    diff = compare.mismatch(array, expected, compare.Tolerance(rtol, atol))
    if diff is not None:
        raise Incorrect(f"{code(var)} has the right shape, but its values are off. {diff.describe()}")
