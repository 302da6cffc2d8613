"""The draft floor's writes: each step's files written whole through the one writer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...transaction import replace_files


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write every file (text as UTF-8), its folder made first, under the folder's lock; none is
    replaced unless all are written (see :func:`helpers.transaction.replace_files`)."""
    replace_files(files)
