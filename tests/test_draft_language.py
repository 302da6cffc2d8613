"""The drafter's language work, part by part, on small texts whose right answers are checked by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers import load_workbook
from helpers.curate.draft import Article, draft_article
from helpers.curate.draft.claims import draft_claims, troop_numbers
from helpers.curate.draft.dates import basis, find_dates, is_event_date
from helpers.curate.draft.ids import next_ids
from helpers.curate.draft.numbers import find_numbers
from helpers.curate.draft.places import Gazetteer
from helpers.curate.draft.propositions import hedge, stance
from helpers.curate.draft.sources import SourceIndex
from helpers.curate.draft.speakers import Speakers
from helpers.curate.draft.text import Span, quotations, sentences, trim
from helpers.paths import REFERENCE_DATA_DIR

from .draftdata import ARTICLE, PUBLISHED, make_data

WEDNESDAY = date(2024, 10, 23)


def _numbers(text: str) -> list[tuple[str, int, int | None, int | None, str]]:
    return [(n.span.of(text), n.count, n.low, n.high, n.bound) for n in find_numbers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("some 15-hundred special forces", [("some 15-hundred", 1500, None, None, "about")]),
        ("some three-thousand troops", [("some three-thousand", 3000, None, None, "about")]),
        ("a thousand of their troops", [("a thousand", 1000, 1000, 1000, "exact")]),
        (
            "two brigades of up to 6,000",
            [("two", 2, 2, 2, "exact"), ("up to 6,000", 6000, None, 6000, "up to")],
        ),
        ("11,000-12,000 troops", [("11,000-12,000", 11500, 11000, 12000, "range")]),
        ("between 11,000 and 12,000 men", [("between 11,000 and 12,000", 11500, 11000, 12000, "range")]),
        ("more than 3000 soldiers", [("more than 3000", 3000, 3000, None, "at least")]),
        ("the injured are approaching 1,000", [("approaching 1,000", 1000, None, 1000, "up to")]),
        ("1,000 or more troops", [("1,000 or more", 1000, 1000, None, "at least")]),
        ("two hundred and fifty soldiers", [("two hundred and fifty", 250, 250, 250, "exact")]),
        (
            "about 300 deaths and 2,700 injuries",
            [("about 300", 300, None, None, "about"), ("2,700", 2700, None, None, "about")],
        ),
        ("starting Oct. 8.In 1990, AN-124s flew at 03:06 on 2024/10/25", []),
    ],
)
def test_numbers_and_their_bounds(text: str, expected: list) -> None:
    assert _numbers(text) == expected


@pytest.mark.parametrize(
    ("words", "published", "latest", "earliest"),
    [
        ("said on Monday", WEDNESDAY, date(2024, 10, 21), None),
        ("said Wednesday", WEDNESDAY, WEDNESDAY, None),  # a paper's own day, not the week before
        ("last Tuesday", date(2024, 10, 22), date(2024, 10, 15), None),
        ("On Oct. 28", WEDNESDAY, date(2023, 10, 28), None),  # never after publication
        ("on 7 November", date(2024, 12, 3), date(2024, 11, 7), None),
        ("in late December", date(2025, 1, 11), date(2024, 12, 31), date(2024, 12, 21)),
        ("In the last week of October", date(2024, 11, 4), date(2024, 10, 31), date(2024, 10, 25)),
        ("last week", WEDNESDAY, date(2024, 10, 20), date(2024, 10, 14)),
        ("yesterday", WEDNESDAY, date(2024, 10, 22), None),
    ],
)
def test_dates_resolved_against_publication(
    words: str, published: date, latest: date, earliest: date | None
) -> None:
    (found,) = find_dates(words, Span(0, len(words)), published)
    assert (found.latest, found.earliest) == (latest, earliest)


def test_a_date_basis_says_how_it_was_read() -> None:
    text = "the envoy said on Monday"
    (found,) = find_dates(text, Span(0, len(text)), WEDNESDAY)
    assert basis(found, WEDNESDAY) == (
        "'Monday': Monday 21 October 2024, the latest Monday before publication (Wednesday 23 October 2024)"
    )
    for words in ("troops sent starting Oct. 8", "a thousand killed in the last week alone"):
        (event,) = find_dates(words, Span(0, len(words)), WEDNESDAY)
        assert is_event_date(words, event), words
    opening = "In the last week of October, the agency reported"
    (said,) = find_dates(opening, Span(0, len(opening)), WEDNESDAY)
    assert not is_event_date(opening, said)


def test_troop_numbers_need_a_word_for_troops_or_a_count_beside_them() -> None:
    text = (
        "some three-thousand troops so far, with the total likely to climb to around ten-thousand by December"
    )
    assert [n.count for n in troop_numbers(text, Span(0, len(text)))] == [3000, 10000]
    assert troop_numbers("ships carried 1,500 tonnes", Span(0, 26)) == []
    other = "Over 600,000 Russian soldiers have been killed"
    assert troop_numbers(other, Span(0, len(other))) == []


def test_a_duration_distance_or_share_is_no_troop_number() -> None:
    """ "three months of fighting" counts months, not troops (RBC-Ukraine, 31 Jan 2025), nor do
    kilometres, settlements or a percentage beside a word for troops."""
    text = (
        "As previously stated by Commander-in-Chief of the Armed Forces of Ukraine Oleksandr Syrskyi, the "
        "number of North Korean forces diminished by half over three months of fighting."
    )
    assert troop_numbers(text, Span(0, len(text))) == []
    other = "Ukrainian troops took around a hundred settlements and 400 square kilometres from 1,000 soldiers"
    assert [n.count for n in troop_numbers(other, Span(0, len(other)))] == [1000]


def test_sentences_quotations_and_trimming() -> None:
    text = "It began Oct. 8.In a statement, it said so.\n\nWASHINGTON (AP) — “We see it,” he said."
    assert [s.of(text) for s in sentences(text)] == [
        "It began Oct. 8.",
        "In a statement, it said so.",
        "WASHINGTON (AP) — “We see it,” he said.",
    ]
    (q,) = quotations(text)
    assert q.inner.of(text) == "We see it,"
    assert trim(text, sentences(text)[2]).of(text) == "“We see it,” he said."
    assert trim(text, q.inner).of(text) == "We see it"


def test_speakers_by_label_name_title_alias_and_spelling() -> None:
    sources = pd.DataFrame(
        {
            "source_id": ["zelensky", "us-government", "nis"],
            "label": ["Zelensky", "US government", "NIS"],
            "name": [
                "Volodymyr Zelensky, President of Ukraine",
                "United States government as an institution ('the US', the White House)",
                "National Intelligence Service (NIS), South Korea's spy agency",
            ],
            "kind": ["head of state", "government", "intelligence service"],
        }
    )
    index = SourceIndex(sources)

    def who(mention: str) -> str | None:
        found = index.match(mention)
        return found.source_id if found else None

    assert who("Ukrainian President Volodymyr Zelenskyy") == "zelensky"  # a spelling of the name
    assert who("Zelenskiy") == "zelensky"
    assert who("the White House") == "us-government"  # a quoted alias
    # A country's name the curators quoted as an alias is that source's (AP, 19 Dec 2024: "The US
    # confirmed that North Korean troops had taken part in the fighting"); unquoted it names no one.
    assert who("The US") == "us-government"
    assert who("Ukraine") is None
    assert who("The National Intelligence Service(NIS)") == "nis"  # the acronym
    assert who("the country's spy agency") == "nis"  # most words of its name
    assert who("us") is None  # "us" is not "US"
    assert who("British ambassador Barbara Woodward") is None


def test_an_office_matches_by_its_country_not_by_a_word_of_its_role() -> None:
    """ "the UK's Ministry of Defence" (HuffPost UK, 24 Feb 2025) is not Ukraine's military intelligence,
    whose name also holds "Defence Ministry": a country named in the mention must be the source's."""
    sources = pd.DataFrame(
        {
            "source_id": ["hur"],
            "label": ["Ukraine military intelligence"],
            "name": [
                "Ukraine's military intelligence (the Defence Ministry's Main Intelligence Directorate)"
            ],
            "kind": ["intelligence service"],
            "country": ["Ukraine"],
        }
    )
    index = SourceIndex(sources)
    assert index.match("the UK’s Ministry of Defence") is None
    found = index.match("the Main Intelligence Directorate of Ukraine")
    assert found is not None and found.source_id == "hur"


