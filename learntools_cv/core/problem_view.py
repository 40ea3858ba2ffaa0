"""ProblemView: what a learner holds as `q_1`. It runs the problem's checker safely, turns the result into
an `Outcome`, records the interaction and shows it."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import warnings
from collections import Counter
from typing import Any, Iterator

import numpy as np

from learntools_cv.core.asserts import kind as _kind
from learntools_cv.core.exceptions import AuthoringError, Incorrect, NotAttempted, Uncheckable
from learntools_cv.core.globals_binder import Binder, NotBound, binder as default_binder
from learntools_cv.core.outcome import Outcome, Status
from learntools_cv.core.placeholder import is_placeholder
from learntools_cv.core.problem import CodingProblem, Problem, ThoughtExperiment
from learntools_cv.core.record import RECORD, Event, InteractionRecord, now
from learntools_cv.core.richtext import solution_markdown
from learntools_cv.core.text import code, short_repr
from learntools_cv.core.utils import exception_line
from learntools_cv.core.values import check_own_class


class ProblemView:
    """A bound question: `check()`, `hint()`, `solution()` for learners, `evaluate()` for graders and tests."""

    def __init__(
        self,
        problem: Problem,
        *,
        exercise: str,
        name: str,
        binder: Binder = default_binder,
        record: InteractionRecord = RECORD,
    ) -> None:
        problem.validate()
        self.problem = problem
        self.exercise = exercise
        self.name = name
        self._binder = binder
        self._record = record
        self.interactions: Counter[str] = Counter()
        problem._attach(self)
        record.register(self)

    def __repr__(self) -> str:
        return f"<question {self.name} of {self.exercise}: {type(self.problem).__name__}>"

    def __getattr__(self, attr: str) -> Any:
        """Expose the problem's public methods (learntools compatibility), never its private names."""
        if attr.startswith("_"):
            raise AttributeError(attr)
        value = getattr(self.problem, attr)
        if callable(value):
            return value
        raise AttributeError(f"{self.name} has no method {attr!r}")

    @property
    def kind(self) -> str:
        if isinstance(self.problem, ThoughtExperiment):
            return "thought experiment"
        return "coding" if isinstance(self.problem, CodingProblem) else "question"

    # ---- learner-facing calls ----

    def check(self) -> None:
        """Check the answer and show the feedback. Never raises for anything a learner does."""
        self._interact("check", self.evaluate())

    def hint(self, n: Any = 1) -> None:
        """Show hint number `n` (1 by default)."""
        self._interact("hint", self.hint_outcome(n))

    def solution(self) -> None:
        """Show the solution."""
        self._interact("solution", self.solution_outcome())

    # ---- outcomes without display ----

    def evaluate(self) -> Outcome:
        """Check the answer and return the outcome, without showing or recording it."""
        sink = io.StringIO()
        # A checker must print nothing beyond its feedback, and numpy or a learner's code may warn.
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with np.errstate(all="ignore"), _silenced_file_descriptors():
                return self._evaluate()

    def _evaluate(self) -> Outcome:
        problem = self.problem
        args: list[Any] = []
        try:
            args = self.injected_args() if isinstance(problem, CodingProblem) else []
            problem.check_whether_attempted(*args)
            problem.check(*args)
        except NotBound:
            return Outcome(
                Status.NOT_ATTEMPTED,
                "This notebook is not set up yet. Run the setup cell at the top first "
                "(it calls `binder.bind(globals())`), then check again.",
            )
        except NotAttempted as exc:
            return Outcome(Status.NOT_ATTEMPTED, _message(exc) or self._not_attempted_default())
        except Incorrect as exc:
            return Outcome(Status.INCORRECT, _message(exc) or "Not quite. Try again!", figure=exc.figure)
        except AssertionError as exc:  # learntools-style checkers use assert statements
            return Outcome(Status.INCORRECT, _message(exc) or "Not quite. Try again!")
        except Uncheckable as exc:
            return Outcome(
                Status.UNCHECKABLE,
                _message(exc)
                or f"Think it through, then run `{self.name}.solution()` "
                "to compare with your answer.",
            )
        except SystemExit as exc:  # only learner code exits: a function or a method the checker called
            return Outcome(
                Status.INCORRECT,
                f"Your code called `exit()` ({exception_line(exc)}) while it was being checked. "
                "Return a value instead.",
            )
        except Exception as exc:
            blamed = self._learner_value_error(exc, args)
            return blamed if blamed is not None else self._checker_error(exc)
        return Outcome(Status.CORRECT, self._correct_body(), label=_congrats(problem))

    def _learner_value_error(self, exc: BaseException, args: list[Any]) -> Outcome | None:
        """An Incorrect when a checker tripped over the kind of a learner's value (the exception names its
        type, as in `'int' object has no attribute 'lower'`), else None. learntools shows a traceback here."""
        if not isinstance(exc, (TypeError, AttributeError)):
            return None
        detail = _message(exc)
        names = self.problem.injectable_vars
        suspects = [
            (name, value) for name, value in zip(names, args)
            if f"'{type(value).__name__}'" in detail
        ]
        if not suspects:
            return None
        described = " and ".join(f"{code(name)} is {_kind(value)} ({code(short_repr(value))})"
                                 for name, value in suspects)
        return Outcome(
            Status.INCORRECT,
            f"Your answer could not be checked: checking it raised {exception_line(exc)}. {described}: is that "
            "the kind of value the question asks for?",
        )

    def show_exception(self, exc: BaseException) -> None:
        """Show what an `injected` method hit (a missing variable, an author's assert) as a worded outcome."""
        from learntools_cv.core import render

        if isinstance(exc, NotAttempted):
            outcome = Outcome(Status.NOT_ATTEMPTED, _message(exc) or self._not_attempted_default())
        else:
            outcome = Outcome(Status.INCORRECT, _message(exc) or "Not quite. Try again!")
        render.show(outcome)

    def _checker_error(self, exc: BaseException) -> Outcome:
        author = isinstance(exc, AuthoringError)
        detail = f" ({str(exc).rstrip('.')})" if author else f": it raised {exception_line(exc)}"
        return Outcome(
            Status.CHECKER_ERROR,
            f"The checker for `{self.name}` failed{detail}. This is a bug in the exercise, not a mistake "
            "in your answer. Please report it; meanwhile, compare your code with the hints.",
        )

    def _not_attempted_default(self) -> str:
        return f"When you have updated the starter code, `{self.name}.check()` will tell you whether it is right."

    def _correct_body(self) -> str:
        problem = self.problem
        parts = [str(problem._correct_message or "").strip()]
        show = problem.show_solution_on_correct
        if show is None:
            show = isinstance(problem.solution, str)
        if show and problem.solution:
            parts.append(solution_markdown(problem.solution))
        return "\n\n".join(p for p in parts if p).rstrip()

    def hint_outcome(self, n: Any = 1) -> Outcome:
        hints = self.problem.hints
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
        label = f"Hint {n}" if len(hints) > 1 else "Hint"
        return Outcome(Status.HINT, body, label=label)

    def solution_outcome(self) -> Outcome:
        body = solution_markdown(self.problem.solution)
        return Outcome(Status.SOLUTION, body or "Sorry, there is no solution for this question.")

    # ---- plumbing ----

    def injected_args(self) -> list[Any]:
        """The learner's variables, then the setup and optional variables, read from the bound namespace.

        Raises NotAttempted when the learner's variables are missing or still hold `____`, and Incorrect
        when only some are missing or a setup variable is gone."""
        ns = self._binder.namespace()
        names = self.problem.injectable_vars
        missing = [v for v in names if v not in ns]
        if missing and len(missing) == len(names):
            listed = ", ".join(code(v) for v in missing)
            plural = "s" if len(missing) > 1 else ""
            raise NotAttempted(f"Create the variable{plural} {listed}, then run `{self.name}.check()` again.")
        if missing:
            raise Incorrect(f"You still need to define {', '.join(code(v) for v in missing)}.")
        values = [ns[v] for v in names]
        unfilled = [v for v, value in zip(names, values) if is_placeholder(value)]
        if unfilled:
            listed = ", ".join(code(v) for v in unfilled)
            holds = "still holds" if len(unfilled) == 1 else "still hold"
            raise NotAttempted(
                f"{listed} {holds} the placeholder `____`. Replace it with your code, then run "
                f"`{self.name}.check()` again."
            )
        for name, value in zip(names, values):
            check_own_class(value, name)
        for setup in self.problem.setup_vars:
            if setup not in ns:
                raise Incorrect(
                    f"{code(setup)} is not defined, so there is nothing to check your answer against. "
                    "Re-run the setup cells above, then check again."
                )
            check_own_class(ns[setup], setup)
            values.append(ns[setup])
        values.extend(_usable(ns.get(name), name) for name in self.problem.optional_vars)
        return values

    def _interact(self, interaction: str, outcome: Outcome) -> None:
        from learntools_cv.core import render

        self.interactions[interaction] += 1
        self._record.add(
            Event(
                time=now(),
                exercise=self.exercise,
                question=self.name,
                interaction=interaction,
                status=outcome.status,
                message=outcome.message,
            )
        )
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


def _usable(value: Any, name: str) -> Any:
    """An optional variable's value, or None (as if it were missing) when it misreports its class."""
    try:
        check_own_class(value, name)
    except Incorrect:
        return None
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


def _congrats(problem: Problem) -> str:
    """learntools' `_congrats`: words that replace the label Correct ('' keeps Correct)."""
    congrats = getattr(problem, "_congrats", "")
    return congrats.strip() if isinstance(congrats, str) else ""


def _message(exc: BaseException) -> str:
    try:
        return str(exc).strip()
    except Exception:
        return ""
