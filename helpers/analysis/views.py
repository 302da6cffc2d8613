"""Derived tables that several analyses share, computed once per workbook.

A workbook's tables never change after loading, so nothing ever invalidates these views; each is
built on first use and handed out as a shallow copy (pandas copies a column only when it is written).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from functools import cached_property
from typing import TypeVar, cast

import numpy as np
import pandas as pd

from ..frames import keyed, lookup
from ..schema.tables import dispute_side
from ..workbook import Workbook
from .admiralty import CREDIBILITY, RELIABILITY
from .evidence import DIRECTION
from .origins import CURATED, column_origin, guessed_columns

UNGRADED = " (not graded)"
# The columns of a troop claim that comparing it with another reads.
COMPARED = ("count_low", "count_high", "bound", "place", "measure", "modality", "as_of", "as_of_precision")
NOT_CURATED = ("derived", "defaulted", "drafted")
T = TypeVar("T")


class Views:
    """The shared derived tables of one workbook."""

    def __init__(self, wb: Workbook):
        self._wb = weakref.ref(wb)  # the cache must not keep its workbook alive
        self._memo: dict[str, object] = {}

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """What ``build`` returns, built once per workbook under ``key``: the one cache that every
        analysis shares (the views below, the judgements with their balances)."""
        if key not in self._memo:
            self._memo[key] = build()
        return cast(T, self._memo[key])

    @property
    def wb(self) -> Workbook:
        wb = self._wb()
        if wb is None:  # pragma: no cover - a view outliving its workbook is a programming error
            raise ReferenceError("the workbook of these views is gone")
        return wb

    @cached_property
    def graded(self) -> pd.DataFrame:
        """Statements with their source's label, alignment and stake, the reliability of each link of
        the chain that brought them (speaker, relay, publishing outlet) and the grade that counts.

        ``reliability`` is the weakest link's grade (an outlet nobody graded counts as F) and ``grade``
        puts it beside the credibility, e.g. ``B2``: the grade the weighting uses is the grade shown.
        """
        wb = self.wb
        sources = keyed(wb.sources, "source_id")
        out = wb.statements.copy()
        for column in ("label", "name", "kind", "alignment", "interested"):
            target = {"label": "source", "name": "source_name"}.get(column, column)
            out[target] = lookup(out["source_id"], sources[column])
        # An interested party saying what its side denied before is no longer speaking to its stake:
        # an admission against interest. It counts as evidence from no stake, and its speaker's own
        # grade (a record of speaking to that stake) is set aside: the chain's other links remain.
        out["source_interested"] = out["interested"].fillna(False).astype(bool)
        out["admission"] = out["against_interest"].fillna(False).astype(bool) & out["source_interested"]
        out["interested"] = out["source_interested"] & ~out["admission"]
        changing = keyed(wb.propositions, "proposition_id")["changing"]
        out["changing"] = lookup(out["proposition_id"], changing).fillna(False).astype(bool)
        grades = list(RELIABILITY)
        out["speaker_reliability"] = _grade(lookup(out["source_id"], sources["reliability"]))
        out["relay_reliability"] = _grade(lookup(out["reported_by"], sources["reliability"]))
        documents = keyed(wb.documents, "document_id")
        publisher = lookup(out["document_id"], documents["publisher"])
        publisher_known = pd.Series(
            (column_origin(wb, "documents", "publisher") == CURATED).to_numpy(), index=documents.index
        )
        out["publisher_known"] = lookup(out["document_id"], publisher_known).fillna(False).astype(bool)
        out["publisher_reliability"] = _grade(lookup(publisher, sources["reliability"]).fillna("F"))
        links = out[["speaker_reliability", "relay_reliability", "publisher_reliability"]]
        codes = [links[c].cat.codes.replace(-1, np.nan) for c in links]
        # For an admission, the speaker's own record is set aside, and so is its side's own mouthpiece
        # relaying it (the accused's news agency): the outlet that published it stays a link.
        admitted = out["admission"].to_numpy(dtype=bool)
        relay_side = lookup(out["reported_by"], sources["alignment"]).map(dispute_side, na_action="ignore")
        relay_interested = lookup(out["reported_by"], sources["interested"]).fillna(False).astype(bool)
        own_relay = relay_interested & (relay_side == out["alignment"].map(dispute_side))
        codes[0] = codes[0].where(~admitted)
        codes[1] = codes[1].where(~(admitted & own_relay.to_numpy(dtype=bool)))
        weakest = np.nanmax(np.stack(codes), axis=0)
        out["reliability"] = pd.Categorical.from_codes(
            np.nan_to_num(weakest, nan=len(grades) - 1).astype(int), categories=grades, ordered=True
        )
        out["reported_by_label"] = lookup(out["reported_by"], sources["label"])
        out["publisher"] = lookup(publisher, sources["label"])
        # Statements that are not about facts have no credibility: their grade says so.
        out["grade"] = out["reliability"].astype(str) + out["credibility"].astype("Int64").astype(str).fillna(
            UNGRADED
        )
        out["reliability_label"] = out["reliability"].map(RELIABILITY).astype(str)
        out["credibility_label"] = out["credibility"].map(CREDIBILITY).astype(str)
        # Sources on one channel are not independent witnesses. A channel nobody gave is a default
        # (one per country and side): it never adds an independent witness, and it never lets one
        # source's statement revise another's (``revises_as``: the curated channel, or the source).
        out["channel"] = lookup(out["source_id"], sources["channel"]).fillna(out["source_id"])
        known = pd.Series(
            (column_origin(wb, "sources", "channel") == CURATED).to_numpy(), index=sources.index
        )
        out["channel_known"] = lookup(out["source_id"], known).fillna(False).astype(bool)
        out["revises_as"] = out["channel"].where(out["channel_known"], out["source_id"])
        out["remark"] = remark_roots(out)
        out["report_order"] = np.arange(len(out))
        possible = wb.troop_claims.loc[wb.troop_claims["modality"] == "possible", "statement_id"]
        out["hedged"] = out["hedge"].notna() | out["statement_id"].isin(possible)
        out["self_serving"] = out["self_serving"].fillna(False).astype(bool)
        out["carries_weight"] = carries_weight(out)
        out["overtaken_by"] = overtaken_by(out)
        return out

    @cached_property
    def current(self) -> pd.DataFrame:
        """Graded statements less those their own channel later revised (see :func:`current_at`)."""
        graded = self.graded
        return graded[graded["overtaken_by"].isna()]

    @cached_property
    def claims(self) -> pd.DataFrame:
        """Troop claims with who made them, when, how hedged, and the statement's grade."""
        graded = self.graded.set_index("statement_id")
        out = self.wb.troop_claims.copy()
        for column in (
            "source", "source_id", "channel", "revises_as", "channel_known", "interested", "alignment",
            "said_on", "hedge", "grade", "quote",
        ):  # fmt: skip
            out[column] = lookup(out["statement_id"], graded[column])
        # What a comparison of this count rests on that nobody curated (a derived bound, a default
        # date precision, a claimant's default channel): a contradiction resting on it is no finding.
        guessed = guessed_columns(self.wb, "troop_claims", list(COMPARED), origins=NOT_CURATED)
        channel = [
            () if known else (("channel", "defaulted", "channel-by-country-and-side"),)
            for known in out["channel_known"].fillna(False).astype(bool)
        ]
        out["unconfirmed"] = [g + c for g, c in zip(guessed.to_numpy(), channel, strict=True)]
        # One remark reported twice is one item: its claims are never set against each other.
        out["remark"] = lookup(out["statement_id"], graded["remark"])
        out["count_low"] = out["count_low"].fillna(out["count"])
        out["count_high"] = out["count_high"].fillna(out["count"])
        return out.sort_values(["as_of", "count"]).reset_index(drop=True)


