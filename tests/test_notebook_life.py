"""Notebook life: what learners do to a notebook besides answering, and what each gets.

Each of these either works or gives a clear message, and none corrupts another exercise's state: checking
before the setup cell binds the notebook, binding twice, re-running the setup cell, importing two exercises,
deleting a setup variable (`image_detect`), and a learner function that never returns in a FunctionProblem.

The first tests run in this process (as a script or a terminal would); the last runs a notebook in a real
Jupyter kernel, where binding falls back to the kernel's namespace and `check()` shows rich output.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fuzz_exercise_two as two
import nbformat
import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_notebook

import learntools_cv.ex3 as ex3
from learntools_cv import reference
from learntools_cv.core import Session, Status, binder, current_session
from learntools_cv.core.record import EVENTS_ENV
from learntools_cv.core.session import progress
from learntools_cv.running.runner import run_notebook

TESTS = Path(__file__).resolve().parent
SETUP_CELL = "from learntools_cv.core import binder\nbinder.bind(globals())\nfrom fuzz_exercise_two import *\n"
NOT_SET_UP = (
    "Not attempted: This notebook is not set up yet. Run the setup cell at the top first (it calls "
    "`binder.bind(globals())`), then check again."
)
NO_IMAGE_DETECT = (
    "Incorrect: `image_detect` is not defined, so there is nothing to check your answer against. Re-run the "
    "setup cells above, then check again."
)
NEVER_RETURNS = (
    "Incorrect: Your function did not return within 0.3 seconds when called with `size=199`. Is there a loop "
    "that never ends?"
)


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Nothing bound, no events and no events file; the binder and the record are given back as they were."""
    monkeypatch.delenv(EVENTS_ENV, raising=False)
    with Session().activated():
        yield


def run_cell(source: str, ns: dict[str, Any]) -> None:
    exec(compile(source, "<cell>", "exec"), ns)


def notebook_namespace() -> dict[str, Any]:
    return {"__name__": "__main__"}


# ---------------------------------------------------------------------------------------------------------
# In this process


def test_check_before_binding_says_to_run_the_setup_cell_then_works_once_bound(
    fresh: None, capsys: pytest.CaptureFixture[str]
) -> None:
    two.q_2.a.check()
    assert capsys.readouterr().out == NOT_SET_UP + "\n"
    assert current_session().record.events[-1].status is Status.NOT_ATTEMPTED

    ns = notebook_namespace()
    run_cell(SETUP_CELL + "pool_stride, pool_mode = 2, 'MAX'\n", ns)
    ns["q_2"].a.check()
    assert capsys.readouterr().out == "Correct\n"


def test_binding_twice_reads_the_second_namespace_and_leaves_the_first_alone(fresh: None) -> None:
    first = {"pool_stride": 3, "pool_mode": "MAX"}
    second = {"pool_stride": 2, "pool_mode": "MAX"}
    binder.bind(first)
    assert two.q_2.a.evaluate().status is Status.INCORRECT
    binder.bind(second)
    assert two.q_2.a.evaluate().status is Status.CORRECT
    assert first == {"pool_stride": 3, "pool_mode": "MAX"}


def test_binding_something_that_is_not_globals_says_how_to_call_it(fresh: None) -> None:
    with pytest.raises(TypeError, match=r"call binder\.bind\(globals\(\)\)\. It got a list\."):
        binder.bind([])
    assert not binder.bound


def test_rerunning_the_setup_cell_keeps_the_questions_and_their_record(
    fresh: None, capsys: pytest.CaptureFixture[str]
) -> None:
    ns = notebook_namespace()
    run_cell(SETUP_CELL, ns)
    view = ns["q_1"]
    run_cell("pooled_size = lambda size: -(-size // 2)\nq_1.check()", ns)
    run_cell(SETUP_CELL, ns)  # the learner runs the setup cell again
    run_cell("q_1.check()", ns)

    assert ns["q_1"] is view
    assert binder.bound_namespace() is ns
    assert capsys.readouterr().out == "Correct\nCorrect\n"
    rows = progress("fuzz_exercise_two").rows
    assert [r.question for r in rows] == ["q_1", "q_2.a", "q_2.b"]
    assert (rows[0].checks, rows[0].done) == (2, True)


