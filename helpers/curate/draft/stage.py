"""Add reviewed rows to a data folder: validated first on a staged copy, then written all at once.

The rows get the next free ids (references between them follow), are fitted to the columns each
table of the folder has, and are appended to its CSV files without touching a byte of the rows already
there. The copy (tables, descriptor, and the seeds its documents name, with the new article) is
validated by :func:`helpers.load_workbook`; only if it loads is anything written, through one
:func:`helpers.transaction.transaction` (locked from the first read, refused if a file changed since,
all files or none even across a crash), or else nothing is and the problems are returned.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ...errors import WorkbookError
from ...grammar import counted
from ...paths import display_path, document_root
from ...safe_write import FileError
from ...transaction import LOCK_WAIT, Transaction, transaction
from ...validate import DataError
from ...validate.descriptor import load_descriptor
from ...workbook import load_workbook
from .columns import fit
from .ids import next_ids

ORDER = ("documents", "sources", "statements", "troop_claims", "ach_ratings")
REFERENCES = (
    ("statements", "same_as"),
    ("statements", "responds_to"),
    ("troop_claims", "statement_id"),
    ("ach_ratings", "statement_id"),
)  # columns that name a statement: they follow its new id
EITHER = (("statements", "same_as"), ("statements", "responds_to"))  # may name a draft or a curated row
PREFIXES = {
    "documents": ("document_id", "D"),
    "statements": ("statement_id", "S"),
    "troop_claims": ("claim_id", "TC"),
}


@dataclass
class Added:
    """What adding did: written or not, the problems found, and each table's new rows."""

    written: bool
    problems: str = ""
    rows: dict[str, pd.DataFrame] = field(default_factory=dict)
    reason: str = "the data would not validate"  # or the folder was busy or changed

    def summary(self) -> str:
        """One line: what was added, or why nothing was."""
        if not self.written:
            return f"nothing was written: {self.reason}"
        return "added: " + ", ".join(
            counted(len(f), n.rstrip("s").replace("_", " ")) for n, f in self.rows.items() if len(f)
        )


