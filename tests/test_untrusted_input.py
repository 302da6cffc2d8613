"""Untrusted input the README promises to answer without a traceback.

Each case builds on a fresh copy of the frozen seed (``tests/fixtures/seed``: ``data/`` and
``seeds/``) in ``tmp_path`` and feeds the workbook one kind of odd or hostile input through the
command line or ``helpers.load_workbook``. Valid input must load; bad input must exit non-zero (or
raise ``DataError``) with a message naming the file (and, for a table cell, its line, column, value
and rule), never a Python traceback, and a refused run changes no data file.

The classes: CSV dialects; Unicode normalisation and look-alike characters; dates; numbers in
integer cells; spellings of "missing" that are text; identifiers; command-line arguments; exports
carrying hostile text; resource limits; file-system names; descriptor values of the wrong JSON
kind; outputs aimed at the data through links and side files; articles for the drafter with
byte-level oddities.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from helpers import DataError, load_workbook

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed"
SEED_TEXT = "000_f343ef062b056b47.txt"
SNAPSHOT_NAMES = [p.name for p in (SEED / "data").iterdir()]


# --------------------------------------------------------------------------------------------
# Helpers


def fresh(tmp_path: Path, name: str = "wb") -> Path:
    """Copy the seed's ``data/`` and ``seeds/`` under ``tmp_path/name``; return the data folder."""
    base = tmp_path / name
    base.mkdir(parents=True)
    shutil.copytree(SEED / "data", base / "data")
    shutil.copytree(SEED / "seeds", base / "seeds")
    return base / "data"


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 110
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m helpers ARGS`` from the project root, as a user would."""
    full_env = dict(os.environ)
    full_env.pop("WORKBOOK_DATA", None)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=timeout,
        check=False,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "Traceback" not in proc.stdout, proc.stdout[-2000:]


def assert_valid(proc: subprocess.CompletedProcess[str]) -> None:
    no_traceback(proc)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-2000:]
    assert "valid" in proc.stdout, proc.stdout[-2000:]


def assert_refused(
    proc: subprocess.CompletedProcess[str], *words: str, codes: tuple[int, ...] = (1,)
) -> None:
    """Refused: the expected exit status, no traceback, the output names every word."""
    no_traceback(proc)
    out = proc.stdout + proc.stderr
    assert proc.returncode in codes, f"exit {proc.returncode}: {out[-2000:]}"
    for word in words:
        assert word in out, f"{word!r} not in output: {out[-2000:]}"


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def set_cell(data: Path, table: str, key: str, column: str, value: str) -> int:
    """Set ``column`` of the row whose first cell is ``key``; return its line number (header = 1)."""
    path = data / f"{table}.csv"
    rows = read_rows(path)
    col = rows[0].index(column)
    for index, row in enumerate(rows[1:], start=2):
        if row[0] == key:
            row[col] = value
            write_rows(path, rows)
            return index
    raise AssertionError(f"{key} not in {table}")


def add_rows(data: Path, table: str, new: list[dict[str, str]]) -> None:
    path = data / f"{table}.csv"
    rows = read_rows(path)
    header = rows[0]
    rows.extend([[record.get(name, "") for name in header] for record in new])
    write_rows(path, rows)


def problems(data: Path) -> list[dict[str, Any]]:
    """The problems ``load_workbook`` raises, as records; [] when the folder loads."""
    try:
        load_workbook(data)
    except DataError as err:
        records: list[dict[str, Any]] = err.to_frame().to_dict("records")
        assert records, "DataError without problems"
        return records
    return []


def refused_cell(data: Path, table: str, line: int, column: str, value: str, codes: set[str]) -> None:
    """Loading raises DataError with a problem naming the file, line, column, value and one of ``codes``."""
    before = snapshot(data.parent)
    found = problems(data)
    assert found, f"{table}.csv line {line} {column}={value!r} loaded without a problem"
    hits = [
        p
        for p in found
        if str(p["file"]).endswith(f"{table}.csv")
        and p["line"] == line
        and p["column"] == column
        and p["code"] in codes
    ]
    assert hits, f"no {codes} problem at {table}.csv:{line}:{column}; got {found[:5]}"
    assert any(p["value"] == value for p in hits), f"value {value!r} not named: {hits}"
    assert snapshot(data.parent) == before


def table_of(data: Path, table: str) -> Any:
    return getattr(load_workbook(data), table)


def add_document(data: Path, doc_id: str, text: str, name: str) -> str:
    """Store ``text`` as ``seeds/name`` with a documents row; return the path."""
    raw = text.encode("utf-8")
    (data.parent / "seeds" / name).write_bytes(raw)
    add_rows(
        data,
        "documents",
        [
            {
                "document_id": doc_id,
                "title": "An added test document",
                "outlet": "Antiwar.com",
                "publisher": "antiwar",
                "published": "2024-10-23",
                "published_basis": "Stated for the test.",
                "path": f"seeds/{name}",
                "sha256": hashlib.sha256(raw).hexdigest(),
            }
        ],
    )
    return f"seeds/{name}"


def add_statement(data: Path, statement_id: str, doc_id: str, quote: str) -> None:
    """A copy of S02 (a graded fact) with another id, document and quote."""
    rows = read_rows(data / "statements.csv")
    header = rows[0]
    s02 = dict(zip(header, next(r for r in rows if r[0] == "S02"), strict=True))
    s02.update(statement_id=statement_id, document_id=doc_id, quote=quote, responds_to="", same_as="")
    add_rows(data, "statements", [s02])


# --------------------------------------------------------------------------------------------
# 1. CSV dialects


def _bom(data: Path) -> None:
    p = data / "statements.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())


def _excel_utf8(data: Path) -> None:
    p = data / "troop_claims.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))


def _crlf_everywhere(data: Path) -> None:
    for p in data.glob("*.csv"):
        p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))


def _crlf_mixed(data: Path) -> None:
    p = data / "ach_ratings.csv"
    lines = p.read_bytes().split(b"\n")
    p.write_bytes(b"".join(line + (b"\r\n" if i % 2 else b"\n") for i, line in enumerate(lines[:-1])))


def _quoted_header(data: Path) -> None:
    p = data / "places.csv"
    rows = read_rows(p)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    p.write_text(buffer.getvalue(), encoding="utf-8")


def _header_only(table: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        p = data / f"{table}.csv"
        p.write_text(p.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")

    return edit


def _one_trailing_blank_line(data: Path) -> None:
    p = data / "places.csv"
    p.write_text(p.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _no_final_newline(data: Path) -> None:
    p = data / "places.csv"
    p.write_text(p.read_text(encoding="utf-8").rstrip("\n"), encoding="utf-8")


DIALECTS_READ = {
    "crlf-everywhere": _crlf_everywhere,
    "crlf-and-lf-mixed": _crlf_mixed,
    "quoted-header-names": _quoted_header,
    "header-only-troop-claims": _header_only("troop_claims"),
    "header-only-indicators": _header_only("indicators"),
    "one-trailing-empty-line": _one_trailing_blank_line,
    "no-final-newline": _no_final_newline,
}


@pytest.mark.parametrize("edit", DIALECTS_READ.values(), ids=DIALECTS_READ.keys())
def test_csv_dialects_the_standard_allows_are_read(tmp_path: Path, edit: Callable[[Path], None]) -> None:
    data = fresh(tmp_path)
    edit(data)
    before = snapshot(data.parent)
    assert problems(data) == []
    assert snapshot(data.parent) == before


@pytest.mark.cli
@pytest.mark.parametrize("edit", [_bom, _excel_utf8], ids=["utf8-bom", "excel-csv-utf8-bom-crlf"])
def test_a_byte_order_mark_is_read_or_refused_in_one_line(
    tmp_path: Path, edit: Callable[[Path], None]
) -> None:
    """A UTF-8 BOM is UTF-8: it is read, or refused naming the file; never a raw U+FEFF in the report."""
    data = fresh(tmp_path)
    edit(data)
    before = snapshot(data.parent)
    proc = run("validate", str(data))
    no_traceback(proc)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    if proc.returncode == 1:
        assert ".csv" in proc.stdout + proc.stderr
    assert "\ufeff" not in proc.stdout + proc.stderr
    assert snapshot(data.parent) == before


def _many_blank_lines(data: Path) -> tuple[str, str]:
    p = data / "places.csv"
    p.write_text(p.read_text(encoding="utf-8") + "\n" * 10, encoding="utf-8")
    return "places.csv", ""


def _blank_line_inside(data: Path) -> tuple[str, str]:
    p = data / "places.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    p.write_text("\n".join([lines[0], lines[1], "", *lines[2:]]) + "\n", encoding="utf-8")
    return "places.csv", ""


@pytest.mark.cli
@pytest.mark.parametrize(
    "edit",
    [_many_blank_lines, _blank_line_inside],
    ids=["ten-trailing-blank-lines", "blank-line-between-rows"],
)
def test_blank_lines_are_skipped_or_named(tmp_path: Path, edit: Callable[[Path], tuple[str, str]]) -> None:
    """README is silent: blank lines are read as nothing, or refused naming the file and a line."""
    data = fresh(tmp_path)
    name, _ = edit(data)
    proc = run("validate", str(data))
    no_traceback(proc)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    if proc.returncode == 1:
        out = proc.stdout + proc.stderr
        assert name in out and "line" in out, out


def _trailing_delimiter_everywhere(data: Path) -> tuple[str, ...]:
    p = data / "places.csv"
    p.write_text(
        "".join(line + ",\n" for line in p.read_text(encoding="utf-8").splitlines()), encoding="utf-8"
    )
    return ("places.csv",)


def _trailing_delimiter_one_row(data: Path) -> tuple[str, ...]:
    p = data / "places.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    lines[2] += ","
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ("places.csv", "line 3", "row-width")


def _duplicate_header(data: Path) -> tuple[str, ...]:
    p = data / "places.csv"
    text = p.read_text(encoding="utf-8")
    p.write_text(
        text.replace("place_id,name,parent,kind,notes", "place_id,name,parent,kind,name", 1), encoding="utf-8"
    )
    return ("places.csv", "duplicate-header")


def _excel_sep_line(data: Path) -> tuple[str, ...]:
    p = data / "hypotheses.csv"
    p.write_text("sep=,\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
    return ("hypotheses.csv",)


def _semicolons(data: Path) -> tuple[str, ...]:
    p = data / "places.csv"
    rows = read_rows(p)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    p.write_text(buffer.getvalue(), encoding="utf-8")
    return ("places.csv",)


def _tabs(data: Path) -> tuple[str, ...]:
    p = data / "hypotheses.csv"
    rows = read_rows(p)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(rows)
    p.write_text(buffer.getvalue(), encoding="utf-8")
    return ("hypotheses.csv",)


def _header_quoted_with_spaces(data: Path) -> tuple[str, ...]:
    p = data / "places.csv"
    text = p.read_text(encoding="utf-8")
    p.write_text(text.replace("place_id,name,", '"place_id", "name",', 1), encoding="utf-8")
    return ("places.csv",)


DIALECTS_REFUSED = {
    "trailing-delimiter-every-line": _trailing_delimiter_everywhere,
    "trailing-delimiter-one-row": _trailing_delimiter_one_row,
    "duplicate-header-name": _duplicate_header,
    "excel-sep-first-line": _excel_sep_line,
    "semicolon-delimited": _semicolons,
    "tab-delimited": _tabs,
    "space-after-delimiter-in-header": _header_quoted_with_spaces,
}


@pytest.mark.cli
@pytest.mark.parametrize("edit", DIALECTS_REFUSED.values(), ids=DIALECTS_REFUSED.keys())
def test_csv_dialects_outside_the_standard_are_refused_in_one_line(
    tmp_path: Path, edit: Callable[[Path], tuple[str, ...]]
) -> None:
    data = fresh(tmp_path)
    words = edit(data)
    before = snapshot(data.parent)
    proc = run("validate", str(data))
    assert_refused(proc, *words)
    assert len((proc.stdout + proc.stderr).splitlines()) < 80
    assert snapshot(data.parent) == before


# --------------------------------------------------------------------------------------------
# 2. Unicode normalisation and look-alike characters


TEXT_NFC = "The envoy said in S\u00e9oul that the caf\u00e9 story was a groundless rumor.\n"
QUOTE_NFC = "the caf\u00e9 story was a groundless rumor"


@pytest.mark.parametrize(
    ("doc_form", "quote_form", "ok"),
    [("NFC", "NFC", True), ("NFD", "NFD", True), ("NFC", "NFD", False), ("NFD", "NFC", False)],
    ids=["nfc-in-nfc", "nfd-in-nfd", "nfd-quote-nfc-text", "nfc-quote-nfd-text"],
)
def test_a_quote_differing_only_by_normalisation_is_named(
    tmp_path: Path, doc_form: str, quote_form: str, ok: bool
) -> None:
    """Same form loads; a differing form is quote-not-verbatim naming the character or normalisation."""
    data = fresh(tmp_path)
    add_document(data, "norm-001", unicodedata.normalize(doc_form, TEXT_NFC), "001_norm.txt")  # type: ignore[arg-type]
    add_statement(data, "S99", "norm-001", unicodedata.normalize(quote_form, QUOTE_NFC))  # type: ignore[arg-type]
    found = problems(data)
    if ok:
        assert found == []
        return
    hits = [p for p in found if p["code"] == "quote-not-verbatim" and p["column"] == "quote"]
    assert hits, found
    message = " ".join(str(p["message"]) for p in hits).lower()
    assert "normali" in message or "u+0301" in message or "nfc" in message or "nfd" in message, message


@pytest.mark.parametrize(
    ("table", "key", "column", "value", "codes"),
    [
        ("places", "russia", "place_id", "russia\u200d", {"pattern"}),
        ("sources", "austin", "source_id", "aust\u0131n", {"pattern"}),
        ("places", "kursk-oblast", "place_id", "kursk\u2011oblast", {"pattern"}),
        ("troop_claims", "TC01", "measure", "sent\u00a0to", {"enum"}),
        ("troop_claims", "TC01", "location", "\u00a0\u00a0", {"blank-cell", "required"}),
        ("troop_claims", "TC01", "location", "\u3000", {"blank-cell", "required"}),
        ("statements", "S02", "credibility", "\uff12", {"type-error", "enum"}),
        ("statements", "S02", "stance", "a\u0301ffirms", {"enum"}),
    ],
    ids=[
        "zero-width-joiner-in-id",
        "turkish-dotless-i-in-id",
        "non-breaking-hyphen-in-id",
        "nbsp-in-enum",
        "only-nbsp-in-required",
        "only-ideographic-space",
        "full-width-digit-grade",
        "combining-mark-in-enum",
    ],
)
def test_look_alike_characters_are_refused_with_their_cell(
    tmp_path: Path, table: str, key: str, column: str, value: str, codes: set[str]
) -> None:
    data = fresh(tmp_path)
    line = set_cell(data, table, key, column, value)
    refused_cell(data, table, line, column, value, codes)


@pytest.mark.cli
def test_an_invisible_character_in_an_id_is_escaped_in_the_report(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    set_cell(data, "places", "russia", "place_id", "russia\u200d")
    proc = run("validate", str(data))
    assert_refused(proc, "places.csv", "place_id", "<U+200D>")
    assert "\u200d" not in proc.stdout + proc.stderr


# --------------------------------------------------------------------------------------------
# 3. Dates


BAD_DATES = {
    "feb-29-non-leap-year": "2023-02-29",
    "feb-30": "2024-02-30",
    "with-time-part": "2024-10-23T10:00:00",
    "with-space-and-time": "2024-10-23 10:00",
    "iso-week-date": "2024-W43-3",
    "trailing-z": "2024-10-23Z",
    "unpadded-day": "2024-10-3",
    "basic-iso-no-dashes": "20241023",
    "day-month-year": "23/10/2024",
    "full-width-digits": "\uff12\uff10\uff12\uff14-10-23",
    "ordinal-date": "2024-297",
}


@pytest.mark.parametrize("value", BAD_DATES.values(), ids=BAD_DATES.keys())
def test_a_date_not_written_yyyy_mm_dd_is_refused_with_its_cell(tmp_path: Path, value: str) -> None:
    data = fresh(tmp_path)
    line = set_cell(data, "indicators", "I01", "as_of", value)
    refused_cell(data, "indicators", line, "as_of", value, {"type-error"})


@pytest.mark.parametrize(
    "value", ["0001-01-01", "9999-12-31", "1677-09-21"], ids=["year-0001", "year-9999", "just-before-pandas"]
)
def test_a_date_pandas_cannot_hold_is_refused_with_its_cell(tmp_path: Path, value: str) -> None:
    """README: dates outside what pandas holds are reported under their own rule."""
    data = fresh(tmp_path)
    line = set_cell(data, "indicators", "I02", "as_of", value)
    before = snapshot(data.parent)
    found = problems(data)
    hits = [
        p
        for p in found
        if str(p["file"]).endswith("indicators.csv") and p["line"] == line and p["column"] == "as_of"
    ]
    assert hits, found[:5]
    assert hits[0]["value"] == value
    assert snapshot(data.parent) == before


@pytest.mark.parametrize(
    ("table", "key", "column", "value"),
    [
        ("indicators", "I01", "as_of", "2200-01-01"),
        ("indicators", "I01", "as_of", "2024-02-29"),
        ("indicators", "I01", "as_of", "1800-01-01"),
    ],
    ids=["far-future-as-of", "leap-day", "long-ago-within-pandas"],
)
def test_unusual_but_real_dates_load(tmp_path: Path, table: str, key: str, column: str, value: str) -> None:
    data = fresh(tmp_path)
    set_cell(data, table, key, column, value)
    assert problems(data) == []
    frame = table_of(data, table)
    got = frame.loc[frame.iloc[:, 0] == key, column].iloc[0]
    assert str(got.date()) == value


# --------------------------------------------------------------------------------------------
# 4. Numbers in integer cells


BAD_COUNTS = {
    "thousands-separator": "1,500",
    "thin-space-separator": "1\u202f500",
    "exponent": "1e3",
    "decimal-point": "1500.0",
    "infinity": "Infinity",
    "nan": "NaN",
    "negative-zero": "-0",
    "hex": "0x5DC",
    "underscore": "1_500",
    "full-width-digits": "\uff11\uff15\uff10\uff10",
    "arabic-indic-digits": "\u0661\u0665\u0660\u0660",
    "words": "fifteen hundred",
}


@pytest.mark.parametrize("value", BAD_COUNTS.values(), ids=BAD_COUNTS.keys())
def test_a_count_that_is_not_plain_digits_is_refused_with_its_cell(tmp_path: Path, value: str) -> None:
    data = fresh(tmp_path)
    line = set_cell(data, "troop_claims", "TC01", "count", value)
    refused_cell(data, "troop_claims", line, "count", value, {"type-error", "minimum"})


@pytest.mark.parametrize(
    "value",
    ["+1500", "001500", "1500 ", " 1500"],
    ids=["leading-plus", "leading-zeros", "trailing-space", "leading-space"],
)
def test_a_count_with_a_sign_zeros_or_spaces_is_read_as_the_number_or_refused(
    tmp_path: Path, value: str
) -> None:
    """README is silent on these spellings: read as 1500, or refused naming the cell; never another number."""
    data = fresh(tmp_path)
    line = set_cell(data, "troop_claims", "TC01", "count", value)
    found = problems(data)
    if found:
        assert any(p["line"] == line and p["column"] == "count" for p in found), found[:5]
        return
    claims = table_of(data, "troop_claims")
    assert int(claims.loc[claims.claim_id == "TC01", "count"].iloc[0]) == 1500


def test_a_credibility_written_as_a_decimal_is_refused(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    line = set_cell(data, "statements", "S02", "credibility", "2.0")
    refused_cell(data, "statements", line, "credibility", "2.0", {"type-error", "enum"})


# --------------------------------------------------------------------------------------------
# 5. Spellings of "missing" are text, not blanks ("Missing values are empty cells")


@pytest.mark.parametrize(
    ("column", "value"),
    [("notes", "NA"), ("notes", "null"), ("location", "N/A"), ("location", "None"), ("location", "nan")],
    ids=["notes-NA", "notes-null", "location-N/A", "location-None", "location-nan"],
)
def test_a_word_for_missing_in_a_text_cell_is_kept_as_text(tmp_path: Path, column: str, value: str) -> None:
    data = fresh(tmp_path)
    set_cell(data, "troop_claims", "TC01", column, value)
    assert problems(data) == []
    claims = table_of(data, "troop_claims")
    assert claims.loc[claims.claim_id == "TC01", column].iloc[0] == value


@pytest.mark.parametrize(
    ("table", "key", "column", "value", "codes"),
    [
        ("troop_claims", "TC01", "count_low", "NaN", {"type-error"}),
        ("troop_claims", "TC01", "count_high", "NULL", {"type-error"}),
        ("statements", "S02", "reported_by", "None", {"foreign-key"}),
        ("statements", "S03", "same_as", "null", {"foreign-key"}),
        ("statements", "S02", "self_serving", "NA", {"type-error"}),
        ("troop_claims", "TC01", "place", "NA", {"foreign-key"}),
    ],
    ids=["count_low-NaN", "count_high-NULL", "reported_by-None", "same_as-null", "boolean-NA", "place-NA"],
)
def test_a_word_for_missing_in_a_typed_or_linked_cell_is_a_value_and_refused(
    tmp_path: Path, table: str, key: str, column: str, value: str, codes: set[str]
) -> None:
    data = fresh(tmp_path)
    line = set_cell(data, table, key, column, value)
    refused_cell(data, table, line, column, value, codes)


# --------------------------------------------------------------------------------------------
# 6. Identifiers


NUMBERISH_PLACES = ["1", "01", "1000", "1e3", "NA", "null", "True", "0"]


def test_ids_that_look_like_numbers_or_missing_stay_distinct_strings(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    add_rows(
        data,
        "places",
        [
            {
                "place_id": pid,
                "name": f"Test place {pid}",
                "parent": "1" if pid == "01" else ("NA" if pid == "null" else ""),
            }
            for pid in NUMBERISH_PLACES
        ],
    )
    assert problems(data) == []
    places = table_of(data, "places")
    assert set(NUMBERISH_PLACES) <= set(places.place_id)
    parents = dict(zip(places.place_id, places.parent, strict=True))
    assert parents["01"] == "1"
    assert parents["null"] == "NA"


def test_ids_differing_only_in_case_are_distinct(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    add_rows(data, "places", [{"place_id": "Russia", "name": "Russia (upper-case id)", "parent": "russia"}])
    assert problems(data) == []
    places = table_of(data, "places")
    assert {"russia", "Russia"} <= set(places.place_id)


@pytest.mark.parametrize(
    ("table", "key", "column", "value", "codes"),
    [
        ("statements", "S02", "source_id", "AUSTIN", {"foreign-key"}),
        ("ach_ratings", "S01", "statement_id", "S01 ", {"pattern", "foreign-key"}),
        ("ach_ratings", "S01", "statement_id", " S01", {"pattern", "foreign-key"}),
        ("places", "kursk-oblast", "place_id", "kursk-oblast\n", {"pattern"}),
        ("documents", "seed-000", "url", "https://news.antiwar.com/x\n", {"pattern"}),
        ("statements", "S02", "statement_id", "S\u0660\u0662", {"pattern"}),
    ],
    ids=[
        "case-only-foreign-key",
        "trailing-space",
        "leading-space",
        "trailing-newline-id",
        "trailing-newline-url",
        "arabic-digits-id",
    ],
)
def test_an_id_that_only_looks_right_is_refused_with_its_cell(
    tmp_path: Path, table: str, key: str, column: str, value: str, codes: set[str]
) -> None:
    data = fresh(tmp_path)
    line = set_cell(data, table, key, column, value)
    refused_cell(data, table, line, column, value, codes)


def test_a_very_long_id_loads_and_links(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    long_id = "p" + "x" * 20_000
    add_rows(data, "places", [{"place_id": long_id, "name": "A place with a long id", "parent": "russia"}])
    set_cell(data, "places", "kursk-oblast", "parent", long_id)
    assert problems(data) == []
    places = table_of(data, "places")
    assert places.loc[places.place_id == "kursk-oblast", "parent"].iloc[0] == long_id


# --------------------------------------------------------------------------------------------
# 7. Command-line arguments


@pytest.mark.cli
def test_a_data_folder_named_like_an_option_is_read_after_double_dash(tmp_path: Path) -> None:
    base = tmp_path / "wb"
    data = fresh(tmp_path)
    data.rename(base / "-data")
    proc = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", "--", "-data"],
        capture_output=True,
        text=True,
        cwd=base,
        env={k: v for k, v in os.environ.items() if k != "WORKBOOK_DATA"} | {"PYTHONPATH": str(ROOT)},
        timeout=110,
        check=False,
    )
    assert_valid(proc)


@pytest.mark.cli
def test_a_data_folder_named_like_an_option_without_double_dash_is_an_argument_error(tmp_path: Path) -> None:
    proc = run("validate", "-data")
    assert_refused(proc, codes=(2,))


@pytest.mark.cli
def test_a_newline_in_the_data_folder_name_is_read_and_escaped(tmp_path: Path) -> None:
    data = fresh(tmp_path, "line\nbreak")
    set_cell(data, "troop_claims", "TC01", "measure", "teleported")
    proc = run("validate", str(data))
    assert_refused(proc, "troop_claims.csv", "teleported")
    assert "line\nbreak" not in proc.stdout + proc.stderr


@pytest.mark.cli
@pytest.mark.parametrize("target", ["file", "seeds", "root", "empty-folder"])
def test_validate_pointed_at_something_not_a_data_folder_answers_in_a_few_lines(
    tmp_path: Path, target: str
) -> None:
    data = fresh(tmp_path)
    path = {
        "file": data / "statements.csv",
        "seeds": data.parent / "seeds",
        "root": Path("/"),
        "empty-folder": tmp_path / "empty",
    }[target]
    if target == "empty-folder":
        path.mkdir()
    before = snapshot(data.parent)
    proc = run("validate", str(path), timeout=60)
    assert_refused(proc, codes=(1, 2))
    assert 1 <= len((proc.stdout + proc.stderr).strip().splitlines()) <= 40, proc.stdout + proc.stderr
    assert snapshot(data.parent) == before


@pytest.mark.cli
@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("sqlite", "inside-data"),
        ("claimreview", "onto-a-data-file"),
        ("annotations", "the-data-folder-itself"),
        ("claimreview", "inside-seeds"),
    ],
)
def test_an_export_aimed_into_the_data_is_refused_and_writes_nothing(
    tmp_path: Path, kind: str, where: str
) -> None:
    data = fresh(tmp_path)
    out = {
        "inside-data": data / "claims.db",
        "onto-a-data-file": data / "statements.csv",
        "the-data-folder-itself": data,
        "inside-seeds": data.parent / "seeds" / "cr.jsonld",
    }[where]
    before = snapshot(data.parent)
    proc = run("export", kind, str(out), "--data", str(data))
    assert_refused(proc, codes=(2,))
    assert len(proc.stderr.strip().splitlines()) <= 3, proc.stderr
    assert snapshot(data.parent) == before


@pytest.mark.cli
def test_a_draft_aimed_into_the_data_folder_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    article = tmp_path / "new.txt"
    article.write_text((data.parent / "seeds" / SEED_TEXT).read_text(encoding="utf-8"), encoding="utf-8")
    before = snapshot(data.parent)
    proc = run(
        "draft", str(article), "--data", str(data), "--published", "2024-10-24", "--out", str(data / "draft")
    )
    assert_refused(proc, codes=(2,))
    assert snapshot(data.parent) == before


@pytest.mark.cli
@pytest.mark.parametrize(
    "published",
    ["2024-02-30", "2024-10-23T12:00", "23/10/2024", "\uff12\uff10\uff12\uff14-10-23"],
    ids=["feb-30", "with-time", "day-first", "full-width"],
)
def test_a_draft_with_an_impossible_publication_date_is_an_argument_error(
    tmp_path: Path, published: str
) -> None:
    data = fresh(tmp_path)
    article = tmp_path / "new.txt"
    article.write_text("Officials said 2,000 North Korean troops were in Russia.\n", encoding="utf-8")
    out = tmp_path / "draft"
    proc = run("draft", str(article), "--data", str(data), "--published", published, "--out", str(out))
    assert_refused(proc, codes=(2,))
    assert not out.exists()


@pytest.mark.cli
@pytest.mark.parametrize(
    "value",
    ["{data}/", "{base}/seeds/../data", "{base}/./data//"],
    ids=["trailing-slash", "dot-dot", "dot-and-double-slash"],
)
def test_workbook_data_spelt_another_way_still_names_the_folder(tmp_path: Path, value: str) -> None:
    data = fresh(tmp_path)
    assert_valid(run("validate", env={"WORKBOOK_DATA": value.format(data=data, base=data.parent)}))


@pytest.mark.cli
def test_workbook_data_set_empty_answers_without_a_traceback(tmp_path: Path) -> None:
    """README: the default is $WORKBOOK_DATA or data/; an empty value is unsure: the default, or one line."""
    proc = run("validate", env={"WORKBOOK_DATA": ""})
    no_traceback(proc)
    if proc.returncode == 2:
        assert len(proc.stderr.strip().splitlines()) <= 3, proc.stderr
    else:
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr


# --------------------------------------------------------------------------------------------
# 8. Exports carry hostile text intact


HOSTILE = 'He said "no" \\ </script><script>alert(1)</script> & <!-- x --> \u2028 next \u2029 para'
FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-1-1", "@SUM(A1)", "'); DROP TABLE statements;--"]


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.mark.cli
def test_sqlite_export_stores_formula_and_sql_text_verbatim(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    set_cell(data, "troop_claims", "TC01", "notes", FORMULAS[0])
    set_cell(data, "troop_claims", "TC02", "notes", FORMULAS[4])
    for place, value in zip(["russia", "kursk-oblast"], FORMULAS[1:3], strict=True):
        set_cell(data, "places", place, "notes", value)
    set_cell(data, "hypotheses", "H5", "label", FORMULAS[3])
    out = tmp_path / "out"
    out.mkdir()
    proc = run("export", "sqlite", str(out / "claims.db"), "--data", str(data))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(out / "claims.db") as db:
        notes = {row[0] for row in db.execute("select notes from troop_claims")}
        place_notes = {row[0] for row in db.execute("select notes from places")}
        labels = {row[0] for row in db.execute("select label from hypotheses")}
        assert db.execute("select count(*) from statements").fetchone()[0] == 21
    assert {FORMULAS[0], FORMULAS[4]} <= notes
    assert set(FORMULAS[1:3]) <= place_notes
    assert FORMULAS[3] in labels


@pytest.mark.cli
def test_claimreview_export_keeps_hostile_rationales_as_data_not_markup(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    rows = read_rows(data / "judgements.csv")
    col = rows[0].index("rationale")
    for row in rows[1:]:
        row[col] = row[col] + " " + HOSTILE
    write_rows(data / "judgements.csv", rows)
    out = tmp_path / "out"
    out.mkdir()
    proc = run("export", "claimreview", str(out / "cr.jsonld"), "--data", str(data))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    raw = (out / "cr.jsonld").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw and "&" not in raw.replace("\\u0026", "")
    doc = json.loads(raw)
    texts = list(_strings(doc))
    if doc.get("@graph"):
        assert any(HOSTILE in t for t in texts), "the hostile rationale did not survive"


@pytest.mark.cli
def test_annotation_export_keeps_a_hostile_speaker_name_as_data(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    short = 'A "</script>\u2028&\\'  # sources.label holds at most 40 characters
    set_cell(data, "sources", "austin", "label", short)
    set_cell(data, "sources", "austin", "name", "Lloyd Austin " + HOSTILE)
    out = tmp_path / "out"
    out.mkdir()
    proc = run("export", "annotations", str(out / "ann.jsonld"), "--data", str(data))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    raw = (out / "ann.jsonld").read_text(encoding="utf-8")
    assert "</script" not in raw.lower() and "<" not in raw
    texts = list(_strings(json.loads(raw)))
    assert any(HOSTILE in t or short in t for t in texts), "the speaker's hostile name did not survive"


@pytest.mark.cli
def test_datasette_metadata_keeps_a_hostile_descriptor_title_as_data(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = "Claims " + HOSTILE
    (data / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    proc = run("export", "sqlite", str(out / "claims.db"), "--data", str(data))
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    meta = json.loads((out / "claims.metadata.json").read_text(encoding="utf-8"))
    assert any(HOSTILE in t for t in _strings(meta))


MARKDOWN_ATTACKS = {
    "link": "See [the proof](http://evil.example/) here.",
    "image": "![tracker](http://evil.example/pixel.png)",
    "html-comment": "Before <!-- hidden --> after.",
    "heading": "\n# Fake heading\n",
    "autolink": "<http://evil.example/>",
    "reference-link": "[x][1]\n\n[1]: http://evil.example/",
    "nested-brackets": "[" * 5000 + "deep" + "](http://evil.example/)" * 1 + "]" * 4999,
}


@pytest.mark.cli
@pytest.mark.parametrize("text", MARKDOWN_ATTACKS.values(), ids=MARKDOWN_ATTACKS.keys())
def test_the_codebook_renders_markdown_in_descriptions_as_plain_text(tmp_path: Path, text: str) -> None:
    data = fresh(tmp_path)
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["description"] = text
    descriptor["resources"][0]["schema"]["fields"][1]["description"] = text
    (data / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    proc = run("codebook", str(data), timeout=110)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = MarkdownIt("commonmark").render((data / "README.md").read_text(encoding="utf-8"))
    assert "evil.example" not in "".join(h for h in html.split('"') if h.startswith("http")), html[:500]
    assert '<a href="http://evil' not in html
    assert "<img" not in html
    assert "<!-- hidden" not in html
    assert "<h1>Fake heading" not in html


# --------------------------------------------------------------------------------------------
# 9. Resource limits


@pytest.mark.cli
def test_a_50_mb_descriptor_is_refused_as_too_large(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["x-padding"] = "a" * (50 * 1024 * 1024)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    proc = run("validate", str(data), timeout=60)
    assert_refused(proc, "datapackage.json", "file-too-large")


@pytest.mark.cli
@pytest.mark.parametrize("depth", [100_000, 5_000], ids=["broken-100k-deep", "valid-json-5k-deep"])
def test_deeply_nested_json_in_the_descriptor_is_one_line_not_a_recursion_error(
    tmp_path: Path, depth: int
) -> None:
    data = fresh(tmp_path)
    path = data / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    nested = "[" * depth + ("]" * depth if depth < 10_000 else "")
    path.write_text(text.rstrip().rstrip("}") + f', "x-nested": {nested}}}', encoding="utf-8")
    proc = run("validate", str(data), timeout=60)
    no_traceback(proc)
    assert "RecursionError" not in proc.stdout + proc.stderr
    assert proc.returncode in ((1,) if depth >= 10_000 else (0, 1)), proc.stdout + proc.stderr
    if proc.returncode:
        assert "datapackage.json" in proc.stdout + proc.stderr
        assert len((proc.stdout + proc.stderr).splitlines()) <= 40


@pytest.mark.cli
def test_a_thousand_extra_resources_are_read(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for i in range(1000):
        name = f"extra_{i:04d}"
        (data / f"{name}.csv").write_text("code,label\nA,first\n", encoding="utf-8")
        descriptor["resources"].append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [{"name": "code", "type": "string"}, {"name": "label", "type": "string"}]
                },
            }
        )
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert_valid(run("validate", str(data), timeout=110))


@pytest.mark.cli
def test_three_thousand_extra_columns_are_read(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    path = data / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    places = next(r for r in descriptor["resources"] if r["name"] == "places")
    extra = [f"x_{i}" for i in range(3000)]
    places["schema"]["fields"].extend({"name": name, "type": "string"} for name in extra)
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    rows = read_rows(data / "places.csv")
    rows[0].extend(extra)
    for row in rows[1:]:
        row.extend(str(i) for i in range(3000))
    write_rows(data / "places.csv", rows)
    assert_valid(run("validate", str(data), timeout=110))


@pytest.mark.cli
def test_ten_thousand_hypotheses_are_read(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    add_rows(
        data,
        "hypotheses",
        [
            {"hypothesis_id": f"HX{i}", "label": f"Extra {i}", "text": f"Extra hypothesis number {i}."}
            for i in range(10_000)
        ],
    )
    assert_valid(run("validate", str(data), timeout=110))


@pytest.mark.cli
def test_twenty_thousand_bad_cells_print_the_first_twenty_and_a_count(tmp_path: Path) -> None:
    """README: the report prints the first 20 of each kind per file and counts the rest."""
    data = fresh(tmp_path)
    add_rows(
        data,
        "places",
        [
            {"place_id": f"p{i}", "name": f"Place {i}", "parent": "russia", "kind": "planet"}
            for i in range(20_000)
        ],
    )
    proc = run("validate", str(data), timeout=110)
    assert_refused(proc, "places.csv", "planet")
    out = proc.stdout + proc.stderr
    assert len(out.splitlines()) <= 40, len(out.splitlines())
    assert "19,980" in out or "19980" in out, out[-1500:]


# --------------------------------------------------------------------------------------------
# 10. File-system names


@pytest.mark.cli
def test_a_data_file_with_an_upper_case_extension_is_missing_by_its_declared_name(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    (data / "places.csv").rename(data / "places.CSV")
    proc = run("validate", str(data))
    assert_refused(proc, "places.csv", "missing-file")


@pytest.mark.parametrize(
    "name",
    ["with spaces", "donn\u00e9es \u2713 2024", "\u6570\u636e", 'quote\'s "and" $HOME', "trailing-dot."],
    ids=["spaces", "accents-and-symbol", "cjk", "quotes-and-dollar", "trailing-dot"],
)
def test_a_data_folder_with_an_unusual_name_loads(tmp_path: Path, name: str) -> None:
    data = fresh(tmp_path, name)
    assert problems(data) == []


@pytest.mark.cli
def test_a_data_folder_reached_through_dot_dot_validates(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    assert_valid(run("validate", str(data.parent / "seeds" / ".." / "data")))


@pytest.mark.cli
def test_validate_leaves_a_read_only_folder_exactly_as_it_was(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    for p in [*data.iterdir(), data]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    before = snapshot(data.parent)
    listing = sorted(os.listdir(data))
    try:
        assert_valid(run("validate", str(data)))
        assert sorted(os.listdir(data)) == listing
        assert snapshot(data.parent) == before
    finally:
        data.chmod(0o755)


@pytest.mark.cli
def test_a_seed_file_with_spaces_and_an_upper_case_extension_is_read(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    seeds = data.parent / "seeds"
    (seeds / SEED_TEXT).rename(seeds / "Article One (copy).TXT")
    set_cell(data, "documents", "seed-000", "path", "seeds/Article One (copy).TXT")
    assert_valid(run("validate", str(data)))


@pytest.mark.cli
def test_a_data_folder_holding_only_its_descriptor_names_each_missing_file(tmp_path: Path) -> None:
    data = fresh(tmp_path)
    for p in data.glob("*.csv"):
        p.unlink()
    proc = run("validate", str(data))
    assert_refused(proc, "missing-file", "statements.csv", "sources.csv")


# --------------------------------------------------------------------------------------------
# 11. Descriptor values of the wrong JSON kind


def _descriptor_text(data: Path) -> str:
    return (data / "datapackage.json").read_text(encoding="utf-8")


DESCRIPTOR_EDITS: dict[str, Callable[[str], str | bytes]] = {
    "utf8-bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "nan-literal": lambda text: text.replace('"minimum": 1', '"minimum": NaN', 1),
    "minus-infinity-literal": lambda text: text.replace('"minimum": 1', '"minimum": -Infinity', 1),
    "overflowing-float": lambda text: text.replace('"minimum": 1', '"minimum": 1e999', 1),
    "top-level-array": lambda text: "[]",
    "top-level-null": lambda text: "null",
}


@pytest.mark.cli
@pytest.mark.parametrize("edit", DESCRIPTOR_EDITS.values(), ids=DESCRIPTOR_EDITS.keys())
def test_a_descriptor_json_oddity_is_read_or_refused_in_one_line(
    tmp_path: Path, edit: Callable[[str], str | bytes]
) -> None:
    data = fresh(tmp_path)
    new = edit(_descriptor_text(data))
    path = data / "datapackage.json"
    path.write_bytes(new) if isinstance(new, bytes) else path.write_text(new, encoding="utf-8")
    before = snapshot(data.parent)
    proc = run("validate", str(data))
    no_traceback(proc)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    if proc.returncode == 1:
        out = proc.stdout + proc.stderr
        assert "datapackage.json" in out
        assert len(out.strip().splitlines()) <= 5, out
    assert snapshot(data.parent) == before


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ("utf8-bom", "it starts with a byte-order mark (U+FEFF); save it as UTF-8 without one"),
        ("overflowing-float", "the number 1e999 is too large for JSON to keep"),
    ],
)
def test_a_descriptor_oddity_is_named_in_the_workbooks_words(tmp_path: Path, edit: str, said: str) -> None:
    """Not Python's words ("decode using utf-8-sig", "inf is not of type 'string'")."""
    from helpers.validate.descriptor import load_descriptor

    data = fresh(tmp_path)
    new = DESCRIPTOR_EDITS[edit](_descriptor_text(data))
    path = data / "datapackage.json"
    path.write_bytes(new) if isinstance(new, bytes) else path.write_text(new, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_descriptor(data)
    assert [p.detail for p in raised.value.problems] == [said]


SCHEMA_NUMBERS_BELOW_ONE = {"negative": "-1", "zero": "0"}
SCHEMA_NOT_NUMBERS = {"string-six": '"6"', "boolean-true": "true", "fraction": "5.5"}


def _with_schema(tmp_path: Path, value: str) -> Path:
    data = fresh(tmp_path)
    text = _descriptor_text(data)
    assert '"workbookSchema": 6' in text
    (data / "datapackage.json").write_text(
        text.replace('"workbookSchema": 6', f'"workbookSchema": {value}'), "utf-8"
    )
    return data


@pytest.mark.cli
@pytest.mark.parametrize("value", SCHEMA_NUMBERS_BELOW_ONE.values(), ids=SCHEMA_NUMBERS_BELOW_ONE.keys())
def test_migrate_refuses_a_schema_number_below_one(tmp_path: Path, value: str) -> None:
    """A whole number below 1 names no schema: migrate refuses it in one line and changes nothing."""
    data = _with_schema(tmp_path, value)
    before = snapshot(data.parent)
    proc = run("migrate", "--dry-run", str(data))
    assert_refused(proc, "workbookSchema", codes=(1, 2))
    assert snapshot(data.parent) == before


@pytest.mark.cli
@pytest.mark.parametrize("value", SCHEMA_NOT_NUMBERS.values(), ids=SCHEMA_NOT_NUMBERS.keys())
def test_a_schema_that_is_not_a_number_is_read_off_the_tables(tmp_path: Path, value: str) -> None:
    """Not a whole number ("6", true, 5.5): read as unrecorded, as the README's migrate does for a
    folder that names no schema; validate refuses it in one line naming workbookSchema."""
    data = _with_schema(tmp_path, value)
    before = snapshot(data.parent)
    checked = run("validate", str(data))
    assert_refused(checked, "workbookSchema", codes=(1,))
    proc = run("migrate", "--dry-run", str(data))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    assert "workbookSchema" in proc.stdout
    assert snapshot(data.parent) == before


# --------------------------------------------------------------------------------------------
# 12. Outputs aimed at the data through links and side files


def _link_setup(tmp_path: Path) -> tuple[Path, Path]:
    data = fresh(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    return data, out


OUTPUT_TRAPS: dict[str, Callable[[Path, Path], list[str]]] = {
    "metadata-sidecar-is-a-folder": lambda d, o: (
        (o / "claims.metadata.json").mkdir(),
        ["export", "sqlite", str(o / "claims.db"), "--data", str(d)],
    )[1],
    "metadata-sidecar-links-to-a-data-file": lambda d, o: (
        (o / "claims.metadata.json").symlink_to(d / "statements.csv"),
        ["export", "sqlite", str(o / "claims.db"), "--data", str(d)],
    )[1],
    "export-target-links-to-a-data-file": lambda d, o: (
        (o / "cr.jsonld").symlink_to(d / "statements.csv"),
        ["export", "claimreview", str(o / "cr.jsonld"), "--data", str(d)],
    )[1],
    "export-through-a-linked-data-folder": lambda d, o: (
        (o / "alias").symlink_to(d),
        ["export", "annotations", str(o / "alias" / "ann.jsonld"), "--data", str(d)],
    )[1],
    "export-onto-a-dangling-link": lambda d, o: (
        (o / "cr.jsonld").symlink_to(d / "new.jsonld"),
        ["export", "claimreview", str(o / "cr.jsonld"), "--data", str(d)],
    )[1],
    "draft-out-through-a-linked-data-folder": lambda d, o: (
        (o / "alias").symlink_to(d),
        [
            *("draft", str(d.parent / "seeds" / SEED_TEXT), "--data", str(d)),
            *("--published", "2024-10-24", "--out", str(o / "alias" / "draft")),
        ],
    )[1],
    "briefing-out-through-a-linked-data-folder": lambda d, o: (
        (o / "alias").symlink_to(d),
        ["briefing", "--data", str(d), "--out", str(o / "alias" / "site")],
    )[1],
    "briefing-out-is-the-seeds-folder": lambda d, o: [
        "briefing",
        "--data",
        str(d),
        "--out",
        str(d.parent / "seeds"),
    ],
}


@pytest.mark.cli
@pytest.mark.parametrize("trap", OUTPUT_TRAPS.values(), ids=OUTPUT_TRAPS.keys())
def test_an_output_that_would_land_in_the_data_or_a_link_is_refused_in_one_line(
    tmp_path: Path, trap: Callable[[Path, Path], list[str]]
) -> None:
    data, out = _link_setup(tmp_path)
    args = trap(data, out)
    before = snapshot(data.parent)
    proc = run(*args)
    assert_refused(proc, codes=(2,))
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert snapshot(data.parent) == before
    assert sorted(p.name for p in data.iterdir()) == sorted(SNAPSHOT_NAMES)


# --------------------------------------------------------------------------------------------
# 13. Articles for the drafter with byte-level oddities


def _drafted(tmp_path: Path, raw: bytes, *extra: str) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    data = fresh(tmp_path)
    article = tmp_path / "001_odd.txt"
    article.write_bytes(raw)
    out = tmp_path / "draft"
    proc = run(
        "draft", str(article), "--data", str(data), "--published", "2024-10-24", "--out", str(out), *extra
    )
    return article, out, proc


@pytest.mark.cli
@pytest.mark.parametrize("form", ["crlf", "mixed-crlf-lf"])
def test_drafted_offsets_index_the_article_as_stored(tmp_path: Path, form: str) -> None:
    """quote_start/quote_end are character offsets into the file's own text, line ends as stored."""
    raw = (SEED / "seeds" / SEED_TEXT).read_bytes()
    lines = raw.split(b"\n")
    ends = [b"\r\n" if form == "crlf" or i % 2 else b"\n" for i in range(len(lines) - 1)]
    raw = b"".join(line + end for line, end in zip(lines, ends, strict=False)) + lines[-1]
    _, out, proc = _drafted(tmp_path, raw)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    text = raw.decode("utf-8")
    rows = list(
        csv.DictReader(io.StringIO((out / "statements.csv").read_bytes().decode("utf-8"), newline=""))
    )
    assert rows
    wrong = [
        r["statement_id"] for r in rows if text[int(r["quote_start"]) : int(r["quote_end"])] != r["quote"]
    ]
    assert not wrong, wrong


@pytest.mark.cli
def test_a_byte_order_mark_never_reaches_a_drafted_cell(tmp_path: Path) -> None:
    """The proposed title is the text's first line: a UTF-8 BOM is an encoding mark, not part of it."""
    raw = b"\xef\xbb\xbf" + (SEED / "seeds" / SEED_TEXT).read_bytes()
    _, out, proc = _drafted(tmp_path, raw)
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    for name in ("documents.csv", "statements.csv", "sources.csv", "troop_claims.csv"):
        text = (out / name).read_text(encoding="utf-8")
        assert "\ufeff" not in text, (
            f"{name}: {text[text.index(chr(0xFEFF)) - 40 : text.index(chr(0xFEFF)) + 40]!r}"
        )


@pytest.mark.cli
def test_a_hostile_title_and_outlet_round_trip_through_the_drafted_csv(tmp_path: Path) -> None:
    title = "Kim's \"troops\", =cmd|' /C calc'!A0, and more"
    outlet = 'The "Daily", Ltd.'
    _, out, proc = _drafted(
        tmp_path, (SEED / "seeds" / SEED_TEXT).read_bytes(), "--title", title, "--outlet", outlet
    )
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO((out / "documents.csv").read_bytes().decode("utf-8"), newline="")))
    assert len(rows) == 1
    assert rows[0]["title"] == title
    assert rows[0]["outlet"] == outlet
