"""Solutions that render as more than plain markdown: code solutions shown as highlighted Python."""

from __future__ import annotations


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


CS = CodeSolution


def solution_markdown(solution: object) -> str:
    """The markdown body for any solution an author may set: a CodeSolution or a markdown string."""
    if isinstance(solution, CodeSolution):
        return solution.markdown
    return str(solution or "")
