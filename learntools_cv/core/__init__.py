"""The exercise framework: everything a course author needs, in one import.

    from learntools_cv.core import *

gives the question classes, `bind_exercises`, `CS` and the placeholder `____`. A learner's setup cell uses
`from learntools_cv.core import binder; binder.bind(globals())`.

Importing this package never imports TensorFlow or IPython.
"""

from learntools_cv.core import problem
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
    "bind_exercises",
    "binder",
    "injected",
    "problem",
    "progress",
]
