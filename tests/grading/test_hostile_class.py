"""A hostile class graded as a teacher grades it: `learntools-cv grade --feedback`, then `grades export` and
`report`, once as root and once as an ordinary user, on a local Dask cluster of 2 workers.

Every attack of issue 24 is one learner of the class (tests/grading/hostile_class.py): each fails, with the
kernel's words in its reason or without a trace on the host; the honest classmates in the same run get their
verdicts; the run finishes; nothing secret reaches the gradebook, the feedback pages, the CSV or the report;
and the class gets the same verdicts from both teachers.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from learntools_cv.grading import Gradebook
from learntools_cv.grading.safety import feedback_file_name, stored

from . import hostile_class
from .conftest import IMAGE, RIGHT_Q1, SETUP, in_notebook, notebook_json
from .users import can_switch, ordinary_uid, run_as_ordinary_user

pytestmark = [pytest.mark.slow, pytest.mark.dask]


class Listener:
    """A TCP and a UDP listener on the host's 127.0.0.1 that keep whatever reaches them."""

    def __init__(self) -> None:
        self.tcp = socket.socket()
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen()
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.received: list[bytes] = []
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import select

        while not self._stop:
            ready, _, _ = select.select([self.tcp, self.udp], [], [], 0.2)
            for sock in ready:
                if sock is self.tcp:
                    conn, _ = self.tcp.accept()
                    self.received.append(b"tcp connection: " + conn.recv(1024))
                    conn.close()
                else:
                    self.received.append(b"udp datagram: " + self.udp.recv(1024))

    def close(self) -> None:
        self._stop = True
        self._thread.join()
        self.tcp.close()
        self.udp.close()


@pytest.fixture(scope="module")
def host() -> Any:
    """What the attackers aim at on the host: listeners and a plain tcp:// Dask scheduler."""
    dask = shutil.which("dask")
    if dask is None:
        pytest.skip("the `dask` command is not installed (pip install 'learntools_cv[grading]')")
    listener = Listener()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    scratch = tempfile.mkdtemp(prefix="learntools-cv-scheduler-")
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--dashboard-address", ":0"], cwd=scratch, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield {"listener": listener, "scheduler": f"tcp://127.0.0.1:{port}"}
    finally:
        scheduler.terminate()
        scheduler.wait(timeout=30)
        listener.close()
        shutil.rmtree(scratch, ignore_errors=True)


RESULTS: dict[str, dict[str, Any]] = {}


def teacher(who: str) -> int:
    """The user id of the teacher `who` ('root' or 'user'); skips when the tests cannot be that teacher."""
    if who == "root" and os.geteuid() != 0:
        pytest.skip("the tests run as an ordinary user: there is no root run to make")
    if who == "user" and can_switch():
        pytest.skip(can_switch())
    return 0 if who == "root" else ordinary_uid()


def run(who: str, argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    if who == "root":
        return subprocess.run(argv, env=env, cwd=str(cwd), capture_output=True, text=True, timeout=900)
    return run_as_ordinary_user(argv, env=env, cwd=str(cwd), timeout=900)


def grade_class(who: str, host: dict[str, Any]) -> dict[str, Any]:
    """Write the class, grade it with the commands a teacher runs, as `who`; everything the test checks."""
    if who in RESULTS:
        return RESULTS[who]
    uid = teacher(who)
    base = Path(tempfile.mkdtemp(prefix=f"learntools-cv-hostile-{who}-"))
    base.chmod(0o755)
    victim_argv = ["sleep", "600"]
    if uid != os.geteuid():
        victim_argv = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *victim_argv]
    victim = subprocess.Popen(victim_argv)
    pwned = base / "pwned-by-dask"
    targets = hostile_class.Targets(base=base, tcp_port=host["listener"].tcp.getsockname()[1],
                                    udp_port=host["listener"].udp.getsockname()[1], scheduler=host["scheduler"],
                                    victim=victim.pid, pwned=pwned)
    everyone = hostile_class.write_class(targets, owner=uid)
    env = {"PATH": os.environ["PATH"], "HOME": str(targets.home), "LANG": "C.UTF-8", "TF_CPP_MIN_LOG_LEVEL": "3",
           **hostile_class.SECRETS}
    python = [sys.executable, "-m", "learntools_cv"]
    commands = [
        [*python, "grade", str(targets.submitted), "-o", str(targets.gradebook), "--feedback",
         str(targets.feedback), "--progress", "lines", "--memory", "1", "--cell-timeout", "20", "--workers", "2"],
        [*python, "grades", "export", str(targets.gradebook), "--csv", str(base / "grades.csv")],
        [*python, "report", str(targets.gradebook), "-o", str(base / "report.html")],
    ]
    runs = []
    started = time.monotonic()
    try:
        for argv in commands:
            runs.append(run(who, argv, env, base))
        victim_alive = victim.poll() is None
    finally:
        victim.kill()
        victim.wait()
    with Gradebook(str(targets.gradebook)) as book:
        rows = {(r.learner, r.question): r for r in book.results()}
        subs = {s["learner"]: s for s in book.submissions()}
    RESULTS[who] = {
        "base": base, "targets": targets, "learners": everyone, "runs": runs, "rows": rows, "subs": subs,
        "victim_alive": victim_alive, "seconds": time.monotonic() - started,
    }
    return RESULTS[who]


