"""Run the round-3 cases and print their table (Markdown).

``python -m tests.hostile_round3.table [ID or class ...]``
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.hostile_round3.base import run
from tests.hostile_round3.cases import CASES


def cell(text: str, width: int = 160) -> str:
    """One table cell: first lines, escaped, capped."""
    first = " / ".join(line for line in text.strip().splitlines()[:2])
    first = first.encode("unicode_escape").decode("ascii").replace("|", "\\|")
    return first[:width] + ("…" if len(first) > width else "")


def main(ids: list[str]) -> int:
    """Print the table; exit 1 when a case is not handled."""
    print("| id | class | input | expected | observed | verdict |")
    print("|---|---|---|---|---|---|")
    bad = 0
    for c in CASES:
        if ids and c.id not in ids and c.cls not in ids:
            continue
        tmp = Path(tempfile.mkdtemp(prefix=f"hostile3-{c.id}-"))
        try:
            try:
                r, broken = run(c, tmp)
                observed = f"exit {r.code}: {cell(r.text)}"
            except Exception as e:
                broken, observed = [f"harness: {type(e).__name__}: {e}"], "—"
            verdict = "handled" if not broken else "NOT handled: " + "; ".join(broken)
            bad += bool(broken)
            print(
                f"| {c.id} | {c.cls} | {cell(c.input, 90)} | {c.expected} | {observed} | {verdict} |",
                flush=True,
            )
        finally:
            for p in tmp.rglob("*"):
                if p.is_dir() and not p.is_symlink():
                    p.chmod(0o755)
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
