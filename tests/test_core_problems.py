"""Question types: what each one says for every correct form and every known mistake.

Messages are what a learner reads, so they are pinned word for word, in their plain rendering
(`Outcome.message`); test_core_render.py covers the markdown rendering.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np
import pytest

from learntools_cv.core import (
    AuthoringError,
    CodingProblem,
    EqualityCheckProblem,
    FunctionProblem,
    Incorrect,
    MultipartProblem,
    NotAttempted,
    Status,
    ThoughtExperiment,
    ____,
    bind_exercises,
)

# ---- learner values that try to pass by claiming equality ----


class AlwaysEqual:
    """A learner object whose `==` says yes to everything."""

    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return "AlwaysEqual()"


class EqualStr(str):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = str.__hash__


class EqualInt(int):
    def __eq__(self, other: object) -> bool:
        return True

    __hash__ = int.__hash__


class EqualList(list):
    def __eq__(self, other: object) -> bool:
        return True


class EqualArray(np.ndarray):
    def __eq__(self, other: object) -> Any:
        return np.ones(np.ndarray.shape.__get__(self), dtype=bool)


GRID = np.array([[1.0, 2.0], [3.0, 4.0]])


# ---- EqualityCheckProblem ----


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        (3, 3),
        (3, 3.0),
        (3, np.int64(3)),
        (0.1, 0.1 + 1e-12),
        (0.5, np.float32(0.5)),
        (1e6, 1e6 * (1 + 1e-7)),
        (True, True),
        # learntools compares with `==`, for which a boolean is the number it stands for.
        (True, 1),
        (1, True),
        (0.0, False),
        ([True, False], [1, 0]),
        ("cat", "cat"),
        (None, None),
        ([1, 2], [1, 2]),
        ([1.0, [2.0, "x"]], [1.0 + 1e-12, [2.0, "x"]]),
        ((2, 2), (2, 2)),
        ({"a": 1, "b": [0.5]}, {"b": [0.5], "a": 1}),
        ({1, 2}, {2, 1}),
        (GRID, GRID.copy()),
        (GRID, GRID + 1e-9),
        (GRID, GRID.astype(np.float32)),
        (GRID, GRID.astype(int)),
    ],
)
def test_equality_passes(question, ns, expected, actual):
    q = question(EqualityCheckProblem, _var="x", _expected=expected)
    ns["x"] = actual
    outcome = q.evaluate()
    assert outcome.status is Status.CORRECT, outcome.message
    assert outcome.message == "Correct"


@pytest.mark.parametrize(
    ("expected", "actual", "message"),
    [
        (3, 4, "Incorrect value for `x`: `4`."),
        (0.1, 0.1001, "Incorrect value for `x`: `0.1001`."),
        (3, float("nan"), "Incorrect value for `x`: `nan`."),
        (3, "3", "Expected `x` to be a number, but it is a string (`'3'`)."),
        (3, None, "Expected `x` to be a number, but it is `None`."),
        (3, True, "Expected `x` to be a number, but it is a boolean (`True`)."),
        (3, [3], "Expected `x` to be a number, but it is a list (`[3]`)."),
        (True, 2, "Incorrect value for `x`: `2`."),
        (False, None, "Incorrect value for `x`: `None`."),
        ("cat", "dog", "Incorrect value for `x`: `'dog'`."),
        ("cat", 3, "Incorrect value for `x`: `3`."),
        ([1, 2], [2, 1], "Incorrect value for `x`: `[2, 1]`."),
        ([1, 2], (1, 2), "Incorrect value for `x`: `(1, 2)`."),
        ([1, 2], [1, 2, 3], "Incorrect value for `x`: `[1, 2, 3]`."),
        ({"a": 1}, {"a": 2}, "Incorrect value for `x`: `{'a': 2}`."),
        ({"a": 1}, {"b": 1}, "Incorrect value for `x`: `{'b': 1}`."),
        ("cat", object, "Expected `x` to be a string, but it is the class `object`."),
        (
            GRID,
            GRID.tolist(),
            "`x` is a Python list, but it should be a tensor or an array.",
        ),
        (
            GRID,
            np.zeros((3, 2)),
            "`x` has shape `(3, 2)`, but it should have shape `(2, 2)`.",
        ),
        (
            GRID,
            GRID.ravel(),
            "`x` has shape `(4,)`, but it should have shape `(2, 2)`.",
        ),
        (
            GRID,
            np.array([[1.0, 2.0], [3.5, 4.0]]),
            "`x` has the right shape, but its values are off. 1 of 4 values (25%) differs. "
            "The largest difference is 0.5, at [1, 0]. The first one is at [1, 0].",
        ),
        (
            GRID,
            GRID + 0.5,
            "`x` has the right shape, but its values are off. 4 of 4 values (100%) differ. "
            "The largest difference is 0.5, at [0, 0]. The first ones are at [0, 0], [0, 1], [1, 0].",
        ),
    ],
)
def test_equality_fails_with_message(question, ns, expected, actual, message):
    q = question(EqualityCheckProblem, _var="x", _expected=expected)
    ns["x"] = actual
    outcome = q.evaluate()
    assert outcome.status is Status.INCORRECT
    assert outcome.message == "Incorrect: " + message


@pytest.mark.parametrize(
    ("expected", "liar", "message"),
    [
        (3, AlwaysEqual(), "Expected `x` to be a number, but it is an `AlwaysEqual` object (`AlwaysEqual()`)."),
        ("cat", AlwaysEqual(), "Expected `x` to be a string, but it is an `AlwaysEqual` object."),
        ([1, 2], AlwaysEqual(), "Expected `x` to be a list, but it is an `AlwaysEqual` object."),
        ({"a": 1}, AlwaysEqual(), "Expected `x` to be a dict, but it is an `AlwaysEqual` object."),
        (None, AlwaysEqual(), "Expected `x` to be `None`, but it is an `AlwaysEqual` object."),
        ("cat", EqualStr("dog"), "Expected `x` to be a string, but it is an `EqualStr` object."),
        (3, EqualInt(4), "Expected `x` to be a whole number, but it is an `EqualInt` object."),
        ([1, 2], EqualList([0]), "Expected `x` to be a list, but it is an `EqualList` object."),
        ([1, 2], [1, AlwaysEqual()], "Expected `x` to be a list, but it is a list."),
        (
            GRID,
            AlwaysEqual(),
            "`x` is a `test_core_problems.AlwaysEqual` object, but it should be a tensor or an array.",
        ),
        (
            GRID,
            np.zeros((2, 2)).view(EqualArray),
            "`x` has the right shape, but its values are off. 4 of 4 values (100%) differ. "
            "The largest difference is 4, at [1, 1]. The first ones are at [0, 0], [0, 1], [1, 0].",
        ),
    ],
)
def test_equality_is_never_fooled_by_a_learner_eq(question, ns, expected, liar, message):
    q = question(EqualityCheckProblem, _var="x", _expected=expected)
    ns["x"] = liar
    outcome = q.evaluate()
    assert outcome.status is Status.INCORRECT
    assert outcome.message == "Incorrect: " + message


def test_equality_tolerance_can_be_set_per_question(question, ns):
    q = question(EqualityCheckProblem, _var="x", _expected=1.0, rtol=0.1)
    ns["x"] = 1.05
    assert q.evaluate().status is Status.CORRECT
    ns["x"] = 1.2
    assert q.evaluate().message == "Incorrect: Incorrect value for `x`: `1.2`."


def test_equality_single_variable_expected_may_be_wrapped_in_a_list(question, ns):
    # learntools' special case: with one variable, a one-element list holds the expected value itself.
    q = question(EqualityCheckProblem, _var="x", _expected=[5])
    ns["x"] = 5
    assert q.evaluate().passed
    q = question(EqualityCheckProblem, _var="x", _expected=[[5]])
    ns["x"] = [5]
    assert q.evaluate().passed


def test_equality_failure_message_replaces_the_default(question, ns):
    q = question(EqualityCheckProblem, _var="x", _expected=3, _failure_message="Count the channels again.")
    ns["x"] = 4
    assert q.evaluate().message == "Incorrect: Count the channels again."
    # a wrong type still gets the worded type message
    ns["x"] = "three"
    assert q.evaluate().message == "Incorrect: Expected `x` to be a number, but it is a string (`'three'`)."


@pytest.mark.parametrize(
    ("a", "b", "status", "message"),
    [
        (1, "b", Status.CORRECT, "Correct"),
        (2, "b", Status.INCORRECT, "Incorrect: Incorrect value for `a`: `2`."),
        (1, "c", Status.INCORRECT, "Incorrect: Incorrect value for `b`: `'c'`."),
        (2, "c", Status.INCORRECT, "Incorrect: Incorrect value for `a`: `2`."),
        (0, "", Status.NOT_ATTEMPTED, "Not attempted: You still need to update the code that sets `a`, `b`."),
        (0, "b", Status.INCORRECT, "Incorrect: Incorrect value for `a`: `0`."),
        (1, "", Status.INCORRECT, "Incorrect: Incorrect value for `b`: `''`."),
    ],
)
def test_equality_multiple_variables_and_default_values(question, ns, a, b, status, message):
    q = question(EqualityCheckProblem, _vars=["a", "b"], _expected=[1, "b"], _default_values=[0, ""])
    ns.update(a=a, b=b)
    outcome = q.evaluate()
    assert (outcome.status, outcome.message) == (status, message)


@pytest.mark.parametrize(
    ("default", "value", "status"),
    [
        (0, 0, Status.NOT_ATTEMPTED),
        (0, 0.0, Status.NOT_ATTEMPTED),
        ([], [], Status.NOT_ATTEMPTED),
        (0, 1, Status.INCORRECT),
        (0, AlwaysEqual(), Status.INCORRECT),  # its == must not make it look untouched
    ],
    ids=repr,
)
def test_default_values_mean_not_attempted(question, ns, default, value, status):
    q = question(EqualityCheckProblem, _var="x", _expected=3, _default_values=[default])
    ns["x"] = value
    outcome = q.evaluate()
    assert outcome.status is status
    if status is Status.NOT_ATTEMPTED:
        assert outcome.message == "Not attempted: You still need to update the code that sets `x`."


# ---- CodingProblem ----


_CHECKERS = """
def check_pass(self, x):
    pass

