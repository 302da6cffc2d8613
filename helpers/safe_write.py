"""Write files whole or not at all, and only where a file belongs; read them without being fooled.

Every file the workbook writes (the codebook, the briefing's pages and their list, notebooks) goes
through here. The bytes go to a new file in the target's folder, reach the disk (fsync), and only
then take the target's name (``os.replace``): a full disk, a size limit or a crash leaves the old
file or the new, never half of one. A symbolic link is followed only to a file inside its own
folder (one out of it could overwrite any file of the user's), and a folder, named pipe or device
is never written or read as a file; files are opened without blocking, so a named pipe cannot
stall a run. Every refusal and OS failure becomes :class:`FileError`: one line with the path and
the reason.

Files of the user's data, exports to a path of the user's, stored notebooks, drafts and the codebook
are written through :mod:`helpers.transaction`, which stages them here and adds a lock, a check that
nothing changed since it was read, and a journal, so that several files are replaced all or nothing
even across a crash; :func:`write_files` alone serves the briefing's pages, written in a staging
folder of their own that replaces the old one whole.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .errors import WorkbookError

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a symbolic link that leads nowhere",
}
_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file would pass the file-size limit",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENAMETOOLONG: "a name in the path is too long",
    errno.EBUSY: "it is in use or a mount point",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "too many symbolic links",
    errno.EIO: "input/output error",
}


class FileError(WorkbookError):
    """A file was not written or read; the message names the path and the reason, in one line."""


def reason(err: OSError) -> str:
    """An OS failure in a few words, for a one-line message."""
    return _REASONS.get(err.errno or 0) or err.strerror or str(err)


@contextmanager
def failing_as(action: str, path: Path) -> Iterator[None]:
    """Turn an OS failure inside the block into :class:`FileError` ("cannot write PATH: REASON")."""
    try:
        yield
    except OSError as err:
        raise FileError(f"cannot {action} {path}: {reason(err)}") from err
    except (RuntimeError, ValueError) as err:  # a link loop; a NUL byte in the name
        raise FileError(f"cannot {action} {path}: {err}") from err


def regular_target(path: Path, action: str) -> Path:
    """The file ``path`` names: itself, or where its links lead if that stays inside its folder."""
    folder = Path(os.path.realpath(path.parent))
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(folder):
        raise FileError(f"cannot {action} {path}: it is a symbolic link out of its folder")
    try:
        mode = os.lstat(real).st_mode
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(mode):
        raise _not_regular(path, action, mode)
    return real


def kind_of(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: "a folder", "a named pipe (FIFO)", ..."""
    return _KINDS.get(stat.S_IFMT(mode), "a regular file" if stat.S_ISREG(mode) else "not a file")


def _not_regular(path: Path, action: str, mode: int) -> FileError:
    return FileError(f"cannot {action} {path}: it is {kind_of(mode)}, not a regular file")


def write_files(files: Mapping[Path, bytes]) -> None:
    """Write each file whole; replace any of them only once all are written, so a failure changes none.

    Raises :class:`FileError`; no temporary file is left behind.
    """
    staged: list[tuple[Path, Path, Path]] = []  # temporary file, target, path as given
    try:
        for path, data in files.items():
            with failing_as("write", path):
                target = regular_target(path, "write")
                staged.append((stage(target, data), target, path))
        for temporary, target, path in staged:
            with failing_as("write", path):
                os.replace(temporary, target)
        for parent in {target.parent for _, target, _ in staged}:
            with failing_as("write", parent):
                fsync_folder(parent)
    finally:
        for temporary, _, _ in staged:
            temporary.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :func:`write_files`)."""
    write_files({path: data})


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` whole or not at all (see :func:`write_files`)."""
    write_files({path: text.encode("utf-8")})


def stage(target: Path, data: bytes, name: str | None = None) -> Path:
    """``data`` in a new file beside ``target`` (called ``name`` if given), on disk, with the mode the
    target has or would get."""
    while True:
        # Short and hidden, so the name fits beside any target and no reader takes it for one.
        temporary = target.with_name(name or f".{target.name[:40]}.{secrets.token_hex(4)}.tmp")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
            break
        except FileExistsError:
            if name:
                raise
            continue
    try:
        if target.exists():
            os.fchmod(handle, stat.S_IMODE(os.stat(target).st_mode))
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        os.fsync(handle)
    except BaseException:
        os.close(handle)
        temporary.unlink(missing_ok=True)
        raise
    os.close(handle)
    return temporary


def fsync_folder(folder: Path) -> None:
    """Put ``folder``'s entries on disk: a rename in it survives a crash once this returns."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def read_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file ``path``; None when there is none or it holds more than ``limit``.

    Raises :class:`FileError` for a link out of its folder, anything but a regular file, or an OS
    failure; a named pipe is refused without waiting for a writer.
    """
    with failing_as("read", path):
        target = regular_target(path, "read")
        try:
            handle = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        except FileNotFoundError:
            return None
        try:
            mode = os.fstat(handle).st_mode
            if not stat.S_ISREG(mode):  # it changed since it was checked
                raise _not_regular(path, "read", mode)
            chunks, size = [], 0
            while size <= limit and (chunk := os.read(handle, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(handle)
    return None if size > limit else b"".join(chunks)


def holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data`` (see :func:`read_bytes`)."""
    return read_bytes(path, len(data)) == data
