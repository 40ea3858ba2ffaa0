"""The grader runs each notebook in a sandbox and judges its answers like q_N.check() in a notebook; nothing a
submission does stops the run, and nothing it does in its own process changes a verdict."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from learntools_cv.grading import Limits, grade_notebook
from learntools_cv.grading.judge import (
    CORRECT,
    COULD_NOT_GRADE,
    INCORRECT,
    NOT_ATTEMPTED,
)

from .conftest import IMAGE, RIGHT_Q1, RIGHT_Q7, SETUP, in_notebook

FAST = Limits(cell_timeout=2.0, notebook_timeout=60.0, call_timeout=2.0, memory=1024**3)


def statuses(report) -> dict[str, str]:
    return {row.question: row.status for row in report.rows}


# ---------------------------------------------------------------- same verdicts as in a notebook


@pytest.mark.parametrize(
    "answer",
    [
        "image_condense = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
        "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')",
        "image_condense = tf.nn.pool(image_detect, (3, 3), 'MAX', strides=(2, 2), padding='SAME')",
        "image_condense = tf.nn.pool(image_filter, (2, 2), 'MAX', strides=(2, 2), padding='SAME')",
        "image_condense = tf.nn.pool",
        "image_condense = tf.keras.layers.MaxPool2D()",
        "image_condense = None",
        "image_condense = tf.zeros([1, 199, 199, 1])",
        "image_condense = tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME').numpy()[0, :, :, 0]",
        "image_condense = [1, 2, 3]",
        "image_condense = tf.Variable(tf.nn.pool(image_detect, (2, 2), 'MAX', strides=(2, 2), padding='SAME'))",
        "class Box:\n    def __repr__(self):\n        return 'a box'\nimage_condense = Box()",
        "image_condense = ____",
    ],
)
def test_q1_verdict_and_words_equal_the_notebook(make_notebook, answer: str) -> None:
    report = grade_notebook(make_notebook(answer), limits=FAST)
    expected = in_notebook([SETUP, IMAGE, answer])
    row = report.row("q_1")
    assert (row.status, row.message) == expected["q_1"]


@pytest.mark.parametrize(
    "answer",
    [
        RIGHT_Q7,
        "def max_pool_2x2(feature_map):\n    pass",
        "def max_pool_2x2(feature_map):\n    '''Pool.'''\n    return ____",
        "def max_pool_2x2(feature_map):\n    return feature_map[::2, ::2]",
        "def max_pool_2x2(feature_map):\n    return 1 / 0",
        "def max_pool_2x2(feature_map):\n    raise SystemExit(3)",
        "def max_pool_2x2(feature_map):\n    return None",
        "def max_pool_2x2(feature_map):\n    return str(feature_map)",
        "max_pool_2x2 = lambda feature_map: tf.nn.pool(feature_map[None, :, :, None], (2, 2), 'MAX', "
        "strides=(2, 2), padding='SAME')[0, :, :, 0]",
        "max_pool_2x2 = 5",
    ],
)
def test_q7_function_called_in_the_sandbox_gives_the_notebook_verdict(make_notebook, answer: str) -> None:
    report = grade_notebook(make_notebook(answer), limits=FAST)
    expected = in_notebook([SETUP, IMAGE, answer])
    row = report.row("q_7")
    assert (row.status, row.message) == expected["q_7"]


def test_solution_notebook_scores_every_coding_question() -> None:
    report = grade_notebook("solutions/ex3_maximum_pooling.ipynb")
    assert report.status == "graded" and report.reason == ""
    assert statuses(report) == {
        "q_1": CORRECT, "q_2": NOT_ATTEMPTED, "q_3": NOT_ATTEMPTED, "q_4": CORRECT, "q_5": CORRECT,
        "q_6": CORRECT, "q_7": CORRECT,
    }
    assert report.points == 1 and report.bonus_points == 4
    q2 = report.row("q_2")
    assert (q2.max_points, q2.message) == (
        0.0, "Nothing to check: Think it through, then run `q_2.solution()` to compare with your answer.")


def test_learner_notebook_is_not_attempted_everywhere() -> None:
    report = grade_notebook("exercises/ex3_maximum_pooling.ipynb")
    assert set(statuses(report).values()) == {NOT_ATTEMPTED}
    assert report.row("q_7").message == "Not attempted: The body of `max_pool_2x2` is still empty."


# ---------------------------------------------------------------- hostile notebooks


def test_a_cell_that_raises_does_not_stop_later_cells(make_notebook) -> None:
    report = grade_notebook(make_notebook("undefined_name + 1", RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason == "Cell 3 raised NameError: name 'undefined_name' is not defined (line 1)."


def test_an_endless_cell_is_stopped_and_the_next_cells_run(make_notebook) -> None:
    report = grade_notebook(make_notebook("while True:\n    pass", RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason == "Cell 3 ran past the 2 s limit and was stopped."


def test_an_endless_cell_that_swallows_its_timer_is_killed_and_skipped(make_notebook) -> None:
    stubborn = "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n        pass"
    report = grade_notebook(make_notebook(stubborn, RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason == (
        "Cell 3 was skipped because it ran past the 2 s limit and did not stop."
    )


def test_an_answer_defined_in_a_stopped_cell_cannot_be_graded(make_notebook) -> None:
    cell = RIGHT_Q1.splitlines()[0] + "\nwhile True:\n    pass"
    report = grade_notebook(make_notebook(cell.replace("image_condense =", "x =") + "\nimage_condense = x"),
                            limits=FAST)
    row = report.row("q_1")
    assert (row.status, row.message) == (
        COULD_NOT_GRADE,
        "Could not grade: the cell that defines `image_condense` (cell 3) did not finish: it ran past the 2 s "
        "limit and was stopped.",
    )


def test_a_memory_bomb_fails_in_its_cell_only(make_notebook) -> None:
    report = grade_notebook(make_notebook("hog = bytearray(40 * 1024**3)", "import numpy\nbig = numpy.ones(10**10)",
                                          RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason.startswith("Cell 3 raised MemoryError (line 1); cell 4 raised MemoryError: Unable to "
                                    "allocate 74.5 GiB")


def test_a_fork_bomb_is_contained(make_notebook) -> None:
    import time

    import psutil

    from learntools_cv.grading.executor import shared_server

    bomb = "import os\nwhile True:\n    os.fork()"
    report = grade_notebook(make_notebook(bomb, RIGHT_Q1), limits=Limits(cell_timeout=5.0, processes=64))
    assert report.row("q_1").status == CORRECT
    assert "Cell 3 raised BlockingIOError" in report.reason
    # Nothing of the bomb is left: under the fork server, only the sandbox it keeps ready for the next
    # submission (its keeper, its init and the process waiting for a notebook).
    server = psutil.Process(shared_server(["learntools_cv.ex3"]).process.pid)
    deadline = time.monotonic() + 5
    while len(server.children(recursive=True)) > 3 and time.monotonic() < deadline:  # the dead are being reaped
        time.sleep(0.1)
    assert len(server.children(recursive=True)) <= 3


def test_a_hundred_megabytes_of_printing_is_dropped(make_notebook) -> None:
    spam = "print('x' * 100_000_000)\nimport os\nos.write(1, b'y' * 50_000_000)\nfor i in range(10**5):\n    print(i)"
    report = grade_notebook(make_notebook(spam, RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT and report.reason == ""


def test_sys_exit_in_a_cell_only_ends_that_cell(make_notebook) -> None:
    report = grade_notebook(make_notebook("import sys\nsys.exit(1)", RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason == "Cell 3 called exit(); the cells after it still ran."


@pytest.mark.parametrize(
    ("cell", "how"),
    [
        ("import os\nos._exit(3)", "its process exited with code 3 (os._exit() or a crash)"),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
         "its process was ended by SIGKILL (killed: it may have run out of memory or been stopped)"),
        ("import os\nos.closerange(0, 1024)\nwhile True:\n    pass", "its process"),
    ],
)
def test_a_cell_that_ends_the_process_is_skipped_and_the_rest_graded(make_notebook, cell: str, how: str) -> None:
    report = grade_notebook(make_notebook(cell, RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason.startswith(f"Cell 3 was skipped because {how}")


def test_closed_stdout_and_stderr_change_nothing(make_notebook) -> None:
    cell = "import sys, os\nsys.stdout.close()\nsys.stderr.close()\nos.close(1)\nos.close(2)"
    report = grade_notebook(make_notebook(cell, RIGHT_Q1), limits=FAST)
    assert report.row("q_1").status == CORRECT and report.reason == ""


def test_a_function_that_ends_the_process_when_checked_cannot_be_graded(make_notebook) -> None:
    answer = "import os\ndef max_pool_2x2(feature_map):\n    os._exit(0)"
    report = grade_notebook(make_notebook(RIGHT_Q1, answer), limits=FAST)
    row = report.row("q_7")
    assert row.status == COULD_NOT_GRADE
    assert row.message == (
        "Could not grade: the notebook's process stopped while q_7 was being checked: its process exited with "
        "code 0 (os._exit() or a crash)."
    )
    assert report.row("q_1").status == CORRECT


def test_an_endless_function_is_incorrect_as_in_the_notebook(make_notebook) -> None:
    answer = "def max_pool_2x2(feature_map):\n    while True:\n        pass"
    report = grade_notebook(make_notebook(answer), limits=FAST)
    expected = in_notebook([SETUP, IMAGE, answer])
    assert (report.row("q_7").status, report.row("q_7").message) == expected["q_7"]
    assert expected["q_7"][0] == INCORRECT


# ---------------------------------------------------------------- malformed notebooks


def test_a_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "bob.ipynb"
    path.write_text("{ not json")
    report = grade_notebook(path)
    assert (report.status, report.rows) == ("could_not_grade", ())
    assert report.reason == (
        "The file is not a valid notebook: it is not valid JSON (Expecting property name enclosed in double "
        "quotes: line 1 column 3 (char 2))."
    )
    with_exercise = grade_notebook(path, exercise="learntools_cv.ex3")
    assert len(with_exercise.rows) == 7
    assert {r.status for r in with_exercise.rows} == {COULD_NOT_GRADE}
    assert with_exercise.row("q_1").message == "Could not grade: " + report.reason


def test_a_file_that_is_not_a_notebook(tmp_path: Path) -> None:
    path = tmp_path / "carol.ipynb"
    from learntools_cv.data import image_path

    path.write_bytes(Path(image_path("car_illustration")).read_bytes())
    report = grade_notebook(path, exercise="learntools_cv.ex3")
    assert report.status == "could_not_grade"
    assert report.reason == "The file is not a notebook: it is not text (a notebook is a JSON file)."


def test_no_setup_cell_without_exercise_is_explained(make_notebook) -> None:
    report = grade_notebook(make_notebook(RIGHT_Q1, setup=False))
    assert report.status == "could_not_grade"
    assert report.reason.startswith("No cell imports an exercise")


def test_no_setup_cell_with_exercise_is_graded(make_notebook) -> None:
    plain_setup = SETUP.replace("from learntools_cv.ex3 import *", "")
    path = make_notebook(plain_setup, IMAGE, RIGHT_Q1.replace("q_1.check()", ""), setup=False)
    report = grade_notebook(path, exercise="learntools_cv.ex3", limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason.startswith("No cell imports the exercise (the setup cell is missing); graded as "
                                    "learntools_cv.ex3")


def test_duplicated_reordered_and_retyped_cells(make_notebook) -> None:
    wrong = "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')"
    # The last run of a duplicated answer counts; an answer cell turned into markdown does not run.
    report = grade_notebook(make_notebook(wrong, RIGHT_Q1, ("markdown", wrong)), limits=FAST)
    assert report.row("q_1").status == CORRECT
    # An answer cell moved above the setup cells fails there, as in a notebook run top to bottom.
    path = make_notebook(RIGHT_Q1, SETUP, IMAGE, setup=False)
    report = grade_notebook(path, limits=FAST)
    assert (report.row("q_1").status, report.row("q_1").message) == in_notebook([RIGHT_Q1, SETUP, IMAGE])["q_1"]


# ---------------------------------------------------------------- tampering cannot change a verdict

WRONG_Q1 = "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')"


@pytest.mark.parametrize(
    "tamper",
    [
        # patching the question API so that every check says Correct
        "from learntools_cv.core import view, outcome\n"
        "view.QuestionView.evaluate = lambda self, values=None: outcome.Outcome(outcome.Status.CORRECT, '')",
        # patching the checker itself
        "from learntools_cv.lessons.maximum_pooling.diagnosis import pooling\n"
        "pooling.PoolingTask.judge = lambda *a, **k: None",
        # rebinding q_1 and defining its own check
        "class Always:\n    def check(self):\n        print('Correct')\nq_1 = Always()\ndef check():\n    return True",
        # patching the grader's own modules inside the sandbox
        "import learntools_cv.grading.judge as j\nj.judge = lambda *a, **k: None\n"
        "import learntools_cv.grading.wire as w\nw.Encoder.encode = lambda self, v, depth=0: {'t': 'none'}",
    ],
)
def test_tampering_in_the_sandbox_does_not_change_the_verdict(make_notebook, tamper: str) -> None:
    report = grade_notebook(make_notebook(WRONG_Q1, tamper), limits=FAST)
    row = report.row("q_1")
    expected = in_notebook([SETUP, IMAGE, WRONG_Q1])["q_1"]
    if "Encoder.encode" in tamper:  # the sandbox can only hand over other values: None here
        assert row.status == INCORRECT
    else:
        assert (row.status, row.message) == expected


def test_the_sandbox_cannot_see_the_grading_folder(make_notebook, tmp_path: Path) -> None:
    target = tmp_path / "gradebook.sqlite"
    target.write_text("the teacher's gradebook")
    cell = (f"try:\n    open({str(target)!r}, 'w').write('hacked')\nexcept OSError as e:\n    print(e)\n"
            f"open({str(tmp_path / 'new.txt')!r}, 'w').write('x')")
    report = grade_notebook(make_notebook(RIGHT_Q1, cell), limits=FAST)
    assert target.read_text() == "the teacher's gradebook"
    assert not (tmp_path / "new.txt").exists()
    assert report.reason == (f"Cell 4 raised FileNotFoundError: [Errno 2] No such file or directory: "
                             f"'{tmp_path / 'new.txt'}' (line 5).")


def test_the_sandbox_has_a_stripped_environment_and_its_own_folder(make_notebook, monkeypatch) -> None:
    monkeypatch.setenv("GRADER_SECRET", "s3cret")
    cell = (
        "import os\n"
        "alone = os.environ.get('GRADER_SECRET') is None and os.environ['HOME'] == os.getcwd() == '/sandbox'\n"
        "alone = alone and 's3cret' not in open('/proc/self/environ').read() and os.listdir('.') == []\n"
        + RIGHT_Q1.replace("image_condense =", "image_condense = None if not alone else")
    )
    from learntools_cv.grading.executor import ForkServer
    from learntools_cv.grading.grader import grade_submission
    from learntools_cv.grading.submissions import load_submission

    server = ForkServer(["learntools_cv.ex3"])  # started after the variable was set
    try:
        with open(f"/proc/{server.process.pid}/environ", "rb") as f:
            assert b"s3cret" not in f.read()  # what every child's /proc/PID/environ shows
        sub = load_submission(make_notebook(cell), learner="alice", assignment="ex3")
        report = grade_submission(sub, FAST, server=server)
    finally:
        server.close()
    assert report.row("q_1").status == CORRECT, report.row("q_1").message


def test_the_processes_of_a_submission_share_one_memory_limit(make_notebook) -> None:
    """Four processes of 300 MB each, under a limit of 768 MB for the submission: stopped, and the notebook is
    graded without that cell. (Each process alone is far below its own address-space limit.)"""
    hogs = ("import os, time\nfor _ in range(4):\n    if os.fork() == 0:\n"
            "        hog = b'x' * (300 * 1024 * 1024)\n        time.sleep(30)\n        os._exit(0)\ntime.sleep(30)")
    report = grade_notebook(make_notebook(hogs, RIGHT_Q1), limits=Limits(cell_timeout=20, memory=768 * 1024**2))
    assert report.row("q_1").status == CORRECT
    assert report.reason == (
        "Cell 3 was skipped because its processes together used more than 768 MB of memory, and it was stopped.")


def test_where_a_cgroup_v2_subtree_is_delegated_each_submission_gets_its_own(make_notebook) -> None:
    from learntools_cv.grading import cgroups
    from learntools_cv.grading.executor import ForkServer
    from learntools_cv.grading.grader import grade_submission
    from learntools_cv.grading.submissions import load_submission

    if cgroups.locate() is None:
        pytest.skip("no delegated cgroup v2 subtree here (the userland limits of watch.py hold instead)")
    server = ForkServer(["learntools_cv.ex3"])
    try:
        assert server.cgroup == cgroups.locate()
        cell = ("import os\nlimits = open('/proc/self/cgroup').read()\n" + RIGHT_Q1)
        sub = load_submission(make_notebook(cell), learner="alice", assignment="ex3")
        seen: list[str] = []

        def watch_cgroups() -> None:
            import time

            for _ in range(200):
                for name in os.listdir(server.cgroup):
                    if name.startswith("sandbox-"):
                        with open(os.path.join(server.cgroup, name, "memory.max")) as f:
                            seen.append(f.read().strip())
                        return
                time.sleep(0.05)

        import threading

        watcher = threading.Thread(target=watch_cgroups)
        watcher.start()
        report = grade_submission(sub, FAST, server=server)
        watcher.join()
        assert report.row("q_1").status == CORRECT
        assert seen == [str(FAST.memory)]
        assert not [n for n in os.listdir(server.cgroup) if n.startswith("sandbox-")]  # removed afterwards
    finally:
        server.close()


def test_the_notebooks_own_checks_show_nothing_and_core_is_not_patched(make_notebook) -> None:
    """In the sandbox the notebook runs in a silent session, core's way to make `check()`, `hint()` and
    `solution()` do nothing (they cannot change a verdict); the question classes are left as they are."""
    probe = (
        "import contextlib, io\nfrom learntools_cv.core.session import current_session\n"
        "from learntools_cv.core.view import QuestionView\n"
        "shown = io.StringIO()\nwith contextlib.redirect_stdout(shown):\n"
        "    q_1.check(); q_1.hint(); q_1.solution()\n"
        "assert current_session().silent, 'not silent'\n"
        "assert shown.getvalue() == '', shown.getvalue()\n"
        "assert QuestionView.check.__qualname__ == 'QuestionView.check', 'patched'\n"
    )
    report = grade_notebook(make_notebook(RIGHT_Q1, probe), limits=FAST)
    assert report.row("q_1").status == CORRECT
    assert report.reason == ""
