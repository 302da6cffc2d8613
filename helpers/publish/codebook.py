"""Write the human codebook (``data/README.md``) from the machine one (``data/datapackage.json``).

The Markdown is generated, never edited by hand, so the two cannot disagree. Every string copied
from the descriptor goes in escaped (:func:`~helpers.present.markdown.escape` for words,
:func:`~helpers.present.markdown.code` for names, values and patterns), so that a title or
description cannot become a heading, a link, HTML or a broken table.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..paths import DESCRIPTOR_NAME
from ..paths import data_dir as resolve_data_dir
from ..present.markdown import code, escape
from ..safe_write import holds
from ..schema import BY_NAME, SCHEMA_KEY, SCHEMA_VERSION, TABLES
from ..transaction import LOCK_WAIT, transaction
from ..validate.descriptor import Field, Package, Resource, load_descriptor
from ..validate.problems import Kind
from ..validate.rules import RULES

CODEBOOK_NAME = "README.md"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

DERIVED = {
    "statements": [
        ("quote_start", "integer", "Character offset where the quote starts in its document (0-based), "
         "found at load time: the `start` of a W3C Web Annotation TextPositionSelector."),
        ("quote_end", "integer", "Character offset just past the quote's end: the selector's `end`."),
    ]
}  # fmt: skip


def cross_table_rules() -> list[str]:
    """The rules beyond each column's own constraints, from the validator's registry of rules."""
    kinds = dict.fromkeys(kind for rule in RULES for kind in rule.kinds)
    return [f"{k.value.rule} (`{k.code}`)" for k in kinds]


def paragraphs(text: str) -> str:
    """A description as Markdown paragraphs: its blank lines kept, every paragraph escaped as words."""
    return "\n\n".join(escape(part) for part in _BLANK_LINE.split(text) if part.strip())


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _allowed(field: Field) -> str:
    parts = []
    if field.enum:
        order = " < " if field.ordered else ", "
        parts.append(order.join(code(v) for v in field.enum))
    if field.pattern:
        parts.append(f"pattern {code(field.pattern)}")
    if field.minimum is not None:
        parts.append(f"≥ {field.minimum}")
    if field.maximum is not None:
        parts.append(f"≤ {field.maximum}")
    if field.min_length is not None:
        parts.append(f"at least {field.min_length} characters")
    if field.max_length is not None:
        parts.append(f"at most {field.max_length} characters")
    if field.unique:
        parts.append("unique")
    return "; ".join(parts) or "any"


def _table(resource: Resource, package: Package) -> list[str]:
    lines = [f"## {code(resource.path)}: {escape(resource.title)}", "", paragraphs(resource.description), ""]
    lines.append(f"Primary key: {', '.join(map(code, resource.primary_key))}.")
    for fk in resource.foreign_keys:
        target = package.resources[fk.resource]
        fields, reference = code(", ".join(fk.fields)), code(", ".join(fk.reference))
        lines.append(f"{fields} refers to {code(target.path)} {reference}.")
    lines += [
        "",
        "| Column | Description | Type | Required | Allowed values | Source |",
        "|---|---|---|---|---|---|",
    ]
    declared = BY_NAME.get(resource.name)
    for f in resource.fields:
        required = "yes" if f.required or f.name in resource.primary_key else "no"
        column = declared.column(f.name) if declared is not None and declared.has(f.name) else None
        if column is not None and column.default is not None:
            required = _escape(f"no; blank: {column.default.text}")
        lines.append(
            f"| {_escape(code(f.name))} | {escape(f.description)} | {f.type} | {required} | "
            f"{_escape(_allowed(f))} | {escape(f.source)} |"
        )
    for name, type_, text in DERIVED.get(resource.name, []):
        lines.append(f"| `{name}` | {text} | {type_} | derived | — | computed by `load_workbook` |")
    return [*lines, ""]


def render_codebook(package: Package) -> str:
    """The codebook as Markdown, one section per table."""
    licence = ", ".join(escape(lic.get("title") or lic.get("name", "")) for lic in package.licenses)
    lines = [
        f"# Codebook: {escape(package.title)}",
        "",
        "<!-- Generated from datapackage.json by `make codebook`; do not edit by hand. -->",
        "",
        paragraphs(package.description),
        "",
        f"Data licence: {licence}. Missing values are empty cells. Files are UTF-8 CSV with one header row. "
        f"Curated under the workbook's schema {escape(package.schema_version)} (`{SCHEMA_KEY}` in the "
        f"descriptor; the workbook reads schema {SCHEMA_VERSION}, and `python -m helpers migrate` upgrades "
        "older data).",
        "`python -m helpers validate` (or `make validate`) checks every rule below and names the file, "
        "line, column, value and rule of each problem.",
        "",
        "Rules beyond each column's own constraints:",
        "",
        *(f"- {rule}" for rule in cross_table_rules()),
        "",
        "Grades follow the Admiralty code (NATO STANAG 2511 / AJP-2.1); hypothesis ratings follow Heuer's "
        "Analysis of Competing Hypotheses. The two Admiralty scales are independent: a reliable source "
        "can pass on doubtful information.",
        "",
    ]
    for resource in package.resources.values():
        lines += _table(resource, package)
    lines += _optional(package)
    lines += _problem_kinds()
    return "\n".join(lines).rstrip() + "\n"


def _optional(package: Package) -> list[str]:
    """The tables and columns data may leave out, and what the workbook uses in their place."""
    lines = [
        "## Optional tables and columns",
        "",
        "A dataset may leave these out; the workbook then fills them in as stated (a blank cell in the "
        "column means the same):",
        "",
    ]
    for table in TABLES:
        if table.optional:
            state = "present" if table.name in package.resources else "absent here"
            lines.append(f"- table `{table.name}` ({state}): where absent, {table.absent}.")
    for table in TABLES:
        resource = package.resources.get(table.name)
        for column in table.columns:
            if column.optional and column.default is not None:
                state = "present" if resource and column.name in resource.field_names else "absent here"
                lines.append(
                    f"- `{table.name}.{column.name}` ({state}): where absent, {column.default.text}."
                )
    return [*lines, ""]


def _problem_kinds() -> list[str]:
    """Every kind of problem the validator reports, by its stable code."""
    lines = [
        "## Problems the validator reports",
        "",
        "Each problem names its file, line, column and value, and the rule it breaks by this code.",
        "",
        "| Code | Title | Rule |",
        "|---|---|---|",
    ]
    lines += [f"| `{k.code}` | {k.title} | {_escape(k.value.rule)} |" for k in Kind]
    return [*lines, ""]


def write_codebook(
    data_dir: str | os.PathLike[str] | None = None, check: bool = False, wait: float = LOCK_WAIT
) -> bool:
    """Write ``README.md`` beside the descriptor; return True if it changed (or would, with ``check``).

    Written under the folder's lock, from a descriptor that no one changes meanwhile, whole or not at
    all (:func:`~helpers.transaction.transaction`); raises :class:`~helpers.safe_write.FileError`
    when ``README.md`` is not a regular file of the folder or cannot be read or written, or the
    folder is busy for ``wait`` seconds.
    """
    folder = resolve_data_dir(data_dir)
    path: Path = folder / CODEBOOK_NAME
    if check:
        return not holds(path, render_codebook(load_descriptor(folder)).encode("utf-8"))
    with transaction(folder, wait) as txn:
        txn.watch(folder / DESCRIPTOR_NAME)
        data = render_codebook(load_descriptor(folder)).encode("utf-8")
        if holds(path, data):
            return False
        txn.watch(path)
        txn.write(path, data)
    return True
