"""Judging a learner's kernel, and the filtered and detected maps the notebook made with it.

`read_kernel` turns whatever the learner assigned to a kernel variable into a 2-D float64 array, or raises
`Incorrect` naming the slip: a 4-D kernel in the wrong layout, a kernel reshaped wrongly (or twice), the wrong
size, True/False or unsigned values, NaN, all zeros, and a 4-D tensor of a dtype `tf.nn.conv2d` refuses beside
a float32 picture. The kernel may be given as the learner wrote it (3 rows of 3 numbers: a tensor, an array or
a nested list) or as the notebook reshapes it for `conv2d`, (3, 3, 1, 1).

`MapsTask.judge` then checks that `image_filter` is `image` filtered with that kernel and `image_detect` its
ReLU, computed here with the reference ops from the learner's own picture. Maps left from an earlier kernel
are named, with that kernel: it is recovered from the picture and the map by least squares. A check says
Correct only when the values can tell: a picture of one colour cannot show which kernel made a map, and a
kernel that leaves no positive value detects nothing (issue 24, section 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.compare import NotComparable, arrays_match, compare_arrays, magnitude, to_plain
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.outcome import Figure
from learntools_cv.core.text import code, plural
from learntools_cv.core.values import ArrayInfo, describe_non_array, inspect_array, load_array
from learntools_cv.lessons.convolution_and_relu.diagnosis.backend import lookalike_of

# Positions the least-squares fit of an earlier kernel uses at most: enough for 9 unknowns many times over.
FIT_POSITIONS = 4096


@dataclass(frozen=True)
class Kernel:
    """A learner's kernel, read: its values as (rows, columns) float64, and how it was given."""

    values: np.ndarray
    """The kernel as a 2-D float64 array."""
    stacked: bool
    """Given as (rows, columns, 1, 1), the shape `tf.nn.conv2d` takes."""
    dtype: np.dtype
    kind: str
    """'tensor', 'variable', 'numpy array' or 'list'."""

    @property
    def size(self) -> tuple[int, int]:
        return (int(self.values.shape[0]), int(self.values.shape[1]))


def read_kernel(value: Any, name: str, size: tuple[int, int] | None = (3, 3), largest: int = 7) -> Kernel:
    """`value` as a 2-D kernel of `size` (any size up to `largest` on a side when `size` is None), or
    Incorrect naming what is wrong with it."""
    info = _inspect(value, name)
    shape = info.shape
    wanted = f"{size[0]}x{size[1]}" if size else "2-D"
    count = size[0] * size[1] if size else None
    if len(shape) == 0:
        raise Incorrect(
            f"{code(name)} is a single number. A kernel is a small grid of numbers: "
            f"{_rows_phrase(size)}, such as `tf.constant([[0, 1, 0], [1, -4, 1], [0, 1, 0]])`.",
            mistake="one-number",
        )
    stacked = len(shape) == 4 and shape[2:] == (1, 1)
    grid = shape[:2] if stacked else shape
    fits = len(grid) == 2 and (grid == size if size else 1 <= min(grid) and max(grid) <= largest)
    if not fits:
        raise _wrong_shape(name, shape, size, count, wanted, largest)
    values = load_array(info, name)
    if info.dtype.kind == "b":
        raise Incorrect(
            f"{code(name)} holds True/False values. A kernel holds numbers, positive and negative, that weigh "
            "the pixels under it.",
            mistake="kernel-bool",
        )
    if info.dtype.kind == "u" and values.size and int(values.max()) > 127:
        raise Incorrect(
            f"{code(name)} holds unsigned integers ({code(str(info.dtype))}), which cannot be negative: a "
            f"negative weight wrapped around to a large number (the largest here is {int(values.max())}). "
            "Make it with plain integers or floats, as `tf.constant([[-1, ...], ...])` does.",
            mistake="kernel-unsigned",
        )
    grid_values = values.reshape(grid).astype(np.float64)
    if not np.isfinite(grid_values).all():
        raise Incorrect(
            f"{code(name)} holds NaN or infinite values; a kernel's weights are ordinary numbers.",
            mistake="kernel-not-finite",
        )
    if not grid_values.any():
        raise Incorrect(
            f"{code(name)} is all zeros, so filtering with it gives a blank map whatever the picture. Put some "
            "positive and some negative numbers in it: the positive ones pick out the pattern to find.",
            mistake="zero-kernel",
        )
    return Kernel(values=grid_values, stacked=stacked, dtype=info.dtype, kind=info.kind)


