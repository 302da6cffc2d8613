"""The error model: a closed set of problem kinds with stable codes, and rules that hold at any size."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pytest

from helpers import DataError, Kind, Problem, load_workbook
from helpers.publish.codebook import render_codebook
from helpers.validate.descriptor import load_descriptor


def test_codes_are_stable_unique_and_kebab_case() -> None:
    codes = [k.code for k in Kind]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", c) for c in codes)
    assert Kind.by_code("quote-not-verbatim") is Kind.QUOTE_NOT_VERBATIM
    with pytest.raises(KeyError):
        Kind.by_code("no-such-code")


def test_every_template_is_filled_by_its_parameters() -> None:
    problem = Problem(Kind.ROW_WIDTH, "data/x.csv", 3, params={"expected": 4, "found": 5})
    assert (
        str(problem)
        == "data/x.csv, line 3: breaks rule 'row-width': expected 4 fields as in the header, found 5"
    )
    with pytest.raises(TypeError, match="lacks expected, found"):
        Problem(Kind.ROW_WIDTH, "data/x.csv")  # a missing parameter is a bug, caught where it is made


@pytest.mark.parametrize("kind", list(Kind), ids=[k.code for k in Kind])
def test_every_template_renders_from_the_parameters_it_declares(kind: Kind) -> None:
    params = {name: 1 for name in kind.value.params}  # numbers format as text too ({n:,})
    detail = Problem(kind, "data/x.csv", 2, "c", "v", params).detail
    assert detail and "{" not in detail


def test_every_rule_of_the_registry_names_its_problems_and_reads() -> None:
    from helpers.schema import BY_NAME
    from helpers.validate.rules import RULES

    reported = {kind for rule in RULES for kind in rule.kinds}
    assert {k for k in Kind if k.value.scope == "cross-table"} <= reported
    for rule in RULES:
        for table, columns in rule.reads.items():
            assert set(columns) <= set(BY_NAME[table].column_names), (rule.name, table)


def test_codebook_lists_every_kind_and_the_cross_table_rules(workspace: Path) -> None:
    codebook = render_codebook(load_descriptor(workspace))
    for kind in Kind:
        assert f"| `{kind.code}` | {kind.title} |" in codebook
    cross = [k for k in Kind if k.value.scope == "cross-table"]
    assert len(cross) >= 6
    for kind in cross:
        assert f"- {kind.value.rule} (`{kind.code}`)" in codebook


def test_error_keeps_every_problem_and_cuts_only_the_report() -> None:
    problems = [Problem(Kind.REQUIRED, "data/a.csv", line, "name") for line in range(2, 32)]
    problems.append(Problem(Kind.ENUM, "data/a.csv", 40, "kind", "x", {"allowed": "a, b"}))
    error = DataError(problems)
    assert len(error.problems) == 31
    report = error.report(listed=5).splitlines()
    assert report[0] == "31 problems in the data:"
    assert sum("breaks rule 'required'" in line for line in report) == 5
    assert "  data/a.csv, column name: and 25 more problems of kind 'required' (not listed)" in report
    assert report[-1].endswith("breaks rule 'enum': must be one of: a, b")
    frame = error.to_frame()
    assert list(frame.columns) == ["file", "line", "column", "value", "code", "title", "message"]
    assert frame["code"].value_counts().to_dict() == {"required": 30, "enum": 1}
    assert DataError([Problem(Kind.EMPTY_FILE, "data/b.csv", 1)]).report().startswith("1 problem in")


def _many_documents(data: Path, count: int, quoted: int, late: bool) -> None:
    """Append ``count`` documents and a statement quoting document ``quoted``, dated after it if ``late``."""
    seeds = data.parent / "seeds"
    docs, statements = [], []
    for i in range(count):
        text = f"Document {i} says: troops were seen on day {i}.\n"
        path = seeds / f"gen_{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        published = "2024-10-01" if late and i == quoted else "2024-10-23"
        docs.append(
            f"gen-{i:03d},Generated {i},Outlet,,{published},test,seeds/gen_{i:03d}.txt,,{digest},test\n"
        )
    quote = f"troops were seen on day {quoted}"
    row = {
        "statement_id": "S900", "document_id": f"gen-{quoted:03d}", "source_id": "nis",
        "said_on": "2024-10-20", "said_on_precision": "exact", "said_on_basis": "test", "quote": quote,
        "attribution": "paraphrase",
        "proposition_id": "troops-in-russia", "stance": "affirms", "credibility": "3",
        "credibility_rationale": "A generated statement dated after its document.",
    }  # fmt: skip
    with (data / "statements.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row.get(column, "") for column in header])
    statements.append(buffer.getvalue())
    with (data / "documents.csv").open("a", encoding="utf-8") as f:
        f.writelines(docs)
    with (data / "statements.csv").open("a", encoding="utf-8") as f:
        f.writelines(statements)


def test_late_statement_is_caught_among_300_documents(workspace: Path) -> None:
    _many_documents(workspace, 300, quoted=200, late=True)
    with pytest.raises(DataError) as caught:
        load_workbook(workspace)
    late = [p for p in caught.value.problems if p.kind is Kind.SAID_AFTER_PUBLISHED]
    line = len((workspace / "statements.csv").read_text(encoding="utf-8").splitlines())  # the row appended
    assert [(p.line, p.value) for p in late] == [(line, "2024-10-20")], caught.value.report()
    assert "published (2024-10-01)" in str(late[0])


def test_300_documents_load_when_dates_agree(workspace: Path) -> None:
    _many_documents(workspace, 300, quoted=200, late=False)
    wb = load_workbook(workspace)
    assert len(wb.documents) == 301 and wb.statements["statement_id"].iloc[-1] == "S900"
