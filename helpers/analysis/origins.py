"""Where each value came from: curated (typed or accepted by the analyst), derived (computed by a
named rule from other values), defaulted (a blanket reading because nothing better was known) or
drafted (proposed by the workbook, not yet reviewed).

Two records say it. The loader marks the cells it filled in, or whose blank it read as a default
(:mod:`helpers.validate.complete`); the data folder's ``provenance.csv`` lists the values the
workbook wrote into the files (``migrate``, ``draft``), each with the value it wrote, so that a cell
edited since then by hand reads as curated. A cell neither record names is curated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import BY_NAME
from ..schema.tables import KEY_SEPARATOR
from ..workbook import Workbook

CURATED = "curated"
GUESSES = ("defaulted", "drafted")  # what a page never states as a finding
ORIGIN_COLUMNS = ["table", "row", "column", "origin", "rule", "value"]


def row_keys(frame: pd.DataFrame, table: str) -> pd.Series:
    """Each row's key as ``provenance.row`` writes it: the primary key's parts joined by ``/``."""
    key = BY_NAME[table].primary_key
    out = frame[key[0]].astype(str)
    for part in key[1:]:
        out = out + KEY_SEPARATOR + frame[part].astype(str)
    return out


def cell_text(value: object) -> str:
    """A typed cell as the CSV file writes it: ``""`` for a blank, dates as ``YYYY-MM-DD``, booleans
    as ``true``/``false``, whole numbers without a decimal point."""
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return ""
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _same_text(recorded: str, current: str) -> bool:
    if recorded.casefold() in ("true", "false") or current.casefold() in ("true", "false"):
        return recorded.casefold() == current.casefold()
    return recorded.strip() == current.strip()


def stored(wb: Workbook) -> pd.DataFrame:
    """The rows of ``provenance.csv`` whose cell still holds the value the workbook gave it (a cell
    edited since is curated), with that cell's table, row key and column."""
    rows = wb.provenance
    if rows.empty:
        return pd.DataFrame(columns=ORIGIN_COLUMNS)
    rows = rows.assign(value=rows["value"].fillna("").astype(str), table=rows["table"].astype(str))
    holding = np.zeros(len(rows), dtype=bool)
    for table, group in rows.groupby("table", sort=False):
        if table not in BY_NAME or table == "provenance":
            continue
        frame = wb.table(table)
        keyed = frame.set_axis(row_keys(frame, table).to_numpy())
        keyed = keyed[~keyed.index.duplicated()]
        for k, row in zip(np.flatnonzero(rows["table"].to_numpy() == table), group.itertuples(), strict=True):
            if row.column in keyed.columns and row.row in keyed.index:
                holding[k] = _same_text(row.value, cell_text(keyed.at[row.row, row.column]))
    return rows[holding].reindex(columns=ORIGIN_COLUMNS).reset_index(drop=True)


def column_origin(wb: Workbook, table: str, column: str) -> pd.Series:
    """Each row's origin for one column of ``wb``'s ``table``: curated, derived, defaulted or drafted
    (index as the table's). A stored record outranks the loader's mark: the file holds the value."""
    frame = wb.table(table)
    out = pd.Series(CURATED, index=frame.index, dtype=object)
    marked = wb.filled.get(table, {}).get(column)
    if marked is not None:
        out = marked.reindex(frame.index).fillna(CURATED).astype(object)
    found = stored(wb)
    found = found[(found["table"] == table) & (found["column"] == column)]
    if not found.empty:
        by_key = dict(zip(found["row"], found["origin"].astype(str), strict=True))
        keys = row_keys(frame, table)
        hit = keys.isin(by_key).to_numpy()
        out[hit] = keys[hit].map(by_key).to_numpy()
    return out


def column_rule(wb: Workbook, table: str, column: str) -> pd.Series:
    """The rule behind each row's value of one column, empty where it is curated."""
    frame = wb.table(table)
    origin = column_origin(wb, table, column)
    default = BY_NAME[table].column(column).default if BY_NAME[table].has(column) else None
    out = pd.Series("", index=frame.index, dtype=object)
    out[origin != CURATED] = default.rule if default is not None else ""
    found = stored(wb)
    found = found[(found["table"] == table) & (found["column"] == column)]
    if not found.empty:
        keys = row_keys(frame, table)
        by_key = dict(zip(found["row"], found["rule"].astype(str), strict=True))
        hit = keys.isin(by_key).to_numpy()
        out[hit] = keys[hit].map(by_key).to_numpy()
    return out


def origins(wb: Workbook) -> pd.DataFrame:
    """Every value of ``wb`` that is not curated, one row per cell: table, row key, column, origin,
    rule and the value it reads as."""
    parts = [stored(wb)]
    for table, columns in wb.filled.items():
        frame = wb.table(table)
        for column, marked in columns.items():
            marked = marked.reindex(frame.index)
            hit = marked.notna().to_numpy()
            if not hit.any():
                continue
            parts.append(
                pd.DataFrame(
                    {
                        "table": table,
                        "row": row_keys(frame[hit], table).to_numpy(),
                        "column": column,
                        "origin": marked[hit].astype(str).to_numpy(),
                        "rule": BY_NAME[table].column(column).default.rule,  # type: ignore[union-attr]
                        "value": [cell_text(v) for v in frame.loc[hit, column]],
                    }
                )
            )
    out = pd.concat([p for p in parts if not p.empty], ignore_index=True) if len(parts) > 1 else parts[0]
    if out.empty:
        return pd.DataFrame(columns=ORIGIN_COLUMNS)
    # A stored record and a loader's mark on one cell: the stored one (first) stands.
    return out.drop_duplicates(["table", "row", "column"]).reset_index(drop=True)


def guessed_columns(
    wb: Workbook, table: str, columns: list[str], origins: tuple[str, ...] = GUESSES
) -> pd.Series:
    """For each row of ``table``: the columns among ``columns`` whose value is of one of ``origins``
    (by default a guess: defaulted or drafted), as a tuple of ``(column, origin, rule)``; empty where
    none is."""
    frame = wb.table(table)
    out: list[list[tuple[str, str, str]]] = [[] for _ in range(len(frame))]
    for column in columns:
        origin = column_origin(wb, table, column).to_numpy()
        guess = np.isin(origin, origins)
        if not guess.any():
            continue
        rule = column_rule(wb, table, column).to_numpy()
        for k in np.flatnonzero(guess):
            out[k].append((column, str(origin[k]), str(rule[k])))
    return pd.Series([tuple(x) for x in out], index=frame.index, dtype=object)


__all__ = [
    "CURATED", "GUESSES", "cell_text", "column_origin", "column_rule", "guessed_columns", "origins",
    "row_keys", "stored",
]  # fmt: skip
