"""The byte scan that clears a column of forbidden characters and conflict markers at once agrees
with the per-cell rules it stands in front of: it finds a forbidden character exactly where they do,
never misses a conflict marker, and the problems reported are the same with it or without it."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from unittest import mock

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.validate import characters, checks
from helpers.validate.characters import (
    cell_bytes,
    conflict_marker,
    forbidden_bytes,
    forbidden_character,
    may_hold_bad_characters,
)
from helpers.validate.csvread import RawTable
from helpers.validate.descriptor import Field

# Characters next to the forbidden ones, in bytes or in code points, and the markers' own.
NEAR = (
    "\x00\x08\t\n\x0b\x0c\r\x0e\x1f \x7f\x80\u00e2"
    "\u2019\u2029\u202a\u202e\u202f\u2060\u2065\u2066\u2069\u206a\u20ac"
    "<=> \r\nab"
)
CELL = st.text(alphabet=st.sampled_from(NEAR) | st.characters(codec="utf-8"), max_size=30)
MARKERS = st.sampled_from(["<" * 7, "=" * 7, ">" * 7, "<" * 6, "=" * 8 + " x", ">>>>>>>\r"])
CELLS = st.lists(
    st.builds(lambda a, m, b: a + m + b, CELL, MARKERS | st.just(""), CELL) | CELL, min_size=1, max_size=12
)


def _chunked(cells: list[str], large: bool, split: int, sliced: bool) -> pa.ChunkedArray:
    """``cells`` as Arrow text the ways a column can hold them: either offset width, in chunks,
    and as a slice of a longer array (whose offsets do not start at zero)."""
    kind = pa.large_string() if large else pa.string()
    pad = ["pad\x00ding\u202e"] if sliced else []  # outside the slice: must not count
    whole = pa.array(pad + cells + pad, kind).slice(len(pad), len(cells))
    cut = min(split, len(cells))
    return pa.chunked_array([whole.slice(0, cut), whole.slice(cut)], kind)


@given(CELLS, st.booleans(), st.integers(0, 12), st.booleans(), st.sampled_from([1, 2, 5, 64, 1 << 18]))
def test_the_byte_scan_agrees_with_the_cell_rules(
    cells: list[str], large: bool, split: int, sliced: bool, block: int
) -> None:
    data = _chunked(cells, large, split, sliced)
    forbidden = any(forbidden_character(c) for c in cells)
    marked = any(conflict_marker(c) for c in cells)
    with mock.patch.object(characters, "_SCAN_BLOCK", block):  # tiny blocks: every cut is crossed
        suspect = may_hold_bad_characters(data)
    found = any(
        forbidden_bytes(values)
        for values in (cell_bytes(chunk) for chunk in data.chunks)
        if values is not None
    )
    assert found == forbidden  # exact: the scan finds a forbidden character iff a cell holds one
    assert suspect >= (forbidden or marked)  # never clears a column the cell rules would flag


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\x07", "\x7f", "<<<<<<< HEAD"])
@pytest.mark.parametrize("shift", range(-8, 3))
def test_a_bad_character_across_a_block_boundary_is_found(char: str, shift: int) -> None:
    boundary = characters._SCAN_BLOCK
    text = "a" * (boundary + shift) + char + "b" * 20
    assert may_hold_bad_characters(pa.chunked_array([pa.array([text], pa.large_string())]))
    clean = text.replace(char, "\u2019" * len(char))
    assert not may_hold_bad_characters(pa.chunked_array([pa.array([clean], pa.large_string())]))


def _problems(cells: list[str], scan: bool) -> list[tuple]:
    """What the cell rules report on ``cells`` as a free-text column, with the byte scan in front or
    with every column searched cell by cell."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([["note"], *[[c] for c in cells]])
        frame = pd.DataFrame({"note": pd.Series(cells, dtype="str")})
        findings = checks.Findings(RawTable(frame, path, "t.csv"))
        gate = characters.may_hold_bad_characters if scan else (lambda data: True)
        with mock.patch.object(checks, "may_hold_bad_characters", gate):
            checks._cell_rules(Field("note", "string"), frame["note"], findings)
        return [
            (p.kind, p.line, p.column, p.value, tuple(sorted(p.params.items()))) for p in findings.problems
        ]


@given(CELLS.map(lambda cells: [c.replace("\r", "") for c in cells]))
def test_the_problems_are_the_same_with_the_scan_or_without(cells: list[str]) -> None:
    assert _problems(cells, scan=True) == _problems(cells, scan=False)
