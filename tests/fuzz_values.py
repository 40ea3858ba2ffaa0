"""Hypothesis strategies for the fuzz suite: anything a learner might assign to a notebook variable.

`learner_values()` draws one value; `labelled_learner_values()` draws `(kind, value)` pairs, the kind being a
few words for reports ("huge broadcast view", "Keras layer", ...), each kind about equally likely;
`learner_functions()` draws functions only (ones that raise, print, exit, never return, ...). Mutable values
are built afresh for every draw, so a generator is never shared between examples; a few costly TensorFlow
objects are built once and reused.

The liar classes below are objects whose `__eq__`, `__array__`, `__len__`, `__repr__`, `__getattr__`,
`__class__` or `shape` lie or raise. No value drawn here is the right answer to a question, except possibly
one derived from the question's own arrays (`near`): those have a kind starting with one of DERIVED_KINDS,
so that a test can reject them when they happen to be right.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from learntools_cv.core.placeholder import PLACEHOLDER

Strategy = st.SearchStrategy

# A view of one number as 1.6 billion elements (as in Kaggle's report), and other shapes too large to load.
HUGE_SHAPES = [(40_000, 40_000), (10**9,), (1, 100_000, 10_000, 1), (2**31, 2), (1, 199, 199, 10**6)]


# ---------------------------------------------------------------------------------------------------------
# Liars


class EqualsEverything:
    """Claims to equal anything, and to be true."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__

    def __bool__(self) -> bool:
        return True


class LyingInt(int):
    """An int that claims to equal anything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = int.__hash__


class LyingStr(str):
    """A str that claims to equal anything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    __hash__ = str.__hash__


class EqRaises:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ says no")

    __ne__ = __eq__
    __hash__ = object.__hash__

    def __bool__(self) -> bool:
        raise RuntimeError("__bool__ says no")


class EqReturnsArray:
    """`==` answers with an array, as numpy does, which has no truth value."""

    def __eq__(self, other: object) -> Any:
        return np.array([True, False])

    __hash__ = object.__hash__


class LyingShapeArray(np.ndarray):
    """A numpy array whose `shape`, `dtype`, `size` and `ndim` attributes lie."""

    @property  # type: ignore[override]
    def shape(self) -> tuple[int, ...]:
        return (1, 199, 199, 1)

    @property  # type: ignore[override]
    def dtype(self) -> Any:
        return np.dtype(np.float32)

    @property  # type: ignore[override]
    def size(self) -> int:
        return 199 * 199

    @property  # type: ignore[override]
    def ndim(self) -> int:
        return 4

    def __eq__(self, other: object) -> Any:  # type: ignore[override]
        return True


class FakeTensor:
    """Duck-types a tensor: lying `shape`, `dtype` and `numpy()`, and no `__array__`."""

    shape = (1, 199, 199, 1)
    dtype = np.float32
    ndim = 4

    def numpy(self) -> np.ndarray:
        return np.zeros((2, 2), np.float32)

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


class ClaimsTensorFlowModule(FakeTensor):
    """Says it comes from TensorFlow (its class's `__module__` lies) and is called EagerTensor."""


ClaimsTensorFlowModule.__module__ = "tensorflow.python.framework.ops"
ClaimsTensorFlowModule.__name__ = ClaimsTensorFlowModule.__qualname__ = "EagerTensor"


class ModuleIsNotAString:
    """A class whose `__module__` is not a string."""


ModuleIsNotAString.__module__ = 42  # type: ignore[assignment]


class ShapeIsEndless:
    """Claims to be a Keras value whose `shape` never ends."""

    @property
    def shape(self) -> Any:
        return itertools.count()

    dtype = "float32"


ShapeIsEndless.__module__ = "keras.src.fake"


class ArrayRaises:
    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        raise ValueError("__array__ says no")


class ArrayReturnsJunk:
    def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
        return [[1, 2], [3]]


class ArrayReturnsHuge:
    """`__array__` gives a 1.6-billion-element broadcast view, while `shape` claims something small."""

    shape = (1, 199, 199, 1)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return np.broadcast_to(np.float32(0.5), (40_000, 40_000))


