"""The evidence balance, the check of the analyst's judgements, overtaken statements and ACH, each
rule on a small table whose figures are worked out by hand.

Weights: reliability A 1, B 0.8, C 0.6, D 0.4, F 0; credibility 1 1, 2 0.8, 3 0.6, 6 0; a hedged
statement counts half; "no evidence" counts half against. A channel of weight w multiplies the odds
by 4 ** w.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers import ach, balance, evidence, judgements, load_workbook, views
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present import change_words, evidence_words

Row = tuple[str, str, str, str, int | None, bool, bool, str]


def _statements(*rows: Row, said: tuple[str, ...] = (), camps: tuple[str, ...] = ()) -> pd.DataFrame:
    """Graded statements from (id, source, stance, reliability, credibility, hedged, interested,
    channel) rows, all on one proposition; ``said`` gives their dates (default all one day) and
    ``camps`` their alignments (default: each channel a camp of its own)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "statement_id",
            "source",
            "stance",
            "reliability",
            "credibility",
            "hedged",
            "interested",
            "channel",
        ],
    )
    frame["source_id"] = frame["source"]
    frame["proposition_id"] = "p"
    frame["credibility"] = frame["credibility"].astype("Int64")
    frame["remark"] = frame["statement_id"]
    frame["report_order"] = range(len(frame))
    frame["said_on"] = pd.to_datetime(list(said) or ["2024-10-23"] * len(frame))
    frame["grade"] = frame["reliability"] + frame["credibility"].astype(str)
    frame["hedge"] = None
    frame["self_serving"] = False
    frame["alignment"] = list(camps) or frame["channel"]
    frame["via"] = ""
    frame["carries_weight"] = views.carries_weight(frame)
    return frame


def test_f_and_6_weigh_nothing_and_thin_evidence_cannot_be_assessed() -> None:
    only_f = balance.balance("p", _statements(("s1", "x", "affirms", "F", 2, False, False, "a")))
    assert only_f.term == "cannot assess" and only_f.p is None
    assert only_f.cautions == (balance.Caution(balance.WEIGHTLESS, ("s1",)),)
    assert evidence_words.cautions_words(only_f.cautions) == [
        "the only evidence (s1) carries no weight: its grade, or a link of its chain, cannot be judged, or "
        "it is what its speaker's stake calls for"
    ]
    only_6 = balance.balance("p", _statements(("s1", "x", "affirms", "A", 6, False, False, "a")))
    assert only_6.affirming == 0.0 and only_6.term == "cannot assess"
    # one B2 channel: 0.64, below the minimum of 1
    one = balance.balance("p", _statements(("s1", "x", "affirms", "B", 2, False, False, "a")))
    assert one.affirming == pytest.approx(0.64) and one.term == "cannot assess" and one.confidence == "low"


def test_independent_channels_compound_and_one_channel_counts_once() -> None:
    two = _statements(
        ("s1", "x", "affirms", "B", 2, False, False, "a"),
        ("s2", "y", "affirms", "B", 2, False, False, "b"),
    )
    found = balance.balance("p", two)
    assert found.affirming == pytest.approx(1.28)
    assert found.p == pytest.approx(round(1 / (1 + 4**-1.28), 4))  # 0.855
    assert (found.term, found.confidence, found.channels_for) == ("very likely", "moderate", 2)
    same = two.assign(channel="a")  # the two speakers on one channel: one witness
    assert balance.balance("p", same).affirming == pytest.approx(0.64)


def test_a_remark_reported_twice_counts_once_and_as_first_reported() -> None:
    reports = _statements(
        ("s1", "x", "affirms", "B", 2, False, False, "a"),
        ("s2", "x", "affirms", "A", 1, False, False, "b"),  # a later report that dropped a weak link
    ).assign(remark=["s1", "s1"])
    assert balance.balance("p", reports).affirming == pytest.approx(0.64)  # the primary account's worth


