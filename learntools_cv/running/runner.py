"""`learntools-cv run`: execute a notebook in a fresh Jupyter kernel and report each question.

The kernel gets `LEARNTOOLS_CV_EVENTS` pointing at a temporary file, so every `check()`, `hint()` and
`solution()` call in the notebook appends one JSON line there (see "Event records" in
docs/architecture.md). After the run those lines become a `RunReport`; `format_report` turns it into a
short plain-text table. The report is data first so that tests and CI scripts can use it directly.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from nbformat import NotebookNode

from learntools_cv.core.record import EVENTS_ENV as EVENTS_VARIABLE
from learntools_cv.core.status import LABELS

INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

# What `learntools-cv run` executes when given nothing: every solution notebook of a source checkout.
DEFAULT_FOLDER = Path("solutions")

# Report lines about questions and errors are cut to this many characters; the header never is.
LINE_WIDTH = 100
ELLIPSIS = "..."

# Core's status words, by the status value events carry.
_STATUS_LABELS = {status.value: label for status, label in LABELS.items()}
_INTERACTIONS = frozenset({"check", "hint", "solution"})


class RunError(Exception):
    """The notebook could not be run at all (missing, not a notebook, unknown kernel, ...).

    The message is one line, written for the person who typed the command.
    """


@dataclass(frozen=True)
class QuestionResult:
    """Where one question ended up after the run."""

    name: str
    """Learner-facing question name, e.g. `q_1` or `q_3.a`."""
    interaction: str
    """`check` if the question was checked at all; otherwise the last of `hint` and `solution`."""
    status: str
    """Status of the last check (`correct`, `incorrect`, ...); without any check, `hint` or `solution`."""
    message: str
    """First line of that event's plain-text message, e.g. `Incorrect: ...`."""


@dataclass(frozen=True)
class CellError:
    """A code cell that raised, or that stopped the run."""

    cell: int
    """Position of the cell among the notebook's code cells, counting from 1 (markdown cells don't count).

    This is what a learner sees as `[n]` after a fresh top-to-bottom run, and, unlike the execution count,
    it exists for a cell that timed out."""
    name: str
    """Exception class name, e.g. `NameError`; `CellTimeoutError` or `DeadKernelError` if the run stopped."""
    message: str
    """First line of the exception's value (no traceback)."""


@dataclass(frozen=True)
class RunReport:
    """The outcome of executing one notebook."""

    notebook: Path
    """The notebook that ran, as it was given."""
    cells_run: int
    """How many code cells were sent to the kernel (empty cells are skipped; a timed-out cell counts)."""
    questions: tuple[QuestionResult, ...]
    """One entry per question, ordered by its first event."""
    errors: tuple[CellError, ...]
    """Cells that raised, in notebook order; a timeout or dead kernel is the last entry."""
    elapsed: float
    """Wall-clock seconds for the whole run, kernel start and shutdown included."""
    unreadable_events: int = 0
    """Event lines that were not valid event records and were skipped."""

    @property
    def ok(self) -> bool:
        """True if no cell raised, timed out or killed the kernel."""
        return not self.errors


def run_notebook(
    path: str | os.PathLike[str],
    *,
    timeout: float | None = 600.0,
    kernel_name: str = "python3",
    output: str | os.PathLike[str] | None = None,
) -> RunReport:
    """Execute the notebook at `path` in a fresh kernel and report its questions and cell errors.

    Every cell runs even if earlier ones raised. A cell that runs longer than `timeout` seconds (None: no
    limit) stops the run and is reported as a `CellTimeoutError`. The kernel's working directory is the
    notebook's folder. If `output` is given, the executed notebook is saved there (also after a timeout).

    Raises `RunError` if the notebook cannot be read, the kernel is unknown or `output` cannot be written.
    """
    if timeout is not None and not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")
    notebook = Path(path)
    nb = _load_notebook(notebook)
    if output is not None and not Path(output).parent.is_dir():
        raise RunError(f"cannot save the executed notebook to {output}: its folder does not exist")

    fd, events_name = tempfile.mkstemp(prefix="learntools-cv-events-", suffix=".jsonl")
    os.close(fd)
    events_file = Path(events_name)
    try:
        start = time.perf_counter()
        cells_run, stopped = _execute(nb, notebook, timeout, kernel_name, events_file)
        elapsed = time.perf_counter() - start
        questions, unreadable = _read_events(events_file)
    finally:
        events_file.unlink(missing_ok=True)

    if output is not None:
        import nbformat

        try:
            nbformat.write(nb, os.fspath(output))
        except OSError as exc:
            raise RunError(f"cannot save the executed notebook to {output}: {exc.strerror}") from None

    errors = _cell_errors(nb)
    if stopped is not None:
        # Stopping a cell can leave a KeyboardInterrupt in its outputs; the reason it stopped says more.
        errors = [error for error in errors if error.cell != stopped.cell]
        errors.append(stopped)
    return RunReport(
        notebook=notebook,
        cells_run=cells_run,
        questions=questions,
        errors=tuple(errors),
        elapsed=elapsed,
        unreadable_events=unreadable,
    )


