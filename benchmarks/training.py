"""Benchmark of the lessons that train models: 1, The Convolutional Classifier, 5, Custom Convnets, and 6, Data
Augmentation (`learntools_cv.computer_vision.ex1`, `ex5`, `ex6`): every training cell of their notebooks,
timed, with the validation accuracy it reaches; the cost of each question's check; and the cost of grading one
submission of each lesson.

    python benchmarks/training.py [--quick] [--out benchmarks/results]

1. **Training cells.** Each notebook that trains (the two tutorials and the two solution notebooks) runs in a
   fresh Python process, its code cells executed in order as a kernel runs them (pyplot drawing off screen),
   so the figures are the notebook's own: its data, its seed, its cells. Every cell that calls `fit` is timed,
   and the validation accuracy of each of its epochs read from the `History` it made. A full run repeats each
   notebook with the seed it ships with (31415), alternating the notebooks so that load from other work falls
   on all alike, then once more with other seeds (the line `keras.utils.set_random_seed(31415)` changed),
   to show how far another random start moves the accuracy the lessons state.
2. **Checks.** `q_N.evaluate()` (the check, without display) on the exercise's setup namespace with the right
   answer and mistakes of each kind, median of a few rounds.
3. **Grading.** `learntools-cv grade`'s serial scheduler on one solution notebook of each lesson, with the
   lesson's `GRADING_LIMITS`: the seconds a submission costs the grader, training included.

A quick run (`--quick`, what the smoke test runs) changes the notebooks' code before running them: a data set
of 20 + 10 pictures a class and one epoch a cell. Its figures only show that the benchmark works.

`run(quick, out)` writes DIR/training.json and DIR/training.md and returns the figures.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.pop("LEARNTOOLS_CV_EVENTS", None)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

NOTEBOOKS = {
    "tut1": REPO / "exercises" / "tut1_convolutional_classifier.ipynb",
    "ex1": REPO / "solutions" / "ex1_convolutional_classifier.ipynb",
    "tut5": REPO / "exercises" / "tut5_custom_convnets.ipynb",
    "ex5": REPO / "solutions" / "ex5_custom_convnets.ipynb",
    "tut6": REPO / "exercises" / "tut6_data_augmentation.ipynb",
    "ex6": REPO / "solutions" / "ex6_data_augmentation.ipynb",
}
SEED_LINE = "keras.utils.set_random_seed(31415)"
OTHER_SEEDS = (1, 2, 3)
TARGETS = {"cell_seconds": 60.0}
"""Every training cell within a minute on the project's two cores (issue 21)."""

# Run inside the child process: exec the notebook's code cells in order, time each, read what fit() made.
CHILD = r'''
import contextlib, io, json, linecache, os, sys, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
cells = json.loads(sys.stdin.read())
ns = {"__name__": "__main__"}
out = []
for number, source in enumerate(cells):
    # As IPython does, so that TensorFlow's AutoGraph can read a cell's functions.
    filename = f"<cell {number}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    before = {k: id(v) for k, v in ns.items()}
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(source, filename, "exec"), ns)
    seconds = time.perf_counter() - started
    plt.close("all")
    histories = [v for k, v in ns.items() if type(v).__name__ == "History" and before.get(k) != id(v)]
    entry = {"seconds": seconds, "fits": ".fit(" in source}
    if histories:
        h = histories[0].history
        entry["val_accuracy"] = [float(a) for a in h.get("val_binary_accuracy", h.get("val_accuracy", []))]
        entry["accuracy"] = [float(a) for a in h.get("binary_accuracy", h.get("accuracy", []))]
        entry["val_loss"] = [float(a) for a in h.get("val_loss", [])]
    out.append(entry)
print(json.dumps({"cells": out, "load": os.getloadavg()[0]}))
'''


def code_cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]


def quick_cells(cells: list[str], data: Path) -> list[str]:
    """The notebook's cells on a tiny data set, one epoch a training cell (a smoke run)."""
    out = []
    for source in cells:
        source = source.replace("dataset_dir()", f"dataset_dir(Spec(20, 10), cache={str(data)!r})")
        source = source.replace("from learntools_cv.vision.car_or_truck import dataset_dir",
                                "from learntools_cv.vision.car_or_truck import Spec, dataset_dir")
        for epochs in ("epochs=25", "epochs=30", "epochs=15", "epochs=10"):
            source = source.replace(epochs, "epochs=1")
        source = source.replace("initial_epoch=15,\n        epochs=1", "initial_epoch=1,\n        epochs=2")
        out.append(source)
    return out


def run_notebook(name: str, seed: int, quick: bool, data: Path) -> dict[str, Any]:
    cells = code_cells(NOTEBOOKS[name])
    if seed != 31415:
        cells = [c.replace(SEED_LINE, f"keras.utils.set_random_seed({seed})") for c in cells]
    if quick:
        cells = quick_cells(cells, data)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(cells), capture_output=True, text=True,
                          cwd=REPO, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{name} (seed {seed}) failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    fits = [dict(cell=n, **c) for n, c in enumerate(result["cells"]) if c.get("fits") and "val_accuracy" in c]
    return {"notebook": name, "seed": seed, "seconds": time.perf_counter() - started, "fits": fits,
            "load": result["load"]}


