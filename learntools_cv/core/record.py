"""The interaction record: every check, hint and solution call, in memory and optionally in a file.

Set the environment variable `LEARNTOOLS_CV_EVENTS=/path/events.jsonl` to append each event there as one
JSON line (the format is in docs/architecture.md). Nothing is ever sent over the network.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from learntools_cv.core.outcome import Status

if TYPE_CHECKING:
    from learntools_cv.core.problem_view import ProblemView

EVENTS_ENV = "LEARNTOOLS_CV_EVENTS"


@dataclass(frozen=True)
class Event:
    """One interaction with one question."""

    time: datetime
    """When it happened (UTC)."""
    exercise: str
    """The exercise module, e.g. 'learntools_cv.ex3'."""
    question: str
    """The learner-facing name, e.g. 'q_1' or 'q_3.a'."""
    interaction: str
    """'check', 'hint' or 'solution'."""
    status: Status
    """The outcome's status."""
    message: str
    """The plain-text feedback shown."""

    def to_json(self) -> dict[str, str]:
        return {
            "time": self.time.isoformat(),
            "exercise": self.exercise,
            "question": self.question,
            "interaction": self.interaction,
            "status": self.status.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class QuestionProgress:
    """One row of the progress summary."""

    question: str
    kind: str
    done: bool
    checks: int
    last_status: Status | None
    bonus: bool

    @property
    def state(self) -> str:
        if self.done:
            return "done"
        return "in progress" if self.checks else "not started"


@dataclass(frozen=True)
class Progress:
    """The progress summary of the bound exercises. Shows as a table in Jupyter and as text elsewhere."""

    exercise: str
    rows: tuple[QuestionProgress, ...]

    @property
    def done(self) -> int:
        return sum(r.done for r in self.rows if not r.bonus)

    @property
    def required(self) -> int:
        return sum(not r.bonus for r in self.rows)

    def _headline(self) -> str:
        return f"{self.exercise}: {self.done} of {self.required} questions done"

    def __repr__(self) -> str:
        lines = [self._headline()]
        for r in self.rows:
            extra = " (bonus)" if r.bonus else ""
            lines.append(f"  {r.question:<8} {r.state:<12} {r.kind}{extra}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        lines = [f"**{self._headline()}**", "", "| question | state | kind |", "| --- | --- | --- |"]
        for r in self.rows:
            mark = "✅ done" if r.done else r.state
            lines.append(f"| `{r.question}` | {mark} | {r.kind}{' (bonus)' if r.bonus else ''} |")
        return "\n".join(lines)


class InteractionRecord:
    """All events of this process, and the questions they can be about."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._views: dict[str, dict[str, ProblemView]] = {}
        self._write_failed = False

    def register(self, view: ProblemView) -> None:
        """Make a bound question known, so that `progress()` lists it before any interaction."""
        # Re-inserted, so that an exercise bound again (a reload) is the most recently bound one.
        views = self._views.pop(view.exercise, {})
        views[view.name] = view
        self._views[view.exercise] = views

    def add(self, event: Event) -> None:
        self.events.append(event)
        path = os.environ.get(EVENTS_ENV)
        if path:
            self._append(path, event)

    def _append(self, path: str, event: Event) -> None:
        try:
            with open(path, "a", encoding="utf-8") as f:
                f.write(json.dumps(event.to_json(), ensure_ascii=False) + "\n")
        except OSError as exc:
            if not self._write_failed:  # say it once, not on every check
                self._write_failed = True
                print(f"learntools_cv: could not write events to {path} ({exc.strerror}).", file=sys.stderr)

    def events_for(self, exercise: str, question: str) -> list[Event]:
        return [e for e in self.events if e.exercise == exercise and e.question == question]

    def exercises(self) -> list[str]:
        return list(self._views)

    def progress(self, exercise: str | None = None) -> Progress:
        if exercise is None:
            if not self._views:
                return Progress(exercise="(no exercise bound yet)", rows=())
            exercise = list(self._views)[-1]
        views = self._views.get(exercise, {})
        rows = tuple(self._row(exercise, view) for view in views.values())
        return Progress(exercise=exercise, rows=rows)

    def _row(self, exercise: str, view: ProblemView) -> QuestionProgress:
        events = self.events_for(exercise, view.name)
        checks = [e for e in events if e.interaction == "check"]
        solved = any(e.status is Status.CORRECT for e in checks)
        credited = view.problem._solution_gives_credit and any(e.interaction == "solution" for e in events)
        return QuestionProgress(
            question=view.name,
            kind=view.kind,
            done=solved or credited,
            checks=len(checks),
            last_status=checks[-1].status if checks else None,
            bonus=bool(view.problem._bonus),
        )


RECORD = InteractionRecord()


def progress(exercise: str | None = None) -> Progress:
    """A summary of the most recently bound exercise (or the one named): which questions are done."""
    return RECORD.progress(exercise)


def now() -> datetime:
    return datetime.now(timezone.utc)

