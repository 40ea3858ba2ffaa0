"""Reading a gradebook (SQLite file or database URL) into plain dataclasses, and counting what a class got
wrong from them.

Loading uses SQLAlchemy Core and nothing else touches the database: `load_gradebook` returns a `Gradebook`
of frozen dataclasses, and `analyse` turns one into a `ClassReport` without any I/O. The page is drawn from
a `ClassReport` by `learntools_cv.report.html`.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from learntools_cv.core import status

SQLITE_MAGIC = b"SQLite format 3\x00"

# Gradebook result statuses (core's one vocabulary), in the order they are stacked and listed, and one more.
CORRECT, INCORRECT, NOT_ATTEMPTED, COULD_NOT_GRADE = status.RESULT_STATUSES
NO_RESULT = "no_result"
"""Not stored: a graded submission that has no row for a question the others have."""
RESULT_STATUSES = (*status.RESULT_STATUSES, NO_RESULT)

GRADED = "graded"
"""Submission status of a notebook that was graded (perhaps with some questions not graded)."""


class NotAGradebook(ValueError):
    """The source is not a gradebook this version can read; the message says why."""


class MissingPackage(RuntimeError):
    """Reading this gradebook needs a package that is not installed; the message names the install command."""


INSTALL = "python -m pip install 'learntools_cv[grading]'"


@dataclass(frozen=True)
class Result:
    """One question of one submission, as stored in the `results` table."""

    question: str
    status: str
    """'correct', 'incorrect', 'not_attempted' or 'could_not_grade'."""
    mistake: str | None
    """The stable id of the named mistake, or None (right answers, and wrong answers nobody has named)."""
    message: str
    """The exact plain-text feedback the learner would have seen."""
    points: float
    max_points: float
    bonus: bool
    seconds: float | None = None
    label: str | None = None
    """The word the learner saw first, as data (None in a version 1 gradebook)."""
    body: str | None = None
    """The words after the label, as data (None in a version 1 gradebook)."""


@dataclass(frozen=True)
class Submission:
    """One learner's notebook for one assignment, with its results."""

    id: int
    learner: str
    assignment: str
    status: str
    """'graded' or 'could_not_grade'."""
    reason: str | None = None
    """Why it could not be graded (or why it was graded only in part)."""
    path: str | None = None
    exercise: str | None = None
    graded_at: str | None = None
    seconds: float | None = None
    run_id: int | None = None
    results: tuple[Result, ...] = ()

    @property
    def graded(self) -> bool:
        return self.status == GRADED

    @property
    def score(self) -> float:
        """Points earned on the required (not bonus) questions."""
        return float(sum(r.points for r in self.results if not r.bonus))

    @property
    def bonus_score(self) -> float:
        """Points earned on the bonus questions (kept apart, as the grades export keeps them)."""
        return float(sum(r.points for r in self.results if r.bonus))


@dataclass(frozen=True)
class Run:
    """One `learntools-cv grade` invocation."""

    id: int
    started_at: str | None
    finished_at: str | None
    seconds: float | None
    submissions: int | None
    workers: int | None
    scheduler: str | None


@dataclass(frozen=True)
class Gradebook:
    """Everything the report reads from a gradebook."""

    source: str
    """The file or URL it was read from (with any password removed)."""
    meta: Mapping[str, str]
    submissions: tuple[Submission, ...]
    runs: tuple[Run, ...]


# ---------------------------------------------------------------------------------------------- loading


