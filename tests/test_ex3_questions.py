"""ex3 q_2 (translation invariance) and q_3 (global average pooling): questions to think through. There is
nothing to check; each has a hint and a solution, and viewing the solution completes the question."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import tensorflow as tf

from learntools_cv.core import Session, Status, progress
from learntools_cv.core.record import EVENTS_ENV, QuestionProgress

EXERCISE = "learntools_cv.ex3"


@pytest.fixture(scope="module")
def setup_vars() -> dict[str, Any]:
    """The lesson's setup variables for a small seeded image."""
    image = tf.constant(np.random.default_rng(0).random((1, 64, 48, 1), dtype=np.float32))
    kernel = tf.reshape(tf.constant([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype=tf.float32), [3, 3, 1, 1])
    image_filter = tf.nn.conv2d(input=image, filters=kernel, strides=1, padding="VALID")
    image_detect = tf.nn.relu(image_filter)
    return {"image": image, "kernel": kernel, "image_filter": image_filter, "image_detect": image_detect}


@pytest.fixture
def ex3(setup_vars: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The exercise, with a fresh notebook namespace bound, no earlier events and no events file."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    module = importlib.import_module(EXERCISE)
    with Session({"__name__": "__main__", **setup_vars}).activated() as session:
        session.questions(module)  # known to this session's progress()
        yield module


def row(question: str) -> QuestionProgress:
    (found,) = [r for r in progress(EXERCISE).rows if r.question == question]
    return found


HINTS = {
    "q_2": "Hint: Each pooling step keeps only the largest value of every 2x2 block. If a feature moves by one "
    "pixel but stays inside the same block, what changes in the pooled map?",
    "q_3": "Hint: Global average pooling turns each feature map into one number. If a map detects, say, wheels, "
    "what would a large average tell the classifier?",
}
SOLUTIONS = {
    # The plain text drops the markdown emphasis of *that* and *exactly where*.
    "q_2": "Solution: Repeated max pooling keeps that a feature is present in a neighbourhood and forgets "
    "exactly where. A shift of a pixel or two usually stays inside the same pooling blocks, so after a few "
    "poolings the shifted and unshifted images give the same condensed map: the small translations have "
    "disappeared. This is the translation invariance that pooling builds into a convnet, and it only covers "
    "small distances: features far apart stay apart.",
    "q_3": "Solution: Each feature map of the convolutional base responds to one kind of visual pattern. "
    "Averaging a whole map gives one number per pattern: a score that is high when the pattern shows up a lot "
    "in the image and low when it is absent. The head then only has to learn which scores go with which class "
    "(for example, strong long straight edges for a truck's box, round shapes for a car's wheels), which is a "
    "much smaller problem than mapping every activation to a class, and it needs far fewer weights than a "
    "`Flatten` followed by `Dense` layers.",
}


@pytest.mark.parametrize("name", ["q_2", "q_3"])
def test_check_says_there_is_nothing_to_check(
    name: str, ex3: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    question = getattr(ex3, name)
    outcome = question.evaluate()
    assert outcome.status is Status.UNCHECKABLE
    assert outcome.message == (
        f"Nothing to check: Think it through, then run `{name}.solution()` to "
        "compare with your answer."
    )
    question.check()
    assert capsys.readouterr().out == outcome.message + "\n"
    assert question.kind == "thought experiment"


@pytest.mark.parametrize("name", ["q_2", "q_3"])
def test_hint_and_solution(name: str, ex3: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    question = getattr(ex3, name)
    hint = question.hint_outcome()
    assert hint.status is Status.HINT
    assert hint.first_line == hint.message == HINTS[name]
    solution = question.solution_outcome()
    assert solution.status is Status.SOLUTION
    assert solution.first_line == solution.message == SOLUTIONS[name]
    question.hint()
    question.solution()
    assert capsys.readouterr().out == hint.message + "\n" + solution.message + "\n"


def test_viewing_q_2s_solution_completes_it(ex3: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert [r.question for r in progress(EXERCISE).rows][:3] == ["q_1", "q_2", "q_3"]
    assert not row("q_2").done
    ex3.q_2.check()
    ex3.q_2.hint()
    assert not row("q_2").done  # neither checking nor a hint completes a thought experiment
    assert row("q_2").checks == 1 and row("q_2").last_status is Status.UNCHECKABLE
    ex3.q_2.solution()
    assert row("q_2").done and row("q_2").state == "done"
    assert not row("q_3").done and not row("q_1").done
    assert sum(r.done for r in progress(EXERCISE).rows) == 1
    capsys.readouterr()
