"""Values at the edges of the data's rules, through validate (and an export):

- the optional ``excerpt`` column: spellings of true and false, declared but absent, present but
  undeclared, retyped;
- troop numbers at their extremes: 0, 10^15, a range the wrong way round, bounds that contradict
  the count;
- judgements and indicators in time: as-of dates far ahead or behind, references to unknown ids or
  ids of another kind, a judgement superseding itself.

Each is accepted or reported as one problem under its rule, never a traceback.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.adversarial.builders import data_edit
from tests.adversarial.checks import absent, json_ok, lines_at_most, says
from tests.adversarial.harness import (
    Case,
    CaseTable,
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


# ---------------------------------------------------------------- the optional excerpt column

G = "excerpt column"

CASES.add(
    "G01",
    G,
    "excerpt = yes",
    "exit 1 naming documents.csv, excerpt, 'yes'",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "yes")),
    (1,),
    says("documents.csv", "excerpt", "yes"),
)

CASES.add(
    "G02",
    G,
    "excerpt = TRUE",
    "exit 0 (a standard true value)",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "TRUE")),
    (0,),
)

CASES.add(
    "G03",
    G,
    "excerpt = ' true' (leading space)",
    "exit 1 one problem",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", " true")),
    (1,),
    says("excerpt"),
)


def _drop_column(table: str, column: str, declared: bool):
    def edit(tmp: Path, data: Path) -> None:
        t = rows(data / f"{table}.csv")
        at = t[0].index(column)
        write_rows(data / f"{table}.csv", [r[:at] + r[at + 1 :] for r in t])
        if not declared:
            desc = descriptor(data)
            fs = fields(desc, table)
            fs[:] = [f for f in fs if f["name"] != column]
            write_descriptor(data, desc)

    return edit


CASES.add(
    "G04",
    G,
    "excerpt declared but absent from the CSV",
    "exit 1 one line (header mismatch) or 0 (optional)",
    data_edit(_drop_column("documents", "excerpt", True)),
    (0, 1),
    lines_at_most(3),
)


def _undeclared_excerpt(tmp: Path, data: Path) -> None:
    desc = descriptor(data)
    fs = fields(desc, "documents")
    fs[:] = [f for f in fs if f["name"] != "excerpt"]
    write_descriptor(data, desc)


CASES.add(
    "G05",
    G,
    "excerpt in the CSV but not declared",
    "exit 1 one line naming the column",
    data_edit(_undeclared_excerpt),
    (0, 1),
    lines_at_most(3),
)

CASES.add(
    "G06",
    G,
    "neither declared nor present",
    "exit 0 (a blank excerpt is false) or 1 one line",
    data_edit(_drop_column("documents", "excerpt", False)),
    (0, 1),
    lines_at_most(3),
)

CASES.add(
    "G07",
    G,
    "excerpt = 1",
    "exit 0 (a standard true value)",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "1")),
    (0,),
)

CASES.add(
    "G08",
    G,
    "excerpt declared as integer",
    "exit 1 one line: retyped",
    data_edit(
        lambda t, d: (
            lambda desc: (
                next(f for f in fields(desc, "documents") if f["name"] == "excerpt").update(type="integer"),
                write_descriptor(d, desc),
            )
        )(descriptor(d))
    ),
    (1,),
    lines_at_most(3),
)

CASES.add(
    "G09",
    G,
    "excerpt = yes, through export",
    "exit 1",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "yes"), "export:annotations"),
    (1,),
    absent("out"),
)

# ---------------------------------------------------------------- troop numbers at extremes

TX = "troop extremes"


def _claim(**cells: str):
    def edit(tmp: Path, data: Path) -> None:
        for k, v in cells.items():
            set_cell(data / "troop_claims.csv", 1, k, v)

    return edit


CASES.add(
    "I01",
    TX,
    "count 0",
    "exit 1 naming count and 0",
    data_edit(_claim(count="0")),
    (1,),
    says("troop_claims.csv", "count"),
)

CASES.add("I02", TX, "count 10^15", "exit 0", data_edit(_claim(count=str(10**15))), (0,))

CASES.add(
    "I03",
    TX,
    "count 10^15 exported to SQLite",
    "exit 0, the number kept exactly",
    lambda tmp: (
        _claim(count=str(10**15))(tmp, workspace(tmp)),
        ["export", "sqlite", str(tmp / "o.db"), "--data", str(tmp / "data")],
    )[-1],
    (0,),
    lambda t, r: (
        None
        if sqlite3.connect(t / "o.db").execute("select max(count) from troop_claims").fetchone()[0] == 10**15
        else "count changed"
    ),
)

CASES.add(
    "I04",
    TX,
    "count_low > count_high",
    "exit 1 count-range",
    data_edit(_claim(count="1500", count_low="2000", count_high="1000")),
    (1,),
    says("count"),
)

CASES.add(
    "I05",
    TX,
    "bound up to with count_high below count",
    "exit 1 one problem",
    data_edit(_claim(bound="up to", count_high="1000")),
    (1,),
    says("count_high"),
)

CASES.add(
    "I06",
    TX,
    "bound at least with count_high set",
    "exit 1, or 0 if allowed",
    data_edit(_claim(bound="at least", count_high="2000")),
    (0, 1),
    lines_at_most(4),
)

CASES.add(
    "I07",
    TX,
    "bound exact with count_low 1",
    "exit 1, or 0 if allowed",
    data_edit(_claim(bound="exact", count_low="1")),
    (0, 1),
    lines_at_most(4),
)

CASES.add(
    "I08",
    TX,
    "count 1 and count_high 10^15 as a range",
    "exit 0",
    data_edit(_claim(count="1", count_low="1", count_high=str(10**15), bound="range")),
    (0,),
)

# ---------------------------------------------------------------- judgements and indicators in time

J = "judgements in time"


def _judgement(**cells: str):
    def edit(tmp: Path, data: Path) -> None:
        n = len(rows(data / "judgements.csv")) - 1
        for k, v in cells.items():
            set_cell(data / "judgements.csv", n, k, v)

    return edit


CASES.add(
    "J01",
    J,
    "as_of 2099-01-01",
    "exit 0 or 1 one problem",
    data_edit(_judgement(as_of="2099-01-01")),
    (0, 1),
    lines_at_most(3),
)

CASES.add(
    "J02",
    J,
    "as_of 1900-01-01, before every statement",
    "exit 0 or 1 one problem",
    data_edit(_judgement(as_of="1900-01-01")),
    (0, 1),
    lines_at_most(3),
)

CASES.add(
    "J03",
    J,
    "as_of 2099 exported to ClaimReview",
    "exit 0 or 1; valid JSON",
    lambda tmp: (
        _judgement(as_of="2099-01-01")(tmp, workspace(tmp)),
        ["export", "claimreview", str(tmp / "c.jsonld"), "--data", str(tmp / "data")],
    )[-1],
    (0, 1),
    lambda t, r: json_ok("c.jsonld")(t, r) if r.code == 0 else None,
)


def _indicator(**cells: str):
    def edit(tmp: Path, data: Path) -> None:
        for k, v in cells.items():
            set_cell(data / "indicators.csv", 1, k, v)

    return edit


CASES.add(
    "J04",
    J,
    "indicator bears on an unknown id",
    "exit 1 bears-on-unknown naming the value",
    data_edit(_indicator(bears_on="NOPE99")),
    (1,),
    says("indicators.csv", "NOPE99"),
)

CASES.add(
    "J05",
    J,
    "indicator bears on a statement id (a real id of another kind)",
    "exit 1 bears-on-unknown",
    data_edit(_indicator(bears_on="S01")),
    (1,),
    says("S01"),
)

CASES.add(
    "J06",
    J,
    "judgement supersedes itself",
    "exit 1 one problem",
    data_edit(lambda t, d: set_cell(d / "judgements.csv", 1, "supersedes", rows(d / "judgements.csv")[1][0])),
    (1,),
    lines_at_most(4),
)

CASES.add(
    "J07",
    J,
    "judgement on an unknown proposition",
    "exit 1 foreign key",
    data_edit(_judgement(proposition_id="nope")),
    (1,),
    says("nope"),
)


@pytest.mark.parametrize("case", params(CASES))
def test_a_value_at_the_edge_is_judged_by_its_rule(case: Case, tmp_path: Path) -> None:
    """The value is accepted, or reported under its rule, as the case expects."""
    assert_keeps_promises(case, tmp_path)
