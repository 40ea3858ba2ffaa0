"""Benchmarks for the Maximum Pooling exercise (learntools_cv.ex3): how fast q_1 judges and diagnoses an
answer, how that scales with the image, what importing costs, how long the solution notebook takes, and how
much memory a check needs; then grading a class, the class report, and the checks of lesson 2 (lesson2.py)
and lesson 4 (lesson4.py) against the TensorFlow ops they judge. See benchmarks/README.md.

    python benchmarks/run.py [--quick] [--out DIR]

Writes DIR/results.json and DIR/results.md (default DIR: benchmarks/results/) and prints the tables.
Figures are compared with design targets and marked met/missed; nothing here fails on speed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# TensorFlow's C++ start-up chatter would bury the progress lines; it changes no timing.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# check() must not append to an events file the caller's shell may name.
os.environ.pop("LEARNTOOLS_CV_EVENTS", None)

import numpy as np  # noqa: E402
from harness import Timed, exponent, measure, peak_extra_bytes  # noqa: E402
from lesson import (  # noqa: E402
    MISTAKES,
    PASSING,
    RIGHT,
    SCALING_MISTAKE,
    SLOWEST_MISTAKE,
    first_check,
    namespace,
)
from lesson2 import ANSWERS as LESSON2_ANSWERS  # noqa: E402
from lesson2 import SOBEL  # noqa: E402
from lesson2 import namespace as lesson2_namespace  # noqa: E402
from report import markdown  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


@dataclass(frozen=True)
class Config:
    """How much to measure: the full run, or a quick one that only proves the benchmarks still work."""

    quick: bool
    latency_rounds: int
    display_rounds: int
    scaling_sizes: tuple[int, ...]
    scaling_budget: float
    scaling_min_rounds: int
    memory_sizes: tuple[int | None, ...]
    import_runs: int
    tf_import_runs: int
    notebook_runs: int
    notebook_warmup: bool
    """Run the baseline notebook once, untimed, first (the first kernel start reads everything from disk)."""


FULL = Config(
    quick=False,
    latency_rounds=100,
    display_rounds=30,
    scaling_sizes=(100, 400, 1000, 2000, 4000),
    scaling_budget=5.0,
    scaling_min_rounds=7,
    memory_sizes=(None, 2000),
    import_runs=21,
    tf_import_runs=5,
    notebook_runs=5,
    notebook_warmup=True,
)
QUICK = Config(
    quick=True,
    latency_rounds=5,
    display_rounds=3,
    scaling_sizes=(64, 128, 256),
    scaling_budget=0.2,
    scaling_min_rounds=3,
    memory_sizes=(None, 128),
    import_runs=3,
    tf_import_runs=1,
    notebook_runs=1,
    notebook_warmup=False,
)

# Design goals (see benchmarks/README.md).
PASS_VS_POOL = 1.5
DIAGNOSE_VS_POOL = 10.0
DIAGNOSE_MS = 50.0
IMPORT_MS = 100.0
MEMORY_FACTOR = 3.0
NOTEBOOK_EXTRA_S = 2.0
LINEAR_EXPONENT = 1.2
LESSON2_PASS_VS_OP = 10.0


def progress(text: str) -> None:
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def pool_call(tf: Any, detect: Any) -> Any:
    """tf.nn.pool computing the answer: the reference every check time is divided by."""
    return functools.partial(
        tf.nn.pool, input=detect, window_shape=(2, 2), pooling_type="MAX", strides=(2, 2), padding="SAME"
    )


def answer_nbytes(value: Any) -> int:
    return int(np.prod(value.shape)) * np.dtype(value.dtype.as_numpy_dtype).itemsize


def outcome_row(answer: Any, outcome: Any) -> dict[str, Any]:
    from learntools_cv.core import Status

    if answer.expect:
        diagnosed = outcome.status is Status.INCORRECT and answer.expect in outcome.message
    else:
        diagnosed = outcome.status is Status.CORRECT
    return {
        "status": outcome.status.value,
        "diagnosed": diagnosed,
        "feedback": outcome.message.strip().splitlines()[0],
    }


# ---- 1. check latency on the lesson's input ----

FIRST = "passing answer, first check"
"""The passing answer checked right after the setup cells ran (again): the setup values are verified too."""


def bind_first(ns: dict[str, Any]) -> None:
    from learntools_cv.core import binder

    binder.bind(first_check(ns))



def check_latency(cfg: Config) -> dict[str, Any]:
    import tensorflow as tf

    from learntools_cv import ex3
    from learntools_cv.core import binder, render

    lesson = namespace()
    odd = namespace(397)
    detect = lesson["image_detect"]
    answers = [PASSING, *MISTAKES]
    bound = {a.name: a.bind(odd if a.odd else lesson) for a in answers}

    items = {"tf.nn.pool": Timed(pool_call(tf, detect))}
    for a in answers:
        items[a.name] = Timed(ex3.q_1.evaluate, prepare=functools.partial(binder.bind, bound[a.name]))
    # A learner's first check also verifies the setup values, which later checks of the same values reuse.
    items[FIRST] = Timed(ex3.q_1.evaluate, prepare=functools.partial(bind_first, bound[PASSING.name]), fresh=True)
    progress(f"check latency: {len(answers) + 1} checks + tf.nn.pool, {cfg.latency_rounds} rounds")
    stats = measure(items, rounds=cfg.latency_rounds)
    pool = stats["tf.nn.pool"]

    cases = []
    for a in answers:
        binder.bind(bound[a.name])
        kind = "passing" if a is PASSING else "mistake"
        row = {"name": a.name, "kind": kind, "code": a.code, "expect": a.expect, "odd_input": a.odd}
        row.update(outcome_row(a, ex3.q_1.evaluate()))
        row.update(stats[a.name].to_json())
        row["ratio_to_pool"] = stats[a.name].median / pool.median
        cases.append(row)
        if a is PASSING:
            bind_first(bound[a.name])
            first = {"name": FIRST, "kind": "first", "code": a.code, "expect": "", "odd_input": False}
            first.update(outcome_row(a, ex3.q_1.evaluate()))
            first.update(stats[FIRST].to_json())
            first["ratio_to_pool"] = stats[FIRST].median / pool.median
            cases.append(first)

    # What a learner waits for in a terminal: check() also records the event and prints the feedback.
    def check_quietly() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            ex3.q_1.check()

    shown = {PASSING.name: bound[PASSING.name], SCALING_MISTAKE.name: bound[SCALING_MISTAKE.name]}
    display_items = {
        f"check() {name}": Timed(check_quietly, prepare=functools.partial(binder.bind, ns))
        for name, ns in shown.items()
    }
    # In Jupyter a wrong answer also gets a comparison figure, drawn as PNG.
    binder.bind(bound[SCALING_MISTAKE.name])
    figure = ex3.q_1.evaluate().figure
    display_items[f"figure PNG, {SCALING_MISTAKE.name} (Jupyter only)"] = Timed(
        functools.partial(render.figure_png, figure)
    )
    progress("check() with display")
    display_stats = measure(display_items, rounds=cfg.display_rounds, warmup=1)
    display = []
    for name, st in display_stats.items():
        row = {"name": name, **st.to_json(), "ratio_to_pool": st.median / pool.median}
        display.append(row)
    binder.unbind()
    return {
        "input_shape": list(detect.shape),
        "odd_input_shape": list(odd["image_detect"].shape),
        "reference": {"name": "tf.nn.pool", "code": RIGHT, **pool.to_json()},
        "cases": cases,
        "display": display,
    }


# ---- 2. scaling ----


def scaling(cfg: Config) -> dict[str, Any]:
    import tensorflow as tf

    from learntools_cv import ex3
    from learntools_cv.core import binder

    names = ("tf.nn.pool", "passing check", "first check", SCALING_MISTAKE.name, SLOWEST_MISTAKE.name)
    items: dict[str, Timed] = {}
    rows: list[dict[str, Any]] = []
    # Every size in one round-robin: a burst of load on the machine then lands on all sizes alike instead
    # of bending the curve at whichever size was being measured.
    for size in cfg.scaling_sizes:
        progress(f"scaling: setting up image_detect {size}x{size}")
        lesson = namespace(size)
        detect = lesson["image_detect"]
        passing = PASSING.bind(lesson)
        wrong = {a.name: a.bind(lesson) for a in (SCALING_MISTAKE, SLOWEST_MISTAKE)}
        items[f"{size} tf.nn.pool"] = Timed(pool_call(tf, detect))
        items[f"{size} passing check"] = Timed(ex3.q_1.evaluate, prepare=functools.partial(binder.bind, passing))
        items[f"{size} first check"] = Timed(
            ex3.q_1.evaluate, prepare=functools.partial(bind_first, passing), fresh=True
        )
        for name, ns in wrong.items():
            items[f"{size} {name}"] = Timed(ex3.q_1.evaluate, prepare=functools.partial(binder.bind, ns))
        row: dict[str, Any] = {"size": size, "shape": list(detect.shape), "pixels": size * size}
        for answer, ns in ((PASSING, passing), *((a, wrong[a.name]) for a in (SCALING_MISTAKE, SLOWEST_MISTAKE))):
            binder.bind(ns)
            row[f"{answer.name} diagnosed"] = outcome_row(answer, ex3.q_1.evaluate())["diagnosed"]
        rows.append(row)
    progress(f"scaling: {len(items)} items round-robin")
    stats = measure(
        items,
        budget=cfg.scaling_budget * len(cfg.scaling_sizes),
        min_rounds=cfg.scaling_min_rounds,
        warmup=1,
    )
    binder.unbind()
    series: dict[str, list[float]] = {name: [] for name in names}
    for row in rows:
        pool = stats[f"{row['size']} tf.nn.pool"]
        for name in names:
            st = stats[f"{row['size']} {name}"]
            row[name] = {**st.to_json(), "ratio_to_pool": st.median / pool.median}
            series[name].append(st.median)
    pixels = [size * size for size in cfg.scaling_sizes]
    exponents = {
        name: {
            "all_sizes": exponent(pixels, costs),
            "largest_three": exponent(pixels[-3:], costs[-3:]),
        }
        for name, costs in series.items()
    }
    return {"rows": rows, "exponents": exponents}


# ---- 3. import cost ----

_IMPORT_SCRIPT = """
import json, sys, time
{pre}
{cache}
start = time.perf_counter()
{timed}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "tensorflow": "tensorflow" in sys.modules,
                  "IPython": "IPython" in sys.modules, "numpy": "numpy" in sys.modules}}))
