"""An exercise module written the way Kaggle's learntools exercise modules are written.

It uses only learntools' authoring API, so porting it from learntools means rewriting the imports
(`learntools.core` -> `learntools_cv.core`) and nothing else; test_core_compat.py checks exactly that.
The checkers talk to learners with `assert cond, "message"`, as learntools modules do.
"""

from learntools_cv.core import *
from learntools_cv.core.problem import injected


class KernelShape(EqualityCheckProblem):
    _vars = ['kernel_height', 'kernel_width']
    _expected = [3, 3]
    _default_values = [0, 0]
    _hints = [
        "A 3x3 kernel has 3 rows and 3 columns.",
        "Set both `kernel_height` and `kernel_width` to 3.",
    ]
    _solution = CS(
        "kernel_height = 3",
        "kernel_width = 3",
    )


class Stride(EqualityCheckProblem):
    _var = 'stride'
    _expected = 2
    _failure_message = "Pooling with a 2x2 window halves each side, so the stride is 2."
    _hint = "How far does the window move between two outputs?"
    _solution = "The stride is **2**: the window moves two pixels at a time."
    show_solution_on_correct = False


class Relu(FunctionProblem):
    _var = 'relu'
    _test_cases = [
        (-1.5, 0.0),
        (2.5, 2.5),
        (0.0, 0.0),
    ]
    _hint = "Return the larger of `x` and 0."
    _solution = CS(
        """def relu(x):
    return max(x, 0.0)"""
    )
    _correct_message = "ReLU keeps positive values and zeroes the rest."
    show_solution_on_correct = True


class RowMaxima(CodingProblem):
    _var = 'row_maxima'
    _hint = "Take `max(row)` of each row of `grid`."
    _solution = CS("row_maxima = [max(row) for row in grid]")

    grid = [[1, 3, 2], [6, 4, 5]]

    def check(self, row_maxima):
        assert isinstance(row_maxima, list), (
            "`row_maxima` should be a list, but it is a `{}`.".format(type(row_maxima).__name__)
        )
        assert len(row_maxima) == len(self.grid), (
            "`row_maxima` should have one value per row ({}), but it has {}.".format(
                len(self.grid), len(row_maxima))
        )
        assert row_maxima == [max(row) for row in self.grid], (
            "`row_maxima` should hold the largest value of each row.")

    @injected
    def explain(self, row_maxima, row=0):
        return "Row {} of the grid has maximum {}; you have {}.".format(
            row, max(self.grid[row]), row_maxima[row])


class WhyPool(ThoughtExperiment):
    _solution = "Pooling keeps the strongest activations and makes the feature map smaller."


class PoolSize(EqualityCheckProblem):
    _var = 'pool_size'
    _expected = (2, 2)
    _hint = "A tuple of two numbers."
    _solution = CS("pool_size = (2, 2)")


class BonusThought(ThoughtExperiment):
    _bonus = True
    _solution = "Strided convolution can replace pooling."


qvars = bind_exercises(globals(), [
    KernelShape,
    Stride,
    Relu,
    RowMaxima,
    None,
    MultipartProblem(WhyPool, PoolSize),
    BonusThought,
    ],
    var_format='q_{n}',
    )
__all__ = list(qvars)