def test_hedges_and_no_evidence_count_half_and_uncertain_counts_nothing() -> None:
    found = balance.balance(
        "p",
        _statements(
            ("s1", "x", "affirms", "A", 1, True, False, "a"),  # hedged: 0.5
            ("s2", "y", "no evidence", "A", 1, False, False, "b"),  # half a denial: 0.5
            ("s3", "z", "uncertain", "A", 1, False, False, "c"),  # no side
            ("s4", "w", "affirms", "A", 1, False, False, "d"),  # 1.0
        ),
    )
    assert (found.affirming, found.denying) == (pytest.approx(1.5), pytest.approx(0.5))
    assert found.p == pytest.approx(round(1 / (1 + 4**-1.0), 4)) and found.term == "likely"  # 0.8 exactly
    assert "s3" not in set(found.basis["statement_id"])


def test_a_channel_revises_its_word_only_by_pointing_another_way() -> None:
    said = _statements(
        ("s1", "x", "no evidence", "B", 2, False, False, "us"),
        ("s2", "y", "affirms", "B", 2, False, False, "us"),  # the same channel, weeks later: a revision
        ("s3", "z", "affirms", "B", 2, False, False, "sk"),
        said=("2024-10-31", "2024-12-17", "2024-12-17"),
    )
    found = balance.balance("p", said)
    assert found.denying == 0.0 and found.affirming == pytest.approx(1.28)
    agreeing = _statements(
        ("s1", "x", "affirms", "B", 2, False, False, "us"),
        ("s2", "y", "affirms", "B", 2, True, False, "us"),  # later, agreeing but hedged: both stand
        said=("2024-10-31", "2024-12-17"),
    )
    assert balance.balance("p", agreeing).affirming == pytest.approx(0.64)  # never lowered to 0.32
    weightless = _statements(
        ("s1", "x", "affirms", "B", 2, False, False, "us"),
        ("s2", "y", "uncertain", "F", 3, False, False, "us"),  # a later doubt nobody can grade
        said=("2024-10-31", "2024-12-17"),
    )
    assert balance.balance("p", weightless).affirming == pytest.approx(0.64)  # revises nothing


def test_confidence_asks_for_corroboration_without_a_stake_and_high_across_sides() -> None:
    three = _statements(
        ("s1", "x", "affirms", "A", 1, False, False, "a"),
        ("s2", "y", "affirms", "B", 2, False, True, "b"),
        ("s3", "z", "affirms", "B", 2, False, True, "c"),
    )
    assert balance.balance("p", three).confidence == "low"  # one channel without a stake: no corroboration
    disinterested = three.assign(interested=False)
    assert balance.balance("p", disinterested).confidence == "high"  # 2.28, three camps
    one_camp = disinterested.assign(alignment="backers")
    # one camp corroborates (moderate) but is no agreement across the dispute (not high)
    assert balance.balance("p", one_camp).confidence == "moderate"
    # A party and its backers are one side of the dispute, however the alignments are spelt.
    one_side = disinterested.assign(alignment=["Ukraine", "Ukraine's backers", "ukraine’s Backers"])
    assert balance.balance("p", one_side).confidence == "moderate"
    two_sides = disinterested.assign(alignment=["Ukraine", "Ukraine's backers", "Unaligned"])
    assert balance.balance("p", two_sides).confidence == "high"
    contested = pd.concat([disinterested, _statements(("s4", "v", "denies", "B", 2, False, False, "d"))])
    assert balance.balance("p", contested).confidence == "low"  # a channel without a stake disagrees
    weak = _statements(
        ("s1", "x", "affirms", "C", 3, False, False, "a"),
        ("s2", "y", "affirms", "C", 3, False, False, "b"),
        ("s3", "z", "affirms", "C", 3, False, False, "c"),
        ("s4", "w", "affirms", "C", 3, False, False, "d"),
    )
    assert balance.balance("p", weak).confidence == "moderate"  # many weak voices (1.44) are not high


def test_a_self_serving_statement_weighs_nothing_as_in_ach() -> None:
    denial = _statements(
        ("s1", "x", "affirms", "B", 2, False, False, "a"),
        ("s2", "y", "affirms", "B", 2, False, False, "b"),
        ("s3", "accused", "denies", "D", 3, False, True, "c"),
    ).assign(self_serving=[False, False, True])
    found = balance.balance("p", denial)
    assert found.denying == 0.0 and found.affirming == pytest.approx(1.28)


def test_a_single_interested_hedged_claim_is_named() -> None:
    found = balance.balance("p", _statements(("s9", "x", "affirms", "C", 3, True, True, "a")))
    assert found.cautions == (balance.Caution(balance.HEDGED_INTERESTED, ("s9",)),)
    assert evidence_words.cautions_words(found.cautions) == [
        "the only weighed evidence is one hedged claim by an interested party (s9)"
    ]