"""

# With a bytecode cache, as a learner has after `pip install` (it compiles .pyc files). The cache lives in a
# temporary folder (sys.pycache_prefix), set after the untimed statement so that only the modules the timed
# import loads use it; the checkout gets no __pycache__ folders.
_CACHE = "sys.pycache_prefix = {prefix!r}; sys.dont_write_bytecode = False"


@dataclass(frozen=True)
class Import:
    name: str
    pre: str
    """Run first, untimed."""
    timed: str
    tensorflow: bool = False
    """Imports TensorFlow (slow: fewer runs)."""
    cached: bool = True
    """Use the bytecode cache; otherwise run as this environment does (see `_environment_bytecode`)."""
    comparison: bool = False
    """Only there to compare with (a quick run skips it if it imports TensorFlow)."""


def _environment_bytecode() -> str:
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return "PYTHONDONTWRITEBYTECODE is set, so the checkout's modules are compiled at every import"
    return "this environment's bytecode setting"


IMPORTS = [
    Import("import learntools_cv.core", "", "import learntools_cv.core"),
    Import("import numpy (for comparison)", "", "import numpy", comparison=True),
    Import("import learntools_cv.core, numpy already imported", "import numpy", "import learntools_cv.core"),
    Import("import learntools_cv.core, no bytecode cache", "", "import learntools_cv.core", cached=False),
    Import("import tensorflow (for comparison)", "", "import tensorflow", tensorflow=True, comparison=True),
    Import(
        "from learntools_cv.ex3 import *, tensorflow already imported",
        "import tensorflow",
        "from learntools_cv.ex3 import *",
        tensorflow=True,
    ),
]


def _python(code: str, cwd: str, *flags: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *flags, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0:
        raise RuntimeError(f"{code!r} failed:\n{result.stderr[-2000:]}")
    return result


def import_cost(cfg: Config) -> dict[str, Any]:
    import learntools_cv

    imports = [i for i in IMPORTS if not (cfg.quick and i.tensorflow and i.comparison)]
    runs_of = {i.name: cfg.tf_import_runs if i.tensorflow else cfg.import_runs for i in imports}
    seen: dict[str, list[dict[str, Any]]] = {i.name: [] for i in imports}
    # An empty working directory: the package is imported as installed, not from the checkout's folder.
    with tempfile.TemporaryDirectory() as cwd:
        prefix = str(Path(cwd) / "pycache")
        cache = _CACHE.format(prefix=prefix)
        scripts = {
            i.name: _IMPORT_SCRIPT.format(pre=i.pre, cache=cache if i.cached else "", timed=i.timed)
            for i in imports
        }
        package = str(Path(learntools_cv.__file__).parent)
        progress("import cost: filling the bytecode cache")
        _python(f"import sys, compileall; {cache}; compileall.compile_dir({package!r}, quiet=1)", cwd)
        for i in imports:  # an untimed run caches whatever else the timed import loads (numpy, ...)
            if i.cached and not i.tensorflow:
                _python(scripts[i.name], cwd)
        progress(f"import cost: {sum(runs_of.values())} fresh processes")
        for run in range(max(runs_of.values())):
            for i in imports:
                if run < runs_of[i.name]:
                    out = _python(scripts[i.name], cwd)
                    seen[i.name].append(json.loads(out.stdout.strip().splitlines()[-1]))
        breakdown = _import_breakdown(cwd, cache)
    rows = []
    for i in imports:
        ms = [r["seconds"] * 1e3 for r in seen[i.name]]
        rows.append(
            {
                "name": i.name,
                "before": i.pre,
                "timed": i.timed,
                "bytecode_cache": i.cached,
                "median_ms": statistics.median(ms),
                "min_ms": min(ms),
                "max_ms": max(ms),
                "runs": len(ms),
                "tensorflow_loaded_after": any(r["tensorflow"] for r in seen[i.name]),
                "ipython_loaded_after": any(r["IPython"] for r in seen[i.name]),
            }
        )
    return {"rows": rows, "core_breakdown": breakdown, "without_cache": _environment_bytecode()}


def _import_breakdown(cwd: str, cache: str) -> dict[str, float]:
    """Where `import learntools_cv.core` spends its time, from one `python -X importtime` run: numpy (all
    of it), learntools_cv's own modules (their self time) and everything else it pulls in."""
    err = _python(f"import sys; {cache}; import learntools_cv.core", cwd, "-X", "importtime").stderr
    entries = []  # (self us, cumulative us, name, nesting level), a module after the ones it imported
    for line in err.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, field = line[len("import time:") :].split("|")
        level = (len(field) - len(field.lstrip()) - 1) // 2
        entries.append((int(self_us), int(cumulative_us), field.strip(), level))
    # Top-level entries before learntools_cv's are the interpreter's start-up (site, encodings, ...).
    first = next(i for i, e in enumerate(entries) if e[3] == 0 and e[2].startswith("learntools_cv"))
    start = max((i + 1 for i, e in enumerate(entries[:first]) if e[3] == 0), default=0)
    mine = entries[start:]
    total = sum(c for _, c, n, level in mine if level == 0)
    numpy = sum(c for _, c, n, _ in mine if n == "numpy")
    own = sum(s for s, _, n, _ in mine if n.startswith("learntools_cv"))
    return {
        "total_ms": total / 1e3,
        "numpy_ms": numpy / 1e3,
        "learntools_cv_modules_ms": own / 1e3,
        "other_ms": (total - numpy - own) / 1e3,
    }


