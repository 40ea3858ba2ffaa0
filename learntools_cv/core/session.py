"""Sessions: the one object that owns a learner's notebook state as the framework sees it.

A `Session` holds

- the namespace the questions read (a notebook's `globals()`, or plain values a grader passes),
- the interaction record (every check, hint and solution call, optionally appended to an events file),
- the exercises bound in it (for `progress()`), and
- a setup cache for tools that run an exercise's setup code many times (the self-check).

A notebook uses the current session through `binder.bind(globals())`; the exercise's `q_1`, `q_2`, ...
follow whichever session is current. Tests and graders make their own: `Session()` is fresh, and
`with session.activated():` makes it current for a block. `session.questions("learntools_cv.ex3")` gives
views bound to that session alone.
"""

from __future__ import annotations

import contextlib
import importlib
import secrets
import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

from learntools_cv.core.outcome import Outcome
from learntools_cv.core.record import Event, InteractionRecord, Progress, QuestionProgress, now

__all__ = ["Binder", "BoundQuestion", "NotBound", "Session", "binder", "current_session", "progress",
           "remember_exercise"]


class BoundQuestion(Protocol):
    """What a session needs of a bound question (`learntools_cv.core.view.QuestionView` is one)."""

    question: Any
    exercise: str
    name: str

    @property
    def kind(self) -> str: ...

    def for_session(self, session: Session) -> BoundQuestion:
        """The same question, reading from and recording into `session` alone."""
        ...


# What `bind_exercises` made in each exercise module, by module name then question name: how a session finds
# an exercise's questions without importing the view it is used by.
_EXERCISES: dict[str, dict[str, BoundQuestion]] = {}


def remember_exercise(exercise: str, views: Mapping[str, BoundQuestion]) -> None:
    """Record the questions an exercise module binds (called by `bind_exercises`; binding again replaces)."""
    _EXERCISES[exercise] = dict(views)


class NotBound(Exception):
    """No namespace is bound and none could be found."""


class Session:
    """A namespace, its interaction record, its bound exercises and a setup cache."""

    def __init__(
        self, namespace: dict[str, Any] | None = None, *, use_ipython: bool = False, silent: bool = False
    ) -> None:
        self._namespace = namespace
        self._use_ipython = use_ipython
        self.silent = silent
        """In a silent session the learner-facing `check()`, `hint()` and `solution()` do nothing: for a process
        that only collects a notebook's answers (a grading sandbox), where a verdict is made elsewhere and the
        calls would only cost time. `evaluate()` still works."""
        self.id = secrets.token_hex(8)
        """A random id for this session, written with each event."""
        self.record = InteractionRecord(session_id=self.id)
        self.setup_cache: dict[Any, Any] = {}
        """Free for tools to keep setup results in (the self-check caches the exercise's setup namespace)."""
        self._exercises: dict[str, dict[str, BoundQuestion]] = {}

    def __repr__(self) -> str:
        state = "bound" if self._namespace is not None else "unbound"
        return f"<learntools_cv Session {self.id} ({state}, {len(self.record.events)} events)>"

    # ---- the namespace ----

    def bind(self, namespace: Any) -> None:
        """Read learner variables from `namespace`: call as `binder.bind(globals())`. Binding again replaces it."""
        if not isinstance(namespace, dict):
            raise TypeError(
                f"binder.bind() needs the notebook's namespace: call binder.bind(globals()). "
                f"It got a {type(namespace).__name__}."
            )
        self._namespace = namespace

    def unbind(self) -> None:
        """Forget the namespace."""
        self._namespace = None

    @property
    def bound(self) -> bool:
        return self._namespace is not None

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
        """A read-only live view of the bound namespace. Outside an explicit binding, the notebook session
        falls back to an IPython kernel's user namespace; otherwise NotBound is raised."""
        if self._namespace is not None:
            return types.MappingProxyType(self._namespace)
        if self._use_ipython:
            user_ns = _ipython_user_namespace()
            if user_ns is not None:
                return types.MappingProxyType(user_ns)
        raise NotBound()

    # learntools compatibility
    def readonly_globals(self) -> Mapping[str, Any]:
        return self.namespace()

    # ---- becoming the current session ----

    @contextlib.contextmanager
    def activated(self) -> Iterator[Session]:
        """Make this the current session (the one `binder` and exercise modules' questions use) for a
        `with` block, then give the previous one back."""
        _STACK.append(self)
        try:
            yield self
        finally:
            _STACK.remove(self)

    # ---- exercises and questions ----

    def questions(self, exercise: str | types.ModuleType) -> dict[str, BoundQuestion]:
        """Views of an exercise module's questions ('learntools_cv.ex3', or the module), bound to this session
        alone: {'q_1': view, 'q_3.a': view, ...}."""
        module = importlib.import_module(exercise) if isinstance(exercise, str) else exercise
        views = {name: view.for_session(self) for name, view in _module_views(module.__name__).items()}
        self._exercises[module.__name__] = views
        return dict(views)

    def register(self, view: BoundQuestion) -> None:
        """Make a bound question known, so that `progress()` lists it before any interaction."""
        # Re-inserted, so that an exercise bound again (a reload) is the most recently bound one.
        views = self._exercises.pop(view.exercise, {})
        views[view.name] = view
        self._exercises[view.exercise] = views

    def exercises(self) -> list[str]:
        return list(self._exercises)

    def record_interaction(self, view: BoundQuestion, interaction: str, outcome: Outcome, hint: int | None = None) -> None:
        self.record.add(
            Event(
                time=now(),
                exercise=view.exercise,
                question=view.name,
                interaction=interaction,
                status=outcome.status,
                message=outcome.message,
                mistake=outcome.mistake,
                hint=hint if interaction == "hint" else None,
            )
        )

    def progress(self, exercise: str | None = None) -> Progress:
        """Which questions of the most recently bound exercise (or the one named) are done."""
        if exercise is None:
            if not self._exercises:
                return Progress(exercise="(no exercise bound yet)", rows=())
            exercise = list(self._exercises)[-1]
        views = self._exercises.get(exercise)
        if views is None:  # bound before this session began: bind_exercises remembered its questions
            views = _module_views(exercise)
        rows = []
        for view in views.values():
            events = self.record.events_for(exercise, view.name)
            checks = [e for e in events if e.interaction == "check"]
            solved = any(e.status.value == "correct" for e in checks)
            credited = view.question.solution_gives_credit and any(e.interaction == "solution" for e in events)
            rows.append(
                QuestionProgress(
                    question=view.name,
                    kind=view.kind,
                    done=solved or credited,
                    checks=len(checks),
                    last_status=checks[-1].status if checks else None,
                    bonus=bool(view.question.bonus),
                    counts=view.question.gives_points,
                )
            )
        return Progress(exercise=exercise, rows=tuple(rows))


