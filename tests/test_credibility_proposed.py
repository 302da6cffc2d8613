"""Credibility proposed from the analyst's own earlier grades: the speaker's, else the relay's, else
the channel's, with a reason that says so; never for a statement that is not on a fact, never a 6;
and in notebook 08's review, a prefilled field that never changes how a row starts, and whose reason
goes when the analyst changes the grade."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.curate.credibility import PROPOSED, propose_credibility
from helpers.curate.draft.review import Review

from .draftdata import new_review

PROPOSITIONS = pd.DataFrame(
    {"proposition_id": ["sent", "will-send"], "kind": ["fact", "forecast"]}
)  # fmt: skip
SOURCES = pd.DataFrame({
    "source_id": ["budanov", "hur", "kyiv-post", "zelensky", "anon", "ua-officials"],
    "label": ["Budanov", "HUR", "Kyiv Post", "Zelensky", "Anonymous officials", "Ukrainian officials"],
    "channel": ["ukraine-intelligence", "ukraine-intelligence", "kyiv-post", "ukraine-government",
                "unstated (Ukraine, ukraine)", "unstated (Ukraine, ukraine)"],
})  # fmt: skip


def _earlier(*rows: tuple[str, str, str, object, str]) -> pd.DataFrame:
    """Earlier statements: (id, speaker, proposition, credibility, relay)."""
    return pd.DataFrame(
        rows, columns=["statement_id", "source_id", "proposition_id", "credibility", "reported_by"]
    )


def _new(speaker: str, proposition: str = "sent", relay: str = "") -> pd.DataFrame:
    return pd.DataFrame([{"statement_id": "S99", "source_id": speaker, "proposition_id": proposition,
                          "reported_by": relay}])  # fmt: skip


def _propose(new: pd.DataFrame, earlier: pd.DataFrame) -> tuple[str, str]:
    row = propose_credibility(new, earlier, SOURCES, PROPOSITIONS).iloc[0]
    return row["credibility"], row["credibility_rationale"]


HISTORY = _earlier(
    ("S05", "budanov", "sent", 2, ""),
    ("S12", "budanov", "sent", 2, ""),
    ("S09", "budanov", "sent", 2, ""),
    ("S10", "budanov", "will-send", None, ""),  # not on a fact: no grade to count
    ("S20", "zelensky", "sent", 4, "kyiv-post"),
    ("S21", "zelensky", "sent", 3, "kyiv-post"),
    ("S22", "zelensky", "sent", 3, ""),
    ("S40", "ua-officials", "sent", 3, ""),  # on the default channel "anon" is on: no shared channel
)


def test_proposed_from_the_speakers_own_grades() -> None:
    grade, why = _propose(_new("budanov"), HISTORY)
    assert grade == "2"
    assert why.startswith(PROPOSED)
    assert "Budanov's 3 earlier statements on facts were graded 2 (S05, S09, S12)" in why
    # the most common of mixed grades, and how many of them it rests on
    mixed = pd.concat([HISTORY, _earlier(("S30", "budanov", "sent", 3, ""))], ignore_index=True)
    assert "3 of Budanov's 4 earlier statements on facts were graded 2" in _propose(_new("budanov"), mixed)[1]


def test_from_the_relay_then_the_channel_when_the_speaker_has_none() -> None:
    grade, why = _propose(_new("anon", relay="kyiv-post"), HISTORY)
    assert (grade, why.startswith(PROPOSED)) == ("4", True)  # 4 and 3 once each: the less credible
    assert "Anonymous officials has no graded statement on a fact" in why
    assert "relayed by Kyiv Post" in why and "(S20)" in why
    grade, why = _propose(_new("hur"), HISTORY)  # HUR shares Budanov's channel
    assert grade == "2" and "on its channel (ukraine-intelligence)" in why and "S05, S09, S12" in why


def test_blank_when_nothing_to_rest_on() -> None:
    # no grade of its own, no relay, and only the default channel nobody curated: nothing
    assert _propose(_new("anon"), HISTORY) == ("", "")
    assert _propose(_new("kyiv-post", relay="anon"), HISTORY) == ("", "")
    # a 6 ("truth cannot be judged") is never counted, so never proposed
    assert _propose(_new("budanov"), _earlier(("S01", "budanov", "sent", 6, ""))) == ("", "")


def test_never_for_a_statement_not_on_a_fact() -> None:
    assert _propose(_new("budanov", proposition="will-send"), HISTORY) == ("", "")
    assert _propose(_new("budanov", proposition="no-such"), HISTORY) == ("", "")


GRADES = st.sampled_from([1, 2, 3, 4, 5, 6])
ENTRY = st.tuples(st.sampled_from(["budanov", "zelensky"]), st.sampled_from(["sent", "will-send"]), GRADES)


@settings(max_examples=60, deadline=None)
@given(st.lists(ENTRY, max_size=14))
def test_the_proposal_is_the_speakers_most_common_grade_on_facts(history: list[tuple[str, str, int]]) -> None:
    earlier = _earlier(*((f"S{i}", who, pid, grade, "") for i, (who, pid, grade) in enumerate(history)))
    grade, why = _propose(_new("budanov"), earlier)
    own = Counter(str(g) for who, pid, g in history if who == "budanov" and pid == "sent" and g != 6)
    if not own:
        # without a grade of its own, only Budanov's channel (which no one else here shares) is left
        assert (grade, why) == ("", "")
        return
    top = max(own.values())
    assert own[grade] == top and grade == max(g for g, n in own.items() if n == top)
    assert why.startswith(PROPOSED) and f"graded {grade}" in why


# -- notebook 08's review ---------------------------------------------------------------------------


def _stored(tmp_path: Path) -> Review:
    fresh = new_review(tmp_path)
    store = tmp_path / "draft"
    store.mkdir()
    return Review(fresh.draft, fresh.wb, fresh.folder, fresh.article, store=store)


def test_the_form_starts_with_the_proposal_and_rows_start_as_before(tmp_path: Path) -> None:
    review = _stored(tmp_path)
    # S02 is the spy agency's, on a fact: the analyst graded its S01 2
    row = review.rows.iloc[0]
    assert row["credibility"] == "2" and row["credibility_rationale"].startswith(PROPOSED)
    assert "one earlier statement on a fact was graded 2 (S01)" in row["credibility_rationale"]
    review.picker.value = 0
    assert review.fields["credibility"].value == "2"
    assert review.fields["credibility_rationale"].value == row["credibility_rationale"]
    # the forecast and the new speaker's denial get nothing; every row starts as it did
    assert list(review.rows["credibility"].iloc[1:]) == ["", ""]
    assert list(review.rows["decision"]) == ["accept", "accept", "check"]
    # a proposal on a kept row is added only once shown
    review.seen.clear()
    review.picker.value = 2
    assert "statement S02 has a proposed credibility nobody has seen" in review.add().summary()
    review.picker.value = 0
    assert "nobody has seen" not in review.refusal()
    # saved with the other fields, and restored
    review.fields["hedge"].value = "as reported"
    saved = json.loads((review.store / "decisions.json").read_text(encoding="utf-8"))  # type: ignore[operator]
    first = saved["statements"][0]
    assert first["credibility"] == "2" and first["credibility_rationale"].startswith(PROPOSED)


def test_a_changed_grade_does_not_keep_the_proposed_reason(tmp_path: Path) -> None:
    review = _stored(tmp_path)
    review.picker.value = 0
    assert review.fields["credibility_rationale"].value.startswith(PROPOSED)
    review.fields["credibility"].value = "3"
    assert review.rows.iloc[0]["credibility_rationale"] == ""
    assert review.fields["credibility_rationale"].value == ""
    assert review.rows.iloc[0]["decision"] == "edit"
    # the data refuses a blank rationale: the analyst writes why
    added = review.add()
    assert not added.written and "credibility_rationale" in added.problems
    # a restarted kernel keeps the analyst's grade and no proposal comes back
    again = Review(review.draft, review.wb, review.folder, review.article, store=review.store)
    assert (again.rows.iloc[0]["credibility"], again.rows.iloc[0]["credibility_rationale"]) == ("3", "")
    # the analyst's own rationale stays through a later change of the grade
    review.fields["credibility_rationale"].value = "Specific, and from a service placed to know."
    review.fields["credibility"].value = "2"
    assert review.rows.iloc[0]["credibility_rationale"].startswith("Specific")


def test_a_new_proposition_is_proposed_afresh_unless_graded(tmp_path: Path) -> None:
    review = _stored(tmp_path)
    review.picker.value = 0
    review.fields["proposition_id"].value = "more-units"  # a forecast: the untouched proposal goes
    assert (review.rows.iloc[0]["credibility"], review.rows.iloc[0]["credibility_rationale"]) == ("", "")
    review.fields["proposition_id"].value = "troops-in-russia"  # a fact again: proposed again
    assert review.fields["credibility"].value == "2"
    assert review.fields["credibility_rationale"].value.startswith(PROPOSED)
