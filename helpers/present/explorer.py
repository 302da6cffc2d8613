"""The interactive explorer: widgets to filter the statements, re-weight the grades, watch conclusions move.

The logic is the pure what-if model of :mod:`helpers.analysis.whatif`; :class:`Explorer` only
wires it to ipywidgets. Outside a live kernel (an HTML briefing) the explorer displays a static
snapshot of its current views instead of empty widget placeholders.
"""

from __future__ import annotations

import asyncio
import base64
import html
from collections import OrderedDict
from typing import Any, TypeVar

import ipywidgets as w
import pandas as pd

from ..analysis import troop_counts
from ..analysis.admiralty import CREDIBILITY, CREDIBILITY_WEIGHTS, RELIABILITY, RELIABILITY_WEIGHTS
from ..analysis.evidence import HEDGE_FACTOR
from ..analysis.views import graded_statements
from ..analysis.whatif import Filters, Results, Weights, apply_filters, recompute
from ..workbook import Workbook
from . import charts, styled_tables
from .sentences import troop_range

__all__ = ["TABLE_ROWS", "Explorer"]

TABLE_ROWS = 100  # rows of the statements table shown at once; the count says how many match
REMEMBERED = 32  # settings (and pictures) the explorer keeps, so going back to one is instant
DRAW_AFTER = 0.15  # seconds of quiet before the charts are drawn, so a dragged slider draws once
# The live results' tables: which columns, in which order, under which headings.
SUPPORT_COLUMNS = {
    "proposition": "Proposition",
    "affirming": "Weight affirming (A)",
    "denying": "Weight denying (D)",
    "balance": "Evidence balance",
    "confidence": "Confidence",
}
RANKING_COLUMNS = {
    "rank": "Rank",
    "hypothesis_id": "Id",
    "label": "Hypothesis",
    "weighted_inconsistency": "Weighted inconsistency",
}


def _weight_slider(grade: str | int, weight: float) -> w.FloatSlider:
    """A slider from 0 to 1 for how much statements of one grade count."""
    return w.FloatSlider(
        value=weight,
        min=0,
        max=1,
        step=0.05,
        description=str(grade),
        style={"description_width": "2em"},
        layout=w.Layout(width="16em"),
    )


