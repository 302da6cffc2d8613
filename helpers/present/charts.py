"""One function per chart. Each returns a :class:`Chart`: the figure and a text alternative.

Titles state the finding and are computed from the data, so another dataset gets true titles.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator

from ..analysis import ach, claims, corroboration, grades, stance
from ..analysis.admiralty import CREDIBILITY, RELIABILITY
from ..workbook import Workbook
from .sentences import ach_leader, ach_tie, counted, date_span, outlet_count
from .style import (
    ALIGNMENT_COLORS,
    HIGHLIGHT,
    MUTED,
    STANCE_COLORS,
    STANCE_MARKERS,
    color_of,
    headline,
    new_figure,
    source_line,
    styled,
    wrap,
)

MAX_LABELS = 60  # beyond this many statements, per-point labels and arrows become noise
MAX_POINTS = 400  # beyond this many, the timeline draws one marker per source, day and stance
PARTICIPLE = {
    "affirms": "affirming",
    "denies": "denying",
    "uncertain": "uncertain",
    "conditional": "conditional",
}


@dataclass
class Chart:
    """A figure with its title (the finding) and text alternative; displays as a PNG."""

    figure: Figure
    alt: str
    name: str
    title: str = ""

    def png(self, compress_level: int = 6) -> bytes:
        """The figure as PNG bytes (no timestamp, so the same data gives the same bytes).

        A ``compress_level`` of 1 trades larger bytes for a faster encode (live widgets).
        """
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": compress_level}
        )
        return buffer.getvalue()

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        data = {"image/png": base64.b64encode(self.png()).decode("ascii"), "text/plain": self.alt}
        return data, {"image/png": {"alt": self.alt}}


def _finish(fig: Figure, title: str, source: str, alt: str, name: str) -> Chart:
    """Title the chart with its finding, put its source under it, and pair it with its alternative."""
    headline(fig, title)
    source_line(fig, source)
    return Chart(fig, alt, name, title)


def _seed_source(wb: Workbook, table: str) -> str:
    docs = wb.documents
    if docs.empty:
        return f"curated in data/{table}.csv"
    first, last = docs["published"].min(), docs["published"].max()
    span = f"{first:%-d %b %Y}" if first == last else f"{first:%-d %b %Y} to {last:%-d %b %Y}"
    return f"{counted(len(docs), 'article')} ({span}); curated in data/{table}.csv"


def _day(ts: pd.Timestamp) -> str:
    return f"{ts:%-d %b}"


@styled
def empty(name: str, message: str) -> Chart:
    """A placeholder chart that says why there is nothing to draw."""
    fig = new_figure(9.0, 2.0)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12)
    return Chart(fig, message, name, message)


@styled
def timeline(wb: Workbook, statements: pd.DataFrame | None = None) -> Chart:
    """Statements by source over time, shaped by stance, with replies linked by arrows.

    ``statements`` (graded, as from :func:`grades.graded_statements`) limits the chart to a subset.
    Labels and arrows are drawn only while they stay readable; beyond ``MAX_POINTS`` statements,
    those of one source, day and stance are drawn as one marker whose area counts them.
    """
    graded = grades.graded_statements(wb) if statements is None else statements
    if graded.empty:
        return empty("timeline", "No statements match the filters.")
    bundled = len(graded) > MAX_POINTS
    points = _bundle(graded) if bundled else graded.assign(n=1)
    points = points.sort_values(["said_on", "statement_id"])
    order = list(dict.fromkeys(points["source"]))
    rows = {label: i for i, label in enumerate(reversed(order))}
    # Spread the markers of one source and day so that none hides another: 0.28 day apart,
    # squeezed on a crowded day so that they span at most 0.85 day.
    day = points.groupby(["source", "said_on"])
    slot, slots = day.cumcount(), day["statement_id"].transform("count")
    step = (0.85 / (slots - 1).clip(lower=1)).clip(upper=0.28)
    points["x"] = points["said_on"] + pd.to_timedelta((slot - (slots - 1) / 2) * step, unit="D")
    points["y"] = points["source"].map(rows)
    points["size"] = 70.0 if not bundled else 40.0 + 360.0 * points["n"] / points["n"].max()

    fig = new_figure(9.5, 0.42 * len(order) + 2.2)
    ax = fig.add_subplot()
    for st, group in points.groupby("stance", observed=True):
        color = color_of(STANCE_COLORS, st)
        exact = group["said_on_precision"] == "exact"
        for filled, part in ((True, group[exact]), (False, group[~exact])):
            ax.scatter(
                part["x"],
                part["y"],
                marker=STANCE_MARKERS.get(str(st), "o"),
                s=part["size"],
                facecolors=color if filled else "white",
                edgecolors=color,
                linewidths=1.6,
                zorder=3,
            )
    # Replies are linked and listed only while they can be read; at bundled sizes they are neither.
    chains = stance.response_chains(wb, graded) if not bundled else None
    if chains is not None and len(points) <= MAX_LABELS:
        _label_and_link(ax, points, chains)
    ax.set_yticks(range(len(order)), list(reversed(order)))
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
    ax.set_xlim(
        graded["said_on"].min() - pd.Timedelta(days=1), graded["said_on"].max() + pd.Timedelta(days=1)
    )
    area = "; area: statements that day" if bundled else ""
    ax.set_xlabel(f"Date said (hollow: approximate or 'on or before'{area})")
    ax.grid(axis="y", color="#EEEEEE")
    present = set(points["stance"].astype(str))
    handles = [
        Line2D([], [], marker=STANCE_MARKERS[s], color=c, linestyle="", markersize=8, label=s)
        for s, c in STANCE_COLORS.items()
        if s in present
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, ncols=len(handles), bbox_to_anchor=(0, 1.0))
    moved = stance.shifts(wb) if statements is None else None
    if moved is not None and not moved.empty:
        first = moved.iloc[0]
        said = graded[(graded["source"] == first["source"])]
        steps = [PARTICIPLE.get(s, s) for s in first["stances"].split(" → ")]
        days = (said["said_on"].max() - said["said_on"].min()).days
        title = (
            f"{first['source']} went from {' to '.join(steps)} on “{first['proposition'].rstrip('.')}” "
            f"in {counted(days, 'day')}"
        )
    else:
        title = f"{len(graded):,} statements by {len(order)} sources"
    span = f"{_day(graded['said_on'].min())} to {graded['said_on'].max():%-d %b %Y}"
    alt = f"Timeline of {len(graded):,} statements by {len(order)} sources from {span}. {title}. "
    if chains is None:
        alt += "Replies are not drawn at this size."
    elif len(chains) <= MAX_LABELS:
        replies = "; ".join(
            f"{r.first} ({r.first_source}, {r.first_stance}) answered by "
            f"{r.reply} ({r.reply_source}, {r.reply_stance})"
            for r in chains.itertuples()
        )
        alt += f"Replies: {replies or 'none'}."
    else:
        alt += f"{len(chains):,} statements answer another."
    return _finish(fig, title, _seed_source(wb, "statements"), alt, "timeline")


def _bundle(graded: pd.DataFrame) -> pd.DataFrame:
    """One row per source, day, stance and date precision, with how many statements it stands for."""
    keys = ["source", "said_on", "stance", "said_on_precision"]
    return (
        graded.groupby(keys, observed=True)
        .agg(statement_id=("statement_id", "first"), n=("statement_id", "size"))
        .reset_index()
    )


def _label_and_link(ax: Axes, points: pd.DataFrame, chains: pd.DataFrame) -> None:
    """Name each statement and draw an arrow from each answered statement to its reply."""
    position = points.set_index("statement_id")[["x", "y"]]
    # A reply whose arrow comes down onto it is named below its marker, clear of the arrowhead.
    answered_y = position["y"].reindex(chains["first"]).to_numpy()
    from_above = set(chains["reply"][answered_y > position["y"].reindex(chains["reply"]).to_numpy()])
    for row in points.itertuples():
        below = row.statement_id in from_above
        ax.annotate(
            row.statement_id,
            (row.x, row.y),
            xytext=(0, -8 if below else 7),
            textcoords="offset points",
            ha="center",
            va="top" if below else "baseline",
            fontsize=7,
        )
    for link in chains.itertuples():
        start, end = position.loc[link.first], position.loc[link.reply]
        ax.annotate(
            "",
            xy=(end["x"], end["y"]),
            xytext=(start["x"], start["y"]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#555555",
                "lw": 1,
                "connectionstyle": "arc3,rad=0.25",
                "shrinkA": 6,
                "shrinkB": 6,
            },
            zorder=2,
        )


def _scope(activity: str, location: str) -> str:
    return f"{activity} {'to' if activity == 'sent' else 'in'} {location}"


def _count(x: float, _pos: object = None) -> str:
    return f"{x:,.0f}"


@styled
def troop_numbers(wb: Workbook, table: pd.DataFrame | None = None) -> Chart:
    """The troop numbers on a log scale, with ranges, hedging and the scope of each claim.

    ``table`` (from :func:`claims.claims_table`) limits the chart to some claims.
    """
    table = claims.claims_table(wb) if table is None else table.reset_index(drop=True)
    if table.empty:
        return empty("troop_numbers", "No troop-number claims match the filters.")
    pairs = claims.compare_claims(table)
    fig = new_figure(9.5, 1.1 * len(table) + 2.0)
    ax = fig.add_subplot()
    ys = np.arange(len(table))[::-1]
    for y, row in zip(ys, table.itertuples(), strict=True):
        color = color_of(ALIGNMENT_COLORS, row.alignment)
        ax.plot([row.count_low, row.count_high], [y, y], color=color, lw=3, alpha=0.5, solid_capstyle="round")
        possible = row.modality == "possible"
        ax.scatter(
            row.count,
            y,
            s=120,
            marker="o",
            facecolors="white" if possible else color,
            edgecolors=color,
            linewidths=2,
            zorder=3,
        )
        hedge = f' ("{row.hedge}")' if isinstance(row.hedge, str) else ""
        ax.annotate(
            f"{row.count:,}: {_scope(row.activity, row.location)}, {row.modality}{hedge}",
            (row.count, y),
            xytext=(0, 12),
            textcoords="offset points",
            ha="center",
            fontsize=9,
        )
    labels = [f"{r.source} ({r.grade})\nas of {_day(r.as_of)}" for r in table.itertuples()]
    ax.set_yticks(ys, labels)
    ax.set_xscale("log")
    low, high = table["count_low"].min(), table["count_high"].max()
    ax.set_xlim(10 ** np.floor(np.log10(low) - 0.3), 10 ** np.ceil(np.log10(high) + 0.3))
    ax.set_ylim(-0.8, len(table) - 0.2)
    ax.xaxis.set_major_locator(LogLocator(base=10))
    ax.xaxis.set_major_formatter(FuncFormatter(_count))
    ax.set_xlabel("North Korean troops claimed (log scale; hollow = hedged as possible; bar = range)")
    ax.grid(axis="x", color="#EEEEEE")
    widest = pairs.sort_values("ratio").iloc[-1] if not pairs.empty else None
    if widest is None:
        title = f"One claim: {table['count'].iloc[0]:,} troops"
        verdict = title
    else:
        verdict = claims.describe_pair(widest, table)
        by_id = table.set_index("claim_id")
        big, small = by_id.loc[widest["larger"]], by_id.loc[widest["smaller"]]
        scope = "but they count different things" if not widest["comparable"] else "on the same scope"
        title = (
            f"{big['source']}'s {big['count']:,} is {widest['ratio']:.1f}x "
            f"{small['source']}'s {small['count']:,}, {scope}"
        )
    listing = "; ".join(
        f"{r.source}: {r.count:,} {_scope(r.activity, r.location)} ({r.modality}, as of {_day(r.as_of)})"
        for r in table.itertuples()
    )
    alt = f"Troop-number claims on a log scale. {listing}. {verdict}"
    return _finish(fig, title, _seed_source(wb, "troop_claims"), alt, "troop_numbers")


@styled
def grade_grid(wb: Workbook) -> Chart:
    """The Admiralty grid: statements by source reliability (A-F) and information credibility (1-6)."""
    grid = grades.grade_grid(wb)
    graded = grades.graded_statements(wb)
    if graded.empty:
        return empty("grade_grid", "No statements to grade.")
    ids = graded.groupby(["reliability", "credibility"], observed=True)["statement_id"].agg(" ".join)
    fig = new_figure(8.5, 5.2)
    ax = fig.add_subplot()
    ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=max(grid.to_numpy().max(), 1) * 1.6, aspect="auto")
    for i, rel in enumerate(grid.index):
        for j, cred in enumerate(grid.columns):
            n = grid.loc[rel, cred]
            if n:
                names = ids.get((rel, cred), "")
                wrapped = "\n".join(
                    " ".join(names.split()[k : k + 3]) for k in range(0, len(names.split()), 3)
                )
                ax.text(j, i, f"{n}\n{wrapped}", ha="center", va="center", fontsize=7.5, color="#000000")
    ax.set_xticks(range(6), [f"{c}\n{CREDIBILITY[c]}" for c in grid.columns], fontsize=7.5)
    ax.set_yticks(range(6), [f"{r} {RELIABILITY[r]}" for r in grid.index], fontsize=8)
    ax.set_xlabel("Information credibility")
    ax.set_ylabel("Source reliability")
    ax.spines[:].set_visible(False)
    n = int(grid.to_numpy().sum())
    probable = int(grid[[1, 2]].to_numpy().sum())
    unjudged = int(grid[6].sum())
    title = f"{probable} of {n} statements are probably true or better; {unjudged} cannot be judged"
    cells = "; ".join(f"{r}{c}: {ids[(r, c)]}" for (r, c) in ids.index)
    alt = f"Admiralty grid of {n} statements by source reliability and information credibility. {title}. "
    alt += f"Cells: {cells}."
    return _finish(fig, title, _seed_source(wb, "statements") + " and sources.csv", alt, "grade_grid")


@styled
def sources_by_alignment(wb: Workbook) -> Chart:
    """Each source's reliability grade, coloured by alignment, hollow where it has a direct stake."""
    summary = grades.source_summary(wb)
    if summary.empty:
        return empty("sources_by_alignment", "No sources to grade.")
    order = list(RELIABILITY)
    summary["x"] = summary["reliability"].astype(str).map(order.index)
    summary = summary.sort_values(["alignment", "x", "label"], ascending=[True, True, True]).reset_index(
        drop=True
    )
    fig = new_figure(9.0, 0.38 * len(summary) + 2.2)
    ax = fig.add_subplot()
    ys = np.arange(len(summary))[::-1]
    for y, row in zip(ys, summary.itertuples(), strict=True):
        color = color_of(ALIGNMENT_COLORS, row.alignment)
        ax.scatter(
            row.x,
            y,
            s=110,
            facecolors="white" if row.interested else color,
            edgecolors="#333333" if not row.interested else color,
            linewidths=2,
            zorder=3,
        )
        ax.annotate(
            f"{row.statements} stmt",
            (row.x, y),
            xytext=(10, -3),
            textcoords="offset points",
            fontsize=7.5,
            color="#555555",
        )
    ax.set_yticks(ys, [f"{r.label} ({r.alignment})" for r in summary.itertuples()], fontsize=8.5)
    ax.set_xticks(range(6), [f"{g}\n{RELIABILITY[g]}" for g in order], fontsize=7.5)
    ax.set_xlim(-0.5, 5.8)
    ax.set_xlabel("Source reliability (Admiralty); hollow marker = interested party (belligerent or accused)")
    ax.grid(axis="x", color="#EEEEEE")
    interested = summary[summary["interested"].astype(bool)]
    best = summary[summary["x"] == summary["x"].min()]
    grades_of_interested = sorted(set(interested["reliability"].astype(str)))
    span = f"{grades_of_interested[0]}-{grades_of_interested[-1]}" if grades_of_interested else "n/a"
    title = (
        f"Interested parties are graded {span}; "
        f"the best grade ({best['reliability'].iloc[0]}) goes to {', '.join(sorted(set(best['alignment'])))}"
    )
    listing = "; ".join(
        f"{r.label}: {r.reliability}, {r.alignment}{', interested' if r.interested else ''}"
        for r in summary.itertuples()
    )
    alt = f"Reliability grade of {len(summary)} sources by alignment. {title}. {listing}."
    return _finish(fig, title, _seed_source(wb, "sources"), alt, "sources_by_alignment")