# ---- 4. the solution notebook end to end ----


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("learntools-cv")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "learntools_cv"]


def _cell_seconds(path: Path) -> list[dict[str, Any]]:
    """Each code cell's time in the kernel, from the timestamps nbclient records in the executed notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = []
    for number, cell in enumerate((c for c in nb["cells"] if c["cell_type"] == "code"), start=1):
        execution = cell.get("metadata", {}).get("execution", {})
        start, end = execution.get("iopub.execute_input"), execution.get("shell.execute_reply")
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if start and end:
            seconds = (_timestamp(end) - _timestamp(start)).total_seconds()
            first = next((line for line in source.splitlines() if line.strip()), "")
            cells.append({"cell": number, "seconds": seconds, "first_line": first[:60]})
    return cells


def _timestamp(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def notebook(cfg: Config) -> dict[str, Any]:
    import nbformat

    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "baseline.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_code_cell("import tensorflow as tf"))
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, str(baseline))
        commands = {
            "baseline: kernel + import tensorflow": [*_cli(), "run", str(baseline)],
            # Named: with no argument `run` runs every lesson's solution notebook, and -o saves only one.
            "solutions/ex3_maximum_pooling.ipynb": [*_cli(), "run", str(REPO / "solutions" / "ex3_maximum_pooling.ipynb")],
        }
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        in_cells: dict[str, list[float]] = {name: [] for name in commands}
        cells: dict[str, list[dict[str, Any]]] = {}
        if cfg.notebook_warmup:
            progress("notebook: untimed warm-up run of the baseline")
            subprocess.run(commands[next(iter(commands))], cwd=tmp, capture_output=True, timeout=900)
        for run in range(cfg.notebook_runs):
            for name, command in commands.items():
                progress(f"notebook run {run + 1}/{cfg.notebook_runs}: {name}")
                executed = Path(tmp) / f"executed-{run}.ipynb"
                start, cpu = time.perf_counter(), _children_cpu()
                result = subprocess.run(
                    [*command, "-o", str(executed)], cwd=tmp, capture_output=True, text=True, timeout=900
                )
                walls[name].append(time.perf_counter() - start)
                cpus[name].append(_children_cpu() - cpu)
                if result.returncode != 0:
                    said = f"{result.stdout}{result.stderr}"
                    raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n{said}")
                cells[name] = _cell_seconds(executed)
                in_cells[name].append(sum(c["seconds"] for c in cells[name]))
    rows = [
        {
            "name": name,
            "median_s": statistics.median(w),
            "min_s": min(w),
            "max_s": max(w),
            "runs": len(w),
            "cells_in_kernel_s": statistics.median(in_cells[name]),
            "cpu_median_s": statistics.median(cpus[name]),
        }
        for name, w in walls.items()
    ]
    first, second = commands  # the baseline, then the solution notebook
    # Each run of the solution minus the baseline run just before it: a burst of load on the shared machine
    # then lands on both sides of a difference, rather than on one median.
    paired = [s - b for s, b in zip(walls[second], walls[first])]
    in_kernel = [s - b for s, b in zip(in_cells[second], in_cells[first])]
    # CPU seconds of the command and its kernel: what the work costs, whatever else keeps the machine busy.
    cpu = [s - b for s, b in zip(cpus[second], cpus[first])]
    return {
        "command": " ".join(["learntools-cv", "run", "[NOTEBOOK]", "-o", "EXECUTED"]),
        "rows": rows,
        "difference_s": statistics.median(paired),
        "differences_s": paired,
        "difference_of_medians_s": rows[1]["median_s"] - rows[0]["median_s"],
        "cells_difference_s": statistics.median(in_kernel),
        "cpu_difference_s": statistics.median(cpu),
        "cpu_differences_s": cpu,
        "solution_cells": cells["solutions/ex3_maximum_pooling.ipynb"],
    }


def _children_cpu() -> float:
    """User and system CPU seconds of this process's finished children (a command, and the kernel it ran)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---- 5. memory ----


