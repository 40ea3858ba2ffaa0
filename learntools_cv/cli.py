"""The `learntools-cv` command (also `python -m learntools_cv`).

Each subcommand lives in its own module and is imported only when it runs, so `learntools-cv --help`
stays fast and never imports TensorFlow or Jupyter.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _notebook_module(name: str):  # type: ignore[no-untyped-def]
    """Import a module that needs Jupyter's packages (`learntools_cv.running.runner`,
    `learntools_cv.authoring.build`), or explain which extra to install when they are missing."""
    import importlib

    try:
        return importlib.import_module(f"learntools_cv.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("nbformat", "nbclient", "jupyter_client", "ipykernel"):
            print(
                f"learntools-cv: {exc.name} is not installed. Install the notebooks extra: "
                "python -m pip install 'learntools_cv[notebooks]'",
                file=sys.stderr,
            )
            return None
        raise


def _run(args: argparse.Namespace) -> int:
    runner = _notebook_module("running.runner")
    return 2 if runner is None else runner.cli_run(args)


def _build(args: argparse.Namespace) -> int:
    build = _notebook_module("authoring.build")
    return 2 if build is None else build.cli_build(args)


def _check_questions(args: argparse.Namespace) -> int:
    from learntools_cv.authoring import selfcheck

    return selfcheck.cli_check_questions(args)


def _new(args: argparse.Namespace) -> int:
    from learntools_cv.authoring import scaffold

    return scaffold.cli_new(args)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learntools-cv",
        description="Run, build and check learntools_cv exercise notebooks; grade a class and report on it.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    run = sub.add_parser(
        "run",
        help="execute notebooks in fresh Jupyter kernels and report each question",
        description=(
            "Execute each NOTEBOOK headless in a fresh Jupyter kernel, then print a report: each question, "
            "its status and the first line of its feedback, and any cell errors. A folder stands for the "
            "notebooks in it. Exits 1 if a cell raised, 2 if a notebook could not run. With no NOTEBOOK, runs "
            "every solution notebook of the course (solutions/ in a source checkout)."
        ),
    )
    run.add_argument("notebook", nargs="*", default=None, help="path to an .ipynb file, or a folder of them")
    run.add_argument(
        "--timeout", type=float, default=600.0, metavar="SECONDS", help="per-cell timeout (default: 600)"
    )
    run.add_argument("--kernel", default="python3", help="Jupyter kernel name (default: python3)")
    run.add_argument("-o", "--output", default=None, help="also save the executed notebook here")
    run.set_defaults(func=_run)

    build = sub.add_parser(
        "build",
        help="generate a learner notebook from a solution notebook",
        description=(
            "Turn a solution notebook into the learner notebook: solution regions become starter code, "
            "hint()/solution() calls are commented out, test-only cells are removed and outputs cleared."
        ),
    )
    build.add_argument("solution", help="path to solutions/NAME.ipynb")
    build.add_argument("-o", "--output", default=None, help="where to write (default: exercises/NAME.ipynb)")
    build.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the learner notebook is missing or differs from a fresh build",
    )
    build.set_defaults(func=_build)

    check = sub.add_parser(
        "check-questions",
        help="self-check an exercise module: solutions pass, starters are not attempted, mistakes fail",
        description=(
            "For every question of MODULE, after running the module's SETUP_CODE: its CS(...) solution must "
            "pass the check, the starter value ____ must give Not attempted, and each declared "
            "Mistake(code, says) must fail with the words `says`. Exits 1 if any of these does not hold, "
            "2 if MODULE cannot be imported or binds no questions."
        ),
    )
    check.add_argument("module", help="the exercise module's dotted name, e.g. learntools_cv.ex3")
    check.set_defaults(func=_check_questions)

    new = sub.add_parser(
        "new",
        help="scaffold an exercise or a lesson: its questions, solution and learner notebooks, and its tests",
        description=(
            "In a course folder DIR, write NAME.py, solutions/NAME.ipynb, exercises/NAME.ipynb and "
            "tests/test_NAME.py. In a learntools_cv checkout, write a new lesson of the course in the shape "
            "every lesson has: learntools_cv/lessons/NAME/ (questions, data), its learner-facing module "
            "learntools_cv/computer_vision/exN.py, solutions/exN_NAME.ipynb, exercises/exN_NAME.ipynb and "
            "tests/test_exN_NAME.py. The tests pass as written. Nothing is overwritten: if any of the files "
            "exists, nothing is written."
        ),
    )
    new.add_argument("name", help="the exercise's (or the lesson's) name, a Python identifier such as color_spaces")
    new.add_argument(
        "--dir", default=".", help="the course folder, or a learntools_cv checkout (default: the current directory)"
    )
    new.add_argument(
        "--number", type=int, default=None, metavar="N",
        help="in a checkout, the lesson's number in the course (default: the next free one)",
    )
    new.set_defaults(func=_new)

    from learntools_cv.report.cli import add_report_parser

    add_report_parser(sub)

    # Grading (learntools_cv.grading): imported here only for its argument definitions, which are light.
    from learntools_cv.grading import cli as grading_cli

    grading_cli.add_grade_parser(sub)
    grading_cli.add_grades_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
