"""`learntools-cv new NAME`: start a new exercise from working examples.

Run from the root of a learntools_cv checkout (installed with `pip install -e .`), it writes:

    learntools_cv/NAME.py     the exercise module: SETUP_CODE, an EqualityCheckProblem and a CodingProblem
                              with hints, CS(...) solutions and declared Mistakes
    solutions/NAME.ipynb      the solution notebook (setup cell, one cell per question with solution markers)
    exercises/NAME.ipynb      the learner notebook, built from it (as `learntools-cv build` would)
    tests/test_NAME.py        tests using learntools_cv.authoring.testing and the self-check; they pass as written

The module goes inside the learntools_cv package so that notebooks import it as `learntools_cv.NAME`, like
`learntools_cv.ex3`; with an editable install it is importable at once. That is why the target must be a
checkout: anywhere else a bare `learntools_cv/` folder would shadow the installed package.

Nothing is written unless every file can be: a NAME that is not an identifier, a keyword, a target that is
not a checkout, or any target file that already exists stops it first, with a one-line message.
"""

from __future__ import annotations

import argparse
import keyword
import sys
from importlib import resources
from pathlib import Path

__all__ = ["ScaffoldError", "check_name", "cli_new", "render", "scaffold", "target_paths"]


class ScaffoldError(Exception):
    """The scaffold cannot be written; the message (one line) says why and what to do."""


def target_paths(name: str) -> dict[str, str]:
    """What `new NAME` writes, relative to the checkout's root: path -> the template it comes from
    ('' for the learner notebook, which is built from the solution notebook)."""
    return {
        f"learntools_cv/{name}.py": "exercise.py.tmpl",
        f"solutions/{name}.ipynb": "solution.ipynb.tmpl",
        f"exercises/{name}.ipynb": "",
        f"tests/test_{name}.py": "test_exercise.py.tmpl",
    }


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


def render(name: str) -> dict[str, str]:
    """The text of every file `new NAME` writes, by path relative to the checkout's root."""
    from learntools_cv.authoring import build

    check_name(name)
    texts: dict[str, str] = {}
    for path, template in target_paths(name).items():
        if template:
            texts[path] = _template(template).replace("{{name}}", name)
    solution = f"solutions/{name}.ipynb"
    texts[solution] = build.dumps(_notebook(texts[solution]))
    learner = build.build_notebook(_notebook(texts[solution]), name=solution)
    texts[f"exercises/{name}.ipynb"] = build.dumps(learner)
    return {path: texts[path] for path in target_paths(name)}


def _template(filename: str) -> str:
    return resources.files("learntools_cv.authoring").joinpath("templates", filename).read_text(encoding="utf-8")


def _notebook(text: str):  # -> nbformat.NotebookNode
    import nbformat

    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    return nb


def scaffold(name: str, root: str | Path = ".") -> list[str]:
    """Write the files for a new exercise `name` under the checkout `root`; returns their relative paths.

    Raises ScaffoldError, having written nothing, if the name is not valid, `root` is not a learntools_cv
    checkout, or any of the files (or a package of the same name) already exists."""
    check_name(name)
    root = Path(root)
    if not (root / "learntools_cv" / "__init__.py").is_file():
        raise ScaffoldError(
            f"{root} is not the root of a learntools_cv checkout (it has no learntools_cv/__init__.py); "
            "run `learntools-cv new` from the repository root, or pass --dir"
        )
    taken = [path for path in target_paths(name) if (root / path).exists()]
    if (root / "learntools_cv" / name).exists():
        taken.insert(0, f"learntools_cv/{name}/")
    if len(taken) == 1:
        raise ScaffoldError(f"{taken[0]} already exists; nothing was written. Choose another name, or delete it first")
    if taken:
        raise ScaffoldError(
            f"{', '.join(taken)} already exist; nothing was written. Choose another name, or delete them first"
        )
    try:
        texts = render(name)
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
    return list(texts)


def cli_new(args: argparse.Namespace) -> int:
    """`learntools-cv new NAME [--dir DIR]`: 0 when the files are written, 2 when nothing could be."""
    try:
        paths = scaffold(args.name, args.dir)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {Path(args.dir) / path}")
    print(
        f"next: run `python -m pytest tests/test_{args.name}.py` and "
        f"`learntools-cv check-questions learntools_cv.{args.name}`, then make the questions your own "
        "(docs/authoring.md)"
    )
    return 0
