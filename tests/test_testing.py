"""Tests for learntools_cv.testing: the self-check, and what each question tells a learner.

Made by `learntools-cv new testing`. Pin the exact words of every message a learner can see, and keep the
self-check green: it runs each CS(...) solution, each starter and each declared Mistake.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from learntools_cv.core import ____
from learntools_cv.authoring.selfcheck import check_questions, format_report
from learntools_cv.authoring.testing import (
    assert_failed,
    assert_not_attempted,
    assert_passed,
    bind_exercise,
    feature_maps,
)

MODULE = "learntools_cv.testing"


def test_self_check() -> None:
    report = check_questions(MODULE)
    assert report.ok, format_report(report)


@pytest.fixture
def ex():
    """The exercise in a fresh notebook namespace, after its SETUP_CODE; the binder is restored afterwards."""
    with bind_exercise(MODULE) as exercise:
        yield exercise


# ---- q_1: pooled size ----


def test_q1_starter_is_not_attempted(ex) -> None:
    ex.set(pooled_size=____)
    assert_not_attempted(ex.q("q_1"))


@pytest.mark.parametrize("answer", [4, 4.0, np.int64(4)])
def test_q1_correct(ex, answer) -> None:
    ex.set(pooled_size=answer)
    assert_passed(ex.q("q_1"))


@pytest.mark.parametrize(
    "answer, message",
    [
        (
            16,
            "Incorrect: Pooling with 2x2 windows and stride 2 halves the height and the width: "
            "a 4x4 map becomes 2x2.",
        ),
        (None, "Incorrect: Expected `pooled_size` to be a number, but it is `None`."),
    ],
)
def test_q1_mistakes(ex, answer, message) -> None:
    ex.set(pooled_size=answer)
    outcome = assert_failed(ex.q("q_1"))
    assert outcome.message == message


# ---- q_2: row maxima ----


def test_q2_starter_is_not_attempted(ex) -> None:
    ex.set(row_max=____)
    assert_not_attempted(ex.q("q_2"))


def test_q2_solution_from_a_list(ex) -> None:
    ex.run("row_max = np.array([max(row) for row in feature_map])")
    assert_passed(ex.q("q_2"))


@pytest.mark.parametrize(
    "code, message",
    [
        (
            "row_max = feature_map.max(axis=0)",
            "Incorrect: It looks like you took the largest value of each column (`axis=0`). Use `axis=1` for rows.",
        ),
        (
            "row_max = feature_map.max(axis=1)[::-1]",
            "Incorrect: `row_max` has the right shape, but its values are off.",
        ),
        (
            "row_max = feature_map",
            "Incorrect: `row_max` has shape `(4, 4)`, but it should hold one value per row of `feature_map`: "
            "shape `(4,)`.",
        ),
    ],
)
def test_q2_mistakes(ex, code, message) -> None:
    ex.run(code)
    assert_failed(ex.q("q_2"), match=message)


@settings(max_examples=50, deadline=None)
@given(feature_maps(min_side=1, max_side=12, channels=None, batch=False))
def test_q2_any_feature_map(feature_map) -> None:
    """A right answer always passes; one that is off by 1 anywhere always fails."""
    with bind_exercise(MODULE, setup=False, feature_map=feature_map) as ex:
        ex.set(row_max=feature_map.max(axis=1))
        assert_passed(ex.q("q_2"))
        wrong = feature_map.max(axis=1)
        wrong[-1] += 1
        ex.set(row_max=wrong)
        assert_failed(ex.q("q_2"))
