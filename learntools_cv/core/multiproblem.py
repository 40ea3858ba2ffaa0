"""A question in parts: `q_3.a`, `q_3.b`, ..."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from learntools_cv.core.view import QuestionView as ProblemView


class MultipartProblem:
    """Groups related problems. After binding, part `a` is `q_n.a`, part `b` is `q_n.b`, and so on."""

    def __init__(self, *problems: Any) -> None:
        if not problems:
            raise ValueError("MultipartProblem needs at least one part, e.g. MultipartProblem(Q3A, Q3B).")
        self.problems = problems
        self._varname = "q"
        self._parts: dict[str, ProblemView] = {}

    def _bind_parts(self, varname: str, parts: dict[str, ProblemView]) -> None:
        """Called by bind_exercises: remember the name and the parts' views."""
        self._varname = varname
        self._parts = dict(parts)

    def __getattr__(self, name: str) -> Any:
        parts = self.__dict__.get("_parts", {})
        if name in parts:
            return parts[name]
        raise AttributeError(
            f"{self.__dict__.get('_varname', 'This question')} has parts {', '.join(parts) or '(none yet)'}; "
            f"there is no {name!r}."
        )

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._parts))

    @property
    def parts(self) -> dict[str, ProblemView]:
        return dict(self._parts)

    def _describe(self) -> str:
        names = ", ".join(f"`{self._varname}.{letter}`" for letter in self._parts)
        first = next(iter(self._parts), "a")
        return (
            f"This question has {len(self._parts)} parts: {names}. "
            f"Use them one at a time, for example `{self._varname}.{first}.check()`."
        )

    def _repr_markdown_(self) -> str:
        return self._describe()

    def __repr__(self) -> str:
        return self._describe().replace("`", "")

    # A learner who calls q_3.check() (or q_3.hint(2)) gets directions, not an AttributeError or a TypeError.
    def check(self, *args: Any, **kwargs: Any) -> None:
        from learntools_cv.core.render import show_markdown

        show_markdown(self._describe(), repr(self))

    hint = solution = check
