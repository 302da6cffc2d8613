"""How a draft compares with the rows curators wrote for the same document: the benchmark's measures.

- a curated statement is *proposed* when a draft quote overlaps it by at least half of the shorter of
  the two (a sentence proposed for a clause curated, or the reverse, counts);
- *precision* is the share of draft statements that overlap a curated one so;
- of the curated statements proposed, the *speaker* is right when the best-overlapping draft names the
  same source, or proposes a new one sharing a word of its name where the data lacked it; the *date*
  is right when ``said_on`` and ``said_on_earliest`` agree;
- a curated troop number is right when a draft claim on an overlapping statement has its count and bound.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from ...workbook import Workbook
from .drafting import Draft
from .words import content

OVERLAP = 0.5
TARGETS = {"statements": 0.85, "numbers": 0.95, "dates": 0.90, "speakers": 0.80, "precision": 0.60}
# Version 4 data counted troops "to be sent"; version 5 says "sent to", intended or forecast.
MEASURE_V5 = {"to be sent": "sent to"}


@dataclass
class Score:
    """Counts for one document or many (scores add up)."""

    curated: int = 0
    proposed: int = 0
    found: int = 0
    matching: int = 0
    speakers: int = 0
    dates: int = 0
    numbers: int = 0
    numbers_right: int = 0
    measures_right: int = 0
    places_right: int = 0
    propositions_right: int = 0  # of the curated statements proposed, the proposition the same
    propositions_wrong: int = 0  # ... a proposition proposed, but another one (blank is not wrong)

    def __add__(self, other: Score) -> Score:
        return Score(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def shares(self) -> dict[str, float | None]:
        """Each measure as a share of what it counts (None where there is nothing to count)."""

        def share(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "statements": share(self.found, self.curated),
            "numbers": share(self.numbers_right, self.numbers),
            "dates": share(self.dates, self.found),
            "speakers": share(self.speakers, self.found),
            "precision": share(self.matching, self.proposed),
            "measures": share(self.measures_right, self.numbers),
            "places": share(self.places_right, self.numbers),
            "propositions": share(self.propositions_right, self.found),
            "propositions wrong": share(self.propositions_wrong, self.found),
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    shorter = max(1, min(a[1] - a[0], b[1] - b[0]))
    return shared / shorter


def score(draft: Draft, wb: Workbook, document_id: str, reference: Workbook) -> Score:
    """Compare ``draft`` of ``document_id`` with the curated rows of ``wb``; ``reference`` is the data
    the drafter was given (without this document), which tells which speakers it could know."""
    curated = wb.statements[wb.statements["document_id"] == document_id]
    drafted = draft.statements
    spans = [(int(s), int(e)) for s, e in zip(drafted["quote_start"], drafted["quote_end"], strict=True)]
    result = Score(curated=len(curated), proposed=len(drafted))
    matched_drafts: set[int] = set()
    best_of: dict[str, int] = {}
    for row in curated.itertuples(index=False):
        theirs = (int(row.quote_start), int(row.quote_end))
        scored = [(_overlaps(theirs, mine), i) for i, mine in enumerate(spans)]
        good = [(o, i) for o, i in scored if o >= OVERLAP]
        matched_drafts |= {i for _, i in good}
        if not good:
            continue
        result.found += 1
        best = max(good)[1]
        best_of[str(row.statement_id)] = best
        mine = drafted.iloc[best]
        result.speakers += _same_speaker(mine, row, wb, reference, draft)
        result.dates += _same_date(mine, row)
        if str(mine["proposition_id"]) == str(row.proposition_id):
            result.propositions_right += 1
        elif str(mine["proposition_id"] or ""):
            result.propositions_wrong += 1
    result.matching = len(matched_drafts)
    claims = wb.troop_claims[wb.troop_claims["statement_id"].isin(curated["statement_id"])]
    for claim in claims.itertuples(index=False):
        result.numbers += 1
        statement = curated[curated["statement_id"] == claim.statement_id].iloc[0]
        theirs = (int(statement.quote_start), int(statement.quote_end))
        near = {
            str(drafted.iloc[i]["statement_id"])
            for i, mine in enumerate(spans)
            if _overlaps(theirs, mine) >= OVERLAP
        }
        mine = draft.troop_claims[draft.troop_claims["statement_id"].isin(near)]
        same = mine[(mine["count"].astype(int) == int(claim.count)) & (mine["bound"] == str(claim.bound))]
        if len(same):
            result.numbers_right += 1
            measure = MEASURE_V5.get(str(claim.measure), str(claim.measure))
            result.measures_right += bool((same["measure"] == measure).any())
            result.places_right += bool((same["place"] == str(claim.place)).any())
    return result


def _same_speaker(mine: pd.Series, row: Any, wb: Workbook, reference: Workbook, draft: Draft) -> bool:
    theirs = str(row.source_id)
    proposed = str(mine["source_id"])
    if proposed == theirs:
        return True
    if theirs in set(reference.sources["source_id"]) or proposed not in set(draft.sources["source_id"]):
        return False
    # The data lacked this speaker: a new source is right when it names the same one.
    known = wb.sources[wb.sources["source_id"] == theirs].iloc[0]
    new = draft.sources[draft.sources["source_id"] == proposed].iloc[0]
    return bool(content(f"{known['label']} {known['name']}") & content(f"{new['label']} {new['name']}"))


def _same_date(mine: pd.Series, row: Any) -> bool:
    said = pd.Timestamp(row.said_on).strftime("%Y-%m-%d")
    earliest = getattr(row, "said_on_earliest", None)
    theirs_earliest = (
        "" if earliest is None or pd.isna(earliest) else pd.Timestamp(earliest).strftime("%Y-%m-%d")
    )
    return bool(mine["said_on"] == said and str(mine["said_on_earliest"] or "") == theirs_earliest)


def without_document(wb: Workbook, document_id: str) -> Workbook:
    """``wb`` as it stood before ``document_id`` was curated: its rows gone, and the sources and
    propositions that only its statements used."""
    st = wb.statements
    mine = st["document_id"] == document_id
    rest = st[~mine]
    used = set(rest["source_id"].astype(str)) | set(rest["reported_by"].dropna().astype(str))
    props = set(rest["proposition_id"].astype(str))
    return wb.with_tables(
        documents=wb.documents[wb.documents["document_id"] != document_id],
        statements=rest,
        troop_claims=wb.troop_claims[~wb.troop_claims["statement_id"].isin(st[mine]["statement_id"])],
        sources=wb.sources[wb.sources["source_id"].isin(used)],
        propositions=wb.propositions[wb.propositions["proposition_id"].isin(props)],
        ach_ratings=wb.ach_ratings[~wb.ach_ratings["statement_id"].isin(st[mine]["statement_id"])],
    )
