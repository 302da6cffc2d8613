"""The frame of the round-3 hostile cases: a case, its workspace, and running the command line."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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
    """One hostile case: how to build its input and what the README promises for it."""

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
        result = _run_once(["bash", "-c", " ".join(built)], env, case.timeout)  # type: ignore[arg-type]
    elif built and isinstance(built[0], list):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "helpers", *argv],
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
        result = _run_once([sys.executable, "-m", "helpers", *built], env, case.timeout)  # type: ignore[list-item]
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
