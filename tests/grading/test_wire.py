"""The plain-data format between the sandbox and the grader: values round-trip as data, everything else
becomes an inert look-alike, and nothing is ever unpickled."""

from __future__ import annotations

import io
import pickle

import numpy as np
import pytest

from learntools_cv.core.placeholder import PLACEHOLDER
from learntools_cv.core.text import short_repr, type_name
from learntools_cv.grading import wire


def round_trip(value):  # type: ignore[no-untyped-def]
    encoder = wire.Encoder()
    node = encoder.encode(value)
    return wire.Decoder(encoder.blobs).decode(node)


@pytest.mark.parametrize(
    "value",
    [None, True, 3, -(10**30), 2.5, float("inf"), 1 + 2j, "text", b"\x00bytes", [1, [2.0, "x"]], (1, 2),
     {1: "a", "b": (2, 3)}, {1, 2}, frozenset({"a"})],
)
def test_plain_values_round_trip_exactly(value) -> None:  # type: ignore[no-untyped-def]
    back = round_trip(value)
    assert type(back) is type(value) and repr(back) == repr(value)


def test_arrays_keep_dtype_shape_and_values() -> None:
    for array in (np.arange(12, dtype=np.float32).reshape(3, 4), np.array([True, False]), np.zeros((0, 3)),
                  np.array(["a", "bc"])):
        back = round_trip(array)
        assert back.dtype == array.dtype and back.shape == array.shape
        np.testing.assert_array_equal(back, array)
    scalar = round_trip(np.float16(1.5))
    assert type(scalar) is np.float16 and scalar == np.float16(1.5)


def test_the_placeholder_and_nested_placeholders() -> None:
    assert round_trip(PLACEHOLDER) is PLACEHOLDER
    assert round_trip({2: PLACEHOLDER})[2] is PLACEHOLDER


def test_objects_become_inert_look_alikes_with_the_same_names() -> None:
    class Sneaky:
        def __eq__(self, other):  # type: ignore[no-untyped-def]
            return True

        def __repr__(self) -> str:
            return "<sneaky>"

    value = Sneaky()
    back = round_trip(value)
    assert type_name(back) == type_name(value) and short_repr(back) == "<sneaky>"
    assert back != 1  # the learner's __eq__ did not travel


def test_a_repr_that_raises_still_raises_the_same_kind() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise KeyError("no")

    import re

    def shown(value):  # type: ignore[no-untyped-def]
        return re.sub(r"0x[0-9a-f]+", "0x...", short_repr(value))  # reprlib names the object's address

    assert shown(round_trip(Broken())) == shown(Broken()) == "<Broken instance at 0x...>"


def test_an_object_lying_about_its_class_is_caught_in_the_grader() -> None:
    from learntools_cv.core.exceptions import Incorrect
    from learntools_cv.core.values import check_own_class

    class Liar:
        __class__ = np.ndarray  # type: ignore[assignment]

    back = round_trip(Liar())
    with pytest.raises(Incorrect) as caught:
        check_own_class(back, "x")
    with pytest.raises(Incorrect) as original:
        check_own_class(Liar(), "x")
    assert str(caught.value) == str(original.value)


def test_huge_arrays_travel_as_their_shape_only() -> None:
    big = np.broadcast_to(np.float32(1), (2**27,))
    back = round_trip(big)
    assert back.shape == (2**27,) and back.dtype == np.float32 and back.strides == (0,)


def test_a_pickle_is_never_loaded() -> None:
    buffer = io.BytesIO()
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="allow_pickle"):
        wire.Decoder([buffer.getvalue()]).decode({"t": "ndarray", "blob": 0})
    with pytest.raises(ValueError):
        wire.Decoder([pickle.dumps([1])]).decode({"t": "ndarray", "blob": 0})


def test_malformed_nodes_are_wire_errors() -> None:
    for node in ({"t": "nonsense"}, {"t": "ndarray", "blob": 5}, "not a node"):
        with pytest.raises(wire.WireError):
            wire.Decoder([]).decode(node)


def test_deep_nesting_is_cut_off_not_recursed() -> None:
    deep: list = []
    for _ in range(200):
        deep = [deep]
    node = wire.Encoder().encode(deep)
    depth = 0
    while node.get("t") == "list":
        node = node["items"][0]
        depth += 1
    assert depth == wire.MAX_DEPTH + 1 and node["t"] == "object"
