"""Vectorised checks of one table against its Table Schema, and conversion to typed columns.

Every rule is a boolean mask over a column; only the rows that break a rule are turned into
:class:`Problem` objects, so a clean million-row table costs a handful of pandas operations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..columnar import arrow, arrow_text, isin, value_set
from .characters import CONFLICT, FORBIDDEN, conflict_marker, forbidden_character, may_hold_bad_characters
from .csvread import RawTable
from .descriptor import Field, ForeignKey, Resource
from .limits import CELL_LIMIT
from .problems import Kind, Problem

PARALLEL_ROWS = 50_000  # from this many rows a table hashes its key in a thread beside the other checks
INTEGER = r"[+-]?[0-9]+"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
INT64 = np.iinfo(np.int64)
# The days a pandas timestamp can hold, whole years only, so the rule can be said simply.
FIRST_DAY, LAST_DAY = pd.Timestamp("1678-01-01"), pd.Timestamp("2261-12-31")
DATE_EXPECTED = f"a calendar date written YYYY-MM-DD, from {FIRST_DAY:%Y-%m-%d} to {LAST_DAY:%Y-%m-%d}"


def enum_codes(values: pd.Series, enum: tuple) -> np.ndarray:
    """Position of each value in ``enum`` (-1 when absent or missing): categorical codes, one pass."""
    if arrow_text(values):
        data = arrow(values)
        codes = pc.index_in(data, value_set=value_set(enum, data.type))
        return codes.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
    return pd.Index(enum).get_indexer(values).astype(np.int32)


def distinct_pairs(first: pd.Series, second: pd.Series) -> tuple[np.ndarray, list[tuple]]:
    """Number the distinct (first, second) pairs: a code per row, and the pairs themselves.

    Rules that must look at each pair in Python (substring search) then run once per distinct
    pair, not once per row.
    """
    a, a_values = pd.factorize(first, use_na_sentinel=True)
    b, b_values = pd.factorize(second, use_na_sentinel=True)
    a, b = a.astype(np.int64), b.astype(np.int64)
    codes = pd.factorize((a + 1) * (len(b_values) + 1) + (b + 1))[0]  # hashing, not sorting
    firsts = np.empty(int(codes.max(initial=-1)) + 1, dtype=np.int64)
    firsts[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # written in reverse: the first row wins
    pairs = [
        (a_values[i] if i >= 0 else None, b_values[j] if j >= 0 else None)
        for i, j in zip(a[firsts], b[firsts], strict=True)
    ]
    return codes, pairs


Params = dict[str, object]


class Findings:
    """Turns masks of broken rows into problems, naming file, line, column, value and rule."""

    def __init__(self, raw: RawTable):
        self.raw = raw
        self.problems: list[Problem] = []

    def flag(
        self,
        broken: pd.Series,
        column: str,
        kind: Kind,
        params: Params | Callable[[pd.Index], list[Params]] | None = None,
        values: pd.Series | None = None,
    ) -> None:
        """Record a problem for every row where ``broken`` is true.

        ``params`` fill the kind's message template: one dict for every row, or a function giving
        one dict per broken row.
        """
        rows = broken.index[broken.to_numpy(dtype=bool, na_value=False)]
        if rows.empty:
            return
        shown = (self.raw.frame[column] if values is None else values)[rows].tolist()
        per_row = params(rows) if callable(params) else [params or {}] * len(rows)
        display = self.raw.display
        self.problems += [
            Problem(kind, display, line, column, value, row_params)
            for line, value, row_params in zip(self.raw.lines(rows), shown, per_row, strict=True)
        ]


def _fast_cast(text: pd.Series, present: pd.Series, target: pa.DataType) -> pd.Series | None:
    """Cast a whole column in Arrow (strict: any bad value fails it); None when it fails."""
    if not arrow_text(text):
        return None
    data = arrow(text)
    if not present.all():
        data = pc.if_else(pc.equal(data, ""), pa.scalar(None, pa.string()), data)
    try:
        cast = pc.cast(data, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if target == pa.date32():
        bounds = pc.min_max(cast)
        low, high = bounds["min"].as_py(), bounds["max"].as_py()
        if low is not None and (low < FIRST_DAY.date() or high > LAST_DAY.date()):
            return None  # out of pandas' range: the slow path names each such date
        return pd.Series(pc.cast(cast, pa.timestamp("ns")).to_pandas(), index=text.index)
    return pd.Series(cast.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get), index=text.index)


def _typed(
    field: Field, text: pd.Series, present: pd.Series, findings: Findings, all_present: bool = False
) -> pd.Series:
    """Convert one text column to its schema type, flagging values that do not convert.

    The strict Arrow cast settles a clean column in one pass; only a column with a bad value pays
    for the value-by-value diagnosis below. ``all_present`` says no cell is empty.
    """
    if field.type == "integer":
        fast = _fast_cast(text, present, pa.int64())
        if fast is not None and not pc.any(pc.match_substring(arrow(text), "x", ignore_case=True)).as_py():
            return fast  # Arrow's cast is strict but for reading 0x10 as hexadecimal
        ok = text.str.fullmatch(INTEGER).fillna(False) & present
        values = pd.Series(pd.NA, index=text.index, dtype=object)
        values[ok] = [int(v) for v in text[ok]]  # Python ints: exact, however long
        ok &= values.map(lambda v: INT64.min <= v <= INT64.max, na_action="ignore").fillna(False).astype(bool)
        expected = f"a whole number (digits only) from {INT64.min:,} to {INT64.max:,}"
        findings.flag(present & ~ok, field.name, Kind.TYPE_ERROR, {"expected": expected})
        return pd.Series(pd.array(values.where(ok, pd.NA).tolist(), dtype="Int64"), index=text.index)
    if field.type == "number":
        typed = pd.to_numeric(text if all_present else text.where(present), errors="coerce")
        findings.flag(present & typed.isna(), field.name, Kind.TYPE_ERROR, {"expected": "a number"})
        return typed
    if field.type == "boolean":
        ok = isin(text, field.true_values + field.false_values)
        expected = f"true or false ({', '.join(field.true_values)}; {', '.join(field.false_values)})"
        findings.flag(present & ~ok, field.name, Kind.TYPE_ERROR, {"expected": expected})
        return isin(text, field.true_values).astype("boolean").where(present & ok)
    if field.type == "date":
        fast = _fast_cast(text, present, pa.date32())
        if fast is not None:  # Arrow's date cast takes YYYY-MM-DD only, and real calendar days
            return fast
        shape_ok = text.str.fullmatch(DATE).fillna(False)
        in_range = shape_ok & text.between(f"{FIRST_DAY:%Y-%m-%d}", f"{LAST_DAY:%Y-%m-%d}")
        typed = pd.to_datetime(text.where(present & in_range), format="%Y-%m-%d", errors="coerce")
        findings.flag(present & typed.isna(), field.name, Kind.TYPE_ERROR, {"expected": DATE_EXPECTED})
        return typed
    if all_present:  # ``where`` with nothing to blank out is a copy, at many times the cost
        return text.copy()
    return text.where(present)


def _broken(rule: pa.ChunkedArray) -> pd.Series | None:
    """A boolean Series of the rows where ``rule`` (true = broken) holds; None when none does.

    Asking Arrow ``any`` first keeps the clean case to one pass with no pandas objects built.
    """
    if not pc.any(rule).as_py():
        return None
    return pd.Series(rule.to_numpy(zero_copy_only=False), dtype=bool).fillna(False)


def _text_constraints(field: Field, text: pd.Series, findings: Findings, is_reference: bool) -> None:
    """Pattern and length rules, evaluated in Arrow on the non-empty cells."""
    if (field.pattern is None or is_reference) and field.min_length is None:
        return
    data = arrow(text) if arrow_text(text) else pa.chunked_array([pa.array(text.astype(str))])
    filled = pc.not_equal(data, "")
    if field.pattern is not None and not is_reference:  # a bad reference fails its foreign key
        matches = pc.match_substring_regex(data, f"^(?:{field.pattern})$")
        broken = _broken(pc.and_(filled, pc.invert(matches)))
        if broken is not None:
            broken.index = text.index
            findings.flag(broken, field.name, Kind.PATTERN, {"pattern": field.pattern})
    if field.min_length is not None:
        broken = _broken(pc.and_(filled, pc.less(pc.utf8_length(data), field.min_length)))
        if broken is not None:
            broken.index = text.index
            findings.flag(broken, field.name, Kind.MIN_LENGTH, {"limit": field.min_length})


def _may_exceed(text: pd.Series, limit: int) -> bool:
    """Whether any cell may be longer than ``limit`` characters: one Arrow pass for a text column.

    Only cells over the limit can break it, so a column with none needs no per-row mask.
    """
    if not arrow_text(text):
        return True
    return bool(pc.any(pc.greater(pc.utf8_length(arrow(text)), limit)).as_py())


def _constraints(
    field: Field, text: pd.Series, typed: pd.Series, findings: Findings, is_reference: bool = False
) -> pd.Series:
    """Flag values that break the field's constraints; return the column, as a categorical for enums."""
    name = field.name
    if field.enum is not None:
        codes = enum_codes(typed, field.enum)
        if (codes < 0).any():
            allowed = ", ".join(str(v) for v in field.enum)
            findings.flag(typed.notna() & (codes < 0), name, Kind.ENUM, {"allowed": allowed})
        # Typed with the declared categories (a folder may narrow the list, never widen it), so the
        # analyses see one set of categories whatever the folder allows.
        categories = pd.Index(list(field.categories or field.enum))
        if field.categories:
            codes = np.where(codes >= 0, categories.get_indexer(list(field.enum))[np.maximum(codes, 0)], -1)
        typed = pd.Series(
            pd.Categorical.from_codes(codes.astype(np.int32), categories, ordered=field.ordered),
            index=typed.index,
        )
    _text_constraints(field, text, findings, is_reference)
    if field.max_length is not None and _may_exceed(text, field.max_length):
        findings.flag(
            typed.notna() & (text.str.len() > field.max_length),
            name,
            Kind.MAX_LENGTH,
            {"limit": field.max_length},
        )
    if field.minimum is not None:
        findings.flag((typed < field.minimum).fillna(False), name, Kind.MINIMUM, {"limit": field.minimum})
    if field.maximum is not None:
        findings.flag((typed > field.maximum).fillna(False), name, Kind.MAXIMUM, {"limit": field.maximum})
    if field.type == "boolean" and field.required and typed.notna().all():
        typed = typed.astype(bool)
    return typed


