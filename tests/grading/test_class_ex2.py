"""Lesson 2 graded as a class: a handful of learner notebooks made from the solution notebook, with right
answers and planted mistakes, graded by `learntools-cv grade`'s public API in serial mode. Every question of
every notebook gets a row whose status, mistake id and message are what the real questions say for the same
notebook run in one process, as a kernel would run it, and what was planted.

The grader judges the values a notebook ends with: a learner who tries another kernel in a last cell, without
running the cells after question 1 again, leaves maps made with the earlier kernel, and q_1 says so.
"""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch

from .conftest import in_notebook

EXERCISE = "learntools_cv.computer_vision.ex2"
SOLUTION = Path(__file__).resolve().parents[2] / "solutions" / "ex2_convolution_and_relu.ipynb"
QUESTIONS = ("q_1", "q_2", "q_3", "q_4", "q_5", "q_6", "q_7")

# What each answer cell's solution region starts a line with.
ANSWERS = {
    "q_1": "kernel =",
    "q_2": "conv_fn =",
    "q_3": "relu_fn =",
    "q_5": "def convolve_numpy(",
    "q_6": "def relu_numpy(",
    "q_7": "horizontal_kernel =",
}

FLIPPED = (
    "def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n"
    "    out = np.empty((h - kh + 1, w - kw + 1))\n    for i in range(h - kh + 1):\n"
    "        for j in range(w - kw + 1):\n"
    "            out[i, j] = (image[i:i + kh, j:j + kw] * kernel[::-1, ::-1]).sum()\n    return out"
)
ONE_SHORT = (
    "def convolve_numpy(image, kernel):\n    h, w = image.shape\n    kh, kw = kernel.shape\n"
    "    out = np.empty((h - kh, w - kw))\n    for i in range(h - kh):\n        for j in range(w - kw):\n"
    "            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()\n    return out"
)

# learner -> ({question: the code put in its answer cell}, a last cell or None, {question: (status, mistake)}).
# Questions left out keep the solution's answer and are Correct; q_4, a thought experiment, is not attempted.
CLASS: dict[str, tuple[dict[str, str], str | None, dict[str, tuple[str, str | None]]]] = {
    "ada": ({"q_1": "kernel = tf.constant(visiontools.emboss)"}, None, {}),
    "bo": (
        {
            "q_1": "kernel = tf.constant([[1, -1], [1, -1]])",
            "q_2": "conv_fn = tf.nn.conv1d",
            "q_5": FLIPPED,
            "q_7": "horizontal_kernel = tf.constant([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])",
        },
        None,
        {
            "q_1": ("incorrect", "kernel-size"),
            "q_2": ("incorrect", "conv1d"),
            "q_5": ("incorrect", "kernel-flipped"),
            "q_7": ("incorrect", "vertical-edges"),
        },
    ),
    "cy": (
        {
            "q_2": "conv_fn = tf.keras.layers.Conv2D",
            "q_3": "relu_fn = tf.nn.sigmoid",
            "q_6": "def relu_numpy(x):\n    return np.abs(x)",
        },
        None,
        {
            "q_2": ("incorrect", "keras-layer-class"),
            "q_3": ("incorrect", "sigmoid"),
            "q_6": ("incorrect", "abs"),
        },
    ),
    "dee": (
        {"q_3": "relu_fn = tf.nn.leaky_relu", "q_5": ONE_SHORT, "q_7": "horizontal_kernel = visiontools.blur"},
        None,
        {
            # The detect cell used the leaky ReLU, so image_detect is no ReLU of image_filter.
            "q_1": ("incorrect", "detect-not-relu"),
            "q_3": ("incorrect", "leaky-relu"),
            "q_5": ("incorrect", "one-short"),
            "q_7": ("incorrect", "brightness"),
        },
    ),
    "eli": (
        {"q_1": "kernel = ____", "q_2": "conv_fn = ____", "q_6": "def relu_numpy(x):\n    pass"},
        "kernel = tf.constant([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])  # another kernel, tried late",
        {
            # The last cell's kernel never filtered anything: no maps were made (q_2 was not answered).
            "q_1": ("correct", None),
            "q_2": ("not_attempted", None),
            "q_6": ("not_attempted", None),
        },
    ),
    "fay": (
        {"q_1": "kernel = tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])"},
        "kernel = visiontools.emboss  # another kernel, tried late",
        {"q_1": ("incorrect", "maps-from-earlier-kernel")},
    ),
}


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def make_notebook(solution: dict[str, Any], answers: dict[str, str], last: str | None) -> dict[str, Any]:
    nb = copy.deepcopy(solution)
    for cell in nb["cells"]:
        source = _source(cell)
        if cell["cell_type"] != "code" or "# BEGIN SOLUTION" not in source:
            continue
        head, rest = source.split("# BEGIN SOLUTION", 1)
        region, tail = rest.split("# END SOLUTION", 1)
        question = next(q for q, start in ANSWERS.items() if re.search(f"^{re.escape(start)}", region, re.M))
        if question in answers:
            cell["source"] = head + answers[question] + tail
    if last is not None:
        nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                            "source": last})
    return nb


def expected_rows(planted: dict[str, tuple[str, str | None]]) -> dict[str, tuple[str, str | None]]:
    rows = {q: ("correct", None) for q in QUESTIONS}
    rows["q_4"] = ("not_attempted", None)
    rows.update(planted)
    return rows


@pytest.mark.slow
def test_a_lesson_2_class_is_graded_as_each_notebook_says(tmp_path: Path) -> None:
    solution = json.loads(SOLUTION.read_text())
    notebooks = {}
    for learner, (answers, last, _) in CLASS.items():
        nb = make_notebook(solution, answers, last)
        path = tmp_path / "submitted" / learner / "ex2" / "ex2_convolution_and_relu.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(nb, indent=1))
        notebooks[learner] = nb
    book = str(tmp_path / "class.sqlite")
    summary = grade_batch(
        [tmp_path / "submitted"],
        BatchOptions(gradebook=book, scheduler="serial", limits=Limits(cell_timeout=30.0), progress="none"),
        out=io.StringIO(),
    )
    assert (summary.graded, summary.could_not_grade) == (len(CLASS), 0)
    with Gradebook(book) as gb:
        graded = {(r.learner, r.question): r for r in gb.results()}
        submissions = {s["learner"]: s for s in gb.submissions()}
    assert len(graded) == len(CLASS) * len(QUESTIONS)
    assert {s["assignment"] for s in submissions.values()} == {"ex2"}

    for learner, (_, _, planted) in CLASS.items():
        cells = [_source(c) for c in notebooks[learner]["cells"] if c["cell_type"] == "code"]
        in_one_process = in_notebook(cells, exercise=EXERCISE, mistakes=True)
        for question, (status, mistake) in expected_rows(planted).items():
            row = graded[(learner, question)]
            assert (row.status, row.mistake) == (status, mistake), (learner, question, row.message)
            want_status, want_message, want_mistake = in_one_process[question]
            want_status = {"uncheckable": "not_attempted"}.get(want_status, want_status)
            assert (row.status, row.mistake, row.message) == (want_status, want_mistake, want_message), (
                learner, question)
