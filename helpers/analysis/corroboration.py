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
    stance = bearing["stance"].astype(str)
    target = bearing["target"].astype(str)
    out = pd.DataFrame(
        {
            "proposition_id": wb.propositions["proposition_id"].astype(str),
            "proposition": wb.propositions["text"],
        }
    )
    key = out["proposition_id"]
    out["statements"] = key.map(target.value_counts()).fillna(0).astype(int).to_numpy()
    disinterested = bearing["channel"].where(~bearing["interested"].astype(bool))
    for value, label in SIDES:
        on_side = (stance == value).to_numpy()
        grouped = bearing[on_side].assign(_free=disinterested[on_side]).groupby(target[on_side], sort=False)
        counts = {
            "sources": grouped["source_id"].nunique(),
            "channels": grouped["channel"].nunique(),
            "disinterested": grouped["_free"].nunique(),
        }
        for count, series in counts.items():
            out[f"{label}_{count}"] = key.map(series).fillna(0).astype(int).to_numpy()
    uncertain = (stance == "uncertain").to_numpy()
    out["uncertain_sources"] = (
        key.map(bearing[uncertain].groupby(target[uncertain], sort=False)["source_id"].nunique())
        .fillna(0)
        .astype(int)
        .to_numpy()
    )
    return out.reset_index(drop=True)
