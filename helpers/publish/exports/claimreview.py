"""The analyst's current key judgements as schema.org ``ClaimReview`` in JSON-LD.

One review per judgement that no later one supersedes, with the fields Google's fact-check
structured-data documentation requires (``claimReviewed``, ``reviewRating`` with its
``alternateName``, ``url``) and recommends (the review's ``author`` and ``datePublished``;
``itemReviewed``, a ``Claim`` with its ``author``, ``appearance``, ``firstAppearance`` and
``datePublished``; the rating's ``ratingValue``, ``worstRating``, ``bestRating`` and ``name``).

- The rating is the judgement's ICD 203 term with its band and confidence, e.g. "likely (55-80%),
  moderate confidence", and the analyst's rationale as ``ratingExplanation``. Its ``ratingValue``
  places the term on ICD 203's seven-step scale: 1 "almost no chance" to 7 "almost certain".
- The statements behind a judgement are those the workbook weighs beside it: on its proposition,
  said by its ``as_of`` and not overtaken by then. The claim's authors are their speakers who affirm
  it (all of the speakers where none does); its appearances are their documents, cited by URL, with
  ``identifier`` the ``urn:sha256:`` of the stored text (as in ``annotations.jsonld``).
- ``url`` is the briefing's page, relative to this file (both are written to the same folder).
- Data with no current judgement gives a valid file with an empty graph: ``{"@context": ..., "@graph": []}``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...analysis.balance import TERMS
from ...analysis.judgements import Judgement, key_judgements
from ...analysis.views import current_statements
from ...frames import keyed
from ...workbook import Workbook
from .documents import Document, documents, iso_date
from .package import Agent, credits

CONTEXT = "https://schema.org"
PAGE = "index.html"
PERSON_KINDS = ("head of state", "legislator", "official", "expert")  # the other kinds are bodies


def _agent(agent: Agent) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Person" if agent.person else "Organization", "name": agent.name}
    if agent.url:
        out["url"] = agent.url
    return out


def _work(doc: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "CreativeWork", "name": doc.title}
    if doc.url:
        out["url"] = doc.url
    out["datePublished"] = doc.published
    if doc.outlet:
        out["publisher"] = {"@type": "Organization", "name": doc.outlet}
    out["identifier"] = doc.urn
    return out


def rating(judgement: Judgement) -> dict[str, Any]:
    """The judgement as a schema.org ``Rating`` on ICD 203's scale of seven terms."""
    term = f"{judgement.likelihood} ({judgement.band}), {judgement.confidence} confidence"
    return {
        "@type": "Rating",
        "ratingValue": TERMS.index(judgement.likelihood) + 1,
        "worstRating": 1,
        "bestRating": len(TERMS),
        "name": term,
        "alternateName": term,
        "ratingExplanation": judgement.rationale,
    }


def claim(behind: pd.DataFrame, sources: pd.DataFrame, docs: dict[str, Document]) -> dict[str, Any]:
    """The reviewed ``Claim``: who made it, where it appears and when it was first made."""
    out: dict[str, Any] = {"@type": "Claim"}
    if behind.empty:
        return out
    affirming = behind[behind["stance"] == "affirms"]
    made = (affirming if not affirming.empty else behind).sort_values(["said_on", "statement_id"])
    speakers = list(dict.fromkeys(made["source_id"]))
    out["author"] = [
        {
            "@type": "Person" if sources.at[s, "kind"] in PERSON_KINDS else "Organization",
            "name": str(sources.at[s, "name"]),
        }
        for s in speakers
    ]
    cited = sorted({docs[d] for d in behind["document_id"]}, key=lambda d: (d.published, d.document_id))
    out["appearance"] = [_work(doc) for doc in cited]
    out["firstAppearance"] = _work(docs[str(made["document_id"].iloc[0])])
    first = made["said_on"].min()
    if not pd.isna(first):
        out["datePublished"] = iso_date(first)
    return out


def claim_reviews(wb: Workbook, page: str = PAGE) -> dict[str, Any]:
    """Every current key judgement of ``wb`` as a ``ClaimReview``, in one JSON-LD graph."""
    found = credits(wb)
    authors = [_agent(a) for a in found.authors]
    sources = keyed(wb.sources, "source_id")
    docs = documents(wb)
    graph = []
    for judgement in key_judgements(wb):
        said = current_statements(wb, judgement.as_of)
        behind = said[said["proposition_id"] == judgement.proposition_id]
        graph.append(
            {
                "@type": "ClaimReview",
                "identifier": judgement.judgement_id,
                "url": page,
                "claimReviewed": judgement.proposition,
                "reviewRating": rating(judgement),
                "itemReviewed": claim(behind, sources, docs),
                "author": authors if len(authors) > 1 else authors[0],
                "datePublished": iso_date(judgement.as_of),
            }
        )
    return {"@context": CONTEXT, "@graph": graph}
