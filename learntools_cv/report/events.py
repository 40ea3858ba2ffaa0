"""Reading learners' check events (LEARNTOOLS_CV_EVENTS JSON lines) and counting how they got to Correct.

`read_events` turns files into `Event`s and never raises on their content: a line that is not an event is
skipped and counted, with its file, line number and the reason. Events written before schema 1 (no `learner`,
`session`, `mistake` or `hint` field) are read too; each such file counts as one unknown learner. `aggregate`
is pure: from events to an `EventsReport`. The schema is in docs/events.md.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from learntools_cv.report.data import natural_key

SCHEMA_VERSION = 1
INTERACTIONS = ("check", "hint", "solution")
UNKNOWN_EXERCISE = "(unknown exercise)"
ATTEMPT_STATUSES = ("correct", "incorrect")
"""A check counts as an attempt when it judged an answer (not the starter code, not a checker failure)."""
MAX_EXAMPLES = 50
"""Skipped lines listed one by one; the rest are only counted."""


@dataclass(frozen=True)
class Event:
    """One check, hint or solution call, as read from a line."""

    time: datetime
    learner: str
    """The learner id, or 'unknown learner (FILE)' for events written without one."""
    session: str | None
    exercise: str
    question: str
    interaction: str
    status: str
    mistake: str | None
    message: str
    hint: int | None
    schema: int
    """0 for events written before schema 1."""
    order: int
    """Position in the input (file by file, line by line), to keep equal times in the order they were written."""


@dataclass(frozen=True)
class SkippedLine:
    path: str
    line: int
    reason: str


@dataclass(frozen=True)
class FileSummary:
    path: str
    lines: int
    events: int
    skipped: int
    old_events: int
    """Events without the schema 1 fields."""


@dataclass(frozen=True)
class EventLog:
    """What the files held: the events, and what was skipped and why."""

    events: tuple[Event, ...]
    files: tuple[FileSummary, ...]
    skipped: tuple[SkippedLine, ...]
    """The first MAX_EXAMPLES skipped lines."""
    skipped_total: int
    newer_schema: int = 0
    """Events of a schema newer than this reader's, read by the fields it knows."""


def _unknown(path: str) -> str:
    # The whole path: collected files are often all called events.jsonl, in one folder per learner.
    return f"unknown learner ({path})"


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _event(obj: object, path: str, order: int) -> Event | str:
    """The event on a line, or the reason it is not one."""
    if not isinstance(obj, dict):
        return f"a JSON {type(obj).__name__}, not an object"
    schema = obj.get("schema", 0)
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        return f"schema is {schema!r}, not a version number"
    time = _parse_time(obj.get("time"))
    if time is None:
        return "no ISO-8601 time" if "time" not in obj else f"time {str(obj.get('time'))[:40]!r} is not ISO-8601"
    question = obj.get("question")
    if not isinstance(question, str) or not question:
        return "no question"
    interaction = obj.get("interaction")
    if interaction not in INTERACTIONS:
        return f"interaction {interaction!r} is not one of check, hint, solution"
    status = obj.get("status")
    if not isinstance(status, str) or not status:
        return "no status"
    learner = obj.get("learner")
    exercise = obj.get("exercise")
    mistake = obj.get("mistake")
    hint = obj.get("hint")
    session = obj.get("session")
    message = obj.get("message")
    return Event(
        time=time,
        learner=learner if isinstance(learner, str) and learner else _unknown(path),
        session=session if isinstance(session, str) and session else None,
        exercise=exercise if isinstance(exercise, str) and exercise else UNKNOWN_EXERCISE,
        question=question,
        interaction=interaction,
        status=status,
        mistake=mistake if isinstance(mistake, str) and mistake else None,
        message=message if isinstance(message, str) else "",
        hint=hint if isinstance(hint, int) and not isinstance(hint, bool) else None,
        schema=schema,
        order=order,
    )


def read_events(paths: Iterable[str | Path]) -> EventLog:
    """Read JSONL event files (a directory means every *.jsonl file under it). Never raises on content;
    raises OSError only for a file that cannot be opened."""
    events: list[Event] = []
    files: list[FileSummary] = []
    skipped: list[SkippedLine] = []
    skipped_total = newer = 0
    for path in expand(paths):
        lines = good = bad = old = 0
        with open(path, "rb") as f:
            for number, raw in enumerate(f, 1):
                lines += 1
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw.decode("utf-8"))
                    found = _event(obj, str(path), len(events))
                except UnicodeDecodeError:
                    found = "not UTF-8 text"
                except (ValueError, RecursionError):
                    found = "not valid JSON"
                if isinstance(found, str):
                    bad += 1
                    skipped_total += 1
                    if len(skipped) < MAX_EXAMPLES:
                        skipped.append(SkippedLine(str(path), number, found))
                    continue
                good += 1
                old += found.schema < SCHEMA_VERSION
                newer += found.schema > SCHEMA_VERSION
                events.append(found)
        files.append(FileSummary(str(path), lines, good, bad, old))
    return EventLog(tuple(events), tuple(files), tuple(skipped), skipped_total, newer)


def expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.jsonl")) if p.is_dir() else [p])
    return out


# --------------------------------------------------------------------------------------------- analysis


@dataclass(frozen=True)
class QuestionEvents:
    """How the learners who touched one question got on with it."""

    exercise: str
    question: str
    learners: int
    """Learners with any event on it."""
    correct: int
    """Learners who reached Correct."""
    attempts: Mapping[int, int]
    """Attempts to the first Correct (that one included) -> learners."""
    mistakes_before_correct: Mapping[str, int]
    """Mistake id -> learners who got it before their first Correct."""
    unnamed_before_correct: int
    """Learners with a wrong answer that named no mistake before their first Correct."""
    mistakes_never_correct: Mapping[str, int]
    """Mistake id -> learners who got it and never reached Correct."""
    unnamed_never_correct: int
    """Learners with a wrong answer that named no mistake who never reached Correct."""
    hint_first: int
    """Learners who opened a hint (and not the solution) before their first Correct."""
    solution_first: int
    """Learners who opened the solution before their first Correct."""
    gave_up: int
    """Learners for whom this is the last question they touched without reaching Correct."""

    @property
    def median_attempts(self) -> float | None:
        values = [n for n, k in self.attempts.items() for _ in range(k)]
        return statistics.median(values) if values else None


@dataclass(frozen=True)
class ExerciseEvents:
    exercise: str
    learners: int
    finished: int
    """Learners who reached Correct on every question they touched."""
    questions: tuple[QuestionEvents, ...]


@dataclass(frozen=True)
class EventsReport:
    """What the events page shows."""

    log: EventLog
    learners: int
    unknown_learners: int
    sessions: int
    exercises: tuple[ExerciseEvents, ...] = field(default=())


def _question(exercise: str, question: str, by_learner: Mapping[str, Sequence[Event]], gave_up: int) -> QuestionEvents:
    attempts: Counter[int] = Counter()
    before: Counter[str] = Counter()
    never: Counter[str] = Counter()
    unnamed = unnamed_never = hint_first = solution_first = correct = 0
    for events in by_learner.values():
        tries = 0
        mistakes: set[str] = set()
        saw_unnamed = hint = solution = solved = False
        for ev in events:
            if ev.interaction == "hint":
                hint = True
            elif ev.interaction == "solution":
                solution = True
            elif ev.status in ATTEMPT_STATUSES:
                tries += 1
                if ev.status == "correct":
                    solved = True
                    break
                if ev.mistake:
                    mistakes.add(ev.mistake)
                else:
                    saw_unnamed = True
        if solved:
            correct += 1
            attempts[tries] += 1
            before.update(mistakes)
            unnamed += saw_unnamed
            solution_first += solution
            hint_first += hint and not solution
        else:
            never.update(mistakes)
            unnamed_never += saw_unnamed
    return QuestionEvents(
        exercise=exercise,
        question=question,
        learners=len(by_learner),
        correct=correct,
        attempts=dict(sorted(attempts.items())),
        mistakes_before_correct=dict(sorted(before.items(), key=lambda kv: (-kv[1], kv[0]))),
        unnamed_before_correct=unnamed,
        unnamed_never_correct=unnamed_never,
        mistakes_never_correct=dict(sorted(never.items(), key=lambda kv: (-kv[1], kv[0]))),
        hint_first=hint_first,
        solution_first=solution_first,
        gave_up=gave_up,
    )


def aggregate(log: EventLog) -> EventsReport:
    """Count, per exercise and question, how learners reached Correct and where they stopped. Pure."""
    ordered = sorted(log.events, key=lambda ev: (ev.time, ev.order))
    # exercise -> question -> learner -> events in time order
    tree: dict[str, dict[str, dict[str, list[Event]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for ev in ordered:
        tree[ev.exercise][ev.question][ev.learner].append(ev)
    exercises = []
    for exercise in sorted(tree):
        questions = tree[exercise]
        learners = {learner for per in questions.values() for learner in per}
        stopped: Counter[str] = Counter()
        finished = 0
        for learner in learners:
            unsolved = [
                (per[learner][-1].time, per[learner][-1].order, q)
                for q, per in questions.items()
                if learner in per
                and not any(ev.interaction == "check" and ev.status == "correct" for ev in per[learner])
            ]
            if unsolved:
                stopped[max(unsolved)[2]] += 1
            else:
                finished += 1
        exercises.append(
            ExerciseEvents(
                exercise=exercise,
                learners=len(learners),
                finished=finished,
                questions=tuple(
                    _question(exercise, q, questions[q], stopped[q]) for q in sorted(questions, key=natural_key)
                ),
            )
        )
    learners = {ev.learner for ev in log.events}
    return EventsReport(
        log=log,
        learners=len(learners),
        unknown_learners=sum(1 for name in learners if name.startswith("unknown learner (")),
        sessions=len({(ev.learner, ev.session) for ev in log.events if ev.session}),
        exercises=tuple(exercises),
    )
