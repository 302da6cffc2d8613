"""Which proposition the drafter proposes for a statement: words of war reporting read as one concept,
and the narrowest proposition that fits, never a broader one it implies in its place."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from helpers import load_workbook
from helpers.curate.draft import Article, draft_article
from helpers.curate.draft.propositions import PropositionIndex, concepts, reversed_stance
from helpers.paths import REFERENCE_DATA_DIR

# Propositions as curators wrote them (datasets/nk-kursk-2024-25), with what each implies.
PROPOSITIONS = pd.DataFrame(
    [
        ("troops-in-russia", "North Korea has sent troops to Russia.", None),
        (
            "kursk-front",
            "North Korean troops have been deployed to Russia's Kursk region or other Russian areas "
            "bordering Ukraine.",
            "troops-in-russia",
        ),
        ("training-in-russia", "North Korean troops have been trained in Russia.", "troops-in-russia"),
        ("in-combat", "North Korean troops have fought against Ukrainian forces.", "troops-in-russia"),
        (
            "nk-casualties",
            "North Korean troops have been killed or wounded fighting Ukrainian forces.",
            "in-combat",
        ),
        (
            "nk-captured",
            "Ukrainian forces have captured North Korean soldiers in Russia's Kursk region.",
            "kursk-front",
        ),
        ("more-troops", "North Korea will send more troops to Russia.", None),
    ],
    columns=["proposition_id", "text", "implies"],
)


# Some of another dataset's (datasets/nk-troops-2024), where casualties do not imply combat.
TROOPS_2024 = pd.DataFrame(
    [
        ("troops-in-russia", "North Korea has sent troops to Russia.", None),
        (
            "combat-role",
            "North Korean troops have been sent to Russia to fight, or to prepare to fight, against Ukraine.",
            "troops-in-russia",
        ),
        (
            "kursk-front",
            "North Korean troops have been deployed near the front against Ukraine, in Russia's Kursk "
            "region or other Russian areas bordering Ukraine.",
            "troops-in-russia",
        ),
        ("in-combat", "North Korean troops have fought against Ukrainian forces.", "combat-role"),
        (
            "nk-casualties",
            "North Korean troops have been killed or wounded by Ukrainian forces.",
            "troops-in-russia",
        ),
    ],
    columns=["proposition_id", "text", "implies"],
)


@pytest.fixture(scope="module")
def index() -> PropositionIndex:
    return PropositionIndex(PROPOSITIONS)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("casualties", "killed or wounded"),
        ("North Korea has already lost 4,000 soldiers", "troops have been killed"),
        ("moved to the Kursk region", "deployed to Russia's Kursk region"),
        ("taken prisoner", "captured"),
        ("another transfer operation will be carried out very soon", "plans to send"),
    ],
)
def test_words_of_war_reporting_share_their_concept(one: str, other: str) -> None:
    assert concepts(one) & concepts(other) - concepts("North Korea troops soldiers Kursk region Russia")


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        # Reuters, 23 Dec 2024 (datasets/nk-kursk-2024-25): casualties, not the fighting they came from.
        (
            "On December 17, a US military official said North Korea had suffered several hundred "
            "casualties, including troops killed and wounded.",
            "nk-casualties",
        ),
        # Yonhap, 13 Nov 2024: the region named, so the narrower proposition, not "sent to Russia".
        (
            "It is likely that about 11,000 North Korean troops have moved into Russia's Kursk region.",
            "kursk-front",
        ),
        # KBS, 18 Oct 2024: a plan of further dispatch.
        ("North Korea plans to send more troops to Russia soon.", "more-troops"),
    ],
)
def test_the_narrowest_fitting_proposition_is_proposed(
    index: PropositionIndex, statement: str, expected: str
) -> None:
    proposed = index.propose(statement)
    assert proposed.proposition_id == expected, proposed.reason


def test_a_broader_proposition_is_no_rival_of_the_narrower_it_is_implied_by(index: PropositionIndex) -> None:
    """Killed or wounded implies fought: the two scoring close is no reason to leave the row blank."""
    proposed = index.propose("North Korean troops have been killed or wounded fighting in Kursk.")
    assert proposed.proposition_id == "nk-casualties", proposed.reason


def test_a_statement_of_nothing_the_propositions_say_gets_none(index: PropositionIndex) -> None:
    proposed = index.propose("The ministry declined to comment on the weather in Pyongyang.")
    assert proposed.proposition_id == ""


def test_a_proposition_about_a_measure_the_statement_never_names_is_not_proposed(
    index: PropositionIndex,
) -> None:
    """Troops moved to Kursk are not troops captured there, however many other words the two share
    (NIS via Yonhap, 13 Nov 2024, datasets/nk-kursk-2024-25)."""
    proposed = index.propose(
        "North Korean soldiers dispatched to Russia have moved to the Kursk region over the past two "
        "weeks and their deployment to battlefields has been completed"
    )
    assert proposed.proposition_id == "kursk-front", proposed.reason


def test_a_narrower_proposition_needs_the_measure_that_makes_it_narrower() -> None:
    """Captured in Kursk implies deployed to Kursk, but troops stationed where Ukrainian forces
    attacked were not said to be captured (Yonhap, 1 Nov 2024, datasets/nk-kursk-2024-25)."""
    places = pd.DataFrame(
        [("russia", "Russia", None, "country"), ("kursk", "Kursk Oblast", "russia", "region")],
        columns=["place_id", "name", "parent", "kind"],
    )
    proposed = PropositionIndex(PROPOSITIONS, places).propose(
        "Washington said Thursday it received information indicating that there are around 8,000 "
        "North Korean troops stationed in the Kursk region, which Ukrainian forces attacked in a "
        "surprise ground incursion in early August."
    )
    assert proposed.proposition_id == "kursk-front", proposed.reason


def test_the_number_of_troops_decides_between_no_propositions() -> None:
    """ "11,000" shares its thousands with "15,000 workers": the count is the troop claim's, not a
    word of what the statement says (Kyiv Independent, 16 Dec 2024, datasets/nk-kursk-2024-25)."""
    assert not concepts("about 11,000 troops") & concepts("about 15,000 workers")
    workers = ("nk-workers", "North Korea has sent about 15,000 workers to Russia.", None)
    index = PropositionIndex(pd.concat([PROPOSITIONS, pd.DataFrame([workers], columns=PROPOSITIONS.columns)]))
    proposed = index.propose(
        "Overall, the agency estimates around 11,000 North Korean soldiers are currently stationed in Russia."
    )
    assert proposed.proposition_id == "troops-in-russia", proposed.reason


def test_a_statement_that_fits_two_propositions_does_not_take_the_one_before() -> None:
    """Words that fit two propositions equally are the statement's own: the analyst chooses, and the
    proposition of the statement before it is not proposed in their place (KBS, 23 Oct 2024, then
    Yonhap, 13 Nov 2024: real sentences, set in one paragraph)."""
    text = (
        "The National Intelligence Service(NIS) says North Korea sent some three-thousand troops to "
        "Russia so far. North Korean troops dispatched to Russia have moved to the frontline region of "
        'Kursk and are "already engaging in combat" against Ukraine, South Korea\'s spy agency said '
        "Wednesday."
    )
    article = Article(text, "007_yonhap.txt", date(2024, 11, 13), "Yonhap", "https://e.org/y")
    wb = load_workbook(REFERENCE_DATA_DIR)
    draft = draft_article(article, wb.with_tables(propositions=TROOPS_2024))
    assert list(draft.statements["proposition_id"]) == ["troops-in-russia", ""], list(
        draft.statements["reason"]
    )


def test_troops_back_at_the_front_deny_that_they_were_withdrawn() -> None:
    """ "They are now believed to be back on the frontline in Kursk" (HuffPost UK, 24 Feb 2025) denies
    the withdrawal from the front; a return that may yet come (RBC-Ukraine, 31 Jan 2025) does not."""
    index = PropositionIndex(
        pd.DataFrame(
            [
                ("withdrawn-from-front",
                 "North Korean troops have been pulled back from the front line in Russia's Kursk region."),
                ("in-combat", "North Korean troops have fought against Ukrainian forces."),
                ("troops-in-russia", "North Korea has sent troops to Russia."),
            ],
            columns=["proposition_id", "text"],
        )
    )  # fmt: skip
    back = index.propose(
        "They are now believed to be back on the frontline in Kursk, where Russia is trying to reclaim "
        "land seized by Ukraine six months ago."
    )
    assert (back.proposition_id, back.stance) == ("withdrawn-from-front", "denies"), back.reason
    pulled = index.propose("North Korean forces have been pulled off the frontlines in the Kursk region.")
    assert (pulled.proposition_id, pulled.stance) == ("withdrawn-from-front", "affirms"), pulled.reason
    later = "the soldiers may return to combat after additional training"
    assert reversed_stance(later, "North Korean troops have been pulled back from the front line.") == ""