def memory(cfg: Config) -> dict[str, Any]:
    from learntools_cv import ex3
    from learntools_cv.core import binder

    rows = []
    for size in cfg.memory_sizes:
        lesson = namespace(size)
        odd = namespace(397) if size is None else lesson  # VALID padding only differs on odd sides
        detect = lesson["image_detect"]
        progress(f"memory: image_detect {detect.shape[1]}x{detect.shape[2]}")
        # Every answer on the lesson's input; the passing one and the two timed at every size on a larger one.
        answers = [PASSING, *MISTAKES] if size is None else [PASSING, SCALING_MISTAKE, SLOWEST_MISTAKE]
        for answer in answers:
            ns = answer.bind(odd if answer.odd else lesson)
            binder.bind(ns)
            ex3.q_1.evaluate()
            peak = peak_extra_bytes(ex3.q_1.evaluate)
            value = ns["image_condense"]
            learner = answer_nbytes(value) if hasattr(value, "dtype") and hasattr(value, "shape") else 0
            # A check holds the answer asked for and compares the learner's tensor whole, whichever is larger.
            basis = max(answer_nbytes(ns["right"]), learner)
            rows.append(
                {
                    "shape": list(ns["image_detect"].shape),
                    "answer": answer.name,
                    "learner_nbytes": learner,
                    "answer_shape": list(ns["right"].shape),
                    "answer_nbytes": answer_nbytes(ns["right"]),
                    "source_nbytes": answer_nbytes(ns["image_detect"]),
                    "peak_extra_bytes": peak,
                    "ratio_to_answer": peak / basis,
                    "ratio_to_source": peak / answer_nbytes(ns["image_detect"]),
                }
            )
        del lesson, odd, detect, ns
    binder.unbind()
    return {"rows": rows}


