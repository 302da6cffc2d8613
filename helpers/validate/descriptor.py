"""Read the Frictionless Data Package descriptor (``datapackage.json``) into typed schema objects.

Only the part of Table Schema the workbook uses is supported; anything else is reported as a problem
rather than silently ignored, so the codebook never promises a check that is not made.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import DESCRIPTOR_NAME, display_path
from .catalog import REQUIRED_COLUMNS
from .problems import DataError, Kind, Problem

FIELD_TYPES = ("string", "integer", "number", "boolean", "date")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern", "minLength", "maxLength")
TRUE_VALUES = ("true", "True", "TRUE", "1")
FALSE_VALUES = ("false", "False", "FALSE", "0")


@dataclass(frozen=True)
class Field:
    """One column of a table, with its type and constraints."""

    name: str
    type: str
    description: str = ""
    source: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ordered: bool = False


@dataclass(frozen=True)
class ForeignKey:
    """Columns whose values must exist in another table's key columns."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """One CSV table of the package."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Package:
    """The whole descriptor: package metadata and its resources by name."""

    name: str
    title: str
    description: str
    licenses: tuple[dict, ...]
    resources: dict[str, Resource]


def _as_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(value)


class _Reader:
    """Collects descriptor problems, pointing each at the line where its subject is named."""

    def __init__(self, path: Path, text: str, display: str):
        self.lines = text.splitlines()
        self.display = display
        self.problems: list[Problem] = []
        self.broken_fields: set[tuple[str, str]] = set()  # reported once; not again as "missing"

    def line_of(self, *needles: str) -> int | None:
        start = 0
        for needle in needles:  # find each needle after the previous one: resource, then field
            hit = next((i for i in range(start, len(self.lines)) if needle in self.lines[i]), None)
            if hit is None:
                return start + 1 if start else None
            start = hit
        return start + 1

    def fail(
        self, kind: Kind, *where: str, column: str | None = None, value: object = None, **params: object
    ) -> None:
        self.problems.append(Problem(kind, self.display, self.line_of(*where), column, value, params))

    def field(self, res_name: str, raw: object) -> Field | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            self.fail(Kind.FIELD_INVALID, f'"{res_name}"', value=raw, reason="every field needs a name")
            return None
        name = raw["name"]
        where = (f'"name": "{res_name}"', f'"name": "{name}"')
        type_ = raw.get("type", "string")
        if type_ not in FIELD_TYPES:
            self.broken_fields.add((res_name, name))
            self.fail(
                Kind.FIELD_INVALID,
                *where,
                column="type",
                value=type_,
                reason=f"field type must be one of {', '.join(FIELD_TYPES)}",
            )
            return None
        cons = raw.get("constraints", {})
        if not isinstance(cons, dict):
            self.fail(Kind.FIELD_INVALID, *where, value=cons, reason="constraints must be an object")
            return None
        unknown = sorted(set(cons) - set(CONSTRAINTS))
        if unknown:
            self.fail(
                Kind.CONSTRAINT_UNSUPPORTED,
                *where,
                column="constraints",
                value=", ".join(unknown),
                supported=", ".join(CONSTRAINTS),
            )
        enum = cons.get("enum")
        if enum is not None and (not isinstance(enum, list) or not enum):
            self.fail(Kind.FIELD_INVALID, *where, value=enum, reason="enum must be a non-empty list")
            enum = None
        pattern = cons.get("pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as exc:
                self.fail(
                    Kind.FIELD_INVALID,
                    *where,
                    value=pattern,
                    reason=f"pattern is not a regular expression ({exc})",
                )
                pattern = None
        return Field(
            name=name,
            type=type_,
            description=str(raw.get("description", "")),
            source=str(raw.get("source", "")),
            required=bool(cons.get("required", False)),
            unique=bool(cons.get("unique", False)),
            enum=tuple(enum) if enum else None,
            minimum=cons.get("minimum"),
            maximum=cons.get("maximum"),
            pattern=pattern,
            min_length=cons.get("minLength"),
            max_length=cons.get("maxLength"),
            ordered=bool(raw.get("categoriesOrdered", False)),
        )

    def resource(self, raw: object) -> Resource | None:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            self.fail(Kind.RESOURCE_INVALID, '"resources"', value=raw, reason="every resource needs a name")
            return None
        name = raw["name"]
        where = f'"name": "{name}"'
        path, schema = raw.get("path"), raw.get("schema")
        if not isinstance(path, str) or "/" in path or "\\" in path or not path.endswith(".csv"):
            self.fail(
                Kind.RESOURCE_INVALID,
                where,
                value=path,
                reason="path must name a .csv file in the data folder",
            )
            return None
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            self.fail(
                Kind.RESOURCE_INVALID,
                where,
                value=name,
                reason="schema must be an object with a list of fields",
            )
            return None
        fields = tuple(f for f in (self.field(name, f) for f in schema["fields"]) if f is not None)
        names = [f.name for f in fields]
        for dup in sorted({n for n in names if names.count(n) > 1}):
            self.fail(Kind.FIELD_DUPLICATE, where, f'"name": "{dup}"', value=dup)
        try:
            pk = _as_tuple(schema.get("primaryKey", []))
            fks = tuple(
                ForeignKey(
                    _as_tuple(fk["fields"]),
                    fk["reference"].get("resource", "") or name,
                    _as_tuple(fk["reference"]["fields"]),
                )
                for fk in schema.get("foreignKeys", [])
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            self.fail(
                Kind.KEY_INVALID,
                where,
                value=name,
                reason="primaryKey and foreignKeys must follow Table Schema",
            )
            return None
        for col in pk + tuple(c for fk in fks for c in fk.fields):
            if col not in names:
                self.fail(Kind.KEY_INVALID, where, value=col, reason="key names a field the schema lacks")
        return Resource(
            name,
            path,
            str(raw.get("title", name)),
            str(raw.get("description", "")),
            fields,
            pk,
            fks,
        )


def load_descriptor(folder: Path) -> Package:
    """Read and check ``folder/datapackage.json``; raise :class:`DataError` naming every fault."""
    path = folder / DESCRIPTOR_NAME
    display = display_path(path, folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(
            [Problem(Kind.MISSING_FILE, display, params={"what": "the data package descriptor"})]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(Kind.UNREADABLE_FILE, display, params={"reason": str(exc)})]) from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            [
                Problem(
                    Kind.INVALID_JSON,
                    display,
                    exc.lineno,
                    f"{exc.colno} (character)",
                    params={"reason": exc.msg},
                )
            ]
        ) from None
    reader = _Reader(path, text, display)
    if not isinstance(raw, dict) or not isinstance(raw.get("resources"), list):
        raise DataError([Problem(Kind.DESCRIPTOR_SHAPE, display, 1)])
    resources: dict[str, Resource] = {}
    for item in raw["resources"]:
        res = reader.resource(item)
        if res is not None:
            if res.name in resources:
                reader.fail(Kind.RESOURCE_DUPLICATE, f'"name": "{res.name}"', value=res.name)
            resources[res.name] = res
    for res in resources.values():
        for fk in res.foreign_keys:
            target = resources.get(fk.resource)
            if target is None or any(c not in target.field_names for c in fk.reference):
                reader.fail(
                    Kind.KEY_INVALID,
                    f'"name": "{res.name}"',
                    value=f"{fk.resource}.{','.join(fk.reference)}",
                    reason="foreign key references a table or field the descriptor lacks",
                )
    for table, columns in REQUIRED_COLUMNS.items():
        if table not in resources:
            reader.fail(Kind.TABLE_REQUIRED, '"resources"', value=table)
            continue
        for col in columns:
            if col not in resources[table].field_names and (table, col) not in reader.broken_fields:
                reader.fail(Kind.FIELD_REQUIRED, f'"name": "{table}"', column=table, value=col)
    if reader.problems:
        raise DataError(reader.problems)
    return Package(
        name=str(raw.get("name", "")),
        title=str(raw.get("title", "")),
        description=str(raw.get("description", "")),
        licenses=tuple(raw.get("licenses", [])),
        resources=resources,
    )
