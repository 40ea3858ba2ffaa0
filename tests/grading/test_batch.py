"""Grading a class into a gradebook: discovery, one row per question, resume and regrade, CSV export, feedback
files, progress, an interrupted grader, Dask (local and by address) and PostgreSQL."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, discover, grade_batch
from learntools_cv.grading.gradebook import export_csv

from .conftest import IMAGE, RIGHT_Q1, SETUP, notebook_json

REPO = Path(__file__).resolve().parents[2]
FAST = Limits(cell_timeout=5.0, notebook_timeout=60.0, call_timeout=2.0)
WRONG_Q1 = "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')"


def make_class(root: Path) -> Path:
    """submitted/<learner>/ex3/ex3.ipynb for three learners, plus a broken file."""
    answers = {"alice": RIGHT_Q1, "bob": WRONG_Q1, "carol": "x = 1"}
    for learner, answer in answers.items():
        folder = root / "submitted" / learner / "ex3"
        folder.mkdir(parents=True)
        (folder / "ex3.ipynb").write_text(notebook_json([SETUP, IMAGE, answer]))
    broken = root / "submitted" / "dave" / "ex3"
    broken.mkdir(parents=True)
    (broken / "ex3.ipynb").write_text("{")
    return root / "submitted"


def test_discovery_of_an_nbgrader_tree(tmp_path: Path) -> None:
    found = discover([make_class(tmp_path)])
    assert [(s.learner, s.assignment, s.exercise) for s in found.submissions] == [
        ("alice", "ex3", "learntools_cv.ex3"),
        ("bob", "ex3", "learntools_cv.ex3"),
        ("carol", "ex3", "learntools_cv.ex3"),
        ("dave", "ex3", "learntools_cv.ex3"),  # from the classmates' submissions for ex3
    ]
    assert found.submissions[3].problem.startswith("The file is not a valid notebook: it is not valid JSON")


def test_class_graded_serially_into_sqlite_then_resumed_and_exported(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    book_path = str(tmp_path / "book.sqlite")
    out = io.StringIO()
    options = BatchOptions(gradebook=book_path, scheduler="serial", limits=FAST, progress="lines",
                           feedback_dir=str(tmp_path / "feedback"))
    summary = grade_batch([root], options, out=out)
    assert (summary.graded, summary.could_not_grade, summary.skipped) == (4, 1, 0)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("[")]
    assert lines[0].startswith("[1/4] alice ex3: 1 correct, 6 not attempted (")
    assert lines[3].startswith("[4/4] dave ex3: 7 could not grade (")
    with Gradebook(book_path) as book:
        subs = book.submissions()
        assert [(s["learner"], s["status"]) for s in subs] == [
            ("alice", "graded"), ("bob", "graded"), ("carol", "graded"), ("dave", "could_not_grade")]
        results = book.results()
        assert len(results) == 4 * 7
        bob_q1 = next(r for r in results if r.learner == "bob" and r.question == "q_1")
        assert bob_q1.status == "incorrect"
        assert bob_q1.message.startswith("Incorrect: It looks like you used average pooling")
        assert book.runs()[0]["submissions"] == 4

    # Re-running skips unchanged submissions; a changed one is graded again.
    carol = root / "carol" / "ex3" / "ex3.ipynb"
    carol.write_text(notebook_json([SETUP, IMAGE, RIGHT_Q1]))
    again = grade_batch([root], BatchOptions(gradebook=book_path, scheduler="serial", limits=FAST,
                                             progress="none"), out=io.StringIO())
    assert (again.graded, again.skipped) == (1, 3)
    forced = grade_batch([root], BatchOptions(gradebook=book_path, scheduler="serial", limits=FAST,
                                              progress="none", regrade=True), out=io.StringIO())
    assert (forced.graded, forced.skipped) == (4, 0)

    csv_path = tmp_path / "grades.csv"
    with Gradebook(book_path) as book:
        assert export_csv(book, csv_path) == 4
    with csv_path.open() as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["learner", "assignment", "status", "q_1", "q_2", "q_3", "total", "max_total",
                       "q_4", "q_5", "q_6", "q_7", "bonus_total", "bonus_max"]
    assert rows[1] == ["alice", "ex3", "graded", "1", "0", "0", "1", "1", "0", "0", "0", "0", "0", "4"]
    assert rows[2][:8] == ["bob", "ex3", "graded", "0", "0", "0", "0", "1"]

    page = (tmp_path / "feedback" / "bob__ex3.html").read_text()
    assert "It looks like you used average pooling" in page
    assert 'src="data:image/png;base64,' in page  # the comparison picture the notebook shows


def test_cli_grade_and_export(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    book = tmp_path / "cli.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "learntools_cv", "grade", str(root), "-o", str(book), "--scheduler", "serial",
         "--cell-timeout", "5"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "[4/4] dave ex3: 7 could not grade" in done.stdout  # not a terminal: plain lines
    assert done.stdout.strip().splitlines()[-1].startswith("Graded 4 submission(s) in ")
    export = subprocess.run(
        [sys.executable, "-m", "learntools_cv", "grades", "export", str(book), "--csv", str(tmp_path / "g.csv")],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert export.returncode == 0 and export.stdout == f"Wrote 4 row(s) to {tmp_path / 'g.csv'}.\n"


@pytest.mark.slow
def test_a_killed_grader_loses_nothing_and_a_rerun_resumes(tmp_path: Path) -> None:
    root = tmp_path / "class"
    root.mkdir()
    for i in range(4):
        (root / f"learner{i}.ipynb").write_text(notebook_json([SETUP, IMAGE, RIGHT_Q1]))
    book = tmp_path / "book.sqlite"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "learntools_cv", "grade", str(root), "-o", str(book), "--scheduler", "serial"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    seen = []
    assert proc.stdout is not None
    for line in proc.stdout:
        seen.append(line)
        if line.startswith("[2/4]"):
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    proc.stdout.close()
    with Gradebook(str(book)) as gb:
        kept = [s["learner"] for s in gb.submissions()]
    assert len(kept) >= 2 and set(kept) <= {f"learner{i}" for i in range(4)}
    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(kept)} submission(s) unchanged since they were graded: skipped" in rerun.stdout
    with Gradebook(str(book)) as gb:
        assert len(gb.submissions()) == 4
        assert {r.status for r in gb.results() if r.question == "q_1"} == {"correct"}


# ---------------------------------------------------------------- Dask


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
@pytest.mark.dask
def test_grading_on_a_local_dask_cluster(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    book = str(tmp_path / "dask.sqlite")
    summary = grade_batch([root], BatchOptions(gradebook=book, workers=2, limits=FAST, progress="none"),
                          out=io.StringIO())
    assert (summary.graded, summary.could_not_grade) == (4, 1)
    with Gradebook(book) as gb:
        assert len(gb.results()) == 28
        assert gb.runs()[-1]["workers"] == 2
    # Where the start-up went: the cluster, then each worker's fork server and own imports side by side.
    parts = summary.startup_parts
    assert set(parts) == {"cluster", "warm", "fork_server", "worker"}
    assert 0 < parts["cluster"] < summary.startup_seconds
    assert parts["warm"] >= max(parts["fork_server"], parts["worker"]) > 0
    assert parts["cluster"] + parts["warm"] <= summary.startup_seconds + 0.01


@pytest.mark.slow
@pytest.mark.dask
def test_one_worker_grading_two_at_once_gives_the_serial_verdicts(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    for learner in ("erin", "finn", "gus"):  # more than two, so that the two threads take turns
        folder = root / learner / "ex3"
        folder.mkdir(parents=True)
        (folder / "ex3.ipynb").write_text(notebook_json([SETUP, IMAGE, WRONG_Q1 if learner == "finn" else RIGHT_Q1]))
    books = {}
    for name, options in (("serial", {"scheduler": "serial"}), ("threads", {"workers": 1, "threads": 2})):
        book = str(tmp_path / f"{name}.sqlite")
        summary = grade_batch([root], BatchOptions(gradebook=book, limits=FAST, progress="none", **options),
                              out=io.StringIO())
        assert (summary.workers, summary.threads) == ((1, 1) if name == "serial" else (1, 2))
        with Gradebook(book) as gb:
            books[name] = sorted((r.learner, r.question, r.status, r.mistake, r.message) for r in gb.results())
    assert len(books["serial"]) == 7 * 7
    assert books["threads"] == books["serial"]
    assert ("finn", "q_1", "incorrect", "avg-pooling") in {row[:4] for row in books["threads"]}


@pytest.mark.slow
@pytest.mark.dask
def test_a_regrade_starts_with_the_submissions_that_took_longest(tmp_path: Path) -> None:
    root = make_class(tmp_path)
    folder = root / "zed" / "ex3"  # last in the class's order, and the slowest by far
    folder.mkdir(parents=True)
    (folder / "ex3.ipynb").write_text(notebook_json([SETUP, IMAGE, "import time\ntime.sleep(2)", RIGHT_Q1]))
    book = str(tmp_path / "book.sqlite")
    order = []
    for _ in range(2):
        summary = grade_batch([root], BatchOptions(gradebook=book, workers=1, threads=1, limits=FAST,
                                                   progress="none", regrade=True), out=io.StringIO())
        order.append([r.learner for r in summary.reports])  # one worker, one at a time: the order it graded in
    assert order[0][-1] == "zed"
    assert order[1][0] == "zed"
    assert sorted(order[1]) == sorted(order[0]) == ["alice", "bob", "carol", "dave", "zed"]
    with Gradebook(book) as gb:
        seconds = gb.previous_seconds()
    assert seconds[("zed", "ex3")] > 2 > max(v for k, v in seconds.items() if k[0] != "zed")


def test_slowest_first_orders_by_the_last_grading_and_places_new_submissions_at_the_median() -> None:
    from learntools_cv.grading.batch import slowest_first
    from learntools_cv.grading.submissions import Submission

    def sub(learner: str) -> Submission:
        return Submission(learner=learner, assignment="ex3", path=f"{learner}.ipynb", content_hash=learner,
                          exercise="learntools_cv.ex3")

    todo = [sub(name) for name in ("ann", "ben", "cat", "dan", "eve")]
    assert [s.learner for s in slowest_first(todo, {})] == ["ann", "ben", "cat", "dan", "eve"]  # a first grading
    seconds = {("ann", "ex3"): 0.4, ("cat", "ex3"): 11.0, ("dan", "ex3"): 0.6, ("zoe", "ex3"): 99.0}
    # ben and eve were never graded: they count as the median of the class's known ones (dan's 0.6; zoe is not
    # in this batch), and ties keep the class's order
    assert [s.learner for s in slowest_first(todo, seconds)] == ["cat", "ben", "dan", "eve", "ann"]


def test_the_default_layout_follows_the_cores_and_the_class_size() -> None:
    from learntools_cv.grading.batch import SUBMISSIONS_PER_WORKER, default_layout

    # (workers, submissions each grades at once)
    assert default_layout(2, cores=2) == (1, 2)  # one warm worker grades two at once
    assert default_layout(1000, cores=2) == (1, 2)
    assert default_layout(0, cores=8) == (1, 2)
    assert default_layout(SUBMISSIONS_PER_WORKER * 2, cores=8) == (2, 2)  # a small class: fewer workers to start
    assert default_layout(1000, cores=8) == (4, 2)
    assert default_layout(1000, cores=1) == (1, 1)
    # What the teacher says holds; the other follows from the cores.
    assert default_layout(1000, workers=2, cores=2) == (2, 1)
    assert default_layout(1000, workers=3, cores=8) == (3, 2)
    assert default_layout(1000, threads=1, cores=2) == (2, 1)
    assert default_layout(1000, workers=1, threads=4, cores=2) == (1, 4)


def test_the_cli_refuses_no_workers(tmp_path: Path) -> None:
    from learntools_cv.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["grade", str(tmp_path), "--gradebook", str(tmp_path / "g.sqlite"), "--threads", "0"]) == 2
    assert err.getvalue() == "learntools-cv grade: --threads must be 1 or more, not 0\n"


def installed_command(name: str) -> str | None:
    """The command `name` installed beside this Python (a venv's bin folder, found also when the venv's python
    runs without the venv being activated), else the one on PATH, else None."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() and os.access(beside, os.X_OK) else shutil.which(name)


