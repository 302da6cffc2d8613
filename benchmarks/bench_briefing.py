"""Benchmark: ``make briefing``'s build against its floor.

The floor executes the same number of notebooks, each of which only imports the libraries the real
notebooks import, through the same executor; what is left is the workbook's own cost (analysis,
charts, export). Prints both times and the ratio. Target: <= 1.3x.
"""

from __future__ import annotations

import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpers.publish import briefing
from helpers.publish.execute import execute

IMPORTS = (
    "import ipywidgets\nimport matplotlib\nimport numpy\nimport pandas\nimport pyarrow\n"
    "from helpers import ach, charts, claims, corroboration, explorer, findings, grades\n"
    "from helpers import load_workbook, narrative, stance, tables"
)


GOAL = 1.3


def floor(count: int, folder: Path, workers: int) -> float:
    """Seconds to execute ``count`` notebooks that only import the same libraries, ``workers`` at once."""
    paths = []
    for i in range(count):
        path = folder / f"{i:02d}_imports.ipynb"
        nbformat.write(new_notebook(cells=[new_code_cell(IMPORTS)]), path)
        paths.append(path)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(execute, paths))
    return time.perf_counter() - start


def main() -> None:
    count = len(briefing.pages())
    with tempfile.TemporaryDirectory() as tmp:
        sequential = floor(count, Path(tmp), workers=1)
        parallel = floor(count, Path(tmp), workers=briefing.WORKERS)
        start = time.perf_counter()
        briefing.build(out=Path(tmp) / "out", progress=lambda _: None)
        full = time.perf_counter() - start
    print(f"notebooks: {count}; the build runs {briefing.WORKERS} at a time")
    print(f"floor, one at a time:              {sequential:6.2f} s")
    print(f"floor, {briefing.WORKERS} at a time like the build:   {parallel:6.2f} s")
    print(f"briefing build:                    {full:6.2f} s")
    print(f"ratio to the one-at-a-time floor:  {full / sequential:6.2f}x")
    ratio = full / parallel
    verdict = "met" if ratio <= GOAL else "NOT met"
    print(f"ratio to the same-parallel floor:  {ratio:6.2f}x  (goal <= {GOAL:g}x: {verdict})")


if __name__ == "__main__":
    main()
