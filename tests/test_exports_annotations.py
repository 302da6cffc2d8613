"""annotations.jsonld: every statement as a W3C Web Annotation that re-anchors in the stored copy of its
document, valid against the W3C test suite's JSON Schemas and the Web Annotation context with no
network, and saying what the page says of the statement (grade that counts, weight, self-serving)."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from helpers import load_workbook
from helpers.analysis.evidence import evidence_weights, sides
from helpers.analysis.views import graded_statements
from helpers.paths import REFERENCE_DATA_DIR
from helpers.publish.exports.annotations import CONTEXT_CHARS, annotation_collection, quote_selector
from helpers.workbook import Workbook as LoadedWorkbook

from . import conformance
from .exports_workbook import DOC1, DOC2, QUOTE1, QUOTE2, REAL, URL, load_generated, tiny_wb
from .workbooks import Workbook, workbooks

__all__ = ["tiny_wb"]  # a fixture, used by name
# Optional features of the model the export claims, as the suite's assertions detect them.
IMPLEMENTED = [
    "annotations/3.1-bodyKeyFound.json",
    "annotations/3.3.5-annotationMotivationImplemented.json",
    "annotations/3.3.1-annotationSingleCreatorImplemented.json",
    "annotations/bodiesTargets/3.2.4-bodyETBTypeTextualBody.json",
    "annotations/bodiesTargets/3.3.5-bodyPurpose.json",
    "annotations/bodiesTargets/4-targSpecificResource.json",
    "annotations/specificResource/4.2-selectorFound.json",
    "annotations/specificResource/4.2.4-textQuoteSelector.json",
    "annotations/specificResource/4.2.4-prefix.json",
    "annotations/specificResource/4.2.4-suffix.json",
    "annotations/specificResource/4.2.5-textPositionSelector.json",
]
COLLECTION_FEATURES = [
    "collections/5.1-collectionLabelImplemented.json",
    "collections/5.1-collectionTotalImplemented.json",
    "collections/5.1-collectionFirstImplemented.json",
]


def _items(collection: dict[str, Any]) -> list[dict[str, Any]]:
    return collection["first"]["items"] if collection["total"] else []


def anchor(text: str, target: dict[str, Any]) -> tuple[list[int], int]:
    """Where each selector puts the quote: every match of the quote selector, and the position's start."""
    quote, position = target["selector"]
    whole = quote["prefix"] + quote["exact"] + quote["suffix"]
    matches, at = [], text.find(whole)
    while at >= 0:
        matches.append(at + len(quote["prefix"]))
        at = text.find(whole, at + 1)
    assert text[position["start"] : position["end"]] == quote["exact"]
    return matches, position["start"]


def tags(item: dict[str, Any]) -> list[str]:
    """The values of an annotation's tagging bodies."""
    return [body["value"] for body in item["body"] if body["purpose"] == "tagging"]


def check(wb: LoadedWorkbook, collection: dict[str, Any]) -> None:
    """Re-anchor every annotation in the stored copy, then validate the collection, its page and each
    annotation."""
    texts = {hashlib.sha256(t.encode("utf-8")).hexdigest(): t for t in wb.texts.values()}
    urls = dict(zip(wb.documents["document_id"], wb.documents["url"].fillna(""), strict=True))
    items = _items(collection)
    assert collection["total"] == len(items) == len(wb.statements)
    for item, row in zip(items, wb.statements.itertuples(index=False), strict=True):
        stored, *live = item["target"]
        source = stored["source"]
        assert source["id"] == "urn:sha256:" + source["schema:sha256"]  # the copy the offsets count in
        matches, start = anchor(texts[source["schema:sha256"]], stored)
        assert matches == [start] == [row.quote_start]  # both selectors, one place: the loader's
        assert stored["selector"][1]["end"] == row.quote_end
        url = urls[row.document_id]
        assert source.get("via", "") == url
        # The live page, where there is one, by the quote alone: offsets need not hold there.
        assert live == (
            [
                {
                    "type": "SpecificResource",
                    "source": {"id": url, "type": "Text"},
                    "selector": stored["selector"][0],
                }
            ]
            if url
            else []
        )
    assert len({item["id"] for item in items}) == len(items)
    musts = conformance.suite_list(conformance.MUSTS["collection"]) + COLLECTION_FEATURES[:2]
    if items:
        musts += conformance.suite_list(conformance.MUSTS["page"]) + COLLECTION_FEATURES[2:]
    assert conformance.assertion_faults(collection, musts) == []
    annotation = conformance.suite_list(conformance.MUSTS["annotation"]) + IMPLEMENTED
    for item in items:  # as a single annotation is served: with the collection's context
        assert conformance.assertion_faults({"@context": collection["@context"], **item}, annotation) == []
    expanded, dropped = conformance.expand(collection)
    assert dropped == []
    assert conformance.unknown_iris(expanded) == []


