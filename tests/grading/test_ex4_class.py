"""Lesson 4 graded as a class: a handful of learner notebooks made from the learner notebook itself, with right
answers and planted mistakes (and a picture made blank, a cell that raises, a notebook left untouched), graded
with the public API in one process. Each row's status, mistake id and message equal what the same notebook
shows when run in one process as a kernel runs it, and each planted mistake gets its id."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch

from .conftest import in_notebook

REPO = Path(__file__).resolve().parents[2]
LEARNER = REPO / "exercises" / "ex4_sliding_window.ipynb"
EXERCISE = "learntools_cv.computer_vision.ex4"

SMOOTH = (
    "ts_kernel = tf.constant({kernel})\n"
    "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding={padding!r})"
)
SIZE = (
    "def output_size(size, window, stride, padding):\n"
    "    if padding == {same!r}:\n"
    "        return -(-size // stride)\n"
    "    return (size - window) // stride{plus}"
)
RIGHT = {
    "q_1.a": "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='SAME')",
    "q_1.b": "image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='VALID')",
    "q_2.a": "field_three_convs = 7",
    "q_2.b": "field_with_pooling = 8",
    "q_3": SMOOTH.format(kernel=[0.1, 0.2, 0.3, 0.4], padding="VALID"),
    "q_4": SIZE.format(same="SAME", plus=" + 1"),
    "q_5": "field_dilated = 15",
}

# learner -> question -> (the code in its answer cell, the status and mistake id it must get)
CLASS: dict[str, dict[str, tuple[str, str, str | None]]] = {
    "ada": {q: (code, "correct", None) for q, code in RIGHT.items()},
    "ben": {
        "q_1.a": ("image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')", "incorrect",
                  "padding-valid"),
        "q_1.b": ("image_stride3 = tf.nn.conv2d(image, kernel, strides=1, padding='VALID', dilations=3)",
                  "incorrect", "dilation-not-stride"),
        "q_2.a": ("field_three_convs = 9", "incorrect", "added-windows"),
        "q_2.b": ("field_with_pooling = 14", "incorrect", "doubled-field"),
        "q_3": ("ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = np.convolve(series, ts_kernel, 'valid')",
                "incorrect", "flipped-kernel"),
        "q_4": (SIZE.format(same="SAME", plus=""), "incorrect", "valid-without-plus-one"),
        "q_5": ("field_dilated = 7", "incorrect", "ignored-dilation"),
    },
    "cleo": {
        # A picture made blank: the right answers cannot be told from the mistakes.
        "q_1.a": ("image = tf.fill([1, 224, 224, 1], 0.5)\n" + RIGHT["q_1.a"], "not_attempted", None),
        "q_1.b": (RIGHT["q_1.b"], "not_attempted", None),
        "q_2.a": ("field_three_convs = '7x7'", "incorrect", "string"),
        "q_3": (SMOOTH.format(kernel=[1.0, 2.0, 3.0, 4.0], padding="VALID"), "incorrect", "weights-sum"),
        "q_4": (SIZE.format(same="same", plus=" + 1"), "incorrect", "same-gives-valid"),
    },
    "dev": {
        "q_1.a": ("image_stride2 = tf.nn.relu(tf.nn.conv2d(image, kernel, strides=2, padding='SAME'))", "incorrect",
                  "relu-applied"),
        "q_1.b": ("image_stride3 = tf.nn.conv2d(image, kernel, strides=3, padding='SAME')", "incorrect",
                  "padding-same"),
        "q_2.b": ("field_with_pooling = 8", "correct", None),
        "q_3": (SMOOTH.format(kernel=[0.1, 0.2, 0.3, 0.4], padding="SAME"), "incorrect", "padding-same"),
        # A learner's typo: the cell raises, the answer is never made.
        "q_5": ("field_dilated = 1 + 2 + 4 + 8 +\n", "not_attempted", None),
    },
    "eve": {},  # the learner notebook, untouched
}

ANSWER_CELLS = {
    "q_1.a": "q_1.a.check()",
    "q_1.b": "q_1.b.check()",
    "q_2.a": "q_2.a.check()",
    "q_2.b": "q_2.b.check()",
    "q_3": "q_3.check()",
    "q_4": "q_4.check()",
    "q_5": "q_5.check()",
}


def submission(plants: dict[str, tuple[str, str, str | None]]) -> dict[str, Any]:
    """The learner notebook with each planted answer in its question's cell."""
    nb = json.loads(LEARNER.read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        for question, check in ANSWER_CELLS.items():
            if cell["cell_type"] == "code" and source.rstrip().endswith(check) and question in plants:
                cell["source"] = f"{plants[question][0]}\n\n{check}"
    return nb


def code_cells(nb: dict[str, Any]) -> list[str]:
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.slow
def test_a_class_of_lesson_4_gets_the_verdicts_its_notebooks_show(tmp_path: Path) -> None:
    folder = tmp_path / "submitted"
    folder.mkdir()
    notebooks = {}
    for learner, plants in CLASS.items():
        notebooks[learner] = submission(plants)
        (folder / f"{learner}.ipynb").write_text(json.dumps(notebooks[learner]))
    book = str(tmp_path / "class.sqlite")
    summary = grade_batch(
        [folder],
        BatchOptions(gradebook=book, scheduler="serial", limits=Limits(cell_timeout=30.0), progress="none"),
        out=io.StringIO(),
    )
    assert (summary.graded, summary.could_not_grade) == (len(CLASS), 0)
    with Gradebook(book) as gb:
        rows = {(r.learner, r.question): r for r in gb.results()}
    questions = list(ANSWER_CELLS)
    assert sorted({q for _, q in rows}) == sorted(questions)

    for learner, plants in CLASS.items():
        shown = in_notebook(code_cells(notebooks[learner]), exercise=EXERCISE, mistakes=True)
        for question in questions:
            row = rows[(learner, question)]
            status, message, mistake = shown[question]
            status = {"uncheckable": "not_attempted"}.get(status, status)
            assert (row.status, row.mistake, row.message) == (status, mistake, message), (learner, question)
            want = plants.get(question, ("", "not_attempted", None))
            assert (row.status, row.mistake) == want[1:], (learner, question, row.message)
    assert rows[("cleo", "q_1.a")].message.startswith("Nothing to check: Your `image` is blank")
