"""Saving a stored notebook in JupyterLab keeps its reference outputs: using the workbook never
breaks the tests that check them."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager
from traitlets.config import Config

from helpers.paths import NOTEBOOKS_DIR
from helpers.publish.execute import WIDGET_VIEW, stored_with_reference_outputs
from helpers.publish.lab_save import keep_reference_outputs

NOTEBOOK = "08_add_article.ipynb"


def _session(stored: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as JupyterLab would save it after a session: other outputs, live widgets."""
    ran = copy.deepcopy(stored)
    for cell in ran.cells:
        if cell.cell_type == "code":
            cell.execution_count = 41
            cell.outputs = [
                nbformat.v4.new_output(
                    "display_data",
                    data={WIDGET_VIEW: {"model_id": "abc", "version_major": 2}, "text/plain": "Box()"},
                )
            ]
    ran.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return ran


@pytest.fixture
def manager(tmp_path: Path) -> FileContentsManager:
    (tmp_path / NOTEBOOK).write_bytes((NOTEBOOKS_DIR / NOTEBOOK).read_bytes())
    # Configured as `make lab` configures JupyterLab: by the hook's import path.
    config = Config()
    config.ContentsManager.pre_save_hook = f"{keep_reference_outputs.__module__}.keep_reference_outputs"
    return FileContentsManager(root_dir=str(tmp_path), config=config)


def test_every_stored_notebook_says_its_outputs_are_the_reference_runs() -> None:
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        assert stored_with_reference_outputs(nbformat.read(path, as_version=4)), path.name


def test_a_session_saved_keeps_the_stored_outputs(manager: FileContentsManager, tmp_path: Path) -> None:
    before = (tmp_path / NOTEBOOK).read_bytes()
    stored = nbformat.read(tmp_path / NOTEBOOK, as_version=4)
    manager.save({"type": "notebook", "content": _session(stored)}, NOTEBOOK)
    after = nbformat.read(tmp_path / NOTEBOOK, as_version=4)
    assert "widgets" not in after.metadata and stored_with_reference_outputs(after)
    assert [c.get("outputs") for c in after.cells] == [c.get("outputs") for c in stored.cells]
    assert nbformat.writes(after) == nbformat.writes(nbformat.reads(before.decode(), as_version=4))


def test_a_cell_the_user_changed_keeps_its_words_and_loses_only_live_widgets(
    manager: FileContentsManager, tmp_path: Path
) -> None:
    stored = nbformat.read(tmp_path / NOTEBOOK, as_version=4)
    ran = _session(stored)
    edited = next(i for i, c in enumerate(ran.cells) if c.cell_type == "code")
    ran.cells[edited].source += "\nprint('mine')"
    ran.cells.append(nbformat.v4.new_markdown_cell("My note."))
    manager.save({"type": "notebook", "content": ran}, NOTEBOOK)
    after = nbformat.read(tmp_path / NOTEBOOK, as_version=4)
    assert after.cells[edited].source.endswith("print('mine')") and after.cells[-1].source == "My note."
    assert all(WIDGET_VIEW not in o.get("data", {}) for c in after.cells for o in c.get("outputs", []))
    assert not stored_with_reference_outputs(after)  # edited: `make execute` stores it anew
    # a notebook that is not a stored one is saved as given
    ran.metadata.pop("workbook", None)
    manager.save({"type": "notebook", "content": ran}, "mine.ipynb")
    assert nbformat.read(tmp_path / "mine.ipynb", as_version=4).metadata.get("widgets")


def test_make_lab_installs_this_hook() -> None:
    makefile = (NOTEBOOKS_DIR.parent / "Makefile").read_text(encoding="utf-8")
    assert f"pre_save_hook={keep_reference_outputs.__module__}.keep_reference_outputs" in makefile
