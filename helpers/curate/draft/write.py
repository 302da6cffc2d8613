"""The one writer of the draft floor: every file of a step written, or none of them changed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write each file to a hidden file beside its target, then move each over its target.

    Nothing is replaced until every file is fully written (and synced), so a failure part way leaves
    the targets as they were; the moves that follow are each atomic. Text is written as UTF-8.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            if target.is_dir():  # found now, before any file is moved, so that none is
                raise IsADirectoryError(f"{target} is a folder, not a file")
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp", dir=target.parent)
            staged.append((Path(name), target))
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
