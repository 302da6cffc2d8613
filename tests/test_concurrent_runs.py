"""Runs at the same time into one place: two drafts into one folder, three SQLite exports to one
file, two briefings into one folder, and a briefing while the data is validated and exported beside
it. Each run finishes or is refused (exit 2), and what is left is one whole draft, database or
briefing, never a mix.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.builders import ARTICLE, DRAFT
from tests.adversarial.checks import pdf_ok, sqlite_ok
from tests.adversarial.harness import Case, CaseTable, Run, assert_keeps_promises, params, workspace

CASES = CaseTable()


# ---------------------------------------------------------------- drafts

B = "draft options"


def _twice(tmp: Path) -> list[list[str]]:
    workspace(tmp)
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    argv = ["draft", str(tmp / "a.txt"), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")]
    return [argv, argv]


CASES.add(
    "B20",
    B,
    "two drafts at once into one folder",
    "each 0 or 2; the folder a whole draft",
    _twice,
    (0, 2),
    lambda t, r: (
        None
        if (t / "out" / "statements.csv").is_file()
        and not [p for p in t.iterdir() if p.name.startswith(".out")]
        else "no whole draft"
    ),
)

# ---------------------------------------------------------------- exports

E = "export target"


def _two_exports(tmp: Path) -> list[list[str]]:
    data = workspace(tmp)
    argv = ["export", "sqlite", str(tmp / "o.db"), "--data", str(data)]
    return [argv, argv, argv]


CASES.add(
    "E12",
    E,
    "three sqlite exports at once to one OUT",
    "each 0 (or 2 refused); a whole database left",
    _two_exports,
    (0, 2),
    sqlite_ok("o.db"),
)

# ---------------------------------------------------------------- briefings (builds)

N = "concurrency"


def _two_briefings(tmp: Path) -> list[list[str]]:
    data = workspace(tmp)
    argv = ["briefing", "--data", str(data), "--out", str(tmp / "out")]
    return [argv, argv]


def _one_refused(tmp: Path, r: Run) -> str | None:
    codes = sorted(getattr(r, "codes", []))
    if codes not in ([0, 2], [0, 0]):
        return f"exit statuses {codes}"
    return pdf_ok(tmp, r)


CASES.add(
    "N01",
    N,
    "two briefings into one folder at once",
    "one builds (0), the other refused (2) or both 0; a whole folder",
    _two_briefings,
    (0, 2),
    _one_refused,
    slow=True,
    timeout=600,
)


def _briefing_and_validate(tmp: Path) -> list[list[str]]:
    data = workspace(tmp)
    return [
        ["briefing", "--data", str(data), "--out", str(tmp / "out")],
        ["validate", str(data)],
        ["export", "sqlite", str(tmp / "out" / "x.db"), "--data", str(data)],
    ]


CASES.add(
    "N02",
    N,
    "validate and an export into the folder while a briefing builds it",
    "validate 0; the briefing whole; the export 0 or 2",
    _briefing_and_validate,
    (0, 2),
    pdf_ok,
    slow=True,
    timeout=600,
)


@pytest.mark.parametrize("case", params(CASES))
def test_runs_at_once_leave_one_whole_output(case: Case, tmp_path: Path) -> None:
    """Every run finishes or is refused, and one whole output is left."""
    assert_keeps_promises(case, tmp_path)
