"""The Computer Vision course: every lesson in one shape, its learner-facing module, and its three notebooks
executed in a real Jupyter kernel as a learner runs them.

The lessons are found from the files, not from a list: each `solutions/exN_<name>.ipynb` is lesson N, whose
questions live in `learntools_cv/lessons/<name>/` and are bound by `learntools_cv.computer_vision.exN`.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import learntools_cv
from learntools_cv.authoring.selfcheck import check_questions, format_report
from learntools_cv.core import MultipartProblem, Session
from learntools_cv.running.runner import run_notebook

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(learntools_cv.__file__).resolve().parent
LESSONS = sorted(
    (int(m.group(1)), m.group(2))
    for path in (ROOT / "solutions").glob("ex*_*.ipynb")
    if (m := re.fullmatch(r"ex(\d+)_(\w+)\.ipynb", path.name))
)
IDS = [f"ex{number}" for number, _ in LESSONS]


def test_the_course_has_its_lessons() -> None:
    assert [number for number, _ in LESSONS] == sorted({number for number, _ in LESSONS})
    assert (3, "maximum_pooling") in LESSONS


def face(number: int):
    return importlib.import_module(f"learntools_cv.computer_vision.ex{number}")


def kinds(number: int) -> dict[str, str]:
    """Each question of lesson `number` and its kind ('coding', 'thought experiment', ...), bonus included."""
    return {name: view.kind for name, view in Session().questions(face(number)).items()}


@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_every_lesson_has_the_same_shape(number: int, name: str) -> None:
    lesson = PACKAGE / "lessons" / name
    assert (lesson / "__init__.py").is_file() and (lesson / "exercise.py").is_file()
    exercise = importlib.import_module(f"learntools_cv.lessons.{name}.exercise")
    assert face(number).QUESTIONS is exercise.QUESTIONS and face(number).SETUP_CODE is exercise.SETUP_CODE
    assert (ROOT / "exercises" / f"ex{number}_{name}.ipynb").is_file()
    assert (ROOT / "exercises" / f"tut{number}_{name}.ipynb").is_file()


@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_the_star_import_binds_every_question(number: int, name: str) -> None:
    namespace: dict = {}
    with Session().activated():
        exec(
            "from learntools_cv.core import binder\nbinder.bind(globals())\n"
            f"from learntools_cv.computer_vision.ex{number} import *\n",
            namespace,
        )
    bound = sorted(n for n in namespace if n.startswith("q_"))
    assert bound == sorted(f"q_{i}" for i in range(1, len(face(number).QUESTIONS) + 1))
    first = namespace["q_1"]
    if isinstance(first, MultipartProblem):  # Kaggle's numbering has parts: q_1.a, q_1.b
        first = first.parts["a"]
    assert first.exercise == f"learntools_cv.computer_vision.ex{number}"


@pytest.mark.slow
@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_the_self_check_passes(number: int, name: str) -> None:
    report = check_questions(f"learntools_cv.computer_vision.ex{number}")
    assert report.ok, format_report(report)


def statuses(report) -> dict[str, str]:
    return {q.name: q.status for q in report.questions}


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_the_solution_notebook_is_all_correct(number: int, name: str) -> None:
    report = run_notebook(ROOT / "solutions" / f"ex{number}_{name}.ipynb", timeout=600)
    assert report.errors == ()
    # Coding questions are Correct; thought experiments are completed by viewing their solutions.
    expected = {q: "solution" if kind == "thought experiment" else "correct" for q, kind in kinds(number).items()}
    assert statuses(report) == expected


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_the_learner_notebook_runs_to_the_end_not_attempted(number: int, name: str) -> None:
    report = run_notebook(ROOT / "exercises" / f"ex{number}_{name}.ipynb", timeout=600)
    assert report.errors == ()
    coding = [q for q, kind in kinds(number).items() if kind != "thought experiment"]
    assert statuses(report) == {q: "not_attempted" for q in coding}


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_the_tutorial_runs_clean(number: int, name: str) -> None:
    report = run_notebook(ROOT / "exercises" / f"tut{number}_{name}.ipynb", timeout=600)
    assert report.errors == ()
    assert report.cells_run > 0


@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_the_lesson_has_a_page_naming_every_mistake_it_declares(number: int, name: str) -> None:
    """docs/lessons/exN_<name>.md tells authors and teachers what the lesson checks: it names the id of every
    mistake its questions declare (the ids the gradebook counts and the report shows)."""
    page = ROOT / "docs" / "lessons" / f"ex{number}_{name}.md"
    assert page.is_file(), f"lesson {number} has no page {page.relative_to(ROOT)}"
    text = page.read_text(encoding="utf-8")
    declared = {
        mistake.id
        for view in Session().questions(face(number)).values()
        for mistake in (getattr(view.question, "_mistakes", None) or view.question.mistakes or ())
        if getattr(mistake, "id", None)
    }
    assert declared, f"lesson {number} declares no mistakes"
    missing = sorted(i for i in declared if not re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))
    assert not missing, f"{page.name} does not name {missing}: `python tools/mistake_table.py` lists them"


def test_every_link_of_the_readme_and_the_docs_leads_to_a_file() -> None:
    """The README's course table and the docs link pages by relative path: each must exist."""
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if "://" in target or target.startswith("mailto:"):
                continue
            assert (page.parent / target).exists(), f"{page.relative_to(ROOT)} links {target}, which does not exist"


# ---- every lesson's mistakes carry ids (what graders and class reports count) --------------------------------


def _incorrect_calls(path: Path) -> list[int]:
    """The lines of `Incorrect(...)` calls in `path` that give no `mistake=`."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Incorrect"
            and not any(k.arg == "mistake" for k in node.keywords)]


@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_every_incorrect_a_lesson_raises_names_its_mistake(number: int, name: str) -> None:
    lesson = PACKAGE / "lessons" / name
    without = {str(p.relative_to(lesson)): lines for p in sorted(lesson.rglob("*.py"))
               if (lines := _incorrect_calls(p))}
    assert without == {}, f"Incorrect(...) without mistake= in lesson {number}: {without}"


@pytest.mark.parametrize(("number", "name"), LESSONS, ids=IDS)
def test_every_declared_mistake_has_an_id_and_each_slip_its_own(number: int, name: str) -> None:
    """One id may be declared by several codes that show the same slip; two ids never share their words; a
    question with nothing to check declares no mistakes."""
    for question, view in Session().questions(face(number)).items():
        declared = list(view.question.mistakes or ())
        if not view.question.checks_anything:
            assert declared == [], f"lesson {number}'s {question} checks nothing but declares mistakes"
        assert all(m.id for m in declared), f"lesson {number}'s {question} declares a mistake without an id"
        says = [(m.says, m.id) for m in declared]
        words = {}
        for said, mistake in says:
            assert words.setdefault(said, mistake) == mistake, (number, question, said)