def natural_key(name: str) -> tuple[Any, ...]:
    """Sort key for question names: q_2 before q_10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def database_url(source: str | Path) -> str:
    """The SQLAlchemy URL for a gradebook given as a file path or a URL."""
    text = str(source)
    if "://" in text:
        # `postgresql://` means psycopg2 to SQLAlchemy; the house installs psycopg 3.
        if text.startswith("postgresql://") or text.startswith("postgres://"):
            return "postgresql+psycopg://" + text.split("://", 1)[1]
        return text
    path = Path(text)
    if not path.is_file():
        raise NotAGradebook("no such file" if not path.exists() else "it is a directory")
    with path.open("rb") as f:
        if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotAGradebook("it is not an SQLite database")
    # Read-only: reading a report never changes, creates or locks a gradebook for writing.
    return f"sqlite:///file:{path.resolve().as_posix()}?mode=ro&uri=true"


def _display(source: str | Path) -> str:
    text = str(source)
    if "://" in text:
        from sqlalchemy.engine import make_url

        return make_url(database_url(text)).render_as_string(hide_password=True)
    return text


def load_gradebook(source: str | Path) -> Gradebook:
    """Read a gradebook. Raises NotAGradebook (with the reason) for anything that is not one."""
    try:
        import sqlalchemy as sa
    except ImportError as exc:
        raise MissingPackage(f"reading a gradebook needs SQLAlchemy, which is not installed: {INSTALL}") from exc

    url = database_url(source)
    try:
        engine = sa.create_engine(url)
    except ImportError as exc:  # the database driver, e.g. psycopg for PostgreSQL
        raise MissingPackage(
            f"reading a {url.split('://', 1)[0]} gradebook needs {exc.name or 'its driver'}, which is not "
            f"installed: {INSTALL}"
        ) from exc
    except sa.exc.ArgumentError as exc:
        raise NotAGradebook(f"cannot open {url.split('://', 1)[0]} URLs ({exc})") from exc
    try:
        with engine.connect() as conn:
            return _read(conn, _display(source))
    except sa.exc.DatabaseError as exc:  # includes "file is not a database" and refused connections
        raise NotAGradebook(str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)) from exc
    finally:
        engine.dispose()


def _read(conn: Any, source: str) -> Gradebook:
    import sqlalchemy as sa

    from learntools_cv.grading import schema

    names = set(sa.inspect(conn).get_table_names())
    missing = [t for t in schema.REQUIRED if t not in names]
    if missing:
        raise NotAGradebook(f"it has no {' or '.join(missing)} table")
    metadata = sa.MetaData()
    tables = {
        t: sa.Table(t, metadata, autoload_with=conn) for t in ("meta", "submissions", "results", "runs") if t in names
    }
    for table, columns in schema.REQUIRED.items():
        absent = [c for c in columns if c not in tables[table].c]
        if absent:
            raise NotAGradebook(f"its {table} table has no {', '.join(absent)} column")

    meta = {str(k): str(v) for k, v in conn.execute(sa.select(tables["meta"].c.key, tables["meta"].c.value))}
    version = meta.get("schema_version")
    if version not in schema.READABLE_VERSIONS:
        raise NotAGradebook(
            "its meta table has no schema_version"
            if version is None
            else f"its schema version is {version}; this learntools_cv reads versions "
                 f"{' and '.join(schema.READABLE_VERSIONS)}"
        )

    def cols(table: Any, names: Sequence[str]) -> list[Any]:
        # Optional columns that an older writer did not make read as NULL.
        return [table.c[n] if n in table.c else sa.null().label(n) for n in names]

    r = tables["results"]
    by_submission: dict[int, list[Result]] = defaultdict(list)
    for row in conn.execute(sa.select(*cols(r, [c.name for c in schema.results.columns]))):
        got = row._mapping
        by_submission[int(got["submission_id"])].append(
            Result(
                question=str(got["question"]),
                status=str(got["status"]),
                mistake=None if got["mistake"] is None or got["mistake"] == "" else str(got["mistake"]),
                message=str(got["message"]),
                points=float(got["points"]),
                max_points=float(got["max_points"]),
                bonus=bool(got["bonus"]),
                seconds=None if got["seconds"] is None else float(got["seconds"]),
                label=None if got["label"] is None else str(got["label"]),
                body=None if got["body"] is None else str(got["body"]),
            )
        )

    s = tables["submissions"]
    sub_columns = (
        "id",
        "learner",
        "assignment",
        "status",
        "reason",
        "path",
        "exercise",
        "graded_at",
        "seconds",
        "run_id",
    )
    submissions = []
    for row in conn.execute(sa.select(*cols(s, sub_columns)).order_by(s.c.assignment, s.c.learner)):
        sid, learner, assignment, status, reason, path, exercise, graded_at, seconds, run_id = row
        results = sorted(by_submission.get(int(sid), ()), key=lambda x: natural_key(x.question))
        submissions.append(
            Submission(
                id=int(sid),
                learner=str(learner),
                assignment=str(assignment),
                status=str(status),
                reason=None if reason is None else str(reason),
                path=None if path is None else str(path),
                exercise=None if exercise is None else str(exercise),
                graded_at=None if graded_at is None else str(graded_at),
                seconds=None if seconds is None else float(seconds),
                run_id=None if run_id is None else int(run_id),
                results=tuple(results),
            )
        )

    runs: list[Run] = []
    if "runs" in tables:
        t = tables["runs"]
        run_columns = ("id", "started_at", "finished_at", "seconds", "submissions", "workers", "scheduler")
        for row in conn.execute(sa.select(*cols(t, run_columns)).order_by(t.c.id)):
            rid, started, finished, seconds, count, workers, scheduler = row
            runs.append(
                Run(
                    id=int(rid),
                    started_at=None if started is None else str(started),
                    finished_at=None if finished is None else str(finished),
                    seconds=None if seconds is None else float(seconds),
                    submissions=None if count is None else int(count),
                    workers=None if workers is None else int(workers),
                    scheduler=None if scheduler is None else str(scheduler),
                )
            )
    return Gradebook(source=source, meta=meta, submissions=tuple(submissions), runs=tuple(runs))


# --------------------------------------------------------------------------------------------- analysis


@dataclass(frozen=True)
class MistakeCount:
    """How many learners made one named mistake on one question."""

    mistake: str
    count: int
    message: str
    """The message most of them saw."""
    example: str
    """One learner who saw that message (the first in sort order, so that the page is reproducible)."""
    messages: int
    """How many different messages carried this mistake id."""
    statuses: Mapping[str, int] = field(default_factory=dict)
    """Their result statuses (almost always all 'incorrect')."""


@dataclass(frozen=True)
class UnnamedWrong:
    """Wrong answers that no mistake id names, grouped by the shape of their message's first line."""

    shape: str
    """The first line with its numbers written as # (see `message_shape`)."""
    count: int
    example: str
    message: str
    """The whole message the example learner saw."""


