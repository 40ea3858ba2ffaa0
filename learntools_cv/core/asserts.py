"""Assertion helpers for checkers: the `assert_*` functions of learntools, so that a checker ported from
learntools (`from learntools_cv.core.asserts import assert_equal`, or the star import) keeps working.

Each helper returns quietly when the value is right and otherwise raises `Incorrect` with a message for the
learner. `name` is markdown that names the value ("`kernel`", "the result of calling `area`"); `var="kernel"`
is short for `name="`kernel`"`. Learner values are converted to plain data before comparing; their own `==`
is never called. pandas is imported only when a value is a pandas object.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, Union

from learntools_cv.core import compare
from learntools_cv.core.exceptions import AuthoringError, Incorrect
from learntools_cv.core.expect import expect_equal
from learntools_cv.core.expect import kind_of as kind
from learntools_cv.core.text import code, short_repr

__all__ = [
    "assert_df_equals",
    "assert_equal",
    "assert_file_exists",
    "assert_has_columns",
    "assert_is_one_of",
    "assert_isinstance",
    "assert_len",
    "assert_series_equals",
]

FailureMessage = Union[str, Callable[[str, Any, Any], str], None]
"""A fixed message, or learntools' form: a function of (name, actual, expected) that returns one."""

RTOL = 1e-6
ATOL = 1e-9


def _named(helper: str, name: str | None, var: str | None, default: str) -> str:
    if name is not None and var is not None:
        raise AuthoringError(f"{helper}: pass name= or var=, not both.")
    if var is not None:
        return code(str(var))
    return default if name is None else str(name)


def assert_equal(
    actual: Any,
    expected: Any,
    name: str | None = None,
    failure_factory: FailureMessage = None,
    *,
    var: str | None = None,
    rtol: float = RTOL,
    atol: float = ATOL,
) -> None:
    """`actual` must equal `expected`: numbers and arrays within a tolerance, pandas objects value by value,
    anything else as plain data (this is `expect_equal`, plus pandas). A boolean equals the number it stands
    for (True and 1), as with learntools' `==`. `failure_factory` gives the message for a plain wrong value."""
    name = _named("assert_equal", name, var, "the value")
    if _is_pandas(expected, "DataFrame"):
        assert_df_equals(actual, expected, name)
        return
    if _is_pandas(expected, "Series"):
        assert_series_equals(actual, expected, name)
        return
    bare = _bare(name)
    stand_in = "\x00value\x00"  # expect_equal words a variable's name; a phrase takes its place afterwards
    try:
        expect_equal(bare if bare is not None else stand_in, actual, expected, rtol=rtol, atol=atol,
                     message=lambda: failure_message(failure_factory, name, actual, expected))
    except Incorrect as exc:
        if _equal_as_python(actual, expected, rtol, atol):
            return
        if bare is not None:
            raise
        text = str(exc).replace(code(stand_in), name)
        raise Incorrect(_capital(text), mistake=exc.mistake, figure=exc.figure) from None


def _equal_as_python(actual: Any, expected: Any, rtol: float, atol: float) -> bool:
    """Equal once booleans count as numbers (`1 == True`), as learntools' `==` has it; still never the
    learner value's own `==`."""
    try:
        plain = compare.to_plain(actual)
    except compare.NotComparable:
        return False
    return compare.plain_equal(plain, expected, rtol, atol, bools_are_numbers=True)


def _bare(name: str) -> str | None:
    """The variable's name when `name` is just a name in backticks ('`kernel`'), else None."""
    inner = name[1:-1] if len(name) > 2 and name[0] == name[-1] == "`" else ""
    return inner if inner.isidentifier() else None


def failure_message(failure: FailureMessage, name: str, actual: Any, expected: Any) -> str:
    """The message for a wrong value: the author's (a string, or a function as in learntools), else ours."""
    if callable(failure):
        return str(failure(name, actual, expected))
    if failure:
        return str(failure)
    return f"Incorrect value for {name}: {code(short_repr(actual))}."


def assert_isinstance(cls: type | tuple[type, ...], actual: Any, name: str | None = None, *,
                      var: str | None = None) -> None:
    """`actual` must be an instance of `cls` (judged by its real type, not by what it claims)."""
    name = _named("assert_isinstance", name, var, "the value")
    classes = cls if isinstance(cls, tuple) else (cls,)
    if not issubclass(type(actual), classes):  # type(), not isinstance: `__class__` can lie
        wanted = " or ".join(code(c.__name__) for c in classes)
        raise Incorrect(f"Expected {name} to be of type {wanted}, but it is {kind(actual)}.")


