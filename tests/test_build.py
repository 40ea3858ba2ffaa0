"""Tests for `learntools-cv build`: solution notebook in, learner notebook out."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from learntools_cv.authoring.build import (
    BuildError,
    build_file,
    build_notebook,
    default_output_path,
    dumps,
    is_up_to_date,
    out_of_date_reason,
    read_notebook,
)
from learntools_cv.cli import main

# --- factories ----------------------------------------------------------------------------------------------


def make_notebook(*cells: nbformat.NotebookNode, **metadata: object) -> nbformat.NotebookNode:
    return new_notebook(cells=list(cells), metadata=metadata)


def learner_source(source: str) -> str:
    """The learner version of a one-cell solution notebook."""
    return build_notebook(make_notebook(new_code_cell(source))).cells[0].source


def build_error(*sources: str) -> str:
    with pytest.raises(BuildError) as caught:
        build_notebook(make_notebook(*(new_code_cell(source) for source in sources)), name="solutions/ex1.ipynb")
    return str(caught.value)


def syntax_message(code: str) -> str:
    """Python's own wording for a syntax error, which varies between Python versions."""
    with pytest.raises(SyntaxError) as caught:
        compile(code, "<cell>", "exec")
    return caught.value.msg


SOLUTION = make_notebook(
    new_markdown_cell("# Exercise 1", id="intro"),
    new_code_cell("from learntools_cv.ex1 import *", id="setup"),
    new_code_cell("# BEGIN SOLUTION\npooled = pool(image)\n# END SOLUTION\nq_1.check()", id="q1"),
    new_code_cell("#q_1.hint()\nq_1.solution()", id="q1-help"),
)


def write_notebook(path: Path, nb: nbformat.NotebookNode) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


# --- solution regions ---------------------------------------------------------------------------------------

REGION_CASES = [
    pytest.param(
        "# BEGIN SOLUTION\nx = 3\n# END SOLUTION\nq_1.check()",
        "x = ____\nq_1.check()",
        id="assignment",
    ),
    pytest.param(
        "# BEGIN SOLUTION\na, b = 1, 2\nfirst, (second, *rest) = items\n# END SOLUTION",
        "a = ____\nb = ____\nfirst = ____\nsecond = ____\nrest = ____",
        id="tuple-targets",
    ),
    pytest.param(
        "# BEGIN SOLUTION\nlow = high = 0\n# END SOLUTION",
        "low = ____\nhigh = ____",
        id="chained-assignment",
    ),
    pytest.param(
        "# BEGIN SOLUTION\npooled = tf.nn.pool(\n    image,\n    window_shape=(2, 2),\n    pooling_type='MAX',\n)\n"
        "# END SOLUTION",
        "pooled = ____",
        id="multi-line-call",
    ),
    pytest.param(
        "# BEGIN SOLUTION\nx = np.zeros(3)\nx = x + 1\n# END SOLUTION",
        "x = ____",
        id="name-assigned-twice",
    ),
    pytest.param(
        "# BEGIN SOLUTION\nimport numpy as np\nkernel = np.ones((3, 3))\nprint(kernel)\nfor i in range(3):\n"
        "    other = i\nkernel += 1\n# END SOLUTION",
        "kernel = ____",
        id="other-statements-dropped",
    ),
    pytest.param(
        "# BEGIN SOLUTION\nmodel.trainable = False\nsize: int = 3\n# END SOLUTION",
        "model.trainable = ____\nsize: int = ____",
        id="attribute-and-annotated",
    ),
    pytest.param(
        'x = 1\n# BEGIN SOLUTION\ndef pool(image, size=2):\n    """Max-pool `image`.\n\n    Windows are size x size.\n'
        '    """\n    # take the max\n    return image\n# END SOLUTION',
        'x = 1\ndef pool(image, size=2):\n    """Max-pool `image`.\n\n    Windows are size x size.\n    """\n    pass',
        id="def-with-docstring",
    ),
    pytest.param(
        "# BEGIN SOLUTION\n@tf.function\ndef pool(image,\n         size=2) -> tf.Tensor:  # max, not mean\n"
        "    return tf.nn.max_pool2d(image, size, size, 'VALID')\n# END SOLUTION",
        "@tf.function\ndef pool(image,\n         size=2) -> tf.Tensor:\n    pass",
        id="def-decorated-multi-line-signature",
    ),
    pytest.param(
        "# BEGIN SOLUTION\ndef double(x): return 2 * x\n# END SOLUTION",
        "def double(x):\n    pass",
        id="def-on-one-line",
    ),
    pytest.param(
        "# BEGIN SOLUTION\n# STARTER: for image in images:\n# STARTER:     pooled = ____\n# STARTER:\n"
        "# STARTER: total = ____\nfor image in images:\n    pooled = pool(image)\ntotal = len(images)\n# END SOLUTION",
        "for image in images:\n    pooled = ____\n\ntotal = ____",
        id="starter-override",
    ),
    pytest.param(
        "def kernel():\n    # BEGIN SOLUTION\n    k = np.ones((3, 3))\n    # END SOLUTION\n    return k",
        "def kernel():\n    k = ____\n    return k",
        id="region-in-indented-block",
    ),
    pytest.param(
        "for i in range(3):\n    # BEGIN SOLUTION\n    # STARTER: total += ____\n    total += i\n    # END SOLUTION\n",
        "for i in range(3):\n    total += ____\n",
        id="starter-in-indented-block",
    ),
    pytest.param(
        "  # BEGIN SOLUTION  \nx = 1\n\t# END SOLUTION\n# BEGIN SOLUTION\ny = 2\n# END SOLUTION\nz = 3",
        "x = ____\ny = ____\nz = 3",
        id="two-regions-markers-with-whitespace",
    ),
    pytest.param(
        "x = 1\n# BEGIN SOLUTION\nprint(x)\n# END SOLUTION\n",
        "x = 1\n",
        id="nothing-to-start-from",
    ),
]


