"""`learntools-cv new NAME`: the scaffold of a new exercise, its refusals, and an end-to-end run of what it
makes (its tests, the build and the self-check) in a stand-in for an author's checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import learntools_cv
from learntools_cv.authoring.build import build_notebook, dumps
from learntools_cv.authoring.scaffold import ScaffoldError, next_number, render, scaffold, target_paths
from learntools_cv.cli import main

PACKAGE = Path(learntools_cv.__file__).resolve().parent
REPO = PACKAGE.parent
# What `new pooling_2` writes in a checkout that has no lesson yet: lesson 1 of the course.
FILES = [
    "learntools_cv/lessons/pooling_2/__init__.py",
    "learntools_cv/lessons/pooling_2/exercise.py",
    "learntools_cv/lessons/pooling_2/data/__init__.py",
    "learntools_cv/computer_vision/ex1.py",
    "solutions/ex1_pooling_2.ipynb",
    "exercises/ex1_pooling_2.ipynb",
    "tests/test_ex1_pooling_2.py",
    "docs/lessons/ex1_pooling_2.md",
]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The smallest folder `new` accepts as a checkout: it has learntools_cv/__init__.py."""
    (tmp_path / "learntools_cv").mkdir()
    (tmp_path / "learntools_cv" / "__init__.py").write_text("")
    return tmp_path


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- what it writes ------------------------------------------------------------------------------------------


def test_target_paths() -> None:
    assert list(target_paths("pooling_2")) == FILES
    assert list(target_paths("pooling_2", number=7))[3:5] == [
        "learntools_cv/computer_vision/ex7.py", "solutions/ex7_pooling_2.ipynb"
    ]


def test_render_gives_a_lesson_its_face_two_notebooks_and_tests() -> None:
    files = render("pooling_2")
    assert list(files) == FILES
    for path in FILES:
        if path.endswith(".py"):
            compile(files[path], path, "exec")
    assert "{{" not in "".join(files.values())
    module = files["learntools_cv/lessons/pooling_2/exercise.py"]
    assert "SETUP_CODE = " in module
    assert "class PooledSize(Question):" in module
    assert "    def check(self, pooled_size: Any) -> None:" in module
    assert "class RowMaxima(Question):" in module
    assert "    def check(self, row_max: Any, feature_map: Any) -> None:" in module
    assert "inspect_array(answer, " in module
    assert "Mistake(" in module
    assert module.endswith("QUESTIONS = [PooledSize, RowMaxima]\n")  # the face binds them, not the lesson
    face = files["learntools_cv/computer_vision/ex1.py"]
    assert "from learntools_cv.lessons.pooling_2.exercise import QUESTIONS, SETUP_CODE" in face
    assert 'qvars = bind_exercises(globals(), QUESTIONS, var_format="q_{n}")' in face
    assert "def data_path(filename: str) -> Path:" in files["learntools_cv/lessons/pooling_2/data/__init__.py"]
    assert 'MODULE = "learntools_cv.computer_vision.ex1"' in files["tests/test_ex1_pooling_2.py"]


def test_the_solution_notebook_binds_and_checks() -> None:
    solution = nbformat.reads(render("pooling_2")["solutions/ex1_pooling_2.ipynb"], as_version=4)
    nbformat.validate(solution)
    sources = [cell.source for cell in solution.cells if cell.cell_type == "code"]
    assert "binder.bind(globals())\nfrom learntools_cv.computer_vision.ex1 import *" in sources[0]
    assert "# BEGIN SOLUTION\npooled_size = 4\n# END SOLUTION\n\n# Check your answer\nq_1.check()" in sources
    assert "q_1.hint()\nq_1.solution()" in sources[3]


def test_the_learner_notebook_is_a_fresh_build() -> None:
    files = render("pooling_2")
    solution = nbformat.reads(files["solutions/ex1_pooling_2.ipynb"], as_version=4)
    assert files["exercises/ex1_pooling_2.ipynb"] == dumps(build_notebook(solution))
    learner = nbformat.reads(files["exercises/ex1_pooling_2.ipynb"], as_version=4)
    sources = [cell.source for cell in learner.cells if cell.cell_type == "code"]
    assert "pooled_size = ____\n\n# Check your answer\nq_1.check()" in sources
    assert "#q_1.hint()\n#q_1.solution()" in sources[3]


def test_scaffold_writes_the_files(root: Path) -> None:
    assert scaffold("pooling_2", root) == FILES
    written = tree(root)
    assert {path: written[path].decode() for path in FILES} == render("pooling_2")


