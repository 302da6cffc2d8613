"""Read the Frictionless Data Package descriptor (``datapackage.json``) into typed schema objects.

The descriptor is first checked against the standard's own profile; then against what the workbook
supports. Only the part of Table Schema the workbook uses is supported; anything else is reported
as a problem rather than silently ignored, so the codebook never promises a check that is not made.
Every problem names its place by JSON path (``$.resources[3].schema.fields[2].type``) and line.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ..paths import DESCRIPTOR_NAME, as_typed, display_path
from ..schema import SCHEMA_KEY, SCHEMA_VERSION
from .characters import forbidden_character
from .jsonpaths import JsonPath, json_path, strings, value_lines
from .limits import DESCRIPTOR_LIMIT
from .problems import DataError, Kind, Problem
from .profile import profile_faults
from .readable import refusal, utf16

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
    categories: tuple | None = None  # the categories the column is typed with (the declared list)
    true_values: tuple[str, ...] = TRUE_VALUES
    false_values: tuple[str, ...] = FALSE_VALUES


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
    missing_values: tuple[str, ...] = ("",)
    index: int = 0  # position in the descriptor's resources, for naming JSON paths

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
    schema_version: object = None  # the descriptor's ``workbookSchema``; None when it has none
    lines: Mapping[JsonPath, int] = field(
        default_factory=dict, compare=False, repr=False
    )  # JSON path -> line
    display: str = ""


def _as_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_ENUM_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "date": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def line_of(lines: Mapping[JsonPath, int], path: JsonPath) -> int | None:
    """The line of ``path``, or of its nearest ancestor that the text holds."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


class LazyLines(Mapping[JsonPath, int]):
    """The line of each JSON path of a text, found only when a problem first asks for one: a sound
    descriptor never pays for it."""

    def __init__(self, text: str):
        self._text = text
        self._lines: dict[JsonPath, int] | None = None

    def _found(self) -> dict[JsonPath, int]:
        if self._lines is None:
            self._lines = value_lines(self._text)
        return self._lines

    def __getitem__(self, path: JsonPath) -> int:
        return self._found()[path]

    def __iter__(self) -> Iterator[JsonPath]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


