"""What-if analysis: filter the statements, re-weight the grades, and recompute the conclusions.

Pure functions over the workbook's frozen tables; the explorer's widgets (in ``present``) call them,
and so can any notebook or test.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..columnar import isin
from ..workbook import Workbook
from . import ach, balance, troop_counts
from .evidence import Weights
from .views import claims_table as build_claims_table
from .views import covers_everything, current_at

__all__ = ["Filters", "Results", "Weights", "apply_filters", "recompute"]


@dataclass(frozen=True)
class Filters:
    """Which statements to look at. An empty selection means no restriction."""

    sources: tuple[str, ...] = ()
    alignments: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    propositions: tuple[str, ...] = ()
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    as_of: pd.Timestamp | None = None  # what was known then: later statements, and what they overtook
    min_reliability: str = "F"  # keep A down to this grade
    min_credibility: int = 6  # keep 1 down to this grade; ungraded statements are always kept


@dataclass(frozen=True)
class Results:
    """What the filtered, re-weighted evidence says."""

    statements: pd.DataFrame  # those that count: current as of the date, filtered, weighed
    support: pd.DataFrame  # the evidence balance of each factual proposition
    claims: pd.DataFrame
    troop_range: dict[str, tuple[float, float]]  # per measure: the numbers the remaining claims give
    ranking: pd.DataFrame


def apply_filters(graded: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The current statements (as of ``filters.as_of``) that pass every filter (vectorised).

    Overtaken statements are left out first, as in the balance and ACH, so that the explorer's
    defaults give the notebooks' numbers.
    """
    # What was known by the end of the period, or by the as-of day, whichever comes first: a
    # statement overtaken only after it still stands.
    known_by = [day for day in (filters.as_of, filters.end) if day is not None]
    known = min(known_by) if known_by else None
    if covers_everything(graded, known):
        keep = graded["overtaken_by"].isna()  # one selection below, not two: the table is wide
    else:
        graded = current_at(graded, known)
        keep = pd.Series(True, index=graded.index)
    for column, chosen in (
        ("source_id", filters.sources),
        ("alignment", filters.alignments),
        ("stance", filters.stances),
        ("proposition_id", filters.propositions),
    ):
        if chosen:
            keep &= graded[column].isin(chosen)
    if filters.start is not None:
        keep &= graded["said_on"] >= filters.start
    if filters.end is not None:
        keep &= graded["said_on"] <= filters.end
    keep &= graded["reliability"] <= filters.min_reliability
    keep &= (graded["credibility"] <= filters.min_credibility) | graded["credibility"].isna()
    return graded[keep]


def recompute(
    wb: Workbook, statements: pd.DataFrame, weights: Weights, claims_table: pd.DataFrame | None = None
) -> Results:
    """The evidence balances, the troop range the remaining claims support, and the ACH ranking,
    with the same weighting as the notebooks.

    ``claims_table`` is :func:`troop_counts.claims_table` of ``wb`` (or a subset of it); by default all.
    """
    counted = statements[~statements["interested"].astype(bool)] if weights.exclude_interested else statements
    support = balance.balance_table(balance.balances(counted, wb.propositions, weights), wb.propositions)
    all_claims = build_claims_table(wb) if claims_table is None else claims_table
    kept_claims = all_claims[isin(all_claims["statement_id"], counted["statement_id"])]
    ranking = ach.inconsistency_scores(wb, statements=counted, weights=weights)
    return Results(counted, support, kept_claims, troop_counts.range_supported(kept_claims), ranking)
