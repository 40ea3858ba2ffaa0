"""The boundary (`learntools_cv.core.values`): any learner value is either an array (shape and dtype read
from its real type) or an Incorrect that names what the value is instead.

TensorFlow is imported here; the core itself never imports it (test_core_compat.py checks that).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")

from learntools_cv.core import EqualityCheckProblem, Incorrect, Status  # noqa: E402
from learntools_cv.core.values import ArrayInfo, inspect_array, load_array  # noqa: E402


def generator():
    yield 1


def learner_function(x):
    return x


class RaisingArray:
    """Claims to be array-like, but converting it fails."""

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no values")


class GoodArrayLike:
    def __array__(self, dtype=None, copy=None):
        return np.arange(6.0).reshape(2, 3)


class LyingShape(np.ndarray):
    """An ndarray subclass whose `shape` property lies."""

    @property
    def shape(self):  # type: ignore[override]
        return (99,)


class FakeShape:
    shape = (2, 2)
    dtype = np.float32


SUFFIX = ", but it should be a tensor or an array."


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "`x` is `None`" + SUFFIX),
        ("abc", "`x` is a string (`'abc'`)" + SUFFIX),
        (b"ab", "`x` is a bytes object (`b'ab'`)" + SUFFIX),
        (bytearray(b"ab"), "`x` is a bytes object (`bytearray(b'ab')`)" + SUFFIX),
        (True, "`x` is a boolean (`True`)" + SUFFIX),
        (np.bool_(True), "`x` is a boolean (`np.True_`)" + SUFFIX),
        (3, "`x` is a single number (`3`)" + SUFFIX),
        (1.5, "`x` is a single number (`1.5`)" + SUFFIX),
        (1j, "`x` is a single number (`1j`)" + SUFFIX),
        (np.float32(1.5), "`x` is a single number (`np.float32(1.5)`)" + SUFFIX),
        ([[1, 2], [3, 4]], "`x` is a Python list" + SUFFIX),
        ((1, 2), "`x` is a Python tuple" + SUFFIX),
        ({"a": 1}, "`x` is a dict" + SUFFIX),
        ({1, 2}, "`x` is a set" + SUFFIX),
        (frozenset(), "`x` is a set" + SUFFIX),
        (generator(), "`x` is a generator, which makes values one at a time and holds none itself" + SUFFIX),
        (math, "`x` is the module `math`" + SUFFIX),
        (
            GoodArrayLike,
            "`x` is the class `GoodArrayLike`, not a value made with it. "
            "Create one, apply it to your input, and assign the result.",
        ),
        (
            learner_function,
            "`x` is the function `learner_function` itself, not its result. Call it and assign what it returns.",
        ),
        (len, "`x` is the function `len` itself, not its result. Call it and assign what it returns."),
        (
            lambda v: v,
            "`x` is the function `<lambda>` itself, not its result. Call it and assign what it returns.",
        ),
        ([].append, "`x` is the function `append` itself, not its result. Call it and assign what it returns."),
        (np.maximum, "`x` is the function `maximum` itself, not its result. Call it and assign what it returns."),
        (
            functools.partial(max, 0),
            "`x` is a function itself, not its result. Call it and assign what it returns.",
        ),
        (
            np.ma.array([1.0, 2.0], mask=[0, 1]),
            "`x` is a masked array. Use a plain array instead, for example `x.filled()`.",
        ),
        (np.array([1, None]), "`x` is an array of Python objects" + SUFFIX),
        (np.array(["a", "b"]), "`x` is an array of strings" + SUFFIX),
        (np.array([b"a"]), "`x` is an array of strings" + SUFFIX),
        (np.array([1 + 1j]), "`x` is an array of complex numbers" + SUFFIX),
        (np.zeros(2, dtype=[("a", "f4")]), "`x` is an array of structured records" + SUFFIX),
        (np.array(["2020-01-01"], dtype="datetime64[D]"), "`x` is an array of dates or times" + SUFFIX),
        (
            RaisingArray(),
            "`x` could not be read as an array of numbers: reading it raised `RuntimeError`. "
            "It should be a tensor or an array.",
        ),
        (FakeShape(), "`x` is a `test_core_values.FakeShape` object" + SUFFIX),
        (object(), "`x` is an `object` object" + SUFFIX),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, str) or len(v) < 20 else None,
)
def test_values_that_are_not_arrays(value, message):
    with pytest.raises(Incorrect) as info:
        inspect_array(value, "x")
    assert str(info.value) == message


def test_the_expected_kind_is_named_in_the_message():
    with pytest.raises(Incorrect) as info:
        inspect_array([1], "pooled", what="a 2-D numpy array")
    assert str(info.value) == "`pooled` is a Python list, but it should be a 2-D numpy array."


@pytest.mark.parametrize(
    ("value", "shape", "dtype"),
    [
        (np.arange(6.0).reshape(2, 3), (2, 3), np.float64),
        (np.zeros((0, 3), np.float32), (0, 3), np.float32),
        (np.array([True, False]), (2,), np.bool_),
        (np.array(3, np.int8), (), np.int8),
        (GoodArrayLike(), (2, 3), np.float64),
    ],
    ids=["float64", "empty", "bool", "0-d", "__array__"],
)
def test_numpy_arrays_are_accepted(value, shape, dtype):
    info = inspect_array(value, "x")
    assert isinstance(info, ArrayInfo)
    assert (info.shape, info.dtype, info.kind, info.size) == (shape, np.dtype(dtype), "numpy array", math.prod(shape))
    np.testing.assert_array_equal(load_array(info, "x"), np.asarray(value))


def test_numpy_input_is_not_copied():
    array = np.arange(4.0)
    assert load_array(inspect_array(array, "x"), "x") is array


def test_a_lying_shape_is_ignored():
    value = np.zeros((2, 3)).view(LyingShape)
    assert value.shape == (99,)
    info = inspect_array(value, "x")
    assert info.shape == (2, 3)
    assert type(load_array(info, "x")) is np.ndarray


def test_a_failing_load_is_a_worded_incorrect():
    def explode():
        raise MemoryError()

    info = ArrayInfo(shape=(2,), dtype=np.dtype(float), kind="tensor", load=explode)
    with pytest.raises(Incorrect) as info_error:
        load_array(info, "x")
    assert str(info_error.value) == "`x` could not be read as an array of numbers: reading it raised `MemoryError`."
    not_numpy = ArrayInfo(shape=(2,), dtype=np.dtype(float), kind="tensor", load=lambda: [1.0, 2.0])
    with pytest.raises(Incorrect, match=r"reading it raised `TypeError`\.$"):
        load_array(not_numpy, "x")


# ---- TensorFlow and Keras ----


@pytest.mark.parametrize(
    ("make", "shape", "dtype", "kind"),
    [
        (lambda: tf.constant([[1, 2], [3, 4]]), (2, 2), np.int32, "tensor"),
        (lambda: tf.constant(np.ones((1, 5, 5, 1), np.float32)), (1, 5, 5, 1), np.float32, "tensor"),
        (lambda: tf.constant([1.0], tf.float16), (1,), np.float16, "tensor"),
        (lambda: tf.constant([True, False]), (2,), np.bool_, "tensor"),
        (lambda: tf.constant(2.5), (), np.float32, "tensor"),
        (lambda: tf.Variable([1.0, 2.0]), (2,), np.float32, "variable"),
        (lambda: tf.Variable(tf.zeros((3, 2), tf.float64)), (3, 2), np.float64, "variable"),
    ],
    ids=["int32", "image", "float16", "bool", "scalar", "variable", "variable-float64"],
)
def test_tensors_and_variables_are_accepted(make, shape, dtype, kind):
    value = make()
    info = inspect_array(value, "x")
    assert (info.shape, info.dtype, info.kind) == (shape, np.dtype(dtype), kind)
    loaded = load_array(info, "x")
    assert type(loaded) is np.ndarray and loaded.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(loaded, value.numpy())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: tf.ragged.constant([[1], [1, 2]]),
            "`x` is a ragged tensor (its rows have different lengths)" + SUFFIX,
        ),
        (
            lambda: tf.sparse.SparseTensor([[0, 0]], [1.0], [2, 2]),
            "`x` is a sparse tensor. Use a dense one instead: `tf.sparse.to_dense(x)`.",
        ),
        (lambda: tf.constant(["a", "b"]), "`x` is a tensor of strings" + SUFFIX),
        (lambda: tf.Variable(["a"]), "`x` is a variable of strings" + SUFFIX),
        (lambda: tf.constant([1 + 1j]), "`x` is an array of complex numbers" + SUFFIX),
        (
            lambda: tf.keras.layers.MaxPooling2D(),
            "`x` is a Keras `MaxPooling2D` layer, not its output. Call the layer on your input, as in "
            "`layer(x)`, and assign what it returns.",
        ),
        (
            lambda: keras.Sequential([keras.layers.Dense(1)]),
            "`x` is a Keras `Sequential` model, not its output. Call the model on your input, as in "
            "`model(x)`, and assign what it returns.",
        ),
        (
            lambda: keras.Input((4, 4, 1)),
            "`x` is a symbolic Keras tensor: it stands for a model's input or output and holds no values. "
            "Apply your layer or function to a real tensor instead.",
        ),
        (
            lambda: tf.nn.relu,
            "`x` is the function `relu` itself, not its result. Call it and assign what it returns.",
        ),
        (
            lambda: tf.keras.layers.MaxPooling2D,
            "`x` is the class `MaxPooling2D`, not a value made with it. Create one, apply it to your input, "
            "and assign the result.",
        ),
    ],
    ids=["ragged", "sparse", "strings", "string-variable", "complex", "layer", "model", "keras-input",
         "tf-function", "layer-class"],
)
def test_tensorflow_values_that_are_not_arrays(make, message):
    with pytest.raises(Incorrect) as info:
        inspect_array(make(), "x")
    assert str(info.value) == message


def test_a_symbolic_tensor_inside_tf_function():
    messages = []

    @tf.function
    def traced(t):
        try:
            inspect_array(t, "x")
        except Incorrect as exc:
            messages.append(str(exc))
        return t

    traced(tf.constant([1.0]))
    assert messages == [
        "`x` is a symbolic tensor with no values yet (it was made inside a graph or `tf.function`). "
        "Compute it eagerly, outside `tf.function`."
    ]


class PooledImage(EqualityCheckProblem):
    _var = "pooled"
    _expected = np.array([[4.0, 8.0], [12.0, 16.0]])


@pytest.mark.parametrize(
    ("value", "status", "message"),
    [
        (tf.constant([[4.0, 8.0], [12.0, 16.0]]), Status.CORRECT, "Correct"),
        (tf.Variable([[4, 8], [12, 16]]), Status.CORRECT, "Correct"),
        (
            tf.constant([[4.0, 8.0], [12.0, 15.0]]),
            Status.INCORRECT,
            "Incorrect: `pooled` has the right shape, but its values are off. 1 of 4 values (25%) differs. "
            "The largest difference is 1, at [1, 1]. The first one is at [1, 1].",
        ),
        (
            tf.zeros((1, 2, 2, 1)),
            Status.INCORRECT,
            "Incorrect: `pooled` has shape `(1, 2, 2, 1)`, but it should have shape `(2, 2)`.",
        ),
        (
            tf.keras.layers.MaxPooling2D(),
            Status.INCORRECT,
            "Incorrect: `pooled` is a Keras `MaxPooling2D` layer, not its output. Call the layer on your "
            "input, as in `layer(x)`, and assign what it returns.",
        ),
    ],
    ids=["tensor", "int-variable", "one-off", "batched", "layer"],
)
def test_equality_check_accepts_tensors_through_the_boundary(question, ns, value, status, message):
    q = question(PooledImage)
    ns["pooled"] = value
    outcome = q.evaluate()
    assert (outcome.status, outcome.message) == (status, message)
