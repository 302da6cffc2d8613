"""Check a descriptor against the standard's own JSON Schema: the Tabular Data Package profile, v1.

The profile ships in ``profiles/`` (see its README). A sound descriptor is passed by compiled
validators (fastjsonschema), one per part of the profile it uses. Only a faulty one goes through
``jsonschema``, which names every fault but takes most of a second to import. Both make the field
schema's choice among one branch per field type by the field's ``type``: checking each field
against that branch alone keeps the check linear and each message about the branch the curator
meant.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import fastjsonschema

if TYPE_CHECKING:
    from jsonschema import Draft4Validator
    from jsonschema.exceptions import ValidationError

from .jsonpaths import JsonPath

PROFILE = Path(__file__).resolve().parent / "profiles" / "tabular-data-package.json"
MAX_MESSAGE_CHARS = 160
_FIELDS = ("properties", "resources", "items", "properties", "schema", "properties", "fields", "items")


@dataclass(frozen=True)
class Fault:
    """One place where the descriptor breaks the profile."""

    path: JsonPath
    message: str
    value: object


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(PROFILE.read_text(encoding="utf-8"))
    _accept_empty_foreign_keys(schema)
    return schema


def _accept_empty_foreign_keys(node: object) -> None:
    """Drop the profile's ``minItems: 1`` on ``foreignKeys``: the standard's reference validator
    (frictionless) accepts an empty list, and no check here may be stricter than it."""
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            keys = item.get("foreignKeys")
            if isinstance(keys, dict) and keys.get("type") == "array":
                keys.pop("minItems", None)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)


@dataclass(frozen=True)
class _Split:
    """The profile in parts: the package with each field only an object, and one schema per field
    type (the branches of the profile's choice among field types)."""

    package: dict[str, Any]
    field_types: dict[str, dict[str, Any]]


@cache
def _split() -> _Split:
    schema = _schema()
    items: dict[str, Any] = schema
    for key in _FIELDS:
        items = items[key]
    branches = {branch["properties"]["type"]["enum"][0]: branch for branch in items["anyOf"]}
    package = copy.deepcopy(schema)
    fields = package
    for key in _FIELDS[:-1]:
        fields = fields[key]
    fields["items"] = {"type": "object"}  # each field is checked against its own branch
    return _Split(package, branches)


@cache
def _compiled(field_type: str | None) -> Any:
    """The package (``None``) or one field type's schema compiled to a function raising on a fault.

    Compiled in parts, and each field type only when a descriptor uses it: the whole profile
    compiles to a megabyte of code, most of a fifth of a second on every load."""
    split = _split()
    return fastjsonschema.compile(split.package if field_type is None else split.field_types[field_type])


def _passes(descriptor: object) -> bool:
    """Whether ``descriptor`` passes the profile. Every branch of the profile's choice among field
    types fixes its ``type``, so a field can only match the branch of its type, or, without one, a
    branch that does not require it: trying just those is the same test as the whole choice."""
    split = _split()
    untyped = [name for name, branch in split.field_types.items() if "type" not in branch.get("required", [])]
    try:
        _compiled(None)(descriptor)
    except fastjsonschema.JsonSchemaException:
        return False
    for field in _fields(descriptor):
        type_ = field.get("type")
        candidates = untyped if type_ is None else [type_]
        if not any(_matches(candidate, field) for candidate in candidates):
            return False
    return True


def _matches(field_type: object, field: dict[str, Any]) -> bool:
    if not isinstance(field_type, str) or field_type not in _split().field_types:
        return False
    try:
        _compiled(field_type)(field)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _fields(descriptor: object) -> list[dict[str, Any]]:
    """Every field of every resource of a descriptor that passed the package schema."""
    package = cast(dict[str, Any], descriptor)
    return [field for resource in package["resources"] for field in resource["schema"]["fields"]]


@dataclass(frozen=True)
class _Profile:
    package: Draft4Validator
    field_types: dict[str, Draft4Validator]


@cache
def _profile() -> _Profile:
    from jsonschema import Draft4Validator, FormatChecker  # slow to import: faulty descriptors only

    split = _split()
    formats = FormatChecker()
    return _Profile(
        Draft4Validator(split.package, format_checker=formats),
        {name: Draft4Validator(branch, format_checker=formats) for name, branch in split.field_types.items()},
    )


def field_types() -> tuple[str, ...]:
    """Every field type the standard defines."""
    return tuple(_profile().field_types)


def _fault(error: ValidationError, prefix: JsonPath = ()) -> Fault:
    from jsonschema.exceptions import best_match

    if error.context:  # a failed choice: name the closest branch's reason, not "no branch matched"
        error = best_match(error.context)
    message = error.message
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    return Fault((*prefix, *error.absolute_path), message, error.instance)


def profile_faults(descriptor: object) -> list[Fault]:
    """Every place where ``descriptor`` (parsed JSON) breaks the Tabular Data Package profile."""
    if _passes(descriptor):
        return []
    profile = _profile()
    faults = [_fault(e) for e in profile.package.iter_errors(descriptor)]
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        for j, field in enumerate(fields if isinstance(fields, list) else []):
            if not isinstance(field, dict):
                continue  # reported above: every field must be an object
            where: JsonPath = ("resources", i, "schema", "fields", j)
            type_ = field.get("type", "string")
            validator = profile.field_types.get(type_) if isinstance(type_, str) else None
            if validator is None:
                known = ", ".join(profile.field_types)
                faults.append(Fault((*where, "type"), f"{type_!r} is not a field type ({known})", type_))
                continue
            faults += [_fault(e, where) for e in validator.iter_errors(field)]
    return faults
