"""QuestionView: what a learner holds as `q_1`.

A view pairs a stateless question with a session (by default the current one, so that a test or a grader
can swap sessions). It reads the question's variables from the session's namespace by name, runs the check
safely, turns what happened into an `Outcome`, records the interaction and hands the outcome to the
renderer. Learners see `check`, `hint` and `solution`, plus learntools' documented extras.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import io
import os
import sys
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from learntools_cv.core import render
from learntools_cv.core.exceptions import AuthoringError, Incorrect, NotAttempted, Uncheckable
from learntools_cv.core.expect import kind_of
from learntools_cv.core.outcome import Outcome, Status
from learntools_cv.core.placeholder import is_placeholder
from learntools_cv.core.plaintext import plain_text
from learntools_cv.core.question import Question
from learntools_cv.core.richtext import solution_markdown
from learntools_cv.core.session import NotBound, Session, current_session
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.utils import exception_line
from learntools_cv.core.values import check_own_class

__all__ = ["QuestionView", "current_view"]

_CURRENT_VIEW: contextvars.ContextVar[QuestionView | None] = contextvars.ContextVar("current_view", default=None)


def current_view() -> QuestionView | None:
    """The view whose check (or `@injected` method) is running, or None: learntools' `self._view`."""
    return _CURRENT_VIEW.get()


@contextlib.contextmanager
def _running(view: QuestionView) -> Iterator[None]:
    token = _CURRENT_VIEW.set(view)
    try:
        yield
    finally:
        _CURRENT_VIEW.reset(token)

# Submodules that `from learntools.core import *` brings as names (time_series ex5 uses `exceptions.`).
_LEARNTOOLS_SUBMODULES = frozenset(
    {"asserts", "exceptions", "globals_binder", "multiproblem", "problem", "richtext", "utils"}
)

# Names a learner may call on a view besides check/hint/solution: learntools documents these.
_LEARNTOOLS_EXTRAS = ("assert_check_failed", "assert_check_passed", "assert_check_unattempted")


