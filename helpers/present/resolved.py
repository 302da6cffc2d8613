"""When the story resolves, in words: what settled what and when, how the analyst's judgements
scored, and each source's track record beside its grade (evidence, never a regrade)."""

from __future__ import annotations

import pandas as pd

from ..analysis import resolutions
from ..analysis.troop_counts import Gazetteer
from ..analysis.views import graded_statements
from ..workbook import Workbook
from .claim_words import scope_words
from .markdown import Markdown, md
from .sentences import counted

MAX_SCORED = 4  # earlier judgements named per settled proposition; the rest are in the history


def _by(wb: Workbook, statement_id: str) -> str:
    graded = graded_statements(wb).set_index("statement_id")
    if statement_id not in graded.index:
        return statement_id
    row = graded.loc[statement_id]
    against = ", an admission against interest" if bool(row["admission"]) else ""
    return f"{statement_id}, {row['source']}{against}"


def resolution_lines(wb: Workbook) -> list[Markdown]:
    """One line per resolution: what was settled, when, by which statement; for a proposition, how
    early and how well the analyst's earlier judgements on it scored."""
    lines = []
    scored = resolutions.scored_judgements(wb)
    for r in resolutions.settled_propositions(wb).itertuples():
        mine = scored[scored["resolution_id"] == r.resolution_id]
        verdict = "true" if r.outcome else "false"
        if mine.empty:
            judged = "No earlier judgement of the analyst's was on it."
        else:
            right = mine[mine["right"]]
            early = (
                f"The analyst leaned the right way from {right['as_of'].min():%-d %b %Y}, "
                f"{right['days_ahead'].max()} days ahead"
                if not right.empty
                else "None of the analyst's earlier judgements leaned the right way"
            )
            # Every call that leaned the wrong way, the first that leaned right and the last: the mean
            # below is never carried by judgements the line does not show.
            wrong = mine[~mine["right"]]
            keep = pd.concat([wrong, right.head(1), mine.tail(1)]).drop_duplicates("judgement_id")
            keep = keep.sort_values("as_of", kind="stable")
            shown = "; ".join(
                f"{row.likelihood} on {row.as_of:%-d %b %Y} (Brier {row.brier:.2f})"
                for row in keep.head(MAX_SCORED).itertuples()
            )
            if len(keep) > MAX_SCORED:
                shown += f"; and {len(keep) - MAX_SCORED} more in the history"
            mean = f"mean Brier {mine['brier'].mean():.2f} over {counted(len(mine), 'judgement')}"
            judged = f"{early}: {shown}; {mean}."
        lines.append(
            md(
                "**Settled on {day}:** “{proposition}” proved {verdict} ({by}). {judged}",
                day=f"{r.resolved_on:%-d %b %Y}",
                proposition=str(r.proposition).rstrip("."),
                verdict=verdict,
                by=_by(wb, str(r.statement_id)),
                judged=judged,
            )
        )
    places = Gazetteer.of(wb)
    for r in resolutions.settled_counts(wb).itertuples():
        low, high = r.count_low, r.count_high
        number = (
            f"{int(low):,}" if pd.notna(low) and low == high
            else f"{int(low):,}-{int(high):,}" if pd.notna(low) and pd.notna(high)
            else f"at least {int(low):,}" if pd.notna(low)
            else f"up to {int(high):,}"
        )  # fmt: skip
        part = f" {r.part}" if isinstance(r.part, str) and r.part else ""
        when = r.as_of if pd.notna(r.as_of) else r.resolved_on
        lines.append(
            md(
                "**Settled on {day}:** {number}{part} {scope} as of {when} ({by}).",
                day=f"{r.resolved_on:%-d %b %Y}",
                number=number,
                part=part,
                scope=scope_words(str(r.measure), places.name(r.place)),
                when=f"{when:%-d %b %Y}",
                by=_by(wb, str(r.statement_id)),
            )
        )
    return lines


def track_record_words(wb: Workbook) -> pd.Series:
    """Each source's track record in a phrase, by source id ("2 held, 1 failed; right 174 days
    ahead"); empty where nothing it said has been settled."""
    found = resolutions.track_records(wb)
    out = pd.Series("", index=wb.sources["source_id"].astype(str).to_numpy(), dtype=object)
    for row in found.itertuples():
        words = f"{row.held} held, {row.failed} failed"
        if row.earliest_held_days is not None and pd.notna(row.earliest_held_days):
            words += f"; right {int(row.earliest_held_days)} days ahead"
        if row.largest_count_distance is not None and pd.notna(row.largest_count_distance):
            words += f"; counts at most {row.largest_count_distance:.0%} outside the settled range"
        out[str(row.source_id)] = words
    return out


def resolution_summary(wb: Workbook) -> list[Markdown]:
    """The first screen's one line on what the story settled: each settled proposition and count
    with the statement that settled it, and how the analyst's earlier judgements scored overall (the
    detail is in the history of judgements)."""
    props, totals = resolutions.settled_propositions(wb), resolutions.settled_counts(wb)
    if props.empty and totals.empty:
        return []
    parts = [
        f"“{str(r.proposition).rstrip('.')}” proved {'true' if r.outcome else 'false'} "
        f"({_by(wb, str(r.statement_id))})"
        for r in props.itertuples()
    ]
    places = Gazetteer.of(wb)
    for r in totals.itertuples():
        low, high = r.count_low, r.count_high
        number = f"{int(low):,}" if pd.notna(low) and low == high else f"{int(low or 0):,}-{int(high or 0):,}"
        when = r.as_of if pd.notna(r.as_of) else r.resolved_on
        part = f" {r.part}" if isinstance(r.part, str) and r.part else ""
        scope = scope_words(str(r.measure), places.name(r.place))
        parts.append(f"{number}{part} {scope} as of {when:%-d %b %Y} ({_by(wb, str(r.statement_id))})")
    days = pd.concat([props["resolved_on"], totals["resolved_on"]])
    span = f"{days.min():%-d %b %Y}" + (f" to {days.max():%-d %b %Y}" if days.max() != days.min() else "")
    scored = resolutions.scored_judgements(wb)
    score = (
        f"The analyst's {counted(len(scored), 'earlier judgement')} on them: {int(scored['right'].sum())} "
        f"leaned the right way, mean Brier {scored['brier'].mean():.2f} (each under Change from previous "
        "analysis)."
        if not scored.empty
        else ""
    )
    text = "**Settled ({span}):** {parts}. {score}" if score else "**Settled ({span}):** {parts}."
    return [md(text, span=span, parts="; ".join(parts), score=score)]
