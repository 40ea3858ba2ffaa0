"""Lesson 6's notebooks, as pictures on their data: the explore cell draws the first validation picture and
its augmented copies, the learning curves are the two training cells' histories joined, the bonus cell shows
the picture and its two views; while an answer is missing, the cells that need it print one line and draw
nothing (and train nothing). The notebooks run in this process on a small data set (tests/lesson56_notebook.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from lesson56_notebook import ROOT, Ran, run

from learntools_cv.core import ____
from learntools_cv.core.status import Status

SOLUTION = ROOT / "solutions" / "ex6_data_augmentation.ipynb"
LEARNER = ROOT / "exercises" / "ex6_data_augmentation.ipynb"
TUTORIAL = ROOT / "exercises" / "tut6_data_augmentation.ipynb"

pytestmark = [pytest.mark.slow, pytest.mark.notebook]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("car-or-truck")


@pytest.fixture(scope="module")
def solution(data: Path) -> Ran:
    return run(SOLUTION, data)


@pytest.fixture(scope="module")
def learner(data: Path) -> Ran:
    return run(LEARNER, data)


def images(figure) -> list[np.ndarray]:
    return [np.asarray(ax.get_images()[0].get_array()) for ax in figure.axes if ax.get_images()]


def test_the_explore_cell_draws_the_picture_then_flipped_copies(solution: Ran) -> None:
    (figure,) = solution.figures[solution.cell("augment = keras.Sequential([\n    # layers.RandomContrast")]
    picture = np.asarray(solution.ns["picture"])
    first_valid = next(iter(solution.ns["ds_valid"].unbatch()))[0].numpy()
    np.testing.assert_array_equal(picture, first_valid)
    shown = images(figure)
    assert len(shown) == 16
    np.testing.assert_array_equal(shown[0], np.clip(picture, 0, 1))
    flipped = [np.array_equal(copy, picture[:, ::-1]) for copy in shown[1:]]
    assert all(f or np.array_equal(copy, picture) for f, copy in zip(flipped, shown[1:]))


def test_the_learning_curves_are_both_training_cells_joined(solution: Ran) -> None:
    (figure,) = solution.figures[solution.cell_with("visiontools.show_learning_curves(history, history_more)")]
    first, more = solution.ns["history"].history, solution.ns["history_more"].history
    lines = {line.get_gid(): line for ax in figure.axes for line in ax.get_lines()}
    np.testing.assert_allclose(lines["accuracy-validation"].get_ydata(),
                               first["val_binary_accuracy"] + more["val_binary_accuracy"])
    np.testing.assert_allclose(lines["loss-training"].get_ydata(), first["loss"] + more["loss"])
    assert lines["loss-training"].get_xdata().tolist() == list(range(1, len(first["loss"]) + len(more["loss"]) + 1))
    marks = [line.get_xdata()[0] for ax in figure.axes for line in ax.get_lines() if line.get_gid() == "next-fit"]
    assert marks == [len(first["loss"]) + 0.5] * 2


def test_the_bonus_cell_shows_the_picture_and_its_two_views(solution: Ran) -> None:
    (figure,) = solution.figures[solution.cell_with("for n, (title, view) in enumerate")]
    shown = images(figure)
    ns = solution.ns
    for panel, name in zip(shown, ("picture", "trained_view", "inference_view")):
        np.testing.assert_allclose(panel, np.clip(np.asarray(ns[name]), 0, 1), atol=1e-6)
    assert [ax.get_title() for ax in figure.axes] == ["picture", "trained_view", "inference_view"]
    assert not np.allclose(shown[1], shown[0]) and np.array_equal(shown[2], shown[0])


def test_the_solution_notebook_is_correct_and_leaves_its_answers_for_the_grader(solution: Ran) -> None:
    views = {name: solution.ns[name] for name in ("q_3", "q_5")}
    assert all(view.evaluate(solution.ns).status is Status.CORRECT for view in views.values())


NEEDS = {
    "if visiontools.answered(q_3, needs='Answer question 3 first: this cell trains your model.'):\n    model.compile":
        "Answer question 3 first: this cell trains your model.",
    "if visiontools.answered(q_3, needs='Answer question 3 first: this cell trains your model.'):\n    history_more":
        "Answer question 3 first: this cell trains your model.",
    "if visiontools.answered(q_3, needs='Train the model first":
        "Train the model first: the cells above draw its learning curves.",
    "if visiontools.answered(trained_view, inference_view,": "Answer question 5 first to see the two views.",
}


@pytest.mark.parametrize("start", list(NEEDS))
def test_a_cell_that_needs_an_answer_says_so_in_one_line(start: str, learner: Ran) -> None:
    index = learner.cell(start)
    assert (learner.printed[index], learner.figures[index]) == (NEEDS[start] + "\n", [])


def test_the_learner_notebook_trains_nothing_and_leaves_its_blanks(learner: Ran) -> None:
    assert not {"history", "history_more"} & learner.ns.keys()
    assert learner.ns["trained_view"] is ____ and learner.ns["inference_view"] is ____
    assert learner.ns["q_3"].evaluate(learner.ns).status is Status.NOT_ATTEMPTED


def test_the_tutorial_draws_its_augmented_picture_and_curves(data: Path) -> None:
    tutorial = run(TUTORIAL, data)
    (copies,) = tutorial.figures[tutorial.cell_with("visiontools.show_augmented(augment, picture)")]
    shown = images(copies)
    picture = np.asarray(tutorial.ns["picture"])
    np.testing.assert_array_equal(shown[0], np.clip(picture, 0, 1))
    assert len(shown) == 16 and not all(np.array_equal(s, shown[0]) for s in shown[1:])
    (curves,) = tutorial.figures[tutorial.cell("visiontools.show_learning_curves(history)")]
    lines = {line.get_gid(): line for ax in curves.axes for line in ax.get_lines()}
    np.testing.assert_allclose(lines["accuracy-training"].get_ydata(),
                               tutorial.ns["history"].history["binary_accuracy"])
