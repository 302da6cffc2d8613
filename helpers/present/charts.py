"""One function per chart. Each returns a :class:`Chart`: the figure and a text alternative.

Titles state the finding and are computed from the data, so another dataset gets true titles.
"""

from __future__ import annotations

import base64
import dataclasses
import io
from dataclasses import dataclass
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator

from ..analysis import ach, corroboration, grades, stance, troop_counts
from ..analysis.admiralty import CREDIBILITY, RELIABILITY
from ..analysis.evidence import Weights
from ..schema.vocabulary import MEASURES
from ..workbook import Workbook
from . import claim_words
from .sentences import ach_leader, ach_tie, counted, date_span, measure_words, outlet_count
from .style import (
    HIGHLIGHT,
    MUTED,
    STANCE_COLORS,
    STANCE_MARKERS,
    alignment_colors,
    color_of,
    headline,
    new_figure,
    source_line,
    styled,
    wrap,
)

MAX_LABELS = 60  # beyond this many statements, per-point labels and arrows become noise
MAX_IDS_PER_CELL = 6  # the grade grid names a cell's statements up to this many
MAX_POINTS = 400  # beyond this many, the timeline draws one marker per source, day and stance
MAX_LISTED = 30  # claims spelt out in a chart's text alternative; the rest are in the claims table
MAX_BARS = 16  # propositions in the corroboration chart: at most two screens tall
# Rows of any one-row-per-thing chart (sources, hypotheses, outlets): with its title and axes, no
# chart grows past two screens (18 in at 100 dpi), whatever the data holds; the rest are in the tables.
MAX_ROWS = 38
PARTICIPLE = {
    "affirms": "affirming",
    "denies": "denying",
    "uncertain": "uncertain",
    "no evidence": "saying there is no evidence",
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


def _finish(fig: Figure, title: str, source: str, alt: str, name: str, left_out: str = "") -> Chart:
    """Title the chart with its finding, put its source under it, and pair it with its alternative;
    ``left_out`` says what a chart capped at two screens did not draw (under it and in the alternative)."""
    headline(fig, title)
    source_line(fig, f"{source}. {left_out}" if left_out else source)
    return Chart(fig, f"{alt} {left_out}" if left_out else alt, name, title)


def _left_out(n: int, what: str, where: str, many: str | None = None) -> str:
    """What a chart kept within two screens did not draw: "273 more sources (the lowest graded;
    every one is in the sources table) not drawn, ..."; "" when it drew everything."""
    noun = counted(n, "more " + what, many and "more " + many)
    return f"{noun} ({where}) not drawn, to keep the chart within two screens." if n else ""


def _seed_source(wb: Workbook, table: str) -> str:
    docs = wb.documents
    if docs.empty:
        return f"curated in data/{table}.csv"
    first, last = docs["published"].min(), docs["published"].max()
    span = f"{first:%-d %b %Y}" if first == last else f"{first:%-d %b %Y} to {last:%-d %b %Y}"
    return f"{counted(len(docs), 'article')} ({span}); curated in data/{table}.csv"


def _date_axis(ax: Axes, first: pd.Timestamp, last: pd.Timestamp, min_pad_days: int = 3) -> None:
    """Dates on x: days while the span is short, then weeks or months, the year shown where it changes.

    A margin of 5% of the span, and at least ``min_pad_days``, so one date alone still gets an axis.
    """
    pad = max(pd.Timedelta(days=min_pad_days), (last - first) * 0.05)
    ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(last + pad))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


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


@dataclass(eq=False)
class TimelinePlan:
    """What :func:`timeline` draws, decided without drawing: the markers, the rows, the words."""

    points: pd.DataFrame  # one marker a row: statement_id, source, stance, said_on_precision, x, y, size
    sources: list[str]  # the rows, top to bottom
    chains: pd.DataFrame | None  # the replies (None when markers are bundled: replies are not drawn)
    labelled: bool  # arrows between replies and ids beside the markers are drawn
    first: pd.Timestamp  # the dates the axis spans
    last: pd.Timestamp
    xlabel: str
    title: str
    alt: str
    note: str  # what the chart leaves out to stay within two screens; "" when it draws every source
    source: str


