"""`bind_exercises`: turn an exercise module's problem classes into the `q_1`, `q_2`, ... a learner uses."""

from __future__ import annotations

from typing import Any, MutableMapping, Sequence

from learntools_cv.core.exceptions import AuthoringError
from learntools_cv.core.multiproblem import MultipartProblem
from learntools_cv.core.placeholder import PLACEHOLDER
from learntools_cv.core.problem import Problem
from learntools_cv.core.problem_view import ProblemView


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
    """
    exercise = str(g.get("__name__", "exercise"))
    if "{n}" not in var_format:
        raise AuthoringError(f"var_format must contain '{{n}}', for example 'q_{{n}}'; got {var_format!r}.")
    names: list[str] = []
    for i, entry in enumerate(exercises):
        if entry is None:
            continue
        varname = var_format.format(n=i + start)
        if isinstance(entry, MultipartProblem):
            parts = {
                chr(ord("a") + j): ProblemView(_instantiate(part, f"{varname}.{chr(ord('a') + j)}"),
                                               exercise=exercise, name=f"{varname}.{chr(ord('a') + j)}")
                for j, part in enumerate(entry.problems)
            }
            entry._bind_parts(varname, parts)
            g[varname] = entry
        else:
            g[varname] = ProblemView(_instantiate(entry, varname), exercise=exercise, name=varname)
        names.append(varname)
    g["____"] = PLACEHOLDER
    names.append("____")
    return names


def _instantiate(entry: Any, varname: str) -> Problem:
    if isinstance(entry, type) and issubclass(entry, Problem):
        return entry()
    if isinstance(entry, Problem):
        return entry
    raise AuthoringError(
        f"bind_exercises: the entry for {varname} is {entry!r}. Pass Problem subclasses, "
        "MultipartProblem(...) or None."
    )
