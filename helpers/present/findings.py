"""Each notebook's findings in plain words, computed from the data so they stay true to it."""

from __future__ import annotations

from typing import Any, LiteralString

import pandas as pd

from ..analysis import ach, corroboration, grades, stance, troop_counts
from ..analysis.views import graded_statements
from ..analysis.whatif import Filters, Weights, apply_filters, recompute
from ..workbook import Workbook
from . import claim_words
from .markdown import Markdown, bullets, escape, md
from .sentences import (
    ach_leader,
    ach_tie,
    and_list,
    counted,
    date_span,
    leaders,
    measure_ranges,
    measure_words,
    outlet_count,
    quoted,
    sensitivity_sentence,
)


def statements(wb: Workbook) -> Markdown:
    """Findings of the statements notebook: volume, shifts, replies."""
    graded = graded_statements(wb)
    if graded.empty:
        return bullets([md("The data holds no statement.")])
    lines = [
        md(
            "{statements} from {sources}, {span}; only {direct} are the "
            "speakers' own words in quotation marks, the rest are the article's rendering.",
            statements=counted(len(graded), "statement"),
            sources=counted(graded["source_id"].nunique(), "source"),
            span=date_span(graded["said_on"].min(), graded["said_on"].max()),
            direct=int((graded["attribution"] == "direct quote").sum()),
        )
    ]
    for row in stance.shifts(wb).itertuples():
        lines.append(
            md(
                "{source} changed position on “{proposition}”: {stances}.",
                source=row.source,
                proposition=row.proposition.rstrip("."),
                stances=row.stances,
            )
        )
    for row in stance.response_chains(wb).itertuples():
        lines.append(
            md(
                "{reply} revised {first}." if row.same_source else "{reply} answered {first}.",
                reply=f"{row.reply} ({row.reply_source}, {row.reply_stance})",
                first=f"{row.first} ({row.first_source}, {row.first_stance})",
            )
        )
    undated = int((graded["said_on_precision"] != "exact").sum())
    lines.append(
        md(
            "{undated} carry no exact date in the article; their dates are bounds or estimates.",
            undated=counted(undated, "statement"),
        )
    )
    return bullets(lines)


MAX_BULLETS = 10  # findings are read, not searched: past this, pairs are counted, not listed


def troop_numbers(wb: Workbook) -> Markdown:
    """Findings of the troop-numbers notebook: numbers per measure, revisions, the pairs that cannot
    both be true or need change to, forecasts apart, hedging."""
    table = troop_counts.claims_table(wb)
    if table.empty:
        return bullets([md("The data holds no troop-number claim.")])
    places = troop_counts.Gazetteer.of(wb)
    pairs = troop_counts.compare_claims(table, places)
    totals = pairs.attrs["totals"]
    counts = troop_counts.counts(table)
    lines = [
        md(
            "{claims} of {measures}: {ranges}.",
            claims=counted(len(counts), "count"),
            measures=counted(counts["measure"].nunique(), "measure"),
            ranges=measure_ranges(troop_counts.range_supported(table)),
        )
    ]
    ahead = len(table) - len(table[~table["modality"].isin(troop_counts.AHEAD)])
    if ahead:
        lines.append(
            md(
                "{ahead} for a later date (forecasts and plans) stand apart and are not compared as counts.",
                ahead=counted(ahead, "number"),
            )
        )
    lines.append(
        md(
            "Of the pairs that bear on each other, {revision} are one claimant's revisions, {comparable} "
            "compare directly (dates that may be the same), {over_time} are a change over time and {nested} "
            "count a narrower thing against a broader one; {conflicts} cannot both be true{guessed}.",
            revision=totals["revision"],
            comparable=totals["comparable"],
            over_time=totals["over time"],
            nested=totals["nested measure"],
            conflicts=counted(int((~pairs["both_true"] & ~pairs["unconfirmed"]).sum()), "pair"),
            guessed=_guessed_conflicts(pairs),
        )
    )
    revised = troop_counts.revisions(table, places)
    for _, row in revised.head(2).iterrows():
        lines.append(
            md("{moved}: a revision, not a contradiction.", moved=claim_words.revision_words(row, places))
        )
    room = MAX_BULLETS - len(lines) - 1
    telling = pairs[~pairs["same_claimant"] & (~pairs["both_true"] | (pairs["change"] > 0))]
    lines += [
        escape(claim_words.describe_pair(pair, table, places)) for _, pair in telling.head(room).iterrows()
    ]
    if len(lines) + len(table) <= MAX_BULLETS:  # few claims: each with its claimant, grade and hedge
        lines += [_claim_line(row) for row in table.itertuples()]
        return bullets(lines)
    hedged = int(table["hedge"].notna().sum())
    possible = int((table["modality"] == "possible").sum())
    lines.append(
        md(
            "Hedged in their words: {hedged} of {claims}; stated only as possible: {possible}.",
            hedged=hedged,
            claims=counted(len(table), "claim"),
            possible=possible,
        )
    )
    return bullets(lines[:MAX_BULLETS])


def _guessed_conflicts(pairs: pd.DataFrame) -> str:
    """ " (and N more pairs only as the workbook reads values nobody curated ...)", where any."""
    guessed = int((~pairs["both_true"] & pairs["unconfirmed"]).sum())
    if not guessed:
        return ""
    return (
        f" (and {counted(guessed, 'more pair')} only as the workbook reads values nobody curated, "
        "which is no finding)"
    )


def _claim_line(row: Any) -> Markdown:
    template: LiteralString = (
        "{source} ({grade}, {stake}): {count:,} {measure}, {modality}, hedged (“{hedge}”)."
        if isinstance(row.hedge, str)
        else "{source} ({grade}, {stake}): {count:,} {measure}, {modality}, stated without a hedge."
    )
    return md(
        template,
        source=row.source,
        grade=row.grade,
        stake="an interested party" if row.interested else "not a party to the war",
        count=row.count,
        measure=measure_words(row.measure),
        modality=row.modality,
        hedge=row.hedge,
    )


def reliability(wb: Workbook) -> Markdown:
    """Findings of the reliability notebook: grades, stakes and corroboration by channel."""
    grid = grades.grade_grid(wb)
    graded = grades.graded_statements(wb)
    summary = grades.source_summary(wb)
    corr = corroboration.corroboration(wb).sort_values("statements", ascending=False, kind="stable")
    if corr.empty:
        return bullets([md("The data holds no graded statement.")])
    core = corr.iloc[0]
    interested = summary[summary["interested"].astype(bool)]
    total = int(grid.to_numpy().sum())
    ungraded = int(wb.statements["credibility"].isna().sum())
    lines = [
        md(
            "{probable} of {total} are probably true or better; {doubtful} doubtful or improbable; "
            "{weightless} carry no weight (a link graded F, credibility 6, or self-serving). "
            "{ungraded} not about facts (demands, intentions, judgements) and not graded.",
            probable=int(grid[[1, 2]].to_numpy().sum()),
            total=counted(total, "graded statement"),
            weightless=int((graded["credibility"].notna() & ~graded["carries_weight"].astype(bool)).sum()),
            doubtful=int(grid[[4, 5]].to_numpy().sum()),
            ungraded=counted(ungraded, "statement is", "statements are"),
        ),
        md(
            "{interested} of {sources} are interested parties; their best grade is {best}. "
            "The {sources_} speak through {channels}: sources on one channel are not independent witnesses.",
            interested=len(interested),
            sources=counted(len(summary), "source"),
            sources_=counted(len(summary), "source"),
            best=interested["reliability"].astype(str).min() if len(interested) else "n/a",
            channels=counted(summary["channel"].nunique(), "collection channel"),
        ),
        md(
            "“{proposition}” is affirmed by {sources} on {channels}, {disinterested} of them "
            "without a stake, and denied by {denying} on {denying_channels}, "
            + (
                "none of them without a stake."
                if core["denying_disinterested"] == 0
                else "{denying_disinterested} of them without a stake."
            ),
            proposition=core["proposition"].rstrip("."),
            sources=counted(core["affirming_sources"], "source"),
            channels=counted(core["affirming_channels"], "independent channel"),
            disinterested=core["affirming_disinterested"],
            denying=counted(core["denying_sources"], "source"),
            denying_channels=counted(core["denying_channels"], "channel"),
            denying_disinterested=core["denying_disinterested"],
        ),
    ]
    return bullets(lines)


