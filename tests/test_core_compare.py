"""`learntools_cv.core.compare`: arrays within a tolerance, plain values without the learner's own `==`.

Tables pin the words of `Mismatch.describe`; hypothesis checks that plain data always equals itself after
`to_plain`, and that an array perturbed beyond the tolerance never compares equal.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from learntools_cv.core.compare import (
    Mismatch,
    NotComparable,
    Tolerance,
    arrays_match,
    compare_arrays,
    magnitude,
    mismatch,
    plain_equal,
    to_plain,
    tolerance_for,
)

EXACT = Tolerance(rtol=0.0, atol=0.0)
DEFAULT = Tolerance(rtol=1e-6, atol=1e-9)
NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("mismatch_", "text"),
    [
        (
            Mismatch(count=12, total=39601, largest=0.84, largest_at=(10, 4), first=((0, 1), (2, 3), (10, 4))),
            "12 of 39,601 values (0.03%) differ. The largest difference is 0.84, at [10, 4]. "
            "The first ones are at [0, 1], [2, 3], [10, 4].",
        ),
        (
            Mismatch(count=1, total=4, largest=0.5, largest_at=(1, 0), first=((1, 0),)),
            "1 of 4 values (25%) differs. The largest difference is 0.5, at [1, 0]. The first one is at [1, 0].",
        ),
        (
            Mismatch(count=2, total=2, largest=1234.5678, largest_at=(1,), first=((0,), (1,))),
            "2 of 2 values (100%) differ. The largest difference is 1.23e+03, at [1]. "
            "The first ones are at [0], [1].",
        ),
        (
            Mismatch(count=1, total=1, largest=NAN, largest_at=(0, 0, 0), first=((0, 0, 0),)),
            "1 of 1 value (100%) differs. The first one is at [0, 0, 0].",
        ),
        (
            Mismatch(count=399, total=400, largest=2.0, largest_at=(5,), first=((0,), (1,), (2,))),
            "399 of 400 values (>99%) differ. The largest difference is 2, at [5]. "
            "The first ones are at [0], [1], [2].",
        ),
        (
            Mismatch(count=1, total=2_000_000, largest=1.0, largest_at=(7,), first=((7,),)),
            "1 of 2,000,000 values (<0.001%) differs. The largest difference is 1, at [7]. The first one is at [7].",
        ),
        (
            Mismatch(count=3, total=4, largest=0.25, largest_at=(), first=((),)),
            "3 of 4 values (75%) differ. The largest difference is 0.25, at []. The first one is at [].",
        ),
    ],
)
def test_mismatch_describe(mismatch_, text):
    assert mismatch_.describe() == text


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ([1.0, 2.0], [1.0, 2.0]),
        ([NAN, 1.0], [NAN, 1.0]),
        ([INF, -INF], [INF, -INF]),
        ([1.0 + 1e-7], [1.0]),
        ([[1, 2], [3, 4]], [[1.0, 2.0], [3.0, 4.0]]),
        ([True, False], [1.0, 0.0]),
    ],
)
def test_mismatch_none_when_within_tolerance(actual, expected):
    assert mismatch(np.array(actual), np.array(expected), DEFAULT) is None


def test_mismatch_counts_nan_against_a_number():
    found = mismatch(np.array([NAN, 1.0, 2.0]), np.array([1.0, 1.0, NAN]), DEFAULT)
    assert (found.count, found.total, found.largest_at, found.first) == (2, 3, (0,), ((0,), (2,)))
    assert math.isnan(found.largest)  # no finite difference to report
    assert found.describe() == "2 of 3 values (67%) differ. The first ones are at [0], [2]."


def test_mismatch_opposite_infinities_differ():
    found = mismatch(np.array([INF, 0.0]), np.array([-INF, 0.5]), DEFAULT)
    assert (found.count, found.largest, found.largest_at) == (2, 0.5, (1,))
    # nothing is within a relative tolerance of an infinity except that infinity
    found = mismatch(np.array([0.0, 1e308, INF]), np.array([INF, INF, INF]), DEFAULT)
    assert (found.count, found.first) == (2, ((0,), (1,)))
    assert found.describe() == "2 of 3 values (67%) differ. The first ones are at [0], [1]."


def test_mismatch_reports_largest_and_first_positions_in_row_major_order():
    expected = np.zeros((3, 4))
    actual = expected.copy()
    actual[2, 3] = 5.0
    actual[0, 2] = 1.0
    actual[1, 0] = -2.0
    actual[2, 0] = 0.5
    found = mismatch(actual, expected, DEFAULT)
    assert found == Mismatch(
        count=4, total=12, largest=5.0, largest_at=(2, 3), first=((0, 2), (1, 0), (2, 0)), shape=(3, 4)
    )
    assert mismatch(actual, expected, DEFAULT, first=1).first == ((0, 2),)


@pytest.mark.parametrize(
    ("difference", "equal"),
    [(0.0, True), (1e-3, True), (1.1e-3, False)],
)
def test_mismatch_tolerance_is_atol_plus_rtol_times_expected(difference, equal):
    tol = Tolerance(rtol=1e-4, atol=0.0)  # 1e-4 * 10 = 1e-3 allowed at 10
    result = mismatch(np.array([10.0 + difference]), np.array([10.0]), tol)
    assert (result is None) is equal


def test_tolerance_for():
    eps32 = float(np.finfo(np.float32).eps)
    assert tolerance_for(np.dtype(np.float32)) == Tolerance(rtol=8 * eps32, atol=8 * eps32)
    # the least precise dtype decides; integers and float64 are held to float32's precision
    assert tolerance_for(np.dtype(np.float64), np.dtype(np.float32)) == tolerance_for(np.dtype(np.float32))
    assert tolerance_for(np.dtype(np.int32)) == tolerance_for(np.dtype(np.float32))
    assert tolerance_for() == tolerance_for(np.dtype(np.float32))
    eps16 = float(np.finfo(np.float16).eps)
    assert tolerance_for(np.dtype(np.float16), np.dtype(np.float32)) == Tolerance(rtol=8 * eps16, atol=8 * eps16)
    assert tolerance_for(np.dtype(np.float32), scale=255.0) == Tolerance(rtol=8 * eps32, atol=8 * eps32 * 255.0)
    assert tolerance_for(np.dtype(np.float32), scale=INF) == tolerance_for(np.dtype(np.float32))
    assert tolerance_for(np.dtype(np.float32), scale=NAN) == tolerance_for(np.dtype(np.float32))
    assert tolerance_for(np.dtype(np.float32), scale=0.0).atol == pytest.approx(8 * eps32 * 1e-12)


# ---- plain values ----


class Sub(int):
    pass


class Text(str):
    pass


class Items(list):
    pass


class Mapping(dict):
    pass


@pytest.mark.parametrize(
    "value",
    [object(), Sub(1), Text("a"), Items([1]), Mapping(a=1), [1, object()], {"k": Text("v")}, (1, [2, Sub(3)])],
    ids=["object", "int-subclass", "str-subclass", "list-subclass", "dict-subclass", "nested-object",
         "nested-str-subclass", "deep"],
)
def test_to_plain_rejects_non_builtin_types(value):
    with pytest.raises(NotComparable):
        to_plain(value)


def test_to_plain_rejects_huge_values():
    with pytest.raises(NotComparable, match="too large"):
        to_plain(list(range(200_000)))


def test_to_plain_converts_numpy():
    assert type(to_plain(np.float32(1.5))) is float
    assert type(to_plain(np.int64(3))) is int
    assert type(to_plain(np.bool_(True))) is bool
    plain = to_plain([np.zeros(2).view(type("Sub", (np.ndarray,), {}))])
    assert type(plain[0]) is np.ndarray
    assert to_plain({1: (2, {3})}) == {1: (2, {3})}


@pytest.mark.parametrize(
    ("actual", "expected", "equal"),
    [
        (1, 1.0, True),
        (1.0, 1.0 + 1e-10, True),
        (NAN, NAN, True),
        (NAN, 1.0, False),
        (1.0, NAN, False),
        (1.0, INF, False),
        (np.array([1.0]), np.array([INF]), False),
        (np.array([INF]), np.array([INF]), True),
        (True, 1, False),
        (1, True, False),
        (True, True, True),
        ("a", "a", True),
        ("a", b"a", False),
        ([1, 2], (1, 2), False),
        ([1, [2.0]], [1, [2.0 + 1e-12]], True),
        ([1], [1, 2], False),
        ({"a": 1.0}, {"a": 1.0 + 1e-12}, True),
        ({"a": 1}, {"b": 1}, False),
        ({1, 2}, {2, 1}, True),
        (1 + 1j, 1 + 1j, True),
        (None, None, True),
        (None, 0, False),
        (np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12]), True),
        (np.array([1.0, 2.0]), [1.0, 2.0], False),
        ([1.0, 2.0], np.array([1.0, 2.0]), False),
        (np.array([1.0, 2.0]), np.array([[1.0, 2.0]]), False),
        (np.array(["a"]), np.array(["a"]), True),
        (np.array([1 + 1j]), np.array([1 + 1j]), True),
        (np.array([1 + 2j]), np.array([1 + 1j]), False),
    ],
)
def test_plain_equal(actual, expected, equal):
    assert plain_equal(actual, expected) is equal


# ---- properties ----

plain_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4)
    | st.lists(children, max_size=4).map(tuple)
    | st.dictionaries(st.text(max_size=3) | st.integers(), children, max_size=4),
    max_leaves=20,
)


@given(plain_data)
@settings(database=None, deadline=None)
def test_plain_data_equals_itself_after_to_plain(value):
    assert plain_equal(to_plain(value), value)


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False, width=64)


@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=5), elements=finite),
    st.data(),
    st.floats(min_value=1.5, max_value=1e3),
    st.booleans(),
)
@settings(database=None, deadline=None)
def test_arrays_perturbed_beyond_tolerance_never_compare_equal(expected, data, factor, downwards):
    index = data.draw(st.tuples(*(st.integers(0, n - 1) for n in expected.shape)))
    allowed = DEFAULT.atol + DEFAULT.rtol * abs(expected[index])
    actual = expected.copy()
    actual[index] += -factor * allowed if downwards else factor * allowed
    assert not plain_equal(actual, expected)
    found = mismatch(actual, expected, DEFAULT)
    assert found is not None
    assert (found.count, found.first, found.largest_at) == (1, (index,), index)
    assert plain_equal(expected.copy(), expected)


@given(hnp.arrays(np.float32, hnp.array_shapes(max_dims=3, max_side=4)))
@settings(database=None, deadline=None)
def test_an_array_always_matches_its_copy(array):
    assert mismatch(array.copy(), array, EXACT) is None


# ---- the one comparison engine (issue 11) ----


def test_compare_arrays_reports_in_layers_like_assert_allclose() -> None:
    expected = np.array([[1.0, 2.0, 4.0], [0.0, -8.0, 3.0]], dtype=np.float32)
    actual = expected.copy()
    actual[0, 2] = 5.0
    actual[1, 1] = -6.0
    found = compare_arrays(actual, expected)
    tol = tolerance_for(np.dtype(np.float32), scale=8.0)
    assert found is not None and found.tolerance == tol
    assert found.report() == (
        f"Not equal at {tol.describe()}.\n"
        "Mismatched values: 2 of 6 (33%).\n"
        "First positions: [0, 2], [1, 1].\n"
        "Largest absolute difference: 2 at [1, 1].\n"
        "Largest relative difference: 0.25 at [0, 2]."
    )
    assert tol.describe() == "rtol=9.5e-07, atol=7.6e-06"
    # The learner-facing words stay as they were.
    assert found.describe() == (
        "2 of 6 values (33%) differ. The largest difference is 2, at [1, 1]. The first ones are at [0, 2], [1, 1]."
    )


@pytest.mark.parametrize(
    ("answer_dtype", "off_by", "equal"),
    [
        (np.float32, 1e-6, True),
        (np.float32, 1e-4, False),
        (np.float16, 2e-3, True),  # a float16 answer is held to float16's precision
        (np.float16, 2e-2, False),
    ],
)
def test_the_answers_dtype_decides_the_tolerance(answer_dtype: Any, off_by: float, equal: bool) -> None:
    expected = np.linspace(0.5, 1.0, 12, dtype=np.float32)
    actual = (expected + off_by).astype(answer_dtype)
    assert arrays_match(actual, expected) is equal


def test_sums_and_means_are_widened_once_by_their_number_of_terms() -> None:
    assert tolerance_for(np.dtype(np.float32), terms=841).rtol == pytest.approx(29 * tolerance_for().rtol)
    assert tolerance_for(np.dtype(np.float32), terms=0) == tolerance_for(np.dtype(np.float32))


def test_magnitude_leaves_out_nan_inf_and_the_lowest_value_markers() -> None:
    lowest = np.finfo(np.float32).min
    assert magnitude(np.array([np.nan, -np.inf, lowest, 3.0, -2.0], dtype=np.float32)) == 3.0
    assert magnitude(np.array([np.nan, lowest], dtype=np.float32)) == 1.0
    assert magnitude(np.zeros(3)) == 1.0
    assert magnitude(np.array([], dtype=np.float32)) == 1.0
