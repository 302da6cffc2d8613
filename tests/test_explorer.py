"""The explorer driven from Python: filters and weights change what it shows, reset restores it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import grades, load_workbook
from helpers.analysis.admiralty import CREDIBILITY_WEIGHTS
from helpers.analysis.whatif import Filters, Weights, apply_filters, recompute
from helpers.present.explorer import TABLE_ROWS, Explorer
from helpers.present.sentences import troop_range
from tests.synthetic import grow


@pytest.fixture
def explorer() -> Explorer:
    return Explorer(load_workbook())


def _ranks(explorer: Explorer) -> dict[str, int]:
    return dict(zip(explorer.results.ranking["hypothesis_id"], explorer.results.ranking["rank"], strict=True))


def test_starts_at_the_curated_settings(explorer: Explorer) -> None:
    assert explorer.results.troop_range == {
        "sent to": (1500.0, 1500.0),
        "preparing for combat": (10000.0, 10000.0),
    }
    assert len(explorer.results.statements) == 19
    assert "<b>19</b> of 19 statements match" in explorer.count.value
    assert _ranks(explorer) == {"H1": 1, "H2": 2, "H3": 3}
    assert bytes(explorer.timeline.value).startswith(b"\x89PNG")
    assert bytes(explorer.troops.value).startswith(b"\x89PNG")


def test_leaving_out_interested_parties_drops_zelenskys_10000(explorer: Explorer) -> None:
    before = (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value)
    explorer.interested.value = True
    assert explorer.results.troop_range == {"sent to": (1500.0, 1500.0)}
    assert "give: 1,500 sent." in explorer.results_html.value
    assert _ranks(explorer) == {"H1": 1, "H2": 1, "H3": 3}  # only belligerents' claims separated them
    support = explorer.results.support.set_index("proposition_id")
    assert support.at["troops-in-russia", "support"] == pytest.approx(1.0)
    assert ">S13<" not in explorer.table.value and ">S14<" not in explorer.table.value  # Zelensky's
    after = (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value)
    assert all(a != b for a, b in zip(before, after, strict=True)), "every view updates together"


def test_source_filter_updates_table_and_charts(explorer: Explorer) -> None:
    explorer.source.value = ("austin",)
    assert set(explorer.results.statements["source"]) == {"Austin"}
    assert "<b>5</b> of 19" in explorer.count.value
    assert explorer.results.troop_range == {}
    assert "No troop-number claim remains" in explorer.results_html.value


def test_minimum_grade_and_dates(explorer: Explorer) -> None:
    explorer.min_reliability.value = "B"
    assert set(explorer.results.statements["reliability"].astype(str)) == {"B"}
    explorer.min_reliability.value = "F"
    explorer.period.index = (0, 1)  # 20 and 21 October only
    assert sorted(explorer.results.statements["statement_id"]) == ["S01", "S07", "S08"]
    explorer.min_credibility.value = 2
    assert sorted(explorer.results.statements["statement_id"]) == ["S07"]


def test_weights_move_support_and_ranking(explorer: Explorer) -> None:
    explorer.credibility_weights[4].value = 1.0  # the denials (D4) count fully
    explorer.reliability_weights["D"].value = 1.0
    support = explorer.results.support.set_index("proposition_id").at["troops-in-russia", "support"]
    assert support == pytest.approx(1.28 / (1.28 + 2.0))
    explorer.reset()
    assert explorer.credibility_weights[4].value == CREDIBILITY_WEIGHTS[4]
    assert explorer.results.support.set_index("proposition_id").at[
        "troops-in-russia", "support"
    ] == pytest.approx(0.8)


def test_a_weight_moves_the_numbers_and_leaves_the_views(explorer: Explorer) -> None:
    views = (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value)
    before = explorer.results_html.value
    explorer.credibility_weights[2].value = 0.1
    assert explorer.results_html.value != before
    assert (bytes(explorer.timeline.value), bytes(explorer.troops.value), explorer.table.value) == views
    explorer.source.value = ("nis", "zelensky")  # a filter after a weight keeps the new weight
    assert explorer.results.support.set_index("proposition_id").at["troops-in-russia", "affirming"] == (
        pytest.approx(0.8 * 0.1)  # NIS's B2 alone affirms it among the two
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
    assert _ranks(explorer) == {"H1": 1, "H2": 2, "H3": 3}


def test_many_statements_show_the_earliest_rows_and_bundle_the_timeline(tmp_path: Path) -> None:
    big = Explorer(load_workbook(grow(tmp_path, 1_000)))
    assert "<b>1,000</b> of 1,000 statements match" in big.count.value
    assert f"Statements ({TABLE_ROWS} of 1,000 shown)" in big.table.value
    assert big.table.value.count("<tr>") == TABLE_ROWS + 1  # the header row and the rows shown
    # The earliest come first: 20 and 21 October fill the rows, none of the 23rd's is reached.
    assert "20 Oct 2024" in big.table.value and "23 Oct 2024" not in big.table.value
    assert big._pictures[0][1].endswith("Replies are not drawn at this size.")
    big.source.value = ("nis",)
    assert big.results.troop_range == {"sent to": (1500.0, 1500.0)}


def test_pure_functions_without_widgets() -> None:
    wb = load_workbook()
    graded = grades.graded_statements(wb)
    kept = apply_filters(graded, Filters(stances=("denies",), end=pd.Timestamp("2024-10-22")))
    assert kept["statement_id"].tolist() == ["S08"]
    assert troop_range(recompute(wb, kept, Weights()).troop_range) == "No troop-number claim remains."


def test_static_view_replaces_widgets_outside_a_kernel(explorer: Explorer) -> None:
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab shows live controls
    html = bundle["text/html"]
    assert html.count("<img") == 2 and 'alt="' in html and "statements match" in html
    assert (
        bundle["text/plain"]
        == "Explorer: The remaining claims give: 1,500 sent; 10,000 preparing for combat."
    )
