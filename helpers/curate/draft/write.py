"""The draft floor's writes: each step's files written whole through the one safe writer."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...safe_write import write_files as write_whole


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write every file (text as UTF-8), its folder made first; none is replaced unless all are written
    (see :func:`helpers.safe_write.write_files`)."""
    for target in files:
        target.parent.mkdir(parents=True, exist_ok=True)
    write_whole({t: c.encode("utf-8") if isinstance(c, str) else c for t, c in files.items()})
