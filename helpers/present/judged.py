"""The analyst's judgements on the page: each beside the computed balance, with its argument,
assumptions, implications, history and indicators.

What the analyst wrote (judgements.csv, indicators.csv) and what the workbook computed (the
evidence balance) always sit in separate, labelled columns.
"""

from __future__ import annotations

from typing import LiteralString

import pandas as pd

from ..analysis import judgements
from ..analysis.balance import CANNOT_ASSESS, CONFIDENCE_LEVELS, MIN_EVIDENCE, Balance
from ..analysis.judgements import MAX_BANDS_APART, Judgement
from ..frames import keyed
from ..words import counted, spelt
from ..workbook import Workbook
from .markdown import Markdown, bullets, md
from .sentences import MAX_NAMED, and_list, cut_quote
from .tables import Table, styled_table


def _balance_words(found: Balance | None) -> str:
    if found is None:
        return "not computed (not a fact)"
    if not found.assessed:
        return f"{CANNOT_ASSESS} (A {found.affirming:.2f}, D {found.denying:.2f})"
    weights = f"A {found.affirming:.2f}, D {found.denying:.2f}"
    return f"{found.term} ({found.band}; {weights}), {found.confidence} confidence"


def check_words(j: Judgement) -> str:
    """The check of a judgement against its balance, with every caution about the evidence."""
    found = j.balance
    if found is None:
        words = "no balance: the proposition is not a fact"
    elif j.check == CANNOT_ASSESS:
        weight = found.affirming + found.denying
        words = (
            f"the graded evidence (weight {weight:.2f}, below {MIN_EVIDENCE:g}) is too thin for the "
            "balance to assess; the judgement rests on the rationale"
        )
    elif j.check == "departs":
        words = f"the graded evidence points to {found.term}; see the rationale"
    else:
        words = f"within {spelt(MAX_BANDS_APART, 'band')} of the balance"
    cautions = list(found.cautions) if found is not None else []
    if (
        found is not None
        and found.assessed
        and CONFIDENCE_LEVELS.index(j.confidence) > CONFIDENCE_LEVELS.index(found.confidence)
    ):
        cautions.append(
            f"the analyst's confidence ({j.confidence}) is above what the agreement of independent channels "
            f"across camps gives ({found.confidence}); see the rationale"
        )
    return "; ".join([words, *cautions])


def since_words(wb: Workbook, j: Judgement) -> str:
    """What was said on the judgement's proposition after its date, in a clause: how much, and the
    statements that point another way or cannot tell (the caveats a reader must not miss)."""
    later = judgements.evidence_since(wb, j)
    if later.empty:
        return ""
    against = later[later["stance"].astype(str).isin(["denies", "no evidence", "uncertain"])]
    head = (
        f"{counted(len(later), 'statement')} on it since {j.as_of:%-d %B %Y}, not weighed in this judgement"
    )
    if against.empty:
        return head + f" ({and_list(later['statement_id'].astype(str).head(MAX_NAMED).tolist())})"
    shown = [
        f"{r.statement_id} ({r.source}, {r.stance}: “{cut_quote(r.quote)}”)"
        for r in against.head(MAX_NAMED).itertuples()
    ]
    return head + "; among them " + and_list(shown)


def judgement_line(j: Judgement, since: str = "") -> Markdown:
    """One bullet of the bottom line: the analyst's words first, the computed check after, then what
    was said since the judgement."""
    template: LiteralString = (
        "**{term} ({band}), {confidence} confidence: {proposition}** Analyst's judgement as of {as_of}. "
        "Computed check: {check}. Since then: {since}."
        if since
        else "**{term} ({band}), {confidence} confidence: {proposition}** Analyst's judgement as of {as_of}. "
        "Computed check: {check}."
    )
    return md(
        template,
        term=j.likelihood.capitalize(),
        band=j.band,
        confidence=j.confidence,
        proposition=j.proposition,
        as_of=f"{j.as_of:%-d %B %Y}",
        check=check_words(j),
        since=since,
    )


