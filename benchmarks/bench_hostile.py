"""Benchmark: validation time on hostile inputs of up to about 100 MB, against the seed's own data.

Each case is validated in a fresh process (``python -m helpers validate``), like a user would run
it, and must end with a message. Prints seconds per case and the ratio to validating the seed;
the target is that no case passes 10 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from helpers.paths import REFERENCE_DATA_DIR
from tests.synthetic import grow

MB = 1 << 20
QUOTE = "he said the US couldn’t confirm claims about the matter"


def _copy(target: Path) -> Path:
    shutil.copytree(REFERENCE_DATA_DIR, target / "data")
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", target / "seeds")
    return target / "data"


def broken_rows(target: Path) -> Path:
    """About 100 MB of statements, every row with a stance outside its list."""
    data = grow(target, 270_000)
    path = data / "statements.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",affirms,", ",affirm,"), encoding="utf-8")
    return data


def valid_rows(target: Path) -> Path:
    """About 100 MB of valid statements."""
    return grow(target, 270_000)


def long_document(target: Path) -> Path:
    """A 16 MiB document (the limit) and 2,000 statements with distinct quotes, some not in it."""
    data = grow(target, 2_000)
    seed = target / "seeds" / "000_f343ef062b056b47.txt"
    text = seed.read_text(encoding="utf-8")
    filler = "The quick brown fox jumps over the lazy dog near the troops' claims. " * (16 * MB // 70 - 200)
    seed.write_text(filler + text, encoding="utf-8")
    path = data / "statements.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    # every quote distinct and absent, so each is looked for in the whole document
    table["quote"] = [f"{QUOTE} {i}" for i in range(len(table))]
    table["hedge"] = ""
    table.to_csv(path, index=False, lineterminator="\n")
    return data


def broken_descriptor(target: Path) -> Path:
    """A descriptor of 32,000 fields, every one of an unknown type (under the 8 MiB limit)."""
    data = _copy(target)
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    fields = package["resources"][1]["schema"]["fields"]
    fields += [{"name": f"x{i}", "type": "grade"} for i in range(32_000)]
    path.write_text(json.dumps(package, indent=1), encoding="utf-8")
    return data


def huge_cell(target: Path) -> Path:
    """One proposition of 50 million characters."""
    data = _copy(target)
    with (data / "propositions.csv").open("a", encoding="utf-8") as f:
        f.write('p-big,"' + "word " * 10_000_000 + '",fact,\n')
    return data


CASES: dict[str, Callable[[Path], Path]] = {
    "seed (baseline)": _copy,
    "100 MB, every row broken": broken_rows,
    "100 MB, valid": valid_rows,
    "16 MiB document, 2,000 wrong quotes": long_document,
    "descriptor, 32,000 broken fields": broken_descriptor,
    "one cell of 50 MB": huge_cell,
}


def run(data: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "helpers", "validate", str(data)], capture_output=True, text=True, timeout=600
    )
    elapsed = time.perf_counter() - start
    last = (out.stdout + out.stderr).strip().splitlines()[:2][-1][:90]
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    return elapsed, out.returncode, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", nargs="*", help="case names (default: all)")
    args = parser.parse_args()
    baseline = None
    print(f"{'case':<38} {'MB':>6} {'seconds':>8} {'ratio':>6}  first line")
    for name, make in CASES.items():
        if args.only and name not in args.only and name != "seed (baseline)":
            continue
        with tempfile.TemporaryDirectory() as tmp:
            data = make(Path(tmp))
            size = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file()) / MB
            seconds, code, first = run(data)
        baseline = baseline or seconds
        print(f"{name:<38} {size:>6.1f} {seconds:>8.2f} {seconds / baseline:>6.1f}  [{code}] {first}")


if __name__ == "__main__":
    main()
