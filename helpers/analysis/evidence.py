"""The one weighting of evidence, which the evidence balance, ACH and the explorer all use.

A statement's weight is its source's reliability weight (or its relay's, when that is lower: a
chain is no stronger than its weakest link) times its information's credibility weight, halved
when the statement is hedged ("could be", "reportedly") or its troop claim is only possible. F and
6 weigh nothing (see :mod:`.admiralty`). Which side a statement takes is apart from its weight:
affirming counts for, denying against, and "there is no evidence of it" against at half weight;
"uncertain" and conditional statements take no side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .admiralty import CREDIBILITY_WEIGHTS, RELIABILITY_WEIGHTS

HEDGE_FACTOR = 0.5  # a hedged or merely possible claim counts half
NO_EVIDENCE_FACTOR = 0.5  # "no evidence of X" is weak evidence against X: half a denial
SIDE = {"affirms": 1.0, "denies": -1.0, "no evidence": -NO_EVIDENCE_FACTOR}  # other stances: no side


@dataclass(frozen=True)
class Weights:
    """How much each grade counts, how much a hedge takes off, and whether interested parties count."""

    reliability: dict[str, float] = field(default_factory=lambda: dict(RELIABILITY_WEIGHTS))
    credibility: dict[int, float] = field(default_factory=lambda: dict(CREDIBILITY_WEIGHTS))
    hedge: float = HEDGE_FACTOR
    exclude_interested: bool = False


def _per_grade(grade: pd.Series, weights: dict, key: type) -> np.ndarray:
    """Each row's weight, looked up once per grade rather than once per row; 0 where ungraded."""
    cat = grade.astype("category").cat
    table = np.array([float(weights.get(key(c), 0.0)) for c in cat.categories] + [0.0])
    return table[cat.codes.to_numpy()]  # code -1 (a missing grade) picks the trailing 0


def evidence_weights(statements: pd.DataFrame, weights: Weights | None = None) -> pd.Series:
    """Each statement's weight as evidence (a float per ``statement_id``), by the rule above.

    ``statements`` are graded statements (see :func:`helpers.analysis.views.graded_statements`).
    """
    weights = weights or Weights()
    cred = {int(k): v for k, v in weights.credibility.items()}
    reliability = _per_grade(statements["reliability"], weights.reliability, str)
    if "relay_reliability" in statements:  # relayed: the weaker of speaker and relay
        relay = statements["relay_reliability"]
        relayed = _per_grade(relay, weights.reliability, str)
        reliability = np.where(relay.notna().to_numpy(), np.minimum(reliability, relayed), reliability)
    weight = _per_grade(statements["credibility"], cred, int) * reliability
    weight = np.where(statements["hedged"].to_numpy(dtype=bool), weight * weights.hedge, weight)
    if weights.exclude_interested:
        weight = np.where(statements["interested"].to_numpy(dtype=bool), 0.0, weight)
    return pd.Series(weight, index=statements["statement_id"].to_numpy(), name="weight", dtype="float64")


def weight_of(statement_ids: pd.Series, weights: pd.Series) -> pd.Series:
    """Each statement's weight as a float, 0 for one without a weight.

    Always numbers: mapping an empty text column would otherwise give an empty text column, which
    sums to ``''`` and multiplies as a string.
    """
    return statement_ids.map(weights).astype("float64").fillna(0.0)


def sides(stances: pd.Series) -> pd.Series:
    """Each stance as a signed factor: +1 affirms, -1 denies, -1/2 no evidence, 0 otherwise."""
    return stances.astype(str).map(SIDE).astype("float64").fillna(0.0)


def one_per_remark(statements: pd.DataFrame, weight: pd.Series) -> pd.DataFrame:
    """``statements`` with one row per remark (``same_as`` chains): the heaviest report of each.

    One remark reported twice is one item of evidence, whatever the number of outlets.
    """
    order = np.argsort(-weight.to_numpy(), kind="stable")
    kept = statements.iloc[order].drop_duplicates("remark")
    return statements.loc[statements.index.isin(kept.index)]
