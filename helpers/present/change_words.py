"""A change of judgement in words: what the analyst held before and after, and which way it moved.

The analysis floor (:func:`helpers.analysis.judgements.history`) records the terms and the steps
between them; this module only says them, as "Change from previous analysis" prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def held_words(likelihood: str, confidence: str) -> str:
    """A judgement's term and confidence: ``likely, moderate confidence``."""
    return f"{likelihood}, {confidence} confidence"


def _moved(what: str, steps: int) -> list[str]:
    return [f"{what} up" if steps > 0 else f"{what} down"] if steps else []


def change_words(row: Mapping[str, Any]) -> str:
    """What moved between two judgements of one history row: ``likelihood up, confidence down``, or
    ``unchanged; reasoning revised`` when only the argument did."""
    parts = _moved("likelihood", int(row["likelihood_steps"])) + _moved(
        "confidence", int(row["confidence_steps"])
    )
    return ", ".join(parts) or "unchanged; reasoning revised"