@pytest.mark.parametrize(("solution", "learner"), REGION_CASES)
def test_solution_region_becomes_starter_code(solution: str, learner: str) -> None:
    assert learner_source(solution) == learner


# --- hint() and solution() calls ----------------------------------------------------------------------------

HELP_CASES = [
    pytest.param("q_1.hint()", "#q_1.hint()", id="hint"),
    pytest.param("q_1.hint(2)", "#q_1.hint(2)", id="numbered-hint"),
    pytest.param("q_3.a.solution()", "#q_3.a.solution()", id="part-solution"),
    pytest.param("q_1.solution()  # if stuck", "#q_1.solution()  # if stuck", id="trailing-comment"),
    pytest.param("if True:\n    x = 1\n    q_1.hint()", "if True:\n    x = 1\n    #q_1.hint()", id="indented"),
    pytest.param("%matplotlib inline\nq_2.hint()", "%matplotlib inline\n#q_2.hint()", id="cell-with-magic"),
    pytest.param("q_1.check()", "q_1.check()", id="check-kept"),
    pytest.param('print("q_1.hint()")', 'print("q_1.hint()")', id="in-a-string"),
    pytest.param("x.hint_text()", "x.hint_text()", id="other-method"),
    pytest.param("q_1.hints()", "q_1.hints()", id="similar-name"),
    pytest.param("hint()", "hint()", id="plain-function"),
    pytest.param("#q_1.hint()", "#q_1.hint()", id="already-commented"),
    pytest.param("text = q_1.hint()", "text = q_1.hint()", id="not-a-whole-statement"),
    pytest.param("q_1.hint(); x = 1", "q_1.hint(); x = 1", id="shares-its-line"),
    pytest.param('doc = """\nq_1.hint()\n"""', 'doc = """\nq_1.hint()\n"""', id="inside-multi-line-string"),
]


