"""``python -m helpers validate --json``: the problems as frictionless's validation report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.__main__ import main
from helpers.paths import REFERENCE_DATA_DIR
from helpers.validate import DataError, Kind, Problem
from helpers.validate.descriptor import load_descriptor
from helpers.validate.json_report import validation_report

from .conftest import edit, set_cell


def _report(argv: list[str], capsys: pytest.CaptureFixture[str], status: int) -> dict:
    assert main(argv) == status
    out, err = capsys.readouterr()
    assert err == ""
    report: dict = json.loads(out)
    return report


def test_a_valid_folder_is_valid_with_a_task_per_table(capsys: pytest.CaptureFixture[str]) -> None:
    report = _report(["validate", str(REFERENCE_DATA_DIR), "--json"], capsys, 0)
    tables = list(load_descriptor(REFERENCE_DATA_DIR).resources)
    assert report["valid"] is True
    assert report["stats"] == {"tasks": len(tables), "errors": 0, "warnings": 0}
    assert report["errors"] == [] and report["warnings"] == []
    assert [task["name"] for task in report["tasks"]] == tables
    statements = report["tasks"][tables.index("statements")]
    assert statements == {
        "name": "statements",
        "type": "table",
        "valid": True,
        "place": "data/statements.csv",
        "stats": {"errors": 0, "warnings": 0},
        "warnings": [],
        "errors": [],
    }


def test_a_broken_cell_is_named_by_row_field_and_type(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = set_cell(workspace / "troop_claims.csv", "TC01", "count", "abc")
    report = _report(["validate", str(workspace), "--format", "json"], capsys, 1)
    assert report["valid"] is False and report["stats"]["errors"] == 1 and report["errors"] == []
    broken = [task for task in report["tasks"] if not task["valid"]]
    assert [(task["name"], task["place"], task["stats"]["errors"]) for task in broken] == [
        ("troop_claims", "data/troop_claims.csv", 1)
    ]
    (error,) = broken[0]["errors"]
    assert (error["type"], error["rowNumber"], error["fieldName"], error["cell"]) == (
        "type-error",
        line,
        "count",
        "abc",
    )
    assert error["title"] == "Wrong type" and error["description"] == "Every value has its column's type."
    assert error["note"].startswith("must be a whole number")
    assert error["message"].startswith(f'data/troop_claims.csv, line {line}, column count: value "abc"')


def test_a_descriptor_problem_is_the_package_s_with_its_json_path(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(workspace / "datapackage.json", '"type": "integer"', '"type": "whole"')
    report = _report(["validate", str(workspace), "--json"], capsys, 1)
    (error,) = report["errors"]
    assert error["type"] == "descriptor-profile" and error["value"] == "whole"
    assert error["jsonPath"].endswith(".type") and isinstance(error["lineNumber"], int)
    assert "rowNumber" not in error and "fieldName" not in error


def test_every_problem_is_listed_where_the_text_cuts_them() -> None:
    problems = [Problem(Kind.REQUIRED, "data/sources.csv", line, "label") for line in range(2, 32)]
    error = DataError(problems, {"sources": "data/sources.csv"})
    assert "and 10 more problems of kind 'required' (not listed)" in error.report()
    report = validation_report(error.problems, error.tables)
    assert [e["rowNumber"] for e in report["tasks"][0]["errors"]] == list(range(2, 32))
    assert report["stats"] == {"tasks": 1, "errors": 30, "warnings": 0}
    assert "cell" not in report["tasks"][0]["errors"][0]  # no value, no key


def test_text_is_the_default_and_json_is_only_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(REFERENCE_DATA_DIR), "--format", "text"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith(f"{REFERENCE_DATA_DIR}: valid: ")


def test_a_folder_that_cannot_be_named_is_one_line_not_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "~nosuchuser/data", "--json"]) == 2
    out, err = capsys.readouterr()
    assert (
        out == ""
        and err
        == "data not validated: data folder ~nosuchuser/data: ~nosuchuser names no user of this machine\n"
    )
