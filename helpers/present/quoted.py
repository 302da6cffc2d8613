"""Each document's text with every curated quote highlighted where the loader found it, and each
statement linked to its quote and back: the first thing a reviewer checks.

The text is the stored copy the quotes were checked against (under ``seeds/``), shown as it is,
line breaks kept; every character from it is escaped. Quotes may overlap: a passage two statements
share is marked once with both ids. A long document shows the passages around its quotes and says
how much it leaves out; a long list of documents shows the first ones and counts the rest.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from urllib.parse import quote as url_quote

import pandas as pd

from ..grammar import counted
from ..workbook import Workbook
from .sentences import cut_quote
from .styled_tables import said_on_words

MAX_DOCUMENTS = 40  # documents shown whole on the page; the rest are counted
LONG_TEXT = 12_000  # characters: a longer document shows only the passages around its quotes
CONTEXT = 400  # characters kept on each side of a quote in a long document
STYLE = """<style>
.document-text { white-space: pre-wrap; border-left: 3px solid #ccc; padding: 0.2rem 0 0.2rem 0.8rem;
                 line-height: 1.5; max-width: 46rem; }
.document-text mark { background: #fde68a; padding: 0 1px; }
.document-text .omitted { color: #555; font-style: italic; }
.quote-ref { font-size: 0.7em; }
.document-text a, .quote-ref a { text-decoration: underline; }
</style>"""


@dataclass(frozen=True)
class Span:
    """A quote's place in its document: ``[start, end)`` in characters, and its statement."""

    start: int
    end: int
    statement_id: str


def anchor(prefix: str, statement_id: str) -> str:
    """An element id for a statement (``quote-S01``), safe in an attribute and in a URL fragment."""
    return f"{prefix}-{url_quote(statement_id, safe='')}"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _kept(length: int, spans: list[Span]) -> list[tuple[int, int]]:
    """The parts of a text shown: all of it, or in a long text the quotes with some context."""
    if length <= LONG_TEXT or not spans:
        return [(0, length)]
    windows = sorted((max(0, s.start - CONTEXT), min(length, s.end + CONTEXT)) for s in spans)
    merged = [windows[0]]
    for start, end in windows[1:]:
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def marked_text(text: str, spans: list[Span]) -> str:
    """``text`` as HTML with each span in a ``<mark>`` naming its statements, an anchor where each
    quote starts and a link back to its statement where it ends; long stretches without a quote are
    left out and counted."""
    inside = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[Span]] = {}
    for s in inside:
        starts.setdefault(s.start, []).append(s)
        ends.setdefault(s.end, []).append(s)
    out: list[str] = []
    shown_to = 0
    for first, last in _kept(len(text), inside):
        if first > shown_to:
            out.append(_omitted(first - shown_to))
        cuts = sorted(
            {first, last, *(p for p in starts if first <= p < last), *(p for p in ends if first < p <= last)}
        )
        active = {s.statement_id: s for s in inside if s.start < first < s.end}
        for a, b in itertools.pairwise(cuts):
            for s in ends.get(a, []):
                if active.pop(s.statement_id, None) is not None:
                    out.append(_back_link(s.statement_id))
            for s in starts.get(a, []):
                active[s.statement_id] = s
                out.append(f'<span id="{anchor("quote", s.statement_id)}"></span>')
            piece = _escape(text[a:b])
            if active:
                ids = _escape(" ".join(sorted(active)))
                out.append(f'<mark title="{ids}">{piece}</mark>')
            else:
                out.append(piece)
        for s in ends.get(last, []):
            if active.pop(s.statement_id, None) is not None:
                out.append(_back_link(s.statement_id))
        shown_to = last
    if shown_to < len(text):
        out.append(_omitted(len(text) - shown_to))
    return "".join(out)


def _back_link(statement_id: str) -> str:
    label = _escape(statement_id)
    return f'<sup class="quote-ref"><a href="#{anchor("statement", statement_id)}">{label}</a></sup>'


def _omitted(chars: int) -> str:
    return f'<span class="omitted">[… {chars:,} characters without a curated quote …]</span>'


class QuotedDocuments:
    """The documents appendix's text: HTML for the page and the notebook, a line for a terminal."""

    def __init__(self, body: str, summary: str) -> None:
        self.body = body
        self.summary = summary

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:
        return self.summary

    def __str__(self) -> str:
        return self.body


def _statement_item(row: pd.Series) -> str:
    sid = str(row["statement_id"])
    where = (
        f'<a href="#{anchor("quote", sid)}">{_escape(sid)}</a>'
        if pd.notna(row["quote_start"])
        else f"{_escape(sid)} (its quote was not found in this text)"
    )
    words = f"{row['source']}, {row['stance']}, {row['said']}: “{cut_quote(str(row['quote']))}”"
    return f'<li id="{anchor("statement", sid)}">{where} {_escape(words)}</li>'


def documents_with_quotes(wb: Workbook) -> QuotedDocuments:
    """Every document (the first :data:`MAX_DOCUMENTS` by date) with its quotes highlighted, then
    its statements, each linked to its quote."""
    docs = wb.documents.sort_values(["published", "document_id"])
    statements = wb.statements.assign(
        said=said_on_words(wb.statements).to_numpy(),
        source=wb.statements["source_id"]
        .map(wb.sources.set_index("source_id")["label"])
        .fillna(wb.statements["source_id"]),
        stance=wb.statements["stance"].astype(str),
    ).sort_values(["document_id", "quote_start", "statement_id"], na_position="last")
    by_document = dict(tuple(statements.groupby("document_id", sort=False)))
    parts = []
    for doc in docs.head(MAX_DOCUMENTS).itertuples(index=False):
        doc_id = str(doc.document_id)
        taken = by_document.get(doc_id, statements.iloc[0:0])
        located = taken[taken["quote_start"].notna()]
        spans = [
            Span(int(s), int(e), str(i))
            for s, e, i in zip(
                located["quote_start"], located["quote_end"], located["statement_id"], strict=True
            )
        ]
        outlet = "" if pd.isna(doc.outlet) else f", {doc.outlet}"
        published = "" if pd.isna(doc.published) else f", {doc.published:%-d %B %Y}"
        items = "".join(_statement_item(row) for _, row in taken.iterrows())
        parts.append(
            f'<section class="quoted-document" id="{anchor("document", doc_id)}">'
            f"<h3>{_escape(f'{doc_id}: {doc.title}{outlet}{published}')}</h3>"
            f'<div class="document-text">{marked_text(wb.texts.get(doc_id, ""), spans)}</div>'
            f"<p>{_escape(counted(len(taken), 'statement').capitalize())} taken from it:</p>"
            f'<ol class="document-statements">{items}</ol></section>'
        )
    rest = len(docs) - MAX_DOCUMENTS
    if rest > 0:
        parts.append(
            f"<p>{_escape(counted(rest, 'more document'))} not shown here; their texts are under seeds/.</p>"
        )
    shown = min(len(docs), MAX_DOCUMENTS)
    summary = f"{counted(shown, 'document')} with {counted(len(statements), 'quote')} marked in their text"
    return QuotedDocuments(STYLE + "".join(parts), summary)
