"""The rest of learntools' surface (docs/learntools-compatibility.md) that the mirrored python and
intro_to_programming modules do not use: the `assert_*` helpers, the forms other tracks use (ethics' thought
experiments with their own words, embeddings' check_whether_attempted calls, data_viz's `self._view.solution()`,
pandas values in `_expected`), and the author's mistakes, each with the words a learner or an author sees.

Each question here is a small class written the way those modules write theirs.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from learntools_cv.core import *
from learntools_cv.core import Session, Status
from learntools_cv.core.asserts import (
    assert_df_equals,
    assert_equal,
    assert_file_exists,
    assert_has_columns,
    assert_is_one_of,
    assert_isinstance,
    assert_len,
    assert_series_equals,
)
from learntools_cv.core.exceptions import AuthoringError, Incorrect, NotAttempted, UserlandExceptionIncorrect


@pytest.fixture
def notebook() -> Iterator[dict[str, Any]]:
    """A fresh session, current for the test, bound to a fresh notebook namespace."""
    session = Session()
    ns: dict[str, Any] = {"__name__": "__main__"}
    session.bind(ns)
    with session.activated():
        yield ns


def bound(*entries: Any) -> dict[str, Any]:
    """An exercise module's namespace with these questions bound as q1, q2, ..."""
    module: dict[str, Any] = {"__name__": "tests.surface"}
    bind_exercises(module, list(entries))
    return module


def said(fn: Callable[[], Any]) -> str:
    """What Incorrect (or AuthoringError) `fn` raised says."""
    with pytest.raises((Incorrect, AuthoringError)) as info:
        fn()
    return str(info.value)


# ---- learntools.core.asserts ----


def test_assert_equal() -> None:
    assert assert_equal(3, 3, "`x`") is None
    assert assert_equal(0.1 + 0.2, 0.3, var="x") is None
    assert assert_equal(np.array([1.0, 2.0]), np.array([1.0, 2.0]), var="x") is None
    assert said(lambda: assert_equal(4, 3, var="x")) == "Incorrect value for `x`: `4`."
    assert said(lambda: assert_equal("3", 3.0, var="x")) == "Expected `x` to be a number, but it is a string (`'3'`)."
    assert said(lambda: assert_equal(4, 3, "the result of calling `area`")) == (
        "Incorrect value for the result of calling `area`: `4`."
    )
    assert said(lambda: assert_equal("3", 3, "the result of calling `area`")) == (
        "Expected the result of calling `area` to be a number, but it is a string (`'3'`)."
    )
    assert said(lambda: assert_equal(np.zeros(3), np.zeros(2), var="x")) == (
        "`x` has shape `(3,)`, but it should have shape `(2,)`."
    )
    # learntools' failure_factory(name, actual, expected)
    assert said(lambda: assert_equal(4, 3, var="x", failure_factory=lambda n, a, e: f"{n} is {a}, not {e}.")) == (
        "`x` is 4, not 3."
    )
    assert said(lambda: assert_equal(4, 3, "`x`", var="x")) == "assert_equal: pass name= or var=, not both."


def test_assert_isinstance_len_and_is_one_of() -> None:
    assert assert_isinstance(list, [1], var="xs") is None
    assert said(lambda: assert_isinstance(list, (1,), var="xs")) == (
        "Expected `xs` to be of type `list`, but it is a tuple."
    )
    assert assert_len([1, 2], 2, var="xs") is None
    assert said(lambda: assert_len([1], 2, var="xs")) == "Expected `xs` to have length 2, but its length is 1."
    assert said(lambda: assert_len(5, 2, var="xs")) == (
        "Expected `xs` to have 2 items, but it is a whole number, which has no length."
    )
    assert assert_is_one_of("b", ["a", "b"], var="grade") is None
    assert said(lambda: assert_is_one_of("c", ["a", "b"], var="grade")) == "Incorrect value for `grade`: `'c'`."


def test_assert_file_exists(tmp_path: Path) -> None:
    (tmp_path / "out.csv").write_text("a\n1\n", encoding="utf-8")
    assert assert_file_exists(str(tmp_path / "out.csv")) is None
    missing = str(tmp_path / "none.csv")
    assert said(lambda: assert_file_exists(missing)) == f"Expected a file at `{missing}`, but there is none."
    assert said(lambda: assert_file_exists(str(tmp_path))) == f"`{tmp_path}` exists, but it is a folder, not a file."