@pytest.mark.slow
@pytest.mark.dask
def test_the_local_cluster_accepts_only_the_grader(tmp_path: Path) -> None:
    """While the class is graded, a client without the run's credentials, or with a certificate of its own,
    cannot use the local cluster: it speaks TLS only, and trusts only the certificate made for the run."""
    import threading

    from distributed import Client
    from distributed.security import Security

    attempts: dict[str, str] = {}

    def intrude() -> None:
        from distributed.client import _get_global_client

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not attempts:
            grader = _get_global_client()  # the grading client, once it has connected
            address = getattr(getattr(grader, "scheduler", None), "address", None)
            if address and address.startswith("tls://127.0.0.1:"):
                port = address.rsplit(":", 1)[1]
                for label, where, security in (
                    ("plain", f"tcp://127.0.0.1:{port}", None),
                    ("foreign certificate", f"tls://127.0.0.1:{port}", Security.temporary()),
                ):
                    try:
                        Client(where, security=security, timeout="3s").close()
                        attempts[label] = "connected"
                    except BaseException as exc:  # asyncio's CancelledError is not an Exception
                        attempts[label] = type(exc).__name__
            time.sleep(0.2)

    intruder = threading.Thread(target=intrude, daemon=True)
    intruder.start()
    root = make_class(tmp_path)
    summary = grade_batch([root], BatchOptions(gradebook=str(tmp_path / "tls.sqlite"), workers=1, limits=FAST,
                                               progress="none"), out=io.StringIO())
    intruder.join(timeout=60)
    assert (summary.graded, summary.could_not_grade) == (4, 1)
    assert set(attempts) == {"plain", "foreign certificate"} and "connected" not in attempts.values(), attempts


