"""Troop-number claims: which count the same thing, by how much they differ, and whether both can be true.

Two claims compare directly only when they count the same thing (the measure: sent to, present in,
killed...), about places of which one equals or contains the other (the gazetteer, ``places``),
as of dates within a window. Otherwise a pair is a change over time (same measure and place,
dates apart) or a different scope, and is described as such, never as a discrepancy.

Each claim's bound gives the interval of numbers it admits: exact, about (within ``ABOUT`` of the
number), at least, up to, or a range. Two claims can both be true when their intervals allow it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from ..schema.vocabulary import MEASURES
from ..workbook import Workbook
from .views import claims_table

__all__ = [
    "ABOUT",
    "CUMULATIVE",
    "WINDOW_DAYS",
    "Gazetteer",
    "claims_table",
    "comparable_pairs",
    "compare_claims",
    "describe_pair",
    "headline_pair",
    "interval",
    "number_words",
    "range_supported",
    "scope_words",
    "spread",
    "spread_table",
]

WINDOW_DAYS = 7  # as-of dates further apart than this make a change over time, not a discrepancy
ABOUT = 0.25  # "about 1,000" admits 800 to 1,250: a quarter either way, on a ratio scale
# Counts that can only grow: the troops sent, killed, wounded or captured by a date.
# A narrower measure implies the broader one: troops preparing for combat are present, and troops
# present were sent. A larger count of the narrower, about a place within the other's, at one time,
# cannot stand beside a smaller count of the broader.
BROADER = {str(m.value): m.broader for m in MEASURES if m.broader}
CUMULATIVE = frozenset(str(m.value) for m in MEASURES if m.cumulative)
RELATIONS = ("comparable", "over time", "different scope")


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

    def name(self, place: str) -> str:
        """The place's name, or its id when the gazetteer does not list it."""
        return self.names.get(place, place)


def interval(claim: pd.Series | object) -> tuple[float, float]:
    """The numbers a claim admits, from its bound: ``(low, high)``, ``high`` infinite for "at least"."""
    get = claim.__getitem__ if isinstance(claim, pd.Series) else lambda k: getattr(claim, k)
    count, bound = float(get("count")), str(get("bound"))
    low, high = get("count_low"), get("count_high")
    if bound == "about":
        return count / (1 + ABOUT), count * (1 + ABOUT)
    if bound == "at least":
        return (float(low) if pd.notna(low) else count), math.inf
    if bound == "up to":
        return 0.0, (float(high) if pd.notna(high) else count)
    if bound == "range":
        return (float(low) if pd.notna(low) else count), (float(high) if pd.notna(high) else count)
    return count, count


def _relation(a: pd.Series, b: pd.Series, places: Gazetteer, window: int) -> tuple[str, list[str]]:
    differs = []
    if a["measure"] != b["measure"]:
        differs.append("measure")
    if not (places.contains(a["place"], b["place"]) or places.contains(b["place"], a["place"])):
        differs.append("place")
    apart = abs((b["as_of"] - a["as_of"]).days) > window
    if differs:
        return "different scope", differs + (["as_of"] if apart else [])
    return ("over time", ["as_of"]) if apart else ("comparable", [])


def implies(narrow: str, broad: str) -> bool:
    """Whether a count of the ``narrow`` measure is also a count of the ``broad`` one."""
    seen = narrow
    while seen in BROADER:
        seen = BROADER[seen]
        if seen == broad:
            return True
    return False


def _both_true(a: pd.Series, b: pd.Series, relation: str, places: Gazetteer, window: int) -> bool:
    """Whether the two claims can both hold, given their bounds, measures, places and dates."""
    if relation == "different scope":
        if abs((b["as_of"] - a["as_of"]).days) > window:
            return True
        for narrow, broad in ((a, b), (b, a)):
            if implies(narrow["measure"], broad["measure"]) and places.contains(
                broad["place"], narrow["place"]
            ):
                return interval(broad)[1] >= interval(narrow)[0]
        return True
    if relation == "over time":
        if a["measure"] not in CUMULATIVE:
            return True  # a number present or fighting can fall as well as rise
        early, late = (a, b) if a["as_of"] <= b["as_of"] else (b, a)
        if not places.contains(late["place"], early["place"]):
            return True  # the later count covers a smaller place: it may be lower
        return interval(late)[1] >= interval(early)[0]
    (a_low, a_high), (b_low, b_high) = interval(a), interval(b)
    # At one time: the count for a place can be no larger than for a place around it.
    if places.contains(a["place"], b["place"]) and a["place"] != b["place"]:
        return a_high >= b_low
    if places.contains(b["place"], a["place"]) and a["place"] != b["place"]:
        return b_high >= a_low
    return a_low <= b_high and b_low <= a_high


