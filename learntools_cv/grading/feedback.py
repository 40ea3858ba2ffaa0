"""Per-learner feedback files: one self-contained HTML page per submission with, for each question, the same
label, words and picture that `q_N.check()` shows in the notebook, rendered by `learntools_cv.core.render`
(pictures as inline PNG)."""

from __future__ import annotations

import html
import os
from pathlib import Path

from learntools_cv.core.status import COULD_NOT_GRADE
from learntools_cv.grading import judge, safety
from learntools_cv.grading.results import GradeReport

_STYLE = """
body { font-family: sans-serif; max-width: 52em; margin: 2em auto; line-height: 1.45; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
.summary { color: #555; } .points { float: right; color: #555; font-weight: normal; }
pre.message { white-space: pre-wrap; font-family: inherit; margin: .3em 0 .8em; }
img { max-width: 100%; }
"""


def file_name(report: GradeReport) -> str:
    """`learner__assignment.html`; a name with other characters than letters, digits, '-', '_' and '.' has
    them written as '_' and a hash of the real names added (`safety.feedback_file_name`), so that no two
    learners share a page."""
    return safety.feedback_file_name(report.learner, report.assignment)


def render(report: GradeReport) -> str:
    """The feedback page of one graded submission."""
    title = f"Feedback for {report.learner}: {report.assignment}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
    ]
    regular = [r for r in report.rows if not r.bonus]
    bonus = [r for r in report.rows if r.bonus]
    summary = f"{_n(sum(r.points for r in regular))} of {_n(sum(r.max_points for r in regular))} points"
    if bonus:
        summary += f", bonus {_n(sum(r.points for r in bonus))} of {_n(sum(r.max_points for r in bonus))}"
    parts.append(f'<p class="summary">{html.escape(summary)}.</p>')
    if report.reason:
        parts.append(f'<p class="summary">{html.escape(report.reason)}</p>')
    pictures = {f.question: f for f in report.feedback}
    for row in report.rows:
        heading = f"{row.question}{' (bonus)' if row.bonus else ''}"
        parts.append(f'<h2>{html.escape(heading)}<span class="points">{_n(row.points)} / '
                     f"{_n(row.max_points)}</span></h2>")
        extra = pictures.get(row.question)
        if extra is not None and extra.html and row.status != COULD_NOT_GRADE:
            parts.append(extra.html)
        else:
            label = row.label or judge.STATUS_LABELS[row.status]
            text = row.body if row.label else row.message
            parts.append(f'<div class="outcome"><strong>{html.escape(label)}</strong>'
                         f'<pre class="message">{html.escape(text)}</pre></div>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write(report: GradeReport, folder: str | os.PathLike[str]) -> Path:
    """Write the feedback page of `report` into `folder`; returns its path."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    path = out / file_name(report)
    path.write_text(render(report), encoding="utf-8")
    return path


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
