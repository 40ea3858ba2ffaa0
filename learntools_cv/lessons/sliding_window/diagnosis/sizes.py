"""Judging a learner's function for the output size of a sliding window, `output_size(size, window, stride,
padding)`, by calling it on a fixed table of cases and comparing with TensorFlow's rule
(`reference.pool_output_size`, which `tests/test_reference.py` holds against TensorFlow).

When it is wrong, each padding is diagnosed on its own cases: a formula learners write instead (rounding down
where TensorFlow rounds up, forgetting the `+ 1` of 'VALID', ignoring the stride, swapping the window and the
stride, or a comparison that never recognises 'SAME') is named when it gives exactly the learner's numbers;
otherwise the smallest case it gets wrong is shown, with where the windows really start.

Every call of the learner's function goes through `core.timeouts.call_with_timeout`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout
from learntools_cv.core.utils import exception_line
from learntools_cv.core.values import inspect_array, load_array
from learntools_cv.vision.windows import window_starts

Case = tuple[int, int, int, str]
"""(size, window, stride, padding)."""


def _cases() -> tuple[Case, ...]:
    """Small sizes first (the first failure shown is then easy to count), every remainder of size by stride,
    windows from 1 to 5 (never larger than the size), and the lesson's own 224-pixel picture."""
    cases = []
    for padding in ("VALID", "SAME"):
        for size in range(1, 10):
            for window in (1, 2, 3, 5):
                for stride in (1, 2, 3):
                    if window <= size:
                        cases.append((size, window, stride, padding))
        cases += [(224, 3, 2, padding), (224, 3, 3, padding), (224, 7, 2, padding)]
    return tuple(sorted(cases, key=lambda c: (c[0] > 9, c[0], c[3] == "SAME", c[1], c[2])))


CASES = _cases()


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


