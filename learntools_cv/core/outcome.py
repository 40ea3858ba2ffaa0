"""Outcomes: what a check, hint or solution call produced, as data.

An `Outcome` is made once and never changed. Rendering it (rich output in Jupyter, plain text in a terminal)
is the job of `learntools_cv.core.render`; graders and tests read its fields directly.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from learntools_cv.core.text import markdown_to_text


class Status(str, enum.Enum):
    """What kind of outcome this is. The value is the word used in event records."""

    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not_attempted"
    UNCHECKABLE = "uncheckable"
    CHECKER_ERROR = "checker_error"
    HINT = "hint"
    SOLUTION = "solution"

    @property
    def label(self) -> str:
        """The word a learner sees first: 'Correct', 'Incorrect', 'Not attempted', ..."""
        return _LABELS[self]

    @property
    def is_check(self) -> bool:
        """True for the outcomes of a check (as opposed to a hint or a solution)."""
        return self not in (Status.HINT, Status.SOLUTION)


_LABELS = {
    Status.CORRECT: "Correct",
    Status.INCORRECT: "Incorrect",
    Status.NOT_ATTEMPTED: "Not attempted",
    Status.UNCHECKABLE: "Nothing to check",
    Status.CHECKER_ERROR: "Checker error",
    Status.HINT: "Hint",
    Status.SOLUTION: "Solution",
}


# Label colours for rich output; the renderer uses these too.
LABEL_COLORS = {
    Status.CORRECT: "#2e8b57",
    Status.INCORRECT: "#c0392b",
    Status.NOT_ATTEMPTED: "#b7950b",
    Status.UNCHECKABLE: "#2e6da4",
    Status.CHECKER_ERROR: "#d35400",
    Status.HINT: "#2e6da4",
    Status.SOLUTION: "#1f8a70",
}


@dataclass(frozen=True)
class Figure:
    """Data for a small picture of a wrong array answer: the learner's map, the expected map, and the
    difference between them. Only a renderer in Jupyter draws it."""

    actual: Any
    """The learner's 2-D array, as numpy."""
    expected: Any
    """The expected 2-D array, as numpy (same shape as `actual`, or None when the shapes differ)."""
    title: str = ""
    """A few words shown above the picture."""
    panels: tuple[tuple[str, Any], ...] = ()
    """Instead of actual/expected/difference, these (title, 2-D array) pictures, in a row."""


@dataclass(frozen=True)
class Outcome:
    """The result of one `check()`, `hint()` or `solution()` call."""

    status: Status
    """The kind of outcome."""
    body: str
    """The message after the label, as markdown ('' when there is nothing to add)."""
    label: str = ""
    """The label shown before the body. Defaults to the status's label ('Hint 2' for a second hint)."""
    figure: Figure | None = field(default=None, compare=False)
    """Optional picture data for an incorrect array answer."""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.status.label)

    @property
    def markdown(self) -> str:
        """The whole message as markdown, label first (coloured in Jupyter)."""
        color = LABEL_COLORS[self.status]
        head = f'<span style="color:{color}">**{self.label}**</span>'
        if not self.body:
            return head
        return f"{head}: {self.body}" if not self.body.startswith("\n") else f"{head}:{self.body}"

    @property
    def message(self) -> str:
        """The whole message as plain text. Its first line starts with the label."""
        if not self.body:
            return self.label
        body = markdown_to_text(self.body)
        return f"{self.label}: {body}" if not self.body.startswith("\n") else f"{self.label}:\n{body}"

    @property
    def first_line(self) -> str:
        """The first line of `message`, for one-line reports."""
        return self.message.split("\n", 1)[0]

    @property
    def passed(self) -> bool:
        return self.status is Status.CORRECT

    def __str__(self) -> str:
        return self.message
