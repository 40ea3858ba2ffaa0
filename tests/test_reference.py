"""Tests for `learntools_cv.reference`: hand-computed tables, then agreement with TensorFlow (marked slow)."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import given, settings
from hypothesis import strategies as st

from learntools_cv import reference
from learntools_cv.reference import (
    conv1d,
    conv2d,
    global_avg_pool,
    pool2d,
    pool_output_shape,
    pool_output_size,
    relu,
)

FLOAT_DTYPES = (np.float16, np.float32, np.float64)
TOLERANCE = {
    np.dtype(np.float16): {"rtol": 1e-2, "atol": 1e-2},
    np.dtype(np.float32): {"rtol": 1e-5, "atol": 1e-5},
    np.dtype(np.float64): {"rtol": 1e-10, "atol": 1e-10},
}

# A[i, j] = 4 i + j, so the mean or max of a window is 4 * (that of its rows) + (that of its columns).
A = np.arange(16, dtype=np.float64).reshape(4, 4)
# 3 x 5: an odd size in both directions.
B = np.arange(15, dtype=np.float64).reshape(3, 5)


def arr(rows: list[list[float]]) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


# ---------------------------------------------------------------------------------------------------------
# Public face


def test_all_is_sorted_and_names_functions() -> None:
    assert reference.__all__ == sorted(reference.__all__)
    assert all(callable(getattr(reference, name)) for name in reference.__all__)


def test_importing_reference_does_not_import_tensorflow_ipython_or_matplotlib() -> None:
    code = (
        "import sys, learntools_cv.reference\n"
        "print(sorted(m for m in ('tensorflow', 'IPython', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------------------
# Pooling by hand


@pytest.mark.parametrize(
    ("x", "window", "strides", "padding", "mode", "expected"),
    [
        pytest.param(A, 2, None, "VALID", "max", arr([[5, 7], [13, 15]]), id="max-valid-2"),
        pytest.param(A, 2, None, "VALID", "avg", arr([[2.5, 4.5], [10.5, 12.5]]), id="avg-valid-2"),
        pytest.param(B, 2, 2, "VALID", "max", arr([[6, 8]]), id="max-valid-odd"),
        pytest.param(B, 2, 2, "VALID", "avg", arr([[3, 5]]), id="avg-valid-odd"),
        pytest.param(B, 2, 2, "SAME", "max", arr([[6, 8, 9], [11, 13, 14]]), id="max-same-odd"),
        # The last column and the last row see one real cell per window row/column: divide by 2, and by 1.
        pytest.param(B, 2, 2, "SAME", "avg", arr([[3, 5, 6.5], [10.5, 12.5, 14]]), id="avg-same-odd"),
        pytest.param(
            A, 3, 1, "SAME", "max", arr([[5, 6, 7, 7], [9, 10, 11, 11], [13, 14, 15, 15], [13, 14, 15, 15]]),
            id="max-same-3x3",
        ),
        pytest.param(
            A, 3, 1, "SAME", "avg",
            arr([[2.5, 3, 4, 4.5], [4.5, 5, 6, 6.5], [8.5, 9, 10, 10.5], [10.5, 11, 12, 12.5]]),
            id="avg-same-3x3-corners-divide-by-4-edges-by-6",
        ),
        # SAME, 4 wide, window 2 stride 3: out 2, one padded column/row at the end.
        pytest.param(A, 2, 3, "SAME", "avg", arr([[2.5, 5], [12.5, 15]]), id="avg-same-stride-over-window"),
        # 5 wide, window 4 stride 4: 3 padded cells, 1 before and 2 after; windows [-1..2] and [3..6].
        pytest.param(arr([[0, 1, 2, 3, 4]]), (1, 4), None, "SAME", "avg", arr([[1, 3.5]]), id="avg-pad-before"),
        pytest.param(arr([[0, 1, 2, 3, 4]]), (1, 4), None, "SAME", "max", arr([[2, 4]]), id="max-pad-before"),
        # Padding must never win a max: zero padding would give 0 in the last window.
        pytest.param(arr([[-1, -2, -3]]), (1, 2), None, "SAME", "max", arr([[-1, -3]]), id="max-negative-pad"),
        pytest.param(A, 1, 2, "VALID", "max", arr([[0, 2], [8, 10]]), id="window-1-stride-2"),
        pytest.param(A, (1, 2), (2, 1), "VALID", "max", arr([[1, 2, 3], [9, 10, 11]]), id="pairs"),
        pytest.param(A, 2, None, "valid", "MAX", arr([[5, 7], [13, 15]]), id="lower-case-padding"),
        pytest.param(A, 2, None, "Valid", "average", arr([[2.5, 4.5], [10.5, 12.5]]), id="average"),
        pytest.param(A, 2, None, "same", "AVG", arr([[2.5, 4.5], [10.5, 12.5]]), id="upper-case-mode"),
    ],
)
def test_pool2d_by_hand(
    x: np.ndarray, window: Any, strides: Any, padding: str, mode: str, expected: np.ndarray
) -> None:
    out = pool2d(x, window, strides, padding, mode)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("rank", [2, 3, 4])
@pytest.mark.parametrize("mode", ["max", "avg"])
def test_pool2d_keeps_rank_and_pools_each_image_and_channel_alone(rank: int, mode: str) -> None:
    # Image n, channel c is A + 100 * (3 n + c): mixing images or channels up would change the values.
    offsets = 100 * np.arange(6.0).reshape(2, 1, 1, 3)
    base = arr([[5, 7], [13, 15]]) if mode == "max" else arr([[2.5, 4.5], [10.5, 12.5]])
    x4, expected4 = A[None, :, :, None] + offsets, base[None, :, :, None] + offsets
    x, expected = {4: (x4, expected4), 3: (x4[1], expected4[1]), 2: (A, base)}[rank]
    out = pool2d(x, 2, mode=mode)
    assert out.shape == expected.shape
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize(
    ("dtype", "mode", "expected_dtype"),
    [
        (np.float16, "max", np.float16),
        (np.float16, "avg", np.float16),
        (np.float32, "avg", np.float32),
        (np.float64, "avg", np.float64),
        (np.uint8, "max", np.uint8),
        (np.int32, "max", np.int32),
        (np.int32, "avg", np.float64),
        (np.bool_, "max", np.bool_),
        (np.bool_, "avg", np.float64),
    ],
)
def test_pool2d_dtype(dtype: type, mode: str, expected_dtype: type) -> None:
    x = (B % 2).astype(dtype)
    out = pool2d(x, 2, padding="SAME", mode=mode)
    assert out.dtype == expected_dtype
    expected = pool2d(B % 2, 2, padding="SAME", mode=mode)
    np.testing.assert_array_equal(out.astype(np.float64), expected)


def test_pool2d_float16_average_sums_in_float32() -> None:
    # 2048 + 1 + 1 + 1 is 2051 in float32 but stays 2048 when summed in float16.
    x = np.array([[2048, 1], [1, 1]], dtype=np.float16)
    assert pool2d(x, 2, mode="avg")[0, 0] == np.float16(2051 / 4)


def test_pool2d_max_skips_nan_as_tensorflow_does() -> None:
    x = arr([[np.nan, 1], [2, 3]])
    assert pool2d(x, 2)[0, 0] == 3
    assert np.isnan(pool2d(x, 2, mode="avg")[0, 0])  # average pooling propagates NaN, as TensorFlow does


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_pool2d_max_of_only_nan_or_minus_inf_is_the_lowest_value(dtype: Any) -> None:
    # TensorFlow's max pooling starts each window at the dtype's lowest finite value.
    lowest = np.finfo(dtype).min
    x = np.array([[np.nan, np.nan, -np.inf], [np.nan, np.nan, -np.inf], [1, 2, 3]], dtype=dtype)
    out = pool2d(x, 2, padding="SAME")
    np.testing.assert_array_equal(out, np.array([[lowest, lowest], [2, 3]], dtype=dtype))
    assert out.dtype == dtype


def test_pool2d_accepts_lists_and_non_contiguous_arrays() -> None:
    np.testing.assert_array_equal(pool2d(A.tolist(), 2), arr([[5, 7], [13, 15]]))
    np.testing.assert_array_equal(pool2d(A.T, 2), arr([[5, 13], [7, 15]]))
    np.testing.assert_array_equal(pool2d(A[:, ::-1], 2, padding="SAME", mode="avg"), arr([[4.5, 2.5], [12.5, 10.5]]))


# VALID with a window larger than the input gives an empty result: the axis that does not fit has length 0.
# TensorFlow has no single behaviour there (see `fitted` below); this is the rule the reference ops choose.
@pytest.mark.parametrize(
    ("hw", "window", "expected_hw"),
    [((2, 3), (3, 3), (0, 1)), ((2, 3), (2, 4), (1, 0)), ((1, 1), (3, 3), (0, 0)), ((3, 3), (4, 4), (0, 0))],
)
def test_valid_window_larger_than_input_gives_empty(
    hw: tuple[int, int], window: tuple[int, int], expected_hw: tuple[int, int]
) -> None:
    x = np.ones((2, *hw, 3), dtype=np.float32)
    for mode in ("max", "avg"):
        assert pool2d(x, window, 1, "VALID", mode).shape == (2, *expected_hw, 3)
        assert pool2d(x[0, :, :, 0], window, 1, "VALID", mode).shape == expected_hw
    assert pool_output_shape(hw, window, 1, "VALID") == expected_hw
    assert conv2d(x, np.ones((*window, 3, 2))).shape == (2, *expected_hw, 2)
    assert conv2d(x[0, :, :, 0], np.ones(window)).shape == expected_hw


def test_pool2d_of_empty_input_is_empty() -> None:
    assert pool2d(np.zeros((0, 4)), 2, padding="SAME").shape == (0, 2)
    assert pool2d(np.zeros((0, 4, 4, 3)), 2, mode="avg").shape == (0, 2, 2, 3)


@pytest.mark.parametrize(
    ("size", "window", "stride", "padding", "expected"),
    [
        (398, 2, 2, "SAME", 199),
        (398, 2, 2, "VALID", 199),
        (5, 2, 2, "SAME", 3),
        (5, 2, 2, "VALID", 2),
        (5, 3, 1, "VALID", 3),
        (5, 3, 1, "same", 5),
        (7, 3, 4, "VALID", 2),
        (7, 1, 4, "SAME", 2),
        (2, 3, 1, "VALID", 0),
        (2, 3, 1, "SAME", 2),
        (0, 2, 2, "SAME", 0),
        (0, 1, 1, "VALID", 0),
    ],
)
def test_pool_output_size(size: int, window: int, stride: int, padding: str, expected: int) -> None:
    assert pool_output_size(size, window, stride, padding) == expected
    assert pool_output_shape((size, 9), (window, 1), (stride, 1), padding) == (expected, 9)


@pytest.mark.parametrize(
    ("hw", "window", "strides", "padding", "expected"),
    [
        ((3, 5), 2, None, "SAME", (2, 3)),
        ((3, 5), 2, None, "VALID", (1, 2)),
        ((3, 5), (2, 3), (1, 2), "VALID", (2, 2)),
        ((398, 398), 2, 2, "SAME", (199, 199)),
        ([4, 4], 3, 1, "SAME", (4, 4)),
    ],
)
def test_pool_output_shape(hw: Any, window: Any, strides: Any, padding: str, expected: tuple[int, int]) -> None:
    assert pool_output_shape(hw, window, strides, padding) == expected
    assert pool2d(np.zeros(tuple(hw)), window, strides, padding).shape == expected


@pytest.mark.parametrize(
    "window",
    [(2, 3), [2, 3], np.array([2, 3]), (np.int64(2), np.int32(3)), tf.TensorShape([2, 3])],
    ids=["tuple", "list", "array", "numpy-ints", "tensorshape"],
)
def test_window_and_strides_accept_any_pair_of_ints(window: Any) -> None:
    assert pool2d(np.zeros((6, 6)), window).shape == (3, 2)
    assert pool2d(np.zeros((6, 6)), 1, window).shape == (3, 2)
    assert pool_output_shape(window, 1) == (2, 3)


@pytest.mark.parametrize("window", [2, np.int64(2), np.array(2)], ids=["int", "numpy-int", "0-d-array"])
def test_window_accepts_one_int_for_both_axes(window: Any) -> None:
    assert pool2d(np.zeros((6, 4)), window).shape == (3, 2)


# ---------------------------------------------------------------------------------------------------------
# Global average pooling, convolution and relu by hand

# Channel 0 holds 1, 2, 3, 4 and channel 1 holds 10, 20, 30, 40.
G = np.array([[[1, 10], [2, 20]], [[3, 30], [4, 40]]], dtype=np.float64)


@pytest.mark.parametrize(
    ("x", "keepdims", "expected"),
    [
        (G, False, np.array([2.5, 25])),
        (G, True, np.array([[[2.5, 25]]])),
        (G[None], False, np.array([[2.5, 25]])),
        (G[None], True, np.array([[[[2.5, 25]]]])),
        (np.stack([G, 2 * G]), False, np.array([[2.5, 25], [5, 50]])),
        (G.astype(np.int64), False, np.array([2.5, 25])),
    ],
)
def test_global_avg_pool_by_hand(x: np.ndarray, keepdims: bool, expected: np.ndarray) -> None:
    out = global_avg_pool(x, keepdims=keepdims)
    assert out.shape == expected.shape
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_global_avg_pool_keeps_floating_dtype(dtype: type) -> None:
    assert global_avg_pool(G.astype(dtype)).dtype == dtype


X3 = np.arange(9, dtype=np.float64).reshape(3, 3)


@pytest.mark.parametrize(
    ("x", "kernel", "strides", "padding", "expected"),
    [
        # Cross-correlation: out[i, j] = x[i, j] - x[i + 1, j + 1].
        pytest.param(X3, arr([[1, 0], [0, -1]]), 1, "VALID", arr([[-4, -4], [-4, -4]]), id="valid"),
        # Not flipped: a convolution would give [1, 4].
        pytest.param(arr([[0, 1, 2]]), arr([[1, 2]]), 1, "VALID", arr([[2, 5]]), id="not-flipped"),
        pytest.param(
            X3, np.ones((3, 3)), 1, "SAME", arr([[8, 15, 12], [21, 36, 27], [20, 33, 24]]), id="same-zero-padding"
        ),
        # 5 wide, stride 2, SAME: out 3 and one zero at the end; windows [0, 1], [2, 3], [4, pad].
        pytest.param(arr([[0, 1, 2, 3, 4]]), arr([[1, 2]]), 2, "SAME", arr([[2, 8, 4]]), id="same-stride-2"),
        pytest.param(X3, arr([[1]]), (2, 1), "VALID", arr([[0, 1, 2], [6, 7, 8]]), id="stride-pair"),
    ],
)
def test_conv2d_by_hand(x: np.ndarray, kernel: np.ndarray, strides: Any, padding: str, expected: np.ndarray) -> None:
    out = conv2d(x, kernel, strides, padding)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, expected)


def test_conv2d_mixes_channels_through_the_kernel() -> None:
    x = np.array([1.0, 2.0]).reshape(1, 1, 1, 2)
    kernel = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]).reshape(1, 1, 2, 3)
    np.testing.assert_array_equal(conv2d(x, kernel), np.array([1.0, 2.0, 3.0]).reshape(1, 1, 1, 3))


@pytest.mark.parametrize(
    ("x_shape", "kernel_shape", "expected_shape"),
    [
        ((4, 4), (3, 3), (2, 2)),
        ((4, 4), (3, 3, 1, 2), (2, 2, 2)),
        ((4, 4, 1), (3, 3), (2, 2, 1)),
        ((4, 4, 3), (3, 3, 3, 2), (2, 2, 2)),
        ((2, 4, 4, 3), (3, 3, 3, 2), (2, 2, 2, 2)),
        ((2, 4, 4, 1), (3, 3), (2, 2, 2, 1)),
    ],
)
def test_conv2d_result_rank(
    x_shape: tuple[int, ...], kernel_shape: tuple[int, ...], expected_shape: tuple[int, ...]
) -> None:
    assert conv2d(np.ones(x_shape), np.ones(kernel_shape)).shape == expected_shape


@pytest.mark.parametrize(
    ("x_dtype", "kernel_dtype", "expected_dtype"),
    [
        (np.float16, np.float16, np.float16),
        (np.float32, np.float32, np.float32),
        (np.float32, np.float64, np.float64),
        (np.uint8, np.float32, np.float32),
        (np.int32, np.int32, np.float64),
    ],
)
def test_conv2d_dtype(x_dtype: type, kernel_dtype: type, expected_dtype: type) -> None:
    out = conv2d(X3.astype(x_dtype), np.ones((2, 2), dtype=kernel_dtype))
    assert out.dtype == expected_dtype
    np.testing.assert_array_equal(out, arr([[8, 12], [20, 24]]))


@pytest.mark.parametrize(
    ("strides", "padding", "dilations", "expected"),
    [
        # Taps two cells apart: out[i, j] = x[i, j] + x[i + 2, j + 2], a window of 3x3 cells.
        pytest.param(1, "VALID", 2, arr([[8]]), id="dilated-valid"),
        # SAME pads for the 3x3 extent: one cell before and after, as a 3x3 kernel would.
        pytest.param(1, "SAME", 2, arr([[4, 5, 0], [7, 8, 1], [0, 3, 4]]), id="dilated-same"),
        pytest.param((1, 2), "VALID", (2, 1), arr([[7]]), id="dilated-rows-only"),
        pytest.param(2, "SAME", 2, arr([[4, 0], [0, 4]]), id="dilated-and-strided"),
    ],
)
def test_conv2d_dilations_by_hand(strides: Any, padding: str, dilations: Any, expected: np.ndarray) -> None:
    kernel = arr([[1, 0], [0, 1]])
    np.testing.assert_array_equal(conv2d(X3, kernel, strides, padding, dilations), expected)


SEQ = np.arange(6, dtype=np.float64)


@pytest.mark.parametrize(
    ("kernel", "stride", "padding", "dilations", "expected"),
    [
        # Not flipped: np.convolve([0..5], [1, 2], 'valid') would give [1, 4, 7, 10, 13].
        pytest.param([1, 2], 1, "VALID", 1, [2, 5, 8, 11, 14], id="not-flipped"),
        pytest.param([1, 1, 1], 1, "SAME", 1, [1, 3, 6, 9, 12, 9], id="same-zero-padding"),
        # 4 taps, SAME: one padded cell before, two after.
        pytest.param([1, 1, 1, 1], 1, "SAME", 1, [3, 6, 10, 14, 12, 9], id="same-even-kernel"),
        pytest.param([1, 1, 1], 2, "VALID", 1, [3, 9], id="stride-2"),
        # 6 cells fit two windows of 3 exactly: SAME pads nothing.
        pytest.param([1, 1, 1], 3, "SAME", 1, [3, 12], id="same-stride-3"),
        # Stride 4: windows [0, 1, 2] and [4, 5, pad], the one padded cell at the end.
        pytest.param([1, 1, 1], 4, "SAME", 1, [3, 9], id="same-stride-4"),
        pytest.param([1, -1], 1, "VALID", 2, [-2, -2, -2, -2], id="dilated"),
        pytest.param([0.5], 1, "VALID", 1, [0, 0.5, 1, 1.5, 2, 2.5], id="one-tap"),
    ],
)
def test_conv1d_by_hand(kernel: list[float], stride: int, padding: str, dilations: int, expected: list[float]) -> None:
    out = conv1d(SEQ, np.array(kernel, dtype=np.float64), stride, padding, dilations)
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, np.array(expected, dtype=np.float64))


@pytest.mark.parametrize(
    ("x_shape", "kernel_shape", "expected_shape"),
    [
        ((6,), (3,), (4,)),
        ((6,), (3, 1, 2), (4, 2)),
        ((6, 1), (3,), (4, 1)),
        ((6, 2), (3, 2, 4), (4, 4)),
        ((2, 6, 2), (3, 2, 4), (2, 4, 4)),
        ((2, 6, 1), (3,), (2, 4, 1)),
    ],
)
def test_conv1d_result_rank(
    x_shape: tuple[int, ...], kernel_shape: tuple[int, ...], expected_shape: tuple[int, ...]
) -> None:
    assert conv1d(np.ones(x_shape), np.ones(kernel_shape)).shape == expected_shape


@pytest.mark.parametrize(
    ("x_dtype", "kernel_dtype", "expected_dtype"),
    [(np.float16, np.float16, np.float16), (np.float32, np.float32, np.float32), (np.int32, np.int64, np.float64)],
)
def test_conv1d_dtype(x_dtype: type, kernel_dtype: type, expected_dtype: type) -> None:
    out = conv1d(SEQ.astype(x_dtype), np.ones(2, dtype=kernel_dtype))
    assert out.dtype == expected_dtype
    np.testing.assert_array_equal(out, [1, 3, 5, 7, 9])


def test_conv1d_window_longer_than_the_sequence_gives_empty() -> None:
    assert conv1d(SEQ, np.ones(7)).shape == (0,)
    assert conv1d(SEQ, np.ones(3), dilations=3).shape == (0,)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (np.array([-1.5, 0.0, 2.0]), np.array([0.0, 0.0, 2.0])),
        (np.array([np.nan, -np.inf, np.inf]), np.array([np.nan, 0.0, np.inf])),
        (np.array([-3, 4], dtype=np.int8), np.array([0, 4], dtype=np.int8)),
        (np.array([0, 7], dtype=np.uint8), np.array([0, 7], dtype=np.uint8)),
        (np.array([-1.0, 1.0], dtype=np.float16), np.array([0.0, 1.0], dtype=np.float16)),
        (np.array([True, False]), np.array([True, False])),
        (np.float32(-2.0), np.array(0.0, dtype=np.float32)),
        ([[-1, 2]], np.array([[0, 2]])),
    ],
)
def test_relu_by_hand(x: Any, expected: np.ndarray) -> None:
    out = relu(x)
    assert isinstance(out, np.ndarray)
    assert out.dtype == expected.dtype
    np.testing.assert_array_equal(out, expected)


# ---------------------------------------------------------------------------------------------------------
# Programmer errors

ONES = np.ones((4, 4))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: pool2d(ONES, padding="same-ish"), "padding must be 'SAME' or 'VALID'; got 'same-ish'"),
        (lambda: pool2d(ONES, padding=None), "padding must be 'SAME' or 'VALID'; got None"),
        (lambda: pool2d(ONES, mode="min"), "mode must be 'max' or 'avg'; got 'min'"),
        (lambda: pool2d(ONES, window=0), "window must be a positive int or a pair of positive ints; got 0"),
        (lambda: pool2d(ONES, window=(2, 0)), "window must be a positive int or a pair of positive ints; got (2, 0)"),
        (
            lambda: pool2d(ONES, window=(2, 2, 2)),
            "window must be a positive int or a pair of positive ints; got (2, 2, 2)",
        ),
        (lambda: pool2d(ONES, window=2.5), "window must be a positive int or a pair of positive ints; got 2.5"),
        (lambda: pool2d(ONES, window=True), "window must be a positive int or a pair of positive ints; got True"),
        (lambda: pool2d(ONES, strides=-1), "strides must be a positive int or a pair of positive ints; got -1"),
        (
            lambda: pool2d(np.ones(5)),
            "x must have rank 2 (H, W), 3 (H, W, C) or 4 (N, H, W, C); got shape (5,)",
        ),
        (
            lambda: pool2d(np.ones((1, 2, 2, 1, 1))),
            "x must have rank 2 (H, W), 3 (H, W, C) or 4 (N, H, W, C); got shape (1, 2, 2, 1, 1)",
        ),
        (lambda: pool2d(np.array([["a"]])), "x must hold booleans, integers or floats; got dtype <U1"),
        (lambda: pool_output_size(-1, 2, 2, "SAME"), "size must be a non-negative int; got -1"),
        (lambda: pool_output_size(4, 0, 2, "SAME"), "window must be a positive int; got 0"),
        (lambda: pool_output_size(4, 2, 0, "VALID"), "stride must be a positive int; got 0"),
        (lambda: pool_output_size(4, 2, 2, "full"), "padding must be 'SAME' or 'VALID'; got 'full'"),
        (lambda: pool_output_shape((4,), 2), "hw must be a pair (H, W) of non-negative ints; got (4,)"),
        (lambda: pool_output_shape((4, -1), 2), "hw must be a pair (H, W) of non-negative ints; got (4, -1)"),
        (lambda: pool_output_shape("44", 2), "hw must be a pair (H, W) of non-negative ints; got '44'"),
        (
            lambda: global_avg_pool(ONES),
            "x must have rank 3 (H, W, C) or 4 (N, H, W, C); got shape (4, 4)",
        ),
        (
            lambda: global_avg_pool(np.ones((0, 4, 1))),
            "x must have at least one pixel (H and W at least 1); got shape (0, 4, 1)",
        ),
        (
            lambda: conv2d(np.ones((4, 4, 3)), np.ones((2, 2))),
            "kernel in_channels (1) must equal the channels of x (3); "
            "use a kernel of shape (kh, kw, 3, out_channels)",
        ),
        (
            lambda: conv2d(ONES, np.ones(3)),
            "kernel must have shape (kh, kw) or (kh, kw, in_channels, out_channels); got shape (3,)",
        ),
        (lambda: conv2d(ONES, np.ones((0, 2))), "kernel must be at least 1x1; got shape (0, 2)"),
        (
            lambda: conv2d(ONES, np.ones((2, 2)), strides=0),
            "strides must be a positive int or a pair of positive ints; got 0",
        ),
        (lambda: conv2d(ONES, np.ones((2, 2)), padding="full"), "padding must be 'SAME' or 'VALID'; got 'full'"),
        (
            lambda: conv2d(ONES, np.ones((2, 2), dtype=complex)),
            "kernel must hold booleans, integers or floats; got dtype complex128",
        ),
        (
            lambda: conv2d(ONES, np.ones((2, 2)), dilations=0),
            "dilations must be a positive int or a pair of positive ints; got 0",
        ),
        (
            lambda: conv1d(ONES, np.ones((2, 2))),
            "kernel must have shape (k,) or (k, in_channels, out_channels); got shape (2, 2)",
        ),
        (lambda: conv1d(np.ones(4), np.ones(0)), "kernel must have at least one tap; got shape (0,)"),
        (
            lambda: conv1d(np.ones((1, 1, 4, 1)), np.ones(2)),
            "x must have rank 1 (W,), 2 (W, C) or 3 (N, W, C); got shape (1, 1, 4, 1)",
        ),
        (
            lambda: conv1d(np.ones((4, 2)), np.ones(2)),
            "kernel in_channels (1) must equal the channels of x (2); use a kernel of shape (k, 2, out_channels)",
        ),
        (lambda: conv1d(np.ones(4), np.ones(2), stride=0), "stride must be a positive int; got 0"),
        (lambda: conv1d(np.ones(4), np.ones(2), dilations=2.0), "dilations must be a positive int; got 2.0"),
        (lambda: conv1d(np.ones(4), np.ones(2), padding="causal"), "padding must be 'SAME' or 'VALID'; got 'causal'"),
        (lambda: relu(np.array([1j])), "x must hold booleans, integers or floats; got dtype complex128"),
    ],
)
def test_bad_arguments_raise_value_error_naming_the_fix(call: Any, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        call()


# ---------------------------------------------------------------------------------------------------------
# Agreement with TensorFlow


@dataclass(frozen=True)
class Image:
    """A random image in one of the ranks the reference ops take, and its (N, H, W, C) form for TensorFlow."""

    x: np.ndarray
    x4: np.ndarray

    def like_x(self, out4: np.ndarray) -> np.ndarray:
        """TensorFlow's (N, H', W', C') result in the rank of `x`."""
        return {2: out4[0, :, :, 0], 3: out4[0], 4: out4}[self.x.ndim]


@st.composite
def images(draw: st.DrawFn, ranks: tuple[int, ...] = (2, 3, 4), max_side: int = 20) -> Image:
    rank = draw(st.sampled_from(ranks))
    n = draw(st.integers(1, 2)) if rank == 4 else 1
    c = draw(st.integers(1, 3)) if rank >= 3 else 1
    h, w = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    dtype = draw(st.sampled_from(FLOAT_DTYPES))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x4 = rng.uniform(-4, 4, size=(n, h, w, c)).astype(dtype)
    return Image(x={2: x4[0, :, :, 0], 3: x4[0], 4: x4}[rank], x4=x4)


def assert_matches(ours: np.ndarray, theirs: Any, scale: float = 1.0) -> None:
    theirs = np.asarray(theirs)
    assert ours.shape == theirs.shape
    assert ours.dtype == theirs.dtype
    tolerance = TOLERANCE[ours.dtype]
    np.testing.assert_allclose(
        ours, theirs, rtol=tolerance["rtol"], atol=tolerance["atol"] * scale, equal_nan=True, strict=True
    )


windows = st.tuples(st.integers(1, 4), st.integers(1, 4))
paddings = st.sampled_from(["SAME", "VALID"])
modes = st.sampled_from(["max", "avg"])


def fitted(window: tuple[int, int], image: Image, padding: str) -> tuple[int, int]:
    """`window`, shrunk under VALID to fit the image.

    TensorFlow has no single behaviour for a VALID window larger than the input: depending on the sizes,
    dtype and op it returns an empty tensor, raises InvalidArgumentError or AbortedError, kills the process
    with SIGFPE (float32 MAX, both axes one too small), or (conv2d) returns uninitialised memory. The
    reference ops always return an empty result there; the tables above pin that.
    """
    if padding == "SAME":
        return window
    return min(window[0], image.x4.shape[1]), min(window[1], image.x4.shape[2])


@pytest.mark.slow
@settings(deadline=None, max_examples=500)
@given(image=images(), window=windows, data=st.data(), padding=paddings, mode=modes)
def test_pool2d_matches_tf_nn_pool(image: Image, window: tuple[int, int], data: Any, padding: str, mode: str) -> None:
    window = fitted(window, image, padding)
    # tf.nn.pool refuses strides larger than the window; the keras test below covers those.
    strides = data.draw(st.tuples(st.integers(1, window[0]), st.integers(1, window[1])), label="strides")
    theirs = tf.nn.pool(image.x4, window, mode.upper(), strides=strides, padding=padding)
    assert_matches(pool2d(image.x, window, strides, padding, mode), image.like_x(theirs.numpy()))


@pytest.mark.slow
@settings(deadline=None, max_examples=300)
@given(
    image=images(),
    window=windows,
    data=st.data(),
    padding=paddings,
    mode=modes,
    holes=st.sampled_from([0.1, 0.5, 0.9, 1.0]),
    minus_inf=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_pool2d_matches_tf_nn_pool_with_nan(
    image: Image,
    window: tuple[int, int],
    data: Any,
    padding: str,
    mode: str,
    holes: float,
    minus_inf: bool,
    seed: int,
) -> None:
    """A learner's own picture can give NaN pixels: the reference pools them as TensorFlow does."""
    window = fitted(window, image, padding)
    strides = data.draw(st.tuples(st.integers(1, window[0]), st.integers(1, window[1])), label="strides")
    x4 = image.x4.copy()
    rng = np.random.default_rng(seed)
    x4[rng.random(x4.shape) < holes] = np.nan
    if minus_inf:
        x4[rng.random(x4.shape) < 0.2] = -np.inf
    x = image.like_x(x4)
    theirs = tf.nn.pool(x4, window, mode.upper(), strides=strides, padding=padding).numpy()
    if x4.dtype == np.float16 and mode == "max":
        # Some TensorFlow builds start float16 windows at -inf rather than the lowest finite value (2.21 does
        # the latter, as for every other float): only a window of NaN and -inf shows which.
        theirs = np.where(np.isneginf(theirs), np.finfo(np.float16).min, theirs)
    assert_matches(pool2d(x, window, strides, padding, mode), image.like_x(theirs))


