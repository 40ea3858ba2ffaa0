"""Grading a class: discover submissions, skip the unchanged ones, grade the rest in parallel on Dask (or in
this process), and commit each to the gradebook as soon as it is graded, with progress on the terminal.

Only this client writes the gradebook. A worker that dies mid-submission costs that submission a retry;
Ctrl-C or a killed client loses nothing already committed, and a re-run picks up where it stopped.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from learntools_cv.core.status import RESULT_LABELS, RESULT_STATUSES
from learntools_cv.grading import feedback as feedback_files
from learntools_cv.grading import safety
from learntools_cv.grading.executor import Limits
from learntools_cv.grading.gradebook import Gradebook
from learntools_cv.grading.results import GradeReport
from learntools_cv.grading.submissions import Submission, discover

SERIAL = "serial"
# Times Dask may start a submission again after the worker grading it died.
RETRIES = 1


@dataclass(frozen=True)
class BatchOptions:
    """How `grade_batch` grades."""

    gradebook: str = "gradebook.sqlite"
    """A file path (SQLite) or an SQLAlchemy URL (postgresql://...)."""
    exercise: str | None = None
    """Grade every submission as this exercise module instead of reading it from the setup cell."""
    regrade: bool = False
    """Grade submissions again even when their content is unchanged."""
    scheduler: str | None = None
    """None: a local Dask cluster (TLS, with credentials made for the run); 'tls://HOST:PORT': an existing one;
    'serial': this process, no Dask."""
    tls: tuple[str, str, str] | None = None
    """(CA file, certificate, key) of the grader's TLS identity on an existing cluster; None: Dask's own
    configuration (`distributed.comm.tls.*`)."""
    workers: int | None = None
    """Workers of the local cluster (default: `default_layout`)."""
    threads: int | None = None
    """Submissions each worker of the local cluster grades at once (default: `default_layout`)."""
    limits: Limits = field(default_factory=Limits)
    feedback_dir: str | None = None
    """Write one HTML feedback file per submission here."""
    progress: str = "auto"
    """'auto' (a bar on a terminal, lines otherwise), 'bar', 'lines' or 'none'."""


class BatchError(Exception):
    """Grading cannot start (no isolation on this machine, no TLS support). The message names the fix."""


@dataclass
class BatchSummary:
    """What a batch did."""

    graded: int = 0
    skipped: int = 0
    could_not_grade: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    reports: list[GradeReport] = field(default_factory=list)
    interrupted: bool = False
    startup_seconds: float = 0.0
    """Time until the workers were ready (cluster started, fork servers warm); part of `seconds`."""
    workers: int = 0
    """Workers the grading ran on (1 for the serial scheduler)."""
    threads: int = 1
    """Submissions each worker of a local cluster graded at once."""
    startup_parts: dict[str, float] = field(default_factory=dict)
    """Where the start-up went: "cluster" (Dask's scheduler and workers up), "warm" (the slowest worker's
    warming), and of that the slowest fork server ("fork_server") and worker's own imports ("worker")."""


def grade_batch(inputs: Iterable[str], options: BatchOptions, out: TextIO | None = None) -> BatchSummary:
    """Grade everything under `inputs` into the gradebook."""
    out = out or sys.stdout
    started = time.perf_counter()
    found = discover(inputs, exercise=options.exercise)
    summary = BatchSummary(notes=list(found.notes))
    for note in found.notes:
        print(f"note: {safety.shown(note)}", file=out)
    with Gradebook(options.gradebook) as book:
        todo = []
        for sub in found.submissions:
            if not options.regrade and book.unchanged(sub.learner, sub.assignment, sub.content_hash):
                summary.skipped += 1
            else:
                todo.append(sub)
        if summary.skipped:
            print(f"{summary.skipped} submission(s) unchanged since they were graded: skipped "
                  "(--regrade grades them again).", file=out)
        if plain_scheduler(options.scheduler):
            print(PLAIN_SCHEDULER.format(address=safety.shown(str(options.scheduler))), file=out)
        workers, summary.threads = ((1, 1) if options.scheduler == SERIAL
                                    else default_layout(len(todo), options.workers, options.threads))
        if options.scheduler != SERIAL:
            todo = slowest_first(todo, book.previous_seconds())
        summary.workers = workers
        run_id = book.start_run(len(todo), workers, options.scheduler or "local")
        progress = _progress(options.progress, len(todo), out)
        try:
            for report in _reports(todo, options, summary):
                report = _record(book, report, run_id, options, summary, out)
                summary.reports.append(report)
                summary.graded += 1
                summary.could_not_grade += report.status == "could_not_grade"
                progress(report)
        except KeyboardInterrupt:
            summary.interrupted = True
            print(f"\nInterrupted: {summary.graded} submission(s) graded and saved; run again to grade the rest.",
                  file=out)
        finally:
            progress(None)
            summary.seconds = time.perf_counter() - started
            book.finish_run(run_id, summary.seconds)
    return summary


def slowest_first(todo: list[Submission], seconds: dict[tuple[str, str], float]) -> list[Submission]:
    """`todo` in the order to hand it to parallel workers: the submissions that took longest when last graded
    first, so that a notebook which runs to its time limit is not started last, with every other worker idle
    while it runs. One never graded counts as the median of those that were; ties keep their order."""
    known = [seconds[(s.learner, s.assignment)] for s in todo if (s.learner, s.assignment) in seconds]
    if not known:
        return list(todo)
    usual = statistics.median(known)
    return sorted(todo, key=lambda s: -seconds.get((s.learner, s.assignment), usual))


def _record(book: Gradebook, report: GradeReport, run_id: int, options: BatchOptions, summary: BatchSummary,
            out: TextIO) -> GradeReport:
    """Commit one graded submission (before the next one is looked at) and write its feedback page. A failure
    here costs this submission its grades, which become could_not_grade rows saying why, and never the run."""
    report = safety.safe_report(report)
    try:
        book.record(report, run_id)
    except Exception as exc:
        report = _lost(report, f"Its grades could not be stored ({type(exc).__name__}: {_first_line(exc)}).")
        try:
            book.record(report, run_id)
        except Exception as again:
            note = (f"{report.learner} {report.assignment}: nothing could be stored ({type(again).__name__}: "
                    f"{_first_line(again)}); grade it again with --regrade.")
            summary.notes.append(note)
            print(f"note: {safety.shown(note)}", file=out)
            return report
    if options.feedback_dir:
        try:
            feedback_files.write(report, options.feedback_dir)
        except Exception as exc:
            note = (f"{report.learner} {report.assignment}: its feedback page could not be written "
                    f"({type(exc).__name__}: {_first_line(exc)}); its grades are stored.")
            summary.notes.append(note)
            print(f"note: {safety.shown(note)}", file=out)
    return report


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return safety.shown(text.splitlines()[0][:300]) if text else ""


def _reports(todo: list[Submission], options: BatchOptions, summary: BatchSummary) -> Iterator[GradeReport]:
    if not todo:
        return
    if options.scheduler == SERIAL:
        from learntools_cv.grading.grader import grade_submission

        started = time.perf_counter()
        problem = start_sandboxes(sorted({s.exercise for s in todo if s.exercise}))
        if problem:
            raise BatchError(problem)
        summary.startup_seconds = time.perf_counter() - started
        for sub in todo:
            yield grade_submission(sub, options.limits, feedback=bool(options.feedback_dir))
        return
    yield from _dask_reports(todo, options, summary)


def _dask_reports(todo: list[Submission], options: BatchOptions, summary: BatchSummary) -> Iterator[GradeReport]:
    from distributed import Client, LocalCluster, as_completed

    started = time.perf_counter()
    cluster = None
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout="30s", security=_security(options.tls))
        except (OSError, TypeError, ValueError) as exc:  # unreachable, or TLS without credentials
            raise BatchError(
                f"cannot connect to the Dask scheduler {safety.shown(options.scheduler)} ({type(exc).__name__}: "
                f"{_first_line(exc)}). For a tls:// scheduler, give --tls-ca-file, --tls-cert and --tls-key, or "
                "set Dask's distributed.comm.tls configuration (docs/grading.md, \"A secured cluster\")."
            ) from None
    else:
        import dask

        # The scheduler's and workers' web pages (task and log views, plain HTTP) are off: only a health check
        # answers there; the cluster itself speaks TLS only.
        quiet = {"distributed.scheduler.http.routes": ["distributed.http.health"],
                 "distributed.worker.http.routes": ["distributed.http.health"]}
        with dask.config.set(quiet):
            cluster = LocalCluster(
                n_workers=summary.workers,
                threads_per_worker=summary.threads,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
                security=_temporary_security(),
                # Its health check on a free port of 127.0.0.1 (Dask's 8787 may be another cluster's).
                scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
            )
        client = Client(cluster)
    summary.startup_parts["cluster"] = time.perf_counter() - started
    try:
        exercises = sorted({s.exercise for s in todo if s.exercise})
        try:
            warmed = client.run(warm_worker, exercises, cluster is not None)
        except Exception:  # warming is an optimisation: the first submission on a worker warms it anyway
            warmed = {}
        problems = sorted({p for p in warmed.values() if isinstance(p, str)})
        if problems:
            raise BatchError(problems[0])
        for part in ("fork_server", "worker", "seconds"):
            seconds = [p[part] for p in warmed.values() if isinstance(p, dict) and part in p]
            if seconds:
                summary.startup_parts["warm" if part == "seconds" else part] = max(seconds)
        summary.startup_seconds = time.perf_counter() - started
        want = bool(options.feedback_dir)
        futures = {
            client.submit(grade_on_worker, sub, options.limits, want, key=f"grade-{i}-{sub.content_hash[:12]}",
                          pure=False, retries=RETRIES): sub
            for i, sub in enumerate(todo)
        }
        for future in as_completed(futures):
            sub = futures[future]
            try:
                report = future.result()
            except Exception as exc:  # the worker died (more than the retries allow) or grading failed
                report = _failed(sub, exc)
            yield report
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# A worker's start costs about as much CPU as grading this many submissions (two imports of TensorFlow, its
# own and its fork server's, against 0.3 to 0.5 s a submission; benchmarks/results/grading.md).
SUBMISSIONS_PER_WORKER = 8
# Submissions one worker grades at once, at most: its threads share its warm imports and its fork server (which
# starts one child at a time), and judging holds Python's lock.
MAX_THREADS = 2


