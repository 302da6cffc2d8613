"""Analysis helpers against figures worked out by hand from the curated seed data.

Weights used below: credibility 2 -> 0.8, 3 -> 0.6, 6 -> 0; reliability B -> 0.8, C -> 0.6, D -> 0.4,
F -> 0; a hedged statement counts half.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import (
    ach,
    balance,
    charts,
    claims,
    corroboration,
    evidence,
    findings,
    grades,
    judgements,
    load_workbook,
    sentences,
    stance,
    tables,
    views,
    whatif,
)
from helpers.paths import REFERENCE_DATA_DIR
from helpers.validate import arrow


@pytest.fixture(scope="module")
def wb():
    return load_workbook(REFERENCE_DATA_DIR)


def test_combined_grades(wb) -> None:
    graded = grades.graded_statements(wb).set_index("statement_id")
    assert graded.at["S07", "grade"] == "B2"  # the spy agency: usually reliable, probably true
    assert graded.at["S13", "grade"] == "C3"  # Zelensky: fairly reliable, possibly true
    assert graded.at["S13", "credibility_label"] == "Possibly true"
    assert graded.at["S14", "grade"] == "C (not graded)"  # a demand: no credibility
    grid = grades.grade_grid(wb)
    # B2: S01, S02, S03 (Austin), S07 (spy agency), S12 (NATO); D3: S06, S08 (North Korea), S10 (Russia)
    assert grid.loc["B", 2] == 5 and grid.loc["D", 3] == 3 and int(grid.to_numpy().sum()) == 15


def test_evidence_weights(wb) -> None:
    weights = evidence.evidence_weights(grades.graded_statements(wb))
    assert weights["S02"] == pytest.approx(0.64)  # B 0.8 x 2 0.8
    assert weights["S13"] == pytest.approx(0.18)  # C 0.6 x 3 0.6, hedged ("could be"): half
    assert weights["S09"] == 0.0 and weights["S16"] == 0.0  # F: cannot be judged, no weight
    assert weights["S14"] == 0.0  # a demand, not graded
    heavier = evidence.Weights(hedge=1.0)
    assert evidence.evidence_weights(grades.graded_statements(wb), heavier)["S13"] == pytest.approx(0.36)


def test_corroboration_counts_sources_channels_and_stakes(wb) -> None:
    row = corroboration.corroboration(wb).set_index("proposition_id").loc["troops-in-russia"]
    # Austin (us-government) and the spy agency (south-korea-government): two channels, no stake
    assert (row["affirming_sources"], row["affirming_channels"], row["affirming_disinterested"]) == (2, 2, 2)
    # North Korea and its UN envoy: two speakers, one channel
    assert (row["denying_sources"], row["denying_channels"], row["denying_disinterested"]) == (2, 1, 0)
    assert row["uncertain_sources"] == 1  # the lawmakers (S20); Austin's "couldn't confirm" is overtaken
    nato = corroboration.corroboration(wb).set_index("proposition_id").loc["fighting-in-ukraine"]
    assert (nato["no_evidence_sources"], nato["no_evidence_channels"]) == (2, 2)


def test_the_balance_counts_a_remark_and_a_channel_once(wb) -> None:
    found = balance.balances(views.current_statements(wb), wb.propositions)
    troops = found["troops-in-russia"]
    assert troops.affirming == pytest.approx(1.28)  # S02 and S07: 0.64 each, on two channels
    # S06 (D3, 0.24) and S08 (the same denial reported again) count once
    assert troops.denying == pytest.approx(0.24)
    assert troops.p == pytest.approx(1 / (1 + 4**-1.04), abs=1e-4)  # odds 4 ^ (A - D): 0.809
    assert (troops.term, troops.confidence) == ("very likely", "moderate")  # two channels agree, not three
    counted = troops.basis.set_index("statement_id")["counted"]
    assert counted["S06"] and not counted["S08"]
    assert "S01" not in counted.index  # overtaken by S02, Austin's own later word
    alone = balance.balances(
        views.current_statements(wb), wb.propositions, evidence.Weights(exclude_interested=True)
    )
    assert alone["troops-in-russia"].p == pytest.approx(1 / (1 + 4**-1.28), abs=1e-4)


def test_thin_evidence_cannot_be_assessed_and_says_why(wb) -> None:
    found = balance.balances(views.current_statements(wb), wb.propositions)
    combat = found["combat-role"]  # Zelensky's hedged "could be" alone: 0.18
    assert combat.term == "cannot assess" and combat.p is None and combat.confidence == "low"
    assert combat.cautions == ("the only weighed evidence is one hedged claim by an interested party (S13)",)
    fighting = found["fighting-in-ukraine"]  # Russia 0.24, NATO's "no evidence" 0.64 x 0.5; S09 and S11 F
    assert (fighting.affirming, fighting.denying) == (0.0, pytest.approx(0.56))
    assert fighting.term == "cannot assess"
    shells = found["south-korea-shells"]  # the outlet alone, graded F
    assert shells.cautions == (
        "the only evidence (S16) carries no weight: its grade, or its relay's, cannot be judged",
    )


def test_the_seeds_two_numbers_count_different_things(wb) -> None:
    table = claims.claims_table(wb)
    places = claims.Gazetteer.of(wb)  # Kursk Oblast lies in Russia
    pair = claims.compare_claims(table, places).iloc[0]
    assert pair["ratio"] == pytest.approx(10000 / 1500)
    assert pair["differs_on"] == "measure"  # sent to Russia vs preparing for combat in Kursk, in Russia
    # 10,000 preparing for combat means at least 10,000 sent, two days after 1,500 sent: not both
    assert pair["relation"] == "different scope" and not pair["comparable"] and not pair["both_true"]
    headline = claims.headline_pair(claims.compare_claims(table, places))
    assert headline is not None and headline["larger"] == "TC02"
    words = claims.describe_pair(pair, table, places)
    assert "10,000 preparing for combat means at least as many sent" in words
    assert "only a possibility, not a count" in words  # Zelensky's "could be"
    assert claims.compare_claims(table).iloc[0]["both_true"]  # without the gazetteer, nothing links them
    assert claims.range_supported(table) == {
        "sent to": (1500.0, 1500.0),
        "preparing for combat": (10000.0, 10000.0),
    }
    assert claims.range_supported(table[~table["interested"].astype(bool)]) == {"sent to": (1500.0, 1500.0)}


def _claims(*rows: tuple) -> pd.DataFrame:
    """Claims from (id, count, bound, measure, place, as_of, source) rows, low and high from the count."""
    frame = pd.DataFrame(rows, columns=["claim_id", "count", "bound", "measure", "place", "as_of", "source"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["count_low"] = frame["count_high"] = frame["count"]
    return frame


KURSK = claims.Gazetteer({"kursk": "russia"}, {"kursk": "Kursk Oblast", "russia": "Russia"})


@pytest.mark.parametrize(
    "a, b, relation, both_true",
    [
        # same measure, same place, five days apart: compared; exact numbers that differ conflict
        (
            ("a", 3000, "exact", "sent to", "russia", "2024-10-20", "X"),
            ("b", 12000, "exact", "sent to", "russia", "2024-10-25", "Y"),
            "comparable",
            False,
        ),
        # "about 10,000" admits 8,000 to 12,500: 11,000 fits
        (
            ("a", 10000, "about", "present in", "russia", "2024-10-20", "X"),
            ("b", 11000, "exact", "present in", "russia", "2024-10-21", "Y"),
            "comparable",
            True,
        ),
        # Kursk lies in Russia: "at least 3,000" in Russia and 5,000 in Kursk can both hold
        (
            ("a", 3000, "at least", "present in", "russia", "2024-10-20", "X"),
            ("b", 5000, "exact", "present in", "kursk", "2024-10-20", "Y"),
            "comparable",
            True,
        ),
        # ... but not "up to 3,000" in Russia with 5,000 in Kursk
        (
            ("a", 3000, "up to", "present in", "russia", "2024-10-20", "X"),
            ("b", 5000, "exact", "present in", "kursk", "2024-10-20", "Y"),
            "comparable",
            False,
        ),
        # eight days apart: a change over time; troops sent cannot fall from 10,000 to 3,000
        (
            ("a", 10000, "exact", "sent to", "russia", "2024-10-20", "X"),
            ("b", 3000, "exact", "sent to", "russia", "2024-10-28", "Y"),
            "over time",
            False,
        ),
        # growth over time is no contradiction: 1,500 sent can be the first group of 10,000
        (
            ("a", 1500, "exact", "sent to", "russia", "2024-10-10", "X"),
            ("b", 10000, "exact", "sent to", "russia", "2024-11-10", "Y"),
            "over time",
            True,
        ),
        # troops present may fall as well as rise
        (
            ("a", 11000, "exact", "present in", "kursk", "2024-11-04", "X"),
            ("b", 8000, "exact", "present in", "kursk", "2024-12-04", "Y"),
            "over time",
            True,
        ),
        # killed and captured count different things, whatever the numbers
        (
            ("a", 2, "exact", "captured", "kursk", "2025-01-11", "X"),
            ("b", 3000, "at least", "killed or wounded", "kursk", "2025-01-11", "Y"),
            "different scope",
            True,
        ),
    ],
)
def test_pairs_compare_only_like_with_like(a: tuple, b: tuple, relation: str, both_true: bool) -> None:
    table = _claims(a, b)
    pair = claims.compare_claims(table, KURSK).iloc[0]
    assert (pair["relation"], bool(pair["both_true"])) == (relation, both_true)
    sentence = claims.describe_pair(pair, table, KURSK)
    assert {
        "comparable": "both count troops",
        "over time": "change over time",
        "different scope": "different things",
    }[relation] in sentence


def test_bounds_give_the_numbers_a_claim_admits() -> None:
    rows = _claims(
        ("a", 10000, "about", "sent to", "russia", "2024-10-20", "X"),
        ("b", 3000, "at least", "sent to", "russia", "2024-10-20", "X"),
        ("c", 8000, "up to", "sent to", "russia", "2024-10-20", "X"),
    )
    assert [claims.interval(r) for _, r in rows.iterrows()] == [
        (8000.0, 12500.0),
        (3000.0, float("inf")),
        (0.0, 8000.0),
    ]


def test_the_headline_pair_is_the_widest_comparable_one() -> None:
    table = _claims(
        ("a", 1000, "exact", "sent to", "russia", "2024-10-20", "X"),
        ("b", 3000, "exact", "sent to", "russia", "2024-10-22", "Y"),
        ("c", 50000, "exact", "killed", "russia", "2024-10-22", "Z"),  # widest ratio, other measure
    )
    headline = claims.headline_pair(claims.compare_claims(table))
    assert headline is not None and (headline["smaller"], headline["larger"]) == ("a", "b")


def test_stance_shifts_and_replies(wb) -> None:
    shifts = stance.shifts(wb)
    assert shifts[["source", "stances"]].values.tolist() == [["Austin", "uncertain → affirms"]]
    chains = stance.response_chains(wb)
    assert list(zip(chains["first"], chains["reply"], strict=True)) == [
        ("S01", "S02"),
        ("S07", "S08"),
        ("S09", "S10"),
        ("S09", "S11"),
        ("S09", "S12"),
    ]
    assert chains["same_source"].tolist() == [True, False, False, False, False]
    graded = grades.graded_statements(wb)
    without_s09 = stance.response_chains(wb, graded[graded["statement_id"] != "S09"])
    assert list(zip(without_s09["first"], without_s09["reply"], strict=True)) == [
        ("S01", "S02"),
        ("S07", "S08"),
    ]


def test_isin_matches_pandas_on_strings_and_missing_values() -> None:
    values = pd.Series(["S01", None, "X9", "S02", "S01"], dtype="str")
    allowed = pd.Series(["S01", "S02", "S03", "S02"], dtype="str")
    assert arrow.isin(values, allowed).tolist() == values.isin(allowed).tolist()
    assert arrow.isin(values, allowed.iloc[0:0]).tolist() == [False] * 5


def test_timeline_bundles_many_statements_into_countable_markers(wb) -> None:
    graded = grades.graded_statements(wb)
    copies = pd.concat([graded] * 30, ignore_index=True)  # 630 statements, over charts.MAX_POINTS
    copies["statement_id"] = [f"X{i:04d}" for i in range(len(copies))]
    copies["responds_to"] = None
    chart = charts.timeline(wb, copies)
    sizes = [s for c in chart.figure.axes[0].collections for s in c.get_sizes()]
    groups = graded.groupby(["source", "said_on", "stance", "said_on_precision"], observed=True).ngroups
    assert len(sizes) == groups and max(sizes) > min(sizes)  # one marker per group, area by count
    assert chart.alt.startswith("Timeline of 630 statements by 11 sources")
    assert chart.alt.endswith("Replies are not drawn at this size.")
    assert len(chart.figure.axes[0].texts) == 0  # no per-statement labels at this size


def test_ach_scores_rank_and_ties(wb) -> None:
    scores = ach.inconsistency_scores(wb).set_index("hypothesis_id")
    # Only H3 meets evidence against it: S02 and S07 (II x 0.64 x high 1.5 = 1.92 each),
    # S03 (I x 0.64 x medium 1) and S13 (I x 0.18 x medium 1). Denials are N under every hypothesis.
    assert scores["weighted_inconsistency"].to_dict() == pytest.approx(
        {"H1": 0.0, "H2": 0.0, "H3": 4.66, "H4": 0.0}
    )
    assert scores["rank"].to_dict() == {"H1": 1, "H2": 1, "H3": 4, "H4": 1}
    alone = ach.inconsistency_scores(wb, weights=evidence.Weights(exclude_interested=True))
    assert alone.set_index("hypothesis_id").at["H3", "weighted_inconsistency"] == pytest.approx(4.48)


def test_diagnosticity_and_sensitivity(wb) -> None:
    diag = ach.diagnosticity(wb).set_index("statement_id")
    assert diag.at["S02", "diagnosticity"] == pytest.approx(1.92)  # same scale as the scores
    assert diag.at["S13", "diagnosticity"] == pytest.approx(0.18)
    assert not diag.at["S18", "diagnostic"] and "S17" not in diag.index  # a demand is not rated
    assert "S08" not in diag.index  # the same remark as S06: one item
    sens = ach.sensitivity(wb)
    assert set(sens["what"]) == {"item", "source", "channel", "alignment"}  # no pair changes the tie
    assert not sens["leader_changes"].any() and ach.linchpins(sens) == []
    assert set(sens["leader"]) == {"H1 = H2 = H4"}


def test_sensitivity_names_what_the_lead_hangs_on(wb) -> None:
    ratings = wb.ach_ratings.copy()
    # make S13 (Zelensky) count against H2 alone: H1 then leads, and only by S13
    ratings.loc[(ratings["statement_id"] == "S13") & (ratings["hypothesis_id"] == "H2"), "rating"] = "I"
    ratings.loc[(ratings["statement_id"] == "S13") & (ratings["hypothesis_id"] == "H4"), "rating"] = "I"
    changed = wb.with_tables(ach_ratings=ratings)
    sens = ach.sensitivity(changed)
    assert ach.linchpins(sens) == ["S13"]
    assert ach.linchpins(sens, "source") == ["Zelensky"] and ach.linchpins(sens, "alignment") == ["Ukraine"]
    assert "without the item S13" in sentences.sensitivity_sentence(sens)


def test_tables_escape_html_from_data(wb) -> None:
    statements = wb.statements.copy()
    statements.loc[0, "quote"] = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    hostile = wb.with_tables(statements=statements)
    html = tables.statements_table(hostile).to_html()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    frame = pd.DataFrame({"<b>col</b>": ["<i>x</i>"]})
    assert "<b>col</b>" not in tables.frame_table(frame, "t", "<u>caption</u>").to_html()


@pytest.mark.parametrize(
    "make, expected",
    [
        (charts.timeline, "Austin went from uncertain to affirming"),
        (charts.troop_numbers, "is 6.7x South Korea’s spy agency's about 1,500 sent to Russia"),
        (charts.grade_grid, "7 of 15 graded statements are probably true or better"),
        (charts.sources_by_alignment, "Interested parties are graded C-F"),
        (charts.corroboration_chart, "2 sources affirm, on 2 independent channels"),
        (charts.ach_scores, "tie with the least evidence against them (0.00)"),
    ],
)
def test_charts_state_their_finding_and_describe_themselves(wb, make, expected) -> None:
    chart = make(wb)
    assert expected in chart.alt
    assert expected in chart.title.replace("\n", " ")
    assert chart.figure.get_suptitle().replace("\n", " ") == " ".join(chart.title.split())
    assert chart.figure.get_supxlabel().startswith("Source: ")
    png = chart.png()
    assert png.startswith(b"\x89PNG") and png == make(wb).png()  # same data, same bytes
    bundle, metadata = chart._repr_mimebundle_()
    assert bundle["text/plain"] == chart.alt and metadata["image/png"]["alt"] == chart.alt


def test_findings_carry_the_headline_numbers(wb) -> None:
    troops = str(findings.troop_numbers(wb))
    assert "1,500 sent; 10,000 preparing for combat" in troops
    assert (
        "South Korea’s spy agency's about 1,500 (sent to Russia) and Zelensky's about 10,000 "
        "(preparing for combat in Kursk Oblast)" in troops
    )
    assert "“No deployment” has the most (4.66)" in str(findings.hypotheses(wb))
    assert "S08 (North Korea’s UN envoy, denies) answered S07" in str(findings.statements(wb))


def test_frame_table_shows_a_dash_for_nothing_to_divide() -> None:
    frame = pd.DataFrame({"Proposition": ["<b>p</b>"], "Support": [float("nan")]})
    html = tables.frame_table(frame, "t").to_html()
    assert ">–<" in html and "nan" not in html and "&lt;b&gt;p&lt;/b&gt;" in html


def test_every_proposition_alone_recomputes(wb) -> None:
    """Filtering to a proposition that no rated statement bears on leaves weights as numbers."""
    graded = grades.graded_statements(wb)
    for proposition in wb.propositions["proposition_id"]:
        kept = whatif.apply_filters(graded, whatif.Filters(propositions=(proposition,)))
        ranking = whatif.recompute(wb, kept, whatif.Weights()).ranking
        assert ranking["weighted_inconsistency"].dtype == "float64"
    nato = whatif.apply_filters(graded, whatif.Filters(propositions=("nato-strong-action",)))
    ranking = whatif.recompute(wb, nato, whatif.Weights()).ranking
    assert ranking["weighted_inconsistency"].tolist() == [0.0] * 4 and set(ranking["rank"]) == {1}


def test_judgement_with_only_interested_sources_does_not_crash(wb) -> None:
    """Zelensky alone affirms the combat role: without interested parties nothing is left to weigh."""
    said = views.current_statements(wb)
    alone = balance.balances(said, wb.propositions, evidence.Weights(exclude_interested=True))
    assert alone["combat-role"].term == "cannot assess" and alone["combat-role"].affirming == 0.0
    statements = wb.statements.copy()
    only_interested = statements["proposition_id"].eq("combat-role") & statements["source_id"].ne("zelensky")
    cut = wb.with_tables(statements=statements[~only_interested])
    judged = next(j for j in judgements.key_judgements(cut) if j.proposition_id == "combat-role")
    assert judged.balance is not None and judged.check == "cannot assess"


def test_dollar_signs_from_the_data_are_text_not_maths(wb) -> None:
    sources = wb.sources.copy()
    sources.loc[sources["source_id"] == "nis", "label"] = r"NIS $\foo$ and $x$"
    hostile = wb.with_tables(sources=sources)
    for make in (charts.timeline, charts.troop_numbers, charts.sources_by_alignment):
        chart = make(hostile)
        assert chart.png().startswith(b"\x89PNG")  # mathtext would raise on \foo
    labels = [t.get_text() for t in charts.timeline(hostile).figure.axes[0].get_yticklabels()]
    assert r"NIS $\foo$ and $x$" in labels


def test_one_remark_reported_twice_is_paired_once() -> None:
    table = _claims(
        ("a", 8000, "about", "present in", "kursk", "2024-10-31", "Blinken"),
        ("b", 8000, "up to", "present in", "kursk", "2024-10-31", "Blinken"),  # the same remark, relayed
        ("c", 11000, "exact", "present in", "kursk", "2024-11-04", "Zelensky"),
    )
    table["remark"] = ["S26", "S26", "S37"]
    pairs = claims.compare_claims(table, KURSK)
    assert pairs[["smaller", "larger"]].values.tolist() == [["a", "c"]]
