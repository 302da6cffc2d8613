"""The problems as a validation report in frictionless's shape: what ``validate --json`` prints.

A tool that reads ``frictionless validate --json`` reads this too: ``valid``; ``stats`` (``tasks``,
``errors``, ``warnings``); ``errors``, the problems of the package as a whole (its descriptor, the
folder); and ``tasks``, one per table the descriptor names (and per other file with a problem), each
with its own ``valid``, ``stats`` and ``errors``. An error has frictionless's keys: ``type`` (the
problem's stable code), ``title``, ``description`` (the rule it enforces), ``message`` (the line the
text report prints) and ``note`` (what is wrong, from the kind's template); and where they are
known, ``rowNumber`` (the line in the file, the header being 1, as frictionless counts rows),
``fieldName`` and ``cell`` (the value, cut at ``MAX_CELL_CHARS``). A problem of the descriptor gives
its line, JSON path and value as ``lineNumber``, ``jsonPath`` and ``value`` instead, which
frictionless has no keys for.
Nothing is cut or counted as the text report's long runs are: every problem is listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from ..paths import DESCRIPTOR_NAME, display_path
from .descriptor import Resource
from .problems import Kind, Problem

MAX_CELL_CHARS = 1_000  # a cell of a million characters is named, not copied whole
Json = dict[str, object]


def table_files(folder: Path, resources: Mapping[str, Resource]) -> dict[str, str]:
    """Each table's name and its file as problems name it (relative to the data folder's parent)."""
    return {name: display_path(folder / resource.path, folder) for name, resource in resources.items()}


def validation_report(problems: Iterable[Problem], tables: Mapping[str, str]) -> Json:
    """The report of ``problems`` (none for a valid folder) over ``tables`` (name -> file, in order)."""
    names = {file: name for name, file in tables.items()}
    tasks: dict[str, list[Json]] = {file: [] for file in tables.values()}
    package: list[Json] = []
    for problem in problems:
        if _of_package(problem):
            package.append(error_json(problem))
        else:
            tasks.setdefault(problem.file, []).append(error_json(problem))
    errors = len(package) + sum(len(found) for found in tasks.values())
    return {
        "valid": errors == 0,
        "stats": {"tasks": len(tasks), "errors": errors, "warnings": 0},
        "warnings": [],
        "errors": package,
        "tasks": [_task(names.get(file), file, found) for file, found in tasks.items()],
    }


def _of_package(problem: Problem) -> bool:
    """Whether the problem is the package's: the folder's, or its descriptor's."""
    return problem.kind is Kind.NO_DATA_FOLDER or PurePosixPath(problem.file).name == DESCRIPTOR_NAME


def _task(name: str | None, file: str, errors: list[Json]) -> Json:
    path = PurePosixPath(file)
    return {
        "name": name or path.stem,
        "type": "table" if path.suffix == ".csv" else "file",
        "valid": not errors,
        "place": file,
        "stats": {"errors": len(errors), "warnings": 0},
        "warnings": [],
        "errors": errors,
    }


def error_json(problem: Problem) -> Json:
    """One problem as a frictionless error: its kind's code, title and rule, the message, and where."""
    info = problem.kind.value
    error: Json = {
        "type": problem.code,
        "title": info.title,
        "description": info.rule,
        "message": str(problem),
        "note": problem.detail,
    }
    value = None if problem.value is None else _cut(str(problem.value))
    if _of_package(problem):
        where = {"lineNumber": problem.line, "jsonPath": problem.column, "value": value}
    else:
        where = {"rowNumber": problem.line, "fieldName": problem.column, "cell": value}
    error.update((key, value) for key, value in where.items() if value is not None)
    return error


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL_CHARS else f"{text[: MAX_CELL_CHARS - 1]}…"
