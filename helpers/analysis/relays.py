"""Reporting chains: who said it, who relayed it, and which outlet published it.

A newspaper relaying a statement is not a second witness: the chain shows how each statement
reached the page, so that a reader can see which reports share one origin.
"""

from __future__ import annotations

import pandas as pd

from ..frames import keyed, lookup
from ..workbook import Workbook
from .views import graded_statements

NOT_NAMED = "(outlet not named)"
CHAIN_COLUMNS = ["speaker", "relay", "outlet", "statements", "statement_ids"]


def reporting_chains(wb: Workbook) -> pd.DataFrame:
    """One row per distinct chain speaker -> relay (empty when direct) -> outlet, with its statements."""
    graded = graded_statements(wb)
    if graded.empty:
        return pd.DataFrame(columns=CHAIN_COLUMNS)
    docs = keyed(wb.documents, "document_id")
    frame = pd.DataFrame(
        {
            "speaker": graded["source"].astype(str),
            "relay": graded["reported_by_label"].fillna("").astype(str),
            "outlet": lookup(graded["document_id"], docs["outlet"]).fillna(NOT_NAMED).astype(str),
            "statement_id": graded["statement_id"].astype(str),
        }
    )
    chains = frame.groupby(["speaker", "relay", "outlet"], sort=True).agg(
        statements=("statement_id", "size"), statement_ids=("statement_id", ", ".join)
    )
    return (
        chains.reset_index().sort_values(["outlet", "relay", "speaker"], kind="stable").reset_index(drop=True)
    )
