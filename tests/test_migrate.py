"""``python -m helpers migrate`` upgrades a folder curated under any earlier schema: every change is
printed, the old files are kept, a second run changes nothing, and a failure changes nothing."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from helpers import load_workbook
from helpers.__main__ import main
from helpers.analysis.weighable import weighable
from helpers.curate import migrate as migration
from helpers.paths import DESCRIPTOR_NAME, PROJECT_ROOT, REFERENCE_DATA_DIR
from helpers.schema import SCHEMA_VERSION

HISTORY = PROJECT_ROOT / "tests" / "fixtures" / "history"
# Every folder curated under an earlier schema ("-decided": one already migrated and decided on).
FOLDERS = sorted(p.name for p in HISTORY.iterdir() if p.is_dir() and not p.name.endswith("-decided"))


def _copy(name: str, tmp_path: Path) -> Path:
    shutil.copytree(HISTORY / name, tmp_path / name)
    return tmp_path / name / "data"


def _version_of(folder: Path) -> int:
    """The schema the folder's descriptor was curated under, as ``migrate`` reads it."""
    return migration.detect_version(json.loads((folder / DESCRIPTOR_NAME).read_text(encoding="utf-8")))


def _digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("name", FOLDERS)
def test_an_old_folder_is_upgraded_and_validates(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = _copy(name, tmp_path)
    before = _digests(data)
    assert main(["validate", str(data)]) == 1
    assert "python -m helpers migrate" in capsys.readouterr().err
    assert main(["migrate", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"migrated from schema {_version_of(HISTORY / name / 'data')}" in out
    # each change: file, line, column, old, new, why
    assert re.search(r"data/troop_claims\.csv, line \d+, column \w+: '[^']*' -> '[^']*' \(.+\)", out), out
    # it ends with what weighs and what the analyst must still decide, never with a bare "valid"
    assert ": valid: " in out and ": weighable: " in out
    assert ": for the analyst to decide (" in out and ": valid: " not in out.splitlines()[-1]
    wb = load_workbook(data)
    assert wb.package.schema_version == SCHEMA_VERSION
    backup = next((data / migration.BACKUP_DIR).iterdir())
    for kept in backup.iterdir():  # every replaced file is kept as it was
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == before[kept.name]


@pytest.mark.parametrize("name", FOLDERS)
def test_a_second_run_changes_nothing(name: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = _copy(name, tmp_path)
    assert main(["migrate", str(data)]) == 0
    after = _digests(data)
    capsys.readouterr()
    assert main(["migrate", str(data)]) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert _digests(data) == after


def test_the_standard_validator_accepts_the_result(tmp_path: Path) -> None:
    from frictionless import validate

    data = _copy("seed-schema-1", tmp_path)
    migration.migrate(data)
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_what_cannot_be_derived_is_left_blank_and_listed(tmp_path: Path) -> None:
    data = _copy("seed-schema-1", tmp_path)
    migration.migrate(data)
    places = load_workbook(data).places
    assert places["kind"].isna().all() and places["parent"].isna().all()  # not guessed
    wb = load_workbook(data)
    decide = weighable(wb).to_decide.set_index(["table", "column"])
    assert decide.loc[("places", "parent"), "count"] == 2
    assert decide.loc[("documents", "publisher"), "origin"] == "defaulted"
    assert decide.loc[("propositions", "kind"), "rule"] == "every-proposition-a-fact"
    assert (
        wb.propositions["kind"] == "fact"
    ).all()  # what the first schema meant: every statement was graded


def test_forecasts_and_plans_get_their_modality(tmp_path: Path) -> None:
    data = _copy("dataset-schema-3", tmp_path)
    migration.migrate(data)
    claims = load_workbook(data).troop_claims.set_index("claim_id")
    assert claims.loc["TC05", ["measure", "modality", "as_of_precision"]].tolist() == [
        "sent to", "forecast", "on or before",
    ]  # fmt: skip
    assert claims.loc["TC02", ["measure", "modality"]].tolist() == ["sent to", "intended"]
    assert "activity" not in claims


def test_a_current_folder_is_left_alone(tmp_path: Path) -> None:
    shutil.copytree(REFERENCE_DATA_DIR, tmp_path / "data")
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", tmp_path / "seeds")
    before = _digests(tmp_path / "data")
    assert not migration.migrate(tmp_path / "data").changed
    assert _digests(tmp_path / "data") == before


def test_a_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = _copy("seed-schema-1", tmp_path)
    before = _digests(data)
    assert main(["migrate", "--dry-run", str(data)]) == 0
    assert "would change 1:" in capsys.readouterr().out
    assert _digests(data) == before


def test_a_failure_puts_every_file_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    data = _copy("seed-schema-1", tmp_path)
    before = _digests(data)
    real, calls = os.replace, []

    def fail_third(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", fail_third)
    assert main(["migrate", str(data)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no space left on the device; nothing was changed" in err
    after = {k: v for k, v in _digests(data).items() if not k.startswith(migration.BACKUP_DIR)}
    assert after == before


def test_a_folder_that_is_not_a_package_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text("[1, 2", encoding="utf-8")
    assert main(["migrate", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read it as JSON" in err


@pytest.mark.build
@pytest.mark.parametrize("name", FOLDERS)
def test_a_migrated_folder_builds(name: str, tmp_path: Path) -> None:
    from helpers.publish.briefing import build

    data = _copy(name, tmp_path)
    migration.migrate(data)
    index = build(data, tmp_path / "out", progress=lambda line: None)
    assert "Generated " in index.read_text(encoding="utf-8")
