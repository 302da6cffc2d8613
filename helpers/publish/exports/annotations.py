"""Every statement as a W3C Web Annotation on its document: an ``AnnotationCollection`` in JSON-LD.

Each annotation's target is the statement's document: its URL, or ``urn:sha256:<hex>`` of its
stored text where it has none, with ``schema:sha256`` the digest of the stored text that the
selectors count in (a page at the URL may have changed since). Two selectors find the quote:

- a ``TextQuoteSelector`` with the quote and about 32 characters either side, widened until the
  three together occur once in the text, so that it re-anchors in one place only;
- a ``TextPositionSelector``: the quote's offsets in Unicode code points, as the loader found them.

The bodies say who spoke and how (plain text, one ``purpose`` each): ``describing``, a sentence with
the speaker, stance, proposition and Admiralty grade; ``identifying``, the speaker; ``classifying``,
the proposition; ``tagging``, the stance and the grade (``B2``; a letter alone for a statement that
is not about a fact). Ids are ``urn:uuid`` names made from the package and statement ids, so the
same statement keeps its id from one build to the next. With no statement the collection is empty
(``total`` 0, no page).
"""

from __future__ import annotations

import uuid
from typing import Any

import pandas as pd

from ...analysis.admiralty import CREDIBILITY, RELIABILITY
from ...frames import keyed
from ...workbook import Workbook
from .documents import Document, documents, text_or_blank
from .package import Agent, credits

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # of text either side of a quote, as annotation tools usually record
STANCE_WORDS = {
    "affirms": "affirms",
    "denies": "denies",
    "uncertain": "is uncertain",
    "no evidence": "says there is no evidence",
    "conditional": "affirms on a condition",
}


def urn(*names: str) -> str:
    """A stable ``urn:uuid`` for a name made of ``names`` (the same names, the same id)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "claims-workbook:" + "/".join(names)).urn


def _occurs_once(text: str, part: str) -> bool:
    first = text.find(part)
    return first >= 0 and text.find(part, first + 1) < 0  # overlapping repeats count too


def quote_selector(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> dict[str, Any]:
    """The W3C ``TextQuoteSelector`` of ``text[start:end]``, its context widened until it is unique."""
    exact = text[start:end]
    while True:
        prefix, suffix = text[max(0, start - width) : start], text[end : end + width]
        if _occurs_once(text, prefix + exact + suffix) or (width >= start and end + width >= len(text)):
            break  # the whole text around the quote occurs once by definition
        width *= 2
    return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}


def position_selector(start: int, end: int) -> dict[str, Any]:
    """The W3C ``TextPositionSelector``: offsets in Unicode code points, the end excluded."""
    return {"type": "TextPositionSelector", "start": start, "end": end}


def grade(reliability: str, credibility: int | None) -> str:
    """The Admiralty grade, ``B2``, or the reliability alone for a statement that is not about a fact."""
    return reliability if credibility is None else f"{reliability}{credibility}"


def _grade_words(reliability: str, credibility: int | None) -> str:
    said = f"source {RELIABILITY[reliability].lower()}"
    if credibility is None:
        return f"{said}; information not graded, not being about a fact"
    return f"{said}; information {CREDIBILITY[credibility].lower()}"


def bodies(
    speaker: str, relay: str, stance: str, proposition: str, reliability: str, credibility: int | None
) -> list[dict[str, str]]:
    """The annotation's bodies: a sentence for people, then one short value per ``purpose``."""
    code = grade(reliability, credibility)
    sentence = f"{speaker} {STANCE_WORDS.get(stance, stance)}: {proposition}"
    if relay:
        sentence += f" (relayed by {relay})"
    sentence += f" Admiralty grade {code}: {_grade_words(reliability, credibility)}."
    return [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": sentence,
            "format": "text/plain",
            "language": "en",
        },
        {"type": "TextualBody", "purpose": "identifying", "value": speaker},
        {"type": "TextualBody", "purpose": "classifying", "value": proposition},
        {"type": "TextualBody", "purpose": "tagging", "value": stance},
        {"type": "TextualBody", "purpose": "tagging", "value": code},
    ]


def _agent(agent: Agent) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Person" if agent.person else "Organization", "name": agent.name}
    if agent.url:
        out["homepage"] = agent.url
    return out


def target(doc: Document, text: str, start: int, end: int) -> dict[str, Any]:
    """The part of the document a statement quotes."""
    return {
        "type": "SpecificResource",
        "source": {"id": doc.address, "type": "Text", "schema:sha256": doc.sha256},
        "selector": [quote_selector(text, start, end), position_selector(start, end)],
    }


def annotation_collection(wb: Workbook) -> dict[str, Any]:
    """Every statement of ``wb`` as an annotation of its document, in one collection."""
    found = credits(wb)
    creator = [_agent(a) for a in found.authors]
    sources = keyed(wb.sources, "source_id")
    propositions = keyed(wb.propositions, "proposition_id")
    docs = documents(wb)
    items = []
    for row in wb.statements.itertuples(index=False):
        relay = text_or_blank(row.reported_by)
        start, end = int(row.quote_start), int(row.quote_end)
        items.append(
            {
                "id": urn(found.name, "statement", str(row.statement_id)),
                "type": "Annotation",
                "motivation": "describing",
                "creator": creator if len(creator) > 1 else creator[0],
                "body": bodies(
                    speaker=str(sources.at[row.source_id, "name"]),
                    relay=str(sources.at[relay, "name"]) if relay else "",
                    stance=str(row.stance),
                    proposition=str(propositions.at[row.proposition_id, "text"]),
                    reliability=str(sources.at[row.source_id, "reliability"]),
                    credibility=None if pd.isna(row.credibility) else int(row.credibility),
                ),
                "target": target(docs[str(row.document_id)], wb.texts[str(row.document_id)], start, end),
            }
        )
    collection: dict[str, Any] = {
        "@context": CONTEXT,
        "id": urn(found.name, "statements"),
        "type": "AnnotationCollection",
        "label": f"{found.title}: every statement on its document",
        "creator": creator if len(creator) > 1 else creator[0],
        "total": len(items),
    }
    if items:
        collection["first"] = {
            "id": urn(found.name, "statements", "page 1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    return collection
