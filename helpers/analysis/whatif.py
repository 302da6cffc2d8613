"""What-if analysis: filter the statements, re-weight the grades, and recompute the conclusions.

Pure functions over the workbook's frozen tables; the explorer's widgets (in ``present``) call them,
and so can any notebook or test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..validate.arrow import isin
from ..workbook import Workbook
from . import ach, claims, corroboration
from .admiralty import CREDIBILITY_WEIGHTS, RELIABILITY_WEIGHTS
from .views import claims_table as build_claims_table


@dataclass(frozen=True)
class Filters:
    """Which statements to look at. An empty selection means no restriction."""

    sources: tuple[str, ...] = ()
    alignments: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    propositions: tuple[str, ...] = ()
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    min_reliability: str = "F"  # keep A down to this grade
    min_credibility: int = 6  # keep 1 down to this grade


@dataclass(frozen=True)
class Weights:
    """How much each grade counts, and whether interested parties count at all."""

    reliability: dict[str, float] = field(default_factory=lambda: dict(RELIABILITY_WEIGHTS))
    credibility: dict[int, float] = field(default_factory=lambda: dict(CREDIBILITY_WEIGHTS))
    exclude_interested: bool = False


@dataclass(frozen=True)
class Results:
    """What the filtered, re-weighted evidence says."""

    statements: pd.DataFrame  # those that count: filtered, and without interested parties if asked
    support: pd.DataFrame
    claims: pd.DataFrame
    troop_range: dict[str, tuple[float, float]]  # per measure: the numbers the remaining claims give
    ranking: pd.DataFrame


def apply_filters(graded: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The graded statements that pass every filter (vectorised; no per-row Python)."""
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
    keep &= graded["credibility"] <= filters.min_credibility
    return graded[keep]


def recompute(
    wb: Workbook, statements: pd.DataFrame, weights: Weights, claims_table: pd.DataFrame | None = None
) -> Results:
    """Weighted support, the troop range the remaining claims support, and the ACH ranking.

    ``claims_table`` is :func:`claims.claims_table` of ``wb`` (or a subset of it); by default all.
    """
    counted = statements[~statements["interested"].astype(bool)] if weights.exclude_interested else statements
    support = corroboration.weighted_support(wb, weights.reliability, weights.credibility, statements=counted)
    all_claims = build_claims_table(wb) if claims_table is None else claims_table
    kept_claims = all_claims[isin(all_claims["statement_id"], counted["statement_id"])]
    rated = wb.ach_ratings["statement_id"]
    drop = tuple(rated[~isin(rated, counted["statement_id"])].unique())
    ranking = ach.inconsistency_scores(
        wb, weights.reliability, weights.credibility, use_reliability=True, drop=drop
    )
    return Results(counted, support, kept_claims, claims.range_supported(kept_claims), ranking)