@pytest.mark.parametrize(("solution", "learner"), HELP_CASES)
def test_hint_and_solution_calls_are_commented_out(solution: str, learner: str) -> None:
    assert learner_source(solution) == learner


# --- cells, outputs, metadata, ids --------------------------------------------------------------------------


def test_test_only_cells_are_removed() -> None:
    nb = make_notebook(
        new_code_cell("x = 1", id="keep", metadata={"tags": ["setup"]}),
        new_code_cell("assert x == 1", id="drop", metadata={"tags": ["slow", "test-only"]}),
        new_markdown_cell("Only for us", id="drop-md", metadata={"tags": ["test-only"]}),
        new_raw_cell("raw", id="raw"),
    )
    built = build_notebook(nb)
    assert [(cell.id, cell.cell_type) for cell in built.cells] == [("keep", "code"), ("raw", "raw")]
    assert built.cells[0].metadata == {"tags": ["setup"]}


def test_outputs_execution_counts_and_run_metadata_are_dropped() -> None:
    cell = new_code_cell(
        "x = 1\nx",
        id="c1",
        execution_count=7,
        outputs=[nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=7)],
        metadata={
            "execution": {"iopub.status.busy": "2026-11-21T10:00:00Z"},
            "collapsed": True,
            "scrolled": False,
            "ExecuteTime": {"end_time": "2026-11-21T10:00:01Z"},
            "tags": ["keep-me"],
            "jupyter": {"source_hidden": True},
        },
    )
    nb = make_notebook(
        cell,
        kernelspec={"name": "python3", "display_name": "Python 3", "language": "python"},
        language_info={"name": "python", "version": "3.11.9"},
        widgets={"application/vnd.jupyter.widget-state+json": {}},
    )
    built = build_notebook(nb)
    (learner,) = built.cells
    assert learner.outputs == []
    assert learner.execution_count is None
    assert learner.metadata == {"tags": ["keep-me"], "jupyter": {"source_hidden": True}}
    assert built.metadata == {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }


def test_markdown_attachments_are_kept() -> None:
    attachments = {"pool.png": {"image/png": "iVBORw0KGgo="}}
    nb = make_notebook(new_markdown_cell("![pool](attachment:pool.png)", id="m", attachments=attachments))
    assert build_notebook(nb).cells[0].attachments == attachments


def test_cell_ids_are_kept() -> None:
    assert [cell.id for cell in build_notebook(SOLUTION).cells] == ["intro", "setup", "q1", "q1-help"]


def test_missing_ids_are_derived_and_the_notebook_upgraded(tmp_path: Path) -> None:
    # An nbformat 4.4 notebook, as older Jupyter wrote them: no cell ids.
    raw = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Exercise"]},
            {"cell_type": "code", "metadata": {"tags": ["test-only"]}, "source": ["assert True"],
             "outputs": [], "execution_count": None},
            {"cell_type": "code", "metadata": {}, "source": ["x = 1"], "outputs": [], "execution_count": None},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 4,
    }
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(raw), encoding="utf-8")
    built = build_notebook(read_notebook(path))
    assert (built.nbformat, built.nbformat_minor) == (4, 5)
    # Derived from each cell's position in the solution notebook and its source, so they never change.
    assert [cell.id for cell in built.cells] == ["e3e0ce99", "f608fc99"]
    assert build_notebook(read_notebook(path)).cells[1].id == "f608fc99"
    nbformat.validate(built)


# --- determinism and purity ---------------------------------------------------------------------------------


def test_building_twice_gives_identical_bytes(tmp_path: Path) -> None:
    solution = write_notebook(tmp_path / "solutions" / "ex1.ipynb", SOLUTION)
    first = build_file(solution).read_bytes()
    second = build_file(solution).read_bytes()
    assert first == second
    assert first == dumps(build_notebook(copy.deepcopy(SOLUTION))).encode("utf-8")
    assert first.endswith(b"}\n")
    assert str(tmp_path).encode() not in first


