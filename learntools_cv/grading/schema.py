"""The gradebook's schema, defined once: `learntools_cv.grading.gradebook` writes these tables and
`learntools_cv.report.data` reads them (docs/grading.md, "The gradebook").

Version 2 keeps each result's feedback as data: `label` (the word the learner saw first, such as "Incorrect")
and `body` (the words after it) beside `message`, the whole text as the learner read it, and `mistake`, the
id of a named mistake. Version 1 had `message` only; `upgrade` brings a version 1 gradebook to version 2, the
one place where a stored message is split into its label and its words.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from learntools_cv.core.status import LABELS, RESULT_LABELS

SCHEMA_VERSION = "2"
READABLE_VERSIONS = ("1", "2")
"""The versions `learntools_cv.report` reads (a version 1 gradebook has no `label` and `body`)."""

metadata = sa.MetaData()

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text),
)
runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.Text),
    sa.Column("finished_at", sa.Text),
    sa.Column("seconds", sa.Float),
    sa.Column("submissions", sa.Integer),
    sa.Column("workers", sa.Integer),
    sa.Column("scheduler", sa.Text),
)
submissions = sa.Table(
    "submissions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("learner", sa.Text, nullable=False),
    sa.Column("assignment", sa.Text, nullable=False),
    sa.Column("path", sa.Text),
    sa.Column("content_hash", sa.Text),
    sa.Column("exercise", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("graded_at", sa.Text),
    sa.Column("seconds", sa.Float),
    sa.Column("run_id", sa.Integer),
    sa.UniqueConstraint("learner", "assignment"),
)
results = sa.Table(
    "results", metadata,
    sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), primary_key=True, nullable=False),
    sa.Column("question", sa.Text, primary_key=True, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("mistake", sa.Text),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("label", sa.Text),
    sa.Column("body", sa.Text),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("max_points", sa.Float, nullable=False),
    sa.Column("bonus", sa.Boolean, nullable=False),
    sa.Column("seconds", sa.Float),
)



REQUIRED = {
    table.name: tuple(c.name for c in table.columns if not c.nullable or c.primary_key)
    for table in (meta, submissions, results)
}
"""The columns a gradebook of any readable version has, by table."""

ADDED_IN_2 = ("label", "body")
"""The `results` columns version 2 added."""


def split_message(message: str) -> tuple[str, str]:
    """A version 1 message's label and words, for `upgrade` only: the label is one of the words a check shows
    first (`core.status`), followed by ': ' or a new line."""
    for label in sorted({*LABELS.values(), *RESULT_LABELS.values()}, key=len, reverse=True):
        for sep in (": ", ":\n"):
            if message.startswith(label + sep):
                return label, message[len(label) + len(sep):]
        if message == label:
            return label, ""
    return "", message


def upgrade(conn: Any) -> None:
    """Bring a version 1 gradebook to version 2, in the caller's transaction: add `label` and `body` to
    `results` and fill them from each stored message."""
    present = {c["name"] for c in sa.inspect(conn).get_columns("results")}
    for name in ADDED_IN_2:
        if name not in present:
            conn.execute(sa.text(f"ALTER TABLE results ADD COLUMN {name} TEXT"))
    rows = conn.execute(sa.select(results.c.submission_id, results.c.question, results.c.message)).all()
    for sid, question, message in rows:
        label, body = split_message(str(message))
        conn.execute(results.update().where(results.c.submission_id == sid, results.c.question == question)
                     .values(label=label, body=body))
    conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=SCHEMA_VERSION))
