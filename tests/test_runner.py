"""`learntools-cv run`: the report as data and as text, bad inputs, and real runs in real kernels.

The notebooks under tests/notebooks/ import nothing heavy. `events.ipynb` writes the event lines that the
exercise framework would write, in the format of "Event records" in docs/architecture.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from learntools_cv.cli import main
from learntools_cv.running import runner
from learntools_cv.running.runner import CellError, QuestionResult, RunReport, format_report, run_notebook

NOTEBOOKS = Path(__file__).parent / "notebooks"
REPO_ROOT = Path(__file__).resolve().parents[1]

EVENTS_LINES = [
    "q_1  Correct",
    "q_2  Correct   Max pooling keeps the strongest activation.",
    "q_3  Solution  Global average pooling keeps one number per map.",
    "Skipped 1 unreadable event line.",
    "No cell raised.",
]


def make_report(**overrides: Any) -> RunReport:
    fields: dict[str, Any] = {
        "notebook": Path("solutions/ex3_maximum_pooling.ipynb"),
        "cells_run": 14,
        "questions": (),
        "errors": (),
        "elapsed": 9.84,
    }
    fields.update(overrides)
    return RunReport(**fields)


def assert_header(line: str, notebook: Path | str, cells: str) -> None:
    """The header's elapsed time varies from run to run; everything else is pinned."""
    assert re.fullmatch(re.escape(f"{notebook}: {cells} ran in ") + r"\d+\.\d s", line), line


def stdout_text(cell: Any) -> str:
    return "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")


# --- The report as text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        pytest.param(
            {},
            [
                "solutions/ex3_maximum_pooling.ipynb: 14 code cells ran in 9.8 s",
                "No check(), hint() or solution() call was recorded.",
                "No cell raised.",
            ],
            id="nothing-recorded",
        ),
        pytest.param(
            {
                "questions": (
                    QuestionResult("q_1", "check", "correct", "Correct"),
                    QuestionResult("q_2", "check", "incorrect", "Incorrect: It looks like you used average pooling"),
                    QuestionResult("q_3.a", "check", "not_attempted", "Not attempted: Replace the ____ first."),
                    QuestionResult("q_3.b", "check", "checker_error", "Checker error: the checker raised KeyError"),
                    QuestionResult("q_4", "hint", "hint", "Hint: Look at the largest value."),
                    QuestionResult("q_5", "solution", "solution", "Solution: ```python"),
                    QuestionResult("q_6", "check", "uncheckable", "Nothing to check"),
                ),
            },
            [
                "solutions/ex3_maximum_pooling.ipynb: 14 code cells ran in 9.8 s",
                "q_1    Correct",
                "q_2    Incorrect         It looks like you used average pooling",
                "q_3.a  Not attempted     Replace the ____ first.",
                "q_3.b  Checker error     the checker raised KeyError",
                "q_4    Hint              Look at the largest value.",
                "q_5    Solution          ```python",
                "q_6    Nothing to check",
                "No cell raised.",
            ],
            id="every-status",
        ),
        pytest.param(
            {
                "cells_run": 1,
                "elapsed": 0.04,
                "questions": (
                    QuestionResult("q_1", "check", "correct", "Well done, though this message has no label."),
                    QuestionResult("q_2", "check", "partly", "Partly: a status this version does not know"),
                ),
                "unreadable_events": 3,
            },
            [
                "solutions/ex3_maximum_pooling.ipynb: 1 code cell ran in 0.0 s",
                "q_1  Correct  Well done, though this message has no label.",
                "q_2  partly   Partly: a status this version does not know",
                "Skipped 3 unreadable event lines.",
                "No cell raised.",
            ],
            id="unlabelled-message-unknown-status-unreadable-lines",
        ),
        pytest.param(
            {
                "errors": (
                    CellError(2, "NameError", "name 'x' is not defined"),
                    CellError(7, "CellTimeoutError", "still running after 600 s; the run stopped here"),
                ),
            },
            [
                "solutions/ex3_maximum_pooling.ipynb: 14 code cells ran in 9.8 s",
                "No check(), hint() or solution() call was recorded.",
                "Code cell 2 raised NameError: name 'x' is not defined",
                "Code cell 7 raised CellTimeoutError: still running after 600 s; the run stopped here",
            ],
            id="errors",
        ),
    ],
)
def test_format_report(overrides: dict[str, Any], expected: list[str]) -> None:
    assert format_report(make_report(**overrides)).splitlines() == expected


