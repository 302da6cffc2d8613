"""The workbook: every curated table, typed and validated, with the documents' texts."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from .grammar import counted
from .paths import data_dir as resolve_data_dir
from .schema import TABLE_NAMES
from .transaction import recover
from .validate import validate_folder
from .validate.descriptor import Package


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, so analyses can cache per workbook
class Workbook:
    """Every curated table, typed, with the documents' texts and where they came from.

    One attribute per table of the declaration (:mod:`helpers.schema`), so a misspelt table name
    fails the type checker; ``extras`` holds the tables a dataset adds of its own.
    """

    documents: pd.DataFrame
    sources: pd.DataFrame
    propositions: pd.DataFrame
    statements: pd.DataFrame
    places: pd.DataFrame
    troop_claims: pd.DataFrame
    hypotheses: pd.DataFrame
    ach_ratings: pd.DataFrame
    judgements: pd.DataFrame
    indicators: pd.DataFrame
    resolutions: pd.DataFrame
    expectations: pd.DataFrame
    provenance: pd.DataFrame
    texts: Mapping[str, str]
    data_dir: Path
    package: Package
    extras: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    # table -> column -> each row's origin where the loader filled the cell or read its blank as a
    # default ("derived", "defaulted"); see :mod:`helpers.analysis.origins`.
    filled: Mapping[str, Mapping[str, pd.Series]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", MappingProxyType(dict(self.texts)))
        object.__setattr__(self, "extras", MappingProxyType(dict(self.extras)))
        object.__setattr__(
            self, "filled", MappingProxyType({t: MappingProxyType(dict(c)) for t, c in self.filled.items()})
        )

    @property
    def tables(self) -> Mapping[str, pd.DataFrame]:
        """Every declared table by name, in the declaration's order."""
        return MappingProxyType({name: getattr(self, name) for name in TABLE_NAMES})

    def table(self, name: str) -> pd.DataFrame:
        """Return the declared table called ``name``."""
        if name not in TABLE_NAMES:
            raise KeyError(name)
        frame: pd.DataFrame = getattr(self, name)
        return frame

    def with_tables(self, **changed: pd.DataFrame) -> Workbook:
        """A new workbook with some tables replaced (for what-if analysis and tests)."""
        unknown = set(changed) - set(TABLE_NAMES)
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        return dataclasses.replace(self, **changed)

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
    (file, line, column, value, rule). Nothing is written, but what a killed writer left is first
    finished or undone (:func:`helpers.transaction.recover`), so the tables read are all old or all new.
    """
    folder = resolve_data_dir(data_dir)
    recover(folder)
    checked = validate_folder(folder)
    return Workbook(
        **checked.frames,
        texts=checked.texts,
        data_dir=checked.folder,
        package=checked.package,
        extras=checked.extras,
        filled=checked.filled,
    )
