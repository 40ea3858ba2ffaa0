"""Every diagnosis of lesson 6 names its mistake with a stable id (what graders and class reports count): no
`Incorrect(...)` in the lesson's diagnosis lacks one, every declared mistake has one, and within a question the
ids of different slips differ, so that a class report never merges two slips into one bar."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import learntools_cv.computer_vision.ex6 as ex6
from learntools_cv.lessons.data_augmentation import diagnosis, exercise

QUESTIONS = [name for name in ex6.__all__ if name.startswith("q_")]


def incorrect_calls(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text())
    return [
        node for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Incorrect"
    ]


@pytest.mark.parametrize("path", sorted(Path(diagnosis.__file__).parent.glob("*.py")), ids=lambda p: p.name)
def test_every_incorrect_in_the_diagnosis_carries_a_mistake_id(path: Path) -> None:
    without = [call.lineno for call in incorrect_calls(path) if not any(k.arg == "mistake" for k in call.keywords)]
    assert without == [], f"{path.name}: Incorrect(...) without mistake= at lines {without}"


def test_the_exercise_module_raises_no_unnamed_incorrect() -> None:
    assert incorrect_calls(Path(exercise.__file__)) == []


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_declared_mistake_has_an_id_and_each_slip_its_own(question: str) -> None:
    declared = getattr(ex6, question).question.mistakes
    assert all(m.id for m in declared)
    by_words: dict[str, set[str]] = {}
    for m in declared:
        by_words.setdefault(m.id, set()).add(m.says)
    # One id may be declared by several codes that show the same slip; two ids never share their words.
    says = [s for ids in by_words.values() for s in ids]
    assert len(says) == len(set(says))


def test_the_thought_experiments_declare_no_mistakes() -> None:
    assert ex6.q_1.question.mistakes == ex6.q_2.question.mistakes == ex6.q_4.question.mistakes == ()
