"""What the briefing build and ``execute`` write: refused places, a whole-folder swap, one build at a
time, a clean stop on SIGINT and SIGTERM, and notebooks saved all together or not at all."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell, new_notebook

from helpers.__main__ import main
from helpers.paths import DEFAULT_DATA_DIR, PROJECT_ROOT
from helpers.publish import briefing, exports, output
from helpers.publish import execute as executing
from helpers.publish.pdf import PDF_NAME
from helpers.safe_write import FileError, write_bytes

from .conftest import failing_writes

BRIEFING = "05_briefing.ipynb"


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build pages from the stored notebooks instead of running them: no kernels; and the PDF a
    stand-in of a line (the PDF itself is tested where it is read back, in the browser tests)."""
    monkeypatch.setattr(briefing, "execute", lambda path, data: nbformat.read(path, as_version=4))
    monkeypatch.setattr(
        briefing, "write_pdf", lambda page, target: write_bytes(target, b"%PDF-1.7 stand-in\n")
    )


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder below ``folder``, with each file's bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def one_line(err: str) -> str:
    assert "Traceback" not in err and err.endswith("\n") and err.count("\n") == 1, err
    return err.strip()


# 1. Places the briefing must not go.

REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a file": (lambda root: root / "page.html", "is a file"),
    "below a file": (lambda root: root / "page.html" / "out", "which is a file"),
    "inside the data": (lambda root: root / "data" / "out", "is inside the data folder"),
    "inside the seeds": (lambda root: root / "seeds" / "briefing", "is inside the seeds folder"),
    "over the data": (lambda root: root, "holds the data folder"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_refuses_a_place_the_briefing_must_not_go(
    case: str, workspace: Path, stored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    root = workspace.parent
    (root / "page.html").write_text("someone's page", encoding="utf-8")
    where, rule = REFUSED[case]
    before = snapshot(root)
    assert main(["briefing", "--data", str(workspace), "--out", str(where(root))]) == 2
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"briefing not built: output folder {where(root)}")
    assert rule in line and line.endswith("(nothing was written)")
    assert snapshot(root) == before


@pytest.mark.cli
def test_refuses_a_read_only_folder(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "helpers", "briefing", "--out", str(tmp_path / "ro" / "out")]
    if os.geteuid() == 0:
        # Root writes anywhere; without the capability that lets it, it meets the folder's mode.
        if not shutil.which("setpriv"):
            pytest.skip("as root, a folder is read-only only without CAP_DAC_OVERRIDE: needs setpriv")
        command = ["setpriv", "--bounding-set", "-dac_override", *command]
    (tmp_path / "ro").mkdir(mode=0o555)
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert one_line(done.stderr) == (
        f"briefing not built: output folder {tmp_path / 'ro' / 'out'}: {tmp_path / 'ro'} is not writable "
        "(nothing was written)"
    )
    assert not any((tmp_path / "ro").iterdir())


LONG_NAME = "n" * 256
BAD_PATHS = {  # a path as typed, and why it names no folder
    "no such user": ("~nosuchuser/{what}", "~nosuchuser names no user of this machine"),
    "a name too long": (f"/tmp/{LONG_NAME}/{{what}}", "a name in it is 256 bytes long; the limit is 255"),
}


@pytest.mark.parametrize("case", BAD_PATHS, ids=list(BAD_PATHS))
@pytest.mark.parametrize("given", ["--out", "--data", "WORKBOOK_DATA"])
def test_a_path_that_names_no_folder_is_one_line(
    case: str, given: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pattern, why = BAD_PATHS[case]
    path = pattern.format(what="out" if given == "--out" else "data")
    if given == "WORKBOOK_DATA":
        monkeypatch.setenv("WORKBOOK_DATA", path)
    what = "output folder" if given == "--out" else "data folder"
    assert main(["briefing", *([given, path] if given.startswith("--") else [])]) == 2
    assert (
        one_line(capsys.readouterr().err) == f"briefing not built: {what} {path}: {why} (nothing was written)"
    )


def test_refuses_a_mount_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: None) -> None:
    # Renaming a mount point fails (EBUSY), and only after the whole build: it is refused first.
    out = tmp_path / "mounted"
    out.mkdir()
    is_mount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == out or is_mount(path))
    with pytest.raises(output.OutputError, match="is a mount point, which cannot be replaced"):
        briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])
    assert list(tmp_path.iterdir()) == [out] and not any(out.iterdir())


