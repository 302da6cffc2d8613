"""Grow the curated data synthetically for benchmarks: more statements, all still valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from helpers.paths import REFERENCE_DATA_DIR


def grow(target: Path, statements: int) -> Path:
    """Write a copy of the data with ``statements`` rows in statements.csv; return its data folder."""
    data = target / "data"
    shutil.copytree(REFERENCE_DATA_DIR, data, dirs_exist_ok=True)
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", target / "seeds", dirs_exist_ok=True)
    original = pd.read_csv(data / "statements.csv", dtype=str, keep_default_na=False)
    extra = statements - len(original)
    if extra > 0:
        copies = original.sample(n=extra, replace=True, random_state=7).reset_index(drop=True)
        copies["statement_id"] = [f"X{i:07d}" for i in range(extra)]
        grown = pd.concat([original, copies], ignore_index=True)
        grown.to_csv(data / "statements.csv", index=False, lineterminator="\n")
    return data
