"""The boundary: learner values become numbers here, once.

Whatever a learner assigns (a tf.Tensor, a tf.Variable, a numpy array, a list, None, a function, a Keras
layer, an object whose methods lie), `inspect_array` either describes it as an array (`ArrayInfo`: shape and
dtype read from the real type, and a way to load it as numpy) or raises `Incorrect` with a worded message
that names what the value is. Past this point, checking code sees only numpy arrays.

This module never imports TensorFlow. A TensorFlow value can only exist if the learner already imported
TensorFlow, so it is looked up in `sys.modules`.
"""

from __future__ import annotations

import inspect
import math
import numbers
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from learntools_cv.core.exceptions import Incorrect
from learntools_cv.core.text import a_type, code, short_repr, type_name

MAX_LOAD_SIZE = 2**26
"""The most numbers `load_array` hands to a checker (an 8192x8192 map): beyond that, copying or comparing
them would take seconds and gigabytes."""


@dataclass(frozen=True)
class ArrayInfo:
    """What the boundary learned about an array-like learner value, before loading its numbers."""

    shape: tuple[int, ...]
    """The shape, read from the array's real type (a lying `shape` attribute is ignored)."""
    dtype: np.dtype
    """The numpy dtype of the values."""
    kind: str
    """'numpy array', 'tensor' or 'variable': what the learner's value was."""
    load: Callable[[], np.ndarray]
    """Returns the values as a numpy array (no copy for numpy input)."""

    @property
    def size(self) -> int:
        return math.prod(self.shape)


@dataclass(frozen=True)
class _NotArray:
    """Why a value is not an array: what it is, optionally what to do instead, and the mistake's id."""

    phrase: str
    advice: str = ""
    mistake: str = "not-an-array"


def inspect_array(value: Any, name: str, what: str = "a tensor or an array") -> ArrayInfo:
    """Describe `value` as an array, or raise `Incorrect` saying what it is instead.

    `name` is the learner's variable name; `what` says what was expected, for the message.
    """
    try:
        info = _inspect(value)
    except Exception as exc:  # an object whose methods raise must still get a worded answer
        raise Incorrect(
            f"{code(name)} could not be read as an array of numbers: reading it raised "
            f"{code(type(exc).__name__)}. It should be {what}.",
            mistake="unreadable",
        ) from None
    if isinstance(info, _NotArray):
        if info.advice:
            raise Incorrect(f"{code(name)} is {info.phrase}. {info.advice}.", mistake=info.mistake)
        raise Incorrect(f"{code(name)} is {info.phrase}, but it should be {what}.", mistake=info.mistake)
    return info


def check_own_class(value: Any, name: str) -> None:
    """Raise `Incorrect` if `value` misreports its class: its `__class__` raises or differs from its type.

    `isinstance` trusts `__class__`, so such a value could pass for a number or an array anywhere past the
    boundary; it is turned away here instead, once.
    """
    try:
        claimed = value.__class__
    except Exception as exc:
        raise Incorrect(
            f"{code(name)} is a {code(type_name(value))} object that raises {code(type(exc).__name__)} when "
            "asked what it is.",
            mistake="lying-class",
        ) from None
    if claimed is not type(value):
        shown = claimed.__qualname__ if isinstance(claimed, type) else short_repr(claimed, 40)
        raise Incorrect(
            f"{code(name)} is a {code(type_name(value))} object that claims to be a {code(shown)}.",
            mistake="lying-class",
        )


def keras_kind(value: Any) -> str | None:
    """'layer' or 'model' for a Keras layer or model (which calling would build), else None."""
    keras = sys.modules.get("keras")
    layer_cls = getattr(getattr(keras, "layers", None), "Layer", None)
    if layer_cls is None or not issubclass(type(value), layer_cls):
        return None
    model_cls = getattr(keras, "Model", None)
    return "model" if model_cls is not None and issubclass(type(value), model_cls) else "layer"