def _duplicates(frame: pd.DataFrame, columns: list[str], findings: Findings, kind: Kind) -> None:
    """Flag every row whose key repeats an earlier row's, naming the earlier line."""
    if _surely_distinct(frame, columns):
        return
    if len(columns) == 1:
        joined = frame[columns[0]]
        present = joined.ne("")
    else:
        keys = frame[columns]
        present = keys.ne("").all(axis=1)
        joined = keys.agg("\x1f".join, axis=1)
    dup = joined.duplicated(keep="first") & present
    if not dup.any():
        return
    label = "+".join(columns)
    first_row = ~joined.duplicated(keep="first") & present
    first_of = pd.Series(joined[first_row].index, index=joined[first_row].to_numpy())

    def params(rows: pd.Index) -> list[Params]:
        earlier = findings.raw.lines(pd.Index(first_of.reindex(joined[rows]).to_numpy()))
        return [{"line": line, "key": label} for line in earlier]

    shown = joined.str.replace("\x1f", ",", regex=False) if len(columns) > 1 else None
    findings.flag(dup, label, kind, params, shown)


def _surely_distinct(frame: pd.DataFrame, columns: list[str]) -> bool:
    """True when no two rows share a key: one hash pass, skipping the row-by-row join below.

    Keys are compared joined by a separator, so two keys differ joined only if they differ as
    tuples or a cell holds the separator; with neither, no key repeats.
    """
    if len(columns) == 1:
        return _all_distinct(frame, (columns[0],))
    keys = frame[columns]
    if keys.duplicated().any():
        return False
    return not any(keys[name].str.contains("\x1f", regex=False).any() for name in columns)


