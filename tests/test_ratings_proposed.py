"""ACH ratings proposed for a new statement from the analyst's own ratings of statements like it."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from helpers import load_workbook
from helpers.curate.ratings import propose_ratings
from helpers.paths import REFERENCE_DATA_DIR


def _new(**row: str) -> pd.DataFrame:
    return pd.DataFrame([{"statement_id": "S99", "self_serving": "", **row}])


def test_a_new_statement_takes_the_ratings_given_to_statements_like_it() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    said = wb.statements
    first = said[(said["stance"] == "affirms") & said["statement_id"].isin(wb.ach_ratings["statement_id"])]
    pid = str(first["proposition_id"].iloc[0])
    proposed = propose_ratings(
        _new(proposition_id=pid, stance="affirms"), said, wb.ach_ratings, wb.hypotheses["hypothesis_id"]
    ).set_index("hypothesis_id")
    like = said[(said["proposition_id"] == pid) & (said["stance"] == "affirms")]["statement_id"]
    given = wb.ach_ratings[wb.ach_ratings["statement_id"].isin(like)]
    assert set(proposed.index) == set(given["hypothesis_id"])
    for hid, theirs in given.groupby("hypothesis_id"):
        top = Counter(theirs["rating"]).most_common()
        assert proposed.at[hid, "rating"] in {r for r, n in top if n == top[0][1]}  # the most often given
        assert "Proposed from the analyst's own ratings" in proposed.at[hid, "rationale"]


def test_self_serving_is_n_everywhere_and_nothing_is_proposed_without_precedent() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    hypotheses = wb.hypotheses["hypothesis_id"]
    serving = propose_ratings(
        _new(proposition_id="x", stance="denies", self_serving="true"),
        wb.statements,
        wb.ach_ratings,
        hypotheses,
    )
    assert list(serving["rating"]) == ["N"] * len(hypotheses)
    for row in (
        {"proposition_id": "no-such-proposition", "stance": "affirms"},  # nothing rated like it
        {"proposition_id": str(wb.statements["proposition_id"].iloc[0]), "stance": "uncertain"},  # no side
    ):
        assert propose_ratings(_new(**row), wb.statements, wb.ach_ratings, hypotheses).empty


def test_an_admission_is_rated_like_admissions_not_like_reports() -> None:
    # The accused confirming is expected only if true (II under deception); a report from no stake
    # is not: the same proposition and side, rated apart by the speaker's stake.
    statements = pd.DataFrame({
        "statement_id": ["S1", "S2"], "source_id": ["nis", "kcna"],
        "proposition_id": ["in-russia", "in-russia"], "stance": ["affirms", "affirms"],
    })  # fmt: skip
    ratings = pd.DataFrame({
        "statement_id": ["S1", "S2"], "hypothesis_id": ["H4", "H4"], "rating": ["C", "II"],
        "relevance": ["medium", "high"], "rationale": ["a report", "an admission"],
    })  # fmt: skip
    sources = pd.DataFrame({"source_id": ["nis", "kcna", "kim"], "interested": ["false", "true", True]})
    new = pd.DataFrame([
        {"statement_id": "S3", "source_id": "kim", "proposition_id": "in-russia", "stance": "affirms"},
        {"statement_id": "S4", "source_id": "nis", "proposition_id": "in-russia", "stance": "affirms"},
    ])  # fmt: skip
    got = propose_ratings(new, statements, ratings, pd.Series(["H4"]), sources).set_index("statement_id")
    assert got.at["S3", "rating"] == "II" and "with a stake" in got.at["S3", "rationale"]
    assert got.at["S4", "rating"] == "C" and "without a stake" in got.at["S4", "rationale"]
