"""Analysis of Competing Hypotheses (Heuer; PARC ACH 2.0): inconsistency, diagnosticity, sensitivity.

A rating says how likely an item of evidence would be if the hypothesis were true. Heuer's rule:
the most likely hypothesis is the one with the least evidence against it, not the most for it, so
only I (1) and II (2) count, each times the item's weight (:mod:`.evidence`, the same weighting as
the evidence balance: a self-serving statement weighs nothing there and is rated alike here) and its
relevance (low, medium, high). The items are the current statements (none that its own channel
revised) that were rated, one per remark, and the evidence expected but absent: an indicator that
would support a hypothesis, expected by now and not seen (status ``absent``), is a row rated I
under that hypothesis, weighed as "no evidence" is (``ABSENCE_WEIGHT``).

The hypotheses are meant to be mutually exclusive. Where the ratings cannot tell two of them apart
(identical columns), or several tie with nothing against them, the ranking says so rather than
naming a leader (:func:`verdict`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..frames import keyed, lookup
from ..workbook import Workbook
from .evidence import NO_EVIDENCE_FACTOR, Weights, evidence_weights, primary_accounts
from .views import current_statements, graded_statements, views

INCONSISTENCY = {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2}
RELEVANCE_WEIGHTS = {"low": 0.5, "medium": 1.0, "high": 1.5}
DEFAULT_RELEVANCE = "medium"
PAIR_BLOCK = 256  # items per block when all pairs are tried at once
ABSENCE_WEIGHT = NO_EVIDENCE_FACTOR  # evidence expected but absent counts as "no evidence" does
ABSENT = "absent: "  # the item id of an absent indicator: "absent: I05"
ITEM_COLUMNS = [
    "statement_id",
    "remark",
    "source_id",
    "source",
    "channel",
    "alignment",
    "interested",
    "grade",
]
RATING_COLUMNS = ["statement_id", "hypothesis_id", "rating", "relevance"]  # what the scores read
SENSITIVITY_COLUMNS = ["dropped", "what", "leader", "leader_changes", "margin", "margin_change"]


def absent_ratings(wb: Workbook) -> pd.DataFrame:
    """The rows of the matrix for evidence expected but absent: each indicator that would support a
    hypothesis and was expected by now without being seen, rated I under it (its absence is what
    one would not expect if the hypothesis were true) and N under the others."""
    ind = wb.indicators
    hypotheses = wb.hypotheses["hypothesis_id"].astype(str).tolist()
    absent = ind[
        (ind["status"] == "absent") & (ind["direction"] == "supports") & ind["bears_on"].isin(hypotheses)
    ]
    rows = [
        {
            "statement_id": ABSENT + str(row.indicator_id),
            "hypothesis_id": h,
            "rating": "I" if h == row.bears_on else "N",
            "relevance": "medium",
        }
        for row in absent.itertuples()
        for h in hypotheses
    ]
    return pd.DataFrame(rows, columns=RATING_COLUMNS)


def all_ratings(wb: Workbook) -> pd.DataFrame:
    """The curated ratings and the absent evidence's, as one table of text columns (built once per
    workbook: read it, never change it). The rationales stay in ``ach_ratings``: no score reads them."""
    return views(wb).memo("all_ratings", lambda: _all_ratings(wb))


def _rating_remarks(wb: Workbook) -> pd.Series:
    """The remark each row of :func:`all_ratings` rates (an absent item is a remark of its own)."""
    every = all_ratings(wb)
    remarks = graded_statements(wb).set_index("statement_id")["remark"]
    return lookup(every["statement_id"], remarks).fillna(every["statement_id"])


def _all_ratings(wb: Workbook) -> pd.DataFrame:
    curated = wb.ach_ratings[RATING_COLUMNS].astype({"rating": str, "relevance": str})
    curated["relevance"] = curated["relevance"].replace("nan", DEFAULT_RELEVANCE)
    return pd.concat([curated, absent_ratings(wb)], ignore_index=True)


def ach_matrix(wb: Workbook) -> pd.DataFrame:
    """Items x hypotheses of ratings (CC, C, N, I, II; empty if unrated): the statements in their
    order, then the evidence expected but absent."""
    ratings = all_ratings(wb)
    matrix = ratings.pivot(index="statement_id", columns="hypothesis_id", values="rating")
    matrix = (
        matrix.reindex(columns=list(wb.hypotheses["hypothesis_id"])).astype(object).fillna("").astype(str)
    )
    order = [s for s in wb.statements["statement_id"] if s in matrix.index]
    order += [s for s in matrix.index if str(s).startswith(ABSENT)]
    return matrix.loc[order]  # "" where a statement was not rated against a hypothesis


def evidence_items(
    wb: Workbook, statements: pd.DataFrame | None = None, weights: Weights | None = None
) -> pd.DataFrame:
    """The rated statements that count as items, one per remark, with their weight.

    ``statements`` are the ones to consider (by default the current ones); an item's weight is 0
    when its grades carry none or when interested parties are left out.
    """
    said = current_statements(wb) if statements is None else statements
    rated = said[said["statement_id"].isin(wb.ach_ratings["statement_id"])]
    weight = evidence_weights(rated, weights)
    items = primary_accounts(rated)
    out = items[ITEM_COLUMNS].copy()
    out["weight"] = weight[items["statement_id"]].to_numpy()
    absent = absent_ratings(wb)["statement_id"].drop_duplicates()
    missing = pd.DataFrame(
        {
            "statement_id": absent,
            "remark": absent,
            "source_id": "",
            "source": "expected, not seen",
            "channel": "evidence expected but absent",
            "alignment": "evidence expected but absent",
            "interested": False,
            "grade": "",
            "weight": ABSENCE_WEIGHT,
        }
    )
    return pd.concat([out, missing], ignore_index=True) if len(missing) else out.reset_index(drop=True)


def contributions(
    wb: Workbook, statements: pd.DataFrame | None = None, weights: Weights | None = None
) -> pd.DataFrame:
    """Items x hypotheses: each item's weighted inconsistency with each hypothesis (0 where unrated).

    ``INCONSISTENCY[rating] x weight x relevance``: the terms the inconsistency scores add up.
    """
    items = evidence_items(wb, statements, weights)
    hypotheses = list(wb.hypotheses["hypothesis_id"])
    # Every report of an item's remark that was rated speaks for it: the most inconsistent rating
    # per hypothesis counts, so that rating a copy differently can hide nothing.
    every = all_ratings(wb)
    remark_of = views(wb).memo("rating_remarks", lambda: _rating_remarks(wb))
    item_of = remark_of.map(pd.Series(items["statement_id"].to_numpy(), index=items["remark"].to_numpy()))
    ratings = every[item_of.notna().to_numpy()]
    item_of = item_of[item_of.notna()]
    against = ratings["rating"].map(INCONSISTENCY).astype("float64").fillna(0.0)
    relevance = ratings["relevance"].map(RELEVANCE_WEIGHTS).astype("float64")
    relevance = relevance.fillna(RELEVANCE_WEIGHTS[DEFAULT_RELEVANCE])
    weight = item_of.map(items.set_index("statement_id")["weight"]).astype("float64")
    terms = pd.DataFrame(
        {
            "statement_id": item_of.to_numpy(),
            "hypothesis_id": ratings["hypothesis_id"].to_numpy(),
            "term": (against * relevance * weight).to_numpy(),
        }
    )
    matrix = terms.pivot_table(index="statement_id", columns="hypothesis_id", values="term", aggfunc="max")
    return matrix.reindex(index=list(items["statement_id"]), columns=hypotheses).fillna(0.0).astype("float64")


def _ranking(wb: Workbook, totals: pd.Series, inconsistent: pd.Series) -> pd.DataFrame:
    out = wb.hypotheses.set_index("hypothesis_id")[["label"]].copy()
    out["weighted_inconsistency"] = totals.reindex(out.index).fillna(0.0).round(6)
    out["inconsistent"] = inconsistent.reindex(out.index).fillna(0).astype(int)
    out["rank"] = out["weighted_inconsistency"].rank(method="min").astype(int)
    return out.sort_values(["rank", "label"]).reset_index()


def inconsistency_scores(
    wb: Workbook,
    statements: pd.DataFrame | None = None,
    weights: Weights | None = None,
    drop: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Per hypothesis: weighted inconsistency, the number of items rated I or II, and the rank.

    Rank 1 is the least inconsistent hypothesis, Heuer's most likely; ``drop`` leaves items out.
    """
    terms = contributions(wb, statements, weights)
    terms = terms[~terms.index.isin(drop)]
    return _ranking(wb, terms.sum(axis=0), (terms > 0).sum(axis=0))