def timeline_plan(wb: Workbook, statements: pd.DataFrame | None = None) -> TimelinePlan | None:
    """What :func:`timeline` draws for ``wb`` (or the graded ``statements`` only); None when there
    are no statements. Pure: no figure is made."""
    graded = grades.graded_statements(wb) if statements is None else statements
    if graded.empty:
        return None
    bundled = len(graded) > MAX_POINTS
    points, order, left_out = _timeline_rows(_bundle(graded) if bundled else graded.assign(n=1))
    _spread(points, order, bundled)
    chains = _drawn_replies(wb, graded, points, bundled, left_out)
    title = _shift_title(wb, graded) if statements is None else None
    title = title or f"{len(graded):,} statements by {len(order)} sources"
    return TimelinePlan(
        points=points,
        sources=order,
        chains=chains,
        labelled=chains is not None and len(points) <= MAX_LABELS,
        first=graded["said_on"].min(),
        last=graded["said_on"].max(),
        xlabel=_timeline_xlabel(bundled, len(points)),
        title=title,
        alt=_timeline_alt(graded, len(order), title, chains),
        note=_left_out(
            left_out, "source", "those with the fewest statements; every one is in the statements table"
        ),
        source=_seed_source(wb, "statements"),
    )


def _timeline_rows(points: pd.DataFrame) -> tuple[pd.DataFrame, list[str], int]:
    """The markers in date order, the sources they fall in (in order of first statement) and how many
    sources are left out: past ``MAX_ROWS``, the sources with the most statements are kept, each
    where it was."""
    points = points.sort_values(["said_on", "statement_id"])
    order = list(dict.fromkeys(points["source"]))
    if len(order) <= MAX_ROWS:
        return points, order, 0
    most = set(
        points.groupby("source")["n"].sum().sort_values(ascending=False, kind="stable").index[:MAX_ROWS]
    )
    return points[points["source"].isin(most)], [o for o in order if o in most], len(order) - MAX_ROWS


def _spread(points: pd.DataFrame, order: list[str], bundled: bool) -> None:
    """Give each marker its place and size (columns x, y and size), spreading the markers of one
    source and day so that none hides another: 0.28 day apart, squeezed on a crowded day so that
    they span at most 0.85 day. Bundled markers have an area by the statements they stand for."""
    rows = {label: i for i, label in enumerate(reversed(order))}
    day = points.groupby(["source", "said_on"])
    slot, slots = day.cumcount(), day["statement_id"].transform("count")
    step = (0.85 / (slots - 1).clip(lower=1)).clip(upper=0.28)
    points["x"] = points["said_on"] + pd.to_timedelta((slot - (slots - 1) / 2) * step, unit="D")
    points["y"] = points["source"].map(rows)
    points["size"] = 70.0 if not bundled else 40.0 + 360.0 * points["n"] / points["n"].max()


def _drawn_replies(
    wb: Workbook, graded: pd.DataFrame, points: pd.DataFrame, bundled: bool, left_out: int
) -> pd.DataFrame | None:
    """The replies the timeline links and lists: none at bundled sizes (None), and none to or from a
    source not drawn."""
    if bundled:
        return None
    chains = stance.response_chains(wb, graded)
    if left_out:
        drawn = set(points["statement_id"])
        chains = chains[chains["first"].isin(drawn) & chains["reply"].isin(drawn)]
    return chains


def _shift_title(wb: Workbook, graded: pd.DataFrame) -> str | None:
    """The first shift of stance as the timeline's finding ("Austin went from uncertain to affirming
    on … in 2 to 4 days"), or None when no source shifted."""
    moved = stance.shifts(wb)
    if moved.empty:
        return None
    first = moved.iloc[0]
    # The span of the shift itself: that source's statements on that proposition only.
    proposition = wb.propositions.set_index("text").at[first["proposition"], "proposition_id"]
    said = graded[(graded["source"] == first["source"]) & (graded["proposition_id"] == proposition)]
    stances = first["stances"].split(" → ")
    steps = [PARTICIPLE.get(s, s) for s in stances]
    # From the first statement to the first one taking the new stance: the shift, not what followed.
    arrived = said.loc[said["stance"].astype(str) == stances[-1], "said_on"].min()
    start = said.loc[said["said_on"].idxmin()]
    days = (arrived - start["said_on"]).days
    # A start known only as a range gives a span as a range: "in 2 to 4 days".
    most = (arrived - start["said_on_earliest"]).days if pd.notna(start["said_on_earliest"]) else days
    span_words = counted(days, "day") if most == days else f"{days} to {most} days"
    return (
        f"{first['source']} went from {' to '.join(steps)} on “{first['proposition'].rstrip('.')}” "
        f"in {span_words}"
    )


def _timeline_xlabel(bundled: bool, points: int) -> str:
    """The date axis's label, saying what hollow markers, areas and missing ids mean."""
    area = "; area: statements that day" if bundled else ""
    unlabelled = f"; ids not shown past {MAX_LABELS} statements" if points > MAX_LABELS else ""
    return f"Date said (hollow: approximate or 'on or before'{area}{unlabelled})"


