"""The benchmarks still run: `benchmarks/run.py --quick` exits 0 and writes every section with numbers.

A smoke test only. Nothing here looks at how fast anything was; the figures are for people to read.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("check_latency", "scaling", "import_cost", "notebook", "memory", "lesson2")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


@pytest.mark.slow
@pytest.mark.notebook
def test_quick_benchmark_run_writes_every_section(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "results.md").read_text().startswith("# learntools_cv benchmarks")
    results = json.loads((tmp_path / "results.json").read_text())
    assert set(SECTIONS) <= results.keys()

    latency = results["check_latency"]
    assert _number(latency["reference"]["median_ms"])
    # The passing answer, its first check (setup values verified too) and every diagnosed mistake.
    assert [c["kind"] for c in latency["cases"]] == ["passing", "first"] + ["mistake"] * 17
    assert all(c["diagnosed"] for c in latency["cases"])
    for case in latency["cases"]:
        assert all(_number(case[k]) for k in ("median_ms", "iqr_ms", "min_ms", "max_ms", "ratio_to_pool"))
    assert all(_number(d["median_ms"]) for d in latency["display"])

    scaling = results["scaling"]
    series = ("tf.nn.pool", "passing check", "first check", "average pooling", "random perturbation")
    for row in scaling["rows"]:
        assert all(_number(row[k]["median_ms"]) for k in series)
    for fits in scaling["exponents"].values():
        assert _number(fits["all_sizes"])

    imports = results["import_cost"]["rows"]
    assert all(_number(r["median_ms"]) for r in imports)
    core = next(r for r in imports if r["name"] == "import learntools_cv.core")
    assert core["tensorflow_loaded_after"] is False

    notebook = results["notebook"]
    assert _number(notebook["difference_s"])
    assert all(_number(r["median_s"]) for r in notebook["rows"])
    assert notebook["differences_s"] and all(_number(d) for d in notebook["differences_s"])

    memory = results["memory"]["rows"]
    assert memory and all(_number(r["peak_extra_bytes"]) and _number(r["ratio_to_answer"]) for r in memory)

    lesson2 = results["lesson2"]
    assert set(lesson2["references"]) == {"tf.nn.conv2d", "tf.nn.relu", "tf.nn.conv2d + relu"}
    assert all(_number(r["median_ms"]) for r in lesson2["references"].values())
    assert {c["question"] for c in lesson2["cases"]} == {"q_1", "q_2", "q_3"}
    for case in lesson2["cases"]:
        assert _number(case["median_ms"]) and _number(case["ratio_to_op"])
        assert case["diagnosed"], case

    assert {t["met"] for t in results["targets"]} <= {True, False}

    sliding = results["sliding_window"]  # lesson 4's checks against their TensorFlow ops
    assert sliding["cases"] and all(_number(c["median_ms"]) for c in sliding["cases"])
    assert all(c["as_expected"] for c in sliding["cases"])
    assert all(_number(c["ratio_to_op"]) for c in sliding["cases"] if "op" in c)
    assert "## Lesson 4, The Sliding Window" in (tmp_path / "results.md").read_text()

    vision = json.loads((tmp_path / "vision.json").read_text())
    assert vision["base"]["bytes"] > 0 and vision["base"]["parameters"] > 0
    assert vision["build"]["pictures"] == 60 and _number(vision["build"]["seconds"])
    assert {(c["base"], c["optimizer"]) for c in vision["cells"]} == {("pretrained", "adam"), ("random", "adam")}
    for cell in vision["cells"]:
        assert _number(cell["seconds"]) and len(cell["val_binary_accuracy"]) == cell["epochs"] == 2
    assert set(vision["targets"]) == {"cell_seconds", "transfer_gain", "base_megabytes", "build_seconds"}
    assert results["vision_targets"] == vision["targets"]
    assert "# Data and base benchmarks" in (tmp_path / "results.md").read_text()

    grading = json.loads((tmp_path / "grading.json").read_text())
    assert set(grading["classes"]) == {"2"}  # a quick run grades the class of 2 and the whole (small) class
    assert _number(grading["classes"]["2"]["speedup"]["median"]) and grading["classes"]["2"]["workers"] == 1
    assert set(grading["startup_parts_default"]) == {"cluster", "warm", "fork_server", "worker"}
    assert _number(grading["figures"]["startup_vs_import_tensorflow"])
    assert {"class_of_2", "startup_vs_import_tensorflow", "scaling_1_to_2"} <= set(grading["targets"])
    assert grading["manifest_agreement"]["agree"] == grading["manifest_agreement"]["rows"]
    # Each first grading of the whole class is followed by a regrade into its gradebook: same verdicts, and the
    # notebook that took longest (the endless one, last in the class's order) started first.
    assert grading["manifest_agreement_regrade"]["agree"] == grading["manifest_agreement_regrade"]["rows"]
    assert {"throughput_vs_fresh_kernel_regrade", "scaling_1_to_2_regrade"} <= set(grading["targets"])
    one = grading["grader_1_worker"]
    assert one["order"][-1] == "learner_04"
    assert [r["order"][0] for r in grading["regrade_runs"]["1x1"]] == ["learner_04"]
    assert {h["kind"] for h in grading["fresh_kernel"]["hostile"].values()} == {"crash", "endless"}
    # Each lesson's solution notebook, graded: every question right or (a thought experiment) not attempted.
    lessons = grading["lessons"] + json.loads((tmp_path / "training.json").read_text())["grading"]
    assert sorted(g["lesson"] for g in lessons) == ["ex1", "ex2", "ex3", "ex4", "ex5", "ex6"]
    for g in lessons:
        assert set(g["verdicts"].values()) <= {"correct", "not_attempted"} and "correct" in g["verdicts"].values()
