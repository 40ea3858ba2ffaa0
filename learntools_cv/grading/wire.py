"""The plain-data format between a learner's sandboxed process and the grader.

Messages are a JSON header plus binary blobs, each blob a numpy `.npy` file read with `allow_pickle=False`:
nothing the grader reads is ever unpickled. Values are described as JSON nodes (`{"t": "ndarray", "blob": 0}`)
by `Encoder` inside the sandbox, and turned back into stand-ins by `Decoder` in the grader: numbers, strings,
containers and numpy arrays become themselves; TensorFlow tensors become tensors again; functions become
proxies that call the learner's function back in the sandbox; other objects become inert look-alikes with the
same type name and repr, so a checker's words about them are the same as in a notebook.

A Keras model or layer crosses as what Keras' own `.keras` format keeps, never pickled: its configuration as
JSON (`keras.saving.serialize_keras_object`: each layer's settings and how it was built), its weights as arrays
(with each variable's path and trainable flag, and each layer's flag, which Keras' format loses for a model
nested in another) and what compile was given. The grader rebuilds it with
`keras.saving.deserialize_keras_object(..., safe_mode=True)`, after checking that every class the
configuration names is one of Keras' own (module `keras` or `keras.*`): a learner's own layer or function, or a
`Lambda`, cannot be rebuilt without running the learner's code, so such a model (or one too large) arrives as
an inert stand-in that carries the reason in words (`stand_in_reason`), and the grader grades the questions
that read it could_not_grade with those words. A training history (`keras.callbacks.History`) crosses as its
numbers.
"""

from __future__ import annotations

import base64
import io
import json
import socket
import struct
import sys
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

# One message may not exceed this many bytes (header and blobs together).
MAX_MESSAGE_BYTES = 1 << 31
# Arrays with more elements than this travel as their shape and dtype only: checkers refuse to load them.
MAX_ARRAY_ELEMENTS = 2**26
# The most nodes one value may have (a list of a million numbers is described, not copied).
MAX_NODES = 100_000
# The deepest nesting encoded.
MAX_DEPTH = 30
# The most characters of a repr kept for an object shipped as a look-alike.
MAX_REPR = 2000
# The largest Keras model that crosses as itself (weights, and characters of its configuration).
MAX_MODEL_WEIGHTS = 50_000_000
MAX_MODEL_CONFIG = 5_000_000
# The classes a model's configuration may name besides Keras' own: the containers of data Keras' format writes
# (`__keras_tensor__` is how a functional model's configuration names the symbolic tensors between its layers;
# `__lambda__`, a function's code, and `__typespec__` are not among them).
_KERAS_FORMAT_CONTAINERS = frozenset({"__tuple__", "__bytes__", "__ellipsis__", "__slice__", "__numpy__",
                                      "__keras_tensor__", "__tensor__"})

_HEADER = struct.Struct("!II")  # header length, number of blobs


class WireError(Exception):
    """A message could not be read: the other side closed, timed out, or sent something malformed."""


# ---------------------------------------------------------------- framing


def send(sock: socket.socket, header: dict[str, Any], blobs: list[bytes] = ()) -> None:  # type: ignore[assignment]
    """Send one message."""
    head = json.dumps(header, allow_nan=False).encode()
    parts = [_HEADER.pack(len(head), len(blobs)), head]
    for blob in blobs:
        parts.append(struct.pack("!Q", len(blob)))
        parts.append(blob)
    sock.sendall(b"".join(parts))


def receive(sock: socket.socket, timeout: float | None) -> tuple[dict[str, Any], list[bytes]]:
    """Receive one message, waiting at most `timeout` seconds for it (None: forever)."""
    sock.settimeout(timeout)
    head_len, count = _HEADER.unpack(_exactly(sock, _HEADER.size))
    if head_len > 64 * 1024 * 1024 or count > 100_000:
        raise WireError("a message header is implausibly large")
    try:
        header = json.loads(_exactly(sock, head_len))
    except ValueError as exc:
        raise WireError(f"a message header is not JSON ({exc})") from None
    if not isinstance(header, dict):
        raise WireError("a message header is not a JSON object")
    blobs = []
    total = 0
    for _ in range(count):
        (size,) = struct.unpack("!Q", _exactly(sock, 8))
        total += size
        if total > MAX_MESSAGE_BYTES:
            raise WireError("a message is larger than the grader accepts")
        blobs.append(_exactly(sock, size))
    return header, blobs