def default_layout(submissions: int, workers: int | None = None, threads: int | None = None,
                   cores: int | None = None) -> tuple[int, int]:
    """(workers, threads per worker) of a local cluster grading `submissions`, where the teacher did not say:
    together one submission per core at once, each worker grading up to `MAX_THREADS` at once (a second
    submission in a warm worker costs nothing to start; a second worker costs two imports of TensorFlow), and
    one worker per `SUBMISSIONS_PER_WORKER` submissions at most (a small class is done before another worker
    would have started)."""
    cores = cores or os.cpu_count() or 1
    if threads is None:
        threads = max(1, min(MAX_THREADS, cores // workers if workers else cores))
    if workers is None:
        workers = max(1, min(max(1, cores // threads), submissions // SUBMISSIONS_PER_WORKER))
    return workers, threads


def plain_scheduler(address: str | None) -> bool:
    """True for a Dask scheduler address without TLS (`tcp://...`, or no protocol, which Dask reads as TCP)."""
    if not address or address == SERIAL:
        return False
    return "://" not in address or address.startswith(("tcp://", "ucx://", "ws://"))


PLAIN_SCHEDULER = (
    "warning: the Dask scheduler {address} is not secured: whoever can reach it can run code on its workers "
    "(Dask accepts pickled functions from any client). Use a cluster secured with TLS (tls://..., see "
    "docs/grading.md, \"A secured cluster\")."
)


def _temporary_security() -> Any:
    """TLS for the local cluster, with a certificate made for this run and kept in memory only."""
    from distributed.security import Security

    try:
        return Security.temporary()
    except ImportError:
        raise BatchError("the local Dask cluster is secured with TLS, which needs the `cryptography` package: "
                         "python -m pip install 'learntools_cv[grading]'") from None


def _security(tls: tuple[str, str, str] | None) -> Any:
    if tls is None:
        return None  # Dask's configuration decides
    from distributed.security import Security

    ca, cert, key = tls
    return Security(tls_ca_file=ca, tls_client_cert=cert, tls_client_key=key, require_encryption=True)


def warm_worker(exercises: list[str], ours: bool = False) -> dict[str, float] | str:
    """On a Dask worker: start its fork server (TensorFlow and the exercises imported once) and, meanwhile, this
    process's own copy of the exercises and TensorFlow: the two are separate processes, so their imports overlap.
    Returns the seconds of each part (the fork server's, this process's and the whole), or why the sandbox
    cannot isolate submissions on this machine (in words naming the fix). The fork server is started from this
    thread, which lives on: the server ends when the thread that started it does (PR_SET_PDEATHSIG)."""
    import threading

    if ours:
        _end_quickly()
    started = time.perf_counter()
    own: dict[str, Any] = {}

    def imports() -> None:
        from learntools_cv.grading import judge

        try:
            for exercise in exercises:
                judge.questions(exercise)  # the grader's own copy of the questions, imported once
            # The grader turns tensors handed over by the sandbox back into tensors: start TensorFlow once here
            # (this process never forks, so running an op here is safe).
            from learntools_cv.core.tensorflow_quietly import tensorflow

            tf = tensorflow()  # its start-up log would reach the teacher's terminal (a worker's output is ours)
            try:  # one thread each: the worker's few ops are small, and the children use the cores
                tf.config.threading.set_intra_op_parallelism_threads(1)
                tf.config.threading.set_inter_op_parallelism_threads(1)
            except RuntimeError:  # TensorFlow already started in this process
                pass
            tf.constant(0.0)
        except BaseException as exc:  # kept for the caller: a thread's exception would be lost
            own["error"] = exc
        own["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=imports, name="learntools-cv-warm-imports", daemon=True)
    worker.start()
    try:
        problem = start_sandboxes(exercises)
        server = time.perf_counter() - started
    finally:
        worker.join()
    if problem:
        return problem
    if "error" in own:
        raise own["error"]
    return {"fork_server": server, "worker": float(own["seconds"]), "seconds": time.perf_counter() - started}


def _end_quickly() -> None:
    """In a worker of the local cluster `grade` started (and will close): when the process ends, close its
    fork servers and leave without Python's finalisation, which with TensorFlow loaded takes 0.7 s of every
    run's end (Dask closes each worker before its process ends; nothing of a grade is left in it)."""
    import atexit

    from learntools_cv.grading.executor import close_shared

    def leave() -> None:
        close_shared()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        os._exit(0)

    atexit.register(leave)  # registered last, so it runs first


def start_sandboxes(exercises: list[str]) -> str:
    """Start this process's fork server for each exercise: '' or why submissions cannot be isolated here. (Any
    other failure, such as an exercise that does not import, is each submission's could_not_grade row.)"""
    from learntools_cv.grading.executor import IsolationUnavailable, SandboxError, shared_server

    for exercise in exercises:
        try:
            shared_server([exercise])
        except IsolationUnavailable as exc:
            return f"the sandbox cannot be started: {exc}"
        except SandboxError:
            pass
    return ""


def grade_on_worker(sub: Submission, limits: Limits, feedback: bool) -> GradeReport:
    """On a Dask worker: grade one submission with the worker's warm fork server."""
    from learntools_cv.grading.grader import grade_submission

    return grade_submission(sub, limits, feedback=feedback)


def _failed(sub: Submission, exc: BaseException) -> GradeReport:
    """The report of a submission whose grading task failed on Dask (its worker died twice, say)."""
    name = type(exc).__name__
    reason = (f"Grading it failed twice: the worker grading it died ({name})." if name == "KilledWorker"
              else f"Grading it failed: {name}: {_first_line(exc)}".rstrip(": "))
    report = GradeReport(learner=sub.learner, assignment=sub.assignment, path=sub.path,
                         content_hash=sub.content_hash, exercise=sub.exercise, status="could_not_grade",
                         reason=reason)
    return _lost(report, reason)


def _lost(report: GradeReport, reason: str) -> GradeReport:
    """`report` with every question could_not_grade for `reason`."""
    from dataclasses import replace

    from learntools_cv.grading import judge
    from learntools_cv.grading.grader import _row

    rows: tuple[Any, ...] = ()
    if report.exercise:
        try:
            rows = tuple(_row(spec, judge.could_not_grade(reason)) for spec in judge.questions(report.exercise))
        except judge.ExerciseError:
            rows = ()
    return replace(report, status="could_not_grade", reason=safety.stored(reason), rows=rows, cells=(),
                   feedback=())


# ---------------------------------------------------------------- progress


def _progress(mode: str, total: int, out: TextIO) -> Callable[[GradeReport | None], None]:
    """A callback taking each report as it is graded (None at the end)."""
    if mode == "none" or total == 0:
        return lambda report: None
    bar = mode == "bar" or (mode == "auto" and out.isatty())
    if bar:
        return _bar(total, out)
    return _lines(total, out)


def _bar(total: int, out: TextIO) -> Callable[[GradeReport | None], None]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        TimeElapsedColumn(), TextColumn("{task.description}"), console=Console(file=out), transient=False,
    )
    task = progress.add_task("", total=total)
    progress.start()

    def update(report: GradeReport | None) -> None:
        if report is None:
            progress.stop()
            return
        from rich.markup import escape

        progress.update(task, advance=1, description=escape(safety.shown(f"{report.learner}: {_tally(report)}")))

    return update


def _lines(total: int, out: TextIO) -> Callable[[GradeReport | None], None]:
    started = time.monotonic()
    done = [0]

    def update(report: GradeReport | None) -> None:
        if report is None:
            return
        done[0] += 1
        elapsed = time.monotonic() - started
        eta = elapsed / done[0] * (total - done[0])
        line = f"{report.learner} {report.assignment}: {_tally(report)}"
        print(f"[{done[0]}/{total}] {safety.shown(line)} ({report.seconds:.1f} s; ETA {eta:.0f} s)", file=out,
              flush=True)

    return update


def _tally(report: GradeReport) -> str:
    if not report.rows:
        return f"could not grade: {report.reason}"
    from collections import Counter

    counts = Counter(r.status for r in report.rows)
    return ", ".join(f"{counts[k]} {RESULT_LABELS[k].lower()}" for k in RESULT_STATUSES if counts[k])
