"""Numbers in sentences: a count with its noun in the right number."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``3 hypotheses`` (``many`` for irregular plurals)."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
