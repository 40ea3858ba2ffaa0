"""The learner's notebook of lesson 3 in a real browser (issue 13): JupyterLab on 127.0.0.1 with a token, the
untouched learner notebook opened in headless Chromium (the Debian package) driven by Playwright, Run All from
the Run menu, and then a wrong answer typed into q_1's cell.

What a learner must see, checked on the page: every code cell ran (its execution count is shown), the
Not attempted labels are visible in their colour, no error or stderr output exists (no TensorFlow start-up
log either), and after the wrong answer the Incorrect label, its message and the comparison picture are
visible. Screenshots are kept in $LEARNTOOLS_CV_ARTIFACTS (default tests/artifacts/, which git ignores).
The server this test starts is stopped however the test ends.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

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
)
from .jupyterlab import run_all as run_all_cells

LEARNER = REPO / "exercises" / "ex3_maximum_pooling.ipynb"
CODE_CELLS = 20

pytestmark = [pytest.mark.browser, pytest.mark.notebook, pytest.mark.slow, NEEDS_CHROMIUM]

WRONG_Q1 = "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')\nq_1.check()"


@pytest.fixture(scope="module")
def artifacts() -> Path:
    return artifacts_folder()


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copy(LEARNER, root / LEARNER.name)
    with jupyterlab_serving(root, tmp_path_factory.mktemp("lab-home")) as url:
        with notebook_page(url.format(name=LEARNER.name)) as page:
            yield page


def run_all(page, artifacts: Path) -> None:
    run_all_cells(page, CODE_CELLS, artifacts, "ex3")


def test_run_all_on_the_untouched_notebook(page, artifacts: Path) -> None:
    run_all(page, artifacts)
    page.screenshot(path=str(artifacts / "ex3-01-after-run-all.png"))
    # Every code cell ran, in order.
    assert [p.strip() for p in prompts(page)] == [f"[{n}]:" for n in range(1, CODE_CELLS + 1)]
    # The five coding questions say Not attempted, in the status's colour.
    labels = page.locator(f"{NOTEBOOK} .jp-OutputArea-output strong", has_text=re.compile(r"^Not attempted$"))
    assert labels.count() == 5
    for i in range(5):
        label = labels.nth(i)
        label.scroll_into_view_if_needed()
        assert label.is_visible()
        color = label.evaluate("element => getComputedStyle(element).color")
        assert color == rgb(COLORS[Status.NOT_ATTEMPTED])
    cell_with(page, "q_1.check()").screenshot(path=str(artifacts / "ex3-02-q1-not-attempted.png"))
    setup = cell_with(page, "binder.bind(globals())")
    assert setup.locator(".jp-OutputArea-output").count() == 0  # no start-up log under the setup cell
    setup.screenshot(path=str(artifacts / "ex3-00-setup-cell-without-log.png"))
    # No cell raised, and nothing was written to stderr (TensorFlow's start-up log included).
    assert page.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(f"{NOTEBOOK} .jp-OutputArea-output:has-text('Traceback')").count() == 0
    # The cells that draw the condensed maps wait for the answers, in one line each.
    waiting = cell_with(page, "needs='Answer question 1 first")
    assert waiting.locator(".jp-OutputArea-output").inner_text().strip() == (
        "Answer question 1 first to see the condensed map."
    )
    waiting.screenshot(path=str(artifacts / "ex3-03-waiting-for-q1.png"))


def test_a_wrong_answer_shows_incorrect_its_message_and_its_picture(page, artifacts: Path) -> None:
    cell = cell_with(page, "image_condense = ____")
    editor = cell.locator(".jp-InputArea-editor .cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(WRONG_Q1)
    page.keyboard.press("Shift+Enter")
    label = cell.locator(".jp-OutputArea-output strong", has_text=re.compile(r"^Incorrect$"))
    label.wait_for(timeout=60_000)
    assert label.is_visible()
    assert label.evaluate("element => getComputedStyle(element).color") == rgb(COLORS[Status.INCORRECT])
    message = cell.locator(".jp-OutputArea-output").first.inner_text()
    assert message.startswith("Incorrect: It looks like you used average pooling. This question asks for maximum")
    picture = cell.locator(".jp-OutputArea-output img")
    picture.wait_for(timeout=30_000)
    picture.scroll_into_view_if_needed()
    assert picture.is_visible()
    size = picture.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
    assert size[0] >= 900 and size[1] >= 600  # readable in the notebook's column, not a thumbnail
    cell.screenshot(path=str(artifacts / "ex3-04-q1-incorrect-with-picture.png"))
