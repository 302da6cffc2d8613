"""Troop-number claims: which count the same thing, how they change, and whether two can both be true.

Each claim admits an interval of numbers (its bound: exact, about, at least, up to, a range; a
round figure with no bound reads as "about") at an interval of dates (its ``as_of`` and how exact
that is). Forecasts and plans (modality ``forecast`` or ``intended``) are numbers for a later date:
they are drawn apart and never compared as counts. A remark reported in several readings ("10,000"
and "up to 10,000") is compared in its widest reading, unless the curator marked one authoritative.

Two counts bear on each other when one place equals or contains the other (the gazetteer) and one
measure is the other or implies it (troops preparing for combat are present; troops present were
sent). A claimant's (channel's) successive counts of one thing are a series of revisions, never set
against each other. Between different claimants, two counts "cannot both be true" only when no
course of events consistent with both their intervals, their dates and what their measure allows
fits (counts of troops sent, killed or captured only grow; troops present can come and go);
otherwise, where the numbers differ, the pair says how much change in how many days it would take.

The comparison runs on arrays, block by block, so thousands of claims cost seconds, and it keeps the
most telling pairs (``MAX_PAIRS``), counting the rest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..schema.vocabulary import MEASURES
from ..workbook import Workbook
from .views import claims_table

__all__ = [
    "ABOUT",
    "AHEAD",
    "CUMULATIVE",
    "Gazetteer",
    "claims_table",
    "comparable_pairs",
    "compare_claims",
    "counts",
    "headline_pair",
    "implies",
    "interval",
    "placed",
    "range_supported",
    "readings",
    "revisions",
    "spread",
    "spread_table",
]

UNSTATED_PLACE = "(place not stated)"
ABOUT = 0.25  # "about 1,000" admits 750 to 1,250: a quarter either way
APPROXIMATE_DAYS = 3  # an approximate as-of date is taken as within three days either way
ON_OR_BEFORE_DAYS = 7  # "on or before" a date: taken as the week up to it
AHEAD = ("forecast", "intended")  # numbers for a later date, never compared as counts
BROADER = {str(m.value): m.broader for m in MEASURES if m.broader}
CUMULATIVE = frozenset(str(m.value) for m in MEASURES if m.cumulative)
RELATIONS = ("revision", "comparable", "over time", "nested measure", "different scope")
MAX_PAIRS = 500  # pairs kept for the tables and sentences; the rest are counted per relation
BLOCK = 512  # claims per block of the pairwise comparison
PAIR_COLUMNS = [
    "smaller", "larger", "smaller_count", "larger_count", "ratio", "relation", "comparable", "differs_on",
    "days_apart", "both_true", "change", "within_days", "same_claimant", "unconfirmed",
]  # fmt: skip


@dataclass(frozen=True)
class Gazetteer:
    """Which place lies in which, from the ``places`` table (a place not listed lies in none)."""

    parents: dict[str, str]
    names: dict[str, str]

    @classmethod
    def of(cls, wb: Workbook) -> Gazetteer:
        places = wb.places
        known = places[places["parent"].notna()]
        return cls(
            dict(zip(known["place_id"], known["parent"], strict=True)),
            dict(zip(places["place_id"], places["name"], strict=True)),
        )

    def ancestors(self, place: str) -> list[str]:
        """The places that contain ``place``, nearest first (a loop in the table stops the walk)."""
        out: list[str] = []
        while (place := self.parents.get(place, "")) and place not in out:
            out.append(place)
        return out

    def contains(self, outer: str, inner: str) -> bool:
        """Whether ``outer`` is ``inner`` or lies around it."""
        return outer == inner or outer in self.ancestors(inner)

    def name(self, place: object) -> str:
        """The place's name, or its id when the gazetteer does not list it; a count that names no
        place is in "an unstated place"."""
        if not isinstance(place, str) or not place:
            return UNSTATED_PLACE
        return self.names.get(place, place)


def implies(narrow: str, broad: str) -> bool:
    """Whether a count of the ``narrow`` measure is also a count of the ``broad`` one."""
    seen = narrow
    while seen in BROADER:
        seen = BROADER[seen]
        if seen == broad:
            return True
    return False


def interval(claim: pd.Series | object) -> tuple[float, float]:
    """The numbers a claim admits, from its bound: ``(low, high)``, ``high`` infinite for "at least"."""
    get = claim.__getitem__ if isinstance(claim, pd.Series) else lambda k: getattr(claim, k)
    count, bound = float(get("count")), str(get("bound"))
    low, high = get("count_low"), get("count_high")
    if bound == "about":
        return count * (1 - ABOUT), count * (1 + ABOUT)
    if bound == "at least":
        return (float(low) if pd.notna(low) else count), math.inf
    if bound == "up to":
        return 0.0, (float(high) if pd.notna(high) else count)
    if bound == "range":
        return (float(low) if pd.notna(low) else count), (float(high) if pd.notna(high) else count)
    return count, count


def _intervals(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """:func:`interval` for every claim at once."""
    count = table["count"].to_numpy(dtype="float64")
    bound = table["bound"].astype(str).to_numpy()
    low = table["count_low"].astype("Float64").fillna(np.nan).to_numpy(dtype="float64")
    high = table["count_high"].astype("Float64").fillna(np.nan).to_numpy(dtype="float64")
    lo = np.where(np.isnan(low), count, low)
    hi = np.where(np.isnan(high), count, high)
    lows = np.select(
        [bound == "about", bound == "at least", bound == "up to", bound == "range"],
        [count * (1 - ABOUT), lo, np.zeros_like(count), lo],
        count,
    )
    highs = np.select(
        [bound == "about", bound == "at least", bound == "up to", bound == "range"],
        [count * (1 + ABOUT), np.full_like(count, np.inf), hi, hi],
        count,
    )
    return lows, highs


def _spans(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The days each claim may describe: from its earliest to its latest possible as-of (day numbers)."""
    day = table["as_of"].to_numpy(dtype="datetime64[D]").astype("int64")
    precision = table["as_of_precision"].astype(str).to_numpy()
    early = np.where(
        precision == "on or before",
        day - ON_OR_BEFORE_DAYS,
        np.where(precision == "approximate", day - APPROXIMATE_DAYS, day),
    )
    late = np.where(precision == "approximate", day + APPROXIMATE_DAYS, day)
    return early, late


