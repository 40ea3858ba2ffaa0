"""The question model: a question is a class whose `check` method names the notebook variables it reads.

    class CondenseWithMaxPooling(Question):
        hints = ["..."]
        solution = CS("image_condense = tf.nn.pool(...)")

        def check(self, image_condense, image_detect, image_filter=None, image=None):
            ...  # return for a right answer; raise Incorrect(...) otherwise

The view (`q_1`) reads each parameter from the learner's namespace by name. The first parameter is the
learner's answer (set `answers` when there are several); the others are what the notebook's setup cells made.
A parameter with a default is optional: when the variable does not exist, the default is passed. Attempt
detection reads the same signature: a missing answer, or one that still holds `____`, is Not attempted.

A check returns normally for a right answer and raises `Incorrect` (with a mistake id when it recognises the
mistake), `NotAttempted` or `Uncheckable` otherwise. Anything else it raises is the checker's own bug.

Questions are stateless: one instance serves every view, session and grader.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from learntools_cv.core.exceptions import AuthoringError, Incorrect, NotAttempted, Uncheckable
from learntools_cv.core.text import code
from learntools_cv.core.values import keras_kind

__all__ = ["FunctionQuestion", "Mistake", "Question", "ThoughtQuestion"]

_REQUIRED = inspect.Parameter.empty


@dataclass(frozen=True)
class Mistake:
    """A wrong answer an author expects learners to give, declared on a question's `mistakes`.

    The self-check (`learntools-cv check-questions`) runs `code` after the exercise's setup code and asserts
    that the check says Incorrect, with a message containing `says` and with the mistake id `id`.
    """

    code: str
    """Learner code that makes the mistake, e.g. "image_condense = tf.nn.pool(..., pooling_type='AVG')"."""
    says: str
    """Words the feedback must contain, e.g. 'It looks like you used average pooling'."""
    id: str = ""
    """The stable id graders count, e.g. 'avg-pooling'. Required: the self-check reports a Mistake without one."""


@dataclass(frozen=True)
class Parameter:
    """One notebook variable a check reads."""

    name: str
    required: bool
    default: Any = None


class Question:
    """Base of every question. Subclasses set the class attributes below and write `check`."""

    hints: ClassVar[Sequence[str]] = ()
    """Markdown hints, shown one at a time by `q_n.hint()`, `q_n.hint(2)`, ..."""
    solution: ClassVar[Any] = ""
    """Markdown text, or `CS("code")` for a code solution."""
    mistakes: ClassVar[Sequence[Mistake]] = ()
    """Wrong answers the self-check proves the check recognises."""
    given: ClassVar[str] = ""
    """Code for the self-check (`learntools-cv check-questions`) to run before this question's solution,
    starter and each mistake, in a fresh copy of the setup: what the notebook's earlier answer cells have made
    that this question reads, such as the model that a compile question compiles. Learners never see it."""
    congrats: ClassVar[str] = ""
    """Extra words after Correct."""
    bonus: ClassVar[bool] = False
    """A bonus question: graded and counted apart; not needed to complete the exercise."""
    points: ClassVar[float] = 1.0
    """What a correct answer is worth in a gradebook (0 for a question that gives no points)."""
    show_solution_on_correct: ClassVar[bool | None] = None
    """Show the solution after Correct: True, False, or None for 'only when it is text, not code'."""
    solution_gives_credit: ClassVar[bool] = False
    """Viewing the solution completes the question (for questions with nothing to check)."""
    answers: ClassVar[Sequence[str] | None] = None
    """The learner's variables, when there is more than one; by default the first parameter of `check`."""
    starter: ClassVar[Mapping[str, Any]] = {}
    """Starter values that mean 'not attempted yet' (for starters that are not `____`), by variable name."""

    # ---- the model, read by views, graders and the self-check ----

    @property
    def name(self) -> str:
        """The question's id: its class name."""
        return type(self).__name__

    def parameters(self) -> list[Parameter]:
        """The notebook variables `check` reads, in order, read from its signature."""
        params = list(inspect.signature(self.check).parameters.values())
        out = []
        for p in params:
            if p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
                raise AuthoringError(
                    f"{self.name}.check takes {p}: name each notebook variable it reads as a parameter, "
                    "for example `def check(self, image_condense, image_detect):`."
                )
            out.append(Parameter(p.name, p.default is _REQUIRED, None if p.default is _REQUIRED else p.default))
        return out

    @property
    def parameter_names(self) -> list[str]:
        return [p.name for p in self.parameters()]

    @property
    def answer_names(self) -> list[str]:
        """The variables the learner writes."""
        if self.answers is not None:
            return list(self.answers)
        names = self.parameter_names
        return names[:1]

    @property
    def hint_list(self) -> list[str]:
        return list(self.hints)

    @property
    def solution_value(self) -> Any:
        return self.solution

    @property
    def congrats_text(self) -> str:
        return str(self.congrats or "")

    def correct_label(self) -> str:
        """Words shown instead of the label Correct ('' keeps Correct)."""
        return ""

    def correct_body(self) -> str:
        """The markdown after Correct: `congrats`, then the solution when `show_solution_on_correct` says so."""
        from learntools_cv.core.richtext import solution_markdown

        parts = [self.congrats_text.strip()]
        show = self.show_solution_on_correct
        solution = self.solution_value
        if show is None:
            show = isinstance(solution, str)
        if show and solution:
            parts.append(solution_markdown(solution))
        return "\n\n".join(p for p in parts if p).rstrip()

    @property
    def declared_mistakes(self) -> list[Mistake]:
        return list(self.mistakes)

    @property
    def gives_points(self) -> bool:
        return bool(self.points)

    @property
    def is_function(self) -> bool:
        """True when the learner's answer is a function that the check calls."""
        return False

    @property
    def checks_anything(self) -> bool:
        return True

    def validate(self) -> None:
        """Raise AuthoringError naming the fix if the class attributes are inconsistent."""
        for i, hint in enumerate(self.hint_list, 1):
            if not isinstance(hint, str):
                raise AuthoringError(f"{self.name}: hint {i} must be a string (markdown).")
        if self.checks_anything:
            names = self.parameter_names
            for answer in self.answer_names:
                if answer not in names:
                    raise AuthoringError(
                        f"{self.name}: the answer {answer!r} is not a parameter of check. Add it to "
                        f"`def check(self, {', '.join([answer, *names])})`, or fix `answers`."
                    )

    def judge(self, values: Mapping[str, Any]) -> None:
        """Check the answer in `values` (every parameter, by name). Raises as `check` does."""
        self.check_whether_attempted(values)
        self.call_check(values)

    def call_check(self, values: Mapping[str, Any]) -> None:
        self.check(**{name: values[name] for name in self.parameter_names if name in values})

    def check_whether_attempted(self, values: Mapping[str, Any]) -> None:
        """Raise NotAttempted when every answer still equals its starter value in `starter`."""
        if not self.starter:
            return
        from learntools_cv.core import compare

        for name in self.answer_names:
            if name not in self.starter:
                return
            try:
                plain = compare.to_plain(values.get(name))
            except compare.NotComparable:
                return
            if not compare.plain_equal(plain, self.starter[name]):
                return
        names = ", ".join(code(v) for v in self.answer_names)
        raise NotAttempted(f"You still need to update the code that sets {names}.")

    def check(self, *args: Any, **kwargs: Any) -> None:
        """Return if the answer is right; otherwise raise Incorrect, NotAttempted or Uncheckable."""
        raise AuthoringError(
            f"{self.name} has no check: write `def check(self, <answer>, <setup variables>):`, or make it a "
            "ThoughtQuestion."
        )


