"""The generated class graded end to end: every submission gets a row per question, no submission stops the
run, and each verdict (status, mistake, message) equals what the real questions say for the same notebook run
in one process, as a kernel would run it."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import ModuleType

import pytest

from learntools_cv.grading import BatchOptions, Gradebook, Limits, grade_batch

from .conftest import in_notebook


@pytest.mark.slow
def test_generated_class_verdicts_equal_the_notebook_and_the_manifest(tmp_path: Path, class_gen: ModuleType) -> None:
    manifest = class_gen.generate(tmp_path, learners=8, seed=5)
    book = str(tmp_path / "class.sqlite")
    summary = grade_batch([tmp_path / "submitted"],
                          BatchOptions(gradebook=book, scheduler="serial", limits=Limits(cell_timeout=5.0),
                                       progress="none"), out=io.StringIO())
    assert (summary.graded, summary.could_not_grade) == (8, 0)
    with Gradebook(book) as gb:
        graded = {(r.learner, r.question): r for r in gb.results()}
        subs = {s["learner"]: s for s in gb.submissions()}
    assert len(graded) == 8 * 7

    for learner, entry in manifest["learners"].items():
        nb = json.loads((tmp_path / entry["notebook"]).read_text())
        # The hostile cell is what the grader skipped or stopped; the reference run leaves it out.
        cells = [
            "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for i, c in enumerate(nb["cells"])
            if c["cell_type"] == "code" and i != entry["hostile_cell"]
        ]
        expected = in_notebook(cells, mistakes=True)
        for question, plant in entry["planted"].items():
            row = graded[(learner, question)]
            assert (row.status, row.mistake) == (plant["status"], plant["mistake"]), (learner, question, row.message)
            want_status, want_message, want_mistake = expected[question]
            want_status = {"uncheckable": "not_attempted"}.get(want_status, want_status)
            assert (row.status, row.mistake, row.message) == (want_status, want_mistake, want_message), (
                learner, question)
        if entry["hostile"] == "crash":
            assert subs[learner]["reason"].startswith(
                f"Cell {entry['hostile_cell'] + 1} was skipped because its process exited with code 1")
        if entry["hostile"] == "endless":
            # (Cells after it that used a wrong answer may have raised too: the reason lists them next.)
            assert subs[learner]["reason"].startswith(
                f"Cell {entry['hostile_cell'] + 1} ran past the 5 s limit and was stopped")