def test_the_next_lesson_takes_the_next_free_number(root: Path) -> None:
    (root / "learntools_cv" / "computer_vision").mkdir()
    for face in ("ex1.py", "ex3.py", "ex10.py", "ex2_notes.py", "visiontools.py"):
        (root / "learntools_cv" / "computer_vision" / face).write_text("")
    assert scaffold("pooling_2", root)[3:5] == ["learntools_cv/computer_vision/ex11.py", "solutions/ex11_pooling_2.ipynb"]


def test_cli_new(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "pooling_2", "--dir", str(root)]) == 0
    assert capsys.readouterr() == (
        "".join(f"wrote {root / path}\n" for path in FILES)
        + "next: run `python -m pytest tests/test_ex1_pooling_2.py` and `learntools-cv check-questions "
        "learntools_cv.computer_vision.ex1`, then make the questions your own (docs/authoring.md)\n",
        "",
    )


def test_cli_new_writes_in_the_current_directory_by_default(
    root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(root)
    assert main(["new", "pooling_2", "--number", "4"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "wrote learntools_cv/lessons/pooling_2/__init__.py"
    assert (root / "tests" / "test_ex4_pooling_2.py").is_file()


# ---- what it refuses -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["my-exercise", "4ex", "", "ex 4", "ex4.py", "learntools_cv.ex4"])
def test_refuses_a_name_that_is_not_an_identifier(root: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(root)
    assert main(["new", name, "--dir", str(root)]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: {name!r} is not a valid exercise name: use a Python identifier such as ex4 "
        "(letters, digits and underscores, not starting with a digit)\n",
    )
    assert tree(root) == before


@pytest.mark.parametrize("name", ["class", "None", "lambda"])
def test_refuses_a_keyword(root: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(root)
    assert main(["new", name, "--dir", str(root)]) == 2
    assert capsys.readouterr() == (
        "", f"error: {name!r} is a Python keyword, so it cannot name a module; choose another name such as ex4\n"
    )
    assert tree(root) == before


@pytest.mark.parametrize("existing", FILES[3:])
def test_refuses_to_overwrite_any_file(root: Path, existing: str, capsys: pytest.CaptureFixture[str]) -> None:
    (root / existing).parent.mkdir(parents=True, exist_ok=True)
    (root / existing).write_text("mine")
    before = tree(root)
    assert main(["new", "pooling_2", "--number", "1", "--dir", str(root)]) == 2
    assert capsys.readouterr() == (
        "", f"error: {existing} already exists; nothing was written. Choose another name, or delete it first\n"
    )
    assert tree(root) == before


def test_refuses_and_lists_every_existing_file(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in ("learntools_cv/lessons/pooling_2/exercise.py", "tests/test_ex1_pooling_2.py"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("mine")
    before = tree(root)
    assert main(["new", "pooling_2", "--dir", str(root)]) == 2
    assert capsys.readouterr() == (
        "",
        "error: learntools_cv/lessons/pooling_2/, tests/test_ex1_pooling_2.py already exist; nothing was written. "
        "Choose another name, or delete them first\n",
    )
    assert tree(root) == before


def test_refuses_the_name_of_a_lesson(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "learntools_cv" / "lessons" / "core").mkdir(parents=True)
    assert main(["new", "core", "--dir", str(root)]) == 2
    assert capsys.readouterr().err == (
        "error: learntools_cv/lessons/core/ already exists; nothing was written. Choose another name, or delete "
        "it first\n"
    )


def test_refuses_a_lesson_number_below_one(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "pooling_2", "--number", "0", "--dir", str(root)]) == 2
    assert capsys.readouterr().err == "error: --number must be a lesson number, 1 or more; got 0\n"
    assert tree(root) == {"learntools_cv/__init__.py": b""}


@pytest.mark.parametrize(("name", "number"), [("maximum_pooling", None), ("pooling_2", 3)])
def test_refuses_a_lesson_or_a_number_the_real_package_has(name: str, number: int | None) -> None:
    with pytest.raises(ScaffoldError, match="already exists"):
        scaffold(name, REPO, number)


def test_refuses_a_folder_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing"
    assert main(["new", "ex9", "--dir", str(target)]) == 2
    assert capsys.readouterr() == (
        "", f"error: {target} is not a folder; create it first, or pass --dir with an existing folder\n"
    )
    assert tree(tmp_path) == {}


COURSE_FILES = ["ex9.py", "solutions/ex9.ipynb", "exercises/ex9.ipynb", "tests/test_ex9.py", "conftest.py"]


def test_in_a_course_folder_the_module_sits_in_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "ex9", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:5] == [f"wrote {tmp_path / path}" for path in COURSE_FILES]
    assert out[5] == (
        "next: run `python -m pytest tests/test_ex9.py` and `learntools-cv check-questions ex9`, then make the "
        "questions your own (docs/authoring.md)"
    )
    assert sorted(tree(tmp_path)) == sorted(COURSE_FILES)
    solution = nbformat.reads((tmp_path / "solutions" / "ex9.ipynb").read_text(encoding="utf-8"), as_version=4)
    assert solution.cells[1].source.endswith(
        "import sys\nsys.path.insert(0, '..')  # the course folder, where the exercise module is\n"
        "from learntools_cv.core import binder\nbinder.bind(globals())\nfrom ex9 import *"
    )
    assert 'MODULE = "ex9"' in (tmp_path / "tests" / "test_ex9.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["numpy", "json", "learntools_cv"])
def test_in_a_course_folder_refuses_the_name_of_an_importable_module(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", name, "--dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: {name!r} is already the name of an importable module; choose another name such as ex4\n"
    )
    assert tree(tmp_path) == {}


def test_a_failed_write_leaves_nothing_behind(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "tests").write_text("a file where the tests folder should be")
    before = tree(root)
    assert main(["new", "ex9", "--dir", str(root)]) == 2
    assert capsys.readouterr().err == f"error: cannot write {root / 'tests'}: File exists; nothing was written\n"
    assert tree(root) == before


# ---- end to end, in a stand-in for an author's checkout ------------------------------------------------------


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A checkout as an author has it: the learntools_cv package (its entries linked to this one's, the
    lessons and the course's faces one level deeper, so that a new lesson and its face are added next to
    them and never into this checkout) and the repository's pytest settings. Commands run with the checkout
    first on PYTHONPATH, as an editable install puts it."""
    root = tmp_path / "repo"

    def link(source: Path, target: Path) -> None:
        target.mkdir(parents=True)
        for entry in source.iterdir():
            if entry.name == "__pycache__":
                continue
            if entry.name in ("lessons", "computer_vision") and source == PACKAGE:
                link(entry, target / entry.name)
            else:
                (target / entry.name).symlink_to(entry)

    link(PACKAGE, root / "learntools_cv")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def run(checkout: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    env.pop("LEARNTOOLS_CV_EVENTS", None)
    return subprocess.run(
        [sys.executable, *argv], cwd=checkout, env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.slow
def test_a_new_exercise_works_out_of_the_box(checkout: Path) -> None:
    made = run(checkout, "-m", "learntools_cv", "new", "pooling_2")
    assert (made.returncode, made.stderr) == (0, "")
    number = next_number(REPO)
    files = list(target_paths("pooling_2", number=number))
    assert made.stdout.splitlines()[:8] == [f"wrote {path}" for path in files]
    assert not (PACKAGE / "lessons" / "pooling_2").exists()  # written into the stand-in, not this checkout
    stem = f"ex{number}_pooling_2"

    tests = run(checkout, "-m", "pytest", f"tests/test_{stem}.py", "-q", "-p", "no:cacheprovider")
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert " passed" in tests.stdout and "failed" not in tests.stdout

    learner = (checkout / "exercises" / f"{stem}.ipynb").read_bytes()
    built = run(checkout, "-m", "learntools_cv", "build", f"solutions/{stem}.ipynb")
    assert (built.returncode, built.stdout, built.stderr) == (0, f"wrote exercises/{stem}.ipynb\n", "")
    assert (checkout / "exercises" / f"{stem}.ipynb").read_bytes() == learner
    fresh = run(checkout, "-m", "learntools_cv", "build", f"solutions/{stem}.ipynb", "--check")
    assert (fresh.returncode, fresh.stdout) == (0, f"up to date: exercises/{stem}.ipynb\n")

    module = f"learntools_cv.computer_vision.ex{number}"
    checked = run(checkout, "-m", "learntools_cv", "check-questions", module)
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == "\n".join(
        [
            f"Self-check of {module}",
            "  ok    setup      SETUP_CODE ran",
            "q_1 (PooledSize)",
            "  ok    solution   Correct",
            "  ok    starter    Not attempted: `pooled_size` still holds the placeholder `____`. Replace it wi...",
            "  ok    mistake 1  Incorrect: Pooling with 2x2 windows and stride 2 halves the height and the wid...",
            "  ok    mistake 2  Incorrect: Expected `pooled_size` to be a number, but it is a string (`'4'`).",
            "q_2 (RowMaxima)",
            "  ok    solution   Correct",
            "  ok    starter    Not attempted: `row_max` still holds the placeholder `____`. Replace it with y...",
            "  ok    mistake 1  Incorrect: It looks like you took the largest value of each column (`axis=0`)....",
            "  ok    mistake 2  Incorrect: It looks like you took the smallest value of each row. Use `max`, n...",
            "  ok    mistake 3  Incorrect: `row_max` is a single number (`np.float32(0.9)`), but it should be...",
            "  ok    mistake 4  Incorrect: `row_max` is the function `max` itself, not its result. Call it and...",
            "All 11 checks passed.",
            "",
        ]
    )

    again = run(checkout, "-m", "learntools_cv", "new", "pooling_2", "--number", str(number))
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == (
        f"error: learntools_cv/lessons/pooling_2/, learntools_cv/computer_vision/ex{number}.py, "
        f"solutions/{stem}.ipynb, exercises/{stem}.ipynb, tests/test_{stem}.py, docs/lessons/{stem}.md already exist; "
        "nothing was written. Choose another name, or delete them first\n"
    )


@pytest.mark.notebook
def test_the_new_solution_notebook_runs_correct(checkout: Path) -> None:
    assert run(checkout, "-m", "learntools_cv", "new", "pooling_2").returncode == 0
    ran = run(checkout, "-m", "learntools_cv", "run", f"solutions/ex{next_number(REPO)}_pooling_2.ipynb")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.splitlines()[1:] == ["q_1  Correct", "q_2  Correct", "No cell raised."]


def test_without_nbformat_it_says_what_to_install(root: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['nbformat'] = None  # as if the notebooks extra were not installed\n"
        "from learntools_cv.cli import main\n"
        f"sys.exit(main(['new', 'pooling_2', '--dir', {str(root)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "error: learntools-cv new builds the learner notebook, which needs nbformat: "
        "pip install 'learntools_cv[notebooks]'\n"
    )
    assert tree(root) == {"learntools_cv/__init__.py": b""}


# ---- the authors' guide ----------------------------------------------------------------------------------------


def test_the_authors_guide_is_linked_and_complete() -> None:
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "(docs/authoring.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "(markers.md)" in guide
    for heading in (
        "## Ten minutes: the pooling question, step by step",
        "## The question model",
        "## Declaring mistakes",
        "## Solution-notebook markers",
        "## Build and self-check",
        "## Testing helpers (`learntools_cv.authoring.testing`)",
        "## Porting a learntools exercise module",
    ):
        assert f"\n{heading}\n" in guide


def test_public_names_are_listed_once_and_sorted() -> None:
    import learntools_cv.authoring.scaffold as scaffold_module

    assert scaffold_module.__all__ == sorted(set(scaffold_module.__all__))
    assert all(hasattr(scaffold_module, name) for name in scaffold_module.__all__)


# ---- end to end, in a course author's own folder, with learntools_cv installed from a wheel ----------------


def site_folders() -> list[str]:
    """The folders this interpreter imports installed packages from. In a venv, `venv --system-site-packages`
    would give the base interpreter's instead, so a new venv is pointed at these by a .pth file. Their own .pth
    files are not read: this environment's editable learntools_cv stays out of the new venv."""
    import site

    user = [site.getusersitepackages()] if site.ENABLE_USER_SITE else []
    return [folder for folder in [*site.getsitepackages(), *user] if os.path.isdir(folder)]


@pytest.mark.slow
def test_new_in_a_course_folder_with_learntools_cv_from_a_wheel(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LEARNTOOLS_CV_EVENTS")}

    def sh(*argv: str | Path, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=600, check=False)
        assert done.returncode == 0, f"{argv}:\n{done.stdout}\n{done.stderr}"
        return done

    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", tmp_path / "dist", REPO)
    (wheel,) = (tmp_path / "dist").glob("learntools_cv-*.whl")
    # The venv sees this environment's TensorFlow and friends, but its own copy of learntools_cv, from the wheel.
    sh(sys.executable, "-m", "venv", tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    (own,) = (tmp_path / "venv" / "lib").glob("python3*/site-packages")
    (own / "this_environment.pth").write_text("".join(f"{folder}\n" for folder in site_folders()))
    sh(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    course = tmp_path / "course"
    course.mkdir()
    where = sh(python, "-c", "import learntools_cv; print(learntools_cv.__file__)", cwd=course).stdout.strip()
    assert where.startswith(str(tmp_path / "venv")), where

    made = sh(tmp_path / "venv" / "bin" / "learntools-cv", "new", "demo", cwd=course)
    assert made.stdout.splitlines()[:5] == [
        "wrote demo.py", "wrote solutions/demo.ipynb", "wrote exercises/demo.ipynb", "wrote tests/test_demo.py",
        "wrote conftest.py",
    ]
    tests = sh(python, "-m", "pytest", "tests/test_demo.py", "-q", "-p", "no:cacheprovider", cwd=course)
    assert " passed" in tests.stdout and "failed" not in tests.stdout
    checked = sh(tmp_path / "venv" / "bin" / "learntools-cv", "check-questions", "demo", cwd=course)
    assert checked.stdout.splitlines()[0] == "Self-check of demo"
    assert checked.stdout.endswith("All 11 checks passed.\n")
