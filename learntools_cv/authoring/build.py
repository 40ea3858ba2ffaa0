"""Generate learner notebooks from solution notebooks (`learntools-cv build`).

The solution notebook is the single source. A course author writes and runs it; the learner notebook is derived
from it, never edited by hand:

- the code between `# BEGIN SOLUTION` and `# END SOLUTION` becomes starter code (`x = ____`, a function's
  signature with `pass`, or whatever the region's `# STARTER:` lines say);
- whole-line `q_1.hint()` and `q_1.solution()` calls are commented out, so the learner chooses to run them;
- cells tagged `test-only` are removed;
- outputs, execution counts and the metadata that changes on every run are dropped.

The build is pure and deterministic: the same solution notebook always gives the same bytes, so the learner
notebook can be checked in and compared like a lock file (`learntools-cv build --check`). `docs/markers.md`
is the reference for authors.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import io
import json
import os
import re
import shlex
import sys
import tokenize
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

__all__ = [
    "BEGIN_MARKER",
    "END_MARKER",
    "STARTER_PREFIX",
    "TEST_ONLY_TAG",
    "BuildError",
    "build_file",
    "build_notebook",
    "cli_build",
    "default_output_path",
    "dumps",
    "is_up_to_date",
    "out_of_date_reason",
    "read_notebook",
]

BEGIN_MARKER = "# BEGIN SOLUTION"
END_MARKER = "# END SOLUTION"
STARTER_PREFIX = "# STARTER:"
TEST_ONLY_TAG = "test-only"
PLACEHOLDER = "____"

# Keys written by Jupyter front ends and extensions on every run or click; they say nothing about the exercise.
VOLATILE_CELL_METADATA = frozenset({"ExecuteTime", "collapsed", "execution", "papermill", "scrolled"})
VOLATILE_NOTEBOOK_METADATA = frozenset({"execution", "papermill", "widgets"})

_HELP_METHODS = frozenset({"hint", "solution"})
_OPENERS = frozenset("([{")
_CLOSERS = frozenset(")]}")

# Comment lines that were probably meant as markers. Building with a misspelt marker would leak the solution,
# so these are errors rather than ordinary comments.
_NEAR_REGION_MARKER = re.compile(r"#+\s*(begin|end)[\s_-]*solutions?\s*[.:!]?\s*", re.IGNORECASE)
_NEAR_STARTER = re.compile(r"#+\s*starter\s*:", re.IGNORECASE)


class BuildError(ValueError):
    """The solution notebook cannot be turned into a learner notebook; the message says where and how to fix it."""


# --- locating problems --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    """Where a code cell sits, for error messages: cells are counted from 1, markdown cells included."""

    notebook: str
    number: int
    code_number: int

    def error(self, problem: str, line: int | None = None) -> BuildError:
        where = f"{self.notebook}: cell {self.number} (code cell {self.code_number})"
        if line is not None:
            where += f", line {line}"
        return BuildError(f"{where}: {problem}")


def _parse(source: str) -> ast.Module:
    # The author's code may trigger SyntaxWarnings (e.g. invalid escapes); they are not ours to report.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source)


def _parses(source: str) -> bool:
    try:
        _parse(source)
    except (SyntaxError, ValueError):
        return False
    return True


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


# --- solution regions ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Region:
    """A solution region: the 0-based line indexes of its BEGIN and END markers within the cell."""

    begin: int
    end: int


def _marker_kind(line: str, cell: _Cell, index: int) -> str | None:
    code = line.strip()
    if not code.startswith("#"):
        return None
    if code == BEGIN_MARKER:
        return "begin"
    if code == END_MARKER:
        return "end"
    if code.startswith(STARTER_PREFIX):
        return "starter"
    near = _NEAR_REGION_MARKER.fullmatch(code)
    if near:
        exact = BEGIN_MARKER if near.group(1).lower() == "begin" else END_MARKER
        raise cell.error(
            f"`{code}` looks like a solution marker but is not spelled exactly; write `{exact}`", index + 1
        )
    if _NEAR_STARTER.match(code):
        raise cell.error(
            f"`{code}` looks like a starter line but is not spelled exactly; write `{STARTER_PREFIX} <code>`",
            index + 1,
        )
    return None


def _find_regions(lines: list[str], cell: _Cell) -> list[_Region]:
    regions: list[_Region] = []
    opened: int | None = None
    for index, line in enumerate(lines):
        kind = _marker_kind(line, cell, index)
        if kind == "begin":
            if opened is not None:
                raise cell.error(
                    f"`{BEGIN_MARKER}` inside the region opened on line {opened + 1}; "
                    f"regions cannot nest, so close that one with `{END_MARKER}` first",
                    index + 1,
                )
            opened = index
        elif kind == "end":
            if opened is None:
                raise cell.error(
                    f"`{END_MARKER}` without a `{BEGIN_MARKER}` before it; "
                    f"add the missing `{BEGIN_MARKER}` or remove this line",
                    index + 1,
                )
            regions.append(_Region(opened, index))
            opened = None
        elif kind == "starter" and opened is None:
            raise cell.error(
                f"`{STARTER_PREFIX}` line outside a solution region; "
                f"move it between `{BEGIN_MARKER}` and `{END_MARKER}`",
                index + 1,
            )
    if opened is not None:
        raise cell.error(
            f"`{BEGIN_MARKER}` has no matching `{END_MARKER}`; add `{END_MARKER}` after the solution code",
            opened + 1,
        )
    return regions


def _starter_line(line: str) -> str:
    text = line.lstrip()[len(STARTER_PREFIX) :]
    if text.startswith(" "):
        text = text[1:]
    return _indent_of(line) + text if text.strip() else ""


def _region_starter(lines: list[str], region: _Region, cell: _Cell) -> list[str]:
    body = lines[region.begin + 1 : region.end]
    explicit = [line for line in body if line.strip().startswith(STARTER_PREFIX)]
    if explicit:
        return [_starter_line(line) for line in explicit]
    return _default_starter(body, region, cell)


def _default_starter(body: list[str], region: _Region, cell: _Cell) -> list[str]:
    """One `name = ____` per assigned name and a `pass` stub per function, at the region's indentation."""
    code_lines = [line for line in body if line.strip() and not line.strip().startswith("#")]
    if not code_lines:
        return []
    indent = os.path.commonprefix([_indent_of(line) for line in code_lines])
    # Comments may sit at any indentation, so those not under the common indent are simply moved left.
    dedented = [line[len(indent) :] if line.startswith(indent) else line.lstrip() for line in body]
    try:
        tree = _parse("\n".join(dedented))
    except (SyntaxError, ValueError) as error:
        problem = getattr(error, "msg", None) or str(error)
        # Line 1 of the dedented region is the line after the BEGIN marker.
        offset = getattr(error, "lineno", None) or 1
        raise cell.error(
            f"the solution region is not valid Python ({problem}); "
            f"fix it, or write the starter code yourself with `{STARTER_PREFIX}` lines",
            region.begin + 1 + offset,
        ) from None

    starter: list[str] = []
    assigned: set[str] = set()

    def assign(target: ast.expr, annotation: ast.expr | None = None) -> None:
        name = ast.unparse(target)
        if name in assigned:
            return
        assigned.add(name)
        hint = f": {ast.unparse(annotation)}" if annotation is not None else ""
        starter.append(f"{name}{hint} = {PLACEHOLDER}")

    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                for leaf in _assigned_leaves(target):
                    assign(leaf)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            assign(node.target, node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            starter.extend(_function_stub(node, dedented))
    return [indent + line if line else line for line in starter]


def _assigned_leaves(target: ast.expr) -> list[ast.expr]:
    """`a, (b, *c) = ...` assigns a, b and c."""
    if isinstance(target, (ast.Tuple, ast.List)):
        return [leaf for element in target.elts for leaf in _assigned_leaves(element)]
    if isinstance(target, ast.Starred):
        return _assigned_leaves(target.value)
    return [target]


def _function_stub(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]) -> list[str]:
    """The function's decorators, signature and docstring as written, with `pass` as its body."""
    body = node.body
    has_docstring = (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )
    colon = _signature_colon(lines, node.lineno)
    shares_line = has_docstring and len(body) > 1 and body[1].lineno <= (body[0].end_lineno or body[0].lineno)
    if colon is None or body[0].lineno <= colon[0] or shares_line:
        # One-line functions and other unusual layouts: regenerate the stub instead of slicing the source.
        generated = copy.copy(node)
        generated.body = [*body[:1]] if has_docstring else []
        generated.body.append(ast.Pass())
        return ast.unparse(generated).split("\n")

    row, column = colon
    first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
    # A comment after the signature's colon is dropped with the body, in case it explains the solution.
    stub = lines[first - 1 : row - 1] + [lines[row - 1][: column + 1]]
    if has_docstring:
        stub += lines[body[0].lineno - 1 : body[0].end_lineno]
    stub.append(_indent_of(lines[body[0].lineno - 1]) + "pass")
    return stub


