"""Saving a stored notebook in JupyterLab keeps its reference outputs, so using it never breaks a test.

The notebooks under ``notebooks/`` are stored executed on the frozen reference data (``make
execute``), and nbval checks those outputs. An analyst who runs one in JupyterLab, on other data or
with live widgets, and then saves it (or lets JupyterLab autosave it) would store that session's
outputs instead. ``make lab`` installs :func:`keep_reference_outputs` as JupyterLab's pre-save hook:
a notebook stored with reference outputs keeps them for every cell whose source is unchanged, and
loses only the session's outputs, which the kernel still shows. A cell whose source the user changed
keeps its new source and its outputs, less the live widget views whose state dies with the kernel;
nothing the user typed is dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from .execute import REFERENCE_OUTPUTS, stored_with_reference_outputs, without_widget_views


def keep_reference_outputs(model: dict[str, Any], path: str, contents_manager: Any, **_: Any) -> None:
    """JupyterLab's pre-save hook (``ContentsManager.pre_save_hook``): change ``model`` in place."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    try:
        on_disk = Path(contents_manager._get_os_path(path))
        stored = nbformat.read(on_disk, as_version=4)
    except Exception:  # a new file, or one that cannot be read: nothing stored to keep
        return
    if not stored_with_reference_outputs(stored):
        return
    model["content"] = dict(keeping(nbformat.from_dict(model["content"]), stored))


def keeping(saved: nbformat.NotebookNode, stored: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``saved`` with the outputs of ``stored`` wherever a cell's source is unchanged at its place, and
    no live widget views or widget state anywhere."""
    saved.metadata.pop("widgets", None)
    saved.metadata.setdefault("workbook", {}).update(stored.metadata.get("workbook", {}))
    same_shape = len(saved.cells) == len(stored.cells)
    for at, cell in enumerate(saved.cells):
        before = stored.cells[at] if same_shape else None
        if cell.cell_type == "code" and before is not None and _same(cell, before):
            cell.outputs = before.get("outputs", [])
            cell.execution_count = before.get("execution_count")
        else:
            without_widget_views(cell)
    if not all(_same(a, b) for a, b in zip(saved.cells, stored.cells, strict=False)) or not same_shape:
        saved.metadata["workbook"]["outputs"] = "edited"  # no longer the reference run: make execute
    else:
        saved.metadata["workbook"]["outputs"] = REFERENCE_OUTPUTS
    return saved


def _same(a: nbformat.NotebookNode, b: nbformat.NotebookNode) -> bool:
    return bool(a.cell_type == b.cell_type and a.source == b.source)
