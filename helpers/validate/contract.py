"""Hold a data folder's descriptor to the workbook's contract (:mod:`helpers.schema`).

A descriptor may add tables, columns, descriptions and constraints; it may not drop a table or a
column the workbook reads, retype it, widen its list of values or loosen a constraint, since the
analyses would then read values they cannot handle. Each such change is one problem naming its
JSON path and line. What passes is checked with the folder's constraints (at least as strict as
the declaration's) and typed as the declaration says.
"""

from __future__ import annotations

import dataclasses
import json

from ..schema import BY_NAME, TABLES, Column, Table
from .descriptor import Field, ForeignKey, Package, Resource, line_of
from .jsonpaths import JsonPath, json_path
from .problems import DataError, Kind, Problem


class _Findings:
    def __init__(self, package: Package):
        self.package = package
        self.problems: list[Problem] = []

    def fail(self, kind: Kind, path: JsonPath, value: object = None, **params: object) -> None:
        shown = value if value is None or isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        line = line_of(self.package.lines, path)
        self.problems.append(Problem(kind, self.package.display, line, json_path(path), shown, params))


def _looser(declared: Column, found: Field) -> list[tuple[str, str, object]]:
    """What ``found`` loosens of ``declared``: (constraint key, reason, value shown)."""
    out: list[tuple[str, str, object]] = []
    if declared.enum is not None:
        if found.enum is None:
            out.append(
                ("enum", f"may not drop its list of values: the workbook reads {_what(declared)}", None)
            )
        else:
            extra = [v for v in found.enum if v not in declared.enum]
            if extra:
                added = ", ".join(repr(v) for v in extra)
                out.append(("enum", f"may not add {added}: the workbook reads {_what(declared)}", extra))
    if declared.required and not found.required:
        out.append(("required", "may not make it optional: the workbook needs a value in every row", False))
    if declared.unique and not found.unique:
        out.append(("unique", "may not drop unique: the workbook looks rows up by it", False))
    for key, mine, theirs, lower_is_looser in (
        ("minimum", declared.minimum, found.minimum, True),
        ("maximum", declared.maximum, found.maximum, False),
        ("minLength", declared.min_length, found.min_length, True),
        ("maxLength", declared.max_length, found.max_length, False),
    ):
        if mine is None:
            continue
        if theirs is None or (theirs < mine if lower_is_looser else theirs > mine):
            out.append((key, f"may not loosen {key} {mine:g}: the workbook relies on it", theirs))
    if declared.pattern is not None and found.pattern != declared.pattern:
        out.append(("pattern", f"must keep the pattern {declared.pattern}", found.pattern))
    return out


def _what(column: Column) -> str:
    assert column.vocabulary is not None
    return column.vocabulary.what or ", ".join(str(v) for v in column.vocabulary.values)


def _effective(declared: Column, found: Field) -> Field:
    """The folder's field, typed as the workbook declares it (its categories, their order)."""
    categories = declared.enum
    ordered = bool(declared.vocabulary and declared.vocabulary.ordered)
    return dataclasses.replace(found, categories=categories, ordered=ordered if categories else found.ordered)


def _table(table: Table, resource: Resource, findings: _Findings) -> Resource:
    at: JsonPath = ("resources", resource.index)
    fields_at = (*at, "schema", "fields")
    names = resource.field_names
    effective: list[Field] = []
    for j, found in enumerate(resource.fields):
        if not table.has(found.name):
            effective.append(found)  # the folder's own column, checked as it declares
            continue
        declared = table.column(found.name)
        if found.type != declared.type:
            reason = f"may not be typed {found.type}: the workbook reads it as {declared.type}"
            findings.fail(Kind.CONTRACT, (*fields_at, j, "type"), found.type, reason=reason)
            continue
        for key, reason, value in _looser(declared, found):
            where = (*fields_at, j, "constraints", key)
            findings.fail(Kind.CONTRACT, where, value, reason=f"{table.name}.{found.name} {reason}")
        effective.append(_effective(declared, found))
    for column in table.columns:
        if column.name not in names and not column.optional:
            findings.fail(Kind.FIELD_REQUIRED, fields_at, f"{table.name}.{column.name}")
    if resource.primary_key != table.primary_key:
        reason = f"the primary key of {table.name} must be {', '.join(table.primary_key)}"
        findings.fail(Kind.CONTRACT, (*at, "schema", "primaryKey"), list(resource.primary_key), reason=reason)
    for ref in table.references:
        target = ref.table or table.name
        wanted = ForeignKey(ref.columns, target, ref.keys)
        if all(c in names for c in ref.columns) and wanted not in resource.foreign_keys:
            reason = (
                f"may not drop the reference {', '.join(ref.columns)} -> {target}.{', '.join(ref.keys)}: "
                "the workbook joins the tables by it"
            )
            findings.fail(Kind.CONTRACT, (*at, "schema", "foreignKeys"), None, reason=reason)
    return dataclasses.replace(resource, fields=tuple(effective))


def apply_contract(package: Package) -> dict[str, Resource]:
    """The resources to check, the declared ones typed as declared; raise :class:`DataError` listing
    every way the descriptor breaks the contract."""
    findings = _Findings(package)
    out: dict[str, Resource] = {}
    for table in TABLES:
        resource = package.resources.get(table.name)
        if resource is None:
            if not table.optional:
                findings.fail(Kind.TABLE_REQUIRED, ("resources",), table.name)
            continue
        out[table.name] = _table(table, resource, findings)
    for name, resource in package.resources.items():
        if name not in BY_NAME:
            out[name] = resource  # a table of the folder's own, checked as it declares
    if findings.problems:
        raise DataError(findings.problems)
    return out