def _without_missing_codes(raw: RawTable, resource: Resource) -> RawTable:
    """``raw`` with the descriptor's ``missingValues`` codes (beyond the empty cell) read as empty."""
    codes = tuple(v for v in resource.missing_values if v != "")
    if not codes:
        return raw
    frame = raw.frame.copy()
    for name in frame.columns:
        frame[name] = frame[name].mask(isin(frame[name], codes), "")
    return dataclasses.replace(raw, frame=frame)


def check_table(raw: RawTable, resource: Resource) -> tuple[pd.DataFrame, list[Problem]]:
    """Check ``raw`` against ``resource``; return the typed frame and the problems found."""
    raw = _without_missing_codes(raw, resource)
    findings = Findings(raw)
    typed_columns: dict[str, pd.Series] = {}
    references = {name for fk in resource.foreign_keys for name in fk.fields}
    # Hashing a million keys is the costliest check; Arrow does it off the GIL meanwhile. A small
    # table hashes its keys in less time than a thread takes to start.
    with ThreadPoolExecutor(max_workers=1) if len(raw.frame) >= PARALLEL_ROWS else nullcontext() as pool:
        key = resource.primary_key
        distinct = (
            pool.submit(_all_distinct, raw.frame, key) if pool else _done(_all_distinct(raw.frame, key))
        )
        for field in resource.fields:
            text = raw.frame[field.name]
            typed_columns[field.name] = _check_field(field, resource, text, findings, references)
        if resource.primary_key and not distinct.result():
            _duplicates(raw.frame, list(resource.primary_key), findings, Kind.PRIMARY_KEY)
    return pd.DataFrame(typed_columns, index=raw.frame.index), findings.problems


