"""The self-check of an exercise module (`learntools-cv check-questions MODULE`), for course authors.

For every question the module binds, it runs the lesson's setup (the module's `SETUP_CODE`) and then checks:

- **solution**: the code of the question's `CS(...)` solution passes the check (Correct);
- **starter**: with every answer variable set to the placeholder `____` (and, if the question declares
  `_default_values`, with those), the check says Not attempted;
- **mistake N**: each declared `Mistake(code, says, id)` fails the check (Incorrect), the feedback contains
  the words `says`, and the outcome carries the mistake id `id` (the id graders count);
- for a question with nothing to check (`ThoughtQuestion`, learntools' `ThoughtExperiment`): it has a
  solution to show, and its check says there is nothing to check.

Each item runs in a shallow copy of one namespace (the module's exports, then `SETUP_CODE`), so the setup runs
once per module even when it loads TensorFlow and images; the setup is cached in the session's setup cache.
Questions are evaluated in a session of the self-check's own, so a learner's record is never touched. The
results are data (`SelfCheckReport`); `format_report` turns them into text for a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import io
import os
import sys
import traceback
import types
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from learntools_cv.core.learntools import ThoughtExperiment
from learntools_cv.core.multiproblem import MultipartProblem
from learntools_cv.core.outcome import Outcome, Status
from learntools_cv.core.placeholder import PLACEHOLDER
from learntools_cv.core.question import Mistake
from learntools_cv.core.richtext import CodeSolution, solution_markdown
from learntools_cv.core.session import Session, current_session
from learntools_cv.core.text import code
from learntools_cv.core.utils import exception_line
from learntools_cv.core.view import QuestionView as ProblemView

__all__ = [
    "ItemResult",
    "QuestionReport",
    "SelfCheckError",
    "SelfCheckReport",
    "SetupFailed",
    "bound_to",
    "check_questions",
    "cli_check_questions",
    "exercise_questions",
    "format_report",
    "load_exercise_module",
    "run_code",
    "setup_namespace",
]

# Outcome lines in the text report are cut to this many characters.
LINE_WIDTH = 100
ELLIPSIS = "..."


class SelfCheckError(Exception):
    """The module cannot be self-checked at all (it does not import, or binds no questions).

    The message is one line that names the fix."""


class SetupFailed(Exception):
    """The module's SETUP_CODE raised or is not code. The message says where, in one line."""


# ---- results --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    """One thing the self-check verified about a question (or the module's setup)."""

    item: str
    """What was checked: 'setup', 'solution', 'starter', 'starter (_default_values)', 'check', 'mistake 2'."""
    passed: bool
    """True if it is as it should be (a skipped item counts as passed)."""
    outcome: str
    """The first line of what the check said ('Incorrect: It looks like ...'), or what happened instead
    ('the solution raised `NameError: ...` at line 2'). Empty when nothing ran."""
    reason: str = ""
    """Why the item failed, or why it was skipped; empty when it passed."""
    code: str = ""
    """The code that was run for this item (a solution or a mistake), if any."""
    skipped: bool = False
    """True when there was nothing to run (for example a solution written as text rather than CS(...))."""


@dataclass(frozen=True)
class QuestionReport:
    """The self-check of one question (`q_1`, or `q_3.a` for a part)."""

    name: str
    """The learner-facing name, 'q_1' or 'q_3.a'."""
    problem: str
    """The question's class name, e.g. 'CondenseWithMaxPooling'."""
    items: tuple[ItemResult, ...]
    """What was checked, in order: solution, starter(s), mistakes."""

    @property
    def passed(self) -> bool:
        return all(item.passed for item in self.items)


