"""Where a draft or an export may be written: only where the user named, as a whole file or folder.

A folder, a link, a device, a named pipe, a read-only folder, a missing parent, the data's own
files and folders, and the user's files beside the target are refused in a line (exit 2) and left
as they were; a target the user named is replaced whole. Writing into a read-only folder is refused
as root too: the command then runs without CAP_DAC_OVERRIDE (see ``tests.adversarial.harness``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.adversarial.builders import ARTICLE, DRAFT, data_edit, draft_with, export_to, files, mkdirs
from tests.adversarial.checks import absent, lines_at_most, same_bytes, sqlite_ok
from tests.adversarial.harness import (
    ROOT,
    Case,
    CaseTable,
    assert_keeps_promises,
    params,
    set_cell,
    workspace,
)

CASES = CaseTable()


# ---------------------------------------------------------------- the draft's folder (--out)

B = "draft options"

CASES.add(
    "B14",
    B,
    "--out an existing folder of the user's",
    "exit 2 one line; the user's file kept",
    draft_with(make=files(out__mine_txt=b"mine")),
    (2,),
    same_bytes("out/mine_txt", b"mine"),
)

CASES.add(
    "B15",
    B,
    "--out a symbolic link to a folder",
    "exit 2 one line; nothing written through it",
    draft_with(make=lambda t: ((t / "elsewhere").mkdir(), os.symlink(t / "elsewhere", t / "out"))),
    (2,),
    lambda t, r: "wrote through link" if any((t / "elsewhere").iterdir()) else None,
)

CASES.add(
    "B16",
    B,
    "--out an existing file",
    "exit 2 one line; the file kept",
    draft_with(make=files(out=b"mine")),
    (2,),
    same_bytes("out", b"mine"),
)

CASES.add(
    "B17",
    B,
    "--out inside data/",
    "exit 2 one line",
    draft_with("--out", "{tmp}/data/draft"),
    (2,),
    absent("data/draft"),
)

CASES.add(
    "B18",
    B,
    "--out inside seeds/",
    "exit 2 one line",
    draft_with("--out", "{tmp}/seeds/draft"),
    (2,),
    absent("seeds/draft"),
)

CASES.add(
    "B19", B, "--out equal to the data folder", "exit 2 one line", draft_with("--out", "{tmp}/data"), (2,)
)


def _redraft(tmp: Path) -> list[str]:
    import subprocess

    workspace(tmp)
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    argv = ["draft", str(tmp / "a.txt"), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")]
    subprocess.run(
        [sys.executable, "-m", "helpers", *argv],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    with (tmp / "out" / "statements.csv").open("a", encoding="utf-8") as f:
        f.write("analyst's edit\n")
    return argv


CASES.add(
    "B21",
    B,
    "redraft over a draft (edited after it was written)",
    "by design exit 0: a draft folder is the drafter's, replaced whole",
    _redraft,
    (0,),
    lambda t, r: (
        None if "analyst's edit" not in (t / "out" / "statements.csv").read_text() else "not replaced whole"
    ),
)


def _dots(tmp: Path) -> list[str]:
    workspace(tmp)
    (tmp / "...txt").write_text(ARTICLE, encoding="utf-8")
    return ["draft", str(tmp / "...txt"), "--data", str(tmp / "data"), *DRAFT]


CASES.add(
    "B24",
    B,
    "article named '...txt' with no --out (drafts/<stem> is drafts/..)",
    "exit 2; nothing written into the project",
    _dots,
    (2,),
    lambda t, r: "wrote into the project" if (ROOT / "draft.md").exists() else None,
)

# ---------------------------------------------------------------- an export's file (OUT)

E = "export target"

CASES.add(
    "E01",
    E,
    "OUT.db is a folder",
    "exit 2 one line; the folder kept",
    export_to("sqlite", "{tmp}/o.db", mkdirs("o.db")),
    (2,),
    lines_at_most(2),
)

CASES.add(
    "E02",
    E,
    "OUT.db a symlink to the user's file",
    "exit 2; the target kept",
    export_to(
        "sqlite",
        "{tmp}/o.db",
        lambda t: ((t / "mine").write_bytes(b"mine"), os.symlink(t / "mine", t / "o.db")),
    ),
    (2,),
    same_bytes("mine", b"mine"),
)

CASES.add(
    "E03",
    E,
    "OUT.db in a read-only folder",
    "exit 2 one line",
    export_to("sqlite", "{tmp}/ro/o.db", lambda t: ((t / "ro").mkdir(), os.chmod(t / "ro", 0o555))),
    (2,),
    lines_at_most(2),
    as_user=True,
)

CASES.add(
    "E04",
    E,
    "OUT.db an existing text file of the user's (named as OUT)",
    "exit 0 (named, replaced whole) and a database",
    export_to("sqlite", "{tmp}/o.db", files(o_db=b"notes")),
    (0, 2),
    lambda t, r: sqlite_ok("o.db")(t, r) if r.code == 0 else None,
)

CASES.add(
    "E05",
    E,
    "metadata beside OUT is the user's file",
    "exit 2 one line, the user's file kept (not named by the user)",
    export_to("sqlite", "{tmp}/o.db", lambda t: (t / "o.metadata.json").write_bytes(b"my notes")),
    (2,),
    same_bytes("o.metadata.json", b"my notes"),
)

CASES.add(
    "E06",
    E,
    "metadata beside OUT is a folder",
    "exit 2; no database left half-done",
    export_to("sqlite", "{tmp}/o.db", mkdirs("o.metadata.json")),
    (2,),
    absent("o.db"),
)

CASES.add(
    "E07",
    E,
    "OUT's parent does not exist",
    "exit 2 one line",
    export_to("claimreview", "{tmp}/no/such/x.jsonld"),
    (2,),
    lines_at_most(2),
)

CASES.add(
    "E08",
    E,
    "OUT is /dev/null",
    "exit 2 one line (a device)",
    export_to("annotations", "/dev/null"),
    (2,),
    lines_at_most(2),
)

CASES.add(
    "E09",
    E,
    "OUT ends with /",
    "exit 2 one line",
    export_to("claimreview", "{tmp}/x/"),
    (2,),
    lines_at_most(2),
)

CASES.add(
    "E10",
    E,
    "OUT a dangling symlink",
    "exit 2; nothing created at its target",
    export_to("claimreview", "{tmp}/l.jsonld", lambda t: os.symlink(t / "target", t / "l.jsonld")),
    (2,),
    absent("target"),
)


def _fifo_out(tmp: Path) -> None:
    os.mkfifo(tmp / "p.jsonld")


CASES.add(
    "E17",
    E,
    "OUT in a folder whose name is not UTF-8",
    "exit 0, or 2 one line",
    lambda tmp: (
        workspace(tmp),
        os.mkdir(os.fsencode(tmp) + b"/o\xff"),
        ["export", "sqlite", os.fsdecode(os.fsencode(tmp) + b"/o\xff/x.db"), "--data", str(tmp / "data")],
    )[-1],
    (0, 2),
    lines_at_most(2),
)

CASES.add(
    "E11",
    E,
    "OUT a named pipe",
    "exit 2 at once, never hangs",
    export_to("claimreview", "{tmp}/p.jsonld", _fifo_out),
    (2,),
    timeout=20,
)

CASES.add(
    "E13",
    E,
    "export of invalid data",
    "exit 1; nothing written",
    data_edit(lambda t, d: set_cell(d / "statements.csv", 1, "stance", "bogus"), "export:sqlite"),
    (1,),
    absent("out"),
)

CASES.add(
    "E14",
    E,
    "OUT inside seeds/",
    "exit 2",
    export_to("claimreview", "{tmp}/seeds/x.jsonld"),
    (2,),
    absent("seeds/x.jsonld"),
)

CASES.add(
    "E15",
    E,
    "OUT is the data descriptor",
    "exit 2; descriptor kept",
    export_to("claimreview", "{tmp}/data/datapackage.json"),
    (2,),
)

CASES.add(
    "E16",
    E,
    "sqlite OUT with its -journal name taken by a folder",
    "exit 0 or 2 one line",
    export_to("sqlite", "{tmp}/o.db", mkdirs("o.db-journal")),
    (0, 2),
    lines_at_most(2),
)


@pytest.mark.parametrize("case", params(CASES))
def test_output_goes_only_where_it_is_named(case: Case, tmp_path: Path) -> None:
    """The output is written where it was named, whole, or refused in a line with nothing else touched."""
    assert_keeps_promises(case, tmp_path)
