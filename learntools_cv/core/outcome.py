"""Outcomes: what a check, hint or solution call produced, as data, and what it says.

An `Outcome` is made once and never changed: a status, a markdown body, a mistake id and optional figure data.
It says itself in two forms, plain text (`message`) and markdown with a coloured label (`markdown`), with the
words and colours of `learntools_cv.core.status`. Showing it (IPython display, HTML fragments, drawing its
figure) belongs to `learntools_cv.core.render`. Graders and tests read its fields directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from learntools_cv.core.plaintext import plain_text
from learntools_cv.core.status import COLORS, Status

__all__ = ["Figure", "Outcome", "Status"]


@dataclass(frozen=True)
class Figure:
    """Data for a picture of a wrong array answer: the learner's map, the expected map, and the difference
    between them (or the learner's series and the expected one). Only a renderer in Jupyter draws it."""

    actual: Any
    """The learner's 2-D array, as numpy."""
    expected: Any
    """The expected 2-D array, as numpy (same shape as `actual`, or None when the shapes differ)."""
    title: str = ""
    """A few words shown above the picture."""
    panels: tuple[tuple[str, Any], ...] = ()
    """Instead of actual/expected/difference, these (title, 2-D array) pictures, in a row."""
    series: bool = False
    """`actual` and `expected` are 1-D series (a time series, smoothed): drawn as two lines on one axis,
    with their difference below, instead of as maps."""


@dataclass(frozen=True)
class Outcome:
    """The result of one `check()`, `hint()` or `solution()` call."""

    status: Status
    """The kind of outcome."""
    body: str
    """The message after the label, as markdown ('' when there is nothing to add). No HTML, no colours."""
    label: str = ""
    """The word shown first: the status's label (`status.LABELS`) unless given, such as 'Hint 2'."""
    mistake: str | None = None
    """The stable id of the recognised mistake (for example 'avg-pooling'), or None. Graders count these."""
    figure: Figure | None = field(default=None, compare=False)
    """Optional picture data for an incorrect array answer."""

    def __post_init__(self) -> None:
        if not self.label:  # the status's own word, from the one table of words (status.LABELS)
            object.__setattr__(self, "label", self.status.label)

    @property
    def passed(self) -> bool:
        return self.status is Status.CORRECT

    @property
    def message(self) -> str:
        """The whole message as plain text; its first line starts with the label."""
        if not self.body:
            return self.label
        body = plain_text(self.body)
        return f"{self.label}:\n{body}" if self.body.startswith("\n") else f"{self.label}: {body}"

    @property
    def markdown(self) -> str:
        """The whole message as markdown, the label bold and coloured."""
        head = f'<span style="color:{COLORS[self.status]}">**{self.label}**</span>'
        if not self.body:
            return head
        return f"{head}:{self.body}" if self.body.startswith("\n") else f"{head}: {self.body}"

    @property
    def first_line(self) -> str:
        """The first line of `message`, for one-line reports."""
        return self.message.split("\n", 1)[0]

    def __str__(self) -> str:
        return self.message
