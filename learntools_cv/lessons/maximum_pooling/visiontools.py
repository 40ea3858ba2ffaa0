"""Image, kernel and plotting helpers for the computer-vision lesson notebooks.

The lessons follow a feature through a convnet's base: *filter* (convolution with a kernel), *detect* (ReLU) and
*condense* (maximum pooling). This module gives the notebooks what they need to show that:

- reading images: `read_image`; the images shipped with the package are in `learntools_cv.data`;
- classic 3x3 kernels: `edge`, `blur`, `bottom_sobel`, `emboss`, `sharpen` (and `KERNELS`, by name);
- the extraction itself: `extraction_steps` computes the four stages with `tf.nn`, `show_extraction` plots them;
- translation invariance: `two_dots`, `circle`, `random_map`, `random_transform`, `pool_repeatedly` and
  `show_repeated_pooling`;
- plotting: `show_image`, `show_kernel`, `show_feature_maps`, `show_scores`;
- reproducibility: `set_seed`.

Plotting helpers draw with matplotlib and return their Axes or Figure; they never call `plt.show()` unless
asked to with `show=True`. In a notebook, end such a line with `;` (or assign the result) so that the figure is
not displayed twice. Helpers that compute something return numpy arrays, except `read_image`, which returns a
`tf.Tensor` ready for `tf.nn`. Everything random takes a `seed` and gives the same result for the same seed.

This module imports TensorFlow; the exercise checkers do not, and do not use it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = [
    "KERNELS",
    "blur",
    "bottom_sobel",
    "circle",
    "edge",
    "emboss",
    "extraction_steps",
    "pool_repeatedly",
    "random_map",
    "random_transform",
    "read_image",
    "set_seed",
    "sharpen",
    "show_extraction",
    "show_feature_maps",
    "show_image",
    "show_kernel",
    "show_repeated_pooling",
    "show_scores",
    "two_dots",
]


def _kernel(rows: list[list[float]]) -> np.ndarray:
    array = np.array(rows, dtype=np.float32)
    array.setflags(write=False)  # module constants: a learner's in-place edit must not change them for everyone
    return array


#: Outline (Laplacian) kernel: responds where a pixel differs from its eight neighbours.
edge = _kernel([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])
#: Gaussian blur: a weighted average of the neighbourhood (weights sum to 1).
blur = _kernel([[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]])
#: Bottom Sobel kernel: responds to horizontal edges that are darker above than below.
bottom_sobel = _kernel([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
#: Emboss kernel (the one the Maximum Pooling exercise uses): lights edges facing the bottom right.
emboss = _kernel([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
#: Sharpen kernel: the pixel, plus how much it differs from its four direct neighbours.
sharpen = _kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])

#: The predefined kernels by name.
KERNELS: dict[str, np.ndarray] = {
    "edge": edge,
    "blur": blur,
    "bottom_sobel": bottom_sobel,
    "emboss": emboss,
    "sharpen": sharpen,
}

Size = int | tuple[int, int]


def set_seed(seed: int) -> None:
    """Seed Python's `random`, NumPy's global generator, TensorFlow and Keras, so a notebook repeats exactly."""
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    # keras.utils.set_random_seed also seeds random, numpy and TensorFlow; the explicit calls keep this
    # function's promise even if a future Keras stops doing so.
    random.seed(seed)
    np.random.seed(seed)
    tf.random.set_seed(seed)
    keras.utils.set_random_seed(seed)


# --------------------------------------------------------------------------------------------------- images


def read_image(path: str | Path, channels: int = 1, size: Size | None = None) -> tf.Tensor:
    """Read a PNG or JPEG file as a float32 `tf.Tensor` of shape (height, width, channels), values in [0, 1].

    `channels` is 1 (grayscale), 3 (RGB) or 4 (RGBA). `size` (an int for a square, or (height, width)) resizes
    the image with bilinear interpolation, as `tf.image.resize` does by default.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No image file at {path}")
    if channels not in (1, 3, 4):
        raise ValueError(f"channels must be 1, 3 or 4, got {channels!r}")
    contents = tf.io.read_file(str(path))
    # decode_image tells PNG from JPEG itself; expand_animations=False keeps a GIF to one rank-3 frame.
    image = tf.io.decode_image(contents, channels=channels, expand_animations=False)
    image = tf.image.convert_image_dtype(image, tf.float32)
    if size is not None:
        image = tf.image.resize(image, _pair(size, "size"))
        image = tf.clip_by_value(image, 0.0, 1.0)
    return image


