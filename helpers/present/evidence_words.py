"""The evidence a balance weighs, in words: each statement's chain of grades, why a statement weighed
does not count, and the cautions about what the evidence is made of.

The analysis floor (:mod:`helpers.analysis.balance`, :mod:`helpers.analysis.views`) records grades,
reasons and cautions as values; this module only says them.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.balance import (
    HEDGED_INTERESTED,
    LATER_REPORT,
    NO_WEIGHT,
    WEAKER_ON_CHANNEL,
    WEIGHTLESS,
    Caution,
)

NOT_COUNTED_WORDS = {
    NO_WEIGHT: "no weight",
    LATER_REPORT: "a later report of a remark already weighed",
    WEAKER_ON_CHANNEL: "the same channel's stronger statement on this side counts instead",
}


def not_counted_words(reasons: pd.Series) -> pd.Series:
    """Each statement's reason for not counting (a ``not_counted`` value) in words; "" where it counts."""
    return reasons.map(NOT_COUNTED_WORDS).fillna(reasons)


def caution_words(caution: Caution) -> str:
    """One caution about a balance's evidence in words, naming the statements it concerns."""
    ids = ", ".join(caution.statement_ids)
    if caution.kind == WEIGHTLESS:
        return (
            f"the only evidence ({ids}) carries no weight: its grade, or a link of its chain, cannot be "
            "judged, or it is what its speaker's stake calls for"
        )
    if caution.kind == HEDGED_INTERESTED:
        return f"the only weighed evidence is one hedged claim by an interested party ({ids})"
    raise ValueError(caution.kind)


def cautions_words(cautions: tuple[Caution, ...]) -> list[str]:
    """Every caution of a balance in words, in its order."""
    return [caution_words(c) for c in cautions]


def chain_words(graded: pd.DataFrame) -> pd.Series:
    """The grades along each graded statement's chain, e.g. ``speaker B, relay F, outlet B``."""
    speaker = "speaker " + graded["speaker_reliability"].astype(str)
    relay = (", relay " + graded["relay_reliability"].astype(str)).where(
        graded["relay_reliability"].notna(), ""
    )
    outlet = ", outlet " + graded["publisher_reliability"].astype(str)
    return speaker + relay + outlet
