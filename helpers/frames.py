"""Small pandas idioms the floors share, written once so that empty tables behave like full ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from .columnar import arrow, arrow_text, isin


def lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``values[key]`` for each of ``keys`` (missing where absent), indexed like ``keys``.

    ``Series.map`` with a Series casts an empty mapping to float and then fails on dates or
    categories; taking by position keeps the values' type whatever the sizes. ``values`` has unique
    keys. Text keys are found by Arrow's hash lookup, a million in a fraction of a second.
    """
    if not (arrow_text(keys) and arrow_text(values.index.to_series())):
        return pd.Series(values.reindex(keys.to_numpy()).array, index=keys.index, name=values.name)
    if len(values) > 4 * len(keys):  # a few keys into a long table: hash the few, not the table
        values = values[isin(values.index.to_series(), keys).to_numpy()]
    known = arrow(values.index.to_series()).combine_chunks()
    where = pc.index_in(arrow(keys), value_set=known)
    positions = where.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
    return pd.Series(values.array.take(positions, allow_fill=True), index=keys.index, name=values.name)


def column_by(frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """``frame[column]`` indexed by ``key``, the first row of each key kept: :func:`keyed` for one
    column, without copying the others (a million-row table has many)."""
    first = ~frame[key].duplicated().to_numpy()
    return pd.Series(frame[column].array[first], index=frame[key].array[first], name=column)


def lookup_by(keys: pd.Series, frame: pd.DataFrame, key: str, column: str) -> pd.Series:
    """``lookup(keys, column_by(frame, key, column))``, hashing only the rows whose key is asked for.

    A few keys into a million-row table then skip finding the table's repeated keys, which costs
    as much as the table's read; the first row of each key asked for is the same either way. Keys
    with a missing value take the long way, where a missing key finds the table's missing key.
    """
    if len(frame) > 4 * len(keys) and arrow_text(frame[key]) and arrow_text(keys) and keys.notna().all():
        frame = frame.loc[isin(frame[key], keys).to_numpy(), [key, column]]
    return lookup(keys, column_by(frame, key, column))


def keyed(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """``frame`` indexed by ``key``, the first row of each key kept: a lookup table even where a
    repeated key is (or is about to be) reported as a problem."""
    return frame.drop_duplicates(key).set_index(key)


def cell_text(value: object) -> str:
    """A cell as text, whatever its loaded type: "" for a missing value (None, NaN, NA, NaT)."""
    return "" if value is None or (not isinstance(value, str) and bool(pd.isna(value))) else str(value)