@dataclass(frozen=True)
class SelfCheckReport:
    """The self-check of one exercise module."""

    module: str
    """The module's dotted name, e.g. 'learntools_cv.ex3'."""
    setup: ItemResult | None
    """Running the module's SETUP_CODE; None when the module has none."""
    questions: tuple[QuestionReport, ...]
    """One report per question, in the order the module binds them. Empty when the setup failed."""
    not_run: tuple[str, ...] = ()
    """Questions that were not checked because the setup failed."""

    @property
    def items(self) -> list[ItemResult]:
        """Every item: the setup first, then each question's."""
        setup = [self.setup] if self.setup is not None else []
        return setup + [item for q in self.questions for item in q.items]

    @property
    def failures(self) -> list[tuple[str, ItemResult]]:
        """(question name, item) for every failing item; the setup's question name is ''."""
        found = [("", self.setup)] if self.setup is not None and not self.setup.passed else []
        return found + [(q.name, item) for q in self.questions for item in q.items if not item.passed]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.not_run


# ---- finding the module and its questions -----------------------------------------------------------------


def load_exercise_module(module: str | types.ModuleType) -> types.ModuleType:
    """Import an exercise module by its dotted name (or pass a module through); SelfCheckError if it fails."""
    if isinstance(module, types.ModuleType):
        return module
    name = str(module)
    if name.endswith(".py") or "/" in name or "\\" in name:
        dotted = os.path.normpath(name[:-3] if name.endswith(".py") else name)
        dotted = dotted.replace("\\", "/").strip("/").replace("/", ".")
        raise SelfCheckError(f"{name} looks like a file path; pass the module's dotted name instead: {dotted}")
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if missing and (name == missing or name.startswith(missing + ".")):
            raise SelfCheckError(
                f"cannot import {name}: there is no such module. Pass an exercise module's dotted name, such as "
                "learntools_cv.ex3, and run from the repository root"
            ) from None
        raise SelfCheckError(_import_failure(name, exc)) from None
    except Exception as exc:  # the module is the author's code: anything may go wrong in it
        raise SelfCheckError(_import_failure(name, exc)) from None


def _import_failure(name: str, exc: BaseException) -> str:
    where = ""
    if isinstance(exc, SyntaxError):
        if exc.filename:
            where = f" ({_short_path(exc.filename)}, line {exc.lineno})"
        raised = _syntax_error_line(exc)
    else:
        frames = traceback.extract_tb(exc.__traceback__)
        origin = _origin(name)
        # The line of the module itself that failed (say, its bind_exercises call), else the deepest frame.
        own = [f for f in frames if f.filename == origin] or [
            f for f in frames if "importlib" not in f.filename and f.filename != __file__
        ]
        if own:
            where = f" ({_short_path(own[-1].filename)}, line {own[-1].lineno})"
        raised = exception_line(exc)
    return f"importing {name} raised {raised}{where}; fix the module, then run the self-check again"


def _origin(name: str) -> str | None:
    try:
        spec = importlib.util.find_spec(name)
    except Exception:
        return None
    return spec.origin if spec is not None else None


def _syntax_error_line(exc: SyntaxError) -> str:
    """'`SyntaxError: invalid syntax`': without the '(file, line N)' that str() adds."""
    return code(f"{type(exc).__name__}: {exc.msg}" if exc.msg else type(exc).__name__)


def _short_path(path: str) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def exercise_questions(module: types.ModuleType) -> dict[str, ProblemView]:
    """The questions `module` binds, by learner-facing name ('q_1', 'q_3.a', ...), in binding order.

    Questions another exercise module bound (and this one merely imported) are left out."""
    found: dict[str, ProblemView] = {}
    for value in list(vars(module).values()):
        views: list[ProblemView] = []
        if isinstance(value, ProblemView):
            views = [value]
        elif isinstance(value, MultipartProblem):
            views = list(value.parts.values())
        for view in views:
            if view.exercise == module.__name__:
                found[view.name] = view
    return found