def compare_claims(
    claims: pd.DataFrame, places: Gazetteer | None = None, window: int = WINDOW_DAYS
) -> pd.DataFrame:
    """Every pair of claims: how they relate, the ratio of larger to smaller, whether both can hold.

    A remark reported twice (the same ``remark``) is paired once, and never with itself.

    ``relation`` is ``comparable``, ``over time`` or ``different scope``; ``differs_on`` names what
    differs (measure, place, as_of); ``both_true`` says whether the two can hold together.
    """
    places = places or Gazetteer({}, {})
    if "remark" in claims:  # a remark reported twice counts once: its first claim of each scope stands
        claims = claims[~claims.duplicated(subset=["remark", "measure", "place"])]
    rows = []
    for (_, a), (_, b) in combinations(claims.iterrows(), 2):
        if a.get("remark", a["claim_id"]) == b.get("remark", b["claim_id"]):
            continue  # two numbers from one remark are two readings of it, not two claims
        low, high = sorted((a, b), key=lambda c: (c["count"], c["claim_id"]))
        relation, differs = _relation(a, b, places, window)
        rows.append(
            {
                "smaller": low["claim_id"],
                "larger": high["claim_id"],
                "smaller_count": int(low["count"]),
                "larger_count": int(high["count"]),
                "ratio": high["count"] / low["count"],
                "relation": relation,
                "comparable": relation == "comparable",
                "differs_on": ", ".join(differs) or "nothing",
                "days_apart": abs((b["as_of"] - a["as_of"]).days),
                "both_true": _both_true(a, b, relation, places, window),
            }
        )
    columns = [
        "smaller", "larger", "smaller_count", "larger_count", "ratio", "relation", "comparable",
        "differs_on", "days_apart", "both_true",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=columns)
    # An empty frame still has its columns' types, so that masks stay masks.
    return out.astype({"comparable": bool, "both_true": bool, "ratio": float, "days_apart": int})


def comparable_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairs that count the same thing at the same time, widest gap first."""
    return pairs[pairs["comparable"]].sort_values(["ratio", "larger"], ascending=[False, True])


def headline_pair(pairs: pd.DataFrame) -> pd.Series | None:
    """The pair to lead with, among claims that count the same thing at the same time: the widest gap
    between two that cannot both be true, else the widest gap. Failing those, the widest pair of
    different scope that cannot both hold (a larger count of a narrower measure); else None.
    """
    found = comparable_pairs(pairs)
    if found.empty:
        implied = pairs[(pairs["relation"] == "different scope") & ~pairs["both_true"]]
        return (
            None
            if implied.empty
            else implied.sort_values(["ratio", "larger"], ascending=[False, True]).iloc[0]
        )
    conflicts = found[~found["both_true"]]
    return (conflicts if not conflicts.empty else found).iloc[0]


def spread(claims: pd.DataFrame) -> dict[str, float] | None:
    """Smallest and largest count, their ratio and the orders of magnitude between them; None if no claims.

    Meaningful only among claims of one measure: see :func:`spread_table`.
    """
    if claims.empty:
        return None
    low, high = float(claims["count_low"].min()), float(claims["count_high"].max())
    low = low if low > 0 else float(claims["count"].min())
    ratio = high / low
    return {"min": low, "max": high, "ratio": ratio, "orders_of_magnitude": math.log10(ratio)}


def spread_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Per measure: how many claims, the smallest and largest number, and their ratio."""
    rows = []
    for measure, group in claims.groupby("measure", sort=False):
        found = spread(group)
        if found:
            rows.append(
                {"measure": measure, "claims": len(group), **{k: round(v, 2) for k, v in found.items()}}
            )
    return pd.DataFrame(rows, columns=["measure", "claims", "min", "max", "ratio", "orders_of_magnitude"])


