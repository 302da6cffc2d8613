"""Which files the validator agrees to read: regular files, within their size limits, in their folder.

A named pipe or a device would block a read forever or never end it, and a symbolic link out of the
data folder would let a table print lines of any file on the machine; both are refused before a
byte is read. The limits keep a whole check within seconds.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..safe_write import kind_of
from .limits import size_text
from .problems import Kind, Problem


@dataclass(frozen=True)
class Refusal:
    """Why a file is not read: the problem's kind and its message's parameters."""

    kind: Kind
    params: dict[str, object] = field(default_factory=dict)

    def problem(self, display: str, line: int | None = None, column: str | None = None) -> Problem:
        """The refusal as a problem at ``display`` (and a line and column, for a path in a table)."""
        return Problem(self.kind, display, line, column, params=self.params)


def refusal(path: Path, within: Path, limit: int, what: str) -> Refusal | None:
    """Why ``path`` must not be read, or None: it is a regular file under ``within``, at most ``limit`` bytes.

    A missing file is not refused here (the caller names what is missing). The file is opened
    without blocking, so a named pipe cannot stall the check.
    """
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        return None
    except (OSError, RuntimeError, ValueError) as exc:  # a link loop; a NUL byte in the name
        return Refusal(Kind.UNREADABLE_FILE, {"reason": str(exc)})
    if not resolved.is_relative_to(within.resolve()):
        return Refusal(Kind.LINK_OUTSIDE, {"folder": within.name + "/"})
    try:
        descriptor = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return Refusal(Kind.UNREADABLE_FILE, {"reason": exc.strerror or str(exc)})
    try:
        info = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    if not stat.S_ISREG(info.st_mode):
        return Refusal(Kind.NOT_REGULAR_FILE, {"what": kind_of(info.st_mode)})
    if info.st_size > limit:
        return Refusal(
            Kind.FILE_TOO_LARGE, {"size": size_text(info.st_size), "what": what, "limit": size_text(limit)}
        )
    return None


def utf16(data: bytes) -> str | None:
    """``"UTF-16"`` (or ``"UTF-32"``) when ``data`` starts with that encoding's byte-order mark."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    return None
