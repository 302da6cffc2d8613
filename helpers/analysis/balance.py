"""The evidence balance: what the graded statements on a factual proposition add up to.

It is an aid set beside the analyst's judgement, never the judgement itself. Each statement weighs
as :mod:`.evidence` says. The statements that bear on a proposition are its own and those carried
by implication (``propositions.implies``): affirming a narrower proposition affirms every broader
one it entails, and denying a broader one denies every narrower one. Then:

- one remark reported several times is one item, worth its primary account;
- sources on one channel are not independent witnesses: a channel's earlier statement gives way
  only to a later one of its own that points another way and carries weight (a revision), never
  to one that agrees, and the channel adds only its strongest statement on each side;
- independent channels compound: each multiplies the odds by ``ODDS_PER_WEIGHT`` to the power of
  its weight, so with A and D the affirming and denying weight so counted, from even odds,

    p = 1 / (1 + ODDS_PER_WEIGHT ** -(A - D)),

read in ICD 203 terms; below ``MIN_EVIDENCE`` of A + D the balance says "cannot assess". Agreeing
evidence can therefore only raise A (or lower D, by revising a channel's earlier denial); only
contrary evidence or a revision lowers a balance. Confidence asks how many independent channels,
in how many camps, agree (see :func:`_confidence`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from ..frames import keyed
from ..schema.vocabulary import CONFIDENCE, LIKELIHOOD
from ..workbook import Workbook
from .evidence import DIRECTION, Weights, evidence_weights, sides
from .views import graded_statements, overtaken_by, views
from .weighed_rows import WeighedRows, distinct, opposing

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
# Confidence from agreement: independent channels on the leading side, the sides of the dispute they
# come from (a party and its backers are one side: see :func:`dispute_side`), and how many have no stake.
HIGH_CHANNELS, HIGH_SIDES, HIGH_DISINTERESTED = 3, 2, 2
# Moderate asks for corroboration, not for agreement across the dispute: in a story the accused
# denies, its own side never agrees, and a rule that asked for two sides flagged every moderate
# judgement (5 of 8 in one dataset) and so told the reader nothing.
MODERATE_CHANNELS, MODERATE_SIDES, MODERATE_DISINTERESTED = 2, 1, 2
MODERATE_RATIO = 2.0  # for high or moderate, the leading side outweighs the other this many times
# And the leading side weighs enough on its own: high needs about three usually reliable, probably
# true channels (B2 0.64 each); moderate the least the balance assesses at all.
HIGH_WEIGHT, MODERATE_WEIGHT = 2.0, MIN_EVIDENCE


def estimative_term(p: float) -> tuple[str, str]:
    """The ICD 203 term and its band for a probability ``p``."""
    for upper, term, band in ESTIMATIVE:
        if p <= upper + 1e-12:
            return term, band
    raise ValueError(p)


# What a balance's evidence is made of, where that should temper a judgement resting on it.
WEIGHTLESS = "weightless"  # every statement weighed carries no weight
HEDGED_INTERESTED = "hedged interested"  # the only weighed one is an interested party's hedged claim


@dataclass(frozen=True)
class Caution:
    """One caution about a balance's evidence: its kind and the statements it concerns."""

    kind: str  # WEIGHTLESS or HEDGED_INTERESTED
    statement_ids: tuple[str, ...]


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
    cautions: tuple[Caution, ...]  # what the reader must know about the evidence's quality
    basis: pd.DataFrame  # the statements weighed, each with its weight and whether it counted
    # For a claim about a changing state: each statement a later one overtook, by which, on what day.
    overtaken: tuple[tuple[str, str, pd.Timestamp], ...] = ()

    @property
    def assessed(self) -> bool:
        """Whether there was enough graded evidence to read a likelihood off it."""
        return self.p is not None


