"""One side of the isolation benchmark (benchmarks/grading.py): grade a generated class serially, then start and
end a sandboxed child again and again, with whichever learntools_cv PYTHONPATH names.

    PYTHONPATH=DIR python benchmarks/grade_serially.py CLASS_ROOT OUT.json CYCLES

It imports nothing from this checkout by path: the learntools_cv measured is the one PYTHONPATH finds (the
code of today, or the grader before the sandbox had namespaces, extracted from git).
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from pathlib import Path


def main(root: Path, out: Path, cycles: int) -> None:
    import learntools_cv
    from learntools_cv.grading import BatchOptions, Limits, grade_batch
    from learntools_cv.grading.executor import Child, shared_server

    limits = Limits(cell_timeout=10.0)
    summary = grade_batch([root / "submitted"], BatchOptions(
        gradebook=str(out.with_suffix(".sqlite")), scheduler="serial", limits=limits, progress="none", regrade=True,
    ), out=io.StringIO())
    # The sandbox's fixed cost: a child that runs one tiny cell and hands over one variable, from the request
    # to start it until it is told to go; and the CPU its processes used, their ends included.
    import psutil

    server = shared_server(["learntools_cv.ex3"])
    process = psutil.Process(server.process.pid)
    job = {"cells": [{"index": 0, "source": "x = 1"}], "skip": {}, "cell_timeout": 10.0, "call_timeout": 5.0,
           "limits": limits.as_dict()}
    seconds = []
    cpu_before = _children_cpu(process)
    for _ in range(cycles):
        started = time.perf_counter()
        child = Child(server, limits)
        run = child.run_cells(job)
        assert run.finished and child.values(["x"]) == {"x": 1}
        child.close()
        seconds.append(time.perf_counter() - started)
    time.sleep(1.0)  # the last children's ends are reaped
    cpu = (_children_cpu(process) - cpu_before) / cycles
    out.write_text(json.dumps({
        "package": str(Path(learntools_cv.__file__).parent),
        "per_learner_seconds": {r.learner: r.seconds for r in summary.reports},
        "statuses": {f"{r.learner} {row.question}": [row.status, row.mistake] for r in summary.reports
                     for row in r.rows},
        "grading_seconds": summary.seconds,
        "child_cycle_seconds": seconds,
        "child_cycle_median_ms": statistics.median(seconds) * 1000,
        "child_cycle_cpu_ms": cpu * 1000,
    }))


def _children_cpu(process: object) -> float:
    """CPU seconds of the fork server's children that it has reaped (theirs and their own children's)."""
    times = process.cpu_times()  # type: ignore[attr-defined]
    return float(times.children_user + times.children_system)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
