"""Find a statement's quote in its document: exact offsets, or the closest passage when it is not there."""

from __future__ import annotations

from difflib import SequenceMatcher

# One-for-one replacements, so offsets in the straightened text are offsets in the original.
_STRAIGHT = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
     "\u201e": '"', "\u201f": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)  # fmt: skip


def straighten(text: str) -> str:
    """Replace curly quotes, en and em dashes and no-break spaces by their plain forms."""
    return text.translate(_STRAIGHT)


def closest_passage(document: str, quote: str) -> tuple[str, str]:
    """Return the passage of ``document`` nearest to ``quote`` and a hint at the likely cause."""
    at = straighten(document).find(straighten(quote))
    if at >= 0:
        return (
            document[at : at + len(quote)],
            "it differs only in quotation marks, apostrophes or dashes (straight vs curly)",
        )
    lowered = document.lower().find(quote.lower())
    if lowered >= 0:
        return document[lowered : lowered + len(quote)], "it differs only in upper and lower case"
    match = SequenceMatcher(None, document, quote, autojunk=False).find_longest_match(
        0, len(document), 0, len(quote)
    )
    start = max(0, match.a - match.b)
    return document[start : start + len(quote)], "copy the words exactly as the document has them"