def _done(value: bool) -> Future[bool]:
    """``value`` as a finished future, so that both branches of :func:`check_table` read alike."""
    future: Future[bool] = Future()
    future.set_result(value)
    return future


def _all_distinct(frame: pd.DataFrame, key: tuple[str, ...]) -> bool:
    """True when a one-column text key has no repeated value (else the full check decides)."""
    if len(key) != 1 or not arrow_text(frame[key[0]]):
        return False
    column = arrow(frame[key[0]])
    return len(pc.unique(column)) == len(column)


def _character_rules(name: str, text: pd.Series, data: pa.ChunkedArray, findings: Findings) -> None:
    """Forbidden characters and conflict markers, cell by cell: where the byte scan saw a suspect."""
    # One pass finds both a forbidden character and a merge's conflict marker; the rare cells it
    # flags are told apart one by one.
    suspect = _broken(pc.match_substring_regex(data, f"{FORBIDDEN}|{CONFLICT}"))
    if suspect is not None:
        suspect.index = text.index
        rows = suspect.index[suspect.to_numpy(dtype=bool)]
        marked = pd.Series(False, index=text.index)
        marked[rows] = [conflict_marker(str(text[row])) is not None for row in rows]
        forbidden = pd.Series(False, index=text.index)
        forbidden[rows] = [forbidden_character(str(text[row])) is not None for row in rows]

        def where(rows: pd.Index) -> list[Params]:
            found = [forbidden_character(text[row]) or (0, "") for row in rows]
            return [{"at": at, "name": char} for at, char in found]

        def which(rows: pd.Index) -> list[Params]:
            found = [conflict_marker(text[row]) or (0, "") for row in rows]
            return [{"line": line, "marker": marker} for line, marker in found]

        if forbidden.any():
            findings.flag(forbidden, name, Kind.FORBIDDEN_CHARACTER, where)
        if marked.any():
            findings.flag(marked, name, Kind.CONFLICT_MARKER, which)


