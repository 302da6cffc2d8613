"""Shared fixtures: a private copy of the project's data and seeds for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

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


# Property tests run 200 examples each; `pytest --hypothesis-profile=dev` runs 30 and reports a
# failure unshrunk, for quick turns while working.
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=30, phases=list(Phase)[:3])
settings.load_profile("ci")
