"""Who takes which side on what, and who answers whom."""

from __future__ import annotations

import pandas as pd

from ..columnar import isin
from ..workbook import Workbook
from .views import graded_statements


def stance_matrix(wb: Workbook) -> pd.DataFrame:
    """Propositions x sources: each source's stances on each proposition, in date order."""
    graded = graded_statements(wb).sort_values(["said_on", "statement_id"])
    joined = graded.groupby(["proposition_id", "source"], observed=True)["stance"].agg(
        lambda s: " → ".join(dict.fromkeys(s.astype(str)))
    )
    matrix = joined.astype(str).unstack("source").fillna("")
    texts = wb.propositions.set_index("proposition_id")["text"]
    matrix.index = [texts[p] for p in matrix.index]
    matrix.index.name = "proposition"
    return matrix


def response_chains(wb: Workbook, graded: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every statement that answers or revises another, beside the one it answers, in date order.

    ``graded`` (as from :func:`graded_statements`) limits the chains to replies and answered
    statements that are both in it.
    """
    graded = graded_statements(wb) if graded is None else graded
    columns = ["statement_id", "source", "source_id", "said_on", "stance"]
    replies = graded.loc[graded["responds_to"].notna(), [*columns, "responds_to"]]
    answered = graded.loc[isin(graded["statement_id"], replies["responds_to"]), columns]
    pairs = replies.merge(answered, left_on="responds_to", right_on="statement_id", suffixes=("_r", "_f"))
    out = pd.DataFrame(
        {
            "first": pairs["statement_id_f"],
            "first_source": pairs["source_f"],
            "first_said_on": pairs["said_on_f"],
            "first_stance": pairs["stance_f"].astype(str),
            "reply": pairs["statement_id_r"],
            "reply_source": pairs["source_r"],
            "reply_said_on": pairs["said_on_r"],
            "reply_stance": pairs["stance_r"].astype(str),
            "same_source": pairs["source_id_f"].astype(str) == pairs["source_id_r"].astype(str),
        }
    )
    return out.sort_values(["first_said_on", "first", "reply"]).reset_index(drop=True)


def shifts(wb: Workbook) -> pd.DataFrame:
    """Sources whose stance on one proposition changed over time (e.g. "uncertain → affirms")."""
    matrix = stance_matrix(wb)
    long = matrix.stack().astype(str)  # an empty matrix stacks to floats
    moved = long[long.str.contains("→", regex=False)].rename("stances").reset_index()
    # Two stances on one day are one answer read two ways, not a change of position.
    graded = graded_statements(wb)
    texts = wb.propositions.set_index("text")["proposition_id"]
    days = graded.groupby(["proposition_id", "source"], observed=True)["said_on"].nunique()
    spans = [days.get((texts[p], s), 1) for p, s in zip(moved["proposition"], moved["source"], strict=True)]
    return moved[[span > 1 for span in spans]].reset_index(drop=True)


def stance_list(wb: Workbook) -> pd.DataFrame:
    """:func:`stance_matrix` as one row per proposition and source that spoke to it: readable at any size."""
    long = stance_matrix(wb).stack().astype(str)
    long = long[long != ""]
    return long.rename("stances").reset_index().rename(columns={"level_1": "source"})
