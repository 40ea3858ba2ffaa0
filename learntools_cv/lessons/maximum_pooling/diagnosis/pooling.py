"""Judging a pooled feature map by its values, and naming the learner's mistake when it is wrong.

`PoolingTask.judge(answer, source)` pools the learner's own source map (for example `image_detect`) with the
reference op, compares the learner's answer with it, and raises `Incorrect` with a specific message and a
stable mistake id: average instead of max pooling, the window, the strides, the padding (including zeros
padded by hand), the wrong input, a transposed result, pooling twice, all zeros, scaled or normalised values,
NaN or inf, an integer dtype, or how far off the values are. Candidate mistakes are filtered by their output
shape (cheap arithmetic) before any is computed.

Before judging, it checks that the notebook's setup values still agree with each other (`SetupRelation`, for
example `image_detect` is the ReLU of `image_filter`): a learner who overwrote one of them with other values
must re-run the setup cells, not be told that an answer computed from the overwritten value is right. The same
values in another layout (squeezed, as numpy) agree, and so does a learner's own pipeline that skips a step
marked `skippable`.

An answer that matches is Correct only if the source can tell the asked pooling from the other kind: on a map
whose every window holds one value (a blank picture), maximum and average pooling agree, and the learner is
told so instead.
"""

from __future__ import annotations

import functools
import itertools
import math
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from learntools_cv import reference
from learntools_cv.core.compare import (
    Mismatch,
    Tolerance,
    arrays_match,
    compare_arrays,
    magnitude,
    mismatch,
    tolerance_for,
)
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.outcome import Figure
from learntools_cv.core.text import code, plural
from learntools_cv.core.values import inspect_array, load_array

# How many wrong-answer candidates may be computed per check: bounds the cost of a diagnosis.
MAX_CANDIDATES = 24
# Answers bigger than this many times the source are judged from their shape alone, never loaded.
MAX_SIZE_FACTOR = 16
# Where the answer differs from the expected map, the candidates are first compared at this many positions.
_TELLING = 24


_KIND = {"max": "maximum", "avg": "average"}


