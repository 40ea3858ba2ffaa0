"""Judging a hand-made global average pooling: one mean per feature map, as `GlobalAvgPool2D` gives.

The expected scores come from `reference.global_avg_pool` (tested against keras' GlobalAveragePooling2D).
Mistakes named: averaging over the wrong axes, keeping the pooled axes (`keepdims=True`), a sum instead of a
mean, a maximum instead of a mean, and flattening instead of pooling.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.compare import Tolerance, mismatch, tolerance_for
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code
from learntools_cv.core.values import inspect_array, load_array


@dataclass(frozen=True)
class GlobalPoolTask:
    """Average each feature map of the (N, H, W, C) variable `source`; the answer is `answer`, shape (N, C)."""

    answer: str
    source: str

    def judge(self, answer: Any, source: Any) -> None:
        maps = self._maps(source)
        expected = reference.global_avg_pool(maps)  # (N, C)
        info = inspect_array(answer, self.answer, what="a tensor or an array of scores")
        if info.dtype.kind in "biu":
            raise Incorrect(
                f"{code(self.answer)} holds {'True/False values' if info.dtype.kind == 'b' else 'integers'}, "
                "but averages of activations are fractional numbers. Don't cast the result."
            )
        n, h, w, c = maps.shape
        accepted = {(n, c)} | ({(c,)} if n == 1 else set())
        if info.shape not in accepted:
            self._wrong_shape(info.shape, maps, expected)
        actual = load_array(info, self.answer).reshape(expected.shape)
        base = tolerance_for(actual.dtype, maps.dtype, scale=float(np.abs(expected).max() or 1.0))
        # A mean or sum over thousands of float32 values carries more rounding than one element does.
        tol = Tolerance(rtol=base.rtol + 1e-4, atol=base.atol * 100)
        diff = mismatch(actual, expected, tol)
        if diff is None:
            return
        with np.errstate(all="ignore"):
            if mismatch(actual, maps.sum(axis=(1, 2)), tol) is None:
                raise Incorrect(
                    f"{code(self.answer)} holds the sums of the feature maps, not their means: each score is "
                    f"{h * w:,} times too large. Use `tf.reduce_mean`, not `tf.reduce_sum`."
                )
            if mismatch(actual, maps.max(axis=(1, 2)), tol) is None:
                raise Incorrect(
                    f"{code(self.answer)} holds the largest value of each feature map (global *max* pooling). "
                    "Global average pooling takes the mean: use `tf.reduce_mean`."
                )
        raise Incorrect(
            f"{code(self.answer)} has the right shape, but its values are off. {diff.describe()} "
            f"Average each feature map of {code(self.source)} over its height and width."
        )

    def _maps(self, source: Any) -> np.ndarray:
        try:
            info = inspect_array(source, self.source)
        except Incorrect as exc:
            raise Incorrect(f"{exc} Re-run the setup cells above, then check again.") from None
        maps = load_array(info, self.source)
        if maps.ndim == 3:
            maps = maps[None]
        if maps.ndim != 4 or maps.size == 0:
            raise Incorrect(
                f"{code(self.source)} has shape {code(str(info.shape))}, which is not a stack of feature maps. "
                "Re-run the setup cells above, then check again."
            )
        return maps if maps.dtype.kind == "f" else maps.astype(np.float64)

    def _wrong_shape(self, shape: tuple[int, ...], maps: np.ndarray, expected: np.ndarray) -> None:
        n, h, w, c = maps.shape
        name, source = code(self.answer), code(self.source)
        want = code(str(tuple(expected.shape)))
        if shape == (n, 1, 1, c):
            raise Incorrect(
                f"{name} has shape {code(str(shape))}: the pooled axes were kept (`keepdims=True`). "
                f"`GlobalAvgPool2D` drops them and gives shape {want}: leave `keepdims` at its default."
            )
        if shape in ((n, h * w * c), (h * w * c,)):
            raise Incorrect(
                f"{name} has {h * w * c:,} values per image: that is every activation unrolled, as `Flatten` "
                f"does. Global average pooling keeps one number per feature map, shape {want}."
            )
        axes_message = self._axes_guess(shape, maps)
        raise Incorrect(
            f"{name} has shape {code(str(shape))}, but averaging each of the {c} feature maps of {source} "
            f"(shape {code(str(tuple(maps.shape)))}) gives shape {want}. {axes_message}"
        )

    @staticmethod
    def _axes_guess(shape: tuple[int, ...], maps: np.ndarray) -> str:
        n, h, w, c = maps.shape
        by_axes = {
            "the whole tensor (no `axis`)": (),
            "`axis=3`, the channels": (n, h, w),
            "`axis=[0, 1]`": (w, c),
            "`axis=[2, 3]`": (n, h),
            "`axis=1` alone": (n, w, c),
            "`axis=2` alone": (n, h, c),
            "`axis=[1, 2, 3]`": (n,),
        }
        for label, axes_shape in by_axes.items():
            if shape == axes_shape:
                return f"It looks like you averaged over {label}. Average over height and width: `axis=[1, 2]`."
        return "Average over the height and width axes: `axis=[1, 2]`."
