"""Rendering outcomes: the only place that gives them words and colours.

An `Outcome` is data (status, markdown body, mistake id, figure). This module turns it into

- plain text for a terminal or a log (`text`),
- markdown with a coloured label for Jupyter (`markdown`), and an HTML fragment for feedback files (`html`),
- a display call (`show`): rich output inside a Jupyter kernel, plain text everywhere else.

The status words (`LABELS`) and colours (`COLORS`) are defined here once; the runner and the graders use them.
IPython is imported only when something is displayed in a kernel.
"""

from __future__ import annotations

import base64
import html as _html
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from learntools_cv.core.outcome import Figure, Outcome, Status

__all__ = ["COLORS", "GRADEBOOK_COLORS", "GRADEBOOK_LABELS", "LABELS", "figure_png", "html", "in_notebook", "markdown", "plain_text", "show",
           "show_markdown", "text"]


def _status_table() -> tuple[dict[Status, str], dict[Status, str]]:
    from learntools_cv.core.outcome import Status

    labels = {
        Status.CORRECT: "Correct",
        Status.INCORRECT: "Incorrect",
        Status.NOT_ATTEMPTED: "Not attempted",
        Status.UNCHECKABLE: "Nothing to check",
        Status.CHECKER_ERROR: "Checker error",
        Status.HINT: "Hint",
        Status.SOLUTION: "Solution",
    }
    colors = {
        Status.CORRECT: "#2e8b57",
        Status.INCORRECT: "#c0392b",
        Status.NOT_ATTEMPTED: "#b7950b",
        Status.UNCHECKABLE: "#2e6da4",
        Status.CHECKER_ERROR: "#d35400",
        Status.HINT: "#2e6da4",
        Status.SOLUTION: "#1f8a70",
    }
    return labels, colors


LABELS, COLORS = _status_table()
"""The word a learner sees first for each status, and the colour of that word in rich output."""

GRADEBOOK_LABELS = {
    "correct": "Correct",
    "incorrect": "Incorrect",
    "not_attempted": "Not attempted",
    "could_not_grade": "Could not grade",
}
"""The words for a gradebook's result statuses: the learner's own, and one for what a grader could not judge."""
GRADEBOOK_COLORS = {
    "correct": "#2e8b57",
    "incorrect": "#c0392b",
    "not_attempted": "#b7950b",
    "could_not_grade": "#6c7a89",
}


def label(outcome: Outcome) -> str:
    return outcome.label or LABELS[outcome.status]


def text(outcome: Outcome) -> str:
    """The whole message as plain text; its first line starts with the label."""
    head = label(outcome)
    if not outcome.body:
        return head
    body = plain_text(outcome.body)
    return f"{head}:\n{body}" if outcome.body.startswith("\n") else f"{head}: {body}"


def markdown(outcome: Outcome) -> str:
    """The whole message as markdown, the label bold and coloured."""
    head = f'<span style="color:{COLORS[outcome.status]}">**{label(outcome)}**</span>'
    if not outcome.body:
        return head
    return f"{head}:{outcome.body}" if outcome.body.startswith("\n") else f"{head}: {outcome.body}"


def html(outcome: Outcome, *, with_figure: bool = True) -> str:
    """A self-contained HTML fragment of the outcome (for feedback files): the label, the message as
    preformatted text, and the picture as an inline PNG."""
    color = COLORS[outcome.status]
    parts = [
        f'<div class="outcome outcome-{outcome.status.value}">',
        f'<strong style="color:{color}">{_html.escape(label(outcome))}</strong>',
    ]
    body = plain_text(outcome.body) if outcome.body else ""
    if body:
        parts.append(f'<pre class="message">{_html.escape(body)}</pre>')
    if with_figure and outcome.figure is not None:
        try:
            png = figure_png(outcome.figure)
        except Exception:  # a picture is a bonus; the words already say what is wrong
            png = b""
        if png:
            data = base64.b64encode(png).decode("ascii")
            parts.append(f'<img alt="comparison figure" src="data:image/png;base64,{data}">')
    parts.append("</div>")
    return "\n".join(parts)


def in_notebook() -> bool:
    """True inside a Jupyter kernel (where rich output is shown), False in a terminal or plain python."""
    if "IPython" not in sys.modules:
        return False
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:
        return False
    return shell is not None and getattr(shell, "kernel", None) is not None


