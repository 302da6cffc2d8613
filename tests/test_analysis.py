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
    columnar,
    corroboration,
    evidence,
    findings,
    grades,
    judgements,
    load_workbook,
    sentences,
    stance,
    tables,
    whatif,
)
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present import claim_words, evidence_words


@pytest.fixture(scope="module")
def wb():
    return load_workbook(REFERENCE_DATA_DIR)


def test_combined_grades(wb) -> None:
    graded = grades.graded_statements(wb).set_index("statement_id")
    # The spy agency (B), published by an outlet graded C: the chain is no stronger than its outlet.
    chain = evidence_words.chain_words(graded)
    assert graded.at["S07", "grade"] == "C2" and chain["S07"] == "speaker B, outlet C"
    assert graded.at["S13", "grade"] == "C3"  # Zelensky: fairly reliable, possibly true
    assert graded.at["S13", "credibility_label"] == "Possibly true"
    assert graded.at["S14", "grade"] == "C (not graded)"  # a demand: no credibility
    assert graded.at["S09", "grade"] == "F6"  # unnamed officials: cannot be judged
    grid = grades.grade_grid(wb)
    # C2: S01, S02, S03 (Austin), S07 (spy agency), S11 (the outlet), S12 (NATO), S21 (the outlet)
    assert grid.loc["C", 2] == 7 and grid.loc["D", 3] == 3 and int(grid.to_numpy().sum()) == 15


def test_evidence_weights(wb) -> None:
    weights = evidence.evidence_weights(grades.graded_statements(wb))
    assert weights["S02"] == pytest.approx(0.48)  # the weakest link C 0.6 x credibility 2 0.8
    assert weights["S13"] == pytest.approx(0.18)  # C 0.6 x 3 0.6, hedged ("could be"): half
    assert weights["S09"] == 0.0  # F6: cannot be judged, no weight
    assert weights["S06"] == weights["S08"] == weights["S10"] == 0.0  # self-serving denials
    assert weights["S14"] == 0.0  # a demand, not graded
    heavier = evidence.Weights(hedge=1.0)
    assert evidence.evidence_weights(grades.graded_statements(wb), heavier)["S13"] == pytest.approx(0.36)


def test_corroboration_counts_channels_with_what_propositions_imply(wb) -> None:
    row = corroboration.corroboration(wb).set_index("proposition_id").loc["troops-in-russia"]
    # Austin (us-government), the spy agency, and Zelensky (combat role implies troops in Russia;
    # so do the unnamed officials' claims of fighting in Ukraine, on Zelensky's channel)
    assert (row["affirming_sources"], row["affirming_channels"], row["affirming_disinterested"]) == (4, 3, 2)
    # North Korea and its UN envoy: two speakers, one channel
    assert (row["denying_sources"], row["denying_channels"], row["denying_disinterested"]) == (2, 1, 0)
    assert row["uncertain_sources"] == 1  # the lawmakers (S20); Austin's "couldn't confirm" is revised
    nato = corroboration.corroboration(wb).set_index("proposition_id").loc["fighting-in-ukraine"]
    assert (nato["no_evidence_sources"], nato["no_evidence_channels"]) == (2, 2)


def test_the_balance_counts_a_remark_and_a_channel_once(wb) -> None:
    found = balance.balances(grades.graded_statements(wb), wb.propositions)
    troops = found["troops-in-russia"]
    # S02 and S07 (0.48 each, two channels) and, by implication, S13 (0.18, a third channel)
    assert troops.affirming == pytest.approx(1.14)
    assert troops.denying == 0.0  # North Korea's denial (S06, S08: one remark) is self-serving
    assert troops.p == pytest.approx(1 / (1 + 4**-1.14), abs=1e-4)  # odds 4 ^ (A - D): 0.829
    # three channels, two without a stake, but all on one side of the dispute: Ukraine and its backers
    assert (troops.term, troops.confidence) == ("very likely", "low")
    basis = troops.basis.set_index("statement_id")
    assert basis.at["S13", "via"] == "combat-role" and basis.at["S13", "counted"]
    assert not basis.at["S06", "counted"] and "S01" not in basis.index  # revised by S02, Austin's own
    alone = balance.balances(
        grades.graded_statements(wb), wb.propositions, evidence.Weights(exclude_interested=True)
    )["troops-in-russia"]  # Zelensky left out: 0.96, below the 1.0 the balance needs to assess
    assert (alone.affirming, alone.term, alone.confidence) == (pytest.approx(0.96), "cannot assess", "low")


