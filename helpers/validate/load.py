"""Read and validate a whole data folder: the descriptor against the contract, every table, every
key, and the registry of the workbook's own rules."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import display_path
from ..schema import TABLE_NAMES
from .checks import check_foreign_key, check_table
from .complete import Filled, absent_tables, fill_and_mark
from .contract import apply_contract
from .csvread import RawTable, read_raw
from .descriptor import Package, Resource, load_descriptor
from .json_report import table_files
from .problems import DataError, Kind, Problem
from .rules import Context, run_rules


@dataclass(frozen=True)
class Validated:
    """A data folder that passed every check: typed tables, the documents' texts, the descriptor."""

    frames: dict[str, pd.DataFrame]  # the declared tables, in the declaration's order
    extras: dict[str, pd.DataFrame]  # tables of the folder's own, beyond the declaration
    texts: dict[str, str]
    folder: Path
    package: Package
    filled: Filled  # the cells the workbook filled in or whose blank it read, and how


def _read_all(
    folder: Path, resources: dict[str, Resource]
) -> tuple[dict[str, RawTable], dict[str, pd.DataFrame], list[Problem]]:
    raws: dict[str, RawTable] = {}
    typed: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, resource in resources.items():
        path = folder / resource.path
        raw, found = read_raw(path, folder, resource, display_path(path, folder))
        problems += found
        if raw is None:
            continue
        raws[name] = raw
        typed[name], found = check_table(raw, resource)
        problems += found
    for name, resource in resources.items():
        for fk in resource.foreign_keys:
            if name in raws and fk.resource in raws:
                parent = raws[fk.resource]
                problems += check_foreign_key(raws[name], fk, parent.frame, parent.display)
    return raws, typed, problems


def validate_folder(folder: Path) -> Validated:
    """Check every file of ``folder``; raise :class:`DataError` listing every problem, in file order."""
    if not folder.is_dir():
        reason = "is a file, not a folder" if folder.exists() else "no such folder"
        raise DataError([Problem(Kind.NO_DATA_FOLDER, str(folder), params={"reason": reason})])
    package = load_descriptor(folder)
    resources = apply_contract(package)
    raws, typed, problems = _read_all(folder, resources)
    completed, filled = fill_and_mark(typed)
    ctx = Context(folder, completed, raws, declared=frozenset(resources))
    problems += run_rules(ctx)
    if problems:
        order = {raw.display: i for i, raw in enumerate(raws.values())}
        ordered = sorted(problems, key=lambda p: (order.get(p.file, -1), p.line or 1e12))
        raise DataError(ordered, table_files(folder, resources))
    frames = {**ctx.typed, **absent_tables(ctx.typed)}
    extras = {name: frame for name, frame in frames.items() if name not in TABLE_NAMES}
    return Validated({name: frames[name] for name in TABLE_NAMES}, extras, ctx.texts, folder, package, filled)
