"""``python -m helpers draft ARTICLE --data DATA --published YYYY-MM-DD --outlet NAME --url URL [--out DIR]``.

Reads the article, drafts its rows against the data folder and writes the draft folder (default
``drafts/<article stem>/``): ``documents.csv``, ``sources.csv`` (new sources), ``statements.csv``,
``troop_claims.csv`` and ``draft.md``. Never writes into the data or seeds folder. A bad argument is
one line on stderr, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ...paths import PROJECT_ROOT, data_dir, document_root
from ...validate import DataError
from ...validate.limits import DOCUMENT_LIMIT, size_text
from ...words import counted
from ...workbook import load_workbook
from .drafting import Article, Draft, draft_article
from .report import render
from .write import write_files

DRAFTS_DIR = PROJECT_ROOT / "drafts"


class DraftRefused(Exception):
    """The draft cannot be made; the message says why in one line."""


@dataclass(frozen=True)
class Request:
    """What the command line asks for."""

    article: Path
    data: str | None
    published: str
    outlet: str = ""
    url: str = ""
    out: str | None = None


def parse_date(value: str) -> date:
    """A YYYY-MM-DD date, or :class:`DraftRefused` naming the value."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise DraftRefused(f"--published {value!r} is not a date written YYYY-MM-DD") from None


def read_article(path: Path, published: date, outlet: str, url: str) -> Article:
    """The article at ``path``, or :class:`DraftRefused` saying why it cannot be read."""
    if not path.exists():
        raise DraftRefused(f"{path}: no such file")
    if not path.is_file():
        raise DraftRefused(f"{path} is not a regular file")
    if path.stat().st_size > DOCUMENT_LIMIT:
        raise DraftRefused(f"{path} is larger than {size_text(DOCUMENT_LIMIT)}, the limit for a document")
    if url and not re.fullmatch(r"https?://\S+", url):
        raise DraftRefused(f"--url {url!r} is not an http(s) address")
    try:
        return Article.from_file(path, published, outlet, url)
    except UnicodeDecodeError as err:
        raise DraftRefused(f"{path} is not UTF-8 (byte {err.start + 1:,}): save it as UTF-8") from None
    except OSError as err:
        raise DraftRefused(f"{path}: cannot read it ({err.strerror or err})") from None


def output_folder(out: str | None, article: Path, data: Path) -> Path:
    """Where the draft goes: ``out`` or ``drafts/<stem>/``, never in the data or seeds folder."""
    folder = Path(out).expanduser().resolve() if out else DRAFTS_DIR / article.stem
    for name, protected in (("data", data), ("seeds", document_root(data) / "seeds")):
        if folder.is_relative_to(protected.resolve()) or protected.resolve().is_relative_to(folder):
            raise DraftRefused(f"--out {folder} is in or holds the {name} folder; drafts go elsewhere")
    if folder.exists() and not folder.is_dir():
        raise DraftRefused(f"--out {folder} is a file; a draft is a folder")
    return folder


def csv_text(frame: pd.DataFrame) -> str:
    """A table as the data folder's CSV files are written: UTF-8, LF, no index."""
    return str(frame.to_csv(index=False, lineterminator="\n"))


def write_draft(draft: Draft, folder: Path) -> None:
    """Write the draft's tables and report into ``folder``, all of them or none."""
    files: dict[Path, str | bytes] = {
        folder / f"{name}.csv": csv_text(t) for name, t in draft.tables().items()
    }
    files[folder / "draft.md"] = str(render(draft))
    write_files(files)


def run(request: Request) -> str:
    """Draft the article as ``request`` asks; return the line to print. Raises :class:`DraftRefused`."""
    published = parse_date(request.published)
    folder = data_dir(request.data)
    article = read_article(request.article, published, request.outlet, request.url)
    target = output_folder(request.out, request.article, folder)
    try:
        wb = load_workbook(folder)
    except DataError as err:
        raise DraftRefused(
            f"the data folder {folder} has {counted(len(err.problems), 'problem')}: "
            f"run `python -m helpers validate {folder}`"
        ) from None
    draft = draft_article(article, wb)
    write_draft(draft, target)
    st = draft.statements
    unsure = int((st["confidence"] != "high").sum())
    return (
        f"draft written: {target} ({counted(len(st), 'statement')}, "
        f"{counted(len(draft.troop_claims), 'troop number')}, {counted(len(draft.sources), 'new source')}; "
        f"{unsure} to check closely: see draft.md)"
    )