def test_hedges_and_stances() -> None:
    assert hedge("troops could be preparing to join the fighting") == "could be"
    assert hedge("the alleged dispatch of troops") == ""  # an outlet's doubt, not the speaker's hedge
    assert stance("called the reports “groundless rumours”")[0] == "denies"
    assert stance("We’ve not yet seen these troops deploy into combat")[0] == "no evidence"
    assert stance("NATO cannot confirm that those troops are engaged")[0] == "uncertain"
    assert stance("If they’re a co-belligerent, it would be serious")[0] == "conditional"


def test_a_speakers_name_never_sets_the_stance() -> None:
    """The Center for Countering Disinformation reporting North Korean tactics affirms (LIGA.net, 31 Dec
    2024): "Disinformation" is a word of its name, not a denial; the word said outside a name still is."""
    text = (
        "On December 16, 2024, the Center for Countering Disinformation under the National Security and "
        "Defense Council revealed the tactics of North Korean soldiers in Kursk Oblast: they are amassed in "
        "dugouts and driven to assault narrow sections in multiple directions simultaneously."
    )
    assert stance(text) == ("affirms", "")
    assert stance(text, ("the National Security and Defense Council",)) == ("affirms", "")
    named = "The Ministry of Disinformation reported troops in Kursk"
    assert stance(named, ("The Ministry of Disinformation",)) == ("affirms", "")
    assert stance("Peskov called the reports disinformation", ("Peskov",))[0] == "denies"
    # The speaker's name as the draft wrote it is never read, opening the sentence too.
    text = "Disinformation Watch said that North Korean soldiers are fighting in Kursk."
    article = Article(text, "001_liga.txt", date(2024, 12, 31), "LIGA.net", "https://example.org/l")
    (row,) = draft_article(article, load_workbook(REFERENCE_DATA_DIR)).statements.itertuples()
    assert row.stance == "affirms", row.reason