class ArrayOldSignature:
    """`__array__` without the `copy` argument numpy 2 passes (numpy warns about it)."""

    def __array__(self, dtype: Any = None) -> np.ndarray:
        return np.ones((3, 3), np.float32)


class ArrayInterfaceRaises:
    @property
    def __array_interface__(self) -> dict[str, Any]:
        raise RuntimeError("__array_interface__ says no")


class ArrayInterfaceJunk:
    __array_interface__ = {"shape": "no", "typestr": 7}


class LenLies:
    """A sequence whose `__len__` and `__getitem__` lie."""

    def __init__(self, length: int) -> None:
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: Any) -> Any:
        return self

    def __iter__(self) -> Any:
        return itertools.repeat(self)


class LenRaises:
    def __len__(self) -> int:
        raise RuntimeError("__len__ says no")

    def __getitem__(self, index: Any) -> Any:
        raise RuntimeError("__getitem__ says no")

    def __iter__(self) -> Any:
        raise RuntimeError("__iter__ says no")


class ReprRaises:
    def __repr__(self) -> str:
        raise RuntimeError("__repr__ says no")

    __str__ = __repr__


class ReprNotAString:
    def __repr__(self) -> Any:
        return 42

    __str__ = __repr__


class ReprHuge:
    def __repr__(self) -> str:
        return "x" * 5_000_000


class GetattrLies:
    """Every attribute exists: `shape`, `numpy`, `dtype`, anything."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if name == "shape":
            return (1, 199, 199, 1)
        return self

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self


class GetattrRaises:
    """Every missing attribute raises something other than AttributeError."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(f"no {name} for you")


class GetattributeRaises:
    """Every attribute raises, even `__class__` and `__dict__`."""

    def __getattribute__(self, name: str) -> Any:
        raise RuntimeError(f"no {name} for you")


class ClassLiesArray:
    """Claims (through `__class__`) to be a numpy array."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return np.ndarray

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


class ClassLiesInt:
    """Claims (through `__class__`) to be an int."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return int

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__


class CallableLiar:
    """Callable, with a lying `__code__`, `__name__` and signature, and a result that claims equality."""

    __name__ = 42
    __code__ = "not code"
    __signature__ = "not a signature"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return EqualsEverything()


class Metaclass(type):
    def __getattr__(cls, name: str) -> Any:
        raise RuntimeError(f"no {name} for you")

    def __instancecheck__(cls, instance: Any) -> bool:
        return True

    def __subclasscheck__(cls, subclass: Any) -> bool:
        return True


class LyingClass(metaclass=Metaclass):
    """A class whose metaclass claims everything is an instance of it."""


LIARS: list[tuple[str, Callable[[], Any]]] = [
    ("claims to equal everything", EqualsEverything),
    ("int claiming to equal everything", lambda: LyingInt(2)),
    ("str claiming to equal everything", lambda: LyingStr("MAX")),
    ("__eq__ raises", EqRaises),
    ("__eq__ returns an array", EqReturnsArray),
    ("array whose shape lies", lambda: np.zeros((2, 2), np.float64).view(LyingShapeArray)),
    ("array whose shape lies", lambda: np.full((1, 199, 199, 1), np.nan, np.float32).view(LyingShapeArray)[:, :3]),
    ("duck-typed tensor", FakeTensor),
    ("class claiming to be TensorFlow's", ClaimsTensorFlowModule),
    ("class __module__ not a str", ModuleIsNotAString),
    ("endless shape", ShapeIsEndless),
    ("__array__ raises", ArrayRaises),
    ("__array__ returns junk", ArrayReturnsJunk),
    ("__array__ returns a huge view", ArrayReturnsHuge),
    ("__array__ without copy", ArrayOldSignature),
    ("__array_interface__ raises", ArrayInterfaceRaises),
    ("__array_interface__ junk", ArrayInterfaceJunk),
    ("__len__ lies", lambda: LenLies(-1)),
    ("__len__ lies", lambda: LenLies(10**30)),
    ("__len__ lies", lambda: LenLies(3)),
    ("__len__ raises", LenRaises),
    ("__repr__ raises", ReprRaises),
    ("__repr__ not a str", ReprNotAString),
    ("__repr__ huge", ReprHuge),
    ("__getattr__ lies", GetattrLies),
    ("__getattr__ raises", GetattrRaises),
    ("__getattribute__ raises", GetattributeRaises),
    ("__class__ claims ndarray", ClassLiesArray),
    ("__class__ claims int", ClassLiesInt),
    ("callable liar", CallableLiar),
    ("metaclass liar", lambda: LyingClass),
    ("instance of metaclass liar", LyingClass),
]


