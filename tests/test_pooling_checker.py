"""Unit tests of `learntools_cv.lessons.maximum_pooling.diagnosis.pooling`, on numpy arrays only (no TensorFlow, no notebook).

A small task (`pooled` = `fmap` max-pooled 2x2, stride 2, 'SAME'; `raw` is another map a learner might pool)
stands in for the exercise, so the checker's logic is tested apart from ex3's wording of its variables.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from learntools_cv import reference
from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.values import inspect_array
from learntools_cv.lessons.maximum_pooling.diagnosis.pooling import (
    MAX_CANDIDATES,
    Candidate,
    PoolingTask,
    PoolSettings,
    SetupRelation,
    _Judge,
    _output_shape,
)

ASKED = PoolSettings()
TASK = PoolingTask(answer="pooled", source="fmap", settings=ASKED, other_sources={"raw": "the raw map"})
DESCRIBED = "maximum pooling with a 2x2 window, stride 2 and 'SAME' padding"


def judge(answer: Any, source: Any, **others: Any) -> str | None:
    """The message `TASK.judge` raises, or None when the answer is right."""
    try:
        TASK.judge(answer, source, others)
    except Incorrect as exc:
        return str(exc)
    return None


def random_map(height: int, width: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).random((height, width)).astype(np.float32)


def test_checking_imports_no_tensorflow_ipython_or_matplotlib() -> None:
    code = (
        "import sys, learntools_cv.lessons.maximum_pooling.diagnosis.pooling\n"
        "print(sorted(m for m in ('tensorflow', 'keras', 'IPython', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------------------
# PoolSettings


@pytest.mark.parametrize(
    ("pool_settings", "text"),
    [
        (PoolSettings(), DESCRIBED),
        (PoolSettings("avg", 3, 1, "VALID"), "average pooling with a 3x3 window, stride 1 and 'VALID' padding"),
        (PoolSettings("max", 4, 4, "VALID"), "maximum pooling with a 4x4 window, stride 4 and 'VALID' padding"),
    ],
)
def test_describe(pool_settings: PoolSettings, text: str) -> None:
    assert pool_settings.describe() == text


@pytest.mark.parametrize(
    ("pool_settings", "hw", "out"),
    [
        (PoolSettings(), (398, 398), (199, 199)),
        (PoolSettings(), (255, 299), (128, 150)),
        (PoolSettings(padding="VALID"), (255, 299), (127, 149)),
        (PoolSettings(window=3, stride=1, padding="VALID"), (3, 5), (1, 3)),
        (PoolSettings(window=3, stride=1, padding="VALID"), (2, 5), None),  # the window does not fit
        (PoolSettings(window=3, stride=1, padding="SAME"), (2, 5), (2, 5)),
    ],
)
def test_output_hw(pool_settings: PoolSettings, hw: tuple[int, int], out: tuple[int, int] | None) -> None:
    assert pool_settings.output_hw(hw) == out


pool_settings = st.builds(
    PoolSettings,
    mode=st.sampled_from(["max", "avg"]),
    window=st.integers(1, 4),
    stride=st.integers(1, 4),
    padding=st.sampled_from(["SAME", "VALID", "ZERO"]),
)


@settings(deadline=None, max_examples=60, derandomize=True)
@given(
    pool_settings=pool_settings,
    x=st.tuples(st.integers(1, 2), st.integers(1, 12), st.integers(1, 12), st.integers(1, 2)).flatmap(
        lambda shape: hnp.arrays(np.float32, shape, elements=st.floats(-10, 10, width=32))
    ),
    data=st.data(),
)
def test_apply_at_agrees_with_apply(pool_settings: PoolSettings, x: np.ndarray, data: st.DataObject) -> None:
    full = pool_settings.apply(x)
    if full.size == 0:  # 'VALID' with a window larger than the map: no positions to look at
        return
    flat = data.draw(st.lists(st.integers(0, full.size - 1), min_size=1, max_size=10), label="positions")
    index = np.unravel_index(np.array(flat, dtype=np.int64), full.shape)
    sampled = pool_settings.apply_at(x, index)
    np.testing.assert_allclose(sampled, full[index].astype(np.float64), rtol=1e-6, atol=1e-6)
    for position in zip(*index):
        value = pool_settings.value_at(x, tuple(int(k) for k in position))
        assert value is not None  # finite maps: every window has a value
        np.testing.assert_allclose(value, float(full[position]), rtol=1e-6, atol=1e-6)


@settings(deadline=None, max_examples=60, derandomize=True)
@given(
    pool_settings=pool_settings.map(lambda s: PoolSettings(s.mode, s.window, s.stride, "ZERO")),
    x=st.tuples(st.integers(1, 12), st.integers(1, 12)).flatmap(
        lambda shape: hnp.arrays(np.float32, shape, elements=st.floats(-10, 10, width=32))
    ),
)
def test_zero_padding_is_the_map_padded_with_zeros_where_same_pads(pool_settings: PoolSettings, x: np.ndarray) -> None:
    """Computed without a padded copy of the map; this is the definition it stands for."""
    same = PoolSettings(pool_settings.mode, pool_settings.window, pool_settings.stride, "SAME")
    h, w = x.shape
    out_h, out_w = same.output_hw((h, w))
    pad_h = max((out_h - 1) * same.stride + same.window - h, 0)
    pad_w = max((out_w - 1) * same.stride + same.window - w, 0)
    padded = np.pad(x, ((pad_h // 2, pad_h - pad_h // 2), (pad_w // 2, pad_w - pad_w // 2)))
    by_hand = reference.pool2d(padded, same.window, same.stride, "VALID", same.mode)
    np.testing.assert_allclose(pool_settings.apply(x), by_hand, rtol=1e-6, atol=1e-6)


# ---------------------------------------------------------------------------------------------------------
# Output shapes of candidate mistakes


@pytest.mark.parametrize(
    ("shape", "candidate", "out"),
    [
        ((1, 398, 398, 1), Candidate(PoolSettings(), "fmap"), (1, 199, 199, 1)),
        ((2, 255, 299, 3), Candidate(PoolSettings(), "fmap"), (2, 128, 150, 3)),
        ((1, 255, 299, 1), Candidate(PoolSettings(), "fmap", times=2), (1, 64, 75, 1)),
        ((1, 255, 299, 1), Candidate(PoolSettings(padding="VALID"), "fmap", times=2), (1, 63, 74, 1)),
        ((1, 3, 9, 1), Candidate(PoolSettings(window=4, padding="VALID"), "fmap"), None),
        # The first pooling fits (3 -> 1), the second's window does not.
        ((1, 3, 9, 1), Candidate(PoolSettings(window=3, stride=3, padding="VALID"), "fmap", times=2), None),
        ((1, 1, 1, 1), Candidate(PoolSettings(), "fmap", times=2), (1, 1, 1, 1)),
    ],
)
def test_output_shape(shape: tuple[int, ...], candidate: Candidate, out: tuple[int, ...] | None) -> None:
    assert _output_shape(shape, candidate) == out


# ---------------------------------------------------------------------------------------------------------
# Judging


def test_the_right_answer_passes_in_any_layout() -> None:
    fmap = random_map(9, 14)
    right = ASKED.apply(fmap)
    for answer in (right, right[None], right[:, :, None], right[None, :, :, None], right.astype(np.float64)):
        assert judge(answer, fmap) is None
    assert judge(right, fmap[None, :, :, None]) is None


def test_tiny_values_cast_to_float16_pass() -> None:
    # Regression: float16 keeps values below 6e-5 in steps of 6e-8, and the tolerance used to round to 0.
    # (Not one value everywhere: such a map cannot tell maximum from average pooling, see below.)
    fmap = np.array([[1e-6, 2e-6, 1e-6], [3e-6, 1e-6, 1e-6], [1e-6, 4e-6, 1e-6]], dtype=np.float32)
    assert judge(ASKED.apply(fmap).astype(np.float16), fmap) is None
    fmap = np.random.default_rng(3).uniform(0, 2e-6, (7, 6)).astype(np.float32)
    assert judge(ASKED.apply(fmap).astype(np.float16), fmap) is None


def test_a_small_change_still_fails_in_float32() -> None:
    fmap = random_map(9, 14)
    answer = ASKED.apply(fmap)
    answer[2, 3] += 1e-4
    assert judge(answer, fmap) == (
        # Positions are (N, H, W, C) even for a 2-D answer.
        "`pooled` has the right shape, but its values are off. 1 of 35 values (3%) differs. The largest "
        "difference is 0.0001, at [2, 3]. The first one is at [2, 3]. "
        f"This question asks for {DESCRIBED} of `fmap`."
    )


def test_nearest_candidate_wins_pooled_twice_over_a_4x4_window() -> None:
    # On an 8x8 map, pooling twice and one 4x4 window with stride 4 give the same numbers. Pooling twice
    # differs from the question in one way, the 4x4 window in two: the nearer mistake is named.
    fmap = random_map(8, 8)
    twice = ASKED.apply(ASKED.apply(fmap))
    np.testing.assert_array_equal(twice, PoolSettings(window=4, stride=4).apply(fmap))
    assert judge(twice, fmap) == (
        "It looks like you pooled twice: `pooled` matches `fmap` pooled two times in a row. Pool `fmap` once."
    )


def test_nearest_candidate_wins_average_over_average_and_valid() -> None:
    # On an even-sized map 'VALID' and 'SAME' agree, so average pooling explains the answer on its own.
    fmap = random_map(8, 10)
    answer = PoolSettings(mode="avg", padding="VALID").apply(fmap)
    assert judge(answer, fmap) == (
        f"It looks like you used average pooling. This question asks for {DESCRIBED}: use `pooling_type='MAX'`."
    )
    # On an odd-sized map they differ, and both are named.
    fmap = random_map(9, 11)
    answer = PoolSettings(mode="avg", padding="VALID").apply(fmap)
    assert judge(answer, fmap) == (
        f"It looks like you used average pooling and 'VALID' padding. This question asks for {DESCRIBED}: "
        "use `pooling_type='MAX'` and `padding='SAME'`."
    )


def test_candidates_are_tried_nearest_first() -> None:
    fmap = random_map(8, 8)[None, :, :, None]
    expected = ASKED.apply(fmap)
    j = _Judge(TASK, fmap, expected, inspect_array(expected, "pooled"), {})
    distances = [j._distance(c) for c in j._candidates()]
    assert distances.count(0) == 1  # the question's own settings, never reported as a mistake
    assert j._distance(Candidate(ASKED, "fmap", times=2)) == 1
    assert j._distance(Candidate(PoolSettings("avg", 3, 1, "VALID"), "raw")) == 5
    assert MAX_CANDIDATES >= sum(d == 1 for d in distances)  # every single mistake is always tried


def test_the_unpooled_source_and_another_unpooled_map() -> None:
    raw = np.random.default_rng(5).normal(size=(9, 14)).astype(np.float32)
    fmap = np.maximum(raw, 0)
    assert judge(fmap, fmap, raw=raw) == (
        f"`pooled` is `fmap` itself: it has not been pooled yet. Apply {DESCRIBED} to `fmap`."
    )
    # Regression: this said "You also used a 1x1 window and a stride of 1".
    assert judge(raw, fmap, raw=raw) == (
        f"`pooled` is `raw` (the raw map) itself, not a pooled map. Apply {DESCRIBED} to `fmap`."
    )
    assert judge(ASKED.apply(raw), fmap, raw=raw) == (
        "It looks like you pooled `raw` (the raw map) instead of `fmap`. Pool `fmap`."
    )


def test_another_map_that_is_not_an_array_is_ignored() -> None:
    fmap = random_map(9, 14)
    assert judge(ASKED.apply(fmap), fmap, raw="not a map") is None
    assert judge(fmap * 0 + 1, fmap, raw=None) is not None


def test_a_huge_answer_is_judged_by_its_shape() -> None:
    fmap = random_map(8, 8)
    huge = np.broadcast_to(np.float32(0), (1, 5000, 5000, 1))
    assert judge(huge, fmap) == (
        f"`pooled` has shape `(1, 5000, 5000, 1)`, but {DESCRIBED} of `fmap` (shape `(1, 8, 8, 1)`) "
        "gives shape `(1, 4, 4, 1)`."
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            None,
            "`fmap` is `None`, but it should be a tensor or an array. Your answer is checked against `fmap`: "
            "re-run the setup cells above, then check again.",
        ),
        (
            np.zeros(3),
            "`fmap` has shape `(3,)`, which is not a feature map. Re-run the setup cells above, then check again.",
        ),
        (
            np.zeros((0, 4)),
            "`fmap` has shape `(0, 4)`, which is not a feature map. Re-run the setup cells above, "
            "then check again.",
        ),
    ],
)
def test_a_broken_source_asks_to_rerun_the_setup(source: Any, message: str) -> None:
    assert judge(np.zeros((2, 2), np.float32), source) == message


def test_an_integer_source_is_pooled_as_floats() -> None:
    fmap = np.arange(20).reshape(4, 5)
    assert judge(reference.pool2d(fmap.astype(np.float64), 2, 2, "SAME"), fmap) is None


# ---------------------------------------------------------------------------------------------------------
# The setup's values: the same values in any layout, or a step a learner's pipeline skipped (issue 23)

RELU = SetupRelation("fmap", ("raw",), reference.relu, "the ReLU of `raw`", skippable=True)
RAW = np.random.default_rng(5).normal(size=(1, 9, 14, 1)).astype(np.float32)


@pytest.mark.parametrize(
    "result",
    [
        np.maximum(RAW, 0),
        np.maximum(RAW, 0)[0, :, :, 0],  # a 2-D numpy array, for plotting
        np.maximum(RAW, 0)[0],
        np.maximum(RAW, 0).astype(np.float64),
        RAW,  # the ReLU skipped
        RAW[0, :, :, 0],
    ],
    ids=["4-D", "2-D", "3-D", "float64", "skipped", "skipped-2-D"],
)
def test_a_relation_holds_for_the_same_values_in_any_layout(result: np.ndarray) -> None:
    assert RELU.holds(result, [RAW])


@pytest.mark.parametrize(
    "result",
    [
        np.zeros_like(RAW),
        np.maximum(RAW, 0)[:, ::-1],  # another picture
        np.maximum(RAW, 0)[0, :, :, 0].T,  # a transposed map is other values in that order
        ASKED.apply(np.maximum(RAW, 0)),  # the answer
    ],
    ids=["zeros", "flipped", "transposed", "the-answer"],
)
def test_a_relation_fails_for_other_values(result: np.ndarray) -> None:
    assert not RELU.holds(result, [RAW])


def test_a_step_that_may_not_be_skipped_must_have_been_taken() -> None:
    strict = SetupRelation("fmap", ("raw",), reference.relu, "the ReLU of `raw`")
    assert strict.holds(np.maximum(RAW, 0)[0, :, :, 0], [RAW])
    assert not strict.holds(RAW, [RAW])


# ---------------------------------------------------------------------------------------------------------
# A source that cannot tell the asked pooling from the other kind is never judged Correct (issue 24)

CANNOT_TELL = (
    "`fmap` cannot show whether you used maximum pooling: {why}, so average pooling gives the very same map. "
    "Pool a map whose values vary within each window, then check again."
)


@pytest.mark.parametrize(
    ("fmap", "why"),
    [
        (np.zeros((6, 7), np.float32), "it holds the same value (0) everywhere"),
        (np.full((9, 14), -2.5, np.float32), "it holds the same value (-2.5) everywhere"),
        (np.kron(random_map(5, 7), np.ones((2, 2), np.float32)), "the values in each 2x2 window of it are all equal"),
    ],
    ids=["zeros", "constant", "blocks"],
)
def test_a_map_that_cannot_tell_says_why(fmap: np.ndarray, why: str) -> None:
    message = CANNOT_TELL.format(why=why)
    assert judge(ASKED.apply(fmap), fmap) == message
    assert judge(PoolSettings(mode="avg").apply(fmap), fmap) == message


def test_a_wrong_answer_on_a_map_that_cannot_tell_is_still_named() -> None:
    fmap = np.full((9, 14), 0.5, np.float32)
    assert judge(fmap, fmap).startswith("`pooled` is `fmap` itself: it has not been pooled yet.")


def test_a_single_window_that_tells_is_found_past_the_sampled_ones() -> None:
    """The check first looks at a few windows, then at all of them: a telling window in a large map of
    blocks (none of the 256 first looked at) still makes the right answer Correct."""
    fmap = np.kron(random_map(300, 300), np.ones((2, 2), np.float32))
    fmap[301, 455] += 1.0
    assert judge(ASKED.apply(fmap), fmap) is None
    assert judge(PoolSettings(mode="avg").apply(fmap), fmap) is not None


@settings(deadline=None, max_examples=40, derandomize=True)
@given(fmap=st.tuples(st.integers(1, 12), st.integers(1, 12)).flatmap(
    lambda hw: hnp.arrays(np.float32, hw, elements=st.sampled_from([0.0, 1.0, 2.5]))
))
def test_property_correct_only_when_average_pooling_differs(fmap: np.ndarray) -> None:
    right = ASKED.apply(fmap)
    message = judge(right, fmap)
    differs = not np.array_equal(PoolSettings(mode="avg").apply(fmap), right)
    assert (message is None) == differs, message


# A large map is compared on three bands of rows: enough to tell other values from the setup's (issue 22: the
# first check of a 4000x4000 picture must not remake its whole convolution).

EMBOSS = np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], np.float32).reshape(3, 3, 1, 1)
CONV = SetupRelation(
    "image_filter",
    ("image", "kernel"),
    lambda image, kernel: reference.conv2d(image, kernel, 1, "VALID"),
    "`image` filtered with `kernel`",
    terms=9,
    reach=lambda image, kernel: kernel.shape[0] - 1,
)
BANDED_RELU = SetupRelation("fmap", ("raw",), reference.relu, "the ReLU of `raw`", skippable=True, reach=lambda raw: 0)
IMAGE = np.random.default_rng(8).random((1, 70, 53, 1)).astype(np.float32)
FILTERED = reference.conv2d(IMAGE, EMBOSS, 1, "VALID")


@pytest.mark.parametrize(
    ("relation", "inputs", "right"),
    [(CONV, [IMAGE, EMBOSS], FILTERED), (BANDED_RELU, [FILTERED], np.maximum(FILTERED, 0))],
    ids=["convolution", "relu"],
)
def test_a_banded_relation_tells_the_same_values_from_other_ones(
    relation: SetupRelation, inputs: list[np.ndarray], right: np.ndarray
) -> None:
    assert relation._bands(right, inputs) is not None  # the map is large enough to be compared in bands
    for same in (right, right[0, :, :, 0], right[0], right.astype(np.float64)):
        assert relation.holds(same, inputs)
    others = {
        "zeros": np.zeros_like(right),
        "flipped": right[:, ::-1],
        "one row down": np.roll(right, 1, axis=1),
        "another picture": reference.conv2d(IMAGE[:, ::-1], EMBOSS, 1, "VALID"),
        "a different height": right[:, :-1],
    }
    for name, other in others.items():
        assert not relation.holds(other, inputs), name


def test_a_banded_relation_fails_when_the_step_would_make_another_shape() -> None:
    two_out = np.concatenate([EMBOSS, -EMBOSS], axis=3)  # a kernel with two output channels
    assert not CONV.holds(FILTERED, [IMAGE, two_out])
