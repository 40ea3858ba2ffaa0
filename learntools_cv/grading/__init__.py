"""Grading a class's notebooks outside the learners' processes: `learntools-cv grade` and its Python API.

Each submission runs in a sandboxed child process; the grader reads the question variables back as plain data
and judges them in its own process with the same checkers `q_N.check()` uses. See docs/grading.md.

    from learntools_cv.grading import grade_notebook
    report = grade_notebook("alice.ipynb")     # a GradeReport: one QuestionRow per question

Names are imported on first use, so that `learntools-cv --help` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "BatchOptions": "batch",
    "CellNote": "results",
    "Feedback": "results",
    "GradeReport": "results",
    "Gradebook": "gradebook",
    "Limits": "executor",
    "QuestionRow": "results",
    "Submission": "submissions",
    "discover": "submissions",
    "export_csv": "gradebook",
    "grade_batch": "batch",
    "grade_notebook": "grader",
    "grade_submission": "grader",
    "load_submission": "submissions",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'learntools_cv.grading' has no attribute {name!r}")
    return getattr(importlib.import_module(f"learntools_cv.grading.{home}"), name)
