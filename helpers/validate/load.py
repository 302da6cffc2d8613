"""Read and validate a whole data folder: every table, every key, every cross-table rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..paths import display_path
from .catalog import TABLES
from .checks import check_foreign_key, check_table
from .csvread import RawTable, read_raw
from .defaults import complete
from .descriptor import Package, load_descriptor
from .links import (
    check_bears_on,
    check_claim_dates,
    check_credibility_by_kind,
    check_judgement_history,
    check_said_on_range,
    check_same_as,
)
from .problems import DataError, Kind, Problem
from .rules import (
    check_count_range,
    check_hedges,
    check_reply_cycles,
    check_self_response,
    check_statement_dates,
    locate_quotes,
    read_documents,
)


@dataclass(frozen=True)
class Validated:
    """A data folder that passed every check: typed tables, the documents' texts, the descriptor."""

    frames: dict[str, pd.DataFrame]
    texts: dict[str, str]
    folder: Path
    package: Package


def _read_all(
    folder: Path, package: Package
) -> tuple[dict[str, RawTable], dict[str, pd.DataFrame], list[Problem]]:
    raws: dict[str, RawTable] = {}
    typed: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, resource in package.resources.items():
        path = folder / resource.path
        raw, found = read_raw(path, folder, resource, display_path(path, folder))
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


def _cross_table(
    folder: Path, package: Package, raws: dict[str, RawTable], typed: dict[str, pd.DataFrame]
) -> tuple[dict[str, str], list[Problem]]:
    """The rules that reach across tables or into the documents; adds quote offsets to statements."""
    problems: list[Problem] = []
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
        problems += check_reply_cycles(typed["statements"], st_raw)
        if "documents" in typed:
            problems += check_statement_dates(typed["statements"], typed["documents"], st_raw)
    if "troop_claims" in typed:
        problems += check_count_range(typed["troop_claims"], raws["troop_claims"])
    problems += _link_rules(typed, raws, set(package.resources))
    return texts, problems


def _link_rules(
    typed: dict[str, pd.DataFrame], raws: dict[str, RawTable], declared: set[str]
) -> list[Problem]:
    """The rules between rows (see :mod:`.links`), each where its table and columns are present."""
    problems: list[Problem] = []
    statements = typed.get("statements")
    if statements is not None:
        raw = raws["statements"]
        if "propositions" in typed:
            problems += check_credibility_by_kind(statements, typed["propositions"], raw)
        if "said_on_earliest" in statements:
            problems += check_said_on_range(statements, raw)
        if "same_as" in statements:
            problems += check_same_as(statements, raw)
        if "troop_claims" in typed and "propositions" in typed:
            claims = typed["troop_claims"]
            problems += check_claim_dates(claims, statements, typed["propositions"], raws["troop_claims"])
    if "judgements" in typed:
        problems += check_judgement_history(typed["judgements"], raws["judgements"])
    # Only against targets that loaded: a broken table is reported once, not again through its links.
    if (
        "indicators" in typed
        and "hypotheses" in typed
        and ("judgements" in typed or "judgements" not in declared)
    ):
        judged = typed.get("judgements", pd.DataFrame({"judgement_id": [], "supersedes": []}, dtype="str"))
        hypotheses = typed["hypotheses"]["hypothesis_id"]
        problems += check_bears_on(typed["indicators"], judged, hypotheses, raws["indicators"])
    return problems


def validate_folder(folder: Path) -> Validated:
    """Check every file of ``folder``; raise :class:`DataError` listing every problem, in file order."""
    if not folder.is_dir():
        reason = "is a file, not a folder" if folder.exists() else "no such folder"
        raise DataError([Problem(Kind.NO_DATA_FOLDER, str(folder), params={"reason": reason})])
    package = load_descriptor(folder)
    raws, typed, problems = _read_all(folder, package)
    texts, found = _cross_table(folder, package, raws, typed)
    problems += found
    if problems:
        order = {raw.display: i for i, raw in enumerate(raws.values())}
        raise DataError(sorted(problems, key=lambda p: (order.get(p.file, -1), p.line or 1e12)))
    frames = complete({name: typed[name] for name in TABLES if name in typed})
    return Validated({name: frames[name] for name in TABLES}, texts, folder, package)
