"""Key judgements in US ICD 203 estimative language, with the graded statements behind them.

The likelihood of a factual proposition is read off the weighted evidence as

    p = (A + U/2 + K/2) / (A + D + U + K)

where A, D and U are the summed weights (reliability x credibility) of the statements that
affirm, deny, or withhold judgement on it, and K = 1 is a neutral prior worth one fully credible
statement, so that one statement alone cannot make anything "almost certain". A statement revised
later by its own source is left out. p is a summary of the curated evidence, not an independent
probability, and the briefing says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..workbook import Workbook
from .grades import statement_weights, weight_of
from .views import current_statements

PRIOR_WEIGHT = 1.0
# ICD 203 terms with the upper edge of each band (inclusive), and the band as printed.
ESTIMATIVE = [
    (0.05, "almost no chance", "1-5%"),
    (0.20, "very unlikely", "5-20%"),
    (0.45, "unlikely", "20-45%"),
    (0.55, "roughly even chance", "45-55%"),
    (0.80, "likely", "55-80%"),
    (0.95, "very likely", "80-95%"),
    (1.00, "almost certain", "95-99%"),
]


def estimative_term(p: float) -> tuple[str, str]:
    """The ICD 203 term and its band for a probability ``p``."""
    for upper, term, band in ESTIMATIVE:
        if p <= upper + 1e-12:
            return term, band
    raise ValueError(p)


@dataclass(frozen=True)
class Judgement:
    """One key judgement: the proposition, how likely, how confident, and on what evidence."""

    proposition_id: str
    proposition: str
    p: float
    term: str
    band: str
    p_without_interested: float
    term_without_interested: str
    confidence: str
    basis: pd.DataFrame  # the statements weighed, with source, stance and grade


def _likelihood(said: pd.DataFrame, weights: pd.Series) -> float:
    w = weight_of(said["statement_id"], weights)
    stance = said["stance"].astype(str)
    affirm, deny, withhold = (float(w[stance == s].sum()) for s in ("affirms", "denies", "uncertain"))
    return (affirm + withhold / 2 + PRIOR_WEIGHT / 2) / (affirm + deny + withhold + PRIOR_WEIGHT)


def _confidence(said: pd.DataFrame) -> str:
    """High: disinterested sources from two or more alignments take a side; moderate: two or more
    disinterested sources do; low: otherwise."""
    sided = said[said["stance"].isin(["affirms", "denies"]) & ~said["interested"].astype(bool)]
    if sided["source_id"].nunique() >= 2 and sided["alignment"].nunique() >= 2:
        return "high"
    return "moderate" if sided["source_id"].nunique() >= 2 else "low"


def key_judgements(
    wb: Workbook,
    reliability_weights: dict[str, float] | None = None,
    credibility_weights: dict[int, float] | None = None,
) -> list[Judgement]:
    """A judgement for each factual proposition that any current statement affirms or denies."""
    current = current_statements(wb)
    weights = statement_weights(current, reliability_weights, credibility_weights)
    out = []
    facts = wb.propositions[wb.propositions["kind"] == "fact"]
    for prop in facts.itertuples():
        said = current[current["proposition_id"] == prop.proposition_id]
        said = said[said["stance"].isin(["affirms", "denies", "uncertain"])]
        if not said["stance"].isin(["affirms", "denies"]).any():
            continue
        p = _likelihood(said, weights)
        p_alone = _likelihood(said[~said["interested"].astype(bool)], weights)
        term, band = estimative_term(p)
        basis = said[["statement_id", "source", "stance", "grade", "hedge", "interested"]].copy()
        basis["weight"] = weight_of(basis["statement_id"], weights).round(2)
        out.append(
            Judgement(
                proposition_id=prop.proposition_id,
                proposition=prop.text,
                p=round(p, 4),
                term=term,
                band=band,
                p_without_interested=round(p_alone, 4),
                term_without_interested=estimative_term(p_alone)[0],
                confidence=_confidence(said),
                basis=basis.reset_index(drop=True),
            )
        )
    order = {"high": 0, "moderate": 1, "low": 2}
    return sorted(out, key=lambda j: order[j.confidence])  # stable: curated order within a level
