"""Read one CSV table as text columns, fast when the file is sound and precise when it is not.

The fast path hands the bytes to pyarrow's multi-threaded reader. Anything pyarrow rejects, or
silently repairs (an unterminated quote, a repeated header), is re-read with Python's ``csv`` module
so that the problem can be named by line and column.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .descriptor import Resource
from .limits import TABLE_LIMIT
from .problems import Kind, Problem
from .readable import refusal, utf16

csv.field_size_limit(sys.maxsize)  # cell length has its own rule; the parser must not cut a cell short

BOM = b"\xef\xbb\xbf"
_BLANK = re.compile(rb"(?:\xef\xbb\xbf)?\s*\Z")  # matches a file that is empty but for a BOM and space


def _first_line(raw: bytes) -> bytes:
    end = raw.find(b"\n")
    return raw if end < 0 else raw[:end]  # slicing, not split(): no copy of the rest of the file


@dataclass
class RawTable:
    """A table's cells as strings (empty string = missing), and how rows map to file lines."""

    frame: pd.DataFrame
    path: Path
    display: str
    _starts: list[int] | None = None

    def lines(self, rows: pd.Index) -> list[int]:
        """Line in the file where each of ``rows`` starts (header = line 1).

        Only reached when reporting problems, so the byte scan that finds cells spanning lines
        costs nothing on valid data.
        """
        shape = _scan(self.path)
        multiline = shape.breaks > len(self.frame) + (1 if shape.ends_with_break else 0)
        if not multiline:
            return [int(r) + 2 for r in rows]
        if self._starts is None:
            self._starts = _record_start_lines(self.path.read_bytes().removeprefix(BOM).decode("utf-8"))
        return [self._starts[int(r) + 1] for r in rows]


def _record_start_lines(text: str) -> list[int]:
    """Line on which each CSV record starts (record 0 = header)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, previous_end = [], 0
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return starts


_CHUNK = 1 << 23


@dataclass(frozen=True)
class _Shape:
    """What a byte scan of the file tells before parsing: quote parity and line breaks."""

    quotes: int
    breaks: int
    ends_with_break: bool


def _scan(path: Path, lines: bool = True) -> _Shape:
    """Count quote characters (and line breaks) in chunks, so the file is never held whole."""
    quotes = breaks = 0
    last = b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            quotes += chunk.count(b'"')
            if not lines:
                last = chunk[-1:]
                continue
            breaks += chunk.count(b"\n")
            if b"\r" in chunk:  # a lone CR ends a line too; CRLF was counted once already
                breaks += chunk.count(b"\r") - chunk.count(b"\r\n") - (last == b"\r" and chunk[:1] == b"\n")
            last = chunk[-1:]
    return _Shape(quotes, breaks, last in (b"\n", b"\r"))


def _header(raw: bytes) -> list[str] | None:
    """The header's names, or None when the first line is not one complete CSV record."""
    first = _first_line(raw).removeprefix(BOM).decode("utf-8", errors="replace")
    try:
        row = next(csv.reader([first.rstrip("\r")], strict=True), None)
    except csv.Error:
        return None
    return [c.strip() for c in row] if row else None


def _encoding_problem(raw: bytes, display: str) -> Problem | None:
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start : exc.start + 1]
        return Problem(
            Kind.ENCODING_ERROR,
            display,
            line,
            _column_at(raw[line_start : exc.start], raw),
            byte.decode("latin-1"),
            {"byte": byte.hex(), "at": exc.start - line_start + 1},
        )


def _column_at(prefix: bytes, raw: bytes) -> str | None:
    """Name of the column a partial line ends in, counting unquoted commas."""
    header = _header(raw)
    index = prefix.decode("utf-8", errors="replace").count(",")
    return header[index] if header and index < len(header) else None


def _syntax_problems(raw: bytes, display: str, width: int) -> list[Problem]:
    """Ragged rows and unterminated quotes, found with the strict ``csv`` module."""
    text = raw.removeprefix(BOM).decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems, previous_end = [], 0
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if row and len(row) != width and start > 1:
                problems.append(
                    Problem(
                        Kind.ROW_WIDTH,
                        display,
                        start,
                        value=",".join(row),
                        params={"expected": width, "found": len(row)},
                    )
                )
    except csv.Error as exc:
        problems.append(Problem(Kind.UNCLOSED_QUOTE, display, previous_end + 1, params={"reason": str(exc)}))
    return problems


def _lone_cr(head: bytes) -> bool:
    """Whether the header line ends in a carriage return not followed by a line feed."""
    line = _first_line(head)
    at = line.find(b"\r")
    return 0 <= at < len(line) - 1 or (at == len(line) - 1 and len(line) == len(head))


