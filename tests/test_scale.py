"""Cost that grows gently: the all-at-once computations agree with the one-at-a-time rules they
replace, and large data gives pages a reader can use (capped tables and charts, text alternatives
of a paragraph), without a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given

from helpers import load_workbook
from helpers.analysis import balance, corroboration, troop_counts
from helpers.paths import PROJECT_ROOT, REFERENCE_DATA_DIR
from helpers.present import charts, relay_chart, styled_tables
from helpers.workbook import Workbook as LoadedWorkbook

from .synthetic import grow_claims, grow_propositions, grow_wide
from .workbooks import Workbook, workbooks


def _statements(generated: Workbook) -> tuple[LoadedWorkbook, pd.DataFrame]:
    with tempfile.TemporaryDirectory() as tmp:
        wb = load_workbook(generated.write(Path(tmp)))
    return wb, balance.statements_known(wb)


@given(workbooks())
def test_every_balance_at_once_equals_each_balance_alone(generated: Workbook) -> None:
    wb, statements = _statements(generated)
    together = balance.balances(statements, wb.propositions)
    bearing = balance.bearing_on(statements, wb.propositions)
    for pid, found in together.items():
        alone = balance.balance(pid, bearing[bearing["target"] == pid])
        assert (found.affirming, found.denying, found.p, found.term, found.confidence) == (
            alone.affirming, alone.denying, alone.p, alone.term, alone.confidence,
        )  # fmt: skip
        assert found.basis.equals(alone.basis) and found.cautions == alone.cautions


@given(workbooks())
def test_implications_carry_each_statement_to_every_proposition_it_bears_on(generated: Workbook) -> None:
    wb, statements = _statements(generated)
    bearing = balance.bearing_on(statements, wb.propositions)
    broader = balance.implications(wb.propositions)
    expected = set()
    for row in statements.itertuples():
        expected.add((row.statement_id, row.proposition_id))
        if row.stance == "affirms":
            expected |= {(row.statement_id, up) for up in broader[row.proposition_id]}
        if row.stance in ("denies", "no evidence"):
            expected |= {
                (row.statement_id, low) for low, above in broader.items() if row.proposition_id in above
            }
    assert set(zip(bearing["statement_id"], bearing["target"], strict=True)) == expected


def test_a_long_table_shows_its_first_rows_and_counts_the_rest() -> None:
    frame = pd.DataFrame({"n": range(styled_tables.MAX_ROWS + 100)})
    table = styled_tables.frame_table(frame, "long", "Numbers")
    page = table.to_html()
    assert page.count("<tr") == styled_tables.MAX_ROWS + 1  # the heading row and the rows shown
    assert f"the first {styled_tables.MAX_ROWS:,} of {styled_tables.MAX_ROWS + 100:,} rows" in page
    assert "… and 100 more rows" in table._repr_mimebundle_()["text/plain"]


def test_spread_reads_an_open_reading_at_its_count() -> None:
    open_ended = pd.DataFrame({"count": [100, 300], "count_low": [100, 300], "count_high": [pd.NA, pd.NA]})
    found = troop_counts.spread(open_ended)
    assert found is not None and (found["min"], found["max"]) == (100.0, 300.0)


def test_many_claims_build_their_pages_in_words(tmp_path: Path) -> None:
    wb = load_workbook(grow_claims(tmp_path, 700))
    table = troop_counts.claims_table(wb)
    pairs = troop_counts.compare_claims(table, troop_counts.Gazetteer.of(wb))
    assert len(pairs) <= troop_counts.MAX_PAIRS and sum(pairs.attrs["totals"].values()) > len(pairs)
    chart = charts.troop_numbers(wb)
    assert chart.png()[:4] == b"\x89PNG"
    assert len(chart.alt) < 6_000 and "more claim" in chart.alt  # a paragraph and a pointer to the table
    slow = troop_counts.revisions(table)  # no gazetteer: every place a world of its own
    fast = troop_counts.revisions(table, troop_counts.Gazetteer.of(wb))
    assert len(fast) >= len(slow)  # nested places join series; none is lost


def test_many_propositions_draw_two_screens_at_most(tmp_path: Path) -> None:
    wb = load_workbook(grow_propositions(tmp_path, 300))
    found = corroboration.corroboration(wb)
    assert len(found) == len(wb.propositions) and found["statements"].ge(1).all()
    chart = charts.corroboration_chart(wb)
    width, height = chart.figure.get_size_inches() * chart.figure.dpi
    assert height <= 2 * 1000 and width < 1200
    assert "more proposition" in chart.alt and len(chart.alt) < 6_000


def test_the_reference_data_reads_the_same_all_at_once() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    together = balance.balances(balance.statements_known(wb), wb.propositions)
    assert together["troops-in-russia"].affirming == 1.14 and set(together) <= set(
        wb.propositions["proposition_id"]
    )


DRAW_DOCUMENTS = (
    "import hashlib, sys; from helpers import load_workbook, charts; "
    "print(hashlib.sha256(charts.documents_over_time(load_workbook(sys.argv[1])).png()).hexdigest())"
)


@pytest.mark.cli
def test_a_chart_is_the_same_whatever_the_hash_seed() -> None:
    """Outlets first published on one day keep one order, so the same data draws the same bytes."""
    data = PROJECT_ROOT / "datasets" / "nk-troops-2024" / "data"
    drawn = {
        subprocess.run(
            [sys.executable, "-c", DRAW_DOCUMENTS, str(data)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(drawn) == 1


def test_every_chart_stays_within_two_screens_however_wide_the_data(tmp_path: Path) -> None:
    # 300 more hypotheses, sources and outlets: each one-row-per-thing chart draws what fits and
    # says, under it and in its text alternative, how many it left to the tables.
    wb = load_workbook(grow_wide(tmp_path, 300))
    capped = (charts.timeline, charts.sources_by_alignment, charts.ach_scores, charts.documents_over_time)
    for draw in (*capped, relay_chart.reporting_chains_chart, charts.grade_grid, charts.corroboration_chart):
        chart = draw(wb)
        width, height = chart.figure.get_size_inches() * chart.figure.dpi
        assert height <= 2 * 1000 and width < 1200, (draw.__name__, height)
        if draw in capped:
            assert "not drawn, to keep the chart within two screens" in chart.alt, draw.__name__