def stop_all(procs: list[subprocess.Popen]) -> None:  # type: ignore[type-arg]
    """Stop a cluster's processes, the last started first; kill those that do not end within 30 s."""
    for proc in reversed(procs):
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A `dask scheduler` and one `dask worker` that speak TLS only, with a certificate authority of their own:
    (address, (CA file, certificate, key) of a client it trusts)."""
    from distributed.security import Security

    dask = installed_command("dask")
    if dask is None:
        pytest.skip("the `dask` command is not installed (pip install 'learntools_cv[grading]')")
    folder = tmp_path_factory.mktemp("tls")
    # One self-signed certificate, the authority and every party's identity, made as docs/grading.md shows.
    cert, key = folder / "cert.pem", folder / "key.pem"
    ca = cert
    if shutil.which("openssl"):
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:4096", "-nodes", "-days", "30", "-subj",
                        "/CN=dask", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    else:
        made = Security.temporary()
        cert.write_text(made.tls_scheduler_cert)
        key.write_text(made.tls_scheduler_key)
    files = ["--tls-ca-file", str(ca), "--tls-cert", str(cert), "--tls-key", str(key)]
    port = _free_port()
    address = f"tls://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [subprocess.Popen([dask, "scheduler", "--protocol", "tls", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0", *files], env=env, cwd=folder,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        time.sleep(2)
        procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard", *files],
                                      env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from distributed import Client

        security = Security(tls_ca_file=str(ca), tls_client_cert=str(cert), tls_client_key=str(key),
                            require_encryption=True)
        with Client(address, security=security, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)
        yield address, (str(ca), str(cert), str(key))
    finally:
        stop_all(procs)


@pytest.mark.slow
@pytest.mark.dask
def test_grading_on_a_secured_cluster(tmp_path: Path, tls_cluster) -> None:  # type: ignore[no-untyped-def]
    address, tls = tls_cluster
    root = make_class(tmp_path)
    book = str(tmp_path / "secured.sqlite")
    out = io.StringIO()
    summary = grade_batch([root], BatchOptions(gradebook=book, scheduler=address, tls=tls, limits=FAST,
                                               progress="none"), out=out)
    assert (summary.graded, summary.could_not_grade) == (4, 1)
    assert "warning" not in out.getvalue()
    with Gradebook(book) as gb:
        assert {(r.learner, r.status) for r in gb.results() if r.question == "q_1"} == {
            ("alice", "correct"), ("bob", "incorrect"), ("carol", "not_attempted"), ("dave", "could_not_grade")}


@pytest.mark.slow
@pytest.mark.dask
def test_a_secured_cluster_without_credentials_is_a_worded_error(tmp_path: Path, tls_cluster) -> None:  # type: ignore[no-untyped-def]
    address, _ = tls_cluster
    root = make_class(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "learntools_cv", "grade", str(root), "-o", str(tmp_path / "x.sqlite"),
         "--scheduler", address], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith(f"learntools-cv grade: cannot connect to the Dask scheduler {address} (")
    assert done.stderr.strip().splitlines()[-1].endswith(
        "). For a tls:// scheduler, give --tls-ca-file, --tls-cert and --tls-key, or set Dask's "
        'distributed.comm.tls configuration (docs/grading.md, "A secured cluster").')


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A real `dask scheduler` and two `dask worker` processes on 127.0.0.1: (address, worker nanny processes)."""
    dask = installed_command("dask")
    if dask is None:
        pytest.skip("the `dask` command is not installed (pip install 'learntools_cv[grading]')")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    address = f"tcp://127.0.0.1:{port}"
    cwd = tmp_path_factory.mktemp("dask")
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--dashboard-address", ":0"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, cwd=cwd)]
    try:
        time.sleep(2)
        for _ in range(2):
            procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                                           "--no-dashboard"], env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, cwd=cwd))
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address, procs[1:]
    finally:
        stop_all(procs)


