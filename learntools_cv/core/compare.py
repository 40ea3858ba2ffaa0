"""Comparing numbers that the boundary has already converted: arrays within a tolerance, and plain Python
values (numbers, strings, lists, dicts, ...) without ever calling a learner object's own `==`.

Pure numpy; no TensorFlow, no IPython.
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from learntools_cv.core.text import plural


@dataclass(frozen=True)
class Tolerance:
    """Values match when |actual - expected| <= atol + rtol * |expected|."""

    rtol: float
    atol: float

    def describe(self) -> str:
        """'rtol=9.5e-07, atol=2.4e-06'."""
        return f"rtol={self.rtol:.2g}, atol={self.atol:.2g}"

    def allows(self, actual: float, expected: float) -> bool:
        """The rule for one pair of finite numbers, without numpy's per-call cost (a checker ruling out
        dozens of candidates by one value each)."""
        return abs(actual - expected) <= self.atol + self.rtol * abs(expected)


# ---- the tolerance policy: the one place where array tolerances are decided ----

ULPS = 8
"""How many steps of the working precision two computations of the same value may differ by."""


def tolerance_for(*dtypes: Any, scale: float = 1.0, terms: int = 1) -> Tolerance:
    """The tolerance for comparing values computed in `dtypes` (the answer's, the expected values' and the
    inputs' dtypes), whose magnitude is about `scale`. This is the whole policy:

    - precision: the least precise floating dtype among `dtypes`. Integers, booleans and float64 count as
      float32, the precision the lessons compute in; a float16 answer gets float16's precision.
    - rtol: ULPS steps of that precision. For values that are sums or means of `terms` numbers, times
      sqrt(terms): TensorFlow and numpy add in different orders, and rounding adds up like a random walk
      (measured: a mean of 40,000 float32 values differs by up to 58 steps; allowed: 1,600).
    - atol: rtol * scale, so that values near zero (where large terms cancelled) still match; and never
      less than ULPS steps of the precision's smallest subnormal (float16 holds tiny values in steps of 6e-8).
    """
    scale = max(float(scale), 1e-12) if math.isfinite(scale) else 1.0
    floats = [np.dtype(d) for d in dtypes if np.dtype(d).kind == "f"]
    eps = max((float(np.finfo(d).eps) for d in floats), default=0.0)
    eps = max(eps, float(np.finfo(np.float32).eps))
    tiny = max((float(np.finfo(d).smallest_subnormal) for d in floats), default=0.0)
    tiny = max(tiny, float(np.finfo(np.float32).smallest_subnormal))
    rtol = ULPS * eps * math.sqrt(max(int(terms), 1))
    return Tolerance(rtol=rtol, atol=max(rtol * scale, ULPS * tiny))


def magnitude(expected: np.ndarray) -> float:
    """The largest finite |value| of `expected`, 1.0 if it has none: the `scale` of `tolerance_for`.

    The dtype's extremes (the lowest finite value that TensorFlow's max pooling gives a window of only NaN)
    are left out: they are markers, not magnitudes."""
    e = np.asarray(expected)
    if e.size == 0:
        return 1.0
    if e.dtype.kind not in "fiub":
        return 1.0
    lo, hi = float(e.min()), float(e.max())
    if e.dtype.kind == "f":
        top = float(np.finfo(e.dtype).max)
        if not (math.isfinite(lo) and math.isfinite(hi)) or max(abs(lo), abs(hi)) >= top:
            ordinary = np.isfinite(e) & (np.abs(e) < top)
            lo = float(np.min(e, where=ordinary, initial=np.inf))
            hi = float(np.max(e, where=ordinary, initial=-np.inf))
            if not math.isfinite(lo):
                return 1.0
    return max(abs(lo), abs(hi)) or 1.0


def compare_arrays(
    actual: np.ndarray,
    expected: np.ndarray,
    *,
    inputs: Sequence[Any] = (),
    scale: float | None = None,
    terms: int = 1,
    first: int = 3,
) -> Mismatch | None:
    """The equality decision for arrays: None when `actual` matches `expected` (same shape) within the
    tolerance `tolerance_for` gives their dtypes and the dtypes of the `inputs` the expected values were
    computed from; otherwise how they differ, with the `first` differing positions. `scale` defaults to
    `magnitude(expected)` (pass it when many candidates are compared with one expected map); `terms` is as
    for `tolerance_for`."""
    a, e = np.asarray(actual), np.asarray(expected)
    return mismatch(a, e, _tolerance(a, e, inputs, scale, terms), first)


def arrays_match(
    actual: np.ndarray,
    expected: np.ndarray,
    *,
    inputs: Sequence[Any] = (),
    scale: float | None = None,
    terms: int = 1,
) -> bool:
    """`compare_arrays` as yes or no (different shapes never match); stops at the first difference."""
    a, e = np.asarray(actual), np.asarray(expected)
    if a.shape != e.shape:
        return False
    return mismatch(a, e, _tolerance(a, e, inputs, scale, terms), first=0, count_all=False) is None


def _tolerance(
    a: np.ndarray, e: np.ndarray, inputs: Sequence[Any], scale: float | None, terms: int
) -> Tolerance:
    dtypes = [a.dtype, e.dtype, *(np.dtype(d) for d in inputs)]
    return tolerance_for(*dtypes, scale=magnitude(e) if scale is None else scale, terms=terms)


@dataclass(frozen=True)
class Mismatch:
    """How two same-shaped arrays differ."""

    count: int
    """How many positions differ beyond the tolerance (NaN against a number counts)."""
    total: int
    """How many positions there are."""
    largest: float
    """The largest absolute difference among finite values (nan if none is finite)."""
    largest_at: tuple[int, ...]
    """Where the largest difference is."""
    first: tuple[tuple[int, ...], ...]
    """The first few differing positions, in row-major order."""
    shape: tuple[int, ...] = ()
    """The shape the positions refer to."""
    tolerance: Tolerance | None = field(default=None, compare=False)
    """The tolerance the values were compared at."""
    largest_relative: float = field(default=math.nan, compare=False)
    """The largest |actual - expected| / |expected| among finite values with a nonzero expected value."""
    largest_relative_at: tuple[int, ...] = field(default=(), compare=False)
    """Where the largest relative difference is."""

    def describe(self) -> str:
        """'12 of 39,601 values (0.03%) differ. The largest difference is 0.84, at [10, 4]. ...'"""
        verb = "differs" if self.count == 1 else "differ"
        parts = [f"{self.count:,} of {plural(self.total, 'value')} ({_share(self.count, self.total)}) {verb}."]
        if math.isfinite(self.largest):
            parts.append(f"The largest difference is {self.largest:.3g}, at {_pos(self.largest_at)}.")
        shown = ", ".join(_pos(p) for p in self.first)
        parts.append(f"The first {'one is' if len(self.first) == 1 else 'ones are'} at {shown}.")
        return " ".join(parts)

    def report(self) -> str:
        """The layers of detail, as numpy's assert_allclose gives them, one per line: what differs and at
        what tolerance, how many values, where, and the largest absolute and relative differences. For
        authors and test output; a learner reads `describe()`."""
        at = f" at {self.tolerance.describe()}" if self.tolerance is not None else ""
        lines = [
            f"Not equal{at}.",
            f"Mismatched values: {self.count:,} of {self.total:,} ({_share(self.count, self.total)}).",
        ]
        if self.first:
            lines.append("First positions: " + ", ".join(_pos(p) for p in self.first) + ".")
        if math.isfinite(self.largest):
            lines.append(f"Largest absolute difference: {self.largest:.3g} at {_pos(self.largest_at)}.")
        if math.isfinite(self.largest_relative):
            lines.append(
                f"Largest relative difference: {self.largest_relative:.3g} at {_pos(self.largest_relative_at)}."
            )
        return "\n".join(lines)

    def reshaped(self, shape: tuple[int, ...]) -> Mismatch:
        """The same mismatch with positions given in another shape of the same size (e.g. the learner's
        squeezed 2-D answer instead of the 4-D map it was compared as)."""
        old = self.shape

        def move(position: tuple[int, ...]) -> tuple[int, ...]:
            if not old:
                return position
            flat = int(np.ravel_multi_index(position, old))
            return tuple(int(i) for i in np.unravel_index(flat, shape))

        return Mismatch(
            count=self.count,
            total=self.total,
            largest=self.largest,
            largest_at=move(self.largest_at),
            first=tuple(move(p) for p in self.first),
            shape=tuple(shape),
            tolerance=self.tolerance,
            largest_relative=self.largest_relative,
            largest_relative_at=move(self.largest_relative_at) if self.largest_relative_at else (),
        )

    def trimmed(self, first: int) -> Mismatch:
        """The same mismatch showing only its first `first` positions."""
        return dataclasses.replace(self, first=self.first[:first])


def _share(count: int, total: int) -> str:
    """A percentage that never claims 100% or 0% when that is not exactly true."""
    share = 100.0 * count / total
    if count == total:
        return "100%"
    if share > 99:
        return ">99%"
    if share < 0.001:  # no scientific notation for a handful of values in millions
        return "<0.001%"
    return f"{share:.2g}%" if share < 1 else f"{share:.0f}%"


def _pos(position: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in position) + "]"


def mismatch(
    actual: np.ndarray, expected: np.ndarray, tol: Tolerance, first: int = 3, *, count_all: bool = True
) -> Mismatch | None:
    """None if the arrays (same shape) agree within `tol`, NaN matching NaN; else how they differ.

    This applies a tolerance; `compare_arrays` decides which. With `count_all=False` it stops at the first
    block that differs (the counts are then a lower bound): for a yes/no answer."""
    a, e = np.asarray(actual), np.asarray(expected)
    total = int(a.size)
    if a.shape != e.shape:
        a, e = np.broadcast_arrays(a, e)
    shape = a.shape
    a, e = a.reshape(-1), e.reshape(-1)
    # A block at a time, in the arrays' own precision (two float32 maps are compared in float32, without
    # copies; integers and float64 in float64): the temporaries stay a fraction of the arrays instead of
    # several float64 copies of them (a check then needs about its answer's size in memory, not fifteen
    # times it). A float32 difference is exact for values within a factor of two of each other, so only
    # values far apart, which differ anyway, are rounded; the figures reported are worked out in float64.
    work = np.result_type(a.dtype, e.dtype, np.float32)
    work = work if work.kind == "f" else np.dtype(np.float64)
    step = min(max(-(-a.size // 8), 1 << 12), 1 << 16)
    firsts: list[int] = []
    count, largest, largest_at = 0, -1.0, 0
    relative, relative_at = -1.0, 0
    for start in range(0, a.size, step):
        ab = a[start : start + step].astype(work, copy=False)
        eb = e[start : start + step].astype(work, copy=False)
        with np.errstate(all="ignore"):
            gap = np.subtract(ab, eb)
            np.abs(gap, out=gap)
            limit = np.abs(eb)
            limit *= tol.rtol
            limit += tol.atol
            # Only a finite expected value has a tolerance: rtol * inf would let anything match an infinity.
            close = (gap <= limit) & np.isfinite(eb)
            close |= np.isnan(ab) & np.isnan(eb)
            close |= ab == eb  # equal infinities
        if close.all():
            continue
        bad = ~close
        count += int(np.count_nonzero(bad))
        if len(firsts) < first:
            firsts.extend(start + int(i) for i in np.flatnonzero(bad)[: first - len(firsts)])
        gap[~(bad & np.isfinite(ab) & np.isfinite(eb))] = -1.0
        i = int(np.argmax(gap))
        if gap[i] >= 0 and _gap(ab, eb, i) > largest:
            largest, largest_at = _gap(ab, eb, i), start + i
        with np.errstate(all="ignore"):
            ratio = np.where((gap >= 0) & (eb != 0), gap / np.abs(eb), -1.0)
        j = int(np.argmax(ratio))
        if ratio[j] >= 0 and _gap(ab, eb, j) / abs(float(eb[j])) > relative:
            relative, relative_at = _gap(ab, eb, j) / abs(float(eb[j])), start + j
        if not count_all:
            break
    if count == 0:
        return None
    if largest < 0:  # no finite value differs: point at the first difference
        largest, largest_at = float("nan"), (firsts[0] if firsts else 0)

    def position(flat: int) -> tuple[int, ...]:
        return tuple(int(i) for i in np.unravel_index(flat, shape))

    return Mismatch(
        count=count,
        total=total,
        largest=largest,
        largest_at=position(largest_at),
        first=tuple(position(p) for p in firsts),
        shape=tuple(shape),
        tolerance=tol,
        largest_relative=relative if relative >= 0 else math.nan,
        largest_relative_at=position(relative_at) if relative >= 0 else (),
    )


def _gap(a: np.ndarray, e: np.ndarray, i: int) -> float:
    """|a[i] - e[i]| in float64, for the figures a mismatch reports."""
    return abs(float(a[i]) - float(e[i]))


# ---- plain Python values (EqualityCheckProblem, FunctionProblem) ----

_MAX_ITEMS = 100_000
_MAX_DEPTH = 100


class NotComparable(Exception):
    """A learner value that cannot be turned into plain data (its type is not a plain Python type)."""


def to_plain(value: Any, _budget: list[int] | None = None, _depth: int = 0) -> Any:
    """Turn a value into plain data (None, bool, int, float, str, bytes, tuple, list, dict, set, or a
    numpy array of numbers, strings or bytes) by reading only exact built-in types. Anything else raises
    NotComparable, as does a container nested more than 100 deep (or holding itself). This is how learner
    values are converted before comparing, so their own `==` is never used."""
    budget = [_MAX_ITEMS] if _budget is None else _budget
    budget[0] -= 1
    if budget[0] < 0:
        raise NotComparable("too large")
    if _depth > _MAX_DEPTH:
        raise NotComparable("too deeply nested")
    t = type(value)
    if value is None or t in (bool, int, float, str, bytes, complex):
        return value
    if issubclass(t, np.generic):  # type, not isinstance: `__class__` can lie
        return value.item()
    if issubclass(t, np.ndarray):
        array = np.asarray(value)
        if array.dtype.kind in "OV":  # comparing objects or records would call their own `==`
            raise NotComparable(f"array of {array.dtype}")
        return array
    if t in (list, tuple):
        return t(to_plain(v, budget, _depth + 1) for v in value)
    if t in (set, frozenset):
        return t(to_plain(v, budget, _depth + 1) for v in value)
    if t is dict:
        return {to_plain(k, budget, _depth + 1): to_plain(v, budget, _depth + 1) for k, v in value.items()}
    raise NotComparable(t.__name__)


def plain_equal(
    actual: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9, *, bools_are_numbers: bool = False
) -> bool:
    """Compare plain data; floats (and arrays) within a tolerance. `actual` must come from `to_plain`.

    A boolean equals only the same boolean, unless `bools_are_numbers`: then, as with Python's `==` (which
    learntools' checks use), True equals 1 and 1.0, and False equals 0."""
    if isinstance(expected, np.ndarray) or isinstance(actual, np.ndarray):
        if not (isinstance(expected, np.ndarray) and isinstance(actual, np.ndarray)):
            return False
        if actual.shape != expected.shape:
            return False
        # Not "c": mismatch() compares as float64, which would drop the imaginary parts.
        if expected.dtype.kind in "fiub" and actual.dtype.kind in "fiub":
            return mismatch(actual, expected, Tolerance(rtol, atol)) is None
        return bool(np.array_equal(actual, expected))
    if isinstance(expected, bool) or isinstance(actual, bool):
        numbers_both = isinstance(expected, numbers.Real) and isinstance(actual, numbers.Real)
        if not (bools_are_numbers and numbers_both):
            return type(actual) is type(expected) and actual is expected
    if isinstance(expected, numbers.Real) and isinstance(actual, numbers.Real):
        if isinstance(expected, numbers.Integral) and isinstance(actual, numbers.Integral):
            return int(actual) == int(expected)
        try:  # floats, and numpy's long double, which is no Python float
            e, a = float(expected), float(actual)
        except (OverflowError, ValueError, TypeError):  # an int too large for a float
            return False
        if math.isnan(e) or math.isnan(a):
            return math.isnan(e) and math.isnan(a)
        return math.isclose(a, e, rel_tol=rtol, abs_tol=atol)
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(
            plain_equal(a, e, rtol, atol, bools_are_numbers=bools_are_numbers) for a, e in zip(actual, expected)
        )
    if isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            plain_equal(actual[k], expected[k], rtol, atol, bools_are_numbers=bools_are_numbers) for k in expected
        )
    return bool(actual == expected)