def check_conv2d_dtype(kernel: Kernel, name: str, picture_dtype: np.dtype) -> None:
    """Raise Incorrect when a kernel already in conv2d's 4-D shape is a tensor whose dtype differs from the
    picture's: `tf.nn.conv2d` refuses it ("expected to be a float tensor"). Numpy arrays and lists are
    converted by TensorFlow, and a 2-D kernel is cast by the notebook's next cell."""
    if not kernel.stacked or kernel.kind not in ("tensor", "variable") or kernel.dtype == picture_dtype:
        return
    dtype = code(str(kernel.dtype))
    what = f"integers ({dtype})" if kernel.dtype.kind in "iu" else f"{dtype} values"
    raise Incorrect(
        f"{code(name)} is a 4-D tensor of {what}, and `tf.nn.conv2d` refuses "
        f"filters whose dtype differs from the picture's ({code(str(picture_dtype))}). Cast it: "
        f"`{name} = tf.cast({name}, dtype=tf.float32)`, as the cell after question 1 does.",
        mistake="kernel-dtype",
    )


def _inspect(value: Any, name: str) -> ArrayInfo:
    """The boundary, with nested lists of numbers accepted too: they work wherever the notebook uses a kernel."""
    if type(value) in (list, tuple):
        try:
            array = np.asarray(to_plain(value))
        except (NotComparable, ValueError):
            array = None
        if array is None or array.dtype.kind not in "biuf":
            raise Incorrect(
                f"{code(name)} is a Python {type(value).__name__}, but not a grid of numbers: "
                f"{_rows_phrase((3, 3))}, each row a list of numbers of the same length.",
                mistake="kernel-not-numbers",
            )
        return ArrayInfo(shape=array.shape, dtype=array.dtype, kind="list", load=lambda: array)
    return inspect_array(value, name, what="a tensor of numbers, such as `tf.constant([[...], [...], [...]])`")


def _rows_phrase(size: tuple[int, int] | None) -> str:
    if size is None:
        return "a few rows of the same number of numbers"
    return f"{size[0]} rows of {size[1]} numbers"


def _wrong_shape(
    name: str, shape: tuple[int, ...], size: tuple[int, int] | None, count: int | None, wanted: str, largest: int
) -> Incorrect:
    shown = code(str(shape))
    total = int(np.prod(shape))
    if count is not None and total == count:
        if len(shape) == 4:
            return Incorrect(
                f"{code(name)} has shape {shown}: four dimensions, in an order `tf.nn.conv2d` reads as a "
                f"{shape[0]}x{shape[1]} kernel with {shape[2]} input and {shape[3]} output channels. Define the "
                f"kernel itself, {_rows_phrase(size)}; the cell after this question reshapes it to "
                f"{code(str((*size, 1, 1)))}, the shape `conv2d` takes.",
                mistake="kernel-4d",
            )
        if len(shape) > 4 and shape[:2] == size and all(d == 1 for d in shape[2:]):
            return Incorrect(
                f"{code(name)} has shape {shown}: the two dimensions `tf.nn.conv2d` needs were added more than "
                f"once (the cell that reshapes the kernel ran again on a kernel it had already reshaped). Run "
                "the cell that defines the kernel again, then the cells after it once each.",
                mistake="kernel-reshaped-twice",
            )
        return Incorrect(
            f"{code(name)} has shape {shown}: it holds {count} numbers, but a {wanted} kernel is "
            f"{_rows_phrase(size)}, shape {code(str(size))}. Write it with one pair of brackets per row, "
            "inside one pair for the whole kernel: `[[a, b, c], [d, e, f], [g, h, i]]`.",
            mistake="kernel-reshaped",
        )
    if size is None:
        return Incorrect(
            f"{code(name)} has shape {shown}, but a kernel is a 2-D grid of numbers, at most {largest} on a "
            "side, such as `tf.constant([[0, 1, 0], [1, -4, 1], [0, 1, 0]])`.",
            mistake="kernel-size",
        )
    holds = "no numbers" if total == 0 else plural(total, "number")
    return Incorrect(
        f"{code(name)} has shape {shown} and holds {holds}, but question 1 asks for a {wanted} kernel: "
        f"{_rows_phrase(size)}.",
        mistake="kernel-size",
    )


# ---------------------------------------------------------------------------------------------------------
# The maps


