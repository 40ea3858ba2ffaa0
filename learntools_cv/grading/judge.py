"""The one module of the grader that touches the question API.

Everything else in `learntools_cv.grading` goes through these functions, so that a change in how questions
are found, bound and evaluated is made here only:

- `questions(exercise)`: what each question of an exercise module is (`QuestionSpec`), from the question
  model (`answer_names`, `parameter_names`, `bonus`, `points`, `is_function`, `checks_anything`);
- `judge(exercise, name, namespace)`: a question's `Verdict` for the variables in `namespace`, by the same
  checker that `q_N.check()` runs in a notebook (`QuestionView.evaluate(values=...)` on a session of the
  grader's own), in the words `learntools_cv.core.render` gives it;
- `prepare_sandbox_imports()`: what the fork server imports once, before any learner's code runs. (The
  notebook's own check, hint and solution calls show nothing in the sandbox: its child makes a silent
  `Session` current, core's supported way to run questions quietly.)
- `lesson_limits(exercise)`: the time limits the exercise's `GRADING_LIMITS` asks for, checked.

Verdicts map the outcome's status onto the gradebook's: correct, incorrect, not_attempted, could_not_grade.
A thought experiment (nothing to check) is not_attempted, worth 0 points, and keeps the words the learner saw.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from learntools_cv.core import render
from learntools_cv.core.status import COULD_NOT_GRADE, RESULT_LABELS, RESULT_STATUSES, Status

# Gradebook statuses, from core's one vocabulary.
CORRECT = Status.CORRECT.value
INCORRECT = Status.INCORRECT.value
NOT_ATTEMPTED = Status.NOT_ATTEMPTED.value
STATUSES = RESULT_STATUSES
STATUS_LABELS = RESULT_LABELS


class ExerciseError(Exception):
    """The exercise module cannot be imported or has no questions. The message names the fix."""


@dataclass(frozen=True)
class QuestionSpec:
    """What the grader needs to know about one question."""

    name: str
    """The learner's handle, `q_1`."""
    kind: str
    """'coding', 'function' (the answer is a function the checker calls) or 'thought' (nothing to check)."""
    bonus: bool
    """Bonus questions are counted apart from the total."""
    max_points: float
    """1 for a coding question, 0 for a thought experiment."""
    answers: tuple[str, ...]
    """The learner's variables (missing ones mean the question was not attempted)."""
    variables: tuple[str, ...]
    """Every notebook variable the check reads: answers first, then setup and optional ones."""


@dataclass(frozen=True)
class Verdict:
    """One question judged."""

    status: str
    """One of STATUSES."""
    message: str
    """The plain-text feedback, exactly as `q_N.check()` prints it (label first)."""
    mistake: str | None = None
    """The stable id of a recognised mistake, when the question API names one."""
    label: str = ""
    """The word `message` starts with, as data."""
    body: str = ""
    """The words after the label, as data."""
    outcome: Any = None
    """The question API's outcome, which `outcome_html` renders for feedback files (None when the grader
    could not establish one)."""
    seconds: float = 0.0
    """Time spent judging."""


def load_exercise(exercise: str) -> Any:
    """Import an exercise module, or raise ExerciseError naming the problem."""
    if not exercise.startswith("learntools_cv."):
        raise ExerciseError(
            f"{exercise!r} is not a learntools_cv exercise module: pass a name such as learntools_cv.ex3."
        )
    try:
        return importlib.import_module(exercise)
    except ImportError as exc:
        raise ExerciseError(f"The exercise module {exercise} cannot be imported ({exc}).") from None


# One session per exercise, of the grader's own: its views read only the values handed to `evaluate`.
_SESSIONS: dict[str, Any] = {}


def _views(exercise: str) -> dict[str, Any]:
    from learntools_cv.core.session import Session

    session = _SESSIONS.get(exercise)
    if session is None:
        load_exercise(exercise)
        session = _SESSIONS[exercise] = Session()
    views = session.questions(exercise)
    if not views:
        raise ExerciseError(f"The module {exercise} defines no questions (q_1, q_2, ...).")
    return dict(sorted(views.items(), key=lambda item: natural_key(item[0])))


