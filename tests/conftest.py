"""Shared fixtures: a private copy of the project's data and seeds for each test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

from helpers.paths import REFERENCE_DATA_DIR


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder holding copies of ``data/`` and ``seeds/``; returns its ``data`` folder."""
    shutil.copytree(REFERENCE_DATA_DIR, tmp_path / "data")
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", tmp_path / "seeds")
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


def set_cell(path: Path, key: str | tuple[str, ...], column: str, value: str) -> int:
    """Set one cell of a CSV, found by the values of its leading key column(s); return its line.

    Tests change the curated data through its keys, so that re-curation does not break them.
    """
    import csv

    keys = (key,) if isinstance(key, str) else key
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    at = rows[0].index(column)
    found = next(i for i, row in enumerate(rows) if tuple(row[: len(keys)]) == keys)
    rows[found][at] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return found + 1  # no multi-line cells in the curated data: the row's line


def row_line(path: Path, key: str | tuple[str, ...]) -> int:
    """The line of the row whose leading key column(s) hold ``key``."""
    import csv

    keys = (key,) if isinstance(key, str) else key
    with path.open(encoding="utf-8", newline="") as f:
        return next(i for i, row in enumerate(csv.reader(f), start=1) if tuple(row[: len(keys)]) == keys)


def failing_writes(monkeypatch: pytest.MonkeyPatch, under: Path, code: int) -> None:
    """Make ``os.write`` fail with ``code`` (ENOSPC, EFBIG...) for files below ``under``.

    As on a full disk, the first write to a file goes halfway and the next one fails.
    """
    real, started = os.write, set()

    def write(handle: int, data: bytes | memoryview) -> int:
        try:
            inside = Path(os.readlink(f"/proc/self/fd/{handle}")).is_relative_to(under)
        except OSError:
            inside = False
        if not inside:
            return real(handle, data)
        if handle in started or len(data) < 2:
            raise OSError(code, os.strerror(code))
        started.add(handle)
        return real(handle, data[: len(data) // 2])

    monkeypatch.setattr(os, "write", write)


# Property tests run 30 examples each (`make test`); `pytest --hypothesis-profile=dev` (`make
# test-fast`) runs 8 and reports a failure unshrunk, for quick turns while working;
# `--hypothesis-profile=thorough` runs 200, for a search before a release. A test that sets its own
# count keeps it only in the full run.
settings.register_profile("ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=8, phases=list(Phase)[:3])
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=200)
settings.load_profile("ci")