def assert_is_one_of(actual: Any, options: Sequence[Any], name: str | None = None, *,
                     var: str | None = None) -> None:
    """`actual` must equal one of `options`."""
    name = _named("assert_is_one_of", name, var, "the value")
    try:
        plain = compare.to_plain(actual)
    except compare.NotComparable:
        raise Incorrect(f"Incorrect value for {name}: it is {kind(actual)}.") from None
    if not any(compare.plain_equal(plain, option, bools_are_numbers=True) for option in options):  # `in`
        raise Incorrect(f"Incorrect value for {name}: {code(short_repr(actual))}.")


def assert_len(thing: Any, expected_len: int, name: str | None = None, *, var: str | None = None) -> None:
    """`thing` must have `expected_len` items."""
    name = _named("assert_len", name, var, "the value")
    try:
        actual = len(thing)
    except Exception:  # no __len__, or one that raises
        raise Incorrect(f"Expected {name} to have {expected_len} items, but it is {kind(thing)}, "
                        "which has no length.") from None
    if type(actual) is not int or actual != expected_len:
        raise Incorrect(f"Expected {name} to have length {expected_len}, but its length is {actual}.")


def assert_file_exists(path: str) -> None:
    """There must be a file at `path`."""
    where = "at" if os.sep in path or "/" in path else "named"
    if not os.path.exists(path):
        raise Incorrect(f"Expected a file {where} {code(path)}, but there is none.")
    if not os.path.isfile(path):
        raise Incorrect(f"{code(path)} exists, but it is a folder, not a file.")


def assert_has_columns(df: Any, cols: Sequence[str], name: str | None = None, strict: bool = False, *,
                       var: str | None = None) -> None:
    """`df` must have the columns `cols` (and, with `strict`, no others)."""
    name = _named("assert_has_columns", name, var, "the DataFrame")
    if not _is_pandas(df, "DataFrame"):
        raise Incorrect(f"Expected {name} to be a pandas DataFrame, but it is {kind(df)}.")
    have = [str(c) for c in df.columns]
    for col in cols:
        if str(col) not in have:
            raise Incorrect(f"Expected {name} to have a column {code(str(col))}.")
    if strict:
        wanted = {str(c) for c in cols}
        for col in have:
            if col not in wanted:
                raise Incorrect(f"{_capital(name)} has a column it should not have: {code(col)}.")


def assert_df_equals(actual: Any, expected: Any, name: str | None = None, *, var: str | None = None) -> None:
    """`actual` must be a DataFrame with the rows, columns and values of `expected` (values within a tolerance)."""
    name = _named("assert_df_equals", name, var, "the DataFrame")
    if not _is_pandas(actual, "DataFrame"):
        raise Incorrect(f"Expected {name} to be a pandas DataFrame, but it is {kind(actual)}.")
    _same_length(name, actual, expected)
    assert_has_columns(actual, list(expected.columns), name, strict=True)
    from pandas.testing import assert_series_equal

    for col in expected.columns:
        try:
            assert_series_equal(actual[col], expected[col], check_dtype=False, check_exact=False, rtol=RTOL,
                                check_names=False)
        except AssertionError:
            raise Incorrect(f"Column {code(str(col))} of {name} has the wrong values.") from None


def assert_series_equals(actual: Any, expected: Any, name: str | None = None, *, var: str | None = None) -> None:
    """`actual` must be a Series with the index and values of `expected` (values within a tolerance)."""
    name = _named("assert_series_equals", name, var, "the Series")
    if not _is_pandas(actual, "Series"):
        raise Incorrect(f"Expected {name} to be a pandas Series, but it is {kind(actual)}.")
    _same_length(name, actual, expected)
    from pandas.testing import assert_series_equal

    try:
        assert_series_equal(actual, expected, check_dtype=False, check_exact=False, rtol=RTOL, check_names=False)
    except AssertionError:
        raise Incorrect(f"Incorrect value for {name}.") from None


def _same_length(name: str, actual: Any, expected: Any) -> None:
    if len(actual) != len(expected):
        raise Incorrect(f"Expected {name} to have {len(expected)} rows, but it has {len(actual)}.")


def _is_pandas(value: Any, cls: str) -> bool:
    """True if `value` really is a pandas `cls` (read from its type, so pandas is imported only when it is)."""
    module = getattr(type(value), "__module__", "")
    if not isinstance(module, str) or not module.startswith("pandas"):
        return False
    import pandas

    return issubclass(type(value), getattr(pandas, cls))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].isalpha() else text
