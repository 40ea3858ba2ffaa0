"""Learners' event files for the report's tests and benchmark, in the LEARNTOOLS_CV_EVENTS schema 1
(docs/events.md), and a synthetic cohort whose attempts, mistakes, hints and stopping points are planted and
returned for the tests to compare with.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

START = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
QUESTIONS = ("q_1", "q_2", "q_3", "q_4", "q_5", "q_6", "q_7")
MISTAKES = {
    "q_1": ("avg-pooling", "window-3x3", "stride-1", "pooled-image_filter"),
    "q_2": ("sum-not-mean", "keepdims"),
    "q_3": ("merge-early",),
    "q_4": ("max-not-avg",),
    "q_5": (),
    "q_6": ("off-by-one",),
    "q_7": ("raises",),
}


def make_event(**overrides: Any) -> dict[str, Any]:
    """One schema-1 event: learner 'ada' checking q_1 correctly, unless overridden."""
    event: dict[str, Any] = {
        "schema": 1,
        "time": START.isoformat(),
        "learner": "ada",
        "session": "s-ada-1",
        "exercise": "learntools_cv.ex3",
        "question": "q_1",
        "interaction": "check",
        "status": "correct",
        "mistake": None,
        "message": "Correct: well done.",
        "hint": None,
    }
    event.update(overrides)
    if isinstance(event["time"], datetime):
        event["time"] = event["time"].isoformat()
    return event


def write_events(path: Path, events: list[dict[str, Any]], extra_lines: list[str] = ()) -> Path:  # type: ignore[assignment]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for event in events:
            f.write(json.dumps(event) + "\n")
        for line in extra_lines:
            f.write(line + "\n")
    return path


@dataclass
class Cohort:
    """Files written, and what was planted in them, per question."""

    files: list[Path]
    attempts: dict[str, Counter[int]] = field(default_factory=lambda: {q: Counter() for q in QUESTIONS})
    mistakes_before_correct: dict[str, Counter[str]] = field(default_factory=lambda: {q: Counter() for q in QUESTIONS})
    hint_first: Counter[str] = field(default_factory=Counter)
    solution_first: Counter[str] = field(default_factory=Counter)
    stopped: Counter[str] = field(default_factory=Counter)
    learners: int = 0


class _Learner:
    """One synthetic learner's events, written in time order."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.id = f"{rng.getrandbits(64):016x}"
        self.session = f"{rng.getrandbits(32):08x}"
        self.time = START + timedelta(minutes=rng.randrange(600))
        self.events: list[dict[str, Any]] = []

    def emit(self, question: str, interaction: str, status: str, mistake: str | None = None, hint: int | None = None):
        self.time += timedelta(seconds=self.rng.randrange(5, 120))
        words = {"correct": "Correct: well done.", "not_attempted": "Not attempted: replace ____ first."}
        message = words.get(status, f"Incorrect: {mistake or 'the values are off'}.")
        self.events.append(
            make_event(
                time=self.time,
                learner=self.id,
                session=self.session,
                question=question,
                interaction=interaction,
                status=status,
                mistake=mistake,
                message=message if interaction == "check" else "...",
                hint=hint,
            )
        )


def synthetic_cohort(folder: Path, learners: int, seed: int = 0) -> Cohort:
    """`learners` files folder/<learner>/events.jsonl: each learner works through q_1..q_7 in order, checking
    the starter code sometimes, making planted mistakes, opening hints or the solution, and perhaps stopping."""
    rng = random.Random(seed)
    cohort = Cohort(files=[], learners=learners)
    for n in range(1, learners + 1):
        learner = _Learner(rng)
        stop_at = rng.choice(QUESTIONS) if rng.random() < 0.3 else None
        for question in QUESTIONS:
            if rng.random() < 0.3:
                learner.emit(question, "check", "not_attempted")
            wrong = min(int(rng.expovariate(0.7)), 12)
            made: set[str] = set()
            hint = solution = False
            for _ in range(wrong):
                if rng.random() < 0.15 and not hint:
                    learner.emit(question, "hint", "hint", hint=1)
                    hint = True
                named = MISTAKES[question]
                # Skewed, as in a real class: the first mistake of each list is the common one.
                weights = [1 / (i + 1) ** 1.5 for i in range(len(named))]
                mistake = rng.choices(named, weights)[0] if named and rng.random() < 0.8 else None
                learner.emit(question, "check", "incorrect", mistake)
                if mistake:
                    made.add(mistake)
            if question == stop_at:
                if not wrong:  # stopping means leaving without Correct: at least one wrong answer first
                    learner.emit(question, "check", "incorrect", None)
                cohort.stopped[question] += 1
                break
            if wrong and rng.random() < 0.05:
                learner.emit(question, "solution", "solution")
                solution = True
            learner.emit(question, "check", "correct")
            cohort.attempts[question][wrong + 1] += 1
            cohort.mistakes_before_correct[question].update(made)
            cohort.solution_first[question] += solution
            cohort.hint_first[question] += hint and not solution
        cohort.files.append(write_events(folder / f"learner{n:05d}" / "events.jsonl", learner.events))
    return cohort
