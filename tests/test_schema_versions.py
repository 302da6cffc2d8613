"""The descriptor's ``workbookSchema`` and ``migrate``: versions from the future, zero, negative,
strings, floats, booleans, null, huge, absent, a list and infinity are read or refused in one line by
validate, migrate and codebook; migrate refuses a read-only folder and a ``.backup`` that is a file
or a link, writes nothing on a dry run or a current folder, and a second migrate changes nothing.
The read-only folder is refused as root too (the command runs without CAP_DAC_OVERRIDE).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from helpers.schema import SCHEMA_VERSION
from tests.adversarial.builders import data_edit, files
from tests.adversarial.checks import absent, all_of, lines_at_most, same_bytes
from tests.adversarial.harness import (
    HISTORY,
    ROOT,
    Case,
    CaseTable,
    assert_keeps_promises,
    descriptor,
    params,
    workspace,
    write_descriptor,
)

CASES = CaseTable()


H = "schema version"

NOW = SCHEMA_VERSION  # the schema the shipped data is curated under


def _schema(value):
    def edit(tmp: Path, data: Path) -> None:
        desc = descriptor(data)
        if value is ...:
            desc.pop("workbookSchema", None)
        else:
            desc["workbookSchema"] = value
        write_descriptor(data, desc)

    return edit


def _schema_raw(text: str):
    def edit(tmp: Path, data: Path) -> None:
        p = data / "datapackage.json"
        p.write_text(
            p.read_text("utf-8").replace(f'"workbookSchema": {NOW}', f'"workbookSchema": {text}'),
            encoding="utf-8",
        )

    return edit


for cid, value, what in [
    ("H01", NOW + 1, f"{NOW + 1} (future)"),
    ("H02", 0, "0"),
    ("H03", -1, "-1"),
    ("H04", str(NOW), f'"{NOW}" (a string)'),
    ("H05", float(NOW), f"{NOW}.0"),
    ("H06", True, "true"),
    ("H07", None, "null"),
    ("H08", 10**30, "10^30"),
    ("H09", ..., "absent"),
    ("H10", [NOW], f"[{NOW}]"),
]:
    CASES.add(
        cid,
        H,
        f"workbookSchema {what}: validate",
        "exit 0 for the current version and for absent if it means current; else exit 1 one line",
        data_edit(_schema(value)),
        (0, 1) if cid in ("H05", "H09") else (1,),
        lines_at_most(3),
    )

CASES.add(
    "H11",
    H,
    "workbookSchema 1e400 (infinity as JSON)",
    "exit 1 one line",
    data_edit(_schema_raw("1e400")),
    (1,),
    lines_at_most(3),
)

CASES.add(
    "H12",
    H,
    f"workbookSchema {NOW + 1}: migrate",
    "exit 2 (or 1) one line; nothing written",
    data_edit(_schema(NOW + 1), "migrate"),
    (1, 2),
    all_of(lines_at_most(3), absent("data/.backup")),
)

CASES.add(
    "H13",
    H,
    f"workbookSchema {NOW + 1}: codebook --check",
    "exit 1 one line",
    data_edit(_schema(NOW + 1), "codebook"),
    (1,),
    lines_at_most(3),
)

CASES.add(
    "H14",
    H,
    "workbookSchema true: migrate",
    "by design exit 0: the version is read off the tables' shape and recorded, the old file kept",
    data_edit(_schema(True), "migrate"),
    (0,),
    lambda t, r: (
        None
        if descriptor(t / "data")["workbookSchema"] == NOW and (t / "data/.backup").is_dir()
        else "not repaired"
    ),
    data_may_change=True,
)


def _history(name: str, prepare=None, dry: bool = False):
    def build(tmp: Path) -> list[str]:
        import shutil

        shutil.copytree(HISTORY / name / "data", tmp / "data")
        shutil.copytree(HISTORY / name / "seeds", tmp / "seeds")
        if prepare:
            prepare(tmp)
        return ["migrate", *(["--dry-run"] if dry else []), str(tmp / "data")]

    return build


CASES.add(
    "H15",
    H,
    "migrate a read-only folder",
    "exit 2 one line; nothing changed",
    _history("seed-schema-1", lambda t: os.chmod(t / "data", 0o555)),
    (2,),
    lines_at_most(3),
    as_user=True,
)

CASES.add(
    "H16",
    H,
    "migrate with .backup already a file",
    "exit 2 one line; file kept",
    _history("seed-schema-1", files(**{"data__.backup": b"mine"})),
    (2,),
    same_bytes("data/.backup", b"mine"),
)

CASES.add(
    "H17",
    H,
    "migrate with .backup a symlink out of the folder",
    "exit 2; nothing written through it",
    _history(
        "seed-schema-1",
        lambda t: ((t / "elsewhere").mkdir(), os.symlink(t / "elsewhere", t / "data" / ".backup")),
    ),
    (2,),
    lambda t, r: "wrote through link" if any((t / "elsewhere").iterdir()) else None,
)

CASES.add(
    "H18",
    H,
    "migrate --dry-run of an old folder",
    "exit 0; nothing written",
    _history("seed-schema-1", dry=True),
    (0,),
    absent("data/.backup"),
)

CASES.add(
    "H19",
    H,
    "migrate a current folder",
    "exit 0; nothing changed, no backup",
    lambda tmp: ["migrate", str(workspace(tmp))],
    (0,),
    absent("data/.backup"),
)


def _migrate_twice(tmp: Path) -> list[str]:
    import subprocess

    _history("seed-schema-1")(tmp)
    subprocess.run(
        [sys.executable, "-m", "helpers", "migrate", str(tmp / "data")],
        capture_output=True,
        cwd=ROOT,
    )
    return ["migrate", str(tmp / "data")]


CASES.add(
    "H20",
    H,
    "migrate twice in a row",
    "second run exit 0 and changes nothing",
    _migrate_twice,
    (0,),
    data_may_change=False,
)

CASES.add(
    "H21",
    H,
    "migrate with a .backup folder of the user's already there",
    "exit 2 one line, or backups kept apart; user's file kept",
    _history("seed-schema-1", files(**{"data__.backup__mine.txt": b"mine"})),
    (0, 2),
    same_bytes("data/.backup/mine.txt", b"mine"),
    data_may_change=True,
)


@pytest.mark.parametrize("case", params(CASES))
def test_a_schema_version_is_read_or_refused(case: Case, tmp_path: Path) -> None:
    """Validate, migrate and codebook read the version or refuse it in a line, as the case expects."""
    assert_keeps_promises(case, tmp_path)
