"""What the browser tests share: JupyterLab on 127.0.0.1 with a token, serving a folder of notebooks, and
headless Chromium (the Debian package) driven by Playwright; Run All from the Run menu, and finding cells.

JupyterLab is started with settings for a quiet, complete page (no news toast, every cell kept in the page),
and is stopped, with its kernels, however the tests end. Screenshots go to $LEARNTOOLS_CV_ARTIFACTS (default
tests/artifacts/, which git ignores).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

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
RUN_ALL_SECONDS = 300

NEEDS_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium is not installed (apt-get install chromium)"
)

# JupyterLab settings for a quiet, complete page: no news toast, and every cell kept in the page (by default
# JupyterLab 4 renders only the cells in view).
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def rgb(color: str) -> str:
    """'#b7950b' as the browser computes it: 'rgb(183, 149, 11)'."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def artifacts_folder() -> Path:
    folder = Path(os.environ.get("LEARNTOOLS_CV_ARTIFACTS") or REPO / "tests" / "artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# The notebook in the tab in front. JupyterLab reopens the tabs of notebooks opened before in the same lab (its
# workspace), and a tab behind keeps its cells in the page: they must not count.
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab_serving(root: Path, home: Path) -> Iterator[str]:
    """JupyterLab serving the folder `root` (its settings and runtime files under `home`); yields
    'http://127.0.0.1:PORT/lab/tree/{name}?token=TOKEN', to be formatted with a notebook's name."""
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (pip install jupyterlab)")
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
        yield f"http://127.0.0.1:{port}/lab/tree/{{name}}?token={token}"
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


@contextlib.contextmanager
def notebook_page(url: str) -> Iterator[object]:
    """A Chromium page with the notebook at `url` open, its kernel idle."""
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector(f"{NOTEBOOK} .jp-CodeCell", timeout=90_000)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
            page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).wait_for(timeout=90_000)
            yield page
        finally:
            browser.close()


def prompts(page) -> list[str]:
    return page.locator(f"{NOTEBOOK} .jp-CodeCell .jp-InputArea-prompt").all_inner_texts()


def run_all(page, code_cells: int, artifacts: Path, name: str) -> None:
    """Run > Run All Cells, then wait until each of the `code_cells` code cells shows its execution count."""
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
        if len(shown) == code_cells and all(re.fullmatch(r"\[\d+\]:", p.strip()) for p in shown):
            return
        time.sleep(0.5)
    page.screenshot(path=str(artifacts / f"{name}-run-all-failed.png"))
    pytest.fail(f"Run All did not finish within {RUN_ALL_SECONDS} s; prompts: {prompts(page)}")


def cell_with(page, text: str):
    """The code cell whose source contains `text`, by its place (so it is still found once edited)."""
    cells = page.locator(f"{NOTEBOOK} .jp-CodeCell")
    sources = cells.locator(".jp-InputArea-editor").all_inner_texts()
    places = [i for i, source in enumerate(sources) if text in source]
    assert len(places) == 1, (text, places)
    return cells.nth(places[0])
