"""Small pandas idioms the floors share, written once so that empty tables behave like full ones."""

from __future__ import annotations

import pandas as pd


def lookup(keys: pd.Series, values: pd.Series) -> pd.Series:
    """``values[key]`` for each of ``keys`` (missing where absent), indexed like ``keys``.

    ``Series.map`` with a Series casts an empty mapping to float and then fails on dates or
    categories; a reindex keeps the values' type whatever the sizes. ``values`` has unique keys.
    """
    return pd.Series(values.reindex(keys.to_numpy()).array, index=keys.index, name=values.name)


def keyed(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """``frame`` indexed by ``key``, the first row of each key kept: a lookup table even where a
    repeated key is (or is about to be) reported as a problem."""
    return frame.drop_duplicates(key).set_index(key)
