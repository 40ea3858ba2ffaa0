"""A notebook of lesson 4 for the ex4 tests: the exercise's own setup (`SETUP_CODE`, run once per process),
a fresh bound copy of it per test with the learner's cells run in it, and a check that asserts what every
check must do besides its verdict.

    notebook = Ex4Notebook(capsys)          # the setup cells, bound
    notebook.run("image_stride2 = ...")     # a learner's cell
    outcome = notebook.check("q_1.a")       # the outcome; check() printed it, and changed nothing
"""

from __future__ import annotations

import copy
import functools
from typing import Any

import numpy as np
import pytest
import tensorflow as tf

from learntools_cv.core import Outcome, Status, binder
from learntools_cv.core.session import current_session

EXERCISE = "learntools_cv.computer_vision.ex4"


@functools.cache
def setup_namespace() -> dict[str, Any]:
    """What the exercise's setup cells leave behind (read once: it reads the picture and the series)."""
    from learntools_cv.computer_vision import ex4

    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(ex4.SETUP_CODE, ns)
    return ns


def _snapshot(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tf.Variable):
        return value.numpy().copy()
    if isinstance(value, (list, dict)):
        return copy.deepcopy(value)
    return None


def _assert_unchanged(value: Any, before: Any) -> None:
    if isinstance(value, np.ndarray):
        assert value.dtype == before.dtype and value.shape == before.shape
        np.testing.assert_array_equal(value, before)
    elif isinstance(value, tf.Variable):
        np.testing.assert_array_equal(value.numpy(), before)
    elif isinstance(value, (list, dict)):
        assert value == before


class Ex4Notebook:
    """A bound notebook namespace after the setup cells; `run` and `set` act as a learner's cells."""

    def __init__(self, capsys: pytest.CaptureFixture[str] | None = None, **overrides: Any) -> None:
        self.capsys = capsys
        self.ns: dict[str, Any] = dict(setup_namespace())
        exec(f"from learntools_cv.core import binder\nbinder.bind(globals())\nfrom {EXERCISE} import *", self.ns)
        self.ns.update(overrides)

    def run(self, code: str) -> Ex4Notebook:
        exec(code, self.ns)
        return self

    def set(self, **values: Any) -> Ex4Notebook:
        self.ns.update(values)
        return self

    def view(self, question: str) -> Any:
        views = current_session().questions(EXERCISE)
        return views[question]

    def outcome(self, question: str) -> Outcome:
        """The question's outcome, judged as `check()` judges it (no printing)."""
        binder.bind(self.ns)
        return self.view(question).evaluate()

    def check(self, question: str) -> Outcome:
        """The question's outcome. Also runs the learner's `check()` and asserts that it printed exactly the
        plain message, changed nothing in the namespace, never failed as a checker, and judges the same way
        twice."""
        assert self.capsys is not None, "check() needs capsys; outcome() does not"
        binder.bind(self.ns)
        view = self.view(question)
        keys = list(self.ns)
        objects = dict(self.ns)
        copies = {k: _snapshot(v) for k, v in self.ns.items() if not k.startswith("__")}
        outcome = view.evaluate()
        self.capsys.readouterr()
        view.check()
        printed = self.capsys.readouterr()
        assert printed.out == outcome.message + "\n"
        assert printed.err == ""
        assert list(self.ns) == keys
        for key in keys:
            assert self.ns[key] is objects[key], key
            if key in copies:
                _assert_unchanged(self.ns[key], copies[key])
        assert outcome.status is not Status.CHECKER_ERROR, outcome.message
        assert view.evaluate() == outcome
        return outcome