def _exports(module: types.ModuleType) -> dict[str, Any]:
    """What `from module import *` gives a notebook: the questions and `____`."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    return {n: getattr(module, n) for n in names if hasattr(module, n)}


# ---- running code in a namespace ----------------------------------------------------------------------------

def setup_namespace(module: types.ModuleType, setup: bool = True, *, session: Session | None = None) -> dict[str, Any]:
    """A new notebook namespace for `module`: its exports (`q_1`, ..., `____`), then what its SETUP_CODE
    creates (unless `setup` is False).

    The setup runs once per module and SETUP_CODE text; each call returns a shallow copy of that namespace,
    so reassigning a variable never leaks into the next call, but mutating a shared object would. The
    namespace is cached in `session`'s setup cache (the current session's by default), keyed by
    (module name, id of the module object, SETUP_CODE).
    Raises SetupFailed if SETUP_CODE is not a string or raises.
    """
    cache = (session or current_session()).setup_cache
    base: dict[str, Any] = {"__name__": "__main__", **_exports(module)}
    code = getattr(module, "SETUP_CODE", None)
    if not setup or code is None:
        return base
    if not isinstance(code, str):
        raise SetupFailed(f"SETUP_CODE must be a string of Python code, but it is a {type(code).__name__}")
    key = (module.__name__, id(module), code)
    if key not in cache:
        error = run_code(code, base, "SETUP_CODE")
        if error is not None:
            raise SetupFailed(f"SETUP_CODE {error}")
        cache[key] = base
    return dict(cache[key])


def run_code(code: str, namespace: dict[str, Any], what: str) -> str | None:
    """Run `code` in `namespace` as a notebook cell would; None if it ran, else what went wrong, in words
    ('raised `NameError: name 'x' is not defined` at line 2'). `what` names the code in tracebacks.

    Its printed output is dropped and its warnings are ignored: a notebook shows them and goes on."""
    filename = f"<{what}>"
    try:
        compiled = compile(code, filename, "exec")
    except SyntaxError as exc:
        return f"is not valid Python: {_syntax_error_line(exc)} at line {exc.lineno}"
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compiled, namespace)
    except (Exception, SystemExit) as exc:
        lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
        at = f" at line {lines[-1]}" if lines else ""
        return f"raised {exception_line(exc)}{at}"
    return None


@contextlib.contextmanager
def bound_to(namespace: dict[str, Any]) -> Iterator[None]:
    """Make a fresh session, bound to `namespace`, the current one for a block: every bound question reads
    `namespace`, and what is checked is recorded in that session, not the learner's."""
    session = Session(namespace)
    with session.activated():
        yield


# ---- the check -------------------------------------------------------------------------------------------------


def check_questions(module: str | types.ModuleType) -> SelfCheckReport:
    """Self-check every question of an exercise module (a dotted name or the module itself).

    Raises SelfCheckError when the module cannot be imported or binds no questions; everything else, including
    an author's code that raises, is reported as a failing item."""
    mod = load_exercise_module(module)
    questions = exercise_questions(mod)
    if not questions:
        raise SelfCheckError(
            f"{mod.__name__} binds no questions; end the module with "
            "`qvars = bind_exercises(globals(), [Question1, ...], var_format='q_{n}')` and `__all__ = list(qvars)`"
        )
    setup_item: ItemResult | None = None
    try:
        base = setup_namespace(mod)
    except SetupFailed as exc:
        failed = ItemResult("setup", False, str(exc), reason="the setup must run without errors")
        return SelfCheckReport(mod.__name__, failed, (), not_run=tuple(questions))
    if getattr(mod, "SETUP_CODE", None) is not None:
        setup_item = ItemResult("setup", True, "SETUP_CODE ran")
    reports = tuple(_check_question(view, base) for view in questions.values())
    return SelfCheckReport(mod.__name__, setup_item, reports)