def training(quick: bool, data: Path) -> list[dict[str, Any]]:
    runs = []
    rounds = 1 if quick else 2
    for _ in range(rounds):
        for name in NOTEBOOKS:
            run = run_notebook(name, 31415, quick, data)
            runs.append(run)
            print(f"{name} seed 31415: " + ", ".join(f"{f['seconds']:.1f} s to {f['val_accuracy'][-1]:.3f}"
                                                     for f in run["fits"]), flush=True)
    if not quick:
        for seed in OTHER_SEEDS:
            for name in NOTEBOOKS:
                run = run_notebook(name, seed, quick, data)
                runs.append(run)
                print(f"{name} seed {seed}: " + ", ".join(f"{f['val_accuracy'][-1]:.3f}" for f in run["fits"]),
                      flush=True)
    return runs


def checks(quick: bool) -> list[dict[str, Any]]:
    """Each question's check on its setup namespace: the right answer and named mistakes."""
    from learntools_cv.core import Session
    from learntools_cv.lessons.convolutional_classifier import exercise as ex1
    from learntools_cv.lessons.custom_convnets import exercise as ex5
    from learntools_cv.lessons.data_augmentation import exercise as ex6

    cases = []
    for module, lesson in (("learntools_cv.computer_vision.ex1", ex1), ("learntools_cv.computer_vision.ex5", ex5),
                           ("learntools_cv.computer_vision.ex6", ex6)):
        setup: dict[str, Any] = {"__name__": "__main__"}
        exec(lesson.SETUP_CODE, setup)
        for number, question in enumerate(lesson.QUESTIONS, start=1):
            if not question().checks_anything:
                continue
            answers = [("right", question.solution.code if hasattr(question.solution, "code") else None)]
            answers += [(m.id, m.code) for m in question.mistakes][: 2 if quick else None]
            for name, source in answers:
                if source is None:
                    continue
                ns = dict(setup)
                exec(question.given or "", ns)  # what the question's earlier cells made (a model to compile)
                exec(source, ns)
                view = Session().questions(module)[f"q_{number}"]
                times = []
                for _ in range(1 if quick else 5):
                    started = time.perf_counter()
                    outcome = view.evaluate(ns)
                    times.append(time.perf_counter() - started)
                cases.append({"lesson": module.rsplit(".", 1)[1], "question": f"q_{number}", "answer": name,
                              "status": outcome.status.value, "mistake": outcome.mistake,
                              "median_ms": 1000 * statistics.median(times)})
    return cases


def grading(quick: bool, data: Path) -> list[dict[str, Any]]:
    """Grade one solution notebook of each lesson with the serial scheduler and the lesson's limits."""
    return grade_solutions(("ex1", "ex5", "ex6"), quick, data)


