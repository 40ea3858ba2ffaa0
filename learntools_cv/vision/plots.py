"""Plots for the lesson notebooks, drawn with matplotlib's pyplot: images, kernels, feature maps, scores, the
stages of feature extraction and repeated pooling.

Plotting helpers return their Axes or Figure; they never call `plt.show()` unless asked to with `show=True`.
In a notebook, end such a line with `;` (or assign the result) so that the figure is not displayed twice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from learntools_cv.vision.features import extraction_steps, pool_repeatedly
from learntools_cv.vision.patterns import Size, _numpy

__all__ = [
    "show_extraction",
    "show_feature_maps",
    "show_image",
    "show_kernel",
    "show_maps",
    "show_repeated_pooling",
    "show_scores",
]


def _displayable(image: Any) -> np.ndarray:
    """An image as (H, W) or (H, W, 3|4): drop a batch of one and a single channel.

    Integer images keep their dtype (matplotlib reads uint8 RGB as 0-255); anything else becomes float32.
    """
    array = _numpy(image)
    if not np.issubdtype(array.dtype, np.integer):
        array = array.astype(np.float32, copy=False)
    if array.ndim == 4:
        if array.shape[0] != 1:
            raise ValueError(f"can only show one image, got a batch of {array.shape[0]} (shape {array.shape})")
        array = array[0]
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim == 2 or (array.ndim == 3 and array.shape[-1] in (3, 4)):
        return array
    raise ValueError(
        f"expected an image of shape (H, W), (H, W, C) or (1, H, W, C) with C in 1, 3, 4; got shape {array.shape}"
    )


def show_extraction(
    image: Any,
    kernel: Any,
    conv_stride: int = 1,
    conv_padding: str = "VALID",
    activation: str | Callable[[Any], Any] | None = "relu",
    pool_size: Size = 2,
    pool_stride: Size = 2,
    pool_padding: str = "SAME",
    subplot_shape: tuple[int, int] = (1, 4),
    figsize: tuple[float, float] | None = None,
    cmap: str = "magma",
    show: bool = False,
) -> Figure:
    """Plot the four stages of `extraction_steps`: Input -> Filter -> Detect -> Condense.

    The panels fill a grid of `subplot_shape` (rows, columns), row by row; the input is drawn in gray, the
    rest with `cmap`. Returns the figure; its first four axes are the panels, in order.
    """
    nrows, ncols = subplot_shape
    if nrows * ncols < 4:
        raise ValueError(f"subplot_shape {subplot_shape} has fewer than the 4 panels needed")
    stages = extraction_steps(
        image, kernel, conv_stride, conv_padding, activation, pool_size, pool_stride, pool_padding
    )
    if figsize is None:
        figsize = (3.5 * ncols, 3.8 * nrows)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, squeeze=False, layout="constrained")
    flat = axes.ravel()
    for ax, (name, stage) in zip(flat, stages.items()):
        show_image(stage, cmap="gray" if name == "input" else cmap, title=name.capitalize(), ax=ax)
    for ax in flat[4:]:
        ax.set_axis_off()
    if show:
        plt.show()
    return fig


def show_repeated_pooling(
    image: Any,
    times: int = 3,
    window: int = 2,
    cmap: str = "magma",
    figsize: tuple[float, float] | None = None,
    show: bool = False,
) -> Figure:
    """Plot `image` and its 1..`times` times max-pooled versions side by side; returns the figure.

    Pixels are drawn as blocks (no smoothing) and on one colour scale, so you can see two nearby features
    fall into the same pooled pixel while two distant ones stay apart.
    """
    stages = pool_repeatedly(image, times, window)
    if figsize is None:
        figsize = (3.2 * len(stages), 3.6)
    fig, axes = plt.subplots(1, len(stages), figsize=figsize, squeeze=False, layout="constrained")
    vmax = max(float(stages[0].max()), 1e-6)
    for k, (ax, stage) in enumerate(zip(axes.ravel(), stages)):
        ax.imshow(stage, cmap=cmap, vmin=0.0, vmax=vmax, interpolation="nearest")
        shape = f"{stage.shape[0]}\N{MULTIPLICATION SIGN}{stage.shape[1]}"
        ax.set_title("Original" if k == 0 else f"Pooled {k}\N{MULTIPLICATION SIGN}")
        ax.set_xlabel(shape)
        ax.set_xticks([])
        ax.set_yticks([])
    if show:
        plt.show()
    return fig


def show_image(image: Any, cmap: str | None = None, title: str | None = None, ax: Axes | None = None) -> Axes:
    """Draw an image on `ax` (the current Axes if not given), without axis ticks; returns the Axes.

    Accepts a tf.Tensor or array of shape (H, W), (H, W, C) or (1, H, W, C); a batch of one and a single
    channel are dropped. `cmap` applies to one-channel images (matplotlib's default colormap if None).
    """
    array = _displayable(image)
    ax = plt.gca() if ax is None else ax
    if array.ndim == 3 and array.dtype == np.float32:
        array = np.clip(array, 0.0, 1.0)  # RGB floats outside [0, 1] would be clipped by matplotlib, noisily
    ax.imshow(array, cmap=cmap if array.ndim == 2 else None)
    if title is not None:
        ax.set_title(title)
    ax.set_axis_off()
    return ax


def _format_number(value: float, digits: int | None) -> str:
    if digits is not None:
        return f"{value:.{digits}f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.3g}"


def show_kernel(
    kernel: Any,
    label: bool = True,
    digits: int | None = None,
    text_size: float = 28,
    ax: Axes | None = None,
    cmap: str = "RdBu_r",
) -> Axes:
    """Draw a small 2-D kernel as a grid of coloured cells, with each cell's number written in it.

    Colours are centred on 0 (red positive, blue negative with the default `cmap`). `digits` fixes the number
    of decimals written; by default whole numbers are written as such and others to 3 significant figures.
    `label=False` leaves the numbers out. Returns the Axes.
    """
    array = _numpy(kernel).astype(np.float32)
    if array.ndim == 4 and array.shape[2:] == (1, 1):
        array = array[:, :, 0, 0]
    if array.ndim != 2:
        raise ValueError(f"kernel must be 2-D (or (h, w, 1, 1)), got shape {array.shape}")
    ax = plt.gca() if ax is None else ax
    limit = max(float(np.abs(array).max()), 1e-6)
    ax.imshow(array, cmap=cmap, vmin=-limit, vmax=limit)
    rows, cols = array.shape
    ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="both", bottom=False, left=False, labelbottom=False, labelleft=False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if label:
        for (r, c), value in np.ndenumerate(array):
            colour = "white" if abs(value) / limit > 0.6 else "black"
            ax.text(c, r, _format_number(float(value), digits), ha="center", va="center", color=colour,
                    fontsize=text_size)
    return ax


def _stack(feature_maps: Any) -> np.ndarray:
    array = _numpy(feature_maps).astype(np.float32)
    if array.ndim == 4:
        if array.shape[0] != 1:
            raise ValueError(f"expected the feature maps of one image, got a batch of {array.shape[0]}")
        array = array[0]
    if array.ndim == 2:
        array = array[..., np.newaxis]
    if array.ndim != 3:
        raise ValueError(f"expected feature maps of shape (H, W, C) or (1, H, W, C), got shape {array.shape}")
    return array


def show_feature_maps(
    feature_maps: Any,
    ncols: int = 4,
    names: Sequence[str] | None = None,
    show_scores: bool = False,
    shared_scale: bool = True,
    cmap: str = "magma",
    figsize: tuple[float, float] | None = None,
    show: bool = False,
) -> Figure:
    """Plot a stack of feature maps, shape (H, W, C) or (1, H, W, C), as a grid of C images; returns the figure.

    `names` titles the maps (else "Feature 0", ...). `show_scores=True` adds each map's average, which is what
    global average pooling keeps of it. `shared_scale=True` draws all maps on one colour scale so that their
    strengths can be compared. Unused grid cells are blanked.
    """
    stack = _stack(feature_maps)
    count = stack.shape[-1]
    if names is not None and len(names) != count:
        raise ValueError(f"got {len(names)} names for {count} feature maps")
    if ncols < 1:
        raise ValueError(f"ncols must be at least 1, got {ncols}")
    ncols = min(ncols, count)
    nrows = math.ceil(count / ncols)
    if figsize is None:
        figsize = (2.6 * ncols, 2.9 * nrows + (0.3 * nrows if show_scores else 0))
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize, squeeze=False, layout="constrained")
    vmax = max(float(stack.max()), 1e-6) if shared_scale else None
    vmin = min(float(stack.min()), 0.0) if shared_scale else None
    for index, ax in enumerate(axes.ravel()):
        if index >= count:
            ax.set_axis_off()
            continue
        feature = stack[..., index]
        ax.imshow(feature, cmap=cmap, vmin=vmin, vmax=vmax)
        title = names[index] if names is not None else f"Feature {index}"
        if show_scores:
            title += f"\naverage {feature.mean():.3f}"
        ax.set_title(title, fontsize=11)
        ax.set_axis_off()
    if show:
        plt.show()
    return fig


def show_scores(
    scores: Any | Mapping[str, Any],
    names: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = "Global average pooling",
) -> Axes:
    """A bar chart of pooled feature scores; returns the Axes.

    `scores` is one vector of C scores (shape (C,) or (1, C), e.g. the output of `GlobalAvgPool2D` for one
    image), or a dict from a label (such as "car" or "truck") to such a vector, drawn as grouped bars with a
    legend. `names` labels the C features on the x axis.
    """
    groups = dict(scores) if isinstance(scores, Mapping) else {None: scores}
    vectors = {label: _numpy(value).astype(np.float32).reshape(-1) for label, value in groups.items()}
    lengths = {v.size for v in vectors.values()}
    if len(lengths) != 1:
        raise ValueError(f"every score vector must have the same length, got lengths {sorted(lengths)}")
    count = lengths.pop()
    if names is not None and len(names) != count:
        raise ValueError(f"got {len(names)} names for {count} scores")
    ax = plt.gca() if ax is None else ax
    positions = np.arange(count)
    width = 0.8 / len(vectors)
    for k, (label, vector) in enumerate(vectors.items()):
        offset = (k - (len(vectors) - 1) / 2) * width
        ax.bar(positions + offset, vector, width=width, label=label)
    ax.set_xticks(positions)
    ax.set_xticklabels(names if names is not None else [str(i) for i in positions],
                       rotation=45 if names is not None else 0, ha="right" if names is not None else "center")
    ax.set_ylabel("average activation")
    if title is not None:
        ax.set_title(title)
    if len(vectors) > 1 or None not in vectors:
        ax.legend()
    return ax


def show_maps(
    maps: Mapping[str, Any],
    needs: str = "",
    shared_scale: bool = True,
    cmap: str = "magma",
    figsize: tuple[float, float] | None = None,
    show: bool = False,
) -> Figure | None:
    """Draw feature maps side by side, each under its title (the keys of `maps`), on one colour scale that
    includes 0 (with `shared_scale`), pixels as blocks; returns the figure.

    A notebook cell that draws a learner's answer uses this, so that it never fails before the answer
    exists: when a value is still the placeholder `____`, nothing is drawn and the one line `needs` is
    printed instead (for example "Answer question 1 first to see the condensed map."); when a value is no
    map at all (None, a function, a batch of several), one line says what it is.
    """
    arrays = {}
    for title, value in maps.items():
        problem = _not_drawable(value)
        if problem is not None:
            print(needs if problem == "" and needs else f"Nothing to draw for {title!r}: {problem or 'no answer yet'}.")
            return None
        arrays[title] = _one_map(np.asarray(value, dtype=np.float64))
    if figsize is None:
        figsize = (4.8 * len(arrays), 4.8)
    fig, axes = plt.subplots(1, len(arrays), figsize=figsize, squeeze=False, layout="constrained")
    low, high = _zero_based_range(list(arrays.values())) if shared_scale else (None, None)
    for ax, (title, array) in zip(axes.ravel(), arrays.items()):
        lo, hi = (low, high) if shared_scale else _zero_based_range([array])
        ax.imshow(array, cmap=cmap, vmin=lo, vmax=hi, interpolation="nearest")
        ax.set_title(title)
        ax.set_axis_off()
    if show:
        plt.show()
    return fig


def _not_drawable(value: Any) -> str | None:
    """None for a value that can be drawn as one 2-D map; '' for the placeholder (no answer yet); otherwise
    a few words saying what the value is."""
    from learntools_cv.core.placeholder import is_placeholder
    from learntools_cv.core.values import describe_non_array

    if is_placeholder(value):
        return ""
    what = describe_non_array(value)
    if what is not None:
        return f"it is {what.replace('`', '')}"
    try:
        array = np.asarray(value)
    except Exception:
        return "it could not be read as numbers"
    if array.dtype.kind not in "biuf":
        return f"it holds {array.dtype} values, not numbers"
    if _one_map(array) is None or array.size == 0:
        return f"its shape is {tuple(array.shape)}, which is not a single map"
    return None


def _one_map(array: np.ndarray) -> np.ndarray | None:
    """The (H, W) map in a (H, W), (H, W, 1), (1, H, W) or (1, H, W, 1) array; None for anything else."""
    if array.ndim == 4 and array.shape[0] == 1 and array.shape[3] == 1:
        return array[0, :, :, 0]
    if array.ndim == 3 and array.shape[2] == 1:
        return array[:, :, 0]
    if array.ndim == 3 and array.shape[0] == 1:
        return array[0]
    return array if array.ndim == 2 else None


def _zero_based_range(arrays: Sequence[np.ndarray]) -> tuple[float, float]:
    """A colour range that covers every finite value and 0, so that 0 has one colour in every panel and a
    constant map is drawn as bright as its value (not at the bottom of a range of zero width)."""
    finite = [a[np.isfinite(a)] for a in arrays]
    low = min([0.0, *(float(f.min()) for f in finite if f.size)])
    high = max([0.0, *(float(f.max()) for f in finite if f.size)])
    if high == low:
        high = low + 1.0
    return low, high
