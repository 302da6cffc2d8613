"""A small frozen workbook for the exports' exact-figure tests, with the characters that break formats.

Two documents (one with an address, one without), three sources, two propositions, four statements
(one quote occurs twice in its document), and three judgements of which one is superseded. Text
holds markup, script end tags, quotes, ampersands and non-Latin scripts. It goes through the same
loader as curated data; only columns every version of the descriptor has are filled.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest

from helpers import load_workbook
from helpers.paths import DEFAULT_DATA_DIR, DESCRIPTOR_NAME, PROJECT_ROOT
from helpers.workbook import Workbook as LoadedWorkbook

from .workbooks import Workbook, _frame

DOC1 = (
    "Intro. The minister said: “10,000 troops are in Kursk.” Later, the envoy said it was a "
    "</script><b>lie</b> & more. Again: “10,000 troops are in Kursk.” End.\n"
)
DOC2 = "Пхеньян 조선 — no troops were sent, the agency said. $x$ *bold*"
QUOTE1 = "“10,000 troops are in Kursk.”"
QUOTE2 = "it was a </script><b>lie</b> & more"
QUOTE3 = "no troops were sent"
QUOTE4 = "Later"
RATIONALE = "Because </script><script>alert(1)</script> & “quotes” say so."
URL = "https://example.com/news/1?a=1&b=2"
TITLE = "Claims about troops <b>&amp;</b> “quotes”"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
CONTRIBUTORS = [
    {"title": "Ann Analyst", "role": "author", "organization": "Desk", "path": "https://example.org/ann"},
    {"title": "The Desk", "role": "publisher"},
]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tiny() -> Workbook:
    """The frozen workbook, ready to be written as a data folder."""
    documents = [
        {"document_id": "d1", "title": "Minister <i>says</i> “troops” & more", "outlet": "Outlet & Co",
         "published": "2024-10-23", "published_basis": "stated", "path": "seeds/d1.txt", "url": URL,
         "sha256": _sha(DOC1)},
        {"document_id": "d2", "title": "Agency denial", "outlet": "", "published": "2024-10-21",
         "published_basis": "stated", "path": "seeds/d2.txt", "url": "", "sha256": _sha(DOC2)},
    ]  # fmt: skip
    sources = [
        {"source_id": "s1", "label": "Minister", "name": "The Minister <x>", "kind": "official",
         "alignment": "Ukraine", "interested": "true", "reliability": "B",
         "reliability_rationale": "A record of accurate statements on troop movements."},
        {"source_id": "s2", "label": "Envoy", "name": "The Envoy", "kind": "government",
         "alignment": "Russia's backers", "interested": "true", "reliability": "D",
         "reliability_rationale": "Denied earlier deployments that were later shown."},
        {"source_id": "s3", "label": "Agency", "name": "The Agency 조선", "kind": "intelligence service",
         "alignment": "Unaligned", "interested": "false", "reliability": "C",
         "reliability_rationale": "Fairly reliable record, " + RATIONALE},
    ]  # fmt: skip
    propositions = [
        {"proposition_id": "p1", "text": "Troops are in Kursk <now> & “then”.", "kind": "fact"},
        {"proposition_id": "p2", "text": "NATO should act.", "kind": "demand"},
    ]
    base = {"said_on_precision": "exact", "said_on_basis": "stated", "attribution": "direct quote"}
    statements = [
        {**base, "statement_id": "S1", "document_id": "d1", "source_id": "s1", "said_on": "2024-10-22",
         "quote": QUOTE1, "proposition_id": "p1", "stance": "affirms", "credibility": "2",
         "credibility_rationale": "Specific and unhedged, " + RATIONALE},
        {**base, "statement_id": "S2", "document_id": "d1", "source_id": "s2", "reported_by": "s3",
         "said_on": "2024-10-23", "quote": QUOTE2, "proposition_id": "p1", "stance": "denies",
         "credibility": "5", "credibility_rationale": "An interested denial with nothing shown.",
         "responds_to": "S1"},
        {**base, "statement_id": "S3", "document_id": "d2", "source_id": "s3", "said_on": "2024-10-20",
         "quote": QUOTE3, "proposition_id": "p1", "stance": "denies", "credibility": "3",
         "credibility_rationale": "A plain denial, possibly true at the time."},
        {**base, "statement_id": "S4", "document_id": "d1", "source_id": "s1", "said_on": "2024-10-22",
         "quote": QUOTE4, "proposition_id": "p2", "stance": "affirms", "credibility": "",
         "credibility_rationale": "Not about a fact: not graded."},
    ]  # fmt: skip
    judgement = {
        "assumptions": "We assume a | and b",
        "would_change_if": "If we see more.",
        "implications": "",
    }
    judgements = [
        {**judgement, "judgement_id": "J1", "proposition_id": "p1", "as_of": "2024-10-22",
         "likelihood": "likely", "confidence": "moderate", "rationale": "One specific affirmation so far.",
         "supersedes": ""},
        {**judgement, "judgement_id": "J2", "proposition_id": "p1", "as_of": "2024-10-24",
         "likelihood": "unlikely", "confidence": "low", "rationale": RATIONALE, "supersedes": "J1"},
        {**judgement, "judgement_id": "J3", "proposition_id": "p2", "as_of": "2024-10-24",
         "likelihood": "roughly even chance", "confidence": "low",
         "rationale": "A demand: no evidence bears on it.", "supersedes": ""},
    ]  # fmt: skip
    tables = {
        "documents": _frame("documents", documents),
        "sources": _frame("sources", sources),
        "propositions": _frame("propositions", propositions),
        "statements": _frame("statements", statements),
        "places": _frame("places", []),
        "troop_claims": _frame("troop_claims", []),
        "hypotheses": _frame("hypotheses", []),
        "ach_ratings": _frame("ach_ratings", []),
        "judgements": _frame("judgements", judgements),
        "indicators": _frame("indicators", []),
    }
    return Workbook(tables, {"d1.txt": DOC1, "d2.txt": DOC2})


def write_tiny(root: Path) -> Path:
    """Write the frozen workbook under ``root``, titled, credited and licensed as above; return its
    data folder."""
    data = tiny().write(root)
    descriptor = data / DESCRIPTOR_NAME
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    package |= {"title": TITLE, "contributors": CONTRIBUTORS, "licenses": [LICENCE]}
    descriptor.write_text(json.dumps(package), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def tiny_wb(tmp_path_factory: pytest.TempPathFactory) -> LoadedWorkbook:
    """The frozen workbook, loaded (once per test module)."""
    return load_workbook(write_tiny(tmp_path_factory.mktemp("tiny")))


def load_generated(generated: Workbook) -> LoadedWorkbook:
    """A generated workbook, written to a temporary folder and loaded."""
    with tempfile.TemporaryDirectory() as tmp:
        return load_workbook(generated.write(Path(tmp)))


REAL = [DEFAULT_DATA_DIR, *sorted((PROJECT_ROOT / "datasets").glob("*/data"))]  # validity only, never figures
