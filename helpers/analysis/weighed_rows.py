"""The weighed statements of one or more balances as plain arrays, and what confidence reads off them.

A balance is read off a handful of rows; each pandas step on them costs about a millisecond and a
balance took dozens. The same rules on numpy arrays cost microseconds, so every balance of a
workbook can be read off one weighing (see :func:`helpers.analysis.balance.balances_of`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from ..schema.tables import dispute_side


@dataclass(frozen=True)
class WeighedRows:
    """Weighed statements, one array element per row (see :func:`helpers.analysis.balance._weighed`)."""

    statement_id: np.ndarray  # str
    weight: np.ndarray  # float: the statement's weight as evidence
    affirms: np.ndarray  # bool: which side it takes
    counted: np.ndarray  # bool: whether it counts in the balance
    primary: np.ndarray  # bool: the first report of its remark
    channel: np.ndarray  # object
    source_id: np.ndarray  # object
    interested: np.ndarray  # bool: its speaker has a stake
    hedged: np.ndarray  # bool
    dispute: np.ndarray  # object: the side of the dispute its speaker stands on
    channel_known: np.ndarray  # bool: a curated channel, not a default
    publisher_known: np.ndarray | None  # bool, or None where the frame does not say

    @classmethod
    def of(cls, said: pd.DataFrame, later_report: str) -> WeighedRows:
        """The arrays of ``said``, a weighed frame (``_w``, ``_side``, ``counted``, ``not_counted``)."""
        return cls(
            statement_id=said["statement_id"].astype(str).to_numpy(dtype=object),
            weight=said["_w"].to_numpy(dtype="float64"),
            affirms=said["_side"].to_numpy(dtype=bool),
            counted=said["counted"].to_numpy(dtype=bool),
            primary=(said["not_counted"] != later_report).to_numpy(dtype=bool),
            channel=said["channel"].to_numpy(dtype=object),
            source_id=said["source_id"].to_numpy(dtype=object),
            interested=_flag(said, "interested"),
            hedged=_flag(said, "hedged"),
            dispute=said["alignment"].map(dispute_side).to_numpy(dtype=object),
            channel_known=_flag(said, "channel_known")
            if "channel_known" in said
            else np.ones(len(said), bool),
            publisher_known=_flag(said, "publisher_known") if "publisher_known" in said else None,
        )

    def __len__(self) -> int:
        return len(self.weight)

    def take(self, keep: np.ndarray) -> WeighedRows:
        """The rows ``keep`` picks (a boolean mask or positions)."""
        arrays = {f.name: getattr(self, f.name) for f in fields(self)}
        return replace(self, **{name: arr[keep] for name, arr in arrays.items() if arr is not None})

    def total(self, keep: np.ndarray | None = None) -> float:
        """The summed weight of the rows ``keep`` picks (all without it), as pandas sums it."""
        return float(np.nansum(self.weight if keep is None else self.weight[keep]))


def distinct(values: np.ndarray) -> int:
    """How many different values, missing ones left out (as pandas' ``nunique``)."""
    return len({v for v in values.tolist() if not pd.isna(v)})


def opposing(rows: WeighedRows, affirming: bool) -> tuple[WeighedRows, bool]:
    """The rows on one side as confidence reads them against the other: counted rows on curated
    channels, and every primary row whose channel is a default, each as its own witness (a default
    never merges dissent away); and whether a statement on this side is in a document with no
    graded publisher (its weight is unknown, not nought)."""
    side = rows.take(rows.affirms == affirming)
    known = side.channel_known
    keep = (side.counted & known) | (~known & side.primary & (side.weight > 0))
    out = side.take(keep)
    out = replace(out, channel=np.where(known[keep], out.channel, out.source_id))
    published = side.publisher_known
    return out, bool((side.primary & ~published).any()) if published is not None else False


def _flag(said: pd.DataFrame, column: str) -> np.ndarray:
    """A true-or-false column of ``said`` as an array."""
    return said[column].astype(bool).to_numpy(dtype=bool)
