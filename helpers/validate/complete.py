"""Fill what the declaration lets data leave out: optional tables and columns, and blank cells with
a stated default (:mod:`helpers.schema`), so that every analysis sees the same typed columns."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..schema import BY_NAME, TABLES, Column, Table


def dtype_of(column: Column) -> object:
    """The pandas type a declared column is held in."""
    if column.enum is not None:
        ordered = bool(column.vocabulary and column.vocabulary.ordered)
        return pd.CategoricalDtype(list(column.enum), ordered=ordered)
    return {"date": "datetime64[ns]", "integer": "Int64", "number": "float64", "boolean": "boolean"}.get(
        column.type, "str"
    )


def _as_declared(values: pd.Series, column: Column) -> pd.Series:
    if column.type == "boolean":
        filled = values.astype("boolean")
        return filled.astype(bool) if filled.notna().all() else filled
    return values.astype(dtype_of(column))


def fill_defaults(typed: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``typed`` with every declared optional column present and every blank with a default filled."""
    out = dict(typed)
    for name, frame in typed.items():
        table = BY_NAME.get(name)
        if table is None:
            continue
        frame = frame.copy()
        for column in table.columns:
            if column.name not in frame:
                frame[column.name] = pd.Series(pd.NA, index=frame.index).astype(dtype_of(column))
        out[name] = frame
    # A default may read another table; one that could not be read (its problem already reported)
    # reads as empty, so the other tables are still checked.
    readable = {**_empty_tables(t for t in TABLES if t.name not in out), **out}
    for name, frame in out.items():
        table = BY_NAME.get(name)
        if table is None:
            continue
        for column in table.columns:
            default = column.default
            if default is None or default.fill is None:
                continue
            blank = frame[column.name].isna()
            if blank.any():
                filled = default.fill(frame, readable).where(blank, frame[column.name].astype(object))
                frame[column.name] = _as_declared(filled, column)
            elif column.type == "boolean":
                frame[column.name] = frame[column.name].astype(bool)
    return out


def _empty_tables(tables: Iterable[Table]) -> dict[str, pd.DataFrame]:
    return {t.name: pd.DataFrame({c.name: pd.Series(dtype=dtype_of(c)) for c in t.columns}) for t in tables}


def absent_tables(present: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Empty, typed frames for the optional tables a folder leaves out."""
    return _empty_tables(t for t in TABLES if t.optional and t.name not in present)
