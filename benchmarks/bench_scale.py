"""Benchmark: how the cost grows with the data, at 10x steps.

Troop claims (10 to 10,000) and factual propositions (10 to 2,000) are grown synthetically; at each
size the benchmark times what the pages compute and draw from them (the claims: pairs, sentences,
tables and the troop chart; the propositions: balances, judgements, corroboration and its chart),
and prints each time beside the previous size's, so the growth per 10x step shows: about 10x is
linear, about 100x quadratic. The baseline, in the same run, is loading the same folder. With
``--build`` it also builds the whole briefing at the largest sizes, against the goal of 3 minutes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import load_workbook
from helpers.analysis import balance, corroboration, judgements, troop_counts
from helpers.present import charts, findings, judged, memo, narrative, styled_tables
from helpers.publish import briefing
from helpers.workbook import Workbook
from tests.synthetic import grow_claims, grow_propositions

BUILD_GOAL_S = 180.0


def _claims_pages(wb: Workbook) -> None:
    table = troop_counts.claims_table(wb)
    troop_counts.compare_claims(table, troop_counts.Gazetteer.of(wb))
    narrative.troop_lines(wb)
    findings.troop_numbers(wb)
    styled_tables.revisions_table(wb).to_html()
    charts.troop_numbers(wb).png()


def _proposition_pages(wb: Workbook) -> None:
    balance.workbook_balances(wb)
    judgements.all_judgements(wb)
    corroboration.corroboration(wb)
    memo.bottom_line(wb)
    judged.unjudged(wb)
    charts.corroboration_chart(wb).png()


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def series(
    name: str, grow: Callable[[Path, int], Path], sizes: list[int], pages: Callable[[Workbook], None]
) -> None:
    """Time loading and the pages' work at each size, with the growth from the size before."""
    print(f"\n{name:>12} {'load s':>8} {'pages s':>8} {'x per 10x':>10}")
    before = None
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = grow(Path(tmp), size)
            load = _timed(partial(load_workbook, data))
            wb = load_workbook(data)
            work = _timed(partial(pages, wb))
        growth = f"{work / before:>10.1f}" if before else f"{'':>10}"
        print(f"{size:>12,} {load:>8.2f} {work:>8.2f} {growth}")
        before = work


def build(name: str, grow: Callable[[Path, int], Path], size: int) -> None:
    """Build the whole briefing at ``size``, beside the goal."""
    with tempfile.TemporaryDirectory() as tmp:
        data = grow(Path(tmp), size)
        seconds = _timed(lambda: briefing.build(data, Path(tmp) / "out", progress=lambda _: None))
    verdict = "met" if seconds <= BUILD_GOAL_S else "NOT met"
    print(f"briefing with {size:,} {name}: {seconds:.0f} s (goal <= {BUILD_GOAL_S:.0f} s: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[10, 100, 1_000, 10_000])
    parser.add_argument("--propositions", type=int, nargs="+", default=[10, 100, 1_000, 2_000])
    parser.add_argument("--build", action="store_true", help="also build the briefing at the largest sizes")
    args = parser.parse_args()
    series("claims", grow_claims, args.claims, _claims_pages)
    series("propositions", grow_propositions, args.propositions, _proposition_pages)
    if args.build:
        build("troop claims", grow_claims, max(args.claims))
        build("propositions", grow_propositions, max(args.propositions))


if __name__ == "__main__":
    main()
