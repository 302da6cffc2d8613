"""The analyst's review decisions, kept in the draft folder so that they outlive the kernel.

Every decision and edit made in notebook 08 (a statement accepted, a field changed, a troop number
rejected, a source graded, an ACH rating given, the document's title corrected) is written at once to
``decisions.json`` beside the draft's CSVs, whole or not at all; opening the draft again, after a
kernel restart or the next day, starts from them. The draft's CSVs stay as the drafter wrote them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ...frames import cell_text
from ...safe_write import FileError
from ...transaction import replace_files

FILE = "decisions.json"
VERSION = 1


KEY = "_key"  # each saved row names the draft row it belongs to, so rows added later change nothing


def _cells(frame: pd.DataFrame, columns: list[str], keys: list[str]) -> list[dict[str, str]]:
    """Each row's ``columns`` as text ("" for a missing value), with the key of its draft row."""
    shown = [c for c in columns if c in frame]
    rows = frame[shown].itertuples(index=False, name=None)
    return [
        {KEY: key} | {c: cell_text(value) for c, value in zip(shown, row, strict=True)}
        for key, row in zip(keys, rows, strict=True)
    ]


def snapshot(
    frames: dict[str, pd.DataFrame],
    keys: dict[str, list[str]],
    ratings: dict[tuple[str, str], dict[str, str]],
    editable: dict[str, list[str]],
) -> dict[str, Any]:
    """The review's state as JSON-ready values: per table, each row's editable cells with its key."""
    state: dict[str, Any] = {"version": VERSION}
    for name, frame in frames.items():
        state[name] = _cells(frame, editable[name], keys[name])
    state["ratings"] = [{"statement_id": s, "hypothesis_id": h, **v} for (s, h), v in ratings.items()]
    return state


def save(folder: Path, state: dict[str, Any]) -> None:
    """Write ``state`` to the draft folder's ``decisions.json`` whole, or raise :class:`FileError`."""
    replace_files({folder / FILE: json.dumps(state, ensure_ascii=False, indent=1) + "\n"})


def load(folder: Path) -> dict[str, Any] | None:
    """The decisions saved in ``folder``; None when there are none or they cannot be read (the
    review then starts from the draft, and says nothing is lost: the CSVs are untouched)."""
    path = folder / FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, FileError):
        return None
    return state if isinstance(state, dict) and state.get("version") == VERSION else None


def apply(frame: pd.DataFrame, saved: object, keys: list[str]) -> int:
    """Put the saved cells back into ``frame`` in place, each into the row with its key (``keys``
    names the frame's rows in order): a row added to the draft since starts as drafted, and a row
    since removed is passed over. Returns how many rows took their saved cells."""
    if not isinstance(saved, list):
        return 0
    position = {key: i for i, key in enumerate(keys)}
    restored = 0
    for cells in saved:
        if not isinstance(cells, dict) or str(cells.get(KEY)) not in position:
            continue
        index = frame.index[position[str(cells[KEY])]]
        restored += 1
        for column, value in cells.items():
            if column == KEY:
                continue
            if isinstance(column, str) and isinstance(value, str):
                if column not in frame:  # a grade first given in the review: a column of its own
                    frame[column] = ""
                elif frame[column].dtype != object:
                    frame[column] = frame[column].astype(object)  # text into a column read as numbers
                frame.at[index, column] = value
    return restored