# ---- 6. lesson 2's checks, against the TensorFlow ops they judge ----


def lesson2(cfg: Config) -> dict[str, Any]:
    import tensorflow as tf

    from learntools_cv.computer_vision import ex2
    from learntools_cv.core import binder

    lesson = lesson2_namespace()
    image = lesson["image"]
    kernel = tf.cast(tf.reshape(tf.constant(eval(SOBEL)), [3, 3, 1, 1]), dtype=tf.float32)
    filtered = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding="SAME")

    def conv() -> Any:
        return tf.nn.conv2d(input=image, filters=kernel, strides=1, padding="SAME")

    ops = {"conv2d": conv, "relu": functools.partial(tf.nn.relu, filtered), "conv2d + relu": lambda: tf.nn.relu(conv())}
    items = {f"tf.nn.{op}": Timed(fn) for op, fn in ops.items()}
    bound = {a.name: a.bind(lesson) for a in LESSON2_ANSWERS}
    for a in LESSON2_ANSWERS:
        view = getattr(ex2, a.question)
        items[a.name] = Timed(view.evaluate, prepare=functools.partial(binder.bind, bound[a.name]))
    progress(f"lesson 2: {len(LESSON2_ANSWERS)} answers + 3 TensorFlow ops, {cfg.latency_rounds} rounds")
    stats = measure(items, rounds=cfg.latency_rounds)
    cases = []
    for a in LESSON2_ANSWERS:
        binder.bind(bound[a.name])
        outcome = getattr(ex2, a.question).evaluate()
        op = stats[f"tf.nn.{a.reference}"]
        cases.append({
            "question": a.question,
            "name": a.name,
            "code": a.code,
            "expect": a.expect,
            "reference": f"tf.nn.{a.reference}",
            "status": outcome.status.value,
            "mistake": outcome.mistake,
            "diagnosed": (outcome.mistake == a.expect) if a.expect else outcome.passed,
            "feedback": outcome.message.strip().splitlines()[0],
            **stats[a.name].to_json(),
            "ratio_to_op": stats[a.name].median / op.median,
        })
    binder.unbind()
    return {
        "input_shape": list(image.shape),
        "references": {f"tf.nn.{op}": stats[f"tf.nn.{op}"].to_json() for op in ops},
        "cases": cases,
    }


