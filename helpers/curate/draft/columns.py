"""The columns of the draft tables (schema version 5, then the drafter's own), and rows fitted to the
columns a data folder's table actually has, which may be an older version's."""

from __future__ import annotations

import pandas as pd

EXTRA = ("confidence", "reason")  # the drafter's own columns: never written into the data
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "document_id", "title", "outlet", "publisher", "published", "published_basis", "path", "url",
        "sha256", "notes",
    ),
    "sources": (
        "source_id", "label", "name", "kind", "country", "alignment", "channel", "interested",
        "reliability", "reliability_rationale",
    ),
    "statements": (
        "statement_id", "document_id", "source_id", "reported_by", "said_on", "said_on_earliest",
        "said_on_precision", "said_on_basis", "quote", "attribution", "proposition_id", "stance", "hedge",
        "self_serving", "credibility", "credibility_rationale", "responds_to", "same_as",
    ),
    "troop_claims": (
        "claim_id", "statement_id", "count", "count_low", "count_high", "bound", "location", "place",
        "measure", "modality", "as_of", "as_of_precision", "authoritative", "notes",
    ),
    "ach_ratings": ("statement_id", "hypothesis_id", "rating", "relevance", "rationale"),
}  # fmt: skip
# Extra columns of the draft statements: where the quote stands in the text, and the words naming the speaker.
STATEMENT_EXTRA = ("quote_start", "quote_end", "speaker_as_written")
# Data at schema version 4 says what troops do (activity) where version 5 says what a number counts.
ACTIVITY_OF_MEASURE = {
    "sent to": "sent",
    "present in": "present",
    "preparing for combat": "preparing for combat",
    "in combat": "in combat",
    "killed": "in combat",
    "wounded": "in combat",
    "killed or wounded": "in combat",
    "killed or wounded in a week": "in combat",
    "captured": "in combat",
}


def draft_columns(table: str) -> list[str]:
    """The columns of a draft table: the data's, then the drafter's own."""
    extra = STATEMENT_EXTRA if table == "statements" else ("article_file",) if table == "documents" else ()
    return [*COLUMNS[table], *extra, *EXTRA]


def fit(rows: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    """``rows`` with exactly the columns of ``header``, in its order: missing ones blank, the
    drafter's own left out, and a version 4 table's ``activity`` derived from ``measure``."""
    out = rows.copy()
    if "activity" in header and "activity" not in out and "measure" in out:
        out["activity"] = out["measure"].map(ACTIVITY_OF_MEASURE).fillna("")
    for column in header:
        if column not in out:
            out[column] = ""
    return out[header]
