"""The gradebook's schema, defined once (grading/schema.py) and used by its writer and by the report; each
result's feedback kept as data (label, words, mistake id); a version 1 gradebook upgraded in place, losing
nothing; a version the code does not know refused with words."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from learntools_cv.grading import feedback, schema
from learntools_cv.grading.gradebook import Gradebook, GradebookError
from learntools_cv.grading.results import GradeReport, QuestionRow
from learntools_cv.report import data as report_data

ROWS = (
    QuestionRow("q_1", "correct", "Correct", 1.0, 1.0, False, label="Correct", body=""),
    QuestionRow("q_2", "incorrect", "Incorrect: It looks like you used average pooling.", 0.0, 1.0, False,
                mistake="avg-pooling", label="Incorrect", body="It looks like you used average pooling."),
    QuestionRow("q_3", "not_attempted", "Not attempted: `pooled` still holds the placeholder `____`.", 0.0, 1.0,
                True, label="Not attempted", body="`pooled` still holds the placeholder `____`."),
)


def report(learner: str = "ada") -> GradeReport:
    return GradeReport(learner=learner, assignment="ex3", path=f"{learner}.ipynb", content_hash="h",
                       exercise="learntools_cv.ex3", status="graded", reason="", rows=ROWS)


def test_the_writer_and_the_report_use_one_definition() -> None:
    import learntools_cv.grading.gradebook as gradebook

    assert gradebook.results is schema.results and gradebook.submissions is schema.submissions
    assert schema.REQUIRED["results"] == ("submission_id", "question", "status", "message", "points",
                                          "max_points", "bonus")
    assert not hasattr(report_data, "SCHEMA_VERSION") and not hasattr(report_data, "_REQUIRED")


def test_feedback_is_stored_and_read_back_as_data(tmp_path: Path) -> None:
    book = tmp_path / "book.sqlite"
    with Gradebook(str(book)) as gb:
        gb.record(report(), run_id=None)
        stored = {r.question: (r.label, r.body, r.mistake, r.message) for r in gb.results()}
    assert stored["q_2"] == ("Incorrect", "It looks like you used average pooling.", "avg-pooling",
                             "Incorrect: It looks like you used average pooling.")
    read = {r.question: (r.label, r.body) for r in report_data.load_gradebook(book).submissions[0].results}
    assert read["q_3"] == ("Not attempted", "`pooled` still holds the placeholder `____`.")


def test_a_feedback_page_shows_the_label_and_the_words_kept_apart() -> None:
    page = feedback.render(report())
    assert ('<div class="outcome"><strong>Incorrect</strong><pre class="message">It looks like you used average '
            'pooling.</pre></div>') in page


def version_1_gradebook(path: Path) -> None:
    """A gradebook as learntools_cv wrote it before version 2: no label or body."""
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)"))
        conn.execute(sa.text("INSERT INTO meta VALUES ('schema_version', '1')"))
        conn.execute(sa.text("CREATE TABLE submissions (id INTEGER PRIMARY KEY, learner TEXT NOT NULL, assignment "
                             "TEXT NOT NULL, path TEXT, content_hash TEXT, exercise TEXT, status TEXT NOT NULL, "
                             "reason TEXT, graded_at TEXT, seconds FLOAT, run_id INTEGER, UNIQUE (learner, "
                             "assignment))"))
        conn.execute(sa.text("CREATE TABLE results (submission_id INTEGER NOT NULL, question TEXT NOT NULL, status "
                             "TEXT NOT NULL, mistake TEXT, message TEXT NOT NULL, points FLOAT NOT NULL, max_points "
                             "FLOAT NOT NULL, bonus BOOLEAN NOT NULL, seconds FLOAT, PRIMARY KEY (submission_id, "
                             "question))"))
        conn.execute(sa.text("CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT, finished_at TEXT, "
                             "seconds FLOAT, submissions INTEGER, workers INTEGER, scheduler TEXT)"))
        conn.execute(sa.text("INSERT INTO submissions (id, learner, assignment, status) VALUES (1, 'bo', 'ex3', "
                             "'graded')"))
        for question, status, message in (
            ("q_1", "incorrect", "Incorrect: It looks like you used a 3x3 window."),
            ("q_2", "correct", "Correct"),
            ("q_3", "could_not_grade", "Could not grade: cell 3 ran past the 30 s limit and was stopped"),
            ("q_4", "incorrect", "Incorrect:\n`max_pool_2x2` returns the wrong values"),
        ):
            conn.execute(sa.text("INSERT INTO results VALUES (1, :q, :s, NULL, :m, 0, 1, 0, 0.1)"),
                         {"q": question, "s": status, "m": message})
    engine.dispose()


def test_a_version_1_gradebook_is_read_by_the_report_and_upgraded_by_the_grader(tmp_path: Path) -> None:
    book = tmp_path / "old.sqlite"
    version_1_gradebook(book)
    assert [r.label for r in report_data.load_gradebook(book).submissions[0].results] == [None] * 4
    with Gradebook(str(book)) as gb:  # opening it to grade more upgrades it, in one transaction
        stored = {r.question: (r.label, r.body, r.message) for r in gb.results()}
        gb.record(report("cy"), run_id=None)
    assert stored == {
        "q_1": ("Incorrect", "It looks like you used a 3x3 window.", "Incorrect: It looks like you used a 3x3 window."),
        "q_2": ("Correct", "", "Correct"),
        "q_3": ("Could not grade", "cell 3 ran past the 30 s limit and was stopped",
                "Could not grade: cell 3 ran past the 30 s limit and was stopped"),
        "q_4": ("Incorrect", "`max_pool_2x2` returns the wrong values", "Incorrect:\n`max_pool_2x2` returns the wrong values"),
    }
    loaded = report_data.load_gradebook(book)
    assert loaded.meta["schema_version"] == "2" and [s.learner for s in loaded.submissions] == ["bo", "cy"]


def test_an_unknown_version_is_refused_with_words(tmp_path: Path) -> None:
    book = tmp_path / "future.sqlite"
    version_1_gradebook(book)
    engine = sa.create_engine(f"sqlite:///{book}")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE meta SET value = '9' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(GradebookError) as raised:
        Gradebook(str(book))
    assert str(raised.value) == (f"The gradebook {book} has schema version 9; this learntools_cv writes version 2. "
                                 "Use a new gradebook file or a matching learntools_cv.")
    with pytest.raises(report_data.NotAGradebook) as refused:
        report_data.load_gradebook(book)
    assert "its schema version is 9; this learntools_cv reads versions 1 and 2" in str(refused.value)


def test_the_report_groups_unnamed_wrong_answers_by_the_words_kept_as_data(tmp_path: Path) -> None:
    """Two unnamed wrong answers whose words differ only in the learner's numbers are one group, read from the
    stored words (`body`), not from the message with its label taken apart again."""
    book = tmp_path / "book.sqlite"
    with Gradebook(str(book)) as gb:
        for learner, count in (("ada", 12), ("bo", 40)):
            body = f"`image_condense` has the right shape, but its values are off. {count} values differ."
            row = QuestionRow("q_1", "incorrect", f"Incorrect: {body}", 0.0, 1.0, False, label="Incorrect", body=body)
            gb.record(GradeReport(learner=learner, assignment="ex3", path=None, content_hash=learner,
                                  exercise="learntools_cv.ex3", status="graded", reason="", rows=(row,)), run_id=None)
    (question,) = report_data.analyse(report_data.load_gradebook(book)).assignments[0].questions
    assert [(u.shape, u.count) for u in question.unnamed] == [
        ("`image_condense` has the right shape, but its values are off. # values differ.", 2)]


def test_a_gradebook_another_process_creates_at_the_same_moment_opens(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The grader and a teacher's second command (a report, a watcher) may open a new gradebook at once: the
    other one writes the schema version between this one's look and its write, and this one reads it."""
    import sqlite3

    from learntools_cv.grading import gradebook as gradebook_module

    path = tmp_path / "new.sqlite"
    raced: list[str] = []

    def other_process_first(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO META") and not raced:
            other = sqlite3.connect(path, timeout=0)
            other.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                              [("schema_version", gradebook_module.SCHEMA_VERSION), ("created_at", "then"),
                               ("learntools_cv_version", "other")])
            other.commit()
            other.close()
            raced.append(statement)

    original = sa.create_engine

    def engine_with_a_rival(*args, **kwargs):  # type: ignore[no-untyped-def]
        engine = original(*args, **kwargs)
        sa.event.listen(engine, "before_cursor_execute", other_process_first)
        return engine

    monkeypatch.setattr(gradebook_module.sa, "create_engine", engine_with_a_rival)
    with Gradebook(str(path)) as book:
        book.start_run(0, 1, "serial")
    assert raced  # the rival did write first
    rows = sqlite3.connect(path).execute("SELECT key, value FROM meta ORDER BY key").fetchall()
    assert rows == [("created_at", "then"), ("learntools_cv_version", "other"),
                    ("schema_version", gradebook_module.SCHEMA_VERSION)]