@dataclass(frozen=True)
class MapsTask:
    """The notebook filters `image` with `kernel` (`tf.nn.conv2d`, stride 1 and `padding`) into `filtered`,
    and takes its ReLU into `detected`; `made_by` says which cell does that, for the messages."""

    kernel: str = "kernel"
    image: str = "image"
    filtered: str = "image_filter"
    detected: str = "image_detect"
    padding: str = "SAME"
    made_by: str = "the cells after question 1"

    def judge(self, kernel: Kernel, image: Any, filtered: Any = None, detected: Any = None) -> None:
        """Return if the maps that exist are what `kernel` gives from `image`; raise Incorrect otherwise.
        Missing maps (None) are not judged: they are made later in the notebook."""
        if filtered is None and detected is None:
            return
        picture = self._picture(image)
        if not np.isfinite(picture).all():
            raise Incorrect(
                f"{code(self.image)} holds NaN or infinite values, so the maps made from it cannot show what your "
                f"kernel does. Re-run the cell that reads the picture, then {self.made_by}, and check again.",
                mistake="setup-broken",
            )
        if float(np.ptp(picture)) == 0.0:
            value = float(picture.flat[0])
            raise Incorrect(
                f"{code(self.image)} is the same value ({value:.3g}) at every pixel, so filtering it cannot "
                "show what your kernel does: away from the edges, any kernel whose numbers add up to the same "
                "total gives the same map. Re-run the cell that reads the picture (or read one of your own), "
                f"then {self.made_by}, and check again.",
                mistake="blank-image",
            )
        # In the picture's precision, as the notebook's cell casts the kernel to it before filtering.
        expected = reference.conv2d(picture, kernel.values.astype(picture.dtype), 1, self.padding)
        inputs = (picture.dtype, kernel.dtype)
        if filtered is not None:
            self._judge_filter(kernel, picture, filtered, expected, inputs)
        if detected is not None:
            source = self._map(filtered, self.filtered).reshape(expected.shape) if filtered is not None else expected
            self._judge_detect(kernel, picture, detected, source, inputs)
        self._judge_detected_anything(expected)

    # ---- the picture ----

    def _picture(self, image: Any) -> np.ndarray:
        if image is None:
            raise Incorrect(
                f"There is no {code(self.image)} in the notebook, so the maps cannot be checked against it. "
                "Run the cells above from the first one.",
                mistake="setup-broken",
            )
        try:
            array = load_array(inspect_array(image, self.image), self.image)
            picture = reference.as_nhwc(array)
        except (Incorrect, ValueError):
            raise Incorrect(
                f"{code(self.image)} is no longer a picture: it is {_what(image)}. Re-run the cells above from "
                "the first one, then check again.",
                mistake="setup-broken",
            ) from None
        if picture.shape[0] != 1 or picture.shape[3] != 1 or picture.dtype.kind not in "biuf" or not picture.size:
            raise Incorrect(
                f"{code(self.image)} has shape {code(str(array.shape))}, but the notebook filters one grayscale "
                "picture, shape (1, height, width, 1). Read it with `channels=1` and add the batch dimension, "
                "as the cells above do.",
                mistake="setup-broken",
            )
        return picture if picture.dtype.kind == "f" else picture.astype(np.float64)

    def _map(self, value: Any, name: str) -> np.ndarray:
        info = inspect_array(value, name, what="a tensor: the map the notebook made")
        return load_array(info, name)

    # ---- image_filter ----

    def _judge_filter(
        self, kernel: Kernel, picture: np.ndarray, filtered: Any, expected: np.ndarray, inputs: tuple[Any, ...]
    ) -> None:
        actual = self._map(filtered, self.filtered)
        name = code(self.filtered)
        if _squeeze(actual.shape) != _squeeze(expected.shape):
            raise Incorrect(
                f"{name} has shape {code(str(actual.shape))}, but filtering {code(self.image)} (shape "
                f"{code(str(picture.shape))}) with stride 1 and {self.padding!r} padding gives shape "
                f"{code(str(expected.shape))}. It was made from another picture or in another way: run "
                f"{self.made_by} again, then check again.",
                mistake="filter-shape",
            )
        actual = actual.reshape(expected.shape)
        diff = compare_arrays(actual, expected, inputs=inputs, terms=kernel.values.size)
        if diff is None:
            return
        figure = _figure(actual, expected, self.filtered)
        if arrays_match(actual, reference.relu(expected), inputs=inputs, terms=kernel.values.size):
            raise Incorrect(
                f"{name} has no negative values: it is {code(self.image)} filtered with your kernel and then "
                "rectified, so the convolution function also applied the ReLU. The filter step is the "
                "convolution alone: check `conv_fn` (question 2), then run "
                f"{self.made_by} again, and check again.",
                mistake="filter-rectified",
                figure=figure,
            )
        if not actual.any():
            raise Incorrect(
                f"{name} is all zeros, but filtering {code(self.image)} with your {code(self.kernel)} gives "
                f"values from {float(expected.min()):.3g} to {float(expected.max()):.3g}. Run {self.made_by} "
                "again, then check again.",
                mistake="filter-not-from-kernel",
                figure=figure,
            )
        earlier = fit_kernel(picture, actual, kernel.size, self.padding)
        if earlier is not None and _same(earlier, kernel.values[::-1, ::-1]) and not _same(earlier, kernel.values):
            raise Incorrect(
                f"{name} is {code(self.image)} filtered with your kernel turned upside down and back to front: "
                "the convolution function flipped it, as a mathematician's convolution does. `tf.nn.conv2d` "
                "slides the kernel as it is: check `conv_fn` (question 2), then run "
                f"{self.made_by} again, and check again.",
                mistake="filter-flipped",
                figure=figure,
            )
        if earlier is not None:
            raise Incorrect(
                f"{name} was made with another kernel:\n\n```python\n{_kernel_code(earlier)}\n```\n\n"
                f"not with your {code(self.kernel)}. It was left from an earlier run: run {self.made_by} "
                "again, then check again.",
                mistake="maps-from-earlier-kernel",
                figure=figure,
            )
        raise Incorrect(
            f"{name} is not {code(self.image)} filtered with your {code(self.kernel)}. {diff.describe()} "
            f"It was made before the picture or the kernel last changed, or in another way: run "
            f"{self.made_by} again, then check again.",
            mistake="filter-not-from-kernel",
            figure=figure,
        )

    def _judge_detected_anything(self, expected: np.ndarray) -> None:
        if (expected > 0).any():
            return
        raise Incorrect(
            f"Your kernel finds nothing in this picture: every value of {code(self.filtered)} is 0 or less, so "
            f"the ReLU leaves {code(self.detected)} all zeros, and the maps cannot show whether the ReLU was "
            "applied. A feature shows as positive values: change the signs of your kernel's numbers, or give "
            "it a positive centre.",
            mistake="nothing-detected",
        )

    # ---- image_detect ----

    def _judge_detect(
        self, kernel: Kernel, picture: np.ndarray, detected: Any, source: np.ndarray, inputs: tuple[Any, ...]
    ) -> None:
        actual = self._map(detected, self.detected)
        expected = reference.relu(source)
        name = code(self.detected)
        if _squeeze(actual.shape) != _squeeze(expected.shape):
            raise Incorrect(
                f"{name} has shape {code(str(actual.shape))}, but the ReLU keeps the shape of "
                f"{code(self.filtered)}, {code(str(source.shape))}. Run {self.made_by} again, then check again.",
                mistake="detect-shape",
            )
        actual = actual.reshape(expected.shape)
        if arrays_match(actual, expected, inputs=(*inputs, source.dtype), terms=kernel.values.size):
            return
        figure = _figure(actual, expected, self.detected)
        if arrays_match(actual, source, inputs=(*inputs, source.dtype), terms=kernel.values.size):
            raise Incorrect(
                f"{name} still has negative values: it is {code(self.filtered)} unchanged. It should be the "
                f"ReLU of {code(self.filtered)}, which sets every negative value to 0: check `relu_fn` "
                f"(question 3), then run the cell that makes {name} again.",
                mistake="detect-not-rectified",
                figure=figure,
            )
        wrong_relu = lookalike_of(source, actual)
        if wrong_relu is not None:
            raise Incorrect(
                f"{name} is {wrong_relu} of {code(self.filtered)}, not its ReLU: the function that made it is "
                "not the ReLU. Check `relu_fn` with `q_3.check()`, then run the cell that makes "
                f"{name} again.",
                mistake="detect-not-relu",
                figure=figure,
            )
        earlier = _fit_rectified(picture, actual, kernel.size, self.padding)
        if earlier is not None and not _same(earlier, kernel.values):
            raise Incorrect(
                f"{name} was made with another kernel:\n\n```python\n{_kernel_code(earlier)}\n```\n\n"
                f"not with your {code(self.kernel)}. It was left from an earlier run: run {self.made_by} "
                "again, then check again.",
                mistake="maps-from-earlier-kernel",
                figure=figure,
            )
        diff = compare_arrays(actual, expected, inputs=(*inputs, source.dtype), terms=kernel.values.size)
        described = diff.describe() if diff is not None else ""
        raise Incorrect(
            f"{name} is not the ReLU of {code(self.filtered)}. {described} Check `relu_fn` with "
            f"`q_3.check()`, then run the cell that makes {name} again.",
            mistake="detect-not-relu",
            figure=figure,
        )


