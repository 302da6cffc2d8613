"""How a draft compares with the rows curators wrote for the same document: the benchmark's measures.

- a curated statement is *proposed* when a draft quote overlaps it by at least half of the shorter of
  the two (a sentence proposed for a clause curated, or the reverse, counts);
- *precision* is the share of draft statements that overlap a curated one so;
- of the curated statements proposed, the *speaker* is right when the best-overlapping draft names the
  same source, or proposes a new one sharing a word of its name where the data lacked it; the *date*
  is right when ``said_on`` and ``said_on_earliest`` agree;
- a curated troop number is right when a draft claim on an overlapping statement has its count and bound.

What the analyst keeps is stricter: a curated statement is *kept unchanged* when its best-overlapping
draft has the same quote (word for word), speaker, relay, date, proposition and stance, so that
accepting the draft row gives the curated row (a closing stop or quotation marks around the same
words are no edit); a troop number is kept unchanged when a draft claim on
an overlapping statement has its count, bound, measure, place, modality and as-of date; a curated ACH
rating is kept when the rating proposed from the analyst's earlier ratings has its rating and
relevance; a curated credibility (of a statement on a fact) is kept when the grade proposed from the
analyst's earlier grades (the speaker's, else the relay's, else the channel's) is the same. A proposed
statement that is not kept is *edited*; a draft statement that overlaps none is *rejected*; a
curated statement no draft overlaps is *missed*.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from helpers.curate.credibility import propose_credibility
from helpers.curate.draft.drafting import Draft
from helpers.curate.draft.words import content
from helpers.curate.ratings import propose_ratings
from helpers.workbook import Workbook

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
    statements_kept: int = 0  # curated statements a draft row gives unchanged
    numbers_kept: int = 0  # curated troop numbers a draft claim gives unchanged
    ratings: int = 0  # curated ACH ratings of the document's statements
    ratings_kept: int = 0  # ... proposed unchanged (rating and relevance) from the earlier ratings
    credibility: int = 0  # curated credibility grades of the document's statements on facts
    credibility_kept: int = 0  # ... proposed unchanged from the earlier grades

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
            "statements kept": share(self.statements_kept, self.curated),
            "numbers kept": share(self.numbers_kept, self.numbers),
            "ratings kept": share(self.ratings_kept, self.ratings),
            "credibility kept": share(self.credibility_kept, self.credibility),
        }

    def fates(self) -> dict[str, int]:
        """What becomes of the rows, for the analyst: statements kept unchanged, edited, rejected
        (drafted, matching nothing curated) and missed (curated, never drafted)."""
        return {
            "kept": self.statements_kept,
            "edited": self.found - self.statements_kept,
            "rejected": self.proposed - self.matching,
            "missed": self.curated - self.found,
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
        speaker = _same_source(str(mine["source_id"]), str(row.source_id), wb, reference, draft)
        date = _same_date(mine, row)
        result.speakers += speaker
        result.dates += date
        proposition = str(mine["proposition_id"]) == str(row.proposition_id)
        if proposition:
            result.propositions_right += 1
        elif str(mine["proposition_id"] or ""):
            result.propositions_wrong += 1
        result.statements_kept += (
            speaker
            and date
            and proposition
            and _words(mine["quote"]) == _words(row.quote)
            and str(mine["stance"]) == str(row.stance)
            and _same_relay(mine["reported_by"], row.reported_by, wb, reference, draft)
        )
    result.matching = len(matched_drafts)
    result.ratings, result.ratings_kept = _ratings_kept(wb, curated, reference)
    result.credibility, result.credibility_kept = _credibility_kept(wb, curated, reference)
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
            place = _text(claim.place)
            result.places_right += bool((same["place"].map(_text) == place).any())
            as_of = pd.Timestamp(claim.as_of).strftime("%Y-%m-%d")
            kept = (
                (same["measure"] == measure)
                & (same["place"].map(_text) == place)
                & (same["modality"] == str(claim.modality))
                & (same["as_of"].astype(str) == as_of)
            )
            result.numbers_kept += bool(kept.any())
    return result


def _ratings_kept(wb: Workbook, curated: pd.DataFrame, reference: Workbook) -> tuple[int, int]:
    """How many of the curated ACH ratings of ``curated`` statements the proposals from the
    reference's ratings give unchanged (rating and relevance): the ratings the analyst keeps."""
    given = wb.ach_ratings[wb.ach_ratings["statement_id"].isin(curated["statement_id"])]
    proposed = propose_ratings(
        curated,
        reference.statements,
        reference.ach_ratings,
        wb.hypotheses["hypothesis_id"],
        wb.sources,
        wb.propositions,
        reference.expectations,
    )
    both = given.astype({"hypothesis_id": str}).merge(
        proposed, on=["statement_id", "hypothesis_id"], suffixes=("", "_p")
    )
    same = (both["rating"].astype(str) == both["rating_p"]) & (
        both["relevance"].astype(str) == both["relevance_p"]
    )
    return len(given), int(same.sum())


def _credibility_kept(wb: Workbook, curated: pd.DataFrame, reference: Workbook) -> tuple[int, int]:
    """How many of the curated credibility grades of ``curated`` statements on facts the grades
    proposed from the reference's grades give unchanged: the grades the analyst keeps."""
    facts = set(wb.propositions.loc[wb.propositions["kind"] == "fact", "proposition_id"].astype(str))
    graded = curated[curated["proposition_id"].astype(str).isin(facts) & curated["credibility"].notna()]
    proposed = propose_credibility(graded, reference.statements, wb.sources, wb.propositions)
    same = [
        str(int(given)) == grade
        for given, grade in zip(graded["credibility"], proposed["credibility"], strict=True)
    ]
    return len(graded), sum(same)


def _text(value: object) -> str:
    """A cell as text to compare: blank for a missing value, whitespace runs as one space."""
    return (
        ""
        if value is None or (not isinstance(value, str) and pd.isna(value))
        else " ".join(str(value).split())
    )


_EDGES = " \t\n\"'“”‘’.,;:"


def _words(quote: object) -> str:
    """A quote's words: the same verbatim words with or without the sentence's closing stop or the
    quotation marks around them are the same quote to keep."""
    return _text(quote).strip(_EDGES)


def _same_relay(mine: object, theirs: object, wb: Workbook, reference: Workbook, draft: Draft) -> bool:
    proposed, curated = _text(mine), _text(theirs)
    if not proposed or not curated:
        return proposed == curated
    return _same_source(proposed, curated, wb, reference, draft)


def _same_source(proposed: str, theirs: str, wb: Workbook, reference: Workbook, draft: Draft) -> bool:
    """Whether the draft's source is the curated one: the same id, or a new source sharing a word of
    its name where the data given to the drafter lacked it."""
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
