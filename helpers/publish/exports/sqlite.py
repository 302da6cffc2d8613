"""Every table of the workbook in one SQLite database, with its keys and full-text search.

Tables and columns are the workbook's as loaded: the descriptor's columns with their defaults filled,
and the quotes' offsets (``quote_start``, ``quote_end``). Primary keys and foreign keys (single
columns, as all of the workbook's are) come from the descriptor; dates are ISO text, booleans 0 or
1, blanks NULL. Quotes and every rationale are indexed for full-text search (FTS5, Porter stemming:
"troop" finds "troops"), in the ``<table>_fts`` tables Datasette finds by name. Every value goes in
as a query parameter, never spliced into SQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import sqlite_utils

from ...workbook import Workbook

TOKENIZER = "porter"


def searchable(columns: list[str]) -> list[str]:
    """The columns to index for full-text search: the quote and every rationale."""
    return [c for c in columns if c == "quote" or c.endswith("rationale")]


def _column_type(series: pd.Series) -> type:
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return bool
    if pd.api.types.is_integer_dtype(dtype):
        return int
    if pd.api.types.is_float_dtype(dtype):
        return float
    return str  # text, and dates as ISO text


def _value(value: Any) -> Any:
    if pd.api.types.is_scalar(value) and pd.isna(value):  # NaN, NA and NaT alike
        return None
    if isinstance(value, dt.date):  # a Timestamp too
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):  # numpy scalars, which sqlite3 does not take
        return value.item()
    return value


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = list(frame.columns)
    return [dict(zip(columns, map(_value, row), strict=True)) for row in frame.itertuples(index=False)]


def write_database(wb: Workbook, path: Path) -> None:
    """Write every table of ``wb`` to a new SQLite database at ``path`` (which must not exist): the
    declared ones and those a dataset's descriptor adds of its own."""
    db = sqlite_utils.Database(path)
    tables = {**wb.tables, **wb.extras}
    try:
        resources = wb.package.resources
        links = []
        for name, frame in tables.items():
            resource = resources.get(name)
            key = list(resource.primary_key) if resource else []
            db.table(name).create(
                {column: _column_type(frame[column]) for column in frame.columns},
                pk=(key[0] if len(key) == 1 else tuple(key)) if key else None,
                not_null=set(key),
            )
            if resource:
                links += [
                    (name, fk.fields[0], fk.resource, fk.reference[0])
                    for fk in resource.foreign_keys
                    if len(fk.fields) == 1 and fk.resource in tables
                ]
        # Added once every table exists: a key may point to a table created after its own.
        db.add_foreign_keys(links)
        for name, frame in tables.items():
            db.table(name).insert_all(_rows(frame))
            columns = searchable(list(frame.columns))
            if columns:
                db.table(name).enable_fts(columns, tokenize=TOKENIZER)
    finally:
        db.close()