SECTIONS = {
    "check_latency": check_latency,
    "scaling": scaling,
    "import_cost": import_cost,
    "notebook": notebook,
    "memory": memory,
    "lesson2": lesson2,
}
"""The measurements, in the order they run; each key is a section of results.json."""


# ---- targets ----


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    lat = results["check_latency"]
    sc = results["scaling"]
    mistakes = [c for c in lat["cases"] if c["kind"] == "mistake"]
    slowest = max(mistakes, key=lambda c: c["median_ms"])
    core = next(r for r in results["import_cost"]["rows"] if r["name"] == "import learntools_cv.core")
    worst_mem = max(results["memory"]["rows"], key=lambda r: r["ratio_to_answer"])
    checks = {k: v for k, v in sc["exponents"].items() if k != "tf.nn.pool"}
    steepest = max(checks, key=lambda k: checks[k]["all_sizes"])
    shape = "x".join(str(d) for d in lat["input_shape"][1:3])
    sizes = f"{sc['rows'][0]['size']}² to {sc['rows'][-1]['size']}²"

    def worst(kinds: list[str], scaling_names: tuple[str, ...]) -> tuple[float, str]:
        """The largest x pool among these latency cases and scaling series, and where it is."""
        found = [(c["ratio_to_pool"], f"{c['name']}, {shape}") for c in lat["cases"] if c["kind"] in kinds]
        found += [(r[n]["ratio_to_pool"], f"{n}, {_side(r)}") for r in sc["rows"] for n in scaling_names]
        return max(found)

    passing, passing_at = worst(["passing"], ("passing check",))
    first, first_at = worst(["first"], ("first check",))
    diagnosis, diagnosis_at = worst(["mistake"], (SCALING_MISTAKE.name, SLOWEST_MISTAKE.name))
    nb = results["notebook"]
    rows = [
        (
            f"passing check <= {PASS_VS_POOL:g}x tf.nn.pool, {shape} and {sizes}",
            passing <= PASS_VS_POOL,
            f"{passing:.2f}x at worst ({passing_at})",
        ),
        (
            f"its first check (setup values verified too) <= {PASS_VS_POOL:g}x tf.nn.pool, {shape} and {sizes}",
            first <= PASS_VS_POOL,
            f"{first:.2f}x at worst ({first_at})",
        ),
        (
            f"diagnosis <= {DIAGNOSE_VS_POOL:g}x tf.nn.pool, every mistake at {shape}, two at {sizes}",
            diagnosis <= DIAGNOSE_VS_POOL,
            f"{diagnosis:.2f}x at worst ({diagnosis_at})",
        ),
        (
            f"diagnosing a wrong answer <= {DIAGNOSE_MS:g} ms ({shape}, slowest mistake)",
            slowest["median_ms"] <= DIAGNOSE_MS and all(c["diagnosed"] for c in mistakes),
            f"{slowest['median_ms']:.2f} ms ({slowest['name']}); "
            f"{sum(c['diagnosed'] for c in mistakes)}/{len(mistakes)} diagnosed as expected",
        ),
        (
            f"import learntools_cv.core <= {IMPORT_MS:g} ms without TensorFlow",
            core["median_ms"] <= IMPORT_MS and not core["tensorflow_loaded_after"],
            f"{core['median_ms']:.1f} ms; tensorflow imported: "
            + ("yes" if core["tensorflow_loaded_after"] else "no"),
        ),
        (
            f"a check's extra memory <= {MEMORY_FACTOR:g}x its answer (or the learner's larger tensor), passing or "
            "diagnosing",
            worst_mem["ratio_to_answer"] <= MEMORY_FACTOR,
            f"{worst_mem['ratio_to_answer']:.2f}x at worst ({worst_mem['answer']}, image_detect "
            f"{worst_mem['shape'][1]}x{worst_mem['shape'][2]})",
        ),
        (
            f"solution notebook within {NOTEBOOK_EXTRA_S:g} s of kernel + TensorFlow",
            nb["difference_s"] <= NOTEBOOK_EXTRA_S,
            f"{nb['difference_s']:+.2f} s (median of {len(nb['differences_s'])} paired runs, "
            f"{min(nb['differences_s']):+.2f} to {max(nb['differences_s']):+.2f}); {nb['cells_difference_s']:+.2f} s "
            f"in cells; {nb['cpu_difference_s']:+.2f} s of CPU",
        ),
        (
            f"check cost linear in pixels (exponent <= {LINEAR_EXPONENT:g})",
            checks[steepest]["all_sizes"] <= LINEAR_EXPONENT,
            f"{checks[steepest]['all_sizes']:.2f} ({steepest}; {checks[steepest]['largest_three']:.2f} over the "
            "three largest sizes)",
        ),
    ]
    l2 = results["lesson2"]["cases"]
    passing2 = [c for c in l2 if not c["expect"]]
    worst = max(passing2, key=lambda c: c["ratio_to_op"])
    wrong2 = [c for c in l2 if c["expect"]]
    slowest2 = max(wrong2, key=lambda c: c["median_ms"])
    rows += [
        (
            f"lesson 2: a passing check <= {LESSON2_PASS_VS_OP:g}x the TensorFlow op it judges ({shape} picture)",
            worst["ratio_to_op"] <= LESSON2_PASS_VS_OP,
            f"{worst['ratio_to_op']:.2f}x at most ({worst['question']}, {worst['median_ms']:.3f} ms vs "
            f"{worst['reference']})",
        ),
        (
            f"lesson 2: diagnosing a wrong answer <= {DIAGNOSE_MS:g} ms (slowest mistake)",
            slowest2["median_ms"] <= DIAGNOSE_MS and all(c["diagnosed"] for c in l2),
            f"{slowest2['median_ms']:.2f} ms ({slowest2['question']}, {slowest2['name']}); "
            f"{sum(c['diagnosed'] for c in l2)}/{len(l2)} judged as expected",
        ),
    ]
    return [{"target": t, "met": bool(met), "figure": fig} for t, met, fig in rows]