def test_assert_df_and_series_equals() -> None:
    pd = pytest.importorskip("pandas")
    expected = pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]})
    assert assert_df_equals(pd.DataFrame({"a": [1.0, 2.0 + 1e-12], "b": ["x", "y"]}), expected, var="df") is None
    assert said(lambda: assert_df_equals([1, 2], expected, var="df")) == (
        "Expected `df` to be a pandas DataFrame, but it is a list."
    )
    assert said(lambda: assert_df_equals(expected.head(1), expected, var="df")) == (
        "Expected `df` to have 2 rows, but it has 1."
    )
    assert said(lambda: assert_df_equals(expected[["a"]], expected, var="df")) == (
        "Expected `df` to have a column `b`."
    )
    assert said(lambda: assert_df_equals(expected.assign(c=1), expected, var="df")) == (
        "`df` has a column it should not have: `c`."
    )
    assert said(lambda: assert_df_equals(expected.assign(a=[1.0, 3.0]), expected, var="df")) == (
        "Column `a` of `df` has the wrong values."
    )
    assert said(lambda: assert_has_columns(expected, ["a", "z"])) == "Expected the DataFrame to have a column `z`."
    series = pd.Series([1, 2, 3])
    assert assert_series_equals(pd.Series([1.0, 2.0, 3.0]), series, var="s") is None
    assert said(lambda: assert_series_equals(pd.Series([1, 2, 4]), series, var="s")) == "Incorrect value for `s`."
    assert said(lambda: assert_series_equals([1, 2, 3], series, var="s")) == (
        "Expected `s` to be a pandas Series, but it is a list."
    )


def test_a_pandas_value_in_expected(notebook: dict[str, Any]) -> None:
    pd = pytest.importorskip("pandas")

    class Recipe(EqualityCheckProblem):
        _var = "recipe"
        _expected = pd.Series(["4 cups", "1 cup"], index=["Flour", "Milk"])

    q1 = bound(Recipe)["q1"]
    notebook["recipe"] = ____
    assert q1.evaluate().status is Status.NOT_ATTEMPTED
    notebook["recipe"] = pd.Series(["4 cups", "1 cup"], index=["Flour", "Milk"])
    assert q1.evaluate().message == "Correct"
    notebook["recipe"] = pd.Series(["4 cups", "2 cups"], index=["Flour", "Milk"])
    assert q1.evaluate().message == "Incorrect: Incorrect value for `recipe`."
    notebook["recipe"] = ["4 cups", "1 cup"]
    assert q1.evaluate().message == "Incorrect: Expected `recipe` to be a pandas Series, but it is a list."


def test_checkers_call_the_asserts_from_the_star_import(notebook: dict[str, Any]) -> None:
    class Countries(CodingProblem):
        _var = "countries"

        def check(self, countries):
            assert_len(countries, 3, var="countries")
            assert_is_one_of(countries[0], ["France", "Italy"], var="countries[0]")

    q1 = bound(Countries)["q1"]
    notebook["countries"] = ["Spain"]
    assert q1.evaluate().message == "Incorrect: Expected `countries` to have length 3, but its length is 1."
    notebook["countries"] = ["Spain", "Italy", "France"]
    assert q1.evaluate().message == "Incorrect: Incorrect value for `countries[0]`: `'Spain'`."
    notebook["countries"] = ["Italy", "Spain", "France"]
    assert q1.evaluate().message == "Correct"


# ---- forms other tracks use ----


def test_a_failure_message_method_and_a_failure_message_string(notebook: dict[str, Any]) -> None:
    class Colour(EqualityCheckProblem):
        _var = "colour"
        _expected = "blue"

        def _failure_message(self, name, actual, expected):
            return f"{name} is {actual!r}; think of the sky."

    class Size(EqualityCheckProblem):
        _var = "size"
        _expected = 3
        _failure_message = "Count the items again."

    module = bound(Colour, Size)
    notebook.update(colour="red", size=4)
    assert module["q1"].evaluate().message == "Incorrect: `colour` is 'red'; think of the sky."
    assert module["q2"].evaluate().message == "Incorrect: Count the items again."


def test_one_item_list_expected_is_the_value(notebook: dict[str, Any]) -> None:
    class Shape(EqualityCheckProblem):
        _var = "input_shape"
        _expected = [[8]]

    q1 = bound(Shape)["q1"]
    notebook["input_shape"] = [8]
    assert q1.evaluate().message == "Correct"
    notebook["input_shape"] = 8
    assert q1.evaluate().message == "Incorrect: Incorrect value for `input_shape`: `8`."


class ThinkAboutHarm(ThoughtExperiment):
    # As learntools' ethics track writes its questions: the check is how the learner reads the discussion.
    _hint = ""
    _solution = ""
    _congrats = "Solution"
    _correct_message = "A model trained on one town's data may be unfair to people in another."


def test_a_thought_experiment_with_its_own_words_says_them_when_checked(notebook: dict[str, Any]) -> None:
    q1 = bound(ThinkAboutHarm)["q1"]
    outcome = q1.evaluate()
    assert (outcome.status, outcome.message) == (
        Status.CORRECT, "Solution: A model trained on one town's data may be unfair to people in another."
    )
    assert outcome.markdown.startswith('<span style="color:#2e8b57">**Solution**</span>: A model')
    assert q1.hint_outcome().message == "Hint"
    assert q1.solution_outcome().message == "Solution: Sorry, there is no solution for this question."


