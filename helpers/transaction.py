"""Change a folder's files together: one writer at a time, nothing changed behind its back, all or nothing.

Every command and notebook that changes the user's data (adding reviewed rows, migrating) and every
export to a path of the user's goes through :func:`transaction`:

- **A lock per folder.** ``.workbook.lock`` in the folder is locked (``flock``) for the whole
  read, validate and write; a second writer waits up to :data:`LOCK_WAIT` seconds, then refuses in
  one line naming the process that holds it. The kernel drops the lock when its holder dies; the
  file is removed as its holder lets go, so none stays between writes.
- **Nothing changed since it was read.** Each file read (or watched) is fingerprinted by size and
  SHA-256; just before the write, under the lock, each is checked again. A hand edit in between is
  kept and the write refused, naming the file.
- **All or nothing across a crash.** ``.workbook.journal`` names every temporary file before it is
  made ("staging"), then, once all are on disk, says "commit" (written beside, fsynced, renamed in);
  only then are the temporary files renamed over their targets, and the journal removed last. The
  next transaction or load of the folder finishes a committed journal (every temporary file is still
  checked against its SHA-256) or removes the temporary files of one that never reached "commit", so
  after ``kill -9`` at any point the folder holds the old files or the new, and no temporary file.

Files are staged by :mod:`helpers.safe_write` (never through a link out of their folder, nor over a
pipe or device), in the folder itself or the seeds beside it. The codebook is written the same way,
under the lock; so are the stored notebooks, drafts and a review's decisions, each in its own folder
(:func:`replace_files`). Where an output outside the data may go is decided by
:func:`helpers.paths.misplaced` alone; the briefing, a folder replaced whole by one rename, holds its
output's lock through :func:`hold_lock`.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import re
import secrets
import socket
import stat
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .safe_write import FileError, failing_as, fsync_folder, kind_of, reason, regular_target, stage

LOCK_NAME = ".workbook.lock"
JOURNAL_NAME = ".workbook.journal"
LOCK_WAIT = 30.0  # seconds a second writer waits for the first (an add validates for seconds)
_POLL = 0.05
# A temporary file of the writers, beside its target: ".<name>.<8 hex>.tmp" (SQLite may add -journal).
_TEMPORARY = re.compile(r"^\..{1,40}\.[0-9a-f]{8}\.tmp(-journal|-wal|-shm)?$")
_SQLITE_SIDES = ("-journal", "-wal", "-shm")
_HELD: set[Path] = set()  # folders this process holds: its own loads do not wait for itself
_HELD_GUARD = threading.Lock()


class FolderBusy(FileError):
    """Another writer holds the folder's lock; the message names it, in one line."""


class FolderChanged(FileError):
    """A file changed after the writer read it; the message names the file, in one line."""


@dataclass(frozen=True)
class _Print:
    """What a file held when it was read: its size and SHA-256, or None for no file."""

    size: int
    sha256: str


def _fingerprint(path: Path) -> _Print | None:
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a named pipe put there cannot stall it
    except FileNotFoundError:
        return None
    with os.fdopen(handle, "rb") as f:  # streamed: a large file is not held in memory
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise FileError(f"cannot read {path}: it is {kind_of(mode)}, not a regular file")
        return _Print(os.fstat(handle).st_size, hashlib.file_digest(f, "sha256").hexdigest())


def _holder(lock: Path) -> str:
    """Who holds ``lock``, as its holder wrote it, or a plain "another process"."""
    try:
        said = lock.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        said = ""
    return said.splitlines()[0][:200] if said else "another process"


def _open_lock(lock: Path) -> int:
    with failing_as("lock", lock):
        regular_target(lock, "lock")
        return os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)


