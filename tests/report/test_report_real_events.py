"""Events written by the real recorder, from real checks of ex3's q_1, read by the report: the mistake the
checker named (average pooling) arrives as the id the report counts, and the attempts add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from learntools_cv.core import Session
from learntools_cv.core.record import EVENTS_ENV, LEARNER_ENV
from learntools_cv.report.events import aggregate, read_events
from learntools_cv.report.html import events_page


@pytest.mark.slow
def test_real_checks_make_events_the_report_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    tf = pytest.importorskip("tensorflow")
    from learntools_cv.ex3 import SETUP_CODE

    events = tmp_path / "events.jsonl"
    monkeypatch.setenv(EVENTS_ENV, str(events))
    monkeypatch.setenv(LEARNER_ENV, "learner-a")
    ns: dict = {}
    exec(SETUP_CODE, ns)

    def pool(kind: str):
        return tf.nn.pool(ns["image_detect"], window_shape=(2, 2), pooling_type=kind, strides=(2, 2), padding="SAME")

    with Session().activated() as session:
        session.bind(ns)
        q1 = session.questions("learntools_cv.ex3")["q_1"]
        q1.check()  # the starter code: not an attempt
        ns["image_condense"] = pool("AVG")
        q1.check()
        q1.hint()
        ns["image_condense"] = pool("MAX")
        q1.check()
    capsys.readouterr()

    log = read_events([events])
    assert log.skipped_total == 0 and [e.schema for e in log.events] == [1, 1, 1, 1]
    assert {e.learner for e in log.events} == {"learner-a"}
    assert [e.status for e in log.events] == ["not_attempted", "incorrect", "hint", "correct"]
    report = aggregate(log)
    (exercise,) = report.exercises
    assert exercise.exercise == "learntools_cv.ex3"
    (q,) = exercise.questions
    assert (q.question, q.attempts, q.hint_first, q.gave_up) == ("q_1", {2: 1}, 1, 0)
    assert q.mistakes_before_correct == {"avg-pooling": 1}
    assert 'data-mistake="avg-pooling"' in events_page(report)
