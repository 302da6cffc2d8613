"""The workbook: every curated table, typed and validated, with the documents' texts."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from .paths import data_dir as resolve_data_dir
from .validate import TABLES, validate_folder
from .validate.descriptor import Package
from .words import counted


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, so analyses can cache per workbook
class Workbook:
    """Every curated table, typed, with the documents' texts and where they came from.

    Tables are attributes named as in :data:`TABLES` (``wb.statements``); the list of tables lives
    in one place, :mod:`helpers.validate.catalog`.
    """

    tables: Mapping[str, pd.DataFrame]
    texts: Mapping[str, str]
    data_dir: Path
    package: Package

    def __post_init__(self) -> None:
        if tuple(self.tables) != TABLES:
            raise ValueError(f"a workbook holds the tables {', '.join(TABLES)}, in that order")
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Only reached for names that are not fields: the tables.
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(f"the workbook has no table or attribute {name!r}")

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *TABLES})

    def table(self, name: str) -> pd.DataFrame:
        """Return the table called ``name`` (one of :data:`TABLES`)."""
        return self.tables[name]

    def with_tables(self, **changed: pd.DataFrame) -> Workbook:
        """A new workbook with some tables replaced (for what-if analysis and tests)."""
        unknown = set(changed) - set(TABLES)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        return dataclasses.replace(self, tables={**self.tables, **changed})

    def summary(self) -> str:
        """One line of counts, as ``python -m helpers validate`` prints it."""
        st = self.statements
        parts = [
            counted(len(self.documents), "document"),
            counted(len(self.sources), "source"),
            counted(len(self.propositions), "proposition"),
            f"{counted(len(st), 'statement')} ({int(st['quote_start'].notna().sum())} quoted verbatim, "
            f"{int(st['credibility'].notna().sum())} graded)",
            counted(len(self.troop_claims), "troop claim"),
            counted(len(self.hypotheses), "hypothesis", "hypotheses"),
            counted(len(self.ach_ratings), "ACH rating"),
        ]
        return "valid: " + ", ".join(parts)


def load_workbook(data_dir: str | os.PathLike[str] | None = None) -> Workbook:
    """Load and validate every table of the data folder.

    ``data_dir`` defaults to ``$WORKBOOK_DATA``, then the project's ``data/``. Document paths resolve
    against the folder that holds the data folder. Raises :class:`DataError` listing every problem
    (file, line, column, value, rule); nothing is ever written.
    """
    checked = validate_folder(resolve_data_dir(data_dir))
    return Workbook(checked.frames, checked.texts, checked.folder, checked.package)
