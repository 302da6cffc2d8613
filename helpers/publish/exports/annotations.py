"""Every statement as a W3C Web Annotation on its document: an ``AnnotationCollection`` in JSON-LD.

The selectors count in the stored copy of the document (the text under ``seeds/`` the loader found
the quote in), so the target names that copy, not the live page, whose text may have changed:

- the first target's ``source`` is the stored text, ``urn:sha256:<hex>`` with ``schema:sha256`` its
  digest, and ``via`` the URL it was taken from (the model's "resource from which it was retrieved");
  its selectors are a ``TextQuoteSelector`` (the quote with about 32 characters either side, widened
  until the three together occur once in the text, so that it re-anchors in one place only) and a
  ``TextPositionSelector`` (the quote's offsets in Unicode code points, as the loader found them);
- a document with a URL has a second target on the live page with the ``TextQuoteSelector`` alone:
  offsets counted in the stored copy cannot be trusted in a page that may differ, a quote with its
  context either re-anchors there or fails visibly.

The bodies say what the page says of the statement (plain text, one ``purpose`` each):
``describing``, a sentence with the speaker, stance, proposition, the grade that counts (the weakest
link of the chain of speaker, relay and publishing outlet, as the page's "Grade that counts") and the
statement's weight as evidence, saying why it weighs nothing where it does; ``identifying``, the
speaker; ``classifying``, the proposition; ``tagging``, the stance, the grade that counts (``C2``;
``B (not graded)`` for a statement that is not about a fact), ``weight 0.36``, and ``self-serving``
for a statement its speaker's stake calls for (which weighs nothing). Ids are ``urn:uuid`` names made
from the package and statement ids, so the same statement keeps its id from one build to the next.
With no statement the collection is empty (``total`` 0, no page).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...analysis.admiralty import CREDIBILITY, RELIABILITY
from ...analysis.evidence import evidence_weights, sides
from ...analysis.views import graded_statements
from ...frames import keyed
from ...present.evidence_words import chain_words
from ...workbook import Workbook
from .cited_documents import Document, documents
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


SELF_SERVING = "self-serving"  # the page's word (what the speaker's stake calls for)


@dataclass(frozen=True)
class Graded:
    """What the page says of one statement's worth: its grade that counts, and its weight."""

    grade: str  # e.g. "C2", or "B (not graded)" for a statement that is not about a fact
    chain: str  # e.g. "speaker B, relay C, outlet C"
    reliability: str  # the weakest link's
    credibility: int | None
    self_serving: bool
    weight: float


def _grade_words(graded: Graded) -> str:
    said = f"source {RELIABILITY[graded.reliability].lower()}"
    if graded.credibility is None:
        return f"{said}; information not graded, not being about a fact"
    return f"{said}; information {CREDIBILITY[graded.credibility].lower()}"


def _weight_words(graded: Graded) -> str:
    words = f"Weight as evidence {graded.weight:.2f}"
    if graded.self_serving:
        return words + ": self-serving (what the speaker's stake calls for), it weighs nothing."
    if graded.weight == 0:
        return words + (
            ": it weighs nothing (a link graded F, information not graded or graded 6, or a stance that "
            "takes no side)."
        )
    return words + "."


def bodies(speaker: str, relay: str, stance: str, proposition: str, graded: Graded) -> list[dict[str, str]]:
    """The annotation's bodies: a sentence for people, then one short value per ``purpose``."""
    sentence = f"{speaker} {STANCE_WORDS.get(stance, stance)}: {proposition}"
    if relay:
        sentence += f" (relayed by {relay})"
    sentence += (
        f" Grade that counts {graded.grade} (the weakest link of {graded.chain}): {_grade_words(graded)}. "
        + _weight_words(graded)
    )
    tags = [stance, graded.grade, f"weight {graded.weight:.2f}"] + (
        [SELF_SERVING] if graded.self_serving else []
    )
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
        *({"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags),
    ]


def _agent(agent: Agent) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "Person" if agent.person else "Organization", "name": agent.name}
    if agent.url:
        out["homepage"] = agent.url
    return out


def targets(doc: Document, text: str, start: int, end: int) -> list[dict[str, Any]]:
    """The part of the document a statement quotes: in the stored copy, by quote and position; on the
    live page, where it has one, by quote alone."""
    quote = quote_selector(text, start, end)
    stored: dict[str, Any] = {
        "id": doc.urn,
        "type": "Text",
        "format": "text/plain",
        "schema:sha256": doc.sha256,
    }
    if doc.url:
        stored["via"] = doc.url
    found = [
        {"type": "SpecificResource", "source": stored, "selector": [quote, position_selector(start, end)]}
    ]
    if doc.url:
        found.append(
            {"type": "SpecificResource", "source": {"id": doc.url, "type": "Text"}, "selector": quote}
        )
    return found


def annotation_collection(wb: Workbook) -> dict[str, Any]:
    """Every statement of ``wb`` as an annotation of its document, in one collection."""
    found = credits(wb)
    creator = [_agent(a) for a in found.authors]
    sources = keyed(wb.sources, "source_id")
    propositions = keyed(wb.propositions, "proposition_id")
    docs = documents(wb)
    graded = graded_statements(wb)
    # As the page weighs it: times the side the statement takes (no evidence half, no side nothing).
    weights = pd.Series(
        evidence_weights(graded).to_numpy() * sides(graded["stance"]).abs().to_numpy(),
        index=graded["statement_id"].to_numpy(),
    )
    items = []
    for row, chain in zip(graded.itertuples(index=False), chain_words(graded), strict=True):
        start, end = int(row.quote_start), int(row.quote_end)
        relay = "" if pd.isna(row.reported_by) else str(sources.at[row.reported_by, "name"])
        worth = Graded(
            grade=str(row.grade),
            chain=str(chain),
            reliability=str(row.reliability),
            credibility=None if pd.isna(row.credibility) else int(row.credibility),
            self_serving=bool(row.self_serving),
            weight=float(weights[row.statement_id]),
        )
        items.append(
            {
                "id": urn(found.name, "statement", str(row.statement_id)),
                "type": "Annotation",
                "motivation": "describing",
                "creator": creator if len(creator) > 1 else creator[0],
                "body": bodies(
                    speaker=str(sources.at[row.source_id, "name"]),
                    relay=relay,
                    stance=str(row.stance),
                    proposition=str(propositions.at[row.proposition_id, "text"]),
                    graded=worth,
                ),
                "target": targets(docs[str(row.document_id)], wb.texts[str(row.document_id)], start, end),
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