def _module_views(exercise: str) -> dict[str, BoundQuestion]:
    """The questions an exercise module binds, by name, in natural order (q_2 before q_10)."""
    found = _EXERCISES.get(exercise, {})
    return dict(sorted(found.items(), key=lambda item: _natural(item[0])))


def _natural(name: str) -> list[Any]:
    out: list[Any] = []
    number = ""
    for ch in name + "\0":
        if ch.isdigit():
            number += ch
            continue
        if number:
            out.append(int(number))
            number = ""
        out.append(ch)
    return out


def _ipython_user_namespace() -> dict[str, Any] | None:
    if "IPython" not in sys.modules:
        return None
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:
        return None
    ns = getattr(shell, "user_ns", None) if shell is not None else None
    return ns if isinstance(ns, dict) else None


# The notebook's session is the bottom of the stack; `Session.activated()` pushes others on top.
_STACK: list[Session] = [Session(use_ipython=True)]


def current_session() -> Session:
    """The session that `binder` and exercise modules' questions use now."""
    return _STACK[-1]


class Binder:
    """learntools' `binder`: `binder.bind(globals())` binds the current session's namespace. Holds no state."""

    def bind(self, namespace: Any) -> None:
        current_session().bind(namespace)

    def unbind(self) -> None:
        current_session().unbind()

    @property
    def bound(self) -> bool:
        return current_session().bound

    def bound_namespace(self) -> dict[str, Any] | None:
        return current_session().bound_namespace()

    def restore(self, namespace: dict[str, Any] | None) -> None:
        current_session().restore(namespace)

    def bound_to(self, namespace: dict[str, Any]) -> contextlib.AbstractContextManager[None]:
        return current_session().bound_to(namespace)

    def namespace(self) -> Mapping[str, Any]:
        return current_session().namespace()

    def readonly_globals(self) -> Mapping[str, Any]:
        return current_session().namespace()


binder = Binder()
"""The object a notebook's setup cell calls: `binder.bind(globals())`."""


def progress(exercise: str | None = None) -> Progress:
    """A summary of the most recently bound exercise (or the one named): which questions are done."""
    return current_session().progress(exercise)
