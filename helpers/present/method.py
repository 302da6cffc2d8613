"""The method appendix and the ICD 203 checklist: every parameter the workbook computes with, read
from the constants themselves, and where on the page each analytic standard is met."""

from __future__ import annotations

import pandas as pd

from ..analysis import ach, balance, claims, evidence, judgements
from ..analysis.admiralty import CREDIBILITY_WEIGHTS, RELIABILITY_WEIGHTS
from ..workbook import Workbook
from .sentences import counted
from .tables import Table, styled_table


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
            "reliability weight (the relay's, if lower) x credibility weight x hedge factor; in the evidence "
            "table, times the side too (no evidence counts half)",
            "balance, ACH, explorer",
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
            "one statement per remark (same_as), its strongest report; per channel, its latest word (the "
            "weighed statements of its latest date), and of those its strongest statement on each side",
            "balance",
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
            "Confidence of the balance",
            f"high: {balance.HIGH_CHANNELS}+ independent channels agree, {balance.HIGH_DISINTERESTED}+ "
            f"without a stake, none without a stake disagrees; moderate: {balance.MODERATE_CHANNELS}+ agree, "
            f"{balance.MODERATE_DISINTERESTED}+ without a stake; both only when the leading side outweighs "
            f"the other {balance.MODERATE_RATIO:g} times; low otherwise or when it cannot assess",
            "balance",
        ),
        (
            "Check of a judgement",
            f"flagged when more than {judgements.MAX_BANDS_APART} band from the balance, or when the "
            "balance cannot assess; balance as of the judgement's date",
            "key judgements",
        ),
        (
            "Overtaken statements",
            "left out when their own source later spoke on the same proposition, or answered them "
            "(responds_to)",
            "balance, ACH",
        ),
        ("ACH inconsistency", _weights(ach.INCONSISTENCY) + " (only I and II count)", "ACH"),
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
            "Comparable troop claims",
            f"same measure, one place within the other, as of within {claims.WINDOW_DAYS} days (taken as one "
            "moment: a change within the window is named, not assumed)",
            "troop numbers",
        ),
        ("'About' a number", f"within {claims.ABOUT:.0%} either way (ratio scale)", "troop numbers"),
        ("Cumulative measures", ", ".join(sorted(claims.CUMULATIVE)), "troop numbers"),
        (
            "Nested measures",
            "; ".join(f"{narrow} implies {broad}" for narrow, broad in claims.BROADER.items()),
            "troop numbers",
        ),
    ]
    return pd.DataFrame(rows, columns=["Parameter", "Value", "Used in"])


def parameters_table() -> Table:
    """The method's parameters as a table for the appendix."""
    frame = parameters()
    caption = "Every parameter the workbook computes with"
    return Table(frame, styled_table(frame, "parameters", caption, wide=("Value",)))


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
            "Sources and their quality; documents appendix (07)",
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
            "Method and caveats; parameters",
            "the workbook",
            "every quote checked verbatim; every parameter stated",
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
