"""Rules that span tables or reach into the documents: provenance, dates and ranges."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from .checks import Findings, distinct_pairs, enum_codes
from .csvread import RawTable
from .paths import document_root
from .problems import Problem
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
    findings.flag(outside, "path", "document path", "must stay inside the seeds/ folder")
    findings.flag(missing, "path", "document exists", f"no such file under {root}")
    findings.flag(unreadable, "path", "document readable", "cannot be read as UTF-8 text")
    findings.flag(
        mismatch,
        "sha256",
        "document unchanged",
        "the file's SHA-256 differs: raw documents are never edited (restore it, or re-curate)",
    )
    return texts, findings.problems


def locate_quotes(
    statements: pd.DataFrame, texts: dict[str, str], raw: RawTable
) -> tuple[pd.DataFrame, list[Problem]]:
    """Add ``quote_start``/``quote_end`` character offsets; flag quotes absent from their document.

    The search runs once per distinct (document, quote) pair, not once per row.
    """
    codes, pairs = distinct_pairs(statements["document_id"], statements["quote"])
    starts = np.array(
        [texts[d].find(q) if d in texts and isinstance(q, str) else -2 for d, q in pairs], dtype=np.int64
    )
    found = starts[codes]
    out = statements.copy()
    out["quote_start"] = pd.Series(found, index=out.index).astype("Int64").mask(found < 0)
    out["quote_end"] = out["quote_start"] + out["quote"].str.len().astype("Int64")

    def detail(rows: pd.Index) -> list[str]:
        notes = []
        for row in rows:
            doc_id = statements.at[row, "document_id"]
            passage, hint = closest_passage(texts[doc_id], statements.at[row, "quote"])
            notes.append(f"not found in document {doc_id}; closest passage: “{passage}” ({hint})")
        return notes

    findings = Findings(raw)
    findings.flag(pd.Series(found == -1, index=statements.index), "quote", "quote verbatim", detail)
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
    findings.flag(broken, "hedge", "hedge in quote", "the hedging words must occur in the quote")
    return findings.problems


def check_statement_dates(statements: pd.DataFrame, documents: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """No statement can be dated after the document that reports it was published."""
    where = enum_codes(statements["document_id"], tuple(documents["document_id"]))
    published = documents["published"].to_numpy()[where]
    late = (statements["said_on"].to_numpy() > published) & (where >= 0)
    findings = Findings(raw)
    findings.flag(
        pd.Series(late, index=statements.index),
        "said_on",
        "said before published",
        "is after its document was published",
    )
    return findings.problems


def check_self_response(statements: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """A statement cannot respond to itself."""
    findings = Findings(raw)
    findings.flag(
        (statements["responds_to"] == statements["statement_id"]).fillna(False),
        "responds_to",
        "responds to another",
        "a statement cannot respond to itself",
    )
    return findings.problems


def check_count_range(claims: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """``count_low <= count <= count_high`` wherever the bounds are given."""
    findings = Findings(raw)
    findings.flag(
        (claims["count_low"] > claims["count"]).fillna(False),
        "count_low",
        "count range",
        "count_low must not exceed count",
    )
    findings.flag(
        (claims["count"] > claims["count_high"]).fillna(False),
        "count_high",
        "count range",
        "count_high must not be below count",
    )
    return findings.problems
