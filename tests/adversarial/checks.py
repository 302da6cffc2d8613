"""Checks a case makes of its run beyond the exit status: each returns why it failed, or None."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from tests.adversarial.harness import Run


def lines_at_most(n: int):
    """The answer is at most ``n`` lines."""

    def check(tmp: Path, r: Run) -> str | None:
        count = len([x for x in r.text.splitlines() if x.strip()])
        return None if count <= n else f"{count} lines of output"

    return check


def says(*words: str):
    """The answer mentions every word (case aside)."""

    def check(tmp: Path, r: Run) -> str | None:
        missing = [w for w in words if w.lower() not in r.text.lower()]
        return f"does not say {missing}" if missing else None

    return check


def all_of(*checks):
    """Every check passes."""

    def check(tmp: Path, r: Run) -> str | None:
        for c in checks:
            why = c(tmp, r)
            if why:
                return why
        return None

    return check


def absent(rel: str):
    """Nothing was written at ``rel``."""

    def check(tmp: Path, r: Run) -> str | None:
        p = tmp / rel
        return f"{rel} written" if os.path.lexists(p) else None

    return check


def same_bytes(rel: str, content: bytes):
    """The user's file at ``rel`` still holds ``content``."""

    def check(tmp: Path, r: Run) -> str | None:
        p = tmp / rel
        if not p.exists() or p.is_dir():
            return f"{rel} lost"
        return None if p.read_bytes() == content else f"{rel} overwritten"

    return check


def no_raw(*needles: str, rel: str | None = None):
    """No raw needle in the terminal answer (or in the file ``rel``)."""

    def check(tmp: Path, r: Run) -> str | None:
        text = r.text
        if rel is not None:
            files = [tmp / rel] if (tmp / rel).is_file() else sorted((tmp / rel).rglob("*"))
            # A database and a PDF hold the data's text as data, not as markup: only what a browser reads.
            text = "".join(
                p.read_text("utf-8", "replace")
                for p in files
                if p.is_file() and p.suffix not in (".db", ".pdf")
            )
        hit = [n for n in needles if n in text]
        return f"raw {hit!r} in {rel or 'terminal'}" if hit else None

    return check


def sqlite_ok(rel: str):
    """``rel`` is a whole SQLite database with the statements table."""

    def check(tmp: Path, r: Run) -> str | None:
        try:
            with sqlite3.connect(f"file:{tmp / rel}?mode=ro", uri=True) as db:
                db.execute("select count(*) from statements").fetchone()
        except sqlite3.Error as e:
            return f"{rel} not a database: {e}"
        return None

    return check


def json_ok(rel: str):
    """``rel`` parses as JSON."""

    def check(tmp: Path, r: Run) -> str | None:
        try:
            json.loads((tmp / rel).read_text("utf-8"))
        except (OSError, ValueError) as e:
            return f"{rel} not JSON: {e}"
        return None

    return check


def pdf_ok(tmp: Path, r: Run) -> str | None:
    """The briefing's PDF was written (``out/briefing.pdf``, a PDF by its first bytes)."""
    pdf = tmp / "out" / "briefing.pdf"
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        return "no PDF"
    return None
