"""Whatever an article holds, the drafter never fails, and every quote it proposes stands verbatim at its
offsets: articles generated from quotes, numbers, dates, names and stray characters."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import Workbook, load_workbook
from helpers.curate.draft import Article, draft_article
from helpers.curate.draft.numbers import find_numbers
from helpers.curate.draft.text import quotations, sentences

from .draftdata import make_data

NAMES = (
    "Blinken",
    "the spy agency",
    "He",
    "North Korea",
    "Pentagon spokesperson General Pat Ryder",
    "NIS",
    "they",
)
VERBS = ("said", "told reporters", "claimed", "denied", "warned", "says", "has stated", "reportedly said")
NUMBERS = (
    "1,500",
    "some three-thousand",
    "up to 10,000",
    "11,000-12,000",
    "more than 3000",
    "a thousand",
    "two",
)
NOUNS = ("troops", "soldiers", "deaths", "wounded", "North Korean troops")
DATES = (
    "on Monday",
    "Thursday",
    "on Oct. 17",
    "in late December",
    "last week",
    "yesterday",
    "on 7 November",
    "",
)
PLACES = ("Russia", "Russia's Kursk region", "Kursk Oblast", "areas bordering Ukraine", "Vladivostok")
NOISE = ("", "“", "”", '"', "‘", "—", "\u200b", "*", "<b>", "$x$", "Пхеньян", "\n", "\n\n", "Quote: ", "• ")


@st.composite
def sentence(draw: st.DrawFn) -> str:
    name, verb, day = draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS)), draw(st.sampled_from(DATES))
    number, noun, place = (draw(st.sampled_from(words)) for words in (NUMBERS, NOUNS, PLACES))
    claim = f"{number} {noun} were sent to {place}"
    shapes = (
        f"{name} {verb} {day} that {claim}.",
        f"“{claim[0].upper()}{claim[1:]},” {name} {verb} {day}.",
        f"According to {name}, {claim}.",
        f"{claim}, {name} {verb}.",
        f"{name} {verb} the reports as “groundless rumours”.",
    )
    return draw(st.sampled_from(shapes)) + draw(st.sampled_from(NOISE))


articles = st.lists(st.one_of(sentence(), st.text(max_size=40)), min_size=0, max_size=8).map(" ".join)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    return load_workbook(make_data(tmp_path_factory.mktemp("draft")))


@given(text=articles, days=st.integers(min_value=0, max_value=900))
def test_the_drafter_never_fails_and_quotes_stand_at_their_offsets(
    small: Workbook, text: str, days: int
) -> None:
    published = date(2024, 1, 1) + timedelta(days=days)
    draft = draft_article(Article(text, "x.txt", published, "Reuters"), small)
    for row in draft.statements.itertuples():
        assert row.quote and text[row.quote_start : row.quote_end] == row.quote
        assert date.fromisoformat(row.said_on) <= published
        if row.said_on_earliest:
            assert date.fromisoformat(row.said_on_earliest) <= date.fromisoformat(row.said_on)
        assert row.confidence in ("high", "medium", "low") and row.reason
        if row.hedge:
            assert row.hedge.lower() in row.quote.lower()  # the loader's rule for hedges
    claims = draft.troop_claims
    assert set(claims["statement_id"]) <= set(draft.statements["statement_id"])
    for claim in claims.itertuples():
        assert claim.count >= 1 and claim.bound in ("exact", "about", "at least", "up to", "range")
        low = claim.count if claim.count_low == "" else claim.count_low
        high = claim.count if claim.count_high == "" else claim.count_high
        assert low <= claim.count <= high
    assert len(set(draft.statements["statement_id"])) == len(draft.statements)


@given(text=st.text(max_size=300))
def test_pieces_of_text_name_their_own_characters(text: str) -> None:
    spans = sentences(text)
    assert all(a.end <= b.start for a, b in pairwise(spans))
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    for q in quotations(text):
        assert text[q.outer.start] in '“"' and text[q.outer.end - 1] in '”"'
    for n in find_numbers(text):
        assert 0 <= n.span.start < n.span.end <= len(text) and n.count >= 0


def test_an_empty_article_gives_an_empty_draft(tmp_path: Path) -> None:
    wb = load_workbook(make_data(tmp_path))
    draft = draft_article(Article("", "empty.txt", date(2024, 10, 23)), wb)
    assert draft.statements.empty and draft.troop_claims.empty
    assert any("No attributable statement" in note for note in draft.notes)
