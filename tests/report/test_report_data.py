"""Reading a gradebook and counting it: every figure is compared with the same figure read with plain SQL
(sqlite3, not SQLAlchemy) or with what the synthetic class planted."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from gradebook_factory import HOSTILE, make_result, make_submission, write_gradebook

import learntools_cv.report as report
from learntools_cv.report.data import NotAGradebook, analyse, load_gradebook, message_shape, natural_key


def sql(path: Path, query: str, *args: object) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(query, args).fetchall()


def test_public_names_are_sorted_and_exist() -> None:
    assert report.__all__ == sorted(report.__all__) == sorted(report._HOMES)
    assert all(hasattr(report, name) for name in report.__all__)


def test_the_command_module_imports_light() -> None:
    import subprocess
    import sys

    code = "import sys, learntools_cv.report.cli; print(sorted(m for m in ('numpy', 'sqlalchemy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_questions_in_natural_order_and_counts_per_status(small_gradebook: Path) -> None:
    (a,) = analyse(load_gradebook(small_gradebook)).assignments
    assert [q.question for q in a.questions] == ["q_1", "q_2", "q_10"]
    counts = {q.question: {k: v for k, v in q.counts.items() if v} for q in a.questions}
    # zoë's notebook could not be graded: every question counts as not graded for her.
    assert counts == {
        "q_1": {"correct": 2, "incorrect": 3, "could_not_grade": 1},
        "q_2": {"correct": 2, "incorrect": 2, "could_not_grade": 2},
        "q_10": {"correct": 1, "not_attempted": 1, "could_not_grade": 1, "no_result": 3},
    }
    assert a.questions[2].bonus and not a.questions[0].bonus


def test_mistake_counts_with_message_and_example(small_gradebook: Path) -> None:
    (a,) = analyse(load_gradebook(small_gradebook)).assignments
    q1 = a.questions[0]
    assert [(m.mistake, m.count, m.example) for m in q1.mistakes] == [
        ("avg-pooling", 2, HOSTILE),  # '<' sorts before 'b': the first learner in sort order
        ("window-3x3", 1, "o'brien & co"),
    ]
    assert q1.mistakes[0].message == "Incorrect: It looks like you used average pooling.\nUse pooling_type='MAX'."
    assert q1.unnamed == ()


def test_unnamed_wrong_answers_group_by_message_shape(small_gradebook: Path) -> None:
    (a,) = analyse(load_gradebook(small_gradebook)).assignments
    (group,) = a.questions[1].unnamed
    assert group.shape == "Incorrect: # of # values differ from the expected ones."
    assert (group.count, group.example) == (2, HOSTILE)
    assert group.message == "Incorrect: 3 of 400 values differ from the expected ones."


@pytest.mark.parametrize(
    "line, shape",
    [
        ("Incorrect: 118 of 39601 values differ", "Incorrect: # of # values differ"),
        ("At (70, 115) it is 0.493; expected -1.5e-3.", "At (#, #) it is #; expected #."),
        ("pooled with a 3x3 window in q_1", "pooled with a 3x3 window in q_1"),
        ("\n\n  first words\nsecond line 5", "first words"),
    ],
)
def test_message_shape(line: str, shape: str) -> None:
    assert message_shape(line) == shape


def test_scores_median_and_max(small_gradebook: Path) -> None:
    (a,) = analyse(load_gradebook(small_gradebook)).assignments
    # Required questions: ada 1+1, bo 0, <script> 0, o'brien 1, ed 1 (zoë not graded); bonus apart.
    assert sorted(a.scores) == [0.0, 0.0, 1.0, 1.0, 2.0]
    assert (a.median_score, a.max_score) == (1.0, 2.0)
    assert sorted(a.bonus_scores) == [0.0, 0.0, 0.0, 0.0, 2.0] and a.bonus_max == 2.0


def test_summary_not_graded_and_timing(small_gradebook: Path) -> None:
    r = analyse(load_gradebook(small_gradebook))
    assert (r.submissions, r.graded, r.could_not_grade) == (6, 5, 1)
    assert [(n.learner, n.question, n.reason) for n in r.not_graded] == [
        ("ed", "q_2", "Could not grade: the check ran for more than 30 seconds and was stopped."),
        ("zoë", None, "The notebook is not valid JSON (line 1, column 1)."),
    ]
    assert [(n.learner, n.reason) for n in r.noted] == [("ed", "q_2 could not be graded.")]
    t = r.timing
    assert (t.submissions_timed, t.median_seconds, t.max_seconds) == (6, 2.5, 31.0)
    assert [s.learner for s in t.slowest] == ["ed", "bo", "ada", HOSTILE, "o'brien & co"]
    assert [(run.seconds, run.submissions) for run in t.runs] == [(42.0, 6)]


def test_class_counts_equal_sql_and_the_planted_mistakes(class_300) -> None:
    path, synthetic = class_300
    (a,) = analyse(load_gradebook(path)).assignments
    for q in a.questions:
        from_sql = dict(
            sql(
                path,
                "SELECT mistake, COUNT(*) FROM results WHERE question = ? AND mistake IS NOT NULL GROUP BY mistake",
                q.question,
            )
        )
        assert {m.mistake: m.count for m in q.mistakes} == from_sql
        assert Counter({m.mistake: m.count for m in q.mistakes}) == synthetic.planted[q.question]
        [(unnamed,)] = sql(
            path,
            "SELECT COUNT(*) FROM results WHERE question = ? AND mistake IS NULL AND status = 'incorrect'",
            q.question,
        )
        assert q.unnamed_count == unnamed == synthetic.unnamed[q.question]
        for status in ("correct", "incorrect", "not_attempted"):
            [(n,)] = sql(path, "SELECT COUNT(*) FROM results WHERE question = ? AND status = ?", q.question, status)
            assert q.counts[status] == n == synthetic.statuses[q.question][status]
        assert q.total == 300
    assert a.questions[0].mistakes[0].count > a.questions[0].mistakes[-1].count  # most frequent first


def test_one_assignment_of_several(tmp_path: Path) -> None:
    path = write_gradebook(
        tmp_path / "g.sqlite",
        [
            make_submission("ada", assignment="ex3"),
            make_submission(
                "ada", assignment="ex4", results=[make_result(question="q_1", status="incorrect", message="no")]
            ),
        ],
    )
    gradebook = load_gradebook(path)
    assert [a.assignment for a in analyse(gradebook).assignments] == ["ex3", "ex4"]
    (only,) = analyse(gradebook, "ex4").assignments
    assert only.questions[0].counts["incorrect"] == 1


def test_natural_key() -> None:
    assert sorted(["q_10", "q_2", "q_1", "q_3.b", "q_3.a"], key=natural_key) == ["q_1", "q_2", "q_3.a", "q_3.b", "q_10"]


# --------------------------------------------------------------------------------- not a gradebook


def test_a_text_file_is_not_a_gradebook(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    with pytest.raises(NotAGradebook, match="^it is not an SQLite database$"):
        load_gradebook(path)


def test_a_missing_file_is_not_a_gradebook(tmp_path: Path) -> None:
    with pytest.raises(NotAGradebook, match="^no such file$"):
        load_gradebook(tmp_path / "nothing.sqlite")
    assert not (tmp_path / "nothing.sqlite").exists()  # reading never creates one


def test_another_sqlite_database_is_not_a_gradebook(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(NotAGradebook, match="^it has no meta or submissions or results table$"):
        load_gradebook(path)


def test_a_gradebook_of_another_schema_version_names_both_versions(tmp_path: Path) -> None:
    path = write_gradebook(tmp_path / "g.sqlite", [make_submission()], meta={"schema_version": "3"})
    with pytest.raises(NotAGradebook, match="^its schema version is 3; this learntools_cv reads versions 1 and 2$"):
        load_gradebook(path)


def test_a_results_table_without_a_required_column(tmp_path: Path) -> None:
    path = write_gradebook(tmp_path / "g.sqlite", [make_submission()])
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE results DROP COLUMN message")
    with pytest.raises(NotAGradebook, match="^its results table has no message column$"):
        load_gradebook(path)


def test_added_columns_are_ignored_and_optional_ones_may_be_missing(tmp_path: Path) -> None:
    path = write_gradebook(tmp_path / "g.sqlite", [make_submission()])
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE results ADD COLUMN added_later TEXT")
        conn.execute("ALTER TABLE results DROP COLUMN seconds")
        conn.execute("DROP TABLE runs")
    gradebook = load_gradebook(path)
    assert gradebook.runs == ()
    assert gradebook.submissions[0].results[0].seconds is None


def test_a_gradebook_being_written_reads_its_committed_rows(tmp_path: Path) -> None:
    # The grading command keeps SQLite in WAL mode and commits one submission at a time; a report made
    # during the run shows every submission committed so far.
    path = write_gradebook(tmp_path / "g.sqlite", [make_submission("ada")])
    writer = sqlite3.connect(path)
    try:
        writer.execute("PRAGMA journal_mode=WAL")
        writer.execute("INSERT INTO submissions (learner, assignment, status) VALUES ('bo', 'ex3', 'graded')")
        writer.commit()
        writer.execute("INSERT INTO submissions (learner, assignment, status) VALUES ('cy', 'ex3', 'graded')")
        assert [s.learner for s in load_gradebook(path).submissions] == ["ada", "bo"]
    finally:
        writer.close()


@pytest.mark.postgres
def test_a_postgresql_gradebook_reads_like_the_sqlite_one(postgres_url: str, small_gradebook: Path) -> None:
    from gradebook_factory import small_class

    write_gradebook(postgres_url, small_class())
    from_pg = analyse(load_gradebook(postgres_url))
    from_sqlite = analyse(load_gradebook(small_gradebook))
    assert from_pg.source.startswith("postgresql+psycopg://postgres@/postgres")
    assert from_pg.assignments == from_sqlite.assignments
    assert (from_pg.submissions, from_pg.graded, from_pg.not_graded) == (6, 5, from_sqlite.not_graded)
