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

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from learntools_cv.core.outcome import Status
from learntools_cv.core.render import COLORS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
LEARNER = REPO / "exercises" / "ex3_maximum_pooling.ipynb"
CODE_CELLS = 20
RUN_ALL_SECONDS = 300

pytestmark = [
    pytest.mark.browser,
    pytest.mark.notebook,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium is not installed (apt-get install chromium)"),
]

# JupyterLab settings for a quiet, complete page: no news toast, and every cell kept in the page (by default
# JupyterLab 4 renders only the cells in view).
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

WRONG_Q1 = "image_condense = tf.nn.pool(image_detect, (2, 2), 'AVG', strides=(2, 2), padding='SAME')\nq_1.check()"


def rgb(color: str) -> str:
    """'#b7950b' as the browser computes it: 'rgb(183, 149, 11)'."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("LEARNTOOLS_CV_ARTIFACTS") or REPO / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab serving a temporary folder that holds a copy of the learner notebook; yields the notebook's
    URL (with the token). Stopped, with its kernels, however the tests end."""
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (pip install jupyterlab)")
    root = tmp_path_factory.mktemp("lab-root")
    home = tmp_path_factory.mktemp("lab-home")
    shutil.copy(LEARNER, root / LEARNER.name)
    for name, values in SETTINGS.items():
        path = home / "settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        # The kernel imports this checkout's learntools_cv, whatever is installed.
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p),
    }
    log = (home / "server.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.token={token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.allow_root=True",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopping it stops its kernels too
    )
    try:
        _wait_for_server(port, token, server, home / "server.log")
        yield f"http://127.0.0.1:{port}/lab/tree/{LEARNER.name}?token={token}"
    finally:
        _stop(server)
        log.close()


def _wait_for_server(port: int, token: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"JupyterLab did not answer within 90 s:\n{log.read_text()[-3000:]}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)


@pytest.fixture(scope="module")
def page(jupyterlab: str) -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(jupyterlab)
            page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=90_000)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
            page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=90_000)
            yield page
        finally:
            browser.close()


def prompts(page) -> list[str]:
    return page.locator(".jp-Notebook .jp-CodeCell .jp-InputArea-prompt").all_inner_texts()


def run_all(page, artifacts: Path) -> None:
    """Run > Run All Cells, then wait until every code cell shows its execution count."""
    started = False
    for _ in range(3):  # a menu clicked while the kernel is still connecting does nothing: try again
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not started:
            started = any(p.strip() != "[ ]:" for p in prompts(page))
            time.sleep(0.3)
        if started:
            break
    deadline = time.monotonic() + RUN_ALL_SECONDS
    while started and time.monotonic() < deadline:
        shown = prompts(page)
        if len(shown) == CODE_CELLS and all(re.fullmatch(r"\[\d+\]:", p.strip()) for p in shown):
            return
        time.sleep(0.5)
    page.screenshot(path=str(artifacts / "ex3-run-all-failed.png"))
    pytest.fail(f"Run All did not finish within {RUN_ALL_SECONDS} s; prompts: {prompts(page)}")


def cell_with(page, text: str):
    """The code cell whose source contains `text`, by its place (so it is still found once edited)."""
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    sources = cells.locator(".jp-InputArea-editor").all_inner_texts()
    places = [i for i, source in enumerate(sources) if text in source]
    assert len(places) == 1, (text, places)
    return cells.nth(places[0])


def test_run_all_on_the_untouched_notebook(page, artifacts: Path) -> None:
    run_all(page, artifacts)
    page.screenshot(path=str(artifacts / "ex3-01-after-run-all.png"))
    # Every code cell ran, in order.
    assert [p.strip() for p in prompts(page)] == [f"[{n}]:" for n in range(1, CODE_CELLS + 1)]
    # The five coding questions say Not attempted, in the status's colour.
    labels = page.locator(".jp-OutputArea-output strong", has_text=re.compile(r"^Not attempted$"))
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
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
    assert page.locator(".jp-OutputArea-output:has-text('Traceback')").count() == 0
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
