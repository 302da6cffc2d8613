"""The one weighting of evidence, which the evidence balance, ACH and the explorer all use.

A statement reaches the page through a chain: its speaker, the relay that passed it on (if any) and
the outlet that published it. The chain is no stronger than its weakest link, so a statement's
reliability is the worst grade along it; an outlet nobody graded is a link that cannot be judged
(F), so a provenance that was lost is never rewarded. Its weight is that reliability's weight times
its credibility's, halved when the statement is hedged ("could be", "reportedly") or its troop
claim only possible. F and 6 weigh nothing (see :mod:`.admiralty`).

One principle decides what a statement is worth as evidence, here and in ACH alike: how much more
likely it would be if what it says were true than if it were false. A self-serving statement
(what its speaker's stake calls for, as the accused denying) is as likely either way: it weighs
nothing here, as ACH rates it alike under every hypothesis. Which side a statement takes is apart
from its weight: affirming counts for, denying against, and "there is no evidence of it" against
at half weight; "uncertain" and conditional statements take no side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .admiralty import CREDIBILITY_WEIGHTS, RELIABILITY_WEIGHTS

HEDGE_FACTOR = 0.5  # a hedged or merely possible claim counts half
NO_EVIDENCE_FACTOR = 0.5  # "no evidence of X" is weak evidence against X: half a denial
# An admission against interest is expected only if true: it counts twice what its grade gives, so
# that an admission carried by a C outlet (1.2) outweighs any disinterested report (A1 is 1.0),
# while an F link still makes it nothing.
ADMISSION_FACTOR = 2.0
SIDE = {"affirms": 1.0, "denies": -1.0, "no evidence": -NO_EVIDENCE_FACTOR}  # other stances: no side
# Which way a statement points, for telling a revision from agreement: "uncertain" is a position too
# (a retraction), a conditional is none.
DIRECTION = {"affirms": 1, "denies": -1, "no evidence": -1, "uncertain": 0}


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

    ``statements`` are graded statements (see :func:`helpers.analysis.views.graded_statements`),
    whose ``reliability`` is already the weakest grade along the chain.
    """
    weights = weights or Weights()
    cred = {int(k): v for k, v in weights.credibility.items()}
    reliability = _per_grade(statements["reliability"], weights.reliability, str)
    weight = _per_grade(statements["credibility"], cred, int) * reliability
    weight = np.where(statements["hedged"].to_numpy(dtype=bool), weight * weights.hedge, weight)
    weight = np.where(statements["self_serving"].to_numpy(dtype=bool), 0.0, weight)
    if "admission" in statements:  # graded statements always say; a hand-built frame may not
        weight = np.where(statements["admission"].to_numpy(dtype=bool), weight * ADMISSION_FACTOR, weight)
    if weights.exclude_interested:
        weight = np.where(statements["interested"].to_numpy(dtype=bool), 0.0, weight)
    return pd.Series(weight, index=statements["statement_id"].to_numpy(), name="weight", dtype="float64")


def sides(stances: pd.Series) -> pd.Series:
    """Each stance as a signed factor: +1 affirms, -1 denies, -1/2 no evidence, 0 otherwise."""
    return stances.astype(str).map(SIDE).astype("float64").fillna(0.0)


def primary_accounts(statements: pd.DataFrame) -> pd.DataFrame:
    """``statements`` with one row per remark: its primary account, the first report among them.

    One remark reported twice is one item of evidence whatever the number of outlets, and it is
    worth what its primary account is worth: a later report that dropped a link of the chain (a
    relay nobody could grade) cannot outrank it.
    """
    order = (
        statements["report_order"]
        if "report_order" in statements
        else pd.Series(np.arange(len(statements)), index=statements.index)
    )
    # Sorted and deduplicated on the two columns alone: the statements are wide, and copied here
    # whole they cost more than the rest of a recompute.
    keys = pd.DataFrame(
        {"_order": order.to_numpy(), "remark": statements["remark"].to_numpy()}, index=statements.index
    )
    kept = keys.sort_values("_order", kind="stable").drop_duplicates("remark")
    return statements.loc[statements.index.isin(kept.index)]
