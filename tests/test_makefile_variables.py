"""The Makefile's variables hold data, never shell code: quotes, backticks and ``$(...)`` in ARTICLE,
OUTLET, OUT and DATA never run a command, and a DATA path with a space is passed whole.

Each case runs ``make`` with a stamp newer than the requirements and a Python that refuses pip, so
nothing is installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.adversarial.builders import ARTICLE
from tests.adversarial.checks import says
from tests.adversarial.harness import ROOT, Case, CaseTable, Run, assert_keeps_promises, params, workspace

CASES = CaseTable()


L = "makefile variables"

MK = "make -s PY={tmp}/py STAMP={tmp}/stamp VENV=/nonexistent-h3"


def make_env(tmp: Path) -> str:
    """A stamp newer than requirements.txt and a Python that refuses pip: make never installs."""
    (tmp / "stamp").touch()
    (tmp / "py").write_text(
        '#!/bin/sh\nif [ "$1 $2" = "-m pip" ]; then echo refused pip >&2; exit 99; fi\n'
        f'exec {sys.executable} "$@"\n'
    )
    (tmp / "py").chmod(0o755)
    return MK.format(tmp=tmp)


def _make(target: str, assignments: str, expect_file: str = "pwned"):
    def build(tmp: Path) -> list[str]:
        workspace(tmp)
        (tmp / "h3mk-a.txt").write_text(ARTICLE, encoding="utf-8")
        return [make_env(tmp) + f" {target} " + assignments.replace("{tmp}", str(tmp))]

    return build


def _not_pwned(tmp: Path, r: Run) -> str | None:
    import shutil

    for d in (ROOT / "drafts").glob("h3mk-*"):
        shutil.rmtree(d)
    return "shell command in a variable ran" if (tmp / "pwned").exists() else None


CASES.add(
    "L01",
    L,
    "ARTICLE holding a double quote and a command",
    "the command never runs",
    _make(
        "draft",
        "'ARTICLE={tmp}/h3mk-a.txt\"; touch {tmp}/pwned; echo \"' "
        "PUBLISHED=2024-11-05 OUTLET=R URL=https://e.org DATA={tmp}/data",
    ),
    (0, 1, 2),
    _not_pwned,
)

CASES.add(
    "L02",
    L,
    "OUTLET holding backticks",
    "the command never runs; outlet kept as text",
    _make(
        "draft",
        "ARTICLE={tmp}/h3mk-a.txt PUBLISHED=2024-11-05 'OUTLET=`touch {tmp}/pwned`' "
        "URL=https://e.org DATA={tmp}/data",
    ),
    (0, 1, 2),
    _not_pwned,
)

CASES.add(
    "L03",
    L,
    "OUT for briefing holding $(...) after a quote",
    "the command never runs",
    _make("briefing", "DATA={tmp}/data 'OUT={tmp}/data/o\"`touch {tmp}/pwned`\"'"),
    (0, 1, 2),
    _not_pwned,
)

CASES.add(
    "L04",
    L,
    "migrate with DATA holding a space",
    "the folder passed whole",
    lambda tmp: (
        workspace(tmp),
        (tmp / "data").rename(tmp / "my data"),
        [make_env(tmp) + f" migrate 'DATA={tmp}/my data'"],
    )[-1],
    (0,),
    says("my data"),
    shell=True,
)

CASES.add(
    "L05",
    L,
    "datasette export with DATA holding a command",
    "the command never runs",
    lambda tmp: (
        workspace(tmp),
        [make_env(tmp) + f" datasette 'DATA={tmp}/data;touch {tmp}/pwned;' DB={tmp}/o.db"],
    )[-1],
    (0, 1, 2),
    _not_pwned,
    shell=True,
)

CASES.add(
    "L06",
    L,
    "draft with DATA holding a space",
    "the folder passed whole",
    lambda tmp: (
        workspace(tmp),
        (tmp / "h3mk-a.txt").write_text(ARTICLE),
        (tmp / "data").rename(tmp / "my data"),
        [
            make_env(tmp)
            + f" draft ARTICLE={tmp}/h3mk-a.txt PUBLISHED=2024-11-05 OUTLET=R URL=https://e.org"
            + f" 'DATA={tmp}/my data'"
        ],
    )[-1],
    (0,),
    _not_pwned,
    shell=True,
)

for c in CASES:  # every case here is one shell command line running make
    c.shell = True


@pytest.mark.parametrize("case", params(CASES))
def test_make_passes_variables_as_data(case: Case, tmp_path: Path) -> None:
    """The command in the variable never runs; the value reaches the command as one argument."""
    assert_keeps_promises(case, tmp_path)
