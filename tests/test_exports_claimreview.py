"""claimreview.jsonld: one schema.org ClaimReview per claim a named claimant made under a current key
judgement, checked against its JSON Schema, expanded against the shipped schema.org context with no
network, and read back against the page's own words."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from pyld.jsonld import JsonLdError

from helpers import load_workbook
from helpers.analysis.judgements import Judgement, key_judgements
from helpers.analysis.views import current_statements
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present.judged import CHECK_WORDS, judgements_table
from helpers.publish.exports import write_exports
from helpers.publish.exports.claimreview import claim_reviews, publication_date
from helpers.workbook import Workbook as LoadedWorkbook

from . import conformance
from .exports_workbook import RATIONALE, REAL, URL, load_generated, tiny_wb
from .workbooks import Workbook, workbooks

__all__ = ["tiny_wb"]  # a fixture, used by name
SCHEMA_ORG = "http://schema.org/"
BASE = "file:///briefings/claimreview.jsonld"  # where the file sits, which its relative url needs
PUBLISHED = date(2025, 3, 4)  # a publication day no judgement or statement has


def check(document: dict) -> None:
    """Valid against the JSON Schema; every term expands to a schema.org term; nothing fetched."""
    assert conformance.claimreview_faults(document) == []
    expanded, dropped = conformance.expand(document, base=BASE)
    assert dropped == []
    assert conformance.unknown_iris(expanded) == []
    reviews = [node for node in expanded if f"{SCHEMA_ORG}ClaimReview" in node.get("@type", [])]
    assert len(reviews) == len(document["@graph"])


def affirming(wb: LoadedWorkbook, judgement: Judgement) -> list[str]:
    """The names of the speakers who affirm the judgement's proposition in what it weighed, and never
    deny it, see no evidence of it or call it uncertain there (such a speaker's claim is not theirs)."""
    said = current_statements(wb, judgement.as_of)
    said = said[said["proposition_id"] == judgement.proposition_id]
    stances: dict[str, set[str]] = {}
    for name, stance in zip(said["source_name"].astype(str), said["stance"].astype(str), strict=True):
        stances.setdefault(name, set()).add(stance)
    return sorted(
        name
        for name, held in stances.items()
        if "affirms" in held and not held & {"denies", "no evidence", "uncertain"}
    )


def test_one_review_per_claim_a_claimant_made(tiny_wb: LoadedWorkbook) -> None:
    found = claim_reviews(tiny_wb, published=PUBLISHED)
    assert found["@context"] == "https://schema.org"
    reviews = {review["identifier"]: review for review in found["@graph"]}
    assert list(reviews) == ["J2"]  # J1 is superseded by J2; J3 judges a demand, no claim to review
    review = reviews["J2"]
    assert review["claimReviewed"] == "Troops are in Kursk <now> & “then”."
    assert review["url"] == "index.html"
    assert review["datePublished"] == "2025-03-04"  # the day of publication, not the judgement's as_of
    assert review["author"] == {"@type": "Person", "name": "Ann Analyst", "url": "https://example.org/ann"}
    # In words only, with the workbook's dissent: the judgement rests on evidence too thin to assess.
    words = "unlikely (20-45%), low confidence; the workbook's evidence check: evidence too thin to assess"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "name": words,
        "alternateName": words,
        "ratingExplanation": RATIONALE,
    }
    claim = review["itemReviewed"]
    # The claim's author affirms it; the two who deny it are neither its authors nor its appearances.
    assert claim["author"] == [{"@type": "Person", "name": "The Minister <x>"}]
    assert [work["name"] for work in claim["appearance"]] == ["Minister <i>says</i> “troops” & more"]
    assert claim["appearance"][0]["identifier"].startswith("urn:sha256:")
    assert claim["firstAppearance"]["url"] == URL
    assert claim["firstAppearance"]["publisher"] == {"@type": "Organization", "name": "Outlet & Co"}
    assert claim["datePublished"] == "2024-10-22"
    check(found)


