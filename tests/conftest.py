"""Shared fixtures: a private copy of the project's data and seeds for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.paths import DEFAULT_DATA_DIR, SEEDS_DIR


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder holding copies of ``data/`` and ``seeds/``; returns its ``data`` folder."""
    shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "data")
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    return tmp_path / "data"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the cells nbval collects from the notebooks, so ``-m "not nbval"`` can leave them out."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.nbval)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` by ``new`` in a UTF-8 file, failing loudly if ``old`` is absent."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