def test_next_free_ids_follow_the_curators_style() -> None:
    assert next(next_ids(["S01", "S09", "S10"], "S")) == "S11"
    assert next(next_ids(["seed-000"], "D")) == "seed-001"
    ids = next_ids([], "TC")
    assert [next(ids), next(ids)] == ["TC01", "TC02"]


def test_an_article_drafted_against_a_small_data_folder(tmp_path: Path) -> None:
    wb = load_workbook(make_data(tmp_path))
    draft = draft_article(Article(ARTICLE, "002_new.txt", PUBLISHED, "Reuters", "https://example.org/2"), wb)
    st = draft.statements.set_index("statement_id")
    assert list(st.index) == ["S02", "S03", "S04"]
    assert list(st["source_id"]) == ["nis", "blinken", "russia"]
    assert list(st["said_on"]) == ["2024-10-21", "2024-10-22", "2024-10-23"]
    assert list(st["said_on_precision"]) == ["exact", "exact", "on or before"]
    assert list(st["attribution"]) == ["paraphrase", "direct quote", "partial quote"]
    assert st.at["S03", "quote"] == "We expect more units to arrive in the coming weeks"
    assert st.at["S03", "hedge"] == "expect"
    assert list(st["stance"]) == ["affirms", "affirms", "denies"]
    assert (
        st.at["S02", "proposition_id"] == "troops-in-russia"
        and st.at["S03", "proposition_id"] == "more-units"
    )
    assert st.at["S02", "same_as"] == "S01"  # the same speaker gives the same count
    for row in draft.statements.itertuples():
        assert ARTICLE[row.quote_start : row.quote_end] == row.quote
    (claim,) = draft.troop_claims.itertuples()
    assert (claim.statement_id, claim.count, claim.count_low, claim.count_high, claim.bound) == (
        "S02", 1500, "", "", "about",
    )  # fmt: skip
    assert (claim.place, claim.measure, claim.modality, claim.as_of) == (
        "kursk-oblast", "sent to", "asserted", "2024-10-21",
    )  # fmt: skip
    assert list(draft.sources["source_id"]) == ["russia"]  # Russia is not among the sources: proposed
    assert draft.sources.at[0, "reliability"] == ""  # nothing graded
    assert draft.documents.at[0, "document_id"] == "D02" and draft.documents.at[0, "publisher"] == "reuters"
    assert (draft.statements["credibility"] == "").all()