def check_incorrect(self, x):
    raise Incorrect("The kernel should be *symmetric*.")

def check_incorrect_empty(self, x):
    raise Incorrect()

def check_assert(self, x):
    assert x == 3, "`x` should be 3, but it is {}.".format(x)

def check_assert_bare(self, x):
    assert x == 3

def check_not_attempted(self, x):
    raise NotAttempted("Fill in the kernel first.")

def check_not_attempted_empty(self, x):
    raise NotAttempted()
"""
# Compiled here rather than written as functions: pytest rewrites the asserts of test modules (adding
# "assert 2 == 3" to their messages), and an exercise module's asserts are never rewritten.
CHECKERS: dict[str, Any] = {"Incorrect": Incorrect, "NotAttempted": NotAttempted}
exec(compile(_CHECKERS, "<exercise module>", "exec"), CHECKERS)


def _checker(action: str):
    return CHECKERS["check_" + action.replace("-", "_")]


@pytest.mark.parametrize(
    ("action", "x", "status", "message"),
    [
        ("pass", 1, Status.CORRECT, "Correct"),
        ("assert", 3, Status.CORRECT, "Correct"),
        ("incorrect", 1, Status.INCORRECT, "Incorrect: The kernel should be symmetric."),
        ("incorrect-empty", 1, Status.INCORRECT, "Incorrect: Not quite. Try again!"),
        ("assert", 2, Status.INCORRECT, "Incorrect: `x` should be 3, but it is 2."),
        ("assert-bare", 2, Status.INCORRECT, "Incorrect: Not quite. Try again!"),
        ("not-attempted", 1, Status.NOT_ATTEMPTED, "Not attempted: Fill in the kernel first."),
        (
            "not-attempted-empty",
            1,
            Status.NOT_ATTEMPTED,
            "Not attempted: When you have updated the starter code, `q_1.check()` will tell you whether it is right.",
        ),
    ],
)
def test_coding_problem_custom_check(question, ns, action, x, status, message):
    q = question(CodingProblem, _var="x", check=_checker(action))
    ns["x"] = x
    outcome = q.evaluate()
    assert (outcome.status, outcome.message) == (status, message)


def test_coding_problem_receives_variables_then_setup_variables_in_order(question, ns):
    seen = []

    def check(self, *args):
        seen.append(args)

    q = question(CodingProblem, _vars=["b", "a"], _setup_vars=["image"], check=check)
    ns.update(a=1, b=2, image="img")
    assert q.evaluate().passed
    assert seen == [(2, 1, "img")]


# ---- attempt detection ----


@pytest.mark.parametrize(
    ("names", "present", "status", "message"),
    [
        (["x"], {}, Status.NOT_ATTEMPTED, "Not attempted: Create the variable `x`, then run `q_1.check()` again."),
        (
            ["a", "b"],
            {},
            Status.NOT_ATTEMPTED,
            "Not attempted: Create the variables `a`, `b`, then run `q_1.check()` again.",
        ),
        (["a", "b"], {"a": 1}, Status.INCORRECT, "Incorrect: You still need to define `b`."),
        (["a", "b", "c"], {"b": 1}, Status.INCORRECT, "Incorrect: You still need to define `a`, `c`."),
        (
            ["x"],
            {"x": ____},
            Status.NOT_ATTEMPTED,
            "Not attempted: `x` still holds the placeholder `____`. Replace it with your code, then run "
            "`q_1.check()` again.",
        ),
        (
            ["a", "b"],
            {"a": ____, "b": ____},
            Status.NOT_ATTEMPTED,
            "Not attempted: `a`, `b` still hold the placeholder `____`. Replace it with your code, then run "
            "`q_1.check()` again.",
        ),
        (
            ["a", "b"],
            {"a": 1, "b": ____},
            Status.NOT_ATTEMPTED,
            "Not attempted: `b` still holds the placeholder `____`. Replace it with your code, then run "
            "`q_1.check()` again.",
        ),
    ],
)
def test_missing_and_placeholder_variables(question, ns, names, present, status, message):
    q = question(CodingProblem, _vars=names, check=lambda self, *args: None)
    ns.update(present)
    outcome = q.evaluate()
    assert (outcome.status, outcome.message) == (status, message)


def test_missing_setup_variable_is_incorrect_not_a_crash(question, ns):
    q = question(CodingProblem, _var="x", _setup_vars=["image_detect"], check=lambda self, x, image: None)
    ns["x"] = 1
    outcome = q.evaluate()
    assert outcome.status is Status.INCORRECT
    assert outcome.message == (
        "Incorrect: `image_detect` is not defined, so there is nothing to check your answer against. "
        "Re-run the setup cells above, then check again."
    )
    ns["image_detect"] = np.zeros(3)
    assert q.evaluate().passed


def test_placeholder_is_recognised_by_identity_not_by_equality(question, ns):
    q = question(EqualityCheckProblem, _var="x", _expected=3)
    ns["x"] = AlwaysEqual()  # == ____ is True, yet it is not the placeholder
    assert q.evaluate().status is Status.INCORRECT


# ---- FunctionProblem ----


def double(x):
    return x * 2


def double_plus_one(x):
    return x * 2 + 1


def forgot_return(x):
    x * 2


def divides_by_zero(x):
    return x / 0


def raises_with_markup(x):
    raise ValueError("bad `x` <b>bold</b>\nsecond line")


def stub_pass(x):
    pass


def stub_docstring(x):
    """Return twice x."""


def stub_ellipsis(x):
    ...


def stub_return_placeholder(x):
    return ____


def stub_docstring_and_placeholder(x):
    """Return twice x."""
    return ____


def stub_bare_return(x):
    return


def returns_a_class(x):
    return str


DOUBLE_CASES = [(1, 2), ((2,), 4), ([1, 2], [1, 2, 1, 2])]


@pytest.mark.parametrize(
    ("fn", "status", "message"),
    [
        (double, Status.CORRECT, "Correct"),
        (lambda x: x + x, Status.CORRECT, "Correct"),
        (
            double_plus_one,
            Status.INCORRECT,
            "Incorrect: Called with `x=1`, your function returned `3`, but the expected result is `2`.",
        ),
        (
            forgot_return,
            Status.INCORRECT,
            "Incorrect: Your function returned `None` when called with `x=1`. Did you forget a `return` statement?",
        ),
        (
            divides_by_zero,
            Status.INCORRECT,
            "Incorrect: Calling your function with `x=1` raised `ZeroDivisionError: division by zero`.",
        ),
        (
            raises_with_markup,
            Status.INCORRECT,
            "Incorrect: Calling your function with `x=1` raised ``ValueError: bad `x` <b>bold</b>``.",
        ),
        (
            returns_a_class,
            Status.INCORRECT,
            "Incorrect: Called with `x=1`, your function returned `<class 'str'>`, but the expected result is `2`.",
        ),
        (5, Status.INCORRECT, "Incorrect: `f` should be a function, but it is a whole number."),
        (None, Status.INCORRECT, "Incorrect: `f` should be a function, but it is `None`."),
        ("double", Status.INCORRECT, "Incorrect: `f` should be a function, but it is a string."),
        (int, Status.INCORRECT, "Incorrect: `f` should be a function, but it is the class `int`."),
    ],
    ids=lambda v: getattr(v, "__name__", repr(v)),
)
def test_function_problem(question, ns, fn, status, message):
    q = question(FunctionProblem, _var="f", _test_cases=DOUBLE_CASES)
    ns["f"] = fn
    outcome = q.evaluate()
    assert (outcome.status, outcome.message) == (status, message)


@pytest.mark.parametrize(
    "stub",
    [
        stub_pass,
        stub_docstring,
        stub_ellipsis,
        stub_return_placeholder,
        stub_docstring_and_placeholder,
        stub_bare_return,
    ],
    ids=lambda f: f.__name__,
)
def test_function_problem_empty_body_is_not_attempted(question, ns, stub):
    q = question(FunctionProblem, _var="f", _test_cases=DOUBLE_CASES)
    ns["f"] = stub
    outcome = q.evaluate()
    assert outcome.status is Status.NOT_ATTEMPTED
    assert outcome.message == f"Not attempted: The body of `{stub.__name__}` is still empty."


def test_function_problem_names_every_argument(question, ns):
    def subtract(a, b):
        return a - b

    q = question(FunctionProblem, _var="f", _test_cases=[((1, 2), 3)])
    ns["f"] = subtract
    assert q.evaluate().message == (
        "Incorrect: Called with `a=1`, `b=2`, your function returned `-1`, but the expected result is `3`."
    )


def spins_forever(x):
    while True:
        pass


def spins_and_swallows_exceptions(x):
    while True:
        try:
            time.sleep(0.01)
        except Exception:  # a learner's catch-all must not defeat the time limit
            pass


@pytest.mark.parametrize("fn", [spins_forever, spins_and_swallows_exceptions], ids=lambda f: f.__name__)
def test_function_problem_times_out(question, ns, fn):
    q = question(FunctionProblem, _var="f", _test_cases=DOUBLE_CASES, _timeout=0.2)
    ns["f"] = fn
    start = time.monotonic()
    outcome = q.evaluate()
    assert time.monotonic() - start < 2
    assert outcome.status is Status.INCORRECT
    assert outcome.message == (
        "Incorrect: Your function did not return within 0.2 seconds when called with `x=1`. "
        "Is there a loop that never ends?"
    )


def test_time_limit_off_the_main_thread():
    """Where no alarm signal can be used (a worker thread), the call runs in a thread of its own."""
    from learntools_cv.core.timeouts import CallTimedOut, call_with_timeout

    results: dict[str, Any] = {}

    def worker():
        try:
            call_with_timeout(time.sleep, (0.3,), 0.05)
        except CallTimedOut:
            results["timed out"] = True
        results["value"] = call_with_timeout(lambda x: x + 1, (1,), 2.0)
        try:
            call_with_timeout(lambda: 1 / 0, (), 2.0)
        except ZeroDivisionError:
            results["raised"] = True

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(5)
    assert results == {"timed out": True, "value": 2, "raised": True}


def test_function_problem_argument_mutation_does_not_leak(question, ns):
    shared = [1, 2]
    cases = [(shared, 3), ((shared,), 3)]
    q = question(FunctionProblem, _var="f", _test_cases=cases)

    def appends(items):
        items.append(0)
        return len(items)

    ns["f"] = appends
    for _ in range(3):
        assert q.evaluate().passed
    assert shared == [1, 2]
    assert q.problem._test_cases == [([1, 2], 3), (([1, 2],), 3)]


def test_function_problem_failure_shows_the_arguments_before_the_call(question, ns):
    q = question(FunctionProblem, _var="f", _test_cases=[([1, 2], [1, 2])])

    def appends_and_returns(items):
        items.append(0)
        return items

    ns["f"] = appends_and_returns
    assert q.evaluate().message == (
        "Incorrect: Called with `items=[1, 2]`, your function returned `[1, 2, 0]`, but the expected "
        "result is `[1, 2]`."
    )


def test_function_problem_compares_without_calling_the_learner_eq(question, ns):
    q = question(FunctionProblem, _var="f", _test_cases=[(1, 2)])
    ns["f"] = lambda x: AlwaysEqual()
    assert q.evaluate().message == (
        "Incorrect: Called with `x=1`, your function returned `AlwaysEqual()`, but the expected result is `2`."
    )


def test_function_problem_complex_arrays_compare_both_parts(question, ns):
    q = question(FunctionProblem, _var="f", _test_cases=[(np.array([1 + 1j]), np.array([1 + 1j]))])
    ns["f"] = lambda z: z + 1j  # real parts equal, imaginary parts differ
    assert q.evaluate().status is Status.INCORRECT
    ns["f"] = lambda z: z
    assert q.evaluate().passed


# ---- ThoughtExperiment ----


def test_thought_experiment_says_correct_with_its_solution_even_unbound(question):
    # learntools' ThoughtExperiment: checking it is how the learner reads the discussion.
    q = question(ThoughtExperiment, _solution="Pooling keeps the **strongest** activations.")
    outcome = q.evaluate()
    assert outcome.status is Status.CORRECT
    assert outcome.message == "Correct: Pooling keeps the strongest activations."
    assert q.solution_outcome().message == "Solution: Pooling keeps the strongest activations."
    assert q.kind == "thought experiment"


# ---- MultipartProblem ----


class PartA(EqualityCheckProblem):
    _var = "a"
    _expected = 1


class PartB(ThoughtExperiment):
    _solution = "Because."


def test_multipart_parts_are_questions(exercise, ns, capsys):
    q = exercise(MultipartProblem(PartA, PartB))["q_1"]
    assert q.a.name == "q_1.a" and q.b.name == "q_1.b"
    assert sorted(q.parts) == ["a", "b"]
    assert {"a", "b"} <= set(dir(q))
    assert q.a.evaluate().message == "Not attempted: Create the variable `a`, then run `q_1.a.check()` again."
    ns["a"] = 1
    q.a.check()
    assert capsys.readouterr().out == "Correct\n"
    assert q.b.evaluate().message == "Correct: Because."


@pytest.mark.parametrize(
    ("method", "args"), [("check", ()), ("hint", ()), ("hint", (2,)), ("solution", ())]
)
def test_multipart_itself_gives_directions(exercise, capsys, method, args):
    q = exercise(MultipartProblem(PartA, PartB))["q_1"]
    assert getattr(q, method)(*args) is None
    assert capsys.readouterr().out == (
        "This question has 2 parts: q_1.a, q_1.b. Use them one at a time, for example q_1.a.check().\n"
    )
    assert q._repr_markdown_() == (
        "This question has 2 parts: `q_1.a`, `q_1.b`. Use them one at a time, for example `q_1.a.check()`."
    )


def test_multipart_unknown_part(exercise):
    q = exercise(MultipartProblem(PartA, PartB))["q_1"]
    with pytest.raises(AttributeError, match=r"^q_1 has parts a, b; there is no 'c'\.$"):
        q.c


def test_multipart_needs_parts():
    with pytest.raises(ValueError, match=r"MultipartProblem needs at least one part, e\.g\. MultipartProblem"):
        MultipartProblem()


# ---- author mistakes: errors that name the fix, raised when the exercise module is bound ----


@pytest.mark.parametrize(
    ("base", "attrs", "message"),
    [
        (
            EqualityCheckProblem,
            {"_var": "x", "_vars": ["x", "y"], "_expected": 1},
            "Q sets both _var and _vars. Keep one: _var for a single value, _vars for a list.",
        ),
        (
            CodingProblem,
            {"_var": "x", "_vars": ["x"], "check": lambda self, x: None},
            "Q sets both _var and _vars. Keep one: _var for a single value, _vars for a list.",
        ),
        (
            ThoughtExperiment,
            {"_hint": "one", "_hints": ["two"]},
            "Q sets both _hint and _hints. Keep one: _hint for a single value, _hints for a list.",
        ),
        (ThoughtExperiment, {"_hints": ["ok", 2]}, "Q: hint 2 must be a string (markdown)."),
    ],
)
def test_author_mistakes_fail_at_binding(base, attrs, message):
    cls = type("Q", (base,), attrs)
    with pytest.raises(AuthoringError) as info:
        bind_exercises({}, [cls])
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("base", "attrs", "message"),
    [
        (
            EqualityCheckProblem,
            {"_vars": ["a", "b"], "_expected": [1]},
            "Q: _expected must be a list with one value per variable in _vars (2)",
        ),
        (
            EqualityCheckProblem,
            {"_vars": ["a", "b"], "_expected": 1},
            "Q: _expected must be a list with one value per variable in _vars (2)",
        ),
        (FunctionProblem, {"_vars": ["f", "g"], "_test_cases": [(1, 2)]}, "Q: set _var to the name of the learner's function"),
    ],
)
def test_learntools_attributes_are_validated_lazily_as_learntools_does(ns, base, attrs, message):
    # The module binds (learntools validates when a question is checked); the check names the author's fix.
    module: dict = {"__name__": "tests.lazy"}
    bind_exercises(module, [type("Q", (base,), attrs)], var_format="q_{n}")
    ns.update(a=1, b=2, f=len, g=len)
    outcome = module["q_1"].evaluate()
    assert outcome.status is Status.CHECKER_ERROR
    assert outcome.message == (
        f"Checker error: The checker for `q_1` failed ({message}). This is a bug in the exercise, not a mistake "
        "in your answer. Please report it; meanwhile, compare your code with the hints."
    )


def test_equality_problem_with_its_own_check_needs_no_expected(ns):
    # learntools' python/ex3 WeatherDebug shape: _vars, no _expected, a check of its own.
    class OwnCheck(EqualityCheckProblem):
        _vars = ["a", "b"]

        def check(self, a, b):
            if not a < b:  # learntools modules use `assert`; pytest would rewrite one written here
                raise AssertionError("`a` should be smaller than `b`.")

    module: dict = {"__name__": "tests.own"}
    bind_exercises(module, [OwnCheck], var_format="q_{n}")
    ns.update(a=1, b=2)
    assert module["q_1"].evaluate().status is Status.CORRECT
    ns.update(a=3)
    assert module["q_1"].evaluate().message == "Incorrect: `a` should be smaller than `b`."


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("Q1", "bind_exercises: the entry for q_1 is 'Q1'. Pass Question (or learntools Problem) subclasses, MultipartProblem(...) or None."),
        (int, "bind_exercises: the entry for q_1 is <class 'int'>. Pass Question (or learntools Problem) subclasses, MultipartProblem(...) "
              "or None."),
    ],
)
def test_bad_bind_exercises_entry(entry, message):
    with pytest.raises(AuthoringError) as info:
        bind_exercises({}, [entry], var_format="q_{n}")
    assert str(info.value) == message


def test_bad_multipart_part():
    with pytest.raises(AuthoringError) as info:
        bind_exercises({}, [PartA, MultipartProblem(PartA, "B")], var_format="q_{n}")
    assert str(info.value) == (
        "bind_exercises: the entry for q_2.b is 'B'. Pass Question (or learntools Problem) subclasses, MultipartProblem(...) or None."
    )


@pytest.mark.parametrize("var_format", ["q", "q_{}", "q_{0}", "question"])
def test_var_format_needs_n(var_format):
    with pytest.raises(AuthoringError) as info:
        bind_exercises({}, [PartA], var_format=var_format)
    assert str(info.value) == f"var_format must contain '{{n}}', for example 'q_{{n}}'; got {var_format!r}."


def test_bind_exercises_numbers_skip_none_and_honour_start():
    g: dict[str, Any] = {"__name__": "tests.numbering"}
    names = bind_exercises(g, [PartA, None, PartB], start=0, var_format="ex{n}")
    assert names == ["ex0", "ex2", "____"]
    assert g["____"] is ____
    assert g["ex0"].name == "ex0" and g["ex0"].exercise == "tests.numbering"
    assert "ex1" not in g
    assert bind_exercises({}, [PartA]) == ["q1", "____"]  # learntools' default var_format


def test_instances_are_accepted_as_entries(exercise, ns):
    problem = PartA()
    q = exercise(problem)["q_1"]
    assert q.problem is problem
    ns["a"] = 1
    assert q.evaluate().passed
