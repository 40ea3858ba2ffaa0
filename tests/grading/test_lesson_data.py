"""A lesson's data in grading (`GRADING_DATA`): the fork server makes it once, outside any sandbox, and each
graded notebook sees it read-only at the same path, with the environment variable that names it. Without it,
every lesson-1, 5 and 6 submission drew the 1,800 Car-or-Truck pictures again inside its sandbox (17 s each).
Through the real sandbox: an exercise module written here, whose question reads what the notebook saw."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import learntools_cv
from learntools_cv.grading import Limits, grade_notebook
from learntools_cv.grading.judge import CORRECT, COULD_NOT_GRADE, ExerciseError, lesson_data, lesson_data_makers

from .conftest import notebook_json

EXERCISE = f"learntools_cv.lesson_data_test_{os.getpid()}"
MALFORMED = f"learntools_cv.lesson_data_malformed_test_{os.getpid()}"

MODULE = '''
"""An exercise for tests/grading/test_lesson_data.py."""
import os

from learntools_cv.core import CS, Incorrect, Question, bind_exercises

MADE_IN = []


def pictures():
    MADE_IN.append(os.getpid())
    return {{"environment": {{"LESSON_PICTURES": {folder!r}}}, "folders": [{folder!r}]}}


GRADING_DATA = (pictures,)


class Seen(Question):
    """q_1: what the notebook found in the lesson's folder, and whether it could write there."""

    solution = CS("seen = open(os.path.join(os.environ['LESSON_PICTURES'], 'labels.txt')).read()")

    def check(self, seen, wrote):
        if seen != "car truck":
            raise Incorrect(f"the notebook read {{seen!r}}")
        if wrote != "refused":
            raise Incorrect(f"the notebook could write into the lesson's folder: {{wrote!r}}")


QUESTIONS = [Seen]
qvars = bind_exercises(globals(), QUESTIONS, var_format="q_{{n}}")
__all__ = list(qvars)
'''

NOTEBOOK = [
    f"import os\nfrom {EXERCISE} import *",
    "seen = open(os.path.join(os.environ['LESSON_PICTURES'], 'labels.txt')).read()",
    "try:\n    open(os.path.join(os.environ['LESSON_PICTURES'], 'mine.txt'), 'w').write('x')\n    wrote = 'yes'\n"
    "except OSError:\n    wrote = 'refused'",
]


def _module(name: str, text: str) -> Path:
    path = Path(learntools_cv.__file__).parent / f"{name.rsplit('.', 1)[1]}.py"
    path.write_text(text)
    importlib.invalidate_caches()
    return path


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("lesson-pictures")
    (folder / "labels.txt").write_text("car truck")
    folder.chmod(0o755)
    (folder / "labels.txt").chmod(0o644)
    path = _module(EXERCISE, MODULE.format(folder=str(folder)))
    try:
        yield EXERCISE, folder
    finally:
        path.unlink()
        sys.modules.pop(EXERCISE, None)


def test_the_lessons_folder_is_seen_read_only_with_its_variable(lesson: tuple[str, Path], tmp_path: Path) -> None:
    exercise, folder = lesson
    notebook = tmp_path / "ada.ipynb"
    notebook.write_text(notebook_json(NOTEBOOK))
    report = grade_notebook(notebook, exercise=exercise, limits=Limits(cell_timeout=20))
    assert report.status == "graded", report.reason
    assert [(r.question, r.status, r.message) for r in report.rows] == [("q_1", CORRECT, "Correct")]
    assert sorted(p.name for p in folder.iterdir()) == ["labels.txt"]  # the notebook wrote nothing there


def test_the_data_is_made_in_the_fork_server_not_in_the_grader(lesson: tuple[str, Path]) -> None:
    exercise, folder = lesson
    assert lesson_data(exercise) == ({"LESSON_PICTURES": str(folder)}, [str(folder)])
    module = importlib.import_module(exercise)
    assert module.MADE_IN == [os.getpid()]  # only this direct call ran it in this process


@pytest.mark.parametrize(("given", "fix"), [
    ("GRADING_DATA = 'pictures'", "must be a tuple of functions such as (car_or_truck.for_grading,), not the str "
                                  "'pictures': fix it in the exercise module."),
    ("GRADING_DATA = (lambda: {'folders': ['relative/path']},)",
     "must return {'environment': {NAME: VALUE}, 'folders': [an existing absolute folder, ...]}: fix it in the "
     "exercise module."),
])
def test_a_malformed_grading_data_names_the_authors_fix(given: str, fix: str, tmp_path: Path) -> None:
    text = (f"{given}\nfrom learntools_cv.core import CS, Question, bind_exercises\n"
            "class Q(Question):\n    solution = CS('x = 1')\n    def check(self, x):\n        pass\n"
            "qvars = bind_exercises(globals(), [Q], var_format='q_{n}')\n__all__ = list(qvars)\n")
    path = _module(MALFORMED, text)
    try:
        with pytest.raises(ExerciseError) as raised:
            lesson_data_makers(MALFORMED) if "lambda" not in given else lesson_data(MALFORMED)
        assert str(raised.value).endswith(fix)
        notebook = tmp_path / "bo.ipynb"
        notebook.write_text(notebook_json([f"from {MALFORMED} import *", "x = 1"]))
        report = grade_notebook(notebook, exercise=MALFORMED, limits=Limits(cell_timeout=20))
        if "lambda" not in given:  # checked before grading: the author's fix is the submission's reason
            assert report.status == COULD_NOT_GRADE and report.reason.endswith(fix)
    finally:
        path.unlink()
        sys.modules.pop(MALFORMED, None)


def test_the_car_or_truck_pictures_for_grading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from learntools_cv.vision import car_or_truck

    monkeypatch.setenv(car_or_truck.DATA_ENV, str(tmp_path))
    built = tmp_path / car_or_truck.DEFAULT.folder_name
    built.mkdir(mode=0o700)  # as an earlier version's mkdtemp left it: private to its owner
    (built / car_or_truck.MANIFEST).write_text("{}")
    made = car_or_truck.for_grading()
    assert made == {"environment": {"LEARNTOOLS_CV_DATA": str(tmp_path.resolve())},
                    "folders": [str(built.resolve())]}
    assert built.stat().st_mode & 0o777 == 0o755  # readable by a sandbox's own user
