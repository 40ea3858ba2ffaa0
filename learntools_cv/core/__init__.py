"""The exercise framework: everything a course author needs to write questions, in one import.

    from learntools_cv.core import *

gives the question model (`Question`, `FunctionQuestion`, `ThoughtQuestion`, `Mistake`, the exceptions a
check raises), `bind_exercises`, `CS`, the placeholder `____`, sessions, and learntools' own names
(`CodingProblem`, `EqualityCheckProblem`, ... and the `assert_*` helpers) so that learntools modules port
by changing their imports.
A learner's setup cell uses `from learntools_cv.core import binder; binder.bind(globals())`.

Importing this package never imports TensorFlow or IPython.
"""

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
from learntools_cv.core.expect import expect_equal
from learntools_cv.core.learntools import (
    CodingProblem,
    EqualityCheckProblem,
    FunctionProblem,
    Problem,
    ThoughtExperiment,
    injected,
)
from learntools_cv.core.multiproblem import MultipartProblem
from learntools_cv.core.outcome import Figure, Outcome, Status
from learntools_cv.core.placeholder import PLACEHOLDER as ____
from learntools_cv.core.question import FunctionQuestion, Mistake, Question, ThoughtQuestion
from learntools_cv.core.record import progress
from learntools_cv.core.richtext import CS, CodeSolution
from learntools_cv.core.session import Session, binder, current_session
from learntools_cv.core.view import QuestionView

ProblemView = QuestionView
"""learntools' name for a bound question."""

__all__ = [
    "AuthoringError",
    "CS",
    "CodeSolution",
    "CodingProblem",
    "EqualityCheckProblem",
    "Figure",
    "FunctionProblem",
    "FunctionQuestion",
    "Incorrect",
    "Mistake",
    "MultipartProblem",
    "NotAttempted",
    "Outcome",
    "Problem",
    "ProblemView",
    "Question",
    "QuestionView",
    "Session",
    "Status",
    "ThoughtExperiment",
    "ThoughtQuestion",
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
    "bind_exercises",
    "binder",
    "current_session",
    "expect_equal",
    "injected",
    "progress",
]
