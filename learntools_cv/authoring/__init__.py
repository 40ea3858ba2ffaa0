"""Tools for course authors, in one import: `from learntools_cv.authoring import *`.

- the self-check of an exercise module (`check_questions`, `format_report`: `learntools-cv check-questions`);
- test helpers (`bind_exercise`, `Exercise`, `assert_passed`, `assert_failed`, `assert_not_attempted`,
  `assert_uncheckable`, `set_vars`, and hypothesis strategies `images`, `feature_maps`);
- building learner notebooks from solution notebooks (`build_notebook`: `learntools-cv build`) and
  scaffolding a new exercise (`new_exercise`: `learntools-cv new`); these two need the `notebooks` extra and are
  imported when first used.

Writing the questions themselves is `learntools_cv.core`'s part.
"""

from learntools_cv.authoring.selfcheck import SelfCheckReport, check_questions, format_report
from learntools_cv.authoring.testing import (
    Exercise,
    assert_failed,
    assert_not_attempted,
    assert_passed,
    assert_uncheckable,
    bind_exercise,
    feature_maps,
    images,
    set_vars,
)

__all__ = [
    "Exercise",
    "SelfCheckReport",
    "assert_failed",
    "assert_not_attempted",
    "assert_passed",
    "assert_uncheckable",
    "bind_exercise",
    "build_notebook",
    "check_questions",
    "feature_maps",
    "format_report",
    "images",
    "new_exercise",
    "set_vars",
]


def __getattr__(name: str) -> object:
    # nbformat (the `notebooks` extra) is needed only by these two.
    if name == "build_notebook":
        from learntools_cv.authoring.build import build_notebook

        return build_notebook
    if name == "new_exercise":
        from learntools_cv.authoring.scaffold import scaffold

        return scaffold
    raise AttributeError(f"module 'learntools_cv.authoring' has no attribute {name!r}")
