"""Finding submissions and reading them: which notebooks to grade, whose they are, which exercise they
answer, and their code cells in order.

Accepted inputs: notebook files, folders searched for `*.ipynb`, and nbgrader-style trees
`submitted/<learner>/<assignment>/<notebook>.ipynb`. Reading never runs anything: a notebook that is not
valid JSON, has no code cells or has no setup cell is still a `Submission`, carrying a worded `problem`.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from learntools_cv.grading import safety

# A setup cell imports its exercise with a star, as learntools notebooks do: `from learntools_cv.X.Y import *`.
_STAR_IMPORT = re.compile(r"^\s*from\s+(learntools_cv(?:\.\w+)+)\s+import\s+\*", re.M)
NO_SETUP = (
    "No cell imports an exercise (a setup cell such as `from learntools_cv.ex3 import *`), so it is not known "
    "which questions to grade. Pass --exercise MODULE."
)
# The most bytes read from one submitted file: a notebook is a few hundred kilobytes.
MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class CodeCell:
    """One code cell of a notebook, in document order."""

    index: int
    """The cell's position among all cells of the notebook (markdown included), counting from 0."""
    source: str
    """The cell's code as the learner left it (IPython magics included)."""


@dataclass(frozen=True)
class Submission:
    """One notebook to grade."""

    learner: str
    """Who handed it in: the nbgrader learner folder, else the file name without `.ipynb`."""
    assignment: str
    """What it answers: the nbgrader assignment folder, else the exercise's short name (`ex3`)."""
    path: str
    """Where the file is."""
    content_hash: str
    """sha256 of the file's bytes: an unchanged file is not graded again."""
    exercise: str | None
    """The exercise module (`learntools_cv.ex3`), from --exercise or the setup cell; None if unknown."""
    cells: tuple[CodeCell, ...] = ()
    """The code cells, in order."""
    problem: str = ""
    """Why the notebook cannot be run at all ('' when it can)."""
    note: str = ""
    """Something the teacher should know that does not stop grading (how the exercise was found)."""


@dataclass(frozen=True)
class Discovery:
    """What `discover` found: the submissions, and notes about inputs it skipped."""

    submissions: tuple[Submission, ...]
    notes: tuple[str, ...] = field(default=())


def exercise_of(cells: Sequence[CodeCell]) -> str | None:
    """The exercise module a notebook's setup cell imports (`from learntools_cv.computer_vision.ex3 import *`),
    or None: the first module star-imported from learntools_cv that is an exercise (`is_exercise`)."""
    for cell in cells:
        for match in _STAR_IMPORT.finditer(cell.source):
            if is_exercise(match.group(1)):
                return match.group(1)
    return None


@functools.lru_cache(maxsize=256)
def is_exercise(module: str) -> bool:
    """Whether the installed module `module` is an exercise: its own code binds questions with
    `bind_exercises(...)`. Read from its source, without importing it (a notebook names the module, and
    importing an arbitrary module, `learntools_cv.__main__` say, would run it)."""
    if any(part.startswith("_") for part in module.split(".")):
        return False
    try:
        spec = importlib.util.find_spec(module)
        source = Path(spec.origin).read_text(encoding="utf-8") if spec and spec.origin else ""
        tree = ast.parse(source)
    except (ImportError, ValueError, OSError, SyntaxError):
        return False
    return any(
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "bind_exercises"
        for statement in tree.body if not isinstance(statement, (ast.FunctionDef, ast.ClassDef))
        for node in ast.walk(statement)
    )


