"""Exceptions a question's checker raises to report an outcome.

A checker returns normally when the answer is right. Otherwise it raises:

- `Incorrect` (or a plain `AssertionError`, for learntools compatibility) when the learner's answer is wrong;
- `NotAttempted` when the learner has not changed the starter code yet;
- `Uncheckable` when the question has no automatic check (a thought experiment).

Any other exception escaping a checker is a bug in the checker. It is reported as the checker's fault,
never as the learner's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class NotAttempted(Exception):
    """The learner has not attempted the question yet (the starter code is unchanged)."""


class Incorrect(Exception):
    """The learner's answer is wrong. The message (markdown) says what is wrong.

    `mistake` is the stable id of a recognised mistake (for example 'avg-pooling'), which graders and class
    reports count; None when the answer is wrong in no way the checker could name. `figure` optionally carries
    data for a picture of the mistake (see `learntools_cv.core.outcome.Figure`).
    """

    def __init__(self, message: str = "", *, mistake: str | None = None, figure: Any = None) -> None:
        super().__init__(message)
        self.mistake = mistake
        self.figure = figure


class UserlandExceptionIncorrect(Incorrect):
    """The learner's function raised an exception when the checker called it."""

    def __init__(self, exception: BaseException, args: Sequence[Any], fn: Any = None) -> None:
        from learntools_cv.core.utils import exception_line, format_args

        self.wrapped_exception = exception
        where = format_args(fn, args) if args else "no arguments"
        super().__init__(
            f"Calling your function with {where} raised {exception_line(exception)}."
        )


class Uncheckable(Exception):
    """The question has nothing to check automatically."""


class AuthoringError(Exception):
    """A course author's mistake in a question or exercise module. The message names the fix."""
