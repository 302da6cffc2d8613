"""Troop-number claims in words: a number with its bound, a claim, a revision, how two counts relate.

The analysis floor (:mod:`helpers.analysis.troop_counts`) decides which counts bear on each other and how;
this module only says it, in the sentences the briefing, the notebooks and the explorer print.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..analysis.troop_counts import AHEAD, CUMULATIVE, UNSTATED_PLACE, Gazetteer, counts, implies
from ..schema.vocabulary import MODALITIES


def part_words(claim: pd.Series | Mapping[str, Any]) -> str:
    """ " combat engineers" after a number that counts a part of the force; "" for the whole."""
    part = claim.get("part") if hasattr(claim, "get") else None
    return f" {part}" if isinstance(part, str) and part else ""


def describe_pair(pair: pd.Series, claims: pd.DataFrame, places: Gazetteer | None = None) -> str:
    """One plain sentence on how two counts relate: a revision, compared directly, over time, or
    through a measure one implies."""
    places = places or Gazetteer({}, {})
    by_id = counts(claims).set_index("claim_id")
    a, b = by_id.loc[pair["smaller"]], by_id.loc[pair["larger"]]
    early, late = (a, b) if a["as_of"] <= b["as_of"] else (b, a)

    def said(c: pd.Series) -> str:
        return f"{c['source']}'s {_number(c)}{part_words(c)}"

    def scope(c: pd.Series) -> str:
        return scope_words(c["measure"], places.name(c["place"]))

    def when(c: pd.Series) -> str:
        return _as_of_words(c)

    change, days = float(pair["change"]), int(pair["within_days"])
    if pair["relation"] == "revision":
        direction = "raised" if late["count"] > early["count"] else "lowered"
        return (
            f"{early['source']} {direction} its count of troops {scope(late)} from {_number(early)} "
            f"({when(early)}) to {_number(late)} ({when(late)}): a revision, not a contradiction."
        )
    if pair["relation"] in ("comparable", "over time"):
        where = scope(b) if a["place"] == b["place"] else f"{scope(b)} and {scope(a)}"
        head = f"{said(b)} and {said(a)} count troops {where} ({when(b)}; {when(a)})"
        if not pair["both_true"]:
            return head + _ruled_out(f"{_why_not(early, late)}", a, b)
        if change > 0:
            return (
                head + f": both hold only if the number changed by at least {change:,.0f} "
                f"in at most {_days(days)}."
            )
        return head + ": their bounds overlap, so both can be true."
    narrow, broad = (a, b) if implies(a["measure"], b["measure"]) else (b, a)
    head = f"{said(narrow)} {scope(narrow)} ({when(narrow)}) and {said(broad)} {scope(broad)} ({when(broad)})"
    if not pair["both_true"]:
        why = (
            f"every one of the {_bare(narrow['measure'])} was {_bare(broad['measure'])} too, and the later "
            f"count of the broader cannot be smaller{_possible(a, b)}"
        )
        return head + _ruled_out(why, a, b)
    if change > 0:
        return (
            head
            + f": both hold only if at least {change:,.0f} more were {_bare(broad['measure'])} in at most "
            f"{_days(days)}{_possible(a, b)}."
        )
    return head + ": nothing in them rules out both."


COLUMN_WORDS = {"as_of_precision": "as-of precision", "as_of": "as-of date", "count_low": "low end",
                "count_high": "high end"}  # fmt: skip


def unconfirmed_words(claim: pd.Series) -> list[str]:
    """What of a claim nobody curated, in words: ``TC03's bound (derived)``."""
    found = claim.get("unconfirmed", ())
    if not isinstance(found, tuple):
        return []
    who = f"{claim['source']}'s channel" if claim.get("source") else "its channel"
    return [
        (who if column == "channel" else f"{claim.name}'s {COLUMN_WORDS.get(column, column)}")
        + f" ({origin})"
        for column, origin, _rule in found
    ]


def _ruled_out(why: str, a: pd.Series, b: pd.Series) -> str:
    """ ": they cannot both be true: WHY.", or, where that rests on a value nobody curated, the same
    reading stated as the workbook's, not as a finding."""
    guesses = list(dict.fromkeys(unconfirmed_words(a) + unconfirmed_words(b)))
    if not guesses:
        return f": they cannot both be true: {why}."
    return (
        f": as the workbook reads them they would not both hold ({why}), but that rests on values "
        f"nobody curated ({', '.join(guesses)}), so it is not a finding until the analyst sets them."
    )


def _possible(a: pd.Series, b: pd.Series) -> str:
    """ " (X's number is stated only as a possibility, not as a count)", where one is."""
    maybe = [c for c in (a, b) if str(c.get("modality", "")) == "possible"]
    if not maybe:
        return ""
    return f" ({maybe[0]['source']}'s {_number(maybe[0])} is stated only as a possibility, not as a count)"


def _why_not(early: pd.Series, late: pd.Series) -> str:
    measure = str(early["measure"])
    if measure in CUMULATIVE:
        return f"a count of troops {_bare(measure)} can only grow, and the later is below the earlier"
    return "they count the same thing on the same day and their bounds do not meet"


