"""Grading: facts are graded, other claims are not; a self-serving statement counts for nothing
in ACH as in the balance; a count sits inside its own range."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ...frames import column_by, lookup, lookup_by
from ...grammar import with_article
from ..checks import Findings, Params
from ..problems import Kind, Problem
from .registry import Context, rule


@rule(
    Kind.CREDIBILITY_BY_KIND,
    reads={"statements": ("proposition_id", "credibility"), "propositions": ("proposition_id", "kind")},
)
def check_credibility_by_kind(ctx: Context) -> list[Problem]:
    """Facts are graded; statements on anything else are not (blank, never 6 as a placeholder)."""
    statements = ctx.typed["statements"]
    kinds = column_by(ctx.typed["propositions"], "proposition_id", "kind").astype(str)
    kind = lookup(statements["proposition_id"], kinds)
    graded = statements["credibility"].notna()
    findings = Findings(ctx.raws["statements"])

    def reason(why: str) -> Callable[[pd.Index], list[Params]]:
        def params(rows: pd.Index) -> list[Params]:
            return [
                {"reason": why.format(p=statements.at[r, "proposition_id"], k=with_article(str(kind[r])))}
                for r in rows
            ]

        return params

    findings.flag(
        (kind == "fact").fillna(False) & ~graded,
        "credibility",
        Kind.CREDIBILITY_BY_KIND,
        reason("{p} is a fact: grade it 1-6"),
    )
    findings.flag(
        (kind.notna() & (kind != "fact")).fillna(False) & graded,
        "credibility",
        Kind.CREDIBILITY_BY_KIND,
        reason("{p} is {k}, not a fact, so it is not graded: leave credibility blank"),
    )
    return findings.problems


@rule(
    Kind.EXPECTATION_NOT_FACT,
    reads={"expectations": ("proposition_id",), "propositions": ("proposition_id", "kind")},
)
def check_expectations_on_facts(ctx: Context) -> list[Problem]:
    """A hypothesis expects something only of a fact: the ratings derived from the grid weigh evidence."""
    expectations = ctx.typed["expectations"]
    kinds = column_by(ctx.typed["propositions"], "proposition_id", "kind").astype(str)
    kind = lookup(expectations["proposition_id"], kinds)
    findings = Findings(ctx.raws["expectations"])
    findings.flag(
        (kind.notna() & (kind != "fact")).fillna(False),
        "proposition_id",
        Kind.EXPECTATION_NOT_FACT,
        lambda rows: [
            {"reason": f"{expectations.at[r, 'proposition_id']} is {with_article(str(kind[r]))}, not a fact"}
            for r in rows
        ],
    )
    return findings.problems


@rule(
    Kind.SELF_SERVING_RATED,
    reads={"statements": ("statement_id", "self_serving"), "ach_ratings": ("statement_id", "rating")},
)
def check_self_serving_ratings(ctx: Context) -> list[Problem]:
    """One principle in both aids: what a speaker's stake calls for is no evidence either way, so a
    self-serving statement is rated alike under every hypothesis (as the balance gives it no weight)."""
    statements, ratings = ctx.typed["statements"], ctx.typed["ach_ratings"]
    serving = lookup_by(ratings["statement_id"], statements, "statement_id", "self_serving")
    rated = ratings[serving.fillna(False).astype(bool)]
    spread = rated.groupby("statement_id", observed=True)["rating"].agg(lambda r: sorted(set(r.astype(str))))
    mixed = spread[spread.map(len) > 1]
    if mixed.empty:
        return []
    first = ~ratings["statement_id"].duplicated() & ratings["statement_id"].isin(mixed.index)
    findings = Findings(ctx.raws["ach_ratings"])
    findings.flag(
        first,
        "rating",
        Kind.SELF_SERVING_RATED,
        lambda rows: [
            {
                "statement": ratings.at[r, "statement_id"],
                "ratings": " and ".join(mixed[ratings.at[r, "statement_id"]]),
            }
            for r in rows
        ],
        values=ratings["statement_id"],
    )
    return findings.problems


@rule(Kind.COUNT_RANGE, reads={"troop_claims": ("count", "count_low", "count_high")})
def check_count_range(ctx: Context) -> list[Problem]:
    """``count_low <= count <= count_high`` wherever the bounds are given."""
    claims = ctx.typed["troop_claims"]
    findings = Findings(ctx.raws["troop_claims"])
    findings.flag(
        (claims["count_low"] > claims["count"]).fillna(False),
        "count_low",
        Kind.COUNT_RANGE,
        {"reason": "count_low must not exceed count"},
    )
    findings.flag(
        (claims["count"] > claims["count_high"]).fillna(False),
        "count_high",
        Kind.COUNT_RANGE,
        {"reason": "count_high must not be below count"},
    )
    return findings.problems


@rule(
    Kind.RESOLUTION_SHAPE,
    reads={"resolutions": ("proposition_id", "outcome", "measure", "count_low", "count_high")},
)
def check_resolution_shape(ctx: Context) -> list[Problem]:
    """A resolution settles a proposition or a count, one of them, whole."""
    found = ctx.typed["resolutions"]
    findings = Findings(ctx.raws["resolutions"])
    proposition = found["proposition_id"].notna()
    count = found["measure"].notna() | found["count_low"].notna() | found["count_high"].notna()
    findings.flag(
        proposition & count, "measure", Kind.RESOLUTION_SHAPE, {"reason": "settles a proposition and a count"}
    )
    findings.flag(
        ~proposition & ~count, "proposition_id", Kind.RESOLUTION_SHAPE, {"reason": "settles nothing"}
    )
    findings.flag(
        proposition & found["outcome"].isna(),
        "outcome",
        Kind.RESOLUTION_SHAPE,
        {"reason": "a settled proposition needs its outcome, true or false"},
    )
    findings.flag(
        count & (found["measure"].isna() | (found["count_low"].isna() & found["count_high"].isna())),
        "measure",
        Kind.RESOLUTION_SHAPE,
        {"reason": "a settled count needs its measure and its low or high end"},
    )
    findings.flag(
        (found["count_low"] > found["count_high"]).fillna(False),
        "count_low",
        Kind.RESOLUTION_SHAPE,
        {"reason": "count_low must not exceed count_high"},
    )
    return findings.problems