def _head(path: Path, folder: Path, resource: Resource, display: str) -> tuple[bytes | None, list[Problem]]:
    """The first block of a table file that may be read, or the problem that stops it."""
    refused = refusal(path, folder, TABLE_LIMIT, "a table")
    if refused is not None:
        return None, [refused.problem(display)]
    try:
        with path.open("rb") as f:
            head = f.read(_CHUNK)
    except FileNotFoundError:
        return None, [Problem(Kind.MISSING_FILE, display, params={"what": f"table '{resource.name}'"})]
    except OSError as exc:
        return None, [Problem(Kind.UNREADABLE_FILE, display, params={"reason": exc.strerror})]
    if _BLANK.match(head) and path.stat().st_size == len(head):
        return None, [Problem(Kind.EMPTY_FILE, display, 1)]
    encoding = utf16(head)
    if encoding:
        return None, [Problem(Kind.FILE_ENCODING, display, 1, params={"encoding": encoding})]
    if _lone_cr(head):
        return None, [Problem(Kind.LINE_ENDINGS, display, 1)]
    return head, []


def read_raw(
    path: Path, folder: Path, resource: Resource, display: str
) -> tuple[RawTable | None, list[Problem]]:
    """Read ``path`` (a table of ``folder``) as text columns checked against ``resource``'s field names."""
    head, problems = _head(path, folder, resource, display)
    if head is None:
        return None, problems
    bad_header = _encoding_problem(_first_line(head), display)
    if bad_header:
        return None, [bad_header]
    header = _header(head)
    if header is None:
        return None, [
            Problem(Kind.HEADER_NOT_CSV, display, 1, params={"reason": "the header row is not valid CSV"})
        ]
    problems = _header_problems(header, resource, display)
    if problems:
        return None, problems

    try:
        table = _parse(path, header)
    except pa.ArrowInvalid as exc:  # pyarrow checks UTF-8 too; only now is a full decode worth it
        raw = path.read_bytes()
        bad_encoding = _encoding_problem(raw, display)
        return None, [bad_encoding] if bad_encoding else _syntax_problems(raw, display, len(header)) or [
            Problem(Kind.CSV_SYNTAX, display, params={"reason": str(exc).splitlines()[0]})
        ]
    if _may_end_in_open_quote(path, table) and _scan(path, lines=False).quotes % 2:
        return None, _syntax_problems(path.read_bytes(), display, len(header)) or [
            Problem(Kind.UNCLOSED_QUOTE, display, params={"reason": "unbalanced quote characters"})
        ]
    names = [c.strip() for c in table.column_names]
    if names != header:
        return None, [
            Problem(Kind.HEADER_NOT_CSV, display, 1, params={"reason": "the header could not be read as CSV"})
        ]
    return RawTable(table.rename_columns(names).to_pandas(), path, display), []


def _may_end_in_open_quote(path: Path, table: pa.Table) -> bool:
    """Whether the file might end inside a quoted field, which pyarrow accepts without a word.

    Such a field can only be the last one of the last record (anywhere else the record comes up
    short and pyarrow fails), and its raw bytes are then an opening quote and the value, quotes
    doubled, up to the end of the file. Checking that tail costs a few bytes; a hit is confirmed
    by counting every quote in the file.
    """
    if table.num_rows == 0:
        return False
    value = table.column(table.num_columns - 1)[-1].as_py() or ""
    tail = b'"' + value.replace('"', '""').encode("utf-8")
    size = path.stat().st_size
    if size < len(tail):
        return False
    with path.open("rb") as f:
        f.seek(size - len(tail))
        return f.read() == tail


# A record must fit in one block. Small blocks parse fastest (a million rows in about two thirds of
# the time 16 MiB ones take); a longer record is read again in a block with room for a few cells at
# their length limit, then in one block as large as the file.
_BLOCKS = (1 << 20, 16 << 20)


def _parse(path: Path, header: list[str]) -> pa.Table:
    """pyarrow's multi-threaded reader, every column as text, empty cells as empty strings.

    A record longer than a block is read again with a larger block, at last one as large as the file.
    """
    convert = pacsv.ConvertOptions(
        column_types={name: pa.large_string() for name in header},  # what pandas holds: no copy
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    parse = pacsv.ParseOptions(newlines_in_values=True)
    for block in _BLOCKS:
        try:
            with _native(path) as f:
                return pacsv.read_csv(f, pacsv.ReadOptions(block_size=block), parse, convert)
        except pa.ArrowInvalid as exc:
            if "straddling" not in str(exc) or path.stat().st_size <= block:
                raise
    with _native(path) as f:
        return pacsv.read_csv(f, pacsv.ReadOptions(block_size=path.stat().st_size + 1), parse, convert)


def _native(path: Path) -> pa.OSFile:
    """``path`` opened by pyarrow from its bytes, so that a folder name that is not UTF-8 opens too."""
    return pa.OSFile(os.fsencode(path))


def _header_problems(header: list[str], resource: Resource, display: str) -> list[Problem]:
    # Sets and one count: a header of many thousand columns is checked in linear time.
    expected, present = set(resource.field_names), set(header)
    problems = []
    for name in sorted(name for name, n in Counter(header).items() if n > 1):
        problems.append(Problem(Kind.DUPLICATE_HEADER, display, 1, name, name))
    for name in resource.field_names:
        if name not in present:
            problems.append(Problem(Kind.MISSING_COLUMN, display, 1, name))
    for i, name in enumerate(header, start=1):
        if name not in expected:
            problems.append(Problem(Kind.EXTRA_COLUMN, display, 1, name or f"#{i}", name, {"position": i}))
    return problems
