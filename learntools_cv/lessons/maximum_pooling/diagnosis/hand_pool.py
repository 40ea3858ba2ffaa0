"""Judging the learner's own `max_pool_2x2` (q_7): the framework's function checker, which names one more
mistake of this lesson, zero padding by hand, and judges a right function without hypothesis.

A function that pads an odd-sized map with zeros before pooling it in 2x2 blocks gets every block right except
the short edge blocks whose values are all negative: there the padded zero is the largest value. 'SAME' pooling
never counts padded cells.

The framework's search (hypothesis) finds the smallest input a wrong function fails on, which makes its
feedback readable; for a right function it only costs time (importing hypothesis and running it is most of a
second, in a notebook that should add little to TensorFlow's start-up). So the function first meets a fixed
set of inputs, one of every shape the search draws, with negative, zero and repeated values: if it gets them
all right it is right, and only a function that fails one is handed to the search, to be shown its smallest
failing input.
"""

from __future__ import annotations

import functools
import time
from typing import Any

import numpy as np

from learntools_cv.core.compare import arrays_match
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.functions import ArrayFunctionTask, Failure
from learntools_cv.core.text import code
from learntools_cv.lessons.maximum_pooling.diagnosis.pooling import PoolSettings

_ZERO_PADDED = PoolSettings(mode="max", window=2, stride=2, padding="ZERO")


class HandPoolTask(ArrayFunctionTask):
    """`ArrayFunctionTask` for a 2x2 max pool with stride 2 and 'SAME' padding."""

    def judge(self, fn: Any) -> None:
        module = getattr(type(fn), "__module__", None)
        if not callable(fn) or not isinstance(module, str) or module.startswith("tensorflow"):
            super().judge(fn)  # not a function, or a `tf.function`, which the framework unwraps first
            return
        failure = self._first_failure(fn)
        if failure is None:
            return
        super().judge(fn)  # raises with the smallest failing input its search finds...
        raise self.incorrect(failure)  # ...and when the search misses it, the one found here

    def _first_failure(self, fn: Any) -> Failure | None:
        """How `fn` fails on the fixed inputs or on `inputs(max_side)`; None if it gets them all right (or
        the time budget ran out first, as the search also gives up then)."""
        stop_at = time.monotonic() + self.time_budget
        for given in (*self.fixed_inputs, *inputs(self.max_side)):
            if time.monotonic() > stop_at:
                return None
            failure = self.failure(fn, given)
            if failure is not None:
                return failure
        return None

    def incorrect(self, failure: Failure) -> Incorrect:
        generic = super().incorrect(failure)
        # The framework's words end with the input, the expected result and the learner's: kept as they are.
        opening = f"{code(self.name)} returns the wrong values for this input:"
        text = str(generic)
        if failure.kind != "values" or not text.startswith(opening) or not _zero_padded(failure):
            return generic
        return Incorrect(
            f"{code(self.name)} pads the edges with zeros: on this input an edge block whose values are all "
            "negative gives 0, the padded zero, instead of its largest value. A short edge block is pooled over "
            "its real values only: slice it (slicing past the edge gives a smaller block), or pad with "
            f"`-np.inf`:{text[len(opening):]}",
            mistake="padding-zero",
        )


def _zero_padded(failure: Failure) -> bool:
    """Whether the learner's result is the input padded with zeros where 'SAME' pads, then pooled."""
    if failure.actual is None or failure.given.ndim != 2:
        return False
    expected = _ZERO_PADDED.apply(failure.given[None, :, :, None])[0, :, :, 0]
    actual = np.asarray(failure.actual, dtype=np.float64)
    return actual.shape == expected.shape and arrays_match(actual, expected, inputs=(failure.given.dtype,))


@functools.lru_cache(maxsize=4)
def inputs(max_side: int, seed: int = 0) -> tuple[np.ndarray, ...]:
    """One float64 array of every shape from 1x1 to `max_side` squared, values in [-100, 100] as float32 holds
    them: by turns spread over the range, all negative (where padded zeros would win), and made of a few
    repeated values with zeros, -0.0 and the range's ends (ties, signs and extremes)."""
    rng = np.random.default_rng(seed)
    special = np.array([0.0, -0.0, 100.0, -100.0, 1.5, -1.5, 2.0**-126, -(2.0**-126)])
    out = []
    for h in range(1, max_side + 1):
        for w in range(1, max_side + 1):
            kind = (h * max_side + w) % 3
            if kind == 0:
                values = rng.uniform(-100, 100, (h, w))
            elif kind == 1:
                values = -rng.uniform(1e-3, 100, (h, w))
            else:
                values = rng.choice(special, (h, w))
            array = values.astype(np.float32).astype(np.float64)
            array.flags.writeable = False  # kept for every check; the learner's function gets a copy
            out.append(array)
    return tuple(out)
