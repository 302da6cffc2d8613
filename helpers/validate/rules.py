"""Rules that span tables or reach into the documents: provenance, dates and ranges."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import document_root
from .checks import Findings, Params, distinct_pairs
from .csvread import RawTable
from .problems import LISTED_PER_KIND, Kind, Problem
from .quotes import closest_passage


def read_documents(
    documents: pd.DataFrame, raw: RawTable, folder: Path
) -> tuple[dict[str, str], list[Problem]]:
    """Read every document's text, checking it exists under ``seeds/`` and matches its SHA-256."""
    root = document_root(folder)
    texts: dict[str, str] = {}
    findings = Findings(raw)
    missing, unreadable, mismatch, outside = (pd.Series(False, index=documents.index) for _ in range(4))
    for row, doc_id, rel, digest in documents[["document_id", "path", "sha256"]].itertuples():
        if pd.isna(rel):
            continue
        path = (root / rel).resolve()
        if not path.is_relative_to(root / "seeds"):
            outside[row] = True
            continue
        try:
            data = path.read_bytes()
            texts[doc_id] = data.decode("utf-8")
        except FileNotFoundError:
            missing[row] = True
            continue
        except (OSError, UnicodeDecodeError):
            unreadable[row] = True
            continue
        if isinstance(digest, str) and hashlib.sha256(data).hexdigest() != digest:
            mismatch[row] = True
    findings.flag(outside, "path", Kind.DOCUMENT_OUTSIDE_SEEDS)
    findings.flag(missing, "path", Kind.DOCUMENT_MISSING, {"root": root})
    findings.flag(unreadable, "path", Kind.DOCUMENT_UNREADABLE)
    findings.flag(mismatch, "sha256", Kind.DOCUMENT_CHANGED)
    return texts, findings.problems


def locate_quotes(
    statements: pd.DataFrame, texts: dict[str, str], raw: RawTable
) -> tuple[pd.DataFrame, list[Problem]]:
    """Add ``quote_start``/``quote_end`` character offsets; flag quotes absent from their document.

    The search runs once per distinct (document, quote) pair, not once per row; the closest
    passage, which is costly, is looked for only in the quotes that a report lists.
    """
    codes, pairs = distinct_pairs(statements["document_id"], statements["quote"])
    starts = np.array(
        [texts[d].find(q) if d in texts and isinstance(q, str) else -2 for d, q in pairs], dtype=np.int64
    )
    found = starts[codes]
    out = statements.copy()
    out["quote_start"] = pd.Series(found, index=out.index).astype("Int64").mask(found < 0)
    out["quote_end"] = out["quote_start"] + out["quote"].str.len().astype("Int64")

    def params(rows: pd.Index) -> list[Params]:
        out: list[Params] = []
        for n, row in enumerate(rows):
            doc_id = statements.at[row, "document_id"]
            closest = ""
            if n < LISTED_PER_KIND:
                passage, hint = closest_passage(texts[doc_id], statements.at[row, "quote"])
                closest = f"; closest passage: “{passage}” ({hint})"
            out.append({"document": doc_id, "closest": closest})
        return out

    findings = Findings(raw)
    findings.flag(pd.Series(found == -1, index=statements.index), "quote", Kind.QUOTE_NOT_VERBATIM, params)
    return out, findings.problems


def check_hedges(statements: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """A hedge is data taken from the quote, so it must occur there (case aside)."""
    codes, pairs = distinct_pairs(statements["hedge"], statements["quote"])
    absent = np.array(
        [isinstance(h, str) and isinstance(q, str) and h.lower() not in q.lower() for h, q in pairs],
        dtype=bool,
    )
    broken = pd.Series(absent[codes], index=statements.index)
    findings = Findings(raw)
    findings.flag(broken, "hedge", Kind.HEDGE_NOT_IN_QUOTE)
    return findings.problems


def check_statement_dates(statements: pd.DataFrame, documents: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """No statement can be dated after the document that reports it was published.

    Documents are joined by key, so any number of them is looked up right; a repeated key (reported
    as such) is looked up at its first row.
    """
    first = documents.drop_duplicates("document_id")
    published_by_id = pd.Series(first["published"].to_numpy(), index=first["document_id"].to_numpy())
    published = statements["document_id"].map(published_by_id)
    late = (statements["said_on"] > published).fillna(False)
    findings = Findings(raw)

    def params(rows: pd.Index) -> list[Params]:
        return [{"published": f"{published[row]:%Y-%m-%d}"} for row in rows]

    findings.flag(late, "said_on", Kind.SAID_AFTER_PUBLISHED, params)
    return findings.problems


def check_self_response(statements: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """A statement cannot respond to itself."""
    findings = Findings(raw)
    findings.flag(
        (statements["responds_to"] == statements["statement_id"]).fillna(False),
        "responds_to",
        Kind.RESPONDS_TO_ITSELF,
    )
    return findings.problems


def check_count_range(claims: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """``count_low <= count <= count_high`` wherever the bounds are given."""
    findings = Findings(raw)
    findings.flag(
        (claims["count_low"] > claims["count"]).fillna(False),
        "count_low",
        Kind.COUNT_RANGE,
        {"reason": "count_low must not exceed count"},
    )
    findings.flag(
        (claims["count"] > claims["count_high"]).fillna(False),
        "count_high",
        Kind.COUNT_RANGE,
        {"reason": "count_high must not be below count"},
    )
    return findings.problems