def diagnosticity(
    wb: Workbook, statements: pd.DataFrame | None = None, weights: Weights | None = None
) -> pd.DataFrame:
    """Per item: how much more it counts against one hypothesis than another, on the score's scale.

    The spread of an item's weighted inconsistency across hypotheses: an item that counts alike
    against every hypothesis (or against none) cannot help choose between them, however much of it
    there is.
    """
    terms = contributions(wb, statements, weights)
    matrix = ach_matrix(wb).reindex(terms.index).fillna("")
    out = pd.DataFrame(
        {
            "statement_id": terms.index.astype(str),
            "diagnosticity": (terms.max(axis=1) - terms.min(axis=1)).round(4).to_numpy(dtype="float64"),
            "ratings": [" ".join(r or "·" for r in row) for row in matrix.itertuples(index=False)],
        }
    )
    out["diagnostic"] = out["diagnosticity"] > 0
    return out.sort_values(["diagnosticity", "statement_id"], ascending=[False, True]).reset_index(drop=True)


def _leading(totals: np.ndarray) -> np.ndarray:
    """Which hypotheses lead (least inconsistent, ties within rounding), along the last axis."""
    best = totals.min(axis=-1, keepdims=True)
    return np.isclose(totals, best, rtol=0, atol=1e-9)


