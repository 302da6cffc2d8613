"""Claims that named claimants made, each reviewed by the analyst's current judgement: schema.org
``ClaimReview`` in JSON-LD.

A ``ClaimReview`` is read by fact-check consumers as a verdict on a claim somebody made, so the
export publishes only such claims, and only the words the page gives them:

- **One review per claim that a named claimant made**: a proposition under a current key judgement
  (superseded by none) that at least one speaker affirms. The statements weighed are those the
  workbook weighs beside the judgement (on its proposition, said by its ``as_of`` and not overtaken by
  then); the claim's ``author`` is the speakers who affirm it, never one who denies or doubts it, and
  its ``appearance``/``firstAppearance`` the documents of those affirmations, cited by URL with
  ``identifier`` the ``urn:sha256:`` of the stored text (as in ``annotations.jsonld``). A judged
  proposition nobody affirms is nobody's claim: it is not published.
- **The rating is the analyst's estimate, with the workbook's dissent**: ``alternateName`` (the text
  fact-check consumers show) and ``name`` give the ICD 203 likelihood term with its band and the
  confidence, as the page does ("likely (55-80%), moderate confidence"), followed, where the
  workbook's computed check disagrees with the judgement or cannot assess it, by that check in the
  page's words ("...; the workbook's evidence check: evidence too thin to assess").
  ``ratingExplanation`` is the analyst's rationale.
- **No ``ratingValue``, ``bestRating`` or ``worstRating``**. Consumers of fact-check markup read a
  number on a best-to-worst scale as a truth verdict and aggregate it across publishers; ICD 203's
  terms are probability bands of an estimate that carries its own confidence, and a 1-7 number would
  drop that confidence and the check, and say "true"/"false" where the page says "likely". Google's
  documentation makes the three recommended only, and the text rating the one shown.
- ``datePublished`` is the day the briefing is published (the build's date, :func:`publication_date`),
  not the judgement's ``as_of``, which is the date of the evidence weighed and stays on the page.
- ``url`` is the briefing's page, relative to this file (both are written to the same folder).
- Data with no published review gives a valid file with an empty graph: ``{"@context": ..., "@graph": []}``.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd

from ...analysis.judgements import Judgement, key_judgements
from ...analysis.views import current_statements
from ...frames import keyed
from ...present.judged import CHECK_WORDS
from ...workbook import Workbook
from .cited_documents import Document, documents, iso_date
from .package import Agent, credits

CONTEXT = "https://schema.org"
PAGE = "index.html"
PERSON_KINDS = ("head of state", "legislator", "official", "expert")  # the other kinds are bodies
AFFIRMS = "affirms"  # the one stance that makes a speaker a claimant ("conditional" asserts nothing)
CHECK_PREFIX = "the workbook's evidence check: "


def build_time() -> datetime:
    """When a build runs, in UTC: ``SOURCE_DATE_EPOCH`` where it is set (a reproducible build, as the
    reproducible-builds convention asks), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (OverflowError, OSError, ValueError):  # a date no calendar holds: the build's own time
            pass
    return datetime.now(UTC)


def publication_date(when: datetime | None = None) -> date:
    """The day a briefing built at ``when`` (default :func:`build_time`) is published, in UTC."""
    when = when or build_time()
    return (when.astimezone(UTC) if when.tzinfo else when).date()


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


def dissent(judgement: Judgement) -> str:
    """The workbook's check where it disagrees with the judgement or cannot assess it, in the page's
    words; blank where it agrees (or has no balance to set beside a proposition that is no fact)."""
    if not judgement.departs:
        return ""
    if judgement.check == "departs" and judgement.balance is not None:
        # The page's table says "departs: see below"; with nothing below, say where the evidence points.
        return f"departs: the graded evidence points to {judgement.balance.term} ({judgement.balance.band})"
    return CHECK_WORDS.get(judgement.check, judgement.check)


def rating(judgement: Judgement) -> dict[str, Any]:
    """The judgement as a schema.org ``Rating`` in words: ICD 203 term, band and confidence, and the
    workbook's check where it dissents. No number: see the module's docstring."""
    term = f"{judgement.likelihood} ({judgement.band}), {judgement.confidence} confidence"
    check = dissent(judgement)
    if check:
        term += f"; {CHECK_PREFIX}{check}"
    return {
        "@type": "Rating",
        "name": term,
        "alternateName": term,
        "ratingExplanation": judgement.rationale or "No rationale recorded.",
    }


def claim(made: pd.DataFrame, sources: pd.DataFrame, docs: dict[str, Document]) -> dict[str, Any]:
    """The reviewed ``Claim`` from the statements that affirm it (at least one): who made it, where it
    appears and when it was first made."""
    made = made.sort_values(["said_on", "statement_id"], na_position="last")
    speakers = list(dict.fromkeys(made["source_id"]))
    out: dict[str, Any] = {
        "@type": "Claim",
        "author": [
            {
                "@type": "Person" if sources.at[s, "kind"] in PERSON_KINDS else "Organization",
                "name": str(sources.at[s, "name"]),
            }
            for s in speakers
        ],
    }
    cited = sorted({docs[d] for d in made["document_id"]}, key=lambda d: (d.published, d.document_id))
    out["appearance"] = [_work(doc) for doc in cited]
    out["firstAppearance"] = _work(docs[str(made["document_id"].iloc[0])])
    first = made["said_on"].min()
    if not pd.isna(first):
        out["datePublished"] = iso_date(first)
    return out


def claimants(wb: Workbook, judgement: Judgement) -> pd.DataFrame:
    """The statements that make the judgement's proposition somebody's claim: those weighed beside it
    (said by its ``as_of``, not overtaken by then) that affirm it, by speakers who do not also deny it
    or doubt it then."""
    said = current_statements(wb, judgement.as_of)
    on = said[said["proposition_id"] == judgement.proposition_id]
    # A speaker who also denies it, sees no evidence or cannot tell, as of the judgement, is no
    # claimant of it: the claim is not theirs to be reviewed on.
    doubts = on["stance"].astype(str).isin(["denies", "no evidence", "uncertain"])
    doubting = set(on.loc[doubts.to_numpy(), "source_id"].astype(str))
    return on[(on["stance"] == AFFIRMS) & ~on["source_id"].astype(str).isin(doubting)]


def claim_reviews(wb: Workbook, page: str = PAGE, published: date | None = None) -> dict[str, Any]:
    """Every claim a named claimant made under a current key judgement of ``wb`` as a ``ClaimReview``,
    published on ``published`` (default: :func:`publication_date`), in one JSON-LD graph."""
    found = credits(wb)
    authors = [_agent(a) for a in found.authors]
    sources = keyed(wb.sources, "source_id")
    docs = documents(wb)
    day = (published or publication_date()).isoformat()
    graph = []
    for judgement in key_judgements(wb):
        if judgement.kind != "fact":
            continue  # a demand or a judgement is no claim a fact-check reviews
        made = claimants(wb, judgement)
        if made.empty:
            continue  # nobody's claim: nothing for a fact-check consumer to attribute
        graph.append(
            {
                "@type": "ClaimReview",
                "identifier": judgement.judgement_id,
                "url": page,
                "claimReviewed": judgement.proposition,
                "reviewRating": rating(judgement),
                "itemReviewed": claim(made, sources, docs),
                "author": authors if len(authors) > 1 else authors[0],
                "datePublished": day,
            }
        )
    return {"@context": CONTEXT, "@graph": graph}