class ThoughtQuestion(Question):
    """A question answered in the learner's head or in words. Nothing to check; the solution discusses it."""

    points: ClassVar[float] = 0.0
    solution_gives_credit: ClassVar[bool] = True

    @property
    def checks_anything(self) -> bool:
        return False

    def parameters(self) -> list[Parameter]:
        return []

    def check(self) -> None:
        raise Uncheckable()


class FunctionQuestion(Question):
    """A question whose answer is a function the learner writes (the first parameter of `check`).

    Before `check` runs, an empty body (`pass`, `...`, `____`, a docstring) is Not attempted, and a Keras
    layer or model is named as such (calling one would build it, changing the learner's object)."""

    @property
    def is_function(self) -> bool:
        return True

    def check_whether_attempted(self, values: Mapping[str, Any]) -> None:
        super().check_whether_attempted(values)
        fn = values.get(self.answer_names[0])
        if callable(fn) and has_empty_body(fn):
            raise NotAttempted(f"The body of {code(function_name(fn))} is still empty.")
        kind = keras_kind(fn)
        if kind is not None:
            var = self.answer_names[0]
            raise Incorrect(
                f"{code(var)} is a Keras {code(type(fn).__name__)} {kind}, not a function. Write a function "
                f"with `def {var}(...):`, as the question asks.",
                mistake="keras-object",
            )


def function_name(fn: Any) -> str:
    name = getattr(fn, "__name__", None)
    return name if isinstance(name, str) else "your function"


def has_empty_body(fn: Any) -> bool:
    """True if the function's body is only a docstring, `pass`, `...`, `____` or `return ____`/`return`."""
    try:
        source = textwrap.dedent(inspect.getsource(fn))
        tree = ast.parse(source)
    except Exception:  # no source (a builtin, a lambda typed at a prompt) or a callable whose attributes lie
        return _bytecode_is_empty(fn)
    return source_has_empty_body(tree)


def source_has_empty_body(tree: ast.AST) -> bool:
    """The same test on parsed source (graders receive a function's source, not the function)."""
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not funcs:
        return False
    body = list(funcs[0].body)
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        body = body[1:]  # the docstring
    return all(_is_stub_statement(stmt) for stmt in body)


def _is_stub_statement(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Return)) else False
    if value is None:  # bare `return`
        return True
    if isinstance(value, ast.Constant) and (value.value is Ellipsis or value.value is None):
        return True
    return isinstance(value, ast.Name) and value.id == "____"


def _bytecode_is_empty(fn: Any) -> bool:
    """Without source (a function made by `exec`): empty if its bytecode only returns None."""
    import dis

    def empty() -> None:
        pass

    try:
        fn_code = getattr(fn, "__code__", None)
    except Exception:  # a callable object whose attributes raise
        return False
    if type(fn_code) is not type(empty.__code__) or fn_code.co_names:
        return False
    stub_ops = {"RESUME", "NOP", "LOAD_CONST", "RETURN_VALUE", "RETURN_CONST"}
    for instruction in dis.get_instructions(fn_code):
        if instruction.opname not in stub_ops:
            return False
        if instruction.opname in ("LOAD_CONST", "RETURN_CONST") and instruction.argval is not None:
            return False
    return True
