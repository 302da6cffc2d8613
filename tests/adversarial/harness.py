"""A case from the outside: what it builds, what the README promises for it, and running it.

A case builds its input in a temporary folder, runs ``python -m helpers`` (or ``make``) from the
project root as a user would, and is broken when the run gives a traceback, exits with another
status than the case allows, changes ``data/`` or ``seeds/`` (unless the case may), or fails its
own check."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASE_DATA = ROOT / "data"
BASE_SEEDS = ROOT / "seeds"
HISTORY = ROOT / "tests" / "fixtures" / "history"


@dataclass
class Run:
    """What one command did."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """Standard output and error together."""
        return self.out + self.err


Check = Callable[[Path, Run], str | None]


@dataclass
class Case:
    """One case: how to build its input and what the README promises for it."""

    id: str
    cls: str
    input: str
    expected: str
    build: Callable[[Path], list[str] | list[list[str]]]
    codes: tuple[int, ...]
    check: Check | None = None
    env: Callable[[Path], dict[str, str]] | None = None
    shell: bool = False  # the build returns one shell command line (Makefile cases)
    slow: bool = False
    timeout: float = 60
    data_may_change: bool = False
    # The case needs a folder's read-only mode to hold. Root writes through any mode with
    # CAP_DAC_OVERRIDE, so as root the command runs without that capability (``UNPRIVILEGED``).
    as_user: bool = False


class CaseTable(list[Case]):
    """The cases of one test module, in the order they are written."""

    def add(self, *args: object, **kw: object) -> None:
        """Register one case (the fields of ``Case``, in order)."""
        self.append(Case(*args, **kw))  # type: ignore[arg-type]


# As root, what a case that needs a read-only mode runs under: root without CAP_DAC_OVERRIDE
# is refused by a folder's mode as any user is (the owner's bits still apply to root's own files).
UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override"]


def _prefix(case: Case) -> list[str]:
    """What the case's commands run under: nothing, or ``UNPRIVILEGED`` for root."""
    return UNPRIVILEGED if case.as_user and os.geteuid() == 0 else []


def workspace(tmp: Path) -> Path:
    """Copy the reference data and seeds into ``tmp``; return the data folder."""
    shutil.copytree(BASE_DATA, tmp / "data")
    shutil.copytree(BASE_SEEDS, tmp / "seeds")
    return tmp / "data"


def rows(path: Path) -> list[list[str]]:
    """Every row of a CSV, header first."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, table: list[list[str]]) -> None:
    """Write a CSV whole."""
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set the cell of data row ``row`` (1 = first after the header) in ``column``."""
    table = rows(path)
    table[row][table[0].index(column)] = value
    write_rows(path, table)


def descriptor(data: Path) -> dict:
    """The data folder's descriptor."""
    return json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(data: Path, desc: dict) -> None:
    """Write the descriptor back."""
    (data / "datapackage.json").write_text(json.dumps(desc, indent=2, ensure_ascii=False), encoding="utf-8")


def fields(desc: dict, table: str) -> list[dict]:
    """The declared fields of one table."""
    res = next(r for r in desc["resources"] if r["name"] == table)
    return res["schema"]["fields"]


def add_document(tmp: Path, text: str | bytes, doc_id: str = "h3", name: str = "h3.txt") -> str:
    """Store a document under seeds/ and add its row; return its path."""
    data = tmp / "data"
    raw = text.encode("utf-8") if isinstance(text, str) else text
    (tmp / "seeds" / name).write_bytes(raw)
    table = rows(data / "documents.csv")
    head = table[0]
    row = dict.fromkeys(head, "")
    row.update(
        document_id=doc_id,
        title="Hostile document",
        outlet="Test",
        published="2024-10-23",
        published_basis="test input",
        path=f"seeds/{name}",
        sha256=hashlib.sha256(raw).hexdigest(),
        excerpt="false",
    )
    table.append([row[h] for h in head])
    write_rows(data / "documents.csv", table)
    return f"seeds/{name}"


def fingerprint(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` by relative path (to prove nothing changed)."""
    if not folder.is_dir():
        return {}
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _run_once(argv: list[str], env: dict[str, str], timeout: float) -> Run:
    """One process from the project root, no input, its output decoded whatever its bytes."""
    proc = subprocess.run(
        argv, cwd=ROOT, env=env, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
    )
    return Run(
        proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    )


def run(case: Case, tmp: Path) -> tuple[Run, list[str]]:
    """Build the case's input in ``tmp``, run it, and return what it did and what it broke."""
    built = case.build(tmp)
    env = {k: v for k, v in os.environ.items() if k != "WORKBOOK_DATA"}
    env["PYTHONPATH"] = str(ROOT)
    if case.env:
        env.update(case.env(tmp))
        env = {k: v for k, v in env.items() if v is not None}
    before = {d: fingerprint(tmp / d) for d in ("data", "seeds")}
    broken: list[str] = []
    if case.shell:
        assert isinstance(built[0], str)
        result = _run_once([*_prefix(case), "bash", "-c", " ".join(built)], env, case.timeout)  # type: ignore[arg-type]
    elif built and isinstance(built[0], list):
        procs = [
            subprocess.Popen(
                [*_prefix(case), sys.executable, "-m", "helpers", *argv],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
            )
            for argv in built
        ]
        outs = [p.communicate(timeout=case.timeout) for p in procs]
        code = max(p.returncode for p in procs)
        result = Run(
            code,
            "\n".join(o.decode("utf-8", "replace") for o, _ in outs),
            "\n".join(e.decode("utf-8", "replace") for _, e in outs),
        )
        result.codes = [p.returncode for p in procs]  # type: ignore[attr-defined]
    else:
        argv = [*_prefix(case), sys.executable, "-m", "helpers", *built]
        result = _run_once(argv, env, case.timeout)  # type: ignore[list-item]
    if "Traceback" in result.text:
        broken.append("traceback")
    if result.code not in case.codes:
        broken.append(f"exit {result.code}, expected {case.codes}")
    if not case.data_may_change:
        for d in ("data", "seeds"):
            if fingerprint(tmp / d) != before[d]:
                broken.append(f"{d}/ changed")
    if case.check:
        why = case.check(tmp, result)
        if why:
            broken.append(why)
    return result, broken


def params(cases: Iterable[Case], left: Mapping[str, str] | None = None) -> list[object]:
    """One pytest parameter per case, but those ``left`` alone (id: reason), with the case's marks.

    Every case starts a process (``cli``); a slow one builds the briefing (``build``). A case that
    needs a read-only mode runs as root too, without CAP_DAC_OVERRIDE, which needs ``setpriv``.
    """
    out = []
    for case in cases:
        if left and case.id in left:
            continue
        marks: list[pytest.MarkDecorator] = [pytest.mark.cli]
        if case.slow:
            marks.append(pytest.mark.build)
        if case.as_user and os.geteuid() == 0 and not shutil.which(UNPRIVILEGED[0]):
            marks.append(pytest.mark.skip(reason="as root, a read-only mode holds only under setpriv"))
        out.append(pytest.param(case, id=f"{case.id}-{case.cls.replace(' ', '-')}", marks=marks))
    return out


def assert_keeps_promises(case: Case, tmp: Path) -> None:
    """Run the case in ``tmp`` and fail, naming what it broke, when it broke anything."""
    try:
        result, broken = run(case, tmp)
    finally:
        for folder in tmp.rglob("*"):  # so that pytest can remove what a case made read-only
            if folder.is_dir() and not folder.is_symlink():
                folder.chmod(0o755)
    assert not broken, f"{case.id} ({case.input}): {'; '.join(broken)}\n{result.text[:2000]}"