# Why a statement weighed does not count (``not_counted``; "" where it counts).
NO_WEIGHT = "no weight"  # its grades, or its speaker's stake, give it none
LATER_REPORT = "later report"  # a later report of a remark already weighed
WEAKER_ON_CHANNEL = "weaker on channel"  # the same channel's stronger statement on its side counts
# The columns of a graded statement that weighing it reads.
WEIGHED_COLUMNS = [
    "statement_id", "source", "source_id", "channel", "alignment", "stance", "proposition_id", "said_on",
    "reliability", "credibility", "hedged", "hedge", "self_serving", "interested", "admission",
    "carries_weight", "report_order", "remark", "grade", "channel_known", "publisher_known", "revises_as",
    "changing",
]  # fmt: skip
BASIS_COLUMNS = [
    "statement_id", "source", "channel", "stance", "via", "grade", "hedge", "interested", "admission",
    "weight", "counted", "not_counted",
]  # fmt: skip


def implications(propositions: pd.DataFrame) -> dict[str, list[str]]:
    """Each proposition and every broader one it entails, following ``implies`` (nearest first)."""
    parent = dict(zip(propositions["proposition_id"], propositions["implies"], strict=True))
    out: dict[str, list[str]] = {}
    for pid in parent:
        chain, node = [], parent.get(pid)
        while isinstance(node, str) and node not in chain and node != pid:
            chain.append(node)
            node = parent.get(node)
        out[pid] = chain
    return out


def bearing_on(statements: pd.DataFrame, propositions: pd.DataFrame) -> pd.DataFrame:
    """Every statement once per proposition it bears on: its own, every broader one it affirms by
    implication, and every narrower one it denies by implication (``via`` names its own).

    The rows come in a fixed order (own; then per narrower proposition, the affirmations carried up,
    then the denials carried down), so that ties between equal weights always fall the same way."""
    own = statements.assign(target=statements["proposition_id"].astype(str), via="")
    pairs = [
        (k, j, narrow, broad)
        for k, (narrow, above) in enumerate(implications(propositions).items())
        for j, broad in enumerate(above)
    ]
    if not pairs:
        return own.reset_index(drop=True)
    entails = pd.DataFrame(pairs, columns=["_k", "_j", "narrow", "broad"])
    direction = statements["stance"].astype(str).map(DIRECTION).to_numpy()
    pid = statements["proposition_id"].astype(str).to_numpy()
    rows = np.arange(len(statements))
    # Affirming the narrower affirms the broader; denying the broader denies the narrower.
    up = entails.merge(pd.DataFrame({"narrow": pid[direction == 1], "_row": rows[direction == 1]}))
    down = entails.merge(pd.DataFrame({"broad": pid[direction == -1], "_row": rows[direction == -1]}))
    carried = pd.concat(
        [
            up.assign(_block=0, target=up["broad"], via=up["narrow"]),
            down.assign(_block=1, target=down["narrow"], via=down["broad"]),
        ],
        ignore_index=True,
    ).sort_values(["_k", "_block", "_j", "_row"], kind="stable")
    extra = statements.iloc[carried["_row"].to_numpy()].assign(
        target=carried["target"].to_numpy(), via=carried["via"].to_numpy()
    )
    return pd.concat([own, extra], ignore_index=True)


def balance(proposition_id: str, statements: pd.DataFrame, weights: Weights | None = None) -> Balance:
    """The balance of ``statements`` (graded, each bearing on ``proposition_id``, own or ``via``)."""
    found = balances_of(statements.assign(target=proposition_id), weights)
    return found.get(proposition_id) or empty_balance(proposition_id)


def balances_apart(bearing: pd.DataFrame, key: str, weights: Weights | None = None) -> dict[str, Balance]:
    """The balance of the rows of ``bearing`` (graded statements with the ``target`` they bear on)
    that share each value of ``key``, each weighed apart as :func:`balance` weighs them, in one
    weighing: every step of it keeps its targets apart, and one pass over all the rows costs about
    what one balance does. A key with no row that takes a side has no balance here."""
    keys = bearing[key].astype(str)
    proposition = dict(zip(keys, bearing["target"].astype(str), strict=True))
    found = balances_of(bearing.assign(target=keys), weights)
    return {k: replace(found_k, proposition_id=proposition[k]) for k, found_k in found.items()}


def empty_balance(proposition_id: str) -> Balance:
    """The balance of no evidence: it cannot assess."""
    nothing = pd.DataFrame(columns=BASIS_COLUMNS)
    return Balance(proposition_id, 0.0, 0.0, None, CANNOT_ASSESS, "", "low", 0, 0, (), nothing)


def _weighed(bearing: pd.DataFrame, weights: Weights) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every row of ``bearing`` (statements with the ``target`` they bear on) that takes a side and
    stands, with its weight (``_w``), side (``_side``: affirming) and whether it counts, for all
    targets at once: revisions within each target, one primary account per remark, each channel's
    strongest statement per side. Also the statements on claims about a changing state that a later
    word overtook: target, statement, by what and on what day."""
    bearing = bearing.reset_index(drop=True)
    overtaken = pd.DataFrame(columns=["target", "statement_id", "by", "on"])
    if len(bearing):  # revisions between the statements that bear on one target, implied ones included
        revised = overtaken_by(bearing.assign(proposition_id=bearing["target"].astype(str)))
        if "changing" in bearing:  # a claim about a changing state: say by what and when it was overtaken
            gone = revised.notna().to_numpy() & bearing["changing"].astype(bool).to_numpy()
            first = [_first_overtaking(bearing, int(i)) for i in np.flatnonzero(gone)]
            overtaken = pd.DataFrame(
                {
                    "target": bearing.loc[gone, "target"].astype(str).to_numpy(),
                    "statement_id": bearing.loc[gone, "statement_id"].astype(str).to_numpy(),
                    "by": [b for b, _ in first],
                    "on": [d for _, d in first],
                }
            )
        bearing = bearing[revised.isna().to_numpy()]
    side = sides(bearing["stance"]).to_numpy()
    said = bearing[side != 0].reset_index(drop=True)
    side = side[side != 0]
    weight = evidence_weights(said, weights).to_numpy() * np.abs(side)
    order = said["report_order"].to_numpy() if "report_order" in said else np.arange(len(said))
    target = said["target"].astype(str).to_numpy()
    keys = pd.DataFrame({"target": target, "remark": said["remark"].to_numpy(), "_o": order})
    # One remark is one item, worth its primary account (its first report); what weighs nothing
    # cannot speak for its channel.
    first = keys.sort_values("_o", kind="stable").drop_duplicates(["target", "remark"])
    primary = said.index.isin(first.index)
    channel = said["channel"].astype(str).to_numpy()
    able = pd.DataFrame({"target": target, "channel": channel, "_side": side > 0, "_w": weight})
    able = able[primary & (weight > 0)]
    # Each channel adds its strongest statement on each side: the rest are not independent.
    best = able.sort_values("_w", ascending=False, kind="stable").drop_duplicates(
        ["target", "channel", "_side"]
    )
    counted = said.index.isin(best.index)
    why_not = np.select([counted, weight <= 0, ~primary], ["", NO_WEIGHT, LATER_REPORT], WEAKER_ON_CHANNEL)
    out = said.assign(
        _w=weight, _side=side > 0, counted=counted, not_counted=why_not, weight=np.round(weight, 3)
    )
    return out, overtaken


def _first_overtaking(bearing: pd.DataFrame, at: int) -> tuple[str, object]:
    """The first later statement on the same target that points another way and carries weight, and
    its day: when a claim about a changing state stopped holding, not the latest word against it."""
    row = bearing.iloc[at]
    own = DIRECTION.get(str(row["stance"]))
    later = bearing[
        (bearing["target"] == row["target"]).to_numpy()
        & (bearing["said_on"] > row["said_on"]).fillna(False).to_numpy()
        & bearing["carries_weight"].astype(bool).to_numpy()
        & bearing["stance"].astype(str).map(DIRECTION).pipe(lambda d: d.notna() & (d != own)).to_numpy()
    ]
    if later.empty:
        return "", pd.NaT
    earliest = later.sort_values(["said_on", "statement_id"], kind="stable").iloc[0]
    return str(earliest["statement_id"]), earliest["said_on"]


def balances_of(bearing: pd.DataFrame, weights: Weights | None = None) -> dict[str, Balance]:
    """The balance of each ``target`` of ``bearing`` that some statement takes a side on: the rows
    are weighed together (:func:`_weighed`), then each target's balance is read off its own rows."""
    said, gone = _weighed(bearing, weights or Weights())
    rows = WeighedRows.of(said, LATER_REPORT)
    basis = said.reindex(columns=BASIS_COLUMNS)
    overtaken: dict[str, list[tuple[str, str, pd.Timestamp]]] = {}
    for r in gone.itertuples(index=False):
        overtaken.setdefault(str(r.target), []).append((r.statement_id, r.by, r.on))
    codes, targets = pd.factorize(said["target"], sort=False)  # in the order they first appear
    order = np.argsort(codes, kind="stable")
    starts = np.searchsorted(codes[order], np.arange(len(targets) + 1))
    out = {}
    for k, target in enumerate(map(str, targets)):
        at = order[starts[k] : starts[k + 1]]
        out[target] = _read(target, rows.take(at), basis.take(at), tuple(overtaken.get(target, ())))
    return out


def _read(target: str, rows: WeighedRows, basis: pd.DataFrame, overtaken: tuple) -> Balance:
    """The balance of one target, read off its weighed ``rows``."""
    count = rows.take(rows.counted)
    for_ = count.affirms
    affirming, denying = count.total(for_), count.total(~for_)
    if affirming + denying < MIN_EVIDENCE:
        p, term, band = None, CANNOT_ASSESS, ""
    else:
        p = 1 / (1 + ODDS_PER_WEIGHT ** -(affirming - denying))
        term, band = estimative_term(p)
    leading = for_ if affirming >= denying else ~for_
    against, unpublished = opposing(rows, not (affirming >= denying))
    return Balance(
        proposition_id=target,
        affirming=round(affirming, 4),
        denying=round(denying, 4),
        p=None if p is None else round(p, 4),
        term=term,
        band=band,
        confidence=_confidence(
            count.take(leading), count.take(~leading), against, assessed=p is not None and not unpublished
        ),
        channels_for=distinct(count.channel[for_]),
        channels_against=distinct(count.channel[~for_]),
        cautions=_cautions(rows),
        basis=basis.reset_index(drop=True),
        overtaken=overtaken,
    )


def _confidence(agree: WeighedRows, oppose: WeighedRows, against: WeighedRows, assessed: bool) -> str:
    """High: three independent channels agree, from two sides of the dispute at least, two of them
    without a stake, no channel without a stake disagrees, the leading side outweighs the other twice
    and weighs ``HIGH_WEIGHT``. Moderate: two independent channels without a stake agree, weighing
    ``MODERATE_WEIGHT`` between them, none without a stake disagrees, with the same lead. Low
    otherwise, and always when the balance cannot assess: agreement inside one side (a party and its
    backers) is not corroboration across it, an interested party's word is no corroboration, and many
    weak voices are not strong evidence.

    Confidence never rests on a default: only sources on a curated channel count as agreeing
    witnesses; the other side (``against``, see :func:`opposing`) counts each source on a default
    channel apart; and a statement against the lead in a document with no graded publisher (whose
    weight is unknown, not nought) leaves confidence low (the caller passes ``assessed`` false)."""
    if not assessed:
        return "low"
    agree = agree.take(agree.channel_known)
    channels = distinct(agree.channel)
    n_sides = distinct(agree.dispute)
    disinterested = distinct(agree.channel[~agree.interested])
    dissent = max(
        distinct(oppose.channel[~oppose.interested]), distinct(against.channel[~against.interested])
    )
    lead = agree.total()
    clear_lead = lead >= MODERATE_RATIO * max(oppose.total(), against.total())
    if (
        channels >= HIGH_CHANNELS
        and n_sides >= HIGH_SIDES
        and disinterested >= HIGH_DISINTERESTED
        and dissent == 0
        and clear_lead
        and lead >= HIGH_WEIGHT
    ):
        return "high"
    unstaked = agree.total(~agree.interested)
    if (
        channels >= MODERATE_CHANNELS
        and n_sides >= MODERATE_SIDES
        and disinterested >= MODERATE_DISINTERESTED
        and dissent == 0
        and clear_lead
        and unstaked >= MODERATE_WEIGHT
    ):
        return "moderate"
    return "low"


