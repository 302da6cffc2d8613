"""Benchmark: how long the explorer takes to answer a filter or weight change.

Statements are grown synthetically to 100k (and 10k). For each change the benchmark times the
recomputation alone (``apply_filters`` + ``recompute``: the numbers) and the full widget update
(numbers, statements table, both charts rendered to PNG). The baseline, in the same run, is the same
change on the curated 19 statements, so the ratio shows what the size costs. Target: <= 200 ms at
100k statements. Times are medians; ``first`` is a change's first run, before the explorer has
drawn the troop chart for that set of claims (it keeps each one it draws).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import load_workbook
from helpers.analysis.whatif import apply_filters, recompute
from helpers.present.explorer import Explorer
from tests.synthetic import grow

TARGET_MS = 200.0


def timed_ms(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The first run and the median of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times)


def changes(explorer: Explorer) -> dict[str, Callable[[], None]]:
    """Each change flips a widget back and forth, so that every run really changes something."""

    def toggle(setter: Callable[[bool], None]) -> Callable[[], None]:
        state = {"on": False}

        def flip() -> None:
            state["on"] = not state["on"]
            setter(state["on"])

        return flip

    def source(on: bool) -> None:
        explorer.source.value = ("nis", "zelensky") if on else ()

    def weight(on: bool) -> None:
        explorer.reliability_weights["B"].value = 0.3 if on else 0.8

    def interested(on: bool) -> None:
        explorer.interested.value = on

    return {
        "filter: source": toggle(source),
        "weight: B": toggle(weight),
        "leave out interested": toggle(interested),
    }


def measure(data: Path | None, repeat: int) -> dict[str, tuple[float, float, float]]:
    """Per change: (recompute-only ms, full update ms on the first run, full update ms)."""
    wb = load_workbook(data)
    explorer = Explorer(wb)

    def numbers() -> None:
        shown = apply_filters(explorer.graded, explorer.filters())
        recompute(wb, shown, explorer.weights(), explorer.claims_table)

    results = {}
    for name, flip in changes(explorer).items():
        first, full = timed_ms(flip, repeat)
        results[name] = (timed_ms(numbers, repeat)[1], first, full)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    baseline = measure(None, args.repeat)
    print(f"{'statements':>10}  {'change':<22}{'numbers':>8}{'first':>7}{'full':>7}{'ratio':>7}  (ms)")
    for name, (numbers, first, full) in baseline.items():
        print(f"{19:>10}  {name:<22}{numbers:>8.1f}{first:>7.1f}{full:>7.1f}{1.0:>7.2f}  baseline")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            for name, (numbers, first, full) in measure(grow(Path(tmp), size), args.repeat).items():
                verdict = f"<= {TARGET_MS:.0f} ms " + ("met" if max(first, full) <= TARGET_MS else "NOT met")
                ratio = full / baseline[name][2]
                print(
                    f"{size:>10,}  {name:<22}{numbers:>8.1f}{first:>7.1f}{full:>7.1f}{ratio:>7.2f}  {verdict}"
                )


if __name__ == "__main__":
    main()