def test_dumps_uses_nbformat_layout() -> None:
    text = dumps(build_notebook(SOLUTION))
    assert text.startswith('{\n "cells": [\n  {\n   "cell_type": "markdown",\n   "id": "intro",\n')
    assert json.loads(text)["cells"][2]["source"] == ["pooled = ____\n", "q_1.check()"]


def test_input_is_not_mutated() -> None:
    nb = make_notebook(
        new_code_cell("# BEGIN SOLUTION\nx = 1\n# END SOLUTION\nq_1.hint()", execution_count=3,
                      metadata={"scrolled": True}),
        new_code_cell("assert x", metadata={"tags": ["test-only"]}),
        language_info={"name": "python", "version": "3.11.9"},
    )
    del nb.cells[0]["id"]
    nb.nbformat_minor = 4
    before = copy.deepcopy(nb)
    build_notebook(nb)
    assert nb == before


def test_learner_notebook_is_valid() -> None:
    nbformat.validate(build_notebook(SOLUTION))


# --- author errors ------------------------------------------------------------------------------------------

WHERE = "solutions/ex1.ipynb: cell 2 (code cell 2)"

ERROR_CASES = [
    pytest.param(
        "x = 1\n# BEGIN SOLUTION\ny = 2",
        f"{WHERE}, line 2: `# BEGIN SOLUTION` has no matching `# END SOLUTION`; "
        "add `# END SOLUTION` after the solution code",
        id="begin-without-end",
    ),
    pytest.param(
        "# BEGIN SOLUTION\nx = 1\n    # BEGIN SOLUTION\n# END SOLUTION",
        f"{WHERE}, line 3: `# BEGIN SOLUTION` inside the region opened on line 1; "
        "regions cannot nest, so close that one with `# END SOLUTION` first",
        id="nested-begin",
    ),
    pytest.param(
        "x = 1\n# END SOLUTION",
        f"{WHERE}, line 2: `# END SOLUTION` without a `# BEGIN SOLUTION` before it; "
        "add the missing `# BEGIN SOLUTION` or remove this line",
        id="end-without-begin",
    ),
    pytest.param(
        "#BEGIN SOLUTION\nx = 1\n# END SOLUTION",
        f"{WHERE}, line 1: `#BEGIN SOLUTION` looks like a solution marker but is not spelled exactly; "
        "write `# BEGIN SOLUTION`",
        id="misspelt-begin",
    ),
    pytest.param(
        "# BEGIN SOLUTION\nx = 1\n# End Solution",
        f"{WHERE}, line 3: `# End Solution` looks like a solution marker but is not spelled exactly; "
        "write `# END SOLUTION`",
        id="misspelt-end",
    ),
    pytest.param(
        "# STARTER: x = ____\nx = 1",
        f"{WHERE}, line 1: `# STARTER:` line outside a solution region; "
        "move it between `# BEGIN SOLUTION` and `# END SOLUTION`",
        id="starter-outside-region",
    ),
    pytest.param(
        "# BEGIN SOLUTION\n# Starter: x = ____\nx = 1\n# END SOLUTION",
        f"{WHERE}, line 2: `# Starter: x = ____` looks like a starter line but is not spelled exactly; "
        "write `# STARTER: <code>`",
        id="misspelt-starter",
    ),
]


@pytest.mark.parametrize(("source", "message"), ERROR_CASES)
def test_marker_mistakes_are_author_errors(source: str, message: str) -> None:
    assert build_error("import numpy", source) == message


def test_unparsable_region_is_an_author_error() -> None:
    message = build_error("import numpy", "x = 1\n# BEGIN SOLUTION\ny = 2\nz = = 3\n# END SOLUTION")
    assert message == (
        f"{WHERE}, line 4: the solution region is not valid Python ({syntax_message('z = = 3')}); "
        "fix it, or write the starter code yourself with `# STARTER:` lines"
    )