def _lurkers() -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and Path(f"/proc/{entry}/comm").read_text().strip() == hostile_class.LURKER:
                found.append(int(entry))
        except OSError:
            pass
    return found


@pytest.mark.parametrize("who", ["root", "user"])
def test_every_attack_fails_and_the_class_is_graded(who: str, host: dict[str, Any]) -> None:
    graded = grade_class(who, host)
    grade, export, report = graded["runs"]
    assert grade.returncode == 0, grade.stderr[-3000:]
    assert (export.returncode, report.returncode) == (0, 0), export.stderr + report.stderr
    everyone = graded["learners"]
    assert grade.stdout.strip().splitlines()[-1].startswith(
        f"Graded {len(everyone)} submission(s) in ")
    assert f"({0} could not be graded, 0 unchanged and skipped)" in grade.stdout

    for learner in everyone:
        key = learner.key
        sub = graded["subs"][key]
        questions = {q: graded["rows"][(key, q)] for q in ("q_1", "q_2", "q_3", "q_4", "q_5", "q_6", "q_7")}
        q1 = questions["q_1"]
        assert (q1.status, q1.mistake) == learner.q1, (key, q1.message, sub["reason"])
        if learner.answer:
            want = in_notebook([SETUP, IMAGE, learner.answer], mistakes=True)["q_1"]
            assert (q1.status, q1.message, q1.mistake) == want, key
        if isinstance(learner.reason, re.Pattern):
            assert learner.reason.fullmatch(sub["reason"]), (key, sub["reason"])
        else:
            assert sub["reason"] == learner.reason, key
        if key.startswith("honest_") or key == "zz_honest_last":
            expected = in_notebook([SETUP, IMAGE, *learner.cells], mistakes=True)
            for question, row in questions.items():
                status, message, mistake = expected[question]
                status = {"uncheckable": "not_attempted"}.get(status, status)
                assert (row.status, row.message, row.mistake) == (status, message, mistake), (key, question)

    targets: hostile_class.Targets = graded["targets"]
    base: Path = graded["base"]
    # Took over the grader: no code ran on the Dask scheduler, no .pth was planted, no process was left.
    assert not targets.pwned.exists()
    assert not Path(hostile_class._site_packages(), "zz_learntools_cv_pwned.pth").exists()
    assert _lurkers() == []
    # The network: nothing reached the host's listeners.
    assert host["listener"].received == []
    # Signals and ptrace: the grader's own user's process outside lived on.
    assert graded["victim_alive"]
    # 8 CPU-bound processes got at most one core (its share, --cpus 1) and its half second of slack, not two.
    spun = float(re.search(r"used ([0-9.]+) s of CPU", graded["subs"]["a_cpu"]["reason"]).group(1))
    assert spun <= hostile_class.SPIN_SECONDS * 1.0 + 0.5 + 0.8, spun
    # The surrogates, NUL, escapes and 10 MB of words of a_surrogate's function are stored escaped and cut.
    q7 = graded["rows"][("a_surrogate", "q_7")]
    assert "\\ud800 \\x00 \\x1b[2J zzz" in q7.message and len(q7.message) <= 20_100
    assert q7.message == stored(in_notebook([SETUP, IMAGE, *everyone_cells("a_surrogate", everyone)])["q_7"][1])

    # Nothing secret anywhere the teacher's tools write.
    outputs = [targets.gradebook, base / "grades.csv", base / "report.html", *targets.feedback.glob("*.html")]
    for path in outputs:
        data = path.read_bytes()
        for marker in hostile_class.MARKERS:
            assert marker.encode() not in data, (path, marker)
    for done in graded["runs"]:
        for marker in hostile_class.MARKERS:
            assert marker not in done.stdout and marker not in done.stderr

    # Learners' names: one feedback page each; no formula in the CSV; nothing raw on the terminal.
    plain = targets.feedback / "x0_victim__ex3.html"
    other = targets.feedback / feedback_file_name("x0~victim", "ex3")
    assert plain.name != other.name and "average pooling" in other.read_text()
    assert "average pooling" not in plain.read_text()
    assert len(list(targets.feedback.glob("*.html"))) == len(everyone)
    with open(base / "grades.csv", newline="") as f:
        cells = {row[0] for row in csv.reader(f)}
    assert "'=SUM(2,5)<img src=x onerror=alert(1)>" in cells and "=SUM(2,5)<img src=x onerror=alert(1)>" not in cells
    assert "\x1b" not in grade.stdout
    assert "\\x1b[2J\\x1b[31mred ex3: 1 correct, 6 not attempted" in grade.stdout
    assert "<img src=x" not in (base / "report.html").read_text()


