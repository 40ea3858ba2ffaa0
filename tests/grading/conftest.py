"""Fixtures for the grader's tests: notebooks made from a few cells, and the verdicts a notebook would show."""

from __future__ import annotations

import contextlib
import io
import json
import linecache
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SETUP = """import numpy as np
import tensorflow as tf
import matplotlib.pyplot as plt
from learntools_cv import visiontools
from learntools_cv.data import image_path
from learntools_cv.core import binder
binder.bind(globals())
from learntools_cv.ex3 import *"""

IMAGE = """image = visiontools.read_image(image_path('car_illustration'), channels=1, size=400)
kernel = tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
image = tf.expand_dims(image, axis=0)
kernel = tf.cast(tf.reshape(kernel, [*kernel.shape, 1, 1]), dtype=tf.float32)
image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding='VALID')
image_detect = tf.nn.relu(image_filter)"""

RIGHT_Q1 = "image_condense = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME')\nq_1.check()"

RIGHT_Q7 = '''def max_pool_2x2(feature_map):
    h, w = feature_map.shape
    out = np.empty(((h + 1) // 2, (w + 1) // 2), dtype=feature_map.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
    return out'''


def notebook_json(cells: list[Any]) -> str:
    """A notebook whose cells are code strings, or (cell_type, source) pairs."""
    out = []
    for cell in cells:
        kind, source = ("code", cell) if isinstance(cell, str) else cell
        entry: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            entry.update(outputs=[], execution_count=None)
        out.append(entry)
    return json.dumps({"cells": out, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def make_notebook(tmp_path: Path) -> Callable[..., Path]:
    """make_notebook(*cells, name='alice') writes a notebook whose first cells are the setup and image cells."""

    def make(*cells: Any, name: str = "alice", setup: bool = True) -> Path:
        path = tmp_path / f"{name}.ipynb"
        path.write_text(notebook_json([SETUP, IMAGE, *cells] if setup else list(cells)))
        return path

    return make


def in_notebook(cells: list[str], exercise: str = "learntools_cv.ex3",
                mistakes: bool = False) -> dict[str, tuple[Any, ...]]:
    """Run cells in this process, as a kernel would, and return each question's (status, message) from the
    exercise's real questions: what q_N.check() shows in a notebook. With `mistakes`, (status, message,
    mistake id)."""
    import importlib

    from learntools_cv.core import binder
    from learntools_cv.grading import judge

    namespace: dict[str, Any] = {"__name__": "__main__"}
    saved = binder.bound_namespace()
    sink = io.StringIO()
    try:
        # A kernel shows warnings; it does not raise them (pytest is set to turn them into errors).
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, source in enumerate(cells):
                # As IPython does, so that inspect.getsource finds a function defined in a cell.
                filename = f"<notebook cell {number} {id(namespace)}>"
                linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
                try:
                    exec(compile(source, filename, "exec"), namespace)
                except (Exception, SystemExit):
                    pass
        module = importlib.import_module(exercise)
        out = {}
        for spec in judge.questions(exercise):
            view = module
            for part in spec.name.split("."):  # q_1, or q_1.a of a question in parts
                view = getattr(view, part)
            with binder.bound_to(namespace):
                outcome = view.evaluate()
            entry: tuple[Any, ...] = (outcome.status.value, outcome.message)
            out[spec.name] = (*entry, getattr(outcome, "mistake", None)) if mistakes else entry
        return out
    finally:
        binder.restore(saved)


def report_mistakes(gradebook: str, folder: Path) -> dict[tuple[str, str], set[str]]:
    """`learntools-cv report` on `gradebook`: each mistake chart's (assignment, question) and the mistake ids its
    bars name (charts without bars left out)."""
    import re

    from learntools_cv.report.cli import main as report

    out = folder / "report.html"
    with contextlib.redirect_stdout(io.StringIO()):
        assert report([gradebook, "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    shown: dict[tuple[str, str], set[str]] = {}
    for chart in re.finditer(r'<svg[^>]*data-chart="mistakes"[^>]*>.*?</svg>', page, re.S):
        opening = chart.group(0).split(">", 1)[0]
        assignment = re.search(r'data-assignment="([^"]*)"', opening)
        question = re.search(r'data-question="([^"]*)"', opening)
        assert assignment and question, opening
        bars = set(re.findall(r'<g[^>]*data-mistake="([^"]+)"', chart.group(0)))
        if bars:
            shown[(assignment.group(1), question.group(1))] = bars
    return shown
