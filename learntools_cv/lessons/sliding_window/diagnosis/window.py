"""Judging a picture filtered with a kernel moved by given strides with given padding (`tf.nn.conv2d`), and
naming the learner's mistake when it is wrong.

`SlideTask.judge(answer, image, kernel, others)` slides the learner's own `kernel` over the learner's own
`image` with the reference op, compares the answer with it, and otherwise tries the mistakes learners make
with a sliding window: the other padding, another stride (one as large as the kernel, or along one axis
only), `dilations` where `strides` was meant, zeros padded by hand on every side (the window one pixel off),
filtering the already filtered map, sampling the picture without the kernel. Candidates are filtered by
their output shape (arithmetic) and then at a few positions before any is computed whole. Then the steps
taken instead of, or after, the convolution: a ReLU, a pooling, another kernel (recovered by least squares:
flipped, transposed, a new layer's random one), scaled values.

A right answer is Correct only when the learner's picture can tell it from those mistakes: on a blank
picture every window gives the same values, and the check says so (`Uncheckable`) instead of Correct.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.compare import Mismatch, Tolerance, arrays_match, compare_arrays, magnitude, tolerance_for
from learntools_cv.core.exceptions import Incorrect, Uncheckable
from learntools_cv.core.outcome import Figure
from learntools_cv.core.text import code, plural
from learntools_cv.core.values import inspect_array, load_array
from learntools_cv.lessons.sliding_window.diagnosis.fit import least_squares, ratio

# How many wrong-answer candidates may be compared at a few positions per check: bounds a diagnosis' cost.
MAX_CANDIDATES = 24
# How many positions a candidate is first compared at.
_SAMPLES = 24
# Answers with more than this many times the picture's values are judged from their shape alone.
MAX_SIZE_FACTOR = 16

SAME, VALID, BY_HAND = "SAME", "VALID", "BY_HAND"


@dataclass(frozen=True)
class Slide:
    """One way of sliding a kernel over a picture.

    `padding` is TensorFlow's 'SAME' or 'VALID', or 'BY_HAND': zeros added by hand on every side (as
    `tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]])` does for a 3x3 kernel), then 'VALID'."""

    strides: tuple[int, int] = (1, 1)
    padding: str = SAME
    dilation: int = 1

    def extent(self, kernel_hw: tuple[int, int]) -> tuple[int, int]:
        """The pixels one window spans, down and across."""
        return (kernel_hw[0] - 1) * self.dilation + 1, (kernel_hw[1] - 1) * self.dilation + 1

    def geometry(self, hw: tuple[int, int], kernel_hw: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
        """((rows, columns) of the output, (rows, columns) of padding before the first pixel)."""
        out, before = [], []
        for size, extent, stride in zip(hw, self.extent(kernel_hw), self.strides):
            if self.padding == BY_HAND:
                pad = (extent - 1) // 2
                out.append(max((size + 2 * pad - extent) // stride + 1, 0))
                before.append(pad)
            else:
                count = reference.pool_output_size(size, extent, stride, self.padding)
                out.append(count)
                before.append(max((count - 1) * stride + extent - size, 0) // 2 if self.padding == SAME else 0)
        return (out[0], out[1]), (before[0], before[1])

    def apply(self, x4: np.ndarray, k4: np.ndarray) -> np.ndarray:
        if self.padding != BY_HAND:
            return reference.conv2d(x4, k4, self.strides, self.padding, self.dilation)
        (top, left) = self.geometry(x4.shape[1:3], k4.shape[:2])[1]
        extent = self.extent(k4.shape[:2])
        padded = np.pad(x4, ((0, 0), (top, extent[0] - 1 - top), (left, extent[1] - 1 - left), (0, 0)))
        return reference.conv2d(padded, k4, self.strides, VALID, self.dilation)

    def apply_at(self, x4: np.ndarray, k4: np.ndarray, index: tuple[np.ndarray, ...]) -> np.ndarray:
        """The output values at a few positions `index` = (n, i, j, c) only: a cheap way to rule a
        candidate out before computing it whole."""
        n, i, j, c = index
        (top, left) = _geometry(self, tuple(x4.shape[1:3]), tuple(k4.shape[:2]))[1]
        height, width = x4.shape[1], x4.shape[2]
        taps_r = np.arange(k4.shape[0]) * self.dilation
        taps_c = np.arange(k4.shape[1]) * self.dilation
        rows = i[:, None] * self.strides[0] - top + taps_r  # (positions, kh)
        cols = j[:, None] * self.strides[1] - left + taps_c  # (positions, kw)
        inside = ((rows >= 0) & (rows < height))[:, :, None] & ((cols >= 0) & (cols < width))[:, None, :]
        patches = x4[
            n[:, None, None], np.clip(rows, 0, height - 1)[:, :, None], np.clip(cols, 0, width - 1)[:, None, :]
        ].astype(np.float64)  # (positions, kh, kw, in_channels)
        patches = np.where(inside[..., None], patches, 0.0)
        weights = np.moveaxis(k4[..., c].astype(np.float64), -1, 0)  # (positions, kh, kw, in_channels)
        return np.einsum("pabi,pabi->p", patches, weights)

    def describe(self) -> str:
        """'strides 2 and 'SAME' padding'."""
        stride = self.strides[0] if self.strides[0] == self.strides[1] else self.strides
        text = f"stride {stride} and {self.padding!r} padding"
        return text if self.dilation == 1 else f"{text}, `dilations={self.dilation}`"


@functools.lru_cache(maxsize=4096)
def _geometry(slide: Slide, hw: tuple[int, int], kernel_hw: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """`slide.geometry`, remembered: a check works out the geometry of a hundred candidates."""
    return slide.geometry(hw, kernel_hw)


@dataclass(frozen=True)
class Candidate:
    """A possible learner mistake: `source` slid over with `kernel` ('kernel', or 'none' for sampling the
    picture without a kernel), as `slide` says."""

    slide: Slide
    source: str
    kernel: str = "kernel"


@dataclass(frozen=True)
class SlideTask:
    """What a question asks: slide `kernel_name` over `source` with `slide`; the answer is `answer`.

    `other_sources` names other notebook maps a learner might filter by mistake ({"image_filter": "the
    stride-1 map of the setup"})."""

    answer: str
    source: str
    kernel_name: str
    slide: Slide
    other_sources: Mapping[str, str] = field(default_factory=dict)

    def judge(self, answer: Any, source: Any, kernel: Any, others: Mapping[str, Any] | None = None) -> None:
        """Return if `answer` is `source` filtered as asked; raise Incorrect naming the mistake, or
        Uncheckable when the learner's picture cannot tell the right answer from a mistake."""
        x4 = self._picture(source)
        k4 = self._kernel(kernel, x4)
        expected = self.slide.apply(x4, k4)
        info = inspect_array(answer, self.answer, what="a tensor or an array (the filtered picture)")
        if info.dtype.kind == "b":
            raise Incorrect(
                f"{code(self.answer)} holds True/False values. It should hold the filtered picture: numbers, "
                f"as {code('tf.nn.conv2d')} gives them.",
                mistake="bool-dtype",
            )
        if info.dtype.kind in "iu":
            raise Incorrect(
                f"{code(self.answer)} holds integers ({code(str(info.dtype))}), so the fractional part of "
                "every value is lost. Keep the floating-point result of the convolution; don't cast it.",
                mistake="integer-dtype",
            )
        _Judge(self, x4, k4, expected, info, others or {}).run()

    def _picture(self, source: Any) -> np.ndarray:
        array = _setup_array(source, self.source)
        try:
            x4 = reference.as_nhwc(array)
        except ValueError:
            x4 = None
        if x4 is None or x4.size == 0:
            raise Incorrect(
                f"{code(self.source)} has shape {code(str(array.shape))}, which is not a picture. Re-run the "
                "setup cells above, then check again.",
                mistake="setup-broken",
            )
        return x4 if x4.dtype.kind == "f" else x4.astype(np.float64)

    def _kernel(self, kernel: Any, x4: np.ndarray) -> np.ndarray:
        k = _setup_array(kernel, self.kernel_name)
        k4 = k[:, :, None, None] if k.ndim == 2 else k
        if k4.ndim != 4 or k4.shape[2] != x4.shape[3] or min(k4.shape) < 1:
            raise Incorrect(
                f"{code(self.kernel_name)} has shape {code(str(k.shape))}, which does not fit "
                f"{code(self.source)} (shape {code(str(x4.shape))}): it should have the shape "
                f"{code(str((3, 3, x4.shape[3], 1)))} the setup cells gave it. Re-run them, then check again.",
                mistake="setup-broken",
            )
        return k4 if k4.dtype.kind == "f" else k4.astype(np.float64)


class _Judge:
    """One judgement: the learner's picture and kernel, the expected map, and the learner's answer."""

    def __init__(
        self, task: SlideTask, x4: np.ndarray, k4: np.ndarray, expected: np.ndarray, info: Any,
        others: Mapping[str, Any],
    ) -> None:
        self.task = task
        self.x4 = x4
        self.k4 = k4
        self.expected = expected
        self.info = info
        self.others = others
        self._actual: np.ndarray | None = None
        self._maps: dict[str, np.ndarray | None] = {}
        self._scale = magnitude(expected)
        self._telling = np.zeros(0, dtype=np.int64)
        self._pick_cache: dict[tuple[Any, ...], tuple[np.ndarray, ...]] = {}
        self._tol: Tolerance | None = None

    # ---- flow ----

    def run(self) -> None:
        shape = _squeeze(self.info.shape)
        if shape != _squeeze(self.expected.shape):
            self._wrong_shape(shape)
        actual = self.actual().reshape(self.expected.shape)
        self._check_finite(actual)
        diff = self._compare(actual, self.expected, first=_SAMPLES)
        if diff is None:
            self._can_tell()
            return
        self._telling = np.ravel_multi_index(np.array(diff.first).T, actual.shape) if diff.first else self._telling
        self._wrong_values(actual, diff.trimmed(3).reshaped(self.info.shape))

    def actual(self) -> np.ndarray:
        if self._actual is None:
            self._actual = load_array(self.info, self.task.answer)
        return self._actual

    def _terms(self) -> int:
        return int(np.prod(self.k4.shape[:3]))

    def _compare(self, actual: np.ndarray, expected: np.ndarray, first: int = 3) -> Mismatch | None:
        return compare_arrays(
            actual, expected, inputs=(self.x4.dtype, self.k4.dtype), scale=self._scale, terms=self._terms(),
            first=first,
        )

    def _matches(self, actual: np.ndarray, expected: np.ndarray) -> bool:
        return arrays_match(
            actual, expected, inputs=(self.x4.dtype, self.k4.dtype), scale=self._scale, terms=self._terms()
        )

    # ---- a right answer, on a picture that can tell ----

    def _can_tell(self) -> None:
        """Raise Uncheckable when the picture cannot tell the right answer from a mistake."""
        task, name, source = self.task, code(self.task.answer), code(self.task.source)
        finite = self.x4[np.isfinite(self.x4)]
        if finite.size and float(finite.min()) == float(finite.max()):
            raise Uncheckable(
                f"Your {source} is blank: every pixel is {float(finite.min()):.3g}. On a blank picture every "
                "way of sliding the window gives the same values away from the edges, so this check cannot "
                f"tell whether {name} is right. Re-run the setup cells above (they read the lesson's picture; "
                "a picture of your own works too, if it has some detail), then your answer, and check again."
            )
        twin = self._find(_squeeze(self.expected.shape), against=self.expected)
        if twin is not None:
            raise Uncheckable(
                f"On your {source}, {self._phrase(twin)} gives the same values as {task.slide.describe()}, so "
                f"this check cannot tell which one {name} used. Re-run the setup cells above with the lesson's "
                "picture (or a picture of your own with more detail), then your answer, and check again."
            )

    # ---- wrong shape ----

    def _wrong_shape(self, shape: tuple[int, ...]) -> None:
        name, source = code(self.task.answer), code(self.task.source)
        if self.info.shape == ():
            raise Incorrect(
                f"{name} is a single number, but it should be the filtered picture of shape "
                f"{code(str(tuple(self.expected.shape)))}.",
                mistake="one-number",
            )
        if self.info.size <= MAX_SIZE_FACTOR * self.x4.size:
            found = self._find(shape)
            if found is not None:
                raise self._incorrect_for(found, self._figure(with_expected=True))
        raise Incorrect(
            f"{name} has shape {code(str(self.info.shape))}, but filtering {source} (shape "
            f"{code(str(tuple(self.x4.shape)))}) with {self.task.slide.describe()} gives shape "
            f"{code(str(tuple(self.expected.shape)))}: {self._size_words(self.task.slide)}.",
            mistake="wrong-shape",
        )

    # ---- wrong values ----

    def _check_finite(self, actual: np.ndarray) -> None:
        bad = (np.isnan(actual) & ~np.isnan(self.expected)) | (np.isinf(actual) & ~np.isinf(self.expected))
        count = int(bad.sum())
        if count:
            raise Incorrect(
                f"{code(self.task.answer)} contains {plural(count, 'value')} that "
                f"{'is' if count == 1 else 'are'} NaN or infinite, where filtering {code(self.task.source)} "
                "gives ordinary numbers. Check the input you filtered and any arithmetic you did on the result.",
                mistake="nan-or-inf",
                figure=self._figure(with_expected=True),
            )

    def _wrong_values(self, actual: np.ndarray, diff: Mismatch) -> None:
        name, source = code(self.task.answer), code(self.task.source)
        if not actual.any() and self.expected.any():
            raise Incorrect(
                f"{name} is all zeros, but filtering {source} gives values up to "
                f"{float(np.nanmax(np.abs(self.expected))):.3g}. Assign the result of {code('tf.nn.conv2d')}.",
                mistake="all-zeros",
                figure=self._figure(with_expected=True),
            )
        found = self._find(_squeeze(self.expected.shape))
        if found is not None:
            raise self._incorrect_for(found, self._figure(with_expected=True))
        for mistake, message, make in self._other_steps():
            made = make()
            if made is not None and self._matches(actual, made):
                raise Incorrect(message, mistake=mistake, figure=self._figure(with_expected=True))
        other = self._other_kernel(actual)
        if other is not None:
            raise other
        times = ratio(actual, self.expected)
        if times is not None and self._matches(actual, times * self.expected):
            raise Incorrect(
                f"{name} is {times:.3g} times what it should be: the window slid right, but the values were "
                f"scaled. Keep the result of {code('tf.nn.conv2d')} as it is.",
                mistake="scaled",
                figure=self._figure(with_expected=True),
            )
        raise Incorrect(
            f"{name} has the right shape, but its values are off. {diff.describe()} This question asks for "
            f"{source} filtered with {code(self.task.kernel_name)}, {self.task.slide.describe()}.",
            figure=self._figure(with_expected=True),
            mistake=None,  # no named mistake: the values are off in no way the checker knows
        )

    # ---- another step than the one asked ----

    def _other_steps(self) -> Iterator[tuple[str, str, Callable[[], np.ndarray | None]]]:
        """(id, words, the values it gives) for a step learners take instead of, or after, the convolution."""
        task, s = self.task, self.task.slide.strides
        asked = (
            f"This question asks for {code(task.source)} filtered with {code(task.kernel_name)}, "
            f"{task.slide.describe()}"
        )
        yield (
            "relu-applied",
            "It looks like you applied a ReLU after filtering: your map has no negative values where the "
            f"filtered picture has. {asked}, negative values and all: leave out `tf.nn.relu`.",
            lambda: reference.relu(self.expected),
        )
        for name, note in {task.source: "", **task.other_sources}.items():
            for mode, words in (("max", "maximum"), ("avg", "average")):
                yield (
                    f"pooled-{name}",
                    f"It looks like you condensed {code(name)}{f' ({note})' if note else ''} with {words} "
                    f"pooling, a {s[0]}x{s[1]} "
                    f"window moved {s[0]} pixels at a time. Pooling keeps the largest or the mean value of each "
                    f"window; the stride of a convolution keeps its weighted sum at every {_ordinal(s)} "
                    f"position. {asked}: use `tf.nn.conv2d` with `strides={_stride_code(s)}`.",
                    lambda name=name, mode=mode: self._pooled(name, mode),
                )

    def _pooled(self, name: str, mode: str) -> np.ndarray | None:
        source = self._map(name)
        if source is None:
            return None
        s = self.task.slide.strides
        pooled = reference.pool2d(source, s, s, self.task.slide.padding, mode)
        return pooled if pooled.shape == self.expected.shape else None

    def _other_kernel(self, actual: np.ndarray) -> Incorrect | None:
        """Incorrect when `actual` is the picture slid over as asked, but with another kernel: its weights are
        recovered by least squares over the windows (a new `Conv2D` layer's random ones, say)."""
        kh, kw, cin, cout = self.k4.shape
        if cout != 1 or kh * kw * cin > 64:
            return None
        slide = self.task.slide
        flat = actual.reshape(-1)
        picks = np.linspace(0, flat.size - 1, num=min(flat.size, 4096)).astype(np.int64)
        index = np.unravel_index(picks, actual.shape)
        columns = []
        for tap in np.eye(kh * kw * cin):  # each weight alone: the pixel under it, for every position picked
            columns.append(slide.apply_at(self.x4, tap.reshape(kh, kw, cin, 1), index))
        weights = least_squares(np.stack(columns, axis=1), flat[picks])
        fitted = weights.reshape(kh, kw, cin, 1)
        refit = slide.apply(self.x4, fitted)
        at_its_scale = arrays_match(
            actual, refit, inputs=(self.x4.dtype, self.k4.dtype), scale=magnitude(refit), terms=self._terms()
        )
        if not at_its_scale or _alike(fitted, self.k4):
            return None
        task, name = self.task, code(self.task.kernel_name)
        if _alike(fitted, self.k4[::-1, ::-1]):
            mistake, what = "flipped-kernel", (
                f"{name} turned upside down and back to front, as a textbook convolution (or "
                "`scipy.signal.convolve2d`) flips it. `tf.nn.conv2d` slides the kernel as it is written"
            )
        elif kh == kw and _alike(fitted, np.swapaxes(self.k4, 0, 1)):
            mistake, what = "transposed-kernel", f"{name} transposed: its rows and columns swapped"
        elif (scale := ratio(fitted, self.k4)) is not None and _alike(fitted, scale * self.k4):
            return None  # the kernel times a number: the map is scaled, which the caller says next
        else:
            shown = np.array2string(fitted[:, :, 0, 0], precision=2, suppress_small=True, separator=", ")
            mistake, what = "other-kernel", (
                f"another kernel, about `{' '.join(shown.split())}`. A new `Conv2D` layer, for one, starts from "
                f"random weights of its own; pass {name} to `tf.nn.conv2d`"
            )
        return Incorrect(
            f"It looks like you filtered {code(task.source)}, {slide.describe()}, with {what}. This question asks "
            f"for {code(task.source)} filtered with {name} itself.",
            mistake=mistake,
            figure=self._figure(with_expected=True),
        )

    # ---- candidates ----

    def _candidates(self) -> Iterator[Candidate]:
        target = self.task.slide
        s = target.strides[0]
        strides = [(k, k) for k in (1, 2, 3, 4)] + [(s, 1), (1, s)]
        sources = [self.task.source, *self.task.other_sources]
        # `dilations` set where `strides` was meant gives a dilation of the asked stride.
        dilations = sorted({1, 2, max(target.strides)})
        for source, kernel, stride, padding, dilation in itertools.product(
            sources, ("kernel", "none"), strides, (SAME, VALID, BY_HAND), dilations
        ):
            if kernel == "none" and (dilation != 1 or padding != VALID):
                continue  # a 1x1 window: padding and dilation change nothing
            yield Candidate(Slide(stride, padding, dilation), source, kernel)

    def _distance(self, cand: Candidate) -> int:
        target, slide = self.task.slide, cand.slide
        return (
            (slide.strides != target.strides)
            + (slide.padding != target.padding)
            + (slide.dilation != target.dilation)
            + (cand.source != self.task.source)
            + 2 * (cand.kernel != "kernel")
        )

    def _find(self, shape: tuple[int, ...], against: np.ndarray | None = None) -> Candidate | None:
        """The nearest candidate mistake whose result has `shape` and equals the learner's values (or, with
        `against`, those values)."""
        fitting: list[tuple[int, Candidate, tuple[int, ...]]] = []
        # The asked-for geometry computes the right values, whatever the padding is called: never a mistake.
        target = self.task.slide
        seen = {
            (self.task.source, "kernel", target.strides, target.dilation,
             *target.geometry(self.x4.shape[1:3], self.k4.shape[:2]))
        }
        for cand in self._candidates():
            distance = self._distance(cand)
            source = self._map(cand.source)
            if distance == 0 or source is None:
                continue
            if against is not None and cand.kernel == "none" and cand.source != self.task.source:
                continue  # another map sampled: where it is the right map at the right cells, no mistake
            k4 = self._kernel_of(cand)
            out_hw, before = _geometry(cand.slide, tuple(source.shape[1:3]), tuple(k4.shape[:2]))
            out = (source.shape[0], *out_hw, k4.shape[3])
            # Two candidates with one geometry compute the same values: keep the nearer one.
            key = (cand.source, cand.kernel, cand.slide.strides, cand.slide.dilation, out_hw, before)
            if min(out_hw) < 1 or _squeeze(out) != shape or key in seen:
                continue
            seen.add(key)
            fitting.append((distance, cand, out))
        fitting.sort(key=lambda item: item[0])
        for _, cand, out in fitting[:MAX_CANDIDATES]:
            values = (self.actual() if against is None else against).reshape(out)
            source, k4 = self._map(cand.source), self._kernel_of(cand)
            if not self._sample_matches(values, source, k4, cand.slide, key=(against is None, out)):
                continue
            if self._matches(values, cand.slide.apply(source, k4)):
                return cand
        return None

    def _sample_matches(
        self, values: np.ndarray, source: np.ndarray, k4: np.ndarray, slide: Slide, key: tuple[Any, ...]
    ) -> bool:
        """Compare a candidate with `values` at a few positions (chosen once for each `key`: which values,
        in which shape)."""
        index = self._picks(values, key)
        guess = slide.apply_at(source, k4, index)
        # A few dozen numbers: compared directly, with the tolerance the whole comparison uses.
        tol = self._tolerance()
        given = values[index].astype(np.float64)
        with np.errstate(all="ignore"):
            close = (np.abs(given - guess) <= tol.atol + tol.rtol * np.abs(guess)) & np.isfinite(guess)
        return bool(np.all(close | (np.isnan(given) & np.isnan(guess)) | (given == guess)))

    def _tolerance(self) -> Tolerance:
        if self._tol is None:
            dtypes = (np.float64, self.x4.dtype, self.k4.dtype, self.info.dtype)
            self._tol = tolerance_for(*dtypes, scale=self._scale, terms=self._terms())
        return self._tol

    def _picks(self, values: np.ndarray, key: tuple[Any, ...]) -> tuple[np.ndarray, ...]:
        """The positions a candidate is first compared at: where the answer differs from the expected map
        (most telling), where the values are largest, and some spread over the map."""
        if key not in self._pick_cache:
            flat = values.reshape(-1)
            spread = np.linspace(0, flat.size - 1, num=min(flat.size, _SAMPLES)).astype(np.int64)
            strongest = np.argpartition(np.abs(flat), -min(flat.size, _SAMPLES))[-_SAMPLES:]
            picks = np.concatenate([spread, strongest])
            if values.shape == self.expected.shape:
                picks = np.concatenate([self._telling, picks])
            self._pick_cache[key] = np.unravel_index(picks, values.shape)
        return self._pick_cache[key]

    def _map(self, name: str) -> np.ndarray | None:
        if name == self.task.source:
            return self.x4
        if name not in self._maps:
            self._maps[name] = _optional_map(self.others.get(name), name, self.x4.shape[3])
        return self._maps[name]

    def _kernel_of(self, cand: Candidate) -> np.ndarray:
        if cand.kernel == "kernel":
            return self.k4
        return np.eye(self.x4.shape[3], self.k4.shape[3])[None, None]

    # ---- the words ----

    def _phrase(self, cand: Candidate) -> str:
        """What the candidate did, in a few words: "'VALID' padding", "filtering `image_filter`"."""
        did = self._did(cand)
        return " with ".join(did) if did else "the same call"

    def _did(self, cand: Candidate) -> list[str]:
        task, slide, target = self.task, cand.slide, self.task.slide
        parts = []
        if cand.source != task.source:
            parts.append(f"filtering {code(cand.source)}")
        if cand.kernel != "kernel":
            parts.append("no kernel")
        if slide.strides != target.strides:
            parts.append(f"`strides={_stride_code(slide.strides)}`")
        if slide.padding != target.padding:
            parts.append("zeros padded by hand on every side" if slide.padding == BY_HAND else f"{slide.padding!r} padding")
        if slide.dilation != target.dilation:
            parts.append(f"`dilations={slide.dilation}`")
        return parts

    def _incorrect_for(self, cand: Candidate, figure: Figure | None) -> Incorrect:
        task, slide, target = self.task, cand.slide, self.task.slide
        name, source = code(task.answer), code(task.source)
        asked = f"This question asks for {source} filtered with {code(task.kernel_name)}, {target.describe()}"
        if cand.kernel != "kernel":
            if slide.strides == (1, 1):
                note = task.other_sources.get(cand.source, "")
                return Incorrect(
                    f"{name} is {code(cand.source)} itself{f', {note}' if note else ''}, unfiltered. {asked}: "
                    f"use {code('tf.nn.conv2d')}.",
                    mistake=f"copied-{cand.source}",
                    figure=figure,
                )
            return Incorrect(
                f"It looks like you took every {_ordinal(slide.strides)} pixel of {code(cand.source)} without "
                "the kernel. A stride skips positions of the window, but at each position it keeps the sum of "
                f"the pixels times the kernel's weights. {asked}: use {code('tf.nn.conv2d')}.",
                mistake="not-filtered",
                figure=figure,
            )
        ids, sentences, fixes = [], [], []
        if cand.source != task.source:
            note = task.other_sources.get(cand.source, "")
            ids.append("filtered-twice")
            sentences.append(
                f"It looks like you filtered {code(cand.source)}{f' ({note})' if note else ''} instead of "
                f"{source}, so the kernel ran twice."
            )
        if slide.dilation != target.dilation and slide.strides != target.strides and (
            slide.dilation == target.strides[0] == target.strides[1] and slide.strides == (1, 1)
        ):
            ids.append("dilation-not-stride")
            sentences.append(
                f"It looks like you set `dilations={slide.dilation}` instead of `strides={target.strides[0]}`: "
                f"dilation spreads the kernel's weights {slide.dilation} pixels apart, but the window still "
                "moves 1 pixel at a time."
            )
            fixes.append(f"`strides={target.strides[0]}`")
        else:
            if slide.strides != target.strides:
                ids.append(_stride_id(slide.strides, self.k4.shape[:2]))
                sentences.append(self._stride_sentence(slide.strides))
                fixes.append(f"`strides={_stride_code(target.strides)}`")
            if slide.dilation != target.dilation:
                ids.append(f"dilation-{slide.dilation}")
                sentences.append(
                    f"It looks like you set `dilations={slide.dilation}`, which spreads the kernel's weights "
                    f"{slide.dilation} pixels apart."
                )
        if slide.padding != target.padding:
            if slide.padding == BY_HAND:
                ids.append("padding-by-hand")
                sentences.append(self._by_hand_sentence())
            else:
                ids.append(f"padding-{slide.padding.lower()}")
                sentences.append(self._padding_sentence(slide))
            fixes.append(f"`padding={target.padding!r}`")
        actions = []
        if cand.source != task.source:
            actions.append(f"pass {source} to {code('tf.nn.conv2d')}" + (f", with {_join(fixes)}" if fixes else ""))
        elif fixes:
            actions.append(f"use {_join(fixes)}")
        if slide.dilation != target.dilation:
            actions.append("leave out `dilations`")
        # One "It looks like you" is enough: the further slips are "also".
        sentences = sentences[:1] + [_also(sentence) for sentence in sentences[1:]]
        return Incorrect(
            " ".join([*sentences, f"{asked}: {'; '.join(actions)}."]), mistake="+".join(ids), figure=figure
        )

    def _stride_sentence(self, strides: tuple[int, int]) -> str:
        kh, kw = self.k4.shape[:2]
        if strides[0] != strides[1]:
            return (
                f"It looks like you moved the window {plural(strides[0], 'pixel')} down but "
                f"{plural(strides[1], 'pixel')} across (`strides={_stride_code(strides)}`)."
            )
        s = strides[0]
        if (s, s) == (kh, kw) and s > 1:
            return (
                f"It looks like you moved the window {s} pixels at a time (`strides={s}`), as far as the kernel "
                f"is wide: the stride is how far the {kh}x{kw} window moves, not how big it is."
            )
        return f"It looks like you moved the window {plural(s, 'pixel')} at a time (`strides={s}`)."

    def _padding_sentence(self, slide: Slide) -> str:
        target = self.task.slide
        used = Slide(target.strides, slide.padding, target.dilation)
        if slide.padding == VALID:
            return (
                f"It looks like you used 'VALID' padding: every window stays inside the picture, so "
                f"{self._size_words(used)}. 'SAME' padding adds zeros around the edges, so that "
                f"{self._size_words(target)}."
            )
        return (
            f"It looks like you used 'SAME' padding: it adds zeros around the edges, so {self._size_words(used)}. "
            f"'VALID' padding keeps every window inside the picture: {self._size_words(target)}."
        )

    def _by_hand_sentence(self) -> str:
        if self.task.slide.padding == VALID:
            return (
                "It looks like you padded the picture with zeros by hand on every side (with `tf.pad`): "
                "'VALID' padding slides the window over the picture as it is."
            )
        return (
            "Your map is shifted by a pixel: its windows start one pixel further up and left than 'SAME' "
            "padding puts them. That is what zeros padded by hand on every side give (with `tf.pad`, or taking "
            "every other value of a stride-1 map from its first one). With a stride larger than 1, 'SAME' pads "
            "only as much as the last window needs, and puts the odd extra row and column at the bottom and "
            "right."
        )

    def _size_words(self, slide: Slide) -> str:
        """'(224 - 3) // 2 + 1 = 111 windows fit down and across'."""
        h, w = self.x4.shape[1:3]
        eh, ew = slide.extent(self.k4.shape[:2])
        (oh, ow), _ = slide.geometry((h, w), self.k4.shape[:2])
        down = _size_formula(h, eh, slide.strides[0], slide.padding, oh)
        across = _size_formula(w, ew, slide.strides[1], slide.padding, ow)
        if down == across:
            return f"{down} windows fit down and across"
        return f"{down} windows fit down and {across} across"

    def _figure(self, with_expected: bool) -> Figure | None:
        actual = _first_map(self.actual())
        if actual is None or actual.ndim != 2:
            return None
        expected = _first_map(self.expected) if with_expected else None
        return Figure(actual=actual, expected=expected, title=self.task.answer)


# ---- helpers ----


def _setup_array(value: Any, name: str) -> np.ndarray:
    """A setup variable as numpy, or Incorrect asking the learner to re-run the setup cells."""
    try:
        array = load_array(inspect_array(value, name), name)
    except Incorrect as exc:
        raise Incorrect(
            f"{exc} The answer is checked against {code(name)}: re-run the setup cells above, then check again.",
            mistake="setup-broken",
        ) from None
    if array.dtype.kind not in "fiub" or array.size == 0:
        raise Incorrect(
            f"{code(name)} holds no numbers. Re-run the setup cells above, then check again.", mistake="setup-broken"
        )
    return array


def _optional_map(value: Any, name: str, channels: int) -> np.ndarray | None:
    """Another notebook map as NHWC float numpy, or None when it is missing or no picture."""
    if value is None:
        return None
    try:
        array = reference.as_nhwc(load_array(inspect_array(value, name), name))
    except (Incorrect, ValueError):
        return None
    if array.size == 0 or array.dtype.kind not in "fiub" or array.shape[3] != channels:
        return None
    return array if array.dtype.kind == "f" else array.astype(np.float64)


def _size_formula(size: int, extent: int, stride: int, padding: str, out: int) -> str:
    if padding == SAME:
        return f"{size} / {stride} rounded up = {out}" if stride > 1 else f"all {size}"
    if padding == BY_HAND:
        pad = (extent - 1) // 2
        return f"({size} + {2 * pad} - {extent}) // {stride} + 1 = {out}"
    return f"({size} - {extent}) // {stride} + 1 = {out}"


def _alike(fitted: np.ndarray, kernel: np.ndarray) -> bool:
    """A kernel recovered by least squares against a known one, at the known one's own scale."""
    return arrays_match(fitted, kernel, inputs=(np.float32,), scale=magnitude(kernel), terms=fitted.size)


def _also(sentence: str) -> str:
    lead = "It looks like you "
    return "You also " + sentence[len(lead):] if sentence.startswith(lead) else sentence


def _stride_code(strides: tuple[int, int]) -> str:
    return str(strides[0]) if strides[0] == strides[1] else f"({strides[0]}, {strides[1]})"


def _stride_id(strides: tuple[int, int], kernel_hw: tuple[int, int]) -> str:
    if strides[0] != strides[1]:
        return f"stride-{strides[0]}x{strides[1]}"
    if tuple(strides) == tuple(kernel_hw) and strides[0] > 1:
        return "stride-as-window"
    return f"stride-{strides[0]}"


def _ordinal(strides: tuple[int, int]) -> str:
    names = {2: "second", 3: "third", 4: "fourth"}
    if strides[0] == strides[1]:
        return names.get(strides[0], f"{strides[0]}th")
    return f"{names.get(strides[0], strides[0])}-down, {names.get(strides[1], strides[1])}-across"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _first_map(x: np.ndarray) -> np.ndarray | None:
    """The first 2-D map of an (N, H, W, C) array, or a 2-D array as is."""
    if x.ndim == 4:
        return x[0, :, :, 0]
    if x.ndim == 3:
        return x[:, :, 0] if x.shape[2] == 1 else x[0]
    return x if x.ndim == 2 else None