# Each rule with the real sentence it was drawn from (the datasets' stored articles).
@pytest.mark.parametrize(
    ("sentence", "count", "bound", "measure"),
    [
        # A round figure with no qualifier is an estimate: read "about" (claims least); others stay exact.
        ("South Korea’s spy agency claiming 1,500 North Korean troops were sent", 1500, "about", "sent to"),
        ("The 8,000 North Korean troops now in Kursk represent a majority", 8000, "about", "present in"),
        ("These are two soldiers who were wounded", 2, "exact", "wounded"),
        ("North Korea has suffered 4,700 casualties among troops", 4700, "exact", "killed or wounded"),
        # The measure is the one whose words stand nearest the number.
        ("4,700 casualties among troops sent to Russia, including about 600 killed", 600, "about", "killed"),
        ("North Korea has already lost 4,000 soldiers in the Russian war against Ukraine", 4000, "about",
         "killed or wounded"),
    ],
)  # fmt: skip
def test_a_drafted_count_reads_its_bound_and_measure_from_its_own_words(
    sentence: str, count: int, bound: str, measure: str
) -> None:
    places = Gazetteer(load_workbook(REFERENCE_DATA_DIR).places)
    found = draft_claims(sentence, Span(0, len(sentence)), date(2025, 5, 2), places, "exact")
    claim = next(c for c in found if c.number.count == count)
    assert (claim.number.bound, claim.measure) == (bound, measure)


def test_numbers_are_exact_integers_and_no_count_passes_the_schemas_limit() -> None:
    from helpers.schema.tables import COUNT_LIMIT

    big = "12,345,678,901,234,567 troops were sent"
    assert [n.count for n in find_numbers(big)] == [12_345_678_901_234_567]  # not the nearest double
    assert troop_numbers(big, Span(0, len(big))) == []  # beyond any army: no troop count
    text = f"{COUNT_LIMIT:,} troops and 1.5 million soldiers"
    assert [n.count for n in troop_numbers(text, Span(0, len(text)))] == [COUNT_LIMIT, 1_500_000]


def test_a_word_left_where_a_name_was_cut_is_never_a_source() -> None:
    """ "According to him" is the last person named; "The report says" and "Earlier reports suggested"
    name no one new (Reuters, 24 Dec 2024; KBS, 30 Apr 2025): no source "him", "the" or "earlier"."""
    text = (
        "Pentagon spokesman Pat Ryder said on Monday that North Korean troops had suffered losses. "
        "According to him, the casualties include both killed and wounded. "
        "The report says there have been casualties among the troops. "
        "Earlier reports suggested 11,000 North Korean soldiers were training in Russia."
    )
    article = Article(text, "003_ryder.txt", date(2024, 12, 24), "Reuters", "https://example.org/r")
    draft = draft_article(article, load_workbook(REFERENCE_DATA_DIR))
    assert not {"him", "the", "earlier"} & set(draft.sources["source_id"]), draft.sources[
        "source_id"
    ].tolist()
    him = draft.statements[draft.statements["quote"].str.contains("According to him")]
    assert len(him) == 1 and him.iloc[0]["source_id"] == draft.statements.iloc[0]["source_id"]