@pytest.mark.slow
@pytest.mark.dask
def test_grading_through_a_dask_scheduler_address(tmp_path: Path, dask_cluster) -> None:  # type: ignore[no-untyped-def]
    address, _ = dask_cluster
    root = make_class(tmp_path)
    book = str(tmp_path / "remote.sqlite")
    out = io.StringIO()
    summary = grade_batch([root], BatchOptions(gradebook=book, scheduler=address, limits=FAST,
                                               progress="none"), out=out)
    assert (summary.graded, summary.could_not_grade) == (4, 1)
    assert out.getvalue().splitlines()[0] == (
        f"warning: the Dask scheduler {address} is not secured: whoever can reach it can run code on its workers "
        "(Dask accepts pickled functions from any client). Use a cluster secured with TLS (tls://..., see "
        'docs/grading.md, "A secured cluster").'
    )
    with Gradebook(book) as gb:
        assert gb.runs()[-1]["scheduler"] == address
        statuses = {(r.learner, r.question): r.status for r in gb.results()}
    assert statuses[("alice", "q_1")] == "correct" and statuses[("bob", "q_1")] == "incorrect"


@pytest.mark.slow
@pytest.mark.dask
def test_a_worker_that_dies_mid_submission_costs_only_a_retry(tmp_path: Path, dask_cluster) -> None:  # type: ignore[no-untyped-def]
    import threading

    import psutil

    address, nannies = dask_cluster
    root = tmp_path / "class"
    root.mkdir()
    for i in range(6):
        slow = "import time\ntime.sleep(2)"
        (root / f"learner{i}.ipynb").write_text(notebook_json([SETUP, IMAGE, slow, RIGHT_Q1]))
    book = str(tmp_path / "retry.sqlite")
    result: dict[str, object] = {}
    grading = threading.Thread(target=lambda: result.update(summary=grade_batch(
        [root], BatchOptions(gradebook=book, scheduler=address, limits=FAST, progress="none"),
        out=io.StringIO())))
    grading.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not Path(book).exists():
        time.sleep(0.2)
    while time.monotonic() < deadline:  # once the first submission is in, one worker is mid-submission
        with Gradebook(book) as gb:
            if gb.submissions():
                break
        time.sleep(0.2)
    workers = psutil.Process(nannies[0].pid).children()
    assert workers, "the nanny's worker process was not found"
    for worker in workers:
        worker.kill()
    grading.join(timeout=300)
    summary = result["summary"]
    assert (summary.graded, summary.could_not_grade) == (6, 0)  # type: ignore[attr-defined]
    with Gradebook(book) as gb:
        assert {r.status for r in gb.results() if r.question == "q_1"} == {"correct"}