# 2. The output folder is replaced whole, or not at all.


def built(tmp_path: Path) -> tuple[Path, dict[str, bytes | None]]:
    """The briefing page built into ``tmp_path/out``; the snapshot of ``tmp_path`` after it."""
    out = tmp_path / "out"
    briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])
    return out, snapshot(tmp_path)


def test_build_replaces_the_old_folder_whole(tmp_path: Path, stored: None) -> None:
    out = tmp_path / "out"
    out.mkdir(mode=0o750)
    (out / "index.html").write_text("old briefing", encoding="utf-8")
    (out / "07_dropped.html").write_text("old appendix", encoding="utf-8")  # a page no longer built
    output.write_marker(out, ["index.html", "07_dropped.html"])  # as the build that wrote them did
    old = out.stat().st_ino
    briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING, "01_statements.ipynb"])
    built = sorted([".briefing", "01_statements.html", "index.html", *exports.NAMES, PDF_NAME])
    assert sorted(p.name for p in out.iterdir()) == built
    marker = ["index.html", "01_statements.html", *exports.NAMES, PDF_NAME]
    assert (out / ".briefing").read_text(encoding="utf-8") == "".join(f"{name}\n" for name in marker)
    assert "old briefing" not in (out / "index.html").read_text(encoding="utf-8")
    assert out.stat().st_ino != old and out.stat().st_mode & 0o777 == 0o750  # a new folder, same mode
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging, old folder or lock left
    briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])  # its own folder: replaced
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [".briefing", "index.html", *exports.NAMES, PDF_NAME]
    )


def _mine(out: Path, *names: str) -> None:
    for name in names:
        (out / name).write_text("mine", encoding="utf-8")


def _marked(out: Path) -> None:
    _mine(out, "index.html", "notes.txt")
    output.write_marker(out, ["index.html"])


def _folder_listed(out: Path) -> None:
    _mine(out, "index.html")
    output.write_marker(out, ["index.html", "notes"])  # a name a build wrote, now someone's folder
    (out / "notes").mkdir()


def _not_utf8(out: Path) -> None:
    _mine(out, "index.html", "notes.txt")
    (out / ".briefing").write_bytes(b"index.html\n\xff\xfe notes.txt\n")


STRANGERS: dict[str, tuple[Callable[[Path], None], str]] = {  # how a folder is set up; what is named
    "unmarked": (lambda out: _mine(out, "notes.txt"), "notes.txt"),
    "marked": (_marked, "notes.txt"),
    # A folder without a marker may hold pages named like a build's: they are the user's all the same.
    "unmarked pages": (
        lambda out: _mine(out, "index.html", "01_my_notes.html"),
        "01_my_notes.html, index.html",
    ),
    "a listed name that is a folder": (_folder_listed, "notes"),
    "a marker that is not UTF-8": (_not_utf8, ".briefing, index.html, notes.txt"),
}


@pytest.mark.parametrize("case", STRANGERS, ids=list(STRANGERS))
def test_refuses_to_replace_files_the_build_did_not_write(
    case: str, tmp_path: Path, stored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    setup, named = STRANGERS[case]
    setup(out)
    before = snapshot(tmp_path)
    assert main(["briefing", "--out", str(out)]) == 2
    assert one_line(capsys.readouterr().err) == (
        f"briefing not built: output folder {out} holds files the briefing did not write ({named}); "
        "remove them or choose a new or empty folder (nothing was written)"
    )
    assert snapshot(tmp_path) == before


def test_failed_swap_puts_the_old_folder_back(
    tmp_path: Path, stored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = built(tmp_path)
    rename, calls = os.rename, []

    def failing_rename(src: Path, dst: Path) -> None:
        calls.append(src)
        if len(calls) == 2:  # the old folder is aside; the new one fails to take its place
            raise OSError("disk gone")
        rename(src, dst)

    monkeypatch.setattr(os, "rename", failing_rename)
    with pytest.raises(output.OutputError, match=r"could not be replaced \(disk gone\)"):
        briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])
    assert snapshot(tmp_path) == before


