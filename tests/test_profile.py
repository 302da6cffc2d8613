"""The profile checked in parts gives the verdict of the whole profile, for any field."""

from __future__ import annotations

import copy
import json
from typing import Any

import fastjsonschema
from hypothesis import given
from hypothesis import strategies as st

from helpers.paths import REFERENCE_DATA_DIR
from helpers.validate.profile import _passes, _schema

WHOLE = fastjsonschema.compile(_schema())
TYPES = ["string", "number", "integer", "date", "datetime", "boolean", "any", "geojson", "nope", 3]
KEYS = ["type", "format", "constraints", "title", "description", "trueValues", "decimalChar", "rdfType"]
VALUES = st.one_of(
    st.sampled_from(TYPES),
    st.sampled_from(["default", "email", "any", "%Y-%m-%d", "topojson"]),
    st.none(),
    st.integers(-2, 2),
    st.lists(st.sampled_from(["yes", "true", 1]), max_size=2),
    st.fixed_dictionaries(
        {},
        optional={
            "required": st.booleans(),
            "minimum": st.integers(-1, 3),
            "enum": st.lists(st.text(max_size=2), max_size=2),
            "maxLength": st.one_of(st.integers(-1, 3), st.text(max_size=1)),
            "pattern": st.just("^[A-Z]$"),
        },
    ),
)
FIELD = st.builds(
    lambda name, extra: {"name": name, **extra} if name is not None else extra,
    st.one_of(st.none(), st.just("x")),
    st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=4),
)


def _whole_passes(descriptor: Any) -> bool:
    try:
        WHOLE(descriptor)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@given(st.lists(FIELD, min_size=1, max_size=3), st.integers(0, 9))
def test_any_field_gets_the_whole_profiles_verdict(fields: list[dict[str, Any]], table: int) -> None:
    shipped = json.loads((REFERENCE_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    resource = shipped["resources"][table % len(shipped["resources"])]
    resource["schema"]["fields"] = resource["schema"]["fields"] + fields
    assert _passes(copy.deepcopy(shipped)) == _whole_passes(copy.deepcopy(shipped))


def test_the_shipped_descriptor_passes_both_ways() -> None:
    shipped = json.loads((REFERENCE_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert _passes(copy.deepcopy(shipped)) and _whole_passes(shipped)