def test_reviews_say_what_the_page_says() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    found = claim_reviews(wb, published=PUBLISHED)
    judged = {j.judgement_id: j for j in key_judgements(wb)}
    page = judgements_table(wb).frame.set_index("Proposition")
    assert found["@graph"]
    for review in found["@graph"]:
        j = judged[review["identifier"]]
        shown = page.loc[j.proposition]
        words = f"{shown['Analyst: likelihood']}, {shown['Analyst: confidence']} confidence"
        rating = review["reviewRating"]
        assert rating["alternateName"] == rating["name"]
        assert rating["alternateName"].startswith(words)
        assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)  # no verdict on a scale
        if j.departs:
            dissent = CHECK_WORDS[j.check] if j.check != "departs" else "departs"
            assert rating["alternateName"].startswith(f"{words}; the workbook's evidence check: {dissent}")
        else:
            assert rating["alternateName"] == words
        # Only the speakers who affirm it are the claim's authors.
        assert sorted(a["name"] for a in review["itemReviewed"]["author"]) == affirming(wb, j)
        assert review["datePublished"] == PUBLISHED.isoformat()
    check(found)


def test_a_claim_nobody_affirms_is_not_published() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    judged = key_judgements(wb)
    dropped = judged[0].proposition_id
    said = wb.statements
    unaffirmed = wb.with_tables(
        statements=said[~((said["proposition_id"] == dropped) & (said["stance"] == "affirms"))]
    )
    ids = [r["identifier"] for r in claim_reviews(unaffirmed, published=PUBLISHED)["@graph"]]
    assert judged[0].judgement_id not in ids
    assert ids == [j.judgement_id for j in key_judgements(unaffirmed) if affirming(unaffirmed, j)]


def test_the_publication_day_is_the_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    assert publication_date() == date(2023, 11, 14)
    east = timezone(timedelta(hours=9))
    assert publication_date(datetime(2025, 3, 5, 1, 0, tzinfo=east)) == PUBLISHED  # the day in UTC
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert publication_date() == datetime.now(UTC).date()


def test_the_briefings_exports_are_dated_by_the_build(tiny_wb: LoadedWorkbook, tmp_path: Path) -> None:
    write_exports(tiny_wb, tmp_path, datetime(2025, 3, 4, 12, 0, tzinfo=UTC))
    found = json.loads((tmp_path / "claimreview.jsonld").read_text(encoding="utf-8"))
    assert {review["datePublished"] for review in found["@graph"]} == {"2025-03-04"}


@pytest.mark.parametrize("folder", REAL, ids=[p.parent.name for p in REAL])
def test_real_data_gives_valid_reviews(folder: Path) -> None:
    wb = load_workbook(folder)
    found = claim_reviews(wb)
    claims = [j.judgement_id for j in key_judgements(wb) if affirming(wb, j)]
    assert [r["identifier"] for r in found["@graph"]] == claims
    check(found)


def test_no_judgement_gives_an_empty_valid_graph(tiny_wb: LoadedWorkbook) -> None:
    found = claim_reviews(tiny_wb.with_tables(judgements=tiny_wb.judgements.iloc[0:0]))
    assert found == {"@context": "https://schema.org", "@graph": []}
    check(found)


def test_judgements_with_nothing_said_give_an_empty_valid_graph(tiny_wb: LoadedWorkbook) -> None:
    found = claim_reviews(tiny_wb.with_tables(statements=tiny_wb.statements.iloc[0:0]))
    assert found == {"@context": "https://schema.org", "@graph": []}
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
    assert len(found["@graph"]) == sum(1 for j in key_judgements(wb) if j.kind == "fact" and affirming(wb, j))
    check(found)


def test_a_speaker_who_also_doubts_a_claim_is_not_its_author(tmp_path: Path) -> None:
    import csv
    import shutil

    shutil.copytree(REFERENCE_DATA_DIR, tmp_path / "data")
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", tmp_path / "seeds")
    path = tmp_path / "data" / "statements.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    row = {
        "statement_id": "S99", "document_id": "seed-000", "source_id": "nis", "said_on": "2024-10-21",
        "said_on_precision": "exact", "said_on_basis": "for the test",
        "quote": "There is evidence that there are DPRK troops in Russia", "attribution": "paraphrase",
        "proposition_id": "troops-in-russia", "stance": "uncertain", "credibility": "6",
        "credibility_rationale": "A test statement of doubt, the same day as the spy agency's claim.",
    }  # fmt: skip
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow([row.get(c, "") for c in header])
    wb = load_workbook(tmp_path / "data")
    before = {a["name"] for r in claim_reviews(load_workbook(REFERENCE_DATA_DIR))["@graph"]
              for a in r["itemReviewed"]["author"]}  # fmt: skip
    after = {a["name"] for r in claim_reviews(wb)["@graph"] for a in r["itemReviewed"]["author"]}
    nis = str(wb.sources.set_index("source_id").at["nis", "name"])
    assert nis in before and nis not in after