def test_thin_evidence_cannot_be_assessed_and_says_why(wb) -> None:
    found = balance.balances(grades.graded_statements(wb), wb.propositions)
    combat = found["combat-role"]  # Zelensky's hedged "could be" alone: 0.18
    assert combat.term == "cannot assess" and combat.p is None and combat.confidence == "low"
    assert evidence_words.cautions_words(combat.cautions) == [
        "the only weighed evidence is one hedged claim by an interested party (S13)"
    ]
    fighting = found["fighting-in-ukraine"]  # the outlet's and NATO's "no evidence": 0.48 x 0.5 each
    assert (fighting.affirming, fighting.denying) == (0.0, pytest.approx(0.48))
    assert fighting.term == "cannot assess"
    assert found["south-korea-shells"].affirming == pytest.approx(0.36)  # the outlet's own, C3


def _claims(*rows: tuple, **columns: list) -> pd.DataFrame:
    """Counts from (id, count, bound, measure, place, as_of, source) rows: asserted, exact dates,
    each claimant a channel of its own, each claim a remark of its own, low and high blank."""
    frame = pd.DataFrame(rows, columns=["claim_id", "count", "bound", "measure", "place", "as_of", "source"])
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["count_low"] = frame["count_high"] = frame["count"]
    frame["modality"], frame["as_of_precision"], frame["authoritative"] = "asserted", "exact", False
    frame["channel"], frame["remark"] = frame["source"], frame["claim_id"]
    for name, values in columns.items():
        frame[name] = values
    return frame


KURSK = claims.Gazetteer({"kursk": "russia"}, {"kursk": "Kursk Oblast", "russia": "Russia"})


