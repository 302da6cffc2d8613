"""Characters that must not stand in the data: invisible controls that change what a reader sees.

NUL and the other C0 controls (tab and line breaks aside) corrupt files and terminals; the
bidirectional overrides and isolates make text display in an order other than the one stored (the
"Trojan Source" trick), so a name could read as another. Lone surrogates are not Unicode text.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pyarrow as pa

# The same class is used by Python's re (descriptor strings) and by Arrow's RE2 (table cells).
FORBIDDEN = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}]"
_PYTHON = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# A line a merge left in a file: the markers git (and most tools) write around the two sides. Inside a
# quoted cell the CSV reader takes them as text, so they are looked for in every cell too.
CONFLICT = "(?m:^(?:<{7}|={7}|>{7})(?:[ \\r]|$))"
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?:[ \r]|$)", re.MULTILINE)


def conflict_marker(text: str) -> tuple[int, str] | None:
    """Line number (1-based) and marker of the first conflict-marker line in ``text``, or None."""
    match = _CONFLICT.search(text)
    return None if match is None else (text.count("\n", 0, match.start()) + 1, match.group(1))


_CONTROLS = {0x00: "NULL", 0x09: "TAB", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN", 0x7F: "DELETE"}


def character_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: a character as a reader can look it up."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        name = (
            "(a lone surrogate)" if 0xD800 <= code <= 0xDFFF else _CONTROLS.get(code, "(a control character)")
        )
    return f"U+{code:04X} {name}"


def forbidden_character(text: str) -> tuple[int, str] | None:
    """Position (1-based) and name of the first forbidden character in ``text``, or None."""
    match = _PYTHON.search(text)
    return None if match is None else (match.start() + 1, character_name(match.group()))


# A byte-level test of a whole column, so that a clean column (nearly all of them) costs a few numpy
# passes over its bytes instead of one regex search per cell. It may only err towards "suspect":
# a suspect column is then searched cell by cell, as before, to report.
_SCAN_BLOCK = 1 << 18  # bytes tested at a time, so that each pass's masks stay in the processor's cache
_OVERLAP = 6  # a character (3 bytes) or a marker (7) that straddles two blocks is seen whole in one
_SPACES = np.array([0x09, 0x0A, 0x0D], dtype=np.uint8)  # the C0 controls that are allowed


def cell_bytes(chunk: pa.Array) -> np.ndarray | None:
    """The bytes of every cell of a string array, end to end, without a copy (None: not a string array)."""
    if pa.types.is_large_string(chunk.type):
        width: type[np.integer] = np.int64
    elif pa.types.is_string(chunk.type):
        width = np.int32
    else:
        return None
    _, offsets, data = chunk.buffers()
    if len(chunk) == 0 or data is None or data.size == 0:
        return np.empty(0, dtype=np.uint8)
    ends = np.frombuffer(offsets, dtype=width)[chunk.offset : chunk.offset + len(chunk) + 1]
    return np.frombuffer(data, dtype=np.uint8)[int(ends[0]) : int(ends[-1])]


def forbidden_bytes(block: np.ndarray) -> bool:
    """Whether UTF-8 ``block`` holds a character of :data:`FORBIDDEN`, found byte by byte."""
    low = block[block < 0x20]  # rare in text: only the hits are copied
    if low.size and not np.isin(low, _SPACES).all():
        return True
    if (block == 0x7F).any():
        return True
    lead = np.flatnonzero(block[:-2] == 0xE2)  # U+202A-U+202E and U+2066-U+2069 start with E2
    if not lead.size:
        return False
    second, third = block[lead + 1], block[lead + 2]
    overrides = (second == 0x80) & (third >= 0xAA) & (third <= 0xAE)
    isolates = (second == 0x81) & (third >= 0xA6) & (third <= 0xA9)
    return bool((overrides | isolates).any())


def marker_run(block: np.ndarray) -> bool:
    """Whether ``block`` has seven bytes in a row from ``<=>``: every conflict marker does."""
    marks = np.flatnonzero((block - np.uint8(0x3C)) < 3)  # 0x3C-0x3E; the rest wrap around, above
    return marks.size >= 7 and bool((marks[6:] - marks[:-6] == 6).any())


def may_hold_bad_characters(data: pa.ChunkedArray) -> bool:
    """False only when no cell of ``data`` holds a forbidden character or a conflict marker.

    The cells' bytes are read end to end: joining cells makes no character, so the forbidden test
    is exact; it can make a run of marker characters, which only sends the column to the per-cell
    search.
    """
    for chunk in data.chunks:
        values = cell_bytes(chunk)
        if values is None:
            return True
        for start in range(0, len(values), _SCAN_BLOCK):
            block = values[start : start + _SCAN_BLOCK + _OVERLAP]
            if forbidden_bytes(block) or marker_run(block):
                return True
    return False