def test_an_article_relaying_a_newspaper_gives_its_cut_names_to_the_speakers_named() -> None:
    """RBC-Ukraine relaying The New York Times (31 Jan 2025): "..., The New York Times reports." is the
    newspaper's statement; "As the reports indicate" is the newspaper again and "Anonymous sources" the
    officials named before, neither a new source; officials who "told The New York Times" are relayed
    by it, and "They" after it are the officials, not the newspaper."""
    text = (
        "North Korean forces have been pulled off the frontlines in the Kursk region after suffering heavy "
        "losses in combat, The New York Times reports.\n"
        "According to Ukrainian and US officials, North Korean soldiers who had been fighting alongside "
        "Russian forces against Ukraine were withdrawn after sustaining significant casualties.\n"
        "Anonymous sources noted that North Korean forces have not been observed at the front for "
        "approximately two weeks.\n"
        "As the reports indicate, North Korea had deployed around 11,000 troops to Russia.\n"
        "US officials told The New York Times that the decision to withdraw North Korean forces from the "
        "frontlines could change. They noted that it is entirely possible the soldiers may return to "
        "combat after additional training."
    )
    article = Article(text, "002_rbc.txt", date(2025, 1, 31), "RBC-Ukraine", "https://example.org/rbc")
    draft = draft_article(article, load_workbook(REFERENCE_DATA_DIR))
    new = set(draft.sources["source_id"])
    assert not {"as-the", "anonymous-sources"} & new, sorted(new)
    rows = draft.statements.set_index(draft.statements["quote"].str[:20])
    nyt = rows.loc["North Korean forces "]["source_id"]
    assert "new york times" in str(draft.sources.set_index("source_id").loc[nyt, "name"]).lower()
    assert rows.loc["As the reports indic"]["source_id"] == nyt
    officials = rows.loc["According to Ukraini"]["source_id"]
    assert rows.loc["Anonymous sources no"]["source_id"] == officials
    told = rows.loc["US officials told Th"]
    assert told["reported_by"] == nyt and told["source_id"] != nyt
    assert rows.loc["They noted that it i"]["source_id"] == told["source_id"]


def test_a_document_named_by_its_owner_and_an_initialism_name_the_speaker_again() -> None:
    """HuffPost UK, 24 Feb 2025: "The MoD’s latest update on the war, which began ..., says that" is the
    UK's Ministry of Defence named before ("MoD": Ministry of Defence), and the 11,000 of "more than a
    third of North Korea’s 11,000 troops had been killed or wounded" counts the troops sent."""
    text = (
        "According to the UK’s Ministry of Defence, Pyongyang forces temporarily withdrew from the "
        "conflict “for a period of rest and refit” after a brutal introduction to the conflict last year.\n\n"
        "The MoD’s latest update on the war, which began three years ago today when Russia invaded its "
        "neighbour, says that was almost certainly because more than a third of North Korea’s 11,000 troops "
        "had been killed or wounded."
    )
    article = Article(text, "003_huffpost.txt", date(2025, 2, 24), "HuffPost UK", "https://example.org/h")
    draft = draft_article(article, load_workbook(REFERENCE_DATA_DIR))
    assert len(draft.statements) == 2, draft.statements["quote"].tolist()
    first, second = draft.statements["source_id"]
    assert first == second and first in set(draft.sources["source_id"])
    (claim,) = draft.troop_claims.itertuples()
    assert (claim.count, claim.bound, claim.measure) == (11000, "about", "sent to")


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        # Each clause a claim of its own, without the word that joins it (KBS, 23 Oct 2024; AP, 30 Oct 2024).
        (
            "The National Intelligence Service(NIS) says North Korea sent some three-thousand troops to "
            "Russia so far, with the total likely to climb to around ten-thousand by December.",
            [
                "The National Intelligence Service(NIS) says North Korea sent some three-thousand troops "
                "to Russia so far",
                "the total likely to climb to around ten-thousand by December.",
            ],
        ),
        (
            "Kim said he doesn't necessarily believe the deployment will trigger war on the peninsula, "
            "but could increase security threats between the two nations.",
            [
                "Kim said he doesn't necessarily believe the deployment will trigger war on the peninsula",
                "could increase security threats between the two nations.",
            ],
        ),
        # A clause that only qualifies the one before stays with it (DOD News, 18 Nov 2024).
        (
            "There is no evidence that more North Korean troops are entering Russia, but that could "
            "change, Singh said.",
            ["There is no evidence that more North Korean troops are entering Russia, but that could "
             "change"],
        ),
    ],
)  # fmt: skip
def test_a_sentence_of_separate_claims_is_drafted_clause_by_clause(text: str, quotes: list[str]) -> None:
    article = Article(text, "004_clauses.txt", date(2024, 10, 23), "KBS", "https://example.org/k")
    draft = draft_article(article, load_workbook(REFERENCE_DATA_DIR))
    assert draft.statements["quote"].tolist() == quotes


