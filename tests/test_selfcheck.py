"""The self-check (`learntools-cv check-questions MODULE`): for every question, the CS(...) solution passes,
the starter is Not attempted and each declared Mistake fails with its words.

Small exercise modules are written to a temporary folder for each test: a good one, and broken ones (a
solution that fails or raises, a starter that is not Not attempted, a mistake that passes or says other
words, a setup that raises). Reports are pinned as an author reads them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from learntools_cv.authoring.selfcheck import (
    ItemResult,
    QuestionReport,
    SelfCheckError,
    SelfCheckReport,
    check_questions,
    format_report,
)
from learntools_cv.cli import main
from learntools_cv.core import binder

HEADER = "from learntools_cv.core import *\n"

DOUBLE = '''
class Double(EqualityCheckProblem):
    _var = "doubled"
    _expected = 40
    _failure_message = "Double `base`: multiply it by 2."
    _solution = CS("doubled = base * 2")
    _mistakes = [Mistake("doubled = base + 2", "multiply it by 2", id="adds-2")]
'''

THINK = '''
class Think(ThoughtExperiment):
    _solution = "Pooling keeps the strongest activation of each block."
'''

BIND = 'qvars = bind_exercises(globals(), [{}], var_format="q_{{n}}")\n__all__ = list(qvars)\n'


def module_source(*classes: str, setup: str | None = "base = 20", bind: str = "Double, Think") -> str:
    """An exercise module: the question classes, an optional SETUP_CODE, and the bind_exercises call."""
    parts = [HEADER]
    if setup is not None:
        parts.append(f"SETUP_CODE = {setup!r}\n")
    parts.extend(textwrap.dedent(c) for c in (classes or (DOUBLE, THINK)))
    parts.append(BIND.format(bind))
    return "\n".join(parts)


@pytest.fixture
def make_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest):
    """`make_module(source)` writes an importable module and returns its name. The modules, the binder and
    the interaction record's list of questions are given back as they were afterwards."""
    monkeypatch.syspath_prepend(str(tmp_path))
    saved_namespace = binder.bound_namespace()
    names: list[str] = []

    def make(source: str, name: str | None = None) -> str:
        name = name or f"selfcheck_{request.node.name.split('[')[0][5:]}_{len(names)}".replace("-", "_")
        (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
        names.append(name)
        return name

    yield make
    for name in names:
        sys.modules.pop(name, None)
    assert binder.bound_namespace() is saved_namespace, "the self-check must give the binder back"


def item(report: SelfCheckReport, question: str, label: str) -> ItemResult:
    (found,) = [i for q in report.questions if q.name == question for i in q.items if i.item == label]
    return found


# ---- a good module --------------------------------------------------------------------------------------------


def test_a_good_module_passes(make_module: Callable[..., str]) -> None:
    name = make_module(module_source())
    report = check_questions(name)

    assert report.ok
    assert report.failures == []
    assert report.setup == ItemResult("setup", True, "SETUP_CODE ran")
    assert report.questions == (
        QuestionReport(
            "q_1",
            "Double",
            (
                ItemResult("solution", True, "Correct", code="doubled = base * 2"),
                ItemResult("starter", True, "Not attempted: `doubled` still holds the placeholder `____`. "
                           "Replace it with your code, then run `q_1.check()` again."),
                ItemResult("mistake 1", True, "Incorrect: Double `base`: multiply it by 2.",
                           code="doubled = base + 2"),
            ),
        ),
        QuestionReport(
            "q_2",
            "Think",
            (
                ItemResult("solution", True, "Solution: Pooling keeps the strongest activation of each block."),
                ItemResult("check", True, "Correct: Pooling keeps the strongest activation of each block."),
            ),
        ),
    )


def test_format_report_of_a_good_module(make_module: Callable[..., str]) -> None:
    name = make_module(module_source())
    assert format_report(check_questions(name)) == "\n".join(
        [
            f"Self-check of {name}",
            "  ok    setup      SETUP_CODE ran",
            "q_1 (Double)",
            "  ok    solution   Correct",
            "  ok    starter    Not attempted: `doubled` still holds the placeholder `____`. Replace it with y...",
            "  ok    mistake 1  Incorrect: Double `base`: multiply it by 2.",
            "q_2 (Think)",
            "  ok    solution   Solution: Pooling keeps the strongest activation of each block.",
            "  ok    check      Correct: Pooling keeps the strongest activation of each block.",
            "All 6 checks passed.",
        ]
    )


def test_a_module_object_can_be_passed(make_module: Callable[..., str]) -> None:
    import importlib

    module = importlib.import_module(make_module(module_source()))
    assert check_questions(module).ok


def test_without_setup_code_there_is_no_setup_item(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace("base * 2", "20 * 2").replace("base + 2", "20 + 2")
    report = check_questions(make_module(module_source(double, setup=None, bind="Double")))
    assert report.setup is None
    assert report.ok
    assert [i.item for i in report.items] == ["solution", "starter", "mistake 1"]


def test_multipart_parts_are_checked_by_their_names(make_module: Callable[..., str]) -> None:
    report = check_questions(make_module(module_source(bind="Double, MultipartProblem(Think, Double)")))
    assert [q.name for q in report.questions] == ["q_1", "q_2.a", "q_2.b"]
    assert report.ok


def test_default_values_are_a_second_starter(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace('_expected = 40', '_expected = 40\n    _default_values = [0]')
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert item(report, "q_1", "starter (_default_values)") == ItemResult(
        "starter (_default_values)", True,
        "Not attempted: You still need to update the code that sets `doubled`.",
    )


def test_questions_imported_from_another_exercise_are_left_out(make_module: Callable[..., str]) -> None:
    other = make_module(module_source())
    source = f"from {other} import *\n" + module_source(THINK, bind="Think")
    report = check_questions(make_module(source))
    assert [(q.name, q.problem) for q in report.questions] == [("q_1", "Think")]


# ---- broken modules: each fault is a failing item ------------------------------------------------------------


def test_a_solution_that_fails(make_module: Callable[..., str]) -> None:
    report = check_questions(make_module(module_source(DOUBLE.replace("base * 2", "base * 3"), bind="Double")))
    assert not report.ok
    assert report.failures == [
        ("q_1", ItemResult("solution", False, "Incorrect: Double `base`: multiply it by 2.",
                           reason="the solution must pass the check", code="doubled = base * 3")),
    ]


def test_a_solution_that_raises(make_module: Callable[..., str]) -> None:
    solution = 'CS("x = 1", "doubled = bas * 2")'
    report = check_questions(make_module(module_source(DOUBLE.replace('CS("doubled = base * 2")', solution),
                                                       bind="Double")))
    assert item(report, "q_1", "solution") == ItemResult(
        "solution", False, "the solution raised `NameError: name 'bas' is not defined` at line 2",
        reason="the solution must run", code="x = 1\ndoubled = bas * 2",
    )


def test_a_solution_that_is_not_python(make_module: Callable[..., str]) -> None:
    report = check_questions(make_module(module_source(DOUBLE.replace("base * 2", "base *"), bind="Double")))
    assert item(report, "q_1", "solution").outcome == (
        "the solution is not valid Python: `SyntaxError: invalid syntax` at line 1"
    )


def test_a_solution_the_checker_crashes_on(make_module: Callable[..., str]) -> None:
    crashes = '''
    class Crash(CodingProblem):
        _var = "x"
        _solution = CS("x = 1")
        def check(self, x):
            return 1 / 0
    '''
    report = check_questions(make_module(module_source(crashes, bind="Crash")))
    assert item(report, "q_1", "solution") == ItemResult(
        "solution", False,
        "Checker error: The checker for `q_1` failed: it raised `ZeroDivisionError: division by zero`. "
        "This is a bug in the exercise, not a mistake in your answer. Please report it; meanwhile, compare your "
        "code with the hints.",
        reason="the solution must pass the check", code="x = 1",
    )


def test_a_starter_that_is_not_not_attempted(make_module: Callable[..., str]) -> None:
    # The author overrode check_whether_attempted, so the notebook's starter value 0 is judged as an answer.
    double = DOUBLE.replace('_expected = 40', '_expected = 40\n    _default_values = [0]') + (
        "    def check_whether_attempted(self, *args):\n        pass\n"
    )
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert report.failures == [
        ("q_1", ItemResult("starter (_default_values)", False, "Incorrect: Double `base`: multiply it by 2.",
                           reason="with the _default_values, the check must say Not attempted")),
    ]


def test_a_mistake_that_passes(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace('Mistake("doubled = base + 2"', 'Mistake("doubled = base * 2"')
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert report.failures == [
        ("q_1", ItemResult("mistake 1", False, "Correct",
                           reason="the check accepts this mistake; it must say Incorrect", code="doubled = base * 2")),
    ]


def test_a_mistake_that_says_other_words(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace('"multiply it by 2", id="adds-2")', '"It looks like you added 2.", id="adds-2")')
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert report.failures == [
        ("q_1", ItemResult("mistake 1", False, "Incorrect: Double `base`: multiply it by 2.",
                           reason="the feedback does not contain 'It looks like you added 2.'",
                           code="doubled = base + 2")),
    ]


def test_a_mistake_that_is_not_attempted(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace('Mistake("doubled = base + 2"', 'Mistake("doubled = ____"')
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert item(report, "q_1", "mistake 1").reason == (
        "the check must say Incorrect, with the words 'multiply it by 2'"
    )


def test_a_mistake_that_raises(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace('Mistake("doubled = base + 2"', 'Mistake("doubled = base / 0"')
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert item(report, "q_1", "mistake 1") == ItemResult(
        "mistake 1", False, "the mistake's code raised `ZeroDivisionError: division by zero` at line 1",
        reason="the mistake's code must run", code="doubled = base / 0",
    )


def test_the_words_may_be_given_as_markdown(make_module: Callable[..., str]) -> None:
    # The plain message undoes markdown escapes; words copied from the markdown source match too.
    double = DOUBLE.replace("multiply it by 2.", "multiply it by 2\\\\.").replace(
        '"multiply it by 2")', '"multiply it by 2\\\\.")'
    )
    assert check_questions(make_module(module_source(double, bind="Double"))).ok


@pytest.mark.parametrize(
    "mistakes, label, reason",
    [
        ('Mistake("doubled = 1", "x")', "mistakes", "_mistakes must be a list of Mistake(code, says)"),
        ('[("doubled = 1", "x")]', "mistake 1", "not a Mistake(code, says) of two strings: ('doubled = 1', 'x')"),
        ('[Mistake("doubled = 1", None)]', "mistake 1",
         "not a Mistake(code, says) of two strings: Mistake(code='doubled = 1', says=None, id='')"),
    ],
)
def test_malformed_mistakes(make_module: Callable[..., str], mistakes: str, label: str, reason: str) -> None:
    double = DOUBLE.replace('[Mistake("doubled = base + 2", "multiply it by 2", id="adds-2")]', mistakes)
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert report.failures == [("q_1", ItemResult(label, False, "", reason=reason))]


def test_a_coding_question_without_a_solution(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace('_solution = CS("doubled = base * 2")', "")
    report = check_questions(make_module(module_source(double, bind="Double")))
    assert report.failures == [
        ("q_1", ItemResult("solution", False, "",
                           reason="there is no solution: set _solution = CS(...) to code that passes the check")),
    ]


def test_a_text_solution_is_skipped(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace('CS("doubled = base * 2")', '"Multiply `base` by **2**."')
    name = make_module(module_source(double, bind="Double"))
    report = check_questions(name)
    assert report.ok
    assert item(report, "q_1", "solution") == ItemResult(
        "solution", True, "", skipped=True, reason="the solution is text, not CS(...) code, so there is nothing to run"
    )
    assert format_report(report).splitlines()[3:4] == [
        "  skip  solution   the solution is text, not CS(...) code, so there is nothing to run"
    ]
    assert format_report(report).splitlines()[-1] == "All 4 checks passed (1 skipped)."


def test_thought_experiments_need_a_solution_and_nothing_to_check(make_module: Callable[..., str]) -> None:
    broken = '''
    class Think(ThoughtExperiment):
        _solution = ""
        def check(self):
            raise Uncheckable()
    '''
    report = check_questions(make_module(module_source(broken, bind="Think")))
    assert report.failures == [
        ("q_1", ItemResult("solution", False, "", reason="a ThoughtExperiment needs a solution: set _solution to "
                                                         "the discussion learners compare with")),
        ("q_1", ItemResult("check", False, "Nothing to check: This question has no automatic check.",
                           reason="a ThoughtExperiment's check must say Correct and show the solution, as in "
                                  "learntools")),
    ]


def test_a_setup_that_raises(make_module: Callable[..., str]) -> None:
    name = make_module(module_source(setup="import math\nbase = math.sqrt(-1)"))
    report = check_questions(name)
    assert not report.ok
    assert report.setup == ItemResult(
        "setup", False, "SETUP_CODE raised `ValueError: math domain error` at line 2",
        reason="the setup must run without errors",
    )
    assert report.questions == ()
    assert report.not_run == ("q_1", "q_2")
    assert format_report(report) == "\n".join(
        [
            f"Self-check of {name}",
            "  FAIL  setup  SETUP_CODE raised `ValueError: math domain error` at line 2",
            "        the setup must run without errors",
            "Not checked, because the setup failed: q_1, q_2",
            "1 of 1 checks failed.",
        ]
    )


def test_a_setup_that_is_not_a_string(make_module: Callable[..., str]) -> None:
    source = module_source(setup=None) + "SETUP_CODE = ['base = 20']\n"
    report = check_questions(make_module(source))
    assert report.setup is not None
    assert report.setup.outcome == "SETUP_CODE must be a string of Python code, but it is a list"


def test_format_report_of_failures(make_module: Callable[..., str]) -> None:
    double = DOUBLE.replace("base * 2", "base * 3").replace(
        '[Mistake("doubled = base + 2", "multiply it by 2", id="adds-2")]',
        '[Mistake("doubled = base + 2", "multiply it by 2", id="adds-2"), Mistake("doubled = 40\\nx = 1", "no", id="x")]',
    )
    name = make_module(module_source(double, THINK))
    assert format_report(check_questions(name)) == "\n".join(
        [
            f"Self-check of {name}",
            "  ok    setup      SETUP_CODE ran",
            "q_1 (Double)",
            "  FAIL  solution   Incorrect: Double `base`: multiply it by 2.",
            "        the solution must pass the check",
            "  ok    starter    Not attempted: `doubled` still holds the placeholder `____`. Replace it with y...",
            "  ok    mistake 1  Incorrect: Double `base`: multiply it by 2.",
            "  FAIL  mistake 2  Correct",
            "        the check accepts this mistake; it must say Incorrect",
            "        code: doubled = 40 ...",
            "q_2 (Think)",
            "  ok    solution   Solution: Pooling keeps the strongest activation of each block.",
            "  ok    check      Correct: Pooling keeps the strongest activation of each block.",
            "2 of 7 checks failed.",
        ]
    )


# ---- each item starts from the setup, which runs once -------------------------------------------------------


def test_items_do_not_leak_into_each_other(make_module: Callable[..., str]) -> None:
    # q_1's mistake reassigns `base`; q_2's solution still sees the setup's value.
    double = DOUBLE.replace('Mistake("doubled = base + 2"', 'Mistake("base = 0\\ndoubled = base + 2"')
    second = DOUBLE.replace("class Double", "class Again")
    report = check_questions(make_module(module_source(double, second, bind="Double, Again")))
    assert report.ok


def test_setup_runs_once_per_module(make_module: Callable[..., str]) -> None:
    count = "import builtins\nbuiltins.setup_runs = getattr(builtins, 'setup_runs', 0) + 1\n"
    name = make_module(module_source(setup=count + "base = 20"))
    import builtins

    try:
        check_questions(name)
        check_questions(name)
        assert builtins.setup_runs == 1  # type: ignore[attr-defined]
    finally:
        del builtins.setup_runs  # type: ignore[attr-defined]


def test_setup_output_and_warnings_are_kept_quiet(make_module: Callable[..., str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    setup = "import warnings\nprint('loading')\nwarnings.warn('old API', DeprecationWarning)\nbase = 20"
    double = DOUBLE.replace('CS("doubled = base * 2")', 'CS("print(base)", "doubled = base * 2")')
    assert check_questions(make_module(module_source(double, THINK, setup=setup))).ok
    assert capsys.readouterr() == ("", "")


# ---- modules that cannot be checked --------------------------------------------------------------------------


def test_no_such_module() -> None:
    with pytest.raises(SelfCheckError) as caught:
        check_questions("learntools_cv.nope")
    assert str(caught.value) == (
        "cannot import learntools_cv.nope: there is no such module. Pass an exercise module's dotted name, such "
        "as learntools_cv.ex3, and run from the repository root"
    )


@pytest.mark.parametrize(
    "given, dotted",
    [("learntools_cv/ex3.py", "learntools_cv.ex3"), ("ex9.py", "ex9"), ("./course/ex1", "course.ex1")],
)
def test_a_path_instead_of_a_module_name(given: str, dotted: str) -> None:
    with pytest.raises(SelfCheckError) as caught:
        check_questions(given)
    assert str(caught.value) == f"{given} looks like a file path; pass the module's dotted name instead: {dotted}"


def test_a_module_whose_import_raises(make_module: Callable[..., str], tmp_path: Path) -> None:
    double = DOUBLE.replace('_var = "doubled"', '_var = "doubled"\n    _vars = ["a"]')
    name = make_module(module_source(double, bind="Double"))
    with pytest.raises(SelfCheckError) as caught:
        check_questions(name)
    assert str(caught.value) == (
        f"importing {name} raised `AuthoringError: Double sets both _var and _vars. Keep one: _var for a single "
        f"value, _vars for a list.` ({tmp_path / name}.py, line 14); fix the module, then run the self-check again"
    )


def test_a_module_that_imports_a_missing_dependency(make_module: Callable[..., str], tmp_path: Path) -> None:
    name = make_module("import math\nimport not_a_real_dependency\n")
    with pytest.raises(SelfCheckError) as caught:
        check_questions(name)
    assert str(caught.value) == (
        f"importing {name} raised `ModuleNotFoundError: No module named 'not_a_real_dependency'` "
        f"({tmp_path / name}.py, line 2); fix the module, then run the self-check again"
    )


def test_a_module_that_is_not_python(make_module: Callable[..., str], tmp_path: Path) -> None:
    name = make_module("from learntools_cv.core import *\n\nclass Q1(CodingProblem)\n    _var = 'x'\n")
    with pytest.raises(SelfCheckError) as caught:
        check_questions(name)
    assert str(caught.value) == (
        f"importing {name} raised `SyntaxError: expected ':'` ({tmp_path / name}.py, line 3); "
        "fix the module, then run the self-check again"
    )


def test_a_module_without_questions(make_module: Callable[..., str]) -> None:
    name = make_module("X = 1\n")
    with pytest.raises(SelfCheckError) as caught:
        check_questions(name)
    assert str(caught.value) == (
        f"{name} binds no questions; end the module with "
        "`qvars = bind_exercises(globals(), [Question1, ...], var_format='q_{n}')` and `__all__ = list(qvars)`"
    )


# ---- the command ---------------------------------------------------------------------------------------------


def test_cli_exit_0_when_all_pass(make_module: Callable[..., str], capsys: pytest.CaptureFixture[str]) -> None:
    name = make_module(module_source())
    assert main(["check-questions", name]) == 0
    out, err = capsys.readouterr()
    assert (out.splitlines()[0], out.splitlines()[-1], err) == (f"Self-check of {name}", "All 6 checks passed.", "")


def test_cli_exit_1_when_an_item_fails(make_module: Callable[..., str], capsys: pytest.CaptureFixture[str]) -> None:
    name = make_module(module_source(DOUBLE.replace("base * 2", "base * 3"), bind="Double"))
    assert main(["check-questions", name]) == 1
    out, err = capsys.readouterr()
    assert "  FAIL  solution   Incorrect: Double `base`: multiply it by 2.\n" in out
    assert out.endswith("1 of 4 checks failed.\n")
    assert err == ""


@pytest.mark.parametrize(
    "module, message",
    [
        ("learntools_cv.nope", "cannot import learntools_cv.nope: there is no such module. Pass an exercise "
                               "module's dotted name, such as learntools_cv.ex3, and run from the repository root"),
        ("learntools_cv/ex3.py", "learntools_cv/ex3.py looks like a file path; pass the module's dotted name "
                                 "instead: learntools_cv.ex3"),
        ("learntools_cv.reference", "learntools_cv.reference binds no questions; end the module with `qvars = "
                                    "bind_exercises(globals(), [Question1, ...], var_format='q_{n}')` and "
                                    "`__all__ = list(qvars)`"),
    ],
)
def test_cli_exit_2_when_the_module_cannot_be_checked(
    module: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-questions", module]) == 2
    assert capsys.readouterr() == ("", f"error: {message}\n")


def test_cli_finds_modules_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A console script, unlike `python -m`, does not put the current directory on sys.path.
    (tmp_path / "course_ex1.py").write_text(module_source(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", str(tmp_path))])
    try:
        assert main(["check-questions", "course_ex1"]) == 0
    finally:
        sys.modules.pop("course_ex1", None)
    assert capsys.readouterr().out.endswith("All 6 checks passed.\n")


def test_python_m_learntools_cv_check_questions(tmp_path: Path) -> None:
    source = module_source(DOUBLE.replace("base * 2", "base * 3"), THINK)
    (tmp_path / "course_ex1.py").write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "learntools_cv", "check-questions", "course_ex1"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.endswith("1 of 6 checks failed.\n")


def test_help_lists_the_new_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("run", "build", "check-questions", "new"):
        assert f"    {command}" in out


# ---- the real exercise ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_ex3_passes_its_self_check() -> None:
    import learntools_cv.ex3 as ex3

    report = check_questions("learntools_cv.ex3")
    assert report.ok, format_report(report)
    q_1 = report.questions[0]
    assert (q_1.name, q_1.problem) == ("q_1", "CondenseWithMaxPooling")
    assert [i.item for i in q_1.items] == ["solution", "starter"] + [
        f"mistake {n}" for n in range(1, len(ex3.CondenseWithMaxPooling.mistakes) + 1)
    ]


def test_public_names_are_listed_once_and_sorted() -> None:
    import learntools_cv.authoring.selfcheck as selfcheck

    assert selfcheck.__all__ == sorted(set(selfcheck.__all__))
    assert all(hasattr(selfcheck, name) for name in selfcheck.__all__)


def test_a_mistake_without_an_id_fails_the_self_check(make_module: Callable[..., str]) -> None:
    source = module_source(DOUBLE.replace(', id="adds-2")', ")"), bind="Double")
    ((question, failure),) = check_questions(make_module(source)).failures
    assert (question, failure.item, failure.reason) == (
        "q_1", "mistake 1", "the mistake has no id: declare it as Mistake(code, says, id='a-short-id'), the id graders count"
    )


def test_the_check_must_name_the_declared_id(make_module: Callable[..., str]) -> None:
    # A check that raises its own id wins over the declared one; the self-check reports the disagreement.
    own_id = DOUBLE + (
        "    def check(self, doubled):\n"
        "        if doubled != 40:\n"
        "            raise Incorrect('Double `base`: multiply it by 2.', mistake='adds-two')\n"
    )
    source = module_source(own_id, bind="Double").replace("from learntools_cv.core import *",
                                           "from learntools_cv.core import *\nfrom learntools_cv.core import Incorrect")
    ((question, failure),) = check_questions(make_module(source)).failures
    assert (question, failure.item, failure.reason) == ("q_1", "mistake 1", "the check names 'adds-two', not the declared id 'adds-2'")


# ---- `given`: what earlier answer cells made, afresh for each item --------------------------------------------

APPEND = '''
class Append(Question):
    given = "items = [1, 2]"
    solution = CS("items.append(3)")
    mistakes = [Mistake("items.append(4)", "should end with 3", id="wrong-end"),
                Mistake("items.extend([3, 3])", "has 4 items", id="too-many")]

    def check(self, items):
        if len(items) != 3:
            raise Incorrect(f"`items` has {len(items)} items; it should have 3.", mistake="too-many")
        if items[-1] != 3:
            raise Incorrect("`items` should end with 3.", mistake="wrong-end")
'''


def test_given_code_runs_afresh_before_every_item(make_module: Callable[..., str]) -> None:
    """Each item mutates what `given` made (as `model.compile` mutates a model): each gets its own."""
    report = check_questions(make_module(module_source(APPEND, bind="Append")))
    assert report.ok, format_report(report)
    assert [i.outcome for q in report.questions for i in q.items] == [
        "Correct",
        "Not attempted: `items` still holds the placeholder `____`. Replace it with your code, then run "
        "`q_1.check()` again.",
        "Incorrect: `items` should end with 3.",
        "Incorrect: `items` has 4 items; it should have 3.",
    ]


def test_given_code_that_raises_is_named(make_module: Callable[..., str]) -> None:
    report = check_questions(make_module(module_source(APPEND.replace('"items = [1, 2]"', '"items = [1, 2"'),
                                                       bind="Append")))
    assert not report.ok
    assert item(report, "q_1", "solution").outcome == (
        "the solution could not run: the question's `given` code is not valid Python: `SyntaxError: '[' was "
        "never closed` at line 1")