# ---------------------------------------------------------------------------------------------------------
# Recovering the kernel that made a map


def fit_kernel(picture: np.ndarray, filtered: np.ndarray, size: tuple[int, int], padding: str) -> np.ndarray | None:
    """The kernel of `size` that filters `picture` (1, H, W, 1) into `filtered` exactly, or None when no kernel
    does, or when the picture cannot tell which one (its windows do not span the kernel's numbers). Fitted
    at up to FIT_POSITIONS positions, checked at all of them."""
    return _fit(picture, filtered, size, padding, where=None)


def _fit_rectified(picture: np.ndarray, detected: np.ndarray, size: tuple[int, int], padding: str) -> np.ndarray | None:
    """The kernel whose filtered map, rectified, is `detected`: fitted where `detected` is positive (there the
    ReLU changed nothing), then checked everywhere."""
    positive = detected.reshape(-1) > 0
    if positive.sum() < 4 * size[0] * size[1]:
        return None
    return _fit(picture, detected, size, padding, where=positive, rectified=True)


def _fit(
    picture: np.ndarray,
    target: np.ndarray,
    size: tuple[int, int],
    padding: str,
    where: np.ndarray | None,
    rectified: bool = False,
) -> np.ndarray | None:
    kh, kw = size
    image = picture[0, :, :, 0].astype(np.float64)
    h, w = image.shape
    if padding == "SAME":
        top, left = (kh - 1) // 2, (kw - 1) // 2
        image = np.pad(image, ((top, kh - 1 - top), (left, kw - 1 - left)))
        oh, ow = h, w
    else:
        oh, ow = h - kh + 1, w - kw + 1
    if oh < 1 or ow < 1 or target.size != oh * ow:
        return None
    flat = target.reshape(-1).astype(np.float64)
    rows = np.flatnonzero(where) if where is not None else np.arange(flat.size)
    if rows.size > FIT_POSITIONS:  # spread over the whole map, the same positions every time
        rows = rows[np.linspace(0, rows.size - 1, FIT_POSITIONS).astype(np.int64)]
    i, j = np.divmod(rows, ow)
    # Each chosen position's window of the (padded) picture, as one row of numbers.
    patches = image[i[:, None, None] + np.arange(kh)[:, None], j[:, None, None] + np.arange(kw)]
    patches = patches.reshape(rows.size, kh * kw)
    # The normal equations, summed with einsum: a (kh*kw)-square system. numpy's SVD and lstsq on the tall
    # matrix call BLAS, whose threads stall for tens of milliseconds beside TensorFlow's on a busy machine.
    gram = np.einsum("ni,nj->ij", patches, patches)
    moments = np.einsum("ni,n->i", patches, flat[rows])
    spread = np.linalg.eigvalsh(gram)
    if spread[0] <= 1e-9 * max(float(spread[-1]), 1e-300):  # windows that cannot tell kernels apart
        return None
    kernel = _tidy(np.linalg.solve(gram, moments).reshape(size))
    made = reference.conv2d(picture, kernel, 1, padding)
    if rectified:
        made = reference.relu(made)
    if made.size != target.size:
        return None
    ok = arrays_match(target.reshape(made.shape), made, inputs=(picture.dtype,), terms=4 * kh * kw)
    return kernel if ok else None


def _tidy(kernel: np.ndarray) -> np.ndarray:
    """Numbers within float32 rounding of a value with 4 decimals become that value: a fitted -1.0000002 is -1,
    and 0.0625 stays 0.0625."""
    rounded = np.round(kernel, 4)
    return np.where(np.abs(kernel - rounded) < 1e-6 * np.maximum(1.0, np.abs(kernel)), rounded, kernel)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-4, atol=1e-4 * max(1.0, magnitude(b))))


def _kernel_code(kernel: np.ndarray) -> str:
    """A kernel as a nested list, whole numbers without a decimal point."""
    whole = np.all(kernel == np.round(kernel))
    text = [[str(int(v)) if whole else f"{v:.4g}" for v in row] for row in kernel]
    width = max(len(t) for row in text for t in row)
    lines = ["[" + ", ".join(t.rjust(width) for t in row) + "]" for row in text]
    return "[" + ",\n ".join(lines) + "]"


def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _figure(actual: np.ndarray, expected: np.ndarray, title: str) -> Figure:
    return Figure(actual=actual[0, :, :, 0], expected=expected[0, :, :, 0], title=title)


def _what(value: Any) -> str:
    return describe_non_array(value) or "an array of another shape"