def readings(table: pd.DataFrame) -> pd.DataFrame:
    """One row per remark, measure and place: the reading to compare.

    A remark reported in several readings is compared in the one the curator marked authoritative,
    else in its widest: the lowest low and the highest high of its readings, then a range.
    """
    if table.empty or "remark" not in table:
        return table
    # A count that names no place is grouped under "" (pandas drops a missing key from a group).
    table = table.assign(place=table["place"].astype(object).where(table["place"].notna(), ""))
    table = table.assign(part=_part(table))
    key = ["remark", "measure", "place", "part"]
    chosen = table.sort_values(["authoritative", "claim_id"], ascending=[False, True], kind="stable")
    first = chosen.drop_duplicates(key).set_index(key)
    lows, highs = _intervals(table)
    spread = (
        table.assign(_low=lows, _high=highs)
        .groupby(key, observed=True)
        .agg(
            _low=("_low", "min"),
            _high=("_high", "max"),
            _n=("claim_id", "size"),
            _auth=("authoritative", "any"),
        )
    )
    out = first.join(spread).reset_index()
    widened = (out["_n"] > 1) & ~out["_auth"]
    # Several readings and none authoritative: the widest, as a range (an open end stays open).
    out.loc[widened, "count_low"] = out.loc[widened, "_low"].round().astype("int64")
    out.loc[widened, "count_high"] = out.loc[widened, "_high"].replace(np.inf, np.nan).round().astype("Int64")
    out.loc[widened, "bound"] = np.where(np.isinf(out.loc[widened, "_high"]), "at least", "range")
    out["readings"] = out["_n"]
    return out.drop(columns=["_low", "_high", "_n", "_auth"])[[*table.columns, "readings"]]


def counts(table: pd.DataFrame) -> pd.DataFrame:
    """The claims that are counts (not forecasts or plans), in their compared readings."""
    return readings(table[~table["modality"].isin(AHEAD).to_numpy(dtype=bool)])


def placed(table: pd.DataFrame) -> pd.DataFrame:
    """The claims that name a place: a count whose document names none is compared with nothing."""
    return table[(table["place"].fillna("").astype(str) != "").to_numpy(dtype=bool)]


def _part(table: pd.DataFrame) -> pd.Series:
    """The part of the force each claim counts, "" for the whole (older tables have no column)."""
    if "part" not in table:
        return pd.Series("", index=table.index)
    return table["part"].astype(object).where(table["part"].notna(), "").astype(str)


def _claimant(table: pd.DataFrame) -> pd.Series:
    """Who may revise a claim: its curated channel, or its speaker where the channel is a default."""
    return table["revises_as"] if "revises_as" in table else table["channel"]


def _containment(places: Gazetteer, ids: list[str]) -> np.ndarray:
    """``out[i, j]``: place ``ids[i]`` is or contains ``ids[j]``."""
    return np.array([[places.contains(a, b) for b in ids] for a in ids], dtype=bool)


def _measure_implication(ids: list[str]) -> np.ndarray:
    """``out[i, j]``: measure ``ids[j]`` implies ``ids[i]`` (a count of j is a count of i too)."""
    return np.array([[implies(b, a) for b in ids] for a in ids], dtype=bool)


def compare_claims(claims: pd.DataFrame, places: Gazetteer | None = None) -> pd.DataFrame:
    """The pairs of counts that bear on each other: how they relate, their ratio, whether both can
    be true, and the least change in the most days that would reconcile them.

    ``relation`` is ``revision`` (one claimant's successive counts of one thing), ``comparable``
    (one thing, dates that may be the same), ``over time``, ``nested measure`` (one measure implies
    the other) or ``different scope``; ``both_true`` says whether any course of events fits both.
    Pairs of unrelated places are not listed. Keeps the ``MAX_PAIRS`` most telling pairs (those that
    cannot both be true, then between claimants by ratio); ``attrs["totals"]`` counts every pair by
    relation.
    """
    places = places or Gazetteer({}, {})
    table = placed(counts(claims)).reset_index(drop=True)
    n = len(table)
    if n < 2:
        return _pairs_frame([], {})
    place_ids = sorted(set(table["place"].astype(str)))
    measure_ids = sorted(set(table["measure"].astype(str)))
    contains = _containment(places, place_ids)
    wider = _measure_implication(measure_ids)
    place = pd.Index(place_ids).get_indexer(table["place"].astype(str))
    measure = pd.Index(measure_ids).get_indexer(table["measure"].astype(str))
    cumulative = np.array([m in CUMULATIVE for m in measure_ids])[measure]
    channel = pd.factorize(_claimant(table).astype(str))[0]
    remark = pd.factorize(table["remark"].astype(str))[0]
    part = pd.factorize(_part(table))[0]
    unconfirmed = (
        table["unconfirmed"].map(bool).to_numpy(dtype=bool)
        if "unconfirmed" in table
        else np.zeros(n, dtype=bool)
    )
    low, high = _intervals(table)
    early, late = _spans(table)
    number = table["count"].to_numpy(dtype="float64")
    ids = table["claim_id"].astype(str).to_numpy()
    kept: list[dict] = []
    totals = dict.fromkeys(RELATIONS, 0)
    for start in range(0, n, BLOCK):
        i = np.arange(start, min(n, start + BLOCK))[:, None]
        j = np.arange(n)[None, :]
        upper = (j > i) & (remark[i] != remark[j])  # each pair once; a remark is never set against itself
        a_in_b, b_in_a = contains[place[j], place[i]], contains[place[i], place[j]]
        nested = a_in_b | b_in_a
        same = measure[i] == measure[j]
        implied = wider[measure[i], measure[j]] | wider[measure[j], measure[i]]
        related = upper & nested & (same | implied) & (part[i] == part[j])  # a part only with that part
        if not related.any():
            continue
        ii, jj = np.nonzero(related)
        ii = ii + start
        pair = _judge(ii, jj, low, high, early, late, cumulative, measure, wider, contains, place, channel)
        for relation in RELATIONS:
            totals[relation] += int((pair["relation"] == relation).sum())
        pair["unconfirmed"] = unconfirmed[ii] | unconfirmed[jj]
        kept += _rows(pair, ii, jj, ids, number)
        if len(kept) > 4 * MAX_PAIRS:
            kept = _most_telling(kept)[:MAX_PAIRS]
    return _pairs_frame(_most_telling(kept)[:MAX_PAIRS], totals)


