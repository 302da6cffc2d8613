"""Derived tables that several analyses share, computed once per workbook.

A workbook's tables never change after loading, so nothing ever invalidates these views; each is
built on first use and handed out as a shallow copy (pandas copies a column only when it is written).
"""

from __future__ import annotations

import weakref
from functools import cached_property

import pandas as pd

from ..frames import lookup
from ..workbook import Workbook
from .admiralty import CREDIBILITY, RELIABILITY


class Views:
    """The shared derived tables of one workbook."""

    def __init__(self, wb: Workbook):
        self._wb = weakref.ref(wb)  # the cache must not keep its workbook alive

    @property
    def wb(self) -> Workbook:
        wb = self._wb()
        if wb is None:  # pragma: no cover - a view outliving its workbook is a programming error
            raise ReferenceError("the workbook of these views is gone")
        return wb

    @cached_property
    def graded(self) -> pd.DataFrame:
        """Statements with their source's label, alignment, stake and reliability, and the combined grade.

        The combined grade puts the two independent scales side by side, e.g. ``B2``: a usually
        reliable source passing on information that is probably true.
        """
        wb = self.wb
        sources = wb.sources.set_index("source_id")
        out = wb.statements.copy()
        for column in ("label", "name", "kind", "alignment", "interested", "reliability"):
            target = {"label": "source", "name": "source_name"}.get(column, column)
            out[target] = lookup(out["source_id"], sources[column])
        out["reliability"] = pd.Categorical(out["reliability"], categories=list(RELIABILITY), ordered=True)
        out["reported_by_label"] = lookup(out["reported_by"], sources["label"])
        out["grade"] = out["reliability"].astype(str) + out["credibility"].astype(str)
        out["reliability_label"] = out["reliability"].map(RELIABILITY).astype(str)
        out["credibility_label"] = out["credibility"].map(CREDIBILITY).astype(str)
        return out

    @cached_property
    def current(self) -> pd.DataFrame:
        """Graded statements less those their own source later revised (e.g. "couldn't confirm")."""
        graded = self.graded
        revised = graded.merge(
            graded[["statement_id", "source_id"]].rename(
                columns={"statement_id": "responds_to", "source_id": "revised_source"}
            ),
            on="responds_to",
        )
        superseded = revised.loc[revised["source_id"] == revised["revised_source"], "responds_to"]
        return graded[~graded["statement_id"].isin(superseded)]

    @cached_property
    def claims(self) -> pd.DataFrame:
        """Troop claims with who made them, when, how hedged, and the statement's grade."""
        graded = self.graded.set_index("statement_id")
        out = self.wb.troop_claims.copy()
        for column in (
            "source", "source_id", "interested", "alignment", "said_on", "hedge", "grade", "quote",
        ):  # fmt: skip
            out[column] = lookup(out["statement_id"], graded[column])
        # One remark reported twice (``same_as``) is one item: its claims are never set against each other.
        statements = self.wb.statements.set_index("statement_id")
        out["remark"] = lookup(out["statement_id"], statements["same_as"]).fillna(out["statement_id"])
        out["count_low"] = out["count_low"].fillna(out["count"])
        out["count_high"] = out["count_high"].fillna(out["count"])
        return out.sort_values(["as_of", "count"]).reset_index(drop=True)


_VIEWS: weakref.WeakKeyDictionary[Workbook, Views] = weakref.WeakKeyDictionary()


def views(wb: Workbook) -> Views:
    """The derived tables of ``wb``, built once and kept as long as ``wb`` lives."""
    found = _VIEWS.get(wb)
    if found is None:
        found = _VIEWS[wb] = Views(wb)
    return found


def graded_statements(wb: Workbook) -> pd.DataFrame:
    """Statements with their source's fields and combined grade (see :attr:`Views.graded`)."""
    return views(wb).graded.copy(deep=False)


def current_statements(wb: Workbook) -> pd.DataFrame:
    """Graded statements less those their own source later revised (see :attr:`Views.current`)."""
    return views(wb).current.copy(deep=False)


def claims_table(wb: Workbook) -> pd.DataFrame:
    """Troop claims with claimant, date, hedge and grade (see :attr:`Views.claims`)."""
    return views(wb).claims.copy(deep=False)