@pytest.mark.slow
@settings(deadline=None, max_examples=500)
@given(
    image=images(),
    window=windows,
    strides=st.none() | st.tuples(st.integers(1, 4), st.integers(1, 4)),
    padding=paddings,
    mode=modes,
)
def test_pool2d_matches_keras_pooling_layers(
    image: Image, window: tuple[int, int], strides: tuple[int, int] | None, padding: str, mode: str
) -> None:
    window = fitted(window, image, padding)
    layer_class = tf.keras.layers.MaxPooling2D if mode == "max" else tf.keras.layers.AveragePooling2D
    layer = layer_class(pool_size=window, strides=strides, padding=padding.lower(), dtype=image.x4.dtype.name)
    theirs = layer(image.x4).numpy()
    assert_matches(pool2d(image.x, window, strides, padding, mode), image.like_x(theirs))
    assert pool_output_shape(image.x4.shape[1:3], window, strides, padding) == theirs.shape[1:3]


@pytest.mark.slow
@settings(deadline=None, max_examples=500)
@given(
    hw=st.tuples(st.integers(1, 40), st.integers(1, 40)),
    window=st.tuples(st.integers(1, 6), st.integers(1, 6)),
    strides=st.tuples(st.integers(1, 6), st.integers(1, 6)),
    padding=paddings,
)
def test_pool_output_shape_matches_tf(
    hw: tuple[int, int], window: tuple[int, int], strides: tuple[int, int], padding: str
) -> None:
    if padding == "VALID":  # see fitted()
        window = (min(window[0], hw[0]), min(window[1], hw[1]))
    theirs = tf.nn.max_pool2d(np.zeros((1, *hw, 1), dtype=np.float32), window, strides, padding)
    assert pool_output_shape(hw, window, strides, padding) == tuple(theirs.shape[1:3])
    assert (pool_output_size(hw[0], window[0], strides[0], padding),
            pool_output_size(hw[1], window[1], strides[1], padding)) == tuple(theirs.shape[1:3])