# ---------------------------------------------------------------------------------------------------------
# Functions a learner might assign (or leave uncalled)


def returns_none(*args: Any, **kwargs: Any) -> None:
    return None


def raises_value_error(*args: Any, **kwargs: Any) -> Any:
    raise ValueError("learner code failed")


def raises_recursion(*args: Any, **kwargs: Any) -> Any:
    return raises_recursion(*args, **kwargs)


def never_returns(*args: Any, **kwargs: Any) -> Any:
    while True:
        time.sleep(0.001)


def spins(*args: Any, **kwargs: Any) -> Any:
    while True:
        pass


def swallows_interruptions(*args: Any, **kwargs: Any) -> Any:
    while True:
        try:
            time.sleep(0.001)
        except Exception:
            pass


NEVER_RETURN = "function that never returns"
"""The kind of the functions above: a check may take the question's own time limit for learner code."""


def exits(*args: Any, **kwargs: Any) -> Any:
    sys.exit(3)


def prints(*args: Any, **kwargs: Any) -> Any:
    print("learner output", *args)
    print("learner error", file=sys.stderr)
    return 3.5


def returns_liar(*args: Any, **kwargs: Any) -> Any:
    return EqualsEverything()


def returns_huge(*args: Any, **kwargs: Any) -> Any:
    return np.broadcast_to(np.float32(1.0), (40_000, 40_000))


def mutates_argument(x: Any, *args: Any) -> Any:
    if isinstance(x, list):
        x.append(0)
    return x


def generator_function(*args: Any) -> Any:
    yield 1


def pass_body(x: Any) -> Any:
    pass


def docstring_only(x: Any) -> Any:
    """Return twice x."""


def learner_functions() -> Strategy[tuple[str, Any]]:
    """Functions a learner might assign: ones that raise, print, exit, never return, return junk, ..."""
    return st.one_of(
        st.sampled_from(_plain_functions()).map(lambda v: ("function", v)),
        st.sampled_from([never_returns, spins, swallows_interruptions]).map(lambda v: (NEVER_RETURN, v)),
    )


def _plain_functions() -> list[Any]:
    fns: list[Any] = [
        returns_none,
        raises_value_error,
        raises_recursion,
        exits,
        prints,
        returns_liar,
        returns_huge,
        mutates_argument,
        generator_function,
        pass_body,
        docstring_only,
        lambda: 0,
        lambda x: -x,
        lambda *a, **k: "MAX",
        len,
        print,
        abs,
        max,
        repr,
        np.sum,
        np.maximum,
        np.zeros,
        functools.partial(max, 0),
        [].append,
        "text".upper,
        math.sqrt,
        time.time,
    ]
    return fns


# ---------------------------------------------------------------------------------------------------------
# Python values


def _nest(depth: int) -> list[Any]:
    value: list[Any] = [1.0]
    for _ in range(depth):
        value = [value]
    return value


def _self_referencing_list() -> list[Any]:
    value: list[Any] = [1, 2]
    value.append(value)
    return value


def _self_referencing_dict() -> dict[str, Any]:
    value: dict[str, Any] = {"a": 1}
    value["self"] = value
    return value


def _generator(n: int) -> Any:
    return (i * 0.5 for i in range(n))


scalars: Strategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.complex_numbers(),
    st.text(max_size=20),
    st.binary(max_size=20),
)