def read_cells(data: bytes) -> tuple[tuple[CodeCell, ...], str]:
    """The code cells of a notebook file's bytes, and '' — or no cells and why the file cannot be read."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return (), "The file is not a notebook: it is not text (a notebook is a JSON file)."
    try:
        nb = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return (), f"The file is not a valid notebook: it is not valid JSON ({_short(exc)})."
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return (), "The file is not a notebook: it is JSON, but has no list of cells."
    cells = []
    for index, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            continue
        cells.append(CodeCell(index=index, source=source))
    if not cells:
        return (), "The notebook has no code cells."
    return tuple(cells), ""


def assigned_names(source: str) -> frozenset[str]:
    """The names a cell's code assigns (variables, functions, classes, imports); empty if it does not parse."""
    try:
        tree = ast.parse(_without_magics(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return frozenset()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return frozenset(names)


def _without_magics(source: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def load_submission(path: str | os.PathLike[str], *, learner: str, assignment: str | None,
                    exercise: str | None = None) -> Submission:
    """Read one file as a submission. `assignment` None means: the exercise's short name. The learner's and the
    assignment's names are stored as `safety.name` makes them (a folder's name may hold anything)."""
    learner = safety.name(learner)
    assignment = None if assignment is None else safety.name(assignment)
    p = Path(path)
    cells: tuple[CodeCell, ...]
    try:
        size = p.stat().st_size
        if size > MAX_NOTEBOOK_BYTES:
            data = b""
            cells, problem = (), f"The file is {size:,} bytes, too large to be a notebook."
        else:
            data = p.read_bytes()
            cells, problem = read_cells(data)
    except OSError as exc:
        data, cells, problem = b"", (), f"The file could not be read ({_short(exc)})."
    detected = exercise_of(cells)
    found = exercise or detected
    note = ""
    if found is None and not problem:
        problem = NO_SETUP
    elif detected is None and not problem:
        note = f"No cell imports the exercise (the setup cell is missing); graded as {found}, as --exercise says."
    digest = hashlib.sha256(data).hexdigest() if data else hashlib.sha256(str(p).encode()).hexdigest()
    if assignment is None:
        assignment = found.rsplit(".", 1)[-1] if found else "unknown"
    return Submission(
        learner=learner,
        assignment=assignment,
        path=str(p),
        content_hash=digest,
        exercise=found,
        cells=cells,
        problem=problem,
        note=note,
    )


def discover(inputs: Iterable[str | os.PathLike[str]], exercise: str | None = None) -> Discovery:
    """Every submission under `inputs` (files, folders, nbgrader `submitted/` trees), sorted by learner."""
    found: dict[tuple[str, str], Submission] = {}
    notes: list[str] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            notes.append(f"{path}: no such file or folder; skipped.")
            continue
        for file, learner, assignment in _walk(path):
            sub = load_submission(file, learner=learner, assignment=assignment, exercise=exercise)
            key = (sub.learner, sub.assignment)
            if key in found:
                notes.append(
                    f"{file}: {sub.learner} already has a submission for {sub.assignment} "
                    f"({found[key].path}); this one was skipped."
                )
                continue
            found[key] = sub
    # A notebook without a setup cell answers the same exercise as its classmates' for the same assignment.
    known = {s.assignment: s.exercise for s in found.values() if s.exercise and not s.note}
    for key, sub in found.items():
        if sub.exercise is None and sub.assignment in known:
            guessed = known[sub.assignment]
            if sub.problem == NO_SETUP:
                found[key] = replace(sub, exercise=guessed, problem="", note=(
                    f"No cell imports the exercise (the setup cell is missing); graded as {guessed}, the "
                    f"exercise of the other submissions for {sub.assignment}."))
            else:
                found[key] = replace(sub, exercise=guessed)
    ordered = sorted(found.values(), key=lambda s: (s.learner, s.assignment))
    return Discovery(submissions=tuple(ordered), notes=tuple(notes))


def _walk(path: Path) -> Iterable[tuple[Path, str, str | None]]:
    """(file, learner, assignment or None) for each notebook under `path`."""
    if path.is_file():
        yield path, *_names_for(path)
        return
    files = sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts and p.is_file())
    for file in files:
        yield file, *_names_for(file)


def _names_for(file: Path) -> tuple[str, str | None]:
    parts = file.resolve().parts
    if "submitted" in parts[:-1]:
        at = len(parts) - 1 - parts[::-1].index("submitted")
        rest = parts[at + 1 : -1]
        if len(rest) >= 2:
            learner, assignment = rest[0], "/".join(rest[1:])
            return learner, assignment
    return file.stem, None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
