"""Dates in an article's words, resolved against its publication date, each with its basis written out.

A calendar date without a year ("Oct. 17", "on 7 November") is read by ``dateparser`` (scrapinghub's
date parser), as the latest such day on or before publication. News usage decides the rest, which a
general parser gets wrong for a news story: "on Wednesday" in a paper of Wednesday is that very day,
not the week before; "last week" is the previous Monday to Sunday; "in late December" is 21 to 31.
"""

from __future__ import annotations

import calendar
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from .text import Span

WEEKDAYS = list(calendar.day_name)
MONTHS = list(calendar.month_name)[1:]
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*\d{4})?"
_ORDINAL_WEEK = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "final": -1}
_PATTERNS = [
    ("calendar", rf"\b(?:{_MONTH}\s+{_DAY}{_YEAR}|{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR})(?![\w])"),
    (
        "week_of",
        rf"\b(?:the\s+)?(?P<nth>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<wm>{_MONTH})",
    ),
    (
        "part_of_month",
        rf"\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+(?P<pm>{_MONTH})(?!\s*\d)",
    ),
    (
        "last_week_day",
        r"\b(?P<lwd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+of\s+last\s+week\b",
    ),
    ("weekday", r"\b(?P<last>last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    (
        "relative",
        r"\b(?P<rel>yesterday|today|this\s+morning|earlier\s+(?:this|last)\s+week|this\s+week|last\s+week|"
        r"(?:a|one|two|three|four|five|six|seven|\d)\s+days?\s+ago|earlier\s+this\s+month|last\s+month)\b",
    ),
    ("in_month", rf"\b(?:in|during|throughout)\s+(?P<im>{_MONTH})(?!\s*\d)\b"),
    (
        "day_before",
        r"\b(?:the\s+day\s+(?:before|earlier)|the\s+previous\s+day|a\s+day\s+(?:earlier|before))"
        r"(?=\s*[,;.]|\s*$)|\bon\s+the\s+(?:previous|preceding)\s+day\b",
    ),
]
_FINDER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS), re.IGNORECASE)
# A date after one of these words dates an event or a deadline, not when something was said.
EVENT_WORDS = re.compile(
    r"\b(?:starting|since|from|until|till|by|before|after|between|through|and|to|of|for|arrive|arrives|arriving)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date in the text: the words, the latest possible day and, for a range, the earliest."""

    span: Span
    words: str
    latest: date
    earliest: date | None
    precision: str  # exact or range
    how: str  # how the words were read, as a phrase
    relative: int = 0  # days from the article's own dated event ("the day before": -1); 0 when absolute


def day_text(day: date) -> str:
    """``Wednesday 23 October 2024``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def _month_number(name: str) -> int:
    key = name.strip(". ").lower()[:3]
    return [m.lower()[:3] for m in MONTHS].index(key) + 1


def _latest_month(month: int, published: date) -> int:
    """The year of the latest such month that began on or before publication."""
    return published.year if month <= published.month else published.year - 1


def _calendar(words: str, published: date) -> date | None:
    with warnings.catch_warnings():  # dateparser warns about its own use of pytz and of regex flags
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            words,
            languages=["en"],
            settings={
                "RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "past",
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    return parsed.date() if parsed else None


def _relative(rel: str, published: date) -> tuple[date, date | None, str] | None:
    rel = re.sub(r"\s+", " ", rel.lower())
    monday = published - timedelta(days=published.weekday())
    if rel in ("today", "this morning"):
        return published, None, "the day of publication"
    if rel == "yesterday":
        return published - timedelta(days=1), None, "the day before publication"
    if rel.endswith("ago"):
        n = _calendar(rel, published)
        return (n, None, f"{(published - n).days} days before publication") if n else None
    if rel in ("this week", "earlier this week"):
        return published, monday, "the week of publication, from its Monday to the day of publication"
    if rel in ("last week", "earlier last week"):
        return (
            monday - timedelta(days=1),
            monday - timedelta(days=7),
            "the week before publication, Monday to Sunday",
        )
    first = published.replace(day=1)
    if rel == "earlier this month":
        return published, first, "the month of publication, to the day of publication"
    end = first - timedelta(days=1)
    return end, end.replace(day=1), "the month before publication"


def _resolve(kind: str, match: re.Match[str], published: date) -> tuple[date, date | None, str] | None:
    words = match.group(kind)
    if kind == "calendar":
        day = _calendar(words, published)
        return (day, None, "") if day else None
    if kind == "weekday":
        target = WEEKDAYS.index(match.group("wd").capitalize())
        back = (published.weekday() - target) % 7 or (7 if match.group("last") else 0)
        how = "the day of publication" if back == 0 else f"the latest {WEEKDAYS[target]} before publication"
        return published - timedelta(days=back), None, how
    if kind == "last_week_day":
        target = WEEKDAYS.index(match.group("lwd").capitalize())
        monday = published - timedelta(days=published.weekday() + 7)
        return monday + timedelta(days=target), None, "that day of the week before publication"
    if kind == "relative":
        return _relative(match.group("rel"), published)
    if kind == "day_before":
        return published - timedelta(days=1), None, "the day before publication"
    month = _month_number(match.group("wm") or match.group("pm") or match.group("im"))
    year = _latest_month(month, published)
    last = calendar.monthrange(year, month)[1]
    if kind == "week_of":
        nth = _ORDINAL_WEEK[match.group("nth").lower()]
        start = 1 + 7 * nth if nth >= 0 else last - 6
        return (
            date(year, month, min(start + 6, last)),
            date(year, month, start),
            f"the {match.group('nth')} week",
        )
    if kind == "part_of_month":
        part = match.group("part").lower()
        start, end = (
            (1, 10)
            if part in ("early",) or "beginning" in part
            else (11, 20)
            if part == "mid"
            else (21, last)
        )
        return date(year, month, end), date(year, month, start), f"days {start} to {end}"
    return date(year, month, last), date(year, month, 1), "the whole month"


def find_dates(text: str, span: Span, published: date) -> list[DateMention]:
    """The dates written in ``span`` of ``text``, each resolved against ``published``."""
    out: list[DateMention] = []
    for match in _FINDER.finditer(text, span.start, span.end):
        kind = match.lastgroup
        if kind is None:
            continue
        resolved = _resolve(kind, match, published)
        if resolved is None:
            continue
        latest, earliest, how = resolved
        words = match.group().strip()
        precision = "range" if earliest is not None and earliest != latest else "exact"
        relative = -1 if kind == "day_before" else 0
        out.append(
            DateMention(Span(match.start(), match.end()), words, latest, earliest, precision, how, relative)
        )
    return out


# A period inside a sentence ("killed in the last week alone") dates what happened; one that opens
# the sentence ("In the last week of October, X reported") dates the remark.
PERIOD_WORDS = re.compile(r"\b(?:in|over|during|within|throughout)\s+the\s+$")


def is_event_date(text: str, mention: DateMention) -> bool:
    """Whether the words before ``mention`` make it the date of an event ("starting Oct. 8", "by
    December", "killed in the last week") rather than of a remark."""
    before = text[max(0, mention.span.start - 20) : mention.span.start]
    return bool(EVENT_WORDS.search(before) or (PERIOD_WORDS.search(before) and mention.precision == "range"))


def basis(mention: DateMention, published: date) -> str:
    """How the date was read, in words: "'on Monday': Monday 21 October 2024, the latest Monday
    before publication (Wednesday 23 October 2024)"."""
    if mention.precision == "range" and mention.earliest is not None:
        told = f"{day_text(mention.earliest)} to {day_text(mention.latest)}"
    else:
        told = day_text(mention.latest)
    how = f", {mention.how}" if mention.how else ""
    after = "" if "publication" not in how or mention.latest == published else f" ({day_text(published)})"
    return f"'{mention.words}': {told}{how}{after}"
