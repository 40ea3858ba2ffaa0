"""Statuses and their words: the one vocabulary of outcomes, event records and gradebooks.

`Status` is what a check, hint or solution call produced; `LABELS` and `COLORS` are the word a learner sees
first and its colour in rich output. A gradebook row has one of four result statuses (`RESULT_STATUSES`):
the three a learner's check can end in, and `could_not_grade` for what a grader could not judge. Every tool
that shows a status (the notebook, `learntools-cv run`, the graders, the class report) takes its word and
colour from here.
"""

from __future__ import annotations

import enum

__all__ = [
    "COLORS",
    "COULD_NOT_GRADE",
    "LABELS",
    "RESULT_COLORS",
    "RESULT_LABELS",
    "RESULT_STATUSES",
    "Status",
]


class Status(str, enum.Enum):
    """What kind of outcome this is. The value is the word used in event records and gradebooks."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not_attempted"
    UNCHECKABLE = "uncheckable"
    CHECKER_ERROR = "checker_error"
    HINT = "hint"
    SOLUTION = "solution"

    @property
    def label(self) -> str:
        """The word a learner sees first ('Correct', 'Not attempted', ...)."""
        return LABELS[self]

    @property
    def is_check(self) -> bool:
        """True for the outcomes of a check (as opposed to a hint or a solution)."""
        return self not in (Status.HINT, Status.SOLUTION)


LABELS: dict[Status, str] = {
    Status.CORRECT: "Correct",
    Status.INCORRECT: "Incorrect",
    Status.NOT_ATTEMPTED: "Not attempted",
    Status.UNCHECKABLE: "Nothing to check",
    Status.CHECKER_ERROR: "Checker error",
    Status.HINT: "Hint",
    Status.SOLUTION: "Solution",
}
"""The word a learner sees first for each status."""

COLORS: dict[Status, str] = {
    Status.CORRECT: "#2e8b57",
    Status.INCORRECT: "#c0392b",
    Status.NOT_ATTEMPTED: "#b7950b",
    Status.UNCHECKABLE: "#2e6da4",
    Status.CHECKER_ERROR: "#d35400",
    Status.HINT: "#2e6da4",
    Status.SOLUTION: "#1f8a70",
}
"""The colour of that word in rich output."""

COULD_NOT_GRADE = "could_not_grade"
"""The gradebook status of a question that a grader could not judge (the submission, not the learner's answer)."""

RESULT_STATUSES: tuple[str, ...] = (
    Status.CORRECT.value,
    Status.INCORRECT.value,
    Status.NOT_ATTEMPTED.value,
    COULD_NOT_GRADE,
)
"""A gradebook row's statuses, in the order reports list them."""

RESULT_LABELS: dict[str, str] = {
    **{s: LABELS[Status(s)] for s in RESULT_STATUSES[:3]},
    COULD_NOT_GRADE: "Could not grade",
}
"""The words for a gradebook's result statuses."""

RESULT_COLORS: dict[str, str] = {
    **{s: COLORS[Status(s)] for s in RESULT_STATUSES[:3]},
    COULD_NOT_GRADE: "#6c7a89",
}
"""The colours for a gradebook's result statuses."""
