"""The exercise framework: everything a course author needs, in one import.

    from learntools_cv.core import *

gives the question classes, `bind_exercises`, `CS`, the placeholder `____`, the `assert_*` helpers and, as
learntools' star import does, the submodules `asserts`, `exceptions`, `problem` and `utils`. A learner's setup cell uses
`from learntools_cv.core import binder; binder.bind(globals())`.

Importing this package never imports TensorFlow or IPython.
"""

from learntools_cv.core import asserts, exceptions, problem, utils
from learntools_cv.core.asserts import (
    assert_df_equals,
    assert_equal,
    assert_file_exists,
    assert_has_columns,
    assert_is_one_of,
    assert_isinstance,
    assert_len,
    assert_series_equals,
)
from learntools_cv.core.exceptions import (
    AuthoringError,
    Incorrect,
    NotAttempted,
    Uncheckable,
    UserlandExceptionIncorrect,
)
from learntools_cv.core.exercise import bind_exercises
from learntools_cv.core.globals_binder import binder
from learntools_cv.core.multiproblem import MultipartProblem
from learntools_cv.core.outcome import Figure, Outcome, Status
from learntools_cv.core.placeholder import PLACEHOLDER as ____
from learntools_cv.core.problem import (
    CodingProblem,
    EqualityCheckProblem,
    FunctionProblem,
    Mistake,
    Problem,
    ThoughtExperiment,
    injected,
)
from learntools_cv.core.problem_view import ProblemView
from learntools_cv.core.record import progress
from learntools_cv.core.richtext import CS, CodeSolution

__all__ = [
    "AuthoringError",
    "CS",
    "CodeSolution",
    "CodingProblem",
    "EqualityCheckProblem",
    "Figure",
    "FunctionProblem",
    "Incorrect",
    "Mistake",
    "MultipartProblem",
    "NotAttempted",
    "Outcome",
    "Problem",
    "ProblemView",
    "Status",
    "ThoughtExperiment",
    "Uncheckable",
    "UserlandExceptionIncorrect",
    "____",
    "assert_df_equals",
    "assert_equal",
    "assert_file_exists",
    "assert_has_columns",
    "assert_is_one_of",
    "assert_isinstance",
    "assert_len",
    "assert_series_equals",
    "asserts",
    "bind_exercises",
    "binder",
    "exceptions",
    "injected",
    "problem",
    "progress",
    "utils",
]
