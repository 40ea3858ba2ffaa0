"""The gradebook: SQLite by default, PostgreSQL by SQLAlchemy URL; its tables are `schema`'s (docs/grading.md).

Only the grading client writes it, one transaction per submission, so an interrupted run keeps every
submission already graded. `Gradebook.unchanged` lets a re-run skip submissions whose content is the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from learntools_cv.grading.results import GradeReport
from learntools_cv.grading.safety import csv_cell
from learntools_cv.grading.schema import SCHEMA_VERSION, meta, metadata, results, runs, submissions, upgrade


class GradebookError(Exception):
    """The gradebook cannot be opened or has an unknown schema. The message names the fix."""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def url_for(target: str) -> str:
    """A SQLAlchemy URL for a file path or URL; `postgresql://` uses the psycopg 3 driver."""
    if "://" not in target:
        return f"sqlite:///{os.path.abspath(target)}"
    if target.startswith("postgresql://") or target.startswith("postgres://"):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


@dataclass(frozen=True)
class StoredResult:
    """One row of `results`, joined with its submission's learner and assignment."""

    learner: str
    assignment: str
    question: str
    status: str
    mistake: str | None
    message: str
    points: float
    max_points: float
    bonus: bool
    label: str | None = None
    body: str | None = None


class Gradebook:
    """An open gradebook."""

    def __init__(self, target: str) -> None:
        self.url = url_for(target)
        try:
            self.engine = sa.create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            _create_tables(self.engine)
            try:
                self._check_version(target)
            except sa.exc.IntegrityError:  # another process wrote the version at the same moment: read it
                self._check_version(target)
        except sa.exc.SQLAlchemyError as exc:
            raise GradebookError(f"The gradebook {target} cannot be opened: {exc.__class__.__name__}: "
                                 f"{str(exc).splitlines()[0]}") from None

    def _check_version(self, target: str) -> None:
        """Write the schema version into a new gradebook, upgrade an older one, refuse a newer one."""
        with self.engine.begin() as conn:
            found = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
            if found is None:
                from learntools_cv import __version__ as version

                conn.execute(meta.insert(), [
                    {"key": "schema_version", "value": SCHEMA_VERSION},
                    {"key": "created_at", "value": now()},
                    {"key": "learntools_cv_version", "value": str(version)},
                ])
            elif found == "1":  # a gradebook written before feedback was kept as data: upgraded in place
                upgrade(conn)
            elif found != SCHEMA_VERSION:
                raise GradebookError(
                    f"The gradebook {target} has schema version {found}; this learntools_cv writes version "
                    f"{SCHEMA_VERSION}. Use a new gradebook file or a matching learntools_cv."
                )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ---- runs ----

    def start_run(self, submissions_count: int, workers: int, scheduler: str) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(runs.insert().values(
                started_at=now(), submissions=submissions_count, workers=workers, scheduler=scheduler))
            return _inserted_id(result)

    def finish_run(self, run_id: int, seconds: float) -> None:
        with self.engine.begin() as conn:
            conn.execute(runs.update().where(runs.c.id == run_id).values(finished_at=now(), seconds=seconds))

    # ---- submissions ----

    def unchanged(self, learner: str, assignment: str, content_hash: str) -> bool:
        """True if this learner's submission for this assignment was graded from the same content."""
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(submissions.c.content_hash).where(
                    submissions.c.learner == learner, submissions.c.assignment == assignment)
            ).scalar()
        return found == content_hash

    def previous_seconds(self) -> dict[tuple[str, str], float]:
        """How long each stored submission's last grading took, by (learner, assignment)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(submissions.c.learner, submissions.c.assignment, submissions.c.seconds))
            return {(r.learner, r.assignment): float(r.seconds) for r in rows if r.seconds is not None}

    def record(self, report: GradeReport, run_id: int | None) -> int:
        """Store one graded submission (replacing an earlier grading of it) in one transaction."""
        values = {
            "learner": report.learner, "assignment": report.assignment, "path": report.path,
            "content_hash": report.content_hash, "exercise": report.exercise, "status": report.status,
            "reason": report.reason, "graded_at": now(), "seconds": report.seconds, "run_id": run_id,
        }
        with self.engine.begin() as conn:
            existing = conn.execute(sa.select(submissions.c.id).where(
                submissions.c.learner == report.learner, submissions.c.assignment == report.assignment)).scalar()
            if existing is None:
                sid = _inserted_id(conn.execute(submissions.insert().values(**values)))
            else:
                sid = int(existing)
                conn.execute(submissions.update().where(submissions.c.id == sid).values(**values))
                conn.execute(results.delete().where(results.c.submission_id == sid))
            if report.rows:
                conn.execute(results.insert(), [
                    {"submission_id": sid, "question": r.question, "status": r.status, "mistake": r.mistake,
                     "message": r.message, "label": r.label, "body": r.body, "points": r.points, "max_points": r.max_points, "bonus": r.bonus,
                     "seconds": r.seconds}
                    for r in report.rows
                ])
        return sid

    # ---- reading ----

    def submissions(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(submissions).order_by(submissions.c.learner, submissions.c.assignment))
            return [dict(r._mapping) for r in rows]

    def results(self) -> list[StoredResult]:
        query = sa.select(
            submissions.c.learner, submissions.c.assignment, results.c.question, results.c.status,
            results.c.mistake, results.c.message, results.c.points, results.c.max_points, results.c.bonus,
            results.c.label, results.c.body,
        ).join(submissions, submissions.c.id == results.c.submission_id)
        with self.engine.connect() as conn:
            return [StoredResult(**dict(r._mapping)) for r in conn.execute(query)]

    def runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(runs).order_by(runs.c.id))]


def _inserted_id(result: sa.CursorResult[Any]) -> int:
    """The id of the row an INSERT just added."""
    key = result.inserted_primary_key
    if key is None:  # SQLAlchemy has none only for statements that insert no single row
        raise GradebookError("the gradebook did not return the id of the row it added")
    return int(key[0])


def _create_tables(engine: sa.Engine) -> None:
    """Create the tables that are missing. Another process (a report, a second grader) may be creating them at
    the same moment: its tables then exist, and a second look finds them."""
    try:
        metadata.create_all(engine)
    except sa.exc.OperationalError:
        metadata.create_all(engine)


def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # a killed grader leaves a consistent file
    cursor.close()


def export_csv(book: Gradebook, path: str | os.PathLike[str]) -> int:
    """Write one row per learner and assignment: each question's points, the total and the bonus total.
    Returns the number of rows written."""
    from learntools_cv.grading.judge import natural_key

    stored = book.results()
    subs = book.submissions()
    regular = sorted({r.question for r in stored if not r.bonus}, key=natural_key)
    bonus = sorted({r.question for r in stored if r.bonus}, key=natural_key)
    by_key: dict[tuple[str, str], dict[str, StoredResult]] = {}
    for r in stored:
        by_key.setdefault((r.learner, r.assignment), {})[r.question] = r
    header = [csv_cell(h) for h in ["learner", "assignment", "status", *regular, "total", "max_total", *bonus,
                                    "bonus_total", "bonus_max"]]
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        for sub in subs:
            rows = by_key.get((sub["learner"], sub["assignment"]), {})
            # Learners choose their names: no cell may start a formula in a spreadsheet.
            line: list[Any] = [csv_cell(sub["learner"]), csv_cell(sub["assignment"]), csv_cell(sub["status"])]
            line += [_points(rows.get(q)) for q in regular]
            line += [_total(rows, regular, "points"), _total(rows, regular, "max_points")]
            line += [_points(rows.get(q)) for q in bonus]
            line += [_total(rows, bonus, "points"), _total(rows, bonus, "max_points")]
            out.writerow(line)
            written += 1
    return written


def _points(row: StoredResult | None) -> str:
    return "" if row is None else _number(row.points)


def _total(rows: dict[str, StoredResult], questions: Sequence[str], attr: str) -> str:
    return _number(sum(getattr(rows[q], attr) for q in questions if q in rows))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