@pytest.mark.slow
@settings(deadline=None, max_examples=100)
@given(image=images(ranks=(3, 4)), keepdims=st.booleans())
def test_global_avg_pool_matches_keras(image: Image, keepdims: bool) -> None:
    layer = tf.keras.layers.GlobalAveragePooling2D(keepdims=keepdims, dtype=image.x4.dtype.name)
    theirs = layer(image.x4).numpy()
    assert_matches(global_avg_pool(image.x, keepdims=keepdims), theirs if image.x.ndim == 4 else theirs[0])


@pytest.mark.slow
@settings(deadline=None, max_examples=500)
@given(
    image=images(),
    kernel_hw=windows,
    out_channels=st.integers(1, 3),
    flat_kernel=st.booleans(),
    strides=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    padding=paddings,
    seed=st.integers(0, 2**32 - 1),
)
def test_conv2d_matches_tf_nn_conv2d(
    image: Image,
    kernel_hw: tuple[int, int],
    out_channels: int,
    flat_kernel: bool,
    strides: tuple[int, int],
    padding: str,
    seed: int,
) -> None:
    kernel_hw = fitted(kernel_hw, image, padding)
    c = image.x4.shape[3]
    flat = flat_kernel and c == 1
    rng = np.random.default_rng(seed)
    kernel4 = rng.uniform(-1, 1, size=(*kernel_hw, c, 1 if flat else out_channels)).astype(image.x4.dtype)
    # One image at a time: TensorFlow 2.21's CPU conv2d returns garbage (uninitialised memory) for a batch of
    # more than one image with strides (1, s > 1), e.g. two 2x3 images, a 1x2 kernel, strides (1, 2), VALID.
    # Per image it is right; test_conv2d_batch_of_two_with_row_stride_one pins our answer on that case.
    theirs = np.concatenate(
        [tf.nn.conv2d(image.x4[i : i + 1], kernel4, strides, padding).numpy() for i in range(len(image.x4))]
    )
    ours = conv2d(image.x, kernel4[:, :, 0, 0] if flat else kernel4, strides, padding)
    if image.x.ndim == 4:
        expected = theirs
    elif image.x.ndim == 2 and flat:
        expected = theirs[0, :, :, 0]
    else:
        expected = theirs[0]
    # A float16 sum of up to 48 products of numbers up to 4 is only good to a few hundredths.
    assert_matches(ours, expected, scale=float(np.prod(kernel4.shape[:3])) ** 0.5)


