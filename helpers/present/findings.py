"""Each notebook's findings in plain words, computed from the data so they stay true to it."""

from __future__ import annotations

from ..analysis import ach, claims, corroboration, grades, stance
from ..analysis.views import graded_statements
from ..analysis.whatif import Weights, recompute
from ..workbook import Workbook
from .markdown import Text, text
from .sentences import ach_leader, ach_tie, and_list, bullets, counted, leaders, quoted


def statements(wb: Workbook) -> Text:
    """Findings of the statements notebook: volume, shifts, replies."""
    graded = graded_statements(wb)
    direct = int((graded["attribution"] == "direct quote").sum())
    lines = [
        f"{counted(len(graded), 'statement')} from {counted(graded['source_id'].nunique(), 'source')}, "
        f"{graded['said_on'].min():%-d} to {graded['said_on'].max():%-d %B %Y}; "
        f"only {direct} are the speakers' own words in quotation marks, "
        "the rest are the article's rendering.",
    ]
    for row in stance.shifts(wb).itertuples():
        lines.append(f"{row.source} changed position on “{row.proposition.rstrip('.')}”: {row.stances}.")
    for row in stance.response_chains(wb).itertuples():
        first = f"{row.first} ({row.first_source}, {row.first_stance})"
        reply = f"{row.reply} ({row.reply_source}, {row.reply_stance})"
        lines.append(f"{reply} revised {first}." if row.same_source else f"{reply} answered {first}.")
    undated = int((graded["said_on_precision"] != "exact").sum())
    lines.append(
        f"{counted(undated, 'statement')} carry no exact date in the article; "
        "their dates are bounds or estimates."
    )
    return text(bullets(lines))


def troop_numbers(wb: Workbook) -> Text:
    """Findings of the troop-numbers notebook: ratio, comparability, hedging."""
    table = claims.claims_table(wb)
    pairs = claims.compare_claims(table)
    spread = claims.spread(table)
    lines = [
        f"The claims run from {spread['min']:,.0f} to {spread['max']:,.0f} troops: "
        f"{spread['ratio']:.1f}x, or {spread['orders_of_magnitude']:.2f} orders of magnitude."
    ]
    lines += [claims.describe_pair(pair, table) for _, pair in pairs.iterrows()]
    comparable = int(pairs["comparable"].sum()) if not pairs.empty else 0
    lines.append(f"{comparable} of {counted(len(pairs), 'pair')} of claims can be compared directly.")
    for row in table.itertuples():
        stake = "an interested party" if row.interested else "not a party to the war"
        hedge = f"hedged (“{row.hedge}”)" if isinstance(row.hedge, str) else "stated without a hedge"
        lines.append(f"{row.source} ({row.grade}, {stake}): {row.count:,}, {row.modality}, {hedge}.")
    return text(bullets(lines))


def reliability(wb: Workbook) -> Text:
    """Findings of the reliability notebook: grades, stakes and corroboration."""
    grid = grades.grade_grid(wb)
    summary = grades.source_summary(wb)
    corr = corroboration.corroboration(wb).sort_values("statements", ascending=False)
    core = corr.iloc[0]
    interested = summary[summary["interested"].astype(bool)]
    probable, total = int(grid[[1, 2]].to_numpy().sum()), int(grid.to_numpy().sum())
    unjudged, doubtful = int(grid[6].sum()), int(grid[[4, 5]].to_numpy().sum())
    best = interested["reliability"].astype(str).min() if len(interested) else "n/a"
    denied = (
        "every one of them an interested party."
        if core["denying_disinterested"] == 0
        else f"{core['denying_disinterested']} of them without a stake."
    )
    lines = [
        f"{probable} of {counted(total, 'statement')} are probably true or better; "
        f"{unjudged} cannot be judged and {doubtful} are doubtful or improbable.",
        f"{len(interested)} of {counted(len(summary), 'source')} are interested parties; "
        f"their best grade is {best}.",
        f"“{core['proposition'].rstrip('.')}” is affirmed by {counted(core['affirming_sources'], 'source')} "
        f"from {counted(core['affirming_alignments'], 'alignment')}, "
        f"{core['affirming_disinterested']} of them without a stake, "
        f"and denied by {core['denying_sources']}, {denied}",
        "Agreement among allies is weaker corroboration than agreement across camps: no source outside "
        "one alignment confirms it here."
        if core["affirming_alignments"] <= 1
        else f"Affirmation spans {counted(core['affirming_alignments'], 'alignment')}.",
    ]
    return text(bullets(lines))


def hypotheses(wb: Workbook) -> Text:
    """Findings of the ACH notebook: leader, margin, linchpin and the effect of interested parties."""
    scores = ach.inconsistency_scores(wb)
    without = ach.inconsistency_scores(wb, exclude_interested=True)
    sens = ach.sensitivity(wb)
    graded = graded_statements(wb).set_index("statement_id")
    diag = ach.diagnosticity(wb)
    last = scores.iloc[-1]
    lines = [f"{ach_leader(scores)}; “{last['label']}” has the most ({last['weighted_inconsistency']:.1f})."]
    if not sens.empty:
        linchpin = sens.iloc[0]
        before = linchpin["margin"] - linchpin["margin_change"]
        changers = sens.loc[sens["leader_changes"], "statement_id"].tolist()
        lines.append(
            f"The linchpin is {linchpin['statement_id']} ({graded.loc[linchpin['statement_id'], 'source']}): "
            f"without it the margin falls from {before:.1f} to {linchpin['margin']:.1f}; "
            + (
                "no single statement, if wrong, changes which hypothesis leads."
                if not changers
                else f"dropping {and_list(changers)} alone would change or tie the leader."
            )
        )
    tie = ach_tie(without)
    lines.append(
        f"{tie[0].upper()}{tie[1:]}: only interested parties' statements separate them."
        if tie
        else f"Without interested parties, {and_list(quoted(leaders(without)))} still leads."
    )
    lines.append(
        f"{counted(int((~diag['diagnostic']).sum()), 'rated statement')} fit every hypothesis alike "
        "and cannot help choose."
    )
    return text(bullets(lines))


def what_if(wb: Workbook) -> Text:
    """Findings of the explorer: what leaving out the interested parties changes."""
    graded = graded_statements(wb)
    base, alone = recompute(wb, graded, Weights()), recompute(wb, graded, Weights(exclude_interested=True))
    low, high = base.troop_range or (0, 0)
    if alone.troop_range is None:
        rest = "no claim remains"
    elif alone.troop_range[0] == alone.troop_range[1]:
        rest = f"only {alone.troop_range[0]:,.0f} remains"
    else:
        rest = f"{alone.troop_range[0]:,.0f} to {alone.troop_range[1]:,.0f} remain"
    lines = [
        f"With every statement counted, the troop claims span {low:,.0f} to {high:,.0f}; "
        f"without interested parties {rest}."
    ]
    for label, res in (("With every statement counted", base), ("Without interested parties", alone)):
        top = leaders(res.ranking)
        lines.append(
            f"{label}, ACH ranks first {and_list(quoted(top))}" + (" (a tie)." if len(top) > 1 else ".")
        )
    core = base.support.sort_values("affirming", ascending=False).iloc[0]
    core_alone = alone.support.set_index("proposition_id").loc[core["proposition_id"]]
    lines.append(
        f"Weighted support for “{core['text'].rstrip('.')}” moves from {core['support']:.2f} "
        f"to {core_alone['support']:.2f} when interested parties are left out."
    )
    return text(bullets(lines))