def format_report(report: RunReport) -> str:
    """The report as plain text: a header line, one line per question, then the cell errors.

    A question's line shows its status and the rest of the first line of its message (the label the message
    starts with, such as `Incorrect:`, is already in the status column). Lines other than the header are cut
    to `LINE_WIDTH` characters.
    """
    cells = "code cell" if report.cells_run == 1 else "code cells"
    lines = [f"{report.notebook}: {report.cells_run} {cells} ran in {report.elapsed:.1f} s"]

    if report.questions:
        labels = [_STATUS_LABELS.get(q.status, q.status) for q in report.questions]
        name_width = max(len(q.name) for q in report.questions)
        label_width = max(len(label) for label in labels)
        for question, label in zip(report.questions, labels):
            detail = _without_label(question.message, label)
            row = f"{question.name:<{name_width}}  {label:<{label_width}}  {detail}"
            lines.append(_shorten(row.rstrip()))
    else:
        lines.append("No check(), hint() or solution() call was recorded.")
    if report.unreadable_events:
        count = report.unreadable_events
        lines.append(f"Skipped {count} unreadable event {'line' if count == 1 else 'lines'}.")

    for error in report.errors:
        lines.append(_shorten(f"Code cell {error.cell} raised {error.name}: {error.message}"))
    if report.ok:
        lines.append("No cell raised.")
    return "\n".join(lines)


def cli_run(args: argparse.Namespace) -> int:
    """`learntools-cv run`: each notebook named (a folder stands for its notebooks), or with none every shipped
    solution notebook, one report after another. Exit code: 2 if a notebook could not run at all, else 1 if a
    cell raised, else 0."""
    try:
        if args.timeout is not None and not args.timeout > 0:
            raise RunError(f"--timeout must be a positive number of seconds, got {args.timeout:g}")
        notebooks = notebooks_to_run(args.notebook)
        if args.output is not None and len(notebooks) != 1:
            raise RunError(f"-o/--output saves one executed notebook, but {len(notebooks)} are to run: name one")
    except RunError as exc:
        print(f"learntools-cv run: error: {exc}", file=sys.stderr)
        return 2
    code, printed = 0, False
    for notebook in notebooks:
        try:
            report = run_notebook(notebook, timeout=args.timeout, kernel_name=args.kernel, output=args.output)
        except RunError as exc:
            print(f"learntools-cv run: error: {exc}", file=sys.stderr, flush=True)
            code = 2
            continue
        print(("\n" if printed else "") + format_report(report), flush=True)  # a blank line between reports
        printed = True
        if not report.ok:
            code = max(code, 1)
    return code


def notebooks_to_run(named: Sequence[str] | None) -> list[Path]:
    """The notebooks `learntools-cv run` executes, in order: each path named, a folder standing for the
    `.ipynb` files in it (sorted); with none named, the checkout's `solutions/` folder."""
    if not named:
        folder = _repo_root() / DEFAULT_FOLDER
        if not folder.is_dir() or not any(folder.glob("*.ipynb")):
            raise RunError(
                f"no NOTEBOOK given and there is no {DEFAULT_FOLDER.as_posix()}/ folder of notebooks in "
                f"{_repo_root()} (it ships only with a source checkout); pass the path to an .ipynb file"
            )
        named = [str(folder)]
    found: list[Path] = []
    for name in named:
        path = Path(name)
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.ipynb") if p.is_file())
            if not inside:
                raise RunError(f"the folder {path} holds no .ipynb notebook")
            found.extend(inside)
        else:
            found.append(path)  # run_notebook says what is wrong with a path that is not a notebook
    return found


def _repo_root() -> Path:
    import learntools_cv

    return Path(learntools_cv.__file__).resolve().parents[1]


