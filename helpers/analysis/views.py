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

UNGRADED = " (not graded)"


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
        # Statements that are not about facts have no credibility: their grade says so.
        out["grade"] = out["reliability"].astype(str) + out["credibility"].astype("Int64").astype(str).fillna(
            UNGRADED
        )
        out["reliability_label"] = out["reliability"].map(RELIABILITY).astype(str)
        out["credibility_label"] = out["credibility"].map(CREDIBILITY).astype(str)
        # Sources on one channel are not independent witnesses; a source without one is its own.
        out["channel"] = lookup(out["source_id"], sources["channel"]).fillna(out["source_id"])
        out["remark"] = remark_roots(out)
        # A relay is a link in the chain: the statement is no more reliable than whoever passed it on.
        out["relay_reliability"] = pd.Categorical(
            lookup(out["reported_by"], sources["reliability"]), categories=list(RELIABILITY), ordered=True
        )
        possible = wb.troop_claims.loc[wb.troop_claims["modality"] == "possible", "statement_id"]
        out["hedged"] = out["hedge"].notna() | out["statement_id"].isin(possible)
        out["overtaken_by"] = overtaken_by(out)
        return out

    @cached_property
    def current(self) -> pd.DataFrame:
        """Graded statements less those their own source later overtook (see :func:`current_at`)."""
        graded = self.graded
        return graded[graded["overtaken_by"].isna()]

    @cached_property
    def claims(self) -> pd.DataFrame:
        """Troop claims with who made them, when, how hedged, and the statement's grade."""
        graded = self.graded.set_index("statement_id")
        out = self.wb.troop_claims.copy()
        for column in (
            "source", "source_id", "interested", "alignment", "said_on", "hedge", "grade", "quote",
        ):  # fmt: skip
            out[column] = lookup(out["statement_id"], graded[column])
        # One remark reported twice is one item: its claims are never set against each other.
        out["remark"] = lookup(out["statement_id"], graded["remark"])
        out["count_low"] = out["count_low"].fillna(out["count"])
        out["count_high"] = out["count_high"].fillna(out["count"])
        return out.sort_values(["as_of", "count"]).reset_index(drop=True)


def remark_roots(statements: pd.DataFrame) -> pd.Series:
    """The first report (by row) of each statement's remark.

    Two statements are one remark when ``same_as`` links them, directly or through others, or when
    they quote the same words from the same document (one remark curated under two propositions).
    The links are joined as one graph, so a chain mixing both kinds ends at one root.
    """
    ids = statements["statement_id"].astype(str).tolist()
    position = {sid: k for k, sid in reversed(list(enumerate(ids)))}  # the first row of each id
    parent = list(range(len(ids)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def join(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the earlier row stands for the remark

    for k, target in enumerate(statements["same_as"].tolist()):
        if isinstance(target, str) and target in position:
            join(k, position[target])
    first_of: dict[tuple[object, object], int] = {}
    for k, key in enumerate(
        zip(statements["document_id"].tolist(), statements["quote"].tolist(), strict=True)
    ):
        join(k, first_of.setdefault(key, k))
    return pd.Series([ids[find(k)] for k in range(len(ids))], index=statements.index, dtype="str")


def overtaken_by(statements: pd.DataFrame) -> pd.Series:
    """The statement that overtakes each one, or missing where it is current.

    A statement is overtaken when its own source later said something on the same proposition
    (the latest such statement overtakes it), or answered it (``responds_to``), e.g. "could not
    confirm" followed by "there is evidence". A later report of the same remark does not overtake
    it: it is the same item. Overtaken statements keep their place in the record but count neither
    in the evidence balance nor in ACH.
    """
    key = ["source_id", "proposition_id"]
    remark = statements["remark"] if "remark" in statements else statements["statement_id"]
    ordered = statements.assign(_remark=remark).sort_values("said_on", kind="stable")
    latest = ordered.drop_duplicates(key, keep="last")[[*key, "statement_id", "said_on", "_remark"]]
    joined = (
        statements[[*key, "said_on"]]
        .assign(_own=remark.to_numpy())
        .merge(
            latest.rename(columns={"statement_id": "latest_id", "said_on": "latest_on"}), on=key, how="left"
        )
    )
    later = ((joined["said_on"] < joined["latest_on"]) & (joined["_own"] != joined["_remark"])).fillna(False)
    later = later.to_numpy()
    out = pd.Series(joined["latest_id"].to_numpy(), index=statements.index, dtype="str").where(later)
    answers = statements.loc[statements["responds_to"].notna(), ["statement_id", "source_id", "responds_to"]]
    answered_by = answers.merge(
        statements[["statement_id", "source_id"]].rename(
            columns={"statement_id": "responds_to", "source_id": "answered_source"}
        ),
        on="responds_to",
    )
    revisions = answered_by[answered_by["source_id"] == answered_by["answered_source"]]
    revised = pd.Series(
        revisions["statement_id"].to_numpy(), index=revisions["responds_to"].to_numpy(), dtype="str"
    )
    revised = revised[~revised.index.duplicated()]
    return out.fillna(lookup(statements["statement_id"], revised))


def current_at(graded: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The statements said on or before ``as_of`` that nothing said by then overtook.

    Without ``as_of``, every statement counts and the result is :attr:`Views.current`.
    """
    if as_of is None:
        return graded[graded["overtaken_by"].isna()]
    said = graded[(graded["said_on"] <= as_of).fillna(False)].copy()
    said["overtaken_by"] = overtaken_by(said)
    return said[said["overtaken_by"].isna()]


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


def current_statements(wb: Workbook, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Graded statements less those their own source overtook, as of a date or today (see
    :func:`current_at`)."""
    if as_of is None:
        return views(wb).current.copy(deep=False)
    return current_at(views(wb).graded, as_of)


def claims_table(wb: Workbook) -> pd.DataFrame:
    """Troop claims with claimant, date, hedge and grade (see :attr:`Views.claims`)."""
    return views(wb).claims.copy(deep=False)
