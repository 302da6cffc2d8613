"""Admiralty grades of the statements and sources: weights, per-source summary, the grade grid."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..workbook import Workbook
from .admiralty import CREDIBILITY, CREDIBILITY_WEIGHTS, RELIABILITY, RELIABILITY_WEIGHTS
from .views import graded_statements


def statement_weights(
    graded: pd.DataFrame,
    reliability_weights: dict[str, float] | None = None,
    credibility_weights: dict[int, float] | None = None,
    use_reliability: bool = True,
) -> pd.Series:
    """Weight of each statement: credibility weight, times reliability weight when asked."""
    cred = credibility_weights or CREDIBILITY_WEIGHTS
    weight = _per_grade(graded["credibility"], {int(k): v for k, v in cred.items()}, int)
    if use_reliability:
        rel = reliability_weights or RELIABILITY_WEIGHTS
        weight = weight * _per_grade(graded["reliability"], rel, str)
    return pd.Series(weight, index=graded["statement_id"], name="weight", dtype="float64")


def weight_of(statement_ids: pd.Series, weights: pd.Series) -> pd.Series:
    """Each statement's weight as a float, 0 for one without a weight.

    Always numbers: mapping an empty text column would otherwise give an empty text column, which
    sums to ``''`` and multiplies as a string.
    """
    return statement_ids.map(weights).astype("float64").fillna(0.0)


def _per_grade(grade: pd.Series, weights: dict, key: type) -> np.ndarray:
    """Each row's weight, looked up once per grade rather than once per row."""
    cat = grade.astype("category").cat
    table = np.array([float(weights[key(c)]) for c in cat.categories] + [np.nan])
    return table[cat.codes.to_numpy()]  # code -1 (a missing grade) picks the trailing NaN


def source_summary(wb: Workbook) -> pd.DataFrame:
    """One row per source: who it is, its grade and stake, and what it said by stance."""
    graded = graded_statements(wb)
    stances = pd.crosstab(graded["source_id"], graded["stance"]).reindex(
        columns=list(graded["stance"].cat.categories), fill_value=0
    )
    out = wb.sources.set_index("source_id")[
        ["label", "name", "kind", "alignment", "interested", "reliability", "reliability_rationale"]
    ].join(stances)
    out = out.fillna(dict.fromkeys(stances.columns, 0))
    out["statements"] = out[list(stances.columns)].sum(axis=1).astype(int)
    out["relayed"] = wb.statements["reported_by"].value_counts().reindex(out.index, fill_value=0).astype(int)
    return out.sort_values(["reliability", "name"]).reset_index()


def grade_grid(wb: Workbook) -> pd.DataFrame:
    """Count of statements in each reliability x credibility cell (A-F rows, 1-6 columns)."""
    graded = graded_statements(wb)
    grid = pd.crosstab(graded["reliability"], graded["credibility"], dropna=False)
    return grid.reindex(index=list(RELIABILITY), columns=list(CREDIBILITY), fill_value=0)