def test_two_exercises_in_one_namespace_keep_their_own_questions_and_records(
    fresh: None, capsys: pytest.CaptureFixture[str]
) -> None:
    ns = notebook_namespace()
    run_cell("from learntools_cv.core import binder\nbinder.bind(globals())\nfrom learntools_cv.ex3 import *\n", ns)
    ns["image_detect"] = np.random.default_rng(0).random((1, 8, 8, 1), dtype=np.float32)
    ns["image_condense"] = reference.pool2d(ns["image_detect"], 2, 2, "SAME", "max")
    run_cell(SETUP_CELL, ns)  # the second exercise's names (q_1, q_2) replace the first's
    ns["pooled_size"] = lambda size: size  # wrong

    run_cell("q_1.check()", ns)
    ex3.q_1.check()  # the first exercise, through its module
    shown = capsys.readouterr().out.splitlines()

    assert ns["q_1"] is two.q_1 and ns["q_1"] is not ex3.q_1
    assert shown[0].startswith("Incorrect: Called with `size=199`, your function returned `199`")
    assert shown[1] == "Correct"
    events = [(e.exercise, e.question, e.status) for e in current_session().record.events[-2:]]
    assert events == [
        ("fuzz_exercise_two", "q_1", Status.INCORRECT),
        ("learntools_cv.ex3", "q_1", Status.CORRECT),
    ]
    assert progress("learntools_cv.ex3").rows[0].done
    assert not progress("fuzz_exercise_two").rows[0].done


def test_deleting_a_setup_variable_says_to_rerun_the_setup_cells(
    fresh: None, capsys: pytest.CaptureFixture[str]
) -> None:
    ns = notebook_namespace()
    binder.bind(ns)
    ns["image_detect"] = np.random.default_rng(0).random((1, 8, 8, 1), dtype=np.float32)
    ns["image_condense"] = reference.pool2d(ns["image_detect"], 2, 2, "SAME", "max")
    del ns["image_detect"]
    ex3.q_1.check()
    assert capsys.readouterr().out == NO_IMAGE_DETECT + "\n"


def _never_returns(size: int) -> int:
    while True:
        pass


def _swallows_interruptions(size: int) -> int:
    while True:
        try:
            time.sleep(0.01)
        except Exception:
            pass


@pytest.mark.parametrize("function", [_never_returns, _swallows_interruptions], ids=["spins", "swallows"])
def test_a_function_that_never_returns_is_answered_after_the_questions_time_limit(
    fresh: None, function: Any
) -> None:
    binder.bind({"pooled_size": function})
    start = time.perf_counter()
    outcome = two.q_1.evaluate()
    elapsed = time.perf_counter() - start
    assert outcome.message == NEVER_RETURNS
    assert elapsed < two.PooledSize._timeout + 0.5


def test_a_function_that_never_returns_is_answered_when_checked_outside_the_main_thread(fresh: None) -> None:
    stop = threading.Event()

    def pooled_size(size: int) -> int:
        while not stop.is_set():  # never returns while the check waits (stopped after the test)
            time.sleep(0.005)
        return 0

    binder.bind({"pooled_size": pooled_size})
    outcomes: list[Any] = []
    checker = threading.Thread(target=lambda: outcomes.append(two.q_1.evaluate()))
    start = time.perf_counter()
    checker.start()
    checker.join(5)
    elapsed = time.perf_counter() - start
    stop.set()
    assert [o.message for o in outcomes] == [NEVER_RETURNS]
    assert elapsed < two.PooledSize._timeout + 0.5


# ---------------------------------------------------------------------------------------------------------
# In a real Jupyter kernel


