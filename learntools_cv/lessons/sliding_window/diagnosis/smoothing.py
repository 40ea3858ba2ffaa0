"""Judging a 1-D kernel of the learner's choice and the series it smooths (`tf.nn.conv1d` with stride 1 and
'VALID' padding).

`SmoothingTask.judge(kernel, answer, series)` first checks the kernel (a row of at least two weights adding
up to 1, so that the smoothed series stays at the level of the original), then slides it over the learner's
own series with `reference.conv1d` and compares. A wrong answer is matched against what learners do instead:
'SAME' padding, another stride, `dilations`, `np.convolve` (which flips the kernel, in its three modes), the
kernel's weights taken as output channels, the series itself, or a series smoothed with an earlier kernel
(its weights are recovered by least squares). On a flat series every kernel whose weights add up to 1 gives
the same values, so the check says it cannot tell (`Uncheckable`) instead of Correct.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.compare import Mismatch, NotComparable, arrays_match, compare_arrays, magnitude, to_plain
from learntools_cv.core.exceptions import Incorrect, Uncheckable
from learntools_cv.core.outcome import Figure
from learntools_cv.core.text import code, plural
from learntools_cv.core.values import inspect_array, load_array
from learntools_cv.lessons.sliding_window.diagnosis.fit import least_squares

# The longest kernel whose weights a stale answer is searched for (least squares over its windows).
MAX_RECOVERED_TAPS = 16


@dataclass(frozen=True)
class Variant:
    """A way learners slide a kernel over a series instead of the one asked: `make(series, kernel)` is the
    values it gives (None when it does not apply)."""

    id: str
    make: Callable[[np.ndarray, np.ndarray], np.ndarray | None]
    says: str


def _flat_kernel(series: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """The kernel's weights as output channels: a window of one step, each weight its own output."""
    return series[:, None] * kernel[None, :]