def test_learner_cell_that_would_not_parse_is_an_author_error() -> None:
    loop = "for i in range(3):\n    # BEGIN SOLUTION\n    total += i\n    # END SOLUTION"
    message = build_error("import numpy", loop)
    assert message == (
        f"{WHERE}: the learner version of this cell is not valid Python ({syntax_message('for i in range(3):')}); "
        "write starter code that parses with `# STARTER:` lines, and keep a statement besides hint() or "
        "solution() in every block"
    )


def test_build_error_is_a_value_error() -> None:
    assert issubclass(BuildError, ValueError)


# --- files --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solution", "output"),
    [
        ("solutions/ex1.ipynb", "exercises/ex1.ipynb"),
        ("course/solutions/ex2.ipynb", "course/exercises/ex2.ipynb"),
        ("ex3.ipynb", "../exercises/ex3.ipynb"),
        ("/srv/course/solutions/ex4.ipynb", "/srv/course/exercises/ex4.ipynb"),
    ],
)
def test_default_output_path(solution: str, output: str) -> None:
    assert default_output_path(solution) == Path(output)


def test_up_to_date_reports_what_differs(tmp_path: Path) -> None:
    solution = write_notebook(tmp_path / "solutions" / "ex1.ipynb", SOLUTION)
    exercise = tmp_path / "exercises" / "ex1.ipynb"
    assert out_of_date_reason(solution) == "does not exist"
    build_file(solution)
    assert is_up_to_date(solution)
    changed = copy.deepcopy(SOLUTION)
    changed.cells[2].source = changed.cells[2].source.replace("pooled", "result")
    write_notebook(solution, changed)
    assert not is_up_to_date(solution)
    assert out_of_date_reason(solution) == "differs from a fresh build in cell 3"
    changed.cells.append(new_markdown_cell("More"))
    write_notebook(solution, changed)
    assert out_of_date_reason(solution) == "has 4 cells where a fresh build has 5"
    build_file(solution)
    exercise.write_text(exercise.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")
    assert out_of_date_reason(solution) == "differs from a fresh build in its formatting"
    exercise.write_text("nonsense", encoding="utf-8")
    assert out_of_date_reason(solution) == "is not a notebook a build would write"


def test_the_example_in_docs_markers_md_is_what_build_does() -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "markers.md").read_text(encoding="utf-8")
    example = text.split("## Example")[1].split("\n## ")[0]
    solution, learner = example.split("Learner cell:")

    def code_blocks(markdown: str) -> list[str]:
        return [block.rstrip("\n") for block in re.findall(r"```python\n(.*?)```", markdown, re.DOTALL)]

    nb = make_notebook(*(new_code_cell(block) for block in code_blocks(solution)))
    assert [cell.source for cell in build_notebook(nb).cells] == code_blocks(learner)


