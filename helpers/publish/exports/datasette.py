"""Datasette's metadata for the workbook's database: titles, descriptions, licence and source.

Everything comes from the data package (``datapackage.json``): its title, description, licence and
credits for the whole; each table's title and description, and each column's description, from its
resource. The quotes' offsets, which the loader adds, are described as the codebook describes them.
"""

from __future__ import annotations

from typing import Any

from ...workbook import Workbook
from ..codebook import DERIVED
from .package import credits
from .sqlite import searchable

LABELS = ("label", "title", "name", "text")  # the column that names a row, where a table has one


def _columns(wb: Workbook, table: str) -> dict[str, str]:
    resource = wb.package.resources.get(table)
    described = {f.name: f.description for f in resource.fields} if resource else {}
    described |= {name: text for name, _, text in DERIVED.get(table, [])}
    return {c: described[c] for c in _frame(wb, table).columns if described.get(c)}


def _frame(wb: Workbook, name: str) -> Any:
    """A declared table, or one the dataset's descriptor adds of its own."""
    return wb.extras[name] if name in wb.extras else wb.table(name)


def _table(wb: Workbook, name: str) -> dict[str, Any]:
    resource = wb.package.resources.get(name)
    columns = list(_frame(wb, name).columns)
    out: dict[str, Any] = {"title": resource.title if resource else name}
    if resource and resource.description:
        out["description"] = resource.description
    out["columns"] = _columns(wb, name)
    label = next((c for c in LABELS if c in columns), None)
    if label:
        out["label_column"] = label
    if searchable(columns):
        out["fts_table"], out["fts_pk"] = f"{name}_fts", "rowid"
    return out


def metadata(wb: Workbook, database: str) -> dict[str, Any]:
    """Datasette metadata for the database named ``database`` (its file name without ``.db``)."""
    found = credits(wb)
    out: dict[str, Any] = {"title": found.title}
    if found.description:
        out["description"] = found.description
    if found.licences:
        licence = found.licences[0]
        out["license"] = licence.title or licence.name
        if licence.url:
            out["license_url"] = licence.url
    named = found.sources or found.authors
    out["source"] = ", ".join(agent.name for agent in named)
    address = next((agent.url for agent in named if agent.url), found.homepage)
    if address:
        out["source_url"] = address
    every = [*wb.tables, *wb.extras]  # the dataset's own tables too, as in the database
    out["databases"] = {database: {"tables": {name: _table(wb, name) for name in every}}}
    return out
