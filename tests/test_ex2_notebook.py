"""Lesson 2's notebooks, as pictures on their data: the cells that draw a learner's maps draw exactly those
maps (the filtered one with its negatives, the detected one with 0 as its darkest colour, as the text says),
the grid of numbers shows the numbers the text discusses, and while an answer is missing those cells print one
line instead of failing. Also `visiontools.answered`, the guard those cells use.

The notebooks' code cells run in this process, in order, as a kernel runs them, with matplotlib's Agg backend;
the figures each cell leaves open are collected, read and closed.
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pytest
import tensorflow as tf
from ex2_support import isolated  # noqa: F401 (a fixture)

from learntools_cv import reference, visiontools
from learntools_cv.core import ____, binder

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "ex2_convolution_and_relu.ipynb"
LEARNER = ROOT / "exercises" / "ex2_convolution_and_relu.ipynb"


@dataclass
class Ran:
    """A notebook run in this process: its namespace, and per code cell what it printed and drew."""

    ns: dict[str, Any]
    cells: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    figures: list[list[Any]] = field(default_factory=list)

    def cell(self, start: str) -> int:
        """The index of the code cell whose first line starts with `start` (comments included)."""
        found = [i for i, source in enumerate(self.cells) if source.lstrip().startswith(start)]
        assert len(found) == 1, (start, found)
        return found[0]


def run(path: Path) -> Ran:
    nb = json.loads(path.read_text())
    ran = Ran(ns={"__name__": "__main__"})
    saved = binder.bound_namespace()
    plt.close("all")
    try:
        for number, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
            source = "".join(cell["source"])
            filename = f"<ex2 cell {number} {id(ran)}>"
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            out = io.StringIO()
            with contextlib.redirect_stdout(out), pytest.MonkeyPatch.context() as patch:
                patch.setattr(plt, "show", lambda *a, **k: None)
                exec(compile(source, filename, "exec"), ran.ns)
            ran.cells.append(source)
            ran.printed.append(out.getvalue())
            ran.figures.append([plt.figure(n) for n in plt.get_fignums()])
            plt.close("all")
    finally:
        binder.restore(saved)
    return ran


@pytest.fixture(scope="module")
def solution() -> Ran:
    return run(SOLUTION)


@pytest.fixture(scope="module")
def learner() -> Ran:
    return run(LEARNER)


def images(figure: Any) -> list[Any]:
    """The pictures a figure draws, left to right."""
    return [image for ax in figure.axes for image in ax.get_images()]


def texts(figure: Any, panel: int) -> list[str]:
    return [t.get_text() for t in figure.axes[panel].texts]


# ---------------------------------------------------------------------------------------------------------
# The solution notebook's pictures


def test_the_filter_cell_draws_the_learners_filtered_map(solution: Ran) -> None:
    (figure,) = solution.figures[solution.cell("if visiontools.answered(kernel, conv_fn, needs=")]
    (drawn,) = images(figure)
    expected = reference.conv2d(np.asarray(solution.ns["image"]), np.asarray(solution.ns["kernel"]), 1, "SAME")
    np.testing.assert_allclose(drawn.get_array(), expected[0, :, :, 0], rtol=1e-5, atol=1e-5)
    assert drawn.get_array().min() < 0 < drawn.get_array().max()  # a filtered map has both signs


def test_the_detect_cell_draws_both_maps_with_black_for_zero(solution: Ran) -> None:
    (figure,) = solution.figures[solution.cell("if visiontools.answered(kernel, conv_fn, relu_fn,")]
    filtered, detected = images(figure)
    assert [ax.get_title() for ax in figure.axes] == ["Filter", "Detect"]
    np.testing.assert_array_equal(filtered.get_array(), np.asarray(solution.ns["image_filter"])[0, :, :, 0])
    np.testing.assert_array_equal(detected.get_array(), np.asarray(solution.ns["image_detect"])[0, :, :, 0])
    low, high = detected.get_clim()
    assert low == 0.0 and high == float(np.max(solution.ns["image_detect"]))  # "in the detected map black is 0"
    assert filtered.get_clim()[0] < 0


def test_the_small_picture_and_its_maps_show_the_numbers_the_text_discusses(solution: Ran) -> None:
    (numbers,) = solution.figures[solution.cell("small_image = np.array([")]
    assert texts(numbers, 0) == [str(v) for v in solution.ns["small_image"].ravel()]
    assert texts(numbers, 1) == ["1", "-1", "1", "-1"]
    (maps,) = solution.figures[solution.cell("if visiontools.answered(conv_fn, relu_fn,")]
    filtered = np.array([[-2, 2, 0, 0, 0]] * 3 + [[-2, 2, -1, 0, 0]] * 2)
    assert texts(maps, 0) == [str(v) for v in filtered.ravel()]
    assert texts(maps, 1) == [str(v) for v in np.maximum(filtered, 0).ravel()]  # a single column of 2s
    np.testing.assert_array_equal(tf.squeeze(solution.ns["small_detect"]), np.maximum(filtered, 0))


def test_the_learners_own_convolution_prints_the_same_map(solution: Ran) -> None:
    printed = solution.printed[solution.cell("if visiontools.answered(convolve_numpy,")]
    assert printed.splitlines()[0] == "[[-2.  2.  0.  0.  0.]"
    assert printed.splitlines()[3] == " [-2.  2. -1.  0.  0.]"


def test_the_street_cell_draws_the_learners_kernel_at_work(solution: Ran) -> None:
    (figure,) = solution.figures[solution.cell("if visiontools.answered(horizontal_kernel,")]
    steps = visiontools.extraction_steps(solution.ns["street"], solution.ns["horizontal_kernel"], conv_padding="SAME")
    drawn = images(figure)
    assert [ax.get_title() for ax in figure.axes[:4]] == ["Input", "Filter", "Detect", "Condense"]
    for image, stage in zip(drawn, ("input", "filter", "detect", "condense")):
        np.testing.assert_array_equal(image.get_array(), steps[stage])


def test_the_solution_notebook_leaves_each_questions_values_for_the_grader(solution: Ran) -> None:
    """The grader judges the notebook's last values: no cell after question 1 overwrites the picture, the
    kernel or the maps with others."""
    ns = solution.ns
    assert tuple(ns["image"].shape) == (1, 400, 400, 1) and tuple(ns["kernel"].shape) == (3, 3, 1, 1)
    stacked, image_filter, image_detect = (
        ns["kernel"],
        tf.nn.conv2d(ns["image"], ns["kernel"], 1, "SAME"),
        tf.nn.relu(tf.nn.conv2d(ns["image"], ns["kernel"], 1, "SAME")),
    )
    np.testing.assert_array_equal(ns["image_filter"], image_filter)
    np.testing.assert_array_equal(ns["image_detect"], image_detect)
    assert stacked.dtype == tf.float32


# ---------------------------------------------------------------------------------------------------------
# The learner notebook: cells that need an answer print one line and draw nothing


NEEDS = {
    "if visiontools.answered(kernel, needs=": "Answer question 1 first: this cell prepares your kernel for the convolution.",
    "if visiontools.answered(kernel, conv_fn, needs=": "Answer questions 1 and 2 first: this cell filters the picture with your kernel.",
    "if visiontools.answered(kernel, conv_fn, relu_fn,": "Answer questions 1 to 3 first: this cell detects the feature your kernel filtered.",
    "if visiontools.answered(conv_fn, relu_fn,": "Answer questions 2 and 3 first: this cell uses your functions.",
    "if visiontools.answered(convolve_numpy,": "Write convolve_numpy first to see it at work.",
    "if visiontools.answered(horizontal_kernel,": "Answer question 7 first to see what your kernel finds.",
}


@pytest.mark.parametrize("start", list(NEEDS))
def test_a_cell_that_needs_an_answer_says_so_in_one_line(start: str, learner: Ran) -> None:
    index = learner.cell(start)
    assert (learner.printed[index], learner.figures[index]) == (NEEDS[start] + "\n", [])


def test_the_learner_notebook_makes_no_map(learner: Ran) -> None:
    assert not {"image_filter", "image_detect", "small_filter"} & learner.ns.keys()


# ---------------------------------------------------------------------------------------------------------
# visiontools.answered


def _empty(x):
    """Not written yet."""


def _written(x):
    return x


class _Liar:
    @property
    def __class__(self):  # noqa: D105
        raise RuntimeError("no")

    def __call__(self, x):
        return x


@pytest.mark.parametrize(
    ("values", "answered"),
    [
        ((1, "text", np.zeros(3)), True),
        ((_written, tf.nn.relu, len), True),
        ((_Liar(),), True),
        ((____,), False),
        ((1, ____), False),
        ((_empty,), False),
        ((lambda x: None,), True),  # a lambda that returns None is an answer (a wrong one, for its check)
    ],
)
def test_answered_tells_a_missing_answer(values: tuple[Any, ...], answered: bool, capsys: pytest.CaptureFixture[str]) -> None:
    assert visiontools.answered(*values, needs="Answer question 1 first.") is answered
    assert capsys.readouterr().out == ("" if answered else "Answer question 1 first.\n")


def test_answered_has_a_line_of_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    assert visiontools.answered(____) is False
    assert capsys.readouterr().out == "Fill in the blanks (`____`) above first: this cell uses your answers.\n"