def natural_key(name: str) -> tuple[Any, ...]:
    """Sort key giving q_1, q_2, ..., q_10."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name))


def questions(exercise: str) -> list[QuestionSpec]:
    """The questions of `exercise`, in natural order."""
    specs = []
    for name, view in _views(exercise).items():
        question = view.question
        thought = not question.checks_anything
        kind = "thought" if thought else "function" if question.is_function else "coding"
        specs.append(
            QuestionSpec(
                name=name,
                kind=kind,
                bonus=bool(question.bonus),
                max_points=float(question.points),
                answers=tuple(question.answer_names),
                variables=tuple(dict.fromkeys(question.parameter_names)),
            )
        )
    return specs


# What an exercise module's GRADING_LIMITS may set, and the most it may ask for, in seconds.
LESSON_LIMITS = {"cell_timeout": 3600.0, "notebook_timeout": 4 * 3600.0}


def lesson_limits(exercise: str) -> dict[str, float]:
    """The time limits the exercise's author set for grading it (`GRADING_LIMITS = {"cell_timeout": 180}` in
    the module), checked. Raises ExerciseError, naming the author's fix, when they are malformed."""
    module = load_exercise(exercise)
    given = getattr(module, "GRADING_LIMITS", None)
    if given is None:
        return {}
    where = f"{exercise}.GRADING_LIMITS"
    if not isinstance(given, Mapping):
        raise ExerciseError(f"{where} must be a dict such as {{'cell_timeout': 180}}, not a "
                            f"{type(given).__name__}: fix it in the exercise module.")
    limits: dict[str, float] = {}
    for key, value in given.items():
        if key not in LESSON_LIMITS:
            raise ExerciseError(f"{where} has the key {key!r}; it may set only "
                                f"{', '.join(map(repr, LESSON_LIMITS))}: fix it in the exercise module.")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= LESSON_LIMITS[key]:
            raise ExerciseError(f"{where}[{key!r}] must be a number of seconds above 0 and at most "
                                f"{LESSON_LIMITS[key]:g}, not {value!r}: fix it in the exercise module.")
        limits[key] = float(value)
    return limits


def lesson_data_makers(exercise: str) -> tuple[Any, ...]:
    """The functions the exercise's author listed in `GRADING_DATA` (each returns the data a graded notebook
    needs: see `lesson_data`), checked but not called. Raises ExerciseError, naming the author's fix, when the
    list is malformed."""
    given = getattr(load_exercise(exercise), "GRADING_DATA", None)
    if given is None:
        return ()
    if not isinstance(given, (tuple, list)) or not all(callable(f) for f in given):
        raise ExerciseError(f"{exercise}.GRADING_DATA must be a tuple of functions such as "
                            f"(car_or_truck.for_grading,), not the {type(given).__name__} {repr(given)[:100]}: "
                            "fix it in the exercise module.")
    return tuple(given)


def lesson_data(exercise: str) -> tuple[dict[str, str], list[str]]:
    """Run the exercise's `GRADING_DATA` functions (in the fork server, before any submission): the environment
    variables each graded notebook gets and the folders shown to it read-only at the same path. Each function
    returns `{"environment": {NAME: VALUE}, "folders": [PATH, ...]}`, and may build what it names (once per
    machine, in the grader's own cache). Raises ExerciseError, naming the author's fix, for anything else."""
    environment: dict[str, str] = {}
    folders: list[str] = []
    for make in lesson_data_makers(exercise):
        made = make()
        where = f"{exercise}.GRADING_DATA's {getattr(make, '__qualname__', make)!s}"
        env = made.get("environment", {}) if isinstance(made, Mapping) else None
        places = made.get("folders", []) if isinstance(made, Mapping) else None
        if (not isinstance(env, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
                or not isinstance(places, (list, tuple)) or not all(isinstance(f, str) and os.path.isabs(f)
                                                                      and os.path.isdir(f) for f in places)):
            raise ExerciseError(f"{where} must return {{'environment': {{NAME: VALUE}}, 'folders': [an existing "
                                "absolute folder, ...]}: fix it in the exercise module.")
        environment.update(env)
        folders.extend(places)
    return environment, folders


def judge(exercise: str, name: str, namespace: Mapping[str, Any]) -> Verdict:
    """Evaluate question `name` of `exercise` against the variables in `namespace`."""
    from learntools_cv.core.outcome import Status

    view = _views(exercise)[name]
    started = time.perf_counter()
    outcome = view.evaluate(values=namespace)
    seconds = time.perf_counter() - started
    status = {
        Status.CORRECT: CORRECT,
        Status.INCORRECT: INCORRECT,
        Status.NOT_ATTEMPTED: NOT_ATTEMPTED,
    }.get(outcome.status)
    if status is None:
        thought = outcome.status is Status.UNCHECKABLE
        status = NOT_ATTEMPTED if thought else COULD_NOT_GRADE
    message = render.text(outcome)
    return Verdict(
        status=status,
        message=message,
        mistake=outcome.mistake,
        label=outcome.label,
        body=message[len(outcome.label):].removeprefix(":").removeprefix(" ").removeprefix("\n"),
        outcome=outcome,
        seconds=seconds,
    )


def could_not_grade(reason: str) -> Verdict:
    """A verdict for a question the grader could not establish, with the reason in words."""
    label = STATUS_LABELS[COULD_NOT_GRADE]
    return Verdict(status=COULD_NOT_GRADE, message=f"{label}: {reason}", label=label, body=reason)


def outcome_html(verdict: Verdict) -> str:
    """The verdict as the house renders feedback: label, words and the comparison picture (inline PNG)."""

    return render.html(verdict.outcome, with_figure=True) if verdict.outcome is not None else ""


def prepare_sandbox_imports() -> None:
    """In the fork server: import what every submission's code uses, once."""
    import learntools_cv.core
    import learntools_cv.core.render
    import learntools_cv.core.view  # noqa: F401
