"""ACH ratings proposed for new statements, from the ratings the analyst already gave.

How likely a statement would be under each hypothesis depends on what it says and on whether its
speaker has a stake (the accused confirming is rated as an admission, a neutral government's report
as a report; the speaker's grade is apart): a new statement that takes the same side on the same
proposition as statements already rated, from speakers with a stake as its own has or has not, is
proposed the rating the analyst gave them most often under each hypothesis, with that relevance,
and a rationale naming them. A self-serving statement is as
likely under every hypothesis (Heuer; the validator holds the ratings to it): N everywhere. Where the
analyst has rated nothing like it, nothing is proposed. A proposal is a draft: it enters the data only
when the analyst adds it, and the analyst's edit always wins.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..analysis.evidence import DIRECTION
from ..present.sentences import and_list

COLUMNS = ["statement_id", "hypothesis_id", "rating", "relevance", "rationale"]
SELF_SERVING = "N"
PRECEDENTS_NAMED = 3  # statements a rationale names; the count says how many more


def _side(stance: object) -> int | None:
    """The side a stance takes for rating purposes: +1, -1, or None ("uncertain", conditional)."""
    side = DIRECTION.get(str(stance), 0)
    return side or None


def _ids(values: pd.Series) -> list[str]:
    return sorted(str(v) for v in values)


def _stakes(sources: pd.DataFrame) -> dict[str, bool]:
    """Each source's stake (``interested``), whether the table holds booleans or their spellings."""
    if "interested" not in sources:
        return {}
    flags = sources["interested"].map(lambda v: str(v).strip().lower() == "true")
    return dict(zip(sources["source_id"].astype(str), flags, strict=True))


def propose_ratings(
    new: pd.DataFrame,
    statements: pd.DataFrame,
    ratings: pd.DataFrame,
    hypotheses: pd.Series,
    sources: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Proposed ratings (``COLUMNS``) for each row of ``new`` (statement_id, source_id, proposition_id,
    stance, self_serving) under each of ``hypotheses``, from the analyst's ``ratings`` of
    ``statements``; ``sources`` (every speaker's ``interested``) keeps statements from speakers with a
    stake apart from the others."""
    stake = _stakes(sources) if sources is not None else {}
    rated = ratings.merge(
        statements[["statement_id", "source_id", "proposition_id", "stance"]].astype({"statement_id": str}),
        on="statement_id",
    )
    rated["_side"] = rated["stance"].map(_side)
    rated["_stake"] = [stake.get(str(s), False) for s in rated["source_id"]]
    rows: list[dict[str, str]] = []
    for row in new.itertuples(index=False):
        sid, pid = str(row.statement_id), str(row.proposition_id)
        if str(getattr(row, "self_serving", "")).lower() == "true":
            why = "Self-serving (what the speaker's stake calls for): as likely under every hypothesis."
            rows += [_row(sid, h, SELF_SERVING, "low", why) for h in hypotheses]
            continue
        side = _side(row.stance)
        if side is None or not pid:
            continue
        mine = stake.get(str(getattr(row, "source_id", "")), False)
        like = rated[(rated["proposition_id"].astype(str) == pid) & (rated["_side"] == side)]
        like = like[like["_stake"] == mine]
        for hid in hypotheses:
            theirs = like[like["hypothesis_id"].astype(str) == str(hid)]
            if theirs.empty:
                continue
            rating = Counter(theirs["rating"].astype(str)).most_common(1)[0][0]
            agreeing = theirs[theirs["rating"].astype(str) == rating]
            relevance = Counter(agreeing["relevance"].astype(str)).most_common(1)[0][0]
            named = _ids(agreeing["statement_id"])
            more = len(named) - PRECEDENTS_NAMED
            cited = and_list(named[:PRECEDENTS_NAMED]) + (f" and {more} more" if more > 0 else "")
            why = (
                f"Proposed from the analyst's own ratings: {cited}, on the same proposition, taking the "
                f"same side, from speakers {'with' if mine else 'without'} a stake, were rated {rating} "
                f"under {hid} ({len(agreeing)} of {len(theirs)})."
            )
            rows.append(_row(sid, str(hid), rating, relevance, why))
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(sid: str, hid: object, rating: str, relevance: str, why: str) -> dict[str, str]:
    return {"statement_id": sid, "hypothesis_id": str(hid), "rating": rating, "relevance": relevance,
            "rationale": why}  # fmt: skip