@dataclass(frozen=True)
class QuestionReport:
    question: str
    bonus: bool
    max_points: float
    counts: Mapping[str, int]
    """Submissions per result status, every status of RESULT_STATUSES present (zero when none)."""
    mistakes: tuple[MistakeCount, ...]
    """Most frequent first."""
    unnamed: tuple[UnnamedWrong, ...]
    """Most frequent first."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def unnamed_count(self) -> int:
        return sum(u.count for u in self.unnamed)


@dataclass(frozen=True)
class AssignmentReport:
    assignment: str
    questions: tuple[QuestionReport, ...]
    submissions: tuple[Submission, ...]
    """All its submissions, ordered by learner."""
    scores: tuple[float, ...]
    """Scores (required questions) of the graded submissions."""
    max_score: float
    """Points available on the required questions."""
    bonus_scores: tuple[float, ...] = ()
    """Bonus points of the graded submissions."""
    bonus_max: float = 0.0
    """Points available on the bonus questions."""

    @property
    def graded(self) -> int:
        return sum(s.graded for s in self.submissions)

    @property
    def median_score(self) -> float | None:
        return statistics.median(self.scores) if self.scores else None


@dataclass(frozen=True)
class NotGraded:
    """A submission, or one question of it, that could not be graded."""

    learner: str
    assignment: str
    question: str | None
    """None when the whole submission could not be graded."""
    reason: str
    path: str | None


@dataclass(frozen=True)
class Timing:
    """How long grading took, from the runs table and the submissions' own times."""

    runs: tuple[Run, ...]
    submissions_timed: int
    median_seconds: float | None
    p95_seconds: float | None
    max_seconds: float | None
    slowest: tuple[Submission, ...]


@dataclass(frozen=True)
class ClassReport:
    """What the page shows about one gradebook."""

    source: str
    submissions: int
    graded: int
    could_not_grade: int
    assignments: tuple[AssignmentReport, ...]
    not_graded: tuple[NotGraded, ...]
    timing: Timing
    noted: tuple[NotGraded, ...] = ()
    """Graded submissions that carry a note from the grader (a cell that raised, a cell stopped), question None."""


def first_line(message: str) -> str:
    for line in message.splitlines():
        if line.strip():
            return line.strip()
    return "(empty message)"


def _mistake_counts(rows: Iterable[tuple[str, Result]]) -> tuple[MistakeCount, ...]:
    groups: dict[str, list[tuple[str, Result]]] = defaultdict(list)
    for learner, result in rows:
        groups[result.mistake or ""].append((learner, result))
    counts = []
    for mistake, members in groups.items():
        messages = Counter(r.message for _, r in members)
        message, _ = min(messages.items(), key=lambda kv: (-kv[1], kv[0]))
        example = min(learner for learner, r in members if r.message == message)
        counts.append(
            MistakeCount(
                mistake=mistake,
                count=len(members),
                message=message,
                example=example,
                messages=len(messages),
                statuses=dict(Counter(r.status for _, r in members)),
            )
        )
    return tuple(sorted(counts, key=lambda m: (-m.count, m.mistake)))


# A number standing alone: not the 3 of "3x3" or the 1 of "q_1", which name things.
_NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?(?![\w])")


def message_shape(message: str) -> str:
    """The first line of a message with every number written as #: messages that differ only in the
    learner's values (positions, counts) have the same shape."""
    return _NUMBER.sub("#", first_line(message))