def _leader(totals: np.ndarray, hypotheses: list[str]) -> tuple[str, float]:
    """The least inconsistent hypothesis (or the tied ones, in the table's order, joined by " = ")
    and the margin to the next score."""
    lead = _leading(totals)
    ranked = np.sort(totals)
    margin = float(ranked[1] - ranked[0]) if len(totals) > 1 else float("nan")
    return " = ".join(h for h, first in zip(hypotheses, lead, strict=True) if first), round(margin, 6)


def sensitivity(
    wb: Workbook, statements: pd.DataFrame | None = None, weights: Weights | None = None
) -> pd.DataFrame:
    """How the ranking moves when evidence is taken away: each item, each source, each channel, each
    alignment, and each pair of items.

    Single items, sources, channels and alignments are all listed; pairs only where losing both
    changes the leader and neither alone does (there are many). ``leader_changes`` is true when
    another hypothesis would lead or share the lead; ``margin`` is the runner-up's score minus the
    leader's.
    """
    terms = contributions(wb, statements, weights)
    hypotheses = list(terms.columns)
    if len(hypotheses) < 2:
        return pd.DataFrame(columns=SENSITIVITY_COLUMNS)
    values = terms.to_numpy()
    total = values.sum(axis=0)
    base, base_margin = _leader(total, hypotheses)
    items = evidence_items(wb, statements, weights).set_index("statement_id").reindex(terms.index)
    rows = []

    def record(what: str, dropped: str, removed: np.ndarray) -> None:
        leader, margin = _leader(total - removed, hypotheses)
        rows.append((dropped, what, leader, leader != base, margin, round(margin - base_margin, 6)))

    for k, sid in enumerate(terms.index):
        record("item", sid, values[k])
    spoken = items[~items.index.astype(str).str.startswith(ABSENT)]  # absences are items, not speakers
    for what, column in (("source", "source"), ("channel", "channel"), ("alignment", "alignment")):
        for name, group in spoken.groupby(column, sort=True, observed=True).groups.items():
            record(what, str(name), values[terms.index.get_indexer(group)].sum(axis=0))
    singles = len(rows)
    for i, j in _pairs_that_change(values, total):
        leader, margin = _leader(total - values[i] - values[j], hypotheses)
        pair = f"{terms.index[i]} + {terms.index[j]}"
        rows.append((pair, "pair", leader, True, margin, round(margin - base_margin, 6)))
    out = pd.DataFrame(rows, columns=SENSITIVITY_COLUMNS)
    singles_part = out.iloc[:singles].sort_values(["margin_change", "dropped"], kind="stable")
    found = pd.concat([singles_part, out.iloc[singles:]], ignore_index=True)
    found.attrs["leader_score"] = round(float(total.min()), 6)  # 0: nothing counts against the leader
    return found


