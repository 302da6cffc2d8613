"""The table of cases run from the outside (``tests/adversarial``), over every module holding some."""

from __future__ import annotations

import re
from pathlib import Path

from tests.adversarial.table import MODULES, every_case


def test_every_case_is_listed_once() -> None:
    """Ids are unique, and each case names its class, input and expectation; every module that
    holds cases is in the table, so the printed table misses none."""
    cases = every_case()
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    assert all(c.cls and c.input and c.expected and c.codes for c in cases)
    table = re.compile(r"^CASES = CaseTable\(\)$", re.M)
    holding = [p.stem for p in Path(__file__).parent.glob("test_*.py") if table.search(p.read_text("utf-8"))]
    assert sorted(holding) == sorted(MODULES)
