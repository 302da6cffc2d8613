"""Rules that span tables or reach into the documents: provenance, dates and ranges."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..frames import lookup
from ..paths import document_root
from .arrow import isin
from .checks import Findings, Params, distinct_pairs
from .csvread import RawTable
from .files import refusal, utf16
from .limits import DOCUMENT_LIMIT
from .problems import LISTED_PER_KIND, Kind, Problem
from .quotes import closest_passage
from .search import find_all


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


def read_documents(
    documents: pd.DataFrame, raw: RawTable, folder: Path
) -> tuple[dict[str, str], list[Problem]]:
    """Read every document's text, checking it exists under ``seeds/`` and matches its SHA-256."""
    root = document_root(folder)
    seeds = root / "seeds"
    texts: dict[str, str] = {}
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
            texts[doc_id] = data.decode("utf-8")
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
    return texts, findings.problems


def locate_quotes(
    statements: pd.DataFrame, texts: dict[str, str], raw: RawTable
) -> tuple[pd.DataFrame, list[Problem]]:
    """Add ``quote_start``/``quote_end`` character offsets; flag quotes absent from their document.

    The search runs once per distinct (document, quote) pair, not once per row; the closest
    passage, which is costly, is looked for only in the quotes that a report lists.
    """
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

    def params(rows: pd.Index) -> list[Params]:
        out: list[Params] = []
        for n, row in enumerate(rows):
            doc_id = statements.at[row, "document_id"]
            closest = ""
            if n < LISTED_PER_KIND:
                closest = f"; {closest_passage(texts[doc_id], statements.at[row, 'quote'])}"
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
    published = lookup(statements["document_id"], published_by_id)
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


def reply_cycles(statement_ids: list[str], responds_to: list[object]) -> list[list[str]]:
    """Every loop of ``responds_to`` links, each listed once from its first statement in file order.

    Each statement answers at most one other, so following the links from each start, and
    stopping at anything seen on an earlier walk, finds every loop in linear time.
    """
    answers = {s: r for s, r in zip(statement_ids, responds_to, strict=True) if isinstance(r, str)}
    walk_of: dict[str, int] = {}
    cycles = []
    for walk, start in enumerate(answers):
        path, node = [], start
        while node in answers and node not in walk_of:
            walk_of[node] = walk
            path.append(node)
            node = answers[node]
        if (
            node in answers and walk_of[node] == walk and node != answers[node]
        ):  # self-replies: their own rule
            cycles.append(path[path.index(node) :])
    return cycles


def check_reply_cycles(statements: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """Replies cannot loop: following ``responds_to`` never comes back to where it started."""
    ids = statements["statement_id"]
    replies = statements.loc[statements["responds_to"].notna(), ["statement_id", "responds_to"]]
    for _ in range(3):  # a statement in a loop both answers and is answered: prune the rest first
        replies = replies[isin(replies["statement_id"], replies["responds_to"])]
    cycles = reply_cycles(replies["statement_id"].tolist(), replies["responds_to"].tolist())
    loops = {cycle[0]: " → ".join([*cycle, cycle[0]]) for cycle in cycles}
    broken = isin(ids, tuple(loops)) & ~ids.duplicated()  # one problem per loop, at its first statement
    findings = Findings(raw)
    findings.flag(
        broken, "responds_to", Kind.RESPONDS_TO_CYCLE, lambda rows: [{"cycle": loops[ids[r]]} for r in rows]
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