@styled
def corroboration_chart(wb: Workbook) -> Chart:
    """Per proposition: affirming sources, their distinct alignments, and those with no stake."""
    table = corroboration.corroboration(wb)
    table = table[(table["affirming_sources"] + table["denying_sources"]) > 0].copy()
    if table.empty:
        return empty("corroboration", "No proposition is affirmed or denied.")
    table = table.sort_values(["affirming_sources", "statements"], ascending=True)
    measures = [
        ("affirming_sources", "sources affirming", HIGHLIGHT),
        ("affirming_alignments", "distinct alignments affirming", "#56B4E9"),
        ("affirming_disinterested", "affirming with no stake", "#009E73"),
        ("denying_sources", "sources denying", STANCE_COLORS["denies"]),
    ]
    fig = new_figure(9.5, 0.75 * len(table) + 2.2)
    ax = fig.add_subplot()
    ys = np.arange(len(table))
    height = 0.8 / len(measures)
    for k, (column, label, color) in enumerate(measures):
        ax.barh(ys + (1.5 - k) * height, table[column], height=height, color=color, label=label)
    ax.set_yticks(ys, [wrap(t, 48) for t in table["proposition"]], fontsize=8)
    ax.set_xlabel("Number of sources")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8, loc="lower right")
    core = table.sort_values(["statements", "affirming_sources"]).iloc[-1]
    title = (
        f"“{core['proposition'].rstrip('.')}”: {core['affirming_sources']} sources affirm, "
        f"from {counted(core['affirming_alignments'], 'alignment')}"
    )
    listing = "; ".join(
        f"{r.proposition} affirmed by {r.affirming_sources} sources ({r.affirming_alignments} alignments, "
        f"{r.affirming_disinterested} without a stake), denied by {r.denying_sources}"
        for r in table.iloc[::-1].itertuples()
    )
    alt = f"Corroboration per proposition. {title}. {listing}."
    return _finish(fig, title, _seed_source(wb, "statements") + " and sources.csv", alt, "corroboration")