@pytest.mark.slow
@settings(deadline=None, max_examples=100)
@given(image=images(), nan_fraction=st.sampled_from([0.0, 0.1]), seed=st.integers(0, 2**32 - 1))
def test_relu_matches_tf_nn_relu(image: Image, nan_fraction: float, seed: int) -> None:
    x = image.x.copy()
    x[np.random.default_rng(seed).random(x.shape) < nan_fraction] = np.nan
    assert_matches(relu(x), tf.nn.relu(x).numpy())


def test_conv2d_batch_of_two_with_row_stride_one() -> None:
    """The case where TensorFlow 2.21 itself goes wrong (see test_conv2d_matches_tf_nn_conv2d): checked
    against the products written out by hand."""
    x = np.arange(12, dtype=np.float32).reshape(2, 2, 3, 1) - 5
    kernel = np.array([[0.5, -2.0]], dtype=np.float32).reshape(1, 2, 1, 1)
    by_hand = np.array(
        [[[[x[n, i, 0, 0] * 0.5 - 2.0 * x[n, i, 1, 0]]] for i in range(2)] for n in range(2)], dtype=np.float32
    )
    assert_matches(conv2d(x, kernel, (1, 2), "VALID"), by_hand)


def fitted_extent(kernel_hw: tuple[int, int], dilations: tuple[int, int], image: Image, padding: str) -> tuple[int, int]:
    """`kernel_hw`, shrunk under VALID so that the dilated kernel fits the image (see `fitted`)."""
    if padding == "SAME":
        return kernel_hw
    h, w = image.x4.shape[1:3]
    return tuple(max(1, min(k, (side - 1) // d + 1)) for k, d, side in zip(kernel_hw, dilations, (h, w)))


@pytest.mark.slow
@settings(deadline=None, max_examples=300)
@given(
    image=images(ranks=(4,)),
    kernel_hw=windows,
    strides=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    dilations=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    padding=paddings,
    seed=st.integers(0, 2**32 - 1),
)
def test_dilated_conv2d_matches_tf_nn_conv2d(
    image: Image,
    kernel_hw: tuple[int, int],
    strides: tuple[int, int],
    dilations: tuple[int, int],
    padding: str,
    seed: int,
) -> None:
    kernel_hw = fitted_extent(kernel_hw, dilations, image, padding)
    rng = np.random.default_rng(seed)
    kernel4 = rng.uniform(-1, 1, size=(*kernel_hw, image.x4.shape[3], 2)).astype(image.x4.dtype)
    theirs = np.concatenate(  # one image at a time: see test_conv2d_matches_tf_nn_conv2d
        [
            tf.nn.conv2d(image.x4[i : i + 1], kernel4, strides, padding, dilations=dilations).numpy()
            for i in range(len(image.x4))
        ]
    )
    ours = conv2d(image.x4, kernel4, strides, padding, dilations)
    assert_matches(ours, theirs, scale=float(np.prod(kernel4.shape[:3])) ** 0.5)


@st.composite
def sequences(draw: st.DrawFn, max_length: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """A sequence in each rank conv1d takes, and its (N, W, C) form for TensorFlow."""
    rank = draw(st.sampled_from((1, 2, 3)))
    n = draw(st.integers(1, 2)) if rank == 3 else 1
    c = draw(st.integers(1, 3)) if rank >= 2 else 1
    width = draw(st.integers(1, max_length))
    dtype = draw(st.sampled_from(FLOAT_DTYPES))
    x3 = np.random.default_rng(draw(st.integers(0, 2**32 - 1))).uniform(-4, 4, size=(n, width, c)).astype(dtype)
    return {1: x3[0, :, 0], 2: x3[0], 3: x3}[rank], x3


@pytest.mark.slow
@settings(deadline=None, max_examples=400)
@given(
    sequence=sequences(),
    taps=st.integers(1, 6),
    out_channels=st.integers(1, 3),
    flat_kernel=st.booleans(),
    stride=st.integers(1, 4),
    dilations=st.integers(1, 3),
    padding=paddings,
    seed=st.integers(0, 2**32 - 1),
)
def test_conv1d_matches_tf_nn_conv1d(
    sequence: tuple[np.ndarray, np.ndarray],
    taps: int,
    out_channels: int,
    flat_kernel: bool,
    stride: int,
    dilations: int,
    padding: str,
    seed: int,
) -> None:
    x, x3 = sequence
    if padding == "VALID":  # see fitted(): TensorFlow's VALID with a window longer than the input is no answer
        taps = max(1, min(taps, (x3.shape[1] - 1) // dilations + 1))
    c = x3.shape[2]
    flat = flat_kernel and c == 1
    kernel3 = np.random.default_rng(seed).uniform(-1, 1, size=(taps, c, 1 if flat else out_channels))
    kernel3 = kernel3.astype(x3.dtype)
    theirs = np.concatenate(
        [tf.nn.conv1d(x3[i : i + 1], kernel3, stride, padding, dilations=dilations).numpy() for i in range(len(x3))]
    )
    ours = conv1d(x, kernel3[:, 0, 0] if flat else kernel3, stride, padding, dilations)
    if x.ndim == 3:
        expected = theirs
    elif x.ndim == 1 and flat:
        expected = theirs[0, :, 0]
    else:
        expected = theirs[0]
    assert_matches(ours, expected, scale=float(taps * c) ** 0.5)
