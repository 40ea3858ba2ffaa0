"""The learner's notebook of lesson 3 under Run All, in a real Jupyter kernel (issue 13): untouched, half
done and fully wrong, every cell runs and none raises; a cell that needs a missing answer says so in one
line; and no output carries TensorFlow's start-up log. Also `learntools-cv run` on the untouched notebook.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from learntools_cv.core.tensorflow_quietly import is_startup_noise
from learntools_cv.running.runner import run_notebook

ROOT = Path(__file__).resolve().parents[1]
LEARNER = ROOT / "exercises" / "ex3_maximum_pooling.ipynb"
pytestmark = [pytest.mark.notebook, pytest.mark.slow]

# What TensorFlow's start-up log says, in words a changed log format would still contain.
TF_LOG = re.compile(r"oneDNN|cuda|cuInit|cpu_feature_guard|absl::InitializeLog|rebuild TensorFlow", re.IGNORECASE)

WAITING_Q1 = "Answer question 1 first to see the condensed map.\n"
WAITING_Q4 = "Answer questions 1 and 4 first to compare the two condensed maps.\n"


def with_answers(tmp_path: Path, answers: dict[str, str]) -> Path:
    """A copy of the learner notebook whose cells starting with each key get the value as their source."""
    nb = nbformat.read(LEARNER, as_version=4)
    for start, source in answers.items():
        matching = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith(start)]
        assert len(matching) == 1, start
        matching[0].source = source
    path = tmp_path / LEARNER.name
    nbformat.write(nb, path)
    return path


def run(path: Path, tmp_path: Path) -> tuple[object, list[dict]]:
    executed = tmp_path / "executed.ipynb"
    report = run_notebook(path, timeout=300, output=executed)
    cells = [c for c in json.loads(executed.read_text())["cells"] if c["cell_type"] == "code"]
    return report, cells


def streams(cell: dict) -> list[tuple[str, str]]:
    return [(o["name"], "".join(o["text"])) for o in cell["outputs"] if o["output_type"] == "stream"]


def images(cell: dict) -> int:
    return sum("image/png" in o.get("data", {}) for o in cell["outputs"])


def assert_no_tensorflow_log(cells: list[dict]) -> None:
    for number, cell in enumerate(cells, 1):
        for name, text in streams(cell):
            for line in text.splitlines():
                assert not (is_startup_noise(line) or TF_LOG.search(line)), (number, name, line)


def test_the_untouched_learner_notebook_runs_to_the_end(tmp_path: Path) -> None:
    report, cells = run(LEARNER, tmp_path)
    assert report.errors == ()
    assert report.cells_run == len(cells) == 20
    assert all(cell["execution_count"] for cell in cells)
    assert {q.name: q.status for q in report.questions} == {
        q: "not_attempted" for q in ("q_1", "q_4", "q_5", "q_6", "q_7")
    }
    plot_q1 = next(c for c in cells if "needs='Answer question 1 first" in "".join(c["source"]))
    plot_q4 = next(c for c in cells if "needs='Answer questions 1 and 4" in "".join(c["source"]))
    assert (streams(plot_q1), images(plot_q1)) == ([("stdout", WAITING_Q1)], 0)
    assert (streams(plot_q4), images(plot_q4)) == ([("stdout", WAITING_Q4)], 0)
    # The setup cell's output is empty: no start-up log in a pink box.
    assert cells[0]["outputs"] == []
    assert_no_tensorflow_log(cells)


Q1_RIGHT = """image_condense = tf.nn.pool(
    input=image_detect,
    window_shape=(2, 2),
    pooling_type='MAX',
    strides=(2, 2),
    padding='SAME',
)

