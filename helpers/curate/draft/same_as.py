"""Earlier reports of the same remark: a draft statement whose words match a statement already in the
data (or an earlier one of the same draft) from the same speaker, by ``rapidfuzz``'s token-set ratio,
or that repeats the same troop count.

A candidate, never a decision: one remark reported twice counts once, so a human confirms each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, process

ALIKE = 80  # token-set ratio (0-100) at which two quotes of one speaker may report one remark


@dataclass(frozen=True)
class Candidate:
    """An earlier statement that may report the same remark, and why."""

    statement_id: str
    score: float
    reason: str


def candidate(
    quote: str,
    source_id: str,
    counts: set[int],
    existing: pd.DataFrame,
    existing_counts: dict[str, set[int]],
) -> Candidate | None:
    """The earliest statement of ``existing`` (statement_id, source_id, quote, said_on) by the same
    speaker whose quote is alike, or that gives one of the same troop ``counts``."""
    if existing.empty or not source_id:
        return None
    same = existing[existing["source_id"].astype(str) == source_id]
    rows = zip(same["statement_id"].astype(str), same["quote"].astype(str), same["said_on"], strict=True)
    return candidate_among(quote, counts, rows, existing_counts)


def candidate_among(
    quote: str,
    counts: set[int],
    rows: Iterable[tuple[str, str, object]],
    existing_counts: dict[str, set[int]],
) -> Candidate | None:
    """As :func:`candidate`, among the same speaker's (statement_id, quote, said_on) ``rows``: plain
    tuples, so that a draft of thousands of statements compares each with the earlier ones in C."""
    rows = list(rows)
    if not rows:
        return None
    # Every score at once, in C: a draft of thousands of statements by one speaker stays fast.
    scores = process.cdist([quote.lower()], [str(r[1]).lower() for r in rows], scorer=fuzz.token_set_ratio)[0]
    best: tuple[object, str, float, str] | None = None  # said_on, statement_id, score, reason
    for (statement_id, _, said_on), score in zip(rows, scores.tolist(), strict=True):
        if best is not None and (said_on, statement_id) >= best[:2]:
            continue  # only the earliest is kept: no need to say why the others match
        shared = counts & existing_counts.get(statement_id, set())
        if score >= ALIKE:
            reason = f"the same speaker's words match {statement_id} ({score:.0f}% alike)"
        elif shared:
            reason = f"the same speaker gives the same count ({min(shared):,}) in {statement_id}"
        else:
            continue
        best = (said_on, statement_id, float(score), reason)
    return None if best is None else Candidate(best[1], best[2], best[3])
