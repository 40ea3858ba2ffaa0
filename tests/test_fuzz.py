"""Learners type anything: every coding question of every exercise module, fed arbitrary values.

For each coding question (parts of multipart questions included) of every `learntools_cv.ex*` module, of every
lesson of the course (`learntools_cv.computer_vision.ex*`, each once) and of `tests/fuzz_exercise_two.py`,
the question's variables (`question.answer_names`) receive values drawn by
`fuzz_values.labelled_learner_values()`, in a namespace holding the exercise's setup (its `SETUP_CODE`, run
once per module) and what `from <exercise> import *` gives. For every value, `check()`:

- answers Incorrect or Not attempted (a checker error fails the test: it is a bug to fix), or also Correct
  for a question whose answer is the learner's own choice (FREE_CHOICE: any kernel of numbers, say);
- never raises;
- prints exactly its feedback (`evaluate().message` and a newline) and nothing else, even at file-descriptor
  level, and `evaluate()` prints nothing at all;
- records one event with the same status and message;
- answers within TIME_LIMIT seconds (plus the question's own time limit for learner code, when the value
  is a function that never returns);
- leaves the namespace unchanged: the same names, the same objects, the same values.

A second property overwrites or deletes the setup variables (`image_detect`, ...) of questions that have
them, around a right answer: the check may then say anything but must not fail as a checker. The tests at
the end pin what a few liars and too-large values get, and that a checker's bug is reported as the
checker's.

Examples per question: FUZZ_EXAMPLES (default 150), derandomized so that CI runs are reproducible. The counts
and the slowest answer per question are printed at the end of the module and written to fuzz-summary.json in
pytest's base temporary directory. See docs/robustness.md.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import itertools
import json
import os
import pkgutil
import re
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import fuzz_exercise_two as two
import fuzz_values as fv
import numpy as np
import pytest
from fuzz_values import DERIVED_KINDS, NEVER_RETURN, labelled_learner_values, learner_functions
from hypothesis import HealthCheck, assume, given, seed, settings
from hypothesis import strategies as st

import learntools_cv
import learntools_cv.ex3 as ex3
from learntools_cv.core import MultipartProblem, ProblemView, Session, Status, binder, current_session
from learntools_cv.core.record import EVENTS_ENV
from learntools_cv.core.richtext import CodeSolution

pytestmark = [
    pytest.mark.slow,
    # Reporting a failing example that holds a megabyte-long string warns; the failure itself is the news.
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
SEED = os.environ.get("FUZZ_SEED")
TIME_LIMIT = 1.0
"""Seconds one check may take, whatever the value: a bound on behaviour, not a benchmark."""
EXTRA_EXERCISES = ["fuzz_exercise_two"]
"""Exercise modules of the test suite itself, fuzzed like the package's own."""
LEARNER_STATUSES = {Status.INCORRECT, Status.NOT_ATTEMPTED}
FREE_CHOICE = {
    "learntools_cv.computer_vision.ex2:q_1": "any 3x3 kernel of numbers is right",
    "learntools_cv.computer_vision.ex2:q_7": "any kernel that brings out horizontal edges is right",
}
"""Questions whose right answers are many and the learner's choice: an arbitrary value may be one of them."""
SETUP_STATUSES = {Status.CORRECT, Status.INCORRECT, Status.NOT_ATTEMPTED}
DELETED = "deleted"
SNAPSHOT_BYTES = 64 * 2**20
"""Arrays up to this size are compared byte for byte; bigger ones by their data pointer, shape and strides."""


# ---------------------------------------------------------------------------------------------------------
# Discovery


def exercise_modules() -> list[str]:
    found = sorted(
        info.name
        for info in pkgutil.iter_modules(learntools_cv.__path__, "learntools_cv.")
        if info.name.rsplit(".", 1)[-1].startswith("ex")
    )
    course = importlib.import_module("learntools_cv.computer_vision")
    lessons = sorted(
        info.name
        for info in pkgutil.iter_modules(course.__path__, "learntools_cv.computer_vision.")
        if info.name.rsplit(".", 1)[-1].startswith("ex")
    )
    # A lesson learners also reach under its first name (learntools_cv.ex3) is fuzzed once, under that name.
    lessons = [name for name in lessons if f"learntools_cv.{name.rsplit('.', 1)[-1]}" not in found]
    return found + lessons + EXTRA_EXERCISES


