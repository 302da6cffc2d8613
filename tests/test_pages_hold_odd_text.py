"""The briefing's pages and PDF with odd text in the data (builds, so marked ``build``): a 10,000-
character word, characters outside the fonts, 100 stacked combining marks, a 100,000-character
rationale, CSS and markup. The briefing builds, its PDF is written, and no markup from the data
reaches the pages raw.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.builders import judged_rationale
from tests.adversarial.checks import all_of, no_raw, pdf_ok
from tests.adversarial.harness import Case, CaseTable, assert_keeps_promises, params, set_cell, workspace

CASES = CaseTable()


M = "pdf and pages"


def _briefing(edit):
    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        edit(tmp, data)
        return ["briefing", "--data", str(data), "--out", str(tmp / "out")]

    return build


def _prop_text(value: str):
    return lambda tmp, data: set_cell(data / "propositions.csv", 1, "text", value)


ODD_TEXT = [
    # a 100,000-character rationale of many words, ending in a 10,000-character unbroken word
    judged_rationale("troops were sent " * 6000 + "x" * 10000),
    # emoji, Gothic letters and private-use characters (outside the fonts) in a proposition
    _prop_text(
        "North Korea sent troops \U0001f600\U0001f1f0\U0001f1f5 \U00010330\U00010331 "
        "\ue000\U0010fffd to Russia."
    ),
    # 100 combining marks stacked on one letter in a source's name
    lambda tmp, data: set_cell(
        data / "sources.csv", 1, "name", "A" + "\u0301\u0308\u0327\u0336" * 25 + "ustin"
    ),
    # CSS and markup in a place's notes
    lambda tmp, data: set_cell(
        data / "places.csv", 1, "notes", "</style><style>*{display:none}</style><script>alert(1)</script>"
    ),
]


def _every_odd_text(tmp: Path, data: Path) -> None:
    for edit in ODD_TEXT:
        edit(tmp, data)


# One build holds every odd text at once: a build with its PDF is the slowest thing the tests do, and
# a failure names the page or the PDF, which says which text broke it.
CASES.add(
    "M01",
    M,
    "a 100,000-character rationale ending in a 10,000-character word, characters outside the fonts, "
    "100 stacked combining marks and CSS and markup, all in one workbook",
    "exit 0; the PDF written; no raw markup from the data",
    _briefing(_every_odd_text),
    (0,),
    all_of(pdf_ok, no_raw("<style>*{display:none}", "<script>alert(1)", rel="out")),
    slow=True,
    timeout=600,
)


@pytest.mark.parametrize("case", params(CASES))
def test_pages_and_pdf_hold_odd_text(case: Case, tmp_path: Path) -> None:
    """The briefing builds with its PDF, and the data's markup is escaped on every page."""
    assert_keeps_promises(case, tmp_path)