def describe_pair(pair: pd.Series, claims: pd.DataFrame, places: Gazetteer | None = None) -> str:
    """One plain sentence on how two claims relate: compared directly, over time, or in another scope."""
    places = places or Gazetteer({}, {})
    by_id = claims.set_index("claim_id")
    a, b = by_id.loc[pair["smaller"]], by_id.loc[pair["larger"]]

    def said(c: pd.Series) -> str:
        return f"{c['source']}'s {_number(c)}"

    def scope(c: pd.Series) -> str:
        return scope_words(c["measure"], places.name(c["place"]))

    if pair["relation"] == "comparable":
        where = scope(b) if a["place"] == b["place"] else f"{scope(b)} and {scope(a)}"
        days = int(pair["days_apart"])
        when = "on the same day" if days == 0 else f"{days} {'day' if days == 1 else 'days'} apart"
        head = f"{said(b)} is {pair['ratio']:.1f}x {said(a)}; both count troops {where}, {when}"
        if pair["both_true"]:
            return head + "; their bounds overlap, so both can be true."
        if days == 0:
            return head + "; they cannot both be true."
        early, late = (a, b) if a["as_of"] <= b["as_of"] else (b, a)
        gap = _gap(early, late)
        return head + (
            f"; on one day they cannot both be true: both hold only if the number changed by at least "
            f"{gap:,.0f} in {days} {'day' if days == 1 else 'days'}{_possible(a, b)}."
        )
    if pair["relation"] == "over time":
        early, late = (a, b) if a["as_of"] <= b["as_of"] else (b, a)
        change = late["count"] / early["count"]
        head = (
            f"{said(early)} ({early['as_of']:%-d %b %Y}) and {said(late)} ({late['as_of']:%-d %b %Y}) "
            f"count {scope(late)} {pair['days_apart']} days apart: a change over time ({change:.1f}x)"
        )
        return head + ("." if pair["both_true"] else ", but a count that only grows cannot fall.")
    head = (
        f"{said(a)} ({scope(a)}) and {said(b)} ({scope(b)}) count different things "
        f"(they differ in {pair['differs_on'].replace('as_of', 'date')})"
    )
    if pair["both_true"]:
        return head + "; nothing in them rules out both."
    narrow, broad = (b, a) if implies(b["measure"], a["measure"]) else (a, b)
    grew = (
        f", or the number grew between {broad['as_of']:%-d %b} and {narrow['as_of']:%-d %b}"
        if broad["as_of"] < narrow["as_of"]
        else ""
    )
    return head + (
        f", but {_number(narrow)} {_bare(narrow['measure'])} means at least as many "
        f"{_bare(broad['measure'])}: both hold only if {said(broad)} counted only part of them{grew}"
        f"{_possible(a, b)}."
    )


def _bare(measure: str) -> str:
    """A measure without its preposition, as it reads after a number: ``sent``, ``present``."""
    return measure.removesuffix(" to").removesuffix(" in")


def _gap(early: pd.Series, late: pd.Series) -> float:
    """The least change between two counts' intervals: how far apart their nearest bounds are."""
    (e_low, e_high), (l_low, l_high) = interval(early), interval(late)
    return max(l_low - e_high, e_low - l_high, 0.0)


def _possible(a: pd.Series, b: pd.Series) -> str:
    """ ", or unless X's number is a possibility": where a claim is stated only as possible."""
    maybe = [c for c in (a, b) if str(c.get("modality", "")) == "possible"]
    if not maybe:
        return ""
    return f", or if {maybe[0]['source']}'s {_number(maybe[0])} is only a possibility, not a count"


def scope_words(measure: str, place: str) -> str:
    """The scope in words: ``sent to X``, ``to be sent to X``, ``present in X``, ``killed in X``."""
    place = place[0].lower() + place[1:] if place.startswith("The ") else place  # mid-sentence
    if measure.endswith((" to", " in")):
        return f"{measure} {place}"
    return f"{measure} {'to' if measure.endswith('sent') else 'in'} {place}"


def number_words(claim: pd.Series) -> str:
    """A claim's number with its bound: ``100``, ``about 100``, ``up to 100``, ``100-200``."""
    return _number(claim)


def _number(claim: pd.Series) -> str:
    count = f"{int(claim['count']):,}"
    bound = str(claim["bound"])
    if bound == "range" and pd.notna(claim["count_low"]) and pd.notna(claim["count_high"]):
        return f"{int(claim['count_low']):,}-{int(claim['count_high']):,}"
    return {"about": f"about {count}", "at least": f"at least {count}", "up to": f"up to {count}"}.get(
        bound, count
    )


def range_supported(claims: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Per measure, the lowest and highest count the given claims support (empty without claims)."""
    return {
        str(measure): (float(group["count_low"].min()), float(group["count_high"].max()))
        for measure, group in claims.groupby("measure", sort=False)
    }
