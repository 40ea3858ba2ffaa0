"""Reference answers for the exercises: the TensorFlow ops the lessons use, written again in numpy.

Checkers compute the expected value of a question with these functions, so that checking never needs
TensorFlow. Each function computes what its TensorFlow counterpart computes (`tf.nn.pool`, keras
`MaxPooling2D` / `AveragePooling2D` / `GlobalAveragePooling2D`, `tf.nn.conv2d`, `tf.nn.relu`), including
TensorFlow's SAME padding, and `tests/test_reference.py` checks that against TensorFlow.

Images are channels-last: (H, W), (H, W, C) or (N, H, W, C). Bad arguments are programmer errors and raise
`ValueError` with a message that says what to pass instead.

`conv1d` is `conv2d` over a picture one row high: a window sliding along a sequence (a time series), as
`tf.nn.conv1d` computes it. Both take TensorFlow's `dilations`: the kernel's taps `dilations` cells apart, the
window as wide as `(k - 1) * dilations + 1` cells for SAME padding and for VALID fitting.

One place where these functions choose a behaviour rather than copy TensorFlow: a window larger than the
input under VALID padding gives an empty result (that axis has length 0), and `pool_output_size` returns 0.
TensorFlow has no single answer there: pooling returns an empty tensor when the window is one cell too large
and raises when it is larger (float32 max pooling may instead raise AbortedError or kill the process with
SIGFPE), and `tf.nn.conv2d` returns an input-shaped tensor of uninitialised memory.

Max pooling follows TensorFlow's CPU kernel where numpy would not: NaN is skipped, not propagated, and no
result is below the dtype's lowest finite value, so a window of only NaN or -inf gives that value (measured with
`tf.nn.pool` 2.21, float16 included; some earlier builds started float16 windows at -inf instead;
`tests/test_reference.py` pins it). Average pooling propagates NaN, as TensorFlow does.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Union

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "as_nhwc",
    "as_padding",
    "as_pair",
    "conv1d",
    "conv2d",
    "global_avg_pool",
    "pool2d",
    "pool_output_shape",
    "pool_output_size",
    "relu",
]

IntOrPair = Union[int, Sequence[int]]
"""A size given once for both spatial axes, or as (rows, columns)."""

_PADDINGS = ("SAME", "VALID")
_MODES = {"max": "max", "avg": "avg", "average": "avg"}
_NHWC_RANKS = "rank 2 (H, W), 3 (H, W, C) or 4 (N, H, W, C)"
# Input cells whose row results `_reduce_blocks` keeps at once (32K: about 128 KB of float32, in cache), and
# never more than a sixteenth of the input: a small map's pooling then needs little more than its result.
_BAND_CELLS = 1 << 15
_BAND_SHARE = 16


# ---------------------------------------------------------------------------------------------------------
# Public functions


def pool_output_size(size: int, window: int, stride: int, padding: str) -> int:
    """The length of one spatial axis after pooling (or convolving) an axis of length `size`.

    SAME gives ceil(size / stride). VALID gives ceil((size - window + 1) / stride), or 0 when the window does
    not fit.
    """
    size = _int_at_least(size, 0, "size", "a non-negative int")
    window = _int_at_least(window, 1, "window", "a positive int")
    stride = _int_at_least(stride, 1, "stride", "a positive int")
    return _axis_geometry(size, window, stride, as_padding(padding))[0]


def pool_output_shape(
    hw: Sequence[int],
    window: IntOrPair = (2, 2),
    strides: IntOrPair | None = None,
    padding: str = "VALID",
) -> tuple[int, int]:
    """The (H, W) that `pool2d` gives for an input of spatial size `hw`, without computing it.

    Arguments mean what they mean for `pool2d`; `strides=None` means strides equal to the window.
    """
    wanted = "a pair (H, W) of non-negative ints"
    items = _two_items(hw)
    if items is None:
        raise ValueError(f"hw must be {wanted}; got {hw!r}")
    h, w = (_int_at_least(v, 0, "hw", wanted, shown=hw) for v in items)
    kh, kw = as_pair(window, "window")
    sh, sw = (kh, kw) if strides is None else as_pair(strides, "strides")
    pad = as_padding(padding)
    return _axis_geometry(h, kh, sh, pad)[0], _axis_geometry(w, kw, sw, pad)[0]


def pool2d(
    x: ArrayLike,
    window: IntOrPair = (2, 2),
    strides: IntOrPair | None = None,
    padding: str = "VALID",
    mode: str = "max",
) -> NDArray[Any]:
    """Max or average pooling over the two spatial axes, as `tf.nn.pool` and keras' pooling layers do it.

    Args:
        x: an image of shape (H, W), (H, W, C) or (N, H, W, C); the result has the same rank.
        window: the pooling window, (rows, columns) or one int for both.
        strides: how far the window moves, like `window`; None means strides equal to the window (keras'
            default).
        padding: "SAME" (output size ceil(input / stride), the odd padded cell at the bottom/right) or
            "VALID" (no padding); any letter case.
        mode: "max", or "avg" / "average" for the mean; any letter case.

    Padded cells never count: max pooling ignores them, and average pooling divides by the number of real
    cells in each window. Max pooling keeps the dtype. Average pooling keeps a floating dtype (summing in at
    least float32) and gives float64 for integer or boolean input.
    """
    arr = _real_array(x, "x")
    x4, unbatch = as_nhwc(arr), _unbatcher(arr.ndim)
    kh, kw = as_pair(window, "window")
    sh, sw = (kh, kw) if strides is None else as_pair(strides, "strides")
    pad = as_padding(padding)
    how = _mode(mode)
    _, h, w, _ = x4.shape
    oh, ph = _axis_geometry(h, kh, sh, pad)
    ow, pw = _axis_geometry(w, kw, sw, pad)

    op: np.ufunc
    if how == "max":
        # fmax skips NaN, as TensorFlow's kernel does; `fill` only stands for padded cells.
        op = np.fmax if arr.dtype.kind == "f" else np.maximum
        acc_dtype, fill = arr.dtype, _lowest(arr.dtype)
    else:
        op, acc_dtype, fill = np.add, _float_dtype(arr.dtype), 0

    # When the windows tile the top-left of the input exactly, split each axis into (blocks, window);
    # otherwise visit each window offset once. Both reduce with element-wise ufuncs over strided views:
    # numpy's own multi-axis reductions over short strided axes are about 40 times slower here.
    tiles = (kh, kw) == (sh, sw) and ph == pw == 0 and oh * kh <= h and ow * kw <= w
    if tiles:
        out = _reduce_blocks(x4, (kh, kw), (oh, ow), op, acc_dtype)
    else:
        out = np.full((x4.shape[0], oh, ow, x4.shape[3]), fill, dtype=acc_dtype)
        for dst, src, _, _ in _offset_slices(x4, out, (kh, kw), (sh, sw), (ph, pw)):
            op(dst, src, out=dst)

    if how == "max" and arr.dtype.kind == "f":
        # TensorFlow starts each window at the dtype's lowest finite value: a window of only NaN (or -inf)
        # gives that value.
        np.fmax(out, np.finfo(arr.dtype).min, out=out)
    if how == "avg":
        rows, cols = _window_counts(h, kh, sh, oh, ph), _window_counts(w, kw, sw, ow, pw)
        if rows.min(initial=kh) == kh and cols.min(initial=kw) == kw:
            out /= kh * kw
        else:
            out /= np.outer(rows, cols)[None, :, :, None]
        if arr.dtype.kind == "f":
            out = out.astype(arr.dtype, copy=False)
    return unbatch(out)


def global_avg_pool(x: ArrayLike, keepdims: bool = False) -> NDArray[Any]:
    """The mean over H and W, as keras' `GlobalAveragePooling2D` computes it.

    (N, H, W, C) gives (N, C), or (N, 1, 1, C) with `keepdims`; (H, W, C) gives (C,), or (1, 1, C).
    A floating dtype is kept (summing in at least float32); integer or boolean input gives float64.
    """
    arr = _real_array(x, "x")
    if arr.ndim not in (3, 4):
        raise ValueError(f"x must have rank 3 (H, W, C) or 4 (N, H, W, C); got shape {arr.shape}")
    h, w = arr.shape[-3], arr.shape[-2]
    if h == 0 or w == 0:
        raise ValueError(f"x must have at least one pixel (H and W at least 1); got shape {arr.shape}")
    out = arr.sum(axis=(-3, -2), dtype=_float_dtype(arr.dtype), keepdims=bool(keepdims)) / (h * w)
    return np.asarray(out.astype(arr.dtype, copy=False) if arr.dtype.kind == "f" else out)


def conv2d(
    x: ArrayLike,
    kernel: ArrayLike,
    strides: IntOrPair = 1,
    padding: str = "VALID",
    dilations: IntOrPair = 1,
) -> NDArray[Any]:
    """Cross-correlation (no kernel flip), as `tf.nn.conv2d` computes it, with zero padding for SAME.

    Args:
        x: an image of shape (H, W), (H, W, C) or (N, H, W, C).
        kernel: shape (kh, kw, in_channels, out_channels), or (kh, kw) for one channel in and out.
        strides: how far the kernel moves, (rows, columns) or one int for both.
        padding: "SAME" or "VALID", any letter case; the same rules as `pool2d`, for a window of the
            dilated kernel's extent.
        dilations: how far apart the kernel's taps are, (rows, columns) or one int for both (1: next to each
            other).

    Returns (N, H', W', out_channels) for a rank-4 `x` and (H', W', out_channels) for rank 3. A rank-2 `x`
    gives (H', W') with a 2-D kernel and (H', W', out_channels) with a 4-D one. The dtype is numpy's result
    type of `x` and `kernel` when that is floating (summing in at least float32), otherwise float64.
    """
    arr = _real_array(x, "x")
    k = _real_array(kernel, "kernel")
    if k.ndim == 2:
        k4 = k[:, :, None, None]
    elif k.ndim == 4:
        k4 = k
    else:
        raise ValueError(
            f"kernel must have shape (kh, kw) or (kh, kw, in_channels, out_channels); got shape {k.shape}"
        )
    if k4.shape[0] < 1 or k4.shape[1] < 1:
        raise ValueError(f"kernel must be at least 1x1; got shape {k.shape}")
    x4 = as_nhwc(arr)
    if x4.shape[3] != k4.shape[2]:
        raise ValueError(
            f"kernel in_channels ({k4.shape[2]}) must equal the channels of x ({x4.shape[3]}); "
            f"use a kernel of shape (kh, kw, {x4.shape[3]}, out_channels)"
        )
    out = _correlate(x4, k4, as_pair(strides, "strides"), as_padding(padding), as_pair(dilations, "dilations"))
    out = out.astype(_conv_dtype(arr, k), copy=False)
    if arr.ndim == 4:
        return out
    if arr.ndim == 2 and k.ndim == 2:
        return out[0, :, :, 0]
    return out[0]


def conv1d(
    x: ArrayLike,
    kernel: ArrayLike,
    stride: int = 1,
    padding: str = "VALID",
    dilations: int = 1,
) -> NDArray[Any]:
    """Cross-correlation along one axis (no kernel flip, unlike `np.convolve`), as `tf.nn.conv1d` computes
    it, with zero padding for SAME.

    Args:
        x: a sequence of shape (W,), (W, C) or (N, W, C).
        kernel: shape (k, in_channels, out_channels), or (k,) for one channel in and out.
        stride: how far the kernel moves, a positive int.
        padding: "SAME" or "VALID", any letter case; the same rules as `conv2d`.
        dilations: how far apart the kernel's taps are, a positive int.

    Returns (N, W', out_channels) for a rank-3 `x` and (W', out_channels) for rank 2. A rank-1 `x` gives (W',)
    with a 1-D kernel and (W', out_channels) with a 3-D one. Output i is
    `sum(kernel[j] * x[i * stride + j * dilations - pad])`, where `pad` is what SAME padding puts before the
    first cell (0 for VALID). The dtype is as for `conv2d`.
    """
    arr = _real_array(x, "x")
    k = _real_array(kernel, "kernel")
    if k.ndim == 1:
        k3 = k[:, None, None]
    elif k.ndim == 3:
        k3 = k
    else:
        raise ValueError(f"kernel must have shape (k,) or (k, in_channels, out_channels); got shape {k.shape}")
    if k3.shape[0] < 1:
        raise ValueError(f"kernel must have at least one tap; got shape {k.shape}")
    if arr.ndim == 1:
        x3 = arr[None, :, None]
    elif arr.ndim == 2:
        x3 = arr[None]
    elif arr.ndim == 3:
        x3 = arr
    else:
        raise ValueError(f"x must have rank 1 (W,), 2 (W, C) or 3 (N, W, C); got shape {arr.shape}")
    if x3.shape[2] != k3.shape[1]:
        raise ValueError(
            f"kernel in_channels ({k3.shape[1]}) must equal the channels of x ({x3.shape[2]}); "
            f"use a kernel of shape (k, {x3.shape[2]}, out_channels)"
        )
    step = _int_at_least(stride, 1, "stride", "a positive int")
    spread = _int_at_least(dilations, 1, "dilations", "a positive int")
    # A row of one pixel: the 2-D correlation with a 1 x k kernel is the 1-D one.
    out = _correlate(x3[:, None], k3[None], (1, step), as_padding(padding), (1, spread))[:, 0]
    out = out.astype(_conv_dtype(arr, k), copy=False)
    if arr.ndim == 3:
        return out
    if arr.ndim == 1 and k.ndim == 1:
        return out[0, :, 0]
    return out[0]


def _correlate(
    x4: NDArray[Any],
    k4: NDArray[Any],
    strides: tuple[int, int],
    padding: str,
    dilations: tuple[int, int],
) -> NDArray[Any]:
    """The (N, H', W', out_channels) correlation of an NHWC `x4` with an HWIO `k4`, in the compute dtype."""
    (sh, sw), (dh, dw) = strides, dilations
    kh, kw, _, cout = k4.shape
    _, h, w, _ = x4.shape
    oh, ph = _axis_geometry(h, (kh - 1) * dh + 1, sh, padding)
    ow, pw = _axis_geometry(w, (kw - 1) * dw + 1, sw, padding)
    compute = np.result_type(x4.dtype, k4.dtype, np.float32)
    if compute.kind != "f":
        compute = np.dtype(np.float64)
    xc = x4.astype(compute, copy=False)
    kc = k4.astype(compute, copy=False)
    out = np.zeros((x4.shape[0], oh, ow, cout), dtype=compute)
    # One matrix product per kernel offset (a broadcast product for one input channel, five times faster
    # than a product with an inner dimension of 1); zero padding is the offsets that fall outside, skipped.
    single = kc.shape[2] == 1
    for dst, src, a, b in _offset_slices(xc, out, (kh, kw), (sh, sw), (ph, pw), (dh, dw)):
        dst += src * kc[a, b, 0] if single else src @ kc[a, b]
    return out


def _conv_dtype(x: NDArray[Any], kernel: NDArray[Any]) -> np.dtype[Any]:
    """numpy's result type of the input and the kernel when floating, float64 otherwise."""
    result = np.result_type(x.dtype, kernel.dtype)
    return result if result.kind == "f" else np.dtype(np.float64)


def relu(x: ArrayLike) -> NDArray[Any]:
    """max(x, 0) element-wise, as `tf.nn.relu` computes it; keeps the dtype, and NaN stays NaN."""
    arr = _real_array(x, "x")
    return np.asarray(np.maximum(arr, np.zeros((), dtype=arr.dtype)))


# ---------------------------------------------------------------------------------------------------------
# Argument checking


def _int_at_least(value: Any, low: int, name: str, wanted: str, shown: Any = None) -> int:
    """`value` as an int >= `low`, or a ValueError saying `name` must be `wanted`."""
    got = value if shown is None else shown
    if isinstance(value, bool):
        raise ValueError(f"{name} must be {wanted}; got {got!r}")
    try:
        number = operator.index(value)
    except TypeError:
        raise ValueError(f"{name} must be {wanted}; got {got!r}") from None
    if number < low:
        raise ValueError(f"{name} must be {wanted}; got {got!r}")
    return number


def _two_items(value: Any) -> tuple[Any, Any] | None:
    """The two items of a pair (tuple, list, array, TensorShape, ...), or None if `value` is not a pair."""
    if isinstance(value, (str, bytes)):
        return None
    try:
        items = tuple(value)
    except TypeError:
        return None
    return (items[0], items[1]) if len(items) == 2 else None


def as_pair(value: Any, name: str) -> tuple[int, int]:
    """A window, stride or size as (rows, columns), from one positive int or a pair of them; a ValueError
    naming the argument `name` otherwise. The lesson helpers read their arguments with it too."""
    wanted = "a positive int or a pair of positive ints"
    if not isinstance(value, bool):
        try:
            single = operator.index(value)
        except TypeError:
            pass
        else:
            if single < 1:
                raise ValueError(f"{name} must be {wanted}; got {value!r}")
            return single, single
    items = _two_items(value)
    if items is None:
        raise ValueError(f"{name} must be {wanted}; got {value!r}")
    first, second = (_int_at_least(v, 1, name, wanted, shown=value) for v in items)
    return first, second


def as_padding(padding: Any, name: str = "padding") -> str:
    """"SAME" or "VALID", from any letter case; a ValueError naming the argument `name` otherwise."""
    if isinstance(padding, str) and padding.upper() in _PADDINGS:
        return padding.upper()
    raise ValueError(f"{name} must be 'SAME' or 'VALID'; got {padding!r}")


def _mode(mode: Any) -> str:
    """"max" or "avg", from any letter case, with "average" meaning "avg"."""
    if isinstance(mode, str) and mode.lower() in _MODES:
        return _MODES[mode.lower()]
    raise ValueError(f"mode must be 'max' or 'avg'; got {mode!r}")


def _real_array(value: ArrayLike, name: str) -> NDArray[Any]:
    """`value` as a numpy array of booleans, integers or floats."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must hold booleans, integers or floats; got dtype {arr.dtype}")
    return arr


def as_nhwc(x: ArrayLike) -> NDArray[Any]:
    """A (N, H, W, C) view of an image of shape (H, W), (H, W, C) or (N, H, W, C); ValueError otherwise."""
    arr = np.asarray(x)
    if arr.ndim == 2:
        return arr[None, :, :, None]
    if arr.ndim == 3:
        return arr[None]
    if arr.ndim == 4:
        return arr
    raise ValueError(f"x must have {_NHWC_RANKS}; got shape {arr.shape}")


def _unbatcher(ndim: int) -> Callable[[NDArray[Any]], NDArray[Any]]:
    """The function that gives a (N, H, W, C) result back the rank `ndim` its input had."""
    if ndim == 2:
        return lambda out: out[0, :, :, 0]
    if ndim == 3:
        return lambda out: out[0]
    return lambda out: out


# ---------------------------------------------------------------------------------------------------------
# Window geometry and reductions


def _axis_geometry(size: int, window: int, stride: int, padding: str) -> tuple[int, int]:
    """(output length, padding before the first cell) for one axis, by TensorFlow's rules."""
    if padding == "SAME":
        out = -(-size // stride)
        total = max((out - 1) * stride + window - size, 0)
        return out, total // 2
    return max((size - window) // stride + 1, 0), 0


def _offset_span(offset: int, out: int, stride: int, pad: int, size: int) -> tuple[int, int, int]:
    """The outputs [first, stop) whose window cell `offset` is a real input cell, and that cell for `first`.

    Output i reads input i * stride + offset - pad at that offset.
    """
    first = max(0, -((offset - pad) // stride))
    stop = min(out, (size - 1 + pad - offset) // stride + 1)
    return first, stop, first * stride + offset - pad


def _offset_slices(
    x4: NDArray[Any],
    out: NDArray[Any],
    window: tuple[int, int],
    strides: tuple[int, int],
    pads: tuple[int, int],
    dilations: tuple[int, int] = (1, 1),
) -> Iterator[tuple[NDArray[Any], NDArray[Any], int, int]]:
    """For each window offset (a, b): the part of `out` it touches, the input cells it reads there, a, b.

    Offset (a, b) reads the cell (a * dilations[0], b * dilations[1]) cells from the window's corner. Both
    are views of the same spatial shape; padded cells are left out, so nothing is copied.
    """
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = window, strides, pads, dilations
    h, w = x4.shape[1], x4.shape[2]
    oh, ow = out.shape[1], out.shape[2]
    for a in range(kh):
        i0, i1, r0 = _offset_span(a * dh, oh, sh, ph, h)
        if i0 >= i1:
            continue
        rows = slice(r0, r0 + (i1 - i0 - 1) * sh + 1, sh)
        for b in range(kw):
            j0, j1, c0 = _offset_span(b * dw, ow, sw, pw, w)
            if j0 >= j1:
                continue
            cols = slice(c0, c0 + (j1 - j0 - 1) * sw + 1, sw)
            yield out[:, i0:i1, j0:j1], x4[:, rows, cols], a, b


def _reduce_blocks(
    x4: NDArray[Any],
    window: tuple[int, int],
    out_hw: tuple[int, int],
    op: np.ufunc,
    acc_dtype: np.dtype[Any],
) -> NDArray[Any]:
    """Pool windows that tile the top-left of `x4`: rows first, then columns, each as a view of blocks.

    A band of output rows at a time, so that the row results need a buffer of at most _BAND_CELLS cells
    (a sixteenth of a small input) rather than half the input, and stay in cache.
    """
    (kh, kw), (oh, ow) = window, out_hw
    n, _, w, c = x4.shape
    rows = x4[:, : oh * kh].reshape(n, oh, kh, w, c)
    out = np.empty((n, oh, ow, c), dtype=acc_dtype)
    cells = min(_BAND_CELLS, max(x4.size // _BAND_SHARE, 1 << 12))
    band = max(1, cells // max(1, n * w * c))
    buffer = np.empty((n, min(band, oh), w, c), dtype=acc_dtype)
    for top in range(0, oh, band):
        part = rows[:, top : top + band]
        acc = buffer[:, : part.shape[1]]
        acc[...] = part[:, :, 0]
        for a in range(1, kh):
            op(acc, part[:, :, a], out=acc)
        cols = acc[:, :, : ow * kw].reshape(n, acc.shape[1], ow, kw, c)
        dst = out[:, top : top + band]
        dst[...] = cols[:, :, :, 0]
        for b in range(1, kw):
            op(dst, cols[:, :, :, b], out=dst)
    return out


def _window_counts(size: int, window: int, stride: int, out: int, pad: int) -> NDArray[np.int64]:
    """How many real (unpadded) cells each output's window covers along one axis."""
    starts = np.arange(out, dtype=np.int64) * stride - pad
    return np.minimum(starts + window, size) - np.maximum(starts, 0)


def _lowest(dtype: np.dtype[Any]) -> Any:
    """The value that never wins a max: -inf, the smallest integer, or False."""
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind == "b":
        return False
    return np.iinfo(dtype).min


def _float_dtype(dtype: np.dtype[Any]) -> np.dtype[Any]:
    """The dtype to sum in: at least float32 for floats, float64 for integers and booleans."""
    if dtype.kind == "f":
        return np.result_type(dtype, np.float32)
    return np.dtype(np.float64)