def _pick(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    return frame[list(columns)].rename(columns=columns)


def _picture(chart: charts.Chart) -> tuple[bytes, str]:
    """The chart as PNG bytes (fast to encode: the widgets redraw often) and its alt text."""
    return chart.png(compress_level=1), chart.alt


K = TypeVar("K")
V = TypeVar("V")


def _remembered(memory: OrderedDict[K, V], key: K) -> V | None:
    """What ``memory`` holds under ``key`` (now the most recent), or None."""
    if key not in memory:
        return None
    memory.move_to_end(key)
    return memory[key]


def _remember(memory: OrderedDict[K, V], key: K, value: V) -> V:
    """Keep ``value`` under ``key``, forgetting the oldest beyond :data:`REMEMBERED`; returns it."""
    memory[key] = value
    while len(memory) > REMEMBERED:
        memory.popitem(last=False)
    return value


def _running_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop when a widget change arrives through it; None in a plain script."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="max-width:100%">'


class Explorer:
    """Widgets over the workbook: filters, weights, and views that update together."""

    def __init__(self, wb: Workbook):
        self.wb = wb
        # In date order, so that any filtered subset is too and its first rows are the earliest.
        self.graded = graded_statements(wb).sort_values(["said_on", "statement_id"], ignore_index=True)
        self.claims_table = troop_counts.claims_table(wb)
        self._shown: pd.DataFrame | None = None  # the filtered statements, kept while only weights move
        self._updating = False
        self._build_filters()
        self._build_weights()
        self.count = w.HTML()
        self.table = w.HTML()
        self.timeline = w.Image(format="png")
        self.troops = w.Image(format="png")
        self.results_html = w.HTML()
        self._pictures: list[tuple[bytes, str]] = []  # (PNG, alt text) of the charts last drawn
        self._pending: asyncio.TimerHandle | None = None  # charts waiting for the kernel to be free
        # What each setting gave, newest last: the results, and each chart for the statements kept.
        self._results: OrderedDict[str, tuple[pd.DataFrame, Results]] = OrderedDict()
        self._timelines: OrderedDict[tuple[str, ...], tuple[bytes, str]] = OrderedDict()
        self._troop_pictures: OrderedDict[tuple[str, ...], tuple[bytes, str]] = OrderedDict()
        self.reset_button = w.Button(
            description="Reset to curated grades", icon="undo", layout=w.Layout(width="max-content")
        )
        self.reset_button.on_click(lambda _: self.reset())
        for control in self._controls():
            control.observe(self._changed, names="value")
        self.ui = self._layout()
        self.results = self.update()

    # -- building -------------------------------------------------------------------------
    def _build_filters(self) -> None:
        g, wb = self.graded, self.wb
        sources = wb.sources.sort_values("label")
        props = wb.propositions
        dates = sorted(g["said_on"].dt.normalize().unique())
        self.dates = [pd.Timestamp(d) for d in dates]
        layout = w.Layout(width="auto", height="7.5em")
        self.source = w.SelectMultiple(
            options=list(zip(sources["label"], sources["source_id"], strict=True)),
            description="Source",
            layout=layout,
        )
        self.alignment = w.SelectMultiple(
            options=sorted(wb.sources["alignment"].astype(str).unique()),
            description="Alignment",
            layout=layout,
        )
        self.stance = w.SelectMultiple(
            options=list(g["stance"].cat.categories), description="Stance", layout=layout
        )
        self.proposition = w.SelectMultiple(
            options=[(t[:90], p) for t, p in zip(props["text"], props["proposition_id"], strict=True)],
            description="Proposition",
            layout=w.Layout(width="48em", height="7.5em"),
        )
        one_year = len({d.year for d in self.dates}) == 1
        options: list[tuple[str, pd.Timestamp | None]] = [
            (f"{d:%-d %b}" if one_year else f"{d:%-d %b %Y}", d) for d in self.dates
        ] or [("no statements", None)]  # a slider needs one option, even with nothing to filter
        self.period = w.SelectionRangeSlider(
            options=options,
            index=(0, len(options) - 1),
            description=f"Said in {self.dates[0].year}" if one_year else "Said on",
            style={"description_width": "initial"},
            layout=w.Layout(width="32em"),
        )
        self.min_reliability = w.Dropdown(
            options=[(f"{k} {v}", k) for k, v in RELIABILITY.items()],
            value="F",
            description="Source ≥",
        )
        self.min_credibility = w.Dropdown(
            options=[(f"{k} {v}", k) for k, v in CREDIBILITY.items()], value=6, description="Info ≥"
        )
        # What was known on a day: later statements, and the earlier ones they revised, as then.
        self.as_of = w.Dropdown(
            options=[("today (every statement)", None)]
            + [(f"{d:%-d %b %Y}", d + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)) for d in self.dates],
            value=None,
            description="As of",
        )

    def _build_weights(self) -> None:
        self.reliability_weights = {k: _weight_slider(k, v) for k, v in RELIABILITY_WEIGHTS.items()}
        self.credibility_weights = {k: _weight_slider(k, v) for k, v in CREDIBILITY_WEIGHTS.items()}
        self.hedge = _weight_slider("hedged", HEDGE_FACTOR)
        self.hedge.style = {"description_width": "4em"}
        self.interested = w.Checkbox(
            value=False,
            description="Leave out interested parties (belligerents, the accused)",
            indent=False,
            layout=w.Layout(width="auto"),
        )

    @property
    def _weight_sliders(self) -> list[w.FloatSlider]:
        return [*self.reliability_weights.values(), *self.credibility_weights.values(), self.hedge]

    def _controls(self) -> list[w.ValueWidget]:
        return [
            self.source, self.alignment, self.stance, self.proposition, self.period,
            self.min_reliability, self.min_credibility, self.as_of, self.interested, *self._weight_sliders,
        ]  # fmt: skip

    def _layout(self) -> w.Widget:
        filters = w.VBox([
            w.HBox([self.source, self.alignment, self.stance]),
            w.HBox([self.proposition]),
            w.HBox([self.period, self.min_reliability, self.min_credibility]),
            w.HBox([self.as_of]),
        ])  # fmt: skip
        weights = w.VBox([
            w.HTML(
                "<b>Weight of each grade</b> (reliability A-F, credibility 1-6), and of a hedged "
                "claim (times its grades)"
            ),
            w.HBox([
                w.VBox(list(self.reliability_weights.values())),
                w.VBox(list(self.credibility_weights.values())),
                w.VBox([self.hedge]),
            ]),
            self.interested,
            self.reset_button,
        ])  # fmt: skip
        views = w.VBox([self.count, self.results_html, self.timeline, self.troops, self.table])
        return w.VBox([w.HTML("<h3>Filters</h3>"), filters, w.HTML("<h3>Weights</h3>"), weights, views])

    # -- state ----------------------------------------------------------------------------
    def filters(self) -> Filters:
        """The filters as the widgets set them."""
        start, end = self.period.value
        if end is not None:
            end = end + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
        return Filters(
            sources=tuple(self.source.value),
            alignments=tuple(self.alignment.value),
            stances=tuple(self.stance.value),
            propositions=tuple(self.proposition.value),
            start=start,
            end=end,
            as_of=self.as_of.value,
            min_reliability=self.min_reliability.value,
            min_credibility=self.min_credibility.value,
        )

    def weights(self) -> Weights:
        """The weights as the widgets set them."""
        return Weights(
            reliability={k: s.value for k, s in self.reliability_weights.items()},
            credibility={k: s.value for k, s in self.credibility_weights.items()},
            hedge=self.hedge.value,
            exclude_interested=self.interested.value,
        )

    def _changed(self, change: dict) -> None:
        if self._updating:
            return
        # A weight moves the numbers only: which statements are shown, and so the views, stay put.
        self.update(views=change["owner"] not in self._weight_sliders, charts_later=True)

    def update(self, views: bool = True, charts_later: bool = False) -> Results:
        """Recompute from the widgets' values; refresh the table and charts too unless ``views`` is off.

        Settings seen lately are remembered (results and pictures alike), so that flipping a filter
        back and forth, as one does to compare, costs nothing the second time. With
        ``charts_later`` in a running kernel, the numbers and the table answer at once and the
        charts follow when the kernel has been free for :data:`DRAW_AFTER` seconds.
        """
        filters, weights = self.filters(), self.weights()
        key = repr((filters, weights))
        known = _remembered(self._results, key)
        if known is None:
            shown = (
                self._shown if not views and self._shown is not None else apply_filters(self.graded, filters)
            )
            known = _remember(
                self._results, key, (shown, recompute(self.wb, shown, weights, self.claims_table))
            )
        self._shown, results = known
        self.results = results
        self.results_html.value = self._results_html(results)
        if views:
            self._draw(results, charts_later)
        return results

    def _draw(self, results: Results, charts_later: bool) -> None:
        kept = results.statements
        self.count.value = (
            f"<p><b>{len(kept):,}</b> of {len(self.graded):,} statements count "
            "(statements their own channel later revised are left out, as in the balance and ACH).</p>"
        )
        frame = styled_tables.statements_frame(self.wb, kept.head(TABLE_ROWS))
        caption = f"Statements ({min(len(kept), TABLE_ROWS):,} of {len(kept):,} shown)"
        self.table.value = styled_tables.styled_table(
            frame, "explorer-statements", caption, wide=("Quote",)
        ).to_html()
        if self._pending is not None:
            self._pending.cancel()  # a newer change supersedes charts not yet drawn
            self._pending = None
        loop = _running_loop() if charts_later else None
        if loop is None:
            self._draw_charts(results)
        else:
            self._pending = loop.call_later(DRAW_AFTER, self._draw_charts, results)

    def _draw_charts(self, results: Results) -> None:
        """Both charts of ``results``; each is rendered once per set of statements and remembered."""
        self._pending = None
        kept = results.statements
        timeline = _remembered(self._timelines, tuple(kept["statement_id"]))
        if timeline is None:
            timeline = _remember(
                self._timelines, tuple(kept["statement_id"]), _picture(charts.timeline(self.wb, kept))
            )
        troops = _remembered(self._troop_pictures, tuple(results.claims["claim_id"]))
        if troops is None:
            troops = _remember(
                self._troop_pictures,
                tuple(results.claims["claim_id"]),
                _picture(charts.troop_numbers(self.wb, results.claims)),
            )
        self._pictures = [timeline, troops]
        (self.timeline.value, _), (self.troops.value, _) = self._pictures

    def _results_html(self, results: Results) -> str:
        support = _pick(results.support, SUPPORT_COLUMNS)
        ranking = _pick(results.ranking, RANKING_COLUMNS)
        return "".join(
            [
                f"<p><b>{html.escape(troop_range(results.troop_range))}</b></p>",
                styled_tables.frame_table(
                    ranking, "explorer-ach", "ACH ranking (least inconsistent first)"
                ).to_html(),
                styled_tables.frame_table(
                    support, "explorer-support", "Evidence balance per factual proposition"
                ).to_html(),
            ]
        )

    def reset(self) -> None:
        """Back to the curated grades and default weights, with every filter cleared."""
        self._updating = True
        try:
            for control in (self.source, self.alignment, self.stance, self.proposition):
                control.value = ()
            self.period.index = (0, len(self.dates) - 1)
            self.min_reliability.value, self.min_credibility.value = "F", 6
            self.as_of.value = None
            self.hedge.value = HEDGE_FACTOR
            self.interested.value = False
            for grade, slider in self.reliability_weights.items():
                slider.value = RELIABILITY_WEIGHTS[grade]
            for level, slider in self.credibility_weights.items():
                slider.value = CREDIBILITY_WEIGHTS[level]
        finally:
            self._updating = False
        self.update()

    # -- display --------------------------------------------------------------------------
    def static_html(self) -> str:
        """The current views as plain HTML, for pages where no kernel runs the widgets."""
        if self._pending is not None:  # charts still waiting: draw them, so the view is of one setting
            self._pending.cancel()
            self._draw_charts(self.results)
        parts = [
            "<p><em>A static view of the explorer as its settings stood when the notebook ran; "
            "run the notebook in JupyterLab to filter and re-weight.</em></p>",
            self.count.value,
            self.results_html.value,
            *(_img(png, alt) for png, alt in self._pictures),
            self.table.value,
        ]
        return "\n".join(parts)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.ui._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = f"Explorer: {troop_range(self.results.troop_range)}"
        return bundle