def _load_notebook(path: Path) -> NotebookNode:
    """Read and validate a notebook, turning every way it can fail into a one-line `RunError`."""
    import nbformat
    from nbformat.warnings import MissingIDFieldWarning

    if not path.exists():
        raise RunError(f"no such file: {path}")
    if not path.is_file():
        raise RunError(f"not a file: {path}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RunError(f"{path} is not a notebook: it is not UTF-8 text") from None
    except OSError as exc:
        raise RunError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RunError(
            f"{path} is not a notebook: invalid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        ) from None
    if not isinstance(data, dict) or "nbformat" not in data:
        raise RunError(f"{path} is not a notebook: the JSON has no 'nbformat' field")
    try:
        with warnings.catch_warnings():
            # nbformat fills in missing cell ids itself; its warning is advice for the notebook's author.
            warnings.simplefilter("ignore", MissingIDFieldWarning)
            nb = nbformat.reads(text, as_version=4)
            nbformat.validate(nb)
    except Exception as exc:  # nbformat reports a bad structure as several unrelated exception types
        detail = _shorten(_first_line(getattr(exc, "message", None) or str(exc)))
        raise RunError(f"{path} is not a valid notebook: {detail}") from None
    return nb


def _execute(
    nb: NotebookNode, notebook: Path, timeout: float | None, kernel_name: str, events_file: Path
) -> tuple[int, CellError | None]:
    """Run every cell of `nb` in place; return how many code cells ran and the error that stopped the run."""
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    code_cell_numbers = {
        index: number
        for number, index in enumerate(
            (i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"), start=1
        )
    }
    current = [0]
    started = [False]

    def on_cell_execute(cell: Any, cell_index: int) -> None:
        current[0] = code_cell_numbers[cell_index]

    def on_notebook_start(notebook: Any) -> None:
        started[0] = True

    client = NotebookClient(
        nb,
        kernel_name=kernel_name,
        # timeout_func, unlike the Integer `timeout` trait, accepts fractions of a second.
        timeout_func=lambda cell: timeout,
        allow_errors=True,
        resources={"metadata": {"path": str(notebook.resolve().parent)}},
        on_cell_execute=on_cell_execute,
        on_notebook_start=on_notebook_start,
    )
    # Only the kernel sees these; this process's environment stays as it was.
    # The inline backend (ipykernel's own default) keeps figures in the executed notebook and never opens
    # a window, whatever MPLBACKEND the caller's shell has.
    env = {**os.environ, EVENTS_VARIABLE: str(events_file), "MPLBACKEND": INLINE_BACKEND}
    # The kernel process's own stdout/stderr carry start-up warnings and shutdown chatter, not the
    # notebook's output (that arrives as messages, even from C code), so they stay off the terminal;
    # they are read only to explain a kernel that did not start.
    with tempfile.TemporaryFile() as kernel_log:
        try:
            client.execute(env=env, stdout=kernel_log, stderr=kernel_log)
        except NoSuchKernel:
            message = f"no Jupyter kernel named {kernel_name!r} (see `jupyter kernelspec list`)"
            raise RunError(message) from None
        except CellTimeoutError:
            message = f"still running after {timeout:g} s; the run stopped here"
            return client.code_cells_executed, CellError(current[0], "CellTimeoutError", message)
        except DeadKernelError:
            message = "the kernel died; the run stopped here"
            return client.code_cells_executed, CellError(current[0], "DeadKernelError", message)
        except RuntimeError as exc:
            if started[0]:
                raise
            kernel_log.seek(0)
            said = kernel_log.read().decode(errors="replace").strip().splitlines()
            reason = f"{exc}; its last output: {said[-1].strip()}" if said else str(exc)
            raise RunError(f"the {kernel_name!r} kernel did not start ({reason})") from None
        finally:
            # nbclient leaves its exit-time cleanup registered when the kernel fails to start.
            atexit.unregister(client._cleanup_kernel)
    return client.code_cells_executed, None


def _cell_errors(nb: NotebookNode) -> list[CellError]:
    errors = []
    code_cells = (cell for cell in nb.cells if cell.cell_type == "code")
    for number, cell in enumerate(code_cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                name, value = out.get("ename", "Error"), out.get("evalue", "")
                errors.append(CellError(number, name, _first_line(value)))
    return errors


def _read_events(events_file: Path) -> tuple[tuple[QuestionResult, ...], int]:
    """Fold the event lines into one result per question; also count the lines that were not events."""
    results: dict[str, QuestionResult] = {}
    unreadable = 0
    text = events_file.read_text(encoding="utf-8", errors="replace") if events_file.exists() else ""
    for line in text.splitlines():
        if not line.strip():
            continue
        event = _parse_event(line)
        if event is None:
            unreadable += 1
            continue
        previous = results.get(event.name)
        # A check outranks any hint or solution, earlier or later; otherwise the latest event wins.
        if previous is None or event.interaction == "check" or previous.interaction != "check":
            results[event.name] = event
    return tuple(results.values()), unreadable


def _parse_event(line: str) -> QuestionResult | None:
    try:
        event = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(event, dict):
        return None
    name, interaction, status = event.get("question"), event.get("interaction"), event.get("status")
    message = event.get("message", "")
    if not (isinstance(name, str) and interaction in _INTERACTIONS and isinstance(status, str)):
        return None
    if not isinstance(message, str):
        return None
    return QuestionResult(name, interaction, status, _first_line(message))


def _without_label(message: str, label: str) -> str:
    """`Incorrect: Average pooling.` -> `Average pooling.`: the status column already says `Incorrect`."""
    if message == label:
        return ""
    if message.startswith(label + ":"):
        return message[len(label) + 1 :].strip()
    return message


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""


def _shorten(line: str) -> str:
    """`line` cut to LINE_WIDTH characters, ellipsis included: at the last space that keeps at least half
    of the line, so that no word is cut in two; mid-word only when one word fills the line."""
    if len(line) <= LINE_WIDTH:
        return line
    room = LINE_WIDTH - len(ELLIPSIS)
    space = line.rfind(" ", 0, room + 1)
    cut = space if space >= LINE_WIDTH // 2 else room
    return line[:cut].rstrip() + ELLIPSIS