def _check_question(view: ProblemView, base: Mapping[str, Any]) -> QuestionReport:
    problem = view.question
    items: list[ItemResult] = []
    if isinstance(problem, ThoughtExperiment):  # learntools' kind: its check says Correct, with the solution
        items.append(_thought_solution(view))
        items.append(_expect(view, base, "check", Status.CORRECT, "a ThoughtExperiment's check must say Correct "
                                                                   "and show the solution, as in learntools"))
    elif not problem.checks_anything:
        items.append(_thought_solution(view))
        items.append(_expect(view, base, "check", Status.UNCHECKABLE, "a ThoughtQuestion's check must say "
                                                                       "there is nothing to check"))
    else:
        items.append(_solution_item(view, base))
        names = problem.answer_names
        if names:
            items.append(
                _expect(
                    view, base, "starter", Status.NOT_ATTEMPTED,
                    "with the starter value ____ in " + ", ".join(names) + ", the check must say Not attempted",
                    assign={n: PLACEHOLDER for n in names},
                )
            )
            defaults = getattr(problem, "_default_values", None)
            if defaults is not None:
                items.append(
                    _expect(
                        view, base, "starter (_default_values)", Status.NOT_ATTEMPTED,
                        "with the _default_values, the check must say Not attempted",
                        assign=dict(zip(names, defaults)),
                    )
                )
    items.extend(_mistake_items(view, base))
    return QuestionReport(view.name, type(problem).__name__, tuple(items))


def _thought_solution(view: ProblemView) -> ItemResult:
    if solution_markdown(view.question.solution_value).strip():
        return ItemResult("solution", True, view.solution_outcome().first_line)
    return ItemResult(
        "solution", False, "",
        reason="a ThoughtExperiment needs a solution: set _solution to the discussion learners compare with",
    )


def _solution_item(view: ProblemView, base: Mapping[str, Any]) -> ItemResult:
    solution = view.question.solution_value
    if isinstance(solution, CodeSolution) and solution.code.strip():
        return _expect(view, base, "solution", Status.CORRECT, "the solution must pass the check",
                       code=solution.code)
    if solution_markdown(solution).strip():
        return ItemResult(
            "solution", True, "", skipped=True,
            reason="the solution is text, not CS(...) code, so there is nothing to run",
        )
    return ItemResult(
        "solution", False, "", reason="there is no solution: set _solution = CS(...) to code that passes the check"
    )


def _mistake_items(view: ProblemView, base: Mapping[str, Any]) -> list[ItemResult]:
    # As written by the author (learntools-style `_mistakes`, or `mistakes`), so that a malformed one is reported.
    declared = getattr(view.question, "_mistakes", None) or view.question.mistakes or ()
    if isinstance(declared, (str, Mistake)) or not hasattr(declared, "__iter__"):
        return [ItemResult("mistakes", False, "", reason="_mistakes must be a list of Mistake(code, says)")]
    items = []
    for i, mistake in enumerate(declared, 1):
        label = f"mistake {i}"
        if not isinstance(mistake, Mistake) or not isinstance(mistake.code, str) or not isinstance(mistake.says, str):
            items.append(ItemResult(label, False, "", reason=f"not a Mistake(code, says) of two strings: {mistake!r}"))
            continue
        items.append(_mistake_item(view, base, label, mistake))
    return items


def _mistake_item(view: ProblemView, base: Mapping[str, Any], label: str, mistake: Mistake) -> ItemResult:
    ran = _evaluate(view, base, label, mistake.code)
    if isinstance(ran, str):
        return ItemResult(label, False, f"the mistake's code {ran}", reason="the mistake's code must run",
                          code=mistake.code)
    words = repr(mistake.says)
    if ran.status is not Status.INCORRECT:
        reason = (
            "the check accepts this mistake; it must say Incorrect"
            if ran.status is Status.CORRECT
            else f"the check must say Incorrect, with the words {words}"
        )
        return ItemResult(label, False, ran.first_line, reason=reason, code=mistake.code)
    if mistake.says not in ran.message and mistake.says not in ran.body:
        return ItemResult(label, False, ran.first_line, reason=f"the feedback does not contain {words}",
                          code=mistake.code)
    if not mistake.id:
        return ItemResult(label, False, ran.first_line, reason="the mistake has no id: declare it as "
                          "Mistake(code, says, id='a-short-id'), the id graders count", code=mistake.code)
    if ran.mistake != mistake.id:
        named = repr(ran.mistake) if ran.mistake else "no mistake id"
        return ItemResult(label, False, ran.first_line, reason=f"the check names {named}, not the declared id "
                          f"{mistake.id!r}", code=mistake.code)
    return ItemResult(label, True, ran.first_line, code=mistake.code)


