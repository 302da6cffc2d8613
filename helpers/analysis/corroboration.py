"""Corroboration: how many independent channels stand behind each side of a proposition.

A statement counts for the propositions it bears on by implication too (see
:func:`helpers.analysis.balance.bearing_on`): affirming a narrower proposition affirms the broader.
"""

from __future__ import annotations

import pandas as pd

from ..workbook import Workbook
from .balance import bearing_on
from .views import current_statements

SIDES = (("affirms", "affirming"), ("denies", "denying"), ("no evidence", "no_evidence"))
COUNTS = ("sources", "channels", "disinterested")


def corroboration(wb: Workbook, statements: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per proposition: who takes each side, counted three ways.

    ``*_sources`` counts distinct speakers; ``*_channels`` distinct collection channels (sources on
    one channel are not independent witnesses, so this is the count that corroborates);
    ``*_disinterested`` channels with at least one source that has no direct stake. Current
    statements only (none their channel revised), unless ``statements`` are given; each counts for
    its own proposition and for those it bears on by implication.
    """
    said = current_statements(wb) if statements is None else statements
    bearing = bearing_on(said, wb.propositions)
    groups = dict(tuple(bearing.groupby("target", sort=False))) if len(bearing) else {}
    empty = bearing.iloc[0:0]
    rows = []
    for prop in wb.propositions.itertuples():
        about = groups.get(prop.proposition_id, empty)
        row = {"proposition_id": prop.proposition_id, "proposition": prop.text, "statements": len(about)}
        for stance, label in SIDES:
            side = about[about["stance"] == stance]
            row[f"{label}_sources"] = side["source_id"].nunique()
            row[f"{label}_channels"] = side["channel"].nunique()
            row[f"{label}_disinterested"] = side.loc[~side["interested"].astype(bool), "channel"].nunique()
        row["uncertain_sources"] = about.loc[about["stance"] == "uncertain", "source_id"].nunique()
        rows.append(row)
    columns = ["proposition_id", "proposition", "statements"]
    columns += [f"{label}_{count}" for _, label in SIDES for count in COUNTS]
    return pd.DataFrame(rows, columns=[*columns, "uncertain_sources"])