@pytest.mark.parametrize(
    "a, b, relation, both_true, words",
    [
        # troops sent only grow: 3,000 then 12,000 five days later can both hold, with 9,000 more sent
        (
            ("a", 3000, "exact", "sent to", "russia", "2024-10-20", "X"),
            ("b", 12000, "exact", "sent to", "russia", "2024-10-25", "Y"),
            "over time",
            True,
            "changed by at least 9,000 in at most 5 days",
        ),
        # ... but not 12,000 sent and then 3,000 sent
        (
            ("a", 12000, "exact", "sent to", "russia", "2024-10-20", "X"),
            ("b", 3000, "exact", "sent to", "russia", "2024-10-25", "Y"),
            "over time",
            False,
            "can only grow",
        ),
        # "about 10,000" admits 8,000 to 12,500: 11,000 a day later fits
        (
            ("a", 10000, "about", "present in", "russia", "2024-10-20", "X"),
            ("b", 11000, "exact", "present in", "russia", "2024-10-21", "Y"),
            "over time",
            True,
            "their bounds overlap",
        ),
        # Kursk lies in Russia: "at least 3,000" in Russia and 5,000 in Kursk on one day can both hold
        (
            ("a", 3000, "at least", "present in", "russia", "2024-10-20", "X"),
            ("b", 5000, "exact", "present in", "kursk", "2024-10-20", "Y"),
            "comparable",
            True,
            "both can be true",
        ),
        # ... but not "up to 3,000" in Russia with 5,000 in Kursk on the same day
        (
            ("a", 3000, "up to", "present in", "russia", "2024-10-20", "X"),
            ("b", 5000, "exact", "present in", "kursk", "2024-10-20", "Y"),
            "comparable",
            False,
            "cannot both be true",
        ),
        # troops present may fall as well as rise
        (
            ("a", 11000, "exact", "present in", "kursk", "2024-11-04", "X"),
            ("b", 8000, "exact", "present in", "kursk", "2024-12-04", "Y"),
            "over time",
            True,
            "in at most 30 days",
        ),
        # one claimant's new number is a revision, never a contradiction, however it moves
        (
            ("a", 3000, "exact", "sent to", "russia", "2024-10-20", "X"),
            ("b", 1000, "exact", "sent to", "russia", "2024-10-28", "X"),
            "revision",
            True,
            "a revision, not a contradiction",
        ),
        # troops preparing for combat were sent: 10,000 preparing can follow 1,500 sent, with 8,500 more
        (
            ("a", 1500, "exact", "sent to", "russia", "2024-10-21", "X"),
            ("b", 10000, "exact", "preparing for combat", "kursk", "2024-10-23", "Y"),
            "nested measure",
            True,
            "at least 8,500 more were sent in at most 2 days",
        ),
        # ... but 1,500 sent cannot come after 10,000 preparing for combat
        (
            ("a", 10000, "exact", "preparing for combat", "kursk", "2024-10-21", "Y"),
            ("b", 1500, "exact", "sent to", "russia", "2024-10-23", "X"),
            "nested measure",
            False,
            "cannot both be true",
        ),
    ],
)
def test_pairs_compare_only_like_with_like(
    a: tuple, b: tuple, relation: str, both_true: bool, words: str
) -> None:
    table = _claims(a, b)
    pair = claims.compare_claims(table, KURSK).iloc[0]
    assert (pair["relation"], bool(pair["both_true"])) == (relation, both_true)
    assert words in claim_words.describe_pair(pair, table, KURSK)


def test_unrelated_counts_forecasts_and_one_remark_are_not_paired() -> None:
    table = _claims(
        ("a", 2, "exact", "captured", "kursk", "2025-01-11", "X"),  # killed and captured: unrelated
        ("b", 3000, "at least", "killed or wounded", "kursk", "2025-01-11", "Y"),
        ("c", 10000, "exact", "sent to", "russia", "2024-12-01", "Z"),  # a forecast for December
        ("d", 1500, "exact", "sent to", "russia", "2024-11-01", "W"),
        modality=["asserted", "asserted", "forecast", "asserted"],
    )
    assert claims.compare_claims(table, KURSK).empty
    assert claims.compare_claims(table, KURSK).attrs["totals"]["nested measure"] == 0


def test_a_remark_in_several_readings_is_compared_in_its_widest() -> None:
    table = _claims(
        ("a", 8000, "about", "present in", "kursk", "2024-10-31", "Blinken"),
        ("b", 8000, "up to", "present in", "kursk", "2024-10-31", "Blinken"),  # the same remark, relayed
        ("c", 9500, "exact", "present in", "kursk", "2024-10-31", "Zelensky"),
        remark=["S26", "S26", "S37"],
    )
    pairs = claims.compare_claims(table, KURSK)
    assert pairs[["smaller", "larger"]].values.tolist() == [["a", "c"]]  # paired once, never with itself
    assert pairs.iloc[0]["both_true"]  # the widest reading, 0 to 10,000, holds 9,500
    authoritative = table.assign(authoritative=[False, True, False])
    pair = claims.compare_claims(authoritative, KURSK).iloc[0]
    assert (pair["smaller"], bool(pair["both_true"])) == ("b", False)  # "up to 8,000" taken as said


def test_bounds_give_the_numbers_a_claim_admits() -> None:
    rows = _claims(
        ("a", 10000, "about", "sent to", "russia", "2024-10-20", "X"),
        ("b", 3000, "at least", "sent to", "russia", "2024-10-20", "X"),
        ("c", 8000, "up to", "sent to", "russia", "2024-10-20", "X"),
    )
    assert [claims.interval(r) for _, r in rows.iterrows()] == [
        (7500.0, 12500.0),
        (3000.0, float("inf")),
        (0.0, 8000.0),
    ]