def judgements_table(wb: Workbook) -> Table:
    """The current judgements: the analyst's columns, then the workbook's, then the argument."""
    rows = [
        {
            "Proposition": j.proposition,
            "As of": f"{j.as_of:%-d %b %Y}",
            "Analyst: likelihood": f"{j.likelihood} ({j.band})",
            "Analyst: confidence": j.confidence,
            "Workbook: evidence balance": _balance_words(j.balance),
            "Check": check_words(j),
            "Analyst: argument": j.rationale,
        }
        for j in judgements.key_judgements(wb)
    ]
    columns = [
        "Proposition", "As of", "Analyst: likelihood", "Analyst: confidence", "Workbook: evidence balance",
        "Check", "Analyst: argument",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    caption = "Key judgements (the analyst's) beside the evidence balance (the workbook's)"
    return Table(frame, styled_table(frame, "judgements", caption, wide=("Analyst: argument", "Check")))


def evidence_table(wb: Workbook) -> Table:
    """The statements behind each current judgement's balance: weight, and whether it counted."""
    frames = []
    for j in judgements.key_judgements(wb):
        if j.balance is None or j.balance.basis.empty:
            continue
        basis = j.balance.basis.copy()
        basis.insert(0, "Proposition", j.proposition_id)
        frames.append(basis)
    columns = [
        "Proposition", "Statement", "Source", "Channel", "Stance", "By way of", "Grade", "Hedge",
        "Interested", "Weight", "Counted",
    ]  # fmt: skip
    if not frames:
        frame = pd.DataFrame(columns=columns)
    else:
        frame = pd.concat(frames, ignore_index=True)
        frame.columns = columns
        frame["Stance"] = frame["Stance"].astype(str)
        frame["Hedge"] = frame["Hedge"].fillna("")
        frame["Interested"] = frame["Interested"].map({True: "yes", False: "no"})
        frame["Counted"] = frame["Counted"].map(
            {True: "yes", False: "no: same remark or channel, or no weight"}
        )
        frame["By way of"] = frame["By way of"].fillna("").map(lambda via: f"implied by {via}" if via else "")
    caption = "The statements each balance weighs (one per remark, and each channel's strongest per side)"
    styler = styled_table(frame, "evidence", caption)
    if len(frame):
        styler = styler.format("{:.2f}", subset=["Weight"])
    return Table(frame, styler)


def assumptions_table(wb: Workbook) -> Table:
    """Key assumptions check: what each judgement takes for granted, kept apart from the evidence."""
    rows = [
        {
            "Proposition": j.proposition,
            "Judgement": f"{j.likelihood}, {j.confidence} confidence",
            "Key assumptions": "; ".join(j.assumptions),
            "Would change if": j.would_change_if,
        }
        for j in judgements.key_judgements(wb)
    ]
    frame = pd.DataFrame(rows, columns=["Proposition", "Judgement", "Key assumptions", "Would change if"])
    caption = "Key assumptions check: what each judgement takes for granted, and what would change it"
    return Table(
        frame, styled_table(frame, "assumptions", caption, wide=("Key assumptions", "Would change if"))
    )


def implications(wb: Workbook) -> Markdown:
    """The analyst's implications for the reader, one bullet per judgement that draws any."""
    lines = [
        md("**{proposition}** {implication}", proposition=j.proposition, implication=j.implications)
        for j in judgements.key_judgements(wb)
        if j.implications
    ]
    return bullets(lines or [md("The analyst has recorded no implications with these judgements.")])


def changes(wb: Workbook) -> Markdown | Table:
    """Change from previous analysis: each superseded judgement beside the one that replaced it."""
    changed = judgements.history(wb)
    if changed.empty:
        return bullets([md("No earlier judgement is recorded: this is the first analysis of this data.")])
    frame = pd.DataFrame(
        {
            "Proposition": changed["proposition"],
            "Before": changed["from"] + " (as of " + changed["from_as_of"].dt.strftime("%-d %b %Y") + ")",
            "Why then (as recorded)": changed["from_why"],
            "Now": changed["to"] + " (as of " + changed["to_as_of"].dt.strftime("%-d %b %Y") + ")",
            "What changed": changed["changed"],
            "Why now (the analyst's rationale)": changed["why"],
        }
    )
    caption = "Change from previous analysis: every judgement that replaced an earlier one"
    wide = ("Why then (as recorded)", "Why now (the analyst's rationale)")
    return Table(frame, styled_table(frame, "changes", caption, wide=wide))


def unjudged(wb: Workbook) -> Markdown:
    """The factual propositions no analyst judged: their computed balance only, labelled as such."""
    found = judgements.unjudged(wb)
    props = keyed(wb.propositions, "proposition_id")["text"]
    if not found:
        return bullets([md("Every factual proposition with evidence has an analyst's judgement.")])
    return bullets(
        [
            md(
                "{proposition}: no analyst's judgement; the workbook's balance is {balance}.",
                proposition=str(props[b.proposition_id]).rstrip("."),
                balance="; ".join([_balance_words(b), *b.cautions]),
            )
            for b in found
        ]
    )


def indicators_table(wb: Workbook) -> Table:
    """Indicators to watch: what each would change, and whether it has been seen."""
    ind = wb.indicators
    targets = {j.judgement_id: j.proposition for j in judgements.all_judgements(wb)}
    targets.update(
        dict(zip(wb.hypotheses["hypothesis_id"], "Hypothesis: " + wb.hypotheses["label"], strict=True))
    )
    frame = pd.DataFrame(
        {
            "Indicator": ind["text"],
            "Bears on": ind["bears_on"].map(targets).fillna(ind["bears_on"]),
            "If seen": ind["direction"].astype(str),
            "Status": ind["status"].astype(str),
            "As of": ind["as_of"].dt.strftime("%-d %b %Y"),
            "Notes": ind["notes"].fillna(""),
        }
    )
    caption = "Indicators to watch"
    return Table(frame, styled_table(frame, "indicators", caption, wide=("Indicator", "Notes")))
