"""The learner's notebook of lesson 4 in a real browser: JupyterLab on 127.0.0.1, the untouched learner notebook
opened in headless Chromium (Debian's package) driven by Playwright, Run All from the Run menu, then wrong answers
typed into its cells as a learner would, and a right one.

What a learner must see, checked on the page: every code cell ran, the seven coding questions say Not attempted
in their colour, no cell wrote to stderr or raised (no TensorFlow start-up log either), the cells that draw an
answer wait for it in one line; then each wrong answer's Incorrect label and words, with the picture of the
learner's map or series beside the expected one. Screenshots are kept in $LEARNTOOLS_CV_ARTIFACTS (default
tests/artifacts/, which git ignores). The server this test starts is stopped however the test ends.
"""

from __future__ import annotations

import json
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

LEARNER = REPO / "exercises" / "ex4_sliding_window.ipynb"
CODE_CELLS = sum(cell["cell_type"] == "code" for cell in json.loads(LEARNER.read_text())["cells"])

pytestmark = [pytest.mark.browser, pytest.mark.notebook, pytest.mark.slow, NEEDS_CHROMIUM]


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


def answer(page, starter: str, code: str):
    """Replace the source of the cell holding `starter` with `code`, run it, and return the cell."""
    cell = cell_with(page, starter)
    cell.locator(".jp-InputArea-editor .cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    return cell


def incorrect(cell) -> str:
    """The Incorrect label is shown in its colour; returns the words under it."""
    label = cell.locator(".jp-OutputArea-output strong", has_text=re.compile(r"^Incorrect$"))
    label.wait_for(timeout=60_000)
    assert label.is_visible()
    assert label.evaluate("element => getComputedStyle(element).color") == rgb(COLORS[Status.INCORRECT])
    return cell.locator(".jp-OutputArea-output").first.inner_text()


def picture_of(cell) -> list[float]:
    """The comparison picture under a cell: shown, and [its width in pixels, its width on the page]."""
    picture = cell.locator(".jp-OutputArea-output img")
    picture.wait_for(timeout=30_000)
    picture.scroll_into_view_if_needed()
    assert picture.is_visible()
    return picture.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")


def test_run_all_on_the_untouched_notebook(page, artifacts: Path) -> None:
    run_all_cells(page, CODE_CELLS, artifacts, "ex4")
    page.screenshot(path=str(artifacts / "ex4-01-after-run-all.png"))
    assert [p.strip() for p in prompts(page)] == [f"[{n}]:" for n in range(1, CODE_CELLS + 1)]
    labels = page.locator(f"{NOTEBOOK} .jp-OutputArea-output strong", has_text=re.compile(r"^Not attempted$"))
    assert labels.count() == 7  # q_1.a, q_1.b, q_2.a, q_2.b, q_3, q_4, q_5
    for i in range(7):
        label = labels.nth(i)
        label.scroll_into_view_if_needed()
        assert label.is_visible()
        assert label.evaluate("element => getComputedStyle(element).color") == rgb(COLORS[Status.NOT_ATTEMPTED])
    assert cell_with(page, "binder.bind(globals())").locator(".jp-OutputArea-output").count() == 0
    assert page.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(f"{NOTEBOOK} .jp-OutputArea-output:has-text('Traceback')").count() == 0
    maps = cell_with(page, "needs='Answer questions 1a and 1b first")
    assert maps.locator(".jp-OutputArea-output").inner_text().strip() == (
        "Answer questions 1a and 1b first to compare the three maps."
    )
    series = cell_with(page, "needs='Answer question 3 first")
    assert series.locator(".jp-OutputArea-output").inner_text().strip() == (
        "Answer question 3 first to see the smoothed series."
    )
    cell_with(page, "visiontools.show_receptive_field([3, 3]").screenshot(
        path=str(artifacts / "ex4-02-receptive-field-of-two-layers.png")
    )


def test_a_wrong_stride_and_padding_shows_its_words_and_the_two_maps(page, artifacts: Path) -> None:
    cell = answer(page, "image_stride2 = ____",
                  "image_stride2 = tf.nn.conv2d(image, kernel, strides=2, padding='VALID')\nq_1.a.check()")
    assert incorrect(cell).startswith(
        "Incorrect: It looks like you used 'VALID' padding: every window stays inside the picture, so "
        "(224 - 3) // 2 + 1 = 111 windows fit down and across."
    )
    natural, shown = picture_of(cell)
    assert natural >= 600 and shown >= 400
    cell.screenshot(path=str(artifacts / "ex4-03-q1a-incorrect-with-picture.png"))


def test_a_doubled_field_is_named(page, artifacts: Path) -> None:
    cell = answer(page, "field_with_pooling = ____", "field_with_pooling = 14\nq_2.b.check()")
    assert incorrect(cell).startswith("Incorrect: 14 doubles the field of the layers below the pooling.")
    cell.screenshot(path=str(artifacts / "ex4-04-q2b-doubled-field.png"))


def test_a_flipped_kernel_shows_the_two_series(page, artifacts: Path) -> None:
    cell = answer(
        page,
        "ts_kernel = ____",
        "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])\nts_filter = np.convolve(series, ts_kernel, 'valid')\n"
        "q_3.check()",
    )
    assert incorrect(cell).startswith(
        "Incorrect: It looks like your kernel was applied back to front: np.convolve flips the kernel"
    )
    natural, shown = picture_of(cell)
    assert natural >= 600 and shown >= 400
    cell.screenshot(path=str(artifacts / "ex4-05-q3-incorrect-with-series.png"))


def test_a_right_series_is_correct_and_then_drawn(page, artifacts: Path) -> None:
    cell = answer(
        page,
        "ts_kernel = tf.constant([0.1, 0.2, 0.3, 0.4])",
        "ts_kernel = tf.constant([0.25, 0.25, 0.25, 0.25])\n"
        "ts_filter = tf.nn.conv1d(ts_data, tf.reshape(ts_kernel, [-1, 1, 1]), stride=1, padding='VALID')\n"
        "q_3.check()",
    )
    label = cell.locator(".jp-OutputArea-output strong", has_text=re.compile(r"^Correct$"))
    label.wait_for(timeout=60_000)
    assert label.evaluate("element => getComputedStyle(element).color") == rgb(COLORS[Status.CORRECT])
    drawn = cell_with(page, "needs='Answer question 3 first")
    drawn.locator(".jp-InputArea-editor .cm-content").click()
    page.keyboard.press("Shift+Enter")
    image = drawn.locator(".jp-OutputArea-output img")
    image.wait_for(timeout=60_000)
    assert image.is_visible()
    drawn.screenshot(path=str(artifacts / "ex4-06-q3-smoothed-series.png"))