def _days(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


def _as_of_words(claim: pd.Series) -> str:
    precision = str(claim.get("as_of_precision", "exact"))
    day = f"{claim['as_of']:%-d %b %Y}"
    return {"on or before": f"by {day}", "approximate": f"about {day}"}.get(precision, f"as of {day}")


def _bare(measure: str) -> str:
    """A measure without its preposition, as it reads after a number: ``sent``, ``present``."""
    return measure.removesuffix(" to").removesuffix(" in")


def scope_words(measure: str, place: str) -> str:
    """The scope in words: ``sent to X``, ``present in X``, ``killed in X``."""
    if place == UNSTATED_PLACE:  # the document names no place: say so, never "in not stated"
        return f"{_bare(measure)} (place not stated)"
    place = place[0].lower() + place[1:] if place.startswith("The ") else place  # mid-sentence
    if measure.endswith((" to", " in")) and place.startswith("the "):  # "present in the war against..."
        return f"{measure} {place}"
    if measure.endswith((" to", " in")):
        return f"{measure} {place}"
    return f"{measure} {'to' if measure.endswith('sent') else 'in'} {place}"


def revision_number(row: pd.Series | Mapping[str, Any], side: str) -> str:
    """The ``side`` ("from" or "to") number of a row of :func:`~helpers.analysis.troop_counts.revisions`,
    in words: ``about 3,000``, ``1,000 combat engineers``."""
    claim = {name: row[f"{side}_{name}"] for name in ("count", "bound", "count_low", "count_high", "part")}
    return _number(claim) + part_words(claim)


def claimant_words(row: pd.Series | Mapping[str, Any]) -> str:
    """Who made a revision of :func:`~helpers.analysis.troop_counts.revisions`: ``NIS``, or, where the
    channel spoke through two sources, ``Kyiv, then Zelensky``."""
    if row["from_source"] == row["source"]:
        return str(row["source"])
    return f"{row['from_source']}, then {row['source']}"


def revision_words(row: pd.Series, places: Gazetteer) -> str:
    """One row of :func:`~helpers.analysis.troop_counts.revisions` in words: who, which way, from what to
    what, where and when."""
    verb = {"up": "raised", "down": "lowered"}.get(str(row["direction"]), "restated")
    who = claimant_words(row)
    who = f"{who}, on one channel," if row["from_source"] != row["source"] else who
    start, end = f"{row['from_as_of']:%-d %b %Y}", f"{row['to_as_of']:%-d %b %Y}"
    measure = str(row["measure"])
    if row["from_place"] == row["place"]:
        scope = scope_words(measure, places.name(row["place"]))
        return (
            f"{who} {verb} its count of troops {scope} from {revision_number(row, 'from')} ({start}) "
            f"to {revision_number(row, 'to')} ({end})"
        )
    first = scope_words(measure, places.name(row["from_place"]))
    then = scope_words(measure, places.name(row["place"]))
    return (
        f"{who} {verb} the count of troops from {revision_number(row, 'from')} {first} ({start}) "
        f"to {revision_number(row, 'to')} {then} ({end})"
    )


def claim_words(claim: pd.Series, places: Gazetteer) -> str:
    """One claim in words: ``NIS's 1,500 sent to Russia (by 21 Oct 2024)``, with its modality
    where it is not stated as fact: ``Zelensky's 10,000 in combat in Kursk Oblast (a plan or
    intention, by 23 Oct 2024)``."""
    modality = str(claim.get("modality", "asserted"))
    stated = modality in MODALITIES and modality != "asserted"
    kind = f"{MODALITIES.term(modality).words.removesuffix(' for a later date')}, " if stated else ""
    scope = scope_words(str(claim["measure"]), places.name(claim["place"]))
    said = claim.get("said_on")
    if modality in AHEAD and isinstance(said, pd.Timestamp) and claim["as_of"] <= said:
        # A forecast or plan dated only by when it was said: the source set it no date.
        return (
            f"{claim['source']}'s {_number(claim)}{part_words(claim)} {scope} "
            f"({kind}no date given; said by {said:%-d %b %Y})"
        )
    return f"{claim['source']}'s {_number(claim)}{part_words(claim)} {scope} ({kind}{_as_of_words(claim)})"


def number_words(claim: pd.Series) -> str:
    """A claim's number with its bound: ``100``, ``about 100``, ``up to 100``, ``100-200``."""
    return _number(claim)


def _number(claim: pd.Series | Mapping[str, Any]) -> str:
    count = f"{int(claim['count']):,}"
    bound = str(claim["bound"])
    if bound == "range" and pd.notna(claim["count_low"]) and pd.notna(claim["count_high"]):
        if int(claim["count_low"]) <= 0:  # a reading "up to N" widened the range to nought: say so
            return f"up to {int(claim['count_high']):,}"
        return f"{int(claim['count_low']):,}-{int(claim['count_high']):,}"
    if (
        bound == "at least"
        and pd.notna(claim["count_low"])
        and int(claim["count_low"]) != int(claim["count"])
    ):
        return f"at least {int(claim['count_low']):,}"
    return {"about": f"about {count}", "at least": f"at least {count}", "up to": f"up to {count}"}.get(
        bound, count
    )