def _unnamed(rows: Iterable[tuple[str, Result]]) -> tuple[UnnamedWrong, ...]:
    groups: dict[str, list[tuple[str, Result]]] = defaultdict(list)
    for learner, result in rows:
        # The words after the label, kept as data since schema version 2 (the whole message in version 1).
        groups[message_shape(result.message if result.body is None else result.body)].append((learner, result))
    out = []
    for line, members in groups.items():
        learner, result = min(members, key=lambda m: m[0])
        out.append(UnnamedWrong(shape=line, count=len(members), example=learner, message=result.message))
    return tuple(sorted(out, key=lambda u: (-u.count, u.shape)))


def _assignment(name: str, submissions: Sequence[Submission]) -> AssignmentReport:
    questions: dict[str, list[tuple[str, Result]]] = defaultdict(list)
    for sub in submissions:
        for result in sub.results:
            questions[result.question].append((sub.learner, result))
    reports = []
    for question in sorted(questions, key=natural_key):
        rows = questions[question]
        counts = {status: 0 for status in RESULT_STATUSES}
        for _, result in rows:
            # An unknown status from a newer grader is shown as not graded rather than dropped.
            counts[result.status if result.status in counts else COULD_NOT_GRADE] += 1
        for sub in submissions:
            if not any(r.question == question for r in sub.results):
                counts[NO_RESULT if sub.graded else COULD_NOT_GRADE] += 1
        reports.append(
            QuestionReport(
                question=question,
                bonus=any(r.bonus for _, r in rows),
                max_points=max(r.max_points for _, r in rows),
                counts=counts,
                mistakes=_mistake_counts((learner, r) for learner, r in rows if r.mistake is not None),
                unnamed=_unnamed((learner, r) for learner, r in rows if r.mistake is None and r.status == INCORRECT),
            )
        )
    graded = [sub for sub in submissions if sub.graded]
    return AssignmentReport(
        assignment=name,
        questions=tuple(reports),
        submissions=tuple(sorted(submissions, key=lambda s: s.learner)),
        scores=tuple(sub.score for sub in graded),
        max_score=float(sum(q.max_points for q in reports if not q.bonus)),
        bonus_scores=tuple(sub.bonus_score for sub in graded),
        bonus_max=float(sum(q.max_points for q in reports if q.bonus)),
    )


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    # Nearest-rank: a value some submission really took.
    index = max(0, min(len(sorted_values) - 1, int(round(q * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def analyse(gradebook: Gradebook, assignment: str | None = None) -> ClassReport:
    """Count a gradebook's outcomes per question, mistake and learner. Pure: no I/O."""
    submissions = [s for s in gradebook.submissions if assignment is None or s.assignment == assignment]
    by_assignment: dict[str, list[Submission]] = defaultdict(list)
    for sub in submissions:
        by_assignment[sub.assignment].append(sub)
    not_graded = []
    for sub in sorted(submissions, key=lambda s: (s.assignment, s.learner)):
        if not sub.graded:
            not_graded.append(
                NotGraded(sub.learner, sub.assignment, None, sub.reason or "(no reason recorded)", sub.path)
            )
        for r in sub.results:
            if r.status == COULD_NOT_GRADE:
                not_graded.append(NotGraded(sub.learner, sub.assignment, r.question, r.message, sub.path))
    noted = tuple(
        NotGraded(s.learner, s.assignment, None, s.reason, s.path)
        for s in sorted(submissions, key=lambda s: (s.assignment, s.learner))
        if s.graded and s.reason and s.reason.strip()
    )
    timed = sorted(s.seconds for s in submissions if s.seconds is not None)
    run_ids = {s.run_id for s in submissions}
    timing = Timing(
        runs=tuple(r for r in gradebook.runs if assignment is None or r.id in run_ids),
        submissions_timed=len(timed),
        median_seconds=statistics.median(timed) if timed else None,
        p95_seconds=_quantile(timed, 0.95) if timed else None,
        max_seconds=timed[-1] if timed else None,
        slowest=tuple(sorted((s for s in submissions if s.seconds is not None), key=lambda s: -(s.seconds or 0.0))[:5]),
    )
    return ClassReport(
        source=gradebook.source,
        submissions=len(submissions),
        graded=sum(s.graded for s in submissions),
        could_not_grade=sum(not s.graded for s in submissions),
        assignments=tuple(_assignment(name, subs) for name, subs in sorted(by_assignment.items())),
        not_graded=tuple(not_graded),
        timing=timing,
        noted=noted,
    )