def _timeline_alt(graded: pd.DataFrame, sources: int, title: str, chains: pd.DataFrame | None) -> str:
    """The timeline's text alternative: what it shows, over which days, its finding and the replies."""
    # A date known only as a range or "on or before" starts the span at its earliest possible day.
    earliest = graded["said_on_earliest"].fillna(graded["said_on"]).min()
    span = f"{_day(min(earliest, graded['said_on'].min()))} to {graded['said_on'].max():%-d %b %Y}"
    alt = f"Timeline of {len(graded):,} statements by {sources} sources from {span}. {title}. "
    if chains is None:
        return alt + "Replies are not drawn at this size."
    if len(chains) <= MAX_LABELS:
        replies = "; ".join(
            f"{r.first} ({r.first_source}, {r.first_stance}) answered by "
            f"{r.reply} ({r.reply_source}, {r.reply_stance})"
            for r in chains.itertuples()
        )
        return alt + f"Replies: {replies or 'none'}."
    return alt + f"{len(chains):,} statements answer another."


@styled
def timeline(wb: Workbook, statements: pd.DataFrame | None = None) -> Chart:
    """Statements by source over time, shaped by stance, with replies linked by arrows.

    ``statements`` (graded, as from :func:`grades.graded_statements`) limits the chart to a subset.
    Labels and arrows are drawn only while they stay readable; beyond ``MAX_POINTS`` statements,
    those of one source, day and stance are drawn as one marker whose area counts them.
    """
    plan = timeline_plan(wb, statements)
    if plan is None:
        return empty("timeline", "No statements match the filters.")
    return _draw_timeline(plan)


def _draw_timeline(plan: TimelinePlan) -> Chart:
    """Draw a :class:`TimelinePlan`: markers, reply arrows, axes, legend, title, then the ids."""
    order = plan.sources
    fig = new_figure(9.5, 0.42 * len(order) + 2.2)
    ax = fig.add_subplot()
    _draw_stances(ax, plan.points)
    if plan.labelled and plan.chains is not None:
        _link(ax, plan.points, plan.chains)
    ax.set_yticks(range(len(order)), list(reversed(order)))
    ax.set_ylim(-0.7, len(order) - 0.3)
    _date_axis(ax, plan.first, plan.last, min_pad_days=1)
    ax.set_xlabel(plan.xlabel)
    ax.grid(axis="y", color="#EEEEEE")
    present = set(plan.points["stance"].astype(str))
    handles = [
        Line2D([], [], marker=STANCE_MARKERS[s], color=c, linestyle="", markersize=8, label=s)
        for s, c in STANCE_COLORS.items()
        if s in present
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, ncols=len(handles), bbox_to_anchor=(0, 1.0))
    chart = _finish(fig, plan.title, plan.source, plan.alt, "timeline", plan.note)
    if plan.labelled:  # ids last, once the title and legend have settled where every point stands
        _label_statements(ax, chart, plan.points)
    return chart


def _draw_stances(ax: Axes, points: pd.DataFrame) -> None:
    """One scatter per stance and date precision: filled when the date is exact, hollow when not."""
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


def _label_statements(ax: Axes, chart: Chart, points: pd.DataFrame) -> None:
    """Put each statement's id beside its marker where it fits; say under the chart, and in its
    alternative, how many did not."""
    spots = [(float(mdates.date2num(r.x)), float(r.y), str(r.statement_id)) for r in points.itertuples()]
    dropped = _place_labels(ax, spots)
    if dropped:
        note = f"{counted(dropped, 'statement id')} not drawn where labels would overlap."
        ax.text(1.0, -0.06, note, transform=ax.transAxes, ha="right", va="top", fontsize=7, color="#555555")
        chart.alt += f" {note}"


def _bundle(graded: pd.DataFrame) -> pd.DataFrame:
    """One row per source, day, stance and date precision, with how many statements it stands for."""
    keys = ["source", "said_on", "stance", "said_on_precision"]
    return (
        graded.groupby(keys, observed=True)
        .agg(statement_id=("statement_id", "first"), n=("statement_id", "size"))
        .reset_index()
    )


def _link(ax: Axes, points: pd.DataFrame, chains: pd.DataFrame) -> None:
    """Draw an arrow from each answered statement to its reply."""
    position = points.set_index("statement_id")[["x", "y"]]
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


def _count(x: float, _pos: object = None) -> str:
    return f"{x:,.0f}"


# One marker shape per measure, in the vocabulary's order.
MEASURE_MARKERS = dict(zip(map(str, MEASURES.values), "osD^XP*hv>", strict=False))
# One colour per claimant, Okabe and Ito's; past eight claimants the rest share grey.
CLAIMANT_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")


def _claimant_colors(sources: pd.Series) -> dict[str, str]:
    order = sources.value_counts().index.tolist()
    return {s: CLAIMANT_COLORS[i] if i < len(CLAIMANT_COLORS) else MUTED for i, s in enumerate(order)}


