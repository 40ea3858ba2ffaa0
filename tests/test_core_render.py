"""Rendering: every outcome as plain text (terminal) and as markdown with a coloured label (Jupyter).

The plain text is what `check()` prints outside Jupyter and what the event record stores; its first line
starts with the label. Learner values always sit in code spans, so a repr such as `<class 'str'>` or one
full of backticks and HTML shows as written. The last test runs a real Jupyter kernel.
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learntools_cv.core import (
    CS,
    CodingProblem,
    EqualityCheckProblem,
    Figure,
    FunctionProblem,
    Outcome,
    Status,
    ThoughtExperiment,
    ThoughtQuestion,
    binder,
)
from learntools_cv.core.render import in_notebook, show
from learntools_cv.core.render import plain_text as markdown_to_text
from learntools_cv.core.text import code

LABELS = [
    (Status.CORRECT, "Correct", "#2e8b57"),
    (Status.INCORRECT, "Incorrect", "#c0392b"),
    (Status.NOT_ATTEMPTED, "Not attempted", "#b7950b"),
    (Status.UNCHECKABLE, "Nothing to check", "#2e6da4"),
    (Status.CHECKER_ERROR, "Checker error", "#d35400"),
    (Status.HINT, "Hint", "#2e6da4"),
    (Status.SOLUTION, "Solution", "#1f8a70"),
]


@pytest.mark.parametrize(("status", "label", "color"), LABELS)
def test_outcome_renderings(status, label, color):
    outcome = Outcome(status, "Use `tf.nn.pool` with **max** pooling.")
    assert outcome.label == label == status.label
    assert outcome.message == f"{label}: Use `tf.nn.pool` with max pooling."
    assert outcome.markdown == f'<span style="color:{color}">**{label}**</span>: Use `tf.nn.pool` with **max** pooling.'
    assert str(outcome) == outcome.message
    assert outcome.first_line == outcome.message
    assert outcome.passed is (status is Status.CORRECT)
    assert status.is_check is (status not in (Status.HINT, Status.SOLUTION))


@pytest.mark.parametrize(("status", "label", "color"), LABELS)
def test_outcome_without_body_is_just_the_label(status, label, color):
    outcome = Outcome(status, "")
    assert outcome.message == label
    assert outcome.markdown == f'<span style="color:{color}">**{label}**</span>'


def test_outcome_label_can_be_overridden_and_body_may_start_on_a_new_line():
    outcome = Outcome(Status.HINT, "\n```python\nx = 1\n```", label="Hint 2")
    assert outcome.message == "Hint 2:\nx = 1"
    assert outcome.markdown == '<span style="color:#2e6da4">**Hint 2**</span>:\n```python\nx = 1\n```'
    assert outcome.first_line == "Hint 2:"


@pytest.mark.parametrize(
    ("body", "plain"),
    [
        ("Use \\*args &amp; `a\\*b` here", "Use *args & `a\\*b` here"),
        ('<span style="color:red">red</span> **bold** *it*', "red bold it"),
        ("``a`b``, `<b>`", "``a`b``, `<b>`"),
        ("first\n\nsecond", "first\n\nsecond"),
        ("text\n```python\ncode()\n```", "text\ncode()"),
    ],
)
def test_plain_text_keeps_code_spans_and_drops_markup(body, plain):
    assert Outcome(Status.INCORRECT, body).message == "Incorrect: " + plain


# ---- learner-facing calls print exactly the plain text outside Jupyter ----


class Three(EqualityCheckProblem):
    _var = "x"
    _expected = 3
    _hints = ["Count the channels.", "RGB has **three**.", "It is `3`."]
    _solution = CS("x = 3")


def test_check_hint_solution_print_exactly_the_plain_message(exercise, ns, capsys):
    q = exercise(Three)["q_1"]
    ns["x"] = 4
    assert not in_notebook()
    assert q.check() is None
    assert capsys.readouterr() == ("Incorrect: Incorrect value for `x`: `4`.\n", "")
    assert q.hint() is None
    assert capsys.readouterr() == ("Hint 1: Count the channels.\n\n(For another hint, run `q_1.hint(2)`.)\n", "")
    assert q.solution() is None
    assert capsys.readouterr() == ("Solution:\nx = 3\n", "")
    ns["x"] = 3
    q.check()
    assert capsys.readouterr() == ("Correct\n", "")


def noisy(x):
    print("debugging output")
    print("to stderr", file=sys.stderr)
    warnings.warn("a learner warning", stacklevel=2)
    np.float64(1.0) / 0.0
    return x


def test_nothing_but_the_feedback_is_printed(question, ns, capsys):
    q = question(FunctionProblem, _var="f", _test_cases=[(1, 2)])
    ns["f"] = noisy
    q.check()
    assert capsys.readouterr() == (
        "Incorrect: Called with `x=1`, your function returned `1`, but the expected result is `2`.\n",
        "",
    )


def test_every_outcome_starts_with_its_label(exercise, question, ns):
    """Real outcomes of each kind: the first line of the plain text starts exactly with the label."""
    q = exercise(Three)["q_1"]
    broken = question(CodingProblem, name="Broken", _var="x", check=lambda self, x: {}["missing"])
    thought = question(ThoughtQuestion, solution="Think.")
    unbound = {
        "Not attempted": q.evaluate(),
    }
    ns["x"] = 4
    outcomes = {
        **unbound,
        "Incorrect": q.evaluate(),
        "Checker error": broken.evaluate(),
        "Nothing to check": thought.evaluate(),
        "Hint 1": q.hint_outcome(),
        "Hint 3": q.hint_outcome(3),
        "Solution": q.solution_outcome(),
    }
    ns["x"] = 3
    outcomes["Correct"] = q.evaluate()
    for label, outcome in outcomes.items():
        first = outcome.message.split("\n", 1)[0]
        assert first == label or first.startswith(label + ":"), (label, outcome.message)
        assert outcome.markdown.startswith('<span style="color:#')
        assert f"**{label}**</span>" in outcome.markdown


# ---- hints ----


@pytest.mark.parametrize(
    ("n", "message", "label"),
    [
        ((), "Hint 1: Count the channels.\n\n(For another hint, run `q_1.hint(2)`.)", "Hint 1"),
        ((1,), "Hint 1: Count the channels.\n\n(For another hint, run `q_1.hint(2)`.)", "Hint 1"),
        ((2,), "Hint 2: RGB has three.\n\n(For another hint, run `q_1.hint(3)`.)", "Hint 2"),
        ((np.int64(3),), "Hint 3: It is `3`.", "Hint 3"),
        ((0,), "Hint: There are 3 hints for this question: try `q_1.hint(3)`.", "Hint"),
        ((4,), "Hint: There are 3 hints for this question: try `q_1.hint(3)`.", "Hint"),
        ((-1,), "Hint: There are 3 hints for this question: try `q_1.hint(3)`.", "Hint"),
        (("2",), "Hint: Pass the number of a hint, for example `q_1.hint(1)`.", "Hint"),
        ((2.0,), "Hint: Pass the number of a hint, for example `q_1.hint(1)`.", "Hint"),
        ((True,), "Hint: Pass the number of a hint, for example `q_1.hint(1)`.", "Hint"),
        ((None,), "Hint: Pass the number of a hint, for example `q_1.hint(1)`.", "Hint"),
    ],
)
def test_hints(exercise, capsys, n, message, label):
    q = exercise(Three)["q_1"]
    outcome = q.hint_outcome(*n)
    assert (outcome.status, outcome.label, outcome.message) == (Status.HINT, label, message)
    q.hint(*n)
    assert capsys.readouterr().out == message + "\n"


def test_hint_markdown_keeps_markup(exercise):
    q = exercise(Three)["q_1"]
    assert q.hint_outcome(2).markdown == (
        '<span style="color:#2e6da4">**Hint 2**</span>: RGB has **three**.\n\n'
        "(For another hint, run `q_1.hint(3)`.)"
    )


@pytest.mark.parametrize(
    ("attrs", "n", "message"),
    [
        ({"_hint": "  Just one.  "}, 1, "Hint: Just one."),
        ({"_hints": ["Just one."]}, 1, "Hint: Just one."),
        ({"_hint": "Just one."}, 2, "Hint: There is only 1 hint for this question: try `q_1.hint(1)`."),
        ({}, 1, "Hint: Sorry, there is no hint for this question."),
        ({"_hints": []}, 1, "Hint: Sorry, there is no hint for this question."),
    ],
)
def test_single_and_missing_hints(question, attrs, n, message):
    q = question(ThoughtExperiment, **attrs)
    assert q.hint_outcome(n).message == message


# ---- solutions ----


@pytest.mark.parametrize(
    ("solution", "message", "markdown"),
    [
        (CS("x = 3"), "Solution:\nx = 3", "**Solution**</span>:\n```python\nx = 3\n```"),
        (
            CS("def relu(x):", "    return max(x, 0.0)"),
            "Solution:\ndef relu(x):\n    return max(x, 0.0)",
            "**Solution**</span>:\n```python\ndef relu(x):\n    return max(x, 0.0)\n```",
        ),
        (
            CS("""
