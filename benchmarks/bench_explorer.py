"""Benchmark: how long the explorer takes to answer a filter or weight change.

Statements are grown synthetically to 100k (and 10k). Each change is made as in a kernel, inside a
running event loop: the *answer* is the time until the numbers, the count and the statements table
are updated; the *charts* are the time then taken to draw both charts (the explorer draws them once
the kernel is free, so a change's answer never waits for them). Each is timed on a change's first
run (nothing remembered yet) and as the median of repeats (flipping back and forth, which the
explorer remembers). The baseline, in the same run, is a no-op update (``recompute`` skipped:
the same setting again). Goals: the answer within 100 ms on the seed, 200 ms at 100k statements;
the full first redraw (answer and charts) is printed beside the same goals.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers import load_workbook
from helpers.present.explorer import Explorer
from tests.synthetic import grow

TARGET_MS = 200.0  # at 10k and 100k statements
SEED_GOAL_MS = 100.0


def timed_ms(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The first run and the median of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times)


def answer_then_charts(explorer: Explorer, flip: Callable[[], None]) -> tuple[float, float]:
    """One change inside a running loop: (ms until the answer shows, ms then to draw the charts)."""

    async def change() -> tuple[float, float]:
        start = time.perf_counter()
        flip()
        answered = time.perf_counter()
        if explorer._pending is not None:  # draw now what the kernel would draw when free
            explorer._pending.cancel()
            explorer._draw_charts(explorer.results)
        return (answered - start) * 1000, (time.perf_counter() - answered) * 1000

    return asyncio.run(change())


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


Timing = tuple[float, float, float, float]  # answer first, answer median, charts first, charts median


def measure(data: Path | None, repeat: int) -> tuple[dict[str, Timing], float]:
    """Per change, its :data:`Timing`; and the no-op baseline (ms, median)."""
    explorer = Explorer(load_workbook(data))
    results = {}
    for name, flip in changes(explorer).items():
        runs = [answer_then_charts(explorer, flip) for _ in range(repeat)]
        answers, drawn = [a for a, _ in runs], [c for _, c in runs]
        results[name] = (answers[0], statistics.median(answers), drawn[0], statistics.median(drawn))
    return results, timed_ms(explorer.update, repeat)[1]


def goal(size: int) -> float:
    return SEED_GOAL_MS if size < 1_000 else TARGET_MS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(
        f"{'statements':>10}  {'change':<21}{'answer':>7}{'again':>7}{'charts':>8}{'again':>7}"
        f"{'no-op':>7}{'ratio':>7}  goals (ms; first runs)"
    )
    for size in [19, *args.sizes]:
        with tempfile.TemporaryDirectory() as tmp:
            data = None if size == 19 else grow(Path(tmp), size)
            found, noop = measure(data, args.repeat)
        for name, (answer, again, charts, charts_again) in found.items():
            target = goal(size)
            verdict = (
                f"answer <= {target:.0f} {'met' if answer <= target else 'NOT met'}; "
                f"with charts {'met' if answer + charts <= target else 'NOT met'}"
            )
            print(
                f"{size:>10,}  {name:<21}{answer:>7.1f}{again:>7.1f}{charts:>8.1f}{charts_again:>7.1f}"
                f"{noop:>7.1f}{answer / noop:>7.1f}  {verdict}"
            )


if __name__ == "__main__":
    main()