def test_a_clause_counts_what_its_sentence_counts() -> None:
    """ "with the total likely to climb to around ten-thousand" names neither troops nor where they
    were sent: its sentence does (KBS, 23 Oct 2024)."""
    text = (
        "The National Intelligence Service(NIS) says North Korea sent some three-thousand troops to "
        "Russia so far, with the total likely to climb to around ten-thousand by December."
    )
    article = Article(text, "004_clauses.txt", date(2024, 10, 23), "KBS", "https://example.org/k")
    draft = draft_article(article, load_workbook(REFERENCE_DATA_DIR))
    claims = draft.troop_claims.set_index("count")
    assert claims.at[3000, "modality"] == "asserted"  # the forecast is the other clause's
    assert (claims.at[10000, "measure"], claims.at[10000, "place"]) == ("sent to", "russia")
    assert (claims.at[10000, "modality"], claims.at[10000, "as_of"]) == ("forecast", "2024-12-01")
    assert claims.at[10000, "statement_id"] != claims.at[3000, "statement_id"]


def test_the_outlet_reporting_in_its_own_pages_relays_nothing() -> None:
    """ "..., UNN reports" in UNN's own article names the publisher, not a relay (UNN, 9 Jan 2025)."""
    text = (
        "North Korea has already lost 4,000 soldiers in the Russian war against Ukraine. This was stated "
        "by President Volodymyr Zelenskyy during a meeting of the Ramstein Group, UNN reports."
    )
    article = Article(
        text, "005_unn.txt", date(2025, 1, 9), "UNN (Ukrainian National News)", "https://e.org/u"
    )
    draft = draft_article(article, load_workbook(REFERENCE_DATA_DIR))
    (row,) = draft.statements.itertuples()
    assert (row.source_id, row.reported_by) == ("zelensky", "")


def test_a_source_line_gives_the_quotes_below_it_their_speaker_and_relay() -> None:
    """ "Source: Ukrinform, citing ... Pat Ryder": Ryder speaks, Ukrinform relays (Ukrainska Pravda,
    3 Dec 2024)."""
    text = (
        "Source: Ukrinform, citing Pentagon spokesperson General Pat Ryder during a press briefing\n\n"
        "Quote from Ryder: \"So far, we've not seen the DPRK engaging in offensive combat operations, "
        'although we do expect at a certain point in time that that will very likely happen."\n'
    )
    article = Article(text, "006_up.txt", date(2024, 12, 3), "Ukrainska Pravda", "https://e.org/p")
    draft = draft_article(article, load_workbook(REFERENCE_DATA_DIR))
    (row,) = draft.statements.itertuples()
    assert row.reported_by == "ukrinform"


def test_a_mention_ending_in_a_persons_name_is_that_person() -> None:
    """ "said Deputy Pentagon Press Secretary Sabrina Singh" (DOD News, 18 Nov 2024) is Singh, new to
    the data, not the Pentagon nor its other spokesman; a spelling of a known name is still that one."""
    sources = pd.DataFrame(
        {
            "source_id": ["pentagon", "ryder", "zelensky"],
            "label": ["Pentagon", "Ryder", "Zelensky"],
            "name": [
                "US Department of Defense (the Pentagon)",
                "Pat Ryder, Pentagon press secretary",
                "Volodymyr Zelensky, President of Ukraine",
            ],
            "kind": ["government", "official", "head of state"],
        }
    )
    speakers = Speakers(SourceIndex(sources))
    assert speakers.resolve("Deputy Pentagon Press Secretary Sabrina Singh").source_id == "sabrina-singh"
    assert speakers.resolve("Pentagon spokesperson General Pat Ryder").source_id == "ryder"
    assert speakers.resolve("Ukrainian President Volodymyr Zelenskyy").source_id == "zelensky"
    assert speakers.resolve("the Pentagon").source_id == "pentagon"


@pytest.mark.parametrize(
    "sentence",
    [
        # A count someone believes or reports suggest is a possibility, not a fact stated
        # (AP, 30 Oct 2024; Euromaidan Press, 21 Nov 2024).
        "More than 3,000 of them are believed to have moved toward combat zones in western Russia",
        "Earlier reports suggested 11,000 North Korean soldiers were training in eastern Russia",
    ],
)
def test_a_count_believed_or_suggested_is_possible(sentence: str) -> None:
    places = Gazetteer(load_workbook(REFERENCE_DATA_DIR).places)
    (claim,) = draft_claims(sentence, Span(0, len(sentence)), date(2024, 11, 21), places, "exact")
    assert claim.modality == "possible"
