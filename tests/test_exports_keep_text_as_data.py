"""Exports of data holding hostile values: JSON-LD keys, ``</script>``, SQL metacharacters, very long
text, column and table names SQLite reserves or that differ only in case, HTML in the descriptor.

The value reaches the ClaimReview JSON-LD, the SQLite database and the Datasette metadata as text,
escaped, and the file is whole (valid JSON, a database with its tables); or the data is refused in
a line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.adversarial.builders import data_edit, judged_rationale
from tests.adversarial.checks import all_of, json_ok, lines_at_most, no_raw, sqlite_ok
from tests.adversarial.harness import (
    Case,
    CaseTable,
    Run,
    assert_keeps_promises,
    descriptor,
    fields,
    params,
    rows,
    set_cell,
    workspace,
    write_descriptor,
    write_rows,
)

CASES = CaseTable()


F = "export values"


def _set_prop_text(value: str):
    def edit(tmp: Path, data: Path) -> None:
        set_cell(data / "propositions.csv", 1, "text", value)

    return edit


def _value_case(
    cid: str, what: str, edit, kind: str, rel: str, needles: tuple[str, ...], checker=None
) -> None:
    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        edit(tmp, data)
        return ["export", kind, str(tmp / rel), "--data", str(data)]

    checks = [no_raw(*needles, rel=rel)] if needles else []
    checks.append(json_ok(rel) if rel.endswith("jsonld") else sqlite_ok(rel))
    if checker:
        checks.append(checker)
    CASES.add(cid, F, what, "exit 0; the value kept as text, escaped", build, (0,), all_of(*checks))


_value_case(
    "F01", "'@context' as a proposition's text", _set_prop_text("@context"), "claimreview", "c.jsonld", ()
)

_value_case(
    "F02",
    'JSON-looking rationale {"@id": "urn:x", "@type": "Person"}',
    judged_rationale('{"@id": "urn:x", "@type": "Person"} with enough words to pass'),
    "claimreview",
    "c.jsonld",
    (),
)

_value_case(
    "F03",
    "</script><script> in a judgement's rationale",
    judged_rationale("</script><script>alert(1)</script> and more words"),
    "claimreview",
    "c.jsonld",
    ("</script>", "<script>"),
)

_value_case(
    "F04", "900,000-character rationale", judged_rationale("word " * 180000), "claimreview", "c.jsonld", ()
)

_value_case(
    "F05",
    "a source name with SQL metacharacters",
    lambda t, d: set_cell(d / "sources.csv", 1, "name", "x'); DROP TABLE statements; --"),
    "sqlite",
    "o.db",
    (),
)


def _extra_column(name: str, table: str = "places"):
    def edit(tmp: Path, data: Path) -> None:
        desc = descriptor(data)
        fields(desc, table).append({"name": name, "type": "string"})
        write_descriptor(data, desc)
        t = rows(data / f"{table}.csv")
        t[0].append(name)
        for r in t[1:]:
            r.append("v")
        write_rows(data / f"{table}.csv", t)

    return edit


_value_case(
    "F06",
    'an added column named  a"] ); DROP TABLE places; --',
    _extra_column('a"] ); DROP TABLE places; --'),
    "sqlite",
    "o.db",
    (),
)

CASES.add(
    "F07",
    F,
    "an added column 'NAME' beside 'name' (SQLite names ignore case)",
    "exit 1/2 one line, or 0 with a whole database",
    data_edit(_extra_column("NAME"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)

CASES.add(
    "F08",
    F,
    "an added column 'rowid'",
    "exit 0 or one line",
    data_edit(_extra_column("rowid"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)

CASES.add(
    "F09",
    F,
    "an added column with an empty-looking name ' '",
    "exit 1 one line or 0",
    data_edit(_extra_column(" "), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(5),
)


def _html_description(tmp: Path, data: Path) -> None:
    desc = descriptor(data)
    desc["description"] = "<script>alert(1)</script>"
    desc["title"] = "<img src=x onerror=alert(1)>"
    write_descriptor(data, desc)


def _metadata_plain(tmp: Path, r: Run) -> str | None:
    meta = json.loads((tmp / "o.metadata.json").read_text("utf-8"))
    text = json.dumps(meta)
    return "HTML description in metadata" if "description_html" in text and "alert" in text else None


_value_case(
    "F10",
    "HTML in the descriptor's title and description (Datasette metadata)",
    _html_description,
    "sqlite",
    "o.db",
    (),
    _metadata_plain,
)

_value_case(
    "F11",
    '"@id" text as a statement\'s source label',
    lambda t, d: set_cell(d / "sources.csv", 1, "label", "@id"),
    "annotations",
    "a.jsonld",
    (),
)


def _added_table(name: str):
    """A data edit adding a one-column table called ``name`` to the descriptor and the folder."""

    def edit(tmp: Path, data: Path) -> None:
        desc = descriptor(data)
        desc["resources"].append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": "x", "type": "string"}]},
            }
        )
        write_descriptor(data, desc)
        (data / f"{name}.csv").write_text("x\n1\n", encoding="utf-8")

    return edit


CASES.add(
    "F12",
    F,
    "an added table named sqlite_master",
    "exit 1/2 one line, or 0 with a whole database",
    data_edit(_added_table("sqlite_master"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)

CASES.add(
    "F13",
    F,
    "an added table whose name the full-text index uses (statements_fts)",
    "exit 1/2 one line, or 0",
    data_edit(_added_table("statements_fts"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)


@pytest.mark.parametrize("case", params(CASES))
def test_an_export_keeps_hostile_values_as_text(case: Case, tmp_path: Path) -> None:
    """The export keeps the value as text, escaped, in a whole file (or refuses the data in a line)."""
    assert_keeps_promises(case, tmp_path)