def coding_questions(module: ModuleType) -> list[tuple[str, ProblemView]]:
    """The module's coding questions, by learner-facing name (`q_1`, `q_3.a`), parts of multipart ones too."""
    out: list[tuple[str, ProblemView]] = []
    for value in vars(module).values():
        views = value.parts.values() if isinstance(value, MultipartProblem) else [value]
        for view in views:
            if isinstance(view, ProblemView) and view.question.checks_anything:
                out.append((view.name, view))
    return sorted(out, key=lambda pair: pair[0])


@dataclass(frozen=True)
class Question:
    module: str
    name: str

    @property
    def id(self) -> str:
        return f"{self.module}:{self.name}"

    def view(self) -> ProblemView:
        return dict(coding_questions(importlib.import_module(self.module)))[self.name]


def all_questions() -> list[Question]:
    return [
        Question(name, qname)
        for name in exercise_modules()
        for qname, _ in coding_questions(importlib.import_module(name))
    ]


QUESTIONS = all_questions()


def test_discovery_finds_every_exercise_and_every_part() -> None:
    ids = [q.id for q in QUESTIONS]
    assert "learntools_cv.ex3:q_1" in ids
    assert "learntools_cv.computer_vision.ex2:q_1" in ids
    assert not any(i.startswith("learntools_cv.computer_vision.ex3:") for i in ids)  # fuzzed as learntools_cv.ex3
    assert {"fuzz_exercise_two:q_1", "fuzz_exercise_two:q_2.a", "fuzz_exercise_two:q_2.b"} <= set(ids)
    # Thought experiments have nothing to fuzz.
    assert "learntools_cv.ex3:q_2" not in ids


# ---------------------------------------------------------------------------------------------------------
# The notebook a question is checked in


@dataclass
class Setup:
    """An exercise's notebook state: its setup code's variables and its exports, built once per module."""

    namespace: dict[str, Any]
    near: tuple[np.ndarray, ...]
    """The setup's arrays as numpy, for values derived from them."""


def build_setup(module_name: str) -> Setup:
    module = importlib.import_module(module_name)
    ns: dict[str, Any] = {"__name__": "__main__"}
    setup_code = getattr(module, "SETUP_CODE", None)
    if setup_code:
        exec(setup_code, ns)
    near = tuple(_as_numpy(v) for k, v in ns.items() if not k.startswith("_") and _as_numpy(v) is not None)
    for name in getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]:
        ns[name] = getattr(module, name)
    return Setup(ns, tuple(a for a in near if a is not None and a.ndim >= 2 and a.size > 9))


def _as_numpy(value: Any) -> np.ndarray | None:
    if type(value) is np.ndarray:
        return value
    if type(value).__module__.startswith("tensorflow") and hasattr(value, "numpy"):
        array = value.numpy()
        return array if isinstance(array, np.ndarray) and array.dtype.kind in "fiub" else None
    return None


@pytest.fixture(scope="module")
def setups() -> Callable[[str], Setup]:
    """Each exercise's setup, computed once for the whole module; examples copy its namespace."""
    cache: dict[str, Setup] = {}

    def get(module_name: str) -> Setup:
        if module_name not in cache:
            cache[module_name] = build_setup(module_name)
        return cache[module_name]

    return get


@pytest.fixture
def core_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fuzz binds and records in a session of its own."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


# ---------------------------------------------------------------------------------------------------------
# Figures: examples per question and the slowest answer


