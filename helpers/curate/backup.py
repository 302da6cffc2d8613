"""Replace several files of a data folder together, after keeping a copy of the old ones."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import WorkbookError
from ..transaction import Transaction


class MigrateError(WorkbookError):
    """The folder cannot be migrated; the message names the file and the reason, in one line."""


def replace_all(txn: Transaction, files: dict[str, str], backup: Path) -> None:
    """Copy each old file of ``files`` (name -> text) to ``backup``, then give the new ones to ``txn``,
    which replaces them all at once as it commits (or none, even across a crash)."""
    folder = txn.folder
    targets = {name: folder / name for name in files}
    _inside(folder, backup)
    try:
        backup.mkdir(parents=True, exist_ok=False)
        for name, path in targets.items():
            if path.is_file():
                shutil.copy2(path, backup / name)
    except OSError as exc:
        raise MigrateError(f"{backup}: cannot keep a copy of the old files ({exc.strerror or exc})") from None
    for name, text in files.items():
        txn.write(targets[name], text)


def _inside(folder: Path, backup: Path) -> None:
    """Refuse a backup folder reached through a symbolic link: the old files stay in ``folder``."""
    for part in (backup, *backup.parents):
        if part == folder:
            return
        if part.is_symlink():
            raise MigrateError(f"{part} is a symbolic link: the old files are kept only inside {folder}")
