"""What grading one submission produces, as data: a `GradeReport` with one `QuestionRow` per question.

Rendering (progress lines, CSV, HTML feedback) is done elsewhere from these objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuestionRow:
    """One question of one submission, as the gradebook stores it."""

    question: str
    """`q_1`, `q_2`, ..."""
    status: str
    """'correct', 'incorrect', 'not_attempted' or 'could_not_grade'."""
    message: str
    """The plain-text feedback the learner would have seen from `q_N.check()`, label first; for
    could_not_grade, the reason in words."""
    points: float
    """Points earned: max_points when correct, else 0."""
    max_points: float
    """1 for a coding question, 0 for a thought experiment."""
    bonus: bool
    """Bonus questions are counted apart from the total."""
    mistake: str | None = None
    """The stable id of a recognised mistake, when the question API names one."""
    seconds: float = 0.0
    """Time spent judging this question."""
    label: str = ""
    """The word the learner saw first ('Correct', 'Incorrect', 'Not attempted', 'Could not grade'), as data."""
    body: str = ""
    """The words after the label, as data: `message` is f"{label}: {body}" as the learner read it."""


@dataclass(frozen=True)
class Feedback:
    """What a feedback file shows for one question: the notebook's label, words and picture, as an HTML
    fragment rendered by `learntools_cv.core.render.html`."""

    question: str
    html: str


@dataclass(frozen=True)
class CellNote:
    """A cell that did not run cleanly in the sandbox."""

    cell: int
    """The cell's position in the notebook, counting from 1 (markdown cells included)."""
    state: str
    """'error', 'exit', 'timeout' or 'skipped'."""
    text: str
    """What happened, in words."""


@dataclass(frozen=True)
class GradeReport:
    """One submission graded."""

    learner: str
    assignment: str
    path: str
    content_hash: str
    exercise: str | None
    status: str
    """'graded' when its questions were judged, 'could_not_grade' when none could be."""
    reason: str
    """Why it could not be graded, or what went wrong in part ('' when nothing did)."""
    rows: tuple[QuestionRow, ...] = ()
    cells: tuple[CellNote, ...] = ()
    seconds: float = 0.0
    """Wall time for the whole submission."""
    feedback: tuple[Feedback, ...] = field(default=(), compare=False)
    """Per-question words and pictures, when feedback files were asked for."""

    def row(self, question: str) -> QuestionRow:
        """The row of `question` (KeyError if there is none)."""
        for row in self.rows:
            if row.question == question:
                return row
        raise KeyError(question)

    @property
    def points(self) -> float:
        """Points earned on questions that are not bonus questions."""
        return sum(r.points for r in self.rows if not r.bonus)

    @property
    def bonus_points(self) -> float:
        return sum(r.points for r in self.rows if r.bonus)
