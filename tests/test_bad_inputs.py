"""Every kind of bad input is reported with the right file, line, column and rule, and no traceback."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import DataError, load_workbook
from helpers.__main__ import main

from .conftest import edit

Mutation = Callable[[Path], None]


def _drop_column(table: str, column: str) -> Mutation:
    def mutate(data: Path) -> None:
        import csv

        path = data / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        at = rows[0].index(column)
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows([r[:at] + r[at + 1 :] for r in rows])

    return mutate


def _replace(table: str, old: str, new: str) -> Mutation:
    return lambda data: edit(data / f"{table}.csv", old, new)


def _append_bytes(name: str, extra: bytes) -> Mutation:
    def mutate(data: Path) -> None:
        path = data / name
        path.write_bytes(path.read_bytes() + extra)

    return mutate


def _write(name: str, content: bytes) -> Mutation:
    return lambda data: (data / name).write_bytes(content)


def _descriptor(change: Callable[[dict], None]) -> Mutation:
    def mutate(data: Path) -> None:
        path = data / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        change(package)
        path.write_text(json.dumps(package, indent=2), encoding="utf-8")

    return mutate


def _set_field_type(package: dict) -> None:
    package["resources"][3]["schema"]["fields"][12]["type"] = "grade"


def _edit_seed(data: Path) -> None:
    seed = data.parent / "seeds" / "000_f343ef062b056b47.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Austin", b"Austen", 1))


def _line_of(name: str, needle: str) -> Callable[[Path], int]:
    """The expected line: where ``needle`` first stands in the mutated file."""

    def find(data: Path) -> int:
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        return next(i for i, line in enumerate(lines, start=1) if needle in line)

    return find


# id: (mutation, file, line, column, code); line may be computed from the mutated file
CASES: dict[str, tuple[Mutation, str, int | Callable[[Path], int] | None, str | None, str]] = {
    "missing column": (_drop_column("statements", "stance"), "statements.csv", 1, "stance", "missing-column"),
    "extra column": (
        _replace("hypotheses", "hypothesis_id,label,text", "hypothesis_id,label,text,extra"),
        "hypotheses.csv",
        1,
        "extra",
        "extra-column",
    ),
    "duplicate header": (
        _replace("propositions", "proposition_id,text,kind,notes", "proposition_id,text,kind,text"),
        "propositions.csv",
        1,
        "text",
        "duplicate-header",
    ),
    "bad integer": (
        _replace("statements", ",couldn’t confirm,6,", ",couldn’t confirm,six,"),
        "statements.csv",
        2,
        "credibility",
        "type-error",
    ),
    "impossible date": (
        _replace("statements", "S03,seed-000,austin,,2024-10-23", "S03,seed-000,austin,,2024-02-30"),
        "statements.csv",
        4,
        "said_on",
        "type-error",
    ),
    "bad boolean": (
        _replace("sources", "Russia,Russia,true,D", "Russia,Russia,yes,D"),
        "sources.csv",
        7,
        "interested",
        "type-error",
    ),
    "enum": (
        _replace("statements", ",affirms,could be,3,", ",affirm,could be,3,"),
        "statements.csv",
        14,
        "stance",
        "enum",
    ),
    "grade out of scale": (
        _replace("sources", "Ukraine,true,C,", "Ukraine,true,G,"),
        "sources.csv",
        9,
        "reliability",
        "enum",
    ),
    "minimum": (
        _replace("troop_claims", "TC01,S07,1500,", "TC01,S07,0,"),
        "troop_claims.csv",
        2,
        "count",
        "minimum",
    ),
    "count-range": (
        _replace("troop_claims", "TC02,S13,10000,10000,10000", "TC02,S13,10000,12000,11000"),
        "troop_claims.csv",
        3,
        "count_low",
        "count-range",
    ),
    "pattern": (_replace("documents", "04807d2dd33", "XYZ"), "documents.csv", 2, "sha256", "pattern"),
    "required empty": (
        _replace("hypotheses", "H2,Non-combat deployment,", "H2,,"),
        "hypotheses.csv",
        3,
        "label",
        "required",
    ),
    "min length": (
        _replace("ach_ratings", "Troops fighting in Ukraine would be a combat deployment.", "Combat."),
        "ach_ratings.csv",
        20,
        "rationale",
        "min-length",
    ),
    "duplicate key": (
        _replace("statements", "S05,seed-000", "S04,seed-000"),
        "statements.csv",
        6,
        "statement_id",
        "primary-key",
    ),
    "duplicate document key": (
        _append_bytes(
            "documents.csv", b"seed-000,Again,,2024-10-23,test,seeds/000_f343ef062b056b47.txt,,,x\n"
        ),
        "documents.csv",
        3,
        "document_id",
        "primary-key",
    ),
    "duplicate composite key": (
        _replace("ach_ratings", "S01,H3,C,", "S01,H2,C,"),
        "ach_ratings.csv",
        4,
        "statement_id+hypothesis_id",
        "primary-key",
    ),
    "dangling foreign key": (
        _replace("statements", "S02,seed-000,austin,", "S02,seed-000,austen,"),
        "statements.csv",
        3,
        "source_id",
        "foreign-key",
    ),
    "dangling self reference": (
        _replace("statements", 'interest.",S09', 'interest.",S99'),
        "statements.csv",
        13,
        "responds_to",
        "foreign-key",
    ),
    "responds to itself": (
        _replace("statements", 'not fully independent.",S01', 'not fully independent.",S02'),
        "statements.csv",
        3,
        "responds_to",
        "responds-to-itself",
    ),
    "quote not verbatim": (
        _replace(
            "statements", "he said the US couldn’t confirm claims", "he said the US couldn't confirm claims"
        ),
        "statements.csv",
        2,
        "quote",
        "quote-not-verbatim",
    ),
    "hedge not in quote": (
        _replace("statements", ",uncertain,Left to be seen,", ",uncertain,Right to be seen,"),
        "statements.csv",
        4,
        "hedge",
        "hedge-not-in-quote",
    ),
    "said after publication": (
        _replace(
            "statements", "S08,seed-000,dprk-un-envoy,,2024-10-21", "S08,seed-000,dprk-un-envoy,,2024-10-25"
        ),
        "statements.csv",
        9,
        "said_on",
        "said-after-published",
    ),
    "not utf-8": (
        _append_bytes("propositions.csv", b"extra,Caf\xe9 society,fact,\n"),
        "propositions.csv",
        11,
        "text",
        "encoding-error",
    ),
    "empty file": (_write("hypotheses.csv", b""), "hypotheses.csv", 1, None, "empty-file"),
    "ragged row": (
        _append_bytes("propositions.csv", b"p-new,Some text.,fact,a note,surplus\n"),
        "propositions.csv",
        11,
        None,
        "row-width",
    ),
    "unterminated quote": (
        _append_bytes("hypotheses.csv", b'H4,Other,"An unfinished thought\nH5,Fifth,Text\n'),
        "hypotheses.csv",
        5,
        None,
        "unclosed-quote",
    ),
    "missing table": (
        lambda data: (data / "ach_ratings.csv").unlink(),
        "ach_ratings.csv",
        None,
        None,
        "missing-file",
    ),
    "broken descriptor": (
        _append_bytes("datapackage.json", b"}"),
        "datapackage.json",
        lambda data: len((data / "datapackage.json").read_text(encoding="utf-8").splitlines()),
        "1",
        "invalid-json",
    ),
    "unknown field type": (
        _descriptor(_set_field_type),
        "datapackage.json",
        _line_of("datapackage.json", '"name": "credibility"'),
        "type",
        "field-invalid",
    ),
    "missing descriptor": (
        lambda data: (data / "datapackage.json").unlink(),
        "datapackage.json",
        None,
        None,
        "missing-file",
    ),
    "seed edited": (_edit_seed, "documents.csv", 2, "sha256", "document-changed"),
    "seed missing": (
        lambda data: (data.parent / "seeds" / "000_f343ef062b056b47.txt").unlink(),
        "documents.csv",
        2,
        "path",
        "document-missing",
    ),
    "path outside seeds": (
        _replace("documents", "seeds/000_f343ef062b056b47.txt", "seeds/../data/sources.csv"),
        "documents.csv",
        2,
        "path",
        "document-outside-seeds",
    ),
}


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_named_precisely(workspace: Path, case: str) -> None:
    mutate, file, line, column, code = CASES[case]
    mutate(workspace)
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    matches = [p for p in caught.value.problems if p.code == code and p.file.endswith(file)]
    assert matches, caught.value.report()
    problem = matches[0]
    expected_line = line(workspace) if callable(line) else line
    assert problem.line == expected_line, caught.value.report()
    if column is not None:
        assert problem.column is not None and problem.column.startswith(column), caught.value.report()
    # The printed line names the place, then the rule by its code, then what is wrong.
    where = f"{problem.file}" + (f", line {expected_line}" if expected_line is not None else "")
    printed = str(problem)
    assert printed.startswith(where), printed
    assert f"breaks rule '{code}': {problem.detail}" in printed and problem.detail
    assert printed in caught.value.report()


def test_failed_validation_changes_no_file(workspace: Path) -> None:
    CASES["enum"][0](workspace)
    CASES["quote not verbatim"][0](workspace)
    before = _fingerprint(workspace.parent)
    with pytest.raises(DataError):
        load_workbook(workspace)
    assert main(["validate", str(workspace)]) == 1
    assert _fingerprint(workspace.parent) == before


def test_cli_prints_problems_without_traceback(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    CASES["dangling foreign key"][0](workspace)
    CASES["impossible date"][0](workspace)
    assert main(["validate", str(workspace)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "2 problems in the data" in err
    assert 'statements.csv, line 3, column source_id: value "austen"' in err
    assert "no such value in data/sources.csv source_id" in err


def test_quote_problem_shows_closest_passage(workspace: Path) -> None:
    CASES["quote not verbatim"][0](workspace)
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    text = caught.value.report()
    assert "closest passage: “he said the US couldn’t confirm claims about the matter”" in text
    assert "straight vs curly" in text


def test_many_broken_rows_are_summarised(workspace: Path) -> None:
    rows = "".join(f"bad id {i},Proposition {i}.,fact,\n" for i in range(25))
    _append_bytes("propositions.csv", rows.encode())(workspace)
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    pattern = [p for p in caught.value.problems if p.code == "pattern"]
    assert len(pattern) == 25  # every problem is kept
    assert [p.line for p in pattern[:2]] == [11, 12] and pattern[-1].line == 35
    report = caught.value.report().splitlines()
    listed = [line for line in report if "breaks rule 'pattern'" in line]
    assert len(listed) == 20  # the report lists 20 and counts the rest
    assert "data/propositions.csv, column proposition_id: and 5 more problems of kind 'pattern'" in report[-1]
    frame = caught.value.to_frame()
    assert (frame["code"] == "pattern").sum() == 25 and frame["line"].max() == 35


def test_line_numbers_follow_multiline_cells(workspace: Path) -> None:
    edit(workspace / "propositions.csv", "The core factual question of the seed article.", '"Two\nlines."')
    edit(workspace / "propositions.csv", "combat-role,", "combat role,")
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    pattern = [p for p in caught.value.problems if p.code == "pattern"]
    assert [p.line for p in pattern] == [4]  # the multi-line cell on line 2 pushes the row down one line


def test_missing_data_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such folder"):
        load_workbook(tmp_path / "nowhere")
