"""Helpers shared by the question classes: argument formatting and exception lines."""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any

from learntools_cv.core.text import code, short_repr


def backtickify(text: str) -> str:
    """Wrap text as inline code (kept for learntools compatibility)."""
    return code(str(text))


def format_args(fn: Any, args: Sequence[Any]) -> str:
    """'`x=1`, `y=[1, 2]`': the arguments of a call, named after `fn`'s parameters where they can be read."""
    names: list[str] = []
    try:
        params = [
            p
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        names = [p.name for p in params]
    except Exception:  # no signature, or a callable object whose `__signature__` lies
        pass
    parts = []
    for i, arg in enumerate(args):
        text = short_repr(arg, 60)
        parts.append(code(f"{names[i]}={text}" if i < len(names) else text))
    return ", ".join(parts)


def exception_line(exc: BaseException) -> str:
    """'`ValueError: bad shape`', one line, short, never raising."""
    try:
        detail = str(exc)
    except Exception:
        detail = ""
    detail = detail.strip().splitlines()[0] if detail.strip() else ""
    if len(detail) > 120:
        detail = detail[:117] + "..."
    name = type(exc).__name__
    return code(f"{name}: {detail}" if detail else name)
