"""Showing outcomes: in a Jupyter kernel, in a terminal, and in HTML feedback files.

An `Outcome` is data that says itself as plain text and as markdown (`learntools_cv.core.outcome`), with the
words and colours of `learntools_cv.core.status`. This module shows it:

- `show`: rich output (markdown, and the figure as a PNG) inside a Jupyter kernel, plain text everywhere else;
- `html`: a self-contained HTML fragment, for feedback files;
- `text` and `markdown`: the outcome's own two forms, for callers that hold a function rather than an outcome.

IPython is imported only when something is displayed in a kernel, matplotlib only when a figure is drawn.
"""

from __future__ import annotations

import base64
import html as _html
import sys

from learntools_cv.core.outcome import Figure, Outcome
from learntools_cv.core.plaintext import plain_text
from learntools_cv.core.status import COLORS, LABELS

__all__ = ["COLORS", "LABELS", "figure_png", "html", "in_notebook", "markdown", "plain_text", "show", "show_markdown",
           "text"]


def text(outcome: Outcome) -> str:
    """The whole message as plain text; its first line starts with the label."""
    return outcome.message


def markdown(outcome: Outcome) -> str:
    """The whole message as markdown, the label bold and coloured."""
    return outcome.markdown


def html(outcome: Outcome, *, with_figure: bool = True) -> str:
    """A self-contained HTML fragment of the outcome (for feedback files): the label, the message as
    preformatted text, and the picture as an inline PNG."""
    color = COLORS[outcome.status]
    parts = [
        f'<div class="outcome outcome-{outcome.status.value}">',
        f'<strong style="color:{color}">{_html.escape(outcome.label)}</strong>',
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
    from learntools_cv.core import figures  # matplotlib only when a picture is drawn

    return figures.png(figure, dpi)