def _same_file(handle: int, lock: Path) -> bool:
    """Whether ``handle`` is still the file named ``lock`` (its holder removes it as it lets go)."""
    try:
        named = os.stat(lock, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _command() -> str:
    """What this process is, in a few words a user recognises: ``python -m helpers migrate data``."""
    program, *rest = sys.argv or [""]
    if "ipykernel" in program:
        return "a Jupyter notebook's kernel"
    if program.endswith(os.path.join("helpers", "__main__.py")):
        program = "python -m helpers"
    else:
        program = os.path.basename(program)
    return " ".join([program, *rest])[:80].replace("\n", " ")


def _lock(folder: Path, wait: float) -> tuple[int, Path]:
    """The open, locked lock file of ``folder`` and its path; :class:`FolderBusy` after ``wait`` seconds."""
    busy = f"{folder} is being changed by {{holder}}; nothing was written (try again when it is done)"
    return hold_lock(folder / LOCK_NAME, wait, busy)


def hold_lock(lock: Path, wait: float, busy: str) -> tuple[int, Path]:
    """Lock the file ``lock`` (made if missing), waiting up to ``wait`` seconds for its holder; return
    the open handle and the path for :func:`release_lock`. The one lock of every writer: the data's
    transactions and the briefing's output folder. Raises :class:`FolderBusy` with ``busy``, its
    ``{holder}`` filled in, or :class:`~helpers.safe_write.FileError` when it cannot be locked."""
    handle = _open_lock(lock)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _same_file(handle, lock):
                break
            os.close(handle)  # locked a file its holder removed as it let go: lock the one there now
            handle = _open_lock(lock)
            continue
        except OSError as err:
            if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(handle)
                raise FileError(f"cannot lock {lock}: {reason(err)}") from None
            if time.monotonic() >= deadline:
                os.close(handle)
                raise FolderBusy(busy.format(holder=_holder(lock))) from None
            time.sleep(_POLL)
    since = datetime.now(UTC).strftime("%H:%M:%S UTC")
    said = f"process {os.getpid()} on {socket.gethostname()} ({_command()}) since {since}"
    with suppress(OSError):  # who holds it, for a writer that must wait; the lock works without
        os.pwrite(handle, said.encode("utf-8", "replace") + b"\n", 0)
    return handle, lock


def release_lock(held: tuple[int, Path]) -> None:
    """Remove the lock file, then let go: no lock file stays in a folder between writes."""
    handle, lock = held
    with suppress(OSError):
        if _same_file(handle, lock):
            os.unlink(lock)
    os.close(handle)  # drops the lock


def _write_journal(folder: Path, state: str, entries: list[dict[str, str]]) -> None:
    """Replace the journal of ``folder`` whole and durably: a reader finds the old one or the new."""
    journal = folder / JOURNAL_NAME
    data = json.dumps({"state": state, "files": entries}, indent=1).encode("utf-8")
    with failing_as("write", journal):
        temporary = stage(journal, data, name=f".{JOURNAL_NAME}.{secrets.token_hex(4)}.tmp")
        try:
            os.replace(temporary, journal)
        finally:
            temporary.unlink(missing_ok=True)
        fsync_folder(folder)


def _remove_journal(folder: Path) -> None:
    journal = folder / JOURNAL_NAME
    with failing_as("remove", journal):
        journal.unlink(missing_ok=True)
        fsync_folder(folder)


def _sha256(path: Path) -> str | None:
    with failing_as("read", path):
        found = _fingerprint(path)
    return found.sha256 if found else None


def _places(folder: Path) -> tuple[Path, ...]:
    """The folders a transaction on ``folder`` may write in: itself, and the seeds beside it (the
    articles its documents name)."""
    return folder, Path(os.path.realpath(folder.parent / "seeds"))


def _entry(folder: Path, entry: object, journal: Path) -> tuple[Path, Path, str | None]:
    """A journal's line as (target, temporary file, SHA-256), once it is seen to be one this module
    wrote: a journal that came with a copied folder must not rename or remove anything else."""
    if (
        isinstance(entry, dict)
        and isinstance(entry.get("target"), str)
        and isinstance(entry.get("temporary"), str)
    ):
        target = Path(os.path.realpath(folder / entry["target"]))
        temporary = Path(os.path.realpath(folder / entry["temporary"]))
        if (
            target.parent == temporary.parent
            and target.parent in _places(folder)
            and _TEMPORARY.match(temporary.name)
            and temporary.name.startswith(f".{target.name[:40]}.")
        ):
            digest = entry.get("sha256")
            return target, temporary, digest if isinstance(digest, str) else None
    raise FileError(f"cannot finish an interrupted write: {journal} is not the workbook's (remove it)")


def _read_journal(journal: Path) -> object:
    """What the journal ``journal`` holds as JSON, or None when there is none or it is not whole."""
    with failing_as("read", journal):
        try:
            return json.loads(journal.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except ValueError:  # cut short before its rename: the journal's own temporary file is whole
            return None


def _journal_entries(folder: Path, found: object, journal: Path) -> list[tuple[Path, Path, str | None]]:
    """The (target, temporary file, SHA-256) lines of a read journal, each checked by :func:`_entry`."""
    entries = found.get("files", []) if isinstance(found, dict) else []
    return [_entry(folder, e, journal) for e in (entries if isinstance(entries, list) else [])]


def _roll_forward(pairs: list[tuple[Path, Path, str | None]], journal: Path) -> None:
    """Put each temporary file still there in its target's place, once its SHA-256 is the one the
    journal wrote; then make the renames durable."""
    for target, temporary, digest in pairs:
        if temporary.exists():
            if _sha256(temporary) != digest:
                raise FileError(
                    f"cannot finish the interrupted write of {target}: its temporary file "
                    f"{temporary.name} does not hold what was written; the journal {journal} is kept"
                )
            with failing_as("write", target):
                os.replace(temporary, target)
    for target in {t.parent for t, _, _ in pairs}:
        fsync_folder(target)


def _remove_temporaries(pairs: list[tuple[Path, Path, str | None]]) -> None:
    """Remove the journal's temporary files still there, with SQLite's side files: a write that never
    reached "commit" is rolled back."""
    for _, temporary, _ in pairs:
        for side in ("", *_SQLITE_SIDES):
            Path(f"{temporary}{side}").unlink(missing_ok=True)


def _sweep_temporaries(folder: Path) -> None:
    """Remove every regular file in ``folder`` named as a writer's temporary file."""
    for path in folder.iterdir():
        if _TEMPORARY.match(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def _finish(folder: Path) -> None:
    """Roll a journal left by a killed writer forward (it reached "commit") or back; then remove any
    temporary file of the writers left in ``folder``. The caller holds the lock."""
    journal = folder / JOURNAL_NAME
    found = _read_journal(journal)
    pairs = _journal_entries(folder, found, journal)
    if isinstance(found, dict) and found.get("state") == "commit":
        _roll_forward(pairs, journal)
    _remove_temporaries(pairs)
    if found is not None or journal.exists():
        _remove_journal(folder)
    _sweep_temporaries(folder)


def _left_over(folder: Path) -> bool:
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return any(name == JOURNAL_NAME or _TEMPORARY.match(name) for name in names)


def recover(folder: Path, wait: float = LOCK_WAIT) -> None:
    """Finish or undo what a killed writer left in ``folder``, if anything; cheap when nothing was.

    Called before the folder is read; a writer still at work is waited for. Raises :class:`FileError`.
    """
    folder = Path(os.path.realpath(folder))
    with _HELD_GUARD:
        if folder in _HELD:
            return  # this process is writing it: what is there is its own
    if not _left_over(folder) or not os.access(folder, os.W_OK):
        return
    held = _lock(folder, wait)
    try:
        _finish(folder)
    finally:
        release_lock(held)


class Transaction:
    """The files a writer read and will write in one folder, under its lock (see :func:`transaction`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._read: dict[Path, _Print | None] = {}
        self._writes: dict[Path, bytes | None] = {}  # None: a temporary file the caller fills
        self._temporary: dict[Path, Path] = {}
        self._entries: list[dict[str, str]] = []  # the journal's lines, in the order named
        self._entry: dict[Path, dict[str, str]] = {}  # the same lines by target
        self._committed = False  # the journal says "commit": a failure now is finished, not undone

    def watch(self, path: Path) -> None:
        """Remember what ``path`` holds now (or that there is none), to refuse the write if it changes."""
        path = Path(path)
        if path not in self._read:
            with failing_as("read", path):
                regular_target(path, "read")
                self._read[path] = _fingerprint(path)

    def read_bytes(self, path: Path) -> bytes:
        """The bytes of ``path``, remembered so that a change before the write is refused."""
        path = Path(path)
        with failing_as("read", path):
            regular_target(path, "read")
            data = path.read_bytes()
        self._read.setdefault(path, _Print(len(data), hashlib.sha256(data).hexdigest()))
        return data

    def write(self, path: Path, data: bytes | str) -> None:
        """Replace ``path`` with ``data`` (text as UTF-8) when the transaction commits."""
        self._writes[Path(path)] = data.encode("utf-8") if isinstance(data, str) else data

    def fill(self, path: Path) -> Path:
        """A new path, not yet a file, for the caller to write (SQLite makes its own file); it replaces
        ``path`` when the transaction commits."""
        path = Path(path)
        self._writes[path] = None
        return self._name(path)

    def _name(self, target: Path) -> Path:
        if target not in self._temporary:
            with failing_as("write", target):
                real = regular_target(target, "write")
            if real.parent not in _places(self.folder):
                raise FileError(f"cannot write {target}: it is outside {self.folder} and its seeds")
            temporary = real.with_name(f".{real.name[:40]}.{secrets.token_hex(4)}.tmp")
            self._temporary[target] = temporary
            self._entry[target] = {
                "target": os.path.relpath(real, self.folder),
                "temporary": os.path.relpath(temporary, self.folder),
            }
            self._entries.append(self._entry[target])
            _write_journal(self.folder, "staging", self._entries)  # named before it exists
        return self._temporary[target]

    def _changed(self) -> None:
        for path, was in self._read.items():
            with failing_as("read", path):
                now = _fingerprint(path)
            if now != was:
                what = "was removed" if now is None else "appeared" if was is None else "was changed"
                raise FolderChanged(
                    f"{path} {what} after it was read (by hand or another program?); nothing was "
                    "written and the file is kept as it is now (run again to write beside it)"
                )

    def commit(self) -> None:
        """Check nothing read has changed, stage every file, then replace them all at once."""
        if not self._writes:
            return  # nothing to keep from clobbering
        for target, data in self._writes.items():
            temporary = self._name(target)
            with failing_as("write", target):
                if data is None:
                    if not temporary.is_file():
                        raise FileError(f"cannot write {target}: nothing was written to its temporary file")
                    handle = os.open(temporary, os.O_RDONLY)
                    try:
                        os.fsync(handle)
                    finally:
                        os.close(handle)
                else:
                    stage(target, data, name=temporary.name)
        for target, temporary in self._temporary.items():
            self._entry[target]["sha256"] = _sha256(temporary) or ""
        self._changed()
        _write_journal(self.folder, "commit", self._entries)  # the point of no return
        self._committed = True
        try:
            for target, temporary in self._temporary.items():
                with failing_as("write", target):
                    os.replace(temporary, regular_target(target, "write"))
            for parent in {t.parent for t in self._temporary.values()}:
                with failing_as("write", parent):
                    fsync_folder(parent)
        except FileError as err:
            try:  # past the journal's "commit": finish, never undo
                _finish(self.folder)
            except FileError:
                raise FileError(
                    f"{err}; the write is finished by the next command on {self.folder}"
                ) from None
        _remove_journal(self.folder)
        self._writes.clear()
        self._temporary.clear()
        self._entries.clear()
        self._entry.clear()

    def _abandon(self) -> None:
        """Remove the temporary files of a transaction that did not commit, then its journal; one that
        failed while renaming is finished instead (or left to the next transaction, journal and all)."""
        if self._committed:
            with suppress(FileError):  # else the journal stays: the next transaction or load finishes it
                _finish(self.folder)
            return
        for temporary in self._temporary.values():
            for side in ("", *_SQLITE_SIDES):
                Path(f"{temporary}{side}").unlink(missing_ok=True)
        if self._entries:
            _remove_journal(self.folder)


@contextmanager
def transaction(folder: Path, wait: float = LOCK_WAIT) -> Iterator[Transaction]:
    """Hold ``folder``'s lock for the block, after finishing what a killed writer left there; the files
    the block gave to :meth:`Transaction.write` replace theirs when it ends without an exception
    (none does if one did). Raises :class:`FolderBusy`, :class:`FolderChanged` or :class:`FileError`."""
    folder = Path(os.path.realpath(folder))
    held = _lock(folder, wait)
    with _HELD_GUARD:
        _HELD.add(folder)
    try:
        _finish(folder)
        txn = Transaction(folder)
        try:
            yield txn
            txn.commit()
        except BaseException:
            txn._abandon()
            raise
    finally:
        with _HELD_GUARD:
            _HELD.discard(folder)
        release_lock(held)


def replace_files(files: Mapping[Path, bytes | str], wait: float = LOCK_WAIT) -> None:
    """Replace each file (text as UTF-8) under its folder's lock, a folder's files all or none, even
    across a crash; folders are made first. For files the workbook owns outside the data (stored
    notebooks, drafts, a review's decisions); the data's own go through :func:`transaction`."""
    with ExitStack() as stack:
        held: dict[Path, Transaction] = {}
        for given, data in files.items():
            path = Path(os.path.realpath(given))
            if path.parent not in held:
                with failing_as("make", path.parent):
                    path.parent.mkdir(parents=True, exist_ok=True)
                held[path.parent] = stack.enter_context(transaction(path.parent, wait))
            held[path.parent].write(path, data)