def _pair(value: Size | Sequence[int], name: str) -> tuple[int, int]:
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        pair = (int(value), int(value))
    else:
        items = tuple(value)  # type: ignore[arg-type]
        if len(items) != 2:
            raise ValueError(f"{name} must be an int or a pair of ints, got {value!r}")
        pair = (int(items[0]), int(items[1]))
    if min(pair) < 1:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return pair


def _numpy(value: Any) -> np.ndarray:
    if isinstance(value, (tf.Tensor, tf.Variable)):
        return np.asarray(value.numpy())
    return np.asarray(value)


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


def circle(size: Size, val: float | None = None, r_shrink: int = 0) -> np.ndarray:
    """A float32 array of shape `size` holding a filled disk centred in it, on zeros.

    The disk has the value `val` (1 if not given) and radius ``min(H, W) // 2 - r_shrink``.
    """
    height, width = _pair(size, "size")
    radius = min(height, width) // 2 - r_shrink
    if radius < 0:
        raise ValueError(f"r_shrink={r_shrink} leaves no disk in an image of size {(height, width)}")
    rows, cols = np.ogrid[:height, :width]
    inside = (rows - (height - 1) / 2) ** 2 + (cols - (width - 1) / 2) ** 2 <= radius**2
    return np.where(inside, 1.0 if val is None else float(val), 0.0).astype(np.float32)


def two_dots(
    size: Size = 32,
    distance: int = 3,
    dot_size: int = 1,
    row: int | None = None,
    col: int | None = None,
    seed: int | None = None,
    value: float = 1.0,
) -> np.ndarray:
    """A float32 (H, W) image of zeros with two square dots on one row, `distance` pixels apart.

    `distance` is measured between the dots' left edges (centre to centre), so dots with
    ``distance == dot_size`` touch. Where the pair goes:

    - `row` / `col` (the top-left pixel of the left dot) place it yourself;
    - otherwise, with a `seed`, at a random place that fits;
    - otherwise, near the middle of the image, inside one aligned block of ``2**k`` pixels (the smallest that
      holds the pair), so that ``k`` rounds of 2x2 max pooling merge the dots into one. A pair that straddles
      a block boundary stays apart longer: that is why pooling gives invariance to *small* shifts only.
    """
    height, width = _pair(size, "size")
    if dot_size < 1:
        raise ValueError(f"dot_size must be at least 1, got {dot_size}")
    if distance < dot_size:
        raise ValueError(f"distance ({distance}) must be at least dot_size ({dot_size}) so the dots do not overlap")
    span = distance + dot_size
    if span > width or dot_size > height:
        raise ValueError(f"two dots {distance} apart, each {dot_size} wide, do not fit in size {(height, width)}")
    rng = np.random.default_rng(seed)
    if row is None:
        row = int(rng.integers(0, height - dot_size + 1)) if seed is not None else _in_aligned_block(height, dot_size)
    if col is None:
        col = int(rng.integers(0, width - span + 1)) if seed is not None else _in_aligned_block(width, span)
    if not (0 <= row <= height - dot_size and 0 <= col <= width - span):
        raise ValueError(f"dots at row={row}, col={col} do not fit in size {(height, width)}")
    image = np.zeros((height, width), dtype=np.float32)
    for left in (col, col + distance):
        image[row : row + dot_size, left : left + dot_size] = value
    return image


