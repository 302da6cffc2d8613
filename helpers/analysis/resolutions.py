"""When the story resolves: who was right, and how early.

A resolution (``resolutions.csv``) records what settled a proposition (it proved true or false) or a
count (the settled range of a measure, place and part, as of a date), by which statement and when.
From it the workbook scores the analyst's earlier judgements on the proposition (the Brier score of
each ICD 203 term, read at its band's midpoint) and gives each source a track record: the claims it
made before the resolution that held or failed, how early, and how far its counts lay from the
settled range. Time-aware: a count is set against a settled count only where their dates allow (a
count of troops sent in October is not wrong because December's total is larger). Evidence for the
analyst beside the Admiralty grades, never a regrade; nothing here changes a balance.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..frames import keyed
from ..schema.vocabulary import LIKELIHOOD
from ..workbook import Workbook
from .judgements import all_judgements
from .troop_counts import CUMULATIVE, ON_OR_BEFORE_DAYS, Gazetteer, claims_table, counts, interval
from .views import graded_statements, views

MIDPOINT = {str(t.value): (t.low + t.high) / 2 for t in LIKELIHOOD}  # ICD 203 band midpoints
HOLDS = {"affirms": True, "denies": False}  # the stances a settled proposition scores


def settled_propositions(wb: Workbook) -> pd.DataFrame:
    """The resolutions that settle a proposition, each with its text, outcome, date and statement."""
    found = wb.resolutions[wb.resolutions["proposition_id"].notna()].copy()
    text = keyed(wb.propositions, "proposition_id")["text"]
    found["proposition"] = found["proposition_id"].map(text)
    found["outcome"] = found["outcome"].astype(bool)
    return found.sort_values(["resolved_on", "resolution_id"]).reset_index(drop=True)


def settled_counts(wb: Workbook) -> pd.DataFrame:
    """The resolutions that settle a count, each with its measure, place, part and range."""
    found = wb.resolutions[wb.resolutions["measure"].notna()].copy()
    return found.sort_values(["resolved_on", "resolution_id"]).reset_index(drop=True)


def scored_judgements(wb: Workbook) -> pd.DataFrame:
    """Every judgement made before its proposition was settled, with its Brier score (the band's
    midpoint against the outcome: 0 perfect, 1 the worst), whether it leaned the right way, and the
    days between it and the resolution."""
    return views(wb).memo("scored_judgements", lambda: _scored(wb))


def _scored(wb: Workbook) -> pd.DataFrame:
    columns = [
        "judgement_id", "proposition_id", "as_of", "likelihood", "confidence", "p", "outcome", "brier",
        "right", "days_ahead", "resolved_on", "resolution_id",
    ]  # fmt: skip
    settled = settled_propositions(wb)
    rows = []
    for j in all_judgements(wb):
        for r in settled[settled["proposition_id"] == j.proposition_id].itertuples():
            if j.as_of >= r.resolved_on:
                continue  # judged once it was settled: nothing to score
            p = MIDPOINT[j.likelihood]
            outcome = 1.0 if r.outcome else 0.0
            rows.append(
                {
                    "judgement_id": j.judgement_id,
                    "proposition_id": j.proposition_id,
                    "as_of": j.as_of,
                    "likelihood": j.likelihood,
                    "confidence": j.confidence,
                    "p": p,
                    "outcome": bool(r.outcome),
                    "brier": round((p - outcome) ** 2, 4),
                    "right": (p > 0.5) == bool(r.outcome) and p != 0.5,
                    "days_ahead": int((r.resolved_on - j.as_of).days),
                    "resolved_on": r.resolved_on,
                    "resolution_id": r.resolution_id,
                }
            )
    return pd.DataFrame(rows, columns=columns).sort_values(["proposition_id", "as_of"]).reset_index(drop=True)


def _statement_record(wb: Workbook) -> pd.DataFrame:
    """Each statement said before its proposition (or a narrower one's broader) was settled, scored:
    held when it affirmed what proved true or denied what proved false."""
    settled = settled_propositions(wb)
    graded = graded_statements(wb)
    if settled.empty:
        return pd.DataFrame(columns=["source_id", "statement_id", "held", "days_ahead"])
    said = graded.merge(
        settled[["proposition_id", "outcome", "resolved_on"]], on="proposition_id", how="inner"
    )
    said = said[said["stance"].astype(str).isin(HOLDS) & (said["said_on"] < said["resolved_on"]).to_numpy()]
    said = said.sort_values("report_order", kind="stable").drop_duplicates(["remark", "proposition_id"])
    held = said["stance"].astype(str).map(HOLDS) == said["outcome"].astype(bool)
    return pd.DataFrame(
        {
            "source_id": said["source_id"].astype(str),
            "statement_id": said["statement_id"].astype(str),
            "held": held.to_numpy(dtype=bool),
            "days_ahead": (said["resolved_on"] - said["said_on"]).dt.days.to_numpy(),
        }
    )


def _count_record(wb: Workbook) -> pd.DataFrame:
    """Each count said before a settled count of its measure, place and part, where their dates allow
    a comparison: how far it lay outside the settled range, as a share of the range's edge."""
    settled = settled_counts(wb)
    columns = ["source_id", "claim_id", "held", "distance", "days_ahead"]
    if settled.empty:
        return pd.DataFrame(columns=columns)
    places = Gazetteer.of(wb)
    table = counts(claims_table(wb))
    rows = [
        row
        for r in settled.itertuples()
        for c in table.itertuples()
        if _comparable(c, r, places) and (row := _scored_count(c, r)) is not None
    ]
    return pd.DataFrame(rows, columns=columns)


def _part_of(row: Any) -> str:
    """The part of the force a claim or resolution counts; "" for the whole (or no such column)."""
    part = getattr(row, "part", None)
    return part if isinstance(part, str) else ""


def _comparable(claim: Any, settled: Any, places: Gazetteer) -> bool:
    """Whether the count ``claim`` may be set against the settled count ``settled``: the same measure
    and part, a place inside (or the same as) the settled one, said before it was settled."""
    return not (
        str(claim.measure) != settled.measure
        or _part_of(claim) != _part_of(settled)
        or not isinstance(claim.place, str)
        or not claim.place
        or (
            isinstance(settled.place, str)
            and not places.contains(settled.place, claim.place)
            and settled.place != claim.place
        )
        or pd.isna(claim.said_on)
        or claim.said_on >= settled.resolved_on
    )


def _settled_range(settled: Any) -> tuple[float, float]:
    """The settled count's range: no low is nought, no high is unbounded."""
    low = float(settled.count_low) if pd.notna(settled.count_low) else 0.0
    high = float(settled.count_high) if pd.notna(settled.count_high) else np.inf
    return low, high


def _verdict(
    claimed: tuple[float, float], settled: tuple[float, float], days: int, measure: str
) -> tuple[bool, float] | None:
    """Whether the ``claimed`` range was wrong against the ``settled`` range, and by how much, for a
    count ``days`` before the settled one's date (negative: after); None when the dates are too far
    apart to test it (below a later total is untested, not right)."""
    (c_low, c_high), (low, high) = claimed, settled
    if abs(days) <= ON_OR_BEFORE_DAYS:
        return c_high < low or c_low > high, max(low - c_high, c_low - high, 0.0)
    if days > 0 and measure in CUMULATIVE and c_low > high:
        return True, c_low - high  # an earlier count of what only grows overshot the total
    if days < 0 and measure in CUMULATIVE and c_high < low:
        return True, low - c_high  # a later count fell short of what had already been
    return None


def _scored_count(claim: Any, settled: Any) -> dict[str, Any] | None:
    """The record of the count ``claim`` against the comparable ``settled`` count: held or not, its
    distance from the range as a share of the range's nearer edge, and how early it was said; None
    when their dates are too far apart to test it."""
    low, high = _settled_range(settled)
    when = settled.as_of if pd.notna(settled.as_of) else settled.resolved_on
    c_low, c_high = interval(claim)
    found = _verdict((c_low, c_high), (low, high), (when - claim.as_of).days, str(claim.measure))
    if found is None:
        return None
    wrong, gap = found
    edge = low if gap and c_high < low else high
    return {
        "source_id": str(claim.source_id),
        "claim_id": str(claim.claim_id),
        "held": not wrong,
        "distance": round(gap / edge, 3) if edge and np.isfinite(edge) else 0.0,
        "days_ahead": int((settled.resolved_on - claim.said_on).days),
    }


def track_records(wb: Workbook) -> pd.DataFrame:
    """Per source with settled claims: its Admiralty reliability, how many of its statements and counts
    held and failed, how early its first that held came, and its counts' largest distance from a
    settled range. Evidence beside the grade, never a regrade."""
    return views(wb).memo("track_records", lambda: _track(wb))


def _track(wb: Workbook) -> pd.DataFrame:
    columns = [
        "source_id", "source", "reliability", "settled", "held", "failed", "earliest_held_days",
        "largest_count_distance",
    ]  # fmt: skip
    said, counted = _statement_record(wb), _count_record(wb)
    both = pd.concat(
        [said.assign(distance=np.nan), counted.drop(columns=["claim_id"]).assign(statement_id="")],
        ignore_index=True,
    )
    if both.empty:
        return pd.DataFrame(columns=columns)
    sources = keyed(wb.sources, "source_id")
    rows = []
    for source_id, group in both.groupby("source_id", sort=True):
        held = group[group["held"].astype(bool)]
        distances = group["distance"].dropna()
        rows.append(
            {
                "source_id": source_id,
                "source": str(sources.at[source_id, "label"]),
                "reliability": str(sources.at[source_id, "reliability"]),
                "settled": len(group),
                "held": len(held),
                "failed": len(group) - len(held),
                "earliest_held_days": int(held["days_ahead"].max()) if len(held) else None,
                "largest_count_distance": float(distances.max()) if len(distances) else None,
            }
        )
    return pd.DataFrame(rows, columns=columns).sort_values(["failed", "held"], ascending=[True, False])


__all__ = [
    "MIDPOINT", "scored_judgements", "settled_counts", "settled_propositions", "track_records",
]  # fmt: skip
