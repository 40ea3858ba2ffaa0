"""Solutions that render as more than plain markdown: code solutions shown as highlighted Python."""

from __future__ import annotations

import re
from pathlib import Path

# A line that imports from a package of solution files (`from course.solns.helper import f`): the learner
# sees the solution on its own, so such lines are left out, as learntools leaves out its `solns` imports.
_SOLNS_IMPORT = re.compile(r"\s*(from\s+[\w.]*\bsolns\b[\w.]*\s+import\b|import\s+[\w.]*\bsolns\b)")


class CodeSolution:
    """A solution made of Python code, shown as a highlighted code block.

    `CS("x = 1", "y = 2")` or `CS('''...''')`: one string per line, or one multi-line string.
    The code is kept as `code`, so tools (the self-check) can run it.
    """

    def __init__(self, *lines: str) -> None:
        self.code = "\n".join(lines).strip("\n")

    @property
    def markdown(self) -> str:
        return f"\n```python\n{self.code}\n```"

    def __repr__(self) -> str:
        return f"CodeSolution({self.code!r})"

    @classmethod
    def load(cls, path: str | Path) -> CodeSolution:
        """The code of a solution file shipped with the exercise, e.g. `CS.load(solns.word_search.__file__)`,
        without the lines that import from other solution files."""
        from learntools_cv.core.exceptions import AuthoringError

        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise AuthoringError(
                f"CS.load: no solution file at {path}. Ship the file with the exercise module "
                "(e.g. in a solns/ folder next to it)."
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise AuthoringError(f"CS.load: could not read {path} as UTF-8 text ({exc}).") from None
        lines = [line.rstrip() for line in text.splitlines() if not _SOLNS_IMPORT.match(line)]
        return cls(*lines)


CS = CodeSolution


def solution_markdown(solution: object) -> str:
    """The markdown body for any solution an author may set: a CodeSolution or a markdown string."""
    if isinstance(solution, CodeSolution):
        return solution.markdown
    return str(solution or "")