@dataclass(frozen=True)
class PoolSettings:
    """One way of pooling: mode, square window, stride and padding.

    `padding` is TensorFlow's 'SAME' or 'VALID', or 'ZERO': the map padded with zeros by hand (`tf.pad`,
    `ZeroPadding2D`) where 'SAME' would pad, then pooled with 'VALID', so the padded zeros count as values.
    """

    mode: str = "max"
    window: int = 2
    stride: int = 2
    padding: str = "SAME"

    def describe(self) -> str:
        return f"{_KIND[self.mode]} pooling with a {self.window}x{self.window} window, stride {self.stride} and {self.padding!r} padding"

    def mistake_parts(self, asked: PoolSettings) -> list[str]:
        """The ids of the ways these settings differ from the ones `asked` for, e.g. ['avg-pooling', 'window-3']."""
        parts = []
        if self.mode != asked.mode:
            parts.append(f"{self.mode}-pooling")
        if self.window != asked.window:
            parts.append(f"window-{self.window}")
        if self.stride != asked.stride:
            parts.append(f"stride-{self.stride}")
        if self.padding != asked.padding:
            parts.append(f"padding-{self.padding.lower()}")
        return parts

    def terms(self) -> int:
        """How many numbers each pooled value is computed from by adding them: the window's, for a mean."""
        return self.window * self.window if self.mode == "avg" else 1

    def output_hw(self, hw: tuple[int, int]) -> tuple[int, int] | None:
        if self.padding == "VALID" and min(hw) < self.window:
            return None
        return self._out(hw[0]), self._out(hw[1])

    def _out(self, size: int) -> int:
        """The output length of an axis of `size` cells (reference.pool_output_size, without its argument
        checks: a diagnosis asks this for hundreds of candidates)."""
        if self.padding == "VALID":
            return max((size - self.window) // self.stride + 1, 0)
        return -(-size // self.stride)

    def apply(self, x: np.ndarray) -> np.ndarray:
        if self.padding != "ZERO":
            return reference.pool2d(x, self.window, self.stride, self.padding, self.mode)
        # Zeros padded by hand sit where 'SAME' pads, so the windows are the same; only the padded cells now
        # count. Pooling with 'SAME' and fixing the edge windows needs no padded copy of the map.
        x4 = reference.as_nhwc(x)
        out = reference.pool2d(x4, self.window, self.stride, "SAME", self.mode)
        rows, cols = self._real_cells(x4.shape[1]), self._real_cells(x4.shape[2])
        if self.mode == "max":
            out[:, rows < self.window] = np.fmax(out[:, rows < self.window], 0)
            out[:, :, cols < self.window] = np.fmax(out[:, :, cols < self.window], 0)
        else:
            share = np.outer(rows, cols) / (self.window * self.window)
            out *= share[None, :, :, None].astype(out.dtype)
        if x.ndim == 2:
            return out[0, :, :, 0]
        return out[0] if x.ndim == 3 else out

    def _real_cells(self, size: int) -> np.ndarray:
        """How many cells of the map (not padding) each output's window covers along an axis of `size`."""
        starts = np.arange(self._out(size)) * self.stride - self._pad_before(size)
        return np.minimum(starts + self.window, size) - np.maximum(starts, 0)

    def apply_at(self, x: np.ndarray, index: tuple[np.ndarray, ...]) -> np.ndarray:
        """The pooled values of the NHWC map `x` at a few output positions `index` = (n, i, j, c) only:
        a cheap way to rule a candidate out before computing it whole."""
        n, i, j, c = index
        height, width = x.shape[1], x.shape[2]
        offsets = np.arange(self.window)
        rows = i[:, None] * self.stride - self._pad_before(height) + offsets
        cols = j[:, None] * self.stride - self._pad_before(width) + offsets
        inside = ((rows >= 0) & (rows < height))[:, :, None] & ((cols >= 0) & (cols < width))[:, None, :]
        values = x[
            n[:, None, None],
            np.minimum(np.maximum(rows, 0), height - 1)[:, :, None],  # np.clip costs more than this here
            np.minimum(np.maximum(cols, 0), width - 1)[:, None, :],
            c[:, None, None],
        ]
        # Cells outside the map: zeros padded by hand count; 'SAME' padding never does.
        zeros = self.padding == "ZERO"
        if self.mode == "max":
            # The reference op pools each gathered window (cells outside the map are NaN, which max pooling
            # skips), so its NaN and -inf rules hold here too.
            windows = np.where(inside, values, 0.0 if zeros else np.nan).astype(x.dtype, copy=False)
            pooled = reference.pool2d(windows[..., None], self.window, padding="VALID", mode="max")
            return pooled.reshape(-1).astype(np.float64)
        values = values.astype(np.float64)
        counts = self.window * self.window if zeros else inside.sum(axis=(1, 2))
        return np.where(inside, values, 0.0).sum(axis=(1, 2)) / counts

    def value_at(self, x: np.ndarray, position: tuple[int, ...]) -> float | None:
        """The pooled value of the NHWC map `x` at one output position (n, i, j, c), or None when its window
        holds NaN or infinity (`apply_at` follows the reference op's rules for those)."""
        n, i, j, c = position
        height, width = x.shape[1], x.shape[2]
        top, left = i * self.stride - self._pad_before(height), j * self.stride - self._pad_before(width)
        block = x[n, max(top, 0) : min(top + self.window, height), max(left, 0) : min(left + self.window, width), c]
        if block.size == 0 or not np.isfinite(block).all():
            return None
        padded = block.size < self.window * self.window and self.padding == "ZERO"
        if self.mode == "max":
            return max(float(block.max()), 0.0) if padded else float(block.max())
        return float(block.sum(dtype=np.float64)) / (self.window * self.window if padded else block.size)

    def _pad_before(self, size: int) -> int:
        if self.padding == "VALID":
            return 0
        out = -(-size // self.stride)
        return max((out - 1) * self.stride + self.window - size, 0) // 2


@dataclass(frozen=True)
class Candidate:
    """A possible learner mistake: pooling `source` with `settings`, `times` times."""

    settings: PoolSettings
    source: str
    times: int = 1


@dataclass(frozen=True)
class SetupRelation:
    """How the setup cells made one notebook value from others: `result` = `make(*inputs)`, which
    `described` says in words ("the ReLU of `image_filter`"). `terms` is as for `compare.tolerance_for`.
    `skippable`: a learner's own pipeline may leave this step out, so `result` may also be its first input
    as it is (a map that was never passed through the ReLU).

    `reach`, for a step that makes each row of a single map from nearby rows of its first input: how many
    rows further down it reads, from the inputs (a ReLU: 0; a 3x3 'VALID' convolution: 2). Then only three
    bands of rows are compared (top, middle, bottom), which tells other values (zeros, the answer, another
    picture) from the setup's for a small part of the cost of remaking the whole map: the first check of a
    large picture would otherwise cost many times the pooling it checks. `make` then gets the bands as one
    batch of maps, shape (3, rows, width, 1). None: the whole value is remade."""

    result: str
    inputs: tuple[str, ...]
    make: Callable[..., np.ndarray]
    described: str
    terms: int = 1
    skippable: bool = False
    reach: Callable[..., int] | None = None

    def holds(self, result: np.ndarray, inputs: Sequence[np.ndarray]) -> bool:
        """Whether `result` holds the values this step makes from `inputs`, in any layout: a learner may
        squeeze a map or make it a 2-D numpy array for plotting, and it still holds the same values."""
        dtypes = [a.dtype for a in inputs]
        bands = self._bands(result, inputs)
        if bands is None:
            return self._made_from(result, inputs, dtypes)
        # The bands as one batch of single-channel maps, made and compared at once: the same decision as one
        # band at a time, for a third of the calls.
        rows = np.stack([band for band, _ in bands])
        firsts = np.stack([given[0] for _, given in bands])[..., None]
        try:
            made = np.asarray(self.make(firsts, *inputs[1:]))
        except ValueError:  # as `_made_from`
            return True
        if made.shape == (*rows.shape, 1) and arrays_match(rows, made[..., 0], inputs=dtypes, terms=self.terms):
            return True
        return self.skippable and firsts.shape[:-1] == rows.shape and arrays_match(rows, firsts[..., 0], inputs=dtypes)

    def _made_from(self, result: np.ndarray, inputs: Sequence[np.ndarray], dtypes: list[np.dtype]) -> bool:
        try:
            made = np.asarray(self.make(*inputs))
        except ValueError:  # values of shapes the setup cells could not have made either
            return True
        if _same_values(result, made, dtypes, self.terms):
            return True
        return self.skippable and _same_values(result, inputs[0], dtypes, 1)

    def _bands(
        self, result: np.ndarray, inputs: Sequence[np.ndarray]
    ) -> list[tuple[np.ndarray, list[np.ndarray]]] | None:
        """A few bands of the result's rows, each with the inputs it is made from; None to compare whole."""
        if self.reach is None:
            return None
        rows, first = np.squeeze(result), np.squeeze(inputs[0])
        try:
            reach = int(self.reach(*inputs))
        except (ValueError, TypeError, IndexError):
            return None
        height = rows.shape[0] if rows.ndim == 2 else 0
        # Whole, unless both are single maps whose heights fit the step (otherwise the shapes tell).
        if first.ndim != 2 or first.shape[0] != height + reach or height <= 3 * _BAND_ROWS:
            return None
        starts = (0, (height - _BAND_ROWS) // 2, height - _BAND_ROWS)
        return [(rows[s : s + _BAND_ROWS], [first[s : s + _BAND_ROWS + reach], *inputs[1:]]) for s in starts]


# The rows of each band a setup relation is compared on.
_BAND_ROWS = 8


@dataclass(frozen=True)
class PoolingTask:
    """What a pooling question asks: pool the variable `source` with `settings`; the answer is `answer`.

    `other_sources` maps other notebook variables a learner might pool by mistake to a few words about
    them, e.g. {"image_filter": "the map before the ReLU"}. `setup` lists how the setup cells made their
    values from each other; when the notebook's values no longer agree with it, the learner is asked to
    re-run the setup cells.
    """

    answer: str
    source: str
    settings: PoolSettings
    other_sources: Mapping[str, str] = field(default_factory=dict)
    setup: Sequence[SetupRelation] = ()
    uninformative: str = "Pool a map whose values vary within each window, then check again."
    """What to do when `source` cannot tell the asked pooling from the other kind (a blank picture)."""

    # ---- the public entry point ----

    def judge(self, answer: Any, source: Any, others: Mapping[str, Any] | None = None) -> None:
        """Return if `answer` is `source` pooled as asked; raise Incorrect naming the mistake otherwise.

        `others` holds the other notebook values by name: the `other_sources` and the `setup` inputs (None
        or missing when the notebook does not have them)."""
        others = others or {}
        src = self._source_map(source)
        self._check_setup({**others, self.source: source})
        info = inspect_array(answer, self.answer, what="a tensor or an array (the pooled feature map)")
        self._check_dtype(info.dtype)
        judge = _Judge(self, src, self.settings.apply(src), info, others)
        judge.run()
        self._check_telling(src, judge.expected, judge.scale())

    def _check_telling(self, src: np.ndarray, expected: np.ndarray, scale: float) -> None:
        """Raise Incorrect when the source cannot tell the asked pooling from the other kind (maximum from
        average): on a blank picture both give the same map, so an answer that matches shows nothing."""
        asked = self.settings
        other = replace(asked, mode="avg" if asked.mode == "max" else "max")
        terms = max(asked.terms(), other.terms())

        def same(a: np.ndarray, b: np.ndarray) -> bool:
            return arrays_match(a, b, inputs=(src.dtype,), scale=scale, terms=terms)

        # A few windows first: one whose values differ settles it, and a real picture has many.
        picks = np.linspace(0, expected.size - 1, num=min(expected.size, 256)).astype(np.int64)
        index = np.unravel_index(picks, expected.shape)
        if not same(other.apply_at(src, index), expected[index].astype(np.float64)):
            return
        if not same(other.apply(src), expected):
            return
        finite = src[np.isfinite(src)]
        if finite.size == src.size and finite.size and finite.min() == finite.max():
            why = f"it holds the same value ({float(finite.min()):.3g}) everywhere"
        else:
            why = f"the values in each {asked.window}x{asked.window} window of it are all equal"
        raise Incorrect(
            f"{code(self.source)} cannot show whether you used {_KIND[asked.mode]} pooling: {why}, so "
            f"{_KIND[other.mode]} pooling gives the very same map. {self.uninformative}",
            mistake="cannot-tell",
        )

    def _check_setup(self, values: Mapping[str, Any]) -> None:
        """Raise Incorrect when a setup value no longer holds what the setup cells (or a learner's own
        pipeline through the same steps) made from the others: it was overwritten with other values."""
        for relation in self.setup:
            names = (relation.result, *relation.inputs)
            originals = [values.get(name) for name in names]
            if _AGREEING.known(relation, originals):
                continue
            arrays = [_optional_array(value, name) for value, name in zip(originals, names)]
            if any(a is None for a in arrays):
                continue  # a value the notebook does not have: nothing to compare
            result, *inputs = arrays
            if relation.holds(result, inputs):
                _AGREEING.remember(relation, originals)
                continue
            raise Incorrect(
                f"{code(relation.result)} is no longer {relation.described}: it, or a value it was made "
                "from, was changed after the setup cells ran. Your answer is checked against "
                f"{code(self.source)}, so re-run the setup cells above (from the first one), then your "
                "answer's cell, and check again.",
                mistake="setup-changed",
            )

    def _source_map(self, source: Any) -> np.ndarray:
        try:
            info = inspect_array(source, self.source)
            loaded = load_array(info, self.source)
        except Incorrect as exc:
            raise Incorrect(
                f"{exc} Your answer is checked against {code(self.source)}: re-run the setup cells above, "
                "then check again.",
                mistake="setup-broken",
            ) from None
        array = _nhwc_or_none(loaded)
        if array is None or array.size == 0:
            raise Incorrect(
                f"{code(self.source)} has shape {code(str(info.shape))}, which is not a feature map. "
                "Re-run the setup cells above, then check again.",
                mistake="setup-broken",
            )
        return array if array.dtype.kind == "f" else array.astype(np.float64)

    def _check_dtype(self, dtype: np.dtype) -> None:
        if dtype.kind == "b":
            raise Incorrect(
                f"{code(self.answer)} holds True/False values. It should hold the pooled activations, "
                f"which are numbers like those in {code(self.source)}.",
                mistake="bool-dtype",
            )
        if dtype.kind in "iu":
            raise Incorrect(
                f"{code(self.answer)} holds integers ({code(str(dtype))}), so the fractional part of every "
                f"activation is lost. Keep the floating-point result of pooling {code(self.source)}; "
                "don't cast it.",
                mistake="integer-dtype",
            )


class _Judge:
    """One judgement: the source map, the expected result and the learner's answer."""

    def __init__(
        self, task: PoolingTask, src: np.ndarray, expected: np.ndarray, info: Any, others: Mapping[str, Any]
    ) -> None:
        self.task = task
        self.src = src
        self._expected: np.ndarray | None = expected
        self.expected_shape: tuple[int, ...] = expected.shape
        self.info = info
        self.others = others
        self._actual: np.ndarray | None = None
        self._other_maps: dict[str, np.ndarray | None] = {}
        self._scale: float | None = None
        self._differs = np.zeros(0, dtype=np.int64)
        # What every candidate's sample is compared at: the same positions and tolerances for all of them.
        self._picks: dict[tuple[int, ...], tuple[np.ndarray, ...]] = {}
        self._tolerances: dict[int, Tolerance] = {}

    # ---- flow ----

    def run(self) -> None:
        shape = _squeeze(self.info.shape)
        if shape != _squeeze(self.expected_shape):
            self._wrong_shape(shape)
        actual = self.actual()
        actual = actual.reshape(self.expected_shape)
        if actual.dtype == self.expected.dtype and np.array_equal(actual, self.expected):
            return  # an exact copy matches at any tolerance: most right answers, for the price of one pass
        diff = self._compare(actual, self.expected, self.task.settings, first=_TELLING)
        if diff is None:
            return
        self._check_finite(actual)
        self._differs = np.ravel_multi_index(np.array(diff.first).T, actual.shape) if diff.first else self._differs
        # Positions in the learner's own shape ([10, 4] for a 2-D answer, not [0, 10, 4, 0]).
        self._wrong_values(actual, diff.trimmed(3).reshaped(self.info.shape))

    @property
    def expected(self) -> np.ndarray:
        """The source pooled as asked (made again if `_wrong_shape` let it go)."""
        if self._expected is None:
            self._expected = self.task.settings.apply(self.src)
        return self._expected

    def actual(self) -> np.ndarray:
        if self._actual is None:
            self._actual = load_array(self.info, self.task.answer)
        return self._actual

    def scale(self) -> float:
        """The magnitude of the expected map, which every comparison in this judgement is made at: worked
        out once (a diagnosis compares dozens of candidates) and without copying the map."""
        if self._scale is None:
            self._scale = magnitude(self.expected)
        return self._scale

    def _compare(
        self, actual: np.ndarray, expected: np.ndarray, settings: PoolSettings, first: int = 3
    ) -> Mismatch | None:
        return compare_arrays(
            actual, expected, inputs=(self.src.dtype,), scale=self.scale(), terms=settings.terms(), first=first
        )

    # ---- wrong shape ----

    def _wrong_shape(self, shape: tuple[int, ...]) -> None:
        name, source = code(self.task.answer), code(self.task.source)
        if self.info.shape == ():
            raise Incorrect(
                f"{name} is a single number (a {self.info.kind} with no dimensions), but it should be the "
                f"pooled feature map of shape {code(str(tuple(self.expected_shape)))}.",
                mistake="one-number",
            )
        loadable = self.info.size <= MAX_SIZE_FACTOR * self.src.size
        if loadable:
            # Candidates are compared at the expected map's magnitude, but not with the map itself: it is let
            # go meanwhile, so that an answer pooled twice is not checked with the expected map held beside the
            # two poolings.
            self.scale()
            self._expected = None
            if shape == _squeeze(self.src.shape) and self._matches(self._loaded_as(self.src.shape), self.src):
                raise Incorrect(
                    f"{name} is {source} itself: it has not been pooled yet. "
                    f"Apply {self.task.settings.describe()} to {source}.",
                    mistake="not-pooled",
                )
            found = self._find_candidate(shape, exclude_expected=True)
            if found is not None:
                raise self._incorrect_for(found, same_shape=False)
            if len(shape) == 2 and shape == _squeeze(self.expected_shape)[::-1]:
                if self._matches(self._loaded_2d().T, _first_map(self.expected)):
                    raise self._transposed()
        raise Incorrect(
            f"{name} has shape {code(str(self.info.shape))}, but {self.task.settings.describe()} of {source} "
            f"(shape {code(str(tuple(self.src.shape)))}) gives shape {code(str(tuple(self.expected_shape)))}.",
            mistake="wrong-shape",
        )

    def _loaded_as(self, shape: tuple[int, ...]) -> np.ndarray:
        return self.actual().reshape(shape)

    def _loaded_2d(self) -> np.ndarray:
        return self.actual().reshape(_squeeze(self.info.shape))

    # ---- wrong values ----

    def _check_finite(self, actual: np.ndarray) -> None:
        bad_nan = np.isnan(actual) & ~np.isnan(self.expected)
        bad_inf = np.isinf(actual) & ~np.isinf(self.expected)
        for bad, what in ((bad_nan, "NaN (not-a-number)"), (bad_inf, "infinite")):
            count = int(bad.sum())
            if count:
                raise Incorrect(
                    f"{code(self.task.answer)} contains {plural(count, 'value')} that {'is' if count == 1 else 'are'} "
                    f"{what}, where pooling {code(self.task.source)} gives ordinary numbers. Check the input "
                    "you pooled and any arithmetic you did on the result.",
                    mistake="nan-or-inf",
                    figure=self._figure(actual),
                )

    def _wrong_values(self, actual: np.ndarray, diff: Any) -> None:
        name = code(self.task.answer)
        if not actual.any() and self.expected.any():
            raise Incorrect(
                f"{name} is all zeros, but pooling {code(self.task.source)} gives values up to "
                f"{float(np.nanmax(self.expected)):.3g}. Assign the result of pooling {code(self.task.source)}.",
                mistake="all-zeros",
                figure=self._figure(actual),
            )
        found = self._find_candidate(_squeeze(self.expected_shape), exclude_expected=True)
        if found is not None:
            raise self._incorrect_for(found, same_shape=True, figure=self._figure(actual))
        a2, e2 = _first_map(actual), _first_map(self.expected)
        if a2.shape[0] == a2.shape[1] and self._matches(a2.T, e2):
            raise self._transposed(figure=self._figure(actual))
        ratio = _scale_between(actual, self.expected)
        if ratio is not None and self._matches(actual, ratio * self.expected):
            top = float(np.nanmax(self.expected))
            if top > 0 and abs(ratio * top - 1) < 1e-3:
                raise Incorrect(
                    f"{name} is the right map divided by its largest value, {top:.3g} (normalised, so that the "
                    f"largest is 1). Pool {code(self.task.source)} as it is, without dividing it.",
                    mistake="normalised",
                    figure=self._figure(actual),
                )
            raise Incorrect(
                f"{name} is {ratio:.3g} times what it should be: the pooling looks right, but the values were "
                f"scaled. Pool {code(self.task.source)} as it is.",
                mistake="scaled",
                figure=self._figure(actual),
            )
        raise Incorrect(
            f"{name} has the right shape, but its values are off. {diff.describe()} "
            f"This question asks for {self.task.settings.describe()} of {code(self.task.source)}.",
            figure=self._figure(actual),
            mistake=None,  # no named mistake: the values are off in no way the checker knows
        )

    def _transposed(self, figure: Figure | None = None) -> Incorrect:
        return Incorrect(
            f"{code(self.task.answer)} is transposed: its rows and columns are swapped. "
            f"Pool {code(self.task.source)} as it is, without transposing anything.",
            mistake="transposed",
            figure=figure,
        )

    # ---- candidates ----

    def _candidates(self) -> Iterator[Candidate]:
        return _candidates(self.task.settings, self.task.source, tuple(self.task.other_sources))

    def _distance(self, cand: Candidate) -> int:
        return _distance(self.task.settings, self.task.source, cand)

    def _find_candidate(self, shape: tuple[int, ...], exclude_expected: bool) -> Candidate | None:
        """The nearest candidate mistake whose result has `shape` and equals the learner's values."""
        fitting = []
        for distance, cand in _ranked(self.task.settings, self.task.source, tuple(self.task.other_sources)):
            if exclude_expected and distance == 0:
                continue
            source = self._source_for(cand.source)
            if source is None:
                continue
            out = _output_shape(source.shape, cand)
            if out is not None and _squeeze(out) == shape:
                fitting.append((distance, cand))
                if len(fitting) == MAX_CANDIDATES:
                    break
        for _, cand in fitting:
            source = self._source_for(cand.source)
            out = _output_shape(source.shape, cand) if source is not None else None
            if source is None or out is None:
                continue
            actual = self.actual().reshape(out)
            if cand.times == 1 and not self._sample_matches(actual, source, cand.settings):
                continue
            value = source
            for _ in range(cand.times):
                value = cand.settings.apply(value)
            if self._matches(actual, value, cand.settings):
                return cand
        return None

    def _sample_matches(self, actual: np.ndarray, source: np.ndarray, settings: PoolSettings) -> bool:
        """Compare the candidate with the answer at a few positions: the first ones where the answer
        differs from the expected map (most telling), and some spread over the map."""
        if self._differs.size and actual.shape == self.expected_shape:
            # The most telling position alone rules most candidates out, for a fraction of a sample's cost.
            first = tuple(int(k) for k in np.unravel_index(self._differs[0], actual.shape))
            value = settings.value_at(source, first)
            if value is not None and not self._tolerance(settings.terms()).allows(float(actual[first]), value):
                return False
        index = self._picks.get(actual.shape)
        if index is None:
            picks = np.linspace(0, actual.size - 1, num=min(actual.size, 24)).astype(np.int64)
            if actual.shape == self.expected_shape:
                # The first positions where the answer differs from the expected map (found once, by `run`).
                picks = np.concatenate([self._differs, picks])
            index = self._picks[actual.shape] = np.unravel_index(picks, actual.shape)
        guess = settings.apply_at(source, index)
        return mismatch(actual[index], guess, self._tolerance(settings.terms()), first=0, count_all=False) is None

    def _tolerance(self, terms: int) -> Tolerance:
        """The tolerance `arrays_match` would give a sample of the answer against a candidate's values
        (float64), worked out once per judgement."""
        if terms not in self._tolerances:
            dtypes = (self.info.dtype, np.float64, self.src.dtype)
            self._tolerances[terms] = tolerance_for(*dtypes, scale=self.scale(), terms=terms)
        return self._tolerances[terms]

    def _source_for(self, name: str) -> np.ndarray | None:
        if name == self.task.source:
            return self.src
        if name not in self._other_maps:
            self._other_maps[name] = _optional_map(self.others.get(name), name)
        return self._other_maps[name]

    def _matches(self, actual: np.ndarray, expected: np.ndarray, settings: PoolSettings | None = None) -> bool:
        how = settings or self.task.settings
        return arrays_match(actual, expected, inputs=(self.src.dtype,), scale=self.scale(), terms=how.terms())

    def _incorrect_for(self, cand: Candidate, same_shape: bool, figure: Figure | None = None) -> Incorrect:
        task, target = self.task, self.task.settings
        if cand.times == 2:
            return Incorrect(
                f"It looks like you pooled twice: {code(task.answer)} matches {code(task.source)} pooled two "
                f"times in a row. Pool {code(task.source)} once.",
                mistake="pooled-twice",
                figure=figure,
            )
        did, fixes = [], []
        s = cand.settings
        if s.window == 1 and s.stride == 1 and cand.source != task.source:
            # A 1x1 window moved by 1 copies its input: the learner assigned the other map unpooled.
            note = task.other_sources.get(cand.source, "")
            note = f" ({note})" if note else ""
            return Incorrect(
                f"{code(task.answer)} is {code(cand.source)}{note} itself, not a pooled map. "
                f"Apply {target.describe()} to {code(task.source)}.",
                mistake=f"unpooled-{cand.source}",
                figure=figure,
            )
        if s.mode != target.mode:
            did.append("average pooling" if s.mode == "avg" else "maximum pooling")
            fixes.append(f"`pooling_type={'MAX' if target.mode == 'max' else 'AVG'!r}`")
        if s.window != target.window:
            did.append(f"a {s.window}x{s.window} window")
            fixes.append(f"`window_shape=({target.window}, {target.window})`")
        if s.stride != target.stride:
            did.append(f"a stride of {s.stride}")
            fixes.append(f"`strides=({target.stride}, {target.stride})`")
        if s.padding != target.padding:
            did.append("zero padding added by hand" if s.padding == "ZERO" else f"{s.padding!r} padding")
            fixes.append(f"`padding={target.padding!r}`")
        mistake = "+".join(([f"pooled-{cand.source}"] if cand.source != task.source else []) + s.mistake_parts(target))
        parts = []
        if cand.source != task.source:
            note = task.other_sources.get(cand.source, "")
            note = f" ({note})" if note else ""
            parts.append(
                f"It looks like you pooled {code(cand.source)}{note} instead of {code(task.source)}."
            )
            if did:
                parts.append(f"You also used {_join(did)}.")
            else:
                return Incorrect(" ".join(parts) + f" Pool {code(task.source)}.", mistake=mistake, figure=figure)
        else:
            parts.append(f"It looks like you used {_join(did)}.")
        if s.padding == "ZERO" and target.padding == "SAME":
            parts.append(
                "With `padding='SAME'` the pooling pads the edges itself, and padded cells never count: an edge "
                "block is pooled over its real values only."
            )
        parts.append(f"This question asks for {target.describe()}: use {_join(fixes)}.")
        return Incorrect(" ".join(parts), mistake=mistake, figure=figure)

    def _figure(self, actual: np.ndarray) -> Figure | None:
        a2 = _first_map(actual)
        if a2.ndim != 2:
            return None
        return Figure(actual=a2, expected=_first_map(self.expected), title=f"{self.task.answer}")


# ---- helpers ----


def _candidates(target: PoolSettings, source: str, others: tuple[str, ...]) -> Iterator[Candidate]:
    for name, mode, window, stride, padding in itertools.product(
        (source, *others), ("max", "avg"), (1, 2, 3, 4), (1, 2, 3, 4), ("SAME", "VALID", "ZERO")
    ):
        yield Candidate(PoolSettings(mode, window, stride, padding), name)
    yield Candidate(target, source, times=2)


def _distance(target: PoolSettings, source: str, cand: Candidate) -> int:
    """In how many ways the candidate differs from pooling `source` once with `target`."""
    s = cand.settings
    return (
        (s.mode != target.mode)
        + (s.window != target.window)
        + (s.stride != target.stride)
        + (s.padding != target.padding)
        + (cand.source != source)
        + (cand.times != 1)
    )


@functools.lru_cache(maxsize=16)
def _ranked(target: PoolSettings, source: str, others: tuple[str, ...]) -> tuple[tuple[int, Candidate], ...]:
    """Every candidate with its distance, nearest first: the same for every judgement of a task, so made once."""
    ranked = [(_distance(target, source, c), c) for c in _candidates(target, source, others)]
    return tuple(sorted(ranked, key=lambda pair: pair[0]))


class _Agreements:
    """Setup values already found to agree, remembered while they live, so that checking them again (a
    convolution of the whole picture) is not paid on every check. Only TensorFlow's eager tensors, which
    nothing can change in place, are remembered; numpy arrays and variables are checked every time."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, ...], tuple[Any, tuple[weakref.ref, ...]]] = {}

    def known(self, relation: SetupRelation, values: Sequence[Any]) -> bool:
        entry = self._seen.get(tuple(id(v) for v in values))
        if entry is None or entry[0] is not relation:
            return False
        return all(ref() is value for ref, value in zip(entry[1], values))

    def remember(self, relation: SetupRelation, values: Sequence[Any]) -> None:
        if not all(type(v).__name__ == "EagerTensor" for v in values):
            return
        try:
            refs = tuple(weakref.ref(v) for v in values)
        except TypeError:
            return
        if len(self._seen) > 64:  # a notebook re-run many times: forget the oldest
            self._seen.pop(next(iter(self._seen)))
        self._seen[tuple(id(v) for v in values)] = (relation, refs)


_AGREEING = _Agreements()


def _nhwc_or_none(array: np.ndarray) -> np.ndarray | None:
    """`reference.as_nhwc`, or None for an array of another rank."""
    try:
        return reference.as_nhwc(array)
    except ValueError:
        return None


def _optional_array(value: Any, name: str) -> np.ndarray | None:
    """A notebook value as a numpy array, or None when it is missing or is no array of numbers."""
    if value is None:
        return None
    try:
        array = load_array(inspect_array(value, name), name)
    except Incorrect:
        return None
    return array if array.dtype.kind in "fiub" and array.size else None


def _optional_map(value: Any, name: str) -> np.ndarray | None:
    if value is None:
        return None
    try:
        array = _nhwc_or_none(load_array(inspect_array(value, name), name))
    except Incorrect:
        return None
    if array is None or array.size == 0:
        return None
    return array if array.dtype.kind == "f" else array.astype(np.float64)


def _same_values(a: np.ndarray, b: np.ndarray, inputs: Sequence[np.dtype], terms: int) -> bool:
    """Whether `a` and `b` hold the same values in the same order, whatever their layout ((1, H, W, 1),
    (H, W) or (H, W, 1): a squeezed map is the same map)."""
    if _squeeze(a.shape) != _squeeze(b.shape):
        return False
    return arrays_match(a.reshape(b.shape), b, inputs=inputs, terms=terms)


def _squeeze(shape: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(d for d in shape if d != 1)


def _first_map(x: np.ndarray) -> np.ndarray:
    """The first 2-D map of an (N, H, W, C) array, or a 2-D array as is."""
    if x.ndim == 4:
        return x[0, :, :, 0]
    if x.ndim == 3:
        return x[:, :, 0]
    return x


def _output_shape(shape: tuple[int, ...], cand: Candidate) -> tuple[int, ...] | None:
    n, h, w, c = shape
    hw: tuple[int, int] | None = (h, w)
    for _ in range(cand.times):
        hw = cand.settings.output_hw(hw) if hw is not None else None
    if hw is None or min(hw) < 1:
        return None
    return (n, hw[0], hw[1], c)


def _scale_between(actual: np.ndarray, expected: np.ndarray) -> float | None:
    """The k for which actual ~= k * expected, by least squares; None when it is not meaningful."""
    e, a = expected.reshape(-1), actual.reshape(-1)
    # einsum sums in float64 without float64 copies of the maps, and without BLAS: np.dot's worker threads
    # stall for milliseconds beside TensorFlow's on a busy machine (16 ms a call, measured on 2 cores).
    denom = float(np.einsum("i,i->", e, e, dtype=np.float64, casting="unsafe"))
    if denom == 0 or not math.isfinite(denom):
        return None
    k = float(np.einsum("i,i->", a, e, dtype=np.float64, casting="unsafe")) / denom
    if not math.isfinite(k) or abs(k - 1) < 1e-3 or abs(k) < 1e-6:
        return None
    return k


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
