"""Grading a class's notebooks outside the learners' processes: `learntools-cv grade` and its Python API.

Each submission runs in a sandboxed child process; the grader reads the question variables back as plain data
and judges them in its own process with the same checkers `q_N.check()` uses. See docs/grading.md.
"""

from learntools_cv.grading.executor import Limits
from learntools_cv.grading.grader import grade_notebook, grade_submission
from learntools_cv.grading.results import CellNote, Feedback, GradeReport, QuestionRow
from learntools_cv.grading.submissions import Submission, discover, load_submission

__all__ = [
    "CellNote",
    "Feedback",
    "GradeReport",
    "Limits",
    "QuestionRow",
    "Submission",
    "discover",
    "grade_notebook",
    "grade_submission",
    "load_submission",
]