def _troop_title(
    table: pd.DataFrame, counts: pd.DataFrame, pairs: pd.DataFrame, places: troop_counts.Gazetteer
) -> str:
    """The troop chart's finding; ``counts`` is :func:`troop_counts.counts` of ``table``, worked out once."""
    revised = troop_counts.revisions(table, places)
    headline = troop_counts.headline_pair(pairs, frozenset(revised["from_claim"]))
    if headline is not None and not headline["both_true"] and not headline["unconfirmed"]:
        by_id = counts.set_index("claim_id")
        big, small = by_id.loc[headline["larger"]], by_id.loc[headline["smaller"]]
        return (
            f"{big['source']}'s {claim_words.number_words(big)} "
            f"{claim_words.scope_words(big['measure'], places.name(big['place']))} and {small['source']}'s "
            f"{claim_words.number_words(small)} "
            f"{claim_words.scope_words(small['measure'], places.name(small['place']))} cannot both be true"
        )
    if len(counts) == 1:
        row = counts.iloc[0]
        return f"One count: {row['count']:,} {measure_words(row['measure'])}, as of {row['as_of']:%-d %b %Y}"
    head = f"{counted(len(counts), 'count')} of {counted(counts['measure'].nunique(), 'measure')}"
    tail = f", {counted(len(revised), 'revision')} by the claimants themselves" if len(revised) else ""
    if headline is not None:
        return f"{head}{tail}: no two claimants' counts rule each other out, though some need change"
    return f"{head}{tail}: no two claimants' counts rule each other out"


def _hedged(claim: Any) -> bool:
    return bool(claim.modality == "possible" or isinstance(claim.hedge, str))


LABEL_OFFSETS = [
    (6, 2),
    (6, -10),
    (6, 12),
    (-6, 2),
    (-6, -10),
    (6, 22),
    (6, -20),
    (-6, 12),
    (6, 32),
    (6, -30),
]


