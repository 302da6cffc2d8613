"""The workbook's contract wins over a data folder's descriptor: an edit that drops, retypes, widens or
loosens what the workbook reads is one clear problem; anything else loads and every analysis runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import DataError, load_workbook
from helpers.__main__ import main
from helpers.schema import SCHEMA_KEY, TABLES

from .conftest import edit
from .test_properties import run_every_analysis

Change = Callable[[dict], None]


def _field(package: dict, table: str, name: str) -> dict:
    resource = next(r for r in package["resources"] if r["name"] == table)
    return next(f for f in resource["schema"]["fields"] if f["name"] == name)


def _resource(package: dict, table: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == table)


def _edit(data: Path, change: Change) -> None:
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")


def _drop(table: str, name: str) -> Change:
    def change(package: dict) -> None:
        schema = _resource(package, table)["schema"]
        schema["fields"] = [f for f in schema["fields"] if f["name"] != name]

    return change


def _retype(table: str, name: str, kind: str) -> Change:
    return lambda package: _field(package, table, name).update({"type": kind})


def _constraints(table: str, name: str, **changes: object) -> Change:
    def change(package: dict) -> None:
        constraints = _field(package, table, name).setdefault("constraints", {})
        for key, value in changes.items():
            if value is None:
                constraints.pop(key, None)
            else:
                constraints[key] = value

    return change


def _schema(table: str, key: str, value: object) -> Change:
    """Set a key of the table's schema; ``None`` removes it."""

    def change(package: dict) -> None:
        schema = _resource(package, table)["schema"]
        schema.pop(key, None) if value is None else schema.update({key: value})

    return change


def _as_strings(table: str, name: str) -> Change:
    """Retype a column as string, its list of values written as strings (what a curator would do)."""

    def change(package: dict) -> None:
        field = _field(package, table, name)
        field["type"] = "string"
        if "enum" in field.get("constraints", {}):
            field["constraints"]["enum"] = [str(v) for v in field["constraints"]["enum"]]

    return change


LIKELIHOOD = [
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]

# The descriptor edits that once gave a traceback, a failed build, or wrong numbers: each is now one
# problem naming the JSON path, with the rule's reason.
HELD_OUT: dict[str, tuple[Change, str, str]] = {
    "documents.sha256 dropped": (_drop("documents", "sha256"), "field-required", "documents.sha256"),
    "said_on_precision dropped": (
        _drop("statements", "said_on_precision"),
        "field-required",
        "statements.said_on_precision",
    ),
    "said_on typed as string": (
        _retype("statements", "said_on", "string"),
        "schema-contract",
        "reads it as date",
    ),
    "hypotheses.label dropped": (_drop("hypotheses", "label"), "field-required", "hypotheses.label"),
    "ach_ratings.rationale dropped": (
        _drop("ach_ratings", "rationale"),
        "field-required",
        "ach_ratings.rationale",
    ),
    "likelihood adds 'probable'": (
        _constraints("judgements", "likelihood", enum=[*LIKELIHOOD, "probable"]),
        "schema-contract",
        "may not add 'probable': the workbook reads only the ICD 203 terms",
    ),
    "a fourth confidence level": (
        _constraints("judgements", "confidence", enum=["low", "moderate", "high", "certain"]),
        "schema-contract",
        "may not add 'certain'",
    ),
    "lower-case reliability grades": (
        _constraints("sources", "reliability", enum=list("abcdef")),
        "schema-contract",
        "the Admiralty reliability grades",
    ),
    "count without its minimum": (
        _constraints("troop_claims", "count", minimum=None),
        "schema-contract",
        "minimum 1",
    ),
    "no primary key": (
        _schema("statements", "primaryKey", None),
        "schema-contract",
        "primary key of statements",
    ),
    "published typed as string": (_retype("documents", "published", "string"), "schema-contract", "as date"),
    "credibility typed as string": (
        _as_strings("statements", "credibility"),
        "schema-contract",
        "as integer",
    ),
    "no foreign keys": (
        _schema("statements", "foreignKeys", []),
        "schema-contract",
        "may not drop the reference",
    ),
    "interested typed as string": (
        _retype("sources", "interested", "string"),
        "schema-contract",
        "as boolean",
    ),
    "credibility without its 1-6 list": (
        _constraints("statements", "credibility", enum=None),
        "schema-contract",
        "may not drop its list",
    ),
}


@pytest.mark.parametrize("name", list(HELD_OUT))
def test_a_descriptor_may_not_loosen_the_contract(workspace: Path, name: str) -> None:
    change, code, words = HELD_OUT[name]
    _edit(workspace, change)
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    problems = caught.value.problems
    assert {p.code for p in problems} == {code}, caught.value.report()  # one per reference dropped
    assert problems[0].file.endswith("datapackage.json") and problems[0].line
    assert problems[0].column and problems[0].column.startswith("$.resources[")
    assert words in str(problems[0]), str(problems[0])


