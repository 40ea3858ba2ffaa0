"""Print, as markdown, what a lesson's learners see for each mistake its questions declare.

    python tools/mistake_table.py learntools_cv.computer_vision.ex3 > table.md

For each question (in the order the module binds them): one row per declared `Mistake`, with its id, the
answer that makes it, and the whole message the check gives for that answer, run the way `learntools-cv
check-questions` runs it (the module's setup, then the question's other solutions, then the mistake's code).
The lesson pages under docs/lessons/ are written from this output; tests/test_course.py holds each page to
naming every id its lesson declares.
"""

from __future__ import annotations

import sys

from learntools_cv.authoring import selfcheck
from learntools_cv.core.outcome import Outcome
from learntools_cv.core.question import Mistake


def _cell(text: str) -> str:
    """Text fit for one markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(code: str) -> str:
    lines = [line for line in code.strip().splitlines() if line.strip()]
    shown = lines[0].strip() if lines else ""
    for line in lines[1:] if len(lines) <= 3 else ():
        shown += (" " if shown.endswith(":") else "; ") + line.strip()
    if len(lines) > 3:
        shown += " …"
    return f"`{_cell(shown)}`".replace("``", "` `")


def table(module_name: str) -> str:
    module = selfcheck.load_exercise_module(module_name)
    base = selfcheck.setup_namespace(module)
    out: list[str] = []
    for name, view in selfcheck.exercise_questions(module).items():
        declared = getattr(view.question, "_mistakes", None) or view.question.mistakes or ()
        mistakes = [m for m in declared if isinstance(m, Mistake)]
        if not mistakes:
            continue
        out += [f"### {name}", "", "| id | a learner's answer | what the learner sees |", "| --- | --- | --- |"]
        for mistake in mistakes:
            ran = selfcheck._evaluate(view, base, mistake.id or "mistake", mistake.code)
            said = ran.message if isinstance(ran, Outcome) else f"(the mistake's code {ran})"
            out.append(f"| {mistake.id or '(no id)'} | {_code(mistake.code)} | {_cell(said)} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/mistake_table.py MODULE   (e.g. learntools_cv.computer_vision.ex3)")
    print(table(sys.argv[1]))
