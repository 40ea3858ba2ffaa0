"""The interaction record: every check, hint and solution call, in memory and optionally in a file.

Set the environment variable `LEARNTOOLS_CV_EVENTS=/path/events.jsonl` to append each event there as one
JSON line (schema version 1, documented in docs/events.md). Each event carries a stable, anonymous learner id:
`LEARNTOOLS_CV_LEARNER` when set, otherwise a random id kept in `~/.learntools_cv/learner_id` (made the first
time an event is written; never a name). Nothing is ever sent over the network.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from learntools_cv.core.outcome import Status

EVENTS_ENV = "LEARNTOOLS_CV_EVENTS"
"""The environment variable naming the JSONL file events are appended to."""
LEARNER_ENV = "LEARNTOOLS_CV_LEARNER"
"""The environment variable that sets the anonymous learner id (a JupyterHub may set it per user)."""
EVENT_SCHEMA = 1
"""The version of the event format written to the events file."""


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
    mistake: str | None = None
    """The recognised mistake's id, for an Incorrect check that named one."""
    hint: int | None = None
    """The hint's number, for a hint."""

    def to_json(self, learner: str = "", session: str = "") -> dict[str, object]:
        return {
            "schema": EVENT_SCHEMA,
            "time": self.time.isoformat(),
            "learner": learner,
            "session": session,
            "exercise": self.exercise,
            "question": self.question,
            "interaction": self.interaction,
            "status": self.status.value,
            "mistake": self.mistake,
            "hint": self.hint,
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
    counts: bool = True
    """False for a question that gives no points (learntools' `_counts_for_points = False`)."""

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
        return sum(r.done for r in self.rows if r.counts and not r.bonus)

    @property
    def required(self) -> int:
        return sum(r.counts and not r.bonus for r in self.rows)

    def _headline(self) -> str:
        noun = "question" if self.required == 1 else "questions"
        return f"{self.exercise}: {self.done} of {self.required} {noun} done"

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
    """All events of one session, in memory and, when `LEARNTOOLS_CV_EVENTS` is set, in that file."""

    def __init__(self, session_id: str = "") -> None:
        self.events: list[Event] = []
        self.session_id = session_id
        self._write_failed = False

    def add(self, event: Event) -> None:
        self.events.append(event)
        path = os.environ.get(EVENTS_ENV)
        if path:
            self._append(path, event)

    def _append(self, path: str, event: Event) -> None:
        try:
            line = json.dumps(event.to_json(learner_id(), self.session_id), ensure_ascii=False)
            with open(path, "a", encoding="utf-8") as f:
                f.write(line + "\n")
        except OSError as exc:
            if not self._write_failed:  # say it once, not on every check
                self._write_failed = True
                print(f"learntools_cv: could not write events to {path} ({exc.strerror}).", file=sys.stderr)

    def events_for(self, exercise: str, question: str) -> list[Event]:
        return [e for e in self.events if e.exercise == exercise and e.question == question]


def learner_id() -> str:
    """The anonymous learner id: `LEARNTOOLS_CV_LEARNER`, else a random id kept in the user's home folder
    (made on first use), else 'anonymous' when the home folder cannot be written."""
    given = os.environ.get(LEARNER_ENV, "").strip()
    if given:
        return given
    path = Path.home() / ".learntools_cv" / "learner_id"
    try:
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    except OSError:
        pass
    new = secrets.token_hex(8)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new + "\n", encoding="utf-8")
    except OSError:
        return "anonymous"
    return new


def now() -> datetime:
    return datetime.now(timezone.utc)
