"""The interaction record: which calls are recorded, the events file, checker errors, and `progress()`.

`evaluate()` is for graders and tests: it neither shows nor records. `check()`, `hint()` and `solution()`
record an Event each (in memory, and as a JSON line when LEARNTOOLS_CV_EVENTS names a file; the format is
in docs/architecture.md).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, timezone

import pytest

import learntools_cv.core
import learntools_cv.core.record
from learntools_cv.core import (
    AuthoringError,
    CodingProblem,
    EqualityCheckProblem,
    FunctionProblem,
    MultipartProblem,
    Status,
    ThoughtExperiment,
    current_session,
)
from learntools_cv.core.record import EVENTS_ENV, Event
from learntools_cv.core.session import progress


class Three(EqualityCheckProblem):
    _var = "x"
    _expected = 3
    _hints = ["Count the channels.", "RGB: **three**."]
    _solution = "`x = 3`"


def test_evaluate_neither_shows_nor_records(exercise, ns, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(EVENTS_ENV, str(tmp_path / "events.jsonl"))
    q = exercise(Three)["q_1"]
    ns["x"] = 4
    outcome = q.evaluate()
    assert outcome.status is Status.INCORRECT
    assert q.hint_outcome(2).status is Status.HINT
    assert q.solution_outcome().status is Status.SOLUTION
    assert capsys.readouterr() == ("", "")
    assert current_session().record.events == []
    assert q.interactions == Counter()
    assert not (tmp_path / "events.jsonl").exists()


def test_check_hint_solution_record_events(exercise, ns, capsys):
    q = exercise(Three)["q_1"]
    ns["x"] = 4
    start = datetime.now(timezone.utc)
    q.check()
    q.hint(2)
    q.solution()
    ns["x"] = 3
    q.check()
    end = datetime.now(timezone.utc)
    capsys.readouterr()
    assert [(e.exercise, e.question, e.interaction, e.status, e.message) for e in current_session().record.events] == [
        ("tests.quiz", "q_1", "check", Status.INCORRECT, "Incorrect: Incorrect value for `x`: `4`."),
        ("tests.quiz", "q_1", "hint", Status.HINT, "Hint 2: RGB: three."),
        ("tests.quiz", "q_1", "solution", Status.SOLUTION, "Solution: `x = 3`"),
        ("tests.quiz", "q_1", "check", Status.CORRECT, "Correct: `x = 3`"),
    ]
    times = [e.time for e in current_session().record.events]
    assert all(t.tzinfo is not None and t.utcoffset().total_seconds() == 0 for t in times)
    assert start <= times[0] <= times[1] <= times[2] <= times[3] <= end
    assert q.interactions == Counter({"check": 2, "hint": 1, "solution": 1})
    assert current_session().record.events_for("tests.quiz", "q_1") == current_session().record.events
    assert current_session().record.events_for("tests.quiz", "q_2") == []


def test_parts_record_under_their_dotted_name(exercise, ns, capsys):
    q = exercise(Three, MultipartProblem(Three, ThoughtExperiment))["q_2"]
    q.b.check()
    q.a.hint()
    q.check()  # directions only: not an interaction with a part
    capsys.readouterr()
    assert [(e.question, e.interaction, e.status) for e in current_session().record.events] == [
        ("q_2.b", "check", Status.CORRECT),
        ("q_2.a", "hint", Status.HINT),
    ]
    assert q.b.interactions == Counter({"check": 1})


# ---- checker errors ----

FAULT = (
    "This is a bug in the exercise, not a mistake in your answer. Please report it; meanwhile, compare your "
    "code with the hints."
)


def raise_value_error(self, x):
    raise ValueError("could not broadcast")


def raise_key_error(self, x):
    return {}["kernel"]


def raise_authoring_error(self, x):
    raise AuthoringError("Q compares with a reference that is not set.")


def raise_multiline(self, x):
    raise RuntimeError("first line\n" + "second line " * 20)


@pytest.mark.parametrize(
    ("base", "attrs", "detail"),
    [
        (CodingProblem, {"check": raise_value_error}, ": it raised `ValueError: could not broadcast`."),
        (CodingProblem, {"check": raise_key_error}, ": it raised `KeyError: 'kernel'`."),
        (CodingProblem, {"check": raise_multiline}, ": it raised `RuntimeError: first line`."),
        (CodingProblem, {"check": raise_authoring_error}, " (Q compares with a reference that is not set)."),
        (
            FunctionProblem,
            {"_var": "x"},
            " (Q has no _test_cases: add (args, expected) pairs).",
        ),
    ],
)
def test_a_checker_bug_is_a_checker_error_not_incorrect(question, ns, capsys, base, attrs, detail):
    q = question(base, **{"_var": "x", **attrs})
    ns["x"] = lambda v: v  # a function, so that FunctionProblem reaches its checker
    outcome = q.evaluate()
    message = f"Checker error: The checker for `q_1` failed{detail} {FAULT}"
    assert (outcome.status, outcome.message) == (Status.CHECKER_ERROR, message)
    assert outcome.markdown.startswith('<span style="color:#d35400">**Checker error**</span>: The checker')
    q.check()
    assert capsys.readouterr() == (message + "\n", "")
    (event,) = current_session().record.events
    assert (event.status, event.message) == (Status.CHECKER_ERROR, message)


def test_an_assert_in_a_checker_is_incorrect_not_a_checker_error(question, ns):
    def check(self, x):
        raise AssertionError("`x` is off.")

    q = question(CodingProblem, _var="x", check=check)
    ns["x"] = 1
    assert q.evaluate().status is Status.INCORRECT


# ---- the events file ----

KEYS = ["schema", "time", "learner", "session", "exercise", "question", "interaction", "status", "mistake", "hint",
        "message"]


def test_events_file_gets_one_json_line_per_interaction(exercise, ns, capsys, tmp_path, monkeypatch):
    path = tmp_path / "events.jsonl"
    path.write_text('{"earlier": "line"}\n', encoding="utf-8")
    monkeypatch.setenv(EVENTS_ENV, str(path))
    monkeypatch.setenv("HOME", str(tmp_path))  # the anonymous learner id is kept in ~/.learntools_cv
    monkeypatch.delenv("LEARNTOOLS_CV_LEARNER", raising=False)
    q = exercise(Three, ThoughtExperiment)["q_1"]
    ns["x"] = "drei ü"
    q.check()
    q.hint()
    q.solution()
    capsys.readouterr()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"earlier": "line"}'
    events = [json.loads(line) for line in lines[1:]]
    assert [list(e) for e in events] == [KEYS] * 3
    learner = (tmp_path / ".learntools_cv" / "learner_id").read_text(encoding="utf-8").strip()
    assert len(learner) == 16 and {e["learner"] for e in events} == {learner}
    assert {e["session"] for e in events} == {current_session().id}
    assert {e["schema"] for e in events} == {1}
    assert [{k: v for k, v in e.items() if k not in ("time", "learner", "session", "schema")} for e in events] == [
        {
            "exercise": "tests.quiz",
            "question": "q_1",
            "interaction": "check",
            "status": "incorrect",
            "mistake": "not-a-number",
            "hint": None,
            "message": "Incorrect: Expected `x` to be a number, but it is a string (`'drei ü'`).",
        },
        {
            "exercise": "tests.quiz",
            "question": "q_1",
            "interaction": "hint",
            "status": "hint",
            "mistake": None,
            "hint": 1,
            "message": "Hint 1: Count the channels.\n\n(For another hint, run `q_1.hint(2)`.)",
        },
        {
            "exercise": "tests.quiz",
            "question": "q_1",
            "interaction": "solution",
            "status": "solution",
            "mistake": None,
            "hint": None,
            "message": "Solution: `x = 3`",
        },
    ]
    assert "drei ü" in lines[1]  # written as UTF-8, not \\u escapes
    for event, recorded in zip(events, current_session().record.events):
        assert datetime.fromisoformat(event["time"]) == recorded.time
        assert event == recorded.to_json(learner, current_session().id)


@pytest.mark.parametrize(
    ("status", "word"),
    [(s, s.value) for s in Status],
)
def test_event_status_words(status, word):
    event = Event(datetime(2026, 11, 21, tzinfo=timezone.utc), "ex", "q_1", "check", status, "m")
    assert event.to_json()["status"] == word
    assert event.to_json()["time"] == "2026-11-21T00:00:00+00:00"


def test_status_words_are_the_documented_ones():
    assert [s.value for s in Status] == [
        "correct", "incorrect", "not_attempted", "uncheckable", "checker_error", "hint", "solution",
    ]


@pytest.mark.parametrize(
    ("where", "reason"),
    [("missing/events.jsonl", "No such file or directory"), (".", "Is a directory")],
)
def test_unwritable_events_file_is_noted_once_and_never_raises(
    exercise, ns, capsys, tmp_path, monkeypatch, where, reason
):
    path = tmp_path / where
    monkeypatch.setenv(EVENTS_ENV, str(path))
    q = exercise(Three)["q_1"]
    ns["x"] = 3
    q.check()
    q.hint()
    q.check()
    out, err = capsys.readouterr()
    assert out == (
        "Correct: `x = 3`\nHint 1: Count the channels.\n\n(For another hint, run `q_1.hint(2)`.)\nCorrect: `x = 3`\n"
    )
    assert err == f"learntools_cv: could not write events to {path} ({reason}).\n"
    assert len(current_session().record.events) == 3


def test_an_empty_events_variable_writes_nothing(exercise, ns, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(EVENTS_ENV, "")
    monkeypatch.chdir(tmp_path)
    q = exercise(Three)["q_1"]
    q.check()
    assert capsys.readouterr().err == ""
    assert list(tmp_path.iterdir()) == []
    assert len(current_session().record.events) == 1


# ---- progress ----


class Coding(EqualityCheckProblem):
    _var = "a"
    _expected = 1
    _solution = "`a = 1`"


class Other(EqualityCheckProblem):
    _var = "b"
    _expected = 2


class Think(ThoughtExperiment):
    _solution = "Think."


class Part(EqualityCheckProblem):
    _var = "c"
    _expected = 3


class Bonus(EqualityCheckProblem):
    _var = "d"
    _expected = 4
    _bonus = True


class BonusThought(ThoughtExperiment):
    _bonus = True


def test_progress_text_and_markdown(exercise, ns, capsys):
    g = exercise(Coding, Other, Think, MultipartProblem(Part, Think), Bonus, BonusThought, name="tests.progress")
    assert repr(progress()) == "\n".join([
        "tests.progress: 0 of 3 questions done",
        "  q_1      not started  coding",
        "  q_2      not started  coding",
        "  q_3      not started  thought experiment",
        "  q_4.a    not started  coding",
        "  q_4.b    not started  thought experiment",
        "  q_5      not started  coding (bonus)",
        "  q_6      not started  thought experiment (bonus)",
    ])
    ns.update(a=0, b=2, c=3, d=4)
    g["q_1"].check()  # wrong: in progress
    g["q_1"].solution()  # a coding question's solution gives no credit
    g["q_2"].hint()  # a hint alone does not start a question
    g["q_3"].solution()  # a thought experiment is done once its solution is seen (but gives no points)
    g["q_4"].a.check()
    g["q_4"].a.check()
    g["q_5"].check()  # done, but a bonus does not count
    g["q_6"].check()  # a learntools ThoughtExperiment's check says Correct: done
    capsys.readouterr()
    summary = progress()
    # Questions with `_counts_for_points = False` (thought experiments) and bonus ones are not counted.
    assert (summary.done, summary.required) == (1, 3)
    assert repr(summary) == "\n".join([
        "tests.progress: 1 of 3 questions done",
        "  q_1      in progress  coding",
        "  q_2      not started  coding",
        "  q_3      done         thought experiment",
        "  q_4.a    done         coding",
        "  q_4.b    not started  thought experiment",
        "  q_5      done         coding (bonus)",
        "  q_6      done         thought experiment (bonus)",
    ])
    assert summary._repr_markdown_() == "\n".join([
        "**tests.progress: 1 of 3 questions done**",
        "",
        "| question | state | kind |",
        "| --- | --- | --- |",
        "| `q_1` | in progress | coding |",
        "| `q_2` | not started | coding |",
        "| `q_3` | ✅ done | thought experiment |",
        "| `q_4.a` | ✅ done | coding |",
        "| `q_4.b` | not started | thought experiment |",
        "| `q_5` | ✅ done | coding (bonus) |",
        "| `q_6` | ✅ done | thought experiment (bonus) |",
    ])
    rows = {row.question: row for row in summary.rows}
    assert (rows["q_4.a"].checks, rows["q_4.a"].last_status) == (2, Status.CORRECT)
    assert (rows["q_1"].checks, rows["q_1"].last_status) == (1, Status.INCORRECT)
    assert (rows["q_2"].checks, rows["q_2"].last_status) == (0, None)


def test_progress_stays_done_after_a_later_wrong_check(exercise, ns, capsys):
    q = exercise(Coding)["q_1"]
    ns["a"] = 1
    q.check()
    ns["a"] = 5
    q.check()
    capsys.readouterr()
    (row,) = progress().rows
    assert (row.state, row.last_status) == ("done", Status.INCORRECT)


def test_progress_shows_the_most_recently_bound_exercise(exercise, capsys):
    assert repr(progress()) == "(no exercise bound yet): 0 of 0 questions done"
    first = exercise(Coding, name="tests.first")
    exercise(Other, Think, name="tests.second")
    assert progress().exercise == "tests.second"
    assert progress("tests.first").rows[0].question == "q_1"
    assert progress("tests.nothing").rows == ()
    exercise(Coding, Other, name="tests.first")  # bound again, as a reload does
    assert progress().exercise == "tests.first"
    assert current_session().exercises() == ["tests.second", "tests.first"]
    first["q_1"].check()
    capsys.readouterr()


def test_progress_is_the_same_function_everywhere():
    assert learntools_cv.core.progress is learntools_cv.core.session.progress is progress


def test_progress_is_reachable_from_the_top_package_without_importing_it_eagerly():
    import subprocess
    import sys

    code = (
        "import sys, learntools_cv; assert 'learntools_cv.core' not in sys.modules; "
        "from learntools_cv.core.session import progress; assert learntools_cv.progress is progress; "
        "print(learntools_cv.progress())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "(no exercise bound yet): 0 of 0 questions done\n"
