"""Who made the data and under which licence, as the exports credit them: read from the data package.

The loader keeps the descriptor's title, description and licences; the contributors, sources and
homepage that the exports also credit are read here from the same ``datapackage.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ...paths import DESCRIPTOR_NAME
from ...workbook import Workbook

PERSON_KEYS = ("givenName", "familyName", "organization")  # only a person has these in Frictionless


@dataclass(frozen=True)
class Agent:
    """A person or organisation the data credits, with a web address where it gives one."""

    name: str
    url: str = ""
    person: bool = False


@dataclass(frozen=True)
class Licence:
    """One licence of the data: its SPDX-like name, address and title."""

    name: str
    url: str
    title: str


@dataclass(frozen=True)
class Credits:
    """What the exports say about the data package."""

    name: str
    title: str
    description: str
    authors: tuple[Agent, ...]
    sources: tuple[Agent, ...]
    licences: tuple[Licence, ...]
    homepage: str


def _raw(wb: Workbook) -> dict[str, Any]:
    try:
        raw = json.loads((wb.data_dir / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # read and checked when the workbook loaded; credit what it kept
        return {}
    return raw if isinstance(raw, dict) else {}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _agent(raw: object) -> Agent | None:
    if not isinstance(raw, dict):
        return None
    name = _text(raw.get("title")) or " ".join(
        part for part in (_text(raw.get("givenName")), _text(raw.get("familyName"))) if part
    )
    if not name:
        return None
    return Agent(name, _text(raw.get("path")), any(key in raw for key in PERSON_KEYS))


def _roles(raw: object) -> set[str]:
    if not isinstance(raw, dict):
        return set()
    roles = raw.get("roles", [raw.get("role")])  # Data Package v2 lists roles; v1 has one role
    return {r for r in roles if isinstance(r, str)} if isinstance(roles, list) else set()


def credits(wb: Workbook) -> Credits:
    """The package's name, title, authors (its contributors in the author role, else all of them,
    else the package itself), sources, licences and homepage."""
    raw = _raw(wb)
    package = wb.package
    title = package.title or package.name or wb.data_dir.name
    contributors = raw.get("contributors", [])
    contributors = contributors if isinstance(contributors, list) else []
    named = [c for c in contributors if "author" in _roles(c)] or contributors
    authors = tuple(a for a in map(_agent, named) if a is not None) or (Agent(title),)
    sources = raw.get("sources", [])
    return Credits(
        name=package.name or wb.data_dir.name,
        title=title,
        description=package.description,
        authors=authors,
        sources=tuple(a for a in map(_agent, sources if isinstance(sources, list) else []) if a),
        licences=tuple(
            Licence(_text(lic.get("name")), _text(lic.get("path")), _text(lic.get("title")))
            for lic in package.licenses
            if isinstance(lic, dict)
        ),
        homepage=_text(raw.get("homepage")),
    )
