"""`learntools-cv grade` and `learntools-cv grades export`: the command-line face of the grader.

`add_grade_parser(subparsers)` and `add_grades_parser(subparsers)` add the subcommands to the main parser;
each sets `func` to its handler, which returns the exit code.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_grade_parser(subparsers: Any) -> argparse.ArgumentParser:
    grade = subparsers.add_parser(
        "grade",
        help="grade learners' notebooks into a gradebook, each in a sandboxed process",
        description=(
            "Grade SUBMISSIONS (notebooks, folders of notebooks, or an nbgrader submitted/<learner>/<assignment>/ "
            "tree). Each notebook runs in its own sandboxed process; every question of every submission gets a "
            "row in the gradebook: status, mistake, the message the learner would have seen, and points. "
            "Submissions whose content is unchanged since they were graded are skipped."
        ),
    )
    grade.add_argument("submissions", nargs="+", metavar="SUBMISSIONS", help="notebooks or folders")
    grade.add_argument("--exercise", default=None, metavar="MODULE",
                       help="the exercise module, e.g. learntools_cv.ex3 (default: read from the setup cell)")
    grade.add_argument("-o", "--gradebook", default="gradebook.sqlite", metavar="GRADEBOOK",
                       help="SQLite file or SQLAlchemy URL such as postgresql://user@host/db "
                            "(default: gradebook.sqlite)")
    grade.add_argument("--regrade", action="store_true", help="grade unchanged submissions again")
    grade.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="grade on an existing Dask cluster (tls://HOST:PORT); 'serial' grades in this process "
                            "(default: a local Dask cluster, secured with TLS)")
    grade.add_argument("--tls-ca-file", default=None, metavar="FILE",
                       help="with --scheduler: the cluster's certificate authority (PEM)")
    grade.add_argument("--tls-cert", default=None, metavar="FILE",
                       help="with --scheduler: the grader's certificate (PEM)")
    grade.add_argument("--tls-key", default=None, metavar="FILE",
                       help="with --scheduler: the grader's private key (PEM)")
    grade.add_argument("--workers", type=int, default=None, metavar="N",
                       help="workers of the local cluster (default: one per two cores, and one per 8 submissions "
                            "at most)")
    grade.add_argument("--threads", type=int, default=None, metavar="N",
                       help="submissions each worker of the local cluster grades at once (default: 2, or 1 on "
                            "one core or when --workers takes every core)")
    grade.add_argument("--cell-timeout", type=float, default=None, metavar="SECONDS",
                       help="time limit of one cell (default: 30, or more where the lesson's GRADING_LIMITS "
                            "asks for it; given, it holds even where the lesson asks for more)")
    grade.add_argument("--notebook-timeout", type=float, default=None, metavar="SECONDS",
                       help="time limit of a whole notebook (default: 300, or more where the lesson's "
                            "GRADING_LIMITS asks for it; given, it holds even where the lesson asks for more)")
    grade.add_argument("--memory", type=float, default=2.0, metavar="GB",
                       help="memory a notebook's processes together may use on top of the warm process (default: 2)")
    grade.add_argument("--cpus", type=float, default=1.0, metavar="CORES",
                       help="cores a notebook's processes together may use; more is slowed down (default: 1)")
    grade.add_argument("--feedback", default=None, metavar="DIR",
                       help="also write one HTML feedback file per submission into DIR")
    grade.add_argument("--progress", choices=["auto", "bar", "lines", "none"], default="auto",
                       help="progress display (default: a bar on a terminal, lines otherwise)")
    grade.set_defaults(func=run_grade)
    return grade


def add_grades_parser(subparsers: Any) -> argparse.ArgumentParser:
    grades = subparsers.add_parser(
        "grades",
        help="read a gradebook: export it as CSV",
        description="Work with a gradebook written by `learntools-cv grade`.",
    )
    sub = grades.add_subparsers(dest="grades_command", metavar="ACTION")
    sub.required = True
    export = sub.add_parser(
        "export",
        help="one row per learner: points per question, total, bonus total",
        description=(
            "Write GRADEBOOK as CSV: one row per learner and assignment, with the points of each question, the "
            "total and its maximum; bonus questions are listed after the total and counted apart."
        ),
    )
    export.add_argument("gradebook", metavar="GRADEBOOK", help="SQLite file or SQLAlchemy URL")
    export.add_argument("--csv", required=True, metavar="FILE", help="where to write the CSV")
    export.set_defaults(func=run_export)
    return grades


def run_grade(args: argparse.Namespace) -> int:
    from learntools_cv.grading.batch import BatchError, BatchOptions, grade_batch
    from learntools_cv.grading.executor import Limits
    from learntools_cv.grading.gradebook import GradebookError

    given = {"cell_timeout": args.cell_timeout, "notebook_timeout": args.notebook_timeout}
    defaults = Limits()
    limits = Limits(
        cell_timeout=defaults.cell_timeout if args.cell_timeout is None else args.cell_timeout,
        notebook_timeout=defaults.notebook_timeout if args.notebook_timeout is None else args.notebook_timeout,
        memory=int(args.memory * 1024**3),
        cpus=args.cpus,
        # What the teacher set holds as given; the rest a lesson's GRADING_LIMITS may raise.
        lesson_may_raise=frozenset(key for key, value in given.items() if value is None),
    )
    for flag, value in (("--workers", args.workers), ("--threads", args.threads)):
        if value is not None and value < 1:
            print(f"learntools-cv grade: {flag} must be 1 or more, not {value}", file=sys.stderr)
            return 2
    tls_files = (args.tls_ca_file, args.tls_cert, args.tls_key)
    if any(tls_files) and not all(tls_files):
        print("learntools-cv grade: give all three of --tls-ca-file, --tls-cert and --tls-key, or none "
              "(then Dask's configuration, distributed.comm.tls, is used)", file=sys.stderr)
        return 2
    options = BatchOptions(
        gradebook=args.gradebook, exercise=args.exercise, regrade=args.regrade, scheduler=args.scheduler,
        tls=tls_files if all(tls_files) else None, workers=args.workers, threads=args.threads, limits=limits,
        feedback_dir=args.feedback, progress=args.progress,
    )
    try:
        summary = grade_batch(args.submissions, options)
    except (GradebookError, BatchError) as exc:
        print(f"learntools-cv grade: {exc}", file=sys.stderr)
        return 2
    print(f"Graded {summary.graded} submission(s) in {summary.seconds:.1f} s "
          f"({summary.could_not_grade} could not be graded, {summary.skipped} unchanged and skipped) "
          f"into {args.gradebook}.")
    return 130 if summary.interrupted else 0


def run_export(args: argparse.Namespace) -> int:
    from learntools_cv.grading.gradebook import Gradebook, GradebookError, export_csv

    try:
        with Gradebook(args.gradebook) as book:
            count = export_csv(book, args.csv)
    except GradebookError as exc:
        print(f"learntools-cv grades export: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {count} row(s) to {args.csv}.")
    return 0
