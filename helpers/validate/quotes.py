"""Find a statement's quote in its document: exact offsets, or the closest passage when it is not there.

The closest passage is looked for at a bounded cost, whatever the sizes: a few of the quote's
longest words are found with ``str.find`` (linear, in C) and only the windows around them are
compared in Python, so a long document or a long wrong quote cannot stall validation.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .characters import character_name

PROBE = 400  # characters of the quote compared with a candidate passage
ANCHORS = 3  # the quote's longest words looked for in the document
HITS_PER_ANCHOR = 50
SHOWN = 60  # characters of the passage shown on each side of the first difference

# One-for-one replacements, so offsets in the straightened text are offsets in the original.
_STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
     "\u201e": '"', "\u201f": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)  # fmt: skip


def straighten(text: str) -> str:
    """Replace curly quotes, en and em dashes and no-break spaces by their plain forms."""
    return text.translate(_STRAIGHT)


# The invisible format characters (Unicode category Cf) a copy and paste can bring or lose.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


@dataclass(frozen=True)
class _Forms:
    """A document's text in the forms the diagnosis compares with; built once per document."""

    straight: str
    lower: str | None  # None when lower-casing changes the length, so offsets would not hold
    bare: str  # without invisible characters
    shifts: list[int]  # where, in ``bare``, each removed character stood
    nfc: str

    def original(self, i: int) -> int:
        """The offset in the document of offset ``i`` in ``bare``."""
        return i + bisect.bisect_right(self.shifts, i)


@lru_cache(maxsize=4)
def _forms(document: str) -> _Forms:
    lower = document.lower()
    cuts = [m.start() for m in _INVISIBLE.finditer(document)]
    return _Forms(
        straighten(document),
        lower if len(lower) == len(document) else None,
        _INVISIBLE.sub("", document) if cuts else document,
        [at - k for k, at in enumerate(cuts)],
        unicodedata.normalize("NFC", document),
    )


@dataclass(frozen=True)
class Nearest:
    """The passage of a document nearest to a quote, and how the two differ."""

    passage: str
    hint: str

    def __str__(self) -> str:
        if not self.passage:
            return self.hint
        return f"closest passage: “{self.passage}” ({self.hint})"


def _differs_at(quote: str, passage: str) -> tuple[int, str]:
    """Index of the first character where ``quote`` and ``passage`` differ, and that difference in words."""
    i = next((k for k, (a, b) in enumerate(zip(quote, passage, strict=False)) if a != b), None)
    if i is None:
        i = min(len(quote), len(passage))
        if len(quote) > len(passage):
            return i, f"the quote goes on with {character_name(quote[i])}"
        return i, "the document goes on"
    return i, f"the quote has {character_name(quote[i])}, the document {character_name(passage[i])}"


def _window(passage: str, at: int) -> str:
    """The passage around character ``at``, cut to ``SHOWN`` characters on each side."""
    start, end = max(0, at - SHOWN), at + SHOWN
    return ("…" if start else "") + passage[start:end] + ("…" if end < len(passage) else "")


def _nearest(document: str, quote: str, hint: str) -> Nearest:
    """Describe ``document``'s passage ``document`` (already aligned with ``quote``)."""
    at, difference = _differs_at(quote, document)
    return Nearest(_window(document, at), f"{hint}; they differ at character {at + 1}: {difference}")


def closest_passage(document: str, quote: str) -> Nearest:
    """The passage of ``document`` nearest to ``quote`` and the likely cause of the difference."""
    forms = _forms(document)
    at = forms.straight.find(straighten(quote))
    if at >= 0:
        passage = document[at : at + len(quote)]
        return _nearest(passage, quote, "it differs only in quotation marks, apostrophes or dashes")
    at = forms.lower.find(quote.lower()) if forms.lower is not None else -1
    if at >= 0:
        return _nearest(document[at : at + len(quote)], quote, "it differs only in upper and lower case")
    found = _invisible_difference(document, quote, forms)
    if found is not None:
        return found
    if unicodedata.normalize("NFC", quote) in forms.nfc:
        char = next(
            (c for c in quote if unicodedata.normalize("NFC", c) != c or unicodedata.combining(c)), None
        )
        which = f": {character_name(char)} is written another way there" if char else ""
        hint = f"the document has these words in another Unicode form (normalisation){which}"
        return Nearest(_window(quote, 0), hint)
    start = _best_start(document, quote)
    if start is None:
        return Nearest("", "none of the quote's longer words occurs in the document: is it the right one?")
    passage = document[start : start + len(quote)]
    return _nearest(passage, quote, "copy the words exactly as the document has them")


def _invisible_difference(document: str, quote: str, forms: _Forms) -> Nearest | None:
    """The passage when quote and document differ only by invisible characters (either side)."""
    bare_quote, invisible = _INVISIBLE.sub("", quote), _INVISIBLE.search(quote)
    if invisible and bare_quote and (at := document.find(bare_quote)) >= 0:
        i = invisible.start()
        passage = document[at : at + len(bare_quote)]
        name = character_name(quote[i])
        hint = f"the quote has an invisible {name} at character {i + 1}; the document has none"
        return Nearest(_window(passage, i), hint)
    if forms.shifts and (at := forms.bare.find(quote)) >= 0:
        passage = document[forms.original(at) : forms.original(at + len(quote) - 1) + 1]
        i, difference = _differs_at(quote, passage)
        hint = f"the document has an invisible character here; they differ at character {i + 1}: {difference}"
        return Nearest(_window(passage, i), hint)
    return None


def _best_start(document: str, quote: str) -> int | None:
    """Where the passage most like ``quote`` starts in ``document``; None when no long word is shared.

    Bounded work for any sizes: a few anchors found in C, a cheap ranking, and the full comparison
    for the best few only.
    """
    probe = quote[:PROBE]
    words = sorted({w for w in probe.split() if len(w) > 3}, key=len, reverse=True)[:ANCHORS]
    starts: set[int] = set()
    for word in words:
        offset, at = probe.find(word), -1
        for _ in range(HITS_PER_ANCHOR):
            at = document.find(word, at + 1)
            if at < 0:
                break
            starts.add(max(0, at - offset))
    if not starts:
        return None

    def matcher(start: int) -> SequenceMatcher[str]:
        return SequenceMatcher(None, document[start : start + len(probe)], probe, autojunk=False)

    best = sorted(starts, key=lambda s: matcher(s).quick_ratio(), reverse=True)[:5]
    return max(best, key=lambda s: matcher(s).ratio())
