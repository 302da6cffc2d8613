"""What the timeline and the troop chart decide to draw, checked on their plans: no figure is made."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import load_workbook
from helpers.analysis import grades, troop_counts
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present import charts


@pytest.fixture(scope="module")
def wb():
    return load_workbook(REFERENCE_DATA_DIR)


@pytest.fixture(autouse=True)
def no_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plan made a figure")

    monkeypatch.setattr(charts, "new_figure", refuse)


def _sources(graded: pd.DataFrame, sources: int, twice: int) -> pd.DataFrame:
    """One statement of ``graded`` said by ``sources`` sources, the first ``twice`` of them twice."""
    first = graded.iloc[[0]].assign(responds_to=None)
    rows = [
        first.assign(source=f"Source {i:02d}", statement_id=f"X{i:02d}{k}")
        for i in range(sources)
        for k in range(2 if i < twice else 1)
    ]
    return pd.concat(rows, ignore_index=True)


def test_sources_past_the_cap_are_not_drawn_and_the_note_says_so(wb) -> None:
    graded = grades.graded_statements(wb)
    many = _sources(graded, charts.MAX_ROWS + 5, twice=charts.MAX_ROWS)
    plan = charts.timeline_plan(wb, many)
    assert plan is not None
    assert plan.sources == [f"Source {i:02d}" for i in range(charts.MAX_ROWS)]  # the most statements
    assert set(plan.points["source"]) == set(plan.sources)
    assert plan.note == (
        "5 more sources (those with the fewest statements; every one is in the statements table) "
        "not drawn, to keep the chart within two screens."
    )
    assert sorted(plan.points["y"].unique()) == list(range(charts.MAX_ROWS))


def test_a_timeline_within_the_cap_draws_every_source_and_says_nothing_left_out(wb) -> None:
    plan = charts.timeline_plan(wb)
    graded = grades.graded_statements(wb)
    assert plan is not None and plan.note == ""
    assert set(plan.sources) == set(graded["source"]) and len(plan.points) == len(graded)
    assert plan.labelled and plan.chains is not None
    assert plan.title.startswith("Austin went from uncertain to affirming")
    assert charts.timeline_plan(wb, graded.iloc[:0]) is None


def _revised(wb, parts: list[tuple[int, str]]) -> pd.DataFrame:
    """One claimant's count again ``days`` later, each of the force's ``part`` ("" for the whole)."""
    one = troop_counts.claims_table(wb).iloc[[0]]
    return pd.concat(
        [
            one.assign(
                claim_id=f"T{i}",
                statement_id=f"X{i}",
                remark=f"R{i}",
                part=part,
                as_of=one["as_of"] + pd.Timedelta(days=days),
                count=1000 + 100 * i,
            )
            for i, (days, part) in enumerate(parts)
        ],
        ignore_index=True,
    )


def test_a_count_of_part_of_the_force_is_never_joined_with_one_of_the_whole(wb) -> None:
    table = _revised(wb, [(0, ""), (3, "combat engineers"), (5, ""), (7, "combat engineers")])
    plan = charts.troop_plan(wb, table)
    assert plan is not None
    assert [line.claim_ids for line in plan.revisions] == [("T0", "T2"), ("T1", "T3")]
    part = dict(zip(table["claim_id"], table["part"], strict=True))
    for line in plan.revisions:
        assert len({part[c] for c in line.claim_ids}) == 1
        assert list(line.x) == sorted(line.x)


def test_a_part_counted_once_beside_the_whole_is_joined_with_nothing(wb) -> None:
    plan = charts.troop_plan(wb, _revised(wb, [(0, ""), (3, "combat engineers")]))
    assert plan is not None and plan.revisions == []


def test_the_troop_plan_sets_limits_around_every_count_and_lists_the_claims(wb) -> None:
    plan = charts.troop_plan(wb)
    assert plan is not None
    assert plan.bottom < plan.counts["count"].min() and plan.top > plan.counts["count"].max()
    assert plan.listing.startswith("TC01 South Korea’s spy agency: about 1,500 sent to Russia")
    assert charts.troop_plan(wb, troop_counts.claims_table(wb).iloc[:0]) is None
