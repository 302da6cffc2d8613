"""How much of the evidence can carry weight, what stops the rest, and what the analyst must still
decide: "valid" says the contract holds; this says how much the valid data can bear."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..workbook import Workbook
from .origins import CURATED, column_origin, origins, stored
from .views import views

# Why a statement weighs nothing, the first that applies, in this order.
STOPS = (
    "not-a-fact",  # on a demand, intention, judgement, interpretation or forecast: never weighed
    "no-publisher",  # its document names no graded publisher
    "link-f",  # speaker, relay or outlet graded F: reliability cannot be judged
    "ungraded",  # on a fact, but no credibility
    "credibility-6",  # truth cannot be judged
    "self-serving",  # what the speaker's stake calls for
)
# Loader defaults the analyst is asked to decide (blanket readings that move conclusions). A blank
# place is not among them: the column says a blank is a document that names none, a decision too.
DECIDE = {
    ("documents", "publisher"),
    ("sources", "channel"),
    ("troop_claims", "as_of_precision"),
    ("ach_ratings", "relevance"),
}


@dataclass(frozen=True)
class Weighable:
    """How much of the evidence weighs, and what stops the rest."""

    statements: int
    weighing: int  # statements whose grades and chain let them carry weight
    stopped: dict[str, int]  # reason (``STOPS``) -> statements it stops
    documents: int
    unpublished: tuple[str, ...]  # documents with no graded publisher
    unpublished_statements: int  # their statements
    sources: int
    default_channels: tuple[str, ...]  # sources whose channel is a default
    to_decide: pd.DataFrame  # table, column, origin, rule, rows (keys), count


def _stops(wb: Workbook) -> pd.Series:
    """Each graded statement's first stop (``STOPS``), empty where it carries weight."""
    graded = views(wb).graded
    kinds = wb.propositions.set_index("proposition_id")["kind"].astype(str)
    fact = graded["proposition_id"].map(kinds).eq("fact").to_numpy()
    reasons = np.select(
        [
            ~fact,
            ~graded["publisher_known"].to_numpy(dtype=bool),
            (graded["reliability"].astype(str) == "F").to_numpy(),
            graded["credibility"].isna().to_numpy(),
            (graded["credibility"] == 6).fillna(False).to_numpy(dtype=bool),
            graded["self_serving"].to_numpy(dtype=bool),
        ],
        list(STOPS),
        "",
    )
    return pd.Series(reasons, index=graded.index)


def weighable(wb: Workbook) -> Weighable:
    """How much of ``wb``'s evidence can carry weight, and what the analyst must still decide."""
    return views(wb).memo("weighable", lambda: _weighable(wb))


def _weighable(wb: Workbook) -> Weighable:
    stops = _stops(wb)
    graded = views(wb).graded
    publisher = column_origin(wb, "documents", "publisher")
    unpublished = wb.documents.loc[(publisher != CURATED).to_numpy(), "document_id"].astype(str)
    channel = column_origin(wb, "sources", "channel")
    defaults = wb.sources.loc[(channel != CURATED).to_numpy(), "source_id"].astype(str)
    return Weighable(
        statements=len(graded),
        weighing=int((stops == "").sum()),
        stopped={s: int((stops == s).sum()) for s in STOPS if (stops == s).any()},
        documents=len(wb.documents),
        unpublished=tuple(unpublished),
        unpublished_statements=int(graded["document_id"].isin(unpublished).sum()),
        sources=len(wb.sources),
        default_channels=tuple(defaults),
        to_decide=_to_decide(wb),
    )


def _to_decide(wb: Workbook) -> pd.DataFrame:
    """The values nobody curated that the analyst should decide, grouped by table, column, origin
    and rule: what ``migrate`` and ``draft`` wrote into the files, and the blanket defaults that
    move conclusions."""
    found = origins(wb)
    columns = ["table", "column", "origin", "rule", "rows", "count"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    held = stored(wb)
    written = set(zip(held["table"], held["row"], held["column"], strict=True))
    keep = [
        (t, c) in DECIDE or (t, r, c) in written
        for t, r, c in zip(found["table"], found["row"], found["column"], strict=True)
    ]
    found = found[keep]
    grouped = found.groupby(["table", "column", "origin", "rule"], sort=False).agg(
        rows=("row", tuple), count=("row", "size")
    )
    return grouped.reset_index()[columns]


__all__ = ["DECIDE", "STOPS", "Weighable", "weighable"]
