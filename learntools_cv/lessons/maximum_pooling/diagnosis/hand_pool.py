"""Judging the learner's own `max_pool_2x2` (q_7): the framework's function checker, which names one more
mistake of this lesson, zero padding by hand.

A function that pads an odd-sized map with zeros before pooling it in 2x2 blocks gets every block right except
the short edge blocks whose values are all negative: there the padded zero is the largest value. 'SAME' pooling
never counts padded cells.
"""

from __future__ import annotations

import numpy as np

from learntools_cv.core.compare import arrays_match
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.functions import ArrayFunctionTask, Failure
from learntools_cv.core.text import code
from learntools_cv.lessons.maximum_pooling.diagnosis.pooling import PoolSettings

_ZERO_PADDED = PoolSettings(mode="max", window=2, stride=2, padding="ZERO")


class HandPoolTask(ArrayFunctionTask):
    """`ArrayFunctionTask` for a 2x2 max pool with stride 2 and 'SAME' padding."""

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