def _cell_rules(field: Field, text: pd.Series, findings: Findings) -> pd.Series | None:
    """Rules every cell keeps whatever its column: no blank, no forbidden character, not too long.

    Returns the cells that are only white space (None when there are none): they count as missing.
    Only free text is scanned: in a typed or enumerated column any such cell already fails its type
    or list, and the scans are the costliest part of checking a large clean table.
    """
    if field.type != "string" or field.enum is not None:
        return None
    name = field.name
    data = arrow(text) if arrow_text(text) else pa.chunked_array([pa.array(text.astype(str))], pa.string())
    blank = _broken(pc.utf8_is_space(data))
    if blank is not None:
        blank.index = text.index
        findings.flag(blank, name, Kind.BLANK_CELL)
    if may_hold_bad_characters(data):  # a byte scan clears nearly every column at once
        _character_rules(name, text, data, findings)
    # Bytes bound characters from above: only cells over the limit in bytes are counted in characters.
    long = _broken(pc.greater(pc.binary_length(data), CELL_LIMIT))
    if long is not None:
        long.index = text.index
        long &= text.str.len().where(long, 0) > CELL_LIMIT

        def length(rows: pd.Index) -> list[Params]:
            return [{"length": len(text[row]), "limit": CELL_LIMIT} for row in rows]

        findings.flag(long, name, Kind.CELL_TOO_LONG, length)
    return blank


def _check_field(
    field: Field, resource: Resource, text: pd.Series, findings: Findings, references: set[str]
) -> pd.Series:
    """Every rule of one column; returns the column converted to its type."""
    blank = _cell_rules(field, text, findings)
    if blank is not None:
        text = text.mask(blank, "")  # reported as blank: from here on, a missing value
    empty = pc.equal(arrow(text), "") if arrow_text(text) else None
    all_present = empty is not None and not pc.any(empty).as_py()
    if all_present:
        present = pd.Series(True, index=text.index)
    else:
        present = text.ne("")
        if field.required or field.name in resource.primary_key:
            missing = ~present if blank is None else ~present & ~blank
            findings.flag(missing, field.name, Kind.REQUIRED)
    typed = _typed(field, text, present, findings, all_present)
    typed = _constraints(field, text, typed, findings, field.name in references)
    if field.unique and (field.name,) != resource.primary_key:  # a lone key is checked apart
        _duplicates(text.to_frame(), [field.name], findings, Kind.UNIQUE)
    return typed


def _all_found(wanted: pa.Array, found: pa.Array) -> bool:
    """Whether every distinct child value but the empty one is a parent key: then no row breaks the
    key, and no per-row mask is needed (a null is left to the full check)."""
    if wanted.null_count:
        return False
    unknown = pc.filter(wanted, pc.invert(pc.is_in(wanted, value_set=found)))
    return all(value == "" for value in unknown.to_pylist())


def check_foreign_key(
    raw: RawTable, fk: ForeignKey, parent: pd.DataFrame, parent_display: str
) -> list[Problem]:
    """Flag values of ``fk.fields`` that do not occur in the parent table's key columns."""
    findings = Findings(raw)
    if len(fk.fields) == 1:
        child_column = raw.frame[fk.fields[0]]
        parent_column = parent[fk.reference[0]]
        if arrow_text(child_column) and arrow_text(parent_column):
            # Hash the child's few distinct values, not a parent of a million keys.
            wanted = pc.unique(arrow(child_column))
            parent_keys = arrow(parent_column)
            found = pc.unique(pc.filter(parent_keys, pc.is_in(parent_keys, value_set=wanted)))
            if _all_found(wanted, found):
                return []
            known = isin(child_column, tuple(found.to_pylist()))
        else:
            known = child_column.isin(parent_column)
        present = child_column.ne("")
        column, values = fk.fields[0], None
    else:
        child = raw.frame[list(fk.fields)]
        present = child.ne("").all(axis=1)
        parent_keys = pd.MultiIndex.from_frame(parent[list(fk.reference)])
        known = pd.Series(pd.MultiIndex.from_frame(child).isin(parent_keys), index=child.index)
        column, values = "+".join(fk.fields), child.agg(",".join, axis=1)
    target = f"{parent_display} {'+'.join(fk.reference)}"
    findings.flag(present & ~known, column, Kind.FOREIGN_KEY, {"target": target}, values)
    return findings.problems
