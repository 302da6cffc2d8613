"""The troop numbers of a draft statement: count, low, high and bound (from ``numbers``), what the
number counts (the measure), where (the gazetteer's place), how it is put (modality) and as of when.

A number counts troops when a word for troops or for casualties stands beside it ("8,000 North Korean
troops", "at least 100 deaths", "the injured are approaching 1,000"); a count of Russian or Ukrainian
soldiers alone is not one of the story's numbers.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from ...schema.tables import COUNT_LIMIT
from ..modality import MODALITY_CUES
from .dates import MONTHS
from .numbers import Number, find_numbers
from .places import Gazetteer, PlaceMatch
from .text import Span

_NOUN = (
    r"troops?|soldiers?|forces|personnel|servicemen|fighters|men|units|brigades?|battalions?|North Koreans|"
    r"deaths|dead|casualties|fatalities|injuries|wounded|killed|injured|captured|prisoners|of them|"
    r"of their troops|POWs|of (?:its|their|his|her) (?:military|troops|soldiers|personnel|servicemen|forces)"
)
NOUN_AFTER = re.compile(rf"^(?:[\s-]+[\w’'-]+){{0,4}}?[\s-]+(?:{_NOUN})\b", re.IGNORECASE)
NOUN_BEFORE = re.compile(rf"\b(?:{_NOUN}|brigades? of|units of)\b(?:\s+[\w’'-]+){{0,3}}\s+$", re.IGNORECASE)
# A number followed by a unit of time, distance, land or share counts that, never troops: "three months
# of fighting", "400 square kilometres", "a hundred settlements", "30 percent".
NOT_TROOPS = re.compile(
    r"[\s-]+(?:(?:square|more|full|long|straight|consecutive|of)\s+)?(?:seconds?|minutes?|hours?|days?|"
    r"nights?|weeks?|months?|years?|decades?|km|kilometres?|kilometers?|miles?|metres?|meters?|hectares?|"
    r"villages?|settlements?|towns?|percent|per\s+cent|times)\b",
    re.IGNORECASE,
)
OTHER_ARMY = re.compile(r"\b(?:Russian|Ukrainian)\b(?!\s+and\s+North)", re.IGNORECASE)
OURS = re.compile(r"North Korean|DPRK|Pyongyang|North Korea", re.IGNORECASE)
# What a number counts, from the words around it, most specific first.
MEASURES = (
    (
        "killed or wounded in a week",
        r"(?:killed|dead|deaths)\s+(?:or|and)\s+(?:wounded|injured).{0,40}\b(?:week|seven days)\b",
    ),
    (
        "killed or wounded",
        r"(?:killed|dead|deaths|fatalities)\s+(?:or|and)\s+(?:wounded|injur\w+)|\bcasualties\b|\blosses\b"
        r"|\b(?:lost|lose|losing)\b",
    ),
    ("killed", r"\b(?:killed|dead|deaths|fatalities|died)\b"),
    ("wounded", r"\b(?:wounded|injured|injuries)\b"),
    ("captured", r"\b(?:captured|prisoners?|POWs?|taken captive)\b"),
    (
        "present in",
        r"\b(?:are|were|is)\s+(?:now\s+|already\s+|currently\s+)?(?:in|on|at|near|stationed)\b|\bnow in\b"
        r"|\balready\b.{0,20}\bin\b|\bstationed\b",
    ),
    (
        "preparing for combat",
        r"\bprepar\w+ (?:to|for) (?:join |help )?(?:the )?(?:fight\w*|combat|battle)|\binto combat\b"
        r"|\benter combat\b|\bfight against\b",
    ),
    ("in combat", r"\b(?:fighting|in combat|engaged in|assaults?|on the front ?lines?)\b"),
    (
        "sent to",
        r"\b(?:sent|send|sending|deploy\w*|dispatch\w*|transport\w*|ship\w*|moved|arriv\w*|involve)\b"
        r"|\b(?:moving|heading|advancing|on (?:their|the) way)\s+(?:to|toward|towards|into)\b",
    ),
)
MODALITIES = MODALITY_CUES  # declared once, beside the rule migrate derives modalities with


@dataclass(frozen=True)
class DraftClaim:
    """One troop number of a statement, before it has an id."""

    number: Number
    measure: str
    modality: str
    place: PlaceMatch | None
    as_of: date
    as_of_precision: str
    confidence: str
    reasons: tuple[str, ...]


def troop_numbers(text: str, span: Span, context: Span | None = None) -> list[Number]:
    """The numbers in ``span`` that count the story's troops or casualties; a bare figure of a hundred
    or more counts them too when another does in the same statement, or in the sentence ``context``
    that the statement is a clause of ("some three-thousand troops so far, with the total likely to
    climb to around ten-thousand")."""
    within = context or span
    counted_all = [  # beyond the limit: no troops; "three months of fighting": a duration
        n for n in _with_nouns(text, within) if n.count <= COUNT_LIMIT and not _not_troops(text, n)
    ]
    if not counted_all:
        return []
    counted = [n for n in counted_all if n.span in span]
    bare = [
        n
        for n in find_numbers(text, span)
        if 100 <= n.count <= COUNT_LIMIT
        and n not in counted
        and not any(n.span.overlap(c.span) for c in counted_all)
        and not _not_troops(text, n)
    ]
    return sorted([*counted, *bare], key=lambda n: n.span.start)


def _not_troops(text: str, number: Number) -> bool:
    """Whether ``number`` counts a duration, a distance, an area, places or a share, not troops."""
    return NOT_TROOPS.match(text, number.span.end) is not None


def _with_nouns(text: str, span: Span) -> list[Number]:
    out = []
    for number in find_numbers(text, span):
        after = text[number.span.end : min(span.end, number.span.end + 60)]
        before = text[max(span.start, number.span.start - 50) : number.span.start]
        following = NOUN_AFTER.match(after)
        if number.count < 1 or (following is None and NOUN_BEFORE.search(before) is None):
            continue
        phrase = following.group() if following else ""
        if OTHER_ARMY.search(phrase) and not OURS.search(phrase):
            continue  # "600,000 Russian soldiers": another army's losses
        out.append(number)
    return out


def draft_claims(
    text: str,
    span: Span,
    said_on: date,
    places: Gazetteer,
    said_precision: str = "exact",
    context: Span | None = None,
) -> list[DraftClaim]:
    """The troop claims of the statement whose words are ``span`` (a clause of the sentence
    ``context``, if given), said on ``said_on`` (exactly, or on or before it, or within a range ending
    on it: then the count stands on or before that day)."""
    out = []
    for number in troop_numbers(text, span, context):
        start = max(span.start, number.span.start - 60)
        around = text[start : min(span.end, number.span.end + 90)]
        measure, why_measure = _measure(text, number, span, context)
        modality, why_modality = _first(MODALITIES, around, "asserted", "stated as fact")
        as_of, precision, why_date = said_on, "exact", "as of the day it was said"
        if said_precision != "exact":
            precision, why_date = "on or before", "as of when it was said, on or before that day"
        forecast = _forecast_date(around, said_on) if modality == "forecast" else None
        if forecast is not None:
            as_of, why_date = forecast
            precision = "on or before"
        place = places.find(text, span.start, span.end, number.span.end)
        if place is None and context is not None:  # "..., with the total likely to climb to 10,000"
            place = places.find(text, context.start, context.end, number.span.end)
        reasons = [
            f"count '{number.span.of(text)}': {number.bound}"
            + (f" ('{number.qualifier}')" if number.qualifier else " (no qualifier: taken as written)"),
            f"measure {measure} ({why_measure})",
            f"modality {modality} ({why_modality})",
            f"as of: {why_date}",
            place.reason if place else "no place of the gazetteer named: add one or choose",
        ]
        number, confidence = _read_as_written(text, number, place is not None, reasons)
        out.append(DraftClaim(number, measure, modality, place, as_of, precision, confidence, tuple(reasons)))
    return out


NO_MEASURE = ("present in", "no verb of sending, fighting or loss")
# A share of a force ("more than a third of North Korea's 11,000 troops had been killed"): the share
# was killed or wounded; the number counts the whole force, the troops sent.
SHARE_OF = re.compile(
    r"\b(?:half|(?:a|one|two)\s+(?:third|quarter|fifth|tenth)s?|thirds|quarters|\d+\s*(?:%|percent))"
    r"\s+of\s+(?:(?:the|its|their|all|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?[’']s)\s+)?$",
    re.IGNORECASE,
)


def _measure(text: str, number: Number, span: Span, context: Span | None) -> tuple[str, str]:
    """What ``number`` counts, from the words of its statement nearest it; a clause that names
    nothing it counts ("with the total likely to climb to 10,000") counts what its sentence does."""
    share = SHARE_OF.search(text, max(span.start, number.span.start - 60), number.span.start)
    if share is not None:
        return "sent to", f"'{share.group().strip()}' before it: a share of the whole force sent"
    start = max(span.start, number.span.start - 60)
    around = text[start : min(span.end, number.span.end + 90)]
    found = _nearest(MEASURES, around, Span(number.span.start - start, number.span.end - start), *NO_MEASURE)
    if found != NO_MEASURE or context is None:
        return found
    at = Span(number.span.start - context.start, number.span.end - context.start)
    return _nearest(MEASURES, context.of(text), at, *NO_MEASURE)


def _forecast_date(around: str, said_on: date) -> tuple[date, str] | None:
    """The day a forecast ("by December", "by the end of December") looks to, and why; None unnamed."""
    by = re.search(r"\bby\s+(?:the end of\s+)?(" + "|".join(MONTHS) + r")\b", around)
    if not by:
        return None
    month = MONTHS.index(by.group(1)) + 1
    year = said_on.year if month >= said_on.month else said_on.year + 1
    day = calendar.monthrange(year, month)[1] if "the end of" in by.group() else 1
    as_of = date(year, month, day)
    return as_of, f"'{by.group()}' taken as {as_of:%-d %B %Y}"


def _read_as_written(text: str, number: Number, placed: bool, reasons: list[str]) -> tuple[Number, str]:
    """The number as the draft proposes it, with the drafter's confidence; ``reasons[0]`` (the count's)
    is rewritten and a caution added where a round or vague figure needs the analyst's eye."""
    confidence = "high" if placed and number.bound != "exact" else "medium" if placed else "low"
    if number.bound == "exact" and _round(number.count):
        # A round thousand with no qualifier is an estimate as a rule: read it as "about", which
        # claims less than "exactly"; the analyst makes it exact where the source counted.
        number = replace(number, bound="about", low=None, high=None)
        reasons[0] = f"count '{number.span.of(text)}': about (a round figure with no qualifier)"
        confidence = "medium" if placed else "low"
    elif number.bound == "exact" and number.count >= 100 and number.count % 100 == 0:
        reasons.append("a round figure with no qualifier: check whether it is approximate")
        confidence = "medium" if confidence == "high" else confidence
    if number.vague:
        reasons[0] = f"count {number.vague}" + (
            f" ('{number.qualifier}' before it)" if number.qualifier not in number.vague else ""
        )
        confidence = "low"
    return number, confidence


ROUND = 500  # an unqualified count of at least a thousand that is a multiple of this is read "about"


def _round(count: int) -> bool:
    """Whether ``count`` is a round figure of the kind people estimate in (1,500, 10,000; not 1,234)."""
    return count >= 1_000 and count % ROUND == 0


def _nearest(
    table: tuple[tuple[str, str], ...], around: str, number: Span, default: str, why: str
) -> tuple[str, str]:
    """The entry of ``table`` whose words stand nearest the number ("4,700 casualties ... about 600
    killed": the 600 were killed); of words as near, the one listed first (the most specific)."""
    best: tuple[int, int, str, str] | None = None
    for rank, (name, pattern) in enumerate(table):
        for found in re.finditer(pattern, around, re.IGNORECASE):
            gap = max(found.start() - number.end, number.start - found.end(), 0)
            if best is None or (gap, rank) < best[:2]:
                best = (gap, rank, name, f"'{found.group().strip()}'")
    return (best[2], best[3]) if best else (default, why)


def _first(table: tuple[tuple[str, str], ...], around: str, default: str, why: str) -> tuple[str, str]:
    for name, pattern in table:
        found = re.search(pattern, around, re.IGNORECASE)
        if found:
            return name, f"'{found.group().strip()}'"
    return default, why
