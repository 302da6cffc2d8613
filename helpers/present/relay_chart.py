"""The reporting-chain chart: speakers on the left, relays in the middle, outlets on the right."""

from __future__ import annotations

from ..analysis.relays import reporting_chains
from ..workbook import Workbook
from .charts import Chart, _finish, _seed_source, empty
from .sentences import counted
from .style import HIGHLIGHT, MUTED, new_figure, styled

MAX_SPEAKERS = 40  # past this many, the chart draws the chains of the most quoted speakers


def _positions(names: list[str]) -> dict[str, float]:
    """Names spread evenly from top to bottom, on a 0-1 scale."""
    if len(names) == 1:
        return {names[0]: 0.5}
    return {name: 1 - k / (len(names) - 1) for k, name in enumerate(names)}


@styled
def reporting_chains_chart(wb: Workbook) -> Chart:
    """How each statement reached the page: speaker, then relay (if any), then outlet."""
    chains = reporting_chains(wb)
    if chains.empty:
        return empty("reporting_chains", "No statement to trace.")
    by_speaker = chains.groupby("speaker")["statements"].sum().sort_values(ascending=False, kind="stable")
    shown = chains
    note = ""
    if len(by_speaker) > MAX_SPEAKERS:
        keep = set(by_speaker.index[:MAX_SPEAKERS])
        shown = chains[chains["speaker"].isin(keep)]
        note = f" (the {MAX_SPEAKERS} most quoted of {counted(len(by_speaker), 'speaker')})"
    speakers = sorted(shown["speaker"].unique())
    relays = sorted(r for r in shown["relay"].unique() if r)
    outlets = sorted(shown["outlet"].unique())
    rows = max(len(speakers), len(outlets), len(relays), 2)
    fig = new_figure(10.0, 0.28 * rows + 1.8)
    ax = fig.add_subplot()
    ax.set_axis_off()
    left, middle, right = _positions(speakers), _positions(relays) if relays else {}, _positions(outlets)
    widest = float(shown["statements"].max())
    for chain in shown.itertuples():
        width = 0.8 + 2.4 * chain.statements / widest
        y0, y2 = left[chain.speaker], right[chain.outlet]
        if chain.relay:
            y1 = middle[chain.relay]
            ax.plot([0, 1], [y0, y1], color=HIGHLIGHT, lw=width, alpha=0.6, solid_capstyle="round")
            ax.plot([1, 2], [y1, y2], color=HIGHLIGHT, lw=width, alpha=0.6, solid_capstyle="round")
        else:
            ax.plot([0, 2], [y0, y2], color=MUTED, lw=width, alpha=0.6, solid_capstyle="round")
    for names, x, align in ((left, 0, "right"), (middle, 1, "center"), (right, 2, "left")):
        for name, y in names.items():
            offset = {"right": -0.03, "center": 0.0, "left": 0.03}[align]
            box = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"} if align == "center" else None
            ax.text(x + offset, y, name, ha=align, va="center", fontsize=8, bbox=box)
    for x, label in ((0, "Speaker"), (1, "Relayed by"), (2, "Published by")):
        ax.text(x, 1.06, label, ha="center", va="bottom", fontsize=9, fontweight="bold")
    ax.set_xlim(-0.9, 2.9)
    ax.set_ylim(-0.05, 1.1)
    relayed = int(shown.loc[shown["relay"] != "", "statements"].sum())
    title = (
        f"{counted(int(shown['statements'].sum()), 'statement')} reach the page through "
        f"{counted(len(outlets), 'publisher')}; {relayed} of them through a relay{note}"
    )
    listing = "; ".join(
        f"{c.speaker}" + (f" via {c.relay}" if c.relay else "") + f" in {c.outlet}: {c.statement_ids}"
        for c in shown.itertuples()
    )
    alt = f"Reporting chains. {title}. {listing}."
    return _finish(fig, title, _seed_source(wb, "statements") + " and documents.csv", alt, "reporting_chains")