def _signature_colon(lines: list[str], def_line: int) -> tuple[int, int] | None:
    """The (1-based line, column) of the colon that ends the signature starting on `def_line`."""
    text = "\n".join(lines[def_line - 1 :]) + "\n"
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.OP:
                continue
            if token.string in _OPENERS:
                depth += 1
            elif token.string in _CLOSERS:
                depth -= 1
            elif token.string == ":" and depth == 0:
                return def_line + token.start[0] - 1, token.start[1]
    except (tokenize.TokenError, SyntaxError):
        pass
    return None


# --- hint() and solution() calls ----------------------------------------------------------------------------


def _is_help_call(node: ast.expr) -> bool:
    """`q_1.hint(...)`, `q_3.a.solution(...)`: a hint/solution method on a dotted name."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    if node.func.attr not in _HELP_METHODS:
        return False
    owner = node.func.value
    while isinstance(owner, ast.Attribute):
        owner = owner.value
    return isinstance(owner, ast.Name)


def _is_lone_help_call(line: str) -> bool:
    code = line.strip()
    if code.startswith("#") or "(" not in code:
        return False
    try:
        tree = _parse(code)
    except (SyntaxError, ValueError):
        return False
    return len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr) and _is_help_call(tree.body[0].value)


def _comment_out_help_calls(source: str) -> str:
    lines = source.split("\n")
    try:
        tree = _parse(source)
    except (SyntaxError, ValueError):
        # Cells with IPython magics do not parse; judge each line on its own.
        candidates: set[int] = set(range(len(lines)))
    else:
        # Only lines where a statement starts, so a `q_1.hint()` line inside a string is left alone.
        candidates = {node.lineno - 1 for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    for index in sorted(candidates):
        if index < len(lines) and _is_lone_help_call(lines[index]):
            line = lines[index]
            indent = _indent_of(line)
            lines[index] = f"{indent}#{line[len(indent):]}"
    return "\n".join(lines)


# --- cells and notebooks ------------------------------------------------------------------------------------


def _learner_code(source: str, cell: _Cell) -> tuple[str, int]:
    """The learner's version of a code cell's source, and how many solution regions it had."""
    lines = source.split("\n")
    regions = _find_regions(lines, cell)
    learner: list[str] = []
    position = 0
    for region in regions:
        learner += lines[position : region.begin]
        learner += _region_starter(lines, region, cell)
        position = region.end + 1
    learner += lines[position:]
    result = _comment_out_help_calls("\n".join(learner))
    if _parses(source):
        try:
            _parse(result)
        except (SyntaxError, ValueError) as error:
            problem = getattr(error, "msg", None) or str(error)
            raise cell.error(
                f"the learner version of this cell is not valid Python ({problem}); "
                f"write starter code that parses with `{STARTER_PREFIX}` lines, "
                f"and keep a statement besides hint() or solution() in every block"
            ) from None
    return result, len(regions)


def _source_text(cell: Any) -> str:
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def _without(mapping: Any, keys: frozenset[str]) -> dict[str, Any]:
    return {key: copy.deepcopy(value) for key, value in mapping.items() if key not in keys}


def _derived_id(index: int, source: str, taken: set[str]) -> str:
    salt = ""
    while True:
        cell_id = hashlib.sha256(f"{index}{salt}\n{source}".encode()).hexdigest()[:8]
        if cell_id not in taken:
            return cell_id
        salt += "+"


def _notebook_metadata(metadata: Any) -> dict[str, Any]:
    cleaned = _without(metadata, VOLATILE_NOTEBOOK_METADATA)
    language = cleaned.get("language_info")
    if isinstance(language, dict):
        # The Python version of whoever last ran the solution; keeping it would make every re-run a change.
        language.pop("version", None)
    return cleaned


@dataclass(frozen=True)
class _Build:
    notebook: nbformat.NotebookNode
    regions: int


def _build(nb: nbformat.NotebookNode, name: str) -> _Build:
    if nb.get("nbformat") != 4:
        nb = nbformat.convert(copy.deepcopy(nb), 4)
    taken = {cell["id"] for cell in nb.cells if cell.get("id")}
    cells: list[dict[str, Any]] = []
    regions = 0
    code_number = 0
    for index, cell in enumerate(nb.cells):
        kind = cell.get("cell_type")
        if kind == "code":
            code_number += 1
        metadata = cell.get("metadata", {})
        if TEST_ONLY_TAG in (metadata.get("tags") or []):
            continue
        source = _source_text(cell)
        cell_id = cell.get("id") or _derived_id(index, source, taken)
        taken.add(cell_id)
        learner: dict[str, Any] = {
            "cell_type": kind,
            "id": cell_id,
            "metadata": _without(metadata, VOLATILE_CELL_METADATA),
            "source": source,
        }
        if kind == "code":
            learner["source"], found = _learner_code(source, _Cell(name, index + 1, code_number))
            regions += found
            learner["outputs"] = []
            learner["execution_count"] = None
        elif "attachments" in cell:
            learner["attachments"] = copy.deepcopy(cell["attachments"])
        cells.append(learner)
    built = nbformat.from_dict(
        {
            "cells": cells,
            "metadata": _notebook_metadata(nb.get("metadata", {})),
            "nbformat": 4,
            "nbformat_minor": max(int(nb.get("nbformat_minor", 0)), 5),
        }
    )
    return _Build(built, regions)


def build_notebook(nb: nbformat.NotebookNode, *, name: str = "notebook") -> nbformat.NotebookNode:
    """The learner notebook for solution notebook `nb`, which is left unchanged.

    `name` is how error messages refer to the notebook (build_file passes its path).
    Raises BuildError when the markers are unbalanced or misspelt, or the starter code would not parse.
    """
    return _build(nb, name).notebook


def dumps(nb: nbformat.NotebookNode) -> str:
    """The notebook as JSON text: nbformat's layout (sorted keys, indent 1) plus a final newline."""
    return nbformat.writes(nb) + "\n"


