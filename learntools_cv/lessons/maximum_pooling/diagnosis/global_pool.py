"""Judging a hand-made global average pooling: one mean per feature map, as `GlobalAvgPool2D` gives.

The expected scores come from `reference.global_avg_pool` (tested against keras' GlobalAveragePooling2D).
Mistakes named: averaging over the wrong axes, keeping the pooled axes (`keepdims=True`), a sum instead of a
mean, a sum divided by the wrong count, a maximum instead of a mean, means divided by their largest
(normalised), and flattening instead of pooling. Feature maps that hold one value each cannot tell a mean from
a maximum: an answer that matches them is not called Correct.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.compare import arrays_match, compare_arrays
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import code
from learntools_cv.core.values import ArrayInfo, inspect_array, load_array


@dataclass(frozen=True)
class GlobalPoolTask:
    """Average each feature map of the (N, H, W, C) variable `source`; the answer is `answer`, shape (N, C)."""

    answer: str
    source: str
    uninformative: str = "Average feature maps whose values vary, then check again."
    """What to do when `source` cannot tell a mean from a maximum (maps of one value each)."""

    def judge(self, answer: Any, source: Any) -> None:
        maps = self._maps(source)
        expected = reference.global_avg_pool(maps)  # (N, C)
        info = inspect_array(answer, self.answer, what="a tensor or an array of scores")
        if info.dtype.kind in "biu":
            boolean = info.dtype.kind == "b"
            raise Incorrect(
                f"{code(self.answer)} holds {'True/False values' if boolean else 'integers'}, "
                "but averages of activations are fractional numbers. Don't cast the result.",
                mistake="bool-dtype" if boolean else "integer-dtype",
            )
        n, h, w, c = maps.shape
        accepted = {(n, c)} | ({(c,)} if n == 1 else set())
        if info.shape not in accepted:
            self._wrong_shape(info, maps, expected)
        actual = load_array(info, self.answer).reshape(expected.shape)
        cells = h * w  # each score is a sum of this many activations, divided by as many
        diff = compare_arrays(actual, expected, inputs=(maps.dtype,), terms=cells)
        if diff is None:
            self._check_telling(maps, expected)
            return
        with np.errstate(all="ignore"):
            sums = maps.sum(axis=(1, 2), dtype=np.float64)
            if arrays_match(actual, sums, inputs=(maps.dtype,), terms=cells):
                raise Incorrect(
                    f"{code(self.answer)} holds the sums of the feature maps, not their means: each score is "
                    f"{cells:,} times too large. Use `tf.reduce_mean`, not `tf.reduce_sum`.",
                    mistake="global-sum",
                )
            count = _divided_by(actual, sums, cells)
            if count is not None:
                raise Incorrect(
                    f"{code(self.answer)} holds each feature map's sum divided by {count:,}, but a "
                    f"{h}x{w} map has {cells:,} values: a mean divides by all of them. Use `tf.reduce_mean` "
                    "over `axis=[1, 2]`, or divide the sum by the number of values in a map.",
                    mistake="wrong-count",
                )
            if arrays_match(actual, maps.max(axis=(1, 2)), inputs=(maps.dtype,)):
                raise Incorrect(
                    f"{code(self.answer)} holds the largest value of each feature map (global *max* pooling). "
                    "Global average pooling takes the mean: use `tf.reduce_mean`.",
                    mistake="global-max",
                )
            if _normalised(actual, expected, cells):
                raise Incorrect(
                    f"{code(self.answer)} holds the means divided by the largest of them (normalised, so that "
                    "the largest score is 1). Global average pooling gives the means themselves: don't divide "
                    "them.",
                    mistake="normalised",
                )
        raise Incorrect(
            f"{code(self.answer)} has the right shape, but its values are off. {diff.describe()} "
            f"Average each feature map of {code(self.source)} over its height and width.",
            mistake=None,  # no named mistake: the values are off in no way the checker knows
        )

    def _check_telling(self, maps: np.ndarray, means: np.ndarray) -> None:
        """Raise Incorrect when every feature map holds one value: its mean is then its maximum too, so an
        answer that matches cannot show that it averaged (a blank picture gives such maps)."""
        with np.errstate(all="ignore"):
            largest = maps.max(axis=(1, 2))
        if not arrays_match(largest, means, inputs=(maps.dtype,), terms=maps.shape[1] * maps.shape[2]):
            return
        raise Incorrect(
            f"{code(self.source)} cannot show whether you took the mean: each of its feature maps holds a single "
            "value everywhere, so its largest value (global max pooling) is its mean too. "
            f"{self.uninformative}",
            mistake="cannot-tell",
        )

    def _maps(self, source: Any) -> np.ndarray:
        try:
            info = inspect_array(source, self.source)
        except Incorrect as exc:
            raise Incorrect(f"{exc} Re-run the setup cells above, then check again.", mistake="setup-broken") from None
        maps = load_array(info, self.source)
        if maps.ndim == 3:
            maps = maps[None]
        if maps.ndim != 4 or maps.size == 0:
            raise Incorrect(
                f"{code(self.source)} has shape {code(str(info.shape))}, which is not a stack of feature maps. "
                "Re-run the setup cells above, then check again.",
                mistake="setup-broken",
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
                f"`GlobalAvgPool2D` drops them and gives shape {want}: leave `keepdims` at its default.",
                mistake="keepdims",
            )
        if shape in ((n, h * w * c), (h * w * c,)):
            raise Incorrect(
                f"{name} has {h * w * c:,} values per image: that is every activation unrolled, as `Flatten` "
                f"does. Global average pooling keeps one number per feature map, shape {want}.",
                mistake="flatten",
            )
        axes_message, named = self._axes_guess(shape, maps, info)
        raise Incorrect(
            f"{name} has shape {code(str(shape))}, but averaging each of the {c} feature maps of {source} "
            f"(shape {code(str(tuple(maps.shape)))}) gives shape {want}. {axes_message}",
            mistake="wrong-axes" if named else "wrong-shape",
        )

    def _axes_guess(self, shape: tuple[int, ...], maps: np.ndarray, info: ArrayInfo) -> tuple[str, bool]:
        """Which axes the learner seems to have averaged over, in words, and whether any were named."""
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
            return f"It looks like you averaged over {label}. Average over height and width: `axis=[1, 2]`.", True
        return "Average over the height and width axes: `axis=[1, 2]`.", False

    @staticmethod
    def _is_mean(actual: np.ndarray, maps: np.ndarray, axes: tuple[int, ...]) -> bool:
        mean = maps.mean(axis=axes, dtype=np.float64)
        terms = int(np.prod([maps.shape[a] for a in axes]))
        return arrays_match(actual, mean, inputs=(maps.dtype,), terms=terms)


def _normalised(actual: np.ndarray, means: np.ndarray, cells: int) -> bool:
    """Whether `actual` is the means divided by their largest, over all scores or each image's own."""
    for largest in (np.max(means), np.max(means, axis=-1, keepdims=True)):
        if np.all(np.isfinite(largest)) and np.all(largest > 0) and not np.allclose(largest, 1):
            if arrays_match(actual, means / largest, inputs=(means.dtype,), terms=cells):
                return True
    return False


def _divided_by(actual: np.ndarray, sums: np.ndarray, cells: int) -> int | None:
    """The whole number other than `cells` that every score is its map's sum divided by; None if there is
    none (a mean over the wrong count: the learner divided by the height, by H*W*C, by one less, ...)."""
    nonzero = np.abs(sums) > 0
    if not nonzero.any():
        return None
    with np.errstate(all="ignore"):
        ratios = sums[nonzero] / actual.astype(np.float64)[nonzero]
    if not np.isfinite(ratios).all():
        return None
    count = int(round(float(np.median(ratios))))
    if count < 1 or count == cells:
        return None
    return count if arrays_match(actual, sums / count, inputs=(actual.dtype,), terms=cells) else None
