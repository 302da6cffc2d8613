"""The declaration written as Frictionless Table Schema: the descriptor the workbook ships."""

from __future__ import annotations

from typing import Any

from .shapes import Column, Table


def field_descriptor(column: Column) -> dict[str, Any]:
    """One column as a Table Schema field: name, type, description, constraints and source."""
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum is not None:
        constraints["enum"] = list(column.enum)
    for key, value in (
        ("minimum", column.minimum),
        ("maximum", column.maximum),
        ("pattern", column.pattern),
        ("minLength", column.min_length),
        ("maxLength", column.max_length),
    ):
        if value is not None:
            constraints[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    out: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if constraints:
        out["constraints"] = constraints
    if column.vocabulary is not None and column.vocabulary.ordered:
        out["categoriesOrdered"] = True
    out["source"] = column.source
    return out


def resource_descriptor(table: Table) -> dict[str, Any]:
    """One table as a Tabular Data Resource."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(c) for c in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.references:
        schema["foreignKeys"] = [
            {
                "fields": list(ref.columns) if len(ref.columns) > 1 else ref.columns[0],
                "reference": {
                    "resource": ref.table,
                    "fields": list(ref.keys) if len(ref.keys) > 1 else ref.keys[0],
                },
            }
            for ref in table.references
        ]
    return {
        "name": table.name,
        "path": table.path,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }
