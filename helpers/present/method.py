"""The method appendix and the ICD 203 checklist: every parameter the workbook computes with, read
from the constants themselves, and where on the page each analytic standard is met."""

from __future__ import annotations

import pandas as pd

from ..analysis import ach, balance, evidence, judgements, resolutions, troop_counts
from ..analysis.admiralty import CREDIBILITY_WEIGHTS, RELIABILITY_WEIGHTS
from ..schema.tables import ROUND
from ..workbook import Workbook
from .sentences import counted
from .styled_tables import Table, styled_table


def _weights(table: dict) -> str:
    return ", ".join(f"{k} {v:g}" for k, v in table.items())


def parameters() -> pd.DataFrame:
    """Every parameter of the evidence balance, ACH and the troop-number comparison, with its value."""
    bands = "; ".join(f"{term} up to {upper:.0%}" for upper, term, _ in balance.ESTIMATIVE)
    rows = [
        ("Reliability weight (Admiralty A-F)", _weights(RELIABILITY_WEIGHTS), "balance, ACH, explorer"),
        (
            "Credibility weight (Admiralty 1-6)",
            _weights(CREDIBILITY_WEIGHTS) + "; blank (not a fact) 0",
            "balance, ACH, explorer",
        ),
        (
            "Statement weight",
            "reliability weight of the weakest link of its chain (speaker, relay, publishing outlet; an "
            "outlet nobody graded counts as F) x credibility weight x hedge factor; 0 when self-serving, "
            f"x {evidence.ADMISSION_FACTOR:g} for an admission against interest; in "
            "the evidence table, times the side too (no evidence counts half)",
            "balance, ACH, explorer",
        ),
        (
            "Self-serving statements",
            "what the speaker's stake calls for (by default an interested party's denial) is as likely "
            "whether or not it is true: weight 0 in the balance, rated alike under every hypothesis in "
            "ACH (the validator holds the ratings to it)",
            "balance, ACH",
        ),
        (
            "Hedge factor",
            f"{evidence.HEDGE_FACTOR:g} for a statement with a hedge or a troop claim stated as possible",
            "balance, ACH, explorer",
        ),
        (
            "Sides",
            f"affirms +1; denies -1; no evidence -{evidence.NO_EVIDENCE_FACTOR:g}; "
            "uncertain and conditional 0",
            "balance",
        ),
        (
            "Independence",
            "one item per remark (same_as, or the same words of one speaker in one document), worth its "
            "primary account (its first report); per channel, its strongest statement on each side",
            "balance",
        ),
        (
            "Revisions",
            "a channel's earlier statement on a proposition gives way only to a later one of its own that "
            "points another way (affirms; denies or no evidence; cannot tell) and carries weight; "
            "statements that agree all stand, so agreeing evidence never lowers a balance",
            "balance, ACH, explorer",
        ),
        (
            "Implication",
            "a statement affirming a proposition counts for every broader one it implies (propositions."
            "implies), once; one denying a proposition counts against every narrower one",
            "balance, corroboration",
        ),
        (
            "Likelihood",
            f"p = 1 / (1 + {balance.ODDS_PER_WEIGHT:g} ^ -(A - D)): from even odds, each independent channel "
            f"multiplies the odds by {balance.ODDS_PER_WEIGHT:g} to the power of its weight; A and D the "
            "counted affirming and denying weight",
            "balance",
        ),
        ("Minimum evidence", f"A + D below {balance.MIN_EVIDENCE:g}: cannot assess", "balance"),
        ("ICD 203 bands", bands, "balance"),
        (
            "What the balance's words mean",
            "the ICD 203 term beside a balance names the band the formula's p falls in; the formula is a "
            "summary of the curated grades, not calibrated against outcomes, so its words say how the graded "
            "evidence leans, not how often such evidence has proven right",
            "balance",
        ),
        (
            "Confidence of the balance",
            f"high: {balance.HIGH_CHANNELS}+ independent channels agree, from {balance.HIGH_SIDES}+ sides of "
            f"the dispute (a party and its backers are one side), {balance.HIGH_DISINTERESTED}+ without a "
            f"stake, none without a stake disagrees, the leading side weighing {balance.HIGH_WEIGHT:g}+; "
            f"moderate: {balance.MODERATE_DISINTERESTED}+ independent channels without a stake agree, "
            f"weighing {balance.MODERATE_WEIGHT:g}+ between them, none without a stake disagrees; both only "
            "when the leading "
            f"side outweighs the other {balance.MODERATE_RATIO:g} times; low otherwise or when it cannot "
            "assess. Only channels the analyst named count as independent (a default channel adds no "
            "witness), and a statement against the lead from a document with no graded publisher keeps "
            "it low",
            "balance",
        ),
        (
            "Check of a judgement",
            f"flagged when more than {judgements.MAX_BANDS_APART} band from the balance, when its confidence "
            "is above the balance's, or when the balance cannot assess; balance as of the judgement's date, "
            "and what was said on it since listed beside it",
            "key judgements",
        ),
        (
            "Admission against interest",
            "an interested party affirming what its side of the dispute denied earlier: evidence from no "
            "stake (never left out with interested parties, never a caveat); its speaker's own grade and "
            "its side's own relay are set aside, and, expected only if true, it counts "
            f"{evidence.ADMISSION_FACTOR:g} times what its outlet and credibility allow: more than any "
            "report from no stake of the same grade",
            "balance, ACH, explorer",
        ),
        (
            "A claim about a changing state",
            "a proposition marked changing (propositions.changing): any later statement pointing another "
            "way that carries weight overtakes it, whoever says it",
            "balance, ACH",
        ),
        (
            "Part of a force",
            "a count of a part (troop_claims.part: a unit, a branch, one contingent) is compared only with "
            "counts of the same part",
            "troop numbers",
        ),
        (
            "Scoring once settled",
            "each judgement made before its proposition was settled: Brier score (band midpoint - "
            "outcome)^2, 0 best, 1 worst; a source's count is set against a settled count within "
            f"{troop_counts.ON_OR_BEFORE_DAYS} days of its date, and otherwise only where the measure only "
            "grows (an earlier count above the settled range, or a later one below it, failed); never a "
            "regrade",
            "resolutions, track records",
        ),
        ("ACH inconsistency", _weights(ach.INCONSISTENCY) + " (only I and II count)", "ACH"),
        (
            "Evidence expected but absent",
            f"an indicator that would support a hypothesis, expected by now and not seen (status absent), is "
            f"a row rated I under it, weight {ach.ABSENCE_WEIGHT:g} (as 'no evidence')",
            "ACH",
        ),
        (
            "A ranking ACH cannot make",
            "when hypotheses tie for the least evidence against them, or the ratings cannot tell two apart "
            "(the same rating on every item rated under both), the page says so instead of naming a leader",
            "ACH",
        ),
        (
            "ACH relevance weight",
            _weights(ach.RELEVANCE_WEIGHTS) + f"; blank {ach.DEFAULT_RELEVANCE}",
            "ACH",
        ),
        (
            "ACH item score",
            "inconsistency x statement weight x relevance weight; one item per remark, each item counted "
            "(ACH does not merge a channel's items: the sensitivity drops whole channels instead)",
            "ACH",
        ),
        ("Diagnosticity", "highest minus lowest item score across hypotheses", "ACH"),
        (
            "Sensitivity",
            "drop each item, each source, each channel, each alignment; and each pair of items, listed "
            "where the pair changes the leader and neither item alone does",
            "ACH",
        ),
        (
            "Troop counts that bear on each other",
            "one place equals or contains the other, and one measure is the other or implies it; "
            "forecasts and plans are never compared as counts",
            "troop numbers",
        ),
        (
            "Cannot both be true",
            "only when no course of events fits both counts' bounds and dates and what their measure "
            "allows (a cumulative count never falls; a count of troops present may); otherwise the pair "
            "says the least change in the most days that would reconcile them. One claimant's successive "
            "counts of one thing are revisions, never a contradiction",
            "troop numbers",
        ),
        (
            "Dates of a count",
            f"exact: that day; approximate: within {troop_counts.APPROXIMATE_DAYS} days either way; "
            f"on or before: the {troop_counts.ON_OR_BEFORE_DAYS} days up to it",
            "troop numbers",
        ),
        (
            "Readings of one remark",
            "compared in the one marked authoritative, else the widest (lowest low to highest high)",
            "troop numbers",
        ),
        (
            "'About' a number",
            f"within {troop_counts.ABOUT:.0%} either way; a round figure (a multiple of {ROUND}) "
            "with no bound stated reads as 'about'",
            "troop numbers",
        ),
        ("Cumulative measures", ", ".join(sorted(troop_counts.CUMULATIVE)), "troop numbers"),
        (
            "Nested measures",
            "; ".join(f"{narrow} implies {broad}" for narrow, broad in troop_counts.BROADER.items()),
            "troop numbers",
        ),
    ]
    return pd.DataFrame(rows, columns=["Parameter", "Value", "Used in"])