@styled
def ach_scores(wb: Workbook, **options: Any) -> Chart:
    """Weighted inconsistency per hypothesis, with and without the interested parties' statements."""
    base = ach.inconsistency_scores(wb, **options)
    if base.empty:
        return empty("ach_scores", "No hypotheses to weigh.")
    without = ach.inconsistency_scores(wb, **{**options, "exclude_interested": True}).set_index(
        "hypothesis_id"
    )
    fig = new_figure(9.0, 0.7 * len(base) + 2.0)
    ax = fig.add_subplot()
    ys = np.arange(len(base))[::-1]
    ax.barh(
        ys + 0.18,
        base["weighted_inconsistency"],
        height=0.34,
        color=[HIGHLIGHT] + [MUTED] * (len(base) - 1),
        label="all statements",
    )
    ax.barh(
        ys - 0.18,
        without.loc[base["hypothesis_id"], "weighted_inconsistency"],
        height=0.34,
        color="white",
        edgecolor="#333333",
        hatch="//",
        label="without interested parties",
    )
    for y, value in zip(ys, base["weighted_inconsistency"], strict=True):
        ax.annotate(f"{value:.1f}", (value, y + 0.18), xytext=(4, -3), textcoords="offset points", fontsize=8)
    for y, hid in zip(ys, base["hypothesis_id"], strict=True):
        ax.annotate(
            f"{without.loc[hid, 'weighted_inconsistency']:.1f}",
            (without.loc[hid, "weighted_inconsistency"], y - 0.18),
            xytext=(4, -3),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_yticks(ys, [f"{r.hypothesis_id} {r.label}" for r in base.itertuples()])
    ax.set_xlabel("Weighted inconsistency (I = 1, II = 2, times credibility weight); lower is more likely")
    ax.legend(fontsize=8, loc="upper right")
    tie = ach_tie(without)
    title = ach_leader(base) + (f";\n{tie}" if tie else "")
    listing = "; ".join(
        f"{r.hypothesis_id} {r.label}: {r.weighted_inconsistency:.1f} "
        f"({without.loc[r.hypothesis_id, 'weighted_inconsistency']:.1f} without interested parties)"
        for r in base.itertuples()
    )
    alt = f"ACH weighted inconsistency per hypothesis. {title.replace(chr(10), ' ')}. {listing}."
    return _finish(fig, title, _seed_source(wb, "ach_ratings") + " and statements.csv", alt, "ach_scores")


@styled
def documents_over_time(wb: Workbook) -> Chart:
    """Each document on its publication date, one row per outlet, sized by the statements taken from it."""
    docs = wb.documents
    if docs.empty:
        return empty("documents", "No documents.")
    taken = wb.statements["document_id"].value_counts()
    outlets = docs["outlet"].fillna("(outlet not named)")
    order = sorted(set(outlets), key=lambda o: docs.loc[outlets == o, "published"].min())
    rows = {outlet: i for i, outlet in enumerate(reversed(order))}
    counts = docs["document_id"].map(taken).fillna(0).astype(int)
    fig = new_figure(9.5, 0.4 * len(order) + 2.2)
    ax = fig.add_subplot()
    ax.scatter(docs["published"], outlets.map(rows), s=40 + 30 * counts, color=HIGHLIGHT, alpha=0.8, zorder=3)
    if len(docs) <= MAX_LABELS:
        for date, outlet, doc_id in zip(docs["published"], outlets, docs["document_id"], strict=True):
            ax.annotate(
                doc_id,
                (date, rows[outlet]),
                xytext=(0, 9),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
    ax.set_yticks(range(len(order)), list(reversed(order)), fontsize=8.5)
    ax.set_ylim(-0.7, len(order) - 0.3)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    first, last = docs["published"].min(), docs["published"].max()
    pad = max(pd.Timedelta(days=3), (last - first) * 0.05)  # one date alone still gets a readable axis
    ax.set_xlim(first - pad, last + pad)
    ax.set_xlabel("Date published (area: statements taken from the document)")
    ax.grid(axis="y", color="#EEEEEE")
    title = f"{counted(len(docs), 'document')} {outlet_count(docs['outlet'])}, {date_span(first, last)}"
    listing = "; ".join(
        f"{d} ({o}, {p:%-d %b %Y}, {counted(n, 'statement')})"
        for d, o, p, n in zip(docs["document_id"], outlets, docs["published"], counts, strict=True)
    )
    alt = f"Documents by outlet and publication date. {title}. {listing}."
    return _finish(fig, title, _seed_source(wb, "documents"), alt, "documents")
