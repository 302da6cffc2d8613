"""Execute notebooks against a chosen data folder, with reproducible metadata.

Notebooks run side by side in one event loop, a kernel each. When one fails, or SIGINT, SIGTERM or
SIGHUP arrives, the others are cancelled and every kernel is shut down before the error leaves.
``execute_in_place`` saves the notebooks only when every one of them ran.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import subprocess
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from ..errors import BAD_DATA, WorkbookError
from ..paths import DATA_ENV, NOTEBOOKS_DIR, REFERENCE_DATA_DIR, data_dir
from ..transaction import replace_files
from .interrupt import guarded

T = TypeVar("T")
TIMEOUT_SECONDS = 600
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Marks a notebook stored by `make execute`: its outputs are the reference data's, which nbval checks.
REFERENCE_OUTPUTS = "reference data"
WORKERS = max(1, min(2, os.cpu_count() or 1))  # a kernel is a process: one per core, at most two
NOTEBOOK_ERRORS = (CellExecutionError, CellTimeoutError, DeadKernelError)


class NotebookFailed(WorkbookError):
    """A notebook stopped with an error; the message names the notebook and the error's last line."""

    exit_status = BAD_DATA

    def __init__(self, path: Path, error: Exception) -> None:
        self.path = path
        super().__init__(f"{path.name} failed: {last_line(error)}")


def last_line(error: Exception) -> str:
    """The line a traceback ends with: the error's name and the first line of its message."""
    if isinstance(error, CellExecutionError):
        name, message = error.ename, error.evalue
    else:
        name, message = type(error).__name__, str(error)
    first = message.strip().splitlines()[0].rstrip(":") if message.strip() else ""
    return f"{name}: {first}" if first else name


@contextmanager
def failure_named(path: Path) -> Iterator[None]:
    """Raise a notebook's error as :class:`NotebookFailed`, which names the notebook."""
    try:
        yield
    except NOTEBOOK_ERRORS as err:
        raise NotebookFailed(path, err) from err


class _Client(NotebookClient):
    """nbclient's client, quiet once stopped.

    A cell cancelled mid-run leaves nbclient's liveness poller behind; without this it fails on the
    kernel client that cleanup has closed, and asyncio prints that failure.
    """

    async def _async_check_alive(self) -> None:
        if self.kc is None:
            raise DeadKernelError("the kernel was stopped")  # the poller ends quietly on this
        await super()._async_check_alive()


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The workbook's numbered notebooks, in run order."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


async def execute_async(path: Path, data: Path | None = None) -> nbformat.NotebookNode:
    """Run every cell of ``path`` with ``WORKBOOK_DATA`` set to ``data``; return the executed notebook."""
    notebook = nbformat.read(path, as_version=4)
    client = _Client(
        notebook,
        kernel_name="python3",
        timeout=TIMEOUT_SECONDS,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    manager = client.create_kernel_manager()
    # The data folder reaches the kernel through its own environment, never through this
    # process's, so notebooks run side by side cannot see each other's settings. DEVNULL drops the
    # kernel's log lines (cell errors still arrive as messages).
    env = {**os.environ, DATA_ENV: str(data_dir(data))}
    bad = unusable_environment(env)
    if bad:  # IPython's banner reads it and the kernel dies silently: say so before waiting a minute
        raise NotebookFailed(path, ValueError(bad))
    try:
        await client.async_execute(env=env, stderr=subprocess.DEVNULL)
    except RuntimeError as err:  # the kernel never started or never answered: no cell ran
        raise NotebookFailed(path, RuntimeError(f"its kernel did not start ({err})")) from err
    finally:
        await _stop_kernel(client, manager)
    notebook.metadata.pop("widgets", None)  # widget state is session noise, not content
    return notebook


async def _stop_kernel(client: _Client, manager: Any) -> None:
    # nbclient shuts its kernel down, except when cancelled while the kernel starts.
    atexit.unregister(client._cleanup_kernel)
    if client.kc is not None:
        client.kc.stop_channels()
        client.kc = None
    if manager.has_kernel:
        await manager.shutdown_kernel(now=True)


def execute(path: Path, data: Path | None = None) -> nbformat.NotebookNode:
    """:func:`execute_async` in its own event loop, stopped cleanly by a stop signal."""
    with guarded() as guard:
        return guard.run(partial(execute_async, path, data))


async def run_all(jobs: Sequence[Callable[[], Awaitable[T]]], limit: int = WORKERS) -> list[T]:
    """Await every job, ``limit`` at a time; if one fails or all are cancelled, stop the rest first."""
    gate = asyncio.Semaphore(limit)

    async def gated(job: Callable[[], Awaitable[T]]) -> T:
        async with gate:
            return await job()

    tasks = [asyncio.ensure_future(gated(job)) for job in jobs]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
        # Wait for the cancelled ones: their kernels shut down as the cancellation unwinds.
        await asyncio.gather(*tasks, return_exceptions=True)


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


async def _executed(path: Path, progress: Callable[[str], None]) -> nbformat.NotebookNode:
    progress(f"executing {path.name}")
    with failure_named(path):
        # Stored outputs are those of the frozen reference data, which nbval checks: an analyst's
        # new rows in data/ reach the briefing, never the stored notebooks.
        notebook = await execute_async(path, REFERENCE_DATA_DIR)
    notebook.cells = [without_widget_views(cell) for cell in notebook.cells]
    notebook.metadata["workbook"] = {"outputs": REFERENCE_OUTPUTS}
    return notebook


def unusable_environment(env: dict[str, str]) -> str:
    """Why a kernel cannot start with ``env``, in a sentence; "" when it can."""
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not (epoch.strip().isdigit() and int(epoch) < 253402300800):
        return (
            f"SOURCE_DATE_EPOCH {epoch[:40]!r} is not a whole number of seconds since 1970 before the "
            "year 10000, as reproducible builds set it: unset it or give one"
        )
    return ""


def stored_with_reference_outputs(notebook: nbformat.NotebookNode) -> bool:
    """Whether ``notebook`` holds the outputs of a run on the reference data (see :func:`_executed`)."""
    return bool(notebook.metadata.get("workbook", {}).get("outputs") == REFERENCE_OUTPUTS)


def execute_in_place(paths: list[Path], progress: Callable[[str], None] = print) -> None:
    """Re-execute the notebooks against the reference data and save them all, or none if one fails
    or the run is stopped.

    Raises :class:`NotebookFailed` (naming the notebook) or :class:`~.interrupt.Interrupted`.
    Stored outputs keep the widgets' static views: the live ones (and their random model ids)
    come back when the notebook runs in JupyterLab.
    """
    with guarded() as guard:
        notebooks = guard.run(lambda: run_all([partial(_executed, path, progress) for path in paths]))
        guard.finish()
        save_all(dict(zip(paths, notebooks, strict=True)))


def save_all(notebooks: dict[Path, nbformat.NotebookNode]) -> None:
    """Replace every notebook under its folder's lock: if one cannot be written, none is changed, even
    across a crash (:func:`~helpers.transaction.replace_files`)."""
    replace_files({path: _stored(notebook) for path, notebook in notebooks.items()})


def _stored(notebook: nbformat.NotebookNode) -> str:
    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"  # as nbformat.write ends a file