class ThreeWithCongrats(EqualityCheckProblem):
    # `_congrats` without a `_correct_message` of its own: learntools' default message follows the label.
    _var = "x"
    _expected = 3
    _congrats = "Three it is!"
    _solution = "The answer is **3**."


class ThreeWithCongratsAndCode(ThreeWithCongrats):
    _solution = CS("x = 3")


def test_congrats_replaces_the_label_and_learntools_default_message_follows(notebook: dict[str, Any]) -> None:
    # learntools: Correct(self._correct_message, _congrats=...), its default message being the solution when it
    # is text (show_solution_on_correct None), nothing for code.
    module = bound(ThreeWithCongrats, ThreeWithCongratsAndCode)
    q1, q2 = module["q1"], module["q2"]
    notebook["x"] = 3
    text, code = q1.evaluate(), q2.evaluate()
    assert (text.status, text.label, text.message) == (Status.CORRECT, "Three it is!", "Three it is!: The answer is 3.")
    assert (code.status, code.message) == (Status.CORRECT, "Three it is!")
    notebook["x"] = 1
    assert q1.evaluate().message == "Incorrect: Incorrect value for `x`: `1`."


def test_check_whether_attempted_called_by_the_author(notebook: dict[str, Any]) -> None:
    class Recommend(CodingProblem):
        # As embeddings ex2: the learner's function and a model; the learntools classmethod call on the class.
        _vars = ["recommend", "model"]

        def check_whether_attempted(self, recommend, model):
            FunctionProblem.check_whether_attempted(recommend)

        def check(self, recommend, model):
            # (an `assert` here would be rewritten by pytest, this being a test module)
            if recommend(model) != "top":
                raise Incorrect("`recommend` should return the top item.")

    class Bias(EqualityCheckProblem):
        _var = "bias"
        _expected = 0.5
        _default_values = [None]

        def check_whether_attempted(self, *args):
            EqualityCheckProblem.check_whether_attempted(self, *args)

    module = bound(Recommend, Bias)
    notebook["model"] = "m"
    exec('def recommend(model):\n    """Your code."""\n    pass\n', notebook)
    assert module["q1"].evaluate().message == "Not attempted: The body of `recommend` is still empty."
    notebook["recommend"] = lambda model: "last"
    assert module["q1"].evaluate().message == "Incorrect: `recommend` should return the top item."
    notebook["recommend"] = lambda model: "top"
    assert module["q1"].evaluate().message == "Correct"
    notebook["bias"] = None
    assert module["q2"].evaluate().message == "Not attempted: You still need to update the code that sets `bias`."
    notebook["bias"] = 0.5
    assert module["q2"].evaluate().message == "Correct"