def test_bands_and_terms() -> None:
    assert balance.estimative_term(0.5) == ("roughly even chance", "45-55%")
    assert balance.estimative_term(0.96) == ("almost certain", "95-99%")
    assert balance.bands_apart("likely", "almost certain") == 2
    assert balance.bands_apart("likely", balance.CANNOT_ASSESS) is None


@pytest.fixture(scope="module")
def wb():
    return load_workbook(REFERENCE_DATA_DIR)


def test_judgements_are_read_and_checked_against_the_balance(wb) -> None:
    current = judgements.key_judgements(wb)
    assert [j.judgement_id for j in current] == ["J02", "J03", "J04", "J05"]
    troops = current[0]
    assert (troops.likelihood, troops.confidence, troops.supersedes) == ("very likely", "low", "J01")
    assert troops.balance is not None and (troops.balance.term, troops.balance.confidence) == (
        "very likely", "low",
    )  # fmt: skip
    assert troops.check == "agrees"
    # It clears the minimum only with Zelensky's hedged claim (S13): without it, 0.96 cannot assess.
    assert troops.without_interested is not None and not troops.without_interested.assessed
    assert [j.check for j in current[1:]] == ["cannot assess"] * 3
    assert len(troops.assumptions) >= 2  # " | "-separated in the data


def test_a_judgement_two_bands_from_its_balance_departs(wb) -> None:
    frame = wb.judgements.copy()
    frame["likelihood"] = frame["likelihood"].astype(str)
    frame.loc[frame["judgement_id"] == "J02", "likelihood"] = "unlikely"  # very likely is three bands up
    changed = wb.with_tables(judgements=frame)
    troops = next(j for j in judgements.key_judgements(changed) if j.judgement_id == "J02")
    assert troops.check == "departs" and troops.departs


def test_a_judgement_more_confident_than_its_evidence_is_flagged(wb) -> None:
    frame = wb.judgements.copy()
    frame["confidence"] = frame["confidence"].astype(str)
    frame.loc[frame["judgement_id"] == "J02", "confidence"] = "moderate"  # the balance gives low
    troops = next(
        j for j in judgements.key_judgements(wb.with_tables(judgements=frame)) if j.judgement_id == "J02"
    )
    assert troops.check == "confidence above" and troops.departs


def test_the_balance_is_taken_as_of_the_judgement(wb) -> None:
    early = next(j for j in judgements.all_judgements(wb) if j.judgement_id == "J01")
    # On 21 October only the spy agency (S07) affirmed and Austin could not yet confirm (S01)
    assert early.balance is not None and early.balance.affirming == pytest.approx(0.48)
    assert "S02" not in set(early.balance.basis["statement_id"])


def test_what_was_said_since_a_judgement_is_set_beside_it(wb) -> None:
    early = next(j for j in judgements.all_judgements(wb) if j.judgement_id == "J01")
    since = judgements.evidence_since(wb, early)
    # Austin's "evidence" (S02), Zelensky's claim by implication (S13), the lawmakers' doubt (S20), ...
    assert {"S02", "S13", "S20"} <= set(since["statement_id"])
    latest = next(j for j in judgements.key_judgements(wb) if j.judgement_id == "J02")
    assert judgements.evidence_since(wb, latest).empty


def test_history_sets_each_change_beside_the_one_it_replaced(wb) -> None:
    history = judgements.history(wb)
    assert history["supersedes"].tolist() == ["J01"]
    assert history[["likelihood_steps", "confidence_steps"]].values.tolist() == [[1, 0]]
    assert [change_words.change_words(row) for _, row in history.iterrows()] == ["likelihood up"]


def test_a_statement_is_revised_by_its_own_channels_later_word(wb) -> None:
    graded = views.graded_statements(wb).set_index("statement_id")
    assert graded.at["S01", "overtaken_by"] == "S02" and pd.isna(graded.at["S02", "overtaken_by"])
    as_then = views.current_statements(wb, pd.Timestamp("2024-10-21 23:59"))
    assert sorted(as_then["statement_id"]) == ["S01", "S07", "S08"]  # S01 stood until S02


