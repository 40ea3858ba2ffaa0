"""Which exercise a notebook answers: the first module its cells star-import from learntools_cv that binds
questions, decided from the module's own source, never from a list of names and never by importing it."""

from __future__ import annotations

import sys

import pytest

from learntools_cv.grading.submissions import CodeCell, exercise_of, is_exercise


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("learntools_cv.computer_vision.ex3", True),
        ("learntools_cv.ex3", True),
        ("learntools_cv.visiontools", False),
        ("learntools_cv.data", False),
        ("learntools_cv.core", False),
        ("learntools_cv.lessons.maximum_pooling.exercise", False),  # the questions, bound by a face
        ("learntools_cv.no_such_module", False),
        ("learntools_cv.__main__", False),
    ],
)
def test_an_exercise_is_a_module_that_binds_questions(module: str, expected: bool) -> None:
    assert is_exercise(module) is expected


def test_deciding_never_imports_the_module() -> None:
    sys.modules.pop("learntools_cv.computer_vision.ex3", None)
    assert is_exercise.__wrapped__("learntools_cv.computer_vision.ex3")
    assert "learntools_cv.computer_vision.ex3" not in sys.modules


def cells(*sources: str) -> tuple[CodeCell, ...]:
    return tuple(CodeCell(index=i, source=source) for i, source in enumerate(sources))


def test_the_setup_cell_names_the_exercise_among_other_imports() -> None:
    found = exercise_of(cells(
        "from learntools_cv import visiontools\nfrom learntools_cv.data import image_path\n"
        "from learntools_cv.visiontools import *",
        "from learntools_cv.core import binder\nbinder.bind(globals())\nfrom learntools_cv.computer_vision.ex3 import *",
    ))
    assert found == "learntools_cv.computer_vision.ex3"


def test_a_notebook_that_imports_no_exercise_has_none() -> None:
    assert exercise_of(cells("from learntools_cv.core import *", "import learntools_cv.computer_vision.ex3")) is None
