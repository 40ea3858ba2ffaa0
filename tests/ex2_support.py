"""What the tests of lesson 2 (`learntools_cv.computer_vision.ex2`) share: the lesson's notebook state, made
once, a bound notebook whose checks are held to what every check must do, and the maps the notebook makes
from a picture and a kernel."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import tensorflow as tf

import learntools_cv.computer_vision.ex2 as ex2
from learntools_cv.core import Outcome, Session, Status, binder
from learntools_cv.core.record import EVENTS_ENV

MODULE = "learntools_cv.computer_vision.ex2"
DELETE = object()
"""An override that removes a variable from the notebook."""


def incorrect(body: str) -> str:
    return f"Incorrect: {body}"


@functools.lru_cache(maxsize=1)
def lesson() -> dict[str, Any]:
    """The namespace the exercise's setup cells leave behind (the car picture, as a batch of one)."""
    ns: dict[str, Any] = {"__name__": "__main__"}
    exec(ex2.SETUP_CODE, ns)
    return ns


def notebook_maps(image: Any, kernel: Any) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
    """(kernel, image_filter, image_detect) as the notebook's cells after question 1 make them."""
    stacked = tf.cast(tf.reshape(kernel, [3, 3, 1, 1]), dtype=tf.float32)
    image_filter = tf.nn.conv2d(input=image, filters=stacked, strides=1, padding="SAME")
    return stacked, image_filter, tf.nn.relu(image_filter)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No events file, and a fresh session (nothing bound, no earlier events) for each test."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


def _snapshot(value: Any) -> Any:
    kind = type(value)  # not isinstance: a learner's value may lie about its class
    if issubclass(kind, np.ndarray):
        return value.copy()
    if issubclass(kind, tf.Variable):
        return value.numpy().copy()
    if kind in (list, dict):
        return copy.deepcopy(value)
    return None


def _assert_unchanged(value: Any, before: Any, name: str) -> None:
    kind = type(value)
    if issubclass(kind, np.ndarray):
        assert (value.dtype, value.shape) == (before.dtype, before.shape), name
        np.testing.assert_array_equal(value, before, err_msg=name)
    elif issubclass(kind, tf.Variable):
        np.testing.assert_array_equal(value.numpy(), before, err_msg=name)
    elif kind in (list, dict):
        assert value == before, name


@dataclass
class Notebook:
    """A bound notebook namespace, as a learner's notebook has it."""

    ns: dict[str, Any]
    capsys: pytest.CaptureFixture[str]
    exercise: ModuleType = ex2

    def check(self, question: str) -> Outcome:
        """The question's outcome. Also runs the learner's `check()` and asserts what every check must do:
        print exactly the plain message, change nothing in the namespace, never fail as a checker, and judge
        the same way twice."""
        view = getattr(self.exercise, question)
        keys, objects = list(self.ns), dict(self.ns)
        copies = {k: _snapshot(v) for k, v in self.ns.items() if not k.startswith("__")}
        outcome = view.evaluate()
        self.capsys.readouterr()
        view.check()
        printed = self.capsys.readouterr()
        assert (printed.out, printed.err) == (outcome.message + "\n", "")
        assert list(self.ns) == keys
        for key in keys:
            assert self.ns[key] is objects[key], key
            if key in copies:
                _assert_unchanged(self.ns[key], copies[key], key)
        assert outcome.status is not Status.CHECKER_ERROR, outcome.message
        assert view.evaluate() == outcome
        return outcome


def bind(capsys: pytest.CaptureFixture[str], code: str = "", **variables: Any) -> Notebook:
    """A fresh notebook: the lesson's setup, then the learner's `code` run in it, then `variables` (DELETE
    removes one), bound as a setup cell binds it."""
    ns: dict[str, Any] = {"__name__": "__main__", **lesson()}
    exec("from learntools_cv.computer_vision.ex2 import *", ns)
    if code:
        exec(code, ns)
    for name, value in variables.items():
        if value is DELETE:
            ns.pop(name, None)
        else:
            ns[name] = value
    binder.bind(ns)
    return Notebook(ns, capsys)