def test_every_statement_annotates_its_quote(tiny_wb: LoadedWorkbook) -> None:
    found = annotation_collection(tiny_wb)
    assert found["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert found["type"] == "AnnotationCollection" and found["total"] == 4
    first, second, third, fourth = _items(found)
    digest = hashlib.sha256(DOC1.encode()).hexdigest()
    assert first["target"][0]["source"] == {
        "id": "urn:sha256:" + digest,
        "type": "Text",
        "format": "text/plain",
        "schema:sha256": digest,
        "via": URL,
    }
    assert third["target"][0]["source"]["id"] == "urn:sha256:" + hashlib.sha256(DOC2.encode()).hexdigest()
    assert len(third["target"]) == 1  # no live page to point at
    start = DOC1.index(QUOTE1)
    quote = {
        "type": "TextQuoteSelector",
        "exact": QUOTE1,
        "prefix": DOC1[:start],
        "suffix": DOC1[start + 29 :][:32],
    }
    assert first["target"][0]["selector"] == [
        quote,
        {"type": "TextPositionSelector", "start": start, "end": start + len(QUOTE1)},
    ]
    assert first["target"][1] == {
        "type": "SpecificResource",
        "source": {"id": URL, "type": "Text"},
        "selector": quote,
    }
    assert second["target"][0]["selector"][0]["exact"] == QUOTE2
    values = {body["purpose"]: body["value"] for body in second["body"][:3]}
    # The page's grade is the chain's: an outlet nobody graded makes the speaker's D5 an F5.
    assert values == {
        "describing": "The Envoy denies: Troops are in Kursk <now> & “then”. (relayed by The Agency 조선) "
        "Grade that counts F5 (the weakest link of speaker D, relay C, outlet F): source reliability "
        "cannot be judged; information improbable. Weight as evidence 0.00: self-serving (what the "
        "speaker's stake calls for), it weighs nothing.",
        "identifying": "The Envoy",
        "classifying": "Troops are in Kursk <now> & “then”.",
    }
    assert tags(second) == ["denies", "F5", "weight 0.00", "self-serving"]
    assert tags(fourth) == ["affirms", "F (not graded)", "weight 0.00"]
    check(tiny_wb, found)


def test_annotations_say_what_the_page_says() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    graded = graded_statements(wb)
    # as the page's evidence table weighs them: times the side taken (no evidence half, no side nothing)
    weights = evidence_weights(graded) * sides(graded["stance"]).abs().to_numpy()
    items = _items(annotation_collection(wb))
    assert (
        graded["grade"]
        != graded["speaker_reliability"].astype(str) + graded["credibility"].astype("Int64").astype(str)
    ).any()
    assert graded["self_serving"].any()
    for item, row in zip(items, graded.itertuples(index=False), strict=True):
        weight = f"{weights[row.statement_id]:.2f}"
        expected = [str(row.stance), str(row.grade), f"weight {weight}"] + (
            ["self-serving"] if row.self_serving else []
        )
        assert tags(item) == expected  # the grade that counts, as the page's column of that name
        sentence = item["body"][0]["value"]
        assert f"Grade that counts {row.grade} " in sentence and f"Weight as evidence {weight}" in sentence
        assert ("it weighs nothing" in sentence) == (weight == "0.00")
        assert ("self-serving" in sentence) == bool(row.self_serving)
    by_id = {row.statement_id: tags(item) for item, row in zip(items, graded.itertuples(), strict=True)}
    assert by_id["S12"][2] == "weight 0.24"  # NATO's "no evidence" (B2) counts half, as on the page
    assert by_id["S01"][2] == "weight 0.00"  # "couldn't confirm" takes no side
    check(wb, annotation_collection(wb))


def test_ids_stay_the_same_from_one_build_to_the_next(tiny_wb: LoadedWorkbook) -> None:
    again = load_workbook(tiny_wb.data_dir)
    assert annotation_collection(again) == annotation_collection(tiny_wb)


@pytest.mark.parametrize("folder", REAL, ids=[p.parent.name for p in REAL])
def test_real_data_gives_valid_annotations(folder: Path) -> None:
    wb = load_workbook(folder)
    check(wb, annotation_collection(wb))


def test_no_statement_gives_an_empty_collection(tiny_wb: LoadedWorkbook) -> None:
    wb = tiny_wb.with_tables(statements=tiny_wb.statements.iloc[0:0])
    found = annotation_collection(wb)
    assert "first" not in found and found["total"] == 0
    check(wb, found)


def test_quote_context_widens_until_it_is_unique() -> None:
    text = "ab" * 100
    selector = quote_selector(text, 100, 102)
    assert selector["prefix"] == text[:100] and selector["suffix"] == text[102:]  # only the whole is unique
    text = "x" * 50 + "unique words here" + "y" * 50
    selector = quote_selector(text, 50, 56)
    assert len(selector["prefix"]) == len(selector["suffix"]) == CONTEXT_CHARS


def test_faults_are_caught(tiny_wb: LoadedWorkbook) -> None:
    good = {"@context": "http://www.w3.org/ns/anno.jsonld", **_items(annotation_collection(tiny_wb))[0]}
    musts = conformance.suite_list(conformance.MUSTS["annotation"])

    def failed(change: Any) -> list[str]:
        broken = copy.deepcopy(good)
        change(broken)
        return [fault.split(":")[0] for fault in conformance.assertion_faults(broken, musts)]

    assert failed(lambda a: a.update(id="not a uri")) == ["annotations/3.1-annotationIdValidated.json"]
    assert "annotations/specificResource/4.2.4-textQuoteSelectorValid.json" in failed(
        lambda a: a["target"][0]["selector"][0].pop("exact")
    )
    assert "annotations/specificResource/4.2-TextDataPositionSelectorValid.json" in failed(
        lambda a: a["target"][0]["selector"][1].update(start="1")
    )
    assert failed(lambda a: a.update(bodyValue="x")) == ["annotations/3.2.5-notBodyBodyValue.json"]
    assessing = copy.deepcopy(good)
    assessing["body"][0]["purpose"] = "assessing"  # in the model, not in its published context
    assert conformance.unknown_iris(conformance.expand(assessing)[0]) == ["assessing"]


@given(workbooks())
def test_any_valid_workbook_gives_valid_annotations(generated: Workbook) -> None:
    wb = load_generated(generated)
    check(wb, annotation_collection(wb))
