"""The exercise framework: everything a course author needs to write questions, in one import.

    from learntools_cv.core import *

gives the question model (`Question`, `FunctionQuestion`, `ThoughtQuestion`, `Mistake`, the exceptions a
check raises), `bind_exercises`, `CS`, the placeholder `____`, sessions, and learntools' own names
(`CodingProblem`, `EqualityCheckProblem`, ... and the `assert_*` helpers) so that learntools modules port
by changing their imports.
A learner's setup cell uses `from learntools_cv.core import binder; binder.bind(globals())`.

Importing this package is cheap: each name is imported from its module when first used (so that a tool
needing only `learntools_cv.core.status` does not load numpy), and nothing here imports TensorFlow or IPython.
"""

import importlib
import typing

# Each public name and the module it lives in (`____` is the placeholder's PLACEHOLDER, `ProblemView` is learntools'
# name for a QuestionView).
_HOMES = {
    "AuthoringError": "exceptions",
    "CS": "richtext",
    "CodeSolution": "richtext",
    "CodingProblem": "learntools",
    "EqualityCheckProblem": "learntools",
    "Figure": "outcome",
    "FunctionProblem": "learntools",
    "FunctionQuestion": "question",
    "Incorrect": "exceptions",
    "Mistake": "question",
    "MultipartProblem": "multiproblem",
    "NotAttempted": "exceptions",
    "Outcome": "outcome",
    "Problem": "learntools",
    "ProblemView": "view",
    "Question": "question",
    "QuestionView": "view",
    "Session": "session",
    "Status": "status",
    "ThoughtExperiment": "learntools",
    "ThoughtQuestion": "question",
    "Uncheckable": "exceptions",
    "UserlandExceptionIncorrect": "exceptions",
    "____": "placeholder",
    "assert_df_equals": "asserts",
    "assert_equal": "asserts",
    "assert_file_exists": "asserts",
    "assert_has_columns": "asserts",
    "assert_is_one_of": "asserts",
    "assert_isinstance": "asserts",
    "assert_len": "asserts",
    "assert_series_equals": "asserts",
    "bind_exercises": "exercise",
    "binder": "session",
    "current_session": "session",
    "expect_equal": "expect",
    "injected": "learntools",
    "progress": "session",
}
_RENAMED = {"____": "PLACEHOLDER", "ProblemView": "QuestionView"}

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


def __getattr__(name: str) -> typing.Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(f"learntools_cv.core.{_HOMES[name]}"), _RENAMED.get(name, name))
        globals()[name] = value  # found once; later lookups are plain attribute reads
        return value
    raise AttributeError(f"module 'learntools_cv.core' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
