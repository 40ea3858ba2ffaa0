"""The report of the benchmark class, graded for real: the q_1 mistake histogram counts exactly the mistakes
the class generator planted (benchmarks/class_gen.py), and the page shows those counts."""

from __future__ import annotations

import io
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

from learntools_cv.grading import BatchOptions, Limits, grade_batch
from learntools_cv.report.data import analyse, load_gradebook
from learntools_cv.report.html import gradebook_page


@pytest.mark.slow
def test_q1_histogram_counts_exactly_the_planted_mistakes(tmp_path: Path, class_gen: ModuleType) -> None:
    manifest = class_gen.generate(tmp_path)  # the benchmark class: 40 learners, seed 3
    book = tmp_path / "class.sqlite"
    grade_batch([tmp_path / "submitted"],
                BatchOptions(gradebook=str(book), scheduler="serial", limits=Limits(cell_timeout=5.0),
                             progress="none"), out=io.StringIO())

    planted = Counter(
        entry["planted"]["q_1"]["mistake"] for entry in manifest["learners"].values()
        if entry["planted"]["q_1"]["status"] == "incorrect"
    )
    assert sum(planted.values()) >= 5 and len(planted) >= 3  # the class plants several kinds of mistake

    report = analyse(load_gradebook(book))
    (assignment,) = report.assignments
    q1 = next(q for q in assignment.questions if q.question == "q_1")
    assert {m.mistake: m.count for m in q1.mistakes} == dict(planted)
    assert q1.unnamed_count == 0
    assert q1.counts["incorrect"] == sum(planted.values())

    # The page's bars for q_1 carry the same counts.
    assert bars(gradebook_page(report), "q_1") == dict(planted)


def bars(page: str, question: str) -> dict[str, int]:
    """{mistake: count} from the bars of a question's mistake chart (unnamed answers left out)."""

    class Bars(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.inside = False
            self.found: dict[str, int] = {}

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "svg":
                self.inside = a.get("data-chart") == "mistakes" and a.get("data-question") == question
            elif self.inside and tag == "g" and "bar" in (a.get("class") or "").split() and a.get("data-mistake"):
                self.found[str(a["data-mistake"])] = int(str(a["data-count"]))

        def handle_endtag(self, tag: str) -> None:
            if tag == "svg":
                self.inside = False

    parser = Bars()
    parser.feed(page)
    return parser.found