class _Reader:
    """Collects descriptor problems, naming each by JSON path and the line where it stands."""

    def __init__(self, text: str, display: str):
        self.lines: Mapping[JsonPath, int] = LazyLines(text)
        self.display = display
        self.problems: list[Problem] = []

    def line_of(self, path: JsonPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that the text holds."""
        return line_of(self.lines, path)

    def fail(self, kind: Kind, path: JsonPath, value: object = None, **params: object) -> None:
        shown = value if value is None or isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.problems.append(Problem(kind, self.display, self.line_of(path), json_path(path), shown, params))

    def field(self, raw: dict, where: JsonPath) -> Field | None:
        """One field, already valid Table Schema: what the workbook checks of it, or None."""
        name = raw["name"]
        type_ = raw.get("type", "string")
        if type_ not in FIELD_TYPES:
            reason = f"the workbook reads only these field types: {', '.join(FIELD_TYPES)}"
            self.fail(Kind.FIELD_INVALID, (*where, "type"), type_, reason=reason)
            return None
        cons = raw.get("constraints", {})
        unknown = sorted(set(cons) - set(CONSTRAINTS))
        if unknown:
            supported = ", ".join(CONSTRAINTS)
            self.fail(
                Kind.CONSTRAINT_UNSUPPORTED, (*where, "constraints"), ", ".join(unknown), supported=supported
            )
        ok = self._bounds(type_, cons, (*where, "constraints")) & self._enum(type_, cons, where)
        pattern = cons.get("pattern")
        if pattern is not None and not self._pattern(pattern, (*where, "constraints", "pattern")):
            pattern = None
        if not ok:
            return None
        return Field(
            name=name,
            type=type_,
            description=str(raw.get("description", "")),
            source=str(raw.get("source", "")),
            required=cons.get("required", False),
            unique=cons.get("unique", False),
            enum=tuple(cons["enum"]) if "enum" in cons else None,
            minimum=cons.get("minimum"),
            maximum=cons.get("maximum"),
            pattern=pattern,
            min_length=cons.get("minLength"),
            max_length=cons.get("maxLength"),
            ordered=raw.get("categoriesOrdered", False) is True,
            true_values=tuple(raw.get("trueValues", TRUE_VALUES)),
            false_values=tuple(raw.get("falseValues", FALSE_VALUES)),
        )

    def _bounds(self, type_: str, cons: dict, where: JsonPath) -> bool:
        """``minimum`` and ``maximum`` are JSON numbers, on number fields only (the standard allows more)."""
        ok = True
        for key in ("minimum", "maximum"):
            if key in cons and (type_ not in ("integer", "number") or not _is_number(cons[key])):
                reason = (
                    f"the workbook checks {key} only on integer and number fields, given as a JSON number"
                )
                self.fail(Kind.FIELD_INVALID, (*where, key), cons[key], reason=reason)
                ok = False
        return ok

    def _enum(self, type_: str, cons: dict, where: JsonPath) -> bool:
        """Every ``enum`` entry is a value of the field's type."""
        allowed = _ENUM_TYPES[type_]
        for i, entry in enumerate(cons.get("enum", [])):
            if not isinstance(entry, allowed) or (isinstance(entry, bool) and bool not in allowed):
                reason = f"every enum entry must be a {type_} value"
                self.fail(Kind.FIELD_INVALID, (*where, "constraints", "enum", i), entry, reason=reason)
                return False
        return True

    def _pattern(self, pattern: str, where: JsonPath) -> bool:
        """The pattern compiles in the engine that applies it (RE2, through Arrow) and in Python's."""
        try:
            re.compile(pattern)
            pc.match_substring_regex(pa.array([""]), f"^(?:{pattern})$")
        except (re.error, pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            reason = f"pattern is not a regular expression the checker can apply ({str(exc).splitlines()[0]})"
            self.fail(Kind.FIELD_INVALID, where, pattern, reason=reason)
            return False
        return True

    def resource(self, raw: dict, where: JsonPath) -> Resource | None:
        """One resource, already valid Tabular Data Resource: what the workbook reads of it, or None."""
        name, path, schema = raw["name"], raw.get("path"), raw["schema"]
        if not isinstance(path, str) or "/" in path or "\\" in path or not path.endswith(".csv"):
            reason = "path must name a .csv file in the data folder"
            self.fail(Kind.RESOURCE_INVALID, (*where, "path"), path, reason=reason)
            return None
        fields_at = (*where, "schema", "fields")
        fields = tuple(
            f
            for f in (self.field(raw_field, (*fields_at, j)) for j, raw_field in enumerate(schema["fields"]))
            if f is not None
        )
        counts = Counter(f["name"] for f in schema["fields"])
        for j, raw_field in enumerate(schema["fields"]):
            if counts[raw_field["name"]] > 1:
                self.fail(Kind.FIELD_DUPLICATE, (*fields_at, j, "name"), raw_field["name"])
        names = set(counts)
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
            reason = "primaryKey and foreignKeys must follow Table Schema"
            self.fail(Kind.KEY_INVALID, (*where, "schema"), name, reason=reason)
            return None
        for col in pk + tuple(c for fk in fks for c in fk.fields):
            if col not in names:
                self.fail(
                    Kind.KEY_INVALID, (*where, "schema"), col, reason="key names a field the schema lacks"
                )
        title, description = raw.get("title", name), raw.get("description", "")
        missing = tuple(schema.get("missingValues", [""]))
        index = where[-1] if isinstance(where[-1], int) else 0
        return Resource(name, path, title, description, fields, pk, fks, missing, index)


def _read_text(folder: Path, display: str) -> str:
    """The descriptor's text, if it is a regular UTF-8 file within its size limit."""
    path = folder / DESCRIPTOR_NAME
    refused = refusal(path, folder, DESCRIPTOR_LIMIT, "the descriptor")
    if refused is not None:
        raise DataError([refused.problem(display)])
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            [Problem(Kind.MISSING_FILE, display, params={"what": "the data package descriptor"})]
        ) from None
    except OSError as exc:
        raise DataError([Problem(Kind.UNREADABLE_FILE, display, params={"reason": exc.strerror})]) from None
    encoding = utf16(data)
    if encoding:
        raise DataError([Problem(Kind.FILE_ENCODING, display, 1, params={"encoding": encoding})])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        at = exc.start - data.rfind(b"\n", 0, exc.start)
        params = {"byte": data[exc.start : exc.start + 1].hex(), "at": at}
        raise DataError([Problem(Kind.ENCODING_ERROR, display, line, params=params)]) from None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):  # 1e999: no JSON reader keeps it, and Python's would call it "inf"
        raise ValueError(f"the number {text[:40]} is too large for JSON to keep")
    return number


def _parse(text: str, display: str) -> object:
    if text.startswith("\ufeff"):
        reason = "it starts with a byte-order mark (U+FEFF); save it as UTF-8 without one"
        raise DataError([Problem(Kind.INVALID_JSON, display, 1, "1 (character)", params={"reason": reason})])
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        column = f"{exc.colno} (character)"
        raise DataError(
            [Problem(Kind.INVALID_JSON, display, exc.lineno, column, params={"reason": exc.msg})]
        ) from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise DataError([Problem(Kind.INVALID_JSON, display, params={"reason": reason})]) from None


# The descriptor's addresses that Datasette's pages and the exports publish as links (the Data
# Package standard's URL properties): each must be a web address.
LINK_RULE = "an address the published pages link to must start with http:// or https://"
_WEB = re.compile(r"https?://[^\s]+\Z", re.IGNORECASE)
_LINK_LISTS = ("licenses", "contributors", "sources")


