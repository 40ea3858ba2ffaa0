"""Learner-controlled text made safe to store and to show, and a run that no single submission can end: a failed
recording, a fork server that dies mid-submission."""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch
from learntools_cv.grading.safety import csv_cell, feedback_file_name, name, shown, stored

from .conftest import IMAGE, RIGHT_Q1, SETUP, notebook_json

FAST = Limits(cell_timeout=10.0, notebook_timeout=60.0, call_timeout=2.0)


def test_stored_text_escapes_what_cannot_be_stored_and_keeps_lines() -> None:
    assert stored("a\ud800b\x00c\x1b[2Jd\n\te\x7f\x9b") == "a\\ud800b\\x00c\\x1b[2Jd\n\te\\x7f\\x9b"
    assert stored("x" * 20_005) == "x" * 20_000 + "... (5 more characters)"
    assert stored("plain words, 'quoted' and \\ kept") == "plain words, 'quoted' and \\ kept"
    stored("\udcff" * 10).encode("utf-8")  # encodable now


def test_names_are_one_line_and_one_to_one() -> None:
    assert name("alice") == "alice"
    assert name("\x1b[2J\x1b[31mred") == "\\x1b[2J\\x1b[31mred"
    assert name("a\x1b") != name("a\\x1b")  # a name cannot be made to collide with an escaped one
    assert name("bad\udcff") == "bad\\udcff"
    assert name("two\nlines\u202egnp.exe") == "two\\x0alines\\u202egnp.exe"
    long = name("y" * 500)
    assert len(long) == 200 and long != name("y" * 501)


def test_shown_makes_every_control_character_visible() -> None:
    assert shown("\x1b]0;title\x07\r\n\u202eabc") == "\\x1b]0;title\\x07\\x0d\\x0a\\u202eabc"


@pytest.mark.parametrize(("cell", "safe"), [
    ("=SUM(2,5)<img src=x>", "'=SUM(2,5)<img src=x>"),
    ("+1", "'+1"),
    ("-1+2", "'-1+2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("alice", "alice"),
    ("x=1", "x=1"),
])
def test_csv_cells_never_start_a_formula(cell: str, safe: str) -> None:
    assert csv_cell(cell) == safe


def test_feedback_file_names_are_unique_per_learner() -> None:
    assert feedback_file_name("x0_victim", "ex3") == "x0_victim__ex3.html"
    other = feedback_file_name("x0~victim", "ex3")
    assert other.startswith("x0_victim__ex3-") and other.endswith(".html") and len(other) == len("x0_victim__ex3") + 16
    assert feedback_file_name("x0 victim", "ex3") not in (other, "x0_victim__ex3.html")
    assert len(feedback_file_name("z" * 1000, "ex3").encode()) < 255


def make_class(root: Path, learners: dict[str, list[str]]) -> Path:
    for learner, cells in learners.items():
        folder = root / "submitted" / learner / "ex3"
        folder.mkdir(parents=True)
        (folder / "ex3.ipynb").write_text(notebook_json([SETUP, IMAGE, *cells]))
    return root / "submitted"


def test_a_submission_whose_grades_cannot_be_stored_gets_could_not_grade_rows(tmp_path: Path, monkeypatch) -> None:
    submitted = make_class(tmp_path, {"alice": [RIGHT_Q1], "bob": [RIGHT_Q1], "carol": [RIGHT_Q1]})
    real = Gradebook.record
    failed = []

    def record(self, report, run_id):  # the database refuses bob's first write, as a full disk would
        if report.learner == "bob" and not failed:
            failed.append(report.learner)
            raise OSError(28, "No space left on device")
        return real(self, report, run_id)

    monkeypatch.setattr(Gradebook, "record", record)
    book = str(tmp_path / "book.sqlite")
    summary = grade_batch([submitted], BatchOptions(gradebook=book, scheduler="serial", limits=FAST,
                                                    progress="none"), out=io.StringIO())
    assert (summary.graded, summary.could_not_grade) == (3, 1)
    with Gradebook(book) as gb:
        subs = {s["learner"]: s for s in gb.submissions()}
        rows = {(r.learner, r.question): r for r in gb.results()}
    assert subs["bob"]["reason"] == "Its grades could not be stored (OSError: [Errno 28] No space left on device)."
    assert rows[("bob", "q_1")].message == (
        "Could not grade: Its grades could not be stored (OSError: [Errno 28] No space left on device).")
    assert rows[("carol", "q_1")].status == rows[("alice", "q_1")].status == "correct"


def test_a_fork_server_killed_mid_submission_is_restarted_and_the_submission_graded_again(tmp_path: Path) -> None:
    import psutil

    from learntools_cv.grading import executor

    slow = "import time\ntime.sleep(4)"
    submitted = make_class(tmp_path, {"alice": [RIGHT_Q1], "bob": [slow, RIGHT_Q1], "carol": [RIGHT_Q1]})
    killed: list[int] = []

    def kill_the_server_during_bob() -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not killed:
            for server in list(executor._SHARED.values()):
                try:
                    busy = bool(psutil.Process(server.process.pid).children())
                except psutil.Error:
                    continue
                if marker.exists() and busy:  # alice is stored: the child is bob's
                    time.sleep(1.5)  # into bob's slow cell
                    os.kill(server.process.pid, signal.SIGKILL)
                    killed.append(server.process.pid)
                    break
            time.sleep(0.1)

    marker = tmp_path / "alice-done"
    out = _Lines(lambda line: marker.touch() if line.startswith("[1/3]") else None)
    killer = threading.Thread(target=kill_the_server_during_bob, daemon=True)
    killer.start()
    book = str(tmp_path / "book.sqlite")
    summary = grade_batch([submitted], BatchOptions(gradebook=book, scheduler="serial", limits=FAST,
                                                    progress="lines"), out=out)
    killer.join(timeout=5)
    assert killed, "the fork server was not killed while bob was graded"
    assert (summary.graded, summary.could_not_grade) == (3, 0)
    with Gradebook(book) as gb:
        subs = {s["learner"]: s for s in gb.submissions()}
        q1 = {r.learner: r.status for r in gb.results() if r.question == "q_1"}
    assert q1 == {"alice": "correct", "bob": "correct", "carol": "correct"}
    assert subs["bob"]["reason"] == ""
    assert not psutil.pid_exists(killed[0]) or psutil.Process(killed[0]).status() == psutil.STATUS_ZOMBIE


class _Lines(io.StringIO):
    """An output stream that calls `seen(line)` for each line written."""

    def __init__(self, seen) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.seen = seen

    def write(self, text: str) -> int:
        for line in text.splitlines():
            self.seen(line)
        return super().write(text)
