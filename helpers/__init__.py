"""Helpers for the claims workbook, in four floors, each importing only from those below it.

- ``validate``: read the data folder and check it (descriptor, CSV, tables, cross-table rules, quotes);
- ``analysis``: pure functions over the frozen tables (grades, the one evidence weighting and its
  balance, corroboration, reporting chains, claims, stances, ACH, the analyst's judgements, what-if);
- ``present``: what a person sees (style, charts, tables, sentences, findings, the explorer's widgets);
- ``publish``: what leaves the workbook (executed notebooks, the HTML briefing, the codebook).

``Workbook``, ``load_workbook`` and ``paths`` stand at the top. The names and modules notebooks use
are reachable from here (``from helpers import charts, load_workbook``) and load on first use, so
that validating data never imports the plotting or widget libraries, and ``python -m helpers``
handles Ctrl-C before pandas loads.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .schema import TABLE_NAMES as TABLES
    from .validate import DataError, Kind, Problem
    from .workbook import Workbook, load_workbook

# The names at the top: the module each comes from, and its name there.
NAMES = {
    "TABLES": ("schema", "TABLE_NAMES"),
    "DataError": ("validate", "DataError"),
    "Kind": ("validate", "Kind"),
    "Problem": ("validate", "Problem"),
    "Workbook": ("workbook", "Workbook"),
    "load_workbook": ("workbook", "load_workbook"),
}
# Short names for the modules notebooks call, and where each lives.
MODULES = {
    "ach": "analysis.ach",
    "balance": "analysis.balance",
    "claims": "analysis.troop_counts",
    "corroboration": "analysis.corroboration",
    "grades": "analysis.grades",
    "evidence": "analysis.evidence",
    "judgements": "analysis.judgements",
    "relays": "analysis.relays",
    "stance": "analysis.stance",
    "views": "analysis.views",
    "whatif": "analysis.whatif",
    "charts": "present.charts",
    "explorer": "present.explorer",
    "findings": "present.findings",
    "judged": "present.judged",
    "memo": "present.memo",
    "method": "present.method",
    "narrative": "present.narrative",
    "quoted": "present.quoted",
    "relay_chart": "present.relay_chart",
    "sentences": "present.sentences",
    "tables": "present.styled_tables",
}

__all__ = ["MODULES", "TABLES", "DataError", "Kind", "Problem", "Workbook", "load_workbook"]


def __getattr__(name: str) -> Any:
    if name in NAMES:
        module, attribute = NAMES[name]
        value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    elif name in MODULES:
        value = importlib.import_module(f".{MODULES[name]}", __name__)
    else:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *NAMES, *MODULES})
