"""The columns of the draft tables (the schema's, then the drafter's own), and rows fitted to the
columns a data folder's table actually has, which may be an older version's."""

from __future__ import annotations

import pandas as pd

from ...schema import BY_NAME

EXTRA = ("confidence", "reason")  # the drafter's own columns: never written into the data
# The data's own columns, as the schema declares them: a column declared there (an optional one
# included) reaches every draft, blank where the drafter has nothing to say, with no edit here.
DRAFTED_TABLES = ("documents", "sources", "statements", "troop_claims", "ach_ratings")
COLUMNS: dict[str, tuple[str, ...]] = {name: tuple(BY_NAME[name].column_names) for name in DRAFTED_TABLES}
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
