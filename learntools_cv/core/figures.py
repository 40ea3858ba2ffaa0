"""Drawing an outcome's figure data (learner map, expected map, difference) as a PNG, with matplotlib's
object API (never pyplot, so that no learner figure is touched). Imported only when a figure is shown."""

from __future__ import annotations

import io
from typing import Any

from learntools_cv.core.outcome import Figure


def png(figure: Figure, dpi: int = 72) -> bytes:
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
