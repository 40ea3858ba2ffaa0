"""Small text helpers for feedback: markdown escaping, inline code, short reprs.

Everything here is pure: no IPython, no TensorFlow. Text that comes from a learner's value (a repr, a type
name such as `<class 'str'>`) always goes through `code()` or `escape()` so that it shows as written.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def escape(text: str) -> str:
    """Escape markdown and HTML so that `text` renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


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
    name = getattr(cls, "__qualname__", None) or getattr(cls, "__name__", "object")
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


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# A fence line is ``` (or longer) and an optional info string, which cannot hold a backtick; a line that
# merely starts with a long inline code span (```a``b```) is text.
_FENCE_LINE = re.compile(r"\s*`{3,}[^`]*")


def markdown_to_text(markdown: str) -> str:
    """Plain text for a terminal: drop code fences and bold markers, undo escapes; keep inline code as is."""
    lines = [line for line in markdown.splitlines() if not _FENCE_LINE.fullmatch(line)]
    text = "\n".join(lines)
    out = []
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_plain(text[pos : match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_plain(text[pos:]))
    return "".join(out).strip("\n")


def _plain(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.S)
    text = re.sub(r"(?<![\w*\\])\*(\S[^*\n]*?)\*(?![\w*])", r"\1", text)
    text = re.sub(r"<span[^>]*>(.*?)</span>", r"\1", text, flags=re.S)
    text = re.sub(r"\\([\\`*_{}\[\]<>()#+\-.!|~])", r"\1", text)
    return text.replace("&amp;", "&")
