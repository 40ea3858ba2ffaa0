"""A class that did two lessons: lesson 2's and lesson 3's notebooks graded into one gradebook (for real, by
the public grading API), then `learntools-cv report` on it. The page shows both assignments: a median score
card, the outcome chart and the mistake charts of each, with lesson 2's planted mistake under lesson 2."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch
from learntools_cv.report.cli import main

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = {
    "ex2": ROOT / "solutions" / "ex2_convolution_and_relu.ipynb",
    "ex3": ROOT / "solutions" / "ex3_maximum_pooling.ipynb",
}


def submit(folder: Path, learner: str, assignment: str, replace: tuple[str, str] | None = None) -> None:
    nb = json.loads(NOTEBOOKS[assignment].read_text())
    if replace is not None:
        old, new = replace
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            if old in source:
                cell["source"] = source.replace(old, new)
    path = folder / learner / assignment / NOTEBOOKS[assignment].name
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(nb))


class Charts(HTMLParser):
    """The page's charts (kind, assignment, question) and the mistakes their bars name."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[tuple[str, str, str]] = []
        self.bars: dict[tuple[str, str], set[str]] = {}
        self.cards: set[str] = set()
        self._chart: tuple[str, str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "svg" and a.get("data-chart"):
            self._chart = (a["data-chart"], a.get("data-assignment", ""), a.get("data-question", ""))
            self.charts.append(self._chart)
        elif tag == "g" and self._chart and self._chart[0] == "mistakes" and a.get("data-mistake"):
            self.bars.setdefault(self._chart[1:], set()).add(a["data-mistake"])
        elif tag == "div" and "card" in a.get("class", "").split():
            self.cards.add(a.get("data-card", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._chart = None


@pytest.mark.slow
def test_the_report_of_a_gradebook_with_two_lessons_shows_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    submitted = tmp_path / "submitted"
    submit(submitted, "alice", "ex2")
    submit(submitted, "bob", "ex2", replace=("conv_fn = tf.nn.conv2d", "conv_fn = tf.nn.conv1d"))
    submit(submitted, "alice", "ex3")
    book = tmp_path / "class.sqlite"
    summary = grade_batch(
        [submitted],
        BatchOptions(gradebook=str(book), scheduler="serial", limits=Limits(cell_timeout=30.0), progress="none"),
        out=io.StringIO(),
    )
    assert (summary.graded, summary.could_not_grade) == (3, 0)
    with Gradebook(str(book)) as gb:
        assert sorted((s["learner"], s["assignment"], s["exercise"]) for s in gb.submissions()) == [
            ("alice", "ex2", "learntools_cv.computer_vision.ex2"),
            ("alice", "ex3", "learntools_cv.computer_vision.ex3"),
            ("bob", "ex2", "learntools_cv.computer_vision.ex2"),
        ]

    out = tmp_path / "report.html"
    assert main([str(book), "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert said.err == ""
    assert re.fullmatch(rf"Wrote {re.escape(str(out))} \(.*\) in .* s: 3 submissions \(3 graded, 0 could not be graded\), 14 questions\.\n", said.out)

    page = Charts()
    page.feed(out.read_text(encoding="utf-8"))
    assert {a for kind, a, _ in page.charts if kind == "outcomes"} == {"ex2", "ex3"}
    assert {"median-ex2", "median-ex3"} <= page.cards
    assert page.bars == {("ex2", "q_2"): {"conv1d"}}