def _exactly(sock: socket.socket, n: int) -> bytes:
    chunks = []
    left = n
    while left:
        try:
            chunk = sock.recv(min(left, 1 << 20))
        except TimeoutError:
            raise WireError("timed out") from None
        except OSError as exc:
            raise WireError(f"the connection failed ({exc})") from None
        if not chunk:
            raise WireError("the other side closed the connection")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def npy_array(blob: bytes) -> np.ndarray:
    return np.load(io.BytesIO(blob), allow_pickle=False)


# ---------------------------------------------------------------- encoding (inside the sandbox)


class Encoder:
    """Describes learner values as JSON nodes and npy blobs. Callables are kept in `callables` by number, so
    that the grader can ask for them to be called."""

    def __init__(self, callables: dict[int, Any] | None = None) -> None:
        self.blobs: list[bytes] = []
        self.callables: dict[int, Any] = callables if callables is not None else {}
        self._nodes = 0

    def encode(self, value: Any, depth: int = 0) -> dict[str, Any]:
        self._nodes += 1
        if self._nodes > MAX_NODES or depth > MAX_DEPTH:
            return self._object(value, note="too large")
        try:
            return self._encode(value, depth)
        except Exception:  # a value whose methods raise is still described, by its type
            return self._object(value, note="unreadable")

    def _blob(self, array: np.ndarray) -> int:
        self.blobs.append(npy_bytes(array))
        return len(self.blobs) - 1

    def _encode(self, value: Any, depth: int) -> dict[str, Any]:
        from learntools_cv.core.placeholder import is_placeholder

        kind = type(value)
        if value is None:
            return {"t": "none"}
        if is_placeholder(value):
            return {"t": "placeholder"}
        if _lies_about_class(value):
            return self._object(value)
        if kind is bool:
            return {"t": "bool", "v": value}
        if kind is int:
            return {"t": "int", "v": str(value)}
        if kind is float:
            return {"t": "float", "v": repr(value)}
        if kind is complex:
            return {"t": "complex", "re": repr(value.real), "im": repr(value.imag)}
        if kind is str:
            return {"t": "str", "v": value[:1_000_000]}
        if kind in (bytes, bytearray):
            return {"t": kind.__name__, "v": base64.b64encode(bytes(value[:1_000_000])).decode()}
        if kind in (list, tuple, set, frozenset):
            items = list(value)
            return {"t": kind.__name__, "items": [self.encode(v, depth + 1) for v in items]}
        if kind is dict:
            return {
                "t": "dict",
                "items": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()],
            }
        if isinstance(value, np.ndarray):
            return self._ndarray(value)
        if isinstance(value, np.generic) and kind.__module__ == "numpy":
            array = np.asarray(value)
            if array.dtype.kind in "OV":
                return self._object(value)
            return {"t": "npscalar", "blob": self._blob(array)}
        tf_node = self._tensorflow(value)
        if tf_node is not None:
            return tf_node
        if isinstance(value, types.ModuleType):
            return {"t": "module", "name": str(getattr(value, "__name__", "?"))}
        if isinstance(value, types.GeneratorType):
            return {"t": "generator"}
        if isinstance(value, type):
            return {"t": "class", "name": _str_attr(value, "__name__"), "qualname": _str_attr(value, "__qualname__"),
                    "module": _str_attr(value, "__module__")}
        from learntools_cv.core.values import _is_function

        if _is_function(value):
            return self._function(value)
        return self._object(value)

    def _ndarray(self, value: np.ndarray) -> dict[str, Any]:
        shape = tuple(np.ndarray.shape.__get__(value))
        dtype = np.ndarray.dtype.__get__(value)
        masked = isinstance(value, np.ma.MaskedArray)
        if dtype.kind == "O" or (dtype.kind == "V" and dtype.hasobject):
            return {"t": "objarray", "shape": list(shape)[:32] if _size(shape) <= MAX_ARRAY_ELEMENTS else [0]}
        if _size(shape) > MAX_ARRAY_ELEMENTS:
            return {"t": "bigarray", "shape": list(shape), "dtype": dtype.str}
        plain = np.asarray(np.ma.getdata(value) if masked else value).view(np.ndarray)
        return {"t": "ndarray", "blob": self._blob(np.ascontiguousarray(plain)), "masked": masked}

    def _tensorflow(self, value: Any) -> dict[str, Any] | None:
        module = type(value).__module__
        if not isinstance(module, str) or not module.startswith(("tensorflow", "keras", "tf_keras")):
            return None
        tf = sys.modules.get("tensorflow")
        keras = sys.modules.get("keras")
        if keras is not None:
            from learntools_cv.core.values import keras_kind

            kind = keras_kind(value)
            if kind is not None:
                node = {"t": "keras", "kind": kind, "name": type(value).__name__, "module": module}
                return self._keras_object(value, node)
            if isinstance(value, keras.callbacks.History):
                return {"t": "history", "history": self.encode(dict(value.history), depth=1),
                        "params": self.encode(dict(value.params or {}), depth=1),
                        "epoch": self.encode(list(value.epoch), depth=1)}
        if tf is not None and isinstance(value, (tf.Tensor, tf.Variable)) and type(value).__name__ != "KerasTensor":
            variable = isinstance(value, tf.Variable)
            try:
                defined = value.shape.is_fully_defined() and hasattr(value, "numpy")
                array = np.asarray(value.numpy()) if defined else None
            except Exception:
                array = None
            if array is not None and array.dtype.kind not in "OV":
                node = self._ndarray(array)
                if node["t"] in ("ndarray", "bigarray"):
                    node["tensor"] = "variable" if variable else "tensor"
                    return node
        return self._object(value)

    def _keras_object(self, value: Any, node: dict[str, Any]) -> dict[str, Any]:
        """A Keras model or layer as its architecture (JSON), its weights (arrays, in `value.weights` order, with
        each variable's path and trainable flag), whether it is built and, for a compiled model, what compile was
        given; the bare `node` (a stand-in in the grader) when it cannot be serialized or is too large, with
        the reason in words (`why`). Nothing of the learner's model is changed: when its compile settings
        cannot be serialized (the placeholder `____` among them), the architecture is read on its own."""
        import keras

        try:
            variables = list(value.weights)
            count = sum(_size(tuple(v.shape)) for v in variables)
            if count > MAX_MODEL_WEIGHTS:
                return {**node, "note": "too large",
                        "why": f"it has {count:,} weights, more than the {MAX_MODEL_WEIGHTS:,} the grader takes"}
            weights = [np.asarray(v) for v in variables]
            about = [[_str_attr(v, "path") or _str_attr(v, "name"), bool(v.trainable)] for v in variables]
            try:
                architecture = keras.saving.serialize_keras_object(value)
            except Exception:
                architecture = _architecture_only(value, keras)
            architecture.pop("compile_config", None)
            config = json.dumps(architecture)
        except Exception as exc:
            return {**node, "note": f"not serializable ({type(exc).__name__})",
                    "why": f"Keras could not write its configuration ({_first_line(exc)})"}
        if len(config) > MAX_MODEL_CONFIG:
            return {**node, "note": "too large",
                    "why": f"its configuration is longer than the {MAX_MODEL_CONFIG:,} characters the grader takes"}
        if any(w.dtype.kind in "OV" for w in weights):
            return {**node, "note": "not serializable (weights)",
                    "why": "some of its weights are not numbers"}
        try:
            flags = _trainable_flags(value)
        except Exception:
            flags = None
        out = {**node, "config": config, "weights": [self._blob(np.ascontiguousarray(w)) for w in weights],
               "variables": about, "trainable": flags, "built": bool(getattr(value, "built", False))}
        if node["kind"] == "model" and getattr(value, "compiled", False) is True:
            out["compile"] = self._compile(value, keras)
        return out

    def _compile(self, model: Any, keras: Any) -> dict[str, Any]:
        """What `model.compile(...)` was given: the loss as given (a name, a Keras object or function as its
        configuration, a learner's function as a proxy, the placeholder), the metrics as the compile config
        keeps them, and the optimizer's configuration."""
        from learntools_cv.core.placeholder import is_placeholder

        out: dict[str, Any] = {"loss": self._compile_part(getattr(model, "loss", None), keras)}
        try:
            metrics = model.get_compile_config().get("metrics")
            out["metrics"] = json.dumps(metrics)
        except Exception as exc:
            # Keras cannot serialize what compile was given: the placeholder, when it is not the loss, is a metric.
            out["metrics"] = ("placeholder" if "Placeholder" in str(exc) and not is_placeholder(model.loss)
                              else "unreadable")
        try:
            out["optimizer"] = json.dumps(keras.saving.serialize_keras_object(model.optimizer))
        except Exception:
            out["optimizer"] = None
        return out

    def _compile_part(self, value: Any, keras: Any) -> dict[str, Any]:
        from learntools_cv.core.placeholder import is_placeholder

        if value is None or is_placeholder(value) or isinstance(value, str):
            return self.encode(value, depth=1)
        module = _str_attr(type(value), "__module__") if not callable(value) or hasattr(value, "get_config") \
            else _str_attr(value, "__module__")
        if module == "keras" or module.startswith("keras."):
            try:
                return {"t": "kerassaved", "config": json.dumps(keras.saving.serialize_keras_object(value))}
            except Exception:
                pass
        return self.encode(value, depth=1)

    def _function(self, value: Any) -> dict[str, Any]:
        import inspect

        ref = len(self.callables)
        self.callables[ref] = value
        try:
            source = inspect.getsource(value)
        except Exception:
            source = None
        params: list[list[object]] | None
        try:
            params = [[p.name, int(p.kind)] for p in inspect.signature(value).parameters.values()]
        except Exception:
            params = None
        return {
            "t": "function",
            "ref": ref,
            "name": _str_attr(value, "__name__"),
            "qualname": _str_attr(value, "__qualname__"),
            "module": _str_attr(value, "__module__"),
            "source": source,
            "params": params,
        }

    def _object(self, value: Any, note: str = "") -> dict[str, Any]:
        cls = type(value)
        node: dict[str, Any] = {
            "t": "object",
            "qualname": _str_attr(cls, "__qualname__") or _str_attr(cls, "__name__") or "object",
            "module": _str_attr(cls, "__module__"),
            "repr": "",
        }
        try:
            shown = repr(value)
            node["repr"] = shown[:MAX_REPR] if isinstance(shown, str) else ""
        except Exception as exc:  # the grader's look-alike raises the same kind of error
            node["repr_raises"] = type(exc).__name__
        try:
            claimed = value.__class__
            if claimed is not cls:
                node["claims"] = _str_attr(claimed, "__qualname__") if isinstance(claimed, type) else "?"
        except Exception:
            node["claims_raises"] = True
        if note != "unreadable":
            try:
                if callable(value):
                    ref = len(self.callables)
                    self.callables[ref] = value
                    node["ref"] = ref
            except Exception:
                pass
        return node