def relu(x):
    return max(x, 0.0)
"""),
            "Solution:\ndef relu(x):\n    return max(x, 0.0)",
            "**Solution**</span>:\n```python\ndef relu(x):\n    return max(x, 0.0)\n```",
        ),
        (
            "The stride is **2**: see `tf.nn.pool`.",
            "Solution: The stride is 2: see `tf.nn.pool`.",
            "**Solution**</span>: The stride is **2**: see `tf.nn.pool`.",
        ),
        ("", "Solution: Sorry, there is no solution for this question.",
         "**Solution**</span>: Sorry, there is no solution for this question."),
    ],
)
def test_solutions(question, solution, message, markdown):
    outcome = question(ThoughtExperiment, _solution=solution).solution_outcome()
    assert outcome.status is Status.SOLUTION
    assert outcome.message == message
    assert outcome.markdown == '<span style="color:#1f8a70">' + markdown


def test_code_solution_keeps_its_code():
    solution = CS("x = 1", "y = 2")
    assert solution.code == "x = 1\ny = 2"
    assert solution.markdown == "\n```python\nx = 1\ny = 2\n```"
    assert repr(solution) == "CodeSolution('x = 1\\ny = 2')"


@pytest.mark.parametrize(
    ("show", "solution", "correct_message", "message"),
    [
        (None, "The answer is **3**.", "", "Correct: The answer is 3."),
        (None, CS("x = 3"), "", "Correct"),
        (True, CS("x = 3"), "", "Correct:\nx = 3"),
        (True, "The answer is **3**.", "", "Correct: The answer is 3."),
        (False, "The answer is **3**.", "", "Correct"),
        (False, CS("x = 3"), "", "Correct"),
        (True, "", "", "Correct"),
        (None, "", "Well done.", "Correct: Well done."),
        (None, "The answer is **3**.", "Well done.", "Correct: Well done.\n\nThe answer is 3."),
        (True, CS("x = 3"), "Well done.", "Correct: Well done.\n\n\nx = 3"),
        (False, CS("x = 3"), "Well done.", "Correct: Well done."),
    ],
)
def test_show_solution_on_correct(question, ns, show, solution, correct_message, message):
    q = question(
        EqualityCheckProblem,
        _var="x",
        _expected=3,
        _solution=solution,
        _correct_message=correct_message,
        show_solution_on_correct=show,
    )
    ns["x"] = 3
    assert q.evaluate().message == message


def test_correct_markdown_with_code_solution(question, ns):
    q = question(
        EqualityCheckProblem, _var="x", _expected=3, _solution=CS("x = 3"), _correct_message="Well done.",
        show_solution_on_correct=True,
    )
    ns["x"] = 3
    assert q.evaluate().markdown == (
        '<span style="color:#2e8b57">**Correct**</span>: Well done.\n\n\n```python\nx = 3\n```'
    )


# ---- learner values show literally ----


class Backticks:
    def __repr__(self) -> str:
        return "`tick` and ``double``"


class BadRepr:
    def __repr__(self) -> str:
        raise ValueError("no repr")


class ReprIsNotText:
    def __repr__(self) -> Any:
        return 42


@pytest.mark.parametrize(
    ("returned", "span"),
    [
        (str, "`<class 'str'>`"),
        ("<b>bold</b> & <script>", "`'<b>bold</b> & <script>'`"),
        ("a`b``c", "```'a`b``c'```"),
        (Backticks(), "``` `tick` and ``double`` ```"),
        (list(range(100)), "`[0, 1, 2, 3, 4, 5, ...]`"),
        ("x" * 200, "`'" + "x" * 27 + "..." + "x" * 28 + "'`"),
        (np.zeros((199, 199), np.float32), "`a float32 array of shape (199, 199)`"),
        ("*not emphasis* \\", "`'*not emphasis* \\\\'`"),
    ],
)
def test_learner_values_show_literally(question, ns, returned, span):
    q = question(FunctionProblem, _var="f", _test_cases=[(1, 2)])
    ns["f"] = lambda x: returned
    outcome = q.evaluate()
    text = f"Called with `x=1`, your function returned {span}, but the expected result is `2`."
    assert outcome.message == "Incorrect: " + text
    assert outcome.markdown == '<span style="color:#c0392b">**Incorrect**</span>: ' + text


@pytest.mark.parametrize("value", [BadRepr(), ReprIsNotText()], ids=lambda v: type(v).__name__)
def test_a_repr_that_fails_is_reported_not_raised(question, ns, value):
    q = question(EqualityCheckProblem, _var="x", _expected=3)
    ns["x"] = value
    name = type(value).__name__
    assert re.fullmatch(
        rf"Incorrect: Expected `x` to be a number, but it is a `{name}` object "
        rf"\(`<{name} instance at 0x[0-9a-f]+>`\)\.",
        q.evaluate().message,
    )
    q = question(FunctionProblem, _var="f", _test_cases=[(1, 2)])
    ns["f"] = lambda x: value
    assert re.fullmatch(
        rf"Incorrect: Called with `x=1`, your function returned `<{name} instance at 0x[0-9a-f]+>`, "
        r"but the expected result is `2`\.",
        q.evaluate().message,
    )


@given(st.text(alphabet=st.sampled_from("ab `<>*_\\&\n"), max_size=30))
@settings(database=None, deadline=None, max_examples=200)
def test_code_span_fence_is_longer_than_any_backtick_run(text):
    span = code(text)
    fence = re.match(r"`+", span).group(0)
    runs = [len(r) for r in re.findall(r"`+", text)]
    assert len(fence) > max(runs, default=0)
    assert span.endswith(fence)
    inner = span[len(fence) : len(span) - len(fence)]
    flat = text.replace("\n", " ")
    assert inner in (flat, f" {flat} ")
    assert markdown_to_text(span) == span.strip("\n")  # the plain text keeps code spans as written


# ---- rich output ----


def test_show_outside_jupyter_prints_only_the_message(capsys):
    show(Outcome(Status.INCORRECT, "off", figure=Figure(np.eye(3), np.zeros((3, 3)), "diff")))
    assert capsys.readouterr() == ("Incorrect: off\n", "")


def test_figure_png_is_a_png():
    from learntools_cv.core.render import figure_png

    png = figure_png(Figure(np.eye(4), np.zeros((4, 4)), "Your answer and the expected one"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert figure_png(Figure(np.eye(4), None)).startswith(b"\x89PNG")


TESTS_DIR = Path(__file__).resolve().parent

KERNEL_CELLS = [
    f"""import sys
