"""Rules that tie a row to other rows: grading by proposition kind, date ranges, and the links
``same_as``, ``supersedes`` and ``bears_on``.

Each rule runs only on the columns a folder has: older data without an optional column is not
held to a rule about it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ..frames import keyed, lookup
from ..words import with_article
from .checks import Findings, Params
from .csvread import RawTable
from .problems import Kind, Problem


def _row_of(ids: pd.Series) -> pd.Series:
    """Each id's first row number (0-based), keyed by id."""
    first = ids.drop_duplicates()
    return pd.Series(first.index.to_numpy(), index=first.to_numpy())


def _not_earlier(links: pd.Series, ids: pd.Series) -> pd.Series:
    """True where ``links`` names a known id that is not on an earlier row (unknown ids are the
    foreign-key rule's to report)."""
    target = lookup(links, _row_of(ids)).astype("float64")
    rows = pd.Series(links.index.to_numpy(), index=links.index, dtype="float64")
    return (links.notna() & target.notna() & (target >= rows)).fillna(False)


def check_credibility_by_kind(
    statements: pd.DataFrame, propositions: pd.DataFrame, raw: RawTable
) -> list[Problem]:
    """Facts are graded; statements on anything else are not (blank, never 6 as a placeholder)."""
    kinds = pd.Series(propositions["kind"].astype(str).to_numpy(), index=propositions["proposition_id"])
    kind = lookup(statements["proposition_id"], kinds[~kinds.index.duplicated()])
    graded = statements["credibility"].notna()
    ungraded_fact = (kind == "fact").fillna(False) & ~graded
    graded_other = (kind.notna() & (kind != "fact")).fillna(False) & graded
    findings = Findings(raw)

    def reason(why: str) -> Callable[[pd.Index], list[Params]]:
        def params(rows: pd.Index) -> list[Params]:
            return [
                {"reason": why.format(p=statements.at[r, "proposition_id"], k=with_article(str(kind[r])))}
                for r in rows
            ]

        return params

    findings.flag(
        ungraded_fact, "credibility", Kind.CREDIBILITY_BY_KIND, reason("{p} is a fact: grade it 1-6")
    )
    findings.flag(
        graded_other,
        "credibility",
        Kind.CREDIBILITY_BY_KIND,
        reason("{p} is {k}, not a fact, so it is not graded: leave credibility blank"),
    )
    return findings.problems


def check_claim_dates(
    claims: pd.DataFrame, statements: pd.DataFrame, propositions: pd.DataFrame, raw: RawTable
) -> list[Problem]:
    """A count describes what was known when it was said, unless it is a plan or a forecast."""
    said = keyed(statements, "statement_id")
    kinds = keyed(propositions, "proposition_id")["kind"].astype(str)
    kind = lookup(lookup(claims["statement_id"], said["proposition_id"]), kinds)
    said_on = lookup(claims["statement_id"], said["said_on"])
    ahead = ~kind.isin(["forecast", "intention"]).fillna(False)
    late = ((claims["as_of"] > said_on).fillna(False) & ahead).astype(bool)
    findings = Findings(raw)
    findings.flag(
        late, "as_of", Kind.AS_OF_AFTER_SAID, lambda rows: [{"said": f"{said_on[r]:%Y-%m-%d}"} for r in rows]
    )
    return findings.problems


def check_said_on_range(statements: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """``range`` dates give their earliest day; other precisions do not."""
    is_range = (statements["said_on_precision"] == "range").fillna(False)
    earliest = statements["said_on_earliest"]
    findings = Findings(raw)
    findings.flag(
        is_range & earliest.isna(),
        "said_on_precision",
        Kind.SAID_ON_RANGE,
        {"reason": "a range needs its earliest day in said_on_earliest"},
    )
    findings.flag(
        ~is_range & earliest.notna(),
        "said_on_earliest",
        Kind.SAID_ON_RANGE,
        {"reason": "said_on_earliest is only for a said_on_precision of range"},
    )
    findings.flag(
        (earliest > statements["said_on"]).fillna(False),
        "said_on_earliest",
        Kind.SAID_ON_RANGE,
        {"reason": "is after said_on, the latest possible day"},
    )
    return findings.problems


def check_same_as(statements: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """A remark's first report comes first: ``same_as`` looks back, never forward or at itself."""
    findings = Findings(raw)
    findings.flag(
        _not_earlier(statements["same_as"], statements["statement_id"]),
        "same_as",
        Kind.SAME_AS_ORDER,
        lambda rows: [{"target": statements.at[r, "same_as"]} for r in rows],
    )
    return findings.problems


def check_judgement_history(judgements: pd.DataFrame, raw: RawTable) -> list[Problem]:
    """A judgement replaces an earlier one on its own proposition, and each proposition has one
    current judgement."""
    ids = judgements["judgement_id"]
    old = judgements.set_index(ids)[~ids.duplicated().to_numpy()]
    links = judgements["supersedes"]
    other_prop = lookup(links, old["proposition_id"])
    other_date = lookup(links, old["as_of"])
    findings = Findings(raw)
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


def _reasons(why: str, links: pd.Series) -> Callable[[pd.Index], list[Params]]:
    """Per broken row, ``why`` with the row's link put in for ``{s}``."""

    def params(rows: pd.Index) -> list[Params]:
        return [{"reason": why.format(s=links[r])} for r in rows]

    return params


def check_bears_on(
    indicators: pd.DataFrame, judgements: pd.DataFrame, hypothesis_ids: pd.Series, raw: RawTable
) -> list[Problem]:
    """Every indicator bears on a current judgement or a hypothesis, in a direction that fits it:
    a judgement's likelihood rises or falls; a hypothesis is supported or weakened."""
    judgement_ids = judgements["judgement_id"]
    target = indicators["bears_on"]
    known = pd.concat([judgement_ids, hypothesis_ids]).dropna().unique()
    findings = Findings(raw)
    findings.flag(target.notna() & ~target.isin(known), "bears_on", Kind.BEARS_ON_UNKNOWN)
    replaced = judgements.dropna(subset=["supersedes"]).drop_duplicates("supersedes")
    by = pd.Series(replaced["judgement_id"].to_numpy(), index=replaced["supersedes"].to_numpy())
    superseded = target.isin(by.index).fillna(False)
    findings.flag(
        superseded,
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
