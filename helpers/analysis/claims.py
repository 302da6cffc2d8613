"""Troop-number claims: which compare like with like, by how much they differ, and on what."""

from __future__ import annotations

import math
from itertools import combinations

import pandas as pd

from .views import claims_table

__all__ = [
    "SCOPE", "claims_table", "compare_claims", "describe_pair", "range_supported", "spread", "spread_table",
]  # fmt: skip

SCOPE = ("location", "activity", "modality")  # the three must agree for counts to be comparable


def compare_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Every pair of claims: the ratio of the larger to the smaller, and where their scope differs.

    ``comparable`` is true only when location, activity and modality all agree; ``differs_on``
    also names a different as-of date, which matters for numbers that grow over time.
    """
    rows = []
    for (_, a), (_, b) in combinations(claims.iterrows(), 2):
        low, high = sorted((a, b), key=lambda c: c["count"])
        differs = [dim for dim in SCOPE if a[dim] != b[dim]]
        dated = ["as_of"] if a["as_of"] != b["as_of"] else []
        rows.append(
            {
                "smaller": low["claim_id"],
                "larger": high["claim_id"],
                "smaller_count": int(low["count"]),
                "larger_count": int(high["count"]),
                "ratio": high["count"] / low["count"],
                "comparable": not differs,
                "differs_on": ", ".join(differs + dated) or "nothing",
            }
        )
    return pd.DataFrame(rows)


def spread(claims: pd.DataFrame) -> dict[str, float] | None:
    """Smallest and largest count, their ratio and the orders of magnitude between them; None if no claims."""
    if claims.empty:
        return None
    low, high = float(claims["count_low"].min()), float(claims["count_high"].max())
    ratio = high / low
    return {"min": low, "max": high, "ratio": ratio, "orders_of_magnitude": math.log10(ratio)}


def spread_table(claims: pd.DataFrame) -> pd.DataFrame:
    """:func:`spread` as a one-row table, rounded for reading; no row when there are no claims."""
    found = spread(claims)
    columns = ["min", "max", "ratio", "orders_of_magnitude"]
    return pd.DataFrame([{k: round(v, 2) for k, v in found.items()}] if found else [], columns=columns)


def describe_pair(pair: pd.Series, claims: pd.DataFrame) -> str:
    """One plain sentence on whether two claims can be compared, and why not when they cannot."""
    by_id = claims.set_index("claim_id")
    a, b = by_id.loc[pair["smaller"]], by_id.loc[pair["larger"]]
    head = f"{b['source']}'s {b['count']:,} is {pair['ratio']:.1f}x {a['source']}'s {a['count']:,}"
    if pair["comparable"]:
        scope = f"{a['activity']} in {a['location']} ({a['modality']})"
        return f"{head}; both count troops {scope}, so they compare directly."
    parts = [f"{dim}: {a[dim]} vs {b[dim]}" for dim in SCOPE if a[dim] != b[dim]]
    return f"{head}, but they are not about the same thing ({'; '.join(parts)})."


def range_supported(claims: pd.DataFrame) -> tuple[float, float] | None:
    """Lowest and highest count that the given claims support, or None when there are none."""
    if claims.empty:
        return None
    return float(claims["count_low"].min()), float(claims["count_high"].max())