def _side(row: dict[str, Any]) -> str:
    return f"{row['shape'][1]}x{row['shape'][2]}"


# ---- main ----


def _git(*args: str) -> str:
    """Read-only git queries, for the record of what was measured."""
    try:
        out = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30)
    except OSError:
        return ""
    return out.stdout.rstrip() if out.returncode == 0 else ""


def meta(cfg: Config) -> dict[str, Any]:
    import tensorflow as tf

    changed = [line[3:] for line in _git("status", "--porcelain", "--", "learntools_cv").splitlines()]
    return {
        "mode": "quick" if cfg.quick else "full",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "numpy": np.__version__,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_before": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "git_commit": _git("rev-parse", "--short", "HEAD").strip(),
        "uncommitted_package_files": changed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions and small sizes (a smoke run)")
    parser.add_argument(
        "--out", type=Path, default=HERE / "results", help="folder for results.json and results.md"
    )
    parser.add_argument(
        "--lesson-only",
        action="store_true",
        help="only the five sections of the lesson's check; leave grading.json/.md and the report out",
    )
    args = parser.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    started = time.perf_counter()

    results: dict[str, Any] = {"meta": meta(cfg)}
    seconds: dict[str, float] = {}
    for section, run in SECTIONS.items():
        t0 = time.perf_counter()
        results[section] = run(cfg)
        seconds[section] = time.perf_counter() - t0
    results["targets"] = targets(results)
    results["meta"]["section_seconds"] = seconds
    results["meta"]["total_seconds"] = time.perf_counter() - started
    results["meta"]["load_average_after"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None

    args.out.mkdir(parents=True, exist_ok=True)
    if args.lesson_only:
        (args.out / "results.json").write_text(json.dumps(results, indent=2, default=_json_default) + "\n")
        table = markdown(results)
        (args.out / "results.md").write_text(table)
        print(table)
        progress(f"wrote {args.out / 'results.json'} and results.md in {results['meta']['total_seconds']:.0f} s")
        return 0
    # Course scale: grading a class (writes grading.json/.md itself) and building the class report.
    import grading as grading_bench
    import report_bench
    import vision as vision_bench

    t0 = time.perf_counter()
    grading = grading_bench.run(cfg.quick, args.out)
    seconds["grading"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = report_bench.run(quick=cfg.quick)
    seconds["report"] = time.perf_counter() - t0
    # Lesson 4's checks against the TensorFlow ops that compute their answers.
    import lesson4 as lesson4_bench

    t0 = time.perf_counter()
    sliding_window = lesson4_bench.run(quick=cfg.quick)
    seconds["sliding_window"] = time.perf_counter() - t0
    # The data and the pretrained base of the model-training lessons (writes vision.json/.md itself).
    t0 = time.perf_counter()
    vision = vision_bench.run(cfg.quick, args.out)
    seconds["vision"] = time.perf_counter() - t0
    # The lessons that train models: their training cells, checks and grading (writes training.json/.md itself).
    import training as training_bench

    t0 = time.perf_counter()
    trained = training_bench.run(cfg.quick, args.out)
    seconds["training"] = time.perf_counter() - t0
    results["training_targets"] = trained["targets"]
    results["grading_targets"] = grading["targets"]
    results["report"] = report
    results["sliding_window"] = sliding_window
    results["vision_targets"] = vision["targets"]
    results["meta"]["total_seconds"] = time.perf_counter() - started
    (args.out / "results.json").write_text(json.dumps(results, indent=2, default=_json_default) + "\n")
    table = (
        markdown(results) + "\n" + grading_bench.markdown(grading) + "\n" + report_bench.markdown(report) + "\n"
        + lesson4_bench.markdown(sliding_window) + "\n" + vision_bench.markdown(vision) + "\n"
        + training_bench.markdown(trained)
    )
    (args.out / "results.md").write_text(table)
    print(table)
    progress(f"wrote {args.out / 'results.json'} and results.md in {results['meta']['total_seconds']:.0f} s")
    return 0


def _json_default(value: Any) -> Any:
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    raise TypeError(type(value).__name__)


if __name__ == "__main__":
    sys.exit(main())
