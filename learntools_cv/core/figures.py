"""Drawing an outcome's figure data as a picture that tells the truth, with matplotlib's object API (never
pyplot, so that no learner figure is touched). Imported only when a figure is shown.

What the picture promises, and `tests/test_core_figures.py` checks on the drawn figure's own data:

- the learner's map and the expected map share one colour scale (with a colour bar), which includes 0, so the
  same value has the same colour in both and a constant map is drawn as bright as its value;
- their difference (answer minus expected) has a diverging colour map centred on zero, with its own colour
  bar: blue where the answer is too low, red where it is too high, white where it is right;
- each title stands over its own panel; the figure's heading (the variable's name) stands at the left, over
  the whole row;
- panels are about PANEL_PIXELS wide, readable in a notebook column, and tiny maps are drawn as blocks of
  pixels (no smoothing);
- a row of pictures (`Figure.panels`, such as a picture pooled again and again) shares one colour scale too;
- a series (`Figure.series`) is drawn as lines: the learner's and the expected one on one axis, each step
  at its own index, and below them their difference (answer minus expected) around a line at zero.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np

from learntools_cv.core.outcome import Figure

__all__ = ["PANEL_PIXELS", "draw", "png"]

PANEL_PIXELS = 320
"""The width of one panel, in pixels of the PNG (a notebook column is about 900 pixels wide)."""

PANELS_PER_ROW = 3
"""More panels than this wrap onto further rows, so that a notebook never shrinks them."""

MAPS_CMAP = "magma"
DIFFERENCE_CMAP = "RdBu_r"


def png(figure: Figure, dpi: int = 72) -> bytes:
    """The figure as PNG bytes."""
    drawn = draw(figure, dpi)
    buffer = io.BytesIO()
    drawn.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def draw(figure: Figure, dpi: int = 72) -> Any:
    """The figure as a matplotlib `Figure` (object API; nothing is registered with pyplot)."""
    from matplotlib.figure import Figure as MplFigure

    if figure.series:
        return _draw_series(figure, dpi)
    panels = _panels(figure)
    columns = min(len(panels), PANELS_PER_ROW)
    rows = -(-len(panels) // columns)
    inches = PANEL_PIXELS / dpi
    height = rows * inches * 1.12 + (0.35 if figure.title else 0.0)
    fig = MplFigure(figsize=(inches * columns + 0.9, height), dpi=dpi, layout="constrained")
    if figure.title:
        fig.suptitle(figure.title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    grid = fig.subplots(rows, columns, squeeze=False).ravel()
    for unused in grid[len(panels):]:
        unused.set_axis_off()
    axes = grid[: len(panels)]
    maps = [values for role, _, values in panels if role == "map"]
    low, high = _zero_based_range(maps)
    drawn_maps = []
    for ax, (role, title, values) in zip(axes, panels):
        if role == "difference":
            limit = _largest_magnitude(values)
            image = ax.imshow(values, cmap=DIFFERENCE_CMAP, vmin=-limit, vmax=limit, interpolation="nearest")
            fig.colorbar(image, ax=ax, shrink=0.8)
        else:
            image = ax.imshow(values, cmap=MAPS_CMAP, vmin=low, vmax=high, interpolation="nearest")
            drawn_maps.append(ax)
        ax.set_title(title, fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
    if drawn_maps:
        fig.colorbar(drawn_maps[-1].get_images()[0], ax=drawn_maps, shrink=0.8)
    return fig


SERIES_COLORS = {"yours": "#c0392b", "expected": "#2e6da4", "difference": "#555555"}
"""The learner's line, the expected line and their difference."""


def _draw_series(figure: Figure, dpi: int) -> Any:
    from matplotlib.figure import Figure as MplFigure

    actual = np.asarray(figure.actual, dtype=np.float64).reshape(-1)
    expected = None if figure.expected is None else np.asarray(figure.expected, dtype=np.float64).reshape(-1)
    # The expected series when it has the answer's length: then their difference is drawn too.
    paired = expected if expected is not None and expected.shape == actual.shape else None
    inches = PANEL_PIXELS / dpi
    width = inches * 2.2
    two = paired is not None
    fig = MplFigure(figsize=(width, inches * (1.45 if two else 0.9) + 0.35), dpi=dpi, layout="constrained")
    if figure.title:
        fig.suptitle(figure.title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    axes = fig.subplots(2 if two else 1, 1, squeeze=False, sharex=True,
                        gridspec_kw={"height_ratios": [2, 1]} if two else None).ravel()
    top = axes[0]
    if expected is not None:
        top.plot(np.arange(expected.size), expected, color=SERIES_COLORS["expected"], linewidth=2.5,
                 alpha=0.6, label="Expected")
    top.plot(np.arange(actual.size), actual, color=SERIES_COLORS["yours"], linewidth=1.2, label="Your answer")
    top.legend(loc="best", fontsize=9)
    top.set_title("Your answer and the expected series" if expected is not None else "Your answer", fontsize=11)
    if paired is not None:
        bottom = axes[1]
        with np.errstate(all="ignore"):
            bottom.plot(np.arange(actual.size), actual - paired, color=SERIES_COLORS["difference"], linewidth=1.2)
        bottom.axhline(0.0, color="black", linewidth=0.8)
        bottom.set_title("Difference (yours - expected)", fontsize=11)
        bottom.set_xlabel("step")
    else:
        top.set_xlabel("step")
    return fig


def _panels(figure: Figure) -> list[tuple[str, str, np.ndarray]]:
    """(role, title, 2-D values) for each panel: 'map' panels share a scale, a 'difference' has its own."""
    if figure.panels:
        return [("map", title, _two_d(values)) for title, values in figure.panels]
    actual = _two_d(figure.actual)
    panels = [("map", "Your answer", actual)]
    if figure.expected is not None:
        expected = _two_d(figure.expected)
        panels.append(("map", "Expected", expected))
        if expected.shape == actual.shape:
            with np.errstate(all="ignore"):
                panels.append(("difference", "Difference (yours - expected)", actual - expected))
    return panels


def _two_d(values: Any) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    while array.ndim > 2 and array.shape[0] == 1:
        array = array[0]
    while array.ndim > 2 and array.shape[-1] == 1:
        array = array[..., 0]
    return array.reshape(1, -1) if array.ndim < 2 else array


def _zero_based_range(arrays: list[np.ndarray]) -> tuple[float, float]:
    """One range over every finite value and 0: 0 has one colour everywhere, and a constant map is drawn
    as bright as its value, not at the bottom of a range of zero width."""
    finite = [a[np.isfinite(a)] for a in arrays]
    low = min([0.0, *(float(f.min()) for f in finite if f.size)])
    high = max([0.0, *(float(f.max()) for f in finite if f.size)])
    return (low, high) if high > low else (low, low + 1.0)


def _largest_magnitude(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    largest = float(np.abs(finite).max()) if finite.size else 0.0
    return largest if largest > 0 else 1.0
