"""What the workbook hands to tools its readers already use, one module per format.

- :mod:`.claimreview`: ``claimreview.jsonld``, the current key judgements as schema.org ClaimReview;
- :mod:`.annotations`: ``annotations.jsonld``, every statement as a W3C Web Annotation of its document;
- :mod:`.sqlite` and :mod:`.datasette`: ``claims.db``, every table with its keys and full-text
  search, and ``claims.metadata.json``, the database's Datasette metadata.

:func:`write_exports` writes them all into one folder: the briefing's staging folder, so that they
are built all or nothing with its pages. :func:`export` writes one format to a path of its own,
whole or not at all, through :func:`helpers.transaction.transaction` (a database and its metadata
together, even across a crash). JSON is made by ``json.dumps`` alone (:mod:`.jsonld`); SQL takes every value
as a parameter.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from ...safe_write import FileError, reason, write_text
from ...transaction import transaction
from ...workbook import Workbook
from .annotations import annotation_collection
from .claimreview import build_time, claim_reviews, publication_date
from .datasette import metadata
from .jsonld import dumps
from .sqlite import write_database
from .target import ExportError, ExportFailed, check_target

__all__ = ["FORMATS", "NAMES", "ExportError", "ExportFailed", "build_time", "export", "write_exports"]

CLAIMREVIEW = "claimreview.jsonld"
ANNOTATIONS = "annotations.jsonld"
DATABASE = "claims.db"
FORMATS = ("sqlite", "claimreview", "annotations")


def metadata_path(database: Path) -> Path:
    """Where the Datasette metadata of ``database`` goes: ``claims.db`` -> ``claims.metadata.json``."""
    return database.with_suffix(".metadata.json")


NAMES = (CLAIMREVIEW, ANNOTATIONS, DATABASE, metadata_path(Path(DATABASE)).name)  # what the briefing holds


def _write_database(wb: Workbook, database: Path, meta: Path, name: str) -> None:
    write_database(wb, database)
    meta.write_text(dumps(metadata(wb, name)), encoding="utf-8")


def write_exports(wb: Workbook, folder: Path, built: datetime | None = None) -> list[str]:
    """Write every export of ``wb`` into ``folder``, which the caller made for them, as published by a
    build at ``built`` (default: :func:`.claimreview.build_time`); return the file names.

    Raises :class:`~helpers.safe_write.FileError` (one line) when the disk refuses a file.
    """
    write_text(folder / CLAIMREVIEW, dumps(claim_reviews(wb, published=publication_date(built))))
    write_text(folder / ANNOTATIONS, dumps(annotation_collection(wb)))
    database = folder / DATABASE
    try:
        _write_database(wb, database, metadata_path(database), database.stem)
    except (OSError, sqlite3.Error) as err:  # a full disk or a file-size limit, as SQLite reports it
        shown = reason(err) if isinstance(err, OSError) else str(err)
        raise FileError(f"cannot write {database}: {shown}") from None
    return list(NAMES)


METADATA_LIMIT = 64 << 20  # bytes read of a file that takes the metadata's name, to see whose it is


def _replaceable_metadata(path: Path) -> bool:
    """Whether ``path`` is free or holds Datasette metadata (an object with ``databases``), as an earlier
    export wrote it: a file of the user's that the command line did not name is never replaced."""
    if not path.exists():
        return True
    try:
        with path.open("rb") as f:
            found = json.loads(f.read(METADATA_LIMIT))
    except (OSError, ValueError):
        return False
    return isinstance(found, dict) and isinstance(found.get("databases"), dict)


def export(wb: Workbook, form: str, out: str | os.PathLike[str]) -> list[Path]:
    """Write ``wb`` as ``form`` (one of :data:`FORMATS`) to ``out``, replacing it whole; return the
    files written (a database comes with its metadata). Raises :class:`ExportError` for a target
    that may not be used, before anything is written."""
    if form not in FORMATS:
        raise ExportError(f"unknown export format {form!r}; choose one of {', '.join(FORMATS)}")
    target = check_target(out, wb.data_dir)
    if form == "sqlite":
        meta = check_target(metadata_path(target), wb.data_dir)
        if not _replaceable_metadata(meta):
            raise ExportError(
                f"export target {meta} holds a file this export did not write (not Datasette metadata); "
                "move it or name the database otherwise"
            )
        # One transaction: the database and its metadata are replaced together, or neither is.
        with transaction(target.parent) as txn:
            _write_database(wb, txn.fill(target), txn.fill(meta), target.stem)
        return [target, meta]
    document = claim_reviews(wb) if form == "claimreview" else annotation_collection(wb)
    with transaction(target.parent) as txn:
        txn.write(target, dumps(document))
    return [target]