def test_long_lines_are_cut_with_an_ellipsis_but_the_header_is_not() -> None:
    notebook = Path("a" * 120 + ".ipynb")
    report = make_report(
        notebook=notebook,
        questions=(QuestionResult("q_1", "check", "incorrect", "Incorrect: " + "x" * 200),),
        errors=(CellError(3, "ValueError", "y" * 200),),
    )
    header, question, error = format_report(report).splitlines()
    assert header == f"{notebook}: 14 code cells ran in 9.8 s"
    assert question == "q_1  Incorrect  " + "x" * 81 + "..."
    assert error == "Code cell 3 raised ValueError: " + "y" * 66 + "..."
    assert len(question) == len(error) == runner.LINE_WIDTH


def test_ok_means_no_cell_error() -> None:
    assert make_report().ok
    assert make_report(questions=(QuestionResult("q_1", "check", "incorrect", "Incorrect"),)).ok
    assert not make_report(errors=(CellError(1, "ValueError", "bad"),)).ok


# --- Reading events back ----------------------------------------------------------------------------------


def event(question: str, interaction: str, status: str, message: str = "") -> str:
    return json.dumps(
        {
            "time": "2026-11-21T10:00:00.123456+00:00",
            "exercise": "learntools_cv.ex3",
            "question": question,
            "interaction": interaction,
            "status": status,
            "message": message,
        }
    )


def test_read_events_keeps_the_first_line_and_skips_lines_that_are_not_events(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    lines = [
        event("q_1", "check", "incorrect", "Incorrect: Average pooling.\nThe largest difference is 0.5."),
        "",
        "not json",
        "[1, 2]",
        json.dumps({"question": "q_9", "interaction": "peek", "status": "hint", "message": ""}),
        json.dumps({"question": "q_9", "interaction": "check", "message": "no status"}),
        event("q_2", "hint", "hint", "Hint: Look at the largest value."),
    ]
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert runner._read_events(events) == (
        (
            QuestionResult("q_1", "check", "incorrect", "Incorrect: Average pooling."),
            QuestionResult("q_2", "hint", "hint", "Hint: Look at the largest value."),
        ),
        4,
    )


INTERACTIONS = st.sampled_from(
    [("check", "correct"), ("check", "incorrect"), ("hint", "hint"), ("solution", "solution")]
)


@given(st.lists(st.tuples(st.sampled_from(["q_1", "q_2", "q_3.a"]), INTERACTIONS), max_size=12))
def test_read_events_keeps_the_last_check_else_the_last_event(
    tmp_path_factory: pytest.TempPathFactory, calls: list[tuple[str, tuple[str, str]]]
) -> None:
    events = tmp_path_factory.mktemp("events") / "events.jsonl"
    events.write_text(
        "".join(event(q, kind, status, f"message {i}") + "\n" for i, (q, (kind, status)) in enumerate(calls)),
        encoding="utf-8",
    )
    questions, unreadable = runner._read_events(events)

    assert unreadable == 0
    assert [r.name for r in questions] == list(dict.fromkeys(q for q, _ in calls))
    for result in questions:
        numbered = [(i, kind, status) for i, (q, (kind, status)) in enumerate(calls) if q == result.name]
        checks = [call for call in numbered if call[1] == "check"]
        i, kind, status = (checks or numbered)[-1]
        assert result == QuestionResult(result.name, kind, status, f"message {i}")


# --- Bad input: exit 2 with one line on stderr -------------------------------------------------------------


def bad_input(tmp_path: Path, case: str) -> tuple[list[str], str]:
    """Arguments for `main` and the exact error line expected on stderr."""
    if case == "missing":
        path = tmp_path / "nope.ipynb"
        return ["run", str(path)], f"no such file: {path}"
    if case == "folder":
        return ["run", str(tmp_path)], f"the folder {tmp_path} holds no .ipynb notebook"
    path = tmp_path / ("notes.py" if case == "python" else f"{case}.ipynb")
    if case == "python":
        path.write_text("print('hello')\n", encoding="utf-8")
        return ["run", str(path)], f"{path} is not a notebook: invalid JSON at line 1, column 1 (Expecting value)"
    if case == "truncated":
        path.write_text('{"cells": [\n  {"cell_type": "code",\n', encoding="utf-8")
        return (
            ["run", str(path)],
            f"{path} is not a notebook: invalid JSON at line 3, column 1 (Expecting property name enclosed in "
            "double quotes)",
        )
    if case == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
        return ["run", str(path)], f"{path} is not a notebook: it is not UTF-8 text"
    if case == "other-json":
        path.write_text('{"name": "learntools_cv"}', encoding="utf-8")
        return ["run", str(path)], f"{path} is not a notebook: the JSON has no 'nbformat' field"
    if case == "broken-notebook":
        cell = {"cell_type": "code", "metadata": {}, "outputs": [], "source": "x = 1"}
        path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}))
        return ["run", str(path)], f"{path} is not a valid notebook: 'execution_count' is a required property"
    good = NOTEBOOKS / "raises.ipynb"
    if case == "zero-timeout":
        return ["run", str(good), "--timeout", "0"], "--timeout must be a positive number of seconds, got 0"
    if case == "unknown-kernel":
        return (
            ["run", str(good), "--kernel", "no-such-kernel"],
            "no Jupyter kernel named 'no-such-kernel' (see `jupyter kernelspec list`)",
        )
    if case == "output-folder-missing":
        output = tmp_path / "missing" / "out.ipynb"
        return (
            ["run", str(good), "-o", str(output)],
            f"cannot save the executed notebook to {output}: its folder does not exist",
        )
    raise AssertionError(case)


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "folder",
        "python",
        "truncated",
        "binary",
        "other-json",
        "broken-notebook",
        "zero-timeout",
        "unknown-kernel",
        "output-folder-missing",
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    argv, message = bad_input(tmp_path, case)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"learntools-cv run: error: {message}\n"


