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
from learntools_cv.core.values import ArrayInfo, inspect_array, load_array


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
            self._wrong_shape(info, maps, expected)
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

    def _wrong_shape(self, info: ArrayInfo, maps: np.ndarray, expected: np.ndarray) -> None:
        shape = info.shape
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
        axes_message = self._axes_guess(shape, maps, info)
        raise Incorrect(
            f"{name} has shape {code(str(shape))}, but averaging each of the {c} feature maps of {source} "
            f"(shape {code(str(tuple(maps.shape)))}) gives shape {want}. {axes_message}"
        )

    def _axes_guess(self, shape: tuple[int, ...], maps: np.ndarray, info: ArrayInfo) -> str:
        by_axes = {
            "the whole tensor (no `axis`)": (0, 1, 2, 3),
            "`axis=3`, the channels": (3,),
            "`axis=[0, 1]`": (0, 1),
            "`axis=[2, 3]`": (2, 3),
            "`axis=1` alone": (1,),
            "`axis=2` alone": (2,),
            "`axis=[1, 2, 3]`": (1, 2, 3),
        }
        fitting = [
            (label, axes)
            for label, axes in by_axes.items()
            if shape == tuple(d for i, d in enumerate(maps.shape) if i not in axes)
        ]
        if len(fitting) > 1:
            # Square maps give `axis=1` and `axis=2` the same shape: only the values tell them apart.
            actual = load_array(info, self.answer)
            fitting = [(label, axes) for label, axes in fitting if self._is_mean(actual, maps, axes)]
        if len(fitting) == 1:
            label = fitting[0][0]
            return f"It looks like you averaged over {label}. Average over height and width: `axis=[1, 2]`."
        return "Average over the height and width axes: `axis=[1, 2]`."

    @staticmethod
    def _is_mean(actual: np.ndarray, maps: np.ndarray, axes: tuple[int, ...]) -> bool:
        mean = maps.mean(axis=axes, dtype=np.float64)
        tol = tolerance_for(maps.dtype, scale=float(np.abs(mean).max(initial=0.0) or 1.0))
        return mismatch(actual, mean, Tolerance(rtol=tol.rtol + 1e-4, atol=tol.atol * 100)) is None