def _cautions(rows: WeighedRows) -> tuple[Caution, ...]:
    """What the evidence is made of, where that should temper any judgement resting on it."""
    weighed = rows.weight > 0
    if len(rows) and not weighed.any():
        return (Caution(WEIGHTLESS, tuple(dict.fromkeys(rows.statement_id.tolist()))),)
    if weighed.sum() == 1:
        only = int(np.flatnonzero(weighed)[0])
        if rows.interested[only] and rows.hedged[only]:
            return (Caution(HEDGED_INTERESTED, (str(rows.statement_id[only]),)),)
    return ()


def balances(
    statements: pd.DataFrame, propositions: pd.DataFrame, weights: Weights | None = None
) -> dict[str, Balance]:
    """The balance of every factual proposition that at least one statement takes a side on, directly
    or by implication. ``statements`` are graded; what a channel later revised is left out here."""
    facts = propositions.loc[propositions["kind"] == "fact", "proposition_id"]
    bearing = bearing_on(weighed_only(statements), propositions)
    found = balances_of(bearing[bearing["target"].isin(facts).to_numpy(dtype=bool)], weights)
    return {str(pid): found[pid] for pid in facts if pid in found}


def weighed_only(statements: pd.DataFrame) -> pd.DataFrame:
    """``statements`` cut to the columns a balance reads: every pandas step of the weighing then
    moves a few columns, not fifty, and its basis is the same."""
    return statements[[c for c in WEIGHED_COLUMNS if c in statements.columns]]


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


def statements_known(wb: Workbook, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The graded statements said on or before ``as_of`` (all of them without it)."""
    graded = graded_statements(wb)
    if as_of is None:
        return graded
    return graded[(graded["said_on"] <= as_of).fillna(False).to_numpy(dtype=bool)]


def current_balances(wb: Workbook, weights: Weights | None = None) -> dict[str, Balance]:
    """:func:`balances` over all the workbook's statements; at the curated weights computed once per
    workbook, for every page that shows them."""
    if weights is None:
        return views(wb).memo("balances", lambda: current_balances(wb, Weights()))
    return balances(statements_known(wb), wb.propositions, weights)


def workbook_balances(wb: Workbook, weights: Weights | None = None) -> pd.DataFrame:
    """:func:`balance_table` of every factual proposition over the workbook's statements."""
    return balance_table(current_balances(wb, weights), wb.propositions)


def bands_apart(first: str, second: str) -> int | None:
    """How many ICD 203 bands lie between two terms; None when either is not a term."""
    if first not in TERMS or second not in TERMS:
        return None
    return abs(TERMS.index(first) - TERMS.index(second))


__all__ = [
    "BANDS", "CANNOT_ASSESS", "CONFIDENCE_LEVELS", "ESTIMATIVE", "HEDGED_INTERESTED", "LATER_REPORT",
    "MIN_EVIDENCE", "NO_WEIGHT", "ODDS_PER_WEIGHT", "TERMS", "WEAKER_ON_CHANNEL", "WEIGHTLESS",
    "Balance", "Caution", "balance", "balance_table", "balances", "bands_apart", "bearing_on",
    "estimative_term", "implications", "statements_known", "workbook_balances",
]  # fmt: skip