def _grade(values: pd.Series) -> pd.Series:
    return pd.Series(pd.Categorical(values, categories=list(RELIABILITY), ordered=True), index=values.index)


def carries_weight(graded: pd.DataFrame) -> pd.Series:
    """Whether a statement's grades let it weigh anything: a chain that can be judged, information
    whose truth can be judged, and not self-serving. Only such a statement can revise another."""
    return (
        (
            (graded["reliability"] != "F")
            & graded["credibility"].notna()
            & (graded["credibility"] != 6)
            & ~graded["self_serving"].astype(bool)
        )
        .fillna(False)
        .astype(bool)
    )


def remark_roots(statements: pd.DataFrame) -> pd.Series:
    """The first report (by row) of each statement's remark.

    Two statements are one remark when ``same_as`` links them, directly or through others, or when
    they quote the same words of the same document from the same speaker (one remark curated under
    two propositions; two speakers named in one sentence stay two remarks). The links are joined as
    one graph, so a chain mixing both kinds ends at one root.
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
    first_of: dict[tuple[object, object, object], int] = {}
    for k, key in enumerate(
        zip(
            statements["document_id"].tolist(),
            statements["quote"].tolist(),
            statements["source_id"].tolist(),
            strict=True,
        )
    ):
        join(k, first_of.setdefault(key, k))
    return pd.Series([ids[find(k)] for k in range(len(ids))], index=statements.index, dtype="str")


def overtaken_by(statements: pd.DataFrame) -> pd.Series:
    """The statement that revises each one, or missing where it stands.

    A statement is revised when its channel later said something on the same proposition that points
    another way (affirms, denies or says there is no evidence, or says it cannot tell) and that
    carries weight; the latest such statement revises it. Agreeing statements all stand, however
    they are worded, so new evidence that agrees never takes anything away; a statement whose
    grades carry no weight revises nothing. A revised statement keeps its place in the record but
    counts neither in the evidence balance nor in ACH; nor does any other report of the same remark.
    """
    direction = statements["stance"].astype(str).map(DIRECTION).to_numpy(dtype="float64")
    channel = statements["revises_as" if "revises_as" in statements else "channel"].astype(str)
    if "changing" in statements:  # a claim about a changing state: anyone's later word overtakes it
        channel = channel.where(~statements["changing"].astype(bool), "")
    key, _ = pd.factorize(pd.MultiIndex.from_arrays([channel, statements["proposition_id"].astype(str)]))
    day = statements["said_on"].to_numpy(dtype="datetime64[ns]")
    ids = statements["statement_id"].astype(str).to_numpy(dtype=object)
    able = ~np.isnan(direction) & statements["carries_weight"].to_numpy(dtype=bool)
    out = np.full(len(statements), None, dtype=object)
    best = np.full(len(statements), np.datetime64("NaT"), dtype="datetime64[ns]")
    for value in np.unique(direction[able]):  # in order, as a later direction only replaces a later day
        latest = _latest_by_key(key, day, able & (direction == value))
        by = latest[key]  # each row's channel's latest word in this direction (-1: none)
        by_day = np.where(by >= 0, day[np.maximum(by, 0)], np.datetime64("NaT"))
        later = (
            ~np.isnan(direction)
            & (direction != value)
            & (by_day > day)  # NaT on either side compares false
            & ~(by_day <= best)
        )
        out[later] = ids[by[later]]
        best[later] = by_day[later]
    revised = pd.Series(out, index=statements.index, dtype="str")
    return _as_remarks(statements, revised)


def _latest_by_key(key: np.ndarray, day: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Per key code, the position of the latest of ``rows`` with that key (-1 where none): the last
    in order of day, an undated word after every dated one, and file order among equals (as a
    stable sort on the day, keeping the last)."""
    at = np.flatnonzero(rows)
    undated = np.isnat(day[at])
    order = np.lexsort((at, np.where(undated, 0, day[at].astype("int64")), undated, key[at]))
    keys, rows_in_order = key[at][order], at[order]
    ends = np.flatnonzero(np.r_[keys[1:] != keys[:-1], True]) if len(keys) else np.array([], dtype=np.int64)
    last = np.full(key.max() + 1 if len(key) else 0, -1, dtype=np.int64)
    last[keys[ends]] = rows_in_order[ends]  # each key's last row in that order
    return last