def _judge(
    ii: np.ndarray, jj: np.ndarray, low: np.ndarray, high: np.ndarray, early: np.ndarray, late: np.ndarray,
    cumulative: np.ndarray, measure: np.ndarray, wider: np.ndarray, contains: np.ndarray, place: np.ndarray,
    channel: np.ndarray,
) -> dict[str, np.ndarray]:  # fmt: skip
    """Relation, feasibility and least change for the pairs (ii[k], jj[k])."""
    same_measure = measure[ii] == measure[jj]
    same_channel = channel[ii] == channel[jj]
    overlap_days = (early[ii] <= late[jj]) & (early[jj] <= late[ii])
    relation = np.where(
        ~same_measure,
        "nested measure",
        np.where(same_channel, "revision", np.where(overlap_days, "comparable", "over time")),
    )
    # Orient each pair as (outer, inner): the broader measure, or the place that contains the other.
    i_outer = np.where(same_measure, contains[place[ii], place[jj]], wider[measure[ii], measure[jj]])
    o, k = np.where(i_outer, ii, jj), np.where(i_outer, jj, ii)
    outer_holds = contains[place[o], place[k]]  # the outer count covers the inner's place
    values_meet = (low[ii] <= high[jj]) & (low[jj] <= high[ii])
    one_moment = (early[ii] == late[ii]) & (early[jj] == late[jj]) & (early[ii] == early[jj])
    # Cumulative outer: a count by then is at least the inner count at any earlier time.
    grows = cumulative[o]
    forced_after = early[o] >= late[k]  # the outer count is dated no earlier than the inner
    same_place_measure = same_measure & (place[ii] == place[jj])
    cumulative_same = grows & same_place_measure
    # Same place, one cumulative measure: the earlier cannot exceed the later.
    feasible_cumulative = ((low[ii] <= high[jj]) & (early[ii] <= late[jj])) | (
        (low[jj] <= high[ii]) & (early[jj] <= late[ii])
    )
    ruled_out = np.where(
        cumulative_same,
        ~feasible_cumulative,
        np.where(
            grows,
            outer_holds & forced_after & (high[o] < low[k]),
            np.where(
                same_place_measure, one_moment & ~values_meet, outer_holds & one_moment & (high[o] < low[k])
            ),
        ),
    )
    ruled_out &= ~same_channel  # a claimant's own later number revises its earlier one, whatever it counts
    change = np.maximum(np.maximum(low[jj] - high[ii], low[ii] - high[jj]), 0.0)
    # A broader count bounds a narrower one only where its place covers the narrower's: troops sent to
    # the Far East say nothing of how many are present in all of Russia.
    change = np.where(
        same_place_measure, change, np.where(outer_holds, np.maximum(low[k] - high[o], 0.0), 0.0)
    )
    within = np.maximum(late[jj] - early[ii], late[ii] - early[jj])
    return {
        "relation": relation,
        "both_true": ~ruled_out,
        "change": np.where(np.isfinite(change), change, 0.0),
        "within": within,
        "same_channel": same_channel,
    }


def _rows(
    pair: dict[str, np.ndarray], ii: np.ndarray, jj: np.ndarray, ids: np.ndarray, number: np.ndarray
) -> list[dict]:
    swap = (number[ii] > number[jj]) | ((number[ii] == number[jj]) & (ids[ii] > ids[jj]))
    small, big = np.where(swap, jj, ii), np.where(swap, ii, jj)
    rows = []
    for k in range(len(ii)):
        relation = str(pair["relation"][k])
        rows.append(
            {
                "smaller": ids[small[k]],
                "larger": ids[big[k]],
                "smaller_count": int(number[small[k]]),
                "larger_count": int(number[big[k]]),
                "ratio": float(number[big[k]] / number[small[k]]),
                "relation": relation,
                "comparable": relation == "comparable",
                "differs_on": {"over time": "as_of", "nested measure": "measure"}.get(relation, "nothing"),
                "days_apart": int(pair["within"][k]),
                "both_true": bool(pair["both_true"][k]),
                "change": float(pair["change"][k]),
                "within_days": int(pair["within"][k]),
                "same_claimant": bool(pair["same_channel"][k]),
                "unconfirmed": bool(pair["unconfirmed"][k]),
            }
        )
    return rows


def _most_telling(rows: list[dict]) -> list[dict]:
    """Pairs that cannot both be true first, then between claimants the ones that need the most
    change, then the widest ratios; revisions last."""
    order = {relation: k for k, relation in enumerate(RELATIONS)}
    return sorted(
        rows,
        key=lambda r: (
            r["both_true"],
            r["same_claimant"],
            -r["change"],
            -r["ratio"],
            order[r["relation"]],
            r["larger"],
        ),
    )


