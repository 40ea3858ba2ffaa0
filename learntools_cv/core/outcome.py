"""Outcomes: what a check, hint or solution call produced, as data.

An `Outcome` is made once and never changed. It holds no words of its own beyond the message it was given:
the status labels, their colours and every rendering (plain text for a terminal, markdown and HTML for
Jupyter) belong to `learntools_cv.core.render`. Graders and tests read its fields directly.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


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
        """The word a learner sees first ('Correct', 'Not attempted', ...), as `render.LABELS` defines it."""
        from learntools_cv.core.render import LABELS

        return LABELS[self]

    @property
    def is_check(self) -> bool:
        """True for the outcomes of a check (as opposed to a hint or a solution)."""
        return self not in (Status.HINT, Status.SOLUTION)


@dataclass(frozen=True)
class Figure:
    """Data for a picture of a wrong array answer: the learner's map, the expected map, and the difference
    between them. Only a renderer in Jupyter draws it."""

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
    """The message after the label, as markdown ('' when there is nothing to add). No HTML, no colours."""
    label: str = ""
    """The word shown first: the status's label (`render.LABELS`) unless given, such as 'Hint 2'."""
    mistake: str | None = None
    """The stable id of the recognised mistake (for example 'avg-pooling'), or None. Graders count these."""
    figure: Figure | None = field(default=None, compare=False)
    """Optional picture data for an incorrect array answer."""

    def __post_init__(self) -> None:
        if not self.label:  # the status's own word, from the one table of words (render.LABELS)
            object.__setattr__(self, "label", self.status.label)

    @property
    def passed(self) -> bool:
        return self.status is Status.CORRECT

    @property
    def message(self) -> str:
        """The whole message as plain text, label first (`render.text`)."""
        from learntools_cv.core.render import text

        return text(self)

    @property
    def markdown(self) -> str:
        """The whole message as markdown, label first (`render.markdown`)."""
        from learntools_cv.core.render import markdown

        return markdown(self)

    @property
    def first_line(self) -> str:
        """The first line of `message`, for one-line reports."""
        return self.message.split("\n", 1)[0]

    def __str__(self) -> str:
        return self.message