def test_the_headline_is_never_a_claimants_own_revision() -> None:
    table = _claims(
        ("a", 10000, "exact", "present in", "front", "2024-10-20", "Z"),
        ("b", 12000, "exact", "present in", "front", "2024-10-25", "Z"),  # Z's own revision: not a headline
        ("c", 1000, "exact", "sent to", "russia", "2024-10-20", "X"),
        ("d", 3000, "exact", "sent to", "russia", "2024-10-22", "Y"),
    )
    headline = claims.headline_pair(claims.compare_claims(table, KURSK))
    assert headline is not None and (headline["smaller"], headline["larger"]) == ("c", "d")
    assert claims.revisions(table)[["from_claim", "to_claim", "direction"]].values.tolist() == [
        ["a", "b", "up"]
    ]


def test_the_seeds_two_numbers_count_different_things(wb) -> None:
    table = claims.claims_table(wb)
    places = claims.Gazetteer.of(wb)  # Kursk Oblast lies in Russia
    pair = claims.compare_claims(table, places).iloc[0]
    assert pair["ratio"] == pytest.approx(10000 / 1500)
    # about 10,000 preparing for combat (7,500 at least) by 23 October, and about 1,500 sent (1,875 at
    # most) by 21 October, each dated "on or before" (the week up to it): 5,625 more in 9 days at most
    assert pair["relation"] == "nested measure" and pair["both_true"]
    assert (pair["change"], pair["within_days"]) == (5625.0, 9)
    words = claim_words.describe_pair(pair, table, places)
    assert "both hold only if at least 5,625 more were sent in at most 9 days" in words
    assert "is stated only as a possibility, not as a count)" in words  # Zelensky's "could be"
    assert claims.compare_claims(table).empty  # without the gazetteer, Kursk is not in Russia
    assert claims.range_supported(table) == {
        "sent to": (1500.0, 1500.0),
        "preparing for combat": (10000.0, 10000.0),
    }
    assert claims.range_supported(table[~table["interested"].astype(bool)]) == {"sent to": (1500.0, 1500.0)}


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
    assert columnar.isin(values, allowed).tolist() == values.isin(allowed).tolist()
    assert columnar.isin(values, allowed.iloc[0:0]).tolist() == [False] * 5


def test_timeline_bundles_many_statements_into_countable_markers(wb) -> None:
    graded = grades.graded_statements(wb)
    copies = pd.concat([graded] * 30, ignore_index=True)  # 630 statements, over charts.MAX_POINTS
    copies["statement_id"] = [f"X{i:04d}" for i in range(len(copies))]
    copies["responds_to"] = None
    chart = charts.timeline(wb, copies)
    sizes = [s for c in chart.figure.axes[0].collections for s in c.get_sizes()]
    groups = graded.groupby(["source", "said_on", "stance", "said_on_precision"], observed=True).ngroups
    assert len(sizes) == groups and max(sizes) > min(sizes)  # one marker per group, area by count
    assert chart.alt.startswith("Timeline of 630 statements by 10 sources")
    assert chart.alt.endswith("Replies are not drawn at this size.")
    assert len(chart.figure.axes[0].texts) == 0  # no per-statement labels at this size