# --- command line -------------------------------------------------------------------------------------------


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A course folder, made the working directory, with solutions/ex1.ipynb."""
    monkeypatch.chdir(tmp_path)
    write_notebook(tmp_path / "solutions" / "ex1.ipynb", SOLUTION)
    return tmp_path


def test_cli_writes_the_default_output(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "solutions/ex1.ipynb"]) == 0
    assert capsys.readouterr() == ("wrote exercises/ex1.ipynb\n", "")
    written = (course / "exercises" / "ex1.ipynb").read_text(encoding="utf-8")
    assert written == dumps(build_notebook(SOLUTION))


def test_cli_writes_to_output_option(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "solutions/ex1.ipynb", "-o", "learner/pooling.ipynb"]) == 0
    assert capsys.readouterr() == ("wrote learner/pooling.ipynb\n", "")
    assert (course / "learner" / "pooling.ipynb").is_file()
    assert not (course / "exercises").exists()


def test_cli_notes_a_notebook_without_regions(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_notebook(course / "solutions" / "ex2.ipynb", make_notebook(new_code_cell("x = 1")))
    assert main(["build", "solutions/ex2.ipynb"]) == 0
    assert capsys.readouterr() == (
        "wrote exercises/ex2.ipynb\n",
        "note: no solution regions found in solutions/ex2.ipynb; "
        "the learner notebook is the solution with its outputs cleared\n",
    )


def test_cli_check(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exercise = course / "exercises" / "ex1.ipynb"
    assert main(["build", "solutions/ex1.ipynb", "--check"]) == 1
    assert capsys.readouterr() == (
        "out of date: exercises/ex1.ipynb does not exist; run `learntools-cv build solutions/ex1.ipynb`\n",
        "",
    )
    assert not exercise.exists()

    assert main(["build", "solutions/ex1.ipynb"]) == 0
    capsys.readouterr()
    assert main(["build", "solutions/ex1.ipynb", "--check"]) == 0
    assert capsys.readouterr() == ("up to date: exercises/ex1.ipynb\n", "")

    stale = exercise.read_bytes().replace(b"____", b"None")
    exercise.write_bytes(stale)
    assert main(["build", "solutions/ex1.ipynb", "--check"]) == 1
    assert capsys.readouterr() == (
        "out of date: exercises/ex1.ipynb differs from a fresh build in cell 3; "
        "run `learntools-cv build solutions/ex1.ipynb`\n",
        "",
    )
    assert exercise.read_bytes() == stale


def test_cli_check_with_output_option(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "solutions/ex1.ipynb", "--check", "-o", "my exercises/ex1.ipynb"]) == 1
    assert capsys.readouterr().out == (
        "out of date: my exercises/ex1.ipynb does not exist; "
        "run `learntools-cv build solutions/ex1.ipynb -o 'my exercises/ex1.ipynb'`\n"
    )


CLI_ERROR_CASES = [
    pytest.param(
        ["build", "solutions/missing.ipynb"],
        "error: cannot read solutions/missing.ipynb: No such file or directory\n",
        id="missing-file",
    ),
    pytest.param(
        ["build", "solutions/ex1.ipynb", "-o", "solutions/../solutions/ex1.ipynb"],
        "error: the output path solutions/../solutions/ex1.ipynb is the solution notebook itself; "
        "choose another with -o/--output\n",
        id="output-is-input",
    ),
    pytest.param(
        ["build", "solutions/text.ipynb"],
        "error: solutions/text.ipynb is not a valid notebook: Notebook does not appear to be JSON: 'not a notebook'\n",
        id="not-json",
    ),
    pytest.param(
        ["build", "solutions/bogus.ipynb", "--check"],
        "error: solutions/bogus.ipynb is not a valid notebook: Additional properties are not allowed "
        "('surprise' was unexpected)\n",
        id="invalid-notebook",
    ),
    pytest.param(
        ["build", "solutions/unbalanced.ipynb"],
        "error: solutions/unbalanced.ipynb: cell 1 (code cell 1), line 1: `# END SOLUTION` without a "
        "`# BEGIN SOLUTION` before it; add the missing `# BEGIN SOLUTION` or remove this line\n",
        id="build-error",
    ),
]


@pytest.mark.parametrize(("argv", "stderr"), CLI_ERROR_CASES)
def test_cli_errors(course: Path, capsys: pytest.CaptureFixture[str], argv: list[str], stderr: str) -> None:
    (course / "solutions" / "text.ipynb").write_text("not a notebook", encoding="utf-8")
    bogus = json.loads(dumps(SOLUTION))
    bogus["surprise"] = True
    (course / "solutions" / "bogus.ipynb").write_text(json.dumps(bogus), encoding="utf-8")
    write_notebook(course / "solutions" / "unbalanced.ipynb", make_notebook(new_code_cell("# END SOLUTION")))

    assert main(argv) == 2
    assert capsys.readouterr() == ("", stderr)
    assert not (course / "exercises").exists()


def test_python_m_learntools_cv_build(course: Path) -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "learntools_cv", "build", *argv],
            cwd=course, capture_output=True, text=True, timeout=120, check=False,
        )

    built = run("solutions/ex1.ipynb")
    assert (built.returncode, built.stdout, built.stderr) == (0, "wrote exercises/ex1.ipynb\n", "")
    checked = run("solutions/ex1.ipynb", "--check")
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "up to date: exercises/ex1.ipynb\n", "")
    missing = run("solutions/none.ipynb")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "error: cannot read solutions/none.ipynb: No such file or directory\n"


# --- properties ---------------------------------------------------------------------------------------------

# Lines that must come through untouched, including ones that merely look like help calls.
PLAIN_LINES = st.sampled_from(
    [
        "",
        "x = 1",
        "y = x + 1",
        "print(x)",
        "import math",
        "q_1.check()",
        'print("q_1.hint()")',
        "x.hint_text()",
        "#q_1.hint()",
        "# a comment",
        "%matplotlib inline",
        "total = sum(range(3))",
    ]
)
HELP_LINES = st.sampled_from(["q_1.hint()", "q_2.hint(2)", "q_3.a.solution()"])


def _marker_free(line: str) -> bool:
    # Python folds identifiers with NFKC, so ｈｉｎｔ would be hint.
    folded = unicodedata.normalize("NFKC", line).lower()
    return not any(word in folded for word in ("solution", "starter", "hint"))


RANDOM_LINES = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30).filter(_marker_free)
# Random lines that cannot open strings, brackets or blocks, so help calls next to them stay whole statements.
FLAT_LINES = st.text("abcxyz_0123 =+-*.,", max_size=20)


@st.composite
def solution_notebooks(draw: st.DrawFn, lines: st.SearchStrategy[str]) -> nbformat.NotebookNode:
    cells = []
    for index in range(draw(st.integers(0, 5))):
        source = "\n".join(draw(st.lists(lines, max_size=6)))
        if draw(st.booleans()):
            cells.append(new_markdown_cell(source, id=f"m{index}"))
            continue
        cells.append(
            new_code_cell(
                source,
                id=f"c{index}",
                execution_count=draw(st.none() | st.integers(1, 99)),
                outputs=[nbformat.v4.new_output("stream", text="out\n")] if draw(st.booleans()) else [],
                metadata={"scrolled": True, "tags": ["keep"]} if draw(st.booleans()) else {},
            )
        )
    return make_notebook(*cells)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(solution_notebooks(PLAIN_LINES | RANDOM_LINES))
def test_without_regions_or_help_calls_only_outputs_and_metadata_change(nb: nbformat.NotebookNode) -> None:
    built = build_notebook(nb)
    assert [(cell.id, cell.cell_type, cell.source) for cell in built.cells] == [
        (cell.id, cell.cell_type, cell.source) for cell in nb.cells
    ]
    for before, after in zip(nb.cells, built.cells):
        if after.cell_type == "code":
            assert (after.outputs, after.execution_count) == ([], None)
            assert after.metadata == {key: value for key, value in before.metadata.items() if key != "scrolled"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(solution_notebooks(PLAIN_LINES | HELP_LINES | FLAT_LINES))
def test_build_is_deterministic_pure_and_idempotent(nb: nbformat.NotebookNode) -> None:
    original = copy.deepcopy(nb)
    built = build_notebook(nb)
    assert nb == original
    assert dumps(build_notebook(copy.deepcopy(nb))) == dumps(built)
    assert dumps(build_notebook(built)) == dumps(built)
    helps = {"q_1.hint()", "q_2.hint(2)", "q_3.a.solution()"}
    for before, after in zip(nb.cells, built.cells):
        if after.cell_type == "code":
            expected = ["#" + line if line in helps else line for line in before.source.split("\n")]
            assert after.source.split("\n") == expected
