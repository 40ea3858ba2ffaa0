"""The checked-in learner notebooks are fresh builds of their solution notebooks, like a lock file.

Edit `solutions/exN.ipynb`, never `exercises/exN.ipynb`; then run `learntools-cv build solutions/exN.ipynb`.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from learntools_cv.authoring.build import build_file, default_output_path, out_of_date_reason

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((REPO / "solutions").glob("ex*.ipynb"))


def staleness(solution: Path, root: Path) -> str | None:
    """None if the learner notebook for `solution` is current, otherwise the message a failing test shows."""
    reason = out_of_date_reason(solution)
    if reason is None:
        return None
    exercise = default_output_path(solution).relative_to(root)
    command = f"learntools-cv build {solution.relative_to(root)}"
    return f"{exercise} {reason}; regenerate it with `{command}` from the repository root and commit both notebooks"


@pytest.mark.parametrize(
    "solution",
    [pytest.param(path, id=path.name) for path in SOLUTIONS]
    or [pytest.param(None, marks=pytest.mark.skip(reason="solutions/ has no ex*.ipynb notebooks yet"))],
)
def test_exercise_notebook_is_a_fresh_build(solution: Path) -> None:
    message = staleness(solution, REPO)
    assert message is None, message


def test_staleness_names_the_file_and_the_command(tmp_path: Path) -> None:
    solution = tmp_path / "solutions" / "ex9.ipynb"
    solution.parent.mkdir()
    nbformat.write(new_notebook(cells=[new_code_cell("# BEGIN SOLUTION\nx = 1\n# END SOLUTION", id="a")]), solution)
    regenerate = "regenerate it with `learntools-cv build solutions/ex9.ipynb` from the repository root"

    assert staleness(solution, tmp_path) == (
        f"exercises/ex9.ipynb does not exist; {regenerate} and commit both notebooks"
    )
    build_file(solution)
    assert staleness(solution, tmp_path) is None
    nbformat.write(new_notebook(cells=[new_code_cell("x = 2", id="a")]), solution)
    assert staleness(solution, tmp_path) == (
        f"exercises/ex9.ipynb differs from a fresh build in cell 1; {regenerate} and commit both notebooks"
    )
