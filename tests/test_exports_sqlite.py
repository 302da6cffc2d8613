"""``python -m helpers export sqlite``: every table with its keys and full-text search, its Datasette
metadata, queried through Datasette's own client; written whole, and never where it must not go."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette
from hypothesis import given

from helpers import load_workbook
from helpers.__main__ import main
from helpers.publish.exports import sqlite as exporting
from helpers.workbook import Workbook as LoadedWorkbook

from .exports_workbook import QUOTE2, REAL, TITLE, load_generated, write_tiny
from .test_output import one_line
from .workbooks import Workbook, workbooks


@pytest.fixture
def tiny_db(tmp_path: Path) -> tuple[LoadedWorkbook, Path]:
    """The frozen workbook and its database, written by the command line."""
    data = write_tiny(tmp_path / "tiny")
    out = tmp_path / "out" / "claims.db"
    out.parent.mkdir()
    assert main(["export", "sqlite", str(out), "--data", str(data)]) == 0
    return load_workbook(data), out


def check(wb: LoadedWorkbook, path: Path) -> sqlite3.Connection:
    """Every table with its rows, primary and foreign keys as the descriptor says, keys that hold."""
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for name, frame in wb.tables.items():
        columns = db.execute(f"PRAGMA table_info({name})").fetchall()
        assert [c[1] for c in columns] == list(frame.columns)
        assert db.execute(f"SELECT count(*) FROM {name}").fetchone() == (len(frame),)
        resource = wb.package.resources.get(name)
        if resource:
            key = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
            assert key == list(resource.primary_key)
            links = {(row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({name})")}
            assert links == {(fk.fields[0], fk.resource, fk.reference[0]) for fk in resource.foreign_keys}
    return db


def query(path: Path, meta: Path, url: str) -> Any:
    """A page of the database through Datasette's own test client, with its metadata."""

    async def get() -> Any:
        datasette = Datasette([str(path)], metadata=json.loads(meta.read_text(encoding="utf-8")))
        response = await datasette.client.get(url)
        assert response.status_code == 200, response.text
        return response.json() if ".json" in url else response.text

    return asyncio.run(get())


def test_every_table_with_its_keys(tiny_db: tuple[LoadedWorkbook, Path]) -> None:
    wb, path = tiny_db
    db = check(wb, path)
    row = db.execute(
        "SELECT said_on, reported_by, quote, credibility, quote_start FROM statements WHERE statement_id = ?",
        ("S2",),
    ).fetchone()
    assert row == ("2024-10-23", "s3", QUOTE2, 5, wb.texts["d1"].index(QUOTE2))
    assert db.execute("SELECT credibility FROM statements WHERE statement_id = 'S4'").fetchone() == (None,)
    assert db.execute("SELECT interested FROM sources ORDER BY source_id").fetchall() == [(1,), (1,), (0,)]


