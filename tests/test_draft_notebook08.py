"""Notebook 08's logic, in the helpers it calls: nothing is added unless the button is clicked, rows
drafted with low confidence start as "check", troop numbers and new sources are reviewed, the findings
follow the last click, and the ACH grid shows each statement's proposition and fits the page."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from helpers import load_workbook
from helpers.curate.draft import Article, draft_article
from helpers.curate.draft.review import Review, default_decision, grid_layout
from helpers.curate.draft.sample import open_session

from .draftdata import make_data, new_review

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "08_add_article.ipynb"
CENSOR = Path(__file__).parent / "fixtures" / "articles" / "001_censor_ryder-kursk-small-number.txt"


@pytest.fixture
def review(tmp_path: Path) -> Review:
    return new_review(tmp_path)


@pytest.fixture
def censor(tmp_path: Path) -> Review:
    folder = make_data(tmp_path)
    wb = load_workbook(folder)
    draft = draft_article(Article.from_file(CENSOR, date(2024, 10, 29), "Censor.NET"), wb)
    return Review(draft, wb, folder, CENSOR.read_bytes())


def test_running_all_cells_never_adds() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert ".add(" not in code  # only the button's click calls add()
    assert "adder()" in code and "findings()" in code


def test_low_confidence_rows_start_as_check_and_are_not_added(review: Review) -> None:
    assert [default_decision(c) for c in ("low", "medium", "high", "")] == [
        "check",
        "accept",
        "accept",
        "check",
    ]
    checked = review.rows[review.rows["confidence"] == "low"]["statement_id"]
    assert len(checked) and (review.rows.set_index("statement_id").loc[checked, "decision"] == "check").all()
    assert not set(checked) & set(review.tables()["statements"]["statement_id"])
    review.picker.value = int(review.rows.index[review.rows["statement_id"] == checked.iloc[0]][0])
    review.fields["hedge"].value = "an edit"  # a reviewed row is kept
    assert checked.iloc[0] in set(review.tables()["statements"]["statement_id"])


def test_troop_numbers_are_reviewed(censor: Review) -> None:
    claims = censor.claims.reset_index()
    # every troop number starts as "check": none reaches the data unread
    assert len(claims) == 2 and list(claims["decision"]) == ["check", "check"]
    vague = censor.claims.index[0]
    for name in ("count", "count_low", "count_high", "bound", "measure", "place", "modality"):
        assert (vague, name) in censor.claim_fields
    censor.claim_fields[(vague, "count")].value = "2000"
    censor.claim_fields[(vague, "count_high")].value = "3000"
    assert censor.claims.at[vague, "decision"] == "edit"
    for i in range(len(censor.rows)):  # keep every statement, to see the claims follow their decisions
        censor.rows.iat[i, 0] = "accept"
    assert list(censor.tables()["troop_claims"]["count"].astype(str)) == ["2000"]  # the other is unread
    censor.claim_fields[(censor.claims.index[1], "decision")].value = "accept"
    kept = censor.tables()["troop_claims"]
    assert list(kept["count"].astype(str)) == ["2000", "10000"] and "decision" not in kept
    censor.claim_fields[(censor.claims.index[1], "decision")].value = "reject"
    assert len(censor.tables()["troop_claims"]) == 1


def test_new_sources_fields_are_edited(censor: Review) -> None:
    i = censor.sources.index[censor.sources["label"] == "Radio Liberty"][0]
    for name in ("label", "name", "kind", "country", "alignment", "channel", "interested"):
        assert (i, name) in censor.source_fields
    censor.source_fields[(i, "country")].value = "United States"
    censor.source_fields[(i, "channel")].value = "radio-liberty"
    censor.source_fields[(i, "name")].value = "Radio Liberty (Radio Free Europe/Radio Liberty)"
    row = censor.sources.loc[i]
    assert (row["country"], row["channel"]) == ("United States", "radio-liberty")
    assert row["name"].startswith("Radio Liberty (")


def test_the_findings_follow_the_last_click(tmp_path: Path) -> None:
    session = open_session(data=str(make_data(tmp_path)))
    shown = session.findings()
    assert "Nothing has been added yet" in shown.widget.value
    session.review.add()  # what the click does
    assert "last click was refused" in shown.widget.value  # the same widget, rewritten
    assert "Nothing has been added yet" not in session.findings().widget.value


def test_the_ach_grid_shows_propositions_and_fits(review: Review) -> None:
    layout = grid_layout(5)
    assert "minmax" in layout["grid_template_columns"] and "fr" in layout["grid_template_columns"]
    assert layout["overflow"] == "auto" and layout["width"] == "100%"
    first = review.grid.children[0].children[len(review.wb.hypotheses) + 1]
    assert "troops-in-russia" in first.value and "North Korea has sent troops to Russia." in first.value


def test_the_grid_and_its_static_view_hold_when_nothing_is_kept(review: Review) -> None:
    for i in range(len(review.rows)):
        review.picker.value = i
        review.decision.value = "check"
    review.refresh_grid()
    assert review.rated().empty and "statement_id" in review.rated().columns
    assert "review-ach" in review.ach()._repr_mimebundle_()["text/html"]


def test_the_draft_table_shows_propositions_and_reads_quotes_from_the_left(review: Review) -> None:
    from helpers.curate.draft.sample import Session

    table = Session(review.draft, review.wb, review.folder, review, sample=False).table()
    assert "proposition_id" in table.frame.columns
    assert list(table.frame["proposition_id"]) == list(review.draft.statements["proposition_id"])
    quote = list(table.frame.columns).index("quote")
    style = table.styler.to_html().split("</style>")[0]
    # the quote column's cells, not only the headings (JupyterLab aligns cells to the right)
    rules = re.findall(rf"_col{quote}[^{{]*{{([^}}]*)}}", style)
    assert rules and all("text-align: left" in rule for rule in rules)