def _trainable_flags(layer: Any, depth: int = 0) -> list[Any]:
    """`[trainable, [flags of each of its layers]]` for a layer and, for a model, its layers, recursively: Keras'
    format keeps the flag of each layer inside a model but not that of a model nested in another (a frozen
    `pretrained_base` in a `Sequential` comes back with `trainable` True, though none of its weights is)."""
    inner = getattr(layer, "layers", None) if depth < 50 else None
    children = [_trainable_flags(child, depth + 1) for child in inner] if isinstance(inner, list) else []
    return [bool(layer.trainable), children]


def _set_trainable(layer: Any, flags: Any) -> bool:
    """Set the flags `_trainable_flags` read, parent before children (setting a layer's flag sets its layers'
    and variables' too); False when the layers do not match them."""
    if not (isinstance(flags, list) and len(flags) == 2 and isinstance(flags[1], list)):
        return False
    inner = getattr(layer, "layers", None)
    children = inner if isinstance(inner, list) else []
    if len(children) != len(flags[1]):
        return False
    if bool(layer.trainable) != bool(flags[0]):
        layer.trainable = bool(flags[0])
    return all(_set_trainable(child, child_flags) for child, child_flags in zip(children, flags[1]))


def _architecture_only(model: Any, keras: Any) -> dict[str, Any]:
    """A Sequential or functional model's configuration as Keras' format writes it, without what compile was
    given (which Keras cannot serialize when it holds something else than Keras objects)."""
    if isinstance(model, keras.Sequential):
        class_name = "Sequential"
    elif type(model).__name__ == "Functional" or type(model) is keras.Model:
        class_name = "Functional"
    else:
        raise TypeError(f"a {type(model).__name__} whose compile settings cannot be serialized")
    return {"module": "keras", "class_name": class_name, "registered_name": None,
            "config": keras.saving.serialize_keras_object(model.get_config()),
            "build_config": model.get_build_config()}


