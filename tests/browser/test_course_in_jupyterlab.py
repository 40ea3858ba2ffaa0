"""Every lesson's learner notebook in a real browser: JupyterLab serving it, headless Chromium opening it, Run
All from the Run menu. What a learner must see: every code cell ran, each coding question says Not attempted
in its colour, the setup cell shows nothing (no TensorFlow start-up log), and no cell wrote to stderr or
raised. A lesson with a browser test of its own (`test_exN_in_jupyterlab.py`, which also types answers in)
is left to it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from learntools_cv.core import Session
from learntools_cv.core.status import COLORS, Status

from .jupyterlab import (
    NEEDS_CHROMIUM,
    NOTEBOOK,
    REPO,
    artifacts_folder,
    cell_with,
    jupyterlab_serving,
    notebook_page,
    prompts,
    rgb,
    run_all,
)

pytestmark = [pytest.mark.browser, pytest.mark.notebook, pytest.mark.slow, NEEDS_CHROMIUM]

HERE = Path(__file__).resolve().parent
LEARNER_NOTEBOOKS = [
    path for path in sorted((REPO / "exercises").glob("ex*_*.ipynb"))
    if not (HERE / f"test_{path.name.split('_')[0]}_in_jupyterlab.py").exists()
]


@pytest.fixture
def lab(tmp_path_factory: pytest.TempPathFactory, notebook: Path):
    """A lab of its own for each notebook: in one lab, JupyterLab reopens the tabs opened before, and Run All
    from the menu did not reach the notebook in front once several lessons shared it."""
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copy(notebook, root / notebook.name)
    with jupyterlab_serving(root, tmp_path_factory.mktemp("lab-home")) as url:
        yield url


def coding_questions(notebook: Path) -> list[str]:
    number = re.match(r"ex(\d+)_", notebook.name).group(1)
    views = Session().questions(f"learntools_cv.computer_vision.ex{number}")
    return [name for name, view in views.items() if view.kind != "thought experiment"]


@pytest.mark.parametrize("notebook", LEARNER_NOTEBOOKS, ids=[p.stem for p in LEARNER_NOTEBOOKS])
def test_run_all_reaches_the_end_with_every_question_not_attempted(lab: str, notebook: Path) -> None:
    artifacts = artifacts_folder()
    code_cells = sum(cell["cell_type"] == "code" for cell in json.loads(notebook.read_text())["cells"])
    with notebook_page(lab.format(name=notebook.name)) as page:
        run_all(page, code_cells, artifacts, notebook.stem)
        page.screenshot(path=str(artifacts / f"{notebook.stem}-after-run-all.png"), full_page=True)
        assert [p.strip() for p in prompts(page)] == [f"[{n}]:" for n in range(1, code_cells + 1)]
        labels = page.locator(f"{NOTEBOOK} .jp-OutputArea-output strong", has_text=re.compile(r"^Not attempted$"))
        assert labels.count() == len(coding_questions(notebook))
        for i in range(labels.count()):
            label = labels.nth(i)
            label.scroll_into_view_if_needed()
            assert label.is_visible()
            assert label.evaluate("element => getComputedStyle(element).color") == rgb(COLORS[Status.NOT_ATTEMPTED])
        assert cell_with(page, "binder.bind(globals())").locator(".jp-OutputArea-output").count() == 0
        assert page.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
        assert page.locator(f"{NOTEBOOK} .jp-OutputArea-output:has-text('Traceback')").count() == 0
