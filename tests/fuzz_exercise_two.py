"""A second, tiny exercise module for the robustness tests: a function question, and a two-part question of
plain values and of an array.

It exists so that the fuzz suite (tests/test_fuzz.py) covers a FunctionProblem (including a learner function
that never returns), EqualityCheckProblems and a MultipartProblem, and so that tests/test_notebook_life.py
can import two exercises into one kernel. No value the fuzz strategies draw is a right answer here.
"""

from __future__ import annotations

import numpy as np

from learntools_cv.core import CS, EqualityCheckProblem, FunctionProblem, MultipartProblem, bind_exercises

# The notebook's setup cell: the fuzz suite runs it once, and solutions run after it.
SETUP_CODE = "import numpy as np"


class PooledSize(FunctionProblem):
    _var = "pooled_size"
    _test_cases = [(199, 100), (4, 2), (1, 1), (398, 199)]
    # Short, so that a learner function that never returns is answered quickly.
    _timeout = 0.3
    _hint = "With 'SAME' padding and stride 2, pooling keeps `ceil(size / 2)` cells."
    _solution = CS(
        """def pooled_size(size):
    return -(-size // 2)"""
    )


class PoolSettingsValues(EqualityCheckProblem):
    _vars = ["pool_stride", "pool_mode"]
    _expected = [2, "MAX"]
    _default_values = [0, ""]
    _hint = "The lesson pools 2x2 blocks, moving two cells at a time, and keeps the largest value."
    _solution = CS("pool_stride = 2", "pool_mode = 'MAX'")


class PooledPatch(EqualityCheckProblem):
    _var = "pooled_patch"
    _expected = np.array([[5.25, 7.5], [13.0, 15.75]])
    _hint = "Take the largest value of each 2x2 block of the 4x4 patch."
    _solution = CS("pooled_patch = np.array([[5.25, 7.5], [13.0, 15.75]])")


qvars = bind_exercises(
    globals(),
    [PooledSize, MultipartProblem(PoolSettingsValues, PooledPatch)],
    var_format="q_{n}",
)
__all__ = list(qvars)