def _pairs_frame(rows: list[dict], totals: dict[str, int]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    out = out.astype(
        {"comparable": bool, "both_true": bool, "ratio": float, "days_apart": int, "change": float,
         "within_days": int, "same_claimant": bool, "unconfirmed": bool}
    )  # fmt: skip
    out.attrs["totals"] = {**dict.fromkeys(RELATIONS, 0), **totals}
    return out


def comparable_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairs of different claimants that count one thing at dates that may be the same."""
    return pairs[pairs["comparable"]].sort_values(["ratio", "larger"], ascending=[False, True])


def headline_pair(pairs: pd.DataFrame, revised: frozenset[str] = frozenset()) -> pd.Series | None:
    """The pair to lead with: two claimants' counts that cannot both be true (the widest gap), else
    the pair between claimants that needs the most change to hold together; never a revision, and
    never a count its own claimant has since ``revised`` (claim ids): the story has moved past it."""
    current = ~(pairs["smaller"].isin(revised) | pairs["larger"].isin(revised))
    between = pairs[~pairs["same_claimant"] & current]
    conflicts = between[~between["both_true"]]
    if not conflicts.empty:  # a contradiction on curated values first: one resting on a guess is none
        return conflicts.sort_values(["unconfirmed", "ratio", "larger"], ascending=[True, False, True]).iloc[
            0
        ]
    strained = between[(between["change"] > 0) & (between["relation"] != "different scope")]
    if strained.empty:
        return None
    return strained.sort_values(["change", "ratio", "larger"], ascending=[False, False, True]).iloc[0]


# A revision's two numbers, each as the fields that say it (count, bound, ends, part of the force).
NUMBER_FIELDS = {
    side: [f"{side}_{name}" for name in ("count", "bound", "count_low", "count_high", "part")]
    for side in ("from", "to")
}


def _number_fields(side: str, claim: Mapping[str, Any]) -> dict[str, Any]:
    part = claim.get("part")
    return {
        f"{side}_count": claim["count"],
        f"{side}_bound": claim["bound"],
        f"{side}_count_low": claim["count_low"],
        f"{side}_count_high": claim["count_high"],
        f"{side}_part": part if isinstance(part, str) else "",
    }


def revisions(claims: pd.DataFrame, places: Gazetteer | None = None) -> pd.DataFrame:
    """Each claimant's (channel's) successive counts of one thing, in date order: the revisions, one
    row each. One thing is one measure of one place, or of places one of which contains the other
    (as :func:`compare_claims` relates them); each count is set after the latest earlier count of its
    channel and measure whose place it is nested with. ``from_source`` and ``source`` are who gave
    the earlier and the later count: one channel may speak through several sources."""
    places = places or Gazetteer({}, {})
    table = placed(counts(claims)).sort_values(["as_of", "claim_id"], kind="stable")
    table = table.assign(_claimant=_claimant(table).astype(str), _part=_part(table))
    rows = []
    for (channel, measure, _), group in table.groupby(
        ["_claimant", "measure", "_part"], sort=False, observed=True
    ):
        series = list(group.drop_duplicates("remark").itertuples())
        spots = set(group["place"].astype(str))
        # Usually every place of a series lies in every other's (one country, its regions): then each
        # count follows the one before it, and no pair need be looked at.
        nested = all(places.contains(a, b) or places.contains(b, a) for a in spots for b in spots)
        for k, after in enumerate(series):
            before = (
                (series[k - 1] if k else None)
                if nested
                else next(
                    (
                        c
                        for c in reversed(series[:k])
                        if places.contains(c.place, after.place) or places.contains(after.place, c.place)
                    ),
                    None,
                )
            )
            # A new number on a later day; two numbers of one day are two readings, not a revision.
            if (
                before is None
                or after.as_of <= before.as_of
                or (before.count, before.bound) == (after.count, after.bound)
            ):
                continue
            rows.append(
                {
                    "from_source": before.source,  # a channel's sources may differ: both are named
                    "source": after.source,
                    "channel": channel,
                    "measure": measure,
                    "place": after.place,
                    "from_claim": before.claim_id,
                    **_number_fields("from", before._asdict()),
                    "from_place": before.place,
                    "from_as_of": before.as_of,
                    "to_claim": after.claim_id,
                    **_number_fields("to", after._asdict()),
                    "to_as_of": after.as_of,
                    "direction": "up"
                    if after.count > before.count
                    else "down"
                    if after.count < before.count
                    else "restated",
                }
            )
    columns = [
        "from_source", "source", "channel", "measure", "place", "from_claim", *NUMBER_FIELDS["from"],
        "from_place", "from_as_of", "to_claim", *NUMBER_FIELDS["to"], "to_as_of", "direction",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"from_as_of": "datetime64[ns]", "to_as_of": "datetime64[ns]"})  # typed when empty


def spread(claims: pd.DataFrame) -> dict[str, float] | None:
    """Smallest and largest count, their ratio and the orders of magnitude between them; None if no claims.

    Meaningful only among claims of one measure: see :func:`spread_table`.
    """
    if claims.empty:
        return None
    # An open end (a widened "at least") has no high of its own: its count stands for it.
    count = claims["count"].astype("Float64")
    low = float(claims["count_low"].astype("Float64").fillna(count).min())
    high = float(claims["count_high"].astype("Float64").fillna(count).max())
    low = low if low > 0 else float(claims["count"].min())
    ratio = high / low
    return {"min": low, "max": high, "ratio": ratio, "orders_of_magnitude": math.log10(ratio)}


def spread_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Per measure and part of the force ("" for the whole): how many counts (forecasts and plans
    apart), the smallest and largest number, and their ratio."""
    rows = []
    table = counts(claims)
    table = table.assign(_part=_part(table))
    for (measure, part), group in table.groupby(["measure", "_part"], sort=False, observed=True):
        found = spread(group)
        if found:  # a part of the force is its own row: never one range with the whole
            rows.append({"measure": measure, "part": part, "claims": len(group), **found})
    columns = ["measure", "part", "claims", "min", "max", "ratio", "orders_of_magnitude"]
    return pd.DataFrame(rows, columns=columns)


def range_supported(claims: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Per measure, the lowest and highest count the given counts support (forecasts and plans
    apart; empty without claims)."""
    table = counts(claims)
    low = table["count_low"].astype("Float64").fillna(table["count"].astype("Float64"))
    high = table["count_high"].astype("Float64").fillna(table["count"].astype("Float64"))
    return {
        str(measure): (float(low[group.index].min()), float(high[group.index].max()))
        for measure, group in table.groupby("measure", sort=False, observed=True)
    }
