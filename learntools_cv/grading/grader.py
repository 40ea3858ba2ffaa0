"""Grading one submission: run its cells in the sandbox, read its answers back, judge every question.

`grade_submission` never raises for anything a submission does: every question ends in a row, and what could
not be established is a could_not_grade row with the reason in words. `grade_notebook` is the Python API for a
single notebook.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import Any

from learntools_cv.grading import judge, safety, wire
from learntools_cv.grading.executor import (
    Child,
    ChildGone,
    ForkServer,
    Limits,
    SandboxError,
    forget_sources,
)
from learntools_cv.grading.results import CellNote, Feedback, GradeReport, QuestionRow
from learntools_cv.grading.submissions import (
    Submission,
    assigned_names,
    load_submission,
)

# Runs of one notebook: a cell that ends the process is skipped and the notebook run again without it.
MAX_ATTEMPTS = 4
# Times a submission is graded again from the start on a new fork server, when the one grading it died.
SERVER_RESTARTS = 2


def grade_notebook(
    path: str | os.PathLike[str],
    *,
    exercise: str | None = None,
    learner: str | None = None,
    limits: Limits | None = None,
    feedback: bool = False,
) -> GradeReport:
    """Grade one notebook in a sandboxed child process and return the report as data."""
    sub = load_submission(path, learner=learner or os.path.splitext(os.path.basename(path))[0],
                          assignment=None, exercise=exercise)
    return grade_submission(sub, limits or Limits(), feedback=feedback)


def grade_submission(
    sub: Submission,
    limits: Limits,
    *,
    feedback: bool = False,
    server: ForkServer | None = None,
) -> GradeReport:
    """Grade `sub`. Uses this process's warm fork server unless `server` is given. Never raises for anything
    the submission does; every text of the report is safe to store (`safety.safe_report`)."""
    started = time.perf_counter()
    try:
        report = _grade(sub, limits, feedback, server)
    except Exception as exc:  # a fault of the grader itself: this submission's rows say so, the class goes on
        reason = f"The grader failed while grading it ({type(exc).__name__}: {exc})."
        report = _could_not(sub, reason)
    return safety.safe_report(replace(report, seconds=time.perf_counter() - started))


def _could_not(sub: Submission, reason: str) -> GradeReport:
    try:
        rows = tuple(_row(spec, judge.could_not_grade(reason)) for spec in judge.questions(sub.exercise or ""))
    except judge.ExerciseError:
        rows = ()
    return replace(_base(sub, "could_not_grade", reason), rows=rows)


def _base(sub: Submission, status: str, reason: str) -> GradeReport:
    return GradeReport(
        learner=sub.learner, assignment=sub.assignment, path=sub.path, content_hash=sub.content_hash,
        exercise=sub.exercise, status=status, reason=reason,
    )


def _grade(sub: Submission, limits: Limits, feedback: bool, server: ForkServer | None) -> GradeReport:
    if sub.exercise is None:
        return _base(sub, "could_not_grade", sub.problem)
    try:
        specs = judge.questions(sub.exercise)
        limits = limits.for_lesson(judge.lesson_limits(sub.exercise))
        judge.lesson_data_makers(sub.exercise)  # a malformed GRADING_DATA is named to the author here
    except judge.ExerciseError as exc:
        return _base(sub, "could_not_grade", str(exc))
    if sub.problem:
        return replace(_base(sub, "could_not_grade", sub.problem),
                       rows=tuple(_row(spec, judge.could_not_grade(sub.problem)) for spec in specs))
    try:
        server = server or _shared(sub.exercise)
    except SandboxError as exc:
        reason = f"The sandbox could not be started: {exc}."
        return replace(_base(sub, "could_not_grade", reason),
                       rows=tuple(_row(spec, judge.could_not_grade(reason)) for spec in specs))
    return _Grading(sub, specs, limits, feedback, server).run()


def _shared(exercise: str) -> ForkServer:
    from learntools_cv.grading.executor import shared_server

    return shared_server([exercise])


def _row(spec: judge.QuestionSpec, verdict: judge.Verdict) -> QuestionRow:
    points = spec.max_points if verdict.status == judge.CORRECT else 0.0
    return QuestionRow(
        question=spec.name, status=verdict.status, message=verdict.message, points=points,
        max_points=spec.max_points, bonus=spec.bonus, mistake=verdict.mistake, seconds=verdict.seconds,
        label=verdict.label, body=verdict.body,
    )


class _ServerLost(Exception):
    """The fork server died while it served this submission."""


class _Grading:
    """One submission's grading, attempt by attempt."""

    def __init__(self, sub: Submission, specs: list[judge.QuestionSpec], limits: Limits, feedback: bool,
                 server: ForkServer) -> None:
        self.sub = sub
        self.specs = specs
        self.limits = limits
        self.feedback = feedback
        self.server = server
        self.skipped: dict[int, str] = {}

    def job(self) -> dict[str, Any]:
        return {
            "cells": [{"index": c.index, "source": c.source} for c in self.sub.cells],
            "skip": {str(i): why for i, why in self.skipped.items()},
            "cell_timeout": self.limits.cell_timeout,
            "call_timeout": self.limits.call_timeout,
            "limits": self.limits.as_dict(),
        }

    def run(self) -> GradeReport:
        """Grade the submission; when the fork server dies under it (which no notebook can cause), on a new one,
        from the start."""
        for _ in range(SERVER_RESTARTS + 1):
            try:
                return self._attempts()
            except _ServerLost:
                self.skipped.clear()
                try:
                    self.server.restart()
                except SandboxError as exc:
                    return self._all_could_not(f"The sandbox failed: {exc}.")
        return self._all_could_not(
            f"The sandbox's fork server stopped {SERVER_RESTARTS + 1} times while grading it; it was given up."
        )

    def _lost(self) -> bool:
        return not self.server.alive()

    def _attempts(self) -> GradeReport:
        run = None
        child = None
        for _ in range(MAX_ATTEMPTS):
            try:
                child = Child(self.server, self.limits)
            except SandboxError as exc:
                if self._lost():
                    raise _ServerLost() from None
                return self._all_could_not(f"The sandbox failed: {exc}.")
            run = child.run_cells(self.job())
            if run.finished:
                break
            child.close()
            child = None
            if self._lost():
                raise _ServerLost()
            if run.stopped_at is None or run.stopped_at in self.skipped:
                return self._all_could_not(f"The notebook's code could not be run: {run.how}.")
            self.skipped[run.stopped_at] = run.how
        if child is None or run is None or not run.finished:
            listed = "; ".join(f"cell {i + 1}: {how}" for i, how in self.skipped.items())
            return self._all_could_not(
                f"The notebook stopped its process {len(self.skipped)} times ({listed}); it was given up."
            )
        try:
            report = self._judge(child, run)
        finally:
            child.close()
            forget_sources(child)
        if self._lost():  # the child may have ended with the server while it was judged
            raise _ServerLost()
        return report

    def _notes(self, run: Any) -> tuple[CellNote, ...]:
        notes = []
        for cell in run.cells:
            n = cell.index + 1
            if cell.state == "error":
                where = f" (line {cell.line})" if cell.line else ""
                detail = f": {cell.detail}" if cell.detail else ""
                notes.append(CellNote(n, "error", f"cell {n} raised {cell.error}{detail}{where}"))
            elif cell.state == "exit":
                notes.append(CellNote(n, "exit", f"cell {n} called exit(); the cells after it still ran"))
            elif cell.state == "timeout":
                notes.append(CellNote(n, "timeout",
                                      f"cell {n} ran past the {self.limits.cell_timeout:g} s limit and was stopped"))
            elif cell.state == "skipped":
                notes.append(CellNote(n, "skipped", f"cell {n} was skipped because {cell.detail}"))
        return tuple(notes)

    def _stopped_cells(self, run: Any) -> dict[int, str]:
        """Cells whose code did not run to its end for reasons of the sandbox (time limit, skipped)."""
        out = {}
        for cell in run.cells:
            if cell.state == "timeout":
                out[cell.index] = f"it ran past the {self.limits.cell_timeout:g} s limit and was stopped"
            elif cell.state == "skipped":
                out[cell.index] = cell.detail
        return out

    def _judge(self, child: Child, run: Any) -> GradeReport:
        notes = self._notes(run)
        reason = "; ".join(note.text for note in notes)
        reason = reason[:1].upper() + reason[1:] + "." if reason else ""
        reason = " ".join(part for part in (self.sub.note, reason) if part)
        stopped = self._stopped_cells(run)
        sources = {c.index: c.source for c in self.sub.cells}
        names = list(dict.fromkeys(v for spec in self.specs for v in spec.variables))
        try:
            namespace = child.values(names)
        except ChildGone as gone:
            why = f"The notebook's answers could not be read: {gone}."
            return self._all_could_not(why, notes=notes)
        rows = []
        extras = []
        for spec in self.specs:
            verdict = self._stopped_verdict(spec, namespace, stopped, sources) or _stand_in_verdict(spec, namespace)
            if verdict is None:
                try:
                    verdict = judge.judge(self.sub.exercise, spec.name, namespace)  # type: ignore[arg-type]
                except ChildGone as gone:
                    verdict = judge.could_not_grade(
                        f"the notebook's process stopped while {spec.name} was being checked: {gone}."
                    )
                except BaseException as exc:  # a learner's BaseException raised through a call
                    if isinstance(exc, KeyboardInterrupt) and type(exc) is KeyboardInterrupt:
                        raise
                    verdict = judge.could_not_grade(
                        f"checking {spec.name} was interrupted by {type(exc).__name__} raised by your code."
                    )
            rows.append(_row(spec, verdict))
            if self.feedback:
                extras.append(_feedback(spec.name, verdict))
        return GradeReport(
            learner=self.sub.learner, assignment=self.sub.assignment, path=self.sub.path,
            content_hash=self.sub.content_hash, exercise=self.sub.exercise, status="graded", reason=reason,
            rows=tuple(rows), cells=notes, feedback=tuple(extras),
        )

    def _stopped_verdict(self, spec: judge.QuestionSpec, namespace: dict[str, Any], stopped: dict[int, str],
                         sources: dict[int, str]) -> judge.Verdict | None:
        """could_not_grade when an answer is missing because the cell assigning it was stopped."""
        missing = [name for name in spec.answers if name not in namespace]
        for name in missing:
            for index, how in stopped.items():
                if name in assigned_names(sources.get(index, "")):
                    return judge.could_not_grade(
                        f"the cell that defines `{name}` (cell {index + 1}) did not finish: {how}."
                    )
        return None

    def _all_could_not(self, reason: str, notes: tuple[CellNote, ...] = ()) -> GradeReport:
        rows = tuple(_row(spec, judge.could_not_grade(reason)) for spec in self.specs)
        return replace(_base(self.sub, "could_not_grade", reason), rows=rows, cells=notes)


def _stand_in_verdict(spec: judge.QuestionSpec, namespace: dict[str, Any]) -> judge.Verdict | None:
    """could_not_grade, in words, when a value the question reads is a Keras model or layer that could not be
    rebuilt in the grader (a Lambda layer, a class of the learner's own, too large): its checker would judge a
    stand-in, not the learner's model."""
    if spec.kind == "thought":
        return None
    for name in spec.variables:
        why = wire.stand_in_reason(namespace.get(name))
        if why is not None:
            return judge.could_not_grade(
                f"`{name}` could not be rebuilt outside the notebook to be checked: {why}. "
                f"`{spec.name}.check()` in the notebook judges it."
            )
    return None


def _feedback(question: str, verdict: judge.Verdict) -> Feedback:
    try:
        fragment = judge.outcome_html(verdict)
    except Exception:  # the words are in the gradebook anyway; the page falls back to them
        fragment = ""
    return Feedback(question=question, html=fragment)
