"""`learntools-cv new NAME`: start a new exercise from working examples, in any folder.

Inside a learntools_cv checkout (the folder holds learntools_cv/__init__.py), NAME is a new lesson of the
Computer Vision course, in the shape every lesson has (docs/architecture.md); N is the next free lesson number
(or `--number N`):

    learntools_cv/lessons/NAME/__init__.py        the lesson's docstring
    learntools_cv/lessons/NAME/exercise.py        SETUP_CODE, two questions and QUESTIONS, their order
    learntools_cv/lessons/NAME/data/__init__.py   the lesson's data files, found by name (they ship as they are)
    learntools_cv/computer_vision/exN.py          the learner-facing module: numbers and binds the questions
    solutions/exN_NAME.ipynb, exercises/exN_NAME.ipynb, tests/test_exN_NAME.py
    docs/lessons/exN_NAME.md                      the lesson's page: its questions and every mistake's id

In a course author's own folder (learntools_cv installed from a wheel or from PyPI), it writes:

    NAME.py                   the exercise module: SETUP_CODE and two questions (`Question` subclasses whose
                              `check` names the variables it reads) with hints, CS(...) solutions and
                              declared Mistakes with their ids
    solutions/NAME.ipynb      the solution notebook (setup cell, one cell per question with solution markers)
    exercises/NAME.ipynb      the learner notebook, built from it (as `learntools-cv build` would)
    tests/test_NAME.py        tests using learntools_cv.authoring.testing and the self-check; they pass as written
    conftest.py               (only if missing) so that pytest finds NAME.py from tests/

Notebooks import the module as `NAME`; their setup cell puts the course folder (one level up) on the path.

Nothing is written unless every file can be: a NAME that is not an identifier, a keyword, a name that an
installed module (or, in a checkout, a lesson) already has, or any target file that already exists stops it
first, with a one-line message.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # nbformat is an optional dependency (the notebooks extra)
    from nbformat import NotebookNode

__all__ = ["ScaffoldError", "check_name", "cli_new", "next_number", "render", "scaffold", "target_paths"]


class ScaffoldError(Exception):
    """The scaffold cannot be written; the message (one line) says why and what to do."""


CONFTEST = """\
# Made by `learntools-cv new`: pytest puts this file's folder on sys.path, so tests import the exercise
# modules that sit here.
"""


def is_checkout(root: str | Path) -> bool:
    """True when `root` is the root of a learntools_cv source checkout."""
    return (Path(root) / "learntools_cv" / "__init__.py").is_file()


def next_number(root: str | Path) -> int:
    """The next free lesson number of the checkout at `root`: one more than its highest `computer_vision/exN.py`."""
    faces = Path(root) / "learntools_cv" / "computer_vision"
    numbers = [int(m.group(1)) for p in faces.glob("ex*.py") if (m := re.fullmatch(r"ex(\d+)\.py", p.name))]
    return max(numbers, default=0) + 1


def target_paths(name: str, checkout: bool = True, number: int = 1) -> dict[str, str]:
    """What `new NAME` writes, relative to the target folder: path -> the template it comes from
    ('' for the learner notebook, which is built from the solution notebook). `checkout` says whether the
    folder is a learntools_cv checkout (a lesson of the course, number `number`) or a course folder."""
    if not checkout:
        return {
            f"{name}.py": "exercise.py.tmpl",
            f"solutions/{name}.ipynb": "solution.ipynb.tmpl",
            f"exercises/{name}.ipynb": "",
            f"tests/test_{name}.py": "test_exercise.py.tmpl",
        }
    lesson, stem = f"learntools_cv/lessons/{name}", f"ex{number}_{name}"
    return {
        f"{lesson}/__init__.py": "lesson_init.py.tmpl",
        f"{lesson}/exercise.py": "exercise.py.tmpl",
        f"{lesson}/data/__init__.py": "lesson_data.py.tmpl",
        f"learntools_cv/computer_vision/ex{number}.py": "face.py.tmpl",
        f"solutions/{stem}.ipynb": "solution.ipynb.tmpl",
        f"exercises/{stem}.ipynb": "",
        f"tests/test_{stem}.py": "test_exercise.py.tmpl",
        f"docs/lessons/{stem}.md": "lesson_page.md.tmpl",
    }


def module_name(name: str, checkout: bool = True, number: int = 1) -> str:
    """The dotted name notebooks and tests import the exercise by."""
    return f"learntools_cv.computer_vision.ex{number}" if checkout else name


def check_name(name: str) -> None:
    """Raise ScaffoldError unless `name` can name a Python module."""
    if not name.isidentifier():
        raise ScaffoldError(
            f"{name!r} is not a valid exercise name: use a Python identifier such as ex4 "
            "(letters, digits and underscores, not starting with a digit)"
        )
    if keyword.iskeyword(name):
        raise ScaffoldError(
            f"{name!r} is a Python keyword, so it cannot name a module; choose another name such as ex4"
        )


def render(name: str, checkout: bool = True, number: int = 1) -> dict[str, str]:
    """The text of every file `new NAME` writes, by path relative to the target folder."""
    from learntools_cv.authoring import build

    check_name(name)
    path_setup = "" if checkout else (
        '\n    "import sys\\n",\n    "sys.path.insert(0, \'..\')  # the course folder, where the exercise module is\\n",'
    )
    # A course folder's module binds its own questions; a lesson's are bound by its learner-facing module.
    binding = "" if checkout else _template("binding.py.tmpl")
    fields = {
        "{{module}}": module_name(name, checkout, number),
        "{{lesson}}": f"learntools_cv.lessons.{name}",
        "{{number}}": str(number),
        "{{path_setup}}": path_setup,
        "{{binding}}": binding,
        "{{bind_import}}": "" if checkout else "bind_exercises, ",
        "{{stem}}": f"ex{number}_{name}" if checkout else name,
        "{{name}}": name,
    }
    paths = target_paths(name, checkout, number)
    texts: dict[str, str] = {}
    for path, template in paths.items():
        if template:
            text = _template(template)
            for field, value in fields.items():
                text = text.replace(field, value)
            texts[path] = text
    solution, learner = (path for path in paths if path.endswith(".ipynb"))
    texts[solution] = build.dumps(_notebook(texts[solution]))
    texts[learner] = build.dumps(build.build_notebook(_notebook(texts[solution]), name=solution))
    return {path: texts[path] for path in paths}


def _template(filename: str) -> str:
    return resources.files("learntools_cv.authoring").joinpath("templates").joinpath(filename).read_text(encoding="utf-8")


def _notebook(text: str) -> NotebookNode:
    import nbformat

    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    return nb


def scaffold(name: str, root: str | Path = ".", number: int | None = None) -> list[str]:
    """Write the files for a new exercise `name` under the folder `root`; returns their relative paths.
    In a checkout, `number` is the lesson's number in the course (default: the next free one).

    Raises ScaffoldError, having written nothing, if the name is not valid, `root` is not a folder, or any of
    the files (or a package of the same name) already exists."""
    check_name(name)
    root = Path(root)
    if not root.is_dir():
        raise ScaffoldError(f"{root} is not a folder; create it first, or pass --dir with an existing folder")
    checkout = is_checkout(root)
    if not checkout:
        _refuse_shadowing(name)
    elif number is None:
        number = next_number(root)
    elif number < 1:
        raise ScaffoldError(f"--number must be a lesson number, 1 or more; got {number}")
    number = number or 1
    taken = [path for path in target_paths(name, checkout, number) if (root / path).exists()]
    package = root / "learntools_cv" / "lessons" / name if checkout else root / name
    if package.exists():  # named once, as a folder, with the files outside it
        folder = f"{package.relative_to(root).as_posix()}/"
        taken = [folder, *(path for path in taken if not path.startswith(folder))]
    if len(taken) == 1:
        raise ScaffoldError(f"{taken[0]} already exists; nothing was written. Choose another name, or delete it first")
    if taken:
        raise ScaffoldError(
            f"{', '.join(taken)} already exist; nothing was written. Choose another name, or delete them first"
        )
    try:
        texts = render(name, checkout, number)
    except ImportError as exc:
        raise ScaffoldError(
            f"learntools-cv new builds the learner notebook, which needs {exc.name or 'nbformat'}: "
            "pip install 'learntools_cv[notebooks]'"
        ) from None
    written: list[Path] = []
    try:
        for path, text in texts.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as f:  # "x": never overwrite, even a file that appeared meanwhile
                f.write(text.encode("utf-8"))
            written.append(target)
    except OSError as exc:
        for target in written:
            target.unlink(missing_ok=True)
        raise ScaffoldError(f"cannot write {exc.filename}: {exc.strerror or exc}; nothing was written") from None
    paths = list(texts)
    if not checkout and not (root / "conftest.py").exists():
        (root / "conftest.py").write_text(CONFTEST, encoding="utf-8")
        paths.append("conftest.py")
    return paths


def _refuse_shadowing(name: str) -> None:
    """A course module must not take the name of a module Python can already import (numpy, learntools_cv,
    a standard library module): it would hide that module, or be hidden by it."""
    import importlib.util

    if name in sys.stdlib_module_names or importlib.util.find_spec(name) is not None:
        raise ScaffoldError(
            f"{name!r} is already the name of an importable module; choose another name such as ex4"
        )


def cli_new(args: argparse.Namespace) -> int:
    """`learntools-cv new NAME [--dir DIR] [--number N]`: 0 when the files are written, 2 when nothing could be."""
    try:
        paths = scaffold(args.name, args.dir, getattr(args, "number", None))
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {Path(args.dir) / path}")
    tests = next(path for path in paths if path.startswith("tests/"))
    face = next((path for path in paths if path.startswith("learntools_cv/computer_vision/")), None)
    module = face[:-3].replace("/", ".") if face else args.name
    print(
        f"next: run `python -m pytest {tests}` and "
        f"`learntools-cv check-questions {module}`, then make the questions your own "
        "(docs/authoring.md)"
    )
    return 0