def grade_solutions(names: tuple[str, ...], quick: bool, data: Path) -> list[dict[str, Any]]:
    """Grade the solution notebook of each lesson `names` ("ex2", ...) with the serial scheduler and the
    lesson's limits: the seconds a submission costs, the fork server's start apart. (benchmarks/grading.py
    runs it for the lessons that do not train.)"""
    from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch

    rows = []
    for name in names:
        source = NOTEBOOKS.get(name) or next((REPO / "solutions").glob(f"{name}_*.ipynb"))
        with tempfile.TemporaryDirectory(prefix="learntools-cv-training-grade-") as tmp:
            nb = json.loads(source.read_text())
            if quick:
                cells = quick_cells([("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                                     for c in nb["cells"] if c["cell_type"] == "code"], data)
                for cell in (c for c in nb["cells"] if c["cell_type"] == "code"):
                    cell["source"] = cells.pop(0)
            path = Path(tmp) / "submitted" / "ada" / name / source.name
            path.parent.mkdir(parents=True)
            path.write_text(json.dumps(nb))
            book = str(Path(tmp) / "book.sqlite")
            summary = grade_batch([Path(tmp) / "submitted"],
                                  BatchOptions(gradebook=book, scheduler="serial", progress="none",
                                               limits=Limits()),  # and the lesson's GRADING_LIMITS
                                  out=io.StringIO())
            with Gradebook(book) as gb:
                verdicts = {r.question: r.status for r in gb.results()}
        rows.append({"lesson": name, "seconds": summary.seconds, "startup_seconds": summary.startup_seconds,
                     "verdicts": verdicts})
        print(f"grading one {name} submission: {summary.seconds:.1f} s ({summary.startup_seconds:.1f} s start)",
              flush=True)
    return rows


PARTS = ("training", "checks", "grading")


def run(quick: bool, out: Path, parts: tuple[str, ...] = PARTS) -> dict[str, Any]:
    """Run the benchmark's `parts` and write the results; a part not run keeps its figures (and the time they
    were measured) from the results already in `out`."""
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    earlier: dict[str, Any] = {}
    if set(parts) != set(PARTS):
        earlier = json.loads((out / "training.json").read_text())
    with tempfile.TemporaryDirectory(prefix="learntools-cv-training-data-") as tmp:
        data = Path(tmp)
        runs = training(quick, data) if "training" in parts else earlier["runs"]
        check_cases = checks(quick) if "checks" in parts else earlier["checks"]
        graded = grading(quick, data) if "grading" in parts else earlier["grading"]
    measured = {part: now if part in parts else earlier.get("measured", {}).get(part, earlier.get("when", now))
                for part in PARTS}
    fits = [f for r in runs for f in r["fits"]]
    shipped = [r for r in runs if r["seed"] == 31415]
    figures = {"cell_seconds": max(f["seconds"] for f in fits)}
    results = {
        "when": now,
        "measured": measured,
        "quick": quick,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_end": os.getloadavg()},
        "runs": runs,
        "shipped_seed": [r["notebook"] for r in shipped],
        "checks": check_cases,
        "grading": graded,
        "figures": figures,
        "targets": {k: {"target": t, "value": figures[k], "met": figures[k] <= t} for k, t in TARGETS.items()},
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "training.json").write_text(json.dumps(results, indent=1) + "\n")
    (out / "training.md").write_text(markdown(results))
    return results


def markdown(r: dict[str, Any]) -> str:
    t = r["targets"]["cell_seconds"]
    lines = [
        f"# The lessons that train models: 1, 5 and 6{' (quick run: figures only show the benchmark works)' if r['quick'] else ''}",
        "",
        f"{r['machine']['cpus']} cores; load average at the end {r['machine']['load_average_at_end'][0]:.1f} "
        "(other work shared the machine)."
        + ("" if len(set(r.get("measured", {}).values())) <= 1 else " Measured at different times: "
           + ", ".join(f"{part} {when}" for part, when in r["measured"].items()) + "."),
        "",
        "## Training cells, as the notebooks ship (seed 31415)",
        "",
        "| notebook | cell | epochs | time | validation accuracy, every 5th epoch | last | training accuracy, last "
        "| load |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for run in (x for x in r["runs"] if x["seed"] == 31415):
        for f in run["fits"]:
            curve = " ".join(f"{a:.2f}" for a in f["val_accuracy"][4::5]) or "-"
            lines.append(f"| {run['notebook']} | {f['cell']} | {len(f['val_accuracy'])} | {f['seconds']:.1f} s | "
                         f"{curve} | {f['val_accuracy'][-1]:.3f} | {f['accuracy'][-1]:.3f} | {run['load']:.1f} |")
    others = [x for x in r["runs"] if x["seed"] != 31415]
    if others:
        lines += ["", "## Other random starts", "", "| notebook | seed | last validation accuracy of each cell | "
                  "slowest cell |", "| --- | ---: | --- | ---: |"]
        for run in others:
            lines.append(f"| {run['notebook']} | {run['seed']} | "
                         + " ".join(f"{f['val_accuracy'][-1]:.3f}" for f in run["fits"])
                         + f" | {max(f['seconds'] for f in run['fits']):.1f} s |")
    lines += ["", "## Checks", "", "| lesson | question | answer | verdict | median |", "| --- | --- | --- | --- | ---: |"]
    for c in r["checks"]:
        verdict = c["status"] + (f" ({c['mistake']})" if c["mistake"] else "")
        lines.append(f"| {c['lesson']} | {c['question']} | {c['answer']} | {verdict} | {c['median_ms']:.0f} ms |")
    lines += ["", "## Grading one submission (serial scheduler, the lesson's `GRADING_LIMITS`)", "",
              "| lesson | seconds | of which the grader's start | verdicts |", "| --- | ---: | ---: | --- |"]
    for g in r["grading"]:
        verdicts = ", ".join(f"{q} {s}" for q, s in sorted(g["verdicts"].items()))
        lines.append(f"| {g['lesson']} | {g['seconds']:.1f} s | {g['startup_seconds']:.1f} s | {verdicts} |")
    lines += ["", "## Targets", "", "| target | value | |", "| --- | --- | --- |",
              f"| every training cell within {t['target']:g} s | slowest {t['value']:.1f} s | "
              f"{'met' if t['met'] else '**missed**'} |", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tiny data set and one epoch a cell")
    parser.add_argument("--out", default=str(HERE / "results"), help="folder for training.json and training.md")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="which parts to run, of training,checks,grading (the others keep their figures from "
                             "the results already in --out)")
    args = parser.parse_args(argv)
    parts = tuple(p.strip() for p in args.parts.split(",") if p.strip())
    if not parts or set(parts) - set(PARTS):
        parser.error(f"--parts takes some of {','.join(PARTS)}, not {args.parts!r}")
    if set(parts) != set(PARTS) and not (Path(args.out) / "training.json").is_file():
        parser.error(f"--parts {args.parts} keeps the other parts from {args.out}/training.json, which is not there")
    results = run(args.quick, Path(args.out), parts)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
