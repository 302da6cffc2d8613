"""Every kind of bad input is reported with the right file, line, column and rule, and no traceback."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import DataError, load_workbook
from helpers.__main__ import main

from .conftest import edit, row_line, set_cell

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


def _cell(table: str, key: str | tuple[str, ...], column: str, value: str) -> Mutation:
    return lambda data: set_cell(data / f"{table}.csv", key, column, value)


def _row(table: str, key: str | tuple[str, ...]) -> Callable[[Path], int]:
    """The expected line: the row with ``key`` in the mutated table."""
    return lambda data: row_line(data / f"{table}.csv", key)


def _after_last(name: str) -> Callable[[Path], int]:
    """The expected line of a row appended to ``name``: its last line (the row itself)."""
    return lambda data: len((data / name).read_bytes().splitlines())


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


def _field_type(kind: str) -> Callable[[dict], None]:
    def change(package: dict) -> None:
        package["resources"][3]["schema"]["fields"][12]["type"] = kind

    return change


def _seed(change: Callable[[Path], object]) -> Mutation:
    return lambda data: change(data.parent / "seeds" / "000_f343ef062b056b47.txt")


def _edit_seed(data: Path) -> None:
    seed = data.parent / "seeds" / "000_f343ef062b056b47.txt"
    seed.write_bytes(seed.read_bytes().replace(b"Austin", b"Austen", 1))


def _field(package: dict, table: str, name: str) -> dict:
    resource = next(r for r in package["resources"] if r["name"] == table)
    return next(f for f in resource["schema"]["fields"] if f["name"] == name)


def _constraint(table: str, name: str, key: str, value: object) -> Mutation:
    return _descriptor(
        lambda package: _field(package, table, name).setdefault("constraints", {}).update({key: value})
    )


def _descriptor_text(old: str, new: str) -> Mutation:
    return lambda data: edit(data / "datapackage.json", old, new)


def _reencode(name: str, encoding: str) -> Mutation:
    def mutate(data: Path) -> None:
        path = data / name
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return mutate


def _lone_cr(data: Path) -> None:
    path = data / "hypotheses.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r"))


def _reply_loop(data: Path) -> None:
    set_cell(data / "statements.csv", "S02", "responds_to", "S03")
    set_cell(data / "statements.csv", "S03", "responds_to", "S02")


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
        _replace(
            "propositions", "proposition_id,text,kind,implies,notes", "proposition_id,text,kind,implies,text"
        ),
        "propositions.csv",
        1,
        "text",
        "duplicate-header",
    ),
    "bad integer": (
        _cell("statements", "S01", "credibility", "six"),
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
        _cell("sources", "russia", "interested", "yes"),
        "sources.csv",
        _row("sources", "russia"),
        "interested",
        "type-error",
    ),
    "enum": (
        _replace("statements", ",affirms,could be,,3,", ",affirm,could be,,3,"),
        "statements.csv",
        14,
        "stance",
        "enum",
    ),
    "grade out of scale": (
        _cell("sources", "zelensky", "reliability", "G"),
        "sources.csv",
        _row("sources", "zelensky"),
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
        _replace("troop_claims", "TC02,S13,10000,,,", "TC02,S13,10000,12000,11000,"),
        "troop_claims.csv",
        3,
        "count_low",
        "count-range",
    ),
    "pattern": (_replace("documents", "04807d2dd33", "XYZ"), "documents.csv", 2, "sha256", "pattern"),
    "required empty": (
        _replace("hypotheses", "H2,Non-combat deployment only,", "H2,,"),
        "hypotheses.csv",
        3,
        "label",
        "required",
    ),
    "min length": (
        _cell("ach_ratings", ("S09", "H1"), "rationale", "Combat."),
        "ach_ratings.csv",
        _row("ach_ratings", ("S09", "H1")),
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
            "documents.csv", b"seed-000,Again,,,2024-10-23,test,seeds/000_f343ef062b056b47.txt,,,x\n"
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
        _cell("statements", "S12", "responds_to", "S99"),
        "statements.csv",
        _row("statements", "S12"),
        "responds_to",
        "foreign-key",
    ),
    "responds to itself": (
        _cell("statements", "S02", "responds_to", "S02"),
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
        _cell("statements", "S13", "hedge", "would be"),
        "statements.csv",
        _row("statements", "S13"),
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
        _after_last("propositions.csv"),
        "text",
        "encoding-error",
    ),
    "empty file": (_write("hypotheses.csv", b""), "hypotheses.csv", 1, None, "empty-file"),
    "ragged row": (
        _append_bytes("propositions.csv", b"p-new,Some text.,fact,,a note,surplus\n"),
        "propositions.csv",
        _after_last("propositions.csv"),
        None,
        "row-width",
    ),
    "unterminated quote": (
        _append_bytes("hypotheses.csv", b'H8,Other,"An unfinished thought\nH9,Ninth,Text\n'),
        "hypotheses.csv",
        lambda data: _after_last("hypotheses.csv")(data) - 1,
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
        _descriptor(_field_type("grade")),
        "datapackage.json",
        _line_of("datapackage.json", '"type": "grade"'),
        "$.resources[3].schema.fields[12].type",
        "descriptor-profile",
    ),
    "field type the workbook does not read": (
        _descriptor(_field_type("year")),
        "datapackage.json",
        _line_of("datapackage.json", '"type": "year"'),
        "$.resources[3].schema.fields[12].type",
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
    # Values pandas cannot hold, descriptors of the wrong JSON type, characters that hide
    "date before pandas' range": (
        _replace("statements", "S03,seed-000,austin,,2024-10-23", "S03,seed-000,austin,,1600-10-23"),
        "statements.csv",
        4,
        "said_on",
        "type-error",
    ),
    "date after pandas' range": (
        _replace("documents", ",2024-10-23,", ",9999-10-23,"),
        "documents.csv",
        2,
        "published",
        "type-error",
    ),
    "integer beyond int64": (
        _replace("troop_claims", "TC01,S07,1500,", "TC01,S07,99999999999999999999999,"),
        "troop_claims.csv",
        2,
        "count",
        "type-error",
    ),
    "NUL in a document path": (
        _replace("documents", "seeds/000_f343ef062b056b47.txt", "seeds/000\x00.txt"),
        "documents.csv",
        2,
        "path",
        "forbidden-character",
    ),
    "bidirectional override in a name": (
        _cell("sources", "russia", "name", "Government of \u202eaissuR"),
        "sources.csv",
        _row("sources", "russia"),
        "name",
        "forbidden-character",
    ),
    "a merge's conflict markers inside a quoted cell": (
        _cell(
            "sources",
            "russia",
            "reliability_rationale",
            "A belligerent.\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> branch",
        ),
        "sources.csv",
        _row("sources", "russia"),
        "reliability_rationale",
        "conflict-marker",
    ),
    "only spaces in a required cell": (
        _replace("hypotheses", "H2,Non-combat deployment only,", "H2,   ,"),
        "hypotheses.csv",
        3,
        "label",
        "blank-cell",
    ),
    "a quote of one space": (
        _replace("statements", "he said the US couldn’t confirm claims about the matter", " "),
        "statements.csv",
        2,
        "quote",
        "blank-cell",
    ),
    "a cell of 10 million characters": (
        _append_bytes("propositions.csv", b'p-big,"' + b"word " * 2_000_000 + b'",fact,,\n'),
        "propositions.csv",
        _after_last("propositions.csv"),
        "text",
        "cell-too-long",
    ),
    # Rules between rows: grading by kind, date ranges, and the links same_as, supersedes, bears_on
    "a count dated after it was said": (
        _cell("troop_claims", "TC01", "as_of", "2024-10-25"),
        "troop_claims.csv",
        2,
        "as_of",
        "as-of-after-said",
    ),
    "a demand graded for credibility": (
        _cell("statements", "S14", "credibility", "6"),
        "statements.csv",
        _row("statements", "S14"),
        "credibility",
        "credibility-by-kind",
    ),
    "a fact left ungraded": (
        _cell("statements", "S02", "credibility", ""),
        "statements.csv",
        3,
        "credibility",
        "credibility-by-kind",
    ),
    "a range without its earliest day": (
        _cell("statements", "S01", "said_on_earliest", ""),
        "statements.csv",
        2,
        "said_on_precision",
        "said-on-range",
    ),
    "an earliest day without a range": (
        _cell("statements", "S02", "said_on_earliest", "2024-10-20"),
        "statements.csv",
        3,
        "said_on_earliest",
        "said-on-range",
    ),
    "same_as pointing forward": (
        _cell("statements", "S04", "same_as", "S05"),
        "statements.csv",
        _row("statements", "S04"),
        "same_as",
        "same-as-order",
    ),
    "a judgement superseding a later one": (
        _cell("judgements", "J01", "supersedes", "J05"),
        "judgements.csv",
        2,
        "supersedes",
        "supersedes-order",
    ),
    "two current judgements on one proposition": (
        _cell("judgements", "J02", "supersedes", ""),
        "judgements.csv",
        _row("judgements", "J02"),
        "proposition_id",
        "two-current-judgements",
    ),
    "an indicator bearing on nothing known": (
        _cell("indicators", "I01", "bears_on", "J99"),
        "indicators.csv",
        2,
        "bears_on",
        "bears-on-unknown",
    ),
    "an indicator on a superseded judgement": (
        _cell("indicators", "I01", "bears_on", "J01"),
        "indicators.csv",
        2,
        "bears_on",
        "indicator-target",
    ),
    "a hypothesis that would be raised": (
        _cell("indicators", "I05", "direction", "raises"),
        "indicators.csv",
        _row("indicators", "I05"),
        "direction",
        "indicator-target",
    ),
    "UTF-16 table": (_reencode("hypotheses.csv", "utf-16"), "hypotheses.csv", 1, None, "file-encoding"),
    "lone CR line endings": (_lone_cr, "hypotheses.csv", 1, None, "line-endings"),
    "replies in a loop": (_reply_loop, "statements.csv", 3, "responds_to", "responds-to-cycle"),
    "licenses of the wrong JSON type": (
        _descriptor(lambda package: package.update(licenses=5)),
        "datapackage.json",
        _line_of("datapackage.json", '"licenses"'),
        "$.licenses",
        "descriptor-profile",
    ),
    "created not an RFC 3339 date-time": (
        _descriptor(lambda package: package.update(created="2024-10-23")),
        "datapackage.json",
        _line_of("datapackage.json", '"created"'),
        "$.created",
        "descriptor-profile",
    ),
    "minimum given as a string": (
        _constraint("troop_claims", "count", "minimum", "1"),
        "datapackage.json",
        _line_of("datapackage.json", '"minimum": "1"'),
        "$.resources[5].schema.fields[2].constraints.minimum",
        "field-invalid",
    ),
    "minLength given as a string": (
        _constraint("ach_ratings", "rationale", "minLength", "10"),
        "datapackage.json",
        _line_of("datapackage.json", '"minLength": "10"'),
        "$.resources[7].schema.fields[4].constraints.minLength",
        "descriptor-profile",
    ),
    "maxLength given as a string": (
        _constraint("ach_ratings", "rationale", "maxLength", "10"),
        "datapackage.json",
        _line_of("datapackage.json", '"maxLength": "10"'),
        "$.resources[7].schema.fields[4].constraints.maxLength",
        "descriptor-profile",
    ),
    "an enum entry that is an object": (
        _constraint("statements", "stance", "enum", [{"a": 1}, "affirms"]),
        "datapackage.json",
        lambda data: _line_of("datapackage.json", '"a": 1')(data) - 1,  # the object opens a line above
        "$.resources[3].schema.fields[11].constraints.enum[0]",
        "descriptor-profile",
    ),
    "required given as a string": (
        _constraint("propositions", "notes", "required", "false"),
        "datapackage.json",
        _line_of("datapackage.json", '"required": "false"'),
        "$.resources[2].schema.fields[4].constraints.required",
        "descriptor-profile",
    ),
    "a pattern the checker's engine cannot apply": (
        _constraint("propositions", "notes", "pattern", "(?=x)x"),
        "datapackage.json",
        _line_of("datapackage.json", '"pattern": "(?=x)x"'),
        "$.resources[2].schema.fields[4].constraints.pattern",
        "field-invalid",
    ),
    "an unpaired surrogate in the title": (
        _descriptor_text('"title": "', '"title": "\\ud800'),
        "datapackage.json",
        _line_of("datapackage.json", '"title": "'),
        "$.title",
        "forbidden-character",
    ),
    "NaN in the descriptor": (
        _descriptor_text('"minimum": 1', '"minimum": NaN'),
        "datapackage.json",
        None,
        None,
        "invalid-json",
    ),
    "a descriptor nested too deeply": (
        _write("datapackage.json", b"[" * 100_000 + b"]" * 100_000),
        "datapackage.json",
        None,
        None,
        "invalid-json",
    ),
    "UTF-16 descriptor": (
        _reencode("datapackage.json", "utf-16"),
        "datapackage.json",
        1,
        None,
        "file-encoding",
    ),
    # Files that are not what they claim to be
    "a folder where a table should be": (
        lambda data: ((data / "hypotheses.csv").unlink(), (data / "hypotheses.csv").mkdir()),
        "hypotheses.csv",
        None,
        None,
        "not-a-file",
    ),
    "a link to a file outside the data folder": (
        lambda data: (
            (data / "hypotheses.csv").unlink(),
            (data / "hypotheses.csv").symlink_to("/etc/hostname"),
        ),
        "hypotheses.csv",
        None,
        None,
        "link-outside",
    ),
    "a folder where a document should be": (
        _seed(lambda seed: (seed.unlink(), seed.mkdir())),
        "documents.csv",
        2,
        "path",
        "document-unreadable",
    ),
    "a UTF-16 document": (
        _seed(lambda seed: seed.write_bytes(seed.read_text(encoding="utf-8").encode("utf-16"))),
        "documents.csv",
        2,
        "path",
        "document-unreadable",
    ),
    "a document over its size limit": (
        _seed(lambda seed: seed.write_bytes(b"x" * (17 << 20))),
        "documents.csv",
        2,
        "path",
        "document-unreadable",
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
    assert "differs only in quotation marks" in text
    assert (
        "character 22: the quote has U+0027 APOSTROPHE, the document U+2019 RIGHT SINGLE QUOTATION MARK"
        in text
    )


def test_many_broken_rows_are_summarised(workspace: Path) -> None:
    rows = "".join(f"bad id {i},Proposition {i}.,fact,,\n" for i in range(25))
    _append_bytes("propositions.csv", rows.encode())(workspace)
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    pattern = [p for p in caught.value.problems if p.code == "pattern"]
    assert len(pattern) == 25  # every problem is kept
    first = row_line(workspace / "propositions.csv", "bad id 0")
    assert [p.line for p in pattern[:2]] == [first, first + 1] and pattern[-1].line == first + 24
    report = caught.value.report().splitlines()
    listed = [line for line in report if "breaks rule 'pattern'" in line]
    assert len(listed) == 20  # the report lists 20 and counts the rest
    assert "data/propositions.csv, column proposition_id: and 5 more problems of kind 'pattern'" in report[-1]
    frame = caught.value.to_frame()
    assert (frame["code"] == "pattern").sum() == 25 and frame["line"].max() == first + 24


def test_line_numbers_follow_multiline_cells(workspace: Path) -> None:
    set_cell(workspace / "propositions.csv", "troops-in-russia", "notes", "Two\nlines.")
    set_cell(workspace / "propositions.csv", "combat-role", "proposition_id", "combat role")
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    pattern = [p for p in caught.value.problems if p.code == "pattern"]
    assert [p.line for p in pattern] == [4]  # the multi-line cell on line 2 pushes the row down one line


def test_missing_data_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such folder"):
        load_workbook(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("where", "address"),
    [
        (("licenses", 0, "path"), "javascript:alert(1)"),
        (("contributors", 0, "path"), "file:///etc/passwd"),
        (("homepage",), "data:text/html,<script>alert(1)</script>"),
        (("sources", 0, "path"), " https://example.org/with-a-leading-space"),
    ],
)
def test_nothing_in_the_descriptor_links_out_but_http(workspace: Path, where: tuple, address: str) -> None:
    # Datasette's pages and the exports publish these addresses as links.
    path = workspace / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    node = package
    for key in where[:-1]:
        if isinstance(key, int):
            while len(node) <= key:
                node.append({"title": "added", "name": "added"})
        else:
            node = node.setdefault(key, [])
            continue
        node = node[key]
    node[where[-1]] = address
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    (problem,) = [p for p in caught.value.problems if p.column == "$." + ".".join(
        f"{k}" if isinstance(k, str) else f"[{k}]" for k in where).replace(".[", "[")]  # fmt: skip
    assert problem.code == "descriptor-profile" and "http:// or https://" in problem.detail
