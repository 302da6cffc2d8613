"""Where the workbook's files live: the one module that knows the project's layout."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import WorkbookError
from .safe_write import reason

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
BRIEFINGS_DIR = PROJECT_ROOT / "briefings"
# The frozen reference data: the stored notebooks and every test of exact figures read it, so that
# an analyst's new rows in data/ change neither (see tests/fixtures/README.md).
REFERENCE_DATA_DIR = PROJECT_ROOT / "tests" / "fixtures" / "seed" / "data"
DESCRIPTOR_NAME = "datapackage.json"
DATA_ENV = "WORKBOOK_DATA"
NAME_MAX = 255  # bytes in one name of a path, on the file systems Linux uses


class PathError(WorkbookError, ValueError):
    """A path the user gave cannot name a file; the message says which and why, in one line."""


def user_path(given: str | os.PathLike[str], what: str) -> Path:
    """``given`` (``what``: "data folder", ...) with ``~`` expanded, absolute and resolved.

    Raises :class:`PathError` for an empty path (it would mean the current folder unsaid), a ``~user``
    that is no user here, a name longer than the file system holds, or a path that cannot be resolved
    (a link loop).
    """
    text = os.fspath(given)
    if not text:
        raise PathError(f"{what} '': an empty path names no folder")
    try:
        path = Path(text).expanduser()
    except RuntimeError:
        user = text.split("/", 1)[0]
        raise PathError(f"{what} {text}: {user} names no user of this machine") from None
    longest = max((len(os.fsencode(part)) for part in path.parts), default=0)
    if longest > NAME_MAX:
        raise PathError(f"{what} {text}: a name in it is {longest:,} bytes long; the limit is {NAME_MAX}")
    try:
        return path.resolve()
    except OSError as err:
        raise PathError(f"{what} {text}: {reason(err)}") from err
    except RuntimeError:
        raise PathError(f"{what} {text}: its symbolic links lead in a circle") from None
    except ValueError as err:  # a NUL byte, which no path holds
        raise PathError(f"{what} {text}: {err}") from None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder: ``override``, else ``$WORKBOOK_DATA``, else the project's ``data/``.

    Raises :class:`PathError` when the path cannot name a folder.
    """
    chosen = override if override is not None else os.environ.get(DATA_ENV) or DEFAULT_DATA_DIR
    return user_path(chosen, "data folder")


def briefing_dir(folder: Path) -> Path:
    """Where a data folder's briefing goes unless told: ``briefings/`` for the project's ``data/``,
    else ``briefings-<dataset>/`` beside it (a dataset's name is its folder's, or its parent's when the
    folder is called ``data``). Never inside ``briefings/``, which each build replaces whole."""
    folder = folder.resolve()
    if folder == DEFAULT_DATA_DIR.resolve():
        return BRIEFINGS_DIR
    name = folder.parent.name if folder.name == "data" else folder.name
    return PROJECT_ROOT / f"briefings-{name}"


def document_root(folder: Path) -> Path:
    """Return the folder that document paths (``seeds/...``) resolve against: the data folder's parent."""
    return folder.parent


def display_path(path: Path, folder: Path) -> str:
    """Name ``path`` as a user would type it: relative to the data folder's parent when inside it."""
    try:
        return path.relative_to(document_root(folder)).as_posix()
    except ValueError:
        return str(path)


def as_typed(path: Path) -> str:
    """``path`` as a user would type it at the project's prompt: relative to the working folder when
    inside it, else absolute."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(path)


def protected_folders(data: Path) -> dict[str, tuple[Path, ...]]:
    """The folders no output may enter or hold, by name: the data folder in use and the project's
    ``data/``, and the seeds beside each (the articles the documents name)."""
    return {
        "data": _distinct(data, DEFAULT_DATA_DIR),
        "seeds": _distinct(document_root(data) / "seeds", SEEDS_DIR),
    }


def _distinct(*folders: Path) -> tuple[Path, ...]:
    return tuple(dict.fromkeys(Path(os.path.realpath(f)) for f in folders))


def misplaced(target: Path, data: Path, what: str, *, replaces_folder: bool) -> str | None:
    """Why ``target`` (``what``: "output folder", "export target", ...) may not be written, or None.

    The one rule for every output of the workbook (briefing, draft, export): never inside the data or
    seeds folders, which only an add or a migrate changes, and, for an output that replaces a folder
    whole, never a folder that holds them. The data folder's own files are written by
    :mod:`helpers.transaction`, which keeps to that folder and its seeds.
    """
    place = Path(os.path.realpath(target))
    for name, folders in protected_folders(data).items():
        for folder in folders:
            if place.is_relative_to(folder):
                return f"{what} {target} is inside the {name} folder {folder}; write it elsewhere"
            if replaces_folder and folder.is_relative_to(place):
                return f"{what} {target} holds the {name} folder {folder}; it would be replaced"
    return None
