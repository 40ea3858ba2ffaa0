"""Pictures of the sliding window, drawn with pyplot from the geometry in `learntools_cv.vision.windows`:

- `show_sliding_window`: the cells of one axis (padding included) and, under them, one bar per output
  reaching over the cells its window reads, a dot on each cell the kernel weighs;
- `show_receptive_field`: a stack of layers as rows of cells, one output on top, and the cells below that it
  depends on, joined to the windows that read them;
- `show_series`: a series and its smoothed version, each smoothed value drawn at the last step of its window.

Each returns its Axes and never calls `plt.show()` unless asked to with `show=True`. What they draw can be
read back from the Axes: the artists carry a `gid` (`"window-3"`, `"taps-3"`, `"padding"`, `"level-1-cell-4"`,
`"series"`, `"smoothed"`), which the tests use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from learntools_cv.reference import as_padding
from learntools_cv.vision.windows import Layer, as_layers, field_cells, receptive_field, window_starts

__all__ = ["show_receptive_field", "show_series", "show_sliding_window"]

_PALETTE = ("#c0392b", "#2e6da4", "#1f8a70", "#b7950b", "#8e44ad", "#d35400")
_CELL = "#f4f4f4"
_PAD = "#d9d9d9"
_EDGE = "#7f7f7f"


def show_sliding_window(
    size: int,
    window: int,
    stride: int = 1,
    padding: str = "VALID",
    dilation: int = 1,
    ax: Axes | None = None,
    show: bool = False,
) -> Axes:
    """Draw where the windows sit along one axis of `size` cells: the cells in a row (padded ones grey), and
    under them one bar per output, from the first cell its window reads to the last, with a dot on each cell
    the kernel weighs (`dilation` cells apart). The title gives the count of outputs."""
    padding = as_padding(padding)
    layer = Layer(window, stride, dilation)
    starts = window_starts(size, window, stride, padding, dilation)
    first = min([0, *starts])
    last = max([size - 1, *(s + layer.extent - 1 for s in starts)])
    ax = plt.gca() if ax is None else ax
    for cell in range(first, last + 1):
        real = 0 <= cell < size
        ax.add_patch(
            Rectangle((cell - 0.45, -0.45), 0.9, 0.9, facecolor=_CELL if real else _PAD, edgecolor=_EDGE,
                      hatch=None if real else "//", gid="cell" if real else "padding")
        )
    for i, start in enumerate(starts):
        y = -(i + 1.2)
        colour = _PALETTE[i % len(_PALETTE)]
        ax.add_patch(
            Rectangle((start - 0.45, y - 0.3), layer.extent - 0.1, 0.6, facecolor=colour, alpha=0.25,
                      edgecolor=colour, gid=f"window-{i}")
        )
        taps = start + dilation * np.arange(window)
        inside = (taps >= 0) & (taps < size)
        ax.plot(taps, np.full(taps.shape, y), linestyle="none", marker="o", color=colour, gid=f"taps-{i}")
        ax.plot(taps[~inside], np.full(int((~inside).sum()), y), linestyle="none", marker="o", color="white",
                markersize=3, gid=f"padded-taps-{i}")
    ax.set_xlim(first - 0.7, last + 0.7)
    ax.set_ylim(-(len(starts) + 0.9), 0.7)
    ax.set_yticks([-(i + 1.2) for i in range(len(starts))], [f"output {i}" for i in range(len(starts))])
    ax.set_xticks(range(first, last + 1))
    ax.tick_params(axis="x", labelsize=8, top=True, labeltop=True, bottom=False, labelbottom=False)
    ax.set_aspect("equal")
    for spine in ax.spines.values():
        spine.set_visible(False)
    words = f"window {window}" + (f" (dilation {dilation})" if dilation > 1 else "")
    count = len(starts)
    ax.set_title(f"{size} cells, {words}, stride {stride}, {padding!r}: {count} output{'s' if count != 1 else ''}")
    if show:
        plt.show()
    return ax


def show_receptive_field(
    layers: Sequence[Any],
    names: Sequence[str] | None = None,
    ax: Axes | None = None,
    show: bool = False,
) -> Axes:
    """Draw a stack of sliding-window layers along one axis: the input at the bottom, each layer above it,
    every cell at the middle of the input cells it sees. One output of the top layer and the cells it depends
    on are coloured, each joined to the cells its window reads. `layers` are window sizes, (size, stride[,
    dilation]) tuples or `Layer`s; `names` label the rows above the input."""
    stack = as_layers(layers)
    if names is not None and len(names) != len(stack):
        raise ValueError(f"got {len(names)} names for {len(stack)} layers")
    labels = ["input", *(names if names is not None else (f"layer {i + 1}" for i in range(len(stack))))]
    levels = field_cells(stack, 0)
    field = receptive_field(stack)
    left, right = -2.0, field + 1.0  # the field, and two cells of context on either side
    ax = plt.gca() if ax is None else ax
    jump, seen = 1, 1
    centres: list[dict[int, float]] = []
    for level, cells in enumerate(levels):
        if level > 0:
            layer = stack[level - 1]
            seen += (layer.extent - 1) * jump
            jump *= layer.stride
        # Cell i of this level sees input cells i * jump to i * jump + seen - 1: it sits at their middle.
        middle = (seen - 1) / 2
        row = {}
        for i in range(int(np.ceil((left - middle) / jump)), int(np.floor((right - middle) / jump)) + 1):
            x = i * jump + middle
            on = i in cells
            ax.add_patch(
                Rectangle((x - 0.4, level * 2 - 0.4), 0.8, 0.8,
                          facecolor=_PALETTE[level % len(_PALETTE)] if on else _CELL, edgecolor=_EDGE,
                          gid=f"level-{level}-cell-{i}" if on else None)
            )
            row[i] = x
        centres.append(row)
    for level in range(1, len(levels)):
        layer = stack[level - 1]
        for i in levels[level]:
            for j in range(layer.size):
                below = i * layer.stride + j * layer.dilation
                ax.plot([centres[level][i], centres[level - 1][below]], [level * 2 - 0.4, level * 2 - 1.6],
                        color=_EDGE, linewidth=0.8)
    ax.set_yticks([2 * level for level in range(len(levels))], labels)
    ax.set_xticks([])
    ax.set_aspect("equal")
    ax.set_xlim(left - 0.7, right + 0.7)
    ax.set_ylim(-0.8, 2 * len(stack) + 0.8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(f"One output on top sees {field} input cells")
    if show:
        plt.show()
    return ax


def show_series(
    series: Any,
    smoothed: Any = None,
    dates: Any = None,
    needs: str = "",
    ax: Axes | None = None,
    figsize: tuple[float, float] = (12, 3.5),
    show: bool = False,
) -> Axes | None:
    """Plot a series and, if given, its smoothed version (a 'VALID' convolution with stride 1, or any series
    of the same length or shorter). Each smoothed value is drawn at the last step of its window, so a
    smoothed series k - 1 steps shorter starts k - 1 steps in. `dates` label the steps. Without `ax`, a new
    figure of `figsize` inches is made, once there is something to draw.

    While `smoothed` is still the placeholder `____` nothing is drawn (no empty figure either) and the one
    line `needs` is printed instead; a value that is no series gets one line saying what it is."""
    from learntools_cv.core.placeholder import is_placeholder
    from learntools_cv.core.values import describe_non_array

    values = _one_series(series)
    if smoothed is not None:
        if is_placeholder(smoothed):
            print(needs or "Nothing to draw yet: the smoothed series is still `____`.")
            return None
        what = describe_non_array(smoothed)
        if what is not None:
            print(f"Nothing to draw for the smoothed series: it is {what.replace('`', '')}.")
            return None
        try:
            smooth = _one_series(smoothed)
        except (TypeError, ValueError) as exc:  # a learner's answer of the wrong shape: a line, not a traceback
            print(f"Nothing to draw for the smoothed series: {str(exc).replace('expected', 'it should be')}.")
            return None
        if smooth.size > values.size:
            print(f"Nothing to draw for the smoothed series: it has {smooth.size} steps, more than the series' "
                  f"{values.size}.")
            return None
    x = np.arange(values.size) if dates is None else np.asarray(dates)
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    ax.plot(x, values, color="#7f7f7f", linewidth=1.0, label="series", gid="series")
    if smoothed is not None:
        offset = values.size - smooth.size
        ax.plot(x[offset:], smooth, color=_PALETTE[0], linewidth=2.0, label="smoothed", gid="smoothed")
        ax.legend(loc="best")
    if show:
        plt.show()
    return ax


def _one_series(value: Any) -> np.ndarray:
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("expected one series of numbers") from None
    squeezed = array.reshape([d for d in array.shape if d != 1]) if array.size > 1 else array.reshape(-1)
    if squeezed.ndim != 1:
        raise ValueError(f"expected one series, of shape (W,) or (1, W, 1), not shape {array.shape}")
    return squeezed