sys.path.insert(0, {str(TESTS_DIR)!r})
from learntools_style_exercise import *
from learntools_cv.core import binder, progress
binder.bind(globals())
stride = 3""",
    "q_2.check()",
    "q_1.hint(1)",
    """import numpy as np
from learntools_cv.core import Figure, Outcome, Status
from learntools_cv.core.render import show
show(Outcome(Status.INCORRECT, "The *peaks* moved.", figure=Figure(np.eye(3), np.zeros((3, 3)), "peaks")))""",
    "progress()",
]


@pytest.mark.notebook
def test_rich_output_in_a_real_kernel(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    import learntools_style_exercise as ex

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in KERNEL_CELLS]
    nbclient.NotebookClient(
        notebook, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [cell.outputs for cell in notebook.cells]

    binder.bind({"stride": 3})
    expected = ex.q_2.evaluate()
    assert expected.message == (
        "Incorrect: Pooling with a 2x2 window halves each side, so the stride is 2."
    )
    # check() shows one rich display and prints nothing: markdown with the coloured label, plain text
    assert outputs[1] == [
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/markdown": expected.markdown, "text/plain": expected.message},
        }
    ]
    assert outputs[1][0]["data"]["text/markdown"].startswith('<span style="color:#c0392b">**Incorrect**</span>: ')
    hint = ex.q_1.hint_outcome(1)
    assert [o["data"] for o in outputs[2]] == [{"text/markdown": hint.markdown, "text/plain": hint.message}]
    # an outcome with a figure: the words, then a PNG
    assert [o["output_type"] for o in outputs[3]] == ["display_data", "display_data"]
    assert outputs[3][0]["data"] == {
        "text/markdown": '<span style="color:#c0392b">**Incorrect**</span>: The *peaks* moved.',
        "text/plain": "Incorrect: The peaks moved.",
    }
    assert set(outputs[3][1]["data"]) == {"image/png", "text/plain"}
    assert outputs[3][1]["data"]["image/png"].startswith("iVBORw0KGgo")  # base64 of the PNG signature
    # progress() shows as a markdown table
    (result,) = outputs[4]
    assert result["output_type"] == "execute_result"
    assert result["data"]["text/markdown"].startswith(
        "**learntools_style_exercise: 0 of 5 questions done**\n\n| question | state | kind |"
    )
    assert "| `q_2` | in progress | coding |" in result["data"]["text/markdown"]
    everything = json.dumps(outputs)
    assert "Javascript object" not in everything
    assert '"stream"' not in everything and "Traceback" not in everything