def test_relevance_weights_the_ach_score(wb) -> None:
    ratings = wb.ach_ratings.copy()
    ratings["relevance"] = ratings["relevance"].astype(str)
    ratings.loc[(ratings["statement_id"] == "S07") & (ratings["hypothesis_id"] == "H3"), "relevance"] = "low"
    scores = ach.inconsistency_scores(wb.with_tables(ach_ratings=ratings)).set_index("hypothesis_id")
    # S07 against H3 falls from II x 0.48 x 1.5 = 1.44 to II x 0.48 x 0.5 = 0.48
    assert scores.at["H3", "weighted_inconsistency"] == pytest.approx(2.34 - 0.96)


def test_the_explorer_and_the_notebooks_weigh_alike(wb) -> None:
    from helpers.analysis.whatif import Filters, apply_filters, recompute

    counted = apply_filters(views.graded_statements(wb), Filters())
    results = recompute(wb, counted, evidence.Weights())
    assert results.ranking.equals(ach.inconsistency_scores(wb))
    mine = balance.balance_table(
        balance.balances(views.graded_statements(wb), wb.propositions), wb.propositions
    )
    assert results.support.equals(mine)
    assert math.isclose(results.support.set_index("proposition_id").at["troops-in-russia", "affirming"], 1.14)


def test_pairs_that_change_the_leader_are_found_all_at_once() -> None:
    # H1 2.0 against H2 1.5: H2 leads. Losing a or b alone leaves it; losing both (0.8) does not;
    # losing c alone already changes it, so no pair with c is listed; d only widens the lead.
    values = np.array([[0.4, 0.0], [0.4, 0.0], [1.2, 0.0], [0.0, 1.5]])
    assert ach._pairs_that_change(values, values.sum(axis=0)) == [(0, 1)]


def test_a_tie_is_named_in_the_tables_order_whatever_the_rounding() -> None:
    assert ach._leader(np.array([0.9, 0.3 + 0.6, 2.0]), ["H1", "H2", "H3"]) == (
        "H1 = H2",
        0.0,
    )  # tied: no margin


def test_a_close_balance_is_never_held_with_high_confidence() -> None:
    close = _statements(
        ("s1", "x", "affirms", "B", 2, False, False, "a"),
        ("s2", "y", "affirms", "B", 2, False, False, "b"),
        ("s3", "z", "affirms", "B", 2, False, False, "c"),
        ("s4", "u", "denies", "B", 2, False, True, "d"),
        ("s5", "v", "denies", "B", 2, False, True, "e"),
    )
    found = balance.balance("p", close)  # 1.92 against 1.28: three agree, but the lead is not twofold
    assert found.term == "likely" and found.confidence == "low"


def test_a_remark_reported_again_by_its_source_does_not_revise_itself(wb) -> None:
    statements = wb.statements.copy()
    again = statements[statements["statement_id"] == "S07"].assign(
        statement_id="S99", said_on=pd.Timestamp("2024-10-23"), same_as="S07"
    )
    changed = wb.with_tables(statements=pd.concat([statements, again], ignore_index=True))
    graded = views.graded_statements(changed).set_index("statement_id")
    assert pd.isna(graded.at["S07", "overtaken_by"]) and graded.at["S99", "remark"] == "S07"


def test_small_counts_are_spelt_out() -> None:
    from helpers.grammar import spelt

    assert (
        spelt(1, "band") == "one band" and spelt(2, "band") == "two bands" and spelt(12, "band") == "12 bands"
    )


def test_a_drafted_superseding_row_is_never_dated_before_what_it_supersedes() -> None:
    # An article older than the judgement, added late: S01 and S07 were said on 21 October, the
    # judgement J02 on them is of 23 October; the drafted row carries J02 forward from its own date.
    from helpers.present.prompted import superseding_rows

    wb = load_workbook(REFERENCE_DATA_DIR)
    current = {j.judgement_id: j for j in judgements.key_judgements(wb)}["J02"]
    older = judgements.Prompt(current, ("S01", "S07"), None, "cannot assess")
    newer = judgements.Prompt(current, ("S01", "S02"), None, "cannot assess")
    rows = superseding_rows(wb, [older, newer])
    assert list(rows["as_of"]) == ["2024-10-23", "2024-10-23"]
    assert list(rows["supersedes"]) == ["J02", "J02"]
