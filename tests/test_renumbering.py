"""A draft's references through renumbering: an id naming a curated statement keeps naming it, and
one that could mean a draft row or a curated one is refused with its row and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import load_workbook
from helpers.curate.draft.stage import add_to_data

from .draftdata import ARTICLE, graded_tables, new_review


def _answering_the_first(tmp_path: Path, own_id: str) -> tuple[Path, dict[str, pd.DataFrame]]:
    """A graded draft whose first statement is numbered ``own_id`` by hand, and whose Russian denial
    answers the curated S01 (``responds_to=S01``)."""
    review = new_review(tmp_path)
    rows = graded_tables(review)
    first = rows["statements"]["statement_id"].iloc[0]
    for table in ("statements", "troop_claims", "ach_ratings"):
        rows[table]["statement_id"] = rows[table]["statement_id"].replace(first, own_id)
    statements = rows["statements"]
    statements["same_as"] = ""
    statements.loc[statements["source_id"] == "russia", "responds_to"] = "S01"
    return review.folder, rows


def test_a_reference_to_a_curated_statement_keeps_naming_it(tmp_path: Path) -> None:
    folder, rows = _answering_the_first(tmp_path, "S90")
    added = add_to_data(folder, rows, ARTICLE.encode("utf-8"), "002_new.txt")
    assert added.written, added.problems
    statements = load_workbook(folder).statements.set_index("statement_id")
    denial = statements[statements["source_id"] == "russia"]
    assert list(denial["responds_to"]) == ["S01"]  # the curated statement, not the new S02
    assert statements.at["S01", "document_id"] == "D01"


def test_an_id_both_a_draft_row_and_a_curated_one_hold_is_refused(tmp_path: Path) -> None:
    folder, rows = _answering_the_first(tmp_path, "S01")  # the draft's first row numbered S01 by hand
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    added = add_to_data(folder, rows, ARTICLE.encode("utf-8"), "002_new.txt")
    assert not added.written
    denial = rows["statements"].loc[rows["statements"]["source_id"] == "russia", "statement_id"].iloc[0]
    said = added.summary()
    assert "\n" not in said and f"row {denial}" in said and "column responds_to" in said and "S01" in said, (
        said
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
