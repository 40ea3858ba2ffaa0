"""Text a learner controls, made safe to store and to show: in the gradebook, in file names, in a CSV cell, on
the teacher's terminal.

A learner controls more text than their answers: the words of their exceptions, the repr of their objects,
the names of their files and folders (which become learner and assignment names). Any of it may hold lone
surrogates (which UTF-8 cannot encode, so SQLite and files refuse them), NUL (which PostgreSQL refuses),
terminal escape sequences, or ten megabytes. Nothing here raises, for any `str`:

- `stored(text)`: lone surrogates, NUL and other control characters (but newline and tab) written as visible
  escapes (`\\ud800`, `\\x00`), and at most `MAX_STORED` characters kept;
- `name(text)`: the same for a learner or assignment name, on one line, and one-to-one (a backslash is doubled),
  so that two different names never become the same;
- `shown(text)`: for a terminal line: every control character, newline included, and the characters that
  reorder text (bidirectional overrides) made visible;
- `csv_cell(text)`: a cell that no spreadsheet reads as a formula (`=`, `+`, `-`, `@`, tab or carriage return
  first get a `'` in front);
- `feedback_file_name(learner, assignment)`: the feedback page's file name, unique per learner and
  assignment;
- `safe_report(report)`: every text field of a `GradeReport` through `stored` (its names on one line).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from learntools_cv.grading.results import GradeReport

# The most characters of one stored text (a message, a reason); the rest is cut and counted.
MAX_STORED = 20_000
# The most characters of a learner or assignment name.
MAX_NAME = 200
# Letters of a feedback file name before its hash (file names may have 255 bytes).
_MAX_FILE_STEM = 120

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


def stored(text: str, limit: int = MAX_STORED) -> str:
    """`text` as the gradebook and the feedback pages keep it."""
    return _CONTROL.sub(_escape, _cut(str(text), limit))


def name(text: str) -> str:
    """A learner or assignment name as stored: escaped one-to-one, on one line, at most MAX_NAME characters
    (a longer name keeps a hash of the whole, so that it stays unique)."""
    escaped = _CONTROL_LINE.sub(_escape, str(text).replace("\\", "\\\\"))
    if len(escaped) > MAX_NAME:
        escaped = escaped[: MAX_NAME - 11] + "~" + _digest(escaped)
    return escaped


def shown(text: str) -> str:
    """`text` for one line of a terminal: nothing in it moves the cursor, clears the screen or reorders text."""
    return _CONTROL_LINE.sub(_escape, str(text))


def csv_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text, never evaluates (OWASP's advice for CSV injection)."""
    text = stored(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def feedback_file_name(learner: str, assignment: str) -> str:
    """`learner__assignment.html` when both are plain (letters, digits, '.', '-', '_'); otherwise the other
    characters written as '_' and a hash of the real names added, so that `x0~victim` and `x0_victim` get
    different files."""
    raw = f"{learner}__{assignment}"
    stem = _FILE_UNSAFE.sub("_", raw)
    if stem != raw or len(stem) > _MAX_FILE_STEM:
        stem = f"{stem[:_MAX_FILE_STEM]}-{_digest(raw)}"
    return stem + ".html"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def safe_report(report: GradeReport) -> GradeReport:
    """The report with every text made safe to store."""
    rows = tuple(replace(row, question=stored(row.question, MAX_NAME), message=stored(row.message),
                         label=stored(row.label, MAX_NAME), body=stored(row.body),
                         mistake=None if row.mistake is None else stored(row.mistake, MAX_NAME))
                 for row in report.rows)
    cells = tuple(replace(cell, text=stored(cell.text)) for cell in report.cells)
    # Feedback fragments are the renderer's HTML: escaped already, but a lone surrogate in a learner's repr
    # would still stop the page from being written.
    extras = tuple(replace(f, html=stored(f.html, limit=4 * 1024**2)) for f in report.feedback)
    # Names were made safe when the submission was read (`name`); this only catches those given otherwise.
    return replace(
        report, learner=shown(_cut(report.learner, MAX_NAME)), assignment=shown(_cut(report.assignment, MAX_NAME)),
        path=stored(report.path),
        exercise=None if report.exercise is None else stored(report.exercise, MAX_NAME),
        reason=stored(report.reason), rows=rows, cells=cells, feedback=extras,
    )