def parameters_table() -> Table:
    """The method's parameters as a table for the appendix."""
    frame = parameters()
    caption = "Every parameter the workbook computes with"
    return Table(frame, styled_table(frame, "parameters", caption, wide=("Value",)))


def _accuracy(wb: Workbook, current: list[judgements.Judgement]) -> str:
    """Row 8 of the checklist: the Brier scores once something is settled, else why none."""
    apart = sum(j.check == "departs" for j in current)
    thin = sum(j.check == balance.CANNOT_ASSESS for j in current)
    flagged = (
        f"of {counted(len(current), 'current judgement')}, the check finds {apart} more than a band from the "
        f"evidence and {thin} on evidence too thin to assess"
    )
    scored = resolutions.scored_judgements(wb)
    if scored.empty:
        return (
            "not yet measured: a judgement's accuracy shows when its proposition is settled, and no "
            f"resolution is recorded; {flagged}"
        )
    right = int(scored["right"].sum())
    return (
        f"{counted(len(scored), 'judgement')} made before their proposition was settled: {right} leaned the "
        f"right way, mean Brier {scored['brier'].mean():.2f}; {flagged}"
    )


def standards(wb: Workbook) -> pd.DataFrame:
    """ICD 203's nine analytic standards: where each is met on the page, by whom, and how far."""
    current = judgements.key_judgements(wb)
    n = len(current)
    with_implications = sum(bool(j.implications) for j in current)
    with_assumptions = sum(bool(j.assumptions) for j in current)
    changed = len(judgements.history(wb))
    graded = int(wb.statements["credibility"].notna().sum())
    rows = [
        (
            "1. Sourcing: sources and their quality",
            "Sources and their quality; appendices 03 (every source's grade and reason) and 07 (documents)",
            "curated grades with rationales; the workbook verifies every quote",
            f"{counted(len(wb.sources), 'source')} graded for reliability, "
            f"{counted(graded, 'statement')} for credibility",
        ),
        (
            "2. Uncertainty: likelihood and confidence apart",
            "Key judgements",
            "analyst",
            f"{counted(n, 'judgement')}, each with an ICD 203 term and a separate confidence",
        ),
        (
            "3. Assumptions, apart from evidence",
            "Key assumptions check",
            "analyst",
            f"{with_assumptions} of {counted(n, 'judgement')} state their assumptions",
        ),
        (
            "4. Alternatives",
            "Competing hypotheses",
            "curated ratings; the workbook scores them",
            f"{counted(len(wb.hypotheses), 'hypothesis', 'hypotheses')} weighed",
        ),
        (
            "5. Implications",
            "Implications",
            "analyst",
            f"{with_implications} of {counted(n, 'judgement')} draw implications",
        ),
        (
            "6. Logical argument",
            "Key judgements (argument); the evidence behind each balance",
            "analyst's argument; the workbook's balance beside it",
            f"every judgement's argument printed beside its balance; {sum(j.departs for j in current)} of "
            f"{counted(n, 'judgement')} flagged by the check, the reasons in the argument",
        ),
        (
            "7. Change from previous analysis",
            "Change from previous analysis",
            "analyst",
            f"{counted(changed, 'change')} recorded",
        ),
        (
            "8. Accuracy",
            "Key judgements, each beside the computed check; Method and caveats",
            "analyst; the workbook checks each judgement against the graded evidence and, once a "
            "proposition is settled, scores it against what happened",
            _accuracy(wb, current),
        ),
        (
            "9. Visuals",
            "every chart, each with a text alternative",
            "the workbook",
            "charts titled by their finding",
        ),
    ]
    return pd.DataFrame(rows, columns=["Standard", "Where on this page", "Whose work", "Here"])


def standards_table(wb: Workbook) -> Table:
    """The ICD 203 checklist as a table."""
    frame = standards(wb)
    caption = "ICD 203 analytic standards: where this briefing meets each"
    return Table(frame, styled_table(frame, "standards", caption))
