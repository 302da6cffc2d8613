"""Where an export may be written (it is written by :func:`helpers.transaction.transaction`).

An export named on the command line replaces a file, never a folder, link, pipe or device, and never
lands in the data or seeds it was made from. A reader sees the old file or the new one, never half.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ...errors import BAD_DATA, WorkbookError
from ...paths import misplaced


class ExportError(WorkbookError):
    """The export's target cannot be used; the message names it and the rule, in one line."""


class ExportFailed(WorkbookError):
    """The disk did not take the export (a full disk, a folder made read-only meanwhile); the old file
    is kept, and the message says why, in one line."""

    exit_status = BAD_DATA


def _kind(mode: int) -> str:
    kinds = {stat.S_IFDIR: "a folder", stat.S_IFLNK: "a symbolic link", stat.S_IFIFO: "a named pipe"}
    return kinds.get(stat.S_IFMT(mode), "not a regular file")


def check_target(out: str | os.PathLike[str], data: Path) -> Path:
    """Refuse a target that is not a regular file or sits in the data or seeds; return its full path."""
    if str(out).endswith((os.sep, "/.", os.sep + "..")) or str(out) in ("", ".", ".."):
        raise ExportError(f"export target {str(out)!r} names a folder; an export replaces a regular file")
    target = Path(out).expanduser().absolute()
    try:
        mode = target.lstat().st_mode  # lstat: a link is refused, never followed
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise ExportError(f"export target {target}: {err.strerror}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise ExportError(f"export target {target} is {_kind(mode)}; an export replaces a regular file")
    parent = target.parent.resolve()
    if not parent.is_dir():
        raise ExportError(f"export target {target}: the folder {target.parent} does not exist")
    refused = misplaced(parent / target.name, data, "export target", replaces_folder=False)
    if refused:
        raise ExportError(refused)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"export target {target}: {parent} is not writable")
    return parent / target.name
