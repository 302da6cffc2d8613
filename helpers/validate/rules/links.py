"""Links between rows: replies, reports of one remark, judgement histories, indicators, containment.

Each link looks back (to an earlier row) or upward (to a broader place or proposition), never in a
circle, so that every analysis can follow links without guarding against loops.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ...columnar import arrow_text, isin
from ...frames import keyed, lookup
from ..checks import Findings, Params
from ..problems import Kind, Problem
from .registry import Context, rule


def _row_of(ids: pd.Series) -> pd.Series:
    """Each id's first row number (0-based), keyed by id."""
    first = ids.drop_duplicates()
    return pd.Series(first.index.to_numpy(), index=first.to_numpy())


def _not_earlier(links: pd.Series, ids: pd.Series) -> pd.Series:
    """True where ``links`` names a known id that is not on an earlier row (unknown ids are the
    foreign-key rule's to report)."""
    out = pd.Series(False, index=links.index)
    named = links[links.notna().to_numpy(dtype=bool)]  # most rows link to nothing: look up the rest
    if len(named):
        if len(ids) > 4 * len(named) and arrow_text(ids) and arrow_text(named):
            ids = ids[isin(ids, named).to_numpy()]  # a few links: no duplicate check of every id
        target = lookup(named, _row_of(ids)).astype("float64").to_numpy()
        out[named.index] = ~np.isnan(target) & (target >= named.index.to_numpy(dtype="float64"))
    return out


def cycles(ids: list[str], links: list[object]) -> list[list[str]]:
    """Every loop of links (each row links to at most one other), listed once from its first id in
    file order. Following the links from each start, and stopping at anything seen on an earlier
    walk, finds every loop in linear time."""
    target = {s: r for s, r in zip(ids, links, strict=True) if isinstance(r, str)}
    walk_of: dict[str, int] = {}
    found = []
    for walk, start in enumerate(target):
        path, node = [], start
        while node in target and node not in walk_of:
            walk_of[node] = walk
            path.append(node)
            node = target[node]
        if node in target and walk_of[node] == walk and node != target[node]:  # self-links: own rule
            found.append(path[path.index(node) :])
    return found


def _flag_cycles(ctx: Context, table: str, key: str, column: str, kind: Kind) -> list[Problem]:
    frame = ctx.typed[table]
    ids = frame[key]
    linked = frame.loc[frame[column].notna(), [key, column]]
    for _ in range(3):  # a row in a loop both links and is linked to: prune the rest first
        linked = linked[isin(linked[key], linked[column])]
    loops = {c[0]: " → ".join([*c, c[0]]) for c in cycles(linked[key].tolist(), linked[column].tolist())}
    if not loops:  # the usual case: nothing to flag, so no per-row masks to build
        return []
    looped = isin(ids, tuple(loops))
    broken = pd.Series(False, index=ids.index)  # one problem per loop, at its first row
    hits = ids[looped.to_numpy()]  # few or none: only they are checked for an earlier row
    broken[hits.index[~hits.duplicated().to_numpy()]] = True
    findings = Findings(ctx.raws[table])
    findings.flag(broken, column, kind, lambda rows: [{"cycle": loops[ids[r]]} for r in rows])
    return findings.problems


@rule(Kind.RESPONDS_TO_ITSELF, Kind.RESPONDS_TO_CYCLE, reads={"statements": ("statement_id", "responds_to")})
def check_replies(ctx: Context) -> list[Problem]:
    """A statement does not answer itself, and replies never lead back to where they start."""
    statements = ctx.typed["statements"]
    findings = Findings(ctx.raws["statements"])
    findings.flag(
        (statements["responds_to"] == statements["statement_id"]).fillna(False),
        "responds_to",
        Kind.RESPONDS_TO_ITSELF,
    )
    return findings.problems + _flag_cycles(
        ctx, "statements", "statement_id", "responds_to", Kind.RESPONDS_TO_CYCLE
    )


@rule(Kind.LINK_CYCLE, reads={"places": ("place_id", "parent")})
def check_place_cycles(ctx: Context) -> list[Problem]:
    """No place lies, through its parents, inside itself."""
    return _flag_cycles(ctx, "places", "place_id", "parent", Kind.LINK_CYCLE)


@rule(Kind.LINK_CYCLE, reads={"propositions": ("proposition_id", "implies")})
def check_implication_cycles(ctx: Context) -> list[Problem]:
    """No proposition implies, through broader ones, itself."""
    return _flag_cycles(ctx, "propositions", "proposition_id", "implies", Kind.LINK_CYCLE)