class QuestionView:
    """A bound question: `check()`, `hint()`, `solution()` for learners, `evaluate()` for graders and tests."""

    def __init__(self, question: Question, *, exercise: str, name: str, session: Session | None = None) -> None:
        question.validate()
        self.question = question
        self.exercise = exercise
        self.name = name
        self._session = session

    def __repr__(self) -> str:
        return f"<question {self.name} of {self.exercise}: {self.question.name}>"

    @property
    def session(self) -> Session:
        """The session this view reads from and records into: its own, or the current one."""
        if self._session is not None:
            return self._session
        return current_session()

    def for_session(self, session: Session) -> QuestionView:
        """The same question, reading from and recording into `session` alone."""
        return QuestionView(self.question, exercise=self.exercise, name=self.name, session=session)

    @property
    def interactions(self) -> Counter[str]:
        """How often this question was checked, hinted and solved in its session (learntools' counter)."""
        return Counter(e.interaction for e in self.session.record.events_for(self.exercise, self.name))

    @property
    def problem(self) -> Question:
        """learntools' name for the question object."""
        return self.question

    def __getattr__(self, attr: str) -> Any:
        """learntools compatibility: a question's `@injected` methods, and the public methods its author
        wrote on the question class, are callable through the view. Framework internals are not."""
        if attr.startswith("_") or attr in ("question", "exercise", "name"):
            raise AttributeError(attr)
        question = self.__dict__.get("question")
        if question is None:
            raise AttributeError(attr)
        for klass in type(question).__mro__:
            if klass.__module__.startswith("learntools_cv.core"):
                break
            member = klass.__dict__.get(attr)
            if member is None:
                continue
            inner = getattr(member, "__learntools_injected__", None)
            if inner is not None:
                return lambda *args, **kwargs: self._call_injected(inner, args, kwargs)
            if callable(member):
                return self._while_running(getattr(question, attr))
            break
        raise AttributeError(f"{self.name} has no method {attr!r}; use {self.name}.check(), .hint() or .solution()")

    def _while_running(self, method: Any) -> Any:
        """An author's method, called with this view as learntools' `self._view` (data_viz_to_coder's
        `solution_plot` calls `self._view.solution()`)."""

        @functools.wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            with _running(self):
                return method(*args, **kwargs)

        return call

    def _call_injected(self, method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Run a learntools `@injected` method with the learner's values first. A missing variable, or an
        author's assertion about the learner's value, is shown in words instead of a traceback."""
        try:
            with _running(self):
                return method(self.question, *self.positional_values(), *args, **kwargs)
        except NotAttempted as exc:
            outcome = Outcome(Status.NOT_ATTEMPTED, _message(exc) or self._not_attempted_default())
        except (Incorrect, AssertionError) as exc:
            outcome = Outcome(Status.INCORRECT, _message(exc) or "Not quite. Try again!")
        render.show(outcome)
        return None

    def __dir__(self) -> list[str]:
        return ["check", "hint", "solution", *_LEARNTOOLS_EXTRAS]

    @property
    def kind(self) -> str:
        if not self.question.checks_anything:
            return "thought experiment"
        return "coding"

    # ---- learner-facing calls ----

    def check(self) -> None:
        """Check the answer and show the feedback. Never raises for anything a learner does. In a silent
        session (a process that only collects answers, such as a grading sandbox) it does nothing."""
        if not self.session.silent:
            self._interact("check", self.evaluate())

    def hint(self, n: Any = 1) -> None:
        """Show hint number `n` (1 by default); nothing in a silent session."""
        if not self.session.silent:
            self._interact("hint", self.hint_outcome(n), hint=n)

    def solution(self) -> None:
        """Show the solution; nothing in a silent session."""
        if not self.session.silent:
            self._interact("solution", self.solution_outcome())

    # ---- outcomes without display ----

    def evaluate(self, values: Mapping[str, Any] | None = None) -> Outcome:
        """Check the answer and return the outcome, without showing or recording it.

        `values` (variable name to value) replaces reading the session's namespace: graders pass the plain
        values they read out of a learner's process."""
        sink = io.StringIO()
        # A checker must print nothing beyond its feedback, and numpy or a learner's code may warn.
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"), _silenced_file_descriptors():
                with _running(self):
                    return self._evaluate(values)

    def _evaluate(self, given: Mapping[str, Any] | None) -> Outcome:
        question = self.question
        values: dict[str, Any] = {}
        try:
            values = self.read_values(given)
            question.judge(values)
        except NotBound:
            return Outcome(
                Status.NOT_ATTEMPTED,
                "This notebook is not set up yet. Run the setup cell at the top first "
                "(it calls `binder.bind(globals())`), then check again.",
            )
        except NotAttempted as exc:
            return Outcome(Status.NOT_ATTEMPTED, _message(exc) or self._not_attempted_default())
        except Incorrect as exc:
            message = _message(exc) or "Not quite. Try again!"
            mistake = exc.mistake or self._declared_mistake(message)
            return Outcome(Status.INCORRECT, message, mistake=mistake, figure=exc.figure)
        except AssertionError as exc:  # learntools-style checkers use assert statements
            message = _message(exc) or "Not quite. Try again!"
            return Outcome(Status.INCORRECT, message, mistake=self._declared_mistake(message))
        except Uncheckable as exc:
            has_solution = bool(solution_markdown(question.solution_value).strip())
            return Outcome(
                Status.UNCHECKABLE,
                _message(exc)
                or (f"Think it through, then run `{self.name}.solution()` to compare with your answer."
                    if has_solution else "This question has no automatic check."),
            )
        except SystemExit as exc:  # only learner code exits: a function or a method the checker called
            return Outcome(
                Status.INCORRECT,
                f"Your code called `exit()` ({exception_line(exc)}) while it was being checked. "
                "Return a value instead.",
                mistake="called-exit",
            )
        except Exception as exc:
            blamed = self._learner_value_error(exc, values)
            return blamed if blamed is not None else self._checker_error(exc)
        try:
            return Outcome(Status.CORRECT, question.correct_body(), label=question.correct_label())
        except Exception as exc:  # a learntools `_correct_message` property is author code too
            return self._checker_error(exc)

    def _learner_value_error(self, exc: BaseException, values: Mapping[str, Any]) -> Outcome | None:
        """Incorrect, when a checker tripped over the kind of a learner's value: the exception names the
        value's type (`'int' object has no attribute 'lower'`). learntools shows a traceback here. None
        otherwise: then it is the checker's own bug."""
        if not isinstance(exc, (TypeError, AttributeError)):
            return None

        detail = _message(exc)
        suspects = [
            (name, values[name]) for name in self.question.answer_names
            if name in values and f"'{type(values[name]).__name__}'" in detail
        ]
        if not suspects:
            return None
        described = " and ".join(
            f"{code(name)} is {kind_of(value)} ({code(short_repr(value))})" for name, value in suspects
        )
        return Outcome(
            Status.INCORRECT,
            f"Your answer could not be checked: checking it raised {exception_line(exc)}. {described}: is "
            "that the kind of value the question asks for?",
            mistake="wrong-kind-of-value",
        )

    def _declared_mistake(self, message: str) -> str | None:
        """The id of the declared Mistake whose words the message contains, for checks that raise no id."""
        plain = plain_text(message)
        for mistake in self.question.declared_mistakes:
            if mistake.id and mistake.says and (mistake.says in message or plain_text(mistake.says) in plain):
                return mistake.id
        return None

    def _checker_error(self, exc: BaseException) -> Outcome:
        author = isinstance(exc, AuthoringError)
        detail = f" ({str(exc).rstrip('.')})" if author else f": it raised {exception_line(exc)}"
        missing = getattr(exc, "name", None) if isinstance(exc, NameError) else None
        if missing in _LEARNTOOLS_SUBMODULES:  # a ported module that relied on learntools' star import
            detail += (
                f" (learntools' star import brings the submodule `{missing}`; learntools_cv's does not: add "
                f"`from learntools_cv.core import {missing}` to the exercise module)"
            )
        return Outcome(
            Status.CHECKER_ERROR,
            f"The checker for `{self.name}` failed{detail}. This is a bug in the exercise, not a mistake "
            "in your answer. Please report it; meanwhile, compare your code with the hints.",
        )

    def _not_attempted_default(self) -> str:
        return f"When you have updated the starter code, `{self.name}.check()` will tell you whether it is right."

    def hint_outcome(self, n: Any = 1) -> Outcome:
        hints = self.question.hint_list
        if not hints:
            return Outcome(Status.HINT, "Sorry, there is no hint for this question.")
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            return Outcome(Status.HINT, f"Pass the number of a hint, for example `{self.name}.hint(1)`.")
        n = int(n)
        if not 1 <= n <= len(hints):
            last = len(hints)
            many = "is only 1 hint" if last == 1 else f"are {last} hints"
            return Outcome(Status.HINT, f"There {many} for this question: try `{self.name}.hint({last})`.")
        body = hints[n - 1].strip()
        if n < len(hints):
            body += f"\n\n(For another hint, run `{self.name}.hint({n + 1})`.)"
        label = f"Hint {n}" if len(hints) > 1 else ""
        return Outcome(Status.HINT, body, label=label)

    def solution_outcome(self) -> Outcome:
        body = solution_markdown(self.question.solution_value)
        return Outcome(Status.SOLUTION, body or "Sorry, there is no solution for this question.")

    # ---- reading the learner's values ----

    def read_values(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Every variable the check reads, by name, from `given` or the session's namespace.

        Raises NotAttempted when the learner's variables are missing or still hold `____`, and Incorrect
        when only some are missing or a setup variable is gone. A missing optional variable gets its default."""
        question = self.question
        if not question.parameters():
            return {}
        ns: Mapping[str, Any] = given if given is not None else self.session.namespace()
        answers = question.answer_names
        missing = [v for v in answers if v not in ns]
        if missing and len(missing) == len(answers):
            listed = ", ".join(code(v) for v in missing)
            plural = "s" if len(missing) > 1 else ""
            raise NotAttempted(f"Create the variable{plural} {listed}, then run `{self.name}.check()` again.")
        if missing:
            raise Incorrect(f"You still need to define {', '.join(code(v) for v in missing)}.")
        unfilled = [v for v in answers if is_placeholder(ns[v])]
        if unfilled:
            listed = ", ".join(code(v) for v in unfilled)
            holds = "still holds" if len(unfilled) == 1 else "still hold"
            raise NotAttempted(
                f"{listed} {holds} the placeholder `____`. Replace it with your code, then run "
                f"`{self.name}.check()` again."
            )
        values: dict[str, Any] = {}
        for name in answers:
            check_own_class(ns[name], name)
            values[name] = ns[name]
        for param in question.parameters():
            if param.name in values:
                continue
            if param.required:
                if param.name not in ns:
                    raise Incorrect(
                        f"{code(param.name)} is not defined, so there is nothing to check your answer against. "
                        "Re-run the setup cells above, then check again."
                    )
                check_own_class(ns[param.name], param.name)
                values[param.name] = ns[param.name]
            else:
                values[param.name] = _usable(ns.get(param.name, param.default), param.name, param.default)
        return values

    def positional_values(self) -> list[Any]:
        """The values in the order of the question's parameters (for learntools' `@injected` methods)."""
        values = self.read_values()
        return [values[name] for name in self.question.parameter_names]

    def _interact(self, interaction: str, outcome: Outcome, hint: Any = None) -> None:
        number = int(hint) if isinstance(hint, (int, np.integer)) and not isinstance(hint, bool) else None
        self.session.record_interaction(self, interaction, outcome, hint=number)
        render.show(outcome)

    # ---- for authors' tests (learntools compatibility) ----

    # As in learntools, each runs `check()`: the feedback is shown and counted, then the status is asserted.

    def assert_check_passed(self) -> None:
        self._assert_check(Status.CORRECT, "to pass")

    def assert_check_failed(self) -> None:
        self._assert_check(Status.INCORRECT, "to fail")

    def assert_check_unattempted(self) -> None:
        self._assert_check(Status.NOT_ATTEMPTED, "to be not attempted")

    def _assert_check(self, status: Status, expectation: str) -> None:
        outcome = self.evaluate()
        self._interact("check", outcome)
        if outcome.status is not status:
            raise AssertionError(f"Expected {self.name} {expectation}, but got: {outcome.message}")


def _usable(value: Any, name: str, default: Any) -> Any:
    """An optional variable's value, or its default (as if it were missing) when it misreports its class."""
    try:
        check_own_class(value, name)
    except Incorrect:
        return default
    return value


@contextlib.contextmanager
def _silenced_file_descriptors() -> Iterator[None]:
    """Send what C code writes to file descriptors 1 and 2 during a check (TensorFlow's logging, when a
    learner's function calls it) to the null device, as Python-level output already is."""
    saved: list[int] = []
    try:
        for stream in (sys.__stdout__, sys.__stderr__):
            if stream is not None:
                stream.flush()
        saved.append(os.dup(1))
        saved.append(os.dup(2))
    except (OSError, ValueError):  # no such descriptors (an embedded interpreter): nothing to silence
        for fd in saved:
            os.close(fd)
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


def _message(exc: BaseException) -> str:
    try:
        return str(exc).strip()
    except Exception:
        return ""
