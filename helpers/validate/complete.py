"""Fill what the declaration lets data leave out: optional tables and columns, and blank cells with
a stated default (:mod:`helpers.schema`), so that every analysis sees the same typed columns; and
record which cells the workbook filled in, and how (derived or defaulted), so that nothing it
guessed is read as curated."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from ..schema import BY_NAME, TABLES, Column, Table

# table -> column -> each row's origin ("derived", "defaulted") where the workbook filled the cell or
# a blank stands in for a decision, missing where the file's value stands.
Filled = dict[str, dict[str, pd.Series]]


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
    return fill_and_mark(typed)[0]


def _origins(
    column: Column, frame: pd.DataFrame, blank: pd.Series, readable: dict[str, pd.DataFrame]
) -> pd.Series | None:
    default = column.default
    if default is None or default.origin is None or not blank.any():
        return None
    origin = np.full(len(frame), default.origin, dtype=object)
    if default.derived_where is not None:
        origin[default.derived_where(frame, readable).to_numpy(dtype=bool)] = "derived"
    return pd.Series(origin, index=frame.index, dtype=object).where(blank.to_numpy(dtype=bool))


def fill_and_mark(typed: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], Filled]:
    """:func:`fill_defaults`, and the origin of every cell it filled or whose blank it read."""
    filled: Filled = {}
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
            if default is None:
                continue
            blank = frame[column.name].isna()
            marked = _origins(column, frame, blank, readable)
            if marked is not None:
                filled.setdefault(name, {})[column.name] = marked
            if default.fill is None:
                continue
            if blank.any():
                values = default.fill(frame, readable).where(blank, frame[column.name].astype(object))
                frame[column.name] = _as_declared(values, column)
            elif column.type == "boolean":
                frame[column.name] = frame[column.name].astype(bool)
    return out, filled


@cache
def _empty_table(table: Table) -> pd.DataFrame:
    """The empty typed frame of ``table``, built once: the declaration does not change at run time."""
    return pd.DataFrame({c.name: pd.Series(dtype=dtype_of(c)) for c in table.columns})


def _empty_tables(tables: Iterable[Table]) -> dict[str, pd.DataFrame]:
    # A copy each time: callers own the frames they get, and may change them.
    return {t.name: _empty_table(t).copy() for t in tables}


def absent_tables(present: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Empty, typed frames for the optional tables a folder leaves out."""
    return _empty_tables(t for t in TABLES if t.optional and t.name not in present)
