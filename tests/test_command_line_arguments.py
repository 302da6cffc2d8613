"""Odd command lines: unknown flags, repeated or empty values, ``--``, a path starting with a dash,
10,000 arguments, no subcommand, paths that are not UTF-8 or hold escape codes or newlines.

Each gets argparse's usage and one error line (exit 2), a one-line refusal, or the command run; the
terminal never receives a raw escape code or a newline that fakes a line of the report.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.adversarial.checks import all_of, lines_at_most, no_raw, says
from tests.adversarial.harness import Case, CaseTable, assert_keeps_promises, params, workspace

CASES = CaseTable()


C = "cli usage"

CASES.add(
    "C01",
    C,
    "unknown flag",
    "exit 2, argparse's usage and one error line",
    lambda tmp: ["validate", "--frobnicate"],
    (2,),
    lines_at_most(5),
)

CASES.add(
    "C02",
    C,
    "repeated --data flags",
    "exit 0 (argparse: the last wins) or 2",
    lambda tmp: [
        "export",
        "sqlite",
        str(tmp / "x.db"),
        "--data",
        "/nonexistent",
        "--data",
        str(workspace(tmp)),
    ],
    (0, 2),
)

CASES.add(
    "C03",
    C,
    "'--' before the data folder",
    "exit 0",
    lambda tmp: ["validate", "--", str(workspace(tmp))],
    (0,),
)

CASES.add(
    "C04",
    C,
    "a missing data folder named '-h3' after '--'",
    "exit 2 one line naming it (not argparse's help)",
    lambda tmp: ["validate", "--", "-h3-missing"],
    (1, 2),
    all_of(lines_at_most(2), says("-h3-missing")),
)

CASES.add(
    "C05",
    C,
    "empty-string data folder",
    "exit 2 one line",
    lambda tmp: ["validate", ""],
    (2,),
    lines_at_most(2),
)

CASES.add(
    "C06",
    C,
    "10,000 arguments",
    "exit 2, argparse's usage and one short error line",
    lambda tmp: ["validate", *[f"x{i}" for i in range(10000)]],
    (2,),
    all_of(
        lines_at_most(5), lambda t, r: None if len(r.text) < 2000 else f"{len(r.text)} characters of output"
    ),
)

CASES.add(
    "C07",
    C,
    "empty-string export target",
    "exit 2 one line",
    lambda tmp: ["export", "sqlite", "", "--data", str(workspace(tmp))],
    (2,),
    lines_at_most(2),
)

CASES.add(
    "C08",
    C,
    "empty-string --out for briefing",
    "exit 2 one line",
    lambda tmp: ["briefing", "--data", str(workspace(tmp)), "--out", ""],
    (2,),
    lines_at_most(2),
)

CASES.add("C09", C, "no subcommand", "exit 2 usage", lambda tmp: [], (2,), lines_at_most(6))

CASES.add(
    "C10",
    C,
    "unknown export kind",
    "exit 2 one usage line",
    lambda tmp: ["export", "csv", str(tmp / "x"), "--data", str(workspace(tmp))],
    (2,),
    lines_at_most(3),
)

CASES.add(
    "C11",
    C,
    "data folder path with invalid UTF-8 bytes (missing)",
    "exit 1 or 2 one line, no encoding crash",
    lambda tmp: ["validate", os.fsdecode(bytes(tmp) + b"/d\xff\xfe")],
    (1, 2),
    lines_at_most(2),
)


def _bad_bytes_dir(tmp: Path) -> list[str]:
    data = workspace(tmp)
    new = Path(os.fsdecode(bytes(tmp) + b"/d\xff"))
    data.rename(new)
    (Path(os.fsdecode(bytes(tmp) + b"/seeds"))).rename(tmp / "seeds")
    return ["validate", str(new)]


CASES.add(
    "C12",
    C,
    "a real data folder whose name is invalid UTF-8",
    "exit 1 one-line refusal or report (seeds not beside); no crash",
    _bad_bytes_dir,
    (0, 1, 2),
    lines_at_most(30),
)

CASES.add(
    "C13",
    C,
    "escape codes in the data folder's path (valid data)",
    "exit 0; no raw ESC on the terminal",
    lambda tmp: (
        workspace(tmp),
        (tmp / "data").rename(tmp / "d\x1b[2Ja\x07"),
        ["validate", str(tmp / "d\x1b[2Ja\x07")],
    )[-1],
    (0, 1, 2),
    no_raw("\x1b", "\x07"),
)

CASES.add(
    "C14",
    C,
    "a newline in the data folder's path",
    "no raw newline that fakes a line",
    lambda tmp: (
        workspace(tmp),
        (tmp / "data").rename(tmp / "d\nvalid: fake"),
        ["validate", str(tmp / "d\nvalid: fake")],
    )[-1],
    (0, 1, 2),
    no_raw("\nvalid: fake"),
)

CASES.add(
    "C15",
    C,
    "export OUT starting with '-' after '--'",
    "exit 0",
    lambda tmp: ["export", "--data", str(workspace(tmp)), "claimreview", "--", str(tmp / "-x.jsonld")],
    (0,),
)


@pytest.mark.parametrize("case", params(CASES))
def test_an_odd_command_line_gets_a_short_answer(case: Case, tmp_path: Path) -> None:
    """The command line gets the answer the case expects, in a few lines, never a traceback."""
    assert_keeps_promises(case, tmp_path)
