"""Adding to the data beside another writer: two adds at once, a hand edit made while an add
validates, and an add killed at each of its writes. Nothing said "added" is lost, a hand edit is kept,
and the folder always holds the old files or the new ones, never a mix and no temporary file."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from helpers import load_workbook
from helpers.curate.draft import stage
from helpers.curate.draft.review import Review
from helpers.curate.draft.stage import Added, add_to_data
from helpers.paths import PROJECT_ROOT
from helpers.validate import DataError

from .draftdata import ARTICLE, graded_tables, new_review

TABLES = ("documents", "sources", "statements", "troop_claims", "ach_ratings")


def _another(rows: dict[str, pd.DataFrame], article: bytes, name: str) -> dict[str, pd.DataFrame]:
    """The same article's first statement again, as a second article ``name`` with no new source."""
    out = {table: frame.copy() for table, frame in rows.items()}
    documents = out["documents"]
    documents["path"], documents["sha256"] = f"seeds/{name}", hashlib.sha256(article).hexdigest()
    documents["url"] = "https://example.org/3"
    first = out["statements"]["statement_id"].iloc[0]
    out["sources"] = out["sources"].iloc[0:0]
    out["statements"] = out["statements"][out["statements"]["statement_id"] == first]
    out["troop_claims"] = out["troop_claims"][out["troop_claims"]["statement_id"] == first]
    out["ach_ratings"] = out["ach_ratings"][out["ach_ratings"]["statement_id"] == first]
    return out


@pytest.fixture
def review(tmp_path: Path) -> Review:
    return new_review(tmp_path / "one")


def _tables(folder: Path) -> dict[str, bytes]:
    return {name: (folder / f"{name}.csv").read_bytes() for name in TABLES}


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.name.endswith((".tmp", ".journal", "-journal")))


def _slow_validation(monkeypatch: pytest.MonkeyPatch, before: Callable[[], None]) -> None:
    """Validation of the staged copy runs ``before`` first: what happens while an add validates."""
    real = stage.load_workbook

    def validating(folder: Any) -> Any:
        before()
        return real(folder)

    monkeypatch.setattr(stage, "load_workbook", validating)