def _as_remarks(statements: pd.DataFrame, out: pd.Series) -> pd.Series:
    """Each report of a remark stands or falls with its first report: one remark is one item, so a
    revision of it takes every report away, and a later report, dated apart, cannot outlive it."""
    if "remark" not in statements or not len(statements):
        return out
    order = statements["report_order"] if "report_order" in statements else pd.Series(range(len(statements)))
    keys = pd.DataFrame(
        {
            "proposition_id": statements["proposition_id"].astype(str).to_numpy(),
            "remark": statements["remark"].astype(str).to_numpy(),
            "_order": order.to_numpy(),
            "_out": out.to_numpy(),
        }
    )
    first = keys.sort_values("_order", kind="stable").drop_duplicates(["proposition_id", "remark"])
    primary = first.set_index(["proposition_id", "remark"])["_out"]
    mapped = primary.reindex(pd.MultiIndex.from_frame(keys[["proposition_id", "remark"]])).to_numpy()
    return pd.Series(mapped, index=statements.index, dtype="str")


def covers_everything(graded: pd.DataFrame, as_of: pd.Timestamp | None) -> bool:
    """Whether every statement was said by ``as_of``, so the revisions already worked out stand."""
    said_on = graded["said_on"]
    return as_of is None or bool(said_on.notna().all() and not (said_on > as_of).any())


def current_at(graded: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The statements said on or before ``as_of`` that nothing said by then overtook.

    Without ``as_of``, every statement counts and the result is :attr:`Views.current`.
    """
    if covers_everything(graded, as_of):
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
    """Graded statements less those their own channel revised, as of a date or today (see
    :func:`current_at`)."""
    if as_of is None:
        return views(wb).current.copy(deep=False)
    return current_at(views(wb).graded, as_of)


def claims_table(wb: Workbook) -> pd.DataFrame:
    """Troop claims with claimant, date, hedge and grade (see :attr:`Views.claims`)."""
    return views(wb).claims.copy(deep=False)
