"""Property-based tests: any valid workbook loads, and every analysis runs on it without an error."""

from __future__ import annotations

import tempfile
from pathlib import Path
from unittest import mock

import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import load_workbook
from helpers.analysis import (
    ach,
    balance,
    corroboration,
    grades,
    judgements,
    relays,
    stance,
    troop_counts,
    views,
)
from helpers.analysis.admiralty import CREDIBILITY, RELIABILITY
from helpers.analysis.whatif import Filters, Weights, apply_filters, recompute
from helpers.present import charts, findings, judged, memo, method, narrative, relay_chart, styled_tables
from helpers.present import explorer as explorer_module
from helpers.present.explorer import Explorer
from helpers.publish.briefing import build
from helpers.workbook import Workbook as LoadedWorkbook

from .workbooks import Workbook, workbooks


def _load(generated: Workbook) -> LoadedWorkbook:
    with tempfile.TemporaryDirectory() as tmp:
        return load_workbook(generated.write(Path(tmp)))


def run_every_analysis(wb: LoadedWorkbook) -> None:
    """Every analysis of the workbook, with the invariants of the evidence balance."""
    table = troop_counts.claims_table(wb)
    troop_counts.compare_claims(table)
    troop_counts.spread(table)
    troop_counts.range_supported(table)
    for analysis in (ach.ach_matrix, ach.inconsistency_scores, ach.diagnosticity, ach.sensitivity):
        analysis(wb)
    corroboration.corroboration(wb)
    grades.source_summary(wb)
    grades.grade_grid(wb)
    judgements.key_judgements(wb)
    judgements.history(wb)
    judgements.unjudged(wb)
    found = balance.balances(views.current_statements(wb), wb.propositions)
    for one in found.values():  # a likelihood only where there was enough to assess, and in the band
        assert (one.p is None) == (one.term == balance.CANNOT_ASSESS)
        assert one.p is None or balance.estimative_term(one.p)[0] == one.term
        assert one.affirming >= 0 and one.denying >= 0
    ach.linchpins(ach.sensitivity(wb))
    relays.reporting_chains(wb)
    stance.stance_matrix(wb)
    stance.response_chains(wb)
    stance.shifts(wb)


@given(workbooks())
def test_every_generated_workbook_loads_and_every_analysis_runs(generated: Workbook) -> None:
    wb = _load(generated)
    assert len(wb.statements) == len(generated.tables["statements"])
    assert wb.statements["quote_start"].notna().all()
    run_every_analysis(wb)


weights = st.builds(
    Weights,
    reliability=st.fixed_dictionaries({k: st.floats(0, 1) for k in RELIABILITY}),
    credibility=st.fixed_dictionaries({k: st.floats(0, 1) for k in CREDIBILITY}),
    hedge=st.floats(0, 1),
    exclude_interested=st.booleans(),
)


@given(workbooks(), st.data())
def test_what_if_recomputes_for_any_filters_and_weights(generated: Workbook, data: st.DataObject) -> None:
    wb = _load(generated)
    graded = views.graded_statements(wb)
    filters = Filters(
        sources=tuple(data.draw(st.lists(st.sampled_from(sorted(graded["source_id"]) or ["none"])))),
        stances=tuple(data.draw(st.lists(st.sampled_from(list(graded["stance"].cat.categories))))),
        as_of=data.draw(st.sampled_from([None, *graded["said_on"].dropna().tolist()])),
        min_reliability=data.draw(st.sampled_from(list(RELIABILITY))),
        min_credibility=data.draw(st.sampled_from(list(CREDIBILITY))),
    )
    kept = apply_filters(graded, filters)
    results = recompute(wb, kept, data.draw(weights))
    assert set(results.statements["statement_id"]) <= set(kept["statement_id"])
    assert results.ranking["weighted_inconsistency"].map(float).ge(0).all()
    for low, high in results.troop_range.values():
        assert 1 <= low <= high


@given(workbooks())
def test_every_finding_table_and_chart_renders(generated: Workbook) -> None:
    wb = _load(generated)
    for words in (
        findings.statements, findings.troop_numbers, findings.reliability, findings.hypotheses,
        findings.what_if, findings.documents, narrative.question, memo.bottom_line, memo.watch,
        narrative.caveats, narrative.alternatives, judged.implications, judged.unjudged,
        judged.judgement_sections, judged.assumptions, judged.changes, judged.uncounted,
    ):  # fmt: skip
        assert isinstance(words(wb), str)
    for table in (
        styled_tables.statements_table,
        styled_tables.sources_table,
        styled_tables.ach_table,
        styled_tables.documents_table,
        styled_tables.ach_rationales,
        judged.judgements_table,
        judged.evidence_table,
        judged.indicators_table,
        method.standards_table,
    ):
        page = table(wb)._repr_mimebundle_()["text/html"]
        assert "<table" in page or page.endswith(": none.</em></p>")  # an empty table is a sentence
    for chart in (
        charts.timeline, charts.troop_numbers, charts.grade_grid, charts.sources_by_alignment,
        charts.corroboration_chart, charts.ach_scores, charts.documents_over_time,
        relay_chart.reporting_chains_chart,
    ):  # fmt: skip
        drawn = chart(wb)
        drawn.figure.canvas.draw()  # lays out the text, where bad labels fail
        plt.close(drawn.figure)
    # The explorer's own pictures are these charts again, as PNG: drawn once above is enough here.
    with mock.patch.object(explorer_module, "_picture", return_value=(b"", "")):
        explorer = Explorer(wb)
    assert explorer.results is not None
    plt.close("all")


@pytest.mark.build
@settings(max_examples=2)  # a build executes every notebook: a few workbooks, not hundreds
@given(workbooks())
def test_the_briefing_builds_on_generated_workbooks(generated: Workbook) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = generated.write(Path(tmp) / "work")
        index = build(data, Path(tmp) / "out", progress=lambda _: None)
        assert index.is_file() and "<h1" in index.read_text(encoding="utf-8")


@pytest.mark.build
def test_the_briefing_builds_when_tables_hold_only_their_header(workspace: Path, tmp_path: Path) -> None:
    # indicators and judgements too: no analyst's judgement, and nothing to watch
    for table in ("troop_claims", "ach_ratings", "hypotheses", "indicators", "judgements"):
        path = workspace / f"{table}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    index = build(workspace, tmp_path / "out", progress=lambda _: None)
    pages = "".join(p.read_text(encoding="utf-8") for p in index.parent.glob("*.html"))
    assert "No troop-number claims match the filters." in pages or "no troop-number claim" in pages