def test_failed_page_leaves_the_old_folder_as_it_was(
    tmp_path: Path, stored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING, "01_statements.ipynb"])
    before = snapshot(tmp_path)

    def failing(path: Path, data: Path) -> None:
        raise CellExecutionError("", "ValueError", "boom\nmore")

    monkeypatch.setattr(briefing, "execute", failing)
    with pytest.raises(executing.NotebookFailed, match=r"^05_briefing.ipynb failed: ValueError: boom$"):
        briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING, "01_statements.ipynb"])
    assert snapshot(tmp_path) == before


def test_a_full_disk_leaves_the_old_folder_as_it_was(
    tmp_path: Path, stored: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out, before = built(tmp_path)
    failing_writes(monkeypatch, tmp_path, errno.ENOSPC)
    assert main(["briefing", "--out", str(out)]) == 2
    line = one_line(capsys.readouterr().err)
    assert re.fullmatch(  # a page or an export in the staging folder
        rf"briefing not built: cannot write {re.escape(str(tmp_path))}/\.[^/]+/[^/ ]+\.(html|jsonld|db): "
        r"no space left on the device \(nothing was written\)",
        line,
    ), line
    assert snapshot(tmp_path) == before


BUILD_IN = """
import sys
import nbformat
from helpers.__main__ import main
from helpers.publish import briefing

briefing.execute = lambda path, data: nbformat.read(path, as_version=4)  # no kernels
{before}
sys.exit(main(["briefing", "--out", sys.argv[1]]))
"""


def build_in_process(out: Path, before: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m helpers briefing --out OUT`` from stored notebooks, after the lines ``before``."""
    return subprocess.run(
        [sys.executable, "-c", BUILD_IN.format(before=before), str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.cli
def test_a_file_size_limit_is_one_line(tmp_path: Path) -> None:
    # A real limit, as `ulimit -f 64` sets it: pages stop at 64 KiB with EFBIG.
    limit = "import resource; resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 16, 1 << 16))"
    done = build_in_process(tmp_path / "out", limit)
    assert done.returncode == 2, done.stderr
    assert re.fullmatch(  # SQLite says it its own way
        r"briefing not built: cannot write .*\.(html|jsonld|db): (the file would pass the file-size limit|"
        r"disk I/O error) \(nothing was written\)",
        one_line(done.stderr),
    ), done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_renamed_is_put_back(
    tmp_path: Path, stored: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out, before = built(tmp_path)
    rename = os.rename

    def busy(src: Path, dst: Path) -> None:
        if Path(src) == out:  # as for a mount point, or a folder in use on some file systems
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY))
        rename(src, dst)

    monkeypatch.setattr(os, "rename", busy)
    assert main(["briefing", "--out", str(out)]) == 2
    assert one_line(capsys.readouterr().err) == (
        f"briefing not built: output folder {out} could not be replaced (it is in use or a mount point) "
        "(nothing was written)"
    )
    assert snapshot(tmp_path) == before


def test_a_killed_build_is_cleared_by_the_next(tmp_path: Path, stored: None) -> None:
    # What SIGKILL leaves: the lock (held by no one), a staging folder and the old folder set aside.
    out = tmp_path / "out"
    briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])
    (tmp_path / ".out.lock").touch()
    for name in (".out.briefing-0123abcd", ".out.briefing-89abcdef-old"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text("half", encoding="utf-8")
    others = [tmp_path / ".other.briefing-0123abcd", tmp_path / ".out.briefing-0123abcd.txt"]
    for other in others:  # another output's staging folder; a name that is no build's
        other.mkdir()
    briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", *(p.name for p in others)])


def test_a_swap_cut_halfway_is_undone_first(
    tmp_path: Path, stored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Killed between the swap's two renames: the output is missing and its pages are set aside.
    out = tmp_path / "out"
    briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])
    before = snapshot(out)
    os.rename(out, tmp_path / ".out.briefing-0123abcd-old")
    (tmp_path / ".out.briefing-89abcdef").mkdir()  # the new pages that never took its place

    def failing(path: Path, data: Path) -> None:
        raise CellExecutionError("", "ValueError", "boom")

    monkeypatch.setattr(briefing, "execute", failing)
    with pytest.raises(executing.NotebookFailed):
        briefing.build(out=out, progress=lambda _: None, notebooks=[BRIEFING])
    assert [p.name for p in tmp_path.iterdir()] == ["out"] and snapshot(out) == before


# 3. One build of a folder at a time.


def test_second_build_of_a_folder_fails_at_once(
    tmp_path: Path, stored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with open(tmp_path / ".out.lock", "w") as held:  # as a running build holds it
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert main(["briefing", "--out", str(out)]) == 2
    assert one_line(capsys.readouterr().err) == (
        f"briefing not built: output folder {out} is in use by another process: "
        "another briefing build is running (nothing was written)"
    )
    assert [p.name for p in tmp_path.iterdir()] == [".out.lock"]  # the holder's, untouched


# 4. SIGINT, SIGTERM and SIGHUP stop a run, its kernels and its staging.


def _stat(pid: int) -> list[str]:
    """Fields of ``/proc/<pid>/stat`` after the command name: state, parent id, ..."""
    return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()


def kernels_of(process: subprocess.Popen[str], timeout: float = 60) -> set[int]:
    """Wait until ``process`` has started a kernel; return the ids of its kernels."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        found = set()
        for entry in Path("/proc").iterdir():
            try:
                child = entry.name.isdigit() and int(_stat(int(entry.name))[1]) == process.pid
                if child and b"ipykernel" in (entry / "cmdline").read_bytes():
                    found.add(int(entry.name))
            except OSError:
                continue  # gone meanwhile
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("no kernel started")


def alive(pid: int) -> bool:
    try:
        return _stat(pid)[0] != "Z"
    except OSError:
        return False


def stop(process: subprocess.Popen[str], signum: int, wait: float) -> tuple[str, set[int]]:
    """Send ``signum`` ``wait`` seconds after the first kernel starts; return stderr and the kernels."""
    kernels = kernels_of(process)
    time.sleep(wait)
    kernels |= kernels_of(process)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    return err, kernels


@pytest.mark.build
@pytest.mark.parametrize(
    ("signum", "wait"),
    [(signal.SIGINT, 0.0), (signal.SIGTERM, 3.0), (signal.SIGHUP, 3.0)],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)
@pytest.mark.cli
def test_signal_stops_the_build(tmp_path: Path, signum: signal.Signals, wait: float) -> None:
    command = ["-m", "helpers", "briefing", "--data", str(DEFAULT_DATA_DIR), "--out", str(tmp_path / "out")]
    process = subprocess.Popen(
        [sys.executable, *command],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    err, kernels = stop(process, signum, wait)
    assert process.returncode == 128 + signum
    assert one_line(err) == f"briefing not built: interrupted by {signum.name} (nothing was written)"
    assert list(tmp_path.iterdir()) == []  # no output, staging folder or lock
    assert not [k for k in kernels if alive(k)]


@pytest.mark.cli
def test_sighup_stops_the_build_like_sigterm(tmp_path: Path) -> None:
    # A closed terminal: the signal arrives while a page is built; no kernel is needed to show it.
    hang_up = """
import os, signal
read = briefing.execute
def hung_up(path, data):
    os.kill(os.getpid(), signal.SIGHUP)
    return read(path, data)
briefing.execute = hung_up
"""
    done = build_in_process(tmp_path / "out", hang_up)
    assert done.returncode == 128 + signal.SIGHUP == 129
    assert one_line(done.stderr) == "briefing not built: interrupted by SIGHUP (nothing was written)"
    assert list(tmp_path.iterdir()) == []  # no output, staging folder or lock


# 5. ``execute`` saves every notebook, or none.


def write_notebooks(folder: Path, *cells: list[str]) -> list[Path]:
    """Unexecuted notebooks ``01_nb.ipynb``, ``02_nb.ipynb``... with these cells' sources."""
    folder.mkdir(exist_ok=True)
    paths = [folder / f"{i:02d}_nb.ipynb" for i in range(1, len(cells) + 1)]
    for path, sources in zip(paths, cells, strict=True):
        nbformat.write(new_notebook(cells=[new_code_cell(s) for s in sources]), path)
    return paths


@pytest.mark.build
def test_execute_saves_every_notebook_or_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = write_notebooks(tmp_path, ["print('ran')"], ["print('ran')", "raise ValueError('boom')"])
    monkeypatch.setattr(executing, "notebook_paths", lambda: paths)
    before = snapshot(tmp_path)
    assert main(["execute"]) == 1
    assert one_line(capsys.readouterr().err) == (
        "notebooks not executed: 02_nb.ipynb failed: ValueError: boom (no notebook was changed)"
    )
    assert snapshot(tmp_path) == before
    write_notebooks(tmp_path, ["print('ran')"], ["print('ran')"])
    assert main(["execute"]) == 0
    for path in paths:
        assert nbformat.read(path, as_version=4).cells[0].outputs[0].text == "ran\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01_nb.ipynb", "02_nb.ipynb"]  # no temporary files


EXECUTE_IN = """
import sys
from pathlib import Path

from helpers.__main__ import main
from helpers.publish import execute

execute.notebook_paths = lambda: sorted(Path(sys.argv[1]).glob("*.ipynb"))
sys.exit(main(["execute"]))
"""


@pytest.mark.cli
@pytest.mark.build
def test_signal_stops_execute(tmp_path: Path) -> None:
    write_notebooks(tmp_path / "nb", ["print('ran')"], ["import time", "time.sleep(120)"])
    before = snapshot(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-c", EXECUTE_IN, str(tmp_path / "nb")],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    started = time.monotonic()
    err, kernels = stop(process, signal.SIGTERM, 3.0)
    assert process.returncode == 128 + signal.SIGTERM
    assert one_line(err) == "notebooks not executed: interrupted by SIGTERM (no notebook was changed)"
    assert snapshot(tmp_path) == before
    assert not [k for k in kernels if alive(k)]
    assert time.monotonic() - started < 60  # the sleeping cell was stopped, not waited for


def test_save_all_on_a_full_disk_changes_no_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_notebooks(tmp_path, ["print('one')"], ["print('two')"])
    before = snapshot(tmp_path)
    failing_writes(monkeypatch, tmp_path, errno.ENOSPC)
    changed = {path: new_notebook(cells=[new_code_cell("print('new')")]) for path in paths}
    with pytest.raises(FileError, match=r"no space left on the device$"):  # the journal, first
        executing.save_all(changed)
    assert snapshot(tmp_path) == before


def test_failure_names_the_error_by_its_last_line() -> None:
    error = CellExecutionError("traceback", "DataError", "2 problems in the data:\n  statements.csv ...")
    failed = executing.NotebookFailed(Path("notebooks/01_statements.ipynb"), error)
    assert str(failed) == "01_statements.ipynb failed: DataError: 2 problems in the data"


@pytest.mark.parametrize("epoch", ["abc", "-5", "1e9", "99999999999999"])
def test_a_bad_source_date_epoch_is_one_sentence_before_any_kernel_waits(
    epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # IPython's banner parses it: a kernel started with it dies, and the run would wait a minute.
    from helpers.paths import NOTEBOOKS_DIR
    from helpers.publish.execute import NotebookFailed, execute, unusable_environment

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    with pytest.raises(NotebookFailed, match=r"SOURCE_DATE_EPOCH .* is not a whole number of seconds"):
        execute(NOTEBOOKS_DIR / "03_source_reliability.ipynb")
    assert unusable_environment({"SOURCE_DATE_EPOCH": "1700000000"}) == ""
    assert unusable_environment({}) == ""
