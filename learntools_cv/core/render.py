"""Showing outcomes: rich output (markdown with a coloured label, and a small figure) in Jupyter, plain
text everywhere else. This is the only core module that imports IPython, and only when it displays."""

from __future__ import annotations

import sys

from learntools_cv.core.outcome import Figure, Outcome


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
        print(outcome.message)
        return
    from IPython.display import display

    display({"text/markdown": outcome.markdown, "text/plain": outcome.message}, raw=True)
    if outcome.figure is not None:
        try:
            png = figure_png(outcome.figure)
        except Exception:  # a picture is a bonus; the words above already said what is wrong
            return
        display({"image/png": png, "text/plain": "<comparison figure>"}, raw=True)


def show_markdown(markdown: str, text: str) -> None:
    """Display a note that is not an outcome (for example the parts of a multipart question)."""
    if not in_notebook():
        print(text)
        return
    from IPython.display import display

    display({"text/markdown": markdown, "text/plain": text}, raw=True)


def figure_png(figure: Figure, dpi: int = 72) -> bytes:
    """The outcome's picture as PNG bytes (drawn by `learntools_cv.core.figures`)."""
    from learntools_cv.core import figures

    return figures.png(figure, dpi)
