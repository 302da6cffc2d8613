"""How a number is put, read off the words around it: a forecast for a later date, a plan, or a
possibility. The drafter proposes a troop claim's modality with it, and ``migrate`` derives the
modality of a claim curated before forecasts and plans had one."""

from __future__ import annotations

import re

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
# Most specific first: the first that matches names the modality.
MODALITY_CUES = (
    (
        "forecast",
        r"\bby\s+(?:the end of\s+)?(?:"
        + "|".join(MONTHS)
        + r")\b|\bwill (?:climb|reach|rise|grow|have)\b|\blikely to (?:climb|reach|rise|grow)\b"
        r"|\bexpected (?:briefly|soon|shortly|to (?:arrive|join|follow))\b",
    ),
    (
        "intended",
        r"\bprepar\w+ to send\b|\bready to (?:send|deploy|dispatch)\b|\bplans? to\b|\bintend\w* to\b"
        r"|\bwill (?:be )?(?:send|sent|deploy\w*|dispatch\w*)\b|\bto be (?:sent|deployed|dispatched)\b",
    ),
    (
        "possible",
        r"\bcould\b|\bmay\b|\bmight\b|\blikely\b|\bpossibly\b|\bprobably\b|\bappear"
        r"|\b(?:believed|thought) to\b|\bsuggest(?:s|ed)?\b",
    ),
)
BEFORE, AFTER = 60, 90  # characters of context read before and after a number
CLAUSE = re.compile(r"[;.]\s|,\s+(?:and|but|while)\b|\s(?:and another|while|whereas)\b")


def modality_cue(around: str) -> tuple[str, str] | None:
    """The modality the words ``around`` a number give, with the words that gave it; None if none."""
    for name, pattern in MODALITY_CUES:
        found = re.search(pattern, around, re.IGNORECASE)
        if found:
            return name, found.group().strip()
    return None


def number_context(quote: str, count: int) -> str | None:
    """The words around ``count`` where ``quote`` writes it in digits ("2,600", "2600", "2.600");
    None when the quote does not write it so."""
    digits = str(count)
    head = len(digits) % 3 or 3
    grouped = r"[,.\s]?".join([digits[:head], *re.findall(r"\d{3}", digits[head:])])
    found = re.search(rf"(?<![\d,.]){grouped}(?![\d])", quote)
    if found is None:
        return None
    before = quote[max(0, found.start() - BEFORE) : found.start()]
    after = quote[found.end() : found.end() + AFTER]
    # The number's own clause: "3,000 already there, and another 9,000 expected" puts only the 9,000 ahead.
    cuts = list(CLAUSE.finditer(before))
    before = before[cuts[-1].end() :] if cuts else before
    cut = CLAUSE.search(after)
    after = after[: cut.start()] if cut else after
    return before + found.group() + after