def test_an_author_method_can_show_the_solution_through_self_view(
    notebook: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    class PlotLine(CodingProblem):
        # As data_viz_to_coder: q1.solution_plot() shows the solution, then draws it.
        _var = "data"
        _solution = CS("plt.plot(data)")

        def solution_plot(self):
            self._view.solution()
            return "drawn"

        def check(self, data):
            pass

    q1 = bound(PlotLine)["q1"]
    assert q1.solution_plot() == "drawn"
    assert capsys.readouterr().out == "Solution:\nplt.plot(data)\n"
    assert q1.interactions["solution"] == 1
    with pytest.raises(AuthoringError) as info:
        _ = q1.problem._view
    assert str(info.value) == (
        "PlotLine uses self._view outside a check: it is only there while the question is being checked, or "
        "while one of its @injected methods runs."
    )


def test_the_learners_function_raising_and_userland_exception_incorrect(notebook: dict[str, Any]) -> None:
    class Halve(FunctionProblem):
        _var = "halve"
        _test_cases = [(4, 2), (0, 0)]

    q1 = bound(Halve)["q1"]
    notebook["halve"] = lambda n: 8 // n
    assert q1.evaluate().message == (
        "Incorrect: Calling your function with `n=0` raised `ZeroDivisionError: integer division or modulo by zero`."
    )
    # learntools' two-argument form
    assert str(UserlandExceptionIncorrect(KeyError("k"), [1])) == "Calling your function with `1` raised `KeyError: 'k'`."


def test_a_function_that_changes_its_argument(notebook: dict[str, Any]) -> None:
    class Largest(FunctionProblem):
        _var = "largest"
        _test_cases = [([[3, 1], [2]], 3), ([[5]], 5)]

    q1 = bound(Largest)["q1"]
    notebook["largest"] = lambda rows: max(rows.pop(0))  # changes the list it is given
    assert q1.evaluate().message == "Correct"
    notebook["largest"] = lambda rows: rows.pop() and 0
    assert q1.evaluate().message == (
        "Incorrect: Called with `rows=[[3, 1], [2]]`, your function returned `0`, but the expected result is `3`."
    )


def test_not_attempted_raised_by_a_check(notebook: dict[str, Any]) -> None:
    class Forecast(CodingProblem):
        _var = "forecast"

        def check(self, forecast):
            if forecast == "todo":
                raise NotAttempted("Fit the model first.")

    q1 = bound(Forecast)["q1"]
    notebook["forecast"] = "todo"
    assert q1.evaluate().message == "Not attempted: Fit the model first."


# ---- an author's mistakes ----


def test_both_var_and_vars_is_refused_when_the_module_binds() -> None:
    class Both(EqualityCheckProblem):
        _var = "x"
        _vars = ["x", "y"]
        _expected = [1, 2]

    with pytest.raises(AuthoringError) as info:
        bound(Both)
    assert str(info.value) == "Both sets both _var and _vars. Keep one: _var for a single value, _vars for a list."


def test_a_default_check_without_expected_values_fails_when_checked(notebook: dict[str, Any]) -> None:
    class NoExpected(EqualityCheckProblem):
        _vars = ["a", "b"]

    q1 = bound(NoExpected)["q1"]  # binds, as in learntools: validation waits for the check
    notebook.update(a=1, b=2)
    assert q1.evaluate().message == (
        "Checker error: The checker for `q1` failed (NoExpected: _expected must be a list with one value per "
        "variable in _vars (2)). This is a bug in the exercise, not a mistake in your answer. Please report it; "
        "meanwhile, compare your code with the hints."
    )


def test_cs_load_of_a_missing_file_is_refused_when_the_module_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken_exercise.py").write_text(textwrap.dedent('''
        from learntools_cv.core import *

        class Search(FunctionProblem):
            _var = "search"
            _solution = CS.load("solns/search.py")

        qvars = bind_exercises(globals(), [Search])
        __all__ = list(qvars)
    '''), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(AuthoringError) as info:
        importlib.import_module("broken_exercise")
    assert str(info.value) == (
        "CS.load: no solution file at solns/search.py. Ship the file with the exercise module (e.g. in a solns/ "
        "folder next to it)."
    )
    sys.modules.pop("broken_exercise", None)


def test_binding_again_replaces_the_namespace(notebook: dict[str, Any]) -> None:
    class X(EqualityCheckProblem):
        _var = "x"
        _expected = 1

    q1 = bound(X)["q1"]
    notebook["x"] = 1
    assert q1.evaluate().passed
    binder.bind({"x": 2})  # learntools raises here; a re-run setup cell or another notebook just binds
    assert q1.evaluate().message == "Incorrect: Incorrect value for `x`: `2`."


def test_a_submodule_from_learntools_star_import_is_named_with_its_fix(notebook: dict[str, Any]) -> None:
    class Hybrid(CodingProblem):
        # As time_series ex5: `exceptions` came with learntools' star import.
        _var = "model"

        def check(self, model):
            if model is None:
                raise exceptions.NotAttempted  # noqa: F821 (the point of the test)

    q1 = bound(Hybrid)["q1"]
    notebook["model"] = None
    assert q1.evaluate().message == (
        "Checker error: The checker for `q1` failed: it raised `NameError: name 'exceptions' is not defined` "
        "(learntools' star import brings the submodule `exceptions`; learntools_cv's does not: add `from "
        "learntools_cv.core import exceptions` to the exercise module). This is a bug in the exercise, not a "
        "mistake in your answer. Please report it; meanwhile, compare your code with the hints."
    )
    # The fix the message names, `from learntools_cv.core import exceptions`, as this module's global:
    Hybrid.check.__globals__["exceptions"] = importlib.import_module("learntools_cv.core.exceptions")
    try:
        assert q1.evaluate().message == (
            "Not attempted: When you have updated the starter code, `q1.check()` will tell you whether it is right."
        )
    finally:
        del Hybrid.check.__globals__["exceptions"]


def test_what_the_star_import_brings() -> None:
    names: dict[str, Any] = {}
    exec("from learntools_cv.core import *", names)
    learntools_names = {
        "bind_exercises", "binder", "Problem", "CodingProblem", "EqualityCheckProblem", "FunctionProblem",
        "ThoughtExperiment", "MultipartProblem", "CS", "____", "assert_equal", "assert_has_columns",
        "assert_isinstance", "assert_is_one_of", "assert_len", "assert_file_exists", "assert_df_equals",
        "assert_series_equals",
    }
    assert learntools_names <= set(names)
    # Submodules are not star-exported (the house keeps modules out of __all__); name them in an import.
    assert not {"asserts", "exceptions", "utils", "problem"} & set(names)
