"""Replace several files of a data folder together, after keeping a copy of the old ones."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..safe_write import FileError, write_files


class MigrateError(Exception):
    """The folder cannot be migrated; the message names the file and the reason, in one line."""


def replace_all(folder: Path, files: dict[str, str], backup: Path) -> None:
    """Write ``files`` (name -> text) into ``folder`` through the one safe writer, after copying each
    old file to ``backup``; if the writer fails part way, every file is put back as it was."""
    targets = {name: folder / name for name in files}
    _inside(folder, backup)
    try:
        backup.mkdir(parents=True, exist_ok=False)
        for name, path in targets.items():
            if path.is_file():
                shutil.copy2(path, backup / name)
    except OSError as exc:
        raise MigrateError(f"{backup}: cannot keep a copy of the old files ({exc.strerror or exc})") from None
    try:
        write_files({targets[name]: text.encode("utf-8") for name, text in files.items()})
    except FileError as err:
        for name, path in targets.items():  # put back what was replaced; a file that was new goes again
            kept = backup / name
            if kept.exists():
                shutil.copy2(kept, path)
            else:
                path.unlink(missing_ok=True)
        raise MigrateError(f"{err}; nothing was changed") from None


def _inside(folder: Path, backup: Path) -> None:
    """Refuse a backup folder reached through a symbolic link: the old files stay in ``folder``."""
    for part in (backup, *backup.parents):
        if part == folder:
            return
        if part.is_symlink():
            raise MigrateError(f"{part} is a symbolic link: the old files are kept only inside {folder}")


# The temporary files the safe writer stages beside a target: ".<name>.<8 hex>.tmp".
_LEFTOVER = re.compile(r"^\.(?P<name>.{1,40})\.[0-9a-f]{8}\.tmp$")


def clear_leftovers(folder: Path) -> list[Path]:
    """Remove what a killed write left in ``folder``: the writer's temporary files beside a table or
    the descriptor (never anything else). Returns what was removed."""
    removed = []
    for path in folder.iterdir() if folder.is_dir() else ():
        found = _LEFTOVER.match(path.name)
        if found and path.is_file() and not path.is_symlink():
            name = found.group("name")
            if name.endswith((".csv", ".json")) or name in ("datapackage.json",):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed
