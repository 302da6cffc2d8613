"""The notebooks are stored executed, tell a story in the agreed shape, and nbval guards their numbers."""

from __future__ import annotations

import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from helpers import load_workbook
from helpers.paths import PROJECT_ROOT, REFERENCE_DATA_DIR
from helpers.publish.execute import WIDGET_VIEW, execute, notebook_paths

from .conftest import edit

NOTEBOOKS = notebook_paths()
NBVAL = [
    "--nbval",
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
]  # as `make test`
MAX_CODE_LINES = 6  # logic lives in helpers/; a notebook cell only calls it


def _load(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def test_notebooks_exist() -> None:
    assert [p.name[:2] for p in NOTEBOOKS] == [f"{i:02d}" for i in range(1, len(NOTEBOOKS) + 1)]
    assert len(NOTEBOOKS) >= 4


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_executed_without_warnings(path: Path) -> None:
    code = [c for c in _load(path).cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "re-run `make execute`"
    assert all(c.outputs for c in code), "every code cell shows something"
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error"
            assert not (output.output_type == "stream" and output.name == "stderr"), output.get("text")
            plain = output.get("data", {}).get("text/plain", "")
            assert " at 0x" not in plain, f"a bare object repr: {plain}"
            assert WIDGET_VIEW not in output.get("data", {}), "a live widget view: its state is gone"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_reads_as_a_story(path: Path) -> None:
    cells = _load(path).cells
    first = cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ") and "**Question.**" in first.source
    # It says what it reads: up front, or (the briefing, whose readers never run it) in its setup.
    setup = cells[1].source if "remove-from-briefing" in cells[1].metadata.get("tags", []) else ""
    assert "WORKBOOK_DATA" in first.source + setup
    closing = ("## Findings", "## ICD 203 analytic standards")  # the briefing closes on its checklist
    assert any(c.cell_type == "markdown" and c.source.startswith(closing) for c in cells[-2:])
    for before, cell in pairwise(cells):
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= MAX_CODE_LINES, cell.source
            assert before.cell_type == "markdown", f"no sentence before: {cell.source}"
    headings = [c.source for c in cells if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert len(headings) >= 3


@pytest.mark.build
def test_changed_headline_number_fails_nbval(workspace: Path) -> None:
    """Zelensky's 10,000 becomes 12,000: the stored outputs of notebook 02 must no longer match."""
    edit(workspace / "troop_claims.csv", "TC02,S13,10000,", "TC02,S13,12000,")
    env = {**os.environ, "WORKBOOK_DATA": str(workspace)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *NBVAL,
            "notebooks/02_troop_numbers.ipynb",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout[-2000:]
    assert "12,000" in done.stdout and "mismatch" in done.stdout


@pytest.mark.build
def test_bad_data_shows_the_problems_in_a_notebook_not_a_traceback(workspace: Path) -> None:
    edit(workspace / "statements.csv", "2024-10-23", "2024-10-32")
    with pytest.raises(CellExecutionError) as failure:
        execute(NOTEBOOKS[0], workspace)
    shown = str(failure.value)
    assert "data/statements.csv, line" in shown and "column said_on" in shown and "'type-error'" in shown
    assert "workbook.py" not in shown and "validate/" not in shown and "Traceback" not in shown


# Names that belong to the methods, not to one article: the Admiralty code is NATO's standard.
METHOD_WORDS = {"NATO"}
TEMPLATE = PROJECT_ROOT / "helpers" / "publish" / "templates" / "briefing" / "index.html.j2"


def _facts_of_the_seed() -> set[str]:
    """Words that only fit the seed: its counts, speakers, hypotheses, title and document titles."""
    wb = load_workbook(REFERENCE_DATA_DIR)  # the seed as curated: data/ may hold any story
    facts = {f"{n:,}" for n in wb.troop_claims["count"]}
    facts |= set(wb.sources["label"]) - METHOD_WORDS
    facts |= set(wb.hypotheses["label"]) | set(wb.documents["title"]) | {wb.package.title}
    return facts


def test_prose_states_no_fact_of_one_article() -> None:
    """Notebook prose and the page template hold no number, name or title from the seed's data."""
    facts = _facts_of_the_seed()
    texts = {TEMPLATE.name: TEMPLATE.read_text(encoding="utf-8")}
    for path in NOTEBOOKS:
        for i, cell in enumerate(_load(path).cells):
            if cell.cell_type == "markdown":
                texts[f"{path.name} cell {i}"] = cell.source
    found = sorted((where, fact) for where, text in texts.items() for fact in facts if fact in text)
    assert found == []
