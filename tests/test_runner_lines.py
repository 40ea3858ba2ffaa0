"""`learntools-cv run` report lines are cut at a word boundary (issue 13: the README's q_2 line ended in the
middle of "forgets")."""

from __future__ import annotations

from pathlib import Path

from learntools_cv.running.runner import LINE_WIDTH, QuestionResult, RunReport, _shorten, format_report

Q2 = (
    "Solution: Repeated max pooling keeps that a feature is present in a neighbourhood and forgets exactly "
    "where. A shift of a pixel or two usually stays inside the same pooling blocks."
)


def test_a_long_line_is_cut_after_a_whole_word() -> None:
    report = RunReport(
        notebook=Path("exercises/ex3_maximum_pooling.ipynb"),
        cells_run=20,
        questions=(QuestionResult("q_2", "solution", "solution", Q2),),
        errors=(),
        elapsed=9.0,
    )
    line = format_report(report).splitlines()[1]
    assert line == "q_2  Solution  Repeated max pooling keeps that a feature is present in a neighbourhood and..."
    assert len(line) <= LINE_WIDTH


def test_one_long_word_is_still_cut_to_the_width() -> None:
    assert _shorten("q_1  Incorrect  " + "x" * 200) == "q_1  Incorrect  " + "x" * 81 + "..."
    assert _shorten("short line") == "short line"
    exactly = "a " * 49 + "bc"
    assert _shorten(exactly) == exactly
