"""Gradebooks for the report's tests and benchmark: written with SQLAlchemy Core in the grader's own schema
(`learntools_cv.grading.gradebook`, version 1), so that the report reads them exactly as it reads a real one.

`make_submission(**overrides)` and `make_result(**overrides)` build rows; `write_gradebook` stores them;
`synthetic_class` plants a known number of each mistake in a class and returns the manifest to compare with.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from learntools_cv.grading import gradebook

# The grader's own tables (grading/schema.py): the report's tests read gradebooks in exactly that schema. The
# rows they write leave `label` and `body` empty and say version 1, as a gradebook written before version 2 does.
METADATA = gradebook.metadata
META = gradebook.meta
RUNS = gradebook.runs
SUBMISSIONS = gradebook.submissions
RESULTS = gradebook.results

CORRECT_MESSAGE = "Correct: well done."
NOT_ATTEMPTED_MESSAGE = "Not attempted: replace ____ with your answer, then run the check again."


def make_result(**overrides: Any) -> dict[str, Any]:
    """A results row (without submission_id): a correct q_1 worth one point, unless overridden."""
    row = {
        "question": "q_1",
        "status": "correct",
        "mistake": None,
        "message": CORRECT_MESSAGE,
        "points": 1.0,
        "max_points": 1.0,
        "bonus": False,
        "seconds": 0.05,
    }
    row.update(overrides)
    if "points" not in overrides and row["status"] != "correct":
        row["points"] = 0.0
    return row


def make_submission(
    learner: str = "ada", results: list[dict[str, Any]] | None = None, **overrides: Any
) -> dict[str, Any]:
    """A submissions row with its `results` list: a graded ex3 notebook, unless overridden."""
    row = {
        "learner": learner,
        "assignment": "ex3",
        "path": f"submitted/{learner}/ex3_maximum_pooling.ipynb",
        "content_hash": "sha256:" + hashlib.sha256(learner.encode()).hexdigest(),
        "exercise": "learntools_cv.ex3",
        "status": "graded",
        "reason": None,
        "graded_at": "2026-11-21T10:00:05+00:00",
        "seconds": 2.5,
        "run_id": 1,
        "results": [make_result()] if results is None else results,
    }
    row.update(overrides)
    return row


def make_run(**overrides: Any) -> dict[str, Any]:
    row = {
        "id": 1,
        "started_at": "2026-11-21T10:00:00+00:00",
        "finished_at": "2026-11-21T10:01:40+00:00",
        "seconds": 100.0,
        "submissions": 0,
        "workers": 2,
        "scheduler": "local",
    }
    row.update(overrides)
    return row


def write_gradebook(
    path: str | Path,
    submissions: list[dict[str, Any]],
    runs: list[dict[str, Any]] | None = None,
    meta: dict[str, str] | None = None,
) -> Path | str:
    """Create a gradebook at `path` (an SQLite file, or a database URL) holding these rows."""
    url = str(path) if "://" in str(path) else f"sqlite:///{Path(path).as_posix()}"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            METADATA.create_all(conn)
            values = {
                "schema_version": "1",
                "created_at": "2026-11-21T09:59:00+00:00",
                "learntools_cv_version": "0.1.0",
            }
            values.update(meta or {})
            conn.execute(sa.insert(META), [{"key": k, "value": v} for k, v in values.items()])
            conn.execute(sa.insert(RUNS), runs if runs is not None else [make_run(submissions=len(submissions))])
            sub_rows, result_rows = [], []
            for sid, sub in enumerate(submissions, 1):
                sub_rows.append({"id": sid, **{k: v for k, v in sub.items() if k != "results"}})
                result_rows.extend({"submission_id": sid, **r} for r in sub["results"])
            if sub_rows:
                conn.execute(sa.insert(SUBMISSIONS), sub_rows)
            if result_rows:
                conn.execute(sa.insert(RESULTS), result_rows)
    finally:
        engine.dispose()
    return path


# ------------------------------------------------------------------------------------------ a small class

HOSTILE = "<script>alert('x')</script>"
"""A learner id that would run as script if the page did not escape it."""


def small_class() -> list[dict[str, Any]]:
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


# ------------------------------------------------------------------------------------- a synthetic class

QUESTIONS = ("q_1", "q_2", "q_3", "q_4", "q_5", "q_6", "q_7")
BONUS = {"q_4", "q_5", "q_6", "q_7"}

# (mistake id, the message a learner sees), per question. Ids are opaque strings to the report.
MISTAKES: dict[str, tuple[tuple[str, str], ...]] = {
    "q_1": (
        (
            "avg-pooling",
            "Incorrect: It looks like you used average pooling. This exercise asks for maximum pooling: "
            "pooling_type='MAX'.",
        ),
        ("window-3x3", "Incorrect: Your map was pooled with a 3x3 window; use window_shape=(2, 2)."),
        ("stride-1", "Incorrect: Your map was pooled with strides=(1, 1), so the windows overlap; use strides=(2, 2)."),
        ("padding-valid", "Incorrect: Your map was pooled with padding='VALID'; use padding='SAME'."),
        (
            "pooled-image_filter",
            "Incorrect: You pooled `image_filter`, the filtered image. Pool `image_detect`, the detected features.",
        ),
        ("transposed", "Incorrect: Your map is the expected one transposed (rows and columns swapped)."),
        ("all-zeros", "Incorrect: `image_condense` is all zeros."),
    ),
    "q_2": (
        ("sum-not-mean", "Incorrect: `pooled_scores` holds the sums of the feature maps, not their means."),
        ("keepdims", "Incorrect: You called reduce_mean with `keepdims=True`; the expected shape is (1, 3)."),
    ),
    "q_3": (("merge-early", "Incorrect: After 2 poolings there are still 2 active pixels; they merge later."),),
    "q_4": (("max-not-avg", "Incorrect: This question asks for average pooling, and your map is max pooled."),),
    "q_5": (),
    "q_6": (("off-by-one", "Incorrect: Each distance merges one pooling later than your answer says."),),
    "q_7": (("raises", "Incorrect: Your function raised `ZeroDivisionError` on a 2x2 input."),),
}

REASONS = (
    "The notebook is not valid JSON (line 1, column 1): was it saved from Jupyter?",
    "The notebook ran for more than 600 seconds (cell 14) and was stopped.",
    "The notebook has no cell that binds learntools_cv.ex3: was the setup cell deleted?",
)


@dataclass
class SyntheticClass:
    submissions: list[dict[str, Any]]
    planted: dict[str, Counter[str]] = field(default_factory=dict)
    """Per question: how many learners were given each named mistake."""
    unnamed: Counter[str] = field(default_factory=Counter)
    """Per question: how many wrong answers were given no mistake id."""
    statuses: dict[str, Counter[str]] = field(default_factory=dict)
    could_not_grade: int = 0


def synthetic_class(
    learners: int, seed: int = 0, assignment: str = "ex3", could_not_grade: float = 0.01
) -> SyntheticClass:
    """A class of `learners` ex3 submissions (7 questions each) with planted, counted mistakes; a share
    `could_not_grade` of the notebooks could not be graded (they have no result rows)."""
    rng = random.Random(seed)
    out = SyntheticClass(
        submissions=[], planted={q: Counter() for q in QUESTIONS}, statuses={q: Counter() for q in QUESTIONS}
    )
    width = max(5, len(str(learners)))
    for n in range(1, learners + 1):
        learner = f"learner-{n:0{width}d}"
        if rng.random() < could_not_grade:
            out.could_not_grade += 1
            out.submissions.append(
                make_submission(
                    learner,
                    results=[],
                    assignment=assignment,
                    status="could_not_grade",
                    reason=rng.choice(REASONS),
                    seconds=rng.uniform(0.1, 3.0),
                )
            )
            continue
        skill = rng.random()
        results = []
        for question in QUESTIONS:
            bonus = question in BONUS
            roll = rng.random()
            reach = skill * (0.6 if bonus else 1.0) + 0.35
            if roll < 0.003:
                status, mistake, message = (
                    "could_not_grade",
                    None,
                    "Could not grade: the check ran for more than 30 seconds and was stopped.",
                )
            elif roll > reach + 0.25 and bonus:
                status, mistake, message = "not_attempted", None, NOT_ATTEMPTED_MESSAGE
            elif roll < reach:
                status, mistake, message = "correct", None, CORRECT_MESSAGE
            else:
                status = "incorrect"
                named = MISTAKES[question]
                if named and rng.random() < 0.8:
                    # Skewed: the first mistakes of the list are the common ones.
                    mistake, message = named[min(int(rng.expovariate(0.8)), len(named) - 1)]
                    out.planted[question][mistake] += 1
                else:
                    mistake = None
                    if rng.random() < 0.5:
                        message = (
                            "Incorrect: Your map has the expected shape but its values are off.\n"
                            f"At position ({rng.randrange(199)}, {rng.randrange(199)}) it is "
                            f"{rng.uniform(0, 1):.3f}; the expected value is {rng.uniform(0, 1):.3f}."
                        )
                    else:
                        message = f"Incorrect: {rng.randrange(1, 400)} of 39601 values differ from the expected ones."
                    out.unnamed[question] += 1
            out.statuses[question][status] += 1
            results.append(
                make_result(
                    question=question,
                    status=status,
                    mistake=mistake,
                    message=message,
                    points=1.0 if status == "correct" else 0.0,
                    bonus=bonus,
                    seconds=round(rng.uniform(0.01, 0.4), 4),
                )
            )
        out.submissions.append(
            make_submission(learner, results=results, assignment=assignment, seconds=round(rng.uniform(1.5, 6.0), 3))
        )
    return out