def _pairs_that_change(values: np.ndarray, total: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of items (i < j) whose joint loss changes the leading hypotheses, where neither item's
    loss alone does: all pairs at once, in blocks so that memory stays small."""
    base = _leading(total)
    alone = (_leading(total - values) != base).any(axis=-1)
    found: list[tuple[int, int]] = []
    n = len(values)
    for start in range(0, n, PAIR_BLOCK):
        rows = np.arange(start, min(n, start + PAIR_BLOCK))
        remaining = total - values[rows][:, None, :] - values[None, :, :]  # block x n x hypotheses
        changed = (_leading(remaining) != base).any(axis=-1)
        changed &= rows[:, None] < np.arange(n)[None, :]  # each pair once, never an item with itself
        changed &= ~alone[rows][:, None] & ~alone[None, :]
        found += [(int(rows[i]), int(j)) for i, j in zip(*np.nonzero(changed), strict=True)]
    return found


def dependence(
    wb: Workbook, statements: pd.DataFrame | None = None, weights: Weights | None = None
) -> pd.DataFrame:
    """Per hypothesis with evidence against it: the alignment (camp) that evidence rests on most,
    and its score without that alignment's items.

    Evidence against a hypothesis that comes from one camp alone is only as good as that camp.
    """
    terms = contributions(wb, statements, weights)
    columns = ["hypothesis_id", "label", "score", "alignment", "without"]
    if terms.empty:
        return pd.DataFrame(columns=columns)
    items = evidence_items(wb, statements, weights).set_index("statement_id").reindex(terms.index)
    by_camp = terms.groupby(items["alignment"].astype(str).to_numpy()).sum()
    labels = keyed(wb.hypotheses, "hypothesis_id")["label"]
    rows = []
    for hid in terms.columns:
        score = float(terms[hid].sum())
        if score <= 0:
            continue
        camp = str(by_camp[hid].idxmax())
        rows.append((hid, labels[hid], round(score, 6), camp, round(score - float(by_camp.at[camp, hid]), 6)))
    return pd.DataFrame(rows, columns=columns).sort_values("score", ascending=False, kind="stable")


def linchpins(sens: pd.DataFrame, what: str = "item") -> list[str]:
    """The evidence (items by default) whose loss alone changes the leader: the ranking's linchpins."""
    hit = sens[(sens["what"] == what) & sens["leader_changes"].astype(bool)]
    return hit["dropped"].tolist()


def discriminating_leaders(wb: Workbook) -> pd.DataFrame:
    """:func:`discriminating` for the two hypotheses ranked first; empty when there are fewer than two."""
    top = inconsistency_scores(wb)["hypothesis_id"].tolist()
    if len(top) < 2:
        return pd.DataFrame(columns=["statement_id", "source", "interested", "grade"])
    return discriminating(wb, top[0], top[1])


def discriminating(wb: Workbook, first: str, second: str) -> pd.DataFrame:
    """Items rated differently for two hypotheses: the evidence that tells them apart."""
    items = evidence_items(wb).set_index("statement_id")
    matrix = ach_matrix(wb).reindex(items.index).fillna("")
    differ = matrix[matrix[first] != matrix[second]][[first, second]]
    out = differ.join(items[["source", "interested", "grade"]])
    return out.reset_index()


@dataclass(frozen=True)
class Verdict:
    """Whether the ACH can rank the hypotheses, and if not, why not."""

    leaders: tuple[str, ...]  # hypothesis ids with the least evidence against them
    ranks: bool  # one hypothesis leads
    alike: tuple[tuple[str, str], ...]  # pairs the ratings cannot tell apart (identical columns)
    nothing_against: bool  # the leaders have no weighed evidence against them at all
    weightless_against: int = 0  # ratings I or II against the leaders on items that weigh nothing


def alike_pairs(wb: Workbook) -> list[tuple[str, str]]:
    """Pairs of hypotheses whose ratings are the same on every item rated under both: the evidence
    as rated cannot tell them apart, however the scores fall."""
    matrix = ach_matrix(wb)
    hypotheses = list(matrix.columns)
    out = []
    for i, first in enumerate(hypotheses):
        for second in hypotheses[i + 1 :]:
            both = (matrix[first] != "") & (matrix[second] != "")
            if both.any() and (matrix.loc[both, first] == matrix.loc[both, second]).all():
                out.append((first, second))
    return out


def verdict(wb: Workbook, scores: pd.DataFrame | None = None) -> Verdict:
    """What the ranking says: a leader, or a tie, with the pairs that no rating tells apart."""
    scores = inconsistency_scores(wb) if scores is None else scores
    first = scores[scores["rank"] == 1]
    leaders = tuple(first["hypothesis_id"].astype(str))
    ratings = all_ratings(wb)
    items = evidence_items(wb)
    weightless = set(items.loc[items["weight"] <= 0, "statement_id"].astype(str))
    against = ratings[
        ratings["hypothesis_id"].isin(leaders)
        & ratings["rating"].isin(["I", "II"])
        & ratings["statement_id"].astype(str).isin(weightless)
    ]
    return Verdict(
        leaders=leaders,
        ranks=len(leaders) == 1,
        alike=tuple(alike_pairs(wb)),
        nothing_against=bool(len(first)) and bool((first["weighted_inconsistency"] == 0).all()),
        weightless_against=len(against),
    )