def _size(shape: tuple[Any, ...]) -> int:
    n = 1
    for d in shape:
        n *= int(d) if d is not None else 0
    return n


def _first_line(exc: BaseException) -> str:
    """An exception as its type and the first line of its words, short."""
    try:
        words = str(exc).strip().splitlines()
    except Exception:
        words = []
    text = f"{type(exc).__name__}: {words[0]}" if words else type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _lies_about_class(value: Any) -> bool:
    try:
        return value.__class__ is not type(value)
    except Exception:
        return True


def _str_attr(obj: Any, name: str) -> str:
    try:
        value = getattr(obj, name, "")
    except Exception:
        return ""
    return value if isinstance(value, str) else ""


# ---------------------------------------------------------------- decoding (in the grader)


@dataclass
class Decoder:
    """Turns nodes back into values. `make_proxy(ref, node)` gives the grader's stand-in for a learner
    callable; without it callables become inert functions that raise when called."""

    blobs: list[bytes]
    make_proxy: Callable[[int, dict[str, Any]], Callable[..., Any]] | None = None

    def decode(self, node: Any) -> Any:
        if not isinstance(node, dict):
            raise WireError("a value node is not an object")
        t = node.get("t")
        method = getattr(self, f"_d_{t}", None)
        if method is None:
            raise WireError(f"unknown value kind {t!r}")
        return method(node)

    def _d_none(self, node: dict[str, Any]) -> Any:
        return None

    def _d_placeholder(self, node: dict[str, Any]) -> Any:
        from learntools_cv.core.placeholder import PLACEHOLDER

        return PLACEHOLDER

    def _d_bool(self, node: dict[str, Any]) -> Any:
        return bool(node["v"])

    def _d_int(self, node: dict[str, Any]) -> Any:
        text = str(node["v"])
        if len(text) > 5000:
            raise WireError("an integer is implausibly long")
        return int(text)

    def _d_float(self, node: dict[str, Any]) -> Any:
        return float(node["v"])

    def _d_complex(self, node: dict[str, Any]) -> Any:
        return complex(float(node["re"]), float(node["im"]))

    def _d_str(self, node: dict[str, Any]) -> Any:
        return str(node["v"])

    def _d_bytes(self, node: dict[str, Any]) -> Any:
        return base64.b64decode(node["v"])

    def _d_bytearray(self, node: dict[str, Any]) -> Any:
        return bytearray(base64.b64decode(node["v"]))

    def _d_list(self, node: dict[str, Any]) -> Any:
        return [self.decode(v) for v in node["items"]]

    def _d_tuple(self, node: dict[str, Any]) -> Any:
        return tuple(self.decode(v) for v in node["items"])

    def _d_set(self, node: dict[str, Any]) -> Any:
        return set(self._hashables(node["items"]))

    def _d_frozenset(self, node: dict[str, Any]) -> Any:
        return frozenset(self._hashables(node["items"]))

    def _hashables(self, items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            value = self.decode(item)
            try:
                hash(value)
            except TypeError:
                continue
            out.append(value)
        return out

    def _d_dict(self, node: dict[str, Any]) -> Any:
        out = {}
        for key, value in node["items"]:
            k = self.decode(key)
            try:
                out[k] = self.decode(value)
            except TypeError:  # an unhashable key cannot have been a key in the sandbox either
                raise WireError("a dict key is not hashable") from None
        return out

    def _array(self, node: dict[str, Any]) -> np.ndarray:
        index = node["blob"]
        if not isinstance(index, int) or not 0 <= index < len(self.blobs):
            raise WireError("a value refers to a missing blob")
        return npy_array(self.blobs[index])

    def _d_ndarray(self, node: dict[str, Any]) -> Any:
        array = self._array(node)
        tensor = node.get("tensor")
        if tensor:
            return _tensor(array, variable=tensor == "variable")
        return np.ma.masked_array(array) if node.get("masked") else array

    def _d_bigarray(self, node: dict[str, Any]) -> Any:
        shape = tuple(int(d) for d in node["shape"])
        array = np.broadcast_to(np.zeros((), dtype=np.dtype(node["dtype"])), shape)
        return array

    def _d_objarray(self, node: dict[str, Any]) -> Any:
        return np.empty(tuple(int(d) for d in node["shape"]), dtype=object)

    def _d_npscalar(self, node: dict[str, Any]) -> Any:
        return self._array(node)[()]

    def _d_module(self, node: dict[str, Any]) -> Any:
        return types.ModuleType(str(node["name"]))

    def _d_generator(self, node: dict[str, Any]) -> Any:
        nothing: tuple[Any, ...] = ()
        return (x for x in nothing)

    def _d_class(self, node: dict[str, Any]) -> Any:
        cls = type(_identifier(node["name"]), (), {"__module__": node["module"] or "__main__"})
        cls.__qualname__ = node["qualname"] or cls.__name__
        return cls

    def _d_keras(self, node: dict[str, Any]) -> Any:
        import keras  # only when a Keras object arrives: most answers need no Keras here

        why = str(node.get("why") or "it could not be sent out of the notebook")
        if "config" in node:
            rebuilt, why = self._rebuilt(node, keras)
            if rebuilt is not None:
                return rebuilt
        return keras_stand_in(node, why)

    def _rebuilt(self, node: dict[str, Any], keras: Any) -> tuple[Any, str]:
        """The learner's model or layer rebuilt from its architecture and weights, with each variable trainable
        as it was, and compiled again as it was; or None and the reason in words, when the architecture names a
        class that is not Keras' own or does not rebuild."""
        try:
            config = json.loads(str(node["config"]))
            weights = [self._array({"blob": i}) for i in node["weights"]]
        except (ValueError, TypeError, KeyError, WireError):
            return None, "its description arrived malformed"
        foreign = foreign_class(config)
        if foreign is not None:
            return None, f"it holds {foreign}, and the grader runs no code of a notebook's"
        try:
            rebuilt = keras.saving.deserialize_keras_object(config, safe_mode=True)
        except Exception as exc:
            return None, f"Keras could not rebuild it from its configuration ({_first_line(exc)})"
        if type(rebuilt).__name__ != node.get("name"):
            return None, f"it was rebuilt as a {type(rebuilt).__name__}, not the {node.get('name')} it was"
        variables = list(rebuilt.weights)
        about = node.get("variables")
        if len(variables) != len(weights) or (isinstance(about, list) and len(about) != len(weights)):
            return None, (f"it was rebuilt with {len(variables)} weight variables where the notebook's had "
                          f"{len(weights)}")
        try:
            rebuilt.set_weights(weights)
            flags = node.get("trainable")
            if flags is not None and not _set_trainable(rebuilt, flags):
                return None, "its layers' trainable flags do not match its rebuilt layers"
            if isinstance(about, list):  # last: a layer's flag sets its variables' flags too
                for variable, (_, trainable) in zip(variables, about):
                    if bool(variable.trainable) != bool(trainable):
                        variable.trainable = bool(trainable)
        except Exception as exc:
            return None, f"its weights do not fit its rebuilt layers ({_first_line(exc)})"
        compiled = node.get("compile")
        if isinstance(compiled, dict):
            self._compile_again(rebuilt, compiled, keras)
        return rebuilt, ""

    def _compile_again(self, model: Any, node: dict[str, Any], keras: Any) -> None:
        from learntools_cv.core.placeholder import PLACEHOLDER

        kwargs: dict[str, Any] = {"loss": self.decode(node.get("loss"))}
        metrics = node.get("metrics")
        if metrics == "placeholder":
            kwargs["metrics"] = [PLACEHOLDER]
        elif isinstance(metrics, str) and metrics != "unreadable":
            entries = json.loads(metrics)
            if entries is not None:
                entries = entries if isinstance(entries, list) else [entries]
                kwargs["metrics"] = [_saved(entry, keras) if isinstance(entry, dict) else entry for entry in entries]
        optimizer = node.get("optimizer")
        kwargs["optimizer"] = _saved(json.loads(optimizer), keras) if isinstance(optimizer, str) else "adam"
        try:
            model.compile(**kwargs)
        except Exception:
            pass

    def _d_kerassaved(self, node: dict[str, Any]) -> Any:
        import keras

        return _saved(json.loads(str(node["config"])), keras)

    def _d_history(self, node: dict[str, Any]) -> Any:
        import keras

        history = keras.callbacks.History()
        numbers = self.decode(node["history"])
        history.history = numbers if isinstance(numbers, dict) else {}
        params = self.decode(node["params"])
        history.params = params if isinstance(params, dict) else {}
        epoch = self.decode(node["epoch"])
        history.epoch = epoch if isinstance(epoch, list) else []
        return history

    def _d_function(self, node: dict[str, Any]) -> Any:
        if self.make_proxy is not None:
            return self.make_proxy(int(node["ref"]), node)
        return inert_function(node)

    def _d_object(self, node: dict[str, Any]) -> Any:
        return look_alike(node, self.make_proxy)


def _saved(config: Any, keras: Any) -> Any:
    """A Keras object (a loss, a metric, an optimizer) from its configuration, when it names Keras' own classes
    only; otherwise a look-alike with its class name."""
    if isinstance(config, dict) and keras_classes_only(config):
        try:
            return keras.saving.deserialize_keras_object(config, safe_mode=True)
        except Exception:
            pass
    name = config.get("class_name") if isinstance(config, dict) else None
    return look_alike({"qualname": str(name or "object"), "module": "keras", "repr": str(name or "?")})


def _keras_function(name: Any) -> bool:
    """True for the name of one of Keras' own loss, metric or activation functions."""
    import keras

    return isinstance(name, str) and any(
        callable(getattr(module, name, None)) and not isinstance(getattr(module, name), type)
        for module in (keras.losses, keras.metrics, keras.activations))


def keras_classes_only(config: Any) -> bool:
    """True when every class a Keras configuration names is one of Keras' own (module `keras` or `keras.*`), or
    a container of Keras' format; a Lambda layer's code or a learner's class makes it False."""
    return foreign_class(config) is None


def foreign_class(config: Any, depth: int = 0) -> str | None:
    """The first class a Keras configuration names that is not one of Keras' own, in words ("a Lambda layer",
    "the class Doubled of module __main__"), or None when there is none. This is the grader's boundary: only a
    configuration naming Keras' own classes is handed to `deserialize_keras_object`."""
    if depth > 200:
        return "a configuration nested too deep"
    if isinstance(config, list):
        return next((found for item in config if (found := foreign_class(item, depth + 1)) is not None), None)
    if not isinstance(config, dict):
        return None
    if "class_name" in config:
        name, module = config.get("class_name"), config.get("module")
        shown = f"the class {str(name)[:80]} of module {str(module)[:80]}"
        if not isinstance(name, str):
            return "a class without a name"
        if name in _KERAS_FORMAT_CONTAINERS:
            pass
        elif (module == "builtins" and name == "function" and config.get("registered_name") == "function"
              and _keras_function(config.get("config"))):
            pass  # one of Keras' own functions, by name (as compile keeps `keras.losses.binary_crossentropy`)
        elif not isinstance(module, str) or not (module == "keras" or module.startswith("keras.")):
            return f"{shown}, which is not one of Keras' own"
        elif name == "Lambda":
            return "a Lambda layer, whose function is the notebook's own code"
        elif name.startswith("__") or config.get("registered_name") not in (None, name):
            return f"{shown} registered as {str(config.get('registered_name'))[:80]}, not one of Keras' own"
    return next((found for value in config.values() if (found := foreign_class(value, depth + 1)) is not None),
                None)


def keras_stand_in(node: dict[str, Any], why: str) -> Any:
    """What arrives in place of a Keras model or layer that could not be rebuilt: an inert object of a class
    with its name, a subclass of `keras.Model` or `keras.layers.Layer` that was never initialised (so nothing of
    it runs), that carries the reason in words for the grader (`stand_in_reason`)."""
    import keras

    base = keras.Model if node.get("kind") == "model" else keras.layers.Layer
    namespace = {"__module__": str(node.get("module") or "keras"), _REASON: why}
    cls = type(_identifier(node.get("name")), (base,), namespace)
    return object.__new__(cls)


# The attribute of a stand-in's class that holds why the value could not be rebuilt.
_REASON = "_learntools_cv_not_rebuilt"


def stand_in_reason(value: Any) -> str | None:
    """Why `value` is a stand-in for a Keras model or layer that could not be rebuilt, in words; None for any
    other value. Reads the class's own namespace only, so no attribute lookup of the value runs."""
    try:
        why = vars(type(value)).get(_REASON)
    except TypeError:
        return None
    return why if isinstance(why, str) else None


def _identifier(name: Any) -> str:
    text = str(name or "object")
    return text if text.isidentifier() else "object"


def _tensor(array: np.ndarray, variable: bool) -> Any:
    import tensorflow as tf

    return tf.Variable(array) if variable else tf.constant(array)


def inert_function(node: dict[str, Any]) -> Callable[..., Any]:
    """A function with the learner's function's name and module that cannot be called."""

    def stand_in(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("this learner function cannot be called here")

    stand_in.__name__ = _identifier(node.get("name"))
    stand_in.__qualname__ = str(node.get("qualname") or stand_in.__name__)
    stand_in.__module__ = str(node.get("module") or "__main__")
    return stand_in


def look_alike(node: dict[str, Any], make_proxy: Callable[..., Any] | None = None) -> Any:
    """An inert object whose type has the learner object's module and qualified name, and whose repr is the
    one the sandbox saw. Callable (through the sandbox) when the learner's object was."""
    shown = str(node.get("repr", ""))
    raises = node.get("repr_raises")
    namespace: dict[str, Any] = {"__module__": str(node.get("module") or "__main__")}
    if raises:
        error = type(_identifier(raises), (Exception,), {})
        namespace["__repr__"] = lambda self: (_ for _ in ()).throw(error())
    else:
        namespace["__repr__"] = lambda self: shown
    ref = node.get("ref")
    if ref is not None and make_proxy is not None:
        proxy = make_proxy(int(ref), {**node, "name": "__call__", "params": None, "source": None})
        namespace["__call__"] = lambda self, *args, **kwargs: proxy(*args, **kwargs)
    claims = node.get("claims")
    if node.get("claims_raises"):
        namespace["__class__"] = property(_raise_attribute)
    elif claims:
        claimed = type(_identifier(claims.rsplit(".", 1)[-1]), (), {})
        claimed.__qualname__ = str(claims)
        namespace["__class__"] = property(lambda self: claimed)
    qualname = str(node.get("qualname") or "object")
    cls = type(_identifier(qualname.rsplit(".", 1)[-1]), (), namespace)
    cls.__qualname__ = qualname
    return object.__new__(cls)


def _raise_attribute(self: Any) -> Any:
    raise AttributeError("__class__")
