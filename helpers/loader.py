"""Load the curated tables as typed DataFrames, after validating every rule."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .checks import check_foreign_key, check_table
from .csvread import RawTable, read_raw
from .descriptor import Package, load_descriptor
from .paths import data_dir as resolve_data_dir
from .paths import display_path
from .problems import DataError, Problem
from .rules import (
    check_count_range,
    check_hedges,
    check_self_response,
    check_statement_dates,
    locate_quotes,
    read_documents,
)
from .words import counted

TABLES = (
    "documents",
    "sources",
    "propositions",
    "statements",
    "troop_claims",
    "hypotheses",
    "ach_ratings",
)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, so analyses can cache per workbook
class Workbook:
    """Every curated table, typed, with the documents' texts and where they came from."""

    documents: pd.DataFrame
    sources: pd.DataFrame
    propositions: pd.DataFrame
    statements: pd.DataFrame
    troop_claims: pd.DataFrame
    hypotheses: pd.DataFrame
    ach_ratings: pd.DataFrame
    texts: dict[str, str]
    data_dir: Path
    package: Package

    def table(self, name: str) -> pd.DataFrame:
        """Return the table called ``name`` (one of :data:`TABLES`)."""
        if name not in TABLES:
            raise KeyError(name)
        return getattr(self, name)

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


def _read_all(
    folder: Path, package: Package
) -> tuple[dict[str, RawTable], dict[str, pd.DataFrame], list[Problem]]:
    raws: dict[str, RawTable] = {}
    typed: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, resource in package.resources.items():
        path = folder / resource.path
        raw, found = read_raw(path, resource, display_path(path, folder))
        problems += found
        if raw is None:
            continue
        raws[name] = raw
        typed[name], found = check_table(raw, resource)
        problems += found
    for name, resource in package.resources.items():
        for fk in resource.foreign_keys:
            if name in raws and fk.resource in raws:
                parent = raws[fk.resource]
                problems += check_foreign_key(raws[name], fk, parent.frame, parent.display)
    return raws, typed, problems


def load_workbook(data_dir: str | os.PathLike[str] | None = None) -> Workbook:
    """Load and validate every table of the data folder.

    ``data_dir`` defaults to ``$WORKBOOK_DATA``, then the project's ``data/``. Document paths resolve
    against the folder that holds the data folder. Raises :class:`DataError` listing every problem
    (file, line, column, value, rule); nothing is ever written.
    """
    folder = resolve_data_dir(data_dir)
    if not folder.is_dir():
        raise DataError([Problem(str(folder), "data folder exists", "no such folder")])
    package = load_descriptor(folder)
    raws, typed, problems = _read_all(folder, package)

    texts: dict[str, str] = {}
    if "documents" in typed:
        texts, found = read_documents(typed["documents"], raws["documents"], folder)
        problems += found
    if "statements" in typed:
        st_raw = raws["statements"]
        typed["statements"], found = locate_quotes(typed["statements"], texts, st_raw)
        problems += found
        problems += check_hedges(typed["statements"], st_raw)
        problems += check_self_response(typed["statements"], st_raw)
        if "documents" in typed:
            problems += check_statement_dates(typed["statements"], typed["documents"], st_raw)
    if "troop_claims" in typed:
        problems += check_count_range(typed["troop_claims"], raws["troop_claims"])
    if problems:
        order = {raw.display: i for i, raw in enumerate(raws.values())}
        raise DataError(sorted(problems, key=lambda p: (order.get(p.file, -1), p.line or 1e12)))
    return Workbook(
        **{name: typed[name] for name in TABLES},
        texts=texts,
        data_dir=folder,
        package=package,
    )
