"""The Admiralty code (NATO STANAG 2511 / AJP-2.1): labels, combined grades and default weights."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd

from .loader import Workbook

RELIABILITY = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
CREDIBILITY = {
    1: "Confirmed by other sources",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}

# Default weights for what-if analysis. "Cannot be judged" (F, 6) sits mid-scale: it is neither
# evidence for nor against the source, so it neither drowns nor inflates what it carries.
RELIABILITY_WEIGHTS = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.5}
CREDIBILITY_WEIGHTS = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2, 6: 0.5}


_GRADED: weakref.WeakKeyDictionary[Workbook, pd.DataFrame] = weakref.WeakKeyDictionary()


def graded_statements(wb: Workbook) -> pd.DataFrame:
    """Statements with their source's name, alignment, stake and reliability, and the combined grade.

    The combined grade puts the two independent scales side by side, e.g. ``B2``: a usually
    reliable source passing on information that is probably true. Computed once per workbook;
    each caller gets its own copy to change.
    """
    if wb not in _GRADED:
        _GRADED[wb] = _grade(wb)
    return _GRADED[wb].copy()


def _grade(wb: Workbook) -> pd.DataFrame:
    sources = wb.sources.set_index("source_id")
    out = wb.statements.copy()
    for column in ("label", "name", "kind", "alignment", "interested", "reliability"):
        target = {"label": "source", "name": "source_name"}.get(column, column)
        out[target] = out["source_id"].map(sources[column])
    out["reliability"] = pd.Categorical(out["reliability"], categories=list(RELIABILITY), ordered=True)
    out["reported_by_label"] = out["reported_by"].map(sources["label"])
    out["grade"] = out["reliability"].astype(str) + out["credibility"].astype(str)
    out["reliability_label"] = out["reliability"].map(RELIABILITY).astype(str)
    out["credibility_label"] = out["credibility"].map(CREDIBILITY).astype(str)
    return out


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
    return pd.Series(weight, index=graded["statement_id"], name="weight")


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
