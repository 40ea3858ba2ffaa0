"""`bind_exercises`: turn an exercise module's problem classes into the `q_1`, `q_2`, ... a learner uses."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from learntools_cv.core.exceptions import AuthoringError
from learntools_cv.core.multiproblem import MultipartProblem
from learntools_cv.core.placeholder import PLACEHOLDER
from learntools_cv.core.question import Question
from learntools_cv.core.session import current_session, remember_exercise
from learntools_cv.core.view import QuestionView


def bind_exercises(
    g: MutableMapping[str, Any],
    exercises: Sequence[Any],
    tutorial_id: Any = None,
    start: int = 1,
    var_format: str = "q{n}",
) -> list[str]:
    """Create one question variable per entry of `exercises` in the module namespace `g`.

    Entries are Problem subclasses (or instances), `MultipartProblem`s (giving `q_n.a`, `q_n.b`, ...), or
    None to skip a number. Also puts the placeholder `____` in `g`. Returns the names created, `____`
    included, so that `__all__ = list(qvars)` exports everything a notebook needs.

    The views follow the current session (see `learntools_cv.core.session`), which also learns of them for
    `progress()`. `tutorial_id` is accepted for learntools compatibility; learntools_cv has no use for it.
    """
    session = current_session()
    exercise = str(g.get("__name__", "exercise"))
    if "{n}" not in var_format:
        raise AuthoringError(f"var_format must contain '{{n}}', for example 'q_{{n}}'; got {var_format!r}.")
    names: list[str] = []
    views: dict[str, QuestionView] = {}
    for i, entry in enumerate(exercises):
        if entry is None:
            continue
        varname = var_format.format(n=i + start)
        if isinstance(entry, MultipartProblem):
            parts = {}
            for j, part in enumerate(entry.problems):
                letter = chr(ord("a") + j)
                view = QuestionView(_instantiate(part, f"{varname}.{letter}"), exercise=exercise,
                                    name=f"{varname}.{letter}")
                session.register(view)
                parts[letter] = views[view.name] = view
            entry._bind_parts(varname, parts)
            g[varname] = entry
        else:
            view = QuestionView(_instantiate(entry, varname), exercise=exercise, name=varname)
            session.register(view)
            g[varname] = views[varname] = view
        names.append(varname)
    remember_exercise(exercise, views)
    g["____"] = PLACEHOLDER
    names.append("____")
    return names


def _instantiate(entry: Any, varname: str) -> Question:
    if isinstance(entry, type) and issubclass(entry, Question):
        return entry()
    if isinstance(entry, Question):
        return entry
    raise AuthoringError(
        f"bind_exercises: the entry for {varname} is {entry!r}. Pass Question (or learntools Problem) subclasses, "
        "MultipartProblem(...) or None."
    )
