"""Numbers in an article's words: figures, number words, ranges, and the bound their qualifier sets.

"some 15-hundred", "three-thousand", "11,000-12,000", "more than 3000", "up to 6,000": figures are
read here, number words by ``text2num`` (allo-media's parser of English number words). Dates, years,
times and model names ("AN-124s") are not numbers of anything and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text_to_num import text2num

from .text import Span
from .words import words_of

BOUNDS = ("exact", "about", "at least", "up to", "range")
_UNITS = words_of(
    """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    """
)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_FIGURE = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
# One number: a figure with an optional scale word ("15-hundred", "1.5 million"), or number words
# ("ten-thousand", "a thousand", "two hundred and fifty").
_ONE = (
    rf"(?:(?:{_FIGURE})(?:[\s-]+(?:hundred|thousand|million)\b)?"
    rf"|(?:\ba[\s-]+(?=hundred|thousand|million))?(?:\b(?:{_WORD})\b)"
    rf"(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand)|(?<=million))[\s-]+and[\s-]+)(?:\b(?:{_WORD})\b))*)"
)
_NUMBER = re.compile(
    rf"\bbetween\s+(?P<ba>{_ONE})\s+and\s+(?P<bb>{_ONE})"
    rf"|(?P<a>{_ONE})(?:\s*(?:-|–|—|\bto\b)\s*(?P<b>{_ONE}))?"
    r"(?P<post>\s+or\s+(?:more|so|fewer|less)\b)?",
    re.IGNORECASE,
)
# Qualifiers just before a number, and the bound each sets.
_QUALIFIERS = {
    "about": r"about|around|approximately|roughly|some|an estimated|estimated|circa|close to|approx\.",
    "up to": r"up to|as many as|no more than|not more than|at most|fewer than|less than|under|nearly|"
    r"almost|approaching|just under|just below",
    "at least": r"at least|more than|over|above|upwards of|in excess of|exceeded|exceeds|exceed|"
    r"exceeding|surpassed|topped|no fewer than|no less than|not less than|at a minimum|over",
}
_BEFORE = {
    bound: re.compile(rf"(?:^|[^\w])(?P<q>{pattern})\s+$", re.IGNORECASE)
    for bound, pattern in _QUALIFIERS.items()
}
_POST = {"more": "at least", "so": "about", "fewer": "up to", "less": "up to"}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"  # "Oct.", "October"
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\s*$")
_DATE_AFTER = re.compile(
    rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?![a-z])|^\s*(?:am|pm|a\.m\.|p\.m\.)\b|^:\d"
)


@dataclass(frozen=True)
class Number:
    """A number as written: its span (qualifier included), the point figure, its bounds."""

    span: Span
    count: int
    low: int | None
    high: int | None
    bound: str
    qualifier: str
    spelt: bool  # written in words ("three-thousand"), not in figures
    vague: str = ""  # why a vague quantity ("several thousand") was read as these bounds


# Vague quantities: "several thousand" is more than two thousand and fewer than ten (point: 3,000, the
# least "several" commonly means); "thousands of" is at least two thousand, with no upper end.
_VAGUE_WORDS = {
    "several": (2, 9, 3, "more than two and fewer than ten"),
    "a few": (2, 5, 3, "a few: two to five"),
    "a couple of": (2, 3, 2, "a couple: two or three"),
    "a couple": (2, 3, 2, "a couple: two or three"),
    "a number of": (2, 9, 3, "an unstated number, read as several"),
    "many": (2, None, 2, "many: at least two"),
}
_VAGUE = re.compile(
    r"\b(?P<word>several|a few|a couple of|a couple|a number of|many)\s+(?P<scale>hundred|thousand)s?\b"
    r"|\b(?P<tens>tens\s+of\s+)?(?P<plural>hundreds|thousands)\s+of\b|\b(?P<dozens>dozens)\s+of\b",
    re.IGNORECASE,
)


def vague_numbers(text: str, span: Span) -> list[Number]:
    """Vague quantities in ``span``: "several thousand", "a few hundred", "thousands of", "dozens of",
    each read as a range (or a lower bound) with the reason written out."""
    out = []
    for match in _VAGUE.finditer(text, span.start, span.end):
        words = match.group()
        if match.group("word"):
            scale = _SCALES[match.group("scale").lower()]
            low, high, point, why = _VAGUE_WORDS[match.group("word").lower()]
            high_n = None if high is None else high * scale
            bound = "range" if high_n is not None else "at least"
            reason = (
                f"'{words}' is a vague quantity ({why}): read as {low * scale:,}"
                + (f" to {high_n:,}" if high_n else " or more")
                + f", point {point * scale:,}; low confidence, check the source's own words"
            )
            out.append(Number(Span(match.start(), match.end()), point * scale, low * scale, high_n, bound,
                              match.group("word"), True, reason))  # fmt: skip
            continue
        if match.group("dozens"):
            low = 24
        else:
            low = 2 * _SCALES[match.group("plural").lower().rstrip("s")] * (10 if match.group("tens") else 1)
        end = match.end() - len(" of")
        reason = (
            f"'{text[match.start() : end]}' is a vague quantity: read as at least {low:,}; low confidence"
        )
        out.append(Number(Span(match.start(), end), low, low, None, "at least", "", True, reason))
    return out


def _value(phrase: str) -> Decimal | None:
    """The exact value of one number phrase, or None when it is not one (never through a float:
    "12,345,678,901,234,567" is that number, not the nearest double)."""
    phrase = phrase.strip().lower()
    figure = re.fullmatch(rf"({_FIGURE})(?:[\s-]+(hundred|thousand|million))?", phrase)
    if figure:
        value = Decimal(figure.group(1).replace(",", ""))
        return value * _SCALES[figure.group(2)] if figure.group(2) else value
    words = re.sub(r"[\s-]+", " ", re.sub(r"^a[\s-]+", "one ", phrase))
    try:
        return Decimal(text2num(words, "en"))
    except ValueError:
        return None


def _is_date_or_code(text: str, start: int, end: int, phrase: str) -> bool:
    before, after = text[max(0, start - 12) : start], text[end : end + 12]
    if start and (text[start - 1].isalnum() or text[start - 1] in "/.-:#$£€") and phrase[:1].isdigit():
        return True  # part of an identifier, a path, a time or a sum
    if (after[:1].isalnum() and phrase[-1:].isdigit()) or (bool(after[:1]) and after[:1] in "%/:"):
        return True  # "124s", "10%", "2024/10", "03:06"
    if _DATE_BEFORE.search(before) or _DATE_AFTER.search(after):
        return True
    # A four-figure year: "in 1990", "February 2022", "2024"
    return bool(re.fullmatch(r"(?:19|20)\d\d", phrase))


def find_numbers(text: str, span: Span | None = None) -> list[Number]:
    """Every number in ``text`` (or in ``span`` of it), with the bound its qualifier sets."""
    span = span or Span(0, len(text))
    vague = vague_numbers(text, span)
    out: list[Number] = list(vague)
    for match in _NUMBER.finditer(text, span.start, span.end):
        if any(v.span.start <= match.start() < v.span.end for v in vague):
            continue  # the "thousand" of "several thousand"
        first = "ba" if match.group("ba") else "a"
        a = _value(match.group(first))
        if a is None or _is_date_or_code(text, match.start(first), match.end(first), match.group(first)):
            continue
        second = "bb" if first == "ba" else "b"
        b = _value(match.group(second)) if match.group(second) else None
        if b is not None and b <= a:
            b = None  # "24-7" or "10-1" is no range of troops
        end = match.end() if b is not None or match.group("post") else match.end(first)
        post = match.group("post") if b is None and match.group("post") else ""
        start = match.start() if b is not None else match.start(first)
        out.append(_number(text, Span(start, end), a, b, post, match.group(first)))
    return _shared_qualifiers(text, sorted(out, key=lambda n: n.span.start))


def _shared_qualifiers(text: str, numbers: list[Number]) -> list[Number]:
    """A qualifier that reaches over "and" to the next number: "about 300 deaths and 2,700 injuries"."""
    out = list(numbers)
    for i in range(1, len(out)):
        before, this = out[i - 1], out[i]
        between = text[before.span.end : this.span.start]
        joined = re.fullmatch(r"\s+[\w’'-]+(?:\s+[\w’'-]+)?\s+(?:and|or)\s+", between)
        if (
            joined
            and this.bound == "exact"
            and before.qualifier
            and before.bound in ("about", "at least", "up to")
        ):
            low, high = _ends(before.bound, this.count)
            out[i] = Number(this.span, this.count, low, high, before.bound, before.qualifier, this.spelt)
    return out


def _number(text: str, span: Span, a: Decimal, b: Decimal | None, post: str, first: str) -> Number:
    spelt = not first.strip()[:1].isdigit()
    if b is not None:
        return Number(span, round((a + b) / 2), round(a), round(b), "range", "", spelt)
    count = round(a)
    head = text[max(0, span.start - 40) : span.start]
    for bound, pattern in _BEFORE.items():
        found = pattern.search(head)
        if found:
            start = span.start - len(head) + found.start("q")
            low, high = _ends(bound, count)
            return Number(Span(start, span.end), count, low, high, bound, found.group("q"), spelt)
    if post:
        bound = _POST[post.split()[-1].lower()]
        low, high = _ends(bound, count)
        return Number(span, count, low, high, bound, post.strip(), spelt)
    return Number(span, count, count, count, "exact", "", spelt)


def _ends(bound: str, count: int) -> tuple[int | None, int | None]:
    """Low and high of a count with a bound: open above for "at least", below for "up to"."""
    if bound == "at least":
        return count, None
    if bound == "up to":
        return None, count
    if bound == "about":  # no ends a reader could check: left blank, as the curators leave them
        return None, None
    return count, count
