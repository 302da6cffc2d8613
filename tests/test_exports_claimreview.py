"""claimreview.jsonld: one schema.org ClaimReview per current key judgement, checked against its JSON
Schema and expanded against the shipped schema.org context, with no network."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given
from pyld.jsonld import JsonLdError

from helpers import load_workbook
from helpers.analysis.judgements import key_judgements
from helpers.publish.exports import conformance
from helpers.publish.exports.claimreview import claim_reviews
from helpers.workbook import Workbook as LoadedWorkbook

from .exports_workbook import RATIONALE, REAL, URL, load_generated, tiny_wb
from .workbooks import Workbook, workbooks

__all__ = ["tiny_wb"]  # a fixture, used by name
SCHEMA_ORG = "http://schema.org/"
BASE = "file:///briefings/claimreview.jsonld"  # where the file sits, which its relative url needs


def check(document: dict) -> None:
    """Valid against the JSON Schema; every term expands to a schema.org term; nothing fetched."""
    assert conformance.claimreview_faults(document) == []
    expanded, dropped = conformance.expand(document, base=BASE)
    assert dropped == []
    assert conformance.unknown_iris(expanded) == []
    reviews = [node for node in expanded if f"{SCHEMA_ORG}ClaimReview" in node.get("@type", [])]
    assert len(reviews) == len(document["@graph"])


def test_one_review_per_current_judgement(tiny_wb: LoadedWorkbook) -> None:
    found = claim_reviews(tiny_wb)
    assert found["@context"] == "https://schema.org"
    reviews = {review["identifier"]: review for review in found["@graph"]}
    assert list(reviews) == ["J2", "J3"]  # J1 is superseded by J2
    review = reviews["J2"]
    assert review["claimReviewed"] == "Troops are in Kursk <now> & “then”."
    assert review["url"] == "index.html"
    assert review["datePublished"] == "2024-10-24"
    assert review["author"] == {"@type": "Person", "name": "Ann Analyst", "url": "https://example.org/ann"}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3,
        "worstRating": 1,
        "bestRating": 7,
        "name": "unlikely (20-45%), low confidence",
        "alternateName": "unlikely (20-45%), low confidence",
        "ratingExplanation": RATIONALE,
    }
    claim = review["itemReviewed"]
    # The claim's author affirms it; the two who deny it are not its authors. Its documents by date.
    assert claim["author"] == [{"@type": "Person", "name": "The Minister <x>"}]
    assert [work["name"] for work in claim["appearance"]] == [
        "Agency denial",
        "Minister <i>says</i> “troops” & more",
    ]
    assert "url" not in claim["appearance"][0]  # the document has no address: its digest names it
    assert claim["appearance"][0]["identifier"].startswith("urn:sha256:")
    assert claim["firstAppearance"]["url"] == URL
    assert claim["firstAppearance"]["publisher"] == {"@type": "Organization", "name": "Outlet & Co"}
    assert claim["datePublished"] == "2024-10-22"
    check(found)


@pytest.mark.parametrize("folder", REAL, ids=[p.parent.name for p in REAL])
def test_real_data_gives_valid_reviews(folder: Path) -> None:
    wb = load_workbook(folder)
    found = claim_reviews(wb)
    assert [r["identifier"] for r in found["@graph"]] == [j.judgement_id for j in key_judgements(wb)]
    check(found)


def test_no_judgement_gives_an_empty_valid_graph(tiny_wb: LoadedWorkbook) -> None:
    found = claim_reviews(tiny_wb.with_tables(judgements=tiny_wb.judgements.iloc[0:0]))
    assert found == {"@context": "https://schema.org", "@graph": []}
    check(found)


def test_a_judgement_with_nothing_behind_it_reviews_a_bare_claim(tiny_wb: LoadedWorkbook) -> None:
    found = claim_reviews(tiny_wb.with_tables(statements=tiny_wb.statements.iloc[0:0]))
    assert [review["itemReviewed"] for review in found["@graph"]] == [{"@type": "Claim"}] * 2
    check(found)


def test_faults_are_caught(tiny_wb: LoadedWorkbook) -> None:
    broken = copy.deepcopy(claim_reviews(tiny_wb))
    review = broken["@graph"][0]
    del review["reviewRating"]["alternateName"]
    review["claimReviewd"] = review.pop("claimReviewed")  # misspelt
    faults = conformance.claimreview_faults(broken)
    assert any("'alternateName' is a required property" in f for f in faults)
    assert any("'claimReviewed' is a required property" in f for f in faults)
    expanded, _ = conformance.expand(broken, base=BASE)
    assert conformance.unknown_iris(expanded) == [f"{SCHEMA_ORG}claimReviewd"]
    expanded, _ = conformance.expand(broken)  # no base: the page's relative address is named
    assert conformance.unknown_iris(expanded) == [f"{SCHEMA_ORG}claimReviewd", "index.html"]


def test_expansion_never_fetches() -> None:
    with pytest.raises(JsonLdError):
        conformance.expand({"@context": "https://example.org/context.jsonld", "name": "x"})


@given(workbooks())
def test_any_valid_workbook_gives_valid_reviews(generated: Workbook) -> None:
    wb = load_generated(generated)
    found = claim_reviews(wb)
    assert len(found["@graph"]) == len(key_judgements(wb))
    check(found)