def _expect(
    view: ProblemView,
    base: Mapping[str, Any],
    label: str,
    wanted: Status,
    reason: str,
    code: str | None = None,
    assign: Mapping[str, Any] | None = None,
) -> ItemResult:
    ran = _evaluate(view, base, label, code, assign)
    if isinstance(ran, str):
        return ItemResult(label, False, f"the {label} {ran}", reason=f"the {label} must run", code=code or "")
    passed = ran.status is wanted
    return ItemResult(label, passed, ran.first_line, reason="" if passed else reason, code=code or "")


def _evaluate(
    view: ProblemView,
    base: Mapping[str, Any],
    label: str,
    code: str | None,
    assign: Mapping[str, Any] | None = None,
) -> Outcome | str:
    """The question's outcome after running `code` in a copy of `base`, or what went wrong running it. The
    question's `given` code runs first, in that copy, so that what it makes is made afresh for each item."""
    namespace = dict(base)
    given = getattr(view.question, "given", "")
    if given:
        if not isinstance(given, str):
            return f"cannot run: `given` must be a string of Python code, but it is a {type(given).__name__}"
        error = run_code(given, namespace, f"{view.name} given")
        if error is not None:
            return f"could not run: the question's `given` code {error}"
    namespace.update(assign or {})
    if code is not None:
        error = run_code(code, namespace, f"{view.name} {label}")
        if error is not None:
            return error
    with bound_to(namespace):
        return view.evaluate()


# ---- the report as text ----------------------------------------------------------------------------------------


def format_report(report: SelfCheckReport) -> str:
    """The report as plain text: one line per item ('ok', 'FAIL' or 'skip'), then a summary line."""
    lines = [f"Self-check of {report.module}"]
    width = max((len(item.item) for item in report.items), default=8)
    if report.setup is not None:
        lines.extend(_item_lines(report.setup, width))
    for question in report.questions:
        lines.append(f"{question.name} ({question.problem})")
        for item in question.items:
            lines.extend(_item_lines(item, width))
    if report.not_run:
        lines.append(f"Not checked, because the setup failed: {', '.join(report.not_run)}")
    lines.append(_summary(report))
    return "\n".join(lines)


def _item_lines(item: ItemResult, width: int) -> list[str]:
    mark = "skip" if item.skipped else ("ok" if item.passed else "FAIL")
    shown = item.reason if item.skipped else item.outcome
    lines = [_shorten(f"  {mark:<4}  {item.item:<{width}}  {shown}".rstrip())]
    if not item.passed:
        indent = " " * 8
        if item.reason:
            lines.append(f"{indent}{item.reason}")
        if item.code and item.item.startswith("mistake"):
            code_lines = item.code.strip().splitlines()
            first = code_lines[0] + (" ..." if len(code_lines) > 1 else "")
            lines.append(_shorten(f"{indent}code: {first}"))
    return lines


def _summary(report: SelfCheckReport) -> str:
    items = report.items
    failed = len(report.failures)
    skipped = sum(item.skipped for item in items)
    extra = f" ({skipped} skipped)" if skipped else ""
    if failed == 0 and not report.not_run:
        return f"All {len(items)} checks passed{extra}."
    return f"{failed} of {len(items)} checks failed{extra}."


def _shorten(line: str) -> str:
    if len(line) <= LINE_WIDTH:
        return line
    return line[: LINE_WIDTH - len(ELLIPSIS)].rstrip() + ELLIPSIS


# ---- command line ---------------------------------------------------------------------------------------------


def cli_check_questions(args: argparse.Namespace) -> int:
    """`learntools-cv check-questions MODULE`: 0 if every item passes, 1 if one fails, 2 if the module cannot
    be checked (it does not import, or binds no questions)."""
    # Like `python -m`, look for modules in the current directory first (a console script does not).
    cwd = os.getcwd()
    if cwd not in sys.path and "" not in sys.path:
        sys.path.insert(0, cwd)
    try:
        report = check_questions(args.module)
    except SelfCheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_report(report))
    return 0 if report.ok else 1
