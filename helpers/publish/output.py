"""The briefing's output folder: which folders the build may use, its lock, and the swap.

The build owns its output folder and replaces it whole: pages are written to a hidden staging folder
beside it, which then takes its place, so a reader sees the old pages or the new, never a mix. A
folder is replaced only when it is new, empty, or holds nothing but what a build wrote (listed in
its ``.briefing`` marker), so files someone put there are never deleted.

A build killed outright (SIGKILL, a power cut) cannot clean up: its lock, staging folder, or the old
folder set aside by the swap stay beside the output. The next build of that output, once it holds
the lock (so no build that could own them is running), removes them, and puts the old folder back
first if the swap stopped halfway.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import WorkbookError
from ..paths import misplaced, user_path
from ..safe_write import FileError, read_bytes, reason, write_text
from ..transaction import FolderBusy, hold_lock, release_lock

MARKER = ".briefing"  # in the output folder: the names of the files the build wrote, one a line
MARKER_LIMIT = 1 << 20  # a longer marker is no build's
STAGING = ".briefing-"  # after ".<output folder's name>": a build's staging folder
OLD = "-old"  # after a staging folder's name: the output folder the swap set aside


class OutputError(WorkbookError):
    """The output folder cannot be used; the message names it and the rule, in one line."""


def check_output(out: str | os.PathLike[str], data: Path) -> Path:
    """Resolve ``out`` and refuse a place the briefing must not go; return the resolved folder."""
    target = user_path(out, "output folder")
    if target == target.parent:
        raise OutputError(f"output folder {target} is the root of the file system")
    if target.exists() and not target.is_dir():
        raise OutputError(f"output folder {target} is a file; the briefing is written to a folder")
    if os.path.ismount(target):  # its rename would fail (EBUSY), and only after the whole build
        raise OutputError(
            f"output folder {target} is a mount point, which cannot be replaced; choose a folder in it"
        )
    refused = misplaced(target, data, "output folder", replaces_folder=True)
    if refused:
        raise OutputError(refused)
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
    """Refuse to replace a folder that holds anything no build wrote: the swap would delete it.

    Only the files its ``.briefing`` marker lists, and the marker, may be there; a folder without a
    marker must be empty. A marker that is not a regular UTF-8 file is itself a stranger.
    """
    if not target.exists():
        return
    written = _written(target)
    try:
        foreign = sorted(
            name
            for name in os.listdir(target)
            if name not in written or not stat.S_ISREG(os.lstat(target / name).st_mode)
        )
    except OSError as err:
        raise OutputError(f"output folder {target} cannot be read ({reason(err)})") from err
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise OutputError(
            f"output folder {target} holds files the briefing did not write ({shown}); "
            "remove them or choose a new or empty folder"
        )


def _written(target: Path) -> set[str]:
    """The names a build wrote in ``target``, the marker's own among them; none without a marker."""
    try:
        listed = read_bytes(target / MARKER, MARKER_LIMIT)
        return {MARKER, *listed.decode("utf-8").splitlines()} if listed is not None else set()
    except (FileError, UnicodeDecodeError):
        return set()


def write_marker(folder: Path, names: list[str]) -> None:
    """Record which files the build wrote, so a later build knows it may replace them."""
    write_text(folder / MARKER, "".join(f"{name}\n" for name in names))


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold ``.<name>.lock`` beside ``target`` for the block; fail at once if another build holds it.

    A lock file left by a killed build is held by no one, so it is taken like a new one; once it
    is held, what that build left is cleared (:func:`clear_leftovers`).
    """
    lock = target.parent / f".{target.name}.lock"
    missing = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    try:
        held = _lock(lock, target)
        try:
            clear_leftovers(target)
            yield
        finally:
            release_lock(held)  # removes the file while still held: no build waits on one about to vanish
    finally:
        if not target.exists():  # nothing was built: take back the folders made for it
            _remove_empty(missing)


def _lock(lock: Path, target: Path) -> tuple[int, Path]:
    busy = f"output folder {target} is in use by {{holder}}: another briefing build is running"
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _cannot_write(target, lock.parent, err) from err
    try:
        return hold_lock(lock, 0.0, busy)
    except FolderBusy as err:
        raise OutputError(str(err)) from None
    except FileError as err:
        raise OutputError(f"output folder {target}: {err}") from None


def _cannot_write(target: Path, folder: Path, err: OSError) -> OutputError:
    return OutputError(f"output folder {target}: cannot write in {folder} ({reason(err)})")


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # deepest first
        try:
            folder.rmdir()
        except OSError:
            return


def _leftovers(target: Path) -> list[Path]:
    """The staging and set-aside folders of builds of ``target``: a build's are named after it."""
    own = re.compile(re.escape(f".{target.name}{STAGING}") + f"[0-9a-f]{{8}}(?:{OLD})?")
    try:
        return [p for p in target.parent.iterdir() if own.fullmatch(p.name) and not p.is_symlink()]
    except OSError:  # a folder that cannot be listed: nothing is known to be left over
        return []


def clear_leftovers(target: Path) -> None:
    """Remove what killed builds of ``target`` left beside it; call only while holding its lock.

    With the lock held no other build of ``target`` runs, so every staging folder found is a dead
    build's. If the swap was cut between its two renames, ``target`` is missing and the old folder
    waits under its set-aside name: it is put back first.
    """
    found = _leftovers(target)
    aside = sorted((p for p in found if p.name.endswith(OLD)), key=lambda p: p.stat().st_ctime)
    if aside and not target.exists():
        try:
            os.rename(aside[-1], target)
        except OSError as err:
            raise OutputError(
                f"output folder {target} is missing; its last pages are in {aside[-1]}, "
                f"which cannot be put back ({reason(err)})"
            ) from err
        found.remove(aside[-1])
    for folder in found:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A new hidden folder beside ``target`` for the pages; removed if it has not taken its place."""
    while True:
        folder = target.parent / f".{target.name}{STAGING}{secrets.token_hex(4)}"
        try:
            folder.mkdir()  # unlike mkdtemp, with the usual permissions, which the output keeps
            break
        except FileExistsError:
            continue
        except OSError as err:
            raise _cannot_write(target, folder.parent, err) from err
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def swap_in(folder: Path, target: Path) -> None:
    """Put ``folder`` at ``target``: any old folder is renamed aside, replaced, then deleted.

    If the new folder cannot take its place, the old one is put back as it was and
    :class:`OutputError` says why.
    """
    old = folder.with_name(f"{folder.name}{OLD}")
    try:
        if not target.exists():
            os.rename(folder, target)
            return
        shutil.copymode(target, folder)
        os.rename(target, old)
        try:
            os.rename(folder, target)
        except BaseException:
            os.rename(old, target)
            raise
    except OSError as err:
        raise OutputError(f"output folder {target} could not be replaced ({reason(err)})") from err
    shutil.rmtree(old, ignore_errors=True)