# --- files --------------------------------------------------------------------------------------------------


def default_output_path(solution_path: str | os.PathLike[str]) -> Path:
    """`<folder>/NAME.ipynb` -> `<folder>/../exercises/NAME.ipynb`, written without the `..` where possible."""
    solution = Path(solution_path)
    return Path(os.path.normpath(solution.parent / os.pardir / "exercises" / solution.name))


def read_notebook(path: str | os.PathLike[str]) -> nbformat.NotebookNode:
    """Read and validate a notebook (any nbformat version, returned as version 4); BuildError if it can't be."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise BuildError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise BuildError(f"{path} is not a valid notebook: it is not UTF-8 text") from None
    try:
        nb = nbformat.convert(nbformat.reader.reads(text), 4)
        checked = copy.deepcopy(nb)
        if checked.get("nbformat_minor", 0) >= 5:
            # Ids are required from nbformat 4.5 on, but the build derives missing ones: give the validator stand-ins.
            for index, cell in enumerate(checked.get("cells", [])):
                cell.setdefault("id", f"missing-{index}")
        nbformat.validate(checked)
    except (nbformat.reader.NotJSONError, nbformat.ValidationError, KeyError, TypeError, ValueError) as error:
        lines = str(error).strip().splitlines() or [type(error).__name__]
        first = lines[0]
        if len(first) > 200:
            first = first[:197] + "..."
        raise BuildError(f"{path} is not a valid notebook: {first}") from None
    return nb


def _build_path(solution_path: str | os.PathLike[str]) -> _Build:
    return _build(read_notebook(solution_path), str(solution_path))


def build_file(
    solution_path: str | os.PathLike[str], output_path: str | os.PathLike[str] | None = None
) -> Path:
    """Build the learner notebook for `solution_path` and write it (default: default_output_path); return its path."""
    output = _output_for(solution_path, output_path)
    _write(output, dumps(_build_path(solution_path).notebook))
    return output


def out_of_date_reason(
    solution_path: str | os.PathLike[str], output_path: str | os.PathLike[str] | None = None
) -> str | None:
    """None if the learner notebook equals a fresh build byte for byte, otherwise what is wrong with it."""
    output = _output_for(solution_path, output_path)
    fresh = dumps(_build_path(solution_path).notebook)
    try:
        current = output.read_bytes()
    except FileNotFoundError:
        return "does not exist"
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if current == fresh.encode("utf-8"):
        return None
    return _difference(current, json.loads(fresh))


def is_up_to_date(
    solution_path: str | os.PathLike[str], output_path: str | os.PathLike[str] | None = None
) -> bool:
    """Whether the learner notebook exists and equals a fresh build of `solution_path` byte for byte."""
    return out_of_date_reason(solution_path, output_path) is None


def _difference(current: bytes, fresh: dict[str, Any]) -> str:
    try:
        existing = json.loads(current.decode("utf-8"))
        existing_cells = existing["cells"]
    except (UnicodeDecodeError, ValueError, TypeError, KeyError):
        return "is not a notebook a build would write"
    fresh_cells = fresh["cells"]
    if len(existing_cells) != len(fresh_cells):
        return f"has {len(existing_cells)} cells where a fresh build has {len(fresh_cells)}"
    for number, (old, new) in enumerate(zip(existing_cells, fresh_cells), start=1):
        if old != new:
            return f"differs from a fresh build in cell {number}"
    if existing != fresh:
        return "differs from a fresh build in its notebook metadata"
    return "differs from a fresh build in its formatting"


def _output_for(
    solution_path: str | os.PathLike[str], output_path: str | os.PathLike[str] | None
) -> Path:
    output = Path(output_path) if output_path is not None else default_output_path(solution_path)
    if Path(solution_path).resolve() == output.resolve():
        raise BuildError(
            f"the output path {output} is the solution notebook itself; choose another with -o/--output"
        )
    return output


def _write(output: Path, text: str) -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, so that no platform newline translation creeps in.
        output.write_bytes(text.encode("utf-8"))
    except OSError as error:
        raise BuildError(f"cannot write {output}: {error.strerror or error}") from None


# --- command line -------------------------------------------------------------------------------------------


def _rebuild_command(args: argparse.Namespace) -> str:
    words = ["learntools-cv", "build", args.solution]
    if args.output is not None:
        words += ["-o", args.output]
    return shlex.join(words)


def cli_build(args: argparse.Namespace) -> int:
    """`learntools-cv build`: 0 on success, 1 if --check finds the learner notebook out of date, 2 on errors."""
    try:
        output = _output_for(args.solution, args.output)
        if args.check:
            reason = out_of_date_reason(args.solution, output)
            if reason is None:
                print(f"up to date: {output}")
                return 0
            print(f"out of date: {output} {reason}; run `{_rebuild_command(args)}`")
            return 1
        result = _build_path(args.solution)
        _write(output, dumps(result.notebook))
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {output}")
    if result.regions == 0:
        print(
            f"note: no solution regions found in {args.solution}; "
            "the learner notebook is the solution with its outputs cleared",
            file=sys.stderr,
        )
    return 0