# Check your answer
q_1.check()"""


Q7_RIGHT_WITH_A_DEBUGGING_PLOT = """def max_pool_2x2(feature_map):
    plt.imshow(feature_map)
    plt.show()
    h, w = feature_map.shape
    out = np.empty(((h + 1) // 2, (w + 1) // 2), dtype=feature_map.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = feature_map[2 * i:2 * i + 2, 2 * j:2 * j + 2].max()
    return out

q_7.check()"""


def test_a_half_done_notebook_runs_to_the_end(tmp_path: Path) -> None:
    path = with_answers(
        tmp_path,
        {
            "image_condense = ____": Q1_RIGHT,
            "pooled_scores = ____": "pooled_scores = tf.reduce_mean(feature_maps, axis=[1, 2])\n\nq_5.check()",
            "def max_pool_2x2": Q7_RIGHT_WITH_A_DEBUGGING_PLOT,
        },
    )
    report, cells = run(path, tmp_path)
    assert report.errors == ()
    assert {q.name: q.status for q in report.questions} == {
        "q_1": "correct",
        "q_4": "not_attempted",
        "q_5": "correct",
        "q_6": "not_attempted",
        "q_7": "correct",
    }
    # The checker calls the function dozens of times; none of its plots reaches the check cell.
    q7 = next(c for c in cells if c["source"][0].startswith("def max_pool_2x2"))
    assert [o["output_type"] for o in q7["outputs"]] == ["display_data"]
    assert images(q7) == 0
    plot_q1 = next(c for c in cells if "needs='Answer question 1 first" in "".join(c["source"]))
    plot_q4 = next(c for c in cells if "needs='Answer questions 1 and 4" in "".join(c["source"]))
    assert (streams(plot_q1), images(plot_q1)) == ([], 1)
    assert (streams(plot_q4), images(plot_q4)) == ([("stdout", WAITING_Q4)], 0)
    assert_no_tensorflow_log(cells)


def test_a_fully_wrong_notebook_runs_to_the_end(tmp_path: Path) -> None:
    path = with_answers(
        tmp_path,
        {
            "image_condense = ____": Q1_RIGHT.replace("'MAX'", "'AVG'"),
            "image_condense_avg = ____": "image_condense_avg = None\n\nq_4.check()",
            "pooled_scores = ____": "pooled_scores = tf.reduce_sum(feature_maps, axis=[1, 2])\n\nq_5.check()",
            "poolings_to_merge = {": "poolings_to_merge = {'2': 1, '4': 1, '8': 1}\n\nq_6.check()",
            "def max_pool_2x2": (
                "def max_pool_2x2(feature_map):\n"
                "    plt.figure(); plt.imshow(feature_map); plt.show()\n"
                "    seen = []\n"
                "    while True:\n"
                "        seen.append(feature_map.copy())\n\n"
                "q_7.check()"
            ),
        },
    )
    report, cells = run(path, tmp_path)
    assert report.errors == ()
    assert {q.name: q.status for q in report.questions} == {
        q: "incorrect" for q in ("q_1", "q_4", "q_5", "q_6", "q_7")
    }
    plot_q4 = next(c for c in cells if "needs='Answer questions 1 and 4" in "".join(c["source"]))
    assert streams(plot_q4) == [("stdout", "Nothing to draw for 'Average pooling': it is None.\n")]
    q7 = next(c for c in cells if c["source"][0].startswith("def max_pool_2x2"))
    # The learner's debugging plot stays out of the feedback: one message, no picture.
    assert [o["output_type"] for o in q7["outputs"]] == ["display_data"]
    assert images(q7) == 0
    assert_no_tensorflow_log(cells)


def test_learntools_cv_run_exits_0_on_the_untouched_notebook() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "learntools_cv", "run", str(LEARNER)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"{LEARNER}: 20 code cells ran in ")
    assert [line.split("  ")[:2] for line in lines[1:6]] == [
        [q, "Not attempted"] for q in ("q_1", "q_4", "q_5", "q_6", "q_7")
    ]
    assert lines[-1] == "No cell raised."
    assert not any(TF_LOG.search(line) for line in done.stderr.splitlines())