def _in_aligned_block(length: int, span: int) -> int:
    """Where to start `span` pixels so they sit inside one aligned block of 2**k pixels near the middle."""
    block = 1 << (span - 1).bit_length()  # the smallest power of two >= span
    start = min((length // 2) // block * block, max(length - block, 0))
    return start + (min(block, length) - span) // 2


def random_map(
    size: Size, seed: int | None = None, n_blobs: int = 3, radius: float | None = None, threshold: float = 0.05
) -> np.ndarray:
    """A random sparse feature map: a float32 (H, W) array of zeros with `n_blobs` bright Gaussian blobs.

    Each blob has a random centre and a peak value between 0.5 and 1; `radius` is its standard deviation in
    pixels (``min(H, W) / 16`` if not given, at least 1). Values under `threshold` are set to 0, as if a ReLU
    had cut them, so most of the map is "dead space". The same `seed` gives the same map.
    """
    height, width = _pair(size, "size")
    if n_blobs < 0:
        raise ValueError(f"n_blobs must not be negative, got {n_blobs}")
    sigma = max(1.0, min(height, width) / 16) if radius is None else float(radius)
    if sigma <= 0:
        raise ValueError(f"radius must be positive, got {radius}")
    rng = np.random.default_rng(seed)
    centres = rng.uniform((0, 0), (height - 1, width - 1), size=(n_blobs, 2))
    peaks = rng.uniform(0.5, 1.0, size=n_blobs)
    rows, cols = np.mgrid[:height, :width].astype(np.float64)
    feature_map = np.zeros((height, width))
    for (r, c), peak in zip(centres, peaks):
        blob = peak * np.exp(-((rows - r) ** 2 + (cols - c) ** 2) / (2 * sigma**2))
        feature_map = np.maximum(feature_map, blob)
    feature_map[feature_map < threshold] = 0.0
    return feature_map.astype(np.float32)


def random_transform(
    image: Any, jitter: int = 0, rotate: bool = False, flip: bool = False, seed: int | None = None
) -> np.ndarray:
    """A randomly moved copy of `image` (shape (H, W), (H, W, C) or (1, H, W, C)), as float32 numpy.

    - `jitter`: shift by a random whole number of pixels in [-jitter, jitter] along each axis; pixels shifted
      in from outside are 0 (nothing wraps around);
    - `rotate`: first rotate by a random multiple of 90 degrees (square images only);
    - `flip`: then mirror left-right with probability 1/2.

    The same `seed` gives the same transformation.
    """
    array = _numpy(image).astype(np.float32)
    if array.ndim not in (2, 3, 4) or (array.ndim == 4 and array.shape[0] != 1):
        raise ValueError(f"expected an image of shape (H, W), (H, W, C) or (1, H, W, C), got shape {array.shape}")
    if jitter < 0:
        raise ValueError(f"jitter must not be negative, got {jitter}")
    axes = (1, 2) if array.ndim == 4 else (0, 1)
    rng = np.random.default_rng(seed)
    if rotate:
        if array.shape[axes[0]] != array.shape[axes[1]]:
            raise ValueError(f"rotate=True needs a square image, got shape {array.shape}")
        array = np.rot90(array, k=int(rng.integers(0, 4)), axes=axes)
    if flip and rng.integers(0, 2):
        array = np.flip(array, axis=axes[1])
    shifts = rng.integers(-jitter, jitter + 1, size=2)
    for axis, shift in zip(axes, shifts):
        array = _shift(array, int(shift), axis)
    return np.ascontiguousarray(array)


def _shift(array: np.ndarray, shift: int, axis: int) -> np.ndarray:
    """Move `array` by `shift` along `axis`, filling with zeros."""
    if shift == 0:
        return array
    result = np.zeros_like(array)
    length = array.shape[axis]
    source = [slice(None)] * array.ndim
    target = [slice(None)] * array.ndim
    if abs(shift) >= length:
        return result
    if shift > 0:
        source[axis], target[axis] = slice(0, length - shift), slice(shift, length)
    else:
        source[axis], target[axis] = slice(-shift, length), slice(0, length + shift)
    result[tuple(target)] = array[tuple(source)]
    return result


# ---------------------------------------------------------------------------------------------- extraction


def _as_batch(image: Any) -> tf.Tensor:
    """An image as a float32 batch of one grayscale image, (1, H, W, 1)."""
    tensor = tf.convert_to_tensor(_numpy(image), dtype=tf.float32)
    if tensor.shape.rank == 2:
        tensor = tensor[..., tf.newaxis]
    if tensor.shape.rank == 3:
        tensor = tensor[tf.newaxis]
    if tensor.shape.rank != 4 or tensor.shape[0] != 1:
        raise ValueError(f"expected one image of shape (H, W), (H, W, C) or (1, H, W, C), got shape {tensor.shape}")
    channels = tensor.shape[-1]
    if channels == 4:
        tensor = tensor[..., :3]  # the alpha channel carries no features
    if channels in (3, 4):
        tensor = tf.image.rgb_to_grayscale(tensor)
    elif channels != 1:
        raise ValueError(f"expected 1, 3 or 4 channels, got {channels}")
    return tensor


def _padding(padding: str, name: str) -> str:
    if not isinstance(padding, str) or padding.upper() not in ("VALID", "SAME"):
        raise ValueError(f"{name} must be 'VALID' or 'SAME', got {padding!r}")
    return padding.upper()


def _activation(activation: str | Callable[[tf.Tensor], tf.Tensor] | None) -> Callable[[tf.Tensor], tf.Tensor]:
    if activation is None or activation == "linear":
        return tf.identity
    if activation == "relu":
        return tf.nn.relu
    if callable(activation):
        return activation
    raise ValueError(f"activation must be 'relu', 'linear', None or a function, got {activation!r}")


def extraction_steps(
    image: Any,
    kernel: Any,
    conv_stride: int = 1,
    conv_padding: str = "VALID",
    activation: str | Callable[[tf.Tensor], tf.Tensor] | None = "relu",
    pool_size: Size = 2,
    pool_stride: Size = 2,
    pool_padding: str = "SAME",
) -> dict[str, np.ndarray]:
    """The four stages of feature extraction, computed with `tf.nn`, each as a float32 (H, W) numpy array.

    Returns ``{"input": ..., "filter": ..., "detect": ..., "condense": ...}``:

    - input: the image in grayscale (an RGB image is converted);
    - filter: ``tf.nn.conv2d`` of the input with the 2-D `kernel`;
    - detect: `activation` applied to the filtered image (ReLU by default);
    - condense: ``tf.nn.pool`` with ``pooling_type="MAX"`` of the detected image.
    """
    batch = _as_batch(image)
    kernel_tensor = tf.convert_to_tensor(_numpy(kernel), dtype=tf.float32)
    if kernel_tensor.shape.rank == 2:
        kernel_tensor = tf.reshape(kernel_tensor, [*kernel_tensor.shape, 1, 1])
    if kernel_tensor.shape.rank != 4 or tuple(kernel_tensor.shape[2:]) != (1, 1):
        raise ValueError(f"kernel must have shape (h, w) or (h, w, 1, 1), got {tuple(kernel_tensor.shape)}")
    filtered = tf.nn.conv2d(
        batch, kernel_tensor, strides=conv_stride, padding=_padding(conv_padding, "conv_padding")
    )
    detected = _activation(activation)(filtered)
    condensed = tf.nn.pool(
        detected,
        window_shape=_pair(pool_size, "pool_size"),
        pooling_type="MAX",
        strides=_pair(pool_stride, "pool_stride"),
        padding=_padding(pool_padding, "pool_padding"),
    )
    stages = {"input": batch, "filter": filtered, "detect": detected, "condense": condensed}
    return {name: np.asarray(tensor.numpy()[0, :, :, 0], dtype=np.float32) for name, tensor in stages.items()}


def show_extraction(
    image: Any,
    kernel: Any,
    conv_stride: int = 1,
    conv_padding: str = "VALID",
    activation: str | Callable[[tf.Tensor], tf.Tensor] | None = "relu",
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


# ------------------------------------------------------------------------------------------------- pooling


def pool_repeatedly(image: Any, times: int = 3, window: int = 2) -> list[np.ndarray]:
    """`image`, then the result of max pooling it 1, 2, ..., `times` times (window = stride = `window`).

    Returns ``times + 1`` float32 (H, W) arrays; pooling uses ``padding="SAME"``, so each is
    ``ceil(previous / window)`` on a side.
    """
    if times < 0:
        raise ValueError(f"times must not be negative, got {times}")
    current = _as_batch(image)
    results = [current]
    for _ in range(times):
        current = tf.nn.pool(
            current, window_shape=(window, window), pooling_type="MAX", strides=(window, window), padding="SAME"
        )
        results.append(current)
    return [np.asarray(r.numpy()[0, :, :, 0], dtype=np.float32) for r in results]


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


# ------------------------------------------------------------------------------------------------ plotting


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
