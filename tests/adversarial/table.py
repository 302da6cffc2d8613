"""Run the cases from the outside and print their table (Markdown); the modules that hold them.

``python -m tests.adversarial.table [ID or class ...]``
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
from pathlib import Path

from tests.adversarial.harness import Case, run

# The test modules that hold cases, each a table named ``CASES``, in the order of the ids' letters.
MODULES = (
    "test_draft_article_files",
    "test_draft_options",
    "test_command_line_arguments",
    "test_odd_environments",
    "test_output_targets",
    "test_exports_keep_text_as_data",
    "test_values_at_the_edges",
    "test_schema_versions",
    "test_large_and_deep_data",
    "test_makefile_variables",
    "test_pages_hold_odd_text",
    "test_concurrent_runs",
)


def every_case() -> list[Case]:
    """The cases of every module, in the order of ``MODULES``."""
    return [c for name in MODULES for c in importlib.import_module(f"tests.{name}").CASES]


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
    for c in every_case():
        if ids and c.id not in ids and c.cls not in ids:
            continue
        tmp = Path(tempfile.mkdtemp(prefix=f"case-{c.id}-"))
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