@rule(Kind.SAME_AS_ORDER, reads={"statements": ("statement_id", "same_as")})
def check_same_as(ctx: Context) -> list[Problem]:
    """A remark's first report comes first: ``same_as`` looks back, never forward or at itself."""
    statements = ctx.typed["statements"]
    findings = Findings(ctx.raws["statements"])
    findings.flag(
        _not_earlier(statements["same_as"], statements["statement_id"]),
        "same_as",
        Kind.SAME_AS_ORDER,
        lambda rows: [{"target": statements.at[r, "same_as"]} for r in rows],
    )
    return findings.problems


def _reasons(why: str, links: pd.Series) -> Callable[[pd.Index], list[Params]]:
    """Per broken row, ``why`` with the row's link put in for ``{s}``."""

    def params(rows: pd.Index) -> list[Params]:
        return [{"reason": why.format(s=links[r])} for r in rows]

    return params


@rule(
    Kind.SUPERSEDES_ORDER,
    Kind.TWO_CURRENT_JUDGEMENTS,
    reads={"judgements": ("judgement_id", "proposition_id", "as_of", "supersedes")},
)
def check_judgement_history(ctx: Context) -> list[Problem]:
    """A judgement replaces an earlier one on its own proposition, and each proposition has one
    current judgement."""
    judgements = ctx.typed["judgements"]
    ids = judgements["judgement_id"]
    old = judgements.set_index(ids)[~ids.duplicated().to_numpy()]
    links = judgements["supersedes"]
    other_prop = lookup(links, old["proposition_id"])
    other_date = lookup(links, old["as_of"])
    findings = Findings(ctx.raws["judgements"])
    for broken, why in (
        (_not_earlier(links, ids), "{s} is not on an earlier row"),
        (
            (other_prop.notna() & (other_prop != judgements["proposition_id"])).fillna(False),
            "{s} judges another proposition",
        ),
        ((other_date > judgements["as_of"]).fillna(False), "{s} is as of a later date"),
    ):
        findings.flag(broken, "supersedes", Kind.SUPERSEDES_ORDER, _reasons(why, links))
    current = judgements[~ids.isin(links.dropna())]
    first = keyed(current, "proposition_id")["judgement_id"]
    second = current["proposition_id"].duplicated()
    findings.flag(
        second.reindex(judgements.index, fill_value=False),
        "proposition_id",
        Kind.TWO_CURRENT_JUDGEMENTS,
        lambda rows: [
            {
                "proposition": judgements.at[r, "proposition_id"],
                "other": first[judgements.at[r, "proposition_id"]],
            }
            for r in rows
        ],
    )
    return findings.problems


@rule(
    Kind.BEARS_ON_UNKNOWN,
    Kind.INDICATOR_TARGET,
    reads={"indicators": ("bears_on", "direction"), "hypotheses": ("hypothesis_id",)},
)
def check_bears_on(ctx: Context) -> list[Problem]:
    """Every indicator bears on a current judgement or a hypothesis, in a direction that fits it:
    a judgement's likelihood rises or falls; a hypothesis is supported or weakened."""
    if "judgements" in ctx.declared and "judgements" not in ctx.typed:
        return []  # the judgements did not load: reported there, not again through these links
    empty = pd.DataFrame({"judgement_id": [], "supersedes": []}, dtype="str")
    judgements = ctx.typed.get("judgements", empty)
    indicators, hypothesis_ids = ctx.typed["indicators"], ctx.typed["hypotheses"]["hypothesis_id"]
    judgement_ids = judgements["judgement_id"]
    target = indicators["bears_on"]
    known = pd.concat([judgement_ids, hypothesis_ids]).dropna().unique()
    findings = Findings(ctx.raws["indicators"])
    findings.flag(target.notna() & ~target.isin(known), "bears_on", Kind.BEARS_ON_UNKNOWN)
    replaced = judgements.dropna(subset=["supersedes"]).drop_duplicates("supersedes")
    by = pd.Series(replaced["judgement_id"].to_numpy(), index=replaced["supersedes"].to_numpy())
    findings.flag(
        target.isin(by.index).fillna(False),
        "bears_on",
        Kind.INDICATOR_TARGET,
        lambda rows: [
            {"reason": f"{target[r]} is superseded by {by[target[r]]}; point it there"} for r in rows
        ],
    )
    direction = indicators["direction"].astype(str)
    on_judgement = target.isin(judgement_ids).fillna(False)
    on_hypothesis = target.isin(hypothesis_ids).fillna(False)
    findings.flag(
        on_judgement & direction.isin(["supports", "weakens"]),
        "direction",
        Kind.INDICATOR_TARGET,
        {"reason": "a judgement's likelihood raises or lowers; supports and weakens are for hypotheses"},
    )
    findings.flag(
        on_hypothesis & direction.isin(["raises", "lowers"]),
        "direction",
        Kind.INDICATOR_TARGET,
        {"reason": "a hypothesis is supported or weakened; raises and lowers are for judgements"},
    )
    return findings.problems