def _place_labels(ax: Axes, spots: list[tuple[float, float, str]], fontsize: float = 7) -> int:
    """Label each point with its id where the label overlaps no other label or marker; return how
    many could not be placed (they are left out, and the caller says so).

    Positions are tried in order around the point, in display space, after the figure's layout.
    """
    fig = ax.figure
    fig.canvas.draw()  # the constrained layout fixes where the axes, and so every point, stand
    scale = fig.dpi / 72
    anchors = [ax.transData.transform((x, y)) for x, y, _ in spots]
    taken = [(px - 4 * scale, py - 4 * scale, px + 4 * scale, py + 4 * scale) for px, py in anchors]
    dropped = 0
    for (x, y, text), (px, py) in zip(spots, anchors, strict=True):
        width, height = 0.62 * fontsize * len(text) * scale, fontsize * scale
        for dx, dy in LABEL_OFFSETS:
            left = px + dx * scale if dx > 0 else px + dx * scale - width
            box = (left, py + dy * scale, left + width, py + dy * scale + height)
            if not any(_overlap(box, other) for other in taken):
                ax.annotate(
                    text, (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize,
                    ha="left" if dx > 0 else "right",
                )  # fmt: skip
                taken.append(box)
                break
        else:
            dropped += 1
    return dropped


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _arrow(ax: Axes, x: float, start: float, end: float, color: str) -> None:
    ax.annotate("", (x, end), (x, start), arrowprops={"arrowstyle": "->", "color": color})


def _draw_counts(
    ax: Axes, counts: pd.DataFrame, lows: list[float], colors: dict[str, str], bottom: float
) -> list[tuple[float, float, str]]:
    """Each count as a marker (hollow when hedged), with a bar for its range or an arrow for an open
    bound; one claim at a time while they are few, in batches once there are many."""
    spots: list[tuple[float, float, str]] = []
    many = len(counts) > MAX_LABELS
    bars: list[tuple[list[tuple[float, float]], str]] = []
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    for row, low in zip(counts.itertuples(), lows, strict=True):
        color = colors[row.source]
        high = troop_counts.interval(row)[1]
        if row.bound == "at least":
            ends = (row.count, row.count * 2.2)
        elif (
            row.bound == "up to" or low <= 0
        ):  # a range open at nought reads as "up to", not a bar to the axis
            ends = (row.count, max(row.count / 2.2, bottom))
        else:
            ends = None
        if ends is not None and not many:
            _arrow(ax, row.x, ends[0], ends[1], color)
        elif ends is not None:
            bars.append(([(row.x, ends[0]), (row.x, ends[1])], color))
        elif high > low and not many:
            ax.plot(
                [row.x, row.x],
                [max(low, bottom), high],
                color=color,
                lw=2.5,
                alpha=0.45,
                solid_capstyle="round",
            )
        elif high > low:
            bars.append(([(row.x, max(low, bottom)), (row.x, high)], color))
        face = "white" if _hedged(row) else color
        marker = MEASURE_MARKERS.get(row.measure, "o")
        if many:
            points.setdefault((marker, face, color), []).append((row.x, float(row.count)))
        else:
            ax.scatter(
                row.x,
                row.count,
                s=70,
                marker=marker,
                zorder=3,
                linewidths=1.6,
                facecolors=face,
                edgecolors=color,
            )
        spots.append((row.x, float(row.count), str(row.claim_id)))
    if bars:  # many claims: every bar and open bound in one collection
        ax.add_collection(
            LineCollection([b for b, _ in bars], colors=[c for _, c in bars], linewidths=1.5, alpha=0.45)
        )
    for (marker, face, color), xy in points.items():
        x, y = zip(*xy, strict=True)
        ax.scatter(x, y, s=40, marker=marker, zorder=3, linewidths=1.2, facecolors=face, edgecolors=color)
    return spots


def _key(marker: str, color: str, label: str) -> Line2D:
    return Line2D([], [], marker=marker, color=color, linestyle="", markersize=7, label=label)


@dataclass(frozen=True)
class Revision:
    """A thin line joining one claimant's successive counts of one thing (one part of the force, or
    the whole), in date order."""

    claim_ids: tuple[str, ...]
    x: tuple[float, ...]
    counts: tuple[float, ...]
    color: str


@dataclass(eq=False)
class TroopPlan:
    """What :func:`troop_numbers` draws, decided without drawing: the points, lines, limits and words."""

    counts: pd.DataFrame  # the counts, each with its x (as-of date, claims of one day side by side)
    lows: list[float]  # the lower end of each count's interval, in the order of ``counts``
    ahead: pd.DataFrame  # forecasts and plans: drawn apart, in grey
    revisions: list[Revision]
    colors: dict[str, str]  # by claimant
    bottom: float  # the limits of the log scale
    top: float
    first: pd.Timestamp  # the dates the axis spans
    last: pd.Timestamp
    measures: list[str]  # what is counted, in the legend's order
    title: str
    listing: str  # the claims in words, for the text alternative
    source: str


def troop_plan(wb: Workbook, table: pd.DataFrame | None = None) -> TroopPlan | None:
    """What :func:`troop_numbers` draws for ``wb`` (or the claims ``table`` only); None when there
    are no claims. Pure: no figure is made."""
    table = troop_counts.claims_table(wb) if table is None else table.reset_index(drop=True)
    if table.empty:
        return None
    places = troop_counts.Gazetteer.of(wb)
    pairs = troop_counts.compare_claims(table, places)
    counts = troop_counts.counts(table).reset_index(drop=True)
    colors = _claimant_colors(table["source"])
    lows = [troop_counts.interval(r)[0] for r in counts.itertuples()]
    # Claims of one day stand side by side, a fifth of a day apart.
    counts["x"] = mdates.date2num(counts["as_of"]) + 0.2 * counts.groupby("as_of").cumcount().to_numpy()
    return TroopPlan(
        counts=counts,
        lows=lows,
        ahead=table[table["modality"].isin(troop_counts.AHEAD).to_numpy(dtype=bool)].reset_index(drop=True),
        revisions=_revision_lines(counts, colors),
        colors=colors,
        bottom=max(min([x for x in lows if x > 0] + [float(table["count"].min())]) / 3, 0.5),
        top=float(table["count"].max()) * 3,
        first=table["as_of"].min(),
        last=table["as_of"].max(),
        measures=list(dict.fromkeys(counts["measure"])),
        title=_troop_title(table, counts, pairs, places),
        listing=_troop_listing(table, places),
        source=_seed_source(wb, "troop_claims"),
    )


def _revision_lines(counts: pd.DataFrame, colors: dict[str, str]) -> list[Revision]:
    """A line for each series of one channel's counts of one measure, place and part of the force
    on more than one date, in the colour of its last claimant. A count of one part of the force is
    never joined with a count of the whole."""
    part = counts["part"].fillna("").astype(str) if "part" in counts else ""
    keyed = counts.assign(_part=part)
    lines = []
    for _, series in keyed.groupby(["channel", "measure", "place", "_part"], observed=True, sort=False):
        if series["as_of"].nunique() > 1:
            series = series.sort_values("x")
            lines.append(
                Revision(
                    tuple(str(c) for c in series["claim_id"]),
                    tuple(float(x) for x in series["x"]),
                    tuple(float(n) for n in series["count"]),
                    colors[series["source"].iloc[-1]],
                )
            )
    return lines


def _troop_listing(table: pd.DataFrame, places: troop_counts.Gazetteer) -> str:
    """The first ``MAX_LISTED`` claims in words (forecasts and plans said to be for a later date),
    and how many more the claims table holds."""
    listing = "; ".join(
        f"{r.claim_id} {r.source}: {claim_words.number_words(pd.Series(r._asdict()))}"
        f"{claim_words.part_words(r._asdict())} "
        f"{claim_words.scope_words(r.measure, places.name(r.place))}, "
        f"as of {r.as_of:%-d %b %Y}{', hedged' if _hedged(r) else ''}"
        + (
            f", {'an' if r.modality[0] in 'aeiou' else 'a'} {r.modality} number for a later date"
            if r.modality in troop_counts.AHEAD
            else ""
        )
        for r in table.head(MAX_LISTED).itertuples()
    )
    if len(table) > MAX_LISTED:
        listing += f"; and {counted(len(table) - MAX_LISTED, 'more claim')} in the claims table"
    return listing


@styled
def troop_numbers(wb: Workbook, table: pd.DataFrame | None = None) -> Chart:
    """Estimates over time: each count at its as-of date on a log scale, with the numbers its bound admits.

    Colour is the claimant, marker shape the measure (what is counted); hollow markers are hedged
    or stated as possible; a bar spans a range or "about", an arrow points on from "at least" or
    down from "up to"; a thin line joins a claimant's own successive counts of one thing (its
    revisions). Forecasts and plans are drawn apart, as grey crosses, and never joined or compared.
    ``table`` (from :func:`troop_counts.claims_table`) limits the chart to some claims.
    """
    plan = troop_plan(wb, table)
    if plan is None:
        return empty("troop_numbers", "No troop-number claims match the filters.")
    return _draw_troops(plan)


def _draw_troops(plan: TroopPlan) -> Chart:
    """Draw a :class:`TroopPlan`: revisions, counts, forecasts, axes, legend, title, then the ids
    (how many ids could not be placed is known only once drawn, and goes into the alternative)."""
    fig = new_figure(9.5, 5.0)
    ax = fig.add_subplot()
    ax.set_yscale("log")
    for line in plan.revisions:
        ax.plot(line.x, line.counts, color=line.color, lw=0.9, alpha=0.6)
    spots = _draw_counts(ax, plan.counts, plan.lows, plan.colors, plan.bottom)
    for row in plan.ahead.itertuples():  # forecasts and plans: apart, in grey
        x = float(mdates.date2num(row.as_of))
        ax.scatter(x, row.count, s=60, marker="x", color=MUTED, zorder=2, linewidths=1.6)
        spots.append((x, float(row.count), str(row.claim_id)))
    ax.set_ylim(plan.bottom, plan.top)
    ax.yaxis.set_major_locator(LogLocator(base=10))
    ax.yaxis.set_major_formatter(FuncFormatter(_count))
    _date_axis(ax, plan.first, plan.last)
    ax.set_xlabel("As of")
    ax.set_ylabel("Troops claimed (log scale)")
    ax.grid(axis="y", color="#EEEEEE")
    _troop_legend(ax, plan)
    chart = _finish(fig, plan.title, plan.source, "", "troop_numbers")
    # Labels last, once the title and legend have settled where every point stands.
    dropped = _place_labels(ax, spots) if len(spots) <= MAX_LABELS else len(spots)
    shown = "" if not dropped else f" {counted(dropped, 'claim id')} not drawn where labels would overlap."
    if dropped:
        ax.text(
            1.0,
            -0.16,
            shown.strip(),
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=7,
            color="#555555",
        )
    chart.alt = f"Troop-number estimates over time, on a log scale. {plan.title}.{shown} {plan.listing}."
    return chart


def _troop_legend(ax: Axes, plan: TroopPlan) -> None:
    """One legend beside the chart, so that the layout makes room for all of it: what is counted,
    what the marks mean, then who claims."""
    shapes = [_key(MEASURE_MARKERS.get(m, "o"), "#333333", m) for m in plan.measures]
    if len(plan.ahead):
        shapes.append(_key("x", MUTED, "forecast or plan (not a count)"))
    marks = [
        Line2D(
            [],
            [],
            marker="o",
            color="#333333",
            markerfacecolor="white",
            linestyle="",
            label="hedged or possible",
        ),
        Line2D([], [], color="#333333", lw=2.5, alpha=0.45, label="range or 'about'"),
        Line2D([], [], color="#333333", lw=0.9, alpha=0.6, label="one claimant's revisions"),
    ]
    people = [_key("o", c, s) for s, c in list(plan.colors.items())[: len(CLAIMANT_COLORS)]]
    if len(plan.colors) > len(CLAIMANT_COLORS):
        people.append(_key("o", MUTED, "other claimants"))
    heading = [Line2D([], [], linestyle="", label=f"{name}:") for name in ("Counted", "Marks", "Claimant")]
    ax.legend(
        handles=[heading[0], *shapes, heading[1], *marks, heading[2], *people],
        fontsize=7.5,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        handletextpad=0.3,
    )


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
                names = ids.get((rel, cred), "").split()
                # Up to six ids fit a cell; past that the cell counts them, and the table lists them.
                wrapped = "\n".join(" ".join(names[k : k + 3]) for k in range(0, len(names), 3))
                label = f"{n}\n{wrapped}" if len(names) <= MAX_IDS_PER_CELL else f"{n}"
                ax.text(j, i, label, ha="center", va="center", fontsize=7.5, color="#000000")
    ax.set_xticks(range(6), [f"{c}\n{CREDIBILITY[c]}" for c in grid.columns], fontsize=7.5)
    ax.set_yticks(range(6), [f"{r} {RELIABILITY[r]}" for r in grid.index], fontsize=8)
    ax.set_xlabel("Information credibility")
    ax.set_ylabel("Reliability that counts\n(weakest of speaker, relay, outlet)")
    ax.spines[:].set_visible(False)
    n = int(grid.to_numpy().sum())
    probable = int(grid[[1, 2]].to_numpy().sum())
    unjudged = int(grid[6].sum())
    title = (
        f"{probable} of {n} graded statements are probably true or better; {unjudged} graded 6 "
        "(cannot be judged)"
    )
    cells = "; ".join(f"{r}{c}: {ids[(r, c)]}" for (r, c) in ids.index)
    alt = (
        f"Admiralty grid of {n} statements by the reliability that counts (the weakest link of speaker, "
        f"relay and publishing outlet, which can be below the speaker's own grade) and information "
        f"credibility. {title}. "
    )
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
    left_out = max(0, len(summary) - MAX_ROWS)
    if left_out:  # the best graded first: the rest are in the sources table
        summary = summary.sort_values(["x", "label"], kind="stable").head(MAX_ROWS)
        summary = summary.sort_values(["alignment", "x", "label"]).reset_index(drop=True)
    camp_colors = alignment_colors(summary["alignment"])
    fig = new_figure(9.0, 0.38 * len(summary) + 2.2)
    ax = fig.add_subplot()
    ys = np.arange(len(summary))[::-1]
    for y, row in zip(ys, summary.itertuples(), strict=True):
        color = camp_colors[row.alignment]
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
    note = _left_out(left_out, "source", "the lowest graded; every one is in the sources table")
    return _finish(fig, title, _seed_source(wb, "sources"), alt, "sources_by_alignment", note)


@styled
def corroboration_chart(wb: Workbook) -> Chart:
    """Per proposition: affirming sources, the independent channels they speak on, those without a
    stake, and the channels that deny."""
    table = corroboration.corroboration(wb)
    table = table[(table["affirming_sources"] + table["denying_sources"]) > 0].copy()
    if table.empty:
        return empty("corroboration", "No proposition is affirmed or denied.")
    # The propositions with the most evidence, at most two screens of bars; the table holds them all.
    rest = max(0, len(table) - MAX_BARS)
    table = table.sort_values(["statements", "affirming_channels"], ascending=False, kind="stable").head(
        MAX_BARS
    )
    table = table.sort_values(["affirming_channels", "statements"], ascending=True)
    measures = [
        ("affirming_sources", "sources affirming", MUTED),
        ("affirming_channels", "independent channels affirming", HIGHLIGHT),
        ("affirming_disinterested", "of which with no stake", "#009E73"),
        ("denying_channels", "channels denying", STANCE_COLORS["denies"]),
    ]
    fig = new_figure(9.5, 0.75 * len(table) + 2.2)
    ax = fig.add_subplot()
    ys = np.arange(len(table))
    height = 0.8 / len(measures)
    for k, (column, label, color) in enumerate(measures):
        ax.barh(ys + (1.5 - k) * height, table[column], height=height, color=color, label=label)
    ax.set_yticks(ys, [wrap(t, 48) for t in table["proposition"]], fontsize=8)
    ax.set_xlabel("Number of sources or channels (sources on one channel are not independent)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8, loc="lower right")
    core = table.sort_values(["statements", "affirming_channels"]).iloc[-1]
    title = (
        f"“{core['proposition'].rstrip('.')}”: {counted(core['affirming_sources'], 'source')} affirm, "
        f"on {counted(core['affirming_channels'], 'independent channel')}"
    )
    listing = "; ".join(
        f"{r.proposition} affirmed by {r.affirming_sources} sources on {r.affirming_channels} channels "
        f"({r.affirming_disinterested} without a stake), denied on {r.denying_channels} channels"
        for r in table.iloc[::-1].itertuples()
    )
    more = f"; and {counted(rest, 'more proposition')}, in the corroboration table" if rest else ""
    alt = f"Corroboration per proposition. {title}. {listing}{more}."
    return _finish(fig, title, _seed_source(wb, "statements") + " and sources.csv", alt, "corroboration")


@styled
def ach_scores(wb: Workbook, statements: pd.DataFrame | None = None, weights: Weights | None = None) -> Chart:
    """Weighted inconsistency per hypothesis, with and without the interested parties' statements."""
    weights = weights or Weights()
    base = ach.inconsistency_scores(wb, statements, weights)
    if base.empty:
        return empty("ach_scores", "No hypotheses to weigh.")
    alone = dataclasses.replace(weights, exclude_interested=True)
    without = ach.inconsistency_scores(wb, statements, alone).set_index("hypothesis_id")
    every = len(base)
    base = base.sort_values(["rank", "hypothesis_id"], kind="stable").head(MAX_ROWS // 2)  # rows of two bars
    fig = new_figure(9.0, 0.7 * len(base) + 2.0)
    ax = fig.add_subplot()
    ys = np.arange(len(base))[::-1]
    leading = (base["rank"] == 1).to_numpy()
    ax.barh(
        ys + 0.18,
        base["weighted_inconsistency"],
        height=0.34,
        color=[HIGHLIGHT if lead else MUTED for lead in leading],
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
        ax.annotate(f"{value:.2f}", (value, y + 0.18), xytext=(4, -3), textcoords="offset points", fontsize=8)
    for y, hid in zip(ys, base["hypothesis_id"], strict=True):
        ax.annotate(
            f"{without.loc[hid, 'weighted_inconsistency']:.2f}",
            (without.loc[hid, "weighted_inconsistency"], y - 0.18),
            xytext=(4, -3),
            textcoords="offset points",
            fontsize=8,
        )
    ax.set_yticks(ys, [wrap(f"{r.hypothesis_id} {r.label}", 28) for r in base.itertuples()])
    ax.set_xlabel(
        "Weighted inconsistency (I = 1, II = 2, times item weight and relevance); lower is more likely"
    )
    key = [
        Patch(facecolor=HIGHLIGHT, label="all statements: least inconsistent"),
        Patch(facecolor=MUTED, label="all statements: the others"),
        Patch(facecolor="white", edgecolor="#333333", hatch="//", label="without interested parties"),
    ]
    ax.legend(handles=key, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False)
    tie = ach_tie(without.reset_index(), base)
    title = ach_leader(base) + (f";\n{tie}" if tie else "")
    listing = "; ".join(
        f"{r.hypothesis_id} {r.label}: {r.weighted_inconsistency:.2f} "
        f"({without.loc[r.hypothesis_id, 'weighted_inconsistency']:.2f} without interested parties)"
        for r in base.itertuples()
    )
    alt = f"ACH weighted inconsistency per hypothesis. {title.replace(chr(10), ' ')}. {listing}."
    where = "the most inconsistent; every one is in the ACH table"
    note = _left_out(every - len(base), "hypothesis", where, "hypotheses")
    return _finish(
        fig, title, _seed_source(wb, "ach_ratings") + " and statements.csv", alt, "ach_scores", note
    )


@styled
def documents_over_time(wb: Workbook) -> Chart:
    """Each document on its publication date, one row per outlet, sized by the statements taken from it."""
    docs = wb.documents
    if docs.empty:
        return empty("documents", "No documents.")
    taken = wb.statements["document_id"].value_counts()
    outlets = docs["outlet"].fillna("(outlet not named)")
    first_published = docs.groupby(outlets)["published"].min()
    order = sorted(first_published.index, key=lambda o: (first_published[o], o))  # ties by name: stable
    left_out = max(0, len(order) - MAX_ROWS)
    if left_out:  # the outlets with the most documents, each kept where it was
        most = set(outlets.value_counts(sort=True).index[:MAX_ROWS])
        order = [o for o in order if o in most]
        kept = outlets.isin(most).to_numpy()
        docs, outlets = docs[kept], outlets[kept]
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
    first, last = docs["published"].min(), docs["published"].max()
    _date_axis(ax, first, last)
    ax.set_xlabel("Date published (area: statements taken from the document)")
    ax.grid(axis="y", color="#EEEEEE")
    title = f"{counted(len(docs), 'document')} {outlet_count(docs['outlet'])}, {date_span(first, last)}"
    listing = "; ".join(
        f"{d} ({o}, {p:%-d %b %Y}, {counted(n, 'statement')})"
        for d, o, p, n in zip(docs["document_id"], outlets, docs["published"], counts, strict=True)
    )
    alt = f"Documents by outlet and publication date. {title}. {listing}."
    note = _left_out(
        left_out, "outlet", "those with the fewest documents; every one is in the documents table"
    )
    return _finish(fig, title, _seed_source(wb, "documents"), alt, "documents", note)
