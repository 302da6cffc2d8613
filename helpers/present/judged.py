"""The analyst's judgements on the page: each beside the computed balance, with its argument,
assumptions, implications, history and indicators.

What the analyst wrote (judgements.csv, indicators.csv) and what the workbook computed (the
evidence balance) always sit in separate, labelled columns.
"""

from __future__ import annotations

import pandas as pd

from ..analysis import judgements
from ..analysis.balance import CANNOT_ASSESS, CONFIDENCE_LEVELS, MIN_EVIDENCE, Balance
from ..analysis.judgements import MAX_BANDS_APART, Judgement
from ..frames import keyed
from ..grammar import counted, spelt
from ..workbook import Workbook
from .change_words import change_words, held_words
from .evidence_words import cautions_words, not_counted_words
from .markdown import Markdown, bullets, escape, md
from .resolved import resolution_lines
from .sentences import MAX_NAMED, and_list, cut_quote
from .styled_tables import Table, styled_table


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
    cautions = cautions_words(found.cautions) if found is not None else []
    if (
        found is not None
        and found.assessed
        and CONFIDENCE_LEVELS.index(j.confidence) > CONFIDENCE_LEVELS.index(found.confidence)
    ):
        cautions.append(
            f"the analyst's confidence ({j.confidence}) is above what the corroboration of independent "
            f"channels gives ({found.confidence}); see the rationale"
        )
    leaning = interested_caution(j)
    if leaning:
        cautions.append(leaning)
    if found is not None and found.overtaken:
        cautions.append(overtaken_words(found))
    return "; ".join([words, *cautions])


def overtaken_words(found: Balance) -> str:
    """ "a claim about a changing state: S20 overtaken on 28 Apr 2025 by S75, ...": what a later word
    took away, so an old "very likely" is never read as today's."""
    gone = [f"{sid} overtaken on {on:%-d %b %Y} by {by}" for sid, by, on in found.overtaken if pd.notna(on)]
    return "a claim about a changing state: " + and_list(gone) if gone else ""


def interested_caution(j: Judgement) -> str:
    """Where a balance reads as it does only through interested parties' statements: which, and what
    it would read without them (the sensitivity the explorer shows, brought to the check)."""
    found, alone = j.balance, j.without_interested
    if found is None or alone is None or not found.assessed:
        return ""
    basis = found.basis
    ids = and_list(
        basis.loc[basis["counted"] & basis["interested"].astype(bool), "statement_id"].astype(str).tolist()
    )
    if not alone.assessed:
        return (
            f"it clears the minimum of evidence only with interested parties' statements ({ids}); "
            "without them it cannot assess"
        )
    if alone.term != found.term or alone.confidence != found.confidence:
        return (
            f"without interested parties' statements ({ids}) it would read {alone.term} ({alone.band}), "
            f"{alone.confidence} confidence"
        )
    return ""


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
        ids = later.sort_values("said_on", kind="stable")["statement_id"].astype(str).tolist()
        shown = ids[:MAX_NAMED] + ([f"{len(ids) - MAX_NAMED} more"] if len(ids) > MAX_NAMED else [])
        return head + f" ({and_list(shown)})"
    shown = [
        f"{r.statement_id} ({r.source}, {r.stance}: “{cut_quote(r.quote)}”)"
        for r in against.head(MAX_NAMED).itertuples()
    ]
    return head + "; among them " + and_list(shown)


CHECK_WORDS = {
    "agrees": "agrees",
    "departs": "departs: see below",
    "confidence above": "confidence above the evidence",
    CANNOT_ASSESS: "evidence too thin to assess",
    "not a fact": "not a fact: no balance",
}


