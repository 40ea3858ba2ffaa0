"""results.json as readable markdown tables (results.md, and what run.py prints)."""

from __future__ import annotations

from typing import Any


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    right = ["---:" if any(isinstance(r[i], (int, float)) or _numeric(r[i]) for r in rows) else "---"
             for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(right) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _numeric(text: Any) -> bool:
    return isinstance(text, str) and text.rstrip("x s%").replace(".", "", 1).replace(",", "").isdigit()


def _ms(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def _bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def _hw(shape: list[int]) -> str:
    return f"{shape[1]}x{shape[2]}"


def markdown(results: dict[str, Any]) -> str:
    meta = results["meta"]
    out = [
        "# learntools_cv benchmarks",
        "",
        f"{meta['mode']} run, {meta['date']}: Python {meta['python']}, TensorFlow {meta['tensorflow']}, "
        f"numpy {meta['numpy']}, {meta['cpus']} CPUs, load average {_load(meta['load_average_before'])} before "
        f"and {_load(meta.get('load_average_after'))} after; commit {meta['git_commit'] or '?'}"
        + (f" with uncommitted changes to {', '.join(meta['uncommitted_package_files'])}"
           if meta["uncommitted_package_files"] else "")
        + f". Took {meta['total_seconds']:.0f} s.",
        "",
        "## Targets",
        "",
    ]
    out += _table(
        ["target", "figure", "met?"],
        [[t["target"], t["figure"], "met" if t["met"] else "**missed**"] for t in results["targets"]],
    )

    lat = results["check_latency"]
    ref = lat["reference"]
    out += [
        f"## 1. Check latency on the lesson's input (image_detect {_hw(lat['input_shape'])})",
        "",
        "`q_1.evaluate()` (the check without display), per call. `x pool` is the median divided by the median "
        "of `tf.nn.pool` computing the answer, timed round-robin with the checks in the same process.",
        "",
    ]
    rows = [["tf.nn.pool (reference)", "", _ms(ref["median_ms"]), _ms(ref["iqr_ms"]), _ms(ref["min_ms"]),
             _ms(ref["max_ms"]), "1.00x"]]
    for c in lat["cases"]:
        name = c["name"] + (f" ({_hw(lat['odd_input_shape'])} input)" if c["odd_input"] else "")
        rows.append([name, "yes" if c["diagnosed"] else "**NO**", _ms(c["median_ms"]), _ms(c["iqr_ms"]),
                     _ms(c["min_ms"]), _ms(c["max_ms"]), f"{c['ratio_to_pool']:.2f}x"])
    out += _table(["answer", "feedback as expected", "median ms", "IQR ms", "min ms", "max ms", "x pool"], rows)
    out += ["With display (stdout captured; the figure is drawn only in Jupyter):", ""]
    out += _table(
        ["call", "median ms", "IQR ms", "min ms", "max ms", "x pool"],
        [[d["name"], _ms(d["median_ms"]), _ms(d["iqr_ms"]), _ms(d["min_ms"]), _ms(d["max_ms"]),
          f"{d['ratio_to_pool']:.2f}x"] for d in lat["display"]],
    )
    out += ["<details><summary>What was checked, and the feedback's first line</summary>", ""]
    out += _table(
        ["answer", "learner code", "feedback"],
        [[c["name"], f"`{c['code']}`", c["feedback"].replace("|", "\\|")] for c in lat["cases"]],
    )
    out += ["</details>", ""]

    sc = results["scaling"]
    out += ["## 2. Scaling with the image (median ms per call)", ""]
    names = [k for k in sc["exponents"]]
    rows = []
    for r in sc["rows"]:
        row = [_hw(r["shape"]), f"{r['pixels']:,}"]
        for name in names:
            row.append(_ms(r[name]["median_ms"]))
            if name != "tf.nn.pool":
                row.append(f"{r[name]['ratio_to_pool']:.2f}x")
        rows.append(row)
    header = ["image_detect", "pixels"]
    for name in names:
        header += [f"{name} ms"] + ([] if name == "tf.nn.pool" else ["x pool"])
    out += _table(header, rows)
    out += _table(
        ["cost ~ pixels^b", "b, all sizes", "b, three largest sizes"],
        [[n, f"{e['all_sizes']:.2f}", f"{e['largest_three']:.2f}"] for n, e in sc["exponents"].items()],
    )

    imp = results["import_cost"]
    out += [
        "## 3. Import cost (fresh processes; only the import statement is timed)",
        "",
        "With a bytecode cache (.pyc), as after `pip install`, unless the row says otherwise; without one: "
        f"{imp['without_cache']}.",
        "",
    ]
    out += _table(
        ["import", "median ms", "min ms", "max ms", "runs", "tensorflow loaded after"],
        [[r["name"], _ms(r["median_ms"]), _ms(r["min_ms"]), _ms(r["max_ms"]), r["runs"],
          "yes" if r["tensorflow_loaded_after"] else "no"] for r in imp["rows"]],
    )
    b = imp["core_breakdown"]
    out += [
        f"`python -X importtime` of `import learntools_cv.core` (one run): {b['total_ms']:.0f} ms, of which numpy "
        f"{b['numpy_ms']:.0f} ms, learntools_cv's own modules {b['learntools_cv_modules_ms']:.0f} ms, other "
        f"modules {b['other_ms']:.0f} ms.",
        "",
    ]

    nb = results["notebook"]
    out += ["## 4. Solution notebook end to end (`learntools-cv run`, wall time of the command)", ""]
    out += _table(
        ["notebook", "median s", "min s", "max s", "runs", "time in cells s", "CPU s"],
        [[r["name"], f"{r['median_s']:.2f}", f"{r['min_s']:.2f}", f"{r['max_s']:.2f}", r["runs"],
          f"{r['cells_in_kernel_s']:.2f}", f"{r['cpu_median_s']:.2f}"] for r in nb["rows"]],
    )
    runs = ", ".join(f"{d:+.2f}" for d in nb["differences_s"])
    cpu = ", ".join(f"{d:+.2f}" for d in nb["cpu_differences_s"])
    out += [f"Each solution run minus the baseline run before it: {runs} s; median {nb['difference_s']:+.2f} s "
            f"(difference of the medians {nb['difference_of_medians_s']:+.2f} s; of the time in cells, median "
            f"{nb['cells_difference_s']:+.2f} s). In CPU seconds of the command and its kernel, which the load of "
            f"other processes bends far less: {cpu}; median {nb['cpu_difference_s']:+.2f} s. Time per cell of the "
            "solution notebook (last run):", ""]
    out += _table(
        ["cell", "s", "starts with"],
        [[c["cell"], f"{c['seconds']:.3f}", f"`{c['first_line']}`"] for c in nb["solution_cells"]],
    )

    mem = results["memory"]
    out += [
        "## 5. Peak memory of a check (tracemalloc: Python and numpy allocations above the start)",
        "",
        "*answer* is the map the question asks for (what a right `image_condense` holds); *learner's tensor* is "
        "what was checked (a quarter of it when pooled twice, four times it with stride 1, nothing for a value "
        "that is no tensor). *x answer* divides the peak by the larger of the two: a check holds the one and "
        "compares the other whole.",
        "",
    ]
    out += _table(
        ["image_detect", "checked", "learner's tensor", "answer", "peak extra", "x answer", "x image_detect"],
        [[_hw(r["shape"]), r["answer"], _bytes(r["learner_nbytes"]), _bytes(r["answer_nbytes"]),
          _bytes(r["peak_extra_bytes"]), f"{r['ratio_to_answer']:.2f}x", f"{r['ratio_to_source']:.2f}x"]
         for r in mem["rows"]],
    )
    if "lesson2" in results:
        out += _lesson2(results["lesson2"])
    return "\n".join(out)


def _lesson2(l2: dict[str, Any]) -> list[str]:
    out = [
        f"## 6. Lesson 2: its checks against the TensorFlow ops they judge (picture {_hw(l2['input_shape'])})",
        "",
        "`q_N.evaluate()` per call, on the lesson's own setup. `x op` is the median divided by the median of the "
        "op that step of the notebook runs on the same picture (q_1 recomputes both maps; q_2 and q_3 call the "
        "learner's function on small test inputs), timed round-robin with the checks.",
        "",
    ]
    rows = [[name + " (reference)", "", "", _ms(r["median_ms"]), _ms(r["iqr_ms"]), _ms(r["min_ms"]), _ms(r["max_ms"]),
             ""] for name, r in l2["references"].items()]
    for c in l2["cases"]:
        rows.append([c["name"], c["question"], (c["mistake"] or "right") if c["diagnosed"] else "**NO**",
                     _ms(c["median_ms"]), _ms(c["iqr_ms"]), _ms(c["min_ms"]), _ms(c["max_ms"]),
                     f"{c['ratio_to_op']:.2f}x {c['reference']}"])
    out += _table(["answer", "question", "judged as", "median ms", "IQR ms", "min ms", "max ms", "x op"], rows)
    return out


def _load(values: list[float] | None) -> str:
    return "?" if not values else f"{values[0]:.2f}"
