"""The briefing's output folder: which folders the build may use, its lock, and the swap.

The build owns its output folder and replaces it whole: pages are written to a hidden staging folder
beside it, which then takes its place, so a reader sees the old pages or the new, never a mix. A
folder is replaced only when it is new, empty, or holds nothing but what a build wrote (listed in
its ``.briefing`` marker), so files someone put there are never deleted.
"""

from __future__ import annotations

import fcntl
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..paths import document_root, user_path
from ..safe_write import write_text

MARKER = ".briefing"  # in the output folder: the names of the files the build wrote, one a line
STAGING_PREFIX = ".briefing-"
PAGE_NAME = re.compile(r"index\.html|[0-9][0-9]_[^/]*\.html")  # pages of builds before the marker


class OutputError(Exception):
    """The output folder cannot be used; the message names it and the rule, in one line."""


def check_output(out: str | os.PathLike[str], data: Path) -> Path:
    """Resolve ``out`` and refuse a place the briefing must not go; return the resolved folder."""
    target = user_path(out, "output folder")
    if target == target.parent:
        raise OutputError(f"output folder {target} is the root of the file system")
    if target.exists() and not target.is_dir():
        raise OutputError(f"output folder {target} is a file; the briefing is written to a folder")
    for name, folder in (("data", data.resolve()), ("seeds", (document_root(data) / "seeds").resolve())):
        if target.is_relative_to(folder):
            raise OutputError(
                f"output folder {target} is inside the {name} folder {folder}; write it elsewhere"
            )
        if folder.is_relative_to(target):
            raise OutputError(
                f"output folder {target} holds the {name} folder {folder}; it would be replaced"
            )
    _check_writable(target)
    return target


def _check_writable(target: Path) -> None:
    # The parent takes the staging folder and the renames; an old output must let its pages go.
    parent = next(p for p in target.parents if p.exists())
    if not parent.is_dir():
        raise OutputError(f"output folder {target} is below {parent}, which is a file")
    for folder in [parent, target] if target.exists() else [parent]:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"output folder {target}: {folder} is not writable")


def check_replaceable(target: Path) -> None:
    """Refuse to replace a folder that holds files no build wrote: the swap would delete them."""
    if not target.exists():
        return
    names = {p.name for p in target.iterdir()}
    marker = target / MARKER
    if marker.is_file():
        foreign = sorted(names - {MARKER, *marker.read_text(encoding="utf-8").splitlines()})
    else:  # empty, or from a build before the marker: pages alone
        foreign = sorted(name for name in names if not PAGE_NAME.fullmatch(name))
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise OutputError(
            f"output folder {target} holds files the briefing did not write ({shown}); "
            "remove them or choose a new or empty folder"
        )


def write_marker(folder: Path, names: list[str]) -> None:
    """Record which files the build wrote, so a later build knows it may replace them."""
    write_text(folder / MARKER, "".join(f"{name}\n" for name in names))


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``target`` for the block; fail at once if another build holds it."""
    lock = target.parent / f".{target.name}.lock"
    missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    try:
        handle = _lock(lock, target)
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)  # while still held, so no build waits on a file about to vanish
            os.close(handle)
    finally:
        if not target.exists():  # nothing was built: take back the folders made for it
            _remove_empty(missing)


def _lock(lock: Path, target: Path) -> int:
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        return _acquire(lock)
    except BlockingIOError:
        raise OutputError(f"output folder {target} is in use: another briefing build is running") from None
    except OSError as err:
        raise OutputError(f"output folder {target}: cannot write in {lock.parent} ({err.strerror})") from err


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            return


def _acquire(lock: Path) -> int:
    while True:
        handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException:
            os.close(handle)
            raise
        # The build before us deletes the file as it finishes: hold the one that is still there.
        try:
            if os.path.samestat(os.fstat(handle), os.stat(lock)):
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A new hidden folder beside ``target`` for the pages; removed if it has not taken its place."""
    while True:
        folder = target.parent / f"{STAGING_PREFIX}{secrets.token_hex(4)}"
        try:
            folder.mkdir()  # unlike mkdtemp, with the usual permissions, which the output keeps
            break
        except FileExistsError:
            continue
        except OSError as err:
            raise OutputError(
                f"output folder {target}: cannot write in {folder.parent} ({err.strerror})"
            ) from err
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def swap_in(folder: Path, target: Path) -> None:
    """Put ``folder`` at ``target``: any old folder is renamed aside, replaced, then deleted.

    If the new folder cannot take its place, the old one is put back as it was.
    """
    if not target.exists():
        os.rename(folder, target)
        return
    shutil.copymode(target, folder)
    old = folder.with_name(f"{folder.name}-old")
    os.rename(target, old)
    try:
        os.rename(folder, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
