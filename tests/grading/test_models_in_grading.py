"""Models in grading, end to end through the real sandbox: an exercise module written here (a question that
judges a model's output shape and trainable weights, one that judges a training history, and GRADING_LIMITS),
notebooks that train a tiny model for longer than the teacher's cell limit, and a notebook whose model holds a
Lambda layer. The lesson's limit lets the training cell finish unless the teacher set the limit explicitly; a
model the grader will not rebuild is graded could_not_grade with words, and its Lambda's code never runs in
the grader."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import learntools_cv
from learntools_cv.grading import Limits, grade_notebook
from learntools_cv.grading.judge import CORRECT, COULD_NOT_GRADE, INCORRECT

from .conftest import notebook_json

# The module lives in the package for the test's duration only: the fork server imports it as any exercise.
EXERCISE = f"learntools_cv.models_in_grading_test_{os.getpid()}"  # a private name is no exercise

MODULE = '''
"""An exercise for tests/grading/test_models_in_grading.py."""
from learntools_cv.core import CS, Incorrect, Question, bind_exercises

GRADING_LIMITS = {"cell_timeout": 60}


class FrozenHead(Question):
    """q_1: a model whose base is frozen, with one sigmoid unit on it."""

    solution = CS("model = keras.Sequential([base, layers.Dense(1, activation='sigmoid')])")

    def check(self, model):
        import keras

        if not isinstance(model, keras.Model):
            raise Incorrect("`model` should be a Keras model.")
        if tuple(model.output_shape) != (None, 1):
            raise Incorrect(f"`model` gives pictures the shape {tuple(model.output_shape)}; it should be (None, 1).")
        names = sorted(v.path for v in model.trainable_weights)
        if names != ["dense_1/bias", "dense_1/kernel"]:
            raise Incorrect(f"`model` trains {names}; only the head should train.")


class Trained(Question):
    """q_2: three epochs of training."""

    solution = CS("history = model.fit(x, y, epochs=3)")

    def check(self, history):
        losses = history.history.get("loss", [])
        if len(losses) != 3 or history.epoch != [0, 1, 2] or history.params.get("epochs") != 3:
            raise Incorrect(f"`history` holds {len(losses)} epochs; train for 3.")


QUESTIONS = [FrozenHead, Trained]
qvars = bind_exercises(globals(), QUESTIONS, var_format="q_{n}")
__all__ = list(qvars)
'''

SETUP = f"""import time
import numpy as np
import keras
from keras import layers
from learntools_cv.core import binder
binder.bind(globals())
from {EXERCISE} import *"""

BASE = """base = keras.Sequential([keras.Input((4,)), layers.Dense(3, name='dense')])
base.trainable = False"""

MODEL = """model = keras.Sequential([base, layers.Dense(1, activation='sigmoid', name='dense_1')])
model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])"""

# Longer than the teacher's limit of 1 s below: three epochs of 0.6 s each.
TRAIN = """x = np.random.default_rng(0).normal(size=(16, 4)).astype('float32')
y = (x[:, :1] > 0).astype('float32')
slow = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: time.sleep(0.6))
history = model.fit(x, y, epochs=3, verbose=0, callbacks=[slow])"""

TEACHER = Limits(cell_timeout=1.0, notebook_timeout=120.0, call_timeout=2.0)


@pytest.fixture(scope="module")
def exercise() -> Iterator[str]:
    path = Path(learntools_cv.__file__).parent / f"{EXERCISE.rsplit('.', 1)[1]}.py"
    path.write_text(MODULE)
    importlib.invalidate_caches()
    try:
        yield EXERCISE
    finally:
        path.unlink()
        sys.modules.pop(EXERCISE, None)


def write(tmp_path: Path, name: str, *cells: str) -> Path:
    path = tmp_path / f"{name}.ipynb"
    path.write_text(notebook_json([SETUP, *cells]))
    return path


def rows(report) -> dict[str, tuple[str, str]]:
    return {row.question: (row.status, row.message) for row in report.rows}


def test_the_lessons_limit_lets_a_training_cell_finish(exercise: str, tmp_path: Path) -> None:
    report = grade_notebook(write(tmp_path, "ada", BASE, MODEL, TRAIN), exercise=exercise, limits=TEACHER)
    assert report.status == "graded" and report.reason == ""
    assert rows(report) == {"q_1": (CORRECT, "Correct"), "q_2": (CORRECT, "Correct")}


def test_a_wrong_model_is_judged_rebuilt(exercise: str, tmp_path: Path) -> None:
    unfrozen = BASE.replace("base.trainable = False", "base.trainable = True")
    report = grade_notebook(write(tmp_path, "bo", unfrozen, MODEL, TRAIN), exercise=exercise, limits=TEACHER)
    assert rows(report)["q_1"] == (
        INCORRECT, "Incorrect: `model` trains ['dense/bias', 'dense/kernel', 'dense_1/bias', 'dense_1/kernel']; "
                   "only the head should train.")


def test_a_limit_the_teacher_set_holds_against_the_lessons(exercise: str, tmp_path: Path) -> None:
    explicit = Limits(cell_timeout=1.0, notebook_timeout=120.0, call_timeout=2.0, lesson_may_raise=frozenset())
    report = grade_notebook(write(tmp_path, "cy", BASE, MODEL, TRAIN), exercise=exercise, limits=explicit)
    assert report.reason == "Cell 4 ran past the 1 s limit and was stopped."
    assert rows(report) == {
        "q_1": (CORRECT, "Correct"),
        "q_2": (COULD_NOT_GRADE, "Could not grade: the cell that defines `history` (cell 4) did not finish: it ran "
                                 "past the 1 s limit and was stopped."),
    }


def test_a_model_holding_a_lambda_is_could_not_grade_in_words_and_its_code_never_runs(
        exercise: str, tmp_path: Path) -> None:
    # The Lambda's function marks the process it runs in: the sandbox's child, never the grader.
    lambda_model = MODEL.replace(
        "model = keras.Sequential([base, ",
        "model = keras.Sequential([base, layers.Lambda(lambda t: (__import__('os').environ.update(LAMBDA_RAN='1'), "
        "t)[1]), ")
    report = grade_notebook(write(tmp_path, "dee", BASE, lambda_model, TRAIN), exercise=exercise, limits=TEACHER)
    assert report.status == "graded"
    assert rows(report)["q_1"] == (
        COULD_NOT_GRADE,
        "Could not grade: `model` could not be rebuilt outside the notebook to be checked: it holds a Lambda layer, "
        "whose function is the notebook's own code, and the grader runs no code of a notebook's. `q_1.check()` in "
        "the notebook judges it.")
    assert rows(report)["q_2"] == (CORRECT, "Correct")  # the history is plain numbers
    assert "LAMBDA_RAN" not in os.environ
