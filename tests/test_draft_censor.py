"""An article the drafter had never seen (Censor.NET, 29 October 2024), drafted against the frozen seed
as a new user drafted it, and compared with the rows they curated by hand: the lead statement
attributed by the sentence after it, a domain-like outlet name, a vague troop number, "the day before",
a speaker citing intelligence, titles of people the article names, and propositions placed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers import load_workbook
from helpers.curate.draft import Article, Draft, draft_article
from helpers.curate.draft.numbers import find_numbers
from helpers.curate.draft.text import sentences

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "articles" / "001_censor_ryder-kursk-small-number.txt"
URL = "https://censor.net/en/news/3517449/pentagon_confirms_presence_of_dprk_soldiers_in_kursk_region"


@pytest.fixture(scope="module")
def draft() -> Draft:
    wb = load_workbook(FIXTURES / "seed" / "data")
    return draft_article(Article.from_file(ARTICLE, date(2024, 10, 29), "Censor.NET", URL), wb)


def _row(draft: Draft, opening: str) -> pd.Series:
    st = draft.statements
    found = st[st["quote"].str.startswith(opening)]
    assert len(found) == 1, f"no single statement opens with {opening!r}: {list(st['quote'].str[:40])}"
    return found.iloc[0]


def _source(draft: Draft, source_id: str) -> pd.Series:
    return draft.sources.set_index("source_id").loc[source_id]


def test_a_domain_like_name_ends_no_sentence() -> None:
    for text, expected in [
        ("by Pat Ryder, Censor.NET reports citing Radio Liberty. Next.", 2),
        ("It ran on Yahoo.com today. Then more.", 2),
        ("They use .NET here. Then more.", 2),
        ("The U.S. Defense Department said so. The U.S. said it.", 2),
        ("It began Oct. 8.In a statement, it said so.", 2),  # run together: still two
    ]:
        assert len(sentences(text)) == expected, [s.of(text) for s in sentences(text)]


def test_no_sentence_starts_with_net_reports(draft: Draft) -> None:
    assert not draft.statements["quote"].str.startswith("NET reports").any()
    assert not draft.statements["quote"].str.contains("Censor.$", regex=True).any()


def test_the_lead_is_ryders_as_the_next_sentence_says(draft: Draft) -> None:
    lead = _row(draft, "Approximately several thousand North Korean soldiers")
    assert "A smaller number of them are already in the Kursk region." in lead["quote"]
    ryder = _source(draft, lead["source_id"])
    assert "Ryder" in ryder["name"] and ryder["label"] == "Ryder" and ryder["kind"] == "official"
    assert _source(draft, lead["reported_by"])["label"] == "Radio Liberty"  # "citing Radio Liberty"
    assert (lead["said_on"], lead["said_on_precision"]) == ("2024-10-29", "on or before")
    # the attributing sentence is no statement of its own
    assert not draft.statements["quote"].str.startswith("This was stated").any()


def test_no_pronoun_is_a_source_and_no_label_is_proposed_twice(draft: Draft) -> None:
    new = draft.sources
    assert not {"this", "it", "he", "she", "they"} & set(new["source_id"].str.lower())
    assert not {"this", "it", "he", "she", "they"} & set(new["label"].str.lower())
    assert new["label"].str.lower().is_unique and new["source_id"].is_unique
    assert not new["source_id"].str.endswith("-2").any()
    assert not new["name"].str.fullmatch(r"(?i)(?:the )?pentagon spokesman").any()  # Ryder, named


def test_the_pentagon_spokesman_is_ryder_named_earlier(draft: Draft) -> None:
    lead = _row(draft, "Approximately several thousand")
    for opening in (
        "According to Ryder, initial signs",
        "We remain concerned that Russia intends",
        "Ryder added that he could not confirm",
        "We continue to monitor the situation closely",
    ):
        row = _row(draft, opening)
        assert row["source_id"] == lead["source_id"], opening
        assert row["reported_by"] == lead["reported_by"], opening
    assert _row(draft, "Ryder added that he could not confirm")["stance"] == "uncertain"


def test_troop_numbers_vague_and_of_its_military(draft: Draft) -> None:
    claims = draft.troop_claims.set_index("statement_id")
    lead = _row(draft, "Approximately several thousand")["statement_id"]
    vague = claims.loc[lead]
    assert (int(vague["count"]), int(vague["count_low"]), int(vague["count_high"])) == (3000, 2000, 9000)
    assert (vague["bound"], vague["confidence"], vague["place"]) == ("range", "low", "kursk-oblast")
    assert "vague" in vague["reason"] and "several thousand" in vague["reason"]
    pentagon = _row(draft, "On October 28, the Pentagon said")["statement_id"]
    about = claims.loc[pentagon]
    assert (int(about["count"]), about["bound"], about["place"], about["measure"]) == (
        10000, "about", "russia", "sent to",
    )  # fmt: skip
    assert about["as_of"] == "2024-10-28"


def test_vague_quantities_are_read_with_their_reason() -> None:
    texts = ("a few hundred men", "thousands of troops", "several thousand soldiers")
    read = {n.span.of(t): (n.count, n.low, n.high, n.bound) for t in texts for n in find_numbers(t)}
    assert read == {
        "a few hundred": (300, 200, 500, "range"),
        "thousands": (2000, 2000, None, "at least"),
        "several thousand": (3000, 2000, 9000, "range"),
    }


def test_dates_on_october_25_and_the_day_before(draft: Draft) -> None:
    zelensky = _row(draft, "On October 25, President Volodymyr Zelenskyy said")
    assert (zelensky["said_on"], zelensky["said_on_precision"]) == ("2024-10-25", "exact")
    nato = _row(draft, "As a reminder, the day before")
    assert (nato["said_on"], nato["said_on_precision"]) == ("2024-10-28", "on or before")
    assert "the day before" in nato["said_on_basis"]


def test_a_speaker_citing_intelligence_is_the_speaker(draft: Draft) -> None:
    zelensky = _row(draft, "On October 25, President Volodymyr Zelenskyy said")
    assert (zelensky["source_id"], zelensky["reported_by"]) == ("zelensky", "")
    assert "intelligence" in zelensky["reason"]
    assert "intelligence" not in set(draft.sources["source_id"])


def test_propositions_are_placed(draft: Draft) -> None:
    st = draft.statements
    kursk = st[st["quote"].str.contains("Kursk")]
    assert len(kursk) >= 2
    assert not (kursk["proposition_id"] == "fighting-in-ukraine").any()  # Kursk is in Russia
    assert _row(draft, "Ryder added that he could not confirm")["proposition_id"] == "fighting-in-ukraine"
    assert _row(draft, "Approximately several thousand")["proposition_id"] == "troops-in-russia"