# ---------------------------------------------------------------- PostgreSQL


def _postgres_bin() -> Path | None:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


@pytest.fixture
def postgres_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL server from Debian's package, on a free port, as the postgres user."""
    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    run_as: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as the postgres user")
        run_as = [runuser, "-u", "postgres", "--"]
    # Outside pytest's folders, which only root may enter.
    data = Path(tempfile.mkdtemp(prefix="learntools-cv-pg-"))
    if run_as:
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    init = subprocess.run([*run_as, str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                           "--auth=trust"], capture_output=True, text=True)
    if init.returncode != 0:
        shutil.rmtree(data, ignore_errors=True)
        pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
    start = subprocess.run([*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-w",
                            "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start"],
                           capture_output=True, text=True)
    if start.returncode != 0:
        pytest.skip(f"PostgreSQL did not start: {start.stderr.strip()[:300]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.mark.postgres
def test_gradebook_on_postgresql(tmp_path: Path, postgres_url: str) -> None:
    root = make_class(tmp_path)
    summary = grade_batch([root], BatchOptions(gradebook=postgres_url, scheduler="serial", limits=FAST,
                                               progress="none"), out=io.StringIO())
    assert (summary.graded, summary.could_not_grade) == (4, 1)
    with Gradebook(postgres_url) as book:
        assert book.engine.dialect.name == "postgresql"
        assert len(book.results()) == 28
        assert [s["learner"] for s in book.submissions()] == ["alice", "bob", "carol", "dave"]
        assert export_csv(book, tmp_path / "pg.csv") == 4
    again = grade_batch([root], BatchOptions(gradebook=postgres_url, scheduler="serial", limits=FAST,
                                             progress="none"), out=io.StringIO())
    assert (again.graded, again.skipped) == (0, 4)
