"""Grow the curated data synthetically for benchmarks: more statements, all still valid."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
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


MEASURES = ("sent to", "present in", "preparing for combat", "in combat", "killed", "wounded", "captured")
BOUNDS = ("", "about", "at least", "up to", "exact")


def grow_claims(target: Path, claims: int) -> Path:
    """A copy of the data with ``claims`` troop claims, one per statement (statements grown to
    match): counts spread over four orders of magnitude, every measure and bound, both places, dated
    on their statement's day."""
    data = grow(target, max(claims, 21))
    statements = pd.read_csv(data / "statements.csv", dtype=str, keep_default_na=False)
    chosen = statements.head(claims).reset_index(drop=True)
    rng = np.random.default_rng(7)
    count = np.round(10 ** rng.uniform(1, 5, claims)).astype(int)
    frame = pd.DataFrame(
        {
            "claim_id": [f"TC{i:06d}" for i in range(claims)],
            "statement_id": chosen["statement_id"],
            "count": count,
            "count_low": "",
            "count_high": "",
            "bound": rng.choice(BOUNDS, claims),
            "location": "Somewhere named in the quote",
            "place": rng.choice(["russia", "kursk-oblast"], claims),
            "measure": rng.choice(MEASURES, claims),
            "modality": rng.choice(["asserted", "asserted", "asserted", "possible", "forecast"], claims),
            "as_of": chosen["said_on"],
            "as_of_precision": "exact",
            "authoritative": "",
            "notes": "synthetic",
        }
    )
    frame.to_csv(data / "troop_claims.csv", index=False, lineterminator="\n")
    return data


def grow_propositions(target: Path, propositions: int) -> Path:
    """A copy of the data with ``propositions`` factual propositions, each borrowing one curated
    statement's words as its own statement (so every proposition has evidence), a tenth of them
    implying another."""
    data = grow(target, 21)
    props = pd.read_csv(data / "propositions.csv", dtype=str, keep_default_na=False)
    statements = pd.read_csv(data / "statements.csv", dtype=str, keep_default_na=False)
    extra = max(0, propositions - len(props))
    ids = [f"P{i:05d}" for i in range(extra)]
    new = pd.DataFrame(
        {
            "proposition_id": ids,
            "text": [f"Synthetic proposition number {i}." for i in range(extra)],
            "kind": "fact",
            "implies": [ids[i - 1] if i % 10 == 9 else "" for i in range(extra)],
            "notes": "synthetic",
        }
    )[props.columns]
    facts = statements[statements["credibility"] != ""]
    copies = facts.sample(n=extra, replace=True, random_state=7).reset_index(drop=True)
    copies["statement_id"] = [f"Y{i:07d}" for i in range(extra)]
    copies["proposition_id"] = ids
    for column in ("responds_to", "same_as"):
        if column in copies:
            copies[column] = ""
    pd.concat([props, new]).to_csv(data / "propositions.csv", index=False, lineterminator="\n")
    pd.concat([statements, copies]).to_csv(data / "statements.csv", index=False, lineterminator="\n")
    return data


def _copies(row: pd.Series, rows: int, **columns: str) -> pd.DataFrame:
    """``rows`` copies of ``row``, each column of ``columns`` a template filled with the copy's number."""
    return pd.DataFrame([row.to_dict() | {c: t.format(i=i) for c, t in columns.items()} for i in range(rows)])


def grow_wide(target: Path, rows: int) -> Path:
    """A copy of the data ``rows`` wide in every direction a chart draws one row per thing: that many
    more hypotheses, and that many more sources, each quoted once in a document of its own outlet."""
    data = grow(target, 21)
    tables = {n: pd.read_csv(data / f"{n}.csv", dtype=str, keep_default_na=False)
              for n in ("hypotheses", "sources", "statements", "documents")}  # fmt: skip
    quoted = tables["statements"][tables["statements"]["credibility"] != ""].iloc[0]
    doc = tables["documents"][tables["documents"]["document_id"] == quoted["document_id"]].iloc[0]
    speaker = tables["sources"][tables["sources"]["source_id"] == quoted["source_id"]].iloc[0]
    seed = data.parent / str(doc["path"])
    for i in range(rows):  # each document a file of its own (a path is unique), the same words
        shutil.copyfile(seed, seed.with_name(f"x{i:04d}.txt"))
    extra = {
        "hypotheses": _copies(tables["hypotheses"].iloc[0], rows, hypothesis_id="HX{i:04d}",
                              label="Synthetic {i}", text="Synthetic hypothesis number {i}."),
        "sources": _copies(speaker, rows, source_id="sx{i:04d}", label="Speaker {i}", name="Speaker {i}"),
        "documents": _copies(doc, rows, document_id="DX{i:04d}", outlet="Outlet {i}",
                             path="seeds/x{i:04d}.txt"),
        "statements": _copies(quoted, rows, statement_id="SX{i:04d}", source_id="sx{i:04d}",
                              document_id="DX{i:04d}", responds_to="", same_as=""),
    }  # fmt: skip
    for name, frame in tables.items():
        grown = pd.concat([frame, extra[name][frame.columns]])
        grown.to_csv(data / f"{name}.csv", index=False, lineterminator="\n")
    return data