def _cells() -> list[str]:
    bind_ex3 = "from learntools_cv.core import binder\nbinder.bind(globals())\nfrom learntools_cv.ex3 import *\n"
    return [
        # 0: a learner who skips the setup cell
        f"import sys, time, json\nsys.path.insert(0, {str(TESTS)!r})\nfrom learntools_cv.ex3 import *\nq_1.check()",
        # 1, 2: the setup cell, run twice
        bind_ex3 + ex3.SETUP_CODE,
        bind_ex3 + ex3.SETUP_CODE,
        # 3
        "image_condense = tf.nn.pool(image_detect, window_shape=(2, 2), pooling_type='MAX', strides=(2, 2), "
        "padding='SAME')\nq_1.check()",
        # 4, 5: a second exercise in the same kernel, and functions that never return
        "from fuzz_exercise_two import *\n"
        "def pooled_size(size):\n    while True:\n        pass\n"
        "start = time.perf_counter()\nq_1.check()\nprint(f'{time.perf_counter() - start:.1f}')",
        "def pooled_size(size):\n    while True:\n        try:\n            time.sleep(0.01)\n"
        "        except Exception:\n            pass\n"
        "start = time.perf_counter()\nq_1.check()\nprint(f'{time.perf_counter() - start:.1f}')",
        # 6: the first exercise is untouched
        "import learntools_cv.ex3 as ex3\nex3.q_1.check()",
        # 7: a deleted setup variable
        "del image_detect\nex3.q_1.check()",
        # 8
        "pooled_size = lambda size: -(-size // 2)\nq_1.check()",
        # 9
        "from learntools_cv.core import current_session, progress\n"
        "session = current_session()\n"
        "print(json.dumps([[e.exercise, e.question, e.status.value] for e in session.record.events]))\n"
        "print(json.dumps({x: [[r.question, r.done] for r in progress(x).rows] for x in session.exercises()}))",
    ]


def _shown(cell: Any) -> list[str]:
    """What a cell showed: the plain-text form of each display, and printed lines."""
    out: list[str] = []
    for output in cell.get("outputs", []):
        if output.output_type == "display_data":
            out.append(output.data.get("text/plain", ""))
        elif output.output_type == "stream":
            out.extend(output.text.splitlines())
        elif output.output_type == "error":
            out.append(f"{output.ename}: {output.evalue}")
    return out


@pytest.mark.notebook
@pytest.mark.slow
def test_notebook_life_in_a_real_kernel(tmp_path: Path) -> None:
    path = tmp_path / "life.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(source) for source in _cells()]), path)
    executed = tmp_path / "executed.ipynb"

    report = run_notebook(path, timeout=180, output=executed)

    assert report.errors == ()
    cells = [_shown(cell) for cell in nbformat.read(executed, as_version=4).cells]
    # In a kernel a question finds the kernel's namespace even before the setup cell binds it.
    assert cells[0] == [
        "Not attempted: Create the variable `image_condense`, then run `q_1.check()` again."
    ]
    assert cells[1] == cells[2] == []
    assert cells[3] == ["Correct"]
    for cell in (cells[4], cells[5]):
        message, seconds = cell
        assert message == NEVER_RETURNS
        assert float(seconds) < two.PooledSize._timeout + 1.0
    assert cells[6] == ["Correct"]
    assert cells[7] == [NO_IMAGE_DETECT]
    assert cells[8] == ["Correct"]
    events, rows = (json.loads(line) for line in cells[9])
    assert events == [
        ["learntools_cv.ex3", "q_1", "not_attempted"],
        ["learntools_cv.ex3", "q_1", "correct"],
        ["fuzz_exercise_two", "q_1", "incorrect"],
        ["fuzz_exercise_two", "q_1", "incorrect"],
        ["learntools_cv.ex3", "q_1", "correct"],
        ["learntools_cv.ex3", "q_1", "incorrect"],
        ["fuzz_exercise_two", "q_1", "correct"],
    ]
    assert rows["learntools_cv.ex3"][0] == ["q_1", True]
    assert rows["fuzz_exercise_two"] == [["q_1", True], ["q_2.a", False], ["q_2.b", False]]
