"""The draft command's options at their edges: impossible or out-of-range dates, URLs that are no
web address, outlets holding escape codes, newlines or HTML, a file as the data folder, a missing
option. Each is refused in one line (exit 2), or taken and kept as text; never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.builders import draft_with
from tests.adversarial.checks import absent, all_of, lines_at_most, no_raw
from tests.adversarial.harness import Case, CaseTable, assert_keeps_promises, params

CASES = CaseTable()


B = "draft options"

CASES.add(
    "B01",
    B,
    "--published yesterday",
    "exit 2 one line",
    draft_with("--published", "yesterday"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "B02",
    B,
    "--published 2024-02-30",
    "exit 2 one line",
    draft_with("--published", "2024-02-30"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "B03",
    B,
    "--published 9999-12-31",
    "exit 0, or 2 one line",
    draft_with("--published", "9999-12-31"),
    (0, 2),
    lines_at_most(3),
)

CASES.add(
    "B04",
    B,
    "--published 0001-01-01 (outside pandas)",
    "exit 2 one line (would not validate)",
    draft_with("--published", "0001-01-01"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "B05",
    B,
    "--published 2024-11-05T00:00",
    "exit 2 one line",
    draft_with("--published", "2024-11-05T00:00"),
    (2,),
    lines_at_most(2),
)

CASES.add(
    "B06",
    B,
    "--url javascript:alert(1)",
    "exit 2 one line: not http(s)",
    draft_with("--url", "javascript:alert(1)"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "B07",
    B,
    "--url data:text/html,<script>",
    "exit 2 one line",
    draft_with("--url", "data:text/html,<script>alert(1)</script>"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "B08",
    B,
    "--url with a space",
    "exit 2 one line (fails the url pattern)",
    draft_with("--url", "https://example.org/a b"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "B09",
    B,
    "--url of 120,000 characters",
    "exit 0, or 2 one line",
    draft_with("--url", "https://example.org/" + "a" * 120_000),
    (0, 2),
    lines_at_most(2),
)

CASES.add(
    "B10",
    B,
    "--outlet with escape codes",
    "exit 2 one line, or 0 with escapes kept out",
    draft_with("--outlet", "Reu\x1b[2Jters\x07"),
    (0, 2),
    no_raw("\x1b", "\x07"),
)

CASES.add("B11", B, "--outlet empty", "exit 0 (outlet is optional)", draft_with("--outlet", ""), (0,))

CASES.add(
    "B12",
    B,
    "--outlet with a newline",
    "exit 2, or 0 with no broken line",
    draft_with("--outlet", "Reu\nters"),
    (0, 2),
    no_raw("Reu\nters"),
)

CASES.add(
    "B13",
    B,
    "--outlet with HTML",
    "exit 0; draft.md shows no raw tag",
    draft_with("--outlet", "<img src=x onerror=alert(1)>"),
    (0,),
    no_raw("<img", rel="out/draft.md"),
)

CASES.add(
    "B22", B, "--data a file", "exit 2 one line", draft_with("--data", "{tmp}/a.txt"), (2,), lines_at_most(2)
)

CASES.add(
    "B23",
    B,
    "--published missing",
    "exit 2 (argparse usage and error)",
    lambda tmp: ["draft", str(tmp / "a.txt")],
    (2,),
    lines_at_most(5),
)


@pytest.mark.parametrize("case", params(CASES))
def test_a_draft_option_is_taken_or_refused_in_a_line(case: Case, tmp_path: Path) -> None:
    """The option is refused in a line, or taken with its text kept out of the markup."""
    assert_keeps_promises(case, tmp_path)
