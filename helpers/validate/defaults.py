"""Fill what older data lacks: optional tables and columns, with the defaults the catalog states."""

from __future__ import annotations

import pandas as pd

from .catalog import OPTIONAL_DATES, OPTIONAL_TABLES

MEASURE_OF_ACTIVITY = {
    "sent": "sent to",
    "training": "present in",
    "non-combat support": "present in",
    "present": "present in",
    "preparing for combat": "preparing for combat",
    "in combat": "in combat",
}


def _text(values: pd.Series | list, index: pd.Index) -> pd.Series:
    return pd.Series(values, index=index, dtype="str")


def complete(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``frames`` with every optional table and troop-claim column present (see the catalog)."""
    out = dict(frames)
    for name, columns in OPTIONAL_TABLES.items():
        if name not in out:
            dates = OPTIONAL_DATES.get(name, ())
            out[name] = pd.DataFrame(
                {c: pd.Series(dtype="datetime64[ns]" if c in dates else "str") for c in columns}
            )
    claims = out["troop_claims"].copy()
    index = claims.index
    if "bound" not in claims:
        ranged = claims["count_low"].fillna(claims["count"]).ne(claims["count"]) | claims[
            "count_high"
        ].fillna(claims["count"]).ne(claims["count"])
        claims["bound"] = _text(["range" if r else "exact" for r in ranged], index)
    if "measure" not in claims:
        claims["measure"] = _text(
            claims["activity"].astype(str).map(MEASURE_OF_ACTIVITY).fillna("present in"), index
        )
    if "place" not in claims:
        claims["place"] = _text(claims["location"], index)
    if "as_of_precision" not in claims:
        claims["as_of_precision"] = _text(["exact"] * len(claims), index)
    out["troop_claims"] = claims
    out["statements"] = _with_columns(
        out["statements"], {"same_as": "str", "said_on_earliest": "datetime64[ns]"}
    )
    out["sources"] = _with_columns(out["sources"], {"channel": "str"})
    out["ach_ratings"] = _with_columns(out["ach_ratings"], {"relevance": "str"})
    return out


def _with_columns(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with each missing column of ``columns`` added empty, of the stated dtype."""
    missing = {c: t for c, t in columns.items() if c not in frame}
    if not missing:
        return frame
    out = frame.copy()
    for column, dtype in missing.items():
        out[column] = pd.Series(pd.NA if dtype == "str" else pd.NaT, index=out.index, dtype=dtype)
    return out