def judgements_table(wb: Workbook) -> Table:
    """The current judgements at a glance: the analyst's columns, then the workbook's; each
    judgement's argument follows in words (:func:`judgement_sections`)."""
    rows = [
        {
            "Proposition": j.proposition,
            "As of": f"{j.as_of:%-d %b %Y}",
            "Analyst: likelihood": f"{j.likelihood} ({j.band})",
            "Analyst: confidence": j.confidence,
            "Workbook: evidence balance": _balance_words(j.balance),
            "Check": CHECK_WORDS.get(j.check, j.check),
        }
        for j in judgements.key_judgements(wb)
    ]
    columns = [
        "Proposition", "As of", "Analyst: likelihood", "Analyst: confidence", "Workbook: evidence balance",
        "Check",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    caption = "Key judgements (the analyst's) beside the evidence balance (the workbook's)"
    return Table(frame, styled_table(frame, "judgements", caption))


def judgement_sections(wb: Workbook) -> Markdown:
    """Each current judgement in words: the analyst's argument in full, then the workbook's check,
    labelled as computed, and what has been said since."""
    parts = []
    for j in judgements.key_judgements(wb):
        since = since_words(wb, j)
        parts.append(
            md(
                "### {proposition}\n\n**The analyst's judgement, as of {as_of}:** {term} ({band}), "
                "{confidence} confidence.\n\n**Argument.** {rationale}\n\n"
                "**Computed check (the workbook's, not a judgement).** Evidence balance: {balance}; "
                "{check}.{since}",
                proposition=j.proposition,
                as_of=f"{j.as_of:%-d %B %Y}",
                term=j.likelihood,
                band=j.band,
                confidence=j.confidence,
                rationale=j.rationale or "none recorded.",
                balance=_balance_words(j.balance),
                check=check_words(j),
                since=md("\n\n**Since then.** {since}.", since=since) if since else md(""),
            )
        )
    return Markdown("\n\n".join(parts)) if parts else bullets([md("No analyst's judgement is recorded.")])


def _evidence_frame(wb: Workbook) -> pd.DataFrame:
    frames = []
    for j in judgements.key_judgements(wb):
        if j.balance is None or j.balance.basis.empty:
            continue
        basis = j.balance.basis.copy()
        basis["not_counted"] = not_counted_words(basis["not_counted"])
        basis.insert(0, "Proposition", j.proposition_id)
        frames.append(basis)
    columns = [
        "Proposition", "Statement", "Source", "Channel", "Stance", "By way of", "Grade", "Hedge",
        "Interested", "Admission", "Weight", "Counted", "Why not counted",
    ]  # fmt: skip
    if not frames:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(frames, ignore_index=True)
    frame.columns = columns
    return frame


def evidence_table(wb: Workbook, counted_only: bool = False) -> Table:
    """The statements behind each current judgement's balance: weight, and whether it counted;
    ``counted_only`` keeps the statements that count (:func:`uncounted` names the others)."""
    frame = _evidence_frame(wb)
    if counted_only:
        frame = frame[frame["Counted"].astype(bool)].drop(columns=["Counted", "Why not counted"])
        frame = frame.reset_index(drop=True)
    frame["Stance"] = frame["Stance"].astype(str)
    frame["Hedge"] = frame["Hedge"].fillna("")
    # An admission against interest speaks against its stake: it is no interested party's word here.
    admitted = frame.pop("Admission").fillna(False).astype(bool)
    frame["Interested"] = (
        frame["Interested"]
        .map({True: "yes", False: "no"})
        .where(~admitted, "no: an admission against interest")
    )
    if "Counted" in frame:
        frame["Counted"] = frame["Counted"].map(
            {True: "yes", False: "no: same remark or channel, or no weight"}
        )
    frame["By way of"] = frame["By way of"].fillna("").map(lambda via: f"implied by {via}" if via else "")
    caption = (
        "The statements each balance counts (one per remark, and each channel's strongest per side)"
        if counted_only
        else "The statements each balance weighs, and whether each counts"
    )
    styler = styled_table(frame, "evidence", caption)
    if len(frame):
        styler = styler.format("{:.2f}", subset=["Weight"])
    return Table(frame, styler)


def uncounted(wb: Workbook) -> Markdown:
    """For each judgement, the statements its balance weighed and did not count, by id and reason:
    another report of a remark already weighed, a channel's weaker statement on the same side, or no
    weight."""
    frame = _evidence_frame(wb)
    left = frame[~frame["Counted"].astype(bool)]
    texts = keyed(wb.propositions, "proposition_id")["text"]
    lines = []
    for proposition, group in left.groupby("Proposition", sort=False):
        reasons = [
            md("{why}: {ids}", why=why, ids=", ".join(sorted(ids.astype(str))))
            for why, ids in group.groupby("Why not counted", sort=False)["Statement"]
        ]
        lines.append(
            md(
                "**{proposition}** {n} not counted: {reasons}.",
                proposition=texts.get(proposition, proposition),
                n=counted(len(group), "statement").capitalize(),
                reasons=Markdown("; ".join(reasons)),
            )
        )
    return bullets(lines or [md("Every statement weighed counts.")])


def assumptions(wb: Workbook) -> Markdown:
    """Key assumptions check: what each judgement takes for granted, and what would change it."""
    lines = [
        md(
            "**{proposition}** ({term}, {confidence} confidence) assumes: {assumed}. "
            "*Would change if:* {change}",
            proposition=j.proposition,
            term=j.likelihood,
            confidence=j.confidence,
            assumed=Markdown("; ".join(escape(a.rstrip(".")) for a in j.assumptions))
            or md("nothing recorded"),
            change=j.would_change_if or "not recorded.",
        )
        for j in judgements.key_judgements(wb)
    ]
    return bullets(lines or [md("No analyst's judgement is recorded, so no assumption either.")])


def implications(wb: Workbook) -> Markdown:
    """The analyst's implications for the reader, one bullet per judgement that draws any."""
    lines = [
        md("**{proposition}** {implication}", proposition=j.proposition, implication=j.implications)
        for j in judgements.key_judgements(wb)
        if j.implications
    ]
    return bullets(lines or [md("The analyst has recorded no implications with these judgements.")])


def changes(wb: Workbook) -> Markdown:
    """Change from previous analysis: each superseded judgement, the one that replaced it, and the
    reason recorded with the earlier one. Each rationale is printed once: a later judgement's reason
    is the earlier reason of the next change, or, for a current one, its argument above."""
    changed = judgements.history(wb)
    if changed.empty:
        return bullets([md("No earlier judgement is recorded: this is the first analysis of this data.")])
    current = {j.judgement_id for j in judgements.key_judgements(wb)}
    lines = [
        md(
            "**{proposition}** From {before} (as of {before_day}) to {now} (as of {now_day}): {what}. "
            "*The reason recorded then:* {why_then} *The reason now:* {why_now}",
            proposition=row["proposition"],
            before=held_words(row["from_likelihood"], row["from_confidence"]),
            before_day=f"{row['from_as_of']:%-d %b %Y}",
            now=held_words(row["to_likelihood"], row["to_confidence"]),
            now_day=f"{row['to_as_of']:%-d %b %Y}",
            what=change_words(row),
            why_then=row["from_why"] or "none recorded.",
            why_now=(
                "the argument under Key judgements above."
                if row["judgement_id"] in current
                else "given with the next change of this judgement, below."
            ),
        )
        for _, row in changed.iterrows()
    ]
    lines += resolution_lines(wb)  # once settled: how early the analyst was right, and how well
    return bullets(lines)


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
                balance="; ".join([_balance_words(b), *cautions_words(b.cautions)]),
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
