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

from ...errors import WorkbookError
from ...grammar import counted
from ...paths import PROJECT_ROOT, data_dir, misplaced
from ...transaction import JOURNAL_NAME, LOCK_NAME, replace_files
from ...validate import DataError
from ...validate.checks import FIRST_DAY, LAST_DAY
from ...validate.limits import DOCUMENT_LIMIT, size_text
from ...workbook import load_workbook
from .drafting import Article, Draft, draft_article
from .report import render

DRAFTS_DIR = PROJECT_ROOT / "drafts"


class DraftRefused(WorkbookError):
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
    title: str = ""


def parse_date(value: str) -> date:
    """A YYYY-MM-DD date, or :class:`DraftRefused` naming the value."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise DraftRefused(f"--published {value!r} is not a date written YYYY-MM-DD") from None
    if not FIRST_DAY <= pd.Timestamp(day) <= LAST_DAY:  # the days a data folder may hold
        raise DraftRefused(
            f"--published {value!r} is outside {FIRST_DAY:%Y-%m-%d} to {LAST_DAY:%Y-%m-%d}, "
            "the dates the data may hold"
        )
    return day


def read_article(path: Path, published: date, outlet: str, url: str, title: str = "") -> Article:
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
        article = Article.from_file(path, published, outlet, url, title)
    except UnicodeDecodeError as err:
        raise DraftRefused(f"{path} is not UTF-8 (byte {err.start + 1:,}): save it as UTF-8") from None
    except OSError as err:
        raise DraftRefused(f"{path}: cannot read it ({err.strerror or err})") from None
    if _utf16(article.text):  # valid UTF-8 byte by byte, but no article is half NUL: UTF-16 without a BOM
        raise DraftRefused(
            f"{path} has a NUL in every other byte, as UTF-16 without a byte-order mark has: save it as UTF-8"
        )
    return article


def _utf16(text: str) -> bool:
    """Whether ``text`` reads like UTF-16 decoded as UTF-8: NUL in every other character."""
    sample = text[:200]
    half = len(sample) // 4
    return len(sample) >= 4 and max(sample[1::2].count("\x00"), sample[0::2].count("\x00")) >= half


def output_folder(out: str | None, article: Path, data: Path) -> Path:
    """Where the draft goes: ``out`` or ``drafts/<stem>/``, never in the data or seeds folder, never
    through a symbolic link, and never into a folder holding anything but an earlier draft."""
    given = Path(out).expanduser() if out else DRAFTS_DIR / article.stem
    if given.is_symlink():
        raise DraftRefused(f"--out {given} is a symbolic link; a draft is a folder of its own")
    folder = given.resolve()
    refused = misplaced(folder, data, "--out", replaces_folder=True)
    if refused:
        raise DraftRefused(refused)
    if folder.exists() and not folder.is_dir():
        raise DraftRefused(f"--out {folder} is a file; a draft is a folder")
    others = sorted(p.name for p in folder.iterdir() if not _drafted(p.name)) if folder.is_dir() else []
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise DraftRefused(
            f"--out {folder} holds files the drafter did not write ({shown}); choose a new or empty folder"
        )
    return folder


DRAFT_FILES = frozenset({"documents.csv", "sources.csv", "statements.csv", "troop_claims.csv", "draft.md"})


def _drafted(name: str) -> bool:
    """Whether a file of this name is the drafter's: a draft file, or a temporary one a killed run left."""
    return (
        name in DRAFT_FILES
        or name in (LOCK_NAME, JOURNAL_NAME)
        or bool(re.fullmatch(r"\..+\.[0-9a-f]{8}\.tmp", name))
    )


def csv_text(frame: pd.DataFrame) -> str:
    """A table as the data folder's CSV files are written: UTF-8, LF, no index."""
    return str(frame.to_csv(index=False, lineterminator="\n"))


def write_draft(draft: Draft, folder: Path) -> None:
    """Write the draft's tables and report into ``folder``, all of them or none."""
    files: dict[Path, str | bytes] = {
        folder / f"{name}.csv": csv_text(t) for name, t in draft.tables().items()
    }
    files[folder / "draft.md"] = str(render(draft))
    replace_files(files)


def run(request: Request) -> str:
    """Draft the article as ``request`` asks; return the line to print. Raises :class:`DraftRefused`."""
    published = parse_date(request.published)
    folder = data_dir(request.data)
    article = read_article(request.article, published, request.outlet, request.url, request.title)
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
