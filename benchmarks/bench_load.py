"""Benchmark: ``load_workbook`` (read + validate + type) against a bare ``pandas.read_csv``.

Both run on the same files, each in a fresh process so that peak memory is its own; statements are
grown synthetically. Prints, per size, the best of several runs and the ratio to the baseline.
Goals: time ratio <= 2x at 10k statements, <= 1.5x at 100k and 1M; peak memory <= 2x the bare
frames. Each row says whether its goal is met.

Where a load's time goes at 1M statements (cProfile, about 5 s in all): the pyarrow read 1.5 s
(1 MiB blocks); the per-column checks 1.8 s, of which the byte scan for forbidden characters and
conflict markers is 0.5 s (the per-cell regex search it stands in front of took ~3 s); filling
defaults 1 s; the workbook's own rules 0.5 s. Last measured (2 cores, best of 3-5 runs alternating
with the code before and the bare read): 1M 3.3 s against 6.2 s before, 3.9x the bare read (0.84 s)
against 7.4x; 100k 0.71 s against 0.95 s (5.4x against 7.2x); 10k 0.34 s against 0.35 s (7.2x against
7.5x); peak memory at 1M 1037 MB against 1169 MB (bare read 1024 MB). The bare read varies most: on a
busier machine it took 1.5 s and the ratio was 2.9x.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.synthetic import grow

MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
import pandas as pd, pyarrow  # same imports on both sides
from helpers import load_workbook

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
data, how = Path(sys.argv[1]), sys.argv[2]
before = rss_mb()
start = time.perf_counter()
if how == "bare":
    frames = {p.stem: pd.read_csv(p) for p in sorted(data.glob("*.csv"))}
    size = sum(f.memory_usage(deep=True).sum() for f in frames.values()) / 2**20
else:
    wb = load_workbook(data)
    size = None
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "peak_mb": peak - before, "frames_mb": size}))
"""


TIME_GOALS = {10_000: 2.0}  # and 1.5x at every larger size
TIME_GOAL = 1.5
MEMORY_GOAL = 2.0


def measure(data: Path, how: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(data), how], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'statements':>10} {'read_csv s':>10} {'load s':>8} {'ratio':>6} {'frames MB':>9} "
          f"{'read peak MB':>12} {'load peak MB':>12} {'load/frames':>11}  goals")  # fmt: skip
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = grow(Path(tmp), size)
            bare = [measure(data, "bare") for _ in range(args.repeat)]
            load = [measure(data, "load") for _ in range(args.repeat)]
        b = min(bare, key=lambda r: r["seconds"])
        w = min(load, key=lambda r: r["seconds"])
        peak_bare = min(r["peak_mb"] for r in bare)
        peak_load = min(r["peak_mb"] for r in load)
        ratio, memory = w["seconds"] / b["seconds"], peak_load / b["frames_mb"]
        goal = TIME_GOALS.get(size, TIME_GOAL)
        verdict = (
            f"time <= {goal:g}x {'met' if ratio <= goal else 'NOT met'}; "
            f"memory <= {MEMORY_GOAL:g}x {'met' if memory <= MEMORY_GOAL else 'NOT met'}"
        )
        print(
            f"{size:>10,} {b['seconds']:>10.3f} {w['seconds']:>8.3f} {ratio:>6.2f} "
            f"{b['frames_mb']:>9.1f} {peak_bare:>12.1f} {peak_load:>12.1f} {memory:>11.2f}  {verdict}"
        )


if __name__ == "__main__":
    main()
