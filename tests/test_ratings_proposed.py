"""ACH ratings proposed for a new statement from the analyst's own ratings of statements like it."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

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


# The trial that found it (datasets/nk-kursk-2024-25): North Korea's own organs and Russia's president
# confirming combat (S76, S79, S84, admissions against interest) were rated CC/II with high
# relevance; a Ukrainian claim of the same (Ukraine has a stake, and admits nothing) was proposed
# those ratings. Frozen here: the rows the case needs, as the data holds them.
KURSK_SOURCES = pd.DataFrame({
    "source_id": ["nk-cmc", "kim-jong-un", "dprk", "zelensky", "budanov", "nis"],
    "kind": ["government", "head of state", "government", "head of state", "intelligence service",
             "intelligence service"],
    "alignment": ["Russia's backers", "Russia's backers", "Russia's backers", "Ukraine", "Ukraine",
                  "Ukraine's backers"],
    "interested": [True, True, True, True, True, False],
})  # fmt: skip
KURSK_PROPOSITIONS = pd.DataFrame({
    "proposition_id": ["troops-in-russia", "combat-role", "in-combat"],
    "implies": [None, "troops-in-russia", "combat-role"],
})  # fmt: skip
KURSK_STATEMENTS = pd.DataFrame({
    "statement_id": ["S47", "S76", "S79"], "source_id": ["budanov", "nk-cmc", "kim-jong-un"],
    "proposition_id": ["in-combat"] * 3, "stance": ["affirms"] * 3,
    "said_on": pd.to_datetime(["2024-11-20", "2025-04-28", "2025-04-28"]),
    "self_serving": [False] * 3, "against_interest": [False, True, True],
})  # fmt: skip
KURSK_RATINGS = pd.DataFrame({
    "statement_id": ["S47", "S47", "S76", "S76", "S79", "S79"],
    "hypothesis_id": ["H1", "H4"] * 3,
    "rating": ["C", "C", "CC", "II", "CC", "II"],
    "relevance": ["medium", "medium", "high", "high", "high", "high"],
    "rationale": [
        "Russia using North Korean troops in assaults is what H1 predicts. A party's report.",
        "Ukraine is a party that would spread such a deception, and a preliminary report is cheap to make.",
        "Subunits taking part in the Kursk operations is combat by the accused's own account.",
        "A deception by others cannot make the accused's military organ confirm its units' part.",
        "North Korea's leader honouring 'those who fought' as heroes is what combat would produce.",
        "A deception by others cannot put these words in <b>Kim Jong Un</b>'s mouth.",
    ],
})  # fmt: skip


def _kursk(new: list[dict[str, object]], statements: pd.DataFrame = KURSK_STATEMENTS) -> pd.DataFrame:
    return propose_ratings(
        pd.DataFrame(new),
        statements,
        KURSK_RATINGS,
        pd.Series(["H1", "H4"]),
        KURSK_SOURCES,
        KURSK_PROPOSITIONS,
    ).set_index(["statement_id", "hypothesis_id"])


def test_a_party_claim_of_combat_takes_no_rating_from_the_accused_admissions() -> None:
    said = {"proposition_id": "in-combat", "stance": "affirms", "said_on": "2025-05-01", "self_serving": ""}
    got = _kursk([{"statement_id": "S200", "source_id": "zelensky", **said, "against_interest": ""}])
    assert list(got["rating"]) == ["C", "C"]  # as Budanov's claim was rated, never CC/II
    assert set(got["relevance"]) == {"medium"}
    for why in got["rationale"]:
        assert "S47" in why and "S76" not in why and "S79" not in why and "with a stake" in why
    # Without a party's claim rated before, nothing is proposed: never an admission's rating.
    alone = KURSK_STATEMENTS[KURSK_STATEMENTS["statement_id"] != "S47"]
    assert _kursk(
        [{"statement_id": "S200", "source_id": "zelensky", **said, "against_interest": ""}], alone
    ).empty


def test_an_admission_takes_the_admissions_ratings_curated_or_derived() -> None:
    said = {"proposition_id": "in-combat", "stance": "affirms", "said_on": "2025-05-01", "self_serving": ""}
    curated = _kursk([{"statement_id": "S201", "source_id": "dprk", **said, "against_interest": "true"}])
    assert list(curated["rating"]) == ["CC", "II"] and set(curated["relevance"]) == {"high"}
    assert all("admissions against interest" in why for why in curated["rationale"])
    # Left blank, the declared rule decides as the loader would: Pyongyang's government denied
    # combat earlier, so its later confirmation of combat is an admission.
    denial = pd.DataFrame([{"statement_id": "S10", "source_id": "dprk", "proposition_id": "combat-role",
                            "stance": "denies", "said_on": pd.Timestamp("2024-11-01"), "self_serving": True,
                            "against_interest": False}])  # fmt: skip
    earlier = pd.concat([denial, KURSK_STATEMENTS], ignore_index=True)
    derived = _kursk([{"statement_id": "S201", "source_id": "dprk", **said, "against_interest": ""}], earlier)
    assert list(derived["rating"]) == ["CC", "II"]
    # Without that denial (nor a curated flag) the same words are a party's claim, rated like one.
    party = _kursk([{"statement_id": "S201", "source_id": "dprk", **said, "against_interest": ""}])
    assert list(party["rating"]) == ["C", "C"]


def test_a_proposed_rationale_is_marked_and_carries_the_analysts_reason() -> None:
    said = {"proposition_id": "in-combat", "stance": "affirms", "said_on": "2025-05-01", "self_serving": ""}
    got = _kursk([{"statement_id": "S201", "source_id": "dprk", **said, "against_interest": "true"}])
    h1, h4 = got.at[("S201", "H1"), "rationale"], got.at[("S201", "H4"), "rationale"]
    assert h1.startswith("Proposed from the analyst's own ratings: S76 and S79,")
    assert "Subunits taking part in the Kursk operations is combat by the accused's own account" in h1
    assert "North Korea's leader honouring" not in h1  # one reason quoted, the first precedent's
    assert "A deception by others cannot make the accused's military organ confirm" in h4
    party = _kursk([{"statement_id": "S200", "source_id": "zelensky", **said, "against_interest": ""}])
    why = party.at[("S200", "H1"), "rationale"]
    assert "what H1 predicts." in why and "A party's report" not in why  # the first sentence only


def test_a_reason_shown_in_the_review_grid_stays_text() -> None:
    # The grid shows a rationale in a text area (a value, not markup); the quoted reason is the
    # analyst's text as written, never turned into or out of HTML on the way.
    ratings = KURSK_RATINGS.copy()
    ratings.loc[ratings["statement_id"] == "S76", "rationale"] = "<b>Kim</b> & co. confirm it."
    got = propose_ratings(
        pd.DataFrame([{"statement_id": "S9", "source_id": "dprk", "proposition_id": "in-combat",
                       "stance": "affirms", "against_interest": True}]),
        KURSK_STATEMENTS, ratings, pd.Series(["H1"]), KURSK_SOURCES, KURSK_PROPOSITIONS,
    )  # fmt: skip
    assert "\u201c<b>Kim</b> & co. confirm it.\u201d" in got.at[0, "rationale"]


KIND_OF = {"party": ("zelensky", False), "admission": ("dprk", True), "no stake": ("nis", False)}


@settings(max_examples=min(60, settings().max_examples), deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(KIND_OF)), st.sampled_from(["H1", "H4"]),
                  st.sampled_from(["CC", "C", "N", "I", "II"]), st.sampled_from(["high", "medium", "low"])),
        max_size=12,
    ),
    st.sampled_from(sorted(KIND_OF)),
)  # fmt: skip
def test_a_proposal_is_the_most_common_rating_of_its_own_kind(
    precedents: list[tuple[str, str, str, str]], kind: str
) -> None:
    statements = pd.DataFrame({
        "statement_id": [f"S{i + 1}" for i in range(len(precedents))],
        "source_id": [KIND_OF[k][0] for k, *_ in precedents],
        "proposition_id": "in-combat", "stance": "affirms", "said_on": pd.Timestamp("2025-01-01"),
        "self_serving": False, "against_interest": [KIND_OF[k][1] for k, *_ in precedents],
    })  # fmt: skip
    ratings = pd.DataFrame({
        "statement_id": statements["statement_id"], "hypothesis_id": [p[1] for p in precedents],
        "rating": [p[2] for p in precedents], "relevance": [p[3] for p in precedents], "rationale": "Why.",
    })  # fmt: skip
    source, admits = KIND_OF[kind]
    new = pd.DataFrame([{"statement_id": "S0", "source_id": source, "proposition_id": "in-combat",
                         "stance": "affirms", "against_interest": admits}])  # fmt: skip
    got = propose_ratings(
        new, statements, ratings, pd.Series(["H1", "H4"]), KURSK_SOURCES, KURSK_PROPOSITIONS
    )
    for hid in ("H1", "H4"):
        theirs = [r for k, h, r, _ in precedents if k == kind and h == hid]
        mine = got[got["hypothesis_id"] == hid]
        if not theirs:
            assert mine.empty  # no precedent of its kind: nothing, never another kind's rating
            continue
        counts = Counter(theirs).most_common()
        assert mine["rating"].iloc[0] in {r for r, n in counts if n == counts[0][1]}