def load_array(info: ArrayInfo, name: str) -> np.ndarray:
    """Load an inspected value's numbers, turning a failure into a worded `Incorrect`. A value of more than
    MAX_LOAD_SIZE numbers (a broadcast view of a billion, say) is turned away from its shape alone."""
    if info.size > MAX_LOAD_SIZE:
        raise Incorrect(
            f"{code(name)} has shape {code(str(info.shape))}: {info.size:,} values, far too many to check.",
            mistake="too-large",
        )
    try:
        array = info.load()
        if not isinstance(array, np.ndarray):
            raise TypeError(type(array).__name__)
    except Exception as exc:
        raise Incorrect(
            f"{code(name)} could not be read as an array of numbers: reading it raised "
            f"{code(type(exc).__name__)}.",
            mistake="unreadable",
        ) from None
    return array


def _inspect(value: Any) -> ArrayInfo | _NotArray:
    """An ArrayInfo, or why the value is not an array."""
    if value is None:
        return _NotArray("`None`", mistake="none")
    if isinstance(value, np.ndarray):
        return _inspect_numpy(value)
    tf_info = _inspect_tensorflow(value)
    if tf_info is not None:
        return tf_info
    if isinstance(value, (str, bytes, bytearray)):
        kind = "a string" if isinstance(value, str) else "a bytes object"
        return _NotArray(f"{kind} ({code(short_repr(value, 40))})", mistake="string")
    if isinstance(value, (bool, np.bool_)):
        return _NotArray(f"a boolean ({code(short_repr(value))})", mistake="boolean")
    if isinstance(value, (numbers.Number, np.generic)):
        return _NotArray(f"a single number ({code(short_repr(value))})", mistake="one-number")
    if isinstance(value, list):
        return _NotArray("a Python list", mistake="python-list")
    if isinstance(value, tuple):
        return _NotArray("a Python tuple", mistake="python-tuple")
    if isinstance(value, dict):
        return _NotArray("a dict", mistake="dict")
    if isinstance(value, (set, frozenset)):
        return _NotArray("a set", mistake="set")
    if isinstance(value, types.GeneratorType) or inspect.isgenerator(value):
        return _NotArray("a generator, which makes values one at a time and holds none itself", mistake="generator")
    if isinstance(value, types.ModuleType):
        return _NotArray(f"the module {code(str(getattr(value, '__name__', '?')))}", mistake="module")
    if isinstance(value, type):
        return _NotArray(
            f"the class {code(value.__name__)}, not a value made with it",
            "Create one, apply it to your input, and assign the result",
            "class-not-instance",
        )
    if _is_function(value):
        fname = _function_name(value)
        what = "a function" if fname == "?" else f"the function {code(fname)}"
        return _NotArray(f"{what} itself, not its result", "Call it and assign what it returns", "function-not-result")
    if hasattr(type(value), "__array__") or hasattr(type(value), "__array_interface__"):
        array = np.asarray(value)
        if isinstance(array, np.ndarray):
            return _inspect_numpy(array)
    return _NotArray(a_type(type_name(value)))


def _is_tf_function(value: Any, tf: Any) -> bool:
    """A function made with `tf.function` (or one of its traced concrete functions)."""
    experimental = getattr(getattr(tf, "types", None), "experimental", None)
    kinds = tuple(
        t
        for t in (getattr(experimental, n, None) for n in ("PolymorphicFunction", "GenericFunction", "ConcreteFunction"))
        if isinstance(t, type)
    )
    return bool(kinds) and isinstance(value, kinds)


def _function_name(fn: Any) -> str:
    """The function's name; TensorFlow's versioned names ('pool_v2') lose their suffix ('pool')."""
    name = getattr(fn, "__name__", None)
    if not isinstance(name, str):
        return "?"
    for suffix in ("_v2", "_v1"):
        if name.endswith(suffix) and str(getattr(fn, "__module__", "")).startswith("tensorflow"):
            return name[: -len(suffix)]
    return name


def _is_function(value: Any) -> bool:
    return isinstance(
        value,
        (
            types.FunctionType,
            types.BuiltinFunctionType,
            types.MethodType,
            types.BuiltinMethodType,
            types.LambdaType,
        ),
    ) or type(value).__name__ in ("function", "cython_function_or_method", "ufunc", "partial")


def _inspect_numpy(array: np.ndarray) -> ArrayInfo | _NotArray:
    if isinstance(array, np.ma.MaskedArray):
        return _NotArray("a masked array", "Use a plain array instead, for example `x.filled()`", "masked-array")
    # Read shape and dtype through ndarray's own descriptors: a subclass cannot lie about them.
    shape = tuple(np.ndarray.shape.__get__(array))
    dtype = np.ndarray.dtype.__get__(array)
    problem = _dtype_problem(dtype)
    if problem:
        return problem
    return ArrayInfo(shape=shape, dtype=dtype, kind="numpy array", load=lambda: np.asarray(array))


