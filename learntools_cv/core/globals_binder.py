"""The binder: which notebook namespace the questions read learner variables from.

A notebook's setup cell calls `binder.bind(globals())`. Questions look variables up at check time, so
binding again (re-running the setup cell, or binding a new namespace) simply takes effect, and a question
created before binding works once the binding happens.
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Iterator, Mapping
from typing import Any


class NotBound(Exception):
    """No namespace is bound and none could be found."""


class Binder:
    """Holds a reference to the notebook's globals. It never writes to them."""

    def __init__(self) -> None:
        self._namespace: dict[str, Any] | None = None

    def bind(self, namespace: Any) -> None:
        """Capture the notebook's namespace: call as `binder.bind(globals())`. Binding again replaces it."""
        if not isinstance(namespace, dict):
            raise TypeError(
                f"binder.bind() needs the notebook's namespace: call binder.bind(globals()). "
                f"It got a {type(namespace).__name__}."
            )
        self._namespace = namespace

    @property
    def bound(self) -> bool:
        return self._namespace is not None

    def unbind(self) -> None:
        """Forget the namespace (used by tests and tools)."""
        self._namespace = None

    def bound_namespace(self) -> dict[str, Any] | None:
        """The namespace bound with `bind`, or None: what a tool saves before binding its own."""
        return self._namespace

    def restore(self, namespace: dict[str, Any] | None) -> None:
        """Give back what `bound_namespace()` returned earlier (None unbinds)."""
        if namespace is None:
            self.unbind()
        else:
            self.bind(namespace)

    @contextlib.contextmanager
    def bound_to(self, namespace: dict[str, Any]) -> Iterator[None]:
        """Bind `namespace` for the duration of a `with` block, then restore what was bound before."""
        saved = self.bound_namespace()
        self.bind(namespace)
        try:
            yield
        finally:
            self.restore(saved)

    def namespace(self) -> Mapping[str, Any]:
        """A read-only live view of the bound namespace. Outside an explicit binding, an IPython session's
        user namespace is used if there is one; otherwise NotBound is raised."""
        if self._namespace is not None:
            return types.MappingProxyType(self._namespace)
        user_ns = _ipython_user_namespace()
        if user_ns is not None:
            return types.MappingProxyType(user_ns)
        raise NotBound()

    # learntools compatibility
    def readonly_globals(self) -> Mapping[str, Any]:
        return self.namespace()


def _ipython_user_namespace() -> dict[str, Any] | None:
    import sys

    if "IPython" not in sys.modules:
        return None
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:
        return None
    ns = getattr(shell, "user_ns", None) if shell is not None else None
    return ns if isinstance(ns, dict) else None


binder = Binder()
