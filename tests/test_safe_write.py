"""Every file the workbook writes is written whole or not at all, only where a file belongs, and every
failure is one line: the safe writer, and the codebook that writes and checks through it."""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from helpers.__main__ import main
from helpers.paths import PROJECT_ROOT
from helpers.present.markdown import code
from helpers.publish.codebook import render_codebook
from helpers.safe_write import FileError, holds, read_bytes, reason, write_files, write_text
from helpers.validate.descriptor import load_descriptor

from .conftest import failing_writes
from .test_escaping import _Page
from .test_output import one_line


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# 1. The writer alone.


def test_writes_whole_files_with_the_usual_modes(tmp_path: Path) -> None:
    write_text(tmp_path / "new.txt", "first")
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "first"
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o666 & ~_umask()
    (tmp_path / "new.txt").chmod(0o640)
    write_text(tmp_path / "new.txt", "second")
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "second"
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640  # a replaced file keeps its mode
    assert _left(tmp_path) == ["new.txt"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_link_is_followed_only_inside_its_folder(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's", encoding="utf-8")
    (tmp_path / "data" / "out.txt").symlink_to("../victim.txt")
    with pytest.raises(FileError, match=r"out\.txt: it is a symbolic link out of its folder$"):
        write_text(tmp_path / "data" / "out.txt", "overwritten")
    with pytest.raises(FileError, match="out of its folder"):
        read_bytes(tmp_path / "data" / "out.txt", 100)
    assert victim.read_text(encoding="utf-8") == "the user's"
    (tmp_path / "data" / "real.txt").write_text("old", encoding="utf-8")
    (tmp_path / "data" / "in.txt").symlink_to("real.txt")
    write_text(tmp_path / "data" / "in.txt", "new")
    assert (tmp_path / "data" / "real.txt").read_text(encoding="utf-8") == "new"
    assert (tmp_path / "data" / "in.txt").is_symlink()
    assert _left(tmp_path / "data") == ["in.txt", "out.txt", "real.txt"]


@pytest.mark.parametrize("kind", ["a folder", "a named pipe (FIFO)", "a socket"])
def test_only_regular_files_are_written_or_read(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "README.md"
    if kind == "a folder":
        target.mkdir()
    elif kind == "a socket":
        import socket

        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(target))
    else:
        os.mkfifo(target)
    refused = re.escape(f"README.md: it is {kind}, not a regular file")
    for attempt in (
        lambda: write_text(target, "x"),
        lambda: read_bytes(target, 10),
        lambda: holds(target, b""),
    ):
        with pytest.raises(FileError, match=refused):
            attempt()
    assert _left(tmp_path) == ["README.md"]


@pytest.mark.parametrize("code_", [errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO])
def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code_: int
) -> None:
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    failing_writes(monkeypatch, tmp_path, code_)
    with pytest.raises(FileError) as caught:
        write_text(tmp_path / "a.txt", "new " * 1000)
    assert str(caught.value) == f"cannot write {tmp_path / 'a.txt'}: {reason(OSError(code_, ''))}"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old a"
    assert _left(tmp_path) == ["a.txt"]  # no temporary file


def test_all_files_or_none(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(FileError, match=r"b\.txt: it is a folder"):
        write_files({tmp_path / "a.txt": b"new a", tmp_path / "b.txt": b"new b"})
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old a"
    assert _left(tmp_path) == ["a.txt", "b.txt"]


FILE_SIZE_LIMIT = """
import resource, sys
from pathlib import Path
from helpers.safe_write import FileError, write_text

resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 16, 1 << 16))
try:
    write_text(Path(sys.argv[1]), "x" * (1 << 20))
except FileError as err:
    print(err)
"""


@pytest.mark.cli
def test_a_file_size_limit_is_a_clean_failure(tmp_path: Path) -> None:
    # A real limit (ulimit -f): the write stops at 64 KiB with EFBIG, and nothing is replaced.
    (tmp_path / "big.txt").write_text("old", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMIT, str(tmp_path / "big.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert run.stdout == f"cannot write {tmp_path / 'big.txt'}: the file would pass the file-size limit\n"
    assert (tmp_path / "big.txt").read_text(encoding="utf-8") == "old" and _left(tmp_path) == ["big.txt"]


def test_reading_is_bounded() -> None:
    readme = PROJECT_ROOT / "README.md"
    assert read_bytes(readme, 10) is None  # longer than asked for
    assert read_bytes(readme, 1 << 20) == readme.read_bytes()
    assert read_bytes(PROJECT_ROOT / "no-such-file", 10) is None


def test_os_failures_read_as_words() -> None:
    for code_, words in [
        (errno.ENOSPC, "no space left on the device"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
        (errno.ENAMETOOLONG, "a name in the path is too long"),
        (errno.EBUSY, "it is in use or a mount point"),
        (errno.EISDIR, "it is a folder"),
    ]:
        assert reason(OSError(code_, os.strerror(code_))) == words
    assert reason(OSError(errno.EXDEV, os.strerror(errno.EXDEV))) == os.strerror(errno.EXDEV)


# 2. The codebook: written and checked through the writer, its words escaped.


def _codebook(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m helpers codebook`` in its own process; a hang fails the test instead of the run."""
    return subprocess.run(
        [sys.executable, "-m", "helpers", "codebook", str(workspace), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=PROJECT_ROOT,
    )


@pytest.mark.parametrize("check", [False, True], ids=["write", "check"])
def test_codebook_never_writes_or_reads_through_a_link_out(
    workspace: Path, check: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = workspace.parent / "victim.txt"
    victim.write_text("the user's", encoding="utf-8")
    (workspace / "README.md").unlink()
    (workspace / "README.md").symlink_to("../victim.txt")
    assert main(["codebook", str(workspace), *(["--check"] if check else [])]) == 2
    not_done = "codebook not checked" if check else "codebook not written"
    assert one_line(capsys.readouterr().err) == (  # refused as it is read, to compare
        f"{not_done}: cannot read {workspace / 'README.md'}: it is a symbolic link out of its folder"
    )
    assert victim.read_text(encoding="utf-8") == "the user's"


@pytest.mark.cli
@pytest.mark.parametrize("check", [False, True], ids=["write", "check"])
def test_codebook_refuses_a_named_pipe_without_waiting(workspace: Path, check: bool) -> None:
    (workspace / "README.md").unlink()
    os.mkfifo(workspace / "README.md")
    run = _codebook(workspace, *(["--check"] if check else []))
    assert run.returncode == 2
    assert one_line(run.stderr).endswith("README.md: it is a named pipe (FIFO), not a regular file")


def test_codebook_refuses_a_folder(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "README.md").unlink()
    (workspace / "README.md").mkdir()
    assert main(["codebook", str(workspace)]) == 2
    assert one_line(capsys.readouterr().err).endswith("README.md: it is a folder, not a regular file")


@pytest.mark.cli
def test_codebook_in_a_read_only_folder(workspace: Path) -> None:
    command = [sys.executable, "-m", "helpers", "codebook", str(workspace)]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("as root, a folder is read-only only without CAP_DAC_OVERRIDE: needs setpriv")
        command = ["setpriv", "--bounding-set", "-dac_override", *command]
    (workspace / "README.md").write_text("stale\n", encoding="utf-8")
    workspace.chmod(0o555)
    try:
        run = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    finally:
        workspace.chmod(0o755)
    assert run.returncode == 2
    assert one_line(run.stderr) == (
        f"codebook not written: cannot lock {workspace / '.workbook.lock'}: permission denied"
    )  # written under the folder's lock, which a read-only folder cannot hold
    assert (workspace / "README.md").read_text(encoding="utf-8") == "stale\n"


def test_codebook_that_is_not_utf8_is_out_of_date(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "README.md").write_bytes(b"\xff\xfe not UTF-8 \x80")
    assert main(["codebook", str(workspace), "--check"]) == 1
    assert one_line(capsys.readouterr().err) == "data/README.md is out of date: run `make codebook`"
    assert main(["codebook", str(workspace)]) == 0
    assert main(["codebook", str(workspace), "--check"]) == 0


def test_codebook_on_a_full_disk_is_left_as_it_was(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace / "README.md").write_text("stale\n", encoding="utf-8")
    before = sorted(p.name for p in workspace.iterdir())
    failing_writes(monkeypatch, workspace, errno.ENOSPC)
    assert main(["codebook", str(workspace)]) == 2
    assert one_line(capsys.readouterr().err) == (
        f"codebook not written: cannot write {workspace / '.workbook.journal'}: no space left on the device"
    )  # the journal, which names the new file before it is written
    assert (workspace / "README.md").read_text(encoding="utf-8") == "stale\n"
    assert sorted(p.name for p in workspace.iterdir()) == before


HOSTILE = {
    "title": "<script>alert(1)</script> Claims",
    "description": "# Heading\n\n<img src=x onerror=alert(1)> [click](javascript:alert(1)) | pipe",
    "table_title": "Hypotheses ](javascript:alert(1))",
    "enum": "a`b | <b>c</b>",
    "pattern": "^x|y`$",
}
# The only tags the codebook's own Markdown makes: headings (with nbconvert's anchor links),
# paragraphs, lists, tables, code.
OWN = {"h1", "h2", "a", "p", "ul", "li", "code", "table", "thead", "tbody", "tr", "th", "td"}


@pytest.mark.cli
def test_codebook_escapes_what_it_copies_from_the_descriptor(workspace: Path) -> None:
    package = load_descriptor(workspace)
    resource = package.resources["hypotheses"]
    fields = list(resource.fields)
    fields[1] = dataclasses.replace(
        fields[1], description=HOSTILE["description"], enum=(HOSTILE["enum"],), pattern=HOSTILE["pattern"]
    )
    resource = dataclasses.replace(
        resource, title=HOSTILE["table_title"], description=HOSTILE["description"], fields=tuple(fields)
    )
    hostile = dataclasses.replace(
        package,
        title=HOSTILE["title"],
        description=HOSTILE["description"],
        resources={**package.resources, "hypotheses": resource},
    )
    page = _Page(markdown2html_mistune(render_codebook(hostile)))
    assert set(page.tags) <= OWN, set(page.tags) - OWN
    assert page.tags["h1"] == 1  # "# Heading" stayed words
    assert page.tags["a"] == page.tags["h1"] + page.tags["h2"]  # no link but the headings' anchors
    text = "".join(page.parts)
    for shown in ("<script>alert(1)</script> Claims", "<img src=x onerror=alert(1)>", "[click](javascript:"):
        assert shown in text
    # Values in code, whole; GFM turns a table cell's "\\|" into "|" inside code, mistune keeps both.
    assert "a`b | <b>c</b>" in text.replace("\\|", "|") and "^x|y`$" in text.replace("\\|", "|")
    row = next(line for line in render_codebook(hostile).splitlines() if "onerror" in line and line[0] == "|")
    assert row.replace("\\|", "").count("|") == 7  # six cells: no pipe from the descriptor added one


@given(st.text(alphabet=st.sampled_from("a `|<>*_#\\\n[]()"), min_size=1, max_size=20))
def test_code_shows_any_text_whole(text: str) -> None:
    page = _Page(markdown2html_mistune(f"x {code(text)} y"))
    assert page.tags == {"p": 1, "code": 1}, code(text)
    assert "".join(page.parts).rstrip("\n") == f"x {text.replace(chr(10), ' ')} y", code(text)