def test_the_message_names_the_rule_as_a_reader_would(workspace: Path, capsys: pytest.CaptureFixture) -> None:
    _edit(workspace, HELD_OUT["likelihood adds 'probable'"][0])
    assert main(["validate", str(workspace)]) == 1
    err = capsys.readouterr().err
    assert "judgements.likelihood may not add 'probable': the workbook reads only the ICD 203 terms" in err
    assert "Traceback" not in err


def test_a_descriptor_may_tighten_and_add(workspace: Path) -> None:
    """Narrower lists, stricter limits, new columns and descriptions are the dataset's own business."""
    _edit(workspace, _constraints("sources", "reliability", enum=list("ABCDF")))
    _edit(workspace, _constraints("troop_claims", "count", minimum=2))
    _edit(workspace, lambda package: _field(package, "hypotheses", "text").update({"description": "Ours."}))
    wb = load_workbook(workspace)
    assert list(wb.sources["reliability"].cat.categories) == list("ABCDEF")  # typed as declared
    _edit(workspace, _constraints("sources", "reliability", enum=list("ABCF")))
    with pytest.raises(DataError) as caught:  # the folder's own, stricter list is applied too
        load_workbook(workspace)
    assert caught.value.codes() == {"enum"}


def test_an_older_folder_is_told_to_migrate(workspace: Path) -> None:
    _edit(workspace, lambda package: package.pop(SCHEMA_KEY))
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    assert caught.value.codes() == {"schema-version"}
    assert "python -m helpers migrate" in caught.value.report()


def test_empty_foreign_key_lists_are_standard(workspace: Path) -> None:
    """The standard's reference validator accepts ``foreignKeys: []``; so does the workbook's profile
    check (the contract then asks only for the references it declares)."""
    _edit(workspace, _schema("hypotheses", "foreignKeys", []))
    assert len(load_workbook(workspace).hypotheses) == 5


def test_missing_values_and_boolean_words_are_read_as_declared(workspace: Path) -> None:
    _edit(workspace, _schema("sources", "missingValues", ["", "n/a"]))
    _edit(
        workspace,
        lambda package: _field(package, "sources", "interested").update(
            {"trueValues": ["yes"], "falseValues": ["no"]}
        ),
    )
    edit(workspace / "sources.csv", ",false,", ",no,", count=100)
    edit(workspace / "sources.csv", ",true,", ",yes,", count=100)
    edit(workspace / "sources.csv", ",United States,", ",n/a,")
    wb = load_workbook(workspace)
    # two sources name no country (NATO, the SCMP); "n/a" makes Austin's a third
    assert wb.sources["interested"].sum() == 5 and wb.sources["country"].isna().sum() == 3


# Every declared column, and what an edit of the descriptor may do to it.
COLUMNS = [(t.name, c.name) for t in TABLES for c in t.columns]
EDITS = ("drop", "retype", "widen", "loosen", "tighten")


def _mutation(table: str, name: str, how: str) -> Change:
    column = next(t for t in TABLES if t.name == table).column(name)
    if how == "drop":
        return _drop(table, name)
    if how == "retype":
        return _retype(table, name, "number" if column.type != "number" else "string")
    if how == "widen":
        return _constraints(
            table, name, enum=[*(column.enum or ()), "an extra value"] if column.enum else None
        )
    if how == "loosen":
        return _constraints(
            table, name, required=None, minimum=None, pattern=None, unique=None, minLength=None
        )
    return _constraints(table, name, maxLength=1_000_000) if column.type == "string" else _drop("-", "-")


@settings(max_examples=min(60, settings().max_examples))
@given(st.sampled_from(COLUMNS), st.sampled_from(EDITS))
def test_any_descriptor_edit_is_rejected_or_builds(
    tmp_path_factory: pytest.TempPathFactory, where, how
) -> None:
    import shutil

    from helpers.paths import REFERENCE_DATA_DIR

    root = tmp_path_factory.mktemp("edit")
    shutil.copytree(REFERENCE_DATA_DIR, root / "data")
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", root / "seeds")
    table, name = where
    try:
        _edit(root / "data", _mutation(table, name, how))
    except StopIteration:
        return  # an edit that does not apply to this column
    try:
        wb = load_workbook(root / "data")
    except DataError as err:
        assert err.problems and all(p.file for p in err.problems)  # a report, never a traceback
        return
    run_every_analysis(wb)