def show(outcome: Outcome) -> None:
    """Display an outcome: rich in Jupyter, plain text otherwise. Never raises for a figure that fails."""
    if not in_notebook():
        print(text(outcome))
        return
    from IPython.display import display

    display({"text/markdown": markdown(outcome), "text/plain": text(outcome)}, raw=True)
    if outcome.figure is not None:
        try:
            png = figure_png(outcome.figure)
        except Exception:  # a picture is a bonus; the words above already said what is wrong
            return
        display({"image/png": png, "text/plain": "<comparison figure>"}, raw=True)


def show_markdown(markdown_text: str, plain: str) -> None:
    """Display a note that is not an outcome (for example the parts of a multipart question)."""
    if not in_notebook():
        print(plain)
        return
    from IPython.display import display

    display({"text/markdown": markdown_text, "text/plain": plain}, raw=True)


def figure_png(figure: Figure, dpi: int = 72) -> bytes:
    """The outcome's picture as PNG bytes (drawn by `learntools_cv.core.figures`)."""
    from learntools_cv.core import figures

    return figures.png(figure, dpi)


# ---- markdown to plain text ----------------------------------------------------------------------------
# Feedback is written in a small part of markdown: paragraphs, fenced code blocks, inline code, emphasis,
# backslash escapes, `&amp;` and (from learntools-style hints) <span> tags. This scanner reads exactly that.

_ESCAPABLE = set("\\`*_{}[]<>()#+-.!|~")


def plain_text(source: str) -> str:
    """Plain text for a terminal: code fences dropped, emphasis markers and <span> tags removed, escapes
    undone; inline code is kept as written, backticks included."""
    lines = [line for line in source.splitlines() if not _is_fence(line)]
    return _inline("\n".join(lines)).strip("\n")


def _is_fence(line: str) -> bool:
    stripped = line.strip()
    ticks = len(stripped) - len(stripped.lstrip("`"))
    return ticks >= 3 and "`" not in stripped[ticks:]


def _inline(src: str) -> str:
    out: list[str] = []
    i, n = 0, len(src)
    emphasis = _emphasis_pairs(src)
    while i < n:
        ch = src[i]
        if ch == "`":
            run = _run(src, i, "`")
            close = src.find("`" * run, i + run)
            while close != -1 and _run(src, close, "`") != run:
                close = src.find("`" * run, close + _run(src, close, "`"))
            if close == -1:
                out.append(src[i : i + run])
                i += run
            else:
                out.append(src[i : close + run])
                i = close + run
        elif ch == "\\" and i + 1 < n and src[i + 1] in _ESCAPABLE:
            out.append(src[i + 1])
            i += 2
        elif ch == "*" and i in emphasis:
            i += emphasis[i]
        elif src.startswith("&amp;", i):
            out.append("&")
            i += 5
        elif src.startswith("<span", i) and src.find(">", i) != -1:
            i = src.find(">", i) + 1
        elif src.startswith("</span>", i):
            i += 7
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _run(src: str, i: int, ch: str) -> int:
    j = i
    while j < len(src) and src[j] == ch:
        j += 1
    return j - i


def _emphasis_pairs(src: str) -> dict[int, int]:
    """Positions of `*`/`**` runs that open or close emphasis (outside code spans and escapes), mapped to
    their length. An opener is followed by a non-space and not preceded by a word character; a closer of
    the same length is preceded by a non-space and not followed by a word character, on the same line for
    single stars."""
    candidates: list[tuple[int, int]] = []
    i, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch == "`":
            run = _run(src, i, "`")
            close = src.find("`" * run, i + run)
            i = close + run if close != -1 else i + run
        elif ch == "\\":
            i += 2
        elif ch == "*":
            run = _run(src, i, "*")
            candidates.append((i, run))
            i += run
        else:
            i += 1
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for k, (start, run) in enumerate(candidates):
        if start in used or run > 2:
            continue
        before = src[start - 1] if start else " "
        after = src[start + run] if start + run < n else " "
        if after.isspace() or before.isalnum() or before == "\\":
            continue
        for end, run2 in candidates[k + 1 :]:
            if end in used or run2 != run:
                continue
            if run == 1 and "\n" in src[start:end]:
                break
            prev = src[end - 1]
            nxt = src[end + run2] if end + run2 < n else " "
            if not prev.isspace() and not nxt.isalnum() and end > start + run:
                pairs[start] = run
                pairs[end] = run2
                used.update((start, end))
                break
    return pairs
