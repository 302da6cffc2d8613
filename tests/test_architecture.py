"""The package's floors: each imports only from the floors below it, and derived views are built once."""

from __future__ import annotations

import ast
import dataclasses
from functools import cached_property
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import load_workbook
from helpers.analysis import views
from helpers.paths import PROJECT_ROOT, REFERENCE_DATA_DIR
from helpers.schema import TABLE_NAMES, TABLES
from helpers.validate.descriptor import load_descriptor
from helpers.workbook import Workbook

PACKAGE = PROJECT_ROOT / "helpers"
# Rank of each part of the package: a module may import only parts of lower or equal rank (its own
# floor). Top-level modules sit between the floors they serve; the CLI and __init__ stand on top.
RANK = {
    "paths": 0,
    "words": 0,
    "errors": 0,
    "frames": 0,
    "arrow": 0,
    "schema": 0,
    "safe_write": 0,
    "transaction": 0,
    "signals": 0,
    "terminal": 0,
    "validate": 1,
    "workbook": 2,
    "analysis": 3,
    "present": 4,
    "publish": 5,
    "curate": 5,  # beside publish: it takes articles and older data in, as publish sends briefings out
    "__init__": 6,
    "__main__": 6,
}


def _part(module: str) -> str:
    """The floor or top-level module that a dotted name inside ``helpers`` belongs to."""
    return module.split(".")[1] if module.count(".") else "__init__"


def _module_name(path: Path) -> str:
    return ".".join(["helpers", *path.relative_to(PACKAGE).with_suffix("").parts])


def _helpers_imports(source: str, module: str) -> set[str]:
    """Dotted ``helpers.*`` names that ``source`` (the module ``module``) imports, relative ones resolved."""
    parts = module.split(".")
    package = parts if parts[-1] == "__init__" else parts[:-1]
    package = package[:-1] if package[-1] == "__init__" else package
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if not node.module else [target]
            found.update(n for n in names if n.startswith("helpers"))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("helpers"))
    return found


def _upward(source: str, module: str) -> list[str]:
    """The imports of ``source`` that reach a floor above its own."""
    own = _part(module)
    return [
        name
        for name in sorted(_helpers_imports(source, module))
        if _part(name) != "helpers" and RANK[_part(name)] > RANK[own]
    ]


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[p.relative_to(PACKAGE).as_posix() for p in MODULES])
def test_imports_point_down(path: Path) -> None:
    assert _upward(path.read_text(encoding="utf-8"), _module_name(path)) == []


def test_every_part_has_a_rank() -> None:
    parts = {_part(_module_name(p)) for p in MODULES}
    assert parts <= RANK.keys(), parts - RANK.keys()
    assert {"validate", "analysis", "present", "publish"} <= parts


def test_an_import_from_a_floor_above_is_caught() -> None:
    source = "from ..present import charts\nfrom helpers.publish.briefing import build\nfrom . import arrow\n"
    assert _upward(source, "helpers.validate.checks") == ["helpers.present", "helpers.publish.briefing"]
    assert _upward("from ..analysis import ach\n", "helpers.present.findings") == []


def test_one_list_of_tables() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    fields = [f.name for f in dataclasses.fields(Workbook)]
    assert TABLE_NAMES == tuple(wb.tables) == tuple(fields[: len(TABLE_NAMES)])
    required = {table.name for table in TABLES if not table.optional}
    assert required <= set(load_descriptor(PROJECT_ROOT / "data").resources)
    assert all(isinstance(getattr(wb, name), type(wb.statements)) for name in TABLE_NAMES)
    with pytest.raises(AttributeError, match="statments"):
        _ = wb.statments  # type: ignore[attr-defined]


@pytest.mark.cli
def test_a_misspelt_table_fails_the_type_checker(tmp_path: Path) -> None:
    from mypy import api

    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "from helpers import load_workbook\nwb = load_workbook()\nwb.statements\nwb.statments\n"
    )
    out, _, status = api.run(["--no-incremental", "--follow-imports=silent", str(snippet)])
    assert status == 1 and out.count("error:") == 1 and '"statments"' in out, out


def test_notebook_names_stay_reachable() -> None:
    for name in helpers.MODULES:
        assert getattr(helpers, name).__name__ == f"helpers.{helpers.MODULES[name]}"
    with pytest.raises(AttributeError):
        _ = helpers.nothing_here


def test_derived_views_are_built_once_per_workbook(monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers.analysis import whatif

    wb = load_workbook(REFERENCE_DATA_DIR)
    built: list[str] = []
    original = views.Views.graded.func

    def counting(self: views.Views) -> pd.DataFrame:
        built.append("graded")
        return original(self)

    counted = cached_property(counting)
    counted.__set_name__(views.Views, "graded")
    monkeypatch.setattr(views.Views, "graded", counted)
    graded = views.graded_statements(wb)
    for _ in range(3):
        whatif.recompute(wb, graded, whatif.Weights())
    assert built == ["graded"]
    copy = views.graded_statements(wb)
    copy["grade"] = "changed"  # a caller's change never reaches the shared view
    assert (views.graded_statements(wb)["grade"] != "changed").all()
