"""Admiralty grades of the statements and sources: weights, per-source summary, the grade grid."""

from __future__ import annotations

import pandas as pd

from ..workbook import Workbook
from .admiralty import CREDIBILITY, RELIABILITY
from .views import graded_statements


def source_summary(wb: Workbook) -> pd.DataFrame:
    """One row per source: who it is, its grade and stake, and what it said by stance."""
    graded = graded_statements(wb)
    stances = pd.crosstab(graded["source_id"], graded["stance"]).reindex(
        columns=list(graded["stance"].cat.categories), fill_value=0
    )
    out = wb.sources.set_index("source_id")[
        [
            "label",
            "name",
            "kind",
            "alignment",
            "channel",
            "interested",
            "reliability",
            "reliability_rationale",
        ]
    ].join(stances)
    out["channel"] = out["channel"].fillna(pd.Series(out.index, index=out.index))
    out = out.fillna(dict.fromkeys(stances.columns, 0))
    out["statements"] = out[list(stances.columns)].sum(axis=1).astype(int)
    out["relayed"] = wb.statements["reported_by"].value_counts().reindex(out.index, fill_value=0).astype(int)
    return out.sort_values(["reliability", "name"]).reset_index()


def grade_grid(wb: Workbook) -> pd.DataFrame:
    """Count of statements in each reliability x credibility cell (A-F rows, 1-6 columns)."""
    graded = graded_statements(wb)
    grid = pd.crosstab(graded["reliability"], graded["credibility"], dropna=False)
    return grid.reindex(index=list(RELIABILITY), columns=list(CREDIBILITY), fill_value=0)
