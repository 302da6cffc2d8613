"""The explorer in a real JupyterLab, driven through the page as an analyst would."""

from __future__ import annotations

import io
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import numpy as np
import pytest
from matplotlib.image import imread

from helpers.paths import NOTEBOOKS_DIR, REFERENCE_DATA_DIR

from .browser import chromium

pytestmark = [pytest.mark.lab, pytest.mark.build]

NOTEBOOK = "06_explorer.ipynb"
START_TIMEOUT = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[str]:
    """A JupyterLab server on 127.0.0.1 serving a scratch copy of the explorer; yields its URL."""
    # A scratch copy without outputs: the stored notebook stays untouched, and an execution count
    # on the page then proves that this kernel ran the cell.
    notebook = nbformat.read(NOTEBOOKS_DIR / NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    root, home = tmp_path / "work", tmp_path / "home"
    root.mkdir()
    nbformat.write(notebook, root / NOTEBOOK)
    # Settings of our own: no news prompt over the page, nothing read from the user's set-up.
    notification = home / "lab-settings" / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "WORKBOOK_DATA": str(REFERENCE_DATA_DIR),  # frozen, so the figures checked are known
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root"]
    command += ["--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    command += [f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"]
    command += ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    command += ["--LabApp.expose_app_in_browser=True"]  # lets the test wait until the kernel listens
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("jupyter lab did not start") from None
                time.sleep(0.5)
        yield f"{base}/lab/tree/{NOTEBOOK}?token={token}"
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    """Stop the server and every kernel it started (they share its process group)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            break
        try:
            server.wait(timeout=20)
            break
        except subprocess.TimeoutExpired:
            continue


RUN_ALL = """async () => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.context.ready;
    await panel.sessionContext.ready;
    await panel.sessionContext.session.kernel.info;  // the kernel has answered: it is listening
    return await window.jupyterapp.commands.execute("notebook:run-all-cells");
}"""


def _wait_for_text(locator, expected: str, timeout: float = 30.0) -> str:
    """Poll a widget's text (JupyterLab may not paint cells out of view, so no visibility needed)."""
    deadline = time.monotonic() + timeout
    while True:
        text = locator.text_content() or ""
        if expected in text or time.monotonic() > deadline:
            return text
        time.sleep(0.25)


def _picture(png: bytes) -> np.ndarray:
    """A screenshot as an array of grey levels from 0 to 1."""
    return imread(io.BytesIO(png), format="png")[..., :3].mean(axis=2)


def test_explorer_responds_in_jupyterlab(lab: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(lab)
        page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
        page.wait_for_function("window.jupyterapp && window.jupyterapp.shell.currentWidget", timeout=60_000)
        assert page.evaluate(RUN_ALL) is True  # JupyterLab's own Run All Cells, once the kernel listens
        checkbox = page.locator(".widget-checkbox input[type=checkbox]").first
        checkbox.wait_for(state="attached", timeout=90_000)
        results = page.locator(".widget-html", has_text="remaining claims give").first
        results.wait_for(state="attached", timeout=60_000)
        assert "1,500 sent; 10,000 preparing" in _wait_for_text(results, "1,500 sent; 10,000 preparing")
        count = page.locator(".widget-html", has_text="statements count").first
        assert (count.text_content() or "").startswith("20 of 21")  # S01 is overtaken by S02
        troops = page.locator(".widget-image").nth(1)  # the troop-number chart
        before = troops.get_attribute("src")
        seen_before = _picture(troops.screenshot())
        checkbox.scroll_into_view_if_needed()
        checkbox.check()  # through the page, as an analyst clicks it
        assert "give: 1,500 sent." in _wait_for_text(results, "give: 1,500 sent.")
        # Six of the twenty come from interested parties: S06, S08, S09, S10, S13 and S14.
        assert _wait_for_text(count, "14 of 21").startswith("14 of 21")
        page.wait_for_function("([img, old]) => img.src !== old", arg=[troops.element_handle(), before])
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=troops.element_handle())
        seen_after = _picture(troops.screenshot())
    # What a person sees: a drawn chart (not a blank box) before and after, and a different one.
    for seen in (seen_before, seen_after):
        assert seen.shape[0] > 150 and seen.shape[1] > 400, seen.shape
        assert seen.std() > 0.05, "the chart's area is blank"
    assert seen_before.shape != seen_after.shape or np.abs(seen_before - seen_after).mean() > 0.005