def _links(raw: object) -> list[tuple[JsonPath, str]]:
    """The descriptor's URL properties that hold text, each with its JSON path."""
    if not isinstance(raw, dict):
        return []
    found: list[tuple[JsonPath, object]] = [((key,), raw[key]) for key in ("homepage", "image") if key in raw]
    for name in _LINK_LISTS:
        items = raw.get(name)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                found += [((name, i, key), item[key]) for key in ("path", "url") if key in item]
    return [(path, value) for path, value in found if isinstance(value, str)]


def load_descriptor(folder: Path) -> Package:
    """Read and check ``folder/datapackage.json``; raise :class:`DataError` naming every fault."""
    display = display_path(folder / DESCRIPTOR_NAME, folder)
    text = _read_text(folder, display)
    raw = _parse(text, display)
    reader = _Reader(text, display)
    _check_version(reader, raw, folder)
    for path, value in strings(raw):
        bad = forbidden_character(value)
        if bad is not None:
            reader.fail(Kind.FORBIDDEN_CHARACTER, path, value, at=bad[0], name=bad[1])
    for fault in profile_faults(raw):
        reader.fail(Kind.DESCRIPTOR_PROFILE, fault.path, fault.value, reason=fault.message)
    for path, value in _links(raw):  # published as links: never javascript:, file: or data:
        if not _WEB.match(value):
            reader.fail(Kind.DESCRIPTOR_PROFILE, path, value, reason=LINK_RULE)
    if reader.problems:
        raise DataError(sorted(reader.problems, key=lambda p: p.line or 0))
    assert isinstance(raw, dict)  # the profile requires an object with a list of resources
    resources: dict[str, Resource] = {}
    for i, item in enumerate(raw["resources"]):
        res = reader.resource(item, ("resources", i))
        if res is not None:
            if res.name in resources:
                reader.fail(Kind.RESOURCE_DUPLICATE, ("resources", i, "name"), res.name)
            resources[res.name] = res
    _check_references(reader, resources)
    if reader.problems:
        raise DataError(sorted(reader.problems, key=lambda p: p.line or 0))
    return Package(
        name=raw.get("name", ""),
        title=raw.get("title", ""),
        description=raw.get("description", ""),
        licenses=tuple(raw.get("licenses", [])),
        resources=resources,
        schema_version=raw.get(SCHEMA_KEY),
        lines=reader.lines,
        display=display,
    )


def _check_version(reader: _Reader, raw: object, folder: Path) -> None:
    """Stop at once when the descriptor is not at the workbook's schema: an older folder is one
    ``migrate`` away, and its other faults (which migrate fixes) would only hide that."""
    if not isinstance(raw, dict) or not isinstance(raw.get("resources"), list):
        return  # not a package at all: the profile says what is wrong
    found = raw.get(SCHEMA_KEY)
    if found == SCHEMA_VERSION and not isinstance(found, bool):
        return
    where = (SCHEMA_KEY,) if SCHEMA_KEY in raw else ()
    number = found if isinstance(found, int) and not isinstance(found, bool) else None
    if number is not None and number > SCHEMA_VERSION:
        reason = f"this data is curated under schema {found}, newer than this workbook's ({SCHEMA_VERSION})"
    elif found is not None and (number is None or number < 1):
        reason = (
            f"{SCHEMA_KEY} {json.dumps(found)[:40]} is no schema number (a whole number from 1 to "
            f"{SCHEMA_VERSION}): correct it, or remove it and run `python -m helpers migrate`"
        )
    else:
        under = f"schema {found}" if isinstance(found, int) else "an earlier schema (no version recorded)"
        shown = as_typed(folder)
        reason = (
            f"this data is curated under {under}; the workbook reads schema {SCHEMA_VERSION}. Run "
            f"`python -m helpers migrate {shown}`: it upgrades the folder, prints every change and "
            "keeps a backup"
        )
    reader.fail(Kind.SCHEMA_VERSION, where, None if found is None else json.dumps(found), reason=reason)
    raise DataError(reader.problems)


def _check_references(reader: _Reader, resources: dict[str, Resource]) -> None:
    """Foreign keys point at tables and fields that exist (what the workbook needs is the contract's)."""
    where = {name: ("resources", i) for i, name in enumerate(resources)}
    for res in resources.values():
        for fk in res.foreign_keys:
            target = resources.get(fk.resource)
            if target is None or any(c not in target.field_names for c in fk.reference):
                reason = "foreign key references a table or field the descriptor lacks"
                value = f"{fk.resource}.{','.join(fk.reference)}"
                reader.fail(
                    Kind.KEY_INVALID, (*where[res.name], "schema", "foreignKeys"), value, reason=reason
                )
