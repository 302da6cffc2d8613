"""The package's floors: each imports only from the floors below it (the contracts in pyproject.toml), and
derived views are built once."""

from __future__ import annotations

import dataclasses
import shutil
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import helpers
from helpers import load_workbook
from helpers.analysis import views
from helpers.paths import PROJECT_ROOT, REFERENCE_DATA_DIR
from helpers.schema import TABLE_NAMES, TABLES
from helpers.validate.descriptor import load_descriptor
from helpers.workbook import Workbook

PYPROJECT = PROJECT_ROOT / "pyproject.toml"
# The floors are declared once, as import-linter contracts in pyproject.toml (`lint-imports`): each
# floor imports only from the floors below it, siblings on one floor only where the contract says so,
# nothing imports the package's top, and no two modules beside each other import each other.


def _lint(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Check the contracts of ``config`` as `lint-imports` does; its exit status and its report."""
    from importlinter.cli import lint_imports

    status = lint_imports(config_filename=str(config), no_cache=True, no_logo=True)
    return status, capsys.readouterr().out


def _contracts() -> dict[str, dict[str, Any]]:
    """The import-linter contracts declared in pyproject.toml, by id."""
    return {
        c["id"]: c for c in tomllib.loads(PYPROJECT.read_text("utf-8"))["tool"]["importlinter"]["contracts"]
    }


def test_the_package_keeps_its_declared_floors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(PROJECT_ROOT))  # sys.path restored after (lint_imports adds to it)
    status, report = _lint(PYPROJECT, capsys)
    assert status == 0, report
    floors = _contracts()["floors"]
    assert floors["type"] == "layers" and floors["exhaustive"]  # every part of the package has a floor
    assert {"validate", "workbook", "analysis", "present", "publish | curate"} <= set(floors["layers"])


def _copy(tmp_path: Path) -> Path:
    """The package copied as ``upstairs`` (its imports are relative), with the contracts renamed to
    match; returns the copy's pyproject.toml."""
    shutil.copytree(
        PROJECT_ROOT / "helpers", tmp_path / "upstairs", ignore=shutil.ignore_patterns("__pycache__")
    )
    config = tmp_path / "pyproject.toml"
    config.write_text(PYPROJECT.read_text("utf-8").replace('"helpers', '"upstairs'), "utf-8")
    return config


FORBIDDEN = {  # an import added to the copy, and what the report says of it
    "upward": (
        "validate/checks.py",
        "from ..present import charts",
        "validate is not allowed to import upstairs.present",
    ),
    "ground-floor": (
        "frames.py",
        "from .paths import PROJECT_ROOT",
        "frames is not allowed to import upstairs.paths",
    ),
    "ground-siblings": (
        "paths.py",
        "from . import grammar",
        "paths is not allowed to import upstairs.grammar",
    ),
    "siblings": (
        "publish/codebook.py",
        "from ..curate import migrate",
        "publish is not allowed to import upstairs.curate",
    ),
    "the-top": ("analysis/views.py", "from upstairs import load_workbook", "analysis.views -> upstairs (l."),
    "cycle": ("analysis/views.py", "from . import ach", "No cycles are allowed in upstairs.analysis."),
}


@pytest.mark.parametrize("case", FORBIDDEN)
def test_an_import_the_contracts_forbid_fails_the_check(
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    module, line, said = FORBIDDEN[case]
    config = _copy(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _lint(config, capsys)[0] == 0  # the copy keeps the contracts, as the package does
    with (tmp_path / "upstairs" / module).open("a", encoding="utf-8") as f:
        f.write(f"\n{line}  # the import under test\n")
    status, report = _lint(config, capsys)
    assert status == 1 and said in report, report


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
