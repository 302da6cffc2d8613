"""ACH ratings derived for new statements from the grid the analyst declared (``expectations.csv``).

Heuer's matrix asks, for each item of evidence and each hypothesis, how likely the item would be if
the hypothesis were true. Once the analyst has said what each hypothesis expects of each factual
proposition (true or false), a statement that takes a side on a proposition reads off the grid: it
is consistent (C) with a hypothesis that expects what it says and inconsistent (I) with one that
expects the opposite. An admission against interest is what its speaker would say only if it were
true, so it is very consistent or very inconsistent (CC, II) and highly relevant; "no evidence" is
weak evidence against, so it is rated with low relevance. A statement that affirms a narrower
proposition affirms the broader one it implies, so where the grid is silent on its own proposition
the nearest broader one that the hypothesis declares is read (a denial of the narrower says nothing
of the broader). Where the grid says nothing, nothing is derived here. Each derived rating carries a
rationale marked as derived that says which expectation it read; the analyst keeps or changes it.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.evidence import DIRECTION

DERIVED = "Derived from the declared expectations:"  # how a derived rationale begins
COLUMNS = ["statement_id", "hypothesis_id", "rating", "relevance", "rationale"]
_SAID = {"affirms": "affirms", "denies": "denies", "no evidence": "finds no evidence of"}
_RATING = {  # (consistent, an admission) -> rating
    (True, False): "C",
    (False, False): "I",
    (True, True): "CC",
    (False, True): "II",
}


def _grid(expectations: pd.DataFrame) -> dict[tuple[str, str], tuple[bool, str]]:
    """(hypothesis, proposition) -> (what it expects, why), from the declared rows."""
    return {
        (str(h), str(p)): (str(e).strip().lower() == "true", str(why))
        for h, p, e, why in zip(
            expectations["hypothesis_id"],
            expectations["proposition_id"],
            expectations["expects"],
            expectations["rationale"],
            strict=True,
        )
    }


def _broader(propositions: pd.DataFrame | None) -> dict[str, str]:
    """Each proposition's broader one, the one it ``implies`` (none for the broadest)."""
    if propositions is None or "implies" not in propositions:
        return {}
    return {
        str(p): str(b)
        for p, b in zip(propositions["proposition_id"], propositions["implies"], strict=True)
        if not pd.isna(b) and str(b).strip()
    }


def _declared(
    grid: dict[tuple[str, str], tuple[bool, str]], broader: dict[str, str], hid: str, pid: str, affirms: bool
) -> tuple[str, bool, str] | None:
    """The proposition whose expectation under ``hid`` a statement on ``pid`` reads, with that
    expectation: its own, or (affirming only) the nearest broader one declared."""
    seen: set[str] = set()
    at: str | None = pid
    while at is not None and at not in seen:
        if (hid, at) in grid:
            expects, why = grid[(hid, at)]
            return at, expects, why
        if not affirms:
            return None
        seen.add(at)
        at = broader.get(at)
    return None


def derive_ratings(
    new: pd.DataFrame,
    admissions: list[bool],
    expectations: pd.DataFrame,
    hypotheses: pd.Series,
    propositions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Ratings (``COLUMNS``) for each row of ``new`` (statement_id, proposition_id, stance) under each
    of ``hypotheses`` that declares an expectation of its proposition; ``admissions`` says which rows
    are admissions against interest. A self-serving statement is the caller's (N everywhere)."""
    grid, broader = _grid(expectations), _broader(propositions)
    rows = []
    for row, admission in zip(new.itertuples(index=False), admissions, strict=True):
        stance, pid = str(row.stance), str(row.proposition_id)
        side = DIRECTION.get(stance, 0)
        if not side or not pid:
            continue
        for hid in map(str, hypotheses):
            found = _declared(grid, broader, hid, pid, side > 0)
            if found is None:
                continue
            read, expects, why = found
            consistent = expects == (side > 0)
            rating = _RATING[(consistent, admission)]
            relevance = "high" if admission else "low" if stance == "no evidence" else "medium"
            rows.append(
                {
                    "statement_id": str(row.statement_id),
                    "hypothesis_id": hid,
                    "rating": rating,
                    "relevance": relevance,
                    "rationale": _rationale(hid, pid, read, expects, why, stance, rating),
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def _rationale(hid: str, pid: str, read: str, expects: bool, why: str, stance: str, rating: str) -> str:
    via = "" if read == pid else f" (through {read}, which {pid} implies)"
    said = {"affirms": "affirms", "denies": "denies", "no evidence": "finds no evidence of"}.get(
        stance, stance
    )
    return (
        f"{DERIVED} {hid} expects {read} to be {'true' if expects else 'false'} "
        f"(\u201c{' '.join(why.split())}\u201d); the statement {said} {pid}{via}: {rating}."
    )
