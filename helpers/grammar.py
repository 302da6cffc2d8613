"""Numbers in sentences: a count with its noun in the right number."""

from __future__ import annotations

import re
from collections.abc import Iterable


def plural(n: int, one: str, many: str | None = None) -> str:
    """The noun alone, in the number that ``n`` asks for (``many`` for irregular plurals)."""
    return one if n == 1 else (many or one + "s")


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``3 hypotheses`` (``many`` for irregular plurals)."""
    return f"{n:,} {plural(n, one, many)}"


def with_article(noun: str) -> str:
    """``noun`` after "a" or "an", by its first letter (enough for the workbook's own words)."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def spelt(n: int, one: str, many: str | None = None) -> str:
    """``one band``, ``two bands``: small counts in words, as prose writes them; larger in figures."""
    head = NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"
    return f"{head} {plural(n, one, many)}"


def in_id_order(ids: Iterable[object]) -> list[str]:
    """Identifiers as a sentence lists them: in the order they were numbered (S47 before S107)."""

    def number(i: str) -> tuple[int, str]:
        digits = re.sub(r"\D", "", i)
        return (int(digits) if digits else 0, i)

    return sorted((str(i) for i in ids), key=number)