def test_datasette_serves_it_with_search_and_metadata(tiny_db: tuple[LoadedWorkbook, Path]) -> None:
    _, path = tiny_db
    meta = path.with_name("claims.metadata.json")
    found = query(path, meta, "/claims/statements.json?_search=troop&_shape=array")
    assert sorted(row["statement_id"] for row in found) == ["S1", "S3"]  # "troops", stemmed
    found = query(path, meta, "/claims/sources.json?_search=alert&_shape=array")
    assert [row["source_id"] for row in found] == ["s3"]  # a rationale, searched too
    found = query(path, meta, "/claims/judgements.json?_search=script&_shape=array")
    assert [row["judgement_id"] for row in found] == ["J2"]
    found = query(path, meta, "/claims/statements.json?_labels=on&_shape=array&statement_id=S2")
    assert found[0]["source_id"] == {"value": "s2", "label": "Envoy"}  # a foreign key Datasette follows
    about = query(path, meta, "/-/metadata.json")
    assert about["title"] == TITLE and about["license_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert about["source"] == "Ann Analyst" and about["source_url"] == "https://example.org/ann"
    tables = about["databases"]["claims"]["tables"]
    assert tables["statements"]["title"] == "Statements"
    assert tables["statements"]["columns"]["quote_start"].startswith("Character offset")
    page = query(path, meta, "/claims/statements/S2")
    assert "</script><b>lie" not in page and "&lt;/script&gt;&lt;b&gt;lie" in page


@pytest.mark.parametrize("folder", REAL, ids=[p.parent.name for p in REAL])
def test_real_data_gives_a_sound_database(folder: Path, tmp_path: Path) -> None:
    wb = load_workbook(folder)
    path = tmp_path / "claims.db"
    exporting.write_database(wb, path)
    check(wb, path)


REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a folder": (lambda root: root / "out", "is a folder; an export replaces a regular file"),
    "a link": (lambda root: root / "link.db", "is a symbolic link; an export replaces a regular file"),
    "a named pipe": (lambda root: root / "pipe.db", "is a named pipe; an export replaces a regular file"),
    "in the data": (lambda root: root / "tiny" / "data" / "x.db", "is inside the data folder"),
    "in the seeds": (lambda root: root / "tiny" / "seeds" / "x.db", "is inside the seeds folder"),
    "in no folder": (lambda root: root / "none" / "x.db", "does not exist"),
    "beside a folder of its name": (lambda root: root / "meta.db", "meta.metadata.json is a folder"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_refuses_a_target_it_must_not_write(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = write_tiny(tmp_path / "tiny")
    (tmp_path / "out").mkdir()
    (tmp_path / "link.db").symlink_to(tmp_path / "elsewhere.db")
    os.mkfifo(tmp_path / "pipe.db")
    (tmp_path / "meta.metadata.json").mkdir()
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    where, message = REFUSED[case]
    assert main(["export", "sqlite", str(where(tmp_path)), "--data", str(data)]) == 2
    err = one_line(capsys.readouterr().err)
    assert err.startswith("export not written: export target ") and message in err
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_bad_data_is_reported_and_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_tiny(tmp_path / "tiny")
    (data / "statements.csv").write_text("statement_id\nS1\n", encoding="utf-8")
    assert main(["export", "sqlite", str(tmp_path / "x.db"), "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.endswith("export not written: the data has problems\n")
    assert not (tmp_path / "x.db").exists()


def test_a_failed_export_leaves_the_old_file(
    tiny_db: tuple[LoadedWorkbook, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wb, path = tiny_db
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}

    def broken(wb: LoadedWorkbook, path: Path) -> None:
        path.write_bytes(b"half a database")
        raise OSError("disk full")

    monkeypatch.setattr("helpers.publish.exports.write_database", broken)
    assert main(["export", "sqlite", str(path), "--data", str(wb.data_dir)]) == 1
    assert one_line(capsys.readouterr().err) == "export not written: disk full (nothing was changed)"
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before  # no temporary file left


@given(workbooks())
def test_any_valid_workbook_gives_a_sound_database(generated: Workbook) -> None:
    wb = load_generated(generated)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.db"
        exporting.write_database(wb, path)
        db = check(wb, path)
        search = "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH ?"
        for quote in wb.statements["quote"].head(3):
            word = next((w for w in quote.split() if w.isalpha()), None)
            if word:  # a quote is found by any word of it
                assert db.execute(search, (f'"{word}"',)).fetchone()[0] >= 1
        db.close()


def test_a_datasets_own_tables_reach_the_database_and_its_metadata(tmp_path: Path) -> None:
    import json
    import shutil

    from helpers.paths import REFERENCE_DATA_DIR
    from helpers.publish.exports.datasette import metadata
    from helpers.publish.exports.sqlite import write_database

    data = tmp_path / "data"
    shutil.copytree(REFERENCE_DATA_DIR, data)
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", tmp_path / "seeds")
    (data / "timeline_notes.csv").write_text(
        "note_id,text\nN1,A note of the dataset's own.\n", encoding="utf-8"
    )
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"].append({
        "name": "timeline_notes", "path": "timeline_notes.csv", "title": "Notes",
        "profile": "tabular-data-resource",
        "schema": {"fields": [{"name": "note_id", "type": "string", "description": "Its id."},
                              {"name": "text", "type": "string", "description": "The note."}],
                   "primaryKey": ["note_id"]},
    })  # fmt: skip
    (data / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    wb = load_workbook(data)
    assert "timeline_notes" in wb.extras
    write_database(wb, tmp_path / "claims.db")
    with sqlite3.connect(tmp_path / "claims.db") as db:
        assert db.execute("select text from timeline_notes").fetchall() == [("A note of the dataset's own.",)]
    tables = metadata(wb, "claims")["databases"]["claims"]["tables"]
    assert (
        tables["timeline_notes"]["title"] == "Notes"
        and tables["timeline_notes"]["columns"]["text"] == "The note."
    )