def test_two_adds_at_once_lose_no_row(review: Review, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = review.folder
    rows = graded_tables(review)
    second_article = (ARTICLE + "Updated later the same day.\n").encode("utf-8")
    second_rows = _another(rows, second_article, "003_other.txt")
    second_started = threading.Event()

    def wait_for_the_second() -> None:  # the first add validates while the second begins
        if threading.current_thread().name == "first":
            second_started.wait(5)
            time.sleep(0.5)

    _slow_validation(monkeypatch, wait_for_the_second)
    results: dict[str, Added] = {}

    def first() -> None:
        results["first"] = add_to_data(folder, rows, ARTICLE.encode("utf-8"), "002_new.txt")

    def second() -> None:
        second_started.set()
        results["second"] = add_to_data(folder, second_rows, second_article, "003_other.txt")

    threads = [threading.Thread(target=first, name="first"), threading.Thread(target=second, name="second")]
    threads[0].start()
    time.sleep(0.2)
    threads[1].start()
    for thread in threads:
        thread.join(60)
    wb = load_workbook(folder)  # the folder validates
    paths = set(wb.documents["path"])
    said_added = {name for name, added in results.items() if added.written}
    assert said_added, {name: added.problems for name, added in results.items()}
    expected = {"first": "seeds/002_new.txt", "second": "seeds/003_other.txt"}
    for name in said_added:  # every add that said "added" is in the data
        assert expected[name] in paths, (name, sorted(paths))
    for added in results.values():
        if not added.written:  # refused in one line that says why
            assert "\n" not in added.summary() and "changed" in added.summary(), added.summary()
    assert len(wb.documents) == 1 + len(said_added)
    assert _leftovers(folder.parent) == []


def test_a_hand_edit_made_while_an_add_validates_is_kept(
    review: Review, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = review.folder
    rows = graded_tables(review)
    sources = folder / "sources.csv"
    line = "tass,TASS,TASS news agency,media,Russia,Russia,,true,D,A state agency that repeats the Kremlin.\n"

    def edit_by_hand() -> None:
        with sources.open("a", encoding="utf-8") as f:
            f.write(line)

    _slow_validation(monkeypatch, edit_by_hand)
    before = _tables(folder)
    added = add_to_data(folder, rows, ARTICLE.encode("utf-8"), "002_new.txt")
    assert not added.written
    assert "sources.csv" in added.summary() and "\n" not in added.summary(), added.summary()
    assert sources.read_bytes() == before["sources"] + line.encode("utf-8")  # the edit is kept
    after = _tables(folder)
    assert {n: b for n, b in after.items() if n != "sources"} == {
        n: b for n, b in before.items() if n != "sources"
    }
    assert not (folder.parent / "seeds" / "002_new.txt").exists()
    assert _leftovers(folder.parent) == []
    monkeypatch.undo()
    again = add_to_data(folder, rows, ARTICLE.encode("utf-8"), "002_new.txt")  # run again: both kept
    assert again.written, again.problems
    assert "tass" in set(load_workbook(folder).sources["source_id"])


def _state(root: Path) -> dict[str, bytes | None]:
    """The add's files under ``root``: each table, and the new article (None while there is none)."""
    seed = root / "seeds" / "002_new.txt"
    return {**_tables(root / "data"), "seed": seed.read_bytes() if seed.exists() else None}


def _killed_at(step: int, root: Path, write: Callable[[], bool]) -> bool:
    """Run ``write`` in a child process that kills itself (SIGKILL) just before its ``step``-th write
    (an fsync, a rename or a removal under ``root``); whether it was killed before it finished."""
    pid = os.fork()
    if pid == 0:  # the child: no cleanup of any kind runs after the kill
        seen = [0]

        def deadly(real: Callable[..., Any], under: bool) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                path = args[-1] if args else None
                if not under or str(root) in os.fspath(path if path is not None else ""):
                    seen[0] += 1
                    if seen[0] == step:
                        os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)

            return call

        os.fsync = deadly(os.fsync, False)  # type: ignore[assignment]
        os.replace = deadly(os.replace, True)  # type: ignore[assignment]
        os.rename = deadly(os.rename, True)  # type: ignore[assignment]
        os.unlink = deadly(os.unlink, True)  # type: ignore[assignment]
        try:
            os._exit(0 if write() else 3)
        except BaseException:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return True
    assert os.WEXITSTATUS(status) == 0, f"the add failed on its own (status {os.WEXITSTATUS(status)})"
    return False


@pytest.mark.fork
def test_an_add_killed_at_each_of_its_writes_leaves_old_or_new(review: Review, tmp_path: Path) -> None:
    rows = graded_tables(review)
    pristine = review.folder.parent
    old = _state(pristine)
    done = tmp_path / "done"
    shutil.copytree(pristine, done)
    assert add_to_data(done / "data", rows, ARTICLE.encode("utf-8"), "002_new.txt").written
    new = _state(done)
    outcomes = []
    for step in range(1, 60):
        root = tmp_path / f"killed-{step}"
        shutil.copytree(pristine, root, ignore=shutil.ignore_patterns(".workbook.*"))
        data = root / "data"
        killed = _killed_at(
            step, root, lambda data=data: add_to_data(data, rows, ARTICLE.encode(), "002_new.txt").written
        )
        load_workbook(root / "data")  # the next command: finishes or undoes, then validates
        found = _state(root)
        assert found in (old, new), f"killed before write {step}: a mix of old and new files"
        assert _leftovers(root) == [], f"killed before write {step}"
        outcomes.append("new" if found == new else "old")
        if not killed:
            break
    else:
        pytest.fail("the add never finished")
    assert outcomes[0] == "old" and outcomes[-1] == "new" and len(outcomes) > 5, outcomes


def test_a_second_writer_waits_then_refuses_naming_the_holder(review: Review) -> None:
    from helpers.transaction import transaction

    rows = graded_tables(review)
    before = _tables(review.folder)
    with transaction(review.folder):  # another writer, still at work
        started = time.monotonic()
        added = add_to_data(review.folder, rows, ARTICLE.encode("utf-8"), "002_new.txt", wait=0.3)
        waited = time.monotonic() - started
    assert not added.written and waited >= 0.3
    said = added.summary()
    assert "\n" not in said and f"process {os.getpid()}" in said and "nothing was written" in said, said
    assert _tables(review.folder) == before
    assert add_to_data(review.folder, rows, ARTICLE.encode("utf-8"), "002_new.txt").written  # once free


def test_an_export_replaces_the_database_and_its_metadata_together(
    review: Review, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.__main__ import main

    out = tmp_path / "out"
    out.mkdir()
    database, meta = out / "claims.db", out / "claims.metadata.json"
    data = str(review.folder)
    assert main(["export", "sqlite", str(database), "--data", data]) == 0
    new = (database.read_bytes(), meta.read_bytes())
    database.write_bytes(b"an earlier export's database")
    meta.write_text('{"databases": {}}', encoding="utf-8")  # and its metadata, edited
    old = (database.read_bytes(), meta.read_bytes())
    real, renamed = os.replace, []

    def full_at_the_second(src: Any, dst: Any) -> None:  # the disk fills between the two renames
        if not Path(dst).name.startswith("."):
            renamed.append(dst)
            if len(renamed) >= 2:
                raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", full_at_the_second)
    assert main(["export", "sqlite", str(database), "--data", data]) != 0
    monkeypatch.undo()
    assert (
        main(["export", "claimreview", str(out / "claims.jsonld"), "--data", data]) == 0
    )  # the next command
    assert (database.read_bytes(), meta.read_bytes()) in (old, new)
    assert _leftovers(out) == [] and sorted(p.name for p in out.iterdir()) == [
        "claims.db",
        "claims.jsonld",
        "claims.metadata.json",
    ]


def test_a_journal_that_came_with_a_folder_touches_nothing_outside(review: Review, tmp_path: Path) -> None:
    import json

    from helpers.safe_write import FileError

    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n", encoding="utf-8")
    line = {"target": "../../victim.txt", "temporary": "../../victim.txt", "sha256": ""}
    journal = review.folder / ".workbook.journal"
    journal.write_text(json.dumps({"state": "staging", "files": [line]}), encoding="utf-8")
    with pytest.raises(FileError, match="is not the workbook"):
        load_workbook(review.folder)
    assert victim.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.fork
def test_a_migration_killed_at_each_of_its_writes_leaves_old_or_new(tmp_path: Path) -> None:
    from helpers.curate.migrate import BACKUP_DIR, migrate

    pristine = PROJECT_ROOT / "tests" / "fixtures" / "history" / "seed-schema-1"
    tables = sorted(p.name for p in (pristine / "data").iterdir() if p.suffix in (".csv", ".json"))

    def state(root: Path) -> dict[str, bytes | None]:
        files = {name: root / "data" / name for name in {*tables, "provenance.csv"}}
        return {name: path.read_bytes() if path.exists() else None for name, path in files.items()}

    old = state(pristine)
    shutil.copytree(pristine, tmp_path / "done")
    migrate(tmp_path / "done" / "data", now=datetime(2025, 1, 1, tzinfo=UTC))
    new = state(tmp_path / "done")
    assert new != old
    outcomes = []
    for step in range(1, 80):
        root = tmp_path / f"killed-{step}"
        shutil.copytree(pristine, root)
        data = root / "data"
        killed = _killed_at(
            step, root, lambda data=data: bool(migrate(data, now=datetime(2025, 1, 1, tzinfo=UTC)))
        )
        try:
            load_workbook(data)  # the next command: finishes or undoes, then validates
        except DataError:
            assert state(root) == old  # the first schema's tables: `validate` says to migrate them
        found = state(root)
        assert found in (old, new), f"killed before write {step}: a mix of old and new files"
        assert [n for n in _leftovers(root) if BACKUP_DIR not in n] == [], f"killed before write {step}"
        outcomes.append("new" if found == new else "old")
        if not killed:
            break
    else:
        pytest.fail("the migration never finished")
    assert outcomes[0] == "old" and outcomes[-1] == "new" and len(outcomes) > 5, outcomes


def test_an_interrupted_replace_is_finished_by_the_next_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from helpers.safe_write import FileError
    from helpers.transaction import recover, transaction

    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    real = os.replace

    def full(src: Any, dst: Any) -> None:  # every rename onto a file of the user's fails
        if not Path(dst).name.startswith("."):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(FileError, match="finished by the next command"), transaction(tmp_path) as txn:
        txn.write(tmp_path / "a.txt", "new a")  # written, then one filled by the caller: any order
        txn.fill(tmp_path / "b.txt").write_text("new b", encoding="utf-8")
    monkeypatch.undo()
    recover(tmp_path)
    assert [(tmp_path / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt")] == ["new a", "new b"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


# One rule for where an output may go, and one lock for every writer.

PLACES = {
    "inside the data": (lambda root: root / "data" / "out", "is inside the data folder"),
    "inside the seeds": (lambda root: root / "seeds" / "out", "is inside the seeds folder"),
    "over the data": (lambda root: root, "holds the data folder"),
}


@pytest.mark.parametrize("place", PLACES, ids=list(PLACES))
def test_every_output_obeys_the_one_rule_of_where_it_may_go(tmp_path: Path, place: str) -> None:
    """The briefing, a draft and an export are refused the same places, in the same words, by
    :func:`helpers.paths.misplaced` (an export, one file, may sit beside the data folder it names)."""
    from helpers.curate.draft.command import DraftRefused, output_folder
    from helpers.paths import misplaced
    from helpers.publish.exports.target import ExportError, check_target
    from helpers.publish.output import OutputError, check_output

    data = tmp_path / "data"
    (data).mkdir()
    (tmp_path / "seeds").mkdir()
    target, rule = PLACES[place]
    out = target(tmp_path)
    expected = misplaced(out, data, "x", replaces_folder=True)
    assert expected is not None and rule in expected
    with pytest.raises(OutputError, match=rule):
        check_output(out, data)
    with pytest.raises(DraftRefused, match=rule):
        output_folder(str(out), tmp_path / "article.txt", data)
    if place != "over the data":
        with pytest.raises(ExportError, match=rule):
            check_target(out.parent / "claims.db", data)
    assert misplaced(tmp_path / "elsewhere", data, "x", replaces_folder=True) is None


@pytest.mark.parametrize("writer", ["codebook", "notebooks", "draft", "decisions"])
def test_every_writer_of_a_folder_waits_for_its_lock(review: Review, tmp_path: Path, writer: str) -> None:
    """The codebook, the stored notebooks, a draft and a review's decisions are written under the
    same lock as an add: while another writer holds the folder, they wait, then refuse in one line
    and change nothing."""
    from helpers.publish.codebook import write_codebook
    from helpers.safe_write import FileError
    from helpers.transaction import FolderBusy, hold_lock, replace_files

    folder = review.folder if writer == "codebook" else tmp_path / writer
    folder.mkdir(exist_ok=True)
    (folder / "README.md").write_text("stale\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    held = hold_lock(folder / ".workbook.lock", 0.0, "{holder}")
    try:
        started = time.monotonic()
        with pytest.raises(FolderBusy, match=f"process {os.getpid()}") as raised:
            if writer == "codebook":
                write_codebook(folder, wait=0.2)
            else:
                replace_files({folder / "README.md": "new\n"}, wait=0.2)
        assert time.monotonic() - started >= 0.2 and "\n" not in str(raised.value)
        assert isinstance(raised.value, FileError)
    finally:
        os.close(held[0])
    (folder / ".workbook.lock").unlink()
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
