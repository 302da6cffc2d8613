"""Execute notebooks in place, against a chosen data folder, with reproducible metadata."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .paths import DATA_ENV, NOTEBOOKS_DIR, data_dir

TIMEOUT_SECONDS = 600


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


def execute_in_place(paths: list[Path], progress: Callable[[str], None] = print) -> None:
    """Re-execute and save each notebook, so its stored outputs match the code and data."""
    for path in paths:
        progress(f"executing {path.name}")
        nbformat.write(execute(path), path)
