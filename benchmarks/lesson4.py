"""Benchmark of lesson 4, The Sliding Window (`learntools_cv.computer_vision.ex4`): what its checks cost
against the TensorFlow op that computes the answer.

    python benchmarks/lesson4.py [--quick] [--out benchmarks/results]

The notebook state is the exercise's own: `SETUP_CODE` executed in a fresh namespace (the 224x224 picture
and the weekly series). Each answer is learner code run in a copy of it; `q_N.evaluate()` (the check, without
display) is timed against the op the learner runs: `tf.nn.conv2d` for q_1.a and q_1.b, `tf.nn.conv1d` for
q_3. q_2 and q_5 judge a number and q_4 calls the learner's function on its table of cases; their times are
absolute. Each question is timed passing and with a diagnosed mistake (the slowest kind: one that is found
only after the candidates sampled at a few positions, or by least squares).

`run(quick)` returns the figures (benchmarks/run.py puts them in results.json under "sliding_window") and
`markdown()` turns them into a table.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from harness import Timed, measure  # noqa: E402

PASS_VS_OP = 3.0
"""The passing check's target, in times the op's own cost (the Maximum Pooling benchmark's target)."""
DIAGNOSE_MS = 50.0
"""A diagnosis' target, in milliseconds."""


@dataclass(frozen=True)
class Case:
    """One answer to time: the learner's code, the question, the op it is compared with (None: absolute)."""

    name: str
    question: str
    code: str
    expect: str
    """Words the feedback must contain ('Correct' for the passing answer)."""
    op: str | None = None


_SMOOTH = "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = {}"
_CONV1D = "tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding={!r})"
_SIZE = (
    "def output_size(size, window, stride, padding):\n"
    "    if padding == 'SAME':\n"
    "        return -(-size // stride)\n"
    "    return (size - window) // stride{}"
)

CASES = [
    Case("q_1.a passing", "q_1.a", "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME')",
         "Correct", "conv2d stride 2"),
    Case("q_1.a 'VALID' padding", "q_1.a", "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')",
         "'VALID' padding", "conv2d stride 2"),
    Case("q_1.a dilations for strides", "q_1.a",
         "image_stride2 = tf.nn.conv2d(image, kernel, strides=1, padding='SAME', dilations=2)",
         "instead of `strides=2`", "conv2d stride 2"),
    Case("q_1.a padded by hand", "q_1.a", "image_stride2 = image_filter[:, ::2, ::2, :]", "shifted by a pixel",
         "conv2d stride 2"),
    Case("q_1.a a new layer's kernel", "q_1.a",
         "image_stride2 = tf.nn.conv2d(image, tf.random.stateless_normal([3, 3, 1, 1], seed=(1, 2)), 2, 'SAME')",
         "another kernel", "conv2d stride 2"),
    Case("q_1.a values off", "q_1.a", "image_stride2 = tf.nn.conv2d(image, kernel, 2, 'SAME') + 0.01",
         "its values are off", "conv2d stride 2"),
    Case("q_1.b passing", "q_1.b", "image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='VALID')",
         "Correct", "conv2d stride 3"),
    Case("q_1.b 'SAME' padding", "q_1.b", "image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='SAME')",
         "'SAME' padding", "conv2d stride 3"),
    Case("q_2.b passing", "q_2.b", "field_with_pooling = 8", "Correct"),
    Case("q_2.b doubled", "q_2.b", "field_with_pooling = 14", "doubles the field"),
    Case("q_3 passing", "q_3", _SMOOTH.format(_CONV1D.format("VALID")), "Correct", "conv1d"),
    Case("q_3 'SAME' padding", "q_3", _SMOOTH.format(_CONV1D.format("SAME")), "'SAME' padding", "conv1d"),
    Case("q_3 np.convolve", "q_3", _SMOOTH.format("np.convolve(series, ts_kernel, 'valid')"), "back to front",
         "conv1d"),
    Case("q_3 stale kernel", "q_3",
         _SMOOTH.format(_CONV1D.format("VALID")) + "\nts_kernel = tf.constant([0.25, 0.25, 0.25, 0.25])",
         "another kernel", "conv1d"),
    Case("q_4 passing", "q_4", _SIZE.format(" + 1"), "Correct"),
    Case("q_4 without + 1", "q_4", _SIZE.format(""), "add 1"),
]


def namespace() -> dict[str, Any]:
    from learntools_cv.computer_vision import ex4

    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(ex4.SETUP_CODE, ns)
    exec("from learntools_cv.core import binder\nbinder.bind(globals())\n"
         "from learntools_cv.computer_vision.ex4 import *", ns)
    return ns


def ops(ns: dict[str, Any]) -> dict[str, Timed]:
    """The TensorFlow ops a learner runs to answer, on the lesson's own values."""
    tf = ns["tf"]
    image, kernel, ts_data = ns["image"], ns["kernel"], ns["ts_data"]
    filters = tf.reshape(tf.constant([0.1, 0.2, 0.3, 0.4]), [-1, 1, 1])
    return {
        "conv2d stride 2": Timed(functools.partial(tf.nn.conv2d, image, kernel, strides=2, padding="SAME")),
        "conv2d stride 3": Timed(functools.partial(tf.nn.conv2d, image, kernel, strides=3, padding="VALID")),
        "conv1d": Timed(functools.partial(tf.nn.conv1d, ts_data, filters, stride=1, padding="VALID")),
    }


def run(quick: bool = False) -> dict[str, Any]:
    from learntools_cv.core import Status, binder
    from learntools_cv.core.session import current_session

    lesson = namespace()
    views = current_session().questions("learntools_cv.computer_vision.ex4")
    bound = {}
    items = ops(lesson)
    for case in CASES:
        ns = dict(lesson)
        exec(case.code, ns)
        bound[case.name] = ns
        items[case.name] = Timed(views[case.question].evaluate, prepare=functools.partial(binder.bind, ns))
    stats = measure(items, rounds=5 if quick else 60, warmup=1)
    rows = []
    for case in CASES:
        binder.bind(bound[case.name])
        outcome = views[case.question].evaluate()
        passing = case.expect == "Correct"
        as_expected = outcome.status is Status.CORRECT if passing else case.expect in outcome.message
        st = stats[case.name]
        row = {"name": case.name, "code": case.code, "as_expected": as_expected, "mistake": outcome.mistake,
               **st.to_json()}
        if case.op is not None:
            row["op"] = case.op
            row["ratio_to_op"] = st.median / stats[case.op].median
        rows.append(row)
    binder.unbind()
    return {
        "ops": {name: stats[name].to_json() for name in ops(lesson)},
        "cases": rows,
        "targets": targets(rows),
    }


def targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        if row["name"].endswith("passing") and "ratio_to_op" in row:
            out.append({
                "target": f"{row['name']} <= {PASS_VS_OP:g}x tf.nn.{row['op'].split()[0]}",
                "met": row["ratio_to_op"] <= PASS_VS_OP and row["as_expected"],
                "figure": f"{row['ratio_to_op']:.1f}x ({row['median_ms']:.3f} ms)",
            })
    diagnoses = [r for r in rows if not r["name"].endswith("passing")]
    slowest = max(diagnoses, key=lambda r: r["median_ms"])
    out.append({
        "target": f"diagnosing a wrong answer <= {DIAGNOSE_MS:g} ms (slowest)",
        "met": slowest["median_ms"] <= DIAGNOSE_MS and all(r["as_expected"] for r in diagnoses),
        "figure": f"{slowest['median_ms']:.1f} ms ({slowest['name']}); "
                  f"{sum(r['as_expected'] for r in diagnoses)}/{len(diagnoses)} named as expected",
    })
    return out


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "## Lesson 4, The Sliding Window: its checks against the op that computes the answer",
        "",
        "The lesson's own values (a 224x224 picture, a 261-week series). *x op* is a check's median divided by "
        "the median of the TensorFlow op the learner runs for that answer.",
        "",
        "| op | median ms | IQR ms |",
        "| --- | ---: | ---: |",
    ]
    for name, st in results["ops"].items():
        lines.append(f"| tf.nn.{name} | {st['median_ms']:.3f} | {st['iqr_ms']:.3f} |")
    lines += ["", "| answer | median ms | IQR ms | x op | named as expected |", "| --- | ---: | ---: | ---: | --- |"]
    for row in results["cases"]:
        ratio = f"{row['ratio_to_op']:.1f}" if "ratio_to_op" in row else ""
        lines.append(f"| {row['name']} | {row['median_ms']:.3f} | {row['iqr_ms']:.3f} | {ratio} | "
                     f"{'yes' if row['as_expected'] else '**no**'} |")
    lines += ["", "| target | figure | met? |", "| --- | --- | --- |"]
    for t in results["targets"]:
        lines.append(f"| {t['target']} | {t['figure']} | {'met' if t['met'] else '**missed**'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few rounds only (a smoke run)")
    parser.add_argument("--out", type=Path, help="also write lesson4.json and lesson4.md to this folder")
    args = parser.parse_args(argv)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    results = run(args.quick)
    table = markdown(results)
    if load is not None:
        table += f"\n{'Quick' if args.quick else 'Full'} run; load average before: {load[0]:.2f}.\n"
    print(table)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "lesson4.json").write_text(json.dumps(results, indent=2) + "\n")
        (args.out / "lesson4.md").write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