def everyone_cells(name: str, everyone: list[hostile_class.Learner]) -> list[str]:
    return next(list(learner.cells) for learner in everyone if learner.key == name)


def test_a_class_graded_by_an_ordinary_user_gets_the_verdicts_root_gives(host: dict[str, Any]) -> None:
    as_root = grade_class("root", host)
    as_user = grade_class("user", host)

    def verdicts(graded: dict[str, Any]) -> dict[Any, Any]:
        base = str(graded["base"])
        out = {key: (r.status, r.mistake, r.message.replace(base, "<base>")) for key, r in graded["rows"].items()}
        for learner, sub in graded["subs"].items():
            reason = sub["reason"].replace(base, "<base>")
            out[(learner, "reason")] = re.sub(r"used [0-9.]+ s of CPU in (\d+) s; they were stopped \d+ times",
                                              r"used # s of CPU in \1 s; they were stopped # times", reason)
        return out

    assert verdicts(as_user) == verdicts(as_root)


@pytest.mark.parametrize("who", ["root", "user"])
def test_a_submission_gets_no_more_than_its_cores(who: str) -> None:
    """8 CPU-bound processes under --cpus 0.05: the init of the sandbox stops them as often as it takes. (On a
    busy machine they may get little CPU anyway; --cpus this low makes the limit bind all the same.)"""
    uid = teacher(who)
    base = Path(tempfile.mkdtemp(prefix=f"learntools-cv-cores-{who}-"))
    base.chmod(0o755)
    notebook = base / "spinner.ipynb"
    notebook.write_text(notebook_json([SETUP, IMAGE, hostile_class.spinners(8, 8), RIGHT_Q1]))
    for path in (base, notebook):
        os.chown(path, uid, uid)
    env = {"PATH": os.environ["PATH"], "HOME": str(base), "LANG": "C.UTF-8", "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = run(who, [sys.executable, "-m", "learntools_cv", "grade", str(notebook), "-o", str(base / "book.sqlite"),
                     "--scheduler", "serial", "--cpus", "0.05", "--cell-timeout", "40", "--progress", "none"],
               env, base)
    assert done.returncode == 0, done.stderr[-3000:]
    with Gradebook(str(base / "book.sqlite")) as book:
        (sub,) = book.submissions()
    found = re.fullmatch(r"Cell 3 raised RuntimeError: 8 spinners used ([0-9.]+) s of CPU in 8 s; they were stopped "
                         r"(\d+) times \(line 24\)\.", sub["reason"])
    assert found, sub["reason"]
    used, stops = float(found.group(1)), int(found.group(2))
    share = 0.05 * 8 + 0.5  # its cores' share of 8 s, plus the burst the init allows (watch.BURST)
    assert used <= share + 0.8, (used, stops)
    # The init must have stopped them whenever they got more than a tick's overshoot beyond their share. (On a
    # machine busy with other work they may get no more than that anyway, and then nothing needed stopping.)
    assert stops >= 1 or used <= share + 0.2, (used, stops)
    shutil.rmtree(base, ignore_errors=True)
