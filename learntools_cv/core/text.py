"""Small text helpers for writing feedback: inline code, articles, plurals, short reprs.

Everything here is pure: no IPython, no TensorFlow. Text that comes from a learner's value (a repr, a type
name such as `<class 'str'>`) always goes through `code()`, so that it shows as written in markdown and in
plain text alike.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any


def code(text: str) -> str:
    """Wrap `text` as inline code, choosing a fence longer than any backtick run inside it."""
    text = text.replace("\n", " ")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def a_type(name: str) -> str:
    """'a `Foo` object' or 'an `AlwaysEqual` object': the article that fits the type's name."""
    article = "an" if name[:1].lower() in "aeiou" and name[:1] else "a"
    return f"{article} {code(name)} object"


def plural(n: int, word: str, plural_word: str | None = None) -> str:
    """`plural(1, 'value')` is '1 value'; `plural(3, 'value')` is '3 values'."""
    return f"{n:,} {word if n == 1 else (plural_word or word + 's')}"


_REPR = reprlib.Repr()
_REPR.maxstring = 60
_REPR.maxother = 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 6
_REPR.maxlevel = 3


def short_repr(value: Any, limit: int = 80) -> str:
    """A repr of at most `limit` characters. Arrays and tensors are described, never printed in full.
    A repr that raises is reported, not raised."""
    described = describe_array_like(value)
    if described is not None:
        return described
    try:
        text = _REPR.repr(value)
    except Exception as exc:  # a learner's __repr__ may raise anything
        return f"<{type_name(value)} object whose repr raised {type(exc).__name__}>"
    if not isinstance(text, str):
        return f"<{type_name(value)} object>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def type_name(value: Any) -> str:
    """The qualified name of the value's type, read from the type itself (never from the value)."""
    cls = type(value)
    module = getattr(cls, "__module__", "")
    module = module if isinstance(module, str) else ""  # a class may set __module__ to anything
    name = getattr(cls, "__qualname__", None) or getattr(cls, "__name__", None) or "object"
    name = name if isinstance(name, str) else "object"
    if module in ("builtins", "__main__", ""):
        return name
    return f"{module.split('.')[0]}.{name}"


def describe_array_like(value: Any) -> str | None:
    """'a float32 array of shape (199, 199)' for numpy arrays and tensors, else None. Reads only the type's
    own descriptors, so a value whose `shape` attribute lies cannot change the description."""
    import numpy as np

    if issubclass(type(value), np.ndarray):  # type(), not isinstance: `__class__` can lie
        shape = np.ndarray.shape.__get__(value)
        dtype = np.ndarray.dtype.__get__(value)
        return f"a {dtype} array of shape {tuple(shape)}"
    module = getattr(type(value), "__module__", None)
    if isinstance(module, str) and module.startswith(("tensorflow", "keras")):
        try:
            shape = value.shape
            # Only a real shape is shown: a look-alike's `shape` might never end.
            if type(shape) is not tuple and type(shape).__name__ != "TensorShape":
                raise TypeError(type(shape).__name__)
            dtype = value.dtype
            dtype_name = getattr(dtype, "name", str(dtype))
            return f"a {dtype_name} {type(value).__name__} of shape {tuple(shape)}"
        except Exception:
            return f"a {type(value).__name__}"
    return None
