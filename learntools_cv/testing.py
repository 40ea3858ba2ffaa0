"""testing: the exercise's questions. (Say which lesson this is, in one line.)

A notebook binds them with:

    from learntools_cv.core import binder; binder.bind(globals())
    from learntools_cv.testing import *

Made by `learntools-cv new testing`: two example questions to replace with your own. docs/authoring.md
explains every part; learntools_cv/ex3.py is a complete exercise.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from learntools_cv.core import CS, CodingProblem, EqualityCheckProblem, Incorrect, Mistake, bind_exercises
from learntools_cv.core.compare import mismatch, tolerance_for
from learntools_cv.core.text import code
from learntools_cv.core.values import inspect_array, load_array

# What the notebook's setup cells create: the self-check (`learntools-cv check-questions learntools_cv.testing`)
# and `learntools_cv.authoring.testing.bind_exercise` run it before each solution and declared mistake. Keep it in step
# with solutions/testing.ipynb.
SETUP_CODE = """
import numpy as np

feature_map = np.array(
    [[0.1, 0.5, 0.0, 0.2],
     [0.9, 0.3, 0.3, 0.4],
     [0.2, 0.6, 0.7, 0.4],
     [0.6, 0.2, 0.5, 0.8]],
    dtype=np.float32,
)
"""


class PooledSize(EqualityCheckProblem):
    """How many values are left after 2x2 max pooling (stride 2) of a 4x4 feature map?"""

    _var = "pooled_size"
    _expected = 4
    _failure_message = "Pooling with 2x2 windows and stride 2 halves the height and the width: a 4x4 map becomes 2x2."
    _hint = "Each 2x2 block of `feature_map` becomes one value. How many blocks are there?"
    _solution = CS("pooled_size = 4")
    _mistakes = [
        Mistake("pooled_size = 16", "a 4x4 map becomes 2x2"),
        Mistake("pooled_size = '4'", "Expected `pooled_size` to be a number, but it is a string"),
    ]


def judge_row_max(answer: Any, feature_map: Any) -> None:
    """Return if `answer` is the largest value of each row of `feature_map`; raise Incorrect naming the
    mistake otherwise. Values are converted to numpy once, here; past that point it is plain numpy.
    (When a checker grows, move it to learntools_cv/checking/.)"""
    source = load_array(inspect_array(feature_map, "feature_map"), "feature_map").astype(np.float64)
    expected = source.max(axis=1)
    info = inspect_array(answer, "row_max", what="an array with one value per row of `feature_map`")
    if info.shape != expected.shape:
        raise Incorrect(
            f"{code('row_max')} has shape {code(str(info.shape))}, but it should hold one value per row of "
            f"{code('feature_map')}: shape {code(str(expected.shape))}."
        )
    actual = load_array(info, "row_max")
    tolerance = tolerance_for(actual.dtype, np.dtype(np.float32), scale=float(np.abs(source).max(initial=1.0)))
    diff = mismatch(actual, expected, tolerance)
    if diff is None:
        return

    def gives(mistake: np.ndarray) -> bool:
        return mistake.shape == actual.shape and mismatch(actual, mistake, tolerance) is None

    # Name the mistake, not the symptom: compare with the answers that common mistakes give.
    if gives(source.max(axis=0)):
        raise Incorrect(
            "It looks like you took the largest value of each column (`axis=0`). Use `axis=1` for rows."
        )
    if gives(source.min(axis=1)):
        raise Incorrect("It looks like you took the smallest value of each row. Use `max`, not `min`.")
    raise Incorrect(f"{code('row_max')} has the right shape, but its values are off. {diff.describe()}")


class RowMaxima(CodingProblem):
    """Take the largest value of each row of `feature_map`."""

    _var = "row_max"
    _setup_vars = ["feature_map"]
    _hints = [
        "numpy arrays have a `.max()` method. Its `axis` argument says which direction to take the maximum along.",
        "`axis=1` runs along each row: `feature_map.max(axis=1)`.",
    ]
    _solution = CS("row_max = feature_map.max(axis=1)")
    _mistakes = [
        Mistake("row_max = feature_map.max(axis=0)", "It looks like you took the largest value of each column"),
        Mistake("row_max = feature_map.min(axis=1)", "It looks like you took the smallest value of each row"),
        Mistake("row_max = feature_map.max()", "`row_max` is a single number"),
        Mistake("row_max = max", "is the function `max` itself, not its result."),
    ]

    def check(self, row_max: Any, feature_map: Any) -> None:
        judge_row_max(row_max, feature_map)


qvars = bind_exercises(globals(), [PooledSize, RowMaxima], var_format="q_{n}")
__all__ = list(qvars)