# Formulas learners write instead of TensorFlow's, for each padding: (id, formula, what is wrong with it).
Formula = Callable[[int, int, int], int]
VALID_SLIPS: tuple[tuple[str, Formula, str], ...] = (
    (
        "valid-without-plus-one",
        lambda n, k, s: (n - k) // s,
        "For 'VALID' padding it gives `(size - window) // stride`: that counts the steps the window takes, "
        "not the windows. The first window needs no step, so add 1.",
    ),
    (
        "valid-rounded-down",
        lambda n, k, s: (n - k + 1) // s,
        "For 'VALID' padding it gives `(size - window + 1) // stride`, which rounds down where TensorFlow "
        "rounds up: a window fits wherever it starts at most `size - window` cells in, so the count is "
        "`(size - window) // stride + 1`.",
    ),
    (
        "valid-ignores-stride",
        lambda n, k, s: n - k + 1,
        "For 'VALID' padding it gives `size - window + 1` whatever the stride: that is the count for a stride "
        "of 1. A larger stride skips positions.",
    ),
    (
        "window-for-stride",
        lambda n, k, s: (n - s) // k + 1,
        "For 'VALID' padding it swaps the window and the stride: the window is how many cells each position "
        "covers, the stride how far the window moves between positions.",
    ),
    (
        "valid-gives-same",
        lambda n, k, s: _ceil_div(n, s),
        "For 'VALID' padding it gives what 'SAME' padding gives, `size / stride` rounded up: 'VALID' keeps every "
        "window inside, so windows that would hang over the edge do not count.",
    ),
)
SAME_SLIPS: tuple[tuple[str, Formula, str], ...] = (
    (
        "same-rounded-down",
        lambda n, k, s: n // s,
        "For 'SAME' padding it gives `size // stride`, rounded down: 'SAME' pads the edge so that a last, "
        "partly padded window fits too, so TensorFlow rounds up.",
    ),
    (
        "same-ignores-stride",
        lambda n, k, s: n,
        "For 'SAME' padding it gives `size` whatever the stride: 'SAME' keeps the size only with stride 1. "
        "With a larger stride, a window starts every `stride` cells.",
    ),
    (
        "same-pads-both-sides",
        lambda n, k, s: (n + 2 * (k // 2) - k) // s + 1,
        "For 'SAME' padding it pads `window // 2` cells on both sides and counts as for 'VALID': right for an odd "
        "window, one window too many for an even one. TensorFlow's 'SAME' pads only what `size / stride` "
        "windows, rounded up, need.",
    ),
    (
        "same-gives-valid",
        lambda n, k, s: (n - k) // s + 1,
        "For 'SAME' padding it gives what 'VALID' padding gives. Does your function compare `padding` with "
        "`'SAME'` exactly as written, in capitals?",
    ),
    (
        "window-for-stride",
        lambda n, k, s: _ceil_div(n, k),
        "For 'SAME' padding it swaps the window and the stride, dividing the size by the window: the window is "
        "how many cells each position covers, the stride how far the window moves between positions.",
    ),
)


@dataclass(frozen=True)
class Call:
    """What the learner's function did for one case: its number, or how it failed."""

    case: Case
    value: int | None = None
    failure: str = ""
    mistake: str = ""


@dataclass(frozen=True)
class SizeFunctionTask:
    """The learner's function `name(size, window, stride, padding)` must return how many windows fit."""

    name: str = "output_size"
    cases: tuple[Case, ...] = CASES
    call_timeout: float = 0.5

    def judge(self, fn: Any) -> None:
        if not callable(fn):
            raise Incorrect(
                f"{code(self.name)} should be a function, but it is {code(short_repr(fn))}.",
                mistake="not-a-function",
            )
        calls = {}
        for case in self.cases:
            call = self._call(fn, case)
            if call.failure:
                raise Incorrect(call.failure, mistake=call.mistake)
            calls[case] = call.value
        wrong = [case for case in self.cases if calls[case] != _right(case)]
        if not wrong:
            return
        # The example shown: a small case that still has room for a few windows, with a window and a stride
        # larger than 1, if one of those is wrong; else the smallest wrong case.
        example = min(wrong, key=lambda c: (c[0] > 9, not (c[0] >= 5 and c[1] > 1 and c[2] > 1), c[0], c[1], c[2]))
        padding = example[3]
        mine = {case: value for case, value in calls.items() if case[3] == padding}
        shown = f"{code(self.name)} {self._example(example, calls[example])}"
        for mistake, formula, says in VALID_SLIPS if padding == "VALID" else SAME_SLIPS:
            if all(value == formula(*case[:3]) for case, value in mine.items()):
                raise Incorrect(f"{shown} {says}", mistake=mistake)
        raise Incorrect(f"{shown} {_where(example)}", mistake="wrong-size")

    def _example(self, case: Case, value: int | None) -> str:
        """'returned 2 for `output_size(7, 3, 2, 'VALID')`, but 3 windows fit.'"""
        right = _right(case)
        call = code(f"{self.name}({case[0]}, {case[1]}, {case[2]}, {case[3]!r})")
        return f"returned {value} for {call}, but {right} {'window fits' if right == 1 else 'windows fit'}."

    def _call(self, fn: Any, case: Case) -> Call:
        shown = code(f"{self.name}({case[0]}, {case[1]}, {case[2]}, {case[3]!r})")
        try:
            # Reading the result runs within the time limit too: an object's own `__array__` is learner code.
            result, value = call_with_timeout(fn, case, self.call_timeout, then=_read)
        except CallTimedOut:
            return Call(case, failure=f"{shown} did not return within {self.call_timeout:g} seconds.",
                        mistake="function-timeout")
        except (Exception, SystemExit) as exc:  # the learner's function raised: their doing, worded
            return Call(case, failure=f"{shown} raised {exception_line(exc)}.", mistake="function-raised")
        if result is None:
            return Call(case, failure=f"{shown} returned `None`. Did you forget a `return` statement?",
                        mistake="returned-none")
        if value is None:
            return Call(case, failure=f"{shown} returned {code(result)}, not a number of windows.",
                        mistake="not-a-number")
        if not math.isfinite(value) or value != int(value):
            return Call(
                case,
                failure=(
                    f"{shown} returned {value:g}, but a count of windows is a whole number. `/` divides "
                    "exactly; `//` rounds down, and `-(-a // b)` rounds up."
                ),
                mistake="not-whole",
            )
        return Call(case, value=int(value))


def _read(result: Any) -> tuple[str | None, float | None]:
    """(None, None) for None; otherwise (a short repr of the result, the number it holds or None)."""
    if result is None:
        return None, None
    return short_repr(result, 40), _as_number(result)


def _as_number(result: Any) -> float | None:
    """A returned number (a Python or numpy number, or a tensor or array holding one) as a float; None for
    anything else, booleans included."""
    if isinstance(result, (bool, np.bool_)):
        return None
    if isinstance(result, numbers.Real):
        try:
            return float(result)
        except Exception:  # a number-like object whose conversion fails
            return None
    try:
        array = load_array(inspect_array(result, "the result"), "the result")
    except Incorrect:
        return None
    if array.size != 1 or array.dtype.kind not in "iuf":
        return None
    return float(array.reshape(-1)[0])


def _right(case: Case) -> int:
    return reference.pool_output_size(*case)


def _where(case: Case) -> str:
    """'They start at cells 0, 2 and 4 (cell 0 is the first real cell).'"""
    size, window, stride, padding = case
    starts = window_starts(size, window, stride, padding)
    if len(starts) > 8:
        if padding == "SAME":
            return (
                f"'SAME' padding pads the edges so that a window starts every {stride} cells from the first: "
                f"{size} / {stride} rounded up."
            )
        return (
            f"'VALID' padding keeps every window inside: the last one starts at most {size} - {window} cells in, "
            f"so ({size} - {window}) // {stride} + 1 of them fit."
        )
    if len(starts) == 1:
        listed = f"The one window starts at cell {starts[0]}"
    else:
        listed = "The windows start at cells " + ", ".join(str(s) for s in starts[:-1]) + f" and {starts[-1]}"
    padded = " (a negative cell is padding before the first real cell, 0)" if starts[0] < 0 else ""
    last_end = starts[-1] + window - 1
    beyond = f"; the last one reaches cell {last_end}, past the last real cell, {size - 1}" if last_end >= size else ""
    return f"{listed}{padded}{beyond}."
