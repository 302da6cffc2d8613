"""Execute notebooks in place, against a chosen data folder, with reproducible metadata."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from ..paths import DATA_ENV, NOTEBOOKS_DIR, data_dir

TIMEOUT_SECONDS = 600
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The workbook's numbered notebooks, in run order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def execute(path: Path, data: Path | None = None) -> nbformat.NotebookNode:
    """Run every cell of ``path`` with ``WORKBOOK_DATA`` set to ``data``; return the executed notebook."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=TIMEOUT_SECONDS,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    # The data folder reaches the kernel through its own environment, never through this
    # process's, so notebooks built side by side cannot see each other's settings. asyncio.run
    # gives each call its own event loop and closes it; DEVNULL drops the kernel's log lines
    # (cell errors still arrive as messages).
    env = {**os.environ, DATA_ENV: str(data_dir(data))}
    asyncio.run(client.async_execute(env=env, stderr=subprocess.DEVNULL))
    notebook.metadata.pop("widgets", None)  # widget state is session noise, not content
    return notebook


def without_widget_views(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop live-widget views from a cell's outputs, keeping the static view each carries.

    A view points to widget state that lives only as long as its kernel; without it a page (or a
    stored notebook) would show an empty placeholder. An output with nothing static is dropped.
    """
    if cell.cell_type == "code":
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if "text/html" not in data:
                    continue
            kept.append(output)
        cell.outputs = kept
    return cell


def execute_in_place(paths: list[Path], progress: Callable[[str], None] = print) -> None:
    """Re-execute and save each notebook, so its stored outputs match the code and data.

    Stored outputs keep the widgets' static views: the live ones (and their random model ids)
    come back when the notebook runs in JupyterLab.
    """
    for path in paths:
        progress(f"executing {path.name}")
        notebook = execute(path)
        notebook.cells = [without_widget_views(cell) for cell in notebook.cells]
        nbformat.write(notebook, path)