@dataclass
class Figures:
    examples: int = 0
    slowest: float = 0.0
    slowest_kind: str = ""
    kinds: set[str] = field(default_factory=set)
    slowest_returning: float = 0.0
    """The slowest answer to a value that is not a function that never returns."""
    slowest_returning_kind: str = ""

    def add(self, seconds: float, kinds: list[str]) -> None:
        self.examples += 1
        self.kinds.update(kinds)
        label = " + ".join(kinds)
        if seconds >= self.slowest:
            self.slowest, self.slowest_kind = seconds, label
        if NEVER_RETURN not in label and seconds >= self.slowest_returning:
            self.slowest_returning, self.slowest_returning_kind = seconds, label


FIGURES: dict[str, Figures] = {}


@pytest.fixture(scope="module", autouse=True)
def summary(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    yield
    if not FIGURES:
        return
    rows = {
        key: {
            "examples": f.examples,
            "kinds": len(f.kinds),
            "slowest_ms": round(f.slowest * 1000, 1),
            "slowest_kind": f.slowest_kind,
            "slowest_returning_ms": round(f.slowest_returning * 1000, 1),
            "slowest_returning_kind": f.slowest_returning_kind,
        }
        for key, f in sorted(FIGURES.items())
    }
    path = tmp_path_factory.getbasetemp() / "fuzz-summary.json"
    path.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    lines = ["", f"fuzz summary ({path}):"]
    width = max(len(key) for key in rows)
    for key, row in rows.items():
        line = (
            f"  {key:<{width}}  {row['examples']:>5} inputs ({row['kinds']:>3} kinds)  "
            f"slowest {row['slowest_ms']:>7.1f} ms ({row['slowest_kind']})"
        )
        if row["slowest_kind"] != row["slowest_returning_kind"]:
            line += f"; otherwise {row['slowest_returning_ms']:.1f} ms ({row['slowest_returning_kind']})"
        lines.append(line)
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print("\n".join(lines))


# ---------------------------------------------------------------------------------------------------------
# Snapshots: the same names, the same objects, the same values


ATOMIC = frozenset({type(None), bool, int, float, complex, str, bytes})
"""Immutable types: the same object is the same value."""


def fingerprint(value: Any, depth: int = 0, seen: frozenset[int] = frozenset()) -> Any:
    """Plain data (ids, bytes, tuples) that changes if `value` or anything it holds changes. Never calls a
    method of the value's own class, so liars cannot fool it."""
    cls = type(value)
    key: tuple[Any, ...] = (cls, id(value))
    if depth > 40 or id(value) in seen:
        return key
    seen = seen | {id(value)}
    if issubclass(cls, np.ndarray):
        return key + _array_fingerprint(value)
    if cls in (set, frozenset):  # their items are hashable, so immutable enough: ids say it all
        return key + (tuple(sorted(map(id, value))),)
    if cls in (list, tuple):
        inner = tuple(fingerprint(v, depth + 1, seen) for v in value if type(v) not in ATOMIC)
        return key + (tuple(map(id, value)), inner)
    if cls is dict:
        inner = tuple(fingerprint(v, depth + 1, seen) for v in value.values() if type(v) not in ATOMIC)
        return key + (tuple(map(id, value)), tuple(map(id, value.values())), inner)
    if cls is bytearray:
        return key + (bytes(value),)
    if issubclass(cls, types.GeneratorType):
        return key + (inspect.getgeneratorstate(value),)
    if cls is itertools.count:
        return key + (repr(value),)
    module = getattr(cls, "__module__", "")
    if isinstance(module, str) and module.startswith("tensorflow"):
        return key + _tensorflow_fingerprint(value) + _attributes(value)
    return key + _attributes(value)


def _array_fingerprint(array: np.ndarray) -> tuple[Any, ...]:
    shape = np.ndarray.shape.__get__(array)
    strides = np.ndarray.strides.__get__(array)
    pointer = np.ndarray.__array_interface__.__get__(array)["data"][0]
    parts: tuple[Any, ...] = (shape, strides, pointer, str(np.ndarray.dtype.__get__(array)))
    nbytes = np.ndarray.nbytes.__get__(array)
    if nbytes <= SNAPSHOT_BYTES and 0 not in strides:
        parts += (np.ndarray.tobytes(array),)
    if isinstance(array, np.ma.MaskedArray):
        parts += (np.ndarray.tobytes(np.ma.getmaskarray(array)),)
    return parts


def _tensorflow_fingerprint(value: Any) -> tuple[Any, ...]:
    import tensorflow as tf

    if isinstance(value, tf.RaggedTensor):
        return (value.flat_values.numpy().tobytes(), value.row_splits.numpy().tobytes())
    if isinstance(value, tf.sparse.SparseTensor):
        return (value.values.numpy().tobytes(), value.indices.numpy().tobytes())
    if isinstance(value, (tf.Tensor, tf.Variable)) and hasattr(value, "numpy") and value.shape.is_fully_defined():
        array = np.asarray(value.numpy())  # a 0-d tensor gives a scalar (bytes, for a string)
        return (array.tolist() if array.dtype.kind == "O" else array.tobytes(), array.shape)
    return ()


def _attributes(value: Any) -> tuple[Any, ...]:
    """The ids of the object's own attributes (a Keras layer that gets built gains some)."""
    try:
        attrs = object.__getattribute__(value, "__dict__")
    except Exception:
        return ()
    if not isinstance(attrs, dict):
        return ()
    # Dunder entries are a library's caches (numpy stores a ufunc's `__signature__` once it is asked for).
    own = ((str(k), id(v)) for k, v in attrs.items() if not (str(k).startswith("__") and str(k).endswith("__")))
    return (tuple(sorted(own)),)


def snapshot(ns: dict[str, Any]) -> dict[str, Any]:
    return {name: fingerprint(value) for name, value in ns.items()}


# ---------------------------------------------------------------------------------------------------------
# One example


def time_limit(view: ProblemView, kind: str) -> float:
    """TIME_LIMIT; plus the question's own time limit for learner code when the value is a function that
    never returns (the check has to wait that long before it can say so)."""
    if NEVER_RETURN in kind and view.question.is_function:
        return TIME_LIMIT + float(getattr(view.question, "_timeout", 0.5))
    return TIME_LIMIT


def _no_addresses(text: str) -> str:
    """A repr's memory address (`<generator object f at 0x7f...>`) differs between two calls."""
    return re.sub(r"0x[0-9a-f]+", "0x...", text)


def check_once(
    view: ProblemView,
    ns: dict[str, Any],
    kinds: list[str],
    capfd: pytest.CaptureFixture[str],
    figures: Figures,
    allowed: set[Status],
) -> None:
    kind = " + ".join(kinds)
    binder.bind(ns)
    before = snapshot(ns)
    events = len(current_session().record.events)
    capfd.readouterr()

    start = time.perf_counter()
    view.check()
    elapsed = time.perf_counter() - start
    shown = capfd.readouterr()

    start = time.perf_counter()
    outcome = view.evaluate()
    # The faster of two runs: a garbage collection or a busy machine is not the check's doing.
    elapsed = min(elapsed, time.perf_counter() - start)
    quiet = capfd.readouterr()
    figures.add(elapsed, kinds)

    assert outcome.status in allowed, f"{kind}: {outcome.message}"
    assert _no_addresses(shown.out) == _no_addresses(outcome.message + "\n"), kind
    assert shown.err == "", kind
    assert quiet.out == quiet.err == "", kind
    assert elapsed < time_limit(view, kind), f"{kind}: {elapsed:.2f} s"
    assert len(current_session().record.events) == events + 1
    event = current_session().record.events[-1]
    assert (event.status, _no_addresses(event.message)) == (outcome.status, _no_addresses(outcome.message))
    del current_session().record.events[events:]
    assert binder.bound_namespace() is ns
    after = snapshot(ns)
    assert after.keys() == before.keys(), kind
    changed = [name for name in before if after[name] != before[name]]
    assert not changed, f"{kind}: check() changed {changed}"


SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=SEED is None,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def seeded(test: Callable[..., None]) -> Callable[..., None]:
    """With FUZZ_SEED set, draw other inputs than CI's derandomized ones, reproducibly."""
    return seed(int(SEED))(test) if SEED is not None else test


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_any_learner_value_gets_a_worded_answer_quickly_and_changes_nothing(
    question: Question, setups: Callable[[str], Setup], capfd: pytest.CaptureFixture[str], core_state: None
) -> None:
    view = question.view()
    setup = setups(question.module)
    names = view.question.answer_names
    figures = FIGURES.setdefault(question.id, Figures())
    one_value = labelled_learner_values(setup.near)
    if view.question.is_function:  # half of the values are functions, then
        one_value = st.one_of(one_value, learner_functions())
    values = st.tuples(*[one_value for _ in names])
    right = solution_values(view, setup)

    @seeded
    @SETTINGS
    @given(values)
    def run(pairs: tuple[tuple[str, Any], ...]) -> None:
        # A value made from the setup's own arrays may happen to be this question's right answer.
        assume(not any(is_right(kind, value, right.get(name)) for name, (kind, value) in zip(names, pairs)))
        ns = dict(setup.namespace)
        ns.update({name: value for name, (_, value) in zip(names, pairs)})
        check_once(view, ns, [kind for kind, _ in pairs], capfd, figures, learner_statuses(question))

    run()


def learner_statuses(question: Question) -> set[Status]:
    """What an arbitrary value may get: never Correct, unless the question's answer is the learner's choice."""
    return LEARNER_STATUSES | ({Status.CORRECT} if question.id in FREE_CHOICE else set())


def solution_values(view: ProblemView, setup: Setup) -> dict[str, Any]:
    """The question's variables after its own solution runs in the setup's namespace."""
    solution = view.question.solution_value
    if not isinstance(solution, CodeSolution):
        return {}
    ns = dict(setup.namespace)
    exec(view.question.given or "", ns)  # what the question's earlier cells made (a model to compile)
    exec(solution.code, ns)
    return {name: ns[name] for name in view.question.answer_names if name in ns}


def is_right(kind: str, value: Any, right: Any) -> bool:
    """Whether a value derived from the setup's arrays (only those: nothing else is safe to convert here)
    holds the same numbers as the right answer."""
    if right is None or not kind.startswith(DERIVED_KINDS):
        return False
    try:
        a = np.asarray(value, dtype=np.float64).squeeze()
        r = np.asarray(right, dtype=np.float64).squeeze()
    except Exception:
        return False
    return a.shape == r.shape and bool(np.allclose(a, r, rtol=1e-3, atol=1e-3, equal_nan=True))


def _setup_questions() -> list[Question]:
    out = []
    for q in QUESTIONS:
        question = q.view().question
        if len(question.parameter_names) > len(question.answer_names) and isinstance(question.solution_value, CodeSolution):
            out.append(q)
    return out


@pytest.mark.parametrize("question", _setup_questions(), ids=lambda q: q.id)
def test_overwritten_or_deleted_setup_variables_never_break_the_checker(
    question: Question, setups: Callable[[str], Setup], capfd: pytest.CaptureFixture[str], core_state: None
) -> None:
    view = question.view()
    setup = setups(question.module)
    solved = dict(setup.namespace)
    exec(view.question.given or "", solved)  # what the question's earlier cells made (a model to compile)
    exec(view.question.solution_value.code, solved)
    view_names = [n for n in view.question.parameter_names if n not in view.question.answer_names]
    figures = FIGURES.setdefault(question.id + " (setup variables)", Figures())
    replacement = st.one_of(st.just((DELETED, None)), labelled_learner_values(setup.near))
    values = st.lists(st.tuples(st.sampled_from(view_names), replacement), min_size=1, max_size=3)

    @seeded
    @SETTINGS
    @given(values)
    def run(changes: list[tuple[str, tuple[str, Any]]]) -> None:
        ns = dict(solved)
        kinds = []
        for name, (kind, value) in changes:
            kinds.append(f"{name}: {kind}")
            if kind == DELETED:
                ns.pop(name, None)
            else:
                ns[name] = value
        check_once(view, ns, kinds, capfd, figures, SETUP_STATUSES)

    run()


NESTINGS: dict[str, Callable[[Any], Any]] = {
    "bare": lambda liar: liar,
    "in a list": lambda liar: [liar, liar, liar],
    "in a dict": lambda liar: {2: liar, 4: liar, 8: liar},
}
"""How the table below hands each liar over. Three items, and the keys 2, 4 and 8, fit questions that
expect a sequence or a mapping (q_6 maps distances 2, 4 and 8)."""

def _liar_table() -> list[Any]:
    params = []
    for question in QUESTIONS:
        for nesting in NESTINGS:
            params.append(pytest.param(question, nesting, id=f"{question.id}-{nesting}"))
    return params


@pytest.mark.parametrize(("question", "nesting"), _liar_table())
def test_every_liar_bare_or_nested_gets_a_worded_answer(
    question: Question,
    nesting: str,
    setups: Callable[[str], Setup],
    capfd: pytest.CaptureFixture[str],
    core_state: None,
) -> None:
    """Every liar class, for every variable of every question: the same promises as the fuzz above, without
    leaving to chance which liar ends up inside a container."""
    view = question.view()
    setup = setups(question.module)
    figures = FIGURES.setdefault(f"{question.id} (every liar, {nesting})", Figures())
    for name in view.question.answer_names:
        for label, make in fv.LIARS:
            ns = dict(setup.namespace)
            ns.update({other: None for other in view.question.answer_names if other != name})
            ns[name] = NESTINGS[nesting](make())
            check_once(view, ns, [f"liar: {label} ({nesting})"], capfd, figures, learner_statuses(question))


def test_the_right_answer_passes_in_the_fuzz_namespace(
    setups: Callable[[str], Setup], core_state: None
) -> None:
    """The namespace the fuzz builds is a real notebook: each question's own solution passes in it."""
    for question in QUESTIONS:
        view = question.view()
        solution = view.question.solution_value
        if not isinstance(solution, CodeSolution):
            continue
        ns = dict(setups(question.module).namespace)
        exec(view.question.given or "", ns)
        exec(solution.code, ns)
        binder.bind(ns)
        outcome = view.evaluate()
        assert outcome.status is Status.CORRECT, f"{question.id}: {outcome.message}"


# ---------------------------------------------------------------------------------------------------------
# Values that lie cannot pass; too-large values are judged by their shape; checker bugs are the checker's


def test_a_checker_bug_is_reported_as_the_checkers_fault_and_recorded_apart(
    core_state: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from learntools_cv.core import EqualityCheckProblem, bind_exercises

    class Buggy(EqualityCheckProblem):
        _var = "x"
        _expected = 3

        def check(self, x: Any) -> None:
            return {}["missing"]

    module: dict[str, Any] = {"__name__": "tests.buggy"}
    bind_exercises(module, [Buggy], var_format="q_{n}")
    binder.bind({"x": 3})
    module["q_1"].check()

    shown = capsys.readouterr().out
    assert shown == (
        "Checker error: The checker for `q_1` failed: it raised `KeyError: 'missing'`. This is a bug in the "
        "exercise, not a mistake in your answer. Please report it; meanwhile, compare your code with the "
        "hints.\n"
    )
    event = current_session().record.events[-1]
    assert (event.exercise, event.question, event.status) == ("tests.buggy", "q_1", Status.CHECKER_ERROR)
    assert event.status.value == "checker_error"


# A few of the values above, pinned one by one: what a liar and a huge value get.

_RIGHT_PATCH = np.array([[5.25, 7.5], [13.0, 15.75]])


@pytest.mark.parametrize(
    ("values", "says"),
    [
        pytest.param(
            {"pool_stride": fv.EqualsEverything(), "pool_mode": fv.EqualsEverything()},
            "Incorrect: Expected `pool_stride` to be a number, but it is an `EqualsEverything` object",
            id="claims-to-equal-everything",
        ),
        pytest.param(
            {"pool_stride": fv.LyingInt(2), "pool_mode": fv.LyingStr("MAX")},
            "Incorrect: Expected `pool_stride` to be a whole number, but it is a `LyingInt` object.",
            id="int-and-str-that-claim-equality",
        ),
        pytest.param(
            {"pool_stride": fv.ClassLiesInt(), "pool_mode": "MAX"},
            "Incorrect: `pool_stride` is a `fuzz_values.ClassLiesInt` object that claims to be a `int`.",
            id="class-claims-int",
        ),
        pytest.param(
            {"pool_stride": fv.GetattributeRaises(), "pool_mode": "MAX"},
            "Incorrect: `pool_stride` is a `fuzz_values.GetattributeRaises` object that raises `RuntimeError` when asked "
            "what it is.",
            id="every-attribute-raises",
        ),
        pytest.param(
            {"pooled_patch": np.zeros((3, 3)).view(fv.LyingShapeArray)},
            "Incorrect: `pooled_patch` has shape `(3, 3)`, but it should have shape `(2, 2)`.",
            id="array-whose-shape-lies",
        ),
        pytest.param(
            {"pooled_patch": fv.FakeTensor()},
            "Incorrect: `pooled_patch` is a `fuzz_values.FakeTensor` object, but it should be a tensor or an array.",
            id="duck-typed-tensor",
        ),
        pytest.param(
            {"pooled_patch": np.array([fv.EqualsEverything()] * 4, dtype=object).reshape(2, 2)},
            "Incorrect: `pooled_patch` is an array of Python objects, but it should be a "
            "tensor or an array.",
            id="object-array-of-liars",
        ),
    ],
)
def test_values_that_lie_cannot_pass(values: dict[str, Any], says: str, core_state: None) -> None:
    binder.bind(values)
    view = two.q_2.b if "pooled_patch" in values else two.q_2.a
    assert view.evaluate().message.startswith(says)


def test_an_object_array_that_claims_equality_is_not_compared_with_its_own_eq(core_state: None) -> None:
    binder.bind({"pooled_size": lambda size: np.array([fv.EqualsEverything()], dtype=object)})
    outcome = two.q_1.evaluate()
    assert outcome.status is Status.INCORRECT


@pytest.mark.parametrize(
    ("question", "values", "says"),
    [
        pytest.param(
            "q_2.b",
            {"pooled_patch": np.broadcast_to(np.float64(5.25), (40_000, 40_000))},
            "Incorrect: `pooled_patch` has shape `(40000, 40000)`, but it should have shape `(2, 2)`.",
            id="equality-answer",
        ),
        pytest.param(
            "ex3.q_1",
            {"image_condense": np.broadcast_to(np.float32(1), (40_000, 40_000)),
             "image_detect": np.ones((1, 8, 8, 1), np.float32)},
            "Incorrect: `image_condense` has shape `(40000, 40000)`, but maximum pooling",
            id="pooling-answer",
        ),
        pytest.param(
            "ex3.q_1",
            {"image_condense": np.zeros((1, 4, 4, 1), np.float32),
             "image_detect": np.broadcast_to(np.float32(1), (1, 40_000, 40_000, 1))},
            "Incorrect: `image_detect` has shape `(1, 40000, 40000, 1)`: 1,600,000,000 values, far too many "
            "to check.",
            id="pooling-source",
        ),
        pytest.param(
            "ex3.q_5",
            {"pooled_scores": np.zeros((1, 4)), "feature_maps": np.broadcast_to(np.float32(1), (1, 40_000, 40_000, 1))},
            "Incorrect: `feature_maps` has shape `(1, 40000, 40000, 1)`: 1,600,000,000 values, far too many "
            "to check.",
            id="global-pooling-source",
        ),
    ],
)
def test_a_value_too_large_to_compare_is_judged_by_its_shape_without_loading_it(
    question: str, values: dict[str, Any], says: str, core_state: None
) -> None:
    import tracemalloc

    module = ex3 if question.startswith("ex3.") else two
    view = dict(coding_questions(module))[question.removeprefix("ex3.")]
    binder.bind(values)
    tracemalloc.start()
    try:
        start = time.perf_counter()
        outcome = view.evaluate()
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.message.startswith(says)
    assert peak < 16 * 2**20  # bytes: the 1.6 billion values (6.4 GB as float32) were never copied
    assert elapsed < 0.5
