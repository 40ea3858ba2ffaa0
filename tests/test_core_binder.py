"""The binder: questions read learner variables from the namespace a notebook's setup cell binds.

Notebook cells are simulated by running source code in a plain dict, as the kernel does with its globals.
"""

from __future__ import annotations

import copy
import types
from typing import Any

import numpy as np
import pytest

from learntools_cv.core import (
    CodingProblem,
    EqualityCheckProblem,
    FunctionProblem,
    MultipartProblem,
    Status,
    ThoughtExperiment,
    binder,
)
from learntools_cv.core.session import NotBound, Session

SETUP_MESSAGE = (
    "Not attempted: This notebook is not set up yet. Run the setup cell at the top first "
    "(it calls `binder.bind(globals())`), then check again."
)


def run_cell(notebook: dict[str, Any], source: str) -> None:
    exec(compile(source, "<cell>", "exec"), notebook)


class Three(EqualityCheckProblem):
    _var = "x"
    _expected = 3


def test_bind_globals_then_check(exercise, capsys):
    q = exercise(Three)["q_1"]
    notebook: dict[str, Any] = {"__name__": "__main__"}
    run_cell(notebook, "from learntools_cv.core import binder\nbinder.bind(globals())")
    run_cell(notebook, "x = 3")
    q.check()
    assert capsys.readouterr().out == "Correct\n"
    run_cell(notebook, "x = 4")
    assert q.evaluate().message == "Incorrect: Incorrect value for `x`: `4`."


@pytest.mark.parametrize("kind", [Three, type("F", (FunctionProblem,), {"_var": "f", "_test_cases": [(1, 1)]})])
def test_check_before_any_bind_is_not_attempted_with_the_setup_message(exercise, kind):
    q = exercise(kind)["q_1"]
    assert not binder.bound
    outcome = q.evaluate()
    assert outcome.status is Status.NOT_ATTEMPTED
    assert outcome.message == SETUP_MESSAGE


def test_unbound_namespace_raises_not_bound():
    with pytest.raises(NotBound):
        binder.namespace()


def test_a_question_made_before_binding_works_after(exercise):
    q = exercise(Three)["q_1"]
    assert q.evaluate().message == SETUP_MESSAGE
    binder.bind({"x": 3})
    assert q.evaluate().passed


def test_binding_again_takes_effect(exercise):
    q = exercise(Three)["q_1"]
    first: dict[str, Any] = {"x": 4}
    second: dict[str, Any] = {"x": 3}
    binder.bind(first)
    assert q.evaluate().status is Status.INCORRECT
    binder.bind(second)
    assert q.evaluate().passed
    binder.bind(first)  # re-running the setup cell of the first notebook
    assert q.evaluate().status is Status.INCORRECT


def test_variables_are_read_at_check_time(exercise, ns):
    q = exercise(Three)["q_1"]
    assert q.evaluate().status is Status.NOT_ATTEMPTED
    ns["x"] = 3
    assert q.evaluate().passed
    del ns["x"]
    assert q.evaluate().status is Status.NOT_ATTEMPTED


def test_unbind(ns, exercise):
    q = exercise(Three)["q_1"]
    ns["x"] = 3
    assert binder.bound and q.evaluate().passed
    binder.unbind()
    assert not binder.bound
    assert q.evaluate().message == SETUP_MESSAGE


@pytest.mark.parametrize(
    ("value", "type_shown"),
    [
        ([], "list"),
        (None, "NoneType"),
        ("globals", "str"),
        (globals, "builtin_function_or_method"),  # forgot the parentheses
        (types.MappingProxyType({}), "mappingproxy"),
        (types.SimpleNamespace(), "SimpleNamespace"),
    ],
)
def test_bind_needs_a_dict(value, type_shown):
    with pytest.raises(TypeError) as info:
        binder.bind(value)
    assert str(info.value) == (
        "binder.bind() needs the notebook's namespace: call binder.bind(globals()). "
        f"It got a {type_shown}."
    )
    assert not binder.bound


def test_the_namespace_view_is_read_only(ns):
    ns["x"] = 1
    view = binder.namespace()
    assert view["x"] == 1
    with pytest.raises(TypeError):
        view["x"] = 2  # type: ignore[index]
    assert binder.readonly_globals()["x"] == 1  # learntools' name


class Pair(EqualityCheckProblem):
    _vars = ["a", "b"]
    _expected = [[1, 2], {"k": (1, 2)}]


class Doubler(FunctionProblem):
    _var = "double"
    _test_cases = [([1, 2], [1, 2, 1, 2]), (3, 6)]


class Grid(CodingProblem):
    _var = "grid"
    _setup_vars = ["image"]

    def check(self, grid, image):
        if not np.array_equal(grid, image * 2):
            raise AssertionError("`grid` should be twice `image`.")


class Think(ThoughtExperiment):
    _solution = "Think."


def test_the_namespace_is_never_written(exercise, ns):
    g = exercise(Pair, Doubler, Grid, Think, MultipartProblem(Three, Think))

    def double(items):
        items *= 2  # mutates its argument: must only ever get a copy
        return items

    ns.update(
        a=[1, 2],
        b={"k": (1, 2)},
        double=double,
        grid=np.arange(4.0) * 2,
        image=np.arange(4.0),
        x=[3],
        unrelated=object(),
    )
    assert [g[name].evaluate().status for name in ("q_1", "q_2", "q_3")] == [Status.CORRECT] * 3
    before = dict(ns)
    deep_before = {k: copy.deepcopy(v) for k, v in ns.items() if k not in ("unrelated", "double")}
    for _ in range(3):
        for name in ("q_1", "q_2", "q_3", "q_4"):
            g[name].check()
            g[name].hint()
            g[name].solution()
            g[name].evaluate()
        g["q_5"].a.check()
        g["q_5"].b.check()
        g["q_5"].check()
    assert list(ns) == list(before)
    assert all(ns[k] is v for k, v in before.items())
    for k, v in deep_before.items():
        assert type(ns[k]) is type(v)
        if isinstance(v, np.ndarray):
            np.testing.assert_array_equal(ns[k], v)
        else:
            assert ns[k] == v
    assert "____" not in ns and "q_1" not in ns


def test_bound_to_binds_for_a_block_and_restores_what_was_bound():
    outer, inner = {"x": 1}, {"x": 2}
    binder.bind(outer)
    with binder.bound_to(inner):
        assert binder.namespace()["x"] == 2
    assert binder.bound_namespace() is outer
    binder.unbind()
    with binder.bound_to(inner):
        assert binder.bound_namespace() is inner
    assert binder.bound_namespace() is None


def test_a_silent_session_makes_the_learner_calls_do_nothing(capsys):
    import learntools_cv.computer_vision.ex3 as ex3

    namespace = {"image_condense": 1}
    with Session(namespace, silent=True).activated() as session:
        ex3.q_1.check()
        ex3.q_1.hint()
        ex3.q_1.solution()
        assert capsys.readouterr() == ("", "")
        assert session.record.events == []
        # A grader's own call still judges.
        assert ex3.q_1.evaluate({"image_condense": None, "image_detect": [[1.0]]}).status.value == "incorrect"
