"""A small data folder for the drafter's tests, with rows written here (never the curated data's):
the project's descriptor, a handful of sources, places and propositions, one document, and an article
to draft whose right answers are checked by hand below.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd

from helpers import load_workbook
from helpers.curate.draft import Article, draft_article
from helpers.curate.draft.review import Review
from helpers.paths import DEFAULT_DATA_DIR, DESCRIPTOR_NAME

FIRST = "The spy agency said on Friday that 1,500 troops had been sent to Russia.\n"
ROWS: dict[str, list[dict[str, str]]] = {
    "documents": [
        {
            "document_id": "D01",
            "title": "A first report",
            "outlet": "Reuters",
            "published": "2024-10-18",
            "published_basis": "Given in the test.",
            "path": "seeds/001_first.txt",
            "url": "https://example.org/1",
            "sha256": hashlib.sha256(FIRST.encode()).hexdigest(),
        },
    ],
    "sources": [
        {
            "source_id": "nis",
            "label": "NIS",
            "name": "National Intelligence Service (NIS), South Korea's spy agency",
            "kind": "intelligence service",
            "country": "South Korea",
            "alignment": "Ukraine's backers",
            "interested": "false",
            "reliability": "B",
            "reliability_rationale": "A service with a long record on the North.",
        },
        {
            "source_id": "blinken",
            "label": "Blinken",
            "name": "Antony Blinken, US Secretary of State",
            "kind": "official",
            "country": "United States",
            "alignment": "Ukraine's backers",
            "interested": "false",
            "reliability": "B",
            "reliability_rationale": "A senior official whose statements are cleared.",
        },
        {
            "source_id": "reuters",
            "label": "Reuters",
            "name": "Reuters news agency",
            "kind": "media",
            "country": "",
            "alignment": "Unaligned",
            "interested": "false",
            "reliability": "B",
            "reliability_rationale": "A wire service with a long record of accuracy.",
        },
    ],
    "propositions": [
        {
            "proposition_id": "troops-in-russia",
            "text": "North Korea has sent troops to Russia.",
            "kind": "fact",
        },
        {
            "proposition_id": "more-units",
            "text": "More North Korean units will arrive in the weeks ahead.",
            "kind": "forecast",
        },
    ],
    "statements": [
        {
            "statement_id": "S01",
            "document_id": "D01",
            "source_id": "nis",
            "said_on": "2024-10-18",
            "said_on_precision": "exact",
            "said_on_basis": "'on Friday'",
            "quote": FIRST.strip(),
            "attribution": "paraphrase",
            "proposition_id": "troops-in-russia",
            "stance": "affirms",
            "credibility": "2",
            "credibility_rationale": "Specific and from a service placed to know.",
        },
    ],
    "troop_claims": [
        {
            "claim_id": "TC01",
            "statement_id": "S01",
            "count": "1500",
            "count_low": "",
            "count_high": "",
            "bound": "about",  # a round figure with no qualifier, as the curators read one
            "location": "Russia",
            "place": "russia",
            "activity": "sent",
            "measure": "sent to",
            "modality": "asserted",
            "as_of": "2024-10-18",
        },
    ],
    "places": [
        {"place_id": "russia", "name": "Russia", "parent": "", "kind": "country"},
        {"place_id": "kursk-oblast", "name": "Kursk Oblast", "parent": "russia", "kind": "region"},
    ],
    "hypotheses": [
        {"hypothesis_id": "H1", "label": "Sent", "text": "Troops were sent."},
        {"hypothesis_id": "H2", "label": "Not sent", "text": "No troops were sent."},
    ],
    "ach_ratings": [
        {
            "statement_id": "S01",
            "hypothesis_id": "H1",
            "rating": "C",
            "rationale": "A count is expected if sent.",
        },
        {
            "statement_id": "S01",
            "hypothesis_id": "H2",
            "rating": "I",
            "rationale": "A count is unlikely if none went.",
        },
    ],
}

# An article to draft, published on Wednesday 23 October 2024; the right rows are checked by hand.
ARTICLE = (
    "SEOUL (Reuters) – South Korea's spy agency said on Monday that North Korea had sent about 1,500 "
    "troops to Russia's Kursk region.\n"
    "“We expect more units to arrive in the coming weeks,” Blinken said on Tuesday.\n"
    "Russia denied the reports as “groundless rumours”.\n"
)
PUBLISHED = date(2024, 10, 23)


def make_data(root: Path) -> Path:
    """Write the small data folder under ``root`` (``root/data`` and ``root/seeds``); return it."""
    folder = root / "data"
    folder.mkdir(parents=True)
    shutil.copyfile(DEFAULT_DATA_DIR / DESCRIPTOR_NAME, folder / DESCRIPTOR_NAME)
    descriptor = json.loads((folder / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        columns = [f["name"] for f in resource["schema"]["fields"]]
        rows = ROWS.get(resource["name"], [])
        frame = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=columns)
        frame.to_csv(folder / resource["path"], index=False, lineterminator="\n")
    (root / "seeds").mkdir()
    (root / "seeds" / "001_first.txt").write_text(FIRST, encoding="utf-8")
    return folder


def new_review(root: Path) -> Review:
    """Notebook 08's review of :data:`ARTICLE` drafted against a fresh small data folder under ``root``."""
    folder = make_data(root)
    wb = load_workbook(folder)
    draft = draft_article(Article(ARTICLE, "002_new.txt", PUBLISHED, "Reuters", "https://example.org/2"), wb)
    return Review(draft, wb, folder, ARTICLE.encode("utf-8"))


def graded_tables(review: Review) -> dict[str, pd.DataFrame]:
    """The review's rows as an analyst adds them: the forecast (S03) left out, the rest graded."""
    review.picker.value = 1
    review.decision.value = "reject"
    for i in range(len(review.rows)):
        review.picker.value = i
        if not review.fields["credibility"].disabled:
            review.fields["credibility"].value = "3"
        review.fields["credibility_rationale"].value = "Graded in the test on the statement's own merits."
    review.source_fields[(0, "reliability")].value = "D"
    review.source_fields[(0, "reliability_rationale")].value = "A belligerent whose words serve its war."
    for i in review.claims.index:  # every troop number read and accepted
        review.claim_fields[(i, "decision")].value = "accept"
    review.refresh_grid()
    for rating, relevance, rationale in review.cells.values():
        rating.value, relevance.value, rationale.value = "N", "low", "As likely under each hypothesis here."
    return review.tables()