def test_ach_scores_rank_and_ties(wb) -> None:
    scores = ach.inconsistency_scores(wb).set_index("hypothesis_id")
    # H3 (none sent, reports mistaken): S02 II x 0.48 x medium 1 = 0.96... as rated: S02 0.72,
    # S07 1.44 (II x 0.48 x high 1.5), S13 0.18; H5: S07 0.48; H4: the absent indicator I07,
    # I x 0.5 x medium = 0.5. Denials are self-serving: N under every hypothesis.
    assert scores["weighted_inconsistency"].to_dict() == pytest.approx(
        {"H1": 0.0, "H2": 0.0, "H3": 2.34, "H4": 0.5, "H5": 0.48}
    )
    assert scores["rank"].to_dict() == {"H1": 1, "H2": 1, "H3": 5, "H4": 4, "H5": 3}
    verdict = ach.verdict(wb)
    assert not verdict.ranks and verdict.leaders == ("H1", "H2") and verdict.nothing_against
    matrix = ach.ach_matrix(wb)
    assert matrix.loc["absent: I07"].tolist() == ["N", "N", "N", "I", "N"]  # evidence expected, absent


def test_identical_columns_are_named(wb) -> None:
    ratings = wb.ach_ratings.copy()
    h2 = ratings[ratings["hypothesis_id"] == "H2"].assign(hypothesis_id="H1")
    copied = pd.concat([ratings[ratings["hypothesis_id"] != "H1"], h2], ignore_index=True)
    assert ach.alike_pairs(wb.with_tables(ach_ratings=copied)) == [("H1", "H2")]
    assert ach.alike_pairs(wb) == []


def test_diagnosticity_and_sensitivity(wb) -> None:
    diag = ach.diagnosticity(wb).set_index("statement_id")
    assert diag.at["S07", "diagnosticity"] == pytest.approx(1.44)  # same scale as the scores
    assert diag.at["S13", "diagnosticity"] == pytest.approx(0.18)
    assert not diag.at["S06", "diagnostic"] and "S17" not in diag.index  # a demand is not rated
    assert "S08" not in diag.index  # the same remark as S06: one item
    sens = ach.sensitivity(wb)
    # Nothing counts against the leaders, but without S07 "Other" joins their tie, and without the
    # absent indicator so does the deception hypothesis: what the ranking hangs on.
    assert ach.linchpins(sens) == ["S07", "absent: I07"]
    assert ach.linchpins(sens, "source") == ["South Korea’s spy agency"]
    assert set(sens["leader"]) == {"H1 = H2", "H1 = H2 = H5", "H1 = H2 = H4"}


def test_sensitivity_names_what_the_lead_hangs_on(wb) -> None:
    ratings = wb.ach_ratings.copy()
    # make S13 (Zelensky) count against H2: H1 then leads alone, and only by S13
    ratings.loc[(ratings["statement_id"] == "S13") & (ratings["hypothesis_id"] == "H2"), "rating"] = "I"
    changed = wb.with_tables(ach_ratings=ratings)
    sens = ach.sensitivity(changed)
    assert ach.linchpins(sens) == ["S07", "S13", "absent: I07"]
    assert ach.linchpins(sens, "source") == ["South Korea’s spy agency", "Zelensky"]
    assert "without any one of the items S07, S13 and absent: I07" in sentences.sensitivity_sentence(sens)
    assert ach.verdict(changed).ranks


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
        (charts.troop_numbers, "2 counts of 2 measures: no two claimants' counts rule each other out"),
        (charts.grade_grid, "7 of 15 graded statements are probably true or better"),
        (charts.sources_by_alignment, "Interested parties are graded C-F"),
        (charts.corroboration_chart, "4 sources affirm, on 3 independent channels"),
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
    assert "at least 5,625 more were sent in at most 9 days" in troops
    assert "“No deployment, reports mistaken” has the most (2.34)" in str(findings.hypotheses(wb))
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
    ranking = whatif.recompute(wb, nato, whatif.Weights()).ranking.set_index("hypothesis_id")
    # no statement left to weigh: only the evidence expected but absent (against H4) remains
    assert ranking["weighted_inconsistency"].to_dict() == {"H1": 0, "H2": 0, "H3": 0, "H4": 0.5, "H5": 0}


def test_judgement_with_only_interested_sources_does_not_crash(wb) -> None:
    """Zelensky alone affirms the combat role: without interested parties nothing is left to weigh."""
    said = grades.graded_statements(wb)
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
