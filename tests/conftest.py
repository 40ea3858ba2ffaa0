"""Shared fixtures: a fresh session for each core test, and factories for questions. Also the hypothesis
profile for CI.

Each core test (`test_core_*.py`) runs in a fresh `Session` made current with the public
`session.activated()` (nothing bound, no events, no exercises), without the `LEARNTOOLS_CV_EVENTS` variable.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import settings

from learntools_cv.core import ProblemView, Session, bind_exercises, binder
from learntools_cv.core.record import EVENTS_ENV

# In CI (CI=true), every property test draws the same examples on every run, so a run cannot fail by chance;
# locally they stay random, to keep finding new cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

EXERCISE = "tests.quiz"
"""The exercise name of the questions the factories below make."""


@pytest.fixture(autouse=True)
def isolated_core_state(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Core tests run in a fresh session with no events file. Other test modules are left alone (they may
    bind an exercise for a whole module)."""
    if not request.module.__name__.startswith("test_core_"):
        yield None
        return
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated() as session:
        yield session


@pytest.fixture
def session(isolated_core_state: Session | None) -> Session:
    """The current session (a fresh one in core tests)."""
    from learntools_cv.core import current_session

    return isolated_core_state or current_session()


@pytest.fixture
def ns() -> dict[str, Any]:
    """A fresh notebook namespace, bound as a setup cell would (`binder.bind(globals())`)."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    binder.bind(namespace)
    return namespace


@pytest.fixture
def exercise() -> Callable[..., dict[str, Any]]:
    """`exercise(Q1, None, MultipartProblem(...), ...)`: bind entries as an exercise module does and return
    the module namespace, holding `q_1`, `q_2`, ... and `____`."""

    def bind(*entries: Any, name: str = EXERCISE) -> dict[str, Any]:
        module: dict[str, Any] = {"__name__": name}
        bind_exercises(module, list(entries), var_format="q_{n}")
        return module

    return bind


@pytest.fixture
def question(exercise: Callable[..., dict[str, Any]]) -> Callable[..., ProblemView]:
    """`question(EqualityCheckProblem, _var="x", _expected=3)`: a subclass with these class attributes,
    bound as `q_1` of a one-question exercise. Pass `name=` to name the class."""

    def make(base: type, name: str = "Q", **attrs: Any) -> ProblemView:
        return exercise(type(name, (base,), attrs))["q_1"]

    return make


@pytest.fixture(autouse=True)
def _close_pyplot_figures():
    """Close every pyplot figure a test left open, and give matplotlib's settings back as they were (notebook
    code run in a test may call `plt.rc(...)`), so that the next test starts from the same state."""
    import sys

    matplotlib = sys.modules.get("matplotlib")
    saved = dict(matplotlib.rcParams) if matplotlib is not None else None
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
    if matplotlib is not None and saved is not None:
        with __import__("warnings").catch_warnings():
            __import__("warnings").simplefilter("ignore")
            matplotlib.rcParams.update(saved)


@pytest.fixture(scope="session")
def class_gen():  # type: ignore[no-untyped-def]
    """benchmarks/class_gen.py, the generator of the benchmark class (a script, not a package module)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "class_gen.py"
    spec = importlib.util.spec_from_file_location("class_gen", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
