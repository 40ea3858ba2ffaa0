"""Lessons 1 and 5 graded as a class, as tests/grading/test_class_ex6.py grades lesson 6: learner notebooks made
from each solution notebook with right answers and planted mistakes, on a small data set, one epoch a training
cell, graded by `learntools-cv grade`'s public API in serial mode with the lesson's own GRADING_LIMITS. Every
question of every notebook gets the row the same notebook gives in one process, as a kernel would run it: the
models cross the sandbox boundary as configuration and weights and are judged rebuilt."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch
from learntools_cv.vision.car_or_truck import Spec, dataset_dir

from .conftest import in_notebook, report_mistakes
from .test_class_ex6 import _source
from .test_class_ex6 import make_notebook as _make_notebook

ROOT = Path(__file__).resolve().parents[2]

# lesson -> (exercise, solution notebook, {question: what its answer region starts a line with}, all questions,
#            {learner: ({question: answer region}, {question: (status, mistake)})}); unlisted coding questions
#            keep the solution and are Correct, thought experiments are not attempted.
LESSONS: dict[str, tuple[str, str, dict[str, str], tuple[str, ...], dict[str, Any]]] = {
    "ex1": (
        "learntools_cv.computer_vision.ex1", "solutions/ex1_convolutional_classifier.ipynb",
        {"q_1": "pretrained_base.trainable", "q_2": "    layers.Dense(6", "q_3": "    loss="},
        ("q_1", "q_2", "q_3", "q_4"),
        {
            "ada": ({}, {}),
            "bo": ({"q_1": "for layer in pretrained_base.layers[:8]:\n    layer.trainable = False\n",
                    "q_2": "    layers.Dense(8, activation='relu'),\n    layers.Dense(1, activation='sigmoid'),\n",
                    "q_3": "    loss='mse',\n    metrics=['binary_accuracy'],\n"},
                   {"q_1": ("incorrect", "partly-frozen"), "q_2": ("incorrect", "wrong-units"),
                    "q_3": ("incorrect", "regression-loss")}),
            "cy": ({"q_3": "    loss=keras.losses.BinaryCrossentropy(),\n    metrics=['accuracy'],\n"}, {}),
            "dee": ({"q_1": "pretrained_base.trainable = ____\n", "q_2": "    # YOUR CODE HERE\n",
                     "q_3": "    loss=____,\n    metrics=[____],\n"},
                    {"q_1": ("not_attempted", None), "q_2": ("not_attempted", None),
                     "q_3": ("not_attempted", None)}),
        },
    ),
    "ex5": (
        "learntools_cv.computer_vision.ex5", "solutions/ex5_custom_convnets.ipynb",
        {"q_1": "    layers.Conv2D(filters=64", "q_2": "    loss=", "q_4": "block_three_shape",
         "q_5": "dense_params"},
        ("q_1", "q_2", "q_3", "q_4", "q_5"),
        {
            "ada": ({}, {}),
            "bo": ({"q_1": "    layers.Conv2D(filters=64, kernel_size=3, activation='relu'),\n"
                           "    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),\n"
                           "    layers.MaxPool2D(),\n",
                    "q_4": "block_three_shape = (16, 16, 64)\n"},
                   {"q_1": ("incorrect", "wrong-padding"), "q_4": ("incorrect", "pooling-left-out")}),
            "cy": ({"q_1": "    layers.Conv2D(filters=64, kernel_size=3, activation='relu', padding='same'),\n"
                           "    layers.MaxPool2D(),\n",
                    "q_2": "    loss='binary_crossentropy',\n    metrics=['accuracy'],\n"},
                   {"q_1": ("incorrect", "missing-layer")}),
        },
    ),
}


@pytest.fixture(scope="module", params=sorted(LESSONS))
def graded_class(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    lesson = request.param
    exercise, solution_path, answers_start, questions, learners = LESSONS[lesson]
    tmp_path = tmp_path_factory.mktemp(f"class-{lesson}")
    data = tmp_path / "data"
    dataset_dir(Spec(20, 10), cache=data)  # built here: a submission's sandbox may read it, not write it
    solution = json.loads((ROOT / solution_path).read_text())
    notebooks = {learner: _make_notebook(solution, answers, data, answers_start)
                 for learner, (answers, _) in learners.items()}
    for learner, nb in notebooks.items():
        path = tmp_path / "submitted" / learner / lesson / Path(solution_path).name
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(nb, indent=1))
    book = str(tmp_path / "class.sqlite")
    summary = grade_batch([tmp_path / "submitted"], BatchOptions(gradebook=book, scheduler="serial", progress="none",
                                                                 limits=Limits()), out=io.StringIO())
    assert (summary.graded, summary.could_not_grade) == (len(learners), 0)
    with Gradebook(book) as gb:
        graded = {(r.learner, r.question): r for r in gb.results()}
    assert len(graded) == len(learners) * len(questions)
    in_one_process = {
        learner: in_notebook([_source(c) for c in nb["cells"] if c["cell_type"] == "code"], exercise=exercise,
                             mistakes=True)
        for learner, nb in notebooks.items()
    }
    return lesson, graded, in_one_process, book


@pytest.mark.slow
def test_a_class_is_graded_as_each_notebook_says(graded_class: Any) -> None:
    lesson, graded, in_one_process, _ = graded_class
    _, _, answers_start, questions, learners = LESSONS[lesson]
    for learner, (_, planted) in learners.items():
        expected = {q: ("correct", None) if q in answers_start else ("not_attempted", None) for q in questions}
        expected.update(planted)
        for question, (status, mistake) in expected.items():
            want_status, want_message, want_mistake = in_one_process[learner][question]
            want_status = {"uncheckable": "not_attempted"}.get(want_status, want_status)
            assert (want_status, want_mistake) == (status, mistake), (lesson, learner, question, want_message)
            row = graded[(learner, question)]
            assert (row.status, row.mistake, row.message) == (want_status, want_mistake, want_message), (
                lesson, learner, question, row.message)


@pytest.mark.slow
def test_the_class_report_shows_each_questions_mistakes(graded_class: Any, tmp_path: Path) -> None:
    lesson, _, _, book = graded_class
    planted: dict[tuple[str, str], set[str]] = {}
    for _, mistakes in LESSONS[lesson][4].values():
        for question, (_, mistake) in mistakes.items():
            if mistake is not None:
                planted.setdefault((lesson, question), set()).add(mistake)
    assert report_mistakes(book, tmp_path) == planted  # each named mistake under its own question