def _python_kinds() -> list[Strategy[tuple[str, Any]]]:
    hashable = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=8))
    nested = st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.tuples(children, children),
            st.dictionaries(hashable, children, max_size=4),
        ),
        max_leaves=20,
    )
    return [
        st.none().map(lambda v: ("None", v)),
        st.booleans().map(lambda v: ("bool", v)),
        st.integers().map(lambda v: ("int", v)),
        st.sampled_from([2**64, -(2**63), 2]).map(lambda v: ("int", v)),
        st.builds(lambda: 10**5000).map(lambda v: ("int too long to print", v)),
        st.floats().map(lambda v: ("float", v)),
        st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 5e-324, 1.7976931348623157e308]).map(
            lambda v: ("float", v)
        ),
        st.complex_numbers().map(lambda v: ("complex", v)),
        st.text().map(lambda v: ("str", v)),
        st.sampled_from(["", "max", "Max", "AVG", "x" * 1_000_000, "`**", "\x00\n\r"]).map(
            lambda v: ("str", v)
        ),
        st.binary().map(lambda v: ("bytes", v)),
        st.binary().map(lambda v: ("bytearray", bytearray(v))),
        nested.map(lambda v: ("nested value", v)),
        st.lists(st.lists(st.floats(), max_size=4), min_size=1, max_size=4).map(lambda v: ("ragged list", v)),
        st.dictionaries(hashable, scalars, max_size=5).map(lambda v: ("dict", v)),
        st.sets(hashable, max_size=5).map(lambda v: ("set", v)),
        st.frozensets(hashable, max_size=5).map(lambda v: ("frozenset", v)),
        st.sampled_from([10, 500, 5000]).map(lambda d: ("deeply nested list", _nest(d))),
        st.builds(_self_referencing_list).map(lambda v: ("self-referencing list", v)),
        st.builds(_self_referencing_dict).map(lambda v: ("self-referencing dict", v)),
        st.builds(lambda: [0.0] * 300_000).map(lambda v: ("long list", v)),
        st.integers(0, 5).map(lambda n: ("generator", _generator(n))),
        st.builds(lambda: itertools.count()).map(lambda v: ("endless iterator", v)),
        st.builds(lambda: map(float, range(3))).map(lambda v: ("map object", v)),
        st.builds(lambda: range(10**12)).map(lambda v: ("range", v)),
        st.builds(lambda: memoryview(b"abcd")).map(lambda v: ("memoryview", v)),
        st.sampled_from([Fraction(2), Fraction(1, 3), Decimal("2"), Decimal("NaN")]).map(
            lambda v: ("fraction or decimal", v)
        ),
        st.sampled_from([Ellipsis, NotImplemented, slice(1, 2), ValueError("x"), object()]).map(
            lambda v: ("other builtin", v)
        ),
        st.just(PLACEHOLDER).map(lambda v: ("placeholder ____", v)),
        st.just(None).map(lambda _: ("list holding ____", [PLACEHOLDER])),
    ]


def _types_functions_modules_kinds() -> list[Strategy[tuple[str, Any]]]:
    import learntools_cv.core

    types_ = [int, float, str, list, dict, type, object, np.ndarray, np.float32, Exception, EqualsEverything]
    modules = [np, math, sys, learntools_cv.core]
    return [
        st.sampled_from(types_).map(lambda v: ("type", v)),
        learner_functions(),
        st.sampled_from(modules).map(lambda v: ("module", v)),
    ]


def _liars_kinds() -> list[Strategy[tuple[str, Any]]]:
    # st.just(...).map, not st.builds: builds would inspect the liar classes, which raise when asked.
    each = [st.just(make).map(lambda f, label=label: (f"liar: {label}", f())) for label, make in LIARS]
    # Each liar in a 1-tuple: hypothesis asks a mapped sampled_from's result whether it is a strategy,
    # and some liars raise when asked anything.
    many = st.lists(st.sampled_from(LIARS).map(lambda pair: (pair[1](),)), min_size=1, max_size=4)
    return [
        *each,
        many.map(lambda boxes: ("list of liars", [value for (value,) in boxes])),
        many.map(lambda boxes: ("dict of liars", {2**i: value for i, (value,) in enumerate(boxes, 1)})),
    ]


# ---------------------------------------------------------------------------------------------------------
# numpy values

_DTYPES = st.one_of(
    hnp.scalar_dtypes(),
    hnp.byte_string_dtypes(max_len=4),
    hnp.unicode_string_dtypes(max_len=4),
    st.sampled_from([np.dtype(">f4"), np.dtype("<i8"), np.dtype(np.longdouble), np.dtype(np.float16)]),
    hnp.array_dtypes(max_size=3),
)
_SHAPES = hnp.array_shapes(min_dims=0, max_dims=6, min_side=0, max_side=4)


