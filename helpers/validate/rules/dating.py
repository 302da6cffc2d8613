"""Dates: nothing said after it was published, ranges that run forward, counts dated when known."""

from __future__ import annotations

import pandas as pd

from ...frames import column_by, lookup, lookup_by
from ..checks import Findings, Params
from ..problems import Kind, Problem
from .registry import Context, rule

AHEAD = ("forecast", "intended")  # modalities of a number for a later date


@rule(
    Kind.SAID_AFTER_PUBLISHED,
    reads={"statements": ("document_id", "said_on"), "documents": ("document_id", "published")},
)
def check_statement_dates(ctx: Context) -> list[Problem]:
    """No statement can be dated after the document that reports it was published.

    Documents are joined by key; a repeated key (reported as such) is looked up at its first row.
    """
    statements = ctx.typed["statements"]
    documents = column_by(ctx.typed["documents"], "document_id", "published")
    published = lookup(statements["document_id"], documents)
    late = (statements["said_on"] > published).fillna(False)
    findings = Findings(ctx.raws["statements"])

    def params(rows: pd.Index) -> list[Params]:
        return [{"published": f"{published[row]:%Y-%m-%d}"} for row in rows]

    findings.flag(late, "said_on", Kind.SAID_AFTER_PUBLISHED, params)
    return findings.problems


@rule(Kind.SAID_ON_RANGE, reads={"statements": ("said_on", "said_on_earliest", "said_on_precision")})
def check_said_on_range(ctx: Context) -> list[Problem]:
    """``range`` dates give their earliest day; other precisions do not."""
    statements = ctx.typed["statements"]
    is_range = (statements["said_on_precision"] == "range").fillna(False)
    earliest = statements["said_on_earliest"]
    findings = Findings(ctx.raws["statements"])
    for broken, column, reason in (
        (
            is_range & earliest.isna(),
            "said_on_precision",
            "a range needs its earliest day in said_on_earliest",
        ),
        (
            ~is_range & earliest.notna(),
            "said_on_earliest",
            "said_on_earliest is only for a said_on_precision of range",
        ),
        (
            (earliest > statements["said_on"]).fillna(False),
            "said_on_earliest",
            "is after said_on, the latest possible day",
        ),
    ):
        findings.flag(broken, column, Kind.SAID_ON_RANGE, {"reason": reason})
    return findings.problems


@rule(
    Kind.AS_OF_AFTER_SAID,
    reads={"troop_claims": ("statement_id", "as_of", "modality"), "statements": ("statement_id", "said_on")},
)
def check_claim_dates(ctx: Context) -> list[Problem]:
    """A count describes what was known when it was said, unless it is a forecast or a plan."""
    claims = ctx.typed["troop_claims"]
    said_on = lookup_by(claims["statement_id"], ctx.typed["statements"], "statement_id", "said_on")
    ahead = claims["modality"].isin(AHEAD).fillna(False)
    late = ((claims["as_of"] > said_on).fillna(False) & ~ahead).astype(bool)
    findings = Findings(ctx.raws["troop_claims"])
    findings.flag(
        late, "as_of", Kind.AS_OF_AFTER_SAID, lambda rows: [{"said": f"{said_on[r]:%Y-%m-%d}"} for r in rows]
    )
    return findings.problems