def test_without_a_notebook_and_without_the_default_it_says_what_to_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(runner, "_repo_root", lambda: tmp_path)
    assert main(["run"]) == 2
    assert capsys.readouterr().err == (
        f"learntools-cv run: error: no NOTEBOOK given and there is no solutions/ folder of notebooks in "
        f"{tmp_path} (it ships only with a source checkout); pass the path to an .ipynb file\n"
    )


def test_run_notebook_rejects_a_timeout_that_is_not_positive() -> None:
    message = "timeout must be a positive number of seconds or None, got -1"
    with pytest.raises(ValueError, match=re.escape(message)):
        run_notebook(NOTEBOOKS / "raises.ipynb", timeout=-1)


# --- Real kernels -------------------------------------------------------------------------------------------


@pytest.mark.notebook
def test_events_become_one_result_per_question(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent_events = tmp_path / "parent-events.jsonl"
    monkeypatch.setenv(runner.EVENTS_VARIABLE, str(parent_events))
    output = tmp_path / "executed.ipynb"

    report = run_notebook(NOTEBOOKS / "events.ipynb", timeout=60, output=output)

    assert report.questions == (
        QuestionResult("q_1", "check", "correct", "Correct"),
        QuestionResult("q_2", "check", "correct", "Correct: Max pooling keeps the strongest activation."),
        QuestionResult("q_3", "solution", "solution", "Solution: Global average pooling keeps one number per map."),
    )
    assert report.unreadable_events == 1
    assert report.errors == ()
    assert report.ok
    assert report.cells_run == 6
    assert report.notebook == NOTEBOOKS / "events.ipynb"
    assert report.elapsed > 0

    # The kernel saw its own events file, its own folder as working directory and the inline backend.
    kernel_events, kernel_cwd, backend = stdout_text(nbformat.read(output, as_version=4).cells[1]).splitlines()
    assert kernel_events != str(parent_events)
    assert Path(kernel_cwd) == NOTEBOOKS.resolve()
    assert backend == "module://matplotlib_inline.backend_inline"
    # This process's environment is as it was, and the temporary file is gone.
    assert os.environ[runner.EVENTS_VARIABLE] == str(parent_events)
    assert not parent_events.exists()
    assert not Path(kernel_events).exists()


@pytest.mark.notebook
def test_python_m_learntools_cv_run_prints_the_report(tmp_path: Path) -> None:
    notebook = NOTEBOOKS / "events.ipynb"
    result = subprocess.run(
        [sys.executable, "-m", "learntools_cv", "run", str(notebook), "--timeout", "60"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.stderr == ""
    assert result.returncode == 0
    header, *rest = result.stdout.splitlines()
    assert_header(header, notebook, "6 code cells")
    assert rest == EVENTS_LINES


@pytest.mark.notebook
def test_a_cell_that_raises_is_reported_and_later_cells_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notebook = NOTEBOOKS / "raises.ipynb"
    output = tmp_path / "executed.ipynb"

    assert main(["run", str(notebook), "-o", str(output)]) == 1

    header, *rest = capsys.readouterr().out.splitlines()
    assert_header(header, notebook, "3 code cells")
    assert rest == [
        "No check(), hint() or solution() call was recorded.",
        "Code cell 2 raised NameError: name 'undefined_name' is not defined",
    ]
    assert stdout_text(nbformat.read(output, as_version=4).cells[3]) == "after the error 2\n"


@pytest.mark.notebook
def test_a_cell_over_the_timeout_stops_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notebook = NOTEBOOKS / "sleeps.ipynb"
    output = tmp_path / "executed.ipynb"

    assert main(["run", str(notebook), "--timeout", "1.5", "-o", str(output)]) == 1

    captured = capsys.readouterr()
    header, *rest = captured.out.splitlines()
    assert_header(header, notebook, "2 code cells")
    assert rest == [
        "No check(), hint() or solution() call was recorded.",
        "Code cell 2 raised CellTimeoutError: still running after 1.5 s; the run stopped here",
    ]
    assert captured.err == ""
    cells = nbformat.read(output, as_version=4).cells
    assert stdout_text(cells[0]) == "before\n"
    assert cells[2].outputs == []


@pytest.mark.notebook
def test_a_kernel_that_dies_stops_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    notebook = NOTEBOOKS / "dies.ipynb"

    assert main(["run", str(notebook), "--timeout", "60"]) == 1

    header, *rest = capsys.readouterr().out.splitlines()
    assert_header(header, notebook, "2 code cells")
    assert rest == [
        "No check(), hint() or solution() call was recorded.",
        "Code cell 2 raised DeadKernelError: the kernel died; the run stopped here",
    ]


@pytest.mark.notebook
def test_without_a_notebook_it_runs_the_shipped_solution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    default = tmp_path / "solutions" / "ex3_maximum_pooling.ipynb"
    default.parent.mkdir()
    shutil.copy(NOTEBOOKS / "events.ipynb", default)
    monkeypatch.setattr(runner, "_repo_root", lambda: tmp_path)

    assert main(["run", "--timeout", "60"]) == 0

    header, *rest = capsys.readouterr().out.splitlines()
    assert_header(header, default, "6 code cells")
    assert rest == EVENTS_LINES


@pytest.mark.notebook
def test_a_kernel_that_does_not_start_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "kernels" / "broken"
    spec.mkdir(parents=True)
    crash = "import sys; sys.exit('ModuleNotFoundError: No module named ipykernel')"
    argv = [sys.executable, "-c", crash, "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Broken", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))

    assert main(["run", str(NOTEBOOKS / "raises.ipynb"), "--kernel", "broken"]) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "learntools-cv run: error: the 'broken' kernel did not start (Kernel died before replying to kernel_info; "
        "its last output: ModuleNotFoundError: No module named ipykernel)\n"
    )


@pytest.mark.notebook
def test_the_readme_shows_a_real_run_of_the_solution_notebook() -> None:
    """The README's example output is what `learntools-cv run` prints, but for the path and the seconds."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("and prints (the path and the seconds are your machine's):\n\n```\n", 1)[1]
    shown = block.split("\n```", 1)[0].splitlines()
    report = run_notebook(REPO_ROOT / "solutions" / "ex3_maximum_pooling.ipynb", timeout=600)
    printed = format_report(report).splitlines()
    timing = re.compile(r"^(.*solutions/ex3_maximum_pooling\.ipynb: \d+ code cells ran in )\d+\.\d s$")
    assert timing.sub(r"\1", shown[0]).endswith(timing.sub(r"\1", printed[0]).split("/solutions/")[-1])
    assert shown[0].startswith("/…/solutions/") and timing.match(shown[0])
    assert shown[1:] == printed[1:]


@pytest.mark.notebook
def test_a_folder_runs_every_notebook_in_it_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    shutil.copy(NOTEBOOKS / "events.ipynb", folder / "a_events.ipynb")
    shutil.copy(NOTEBOOKS / "raises.ipynb", folder / "b_raises.ipynb")
    (folder / "notes.txt").write_text("not a notebook", encoding="utf-8")

    assert main(["run", str(folder)]) == 1  # one cell raised, in the second notebook
    blocks = capsys.readouterr().out.split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].startswith(f"{folder / 'a_events.ipynb'}: 6 code cells ran in ")
    assert blocks[0].rstrip().endswith("No cell raised.")
    assert blocks[1].startswith(f"{folder / 'b_raises.ipynb'}: 3 code cells ran in ")
    assert "NameError: name 'undefined_name' is not defined" in blocks[1]


@pytest.mark.notebook
def test_a_notebook_that_cannot_run_does_not_stop_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.ipynb"
    assert main(["run", str(missing), str(NOTEBOOKS / "events.ipynb")]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"learntools-cv run: error: no such file: {missing}\n"
    assert captured.out.startswith(f"{NOTEBOOKS / 'events.ipynb'}: 6 code cells ran in ")


def test_one_output_file_for_several_notebooks_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", str(NOTEBOOKS / "raises.ipynb"), str(NOTEBOOKS / "events.ipynb"), "-o", str(tmp_path / "o.ipynb")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "learntools-cv run: error: -o/--output saves one executed notebook, but 2 are to run: name one\n"
    )