def _object_array(items: list[Any], shape: tuple[int, ...]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out.reshape(shape) if math.prod(shape) == len(items) else out


def _numpy_kinds() -> list[Strategy[tuple[str, Any]]]:
    arrays = hnp.arrays(_DTYPES, _SHAPES)
    object_items = st.lists(scalars, min_size=0, max_size=8)
    return [
        arrays.map(lambda a: (_array_kind(a), a)),
        st.builds(lambda s: np.empty(s, np.float32), st.sampled_from([(0,), (0, 3), (1, 0, 0, 1)])).map(
            lambda a: ("empty array", a)
        ),
        st.builds(
            lambda data, mask: np.ma.masked_array(data, mask=mask),
            hnp.arrays(np.float32, (2, 3)),
            hnp.arrays(np.bool_, (2, 3)),
        ).map(lambda a: ("masked array", a)),
        hnp.arrays(np.float64, (2, 2)).map(lambda a: ("matrix", _matrix(a))),
        object_items.map(lambda items: ("object array", _object_array(items, (len(items),)))),
        st.builds(lambda: np.array([EqualsEverything()] * 4, dtype=object).reshape(1, 2, 2, 1)).map(
            lambda a: ("object array of liars", a)
        ),
        hnp.arrays(hnp.unicode_string_dtypes(), (1, 2, 2, 1)).map(lambda a: ("string array", a)),
        st.builds(lambda: np.rec.array([(1, 2.0)], dtype=[("a", "i4"), ("b", "f8")])).map(
            lambda a: ("record array", a)
        ),
        st.tuples(st.sampled_from(HUGE_SHAPES), st.sampled_from([np.float32, np.float64, np.uint8, np.bool_])).map(
            lambda p: ("huge broadcast view", np.broadcast_to(np.zeros((), p[1]), p[0]))
        ),
        st.builds(_overlapping_view).map(lambda a: ("overlapping strided view", a)),
        hnp.arrays(np.float32, (4, 6)).map(lambda a: ("non-contiguous view", a[:, ::2].T)),
        hnp.arrays(np.float32, (3, 3)).map(lambda a: ("read-only array", _read_only(a))),
        st.sampled_from([np.datetime64("2024-01-01"), np.timedelta64(3, "s"), np.void(b"ab"), np.str_("x"),
                         np.float16(np.inf), np.int8(-1), np.bool_(True), np.longdouble(2)]).map(
            lambda v: ("numpy scalar", v)
        ),
    ]


def _array_kind(a: np.ndarray) -> str:
    if a.ndim == 0:
        return "0-d array"
    if a.size == 0:
        return "empty array"
    return f"numpy array of {a.dtype.kind!r} dtype kind"


def _matrix(a: np.ndarray) -> Any:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.asmatrix(a)


def _read_only(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


def _overlapping_view() -> np.ndarray:
    base = np.arange(16, dtype=np.float32)
    return np.lib.stride_tricks.as_strided(base, shape=(1, 10**6, 10**3, 1), strides=(0, 4, 4, 0), writeable=False)


# ---------------------------------------------------------------------------------------------------------
# TensorFlow and Keras values (TensorFlow is imported only when these are drawn)


@functools.cache
def _tf() -> Any:
    import tensorflow as tf

    return tf


@functools.cache
def _keras() -> Any:
    import keras

    return keras


@functools.cache
def _leaked_graph_tensor() -> Any:
    """A symbolic tensor that escaped a `tf.function` (as `global y` inside one would leak it)."""
    tf = _tf()
    box: list[Any] = []

    @tf.function
    def trace(x: Any) -> Any:
        y = x * 2.0
        box.append(y)
        return y

    trace(tf.ones((2, 2)))
    return box[0]


@functools.cache
def _small_model() -> Any:
    keras = _keras()
    return keras.Sequential([keras.Input((4, 4, 1)), keras.layers.MaxPool2D()])


_TF_DTYPES = ["float16", "bfloat16", "float32", "float64", "int8", "uint8", "int32", "int64", "bool",
              "complex64", "string"]


def _tensor(dtype: str, shape: tuple[int, ...], seed: int) -> Any:
    tf = _tf()
    if dtype == "string":
        return tf.fill(shape, "pool")
    values = np.random.default_rng(seed).standard_normal(shape) * 4
    return tf.cast(tf.constant(values), getattr(tf, dtype))


def _tensorflow_kinds() -> list[Strategy[tuple[str, Any]]]:
    shapes = hnp.array_shapes(min_dims=0, max_dims=5, min_side=0, max_side=4)
    tensors = st.builds(_tensor, st.sampled_from(_TF_DTYPES), shapes, st.integers(0, 2**16))
    layer_makers: list[Callable[[], Any]] = [
        lambda: _keras().layers.MaxPool2D(),
        lambda: _keras().layers.MaxPooling2D(pool_size=2, strides=2, padding="same"),
        lambda: _keras().layers.Dense(3),
        lambda: _keras().layers.GlobalAveragePooling2D(),
        _small_model,
    ]
    return [
        tensors.map(lambda t: (f"tf tensor ({t.dtype.name})", t)),
        tensors.filter(lambda t: t.dtype.name != "string").map(lambda t: ("tf variable", _tf().Variable(t))),
        st.builds(lambda: _tf().ragged.constant([[1.0, 2.0], [3.0]])).map(lambda t: ("ragged tensor", t)),
        st.builds(lambda: _tf().sparse.SparseTensor([[0, 0]], [1.0], [2, 2])).map(
            lambda t: ("sparse tensor", t)
        ),
        st.builds(lambda: _tf().constant([["max", "pool"]])).map(lambda t: ("string tensor", t)),
        st.builds(lambda: _tf().constant([[True, False]])).map(lambda t: ("bool tensor", t)),
        st.builds(_leaked_graph_tensor).map(lambda t: ("graph tensor", t)),
        st.sampled_from(layer_makers).map(lambda make: ("Keras layer", make())),
        st.builds(lambda: _keras().Input((4, 4, 1))).map(lambda t: ("KerasTensor", t)),
        st.builds(lambda: _keras().layers.MaxPool2D()(_keras().Input((4, 4, 1)))).map(
            lambda t: ("KerasTensor", t)
        ),
        st.builds(lambda: _tf().TensorShape([1, 199, 199, 1])).map(lambda t: ("TensorShape", t)),
        st.builds(lambda: _tf().float32).map(lambda t: ("tf dtype", t)),
        st.builds(lambda: _tf().data.Dataset.range(3)).map(lambda t: ("tf dataset", t)),
        st.sampled_from(["nn.pool", "nn.max_pool2d", "keras.layers.MaxPool2D", "ones"]).map(
            lambda path: ("TensorFlow function or class", _tf_attr(path))
        ),
        st.builds(lambda: _tf()).map(lambda t: ("module", t)),
    ]


@st.composite
def _keeping_random_state(draw: Any, strategy: Strategy[Any]) -> Any:
    """Keras seeds some layers from Python's global `random`, which hypothesis forbids in strategies."""
    state = random.getstate()
    try:
        return draw(strategy)
    finally:
        random.setstate(state)


def _tf_attr(path: str) -> Any:
    value = _tf()
    for part in path.split("."):
        value = getattr(value, part)
    return value


# ---------------------------------------------------------------------------------------------------------
# Values near a question's own arrays (e.g. the lesson's `image_detect`)


def _pool(x: np.ndarray, mode: str, window: int, stride: int, padding: str) -> np.ndarray:
    from learntools_cv import reference

    return reference.pool2d(x, window, stride, padding, mode)


_TRANSFORMS: dict[str, Callable[[np.ndarray], Any]] = {
    "itself": lambda a: a,
    "transposed": lambda a: np.swapaxes(a, 1, 2) if a.ndim == 4 else a.T,
    "negated": lambda a: -a,
    "doubled": lambda a: a * 2,
    "zeros": np.zeros_like,
    "with a NaN": lambda a: _poke(a, np.nan),
    "with an inf": lambda a: _poke(a, np.inf),
    "as int32": lambda a: a.astype(np.int32),
    "as uint8": lambda a: a.astype(np.uint8),
    "as bool": lambda a: a.astype(bool),
    "as float16": lambda a: a.astype(np.float16),
    "as float64": lambda a: a.astype(np.float64),
    "every other pixel": lambda a: a[:, ::2, ::2] if a.ndim == 4 else a[::2],
    "cropped": lambda a: a[:, : a.shape[1] // 2, : a.shape[2] // 2] if a.ndim == 4 else a[:1],
    "squeezed": np.squeeze,
    "first map": lambda a: a[0, :, :, 0] if a.ndim == 4 else a,
    "flattened": np.ravel,
    "with a batch of 2": lambda a: np.concatenate([a, a]) if a.ndim == 4 else a,
    "broadcast to its shape": lambda a: np.broadcast_to(a.reshape(-1)[:1], a.shape),
}

_CONTAINERS: dict[str, Callable[[np.ndarray], Any]] = {
    "numpy": lambda a: a,
    "tf tensor": lambda a: _tf().constant(a),
    "tf variable": lambda a: _tf().Variable(a),
    "nested list": lambda a: a.tolist() if a.size <= 1000 else a,
}


def _poke(a: np.ndarray, value: float) -> np.ndarray:
    out = a.astype(np.float32, copy=True)
    out.reshape(-1)[out.size // 3] = value
    return out


DERIVED_KINDS = ("pooled setup array", "setup array", "random array of a setup shape")
"""The kinds of values made from a question's own arrays. One of them may be a question's right answer
(average pooling is q_4's), so a test that wants only wrong answers rejects those that are right."""


def _near_kinds(near: Sequence[np.ndarray]) -> list[Strategy[tuple[str, Any]]]:
    """Values derived from the question's own arrays: pooled with any settings, or transformed (transposed,
    scaled, cast, cropped, ...)."""
    if not near:
        return []
    # An index, not sampled_from(near): a strategy's repr would print the whole arrays.
    sources = st.integers(0, len(near) - 1).map(lambda i: near[i])
    settings = st.tuples(
        st.sampled_from(["max", "avg"]), st.integers(1, 4), st.integers(1, 4), st.sampled_from(["SAME", "VALID"])
    )
    pooled = st.builds(lambda a, s: _pool(a, *s), sources, settings)
    containers = st.sampled_from(sorted(_CONTAINERS))
    transformed = [
        st.tuples(sources, containers).map(
            lambda p, name=name: (f"setup array {name} ({p[1]})", _CONTAINERS[p[1]](_TRANSFORMS[name](p[0])))
        )
        for name in sorted(_TRANSFORMS)
    ]
    return [
        *transformed,
        *[
            pooled.map(lambda a, c=c: (f"pooled setup array ({c})", _CONTAINERS[c](a)))
            for c in sorted(_CONTAINERS)
        ],
        st.tuples(sources, st.integers(0, 2**16), st.sampled_from([np.float32, np.float16, np.int64])).map(
            lambda p: ("random array of a setup shape", _random_like(*p))
        ),
    ]


def _random_like(a: np.ndarray, seed: int, dtype: Any) -> np.ndarray:
    shape = a.shape
    if a.ndim == 4:  # half size too: the shape of the pooled map
        shape = (shape[0], -(-shape[1] // 2), -(-shape[2] // 2), shape[3]) if seed % 2 else shape
    return (np.random.default_rng(seed).standard_normal(shape) * 3).astype(dtype)


# ---------------------------------------------------------------------------------------------------------
# Everything


def labelled_learner_values(near: Sequence[np.ndarray] = ()) -> Strategy[tuple[str, Any]]:
    """`(kind, value)` pairs of every kind of value a learner might assign.

    `near` holds the question's own arrays (as numpy); values derived from them reach the deeper parts of a
    checker (right shape, wrong values) that arbitrary values rarely do.
    """
    kinds = [
        *_python_kinds(),
        *_types_functions_modules_kinds(),
        *_liars_kinds(),
        *_numpy_kinds(),
        *_tensorflow_kinds(),
        *_near_kinds(near),
    ]
    # Each kind equally likely (st.one_of would favour its first, simplest branches).
    return _keeping_random_state(st.sampled_from(kinds).flatmap(lambda kind: kind))


def learner_values(near: Sequence[np.ndarray] = ()) -> Strategy[Any]:
    """Any value a learner might assign to a notebook variable."""
    return labelled_learner_values(near).map(lambda pair: pair[1])