def _read(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


class Collision(WorkbookError, ValueError):
    """A draft's reference could mean a draft row or a curated one; the message names row and column."""


def _ambiguous(rows: dict[str, pd.DataFrame], current: dict[str, pd.DataFrame]) -> None:
    """Refuse a ``same_as`` or ``responds_to`` naming an id that both a draft statement and a curated
    one hold: renumbering would make it name the draft's row, whichever the analyst meant."""
    statements = rows.get("statements")
    if statements is None or statements.empty or "statements" not in current:
        return
    both = set(statements["statement_id"]) & set(current["statements"]["statement_id"])
    for table, column in EITHER:
        if not both or column not in statements:
            continue
        for own, value in zip(statements["statement_id"], statements[column], strict=True):
            if value in both:
                raise Collision(
                    f"{table}.csv, row {own}, column {column}: {value} is the id of a draft statement "
                    "and of one in the data; give the draft's row an id the data does not use"
                )


def renumber(rows: dict[str, pd.DataFrame], current: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``rows`` with the next free ids of ``current`` and every reference between them following; an id
    that names a curated row stays pointing at it. Raises :class:`Collision` when a ``same_as`` or
    ``responds_to`` could mean either."""
    _ambiguous(rows, current)
    out = {name: frame.copy() for name, frame in rows.items()}
    new_ids: dict[str, dict[str, str]] = {}
    for table, (key, prefix) in PREFIXES.items():
        frame = out.get(table)
        if frame is None or frame.empty:
            continue
        fresh = next_ids(current[table][key] if table in current else [], prefix)
        new_ids[table] = {old: next(fresh) for old in frame[key]}
        frame[key] = frame[key].map(new_ids[table])
    statement_ids = new_ids.get("statements", {})
    if "documents" in new_ids and "statements" in out:
        out["statements"]["document_id"] = (
            out["statements"]["document_id"]
            .map(new_ids["documents"])
            .fillna(out["statements"]["document_id"])
        )
    for table, column in REFERENCES:
        if table in out and column in out[table]:
            out[table][column] = out[table][column].map(lambda v: statement_ids.get(v, v))
    return out


def _seeds_to_copy(documents: pd.DataFrame) -> list[str]:
    return [
        p
        for p in documents.get("path", pd.Series(dtype=str))
        if isinstance(p, str) and p.startswith("seeds/")
    ]


def add_to_data(
    folder: Path, rows: dict[str, pd.DataFrame], article: bytes, article_name: str, wait: float = LOCK_WAIT
) -> Added:
    """Validate ``rows`` added to the data ``folder`` (with ``article`` saved as ``seeds/<name>``);
    write them all if the data then loads, or nothing. ``rows`` are in draft columns.

    The folder is locked from the first read to the last write (a second add waits up to ``wait``
    seconds), and nothing is written if a file read changed meanwhile: the refusal is returned, in
    one line naming the file or the process that holds the folder.
    """
    folder = folder.resolve()
    try:
        with transaction(folder, wait) as txn:
            return _add(txn, folder, rows, article, article_name)
    except FileError as err:
        return Added(False, reason=str(err))  # said by summary(): not a problem in the data


def _watch_folder(txn: Transaction, folder: Path) -> None:
    """Watch every file of ``folder`` that validation reads, as the staged copy takes it."""
    for path in sorted(folder.iterdir()):
        if not path.name.startswith(".") and path.suffix != ".md" and path.is_file():
            txn.watch(path)


def _copy_seeds(txn: Transaction, folder: Path, documents: pd.DataFrame, into: Path) -> None:
    """Copy into the folder ``into`` the seeds that ``documents`` name and ``folder``'s seeds hold,
    watching each."""
    for relative in _seeds_to_copy(documents):
        source = document_root(folder) / relative
        if source.is_file():
            txn.watch(source)
            target = into / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def _staged_error(
    txn: Transaction,
    folder: Path,
    documents: pd.DataFrame,
    texts: dict[str, str],
    paths: dict[str, Path],
    article: bytes,
    article_name: str,
) -> DataError | None:
    """Load a copy of ``folder`` with the tables' new ``texts`` and the article saved as a seed:
    the problems it has, or None when it loads."""
    with tempfile.TemporaryDirectory(prefix="workbook-add-") as tmp:
        staged = Path(tmp) / "data"
        shutil.copytree(folder, staged, ignore=shutil.ignore_patterns("*.md", ".*"))
        (Path(tmp) / "seeds").mkdir()
        _copy_seeds(txn, folder, documents, Path(tmp))
        (Path(tmp) / "seeds" / article_name).write_bytes(article)
        for name, text in texts.items():
            (staged / paths[name].name).write_text(text, encoding="utf-8")
        try:
            load_workbook(staged)
        except DataError as err:
            return err
    return None


def _write(
    txn: Transaction, paths: dict[str, Path], texts: dict[str, str], seed: Path, article: bytes
) -> None:
    """Have ``txn`` write the tables' new ``texts``, and the article as ``seed`` if it is new."""
    for name, text in texts.items():
        txn.write(paths[name], text)
    if not seed.exists():
        seed.parent.mkdir(parents=True, exist_ok=True)
        txn.write(seed, article)


def _add(
    txn: Transaction, folder: Path, rows: dict[str, pd.DataFrame], article: bytes, article_name: str
) -> Added:
    """:func:`add_to_data` under the folder's lock: every file read through ``txn``, written by it."""
    _watch_folder(txn, folder)
    package = load_descriptor(folder)
    paths = {name: folder / r.path for name, r in package.resources.items() if name in ORDER}
    missing = [name for name in ORDER if name in rows and len(rows[name]) and name not in paths]
    if missing:
        return Added(False, f"the data folder has no table {', '.join(missing)}")
    read = {name: txn.read_bytes(path) for name, path in paths.items()}
    current = {name: _read(data) for name, data in read.items()}
    try:
        numbered = renumber(rows, current)
    except Collision as err:
        return Added(False, reason=str(err))  # said by summary(): not a problem in the data
    fitted = {name: fit(frame, list(current[name].columns)) for name, frame in numbered.items() if len(frame)}
    seed = document_root(folder) / "seeds" / article_name
    txn.watch(seed)
    if seed.exists() and seed.read_bytes() != article:
        return Added(False, f"{display_path(seed, folder)} already holds another text; rename the article")
    texts = {name: _appended(read[name], frame) for name, frame in fitted.items()}
    documents = pd.concat([current["documents"], fitted.get("documents", pd.DataFrame())], ignore_index=True)
    error = _staged_error(txn, folder, documents, texts, paths, article, article_name)
    if error is not None:
        return Added(False, error.report(), fitted)
    _write(txn, paths, texts, seed, article)
    return Added(True, "", fitted)  # written as the block ends, all files at once


def _appended(data: bytes, rows: pd.DataFrame) -> str:
    """The CSV ``data`` with ``rows`` after its own, its own bytes unchanged."""
    text = data.decode("utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    return text + str(rows.to_csv(index=False, header=False, lineterminator="\n"))
