"""Reading learners' events and counting how they got to Correct: the synthetic cohort's planted figures come
back exactly, old events count as one unknown learner per file, and bad lines are skipped and counted."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from events_factory import START, make_event, synthetic_cohort, write_events

from learntools_cv.report.events import aggregate, read_events


def questions(report):
    (exercise,) = report.exercises
    return {q.question: q for q in exercise.questions}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("cohort")
    return synthetic_cohort(folder, 400, seed=3), folder


def test_the_cohorts_planted_figures_come_back(cohort) -> None:
    planted, folder = cohort
    report = aggregate(read_events([folder]))
    assert report.learners == 400 and report.unknown_learners == 0 and report.sessions == 400
    for name, q in questions(report).items():
        assert q.attempts == dict(sorted(planted.attempts[name].items())), name
        assert q.mistakes_before_correct == dict(planted.mistakes_before_correct[name]), name
        assert q.hint_first == planted.hint_first[name]
        assert q.solution_first == planted.solution_first[name]
        assert q.gave_up == planted.stopped[name]
        assert q.correct == sum(planted.attempts[name].values())
    (exercise,) = report.exercises
    assert exercise.finished == 400 - sum(planted.stopped.values())


def check(t: int, **kw):
    return make_event(time=START + timedelta(minutes=t), **kw)


def test_attempts_mistakes_and_help_before_correct(tmp_path: Path) -> None:
    events = [
        check(0, status="not_attempted", message="Not attempted."),  # the starter code: not an attempt
        check(1, status="incorrect", mistake="avg-pooling"),
        check(2, interaction="hint", status="hint", hint=1),
        check(3, status="incorrect", mistake="avg-pooling"),
        check(4, status="incorrect", mistake=None),
        check(5, status="correct"),
        check(6, status="incorrect", mistake="window-3x3"),  # after Correct: not on the way
    ]
    report = aggregate(read_events([write_events(tmp_path / "a.jsonl", events)]))
    q = questions(report)["q_1"]
    assert q.attempts == {4: 1}
    assert q.mistakes_before_correct == {"avg-pooling": 1}
    assert q.unnamed_before_correct == 1
    assert (q.hint_first, q.solution_first, q.gave_up) == (1, 0, 0)
    assert q.median_attempts == 4


def test_where_learners_stopped_is_their_last_unsolved_question(tmp_path: Path) -> None:
    events = [
        check(0, question="q_1", status="correct"),
        check(1, question="q_2", status="incorrect"),
        check(2, question="q_3", status="incorrect"),  # the last question touched without Correct
        check(3, question="q_1", interaction="hint", status="hint"),  # a later look back at a solved one
    ]
    report = aggregate(read_events([write_events(tmp_path / "a.jsonl", events)]))
    assert {name: q.gave_up for name, q in questions(report).items()} == {"q_1": 0, "q_2": 0, "q_3": 1}
    assert report.exercises[0].finished == 0


def test_events_are_ordered_by_time_across_files_of_one_learner(tmp_path: Path) -> None:
    # Two kernel sessions of one learner, in two files given in the "wrong" order.
    later = write_events(tmp_path / "b.jsonl", [check(10, session="s2", status="correct")])
    earlier = write_events(tmp_path / "a.jsonl", [check(1, session="s1", status="incorrect", mistake="stride-1")])
    report = aggregate(read_events([later, earlier]))
    q = questions(report)["q_1"]
    assert q.attempts == {2: 1} and q.mistakes_before_correct == {"stride-1": 1}
    assert report.learners == 1 and report.sessions == 2


OLD_FIELDS = ("time", "exercise", "question", "interaction", "status", "message")


def test_old_events_count_as_one_unknown_learner_per_file(tmp_path: Path) -> None:
    old = [
        {k: v for k, v in check(i, status=s).items() if k in OLD_FIELDS} for i, s in enumerate(["incorrect", "correct"])
    ]
    a = write_events(tmp_path / "alice" / "events.jsonl", old)
    b = write_events(tmp_path / "bob" / "events.jsonl", old[:1])
    log = read_events([tmp_path])
    assert [f.old_events for f in log.files] == [2, 1]
    report = aggregate(log)
    assert report.learners == report.unknown_learners == 2
    assert {e.learner for e in log.events} == {f"unknown learner ({a})", f"unknown learner ({b})"}
    q = questions(report)["q_1"]
    assert (q.correct, q.gave_up, q.attempts) == (1, 1, {2: 1})
    assert q.mistakes_before_correct == {}  # old events name no mistake


def test_bad_lines_are_skipped_counted_and_said_why(tmp_path: Path) -> None:
    good = json.dumps(check(0))
    path = tmp_path / "events.jsonl"
    lines = [
        good.encode(),
        b"{not json",
        b"[1, 2]",
        b"",
        json.dumps({**check(0), "time": "yesterday"}).encode(),
        json.dumps({**check(0), "interaction": "peek"}).encode(),
        json.dumps({k: v for k, v in check(0).items() if k != "question"}).encode(),
        json.dumps({**check(0), "schema": "one"}).encode(),
        b"\xff\xfe{}",
        good[: len(good) // 2].encode(),  # a line cut short by a full disk
    ]
    path.write_bytes(b"\n".join(lines))
    log = read_events([path])
    assert len(log.events) == 1
    assert log.skipped_total == 8
    assert [(s.line, s.reason) for s in log.skipped] == [
        (2, "not valid JSON"),
        (3, "a JSON list, not an object"),
        (5, "time 'yesterday' is not ISO-8601"),
        (6, "interaction 'peek' is not one of check, hint, solution"),
        (7, "no question"),
        (8, "schema is 'one', not a version number"),
        (9, "not UTF-8 text"),
        (10, "not valid JSON"),
    ]
    assert log.files[0].lines == 10 and log.files[0].skipped == 8


def test_many_bad_lines_keep_fifty_examples_and_count_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "junk.jsonl"
    path.write_text("junk\n" * 120)
    log = read_events([path])
    assert (log.skipped_total, len(log.skipped), log.events) == (120, 50, ())


def test_newer_schema_events_are_read_by_the_fields_they_share(tmp_path: Path) -> None:
    log = read_events([write_events(tmp_path / "e.jsonl", [check(0, schema=2, new_field=[1, 2])])])
    assert log.newer_schema == 1 and len(log.events) == 1