def hypotheses(wb: Workbook) -> Markdown:
    """Findings of the ACH notebook: leader, margin, what the ranking hangs on, interested parties."""
    scores = ach.inconsistency_scores(wb)
    if scores.empty:
        return bullets([md("The data holds no hypothesis to weigh.")])
    without = ach.inconsistency_scores(wb, weights=Weights(exclude_interested=True))
    sens = ach.sensitivity(wb)
    diag = ach.diagnosticity(wb)
    last = scores.iloc[-1]
    lines = [
        md(
            "{leader}; “{last}” has the most ({score:.2f}).",
            leader=ach_leader(scores),
            last=last["label"],
            score=last["weighted_inconsistency"],
        )
    ]
    if not sens.empty:
        lines.append(escape(sensitivity_sentence(sens)))
    tie = ach_tie(without, scores)
    first = leaders(without)
    if tie:
        lines.append(
            md("{tie}: only interested parties' statements separate them.", tie=tie[0].upper() + tie[1:])
        )
    elif sorted(first) == sorted(leaders(scores)):
        lines.append(
            md(
                "Without interested parties, the same {lead} first.",
                lead="hypothesis ranks" if len(first) == 1 else "hypotheses tie",
            )
        )
    else:
        lines.append(
            md("Without interested parties, {leaders} leads instead.", leaders=and_list(quoted(first)))
        )
    weightless = int((ach.evidence_items(wb)["weight"] == 0).sum())
    lines.append(
        md(
            "{rated} count alike against every hypothesis (or against none) and cannot help choose; "
            "{weightless} of them carry no weight (a link graded F, credibility 6, or self-serving).",
            rated=counted(int((~diag["diagnostic"]).sum()), "rated item"),
            weightless=weightless,
        )
    )
    return bullets(lines)


def what_if(wb: Workbook) -> Markdown:
    """Findings of the explorer: what leaving out the interested parties changes."""
    graded = apply_filters(graded_statements(wb), Filters())
    base, alone = recompute(wb, graded, Weights()), recompute(wb, graded, Weights(exclude_interested=True))
    lines = [
        md(
            "With every statement counted: {all}; without interested parties: {rest}.",
            all=measure_ranges(base.troop_range),
            rest=measure_ranges(alone.troop_range),
        )
    ]
    for label, res in (("With every statement counted", base), ("Without interested parties", alone)):
        top = leaders(res.ranking)
        lines.append(
            md(
                "{label}, ACH ranks first {top} (a tie)."
                if len(top) > 1
                else "{label}, ACH ranks first {top}.",
                label=label,
                top=and_list(quoted(top)),
            )
        )
    moved = base.support.merge(alone.support, on="proposition_id", how="left", suffixes=("", "_alone"))
    moved = moved[moved["balance"] != moved["balance_alone"].fillna("cannot assess")]
    if moved.empty:
        lines.append(md("Leaving out interested parties changes no evidence balance."))
    for row in moved.head(MAX_BULLETS).itertuples():
        lines.append(
            md(
                "The balance on “{proposition}” moves from {before} to {after} without interested parties.",
                proposition=str(row.proposition).rstrip("."),
                before=row.balance,
                after=row.balance_alone if isinstance(row.balance_alone, str) else "cannot assess",
            )
        )
    return bullets(lines)


def documents(wb: Workbook) -> Markdown:
    """Findings of the documents appendix: how many, from whom, over what span, how they are kept."""
    docs = wb.documents
    if docs.empty:
        return bullets([md("The data holds no document.")])
    total = len(docs)
    taken = wb.statements["document_id"].value_counts()
    silent = int((~docs["document_id"].isin(taken.index)).sum())
    with_url, hashed = int(docs["url"].notna().sum()), int(docs["sha256"].notna().sum())
    lines = [
        md(
            "{documents} {outlets}, published {span}.",
            documents=counted(total, "document"),
            outlets=outlet_count(docs["outlet"]),
            span=date_span(docs["published"].min(), docs["published"].max()),
        )
    ]
    if not taken.empty:
        lines.append(
            md(
                "The most statements ({n}) come from {most}" + ("; {silent} give none." if silent else "."),
                most=and_list(sorted(taken.index[taken == taken.max()])),
                n=int(taken.max()),
                silent=counted(silent, "document"),
            )
        )
    address = _share(with_url, total, "give the address of their source", "gives the address of its source")
    lines.append(md("{address}.", address=Markdown(address[:1].upper() + address[1:])))
    lines.append(
        md("Every text is kept byte for byte under seeds/.")
        if not hashed
        else md("Every text is kept byte for byte under seeds/, and {share}.", share=_share(
            hashed, total, "are checked against their SHA-256 whenever the data is loaded",
            "is checked against its SHA-256 whenever the data is loaded",
        ))
    )  # fmt: skip
    return bullets(lines)


def _share(n: int, total: int, many: str, one: str) -> Markdown:
    """``every document gives…``, ``no document gives…``, ``3 of 14 documents give…``."""
    if n == total:
        return md("{who} {what}", who="every document" if total > 1 else "the document", what=one)
    if n == 0:
        return md("{who} {what}", who="no document", what=one)
    return md("{n} of {total} {what}", n=n, total=counted(total, "document"), what=one if n == 1 else many)
