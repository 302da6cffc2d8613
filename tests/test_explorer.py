"""The explorer driven from Python: filters and weights change what it shows, reset restores it."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import grades, load_workbook, views
from helpers.analysis.admiralty import CREDIBILITY_WEIGHTS
from helpers.analysis.whatif import Filters, Weights, apply_filters, recompute
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present.explorer import DRAW_AFTER, TABLE_ROWS, Explorer
from helpers.present.sentences import troop_range
from tests.synthetic import grow


@pytest.fixture
def explorer() -> Explorer:
    return Explorer(load_workbook(REFERENCE_DATA_DIR))


# Combat and non-combat deployment tie with nothing against them; "Other" (S07), the deception
# hypothesis (the absent indicator) and "No deployment, reports mistaken" follow.
RANKS = {"H1": 1, "H2": 1, "H3": 5, "H4": 4, "H5": 3}


def _ranks(explorer: Explorer) -> dict[str, int]:
    return dict(zip(explorer.results.ranking["hypothesis_id"], explorer.results.ranking["rank"], strict=True))


def test_starts_at_the_curated_settings(explorer: Explorer) -> None:
    assert explorer.results.troop_range == {
        "sent to": (1500.0, 1500.0),
        "preparing for combat": (10000.0, 10000.0),
    }
    assert len(explorer.results.statements) == 20  # S01 is overtaken by S02, Austin's own later word
    assert "<b>20</b> of 21 statements count" in explorer.count.value
    assert _ranks(explorer) == RANKS
    assert bytes(explorer.timeline.value).startswith(b"\x89PNG")
    assert bytes(explorer.troops.value).startswith(b"\x89PNG")


def test_leaving_out_interested_parties_drops_zelenskys_10000(explorer: Explorer) -> None:
    before = (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value)
    explorer.interested.value = True
    assert explorer.results.troop_range == {"sent to": (1500.0, 1500.0)}
    assert "give: 1,500 sent." in explorer.results_html.value
    assert _ranks(explorer) == RANKS
    support = explorer.results.support.set_index("proposition_id")
    assert support.at["troops-in-russia", "denying"] == 0.0  # North Korea's denial weighs nothing anyway
    # Zelensky's claim, carried by implication, goes: 0.96 is too little to assess
    assert support.at["troops-in-russia", "affirming"] == pytest.approx(0.96)
    assert support.at["troops-in-russia", "balance"] == "cannot assess"
    assert ">S13<" not in explorer.table.value and ">S14<" not in explorer.table.value  # Zelensky's
    after = (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value)
    assert all(a != b for a, b in zip(before, after, strict=True)), "every view updates together"


def test_source_filter_updates_table_and_charts(explorer: Explorer) -> None:
    explorer.source.value = ("austin",)
    assert set(explorer.results.statements["source"]) == {"Austin"}
    assert "<b>4</b> of 21" in explorer.count.value  # S02-S05; S01 is overtaken
    assert explorer.results.troop_range == {}
    assert "No troop-number claim remains" in explorer.results_html.value


def test_minimum_grade_and_dates(explorer: Explorer) -> None:
    explorer.min_reliability.value = "C"  # the grade that counts: no chain here is better than C
    assert set(explorer.results.statements["reliability"].astype(str)) == {"C"}
    explorer.min_reliability.value = "F"
    explorer.as_of.value = explorer.as_of.options[1][1]  # as known on 21 October: S01 stood then
    assert "S01" in set(explorer.results.statements["statement_id"])
    explorer.as_of.value = None
    explorer.period.index = (0, 0)  # said by 21 October: what was known then, S01 standing
    assert sorted(explorer.results.statements["statement_id"]) == ["S01", "S07", "S08"]
    explorer.min_credibility.value = 2
    assert sorted(explorer.results.statements["statement_id"]) == ["S01", "S07"]


def test_weights_move_support_and_ranking(explorer: Explorer) -> None:
    explorer.reliability_weights["C"].value = 1.0  # the outlet's grade counts fully
    support = explorer.results.support.set_index("proposition_id").loc["troops-in-russia"]
    # Austin and the spy agency 1 x 0.8 each; Zelensky's hedged claim 1 x 0.6 x 0.5
    assert support["affirming"] == pytest.approx(1.9) and support["denying"] == 0.0
    assert support["p"] == pytest.approx(1 / (1 + 4**-1.9), abs=1e-4) and support["balance"] == "very likely"
    explorer.reliability_weights["D"].value = 1.0  # North Korea's denial is self-serving: still nothing
    assert explorer.results.support.set_index("proposition_id").at["troops-in-russia", "denying"] == 0.0
    explorer.reset()
    assert explorer.credibility_weights[3].value == CREDIBILITY_WEIGHTS[3]
    assert (
        explorer.results.support.set_index("proposition_id").at["troops-in-russia", "balance"]
        == "very likely"
    )


def test_a_weight_moves_the_numbers_and_leaves_the_views(explorer: Explorer) -> None:
    views = (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value)
    before = explorer.results_html.value
    explorer.credibility_weights[2].value = 0.1
    assert explorer.results_html.value != before
    assert (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value) == views
    explorer.source.value = ("nis", "zelensky")  # a filter after a weight keeps the new weight
    assert explorer.results.support.set_index("proposition_id").at["troops-in-russia", "affirming"] == (
        pytest.approx(0.6 * 0.1 + 0.6 * 0.6 * 0.5)  # the spy agency's C2, and Zelensky's hedged C3
    )


def test_reset_restores_everything(explorer: Explorer) -> None:
    explorer.source.value = ("nis",)
    explorer.interested.value = True
    explorer.reliability_weights["B"].value = 0.1
    explorer.reset()
    assert explorer.source.value == () and not explorer.interested.value
    assert explorer.results.troop_range == {
        "sent to": (1500.0, 1500.0),
        "preparing for combat": (10000.0, 10000.0),
    }
    assert _ranks(explorer) == RANKS


def test_many_statements_show_the_earliest_rows_and_bundle_the_timeline(tmp_path: Path) -> None:
    big = Explorer(load_workbook(grow(tmp_path, 1_000)))
    current = len(views.current_statements(big.wb))  # copies of S01 are overtaken by S02
    assert f"<b>{current:,}</b> of 1,000 statements count" in big.count.value
    assert f"Statements ({TABLE_ROWS} of {current:,} shown)" in big.table.value
    assert big.table.value.count("<tr>") == TABLE_ROWS + 1  # the header row and the rows shown
    # The earliest come first: the rows run in date order from 21 October.
    days = [int(d) for d in re.findall(r">(\d+) Oct 2024", big.table.value)]
    assert days[0] == 21 and days == sorted(days)
    assert big._pictures[0][1].endswith("Replies are not drawn at this size.")
    big.source.value = ("nis",)
    assert big.results.troop_range == {"sent to": (1500.0, 1500.0)}


def test_pure_functions_without_widgets() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    graded = grades.graded_statements(wb)
    kept = apply_filters(graded, Filters(stances=("denies",), end=pd.Timestamp("2024-10-22")))
    assert kept["statement_id"].tolist() == ["S08"]
    assert troop_range(recompute(wb, kept, Weights()).troop_range) == "No troop-number claim remains."


def test_static_view_replaces_widgets_outside_a_kernel(explorer: Explorer) -> None:
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab shows live controls
    html = bundle["text/html"]
    assert html.count("<img") == 2 and 'alt="' in html and "statements count" in html
    assert (
        bundle["text/plain"]
        == "Explorer: The remaining claims give: 1,500 sent; 10,000 preparing for combat."
    )


def test_in_a_kernel_the_numbers_answer_first_and_the_charts_follow_once(explorer: Explorer) -> None:
    """Inside a running event loop (as in a kernel), a change shows its numbers and table at once;
    the charts are drawn once the loop has been quiet, and only for the last of quick changes."""
    drawn: list[int] = []
    draw = explorer._draw_charts

    def counting(results: object) -> None:
        drawn.append(len(explorer.results.statements))
        draw(results)  # type: ignore[arg-type]

    explorer._draw_charts = counting  # type: ignore[method-assign]
    troops_before, table_before = bytes(explorer.troops.value), explorer.table.value

    async def change() -> None:
        explorer.interested.value = True
        explorer.interested.value = False
        explorer.interested.value = True
        assert explorer.table.value != table_before  # the answer is already there
        assert bytes(explorer.troops.value) == troops_before and not drawn  # the charts are not yet
        await asyncio.sleep(DRAW_AFTER * 3)

    asyncio.run(change())
    assert drawn == [len(explorer.results.statements)]  # drawn once, for the last setting
    assert bytes(explorer.troops.value) != troops_before


def test_a_static_view_taken_before_the_charts_are_drawn_draws_them(explorer: Explorer) -> None:
    async def change_then_show() -> str:
        explorer.interested.value = True
        return explorer.static_html()

    page = asyncio.run(change_then_show())
    alone = Explorer(explorer.wb)
    alone.interested.value = True  # no event loop: drawn at once
    assert page == alone.static_html()