def _leading_nans(series: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """What pandas' `rolling(k).mean()` gives: NaN until the first window is full, then the smoothed series."""
    return np.concatenate([np.full(len(kernel) - 1, np.nan), reference.conv1d(series, kernel, 1, "VALID")])


VARIANTS: tuple[Variant, ...] = (
    Variant(
        "padding-same",
        lambda x, k: reference.conv1d(x, k, 1, "SAME"),
        "It looks like you used 'SAME' padding: it adds zeros at both ends, so the first and last values "
        "average in weeks that do not exist and drag the ends of the smoothed series towards 0. This question "
        "asks for 'VALID' padding, which keeps every window inside the series: use `padding='VALID'`.",
    ),
    Variant(
        "flipped-kernel",
        lambda x, k: reference.conv1d(x, k[::-1], 1, "VALID"),
        "It looks like your kernel was applied back to front: `np.convolve` flips the kernel before sliding "
        "it (a convolution, as mathematicians define it), while `tf.nn.conv1d` slides it as written (a "
        "cross-correlation). Use `tf.nn.conv1d`, or give `np.convolve` the kernel reversed.",
    ),
    Variant(
        "np-convolve-full",
        lambda x, k: np.convolve(x, k, "full"),
        "It looks like you used `np.convolve` in its default mode, 'full': it also keeps the windows that hang "
        "over either end, so the result is longer than the series. `tf.nn.conv1d` with 'VALID' padding keeps "
        "only the windows inside (and, unlike `np.convolve`, does not flip the kernel).",
    ),
    Variant(
        "np-convolve-same",
        lambda x, k: np.convolve(x, k, "same") if len(k) <= len(x) else None,
        "It looks like you used `np.convolve(..., 'same')`: it pads the ends and flips the kernel. This "
        "question asks for `tf.nn.conv1d` with 'VALID' padding, which keeps every window inside the series.",
    ),
    Variant(
        "stride-2",
        lambda x, k: reference.conv1d(x, k, 2, "VALID"),
        "It looks like you moved the window 2 weeks at a time (`stride=2`), which keeps every other smoothed "
        "value. Use `stride=1`.",
    ),
    Variant(
        "stride-as-window",
        lambda x, k: reference.conv1d(x, k, len(k), "VALID") if len(k) > 2 else None,
        "It looks like you moved the window by its own width (`stride` equal to the kernel's length): the "
        "windows no longer overlap, and you get one value per block of weeks. The stride is how far the "
        "window moves, not how wide it is: use `stride=1`.",
    ),
    Variant(
        "dilation-2",
        lambda x, k: reference.conv1d(x, k, 1, "VALID", 2),
        "It looks like you set `dilations=2`: the kernel's weights then fall on every other week, so each "
        "window spreads over twice as many weeks. Leave `dilations` out.",
    ),
    Variant(
        "leading-nans",
        _leading_nans,
        "Your smoothed series starts with NaN, one for each week before the first window is full, as pandas' "
        "`rolling(...).mean()` gives it; after them it is right. `tf.nn.conv1d` with 'VALID' padding keeps only "
        "the full windows: use it, or leave the NaN out.",
    ),
    Variant(
        "kernel-as-channels",
        _flat_kernel,
        "It looks like the kernel was reshaped to `(1, 1, k)`: a window one step wide with a weight per output "
        "channel, so each channel is the series times one weight. `tf.nn.conv1d` reads `filters` as (width, "
        "in channels, out channels): reshape the kernel to `(k, 1, 1)`, for example with "
        "`tf.reshape(ts_kernel, [-1, 1, 1])`.",
    ),
)


@dataclass(frozen=True)
class SmoothingTask:
    """The learner's kernel `kernel_name` and `answer`, the series `source` slid over with it (stride 1,
    'VALID')."""

    kernel_name: str
    answer: str
    source: str

    def judge(self, kernel: Any, answer: Any, source: Any) -> None:
        k = self._kernel(kernel)
        x = self._series(source)
        info = inspect_array(answer, self.answer, what="a tensor or an array (the smoothed series)")
        if info.dtype.kind == "b":
            raise Incorrect(f"{code(self.answer)} holds True/False values, not the smoothed series.",
                            mistake="bool-dtype")
        if info.dtype.kind in "iu":
            raise Incorrect(
                f"{code(self.answer)} holds integers ({code(str(info.dtype))}), so the fractional part of every "
                "smoothed value is lost. Keep the floating-point result; don't cast it.",
                mistake="integer-dtype",
            )
        if len(k) > len(x):
            raise Incorrect(
                f"{code(self.kernel_name)} has {len(k)} weights, more than the {len(x)} steps of "
                f"{code(self.source)}: no window fits. Use a short kernel, a few weeks long.",
                mistake="kernel-too-long",
            )
        _Judge(self, x, k, info).run()

    def _kernel(self, kernel: Any) -> np.ndarray:
        name = code(self.kernel_name)
        array = _numbers(kernel, self.kernel_name, "a short row of weights, such as `[0.25, 0.25, 0.25, 0.25]`")
        squeezed = array.reshape([d for d in array.shape if d != 1]) if array.size > 1 else array.reshape(-1)
        if squeezed.ndim != 1:
            raise Incorrect(
                f"{name} has shape {code(str(array.shape))}. A kernel for a series is one row of weights: shape "
                "`(k,)`, such as `tf.constant([0.25, 0.25, 0.25, 0.25])`.",
                mistake="kernel-not-1d",
            )
        k = squeezed.astype(np.float64)
        if not np.isfinite(k).all():
            raise Incorrect(f"{name} holds NaN or infinite weights.", mistake="kernel-not-finite")
        if k.size < 2:
            raise Incorrect(
                f"{name} has a single weight, so each window is one week: it scales the series but smooths "
                "nothing. Use at least two weights.",
                mistake="one-weight",
            )
        total = float(k.sum())
        if abs(total - 1.0) > 1e-3 * max(1.0, float(np.abs(k).sum())):
            raise Incorrect(
                f"The weights of {name} add up to {total:.4g}, not 1, so the smoothed series would be about "
                f"{total:.3g} times as high as the original. Divide each weight by their sum, or choose weights "
                "that add up to 1.",
                mistake="weights-sum",
            )
        return k

    def _series(self, source: Any) -> np.ndarray:
        try:
            array = _numbers(source, self.source, "the series")
        except Incorrect as exc:
            raise Incorrect(
                f"{exc} Your answer is checked against {code(self.source)}: re-run the cells that load the "
                "series, then check again.",
                mistake="setup-broken",
            ) from None
        x = array.reshape(-1)
        if x.size != max(array.shape, default=0) or x.size < 2:
            raise Incorrect(
                f"{code(self.source)} has shape {code(str(array.shape))}, which is not one series. Re-run the "
                "cells that load the series, then check again.",
                mistake="setup-broken",
            )
        return x.astype(np.float64)


class _Judge:
    def __init__(self, task: SmoothingTask, x: np.ndarray, k: np.ndarray, info: Any) -> None:
        self.task = task
        self.x = x
        self.k = k
        self.info = info
        self.expected = reference.conv1d(x, k, 1, "VALID")
        self._scale = magnitude(self.expected)
        self._actual: np.ndarray | None = None

    def actual(self) -> np.ndarray:
        if self._actual is None:
            self._actual = load_array(self.info, self.task.answer).astype(np.float64)
        return self._actual

    def _matches(self, actual: np.ndarray, expected: np.ndarray) -> bool:
        return arrays_match(actual, expected, inputs=(np.float32,), scale=self._scale, terms=len(self.k))

    def run(self) -> None:
        shape = _squeeze(self.info.shape)
        if shape != self.expected.shape:
            self._wrong_shape(shape)
        actual = self.actual().reshape(self.expected.shape)
        bad = int((~np.isfinite(actual)).sum())
        if bad:
            raise Incorrect(
                f"{code(self.task.answer)} contains {plural(bad, 'value')} that {'is' if bad == 1 else 'are'} NaN "
                f"or infinite, where smoothing {code(self.task.source)} gives ordinary numbers.",
                mistake="nan-or-inf",
                figure=self._figure(actual),
            )
        diff = compare_arrays(actual, self.expected, inputs=(np.float32,), scale=self._scale, terms=len(self.k))
        if diff is None:
            self._can_tell()
            return
        self._wrong_values(actual, diff)

    def _can_tell(self) -> None:
        if float(self.x.min()) == float(self.x.max()):
            raise Uncheckable(
                f"Your {code(self.task.source)} is flat: every step is {float(self.x[0]):.4g}. Every kernel whose "
                "weights add up to 1 smooths a flat series into the same flat line, so this check cannot tell "
                f"whether {code(self.task.answer)} is right. Your kernel is fine. Re-run the cells that load "
                "the lesson's series, then your answer, and check again."
            )

    def _wrong_shape(self, shape: tuple[int, ...]) -> None:
        name = code(self.task.answer)
        if self.info.size <= 64 * self.x.size:
            actual = self.actual()
            for variant in VARIANTS:
                made = variant.make(self.x, self.k)
                if made is not None and made.shape == shape and self._matches(actual.reshape(shape), made):
                    raise Incorrect(variant.says, mistake=variant.id, figure=self._figure(actual.reshape(shape)))
            if shape == self.x.shape and self._matches(actual.reshape(shape), self.x):
                raise Incorrect(
                    f"{name} is {code(self.task.source)} itself: nothing was smoothed. Slide "
                    f"{code(self.task.kernel_name)} over it with `tf.nn.conv1d`.",
                    mistake="not-smoothed",
                )
            stale = self._stale(actual.reshape(-1)) if len(shape) == 1 else None
            if stale is not None:
                raise stale
        n, k = len(self.x), len(self.k)
        raise Incorrect(
            f"{name} has shape {code(str(self.info.shape))}, but sliding a kernel of {k} weights over the {n} "
            f"steps of {code(self.task.source)} with stride 1 and 'VALID' padding gives {n} - {k} + 1 = {n - k + 1} "
            f"values (shape {code(str((1, n - k + 1, 1)))}).",
            mistake="wrong-shape",
        )

    def _wrong_values(self, actual: np.ndarray, diff: Mismatch) -> None:
        name = code(self.task.answer)
        if not actual.any() and self.expected.any():
            raise Incorrect(f"{name} is all zeros. Assign the result of `tf.nn.conv1d`.", mistake="all-zeros",
                            figure=self._figure(actual))
        for variant in VARIANTS:
            made = variant.make(self.x, self.k)
            if made is not None and made.shape == actual.shape and self._matches(actual, made):
                raise Incorrect(variant.says, mistake=variant.id, figure=self._figure(actual))
        stale = self._stale(actual)
        if stale is not None:
            raise stale
        diff = diff.reshaped(self.info.shape)  # positions in the learner's own shape, (1, 258, 1) say
        raise Incorrect(
            f"{name} has the right shape, but its values are off. {diff.describe()} This question asks for "
            f"{code(self.task.source)} smoothed with {code(self.task.kernel_name)}: `tf.nn.conv1d` with "
            "`stride=1` and `padding='VALID'`.",
            figure=self._figure(actual),
            mistake=None,  # no named mistake: the values are off in no way the checker knows
        )

    def _stale(self, actual: np.ndarray) -> Incorrect | None:
        """Incorrect when `actual` is the series smoothed ('VALID', stride 1) with some other kernel: the
        answer was made before the kernel last changed."""
        taps = len(self.x) - len(actual) + 1
        if not 2 <= taps <= MAX_RECOVERED_TAPS or len(actual) < 2 * taps:
            return None
        windows = np.lib.stride_tricks.sliding_window_view(self.x, taps)
        weights = least_squares(windows, actual)
        if not self._matches(actual, np.einsum("ri,i->r", windows, weights)):
            return None
        if taps == len(self.k) and self._matches(weights, self.k):
            return None  # the kernel itself: a tolerance the least squares fit sits just inside
        shown = "[" + ", ".join(f"{w:.3g}" for w in weights) + "]"
        return Incorrect(
            f"{code(self.task.answer)} is {code(self.task.source)} smoothed with another kernel, about "
            f"{code(shown)}, not with {code(self.task.kernel_name)} as it is now. Did you change the kernel "
            "after smoothing? Run the cell that smooths the series again.",
            mistake="stale-kernel",
            figure=self._figure(actual) if actual.shape == self.expected.shape else None,
        )

    def _figure(self, actual: np.ndarray) -> Figure:
        # A series per output channel (the kernel's weights taken as channels): the first one is drawn.
        values = actual if actual.ndim == 1 else actual.reshape(actual.shape[0], -1)[:, 0]
        return Figure(actual=values, expected=self.expected, title=self.task.answer, series=True)


def _numbers(value: Any, name: str, what: str) -> np.ndarray:
    """A learner's value as a numpy array of numbers: tensors and arrays, and also lists and tuples of
    numbers (a kernel is often written as one)."""
    if type(value) in (list, tuple):
        try:
            plain = to_plain(value)
            array = np.asarray(plain, dtype=np.float64)
        except (NotComparable, TypeError, ValueError):
            raise Incorrect(f"{code(name)} is a list that does not hold only numbers. It should be {what}.",
                            mistake="not-numbers") from None
        return array
    array = load_array(inspect_array(value, name, what=what), name)
    if array.dtype.kind not in "fiub" or array.size == 0:
        raise Incorrect(f"{code(name)} holds no numbers. It should be {what}.", mistake="not-numbers")
    return array


def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)
