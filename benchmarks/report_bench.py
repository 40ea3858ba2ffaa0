"""Benchmark: how long `learntools-cv report` takes for a large class, phase by phase and end to end.

    python benchmarks/report_bench.py [--quick] [--learners N] [--events-learners N]

A synthetic class (default 10,000 learners x 7 questions = 70,000 result rows, with planted mistakes; made by
tests/report/gradebook_factory.py) is written to an SQLite gradebook, then the report is built: loading with
SQLAlchemy, counting, drawing the page, writing it. Each phase is timed in this process (median of a few
rounds); then the whole command is timed in a fresh interpreter, as a teacher runs it (imports included).
The same is done for learners' events files (default 2,000 learners, one JSONL file each).

`run(quick=False)` returns the figures as a dict (benchmarks/run.py puts it in results.json) and `markdown()`
turns them into a table. Target: the whole command under 10 s for 10,000 learners on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(REPO / "tests" / "report")]

from events_factory import synthetic_cohort  # noqa: E402
from gradebook_factory import make_run, synthetic_class, write_gradebook  # noqa: E402

from learntools_cv.report import data, events, html  # noqa: E402

TARGET_S = 10.0
"""The whole command, for 10,000 learners, on 2 cores."""
TARGET_LEARNERS = 10_000


def _timed(call: Callable[[], Any], rounds: int) -> tuple[float, Any]:
    """Median seconds over `rounds` calls, and the last call's result."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _command(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of `python -m learntools_cv.report.cli ARGS` in a fresh interpreter (CPU time
    says what the command costs even when other jobs share the machine)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "learntools_cv.report.cli", *args], capture_output=True, text=True, env=env, timeout=600
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"learntools-cv report failed ({done.returncode}): {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def _commands(args: list[str], rounds: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds over `rounds` runs of the command."""
    runs = [_command(args) for _ in range(rounds)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def gradebook_figures(learners: int, rounds: int, folder: Path) -> dict[str, Any]:
    start = time.perf_counter()
    # Every notebook graded, so that 10,000 learners make exactly 70,000 result rows.
    synthetic = synthetic_class(learners, seed=2026, could_not_grade=0.0)
    path = folder / "gradebook.sqlite"
    write_gradebook(path, synthetic.submissions, runs=[make_run(submissions=learners)])
    setup = time.perf_counter() - start

    load, gradebook = _timed(lambda: data.load_gradebook(path), rounds)
    analyse, report = _timed(lambda: data.analyse(gradebook), rounds)
    render, page = _timed(lambda: html.gradebook_page(report), rounds)
    out = folder / "report.html"
    write, _ = _timed(lambda: out.write_text(page, encoding="utf-8"), rounds)
    command, cpu = _commands([str(path), "-o", str(folder / "cli.html")], rounds)
    rows = sum(len(s.results) for s in gradebook.submissions)
    return {
        "learners": learners,
        "result_rows": rows,
        "setup_write_gradebook_s": setup,
        "load_s": load,
        "analyse_s": analyse,
        "render_s": render,
        "write_s": write,
        "in_process_total_s": load + analyse + render + write,
        "command_s": command,
        "command_cpu_s": cpu,
        "page_mb": len(page.encode()) / 1e6,
        "rounds": rounds,
    }


def events_figures(learners: int, rounds: int, folder: Path) -> dict[str, Any]:
    start = time.perf_counter()
    synthetic_cohort(folder, learners, seed=2026)
    setup = time.perf_counter() - start
    read, log = _timed(lambda: events.read_events([folder]), rounds)
    aggregate, report = _timed(lambda: events.aggregate(log), rounds)
    render, page = _timed(lambda: html.events_page(report), rounds)
    command, cpu = _commands([str(folder), "-o", str(folder.parent / "events.html")], rounds)
    return {
        "learners": learners,
        "files": len(log.files),
        "events": len(log.events),
        "setup_write_files_s": setup,
        "read_s": read,
        "aggregate_s": aggregate,
        "render_s": render,
        "command_s": command,
        "command_cpu_s": cpu,
        "page_mb": len(page.encode()) / 1e6,
        "rounds": rounds,
    }


def run(quick: bool = False, learners: int | None = None, events_learners: int | None = None) -> dict[str, Any]:
    """Measure both reports. Quick: 1,000 learners and 200 events files, one round (a smoke run)."""
    learners = learners or (1_000 if quick else TARGET_LEARNERS)
    events_learners = events_learners or (200 if quick else 2_000)
    rounds = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        root = Path(tmp)
        (root / "events").mkdir()
        results = {
            "gradebook": gradebook_figures(learners, rounds, root),
            "events": events_figures(events_learners, rounds, root / "events"),
            "cpus": os.cpu_count(),
            "load_average": " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a",
        }
    g = results["gradebook"]
    results["target"] = {
        "target": f"report for {TARGET_LEARNERS:,} learners ({TARGET_LEARNERS * 7:,} result rows) <= {TARGET_S:g} s",
        # Only a run at full size can meet it; a quick run says how far it got.
        "met": bool(g["learners"] >= TARGET_LEARNERS and g["command_s"] <= TARGET_S),
        "figure": f"{g['command_s']:.2f} s for {g['learners']:,} learners ({g['result_rows']:,} rows), "
        f"page {g['page_mb']:.1f} MB",
    }
    return results


def markdown(results: dict[str, Any]) -> str:
    g, e, t = results["gradebook"], results["events"], results["target"]
    lines = [
        "## Report (`learntools-cv report`)",
        "",
        f"Gradebook: {g['learners']:,} learners, {g['result_rows']:,} result rows; events: {e['learners']:,} "
        f"learners, {e['events']:,} events in {e['files']:,} files. Median of {g['rounds']} round(s), "
        f"{results['cpus']} CPUs, load average {results['load_average']}.",
        "",
        "| phase | gradebook (s) | events (s) |",
        "| --- | ---: | ---: |",
        f"| read (SQLAlchemy / JSONL) | {g['load_s']:.2f} | {e['read_s']:.2f} |",
        f"| count | {g['analyse_s']:.2f} | {e['aggregate_s']:.2f} |",
        f"| draw the page | {g['render_s']:.2f} | {e['render_s']:.2f} |",
        f"| write the file | {g['write_s']:.2f} | – |",
        f"| **whole command, fresh interpreter** | **{g['command_s']:.2f}** | **{e['command_s']:.2f}** |",
        f"| whole command, CPU seconds | {g['command_cpu_s']:.2f} | {e['command_cpu_s']:.2f} |",
        f"| page size (MB) | {g['page_mb']:.1f} | {e['page_mb']:.2f} |",
        "",
        f"Target: {t['target']}: **{'met' if t['met'] else 'missed'}** ({t['figure']}).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 learners, one round (a smoke run)")
    parser.add_argument("--learners", type=int, default=None, help=f"gradebook size (default {TARGET_LEARNERS:,})")
    parser.add_argument("--events-learners", type=int, default=None, help="events files (default 2,000)")
    args = parser.parse_args(argv)
    print(markdown(run(args.quick, args.learners, args.events_learners)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
