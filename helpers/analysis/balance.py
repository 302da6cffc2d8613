"""The evidence balance: what the graded statements on a factual proposition add up to.

It is an aid set beside the analyst's judgement, never the judgement itself. Each statement weighs
as :mod:`.evidence` says. One remark reported twice counts once, and so does each channel: sources
on one channel are not independent witnesses, so a channel speaks through its latest word (its
statements of the latest date) and adds only its strongest statement on each side. Independent
channels compound: each multiplies the odds by ODDS_PER_WEIGHT to the power of its weight, so with
A and D the affirming and denying weight so counted, from even odds,

    p = 1 / (1 + ODDS_PER_WEIGHT ** -(A - D)),

read in ICD 203 terms; below MIN_EVIDENCE of A + D the balance says "cannot assess". Confidence
asks how many independent channels agree (see :func:`_confidence`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..frames import keyed
from ..schema.vocabulary import CONFIDENCE, LIKELIHOOD
from ..workbook import Workbook
from .evidence import Weights, evidence_weights, one_per_remark, sides
from .views import current_statements

# A channel of weight 1 (completely reliable, confirmed) moves even odds to 4:1, i.e. to 80%.
ODDS_PER_WEIGHT = 4.0
MIN_EVIDENCE = 1.0  # less graded weight than this on both sides together: cannot assess
CANNOT_ASSESS = "cannot assess"
# ICD 203 terms with the upper edge of each band (inclusive; the last reaches 1), and the band as printed.
ESTIMATIVE = [
    (1.0 if k == len(LIKELIHOOD) - 1 else t.high, str(t.value), t.band) for k, t in enumerate(LIKELIHOOD)
]
TERMS = [term for _, term, _ in ESTIMATIVE]
CONFIDENCE_LEVELS = [str(v) for v in CONFIDENCE.values]  # ICD 203's, in order
BANDS = {term: band for _, term, band in ESTIMATIVE}
# Confidence from agreement: independent channels on the leading side, of which disinterested.
HIGH_CHANNELS, HIGH_DISINTERESTED = 3, 2
MODERATE_CHANNELS, MODERATE_DISINTERESTED = 2, 1
MODERATE_RATIO = 2.0  # for high or moderate, the leading side outweighs the other this many times


def estimative_term(p: float) -> tuple[str, str]:
    """The ICD 203 term and its band for a probability ``p``."""
    for upper, term, band in ESTIMATIVE:
        if p <= upper + 1e-12:
            return term, band
    raise ValueError(p)


@dataclass(frozen=True)
class Balance:
    """What the graded evidence on one proposition adds up to, and how it was counted."""

    proposition_id: str
    affirming: float  # A: summed weight, one statement per remark and per channel and side
    denying: float  # D
    p: float | None  # None when the evidence is too thin to assess
    term: str  # an ICD 203 term, or "cannot assess"
    band: str
    confidence: str
    channels_for: int  # independent channels on the affirming side
    channels_against: int  # on the denying side
    cautions: tuple[str, ...]  # what the reader must know about the evidence's quality
    basis: pd.DataFrame  # the statements weighed, each with its weight and whether it counted

    @property
    def assessed(self) -> bool:
        """Whether there was enough graded evidence to read a likelihood off it."""
        return self.p is not None


BASIS_COLUMNS = [
    "statement_id", "source", "channel", "stance", "grade", "hedge", "interested", "weight", "counted",
]  # fmt: skip


def balance(proposition_id: str, statements: pd.DataFrame, weights: Weights | None = None) -> Balance:
    """The balance of ``statements`` (current, graded, all on ``proposition_id``)."""
    weights = weights or Weights()
    statements = statements.reset_index(drop=True)  # rows are told apart by position below
    said = statements[sides(statements["stance"]) != 0]
    weight = evidence_weights(said, weights)
    side = sides(said["stance"]).to_numpy()
    signed = pd.Series(weight.to_numpy() * abs(side), index=said.index)
    items = one_per_remark(said, signed)
    items = items[signed[items.index] > 0]  # what carries no weight cannot speak for its channel
    # A channel's latest word stands for it: an earlier "no evidence" gives way to a later "affirms".
    items = items[items["said_on"] == items.groupby("channel", observed=True)["said_on"].transform("max")]
    # Each channel adds its strongest statement on each side: the rest are not independent.
    per_side = items.assign(_w=signed[items.index], _side=side[said.index.get_indexer(items.index)] > 0)
    best = per_side.sort_values("_w", ascending=False, kind="stable").drop_duplicates(["channel", "_side"])
    best = best[best["_w"] > 0]
    affirming = float(best.loc[best["_side"], "_w"].sum())
    denying = float(best.loc[~best["_side"], "_w"].sum())
    basis = said.assign(weight=signed.round(3), counted=said.index.isin(best.index))
    basis = basis.reindex(columns=BASIS_COLUMNS).reset_index(drop=True)
    leads_for = affirming >= denying
    agree = best[best["_side"] == leads_for]
    oppose = best[best["_side"] != leads_for]
    total = affirming + denying
    if total < MIN_EVIDENCE:
        p, term, band = None, CANNOT_ASSESS, ""
    else:
        p = 1 / (1 + ODDS_PER_WEIGHT ** -(affirming - denying))
        term, band = estimative_term(p)
    return Balance(
        proposition_id=proposition_id,
        affirming=round(affirming, 4),
        denying=round(denying, 4),
        p=None if p is None else round(p, 4),
        term=term,
        band=band,
        confidence=_confidence(agree, oppose, p is not None),
        channels_for=best.loc[best["_side"], "channel"].nunique(),
        channels_against=best.loc[~best["_side"], "channel"].nunique(),
        cautions=_cautions(said, signed),
        basis=basis,
    )


def _confidence(agree: pd.DataFrame, oppose: pd.DataFrame, assessed: bool) -> str:
    """High: three independent channels agree, two of them disinterested, no disinterested channel
    disagrees, and the leading side outweighs the other twice. Moderate: two agree, one
    disinterested, with the same lead. Low otherwise, and always when the balance cannot assess."""
    if not assessed:
        return "low"
    channels = agree["channel"].nunique()
    disinterested = agree.loc[~agree["interested"].astype(bool), "channel"].nunique()
    dissent = oppose.loc[~oppose["interested"].astype(bool), "channel"].nunique()
    clear_lead = float(agree["_w"].sum()) >= MODERATE_RATIO * float(oppose["_w"].sum())
    if channels >= HIGH_CHANNELS and disinterested >= HIGH_DISINTERESTED and dissent == 0 and clear_lead:
        return "high"
    if channels >= MODERATE_CHANNELS and disinterested >= MODERATE_DISINTERESTED and clear_lead:
        return "moderate"
    return "low"


def _cautions(said: pd.DataFrame, weight: pd.Series) -> tuple[str, ...]:
    """What the evidence is made of, where that should temper any judgement resting on it."""
    weighed = weight > 0
    if len(said) and not weighed.any():
        ids = ", ".join(said["statement_id"].astype(str))
        return (f"the only evidence ({ids}) carries no weight: its grade, or its relay's, cannot be judged",)
    if weighed.sum() == 1:
        only = said[weighed].iloc[0]
        if bool(only["interested"]) and bool(only["hedged"]):
            sid = only["statement_id"]
            return (f"the only weighed evidence is one hedged claim by an interested party ({sid})",)
    return ()


def balances(
    statements: pd.DataFrame, propositions: pd.DataFrame, weights: Weights | None = None
) -> dict[str, Balance]:
    """The balance of every factual proposition that at least one statement takes a side on."""
    facts = propositions.loc[propositions["kind"] == "fact", "proposition_id"]
    sided = statements[sides(statements["stance"]) != 0]
    out = {}
    for pid in facts:
        said = statements[statements["proposition_id"] == pid]
        if (sided["proposition_id"] == pid).any():
            out[pid] = balance(pid, said, weights)
    return out


def balance_table(balanced: dict[str, Balance], propositions: pd.DataFrame) -> pd.DataFrame:
    """One row per balance: proposition, A, D, p, ICD 203 term and confidence."""
    text = keyed(propositions, "proposition_id")["text"]
    rows = [
        {
            "proposition_id": b.proposition_id,
            "proposition": text.get(b.proposition_id, b.proposition_id),
            "affirming": b.affirming,
            "denying": b.denying,
            "p": b.p,
            "balance": b.term,
            "confidence": b.confidence,
            "channels_for": b.channels_for,
            "channels_against": b.channels_against,
        }
        for b in balanced.values()
    ]
    columns = [
        "proposition_id", "proposition", "affirming", "denying", "p", "balance", "confidence",
        "channels_for", "channels_against",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def workbook_balances(wb: Workbook, weights: Weights | None = None) -> pd.DataFrame:
    """:func:`balance_table` of every factual proposition over the workbook's current statements."""
    return balance_table(balances(current_statements(wb), wb.propositions, weights), wb.propositions)


def bands_apart(first: str, second: str) -> int | None:
    """How many ICD 203 bands lie between two terms; None when either is not a term."""
    if first not in TERMS or second not in TERMS:
        return None
    return abs(TERMS.index(first) - TERMS.index(second))
