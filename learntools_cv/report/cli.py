"""`learntools-cv report`: a gradebook or learners' events files in, one self-contained HTML page out.

The kind of input is decided from the input itself: an SQLite file or a database URL is a gradebook; a .jsonl
file, a directory of them, or a file whose first line is an event, is events. Anything else is refused with
the reason and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from learntools_cv.grading.safety import feedback_file_name
from learntools_cv.report.data import SQLITE_MAGIC

EVENT_SUFFIXES = (".jsonl", ".ndjson")
LINKS = ("auto", "files", "page")


class InputError(ValueError):
    """The inputs are not something the report can read; the message is for the teacher."""


def _not_readable(path: str, why: str) -> InputError:
    return InputError(f"{path} is not a gradebook or an events file: {why}")


def _first_line_is_event(path: Path) -> bool:
    with path.open("rb") as f:
        for raw in f:
            if raw.strip():
                try:
                    obj = json.loads(raw)
                except ValueError:
                    return False
                return isinstance(obj, dict) and "interaction" in obj and "question" in obj
    return False


def classify(inputs: Sequence[str]) -> tuple[str, list[str]]:
    """('gradebook', [source]) or ('events', paths); raises InputError saying what is wrong."""
    kinds: list[tuple[str, str]] = []
    for text in inputs:
        if "://" in text:
            kinds.append(("gradebook", text))
            continue
        path = Path(text)
        if not path.exists():
            raise _not_readable(text, "no such file or directory")
        if path.is_dir():
            if not any(path.rglob("*.jsonl")):
                raise _not_readable(text, "it is a directory with no .jsonl files in it")
            kinds.append(("events", text))
        elif path.suffix.lower() in EVENT_SUFFIXES:
            kinds.append(("events", text))
        else:
            try:
                with path.open("rb") as f:
                    head = f.read(len(SQLITE_MAGIC))
                if head == SQLITE_MAGIC:
                    kinds.append(("gradebook", text))
                elif _first_line_is_event(path):
                    kinds.append(("events", text))
                else:
                    why = (
                        "it is empty"
                        if not head
                        else "it is neither an SQLite database nor JSON lines of learntools_cv events"
                    )
                    raise _not_readable(text, why)
            except OSError as exc:
                raise _not_readable(text, exc.strerror or str(exc)) from exc
    gradebooks = [t for kind, t in kinds if kind == "gradebook"]
    if gradebooks and len(kinds) > 1:
        raise InputError(
            "give one gradebook, or any number of events files, not both or several gradebooks: " + ", ".join(inputs)
        )
    if gradebooks:
        return "gradebook", gradebooks
    return "events", [t for _, t in kinds]


def feedback_names(assignment: str, learner: str) -> list[str]:
    """The names a learner's feedback page may have, in order: the one `learntools-cv grade --feedback DIR`
    writes (`LEARNER__ASSIGNMENT.html`; other characters than letters, digits, '.', '-' and '_' written as '_'
    and a hash of the names added), then plain `LEARNER.html`."""
    graded = feedback_file_name(learner, assignment)
    return [graded] + ([f"{learner}.html"] if "/" not in learner and "\\" not in learner else [])


def feedback_links(report_path: Path, feedback_dir: Path, mode: str) -> Callable[[str, str], str | None]:
    """(assignment, learner) -> href of the learner's page in `feedback_dir` relative to the report, or None
    for the in-page view: with mode 'auto' when such a file exists now, 'files' always (the grading command's
    name), 'page' never."""
    base = report_path.resolve().parent
    target = feedback_dir if feedback_dir.is_absolute() else base / feedback_dir
    try:
        relative = Path(os.path.relpath(target.resolve(), base)).as_posix()
    except ValueError:  # another drive on Windows
        relative = target.resolve().as_uri()
    existing = {p.name for p in target.glob("*.html")} if mode == "auto" and target.is_dir() else set()

    def href(assignment: str, learner: str) -> str | None:
        names = feedback_names(assignment, learner)
        if mode == "auto":
            names = [n for n in names if n in existing]
        if mode == "page" or not names:
            return None
        return f"{quote(relative)}/{quote(names[0])}"

    return href


def build_gradebook(source: str, out: Path, assignment: str | None, feedback_dir: Path, links: str) -> tuple[str, str]:
    from learntools_cv.report import data, html

    gradebook = data.load_gradebook(source)
    if assignment is not None and not any(s.assignment == assignment for s in gradebook.submissions):
        names = sorted({s.assignment for s in gradebook.submissions})
        raise InputError(f"the gradebook has no assignment {assignment!r}; it has: {', '.join(names) or 'none'}")
    report = data.analyse(gradebook, assignment)
    page = html.gradebook_page(report, feedback_links(out, feedback_dir, links), _now(), gradebook.meta)
    return page, (
        f"{report.submissions:,} submissions ({report.graded:,} graded, {report.could_not_grade:,} could not be "
        "graded), "
        f"{sum(len(a.questions) for a in report.assignments)} questions"
    )


def build_events(paths: Sequence[str]) -> tuple[str, str]:
    from learntools_cv.report import events, html

    log = events.read_events(paths)
    report = events.aggregate(log)
    page = html.events_page(report, _now())
    skipped = f", {html.plural(log.skipped_total, 'line')} skipped" if log.skipped_total else ""
    counts = f"{html.plural(len(log.events), 'event')} from {html.plural(report.learners, 'learner')}"
    return page, f"{counts} in {html.plural(len(log.files), 'file')}{skipped}"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def run(args: argparse.Namespace) -> int:
    from learntools_cv.report.data import MissingPackage, NotAGradebook

    start = time.perf_counter()
    out = Path(args.output)
    try:
        kind, inputs = classify(args.inputs)
        if kind == "gradebook":
            try:
                page, what = build_gradebook(inputs[0], out, args.assignment, Path(args.feedback_dir), args.links)
            except NotAGradebook as exc:
                raise _not_readable(inputs[0], str(exc)) from exc
        else:
            if args.assignment is not None:
                raise InputError("--assignment applies to a gradebook; events files are split by exercise anyway")
            page, what = build_events(inputs)
    except (InputError, MissingPackage) as exc:
        print(f"learntools-cv report: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"learntools-cv report: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"learntools-cv report: cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Wrote {out} ({len(page.encode()) / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s: {what}.")
    return 0


def add_report_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `report` subcommand to the `learntools-cv` command's subparsers."""
    parser = subparsers.add_parser(
        "report",
        help="a web page of what a class got wrong, from a gradebook or from learners' events files",
        description=(
            "Write one self-contained HTML page (nothing fetched from the network). From a GRADEBOOK (an SQLite "
            "file or a database URL written by `learntools-cv grade`): outcomes per question, how many learners "
            "made each named mistake, wrong answers with no mistake name, scores, a sortable table of learners "
            "linking to their feedback, what could not be graded, and grading times. From EVENTS files "
            "(LEARNTOOLS_CV_EVENTS JSON lines, or directories of *.jsonl): attempts to Correct, mistakes made on "
            "the way, hints and solutions opened before Correct, and where learners stopped. Exits 2 when an "
            "input is neither."
        ),
    )
    parser.add_argument(
        "inputs", nargs="+", metavar="GRADEBOOK | EVENTS.jsonl", help="one gradebook, or events files and directories"
    )
    parser.add_argument("-o", "--output", default="report.html", help="where to write the page (default: report.html)")
    parser.add_argument(
        "--assignment", default=None, help="report on this assignment only (default: every assignment in the gradebook)"
    )
    parser.add_argument(
        "--feedback-dir",
        default="feedback",
        metavar="DIR",
        help="where learners' feedback pages LEARNER.html are, relative to the report (default: feedback)",
    )
    parser.add_argument(
        "--links",
        choices=LINKS,
        default="auto",
        help="learner links open DIR/LEARNER.html ('files'), the feedback drawn inside the page from the gradebook "
        "('page'), or the file where it exists now and the page otherwise ('auto', the default)",
    )
    parser.set_defaults(func=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `report` on its own (the same as `learntools-cv report ...`)."""
    parser = argparse.ArgumentParser(prog="learntools-cv")
    add_report_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
