"""Who takes which side on what, and who answers whom."""

from __future__ import annotations

import pandas as pd

from .grades import graded_statements
from .loader import Workbook


def stance_matrix(wb: Workbook) -> pd.DataFrame:
    """Propositions x sources: each source's stances on each proposition, in date order."""
    graded = graded_statements(wb).sort_values(["said_on", "statement_id"])
    joined = graded.groupby(["proposition_id", "source"], observed=True)["stance"].agg(
        lambda s: " → ".join(dict.fromkeys(s.astype(str)))
    )
    matrix = joined.unstack("source").fillna("")
    texts = wb.propositions.set_index("proposition_id")["text"]
    matrix.index = [texts[p] for p in matrix.index]
    matrix.index.name = "proposition"
    return matrix


def response_chains(wb: Workbook) -> pd.DataFrame:
    """Every statement that answers or revises another, beside the one it answers, in date order."""
    graded = graded_statements(wb).set_index("statement_id")
    replies = graded[graded["responds_to"].notna()]
    rows = []
    for sid, reply in replies.iterrows():
        first = graded.loc[reply["responds_to"]]
        rows.append(
            {
                "first": reply["responds_to"],
                "first_source": first["source"],
                "first_said_on": first["said_on"],
                "first_stance": str(first["stance"]),
                "reply": sid,
                "reply_source": reply["source"],
                "reply_said_on": reply["said_on"],
                "reply_stance": str(reply["stance"]),
                "same_source": first["source_id"] == reply["source_id"],
            }
        )
    return pd.DataFrame(rows).sort_values(["first_said_on", "first", "reply"]).reset_index(drop=True)


def shifts(wb: Workbook) -> pd.DataFrame:
    """Sources whose stance on one proposition changed over time (e.g. "uncertain → affirms")."""
    matrix = stance_matrix(wb)
    long = matrix.stack()
    moved = long[long.str.contains("→")]
    return moved.rename("stances").reset_index()
