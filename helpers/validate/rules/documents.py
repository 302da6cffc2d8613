"""Provenance: every document is an unedited file under seeds/, and every quote and hedge is in it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ...paths import document_root
from ..checks import Findings, Params, distinct_pairs
from ..limits import DOCUMENT_LIMIT
from ..problems import LISTED_PER_KIND, Kind, Problem
from ..quotes import closest_passage
from ..readable import refusal, utf16
from ..search import find_all
from .registry import Context, rule


def _read_document(path: Path, seeds: Path) -> str | bytes | None:
    """The document's bytes, None when it is missing, or why it cannot be used (as a sentence)."""
    refused = refusal(path, seeds, DOCUMENT_LIMIT, "a document")
    if refused is not None:
        return refused.problem("").detail
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    encoding = utf16(data)
    if encoding:
        return f"the file is {encoding}, not UTF-8 (save it as UTF-8)"
    return data


@rule(
    Kind.DOCUMENT_OUTSIDE_SEEDS,
    Kind.DOCUMENT_MISSING,
    Kind.DOCUMENT_UNREADABLE,
    Kind.DOCUMENT_CHANGED,
    reads={"documents": ("document_id", "path", "sha256")},
)
def read_documents(ctx: Context) -> list[Problem]:
    """Read every document's text, checking it lies under ``seeds/`` and matches its SHA-256."""
    documents, raw = ctx.typed["documents"], ctx.raws["documents"]
    root = document_root(ctx.folder)
    seeds = root / "seeds"
    findings = Findings(raw)
    missing, mismatch, outside = (pd.Series(False, index=documents.index) for _ in range(3))
    unreadable: dict[object, str] = {}
    for row, doc_id, rel, digest in documents[["document_id", "path", "sha256"]].itertuples():
        if pd.isna(rel) or "\x00" in rel:  # a NUL is reported as a forbidden character
            continue
        path = root / rel
        try:
            inside = path.resolve().is_relative_to(seeds.resolve())
        except (OSError, RuntimeError) as exc:  # a link loop, a folder that cannot be entered
            unreadable[row] = f"cannot read the file ({exc})"
            continue
        if not inside:
            outside[row] = True
            continue
        data = _read_document(path, seeds)
        if data is None:
            missing[row] = True
            continue
        if isinstance(data, str):
            unreadable[row] = data
            continue
        try:
            ctx.texts[doc_id] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            unreadable[row] = f"is not UTF-8: byte 0x{data[exc.start]:02x} at byte {exc.start + 1:,}"
            continue
        if isinstance(digest, str) and hashlib.sha256(data).hexdigest() != digest:
            mismatch[row] = True
    findings.flag(outside, "path", Kind.DOCUMENT_OUTSIDE_SEEDS)
    findings.flag(missing, "path", Kind.DOCUMENT_MISSING, {"root": root})
    broken = pd.Series(documents.index.isin(list(unreadable)), index=documents.index)
    findings.flag(
        broken, "path", Kind.DOCUMENT_UNREADABLE, lambda rows: [{"reason": unreadable[r]} for r in rows]
    )
    findings.flag(mismatch, "sha256", Kind.DOCUMENT_CHANGED)
    return findings.problems


@rule(Kind.QUOTE_NOT_VERBATIM, reads={"statements": ("document_id", "quote")})
def locate_quotes(ctx: Context) -> list[Problem]:
    """Add ``quote_start``/``quote_end`` character offsets; flag quotes absent from their document.

    The search runs once per distinct (document, quote) pair, not once per row; the closest
    passage, which is costly, is looked for only in the quotes that a report lists.
    """
    statements, texts = ctx.typed["statements"], ctx.texts
    codes, pairs = distinct_pairs(statements["document_id"], statements["quote"])
    by_document: dict[str, list[int]] = {}
    for k, (doc_id, quote) in enumerate(pairs):
        if doc_id in texts and isinstance(quote, str):
            by_document.setdefault(doc_id, []).append(k)
    starts = np.full(len(pairs), -2, dtype=np.int64)  # -2: no document to look in
    for doc_id, ks in by_document.items():
        starts[ks] = find_all(texts[doc_id], (pairs[k][1] for k in ks))
    found = starts[codes]
    out = statements.copy()
    out["quote_start"] = pd.Series(found, index=out.index).astype("Int64").mask(found < 0)
    out["quote_end"] = out["quote_start"] + out["quote"].str.len().astype("Int64")
    ctx.typed["statements"] = out

    def params(rows: pd.Index) -> list[Params]:
        listed: list[Params] = []
        for n, row in enumerate(rows):
            doc_id = statements.at[row, "document_id"]
            closest = ""
            if n < LISTED_PER_KIND:
                closest = f"; {closest_passage(texts[doc_id], statements.at[row, 'quote'])}"
            listed.append({"document": doc_id, "closest": closest})
        return listed

    findings = Findings(ctx.raws["statements"])
    findings.flag(pd.Series(found == -1, index=statements.index), "quote", Kind.QUOTE_NOT_VERBATIM, params)
    return findings.problems


@rule(Kind.HEDGE_NOT_IN_QUOTE, reads={"statements": ("hedge", "quote")})
def check_hedges(ctx: Context) -> list[Problem]:
    """A hedge is data taken from the quote, so it must occur there (case aside)."""
    statements = ctx.typed["statements"]
    codes, pairs = distinct_pairs(statements["hedge"], statements["quote"])
    absent = np.array(
        [isinstance(h, str) and isinstance(q, str) and h.lower() not in q.lower() for h, q in pairs],
        dtype=bool,
    )
    findings = Findings(ctx.raws["statements"])
    findings.flag(pd.Series(absent[codes], index=statements.index), "hedge", Kind.HEDGE_NOT_IN_QUOTE)
    return findings.problems