def _dtype_problem(dtype: np.dtype) -> _NotArray | None:
    if dtype.kind == "O":
        return _NotArray("an array of Python objects", mistake="object-array")
    if dtype.kind in "SUa":
        return _NotArray("an array of strings", mistake="string-array")
    if dtype.kind == "V":
        return _NotArray("an array of structured records", mistake="record-array")
    if dtype.kind == "c":
        return _NotArray("an array of complex numbers", mistake="complex-array")
    if dtype.kind in "mM":
        return _NotArray("an array of dates or times", mistake="datetime-array")
    return None


def _inspect_tensorflow(value: Any) -> ArrayInfo | _NotArray | None:
    """Handle TensorFlow and Keras values; None if `value` is neither."""
    tf = sys.modules.get("tensorflow")
    keras = sys.modules.get("keras")
    module = type(value).__module__
    if not isinstance(module, str) or not module.startswith(("tensorflow", "keras", "tf_keras")):
        return None
    if keras is not None:
        keras_tensor = getattr(keras, "KerasTensor", None)
        if keras_tensor is not None and isinstance(value, keras_tensor):
            return _NotArray(
                "a symbolic Keras tensor: it stands for a model's input or output and holds no values",
                "Apply your layer or function to a real tensor instead",
                "symbolic-tensor",
            )
        kind = keras_kind(value)
        if kind is not None:
            return _NotArray(
                f"a Keras {code(type(value).__name__)} {kind}, not its output",
                f"Call the {kind} on your input, as in {code(kind + '(x)')}, and assign what it returns",
                f"uncalled-{kind}",
            )
    if tf is None:
        return _NotArray(a_type(type_name(value)))
    if _is_tf_function(value, tf):
        return _NotArray(
            "a `tf.function` itself, not its result", "Call it and assign what it returns", "function-not-result"
        )
    if isinstance(value, tf.RaggedTensor):
        return _NotArray("a ragged tensor (its rows have different lengths)", mistake="ragged-tensor")
    if isinstance(value, tf.sparse.SparseTensor):
        return _NotArray("a sparse tensor", "Use a dense one instead: `tf.sparse.to_dense(x)`", "sparse-tensor")
    if isinstance(value, (tf.Variable, tf.Tensor)):
        kind = "variable" if isinstance(value, tf.Variable) else "tensor"
        if value.dtype == tf.string:
            return _NotArray(f"a {kind} of strings", mistake="string-array")
        if not hasattr(value, "numpy") or not value.shape.is_fully_defined():
            return _NotArray(
                "a symbolic tensor with no values yet (it was made inside a graph or `tf.function`)",
                "Compute it eagerly, outside `tf.function`",
                "symbolic-tensor",
            )
        dtype = np.dtype(value.dtype.as_numpy_dtype)
        if dtype.kind == "V":  # bfloat16, float8 and quantized types, which numpy has no numbers for
            return _NotArray(
                f"a {kind} of {code(value.dtype.name)} values",
                "Use float32 instead: `tf.cast(x, tf.float32)`",
                "unsupported-dtype",
            )
        problem = _dtype_problem(dtype)
        if problem:
            return problem
        shape = tuple(int(d) for d in value.shape)
        # np.asarray: .numpy() of a 0-d tensor is a numpy scalar, not an array.
        if kind == "tensor":
            # A view of the eager tensor's buffer, not a copy: checking reads it and never writes.
            return ArrayInfo(shape=shape, dtype=dtype, kind=kind, load=lambda: np.asarray(value))
        # .numpy() of a 0-d variable is a numpy scalar, hence np.asarray.
        return ArrayInfo(shape=shape, dtype=dtype, kind=kind, load=lambda: np.asarray(value.numpy()))
    return _NotArray(a_type(type_name(value)))


def describe_non_array(value: Any) -> str | None:
    """What a value is, in a few words ('a Python list', '`None`'), when it is not an array; None when it is."""
    try:
        info = _inspect(value)
    except Exception:
        return f"{a_type(type_name(value))} that could not be read"
    return info.phrase if isinstance(info, _NotArray) else None
