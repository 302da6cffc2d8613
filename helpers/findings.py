"""Each notebook's findings in plain words, computed from the data so they stay true to it."""

from __future__ import annotations

from dataclasses import dataclass

from . import ach, claims, corroboration, grades, stance
from .loader import Workbook
from .words import counted

# Characters that would let text from the data become HTML or a link once Markdown is rendered.
_MARKDOWN_UNSAFE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;", "`": "&#96;"}
)


def safe_markdown(text: str) -> str:
    """``text`` with HTML and link syntax neutralised; bullets and emphasis still work."""
    return text.translate(_MARKDOWN_UNSAFE)


@dataclass(frozen=True)
class Text:
    """Markdown that displays as Markdown in a notebook and reads the same as plain text.

    Build it with :func:`text`, which escapes it: its words come from the data.
    """

    markdown: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": self.markdown, "text/plain": self.markdown}

    def __str__(self) -> str:
        return self.markdown


def text(markdown: str) -> Text:
    """A :class:`Text` whose content is escaped, since it quotes the data."""
    return Text(safe_markdown(markdown))


def _bullets(lines: list[str]) -> Text:
    return text("\n".join(f"- {line}" for line in lines))


def statements(wb: Workbook) -> Text:
    """Findings of the statements notebook: volume, shifts, replies."""
    graded = grades.graded_statements(wb)
    direct = int((graded["attribution"] == "direct quote").sum())
    lines = [
        f"{len(graded)} statements from {graded['source_id'].nunique()} sources, "
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
        f"{undated} statements carry no exact date in the article; their dates are bounds or estimates."
    )
    return _bullets(lines)


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
    lines.append(f"{comparable} of {len(pairs)} pairs of claims can be compared directly.")
    for row in table.itertuples():
        stake = "an interested party" if row.interested else "not a party to the war"
        hedge = f"hedged (“{row.hedge}”)" if isinstance(row.hedge, str) else "stated without a hedge"
        lines.append(f"{row.source} ({row.grade}, {stake}): {row.count:,}, {row.modality}, {hedge}.")
    return _bullets(lines)


def reliability(wb: Workbook) -> Text:
    """Findings of the reliability notebook: grades, stakes and corroboration."""
    grid = grades.grade_grid(wb)
    summary = grades.source_summary(wb)
    corr = corroboration.corroboration(wb).sort_values("statements", ascending=False)
    core = corr.iloc[0]
    interested = summary[summary["interested"].astype(bool)]
    probable, total = int(grid[[1, 2]].to_numpy().sum()), int(grid.to_numpy().sum())
    unjudged, doubtful = int(grid[6].sum()), int(grid[[4, 5]].to_numpy().sum())
    lines = [
        f"{probable} of {total} statements are probably true or better; "
        f"{unjudged} cannot be judged and {doubtful} are doubtful or improbable.",
        f"{len(interested)} of {len(summary)} sources are interested parties; their best grade is "
        f"{interested['reliability'].astype(str).min() if len(interested) else 'n/a'}.",
        f"“{core['proposition'].rstrip('.')}” is affirmed by {core['affirming_sources']} sources from "
        f"{counted(core['affirming_alignments'], 'alignment')}, "
        f"{core['affirming_disinterested']} of them without a stake, "
        f"and denied by {core['denying_sources']}, "
        + (
            "every one of them an interested party."
            if core["denying_disinterested"] == 0
            else f"{core['denying_disinterested']} of them without a stake."
        ),
        "Agreement among allies is weaker corroboration than agreement across camps: no source outside "
        "one alignment confirms a deployment here."
        if core["affirming_alignments"] <= 1
        else f"Affirmation spans {core['affirming_alignments']} alignments.",
    ]
    return _bullets(lines)


def hypotheses(wb: Workbook) -> Text:
    """Findings of the ACH notebook: leader, margin, linchpin and the effect of interested parties."""
    scores = ach.inconsistency_scores(wb)
    leader, runner = scores.iloc[0], scores.iloc[1]
    without = ach.inconsistency_scores(wb, exclude_interested=True)
    tied = without[without["rank"] == 1]
    sens = ach.sensitivity(wb)
    linchpin = sens.iloc[0]
    graded = grades.graded_statements(wb).set_index("statement_id")
    diag = ach.diagnosticity(wb)
    before = linchpin["margin"] - linchpin["margin_change"]
    lines = [
        f"“{leader['label']}” has the least evidence against it ({leader['weighted_inconsistency']:.1f}), "
        f"ahead of “{runner['label']}” ({runner['weighted_inconsistency']:.1f}); "
        f"“{scores.iloc[-1]['label']}” has the most ({scores.iloc[-1]['weighted_inconsistency']:.1f}).",
        f"The linchpin is {linchpin['statement_id']} ({graded.loc[linchpin['statement_id'], 'source']}): "
        f"without it the margin falls from {before:.1f} to {linchpin['margin']:.1f}; "
        + (
            "no single statement, if wrong, changes which hypothesis leads."
            if not sens["leader_changes"].any()
            else "dropping "
            + ", ".join(sens.loc[sens["leader_changes"], "statement_id"])
            + " alone would change or tie the leader."
        ),
        (
            "Without interested parties' statements, "
            + " and ".join(f"“{t}”" for t in tied["label"])
            + " tie: only belligerents' claims separate them."
            if len(tied) > 1
            else f"Without interested parties, “{tied.iloc[0]['label']}” still leads."
        ),
        f"{int((~diag['diagnostic']).sum())} rated statements fit every hypothesis alike "
        "and cannot help choose.",
    ]
    return _bullets(lines)


def what_if(wb: Workbook) -> Text:
    """Findings of the explorer: what leaving out the interested parties changes."""
    from .explorer import Weights, recompute  # the explorer imports widgets; load it only here

    graded = grades.graded_statements(wb)
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
        top = res.ranking[res.ranking["rank"] == 1]["label"].tolist()
        lead = " and ".join(f"“{t}”" for t in top)
        lines.append(f"{label}, ACH ranks first {lead}" + (" (a tie)." if len(top) > 1 else "."))
    core = base.support.sort_values("affirming", ascending=False).iloc[0]
    core_alone = alone.support.set_index("proposition_id").loc[core["proposition_id"]]
    lines.append(
        f"Weighted support for “{core['text'].rstrip('.')}” moves from {core['support']:.2f} "
        f"to {core_alone['support']:.2f} when interested parties are left out."
    )
    return _bullets(lines)
