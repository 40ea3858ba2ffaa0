"""Gradebooks and event files shared by the report's tests: a small hand-made class with awkward names, a
synthetic class of 300 with planted mistakes, and (for the browser and the benchmark-sized checks) 10,000."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradebook_factory import SyntheticClass, make_result, make_run, make_submission, synthetic_class, write_gradebook

HOSTILE = "<script>alert('x')</script>"
"""A learner id that would run as script if the page did not escape it."""


def small_class() -> list[dict]:
    """Six learners over q_1, q_2 and the bonus q_10, with one of everything the page shows."""
    wrong_avg = dict(
        status="incorrect",
        mistake="avg-pooling",
        message="Incorrect: It looks like you used average pooling.\nUse pooling_type='MAX'.",
    )
    return [
        make_submission(
            "ada",
            results=[
                make_result(question="q_1"),
                make_result(question="q_2"),
                make_result(question="q_10", bonus=True, max_points=2.0, points=2.0),
            ],
            seconds=3.0,
        ),
        make_submission(
            "bo",
            results=[
                make_result(question="q_1", **wrong_avg),
                make_result(
                    question="q_2",
                    status="incorrect",
                    message="Incorrect: 17 of 400 values differ from the expected ones.",
                ),
                make_result(
                    question="q_10", bonus=True, max_points=2.0, status="not_attempted", message="Not attempted."
                ),
            ],
            seconds=4.0,
        ),
        make_submission(
            HOSTILE,
            results=[
                make_result(question="q_1", **wrong_avg),
                make_result(
                    question="q_2",
                    status="incorrect",
                    message="Incorrect: 3 of 400 values differ from the expected ones.",
                ),
            ],
            seconds=2.0,
        ),
        make_submission(
            "o'brien & co",
            results=[
                make_result(
                    question="q_1",
                    status="incorrect",
                    mistake="window-3x3",
                    message="Incorrect: Your map was pooled with a 3x3 window.",
                ),
                make_result(question="q_2"),
            ],
            seconds=1.0,
        ),
        make_submission(
            "zoë",
            results=[],
            status="could_not_grade",
            reason="The notebook is not valid JSON (line 1, column 1).",
            seconds=0.5,
        ),
        make_submission(
            "ed",
            results=[
                make_result(question="q_1"),
                make_result(
                    question="q_2",
                    status="could_not_grade",
                    message="Could not grade: the check ran for more than 30 seconds and was stopped.",
                ),
            ],
            reason="q_2 could not be graded.",
            seconds=31.0,
        ),
    ]


@pytest.fixture
def small_gradebook(tmp_path: Path) -> Path:
    return Path(
        write_gradebook(tmp_path / "gradebook.sqlite", small_class(), runs=[make_run(submissions=6, seconds=42.0)])
    )


@pytest.fixture(scope="session")
def class_300(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SyntheticClass]:
    synthetic = synthetic_class(300, seed=7)
    path = tmp_path_factory.mktemp("class300") / "gradebook.sqlite"
    write_gradebook(path, synthetic.submissions, runs=[make_run(submissions=300)])
    return path, synthetic
