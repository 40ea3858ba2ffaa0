"""Lesson 6 graded as a class: a few learner notebooks made from the solution notebook, with right answers and
planted mistakes, graded by `learntools-cv grade`'s public API in serial mode, with the lesson's own
`GRADING_LIMITS`. Every question of every notebook gets a row whose status, mistake id and message are what
the real questions say for the same notebook run in one process, as a kernel would run it.

The notebooks train on a small data set (20 + 10 pictures a class) for one epoch a cell, so that the class
grades in a minute; what is graded is the model and the views the notebook ends with. The data set is built
before grading, as a teacher's course machine has it in its cache: the sandbox may not write there.

q_3 judges a Keras model: it crosses the sandbox boundary as its configuration (JSON) and weights (arrays) and
is rebuilt on the grader's side (grading/wire.py), so its rows equal the notebook's too.
"""

from __future__ import annotations

import copy
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch
from learntools_cv.vision.car_or_truck import Spec, dataset_dir

from .conftest import in_notebook, report_mistakes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lesson56_notebook import small  # noqa: E402

EXERCISE = "learntools_cv.computer_vision.ex6"
SOLUTION = Path(__file__).resolve().parents[2] / "solutions" / "ex6_data_augmentation.ipynb"
QUESTIONS = ("q_1", "q_2", "q_3", "q_4", "q_5")

# What each answer cell's solution region starts a line with.
ANSWERS = {"q_3": "    layers.RandomContrast", "q_5": "trained_view ="}

RIGHT_AUGMENTATION = ("    layers.RandomContrast(factor=0.10),\n    layers.RandomFlip(mode='horizontal'),\n"
                      "    layers.RandomRotation(factor=0.10),\n")

# learner -> ({question: the code put in its answer region}, {question: (status, mistake)}).
# Questions left out keep the solution's answer and are Correct; the thought experiments are not attempted.
CLASS: dict[str, tuple[dict[str, str], dict[str, tuple[str, str | None]]]] = {
    "ada": ({}, {}),
    "bo": (
        {"q_3": RIGHT_AUGMENTATION.replace("'horizontal'", "'vertical'"),
         "q_5": "trained_view = augment(picture, training=True)\ninference_view = augment(picture)\n"},
        {"q_3": ("incorrect", "wrong-flip"), "q_5": ("incorrect", "augmented-in-inference")},
    ),
    "cy": (
        {"q_3": "    layers.RandomContrast(factor=(0.10, 0.10)),\n    layers.RandomFlip(mode='horizontal'),\n"},
        {"q_3": ("incorrect", "missing-layer")},
    ),
    "dee": (
        {"q_3": "    # YOUR CODE HERE: the three augmentation layers\n", "q_5": "trained_view = ____\ninference_view = ____\n"},
        {"q_3": ("not_attempted", None), "q_5": ("not_attempted", None)},
    ),
}


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def make_notebook(solution: dict[str, Any], answers: dict[str, str], data: Path,
                  starts: dict[str, str] | None = None) -> dict[str, Any]:
    """The solution notebook on the small data set, with `answers` in place of the solution regions named
    (`starts`: what each question's region starts a line with; lesson 6's by default)."""
    starts = ANSWERS if starts is None else starts
    nb = copy.deepcopy(solution)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = small(_source(cell), data)
        region = re.search(r"[ \t]*# BEGIN SOLUTION\n(.*?)[ \t]*# END SOLUTION\n", source, re.S)
        if region is not None:
            question = next(q for q, start in starts.items()
                            if re.search(f"^{re.escape(start)}", region.group(1), re.M))
            if question in answers:
                source = source[: region.start()] + answers[question] + source[region.end():]
        cell["source"] = source
    return nb


def expected_rows(planted: dict[str, tuple[str, str | None]]) -> dict[str, tuple[str, str | None]]:
    rows = {q: ("correct", None) for q in ("q_3", "q_5")}
    rows.update({q: ("not_attempted", None) for q in ("q_1", "q_2", "q_4")})
    rows.update(planted)
    return rows


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[Any, Any], dict[str, dict[str, Any]], str]:
    """The class graded once: its gradebook rows by (learner, question), and each learner's verdicts when the
    same notebook runs in one process."""
    tmp_path = tmp_path_factory.mktemp("class-ex6")
    data = tmp_path / "data"
    # Built here: a submission's sandbox may read the data set's folder, not write to it.
    dataset_dir(Spec(20, 10), cache=data)
    solution = json.loads(SOLUTION.read_text())
    notebooks = {}
    for learner, (answers, _) in CLASS.items():
        nb = make_notebook(solution, answers, data)
        path = tmp_path / "submitted" / learner / "ex6" / SOLUTION.name
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(nb, indent=1))
        notebooks[learner] = nb
    book = str(tmp_path / "class.sqlite")
    summary = grade_batch(
        [tmp_path / "submitted"],
        BatchOptions(gradebook=book, scheduler="serial", progress="none",
                     limits=Limits()),  # the lesson's GRADING_LIMITS raise the cell's time limit
        out=io.StringIO(),
    )
    assert (summary.graded, summary.could_not_grade) == (len(CLASS), 0)
    with Gradebook(book) as gb:
        graded = {(r.learner, r.question): r for r in gb.results()}
    assert len(graded) == len(CLASS) * len(QUESTIONS)
    in_one_process = {
        learner: in_notebook([_source(c) for c in nb["cells"] if c["cell_type"] == "code"], exercise=EXERCISE,
                             mistakes=True)
        for learner, nb in notebooks.items()
    }
    return graded, in_one_process, book


def _rows_agree(graded_class: tuple[dict[Any, Any], dict[str, dict[str, Any]], str], questions: set[str]) -> None:
    graded, in_one_process, _ = graded_class
    for learner, (_, planted) in CLASS.items():
        for question, (status, mistake) in expected_rows(planted).items():
            if question not in questions:
                continue
            want_status, want_message, want_mistake = in_one_process[learner][question]
            want_status = {"uncheckable": "not_attempted"}.get(want_status, want_status)
            assert (want_status, want_mistake) == (status, mistake), (learner, question, want_message)
            row = graded[(learner, question)]
            assert (row.status, row.mistake, row.message) == (want_status, want_mistake, want_message), (
                learner, question, row.message)


@pytest.mark.slow
def test_a_lesson_6_class_is_graded_as_each_notebook_says(graded_class) -> None:
    """Every question that judges no model: the views of q_5 and the thought experiments."""
    _rows_agree(graded_class, set(QUESTIONS) - {"q_3"})


@pytest.mark.slow
def test_the_model_question_is_graded_as_the_notebook_says(graded_class) -> None:
    _rows_agree(graded_class, {"q_3"})


@pytest.mark.slow
def test_the_class_report_shows_each_questions_mistakes(graded_class, tmp_path: Path) -> None:
    planted: dict[tuple[str, str], set[str]] = {}
    for _, rows in CLASS.values():
        for question, (_, mistake) in expected_rows(rows).items():
            if mistake is not None:
                planted.setdefault(("ex6", question), set()).add(mistake)
    assert planted  # the class holds named mistakes
    assert report_mistakes(graded_class[2], tmp_path) == planted
