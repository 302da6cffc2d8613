"""Odd environments: WORKBOOK_DATA naming a file, an empty folder, ``/`` or nothing; HOME unset;
TMPDIR missing; ASCII-only output and LANG=C; standard output closed early, unread or full; a
memory limit. Each run answers in a line or finishes its work, with no encoding or BrokenPipe
traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.adversarial.builders import article, data_edit, draft_with, export_to
from tests.adversarial.checks import lines_at_most, says
from tests.adversarial.harness import (
    Case,
    CaseTable,
    assert_keeps_promises,
    params,
    rows,
    set_cell,
    workspace,
    write_rows,
)

CASES = CaseTable()


D = "environment"

CASES.add(
    "D01",
    D,
    "WORKBOOK_DATA names a file",
    "exit 1 or 2 one line",
    lambda tmp: (workspace(tmp), ["validate"])[-1],
    (1, 2),
    lines_at_most(2),
    env=lambda tmp: {"WORKBOOK_DATA": str(tmp / "data" / "documents.csv")},
)

CASES.add(
    "D02",
    D,
    "WORKBOOK_DATA an empty folder",
    "exit 1 or 2 one line",
    lambda tmp: ((tmp / "empty").mkdir(), ["validate"])[-1],
    (1, 2),
    lines_at_most(3),
    env=lambda tmp: {"WORKBOOK_DATA": str(tmp / "empty")},
)

CASES.add(
    "D03",
    D,
    "WORKBOOK_DATA=/",
    "exit 1 or 2 quickly, nothing scanned",
    lambda tmp: ["validate"],
    (1, 2),
    lines_at_most(3),
    env=lambda tmp: {"WORKBOOK_DATA": "/"},
    timeout=30,
)

CASES.add(
    "D04",
    D,
    "WORKBOOK_DATA empty string",
    "exit 2 one line, or data/ as the default",
    lambda tmp: ["codebook", "--check"],
    (0, 2),
    lines_at_most(2),
    env=lambda tmp: {"WORKBOOK_DATA": ""},
)

CASES.add(
    "D05",
    D,
    "HOME unset",
    "exit 0",
    lambda tmp: ["validate", str(workspace(tmp))],
    (0,),
    env=lambda tmp: {"HOME": None},
)

CASES.add(
    "D06",
    D,
    "TMPDIR=/nonexistent for an export",
    "exit 0 or 2 one line",
    export_to("sqlite", "{tmp}/x.db"),
    (0, 2),
    lines_at_most(2),
    env=lambda tmp: {"TMPDIR": "/nonexistent"},
)

CASES.add(
    "D07",
    D,
    "TMPDIR=/nonexistent for a draft",
    "exit 0 or 2 one line",
    draft_with(),
    (0, 2),
    lines_at_most(2),
    env=lambda tmp: {"TMPDIR": "/nonexistent"},
)

CASES.add(
    "D08",
    D,
    "ASCII-only output encoding, report with non-ASCII values",
    "exit 1; report printed, no encoding crash",
    data_edit(lambda t, d: set_cell(d / "sources.csv", 1, "reliability", "Ж")),
    (1,),
    says("sources.csv"),
    env=lambda tmp: {"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"},
)

CASES.add(
    "D09",
    D,
    "LANG=C with valid data",
    "exit 0",
    lambda tmp: ["validate", str(workspace(tmp))],
    (0,),
    env=lambda tmp: {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
)

CASES.add(
    "D10",
    D,
    "ASCII output encoding for a draft with a non-ASCII summary",
    "exit 0; no encoding crash",
    article("Officials in Seoul said “1,500 troops were sent,” according to Lee Jae-gang.\n", name="ä.txt"),
    (0,),
    env=lambda tmp: {"PYTHONIOENCODING": "ascii"},
)

CASES.add(
    "D11",
    D,
    "stdout closed early (| head -1) on a long report",
    "exit status of the run; no BrokenPipe traceback",
    lambda tmp: (
        workspace(tmp),
        [f"{sys.executable} -m helpers validate {tmp}/data 2>&1 | head -1; exit ${{PIPESTATUS[0]}}"],
    )[-1],
    (0, 1, 120, 141),
    shell=True,
)


def _many_problems(tmp: Path) -> list[str]:
    data = workspace(tmp)
    table = rows(data / "statements.csv")
    for r in table[1:]:
        r[table[0].index("stance")] = "bogus"
        r[table[0].index("said_on")] = "nope"
    write_rows(data / "statements.csv", table)
    return [f"{sys.executable} -m helpers validate {data} 2>&1 | head -1; exit ${{PIPESTATUS[0]}}"]


CASES.add(
    "D12",
    D,
    "stdout closed early on a 40-problem report",
    "exit 1; no BrokenPipe traceback",
    _many_problems,
    (1, 141),
    shell=True,
)

CASES.add(
    "D15",
    D,
    "stdout a pipe nobody reads (| true)",
    "exit 2 one line on stderr; no BrokenPipe traceback",
    lambda tmp: (
        workspace(tmp),
        [
            f"{sys.executable} -m helpers validate {tmp}/data | (exec 0<&-; sleep 0.2); "
            "exit ${PIPESTATUS[0]}"
        ],
    )[-1],
    (2,),
    shell=True,
)

CASES.add(
    "D13",
    D,
    "stdout is /dev/full",
    "exit 2 one line on stderr; no traceback",
    lambda tmp: (workspace(tmp), [f"{sys.executable} -m helpers validate {tmp}/data > /dev/full"])[-1],
    (2, 120),
    shell=True,
)

CASES.add(
    "D14",
    D,
    "a 600 MB address-space limit (ulimit -v)",
    "exit 0, or one line (out of memory)",
    lambda tmp: (workspace(tmp), [f"ulimit -v 600000; {sys.executable} -m helpers validate {tmp}/data"])[-1],
    (0, 2),
    lines_at_most(2),
    shell=True,
)


@pytest.mark.parametrize("case", params(CASES))
def test_an_odd_environment_gets_a_short_answer(case: Case, tmp_path: Path) -> None:
    """The command finishes, or refuses in a line, whatever its environment."""
    assert_keeps_promises(case, tmp_path)
