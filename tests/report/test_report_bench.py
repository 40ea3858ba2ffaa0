"""The report benchmark still runs: a small run returns every figure, as numbers, and its table."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "report_bench.py"


def test_a_small_benchmark_run_returns_every_figure() -> None:
    spec = importlib.util.spec_from_file_location("report_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    results = bench.run(quick=True, learners=120, events_learners=15)
    g, e = results["gradebook"], results["events"]
    assert (g["learners"], g["result_rows"]) == (120, 840)
    assert (e["learners"], e["files"]) == (15, 15)
    for figures in (g, e):
        assert all(isinstance(v, (int, float)) and math.isfinite(v) and v >= 0 for v in figures.values())
        assert figures["command_s"] > 0
    assert results["target"]["met"] is False  # only a run at 10,000 learners can meet it
    table = bench.markdown(results)
    assert table.startswith("## Report (`learntools-cv report`)")
    assert "| **whole command, fresh interpreter** |" in table
