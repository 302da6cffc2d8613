"""Analysis of Competing Hypotheses (Heuer): inconsistency scores, diagnosticity, sensitivity.

Heuer's rule: the most likely hypothesis is the one with the least evidence against it, not the
most evidence for it. Each statement rated I counts 1 against a hypothesis and II counts 2, times
the statement's weight (its Admiralty credibility by default).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..validate.arrow import isin
from ..workbook import Workbook
from .grades import statement_weights, weight_of
from .views import graded_statements

RATING_SCORE = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
INCONSISTENCY = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2}


def ach_matrix(wb: Workbook) -> pd.DataFrame:
    """Statements x hypotheses of ratings (CC, C, N, I, II; empty if unrated); rows in statement order."""
    matrix = wb.ach_ratings.pivot(index="statement_id", columns="hypothesis_id", values="rating")
    matrix = matrix.reindex(columns=list(wb.hypotheses["hypothesis_id"])).astype(str).fillna("")
    order = [s for s in wb.statements["statement_id"] if s in matrix.index]
    return matrix.loc[order]  # "" where a statement was not rated against a hypothesis


def _weights(
    wb: Workbook,
    reliability_weights: dict[str, float] | None,
    credibility_weights: dict[int, float] | None,
    use_reliability: bool,
    exclude_interested: bool,
) -> pd.Series:
    graded = graded_statements(wb)
    graded = graded[isin(graded["statement_id"], wb.ach_ratings["statement_id"])]  # only rated ones count
    weights = statement_weights(graded, reliability_weights, credibility_weights, use_reliability)
    if exclude_interested:
        interested = graded.set_index("statement_id")["interested"].astype(bool)
        weights = weights.where(~interested, 0.0)
    return weights


def inconsistency_scores(
    wb: Workbook,
    reliability_weights: dict[str, float] | None = None,
    credibility_weights: dict[int, float] | None = None,
    use_reliability: bool = False,
    exclude_interested: bool = False,
    drop: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Per hypothesis: weighted inconsistency, the count of I and II ratings, and the rank.

    Rank 1 is the least inconsistent hypothesis, Heuer's most likely. ``drop`` leaves statements
    out; ``exclude_interested`` gives statements from interested parties no weight.
    """
    weights = _weights(wb, reliability_weights, credibility_weights, use_reliability, exclude_interested)
    ratings = wb.ach_ratings[~wb.ach_ratings["statement_id"].isin(drop)]
    against = ratings["rating"].astype(str).map(INCONSISTENCY).astype("float64")
    weighted = against * weight_of(ratings["statement_id"], weights).to_numpy()
    frame = pd.DataFrame(
        {
            "hypothesis_id": ratings["hypothesis_id"].to_numpy(),
            "weighted_inconsistency": weighted.to_numpy(),
            "inconsistent": (against > 0).to_numpy(),
        }
    )
    scores = frame.groupby("hypothesis_id").agg(
        weighted_inconsistency=("weighted_inconsistency", "sum"), inconsistent=("inconsistent", "sum")
    )
    out = wb.hypotheses.set_index("hypothesis_id")[["label"]].join(scores)
    out = out.fillna({"weighted_inconsistency": 0.0, "inconsistent": 0})
    out["inconsistent"] = out["inconsistent"].astype(int)
    out["weighted_inconsistency"] = out["weighted_inconsistency"].round(6)
    out["rank"] = out["weighted_inconsistency"].rank(method="min").astype(int)
    return out.sort_values(["rank", "label"]).reset_index()


def diagnosticity(wb: Workbook) -> pd.DataFrame:
    """Per statement: the spread of its ratings across hypotheses (0 = fits all alike).

    Evidence consistent with every hypothesis does not help choose between them, however much
    of it there is; high spread marks the items that discriminate.
    """
    matrix = ach_matrix(wb)
    scores = matrix.apply(lambda col: col.map(RATING_SCORE)).astype("float64")
    out = pd.DataFrame(
        {
            "statement_id": matrix.index.astype(str),
            "spread": (scores.max(axis=1) - scores.min(axis=1)).fillna(0).to_numpy(dtype="int64"),
            "ratings": [" ".join(r or "·" for r in row) for row in matrix.itertuples(index=False)],
        }
    )
    out["diagnostic"] = out["spread"] > 0
    return out.sort_values(["spread", "statement_id"], ascending=[False, True]).reset_index(drop=True)


def sensitivity(wb: Workbook, **options: Any) -> pd.DataFrame:
    """What happens to the ranking if each rated statement in turn is wrong (left out).

    ``margin`` is the runner-up's score minus the leader's; ``leader_changes`` says whether another
    hypothesis would lead. The statement whose loss moves the margin most is the linchpin.
    """
    columns = ["statement_id", "leader", "leader_changes", "margin", "margin_change"]
    base = inconsistency_scores(wb, **options)
    if base.empty:
        return pd.DataFrame(columns=columns)
    leader = base.iloc[0]["hypothesis_id"]
    base_margin = _margin(base)
    rows = []
    for sid in ach_matrix(wb).index:
        scores = inconsistency_scores(wb, drop=(sid,), **options)
        rows.append(
            {
                "statement_id": sid,
                "leader": scores.iloc[0]["hypothesis_id"],
                "leader_changes": scores.iloc[0]["hypothesis_id"] != leader or _tied(scores),
                "margin": _margin(scores),
                "margin_change": _margin(scores) - base_margin,
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["margin_change", "statement_id"]).reset_index(drop=True)


def _margin(scores: pd.DataFrame) -> float:
    values = scores["weighted_inconsistency"].to_numpy()
    return round(float(values[1] - values[0]), 6) if len(values) > 1 else float("nan")


def _tied(scores: pd.DataFrame) -> bool:
    return (
        len(scores) > 1
        and scores.iloc[0]["weighted_inconsistency"] == scores.iloc[1]["weighted_inconsistency"]
    )


def discriminating_leaders(wb: Workbook) -> pd.DataFrame:
    """:func:`discriminating` for the two hypotheses ranked first; empty when there are fewer than two."""
    top = inconsistency_scores(wb)["hypothesis_id"].tolist()
    if len(top) < 2:
        return pd.DataFrame(columns=["statement_id", "source", "interested", "grade"])
    return discriminating(wb, top[0], top[1])


def discriminating(wb: Workbook, first: str, second: str) -> pd.DataFrame:
    """Statements rated differently for two hypotheses: the evidence that tells them apart."""
    matrix = ach_matrix(wb)
    differ = matrix[matrix[first] != matrix[second]][[first, second]]
    graded = graded_statements(wb).set_index("statement_id")
    out = differ.join(graded[["source", "interested", "grade"]])
    return out.reset_index()
