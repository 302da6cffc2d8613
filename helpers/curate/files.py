"""Replace several files of a folder together, after keeping a copy of the old ones."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class MigrateError(Exception):
    """The folder cannot be migrated; the message names the file and the reason, in one line."""


def _target(folder: Path, name: str) -> Path:
    path = folder / name
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        raise MigrateError(f"{path}: a symbolic link out of the data folder; it is not written through")
    if path.exists() and not path.is_file():
        raise MigrateError(f"{path}: not a regular file; it is not replaced")
    return path


def replace_all(folder: Path, files: dict[str, str], backup: Path) -> None:
    """Write ``files`` (name -> text) into ``folder``: each old file is copied to ``backup`` first,
    each new one is written beside its target and then moved over it; if any step fails, every file
    is put back as it was."""
    targets = {name: _target(folder, name) for name in files}
    staged: dict[str, Path] = {}
    done: list[str] = []
    try:
        backup.mkdir(parents=True, exist_ok=False)
        for name, path in targets.items():
            if path.exists():
                shutil.copy2(path, backup / name)
        for name, text in files.items():
            handle, made = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
            temporary = staged[name] = Path(made)
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            if targets[name].exists():
                shutil.copymode(targets[name], temporary)
            else:
                os.chmod(temporary, 0o644)
        for name, moved in staged.items():
            os.replace(moved, targets[name])
            done.append(name)
    except OSError as exc:
        for name in done:  # put back what was replaced; a file that did not exist goes again
            kept = backup / name
            if kept.exists():
                shutil.copy2(kept, targets[name])
            else:
                targets[name].unlink(missing_ok=True)
        raise MigrateError(f"{folder}: nothing was migrated ({exc.strerror or exc})") from None
    finally:
        for left in staged.values():
            left.unlink(missing_ok=True)
