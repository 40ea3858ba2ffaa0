"""Showing outcomes: rich output (markdown with a coloured label, and a small figure) in Jupyter, plain
text everywhere else. This is the only core module that imports IPython, and only when it displays."""

from __future__ import annotations

import io
import sys
from typing import Any

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
    """Draw the learner's map, the expected map and their difference side by side, as PNG bytes."""
    import numpy as np
    from matplotlib.figure import Figure as MplFigure

    panels: list[tuple[str, Any]] = list(figure.panels) or [("Your answer", figure.actual)]
    if figure.expected is not None and not figure.panels:
        panels.append(("Expected", figure.expected))
        if np.shape(figure.expected) == np.shape(figure.actual):
            with np.errstate(all="ignore"):
                panels.append(("Difference", np.asarray(figure.actual, float) - np.asarray(figure.expected, float)))
    fig = MplFigure(figsize=(2.4 * len(panels), 2.6))
    for i, (title, data) in enumerate(panels, 1):
        ax = fig.add_subplot(1, len(panels), i)
        values = np.asarray(data, dtype=float)
        if title == "Difference":  # centred on zero: blue where the answer is too low, red where too high
            limit = float(np.nanmax(np.abs(values))) if np.isfinite(values).any() else 1.0
            ax.imshow(values, cmap="coolwarm", vmin=-limit or -1.0, vmax=limit or 1.0)
        else:
            ax.imshow(values, cmap="magma")
        ax.set_title(title, fontsize=10)
        ax.axis("off")
    if figure.title:
        fig.suptitle(figure.title, fontsize=10)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
