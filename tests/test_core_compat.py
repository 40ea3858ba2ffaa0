"""learntools compatibility and the public face of `learntools_cv.core`.

`learntools_style_exercise.py` is written as a learntools exercise module; here it is ported by rewriting
its imports only, then used the way a learner and an author's tests use learntools questions. The public
face: a sorted `__all__` whose names all exist, and imports that never pull in TensorFlow or IPython.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
import textwrap
import types
from collections import Counter
from pathlib import Path
from typing import Any

import learntools_style_exercise
import pytest

import learntools_cv.core
import learntools_cv.core.problem
from learntools_cv.core import AuthoringError, binder
from learntools_cv.core.exceptions import Incorrect, NotAttempted, Uncheckable, UserlandExceptionIncorrect
from learntools_cv.core.placeholder import PLACEHOLDER
from learntools_cv.core.utils import backtickify, format_args

LEARNTOOLS_ATTRIBUTES = {
    "_var", "_vars", "_expected", "_default_values", "_hint", "_hints", "_solution", "_test_cases", "_bonus",
    "_counts_for_points", "show_solution_on_correct", "_correct_message", "_failure_message",
}


@pytest.fixture
def ex() -> types.ModuleType:
    """The learntools-style exercise, freshly bound (new questions, no interactions yet)."""
    return importlib.reload(learntools_style_exercise)


# ---- porting ----


def test_the_module_ports_from_learntools_by_rewriting_its_imports(monkeypatch):
    path = Path(learntools_style_exercise.__file__)
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert [(node.module, [alias.name for alias in node.names]) for node in imports] == [
        ("learntools_cv.core", ["*"]),
        ("learntools_cv.core.problem", ["injected"]),
    ]
    # Only learntools' attribute names are set on the question classes.
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            assigned = {
                target.id
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                if isinstance(target, ast.Name)
            }
            authoring = {name for name in assigned if name.startswith("_") or name.startswith("show_")}
            assert authoring <= LEARNTOOLS_ATTRIBUTES, (node.name, authoring - LEARNTOOLS_ATTRIBUTES)
    # The same text with learntools' module names runs unchanged.
    ported = source.replace("learntools_cv.core", "learntools.core")
    assert "learntools_cv" not in ported.replace(ast.get_docstring(tree) or "", "")
    monkeypatch.setitem(sys.modules, "learntools", types.ModuleType("learntools"))
    monkeypatch.setitem(sys.modules, "learntools.core", learntools_cv.core)
    monkeypatch.setitem(sys.modules, "learntools.core.problem", learntools_cv.core.problem)
    module: dict[str, Any] = {"__name__": "learntools.cv.ex_ported"}
    exec(compile(ported, "ex_ported.py", "exec"), module)
    assert module["__all__"] == ["q_1", "q_2", "q_3", "q_4", "q_6", "q_7", "____"]
    assert module["q_4"].exercise == "learntools.cv.ex_ported"


def test_all_exports_the_questions_and_the_placeholder(ex):
    assert ex.__all__ == ["q_1", "q_2", "q_3", "q_4", "q_6", "q_7", "____"]
    assert ex.____ is PLACEHOLDER
    assert not hasattr(ex, "q_5")  # the None entry skips a number
    notebook: dict[str, Any] = {}
    exec("from learntools_style_exercise import *", notebook)
    assert set(notebook) - {"__builtins__"} == set(ex.__all__)
    assert notebook["q_1"] is ex.q_1


def test_star_import_of_the_core_brings_the_authoring_api():
    module: dict[str, Any] = {}
    exec("from learntools_cv.core import *", module)
    names = set(module) - {"__builtins__"}
    assert names == set(learntools_cv.core.__all__)
    assert {"____", "CS", "bind_exercises", "binder", "CodingProblem", "EqualityCheckProblem", "FunctionProblem",
            "ThoughtExperiment", "MultipartProblem", "injected"} <= names
    assert module["____"] is PLACEHOLDER
    assert module["binder"] is binder


# ---- the ported module in use ----


def test_learntools_style_questions_in_use(ex, ns, capsys):
    assert ex.q_1.evaluate().message == (
        "Not attempted: Create the variables `kernel_height`, `kernel_width`, then run `q_1.check()` again."
    )
    ns.update(kernel_height=0, kernel_width=0)
    assert ex.q_1.evaluate().message == (
        "Not attempted: You still need to update the code that sets `kernel_height`, `kernel_width`."
    )
    ns.update(kernel_height=3, kernel_width=3)
    ex.q_1.check()
    ex.q_1.hint()
    ex.q_1.hint(2)
    ex.q_1.solution()
    assert capsys.readouterr().out == (
        "Correct\n"
        "Hint 1: A 3x3 kernel has 3 rows and 3 columns.\n\n(For another hint, run `q_1.hint(2)`.)\n"
        "Hint 2: Set both `kernel_height` and `kernel_width` to 3.\n"
        "Solution:\nkernel_height = 3\nkernel_width = 3\n"
    )
    assert ex.q_1.interactions == Counter({"check": 1, "hint": 2, "solution": 1})

    ns["stride"] = 3
    assert ex.q_2.evaluate().message == (
        "Incorrect: Pooling with a 2x2 window halves each side, so the stride is 2."
    )
    ns["stride"] = 2
    assert ex.q_2.evaluate().message == "Correct"  # show_solution_on_correct = False
    assert ex.q_2.solution_outcome().message == "Solution: The stride is 2: the window moves two pixels at a time."

    ns["relu"] = lambda x: max(x, 0.0)
    assert ex.q_3.evaluate().message == (
        "Correct: ReLU keeps positive values and zeroes the rest.\n\n\ndef relu(x):\n    return max(x, 0.0)"
    )
    ns["relu"] = abs
    assert ex.q_3.evaluate().message == (
        "Incorrect: Called with `x=-1.5`, your function returned `1.5`, but the expected result is `0.0`."
    )


@pytest.mark.parametrize(
    ("row_maxima", "message"),
    [
        ((3, 6), "Incorrect: `row_maxima` should be a list, but it is a `tuple`."),
        ([3], "Incorrect: `row_maxima` should have one value per row (2), but it has 1."),
        ([3, 5], "Incorrect: `row_maxima` should hold the largest value of each row."),
        ([3, 6], "Correct"),
    ],
)
def test_assert_based_checker(ex, ns, row_maxima, message):
    ns["row_maxima"] = row_maxima
    assert ex.q_4.evaluate().message == message


def test_injected_method(ex, ns):
    ns["row_maxima"] = [3, 5]
    assert ex.q_4.explain() == "Row 0 of the grid has maximum 3; you have 3."
    assert ex.q_4.explain(1) == "Row 1 of the grid has maximum 6; you have 5."
    assert ex.q_4.explain(row=1) == "Row 1 of the grid has maximum 6; you have 5."
    assert learntools_cv.core.problem.injected is learntools_cv.core.injected
    with pytest.raises(AuthoringError) as info:
        ex.RowMaxima().explain()
    assert str(info.value) == (
        "RowMaxima.explain reads notebook variables, so call it through the bound question "
        "(for example q_1.explain()), not on a bare problem object."
    )


def test_multipart_and_bonus(ex, ns, capsys):
    ex.q_6.check()
    assert capsys.readouterr().out == (
        "This question has 2 parts: q_6.a, q_6.b. Use them one at a time, for example q_6.a.check().\n"
    )
    # As in learntools, a ThoughtExperiment's check says Correct and shows the discussion.
    assert ex.q_6.a.evaluate().message == (
        "Correct: Pooling keeps the strongest activations and makes the feature map smaller."
    )
    ns["pool_size"] = (2, 2)
    assert ex.q_6.b.evaluate().passed
    ns["pool_size"] = [2, 2]
    assert ex.q_6.b.evaluate().message == "Incorrect: Incorrect value for `pool_size`: `[2, 2]`."
    assert ex.q_7.problem._bonus is True
    assert ex.q_7.solution_outcome().message == "Solution: Strided convolution can replace pooling."


# ---- authors' test helpers ----


@pytest.mark.parametrize(
    ("value", "passes", "fails", "unattempted"),
    [
        (2, None, "Expected q_2 to fail, but got: Correct", "Expected q_2 to be not attempted, but got: Correct"),
        (
            3,
            "Expected q_2 to pass, but got: Incorrect: Pooling with a 2x2 window halves each side, so the stride is 2.",
            None,
            "Expected q_2 to be not attempted, but got: Incorrect: Pooling with a 2x2 window halves each side, so "
            "the stride is 2.",
        ),
        (
            PLACEHOLDER,
            "Expected q_2 to pass, but got: Not attempted: `stride` still holds the placeholder `____`. Replace it "
            "with your code, then run `q_2.check()` again.",
            "Expected q_2 to fail, but got: Not attempted: `stride` still holds the placeholder `____`. Replace it "
            "with your code, then run `q_2.check()` again.",
            None,
        ),
    ],
)
def test_assert_check_helpers(ex, ns, capsys, value, passes, fails, unattempted):
    ns["stride"] = value
    for method, error in [
        (ex.q_2.assert_check_passed, passes),
        (ex.q_2.assert_check_failed, fails),
        (ex.q_2.assert_check_unattempted, unattempted),
    ]:
        if error is None:
            assert method() is None
        else:
            with pytest.raises(AssertionError) as info:
                method()
            assert str(info.value) == error
    # As in learntools, each helper runs check(): the feedback is shown and counted.
    shown = ex.q_2.evaluate().message
    assert capsys.readouterr() == (f"{shown}\n" * 3, "")
    assert ex.q_2.interactions == Counter({"check": 3})


def test_author_methods_are_reachable_through_the_question_but_framework_internals_are_not(ex):
    for internal in ("check_whether_attempted", "validate", "judge", "call_check", "parameters"):
        with pytest.raises(AttributeError, match=rf"^q_1 has no method '{internal}'"):
            getattr(ex.q_1, internal)
    assert dir(ex.q_1) == ["assert_check_failed", "assert_check_passed", "assert_check_unattempted", "check",
                           "hint", "solution"]
    with pytest.raises(AttributeError):
        ex.q_1._hints
    with pytest.raises(AttributeError, match=r"^q_1 has no method 'hints'"):
        ex.q_1.hints
    assert ex.q_1.problem.hint_list[0] == "A 3x3 kernel has 3 rows and 3 columns."
    assert ex.q_1.problem.questionId == "KernelShape"
    assert repr(ex.q_1) == "<question q_1 of learntools_style_exercise: KernelShape>"


# ---- exceptions and utils ----


def test_exception_classes():
    assert issubclass(UserlandExceptionIncorrect, Incorrect)
    for cls in (Incorrect, NotAttempted, Uncheckable, AuthoringError):
        assert issubclass(cls, Exception)
    assert Incorrect("msg", figure="fig").figure == "fig"
    assert Incorrect().figure is None


def scale(image, factor=2):
    return image


@pytest.mark.parametrize(
    ("fn", "args", "text"),
    [
        (scale, (1,), "`image=1`"),
        (scale, ([1, 2], 3), "`image=[1, 2]`, `factor=3`"),
        (scale, (1, 2, 3), "`image=1`, `factor=2`, `3`"),
        (max, (1, 2), "`1`, `2`"),
        (lambda *values: 0, ("a",), "`'a'`"),
        (scale, ("`tick`",), "``image='`tick`'``"),
        (scale, (list(range(50)),), "`image=[0, 1, 2, 3, 4, 5, ...]`"),
        (scale, ("x" * 100,), "`image='" + "x" * 27 + "..." + "x" * 28 + "'`"),
        (scale, (), ""),
    ],
)
def test_format_args(fn, args, text):
    assert format_args(fn, args) == text


def test_userland_exception_incorrect():
    error = ValueError("bad shape\nmore")
    exc = UserlandExceptionIncorrect(error, (1, 2), scale)
    assert exc.wrapped_exception is error
    assert str(exc) == "Calling your function with `image=1`, `factor=2` raised `ValueError: bad shape`."
    no_args = UserlandExceptionIncorrect(KeyError(), ())
    assert str(no_args) == "Calling your function with no arguments raised `KeyError`."
    no_fn = UserlandExceptionIncorrect(ValueError("v"), [5])
    assert str(no_fn) == "Calling your function with `5` raised `ValueError: v`."


def test_backtickify():
    assert backtickify("x") == "`x`"
    assert backtickify("a`b") == "``a`b``"


# ---- the public face ----


def test_all_is_sorted_unique_and_complete():
    names = learntools_cv.core.__all__
    assert names == sorted(names)
    assert len(set(names)) == len(names)
    missing = [name for name in names if not hasattr(learntools_cv.core, name)]
    assert missing == []
    public = {
        name
        for name, value in vars(learntools_cv.core).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    } | {"____"}
    assert set(names) == public


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


HEAVY = "tensorflow keras IPython matplotlib"


def test_importing_the_package_imports_nothing_heavy():
    out = run_python(f"""
        import sys
        import learntools_cv
        print(sorted(m for m in {HEAVY.split()!r} if m in sys.modules))
    """)
    assert out == "[]\n"


def test_importing_and_using_the_core_imports_nothing_heavy():
    out = run_python(f"""
        import sys
        import numpy as np
        import learntools_cv.core
        from learntools_cv.core import *
        from learntools_cv.core.values import inspect_array
        class Q(EqualityCheckProblem):
            _var = "x"
            _expected = np.zeros(2)
        qs = {{}}
        bind_exercises(qs, [Q])
        binder.bind({{"x": [0.0, 0.0]}})
        qs["q1"].check()
        inspect_array(np.zeros(3), "x")
        print(sorted(m for m in {HEAVY.split()!r} if m in sys.modules))
    """)
    assert out == "Incorrect: `x` is a Python list, but it should be a tensor or an array.\n[]\n"
