"""The principles the computed aids keep on any valid workbook, tried on generated ones.

- Evidence that agrees never lowers a balance: only a revision, a retraction or contrary evidence can.
- A statement that weighs nothing changes nothing when it is taken away.
- A claimant's own successive numbers are revisions, never a contradiction, and never the headline.
- The competing hypotheses rank, or the page says they tie and why.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import load_workbook
from helpers.analysis import ach, balance, troop_counts, views
from helpers.present import narrative
from helpers.workbook import Workbook as LoadedWorkbook

from .workbooks import Workbook, workbooks


def _load(generated: Workbook) -> LoadedWorkbook:
    with tempfile.TemporaryDirectory() as tmp:
        return load_workbook(generated.write(Path(tmp)))


def _facts(wb: LoadedWorkbook) -> list[str]:
    return wb.propositions.loc[wb.propositions["kind"] == "fact", "proposition_id"].astype(str).tolist()


def _new_statement(graded: pd.DataFrame, data: st.DataObject, proposition: str, stance: str) -> pd.DataFrame:
    """A new remark taking ``stance`` on ``proposition``, on any channel, graded and dated anyhow."""
    row = graded.iloc[[data.draw(st.integers(0, len(graded) - 1))]].copy()
    row["statement_id"] = row["remark"] = "NEW"
    row["proposition_id"], row["stance"] = proposition, stance
    row["stance"] = row["stance"].astype(graded["stance"].dtype)
    row["channel"] = data.draw(st.sampled_from([*graded["channel"].unique(), "a-new-channel"]))
    row["said_on"] = data.draw(st.sampled_from(graded["said_on"].dropna().tolist()))
    row["report_order"] = len(graded)
    row["self_serving"] = False
    row["reliability"] = pd.Categorical(
        [data.draw(st.sampled_from("ABCDEF"))], dtype=graded["reliability"].dtype
    )
    row["credibility"] = pd.Categorical(
        [data.draw(st.sampled_from([1, 2, 3, 4, 5, 6]))], dtype=graded["credibility"].dtype
    )
    row["hedged"] = data.draw(st.booleans())
    row["carries_weight"] = views.carries_weight(row)
    return pd.concat([graded, row], ignore_index=True)


@given(workbooks(evidence=True), st.data())
def test_agreeing_evidence_never_lowers_a_balance(generated: Workbook, data: st.DataObject) -> None:
    wb = _load(generated)
    graded = views.graded_statements(wb)
    facts = _facts(wb)
    assume(len(graded) and facts)
    proposition = data.draw(st.sampled_from(facts))
    # Affirming the proposition, or a narrower one that implies it
    narrower = [p for p, broader in balance.implications(wb.propositions).items() if proposition in broader]
    on = data.draw(st.sampled_from([proposition, *narrower]))
    before = balance.balances(graded, wb.propositions).get(proposition)
    after = balance.balances(_new_statement(graded, data, on, "affirms"), wb.propositions).get(proposition)
    if before is None:  # nothing took a side before (and the new remark may be its channel's, revised later)
        return
    assert after is not None
    assert after.affirming >= before.affirming - 1e-9 and after.denying <= before.denying + 1e-9
    if before.p is not None:
        assert after.p is not None and after.p >= before.p - 1e-9
        confidence = balance.CONFIDENCE_LEVELS
        assert confidence.index(after.confidence) >= confidence.index(before.confidence)


def _one_made_weightless(generated: Workbook, data: st.DataObject) -> Workbook:
    """``generated`` with one statement that weighs nothing and stands alone: its credibility is 6
    (blank where it states no fact) and no link leads to it or from it. Most generated workbooks
    hold no such statement, and loading one only to throw it away is what made this test slow."""
    said = generated.tables["statements"].copy()
    at = data.draw(st.integers(0, len(said) - 1))
    chosen = said.at[at, "statement_id"]
    if said.at[at, "credibility"] != "":
        said.at[at, "credibility"] = "6"
    for link in ("same_as", "responds_to"):
        said.loc[said[link] == chosen, link] = ""
        said.at[at, link] = ""
    return Workbook({**generated.tables, "statements": said}, generated.texts)


# Two reports of one remark can still share its words: such a draw is thrown away.
@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(workbooks(evidence=True), st.data())
def test_taking_away_a_weightless_statement_changes_nothing(generated: Workbook, data: st.DataObject) -> None:
    wb = _load(_one_made_weightless(generated, data))
    graded = views.graded_statements(wb)
    referenced = set(graded["same_as"].dropna()) | set(graded["responds_to"].dropna())
    alone = ~graded["remark"].duplicated(keep=False)  # no other report of its remark
    weightless = graded[~graded["carries_weight"] & alone & ~graded["statement_id"].isin(referenced)]
    assume(len(weightless))
    gone = data.draw(st.sampled_from(weightless["statement_id"].tolist()))
    kept = graded[graded["statement_id"] != gone]
    before = balance.balance_table(balance.balances(graded, wb.propositions), wb.propositions)
    after = balance.balance_table(balance.balances(kept, wb.propositions), wb.propositions)
    merged = before.merge(after, on="proposition_id", how="inner", suffixes=("", "_after"))
    for column in ("affirming", "denying", "p", "balance", "confidence"):
        before_values, after_values = merged[column].astype(object), merged[f"{column}_after"].astype(object)
        assert before_values.equals(after_values.rename(column)), column
    # A balance that only the weightless statement made is one that had nothing to assess.
    gone_too = before[~before["proposition_id"].isin(after["proposition_id"])]
    assert (gone_too["balance"] == balance.CANNOT_ASSESS).all()
    assert (gone_too["affirming"] == 0).all() and (gone_too["denying"] == 0).all()
    current = views.current_statements(wb)
    assert ach.inconsistency_scores(wb, current).equals(
        ach.inconsistency_scores(wb, current[current["statement_id"] != gone])
    )


@given(workbooks(evidence=True), st.data())
def test_a_claimants_revision_is_never_a_contradiction(generated: Workbook, data: st.DataObject) -> None:
    wb = _load(generated)
    table = troop_counts.claims_table(wb)
    assume(len(table) >= 2)
    # Make every claim one claimant's: whatever the numbers, each pair is a revision
    one = table.assign(channel="one-channel", revises_as="one-channel", source="One claimant")
    pairs = troop_counts.compare_claims(one, troop_counts.Gazetteer.of(wb))
    assert pairs["both_true"].all() and pairs["same_claimant"].all()
    assert troop_counts.headline_pair(pairs) is None
    mixed = troop_counts.compare_claims(table, troop_counts.Gazetteer.of(wb))
    assert mixed.loc[mixed["same_claimant"], "both_true"].all()
    headline = troop_counts.headline_pair(mixed)
    assert headline is None or not headline["same_claimant"]


@given(workbooks())
def test_hypotheses_rank_or_the_page_says_why_not(generated: Workbook) -> None:
    wb = _load(generated)
    scores = ach.inconsistency_scores(wb)
    if scores.empty:
        return
    verdict = ach.verdict(wb, scores)
    assert verdict.ranks == (int((scores["rank"] == 1).sum()) == 1)
    said = " ".join(str(line) for line in narrative.alternatives_lines(wb))
    assert ("cannot be ranked" in said) == (not verdict.ranks)
    for first, second in verdict.alike:
        assert f"{first} and {second}" in said
