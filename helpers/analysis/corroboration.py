"""Corroboration and weighted support: how many, and how independent, are a proposition's backers."""

from __future__ import annotations

import pandas as pd

from ..workbook import Workbook
from .grades import statement_weights
from .views import graded_statements

COUNTS = ("sources", "alignments", "disinterested")


def corroboration(wb: Workbook) -> pd.DataFrame:
    """Per proposition: sources that affirm and deny it, counted three ways.

    ``*_sources`` counts distinct sources; ``*_alignments`` distinct alignments (three allies agreeing
    are less independent than three camps); ``*_disinterested`` sources with no direct stake.
    """
    graded = graded_statements(wb)
    rows = []
    for prop in wb.propositions.itertuples():
        said = graded[graded["proposition_id"] == prop.proposition_id]
        row = {"proposition_id": prop.proposition_id, "proposition": prop.text, "statements": len(said)}
        for stance, label in (("affirms", "affirming"), ("denies", "denying")):
            side = said[said["stance"] == stance]
            row[f"{label}_sources"] = side["source_id"].nunique()
            row[f"{label}_alignments"] = side["alignment"].nunique()
            row[f"{label}_disinterested"] = side.loc[~side["interested"].astype(bool), "source_id"].nunique()
        row["uncertain_sources"] = said.loc[said["stance"] == "uncertain", "source_id"].nunique()
        rows.append(row)
    columns = ["proposition_id", "proposition", "statements"]
    columns += [f"{side}_{count}" for side in ("affirming", "denying") for count in COUNTS]
    return pd.DataFrame(rows, columns=[*columns, "uncertain_sources"])


def weighted_support(
    wb: Workbook,
    reliability_weights: dict[str, float] | None = None,
    credibility_weights: dict[int, float] | None = None,
    exclude_interested: bool = False,
    statements: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per proposition: summed weight of affirming and denying statements, and the net.

    A statement's weight is its reliability weight times its credibility weight. ``support`` is
    affirming weight over affirming plus denying weight (NaN when nothing affirms or denies).
    """
    graded = graded_statements(wb) if statements is None else statements
    if exclude_interested:
        graded = graded[~graded["interested"].astype(bool)]
    weights = statement_weights(graded, reliability_weights, credibility_weights).to_numpy()
    frame = pd.DataFrame(
        {
            "proposition_id": graded["proposition_id"].astype(str).to_numpy(),
            "affirming": weights * (graded["stance"] == "affirms").to_numpy(),
            "denying": weights * (graded["stance"] == "denies").to_numpy(),
        }
    )
    sums = frame.groupby("proposition_id")[["affirming", "denying"]].sum()
    out = (
        wb.propositions.set_index("proposition_id")[["text"]]
        .join(sums)
        .fillna({"affirming": 0.0, "denying": 0.0})
    )
    out["net"] = out["affirming"] - out["denying"]
    total = out["affirming"] + out["denying"]
    out["support"] = (out["affirming"] / total).where(total > 0)
    return out.reset_index()
