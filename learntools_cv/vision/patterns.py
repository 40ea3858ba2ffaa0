"""Numpy pattern makers for the lesson notebooks: a disk, two dots, random sparse feature maps, and random
moves of an image. Numpy only (a TensorFlow tensor is read through numpy's array protocol).

Everything random takes a `seed` and gives the same result for the same seed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from learntools_cv.reference import as_pair

__all__ = ["Size", "circle", "random_map", "random_transform", "two_dots"]

Size = int | tuple[int, int]
"""A size given once for a square, or as (height, width)."""


def _numpy(value: Any) -> np.ndarray:
    """A tensor, variable or array as numpy: tf.Tensor and tf.Variable implement `__array__`."""
    return np.asarray(value)


def circle(size: Size, val: float | None = None, r_shrink: int = 0) -> np.ndarray:
    """A float32 array of shape `size` holding a filled disk centred in it, on zeros.

    The disk has the value `val` (1 if not given) and radius ``min(H, W) // 2 - r_shrink``.
    """
    height, width = _size(size)
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
    height, width = _size(size)
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
    height, width = _size(size)
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


def _size(size: Any) -> tuple[int, int]:
    """(height, width) from one positive int or a pair of them."""
    return as_pair(size, "size")
