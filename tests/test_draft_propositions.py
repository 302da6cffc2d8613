"""Which proposition the drafter proposes for a statement: words of war reporting read as one concept,
and the narrowest proposition that fits, never a broader one it implies in its place."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.curate.draft.propositions import PropositionIndex, concepts

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
            None,
        ),
        ("more-troops", "North Korea will send more troops to Russia.", None),
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
