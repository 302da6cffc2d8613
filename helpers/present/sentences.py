"""Every sentence pattern the workbook repeats, built in one place from values out of the data.

The sentences are plain text, so that charts draw them as they are; Markdown takes each one as a
value and escapes it (:func:`helpers.present.markdown.md`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..grammar import counted, plural
from ..schema.vocabulary import MEASURES

__all__ = [
    "ach_leader",
    "ach_tie",
    "and_list",
    "counted",
    "date_span",
    "leaders",
    "measure_ranges",
    "measure_words",
    "outlet_count",
    "plural",
    "quoted",
    "sensitivity_sentence",
    "troop_range",
]


QUOTE_WORDS = 14  # words of a quote shown in a sentence; the tables hold it whole


def cut_quote(quote: str, words: int = QUOTE_WORDS) -> str:
    """The first ``words`` words of a quote, with an ellipsis when cut."""
    parts = str(quote).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def and_list(items: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quoted(texts: Iterable[str]) -> list[str]:
    """Each text in curly quotation marks, a trailing full stop dropped."""
    return [f"“{t.rstrip('.')}”" for t in texts]


def leaders(scores: pd.DataFrame) -> list[str]:
    """Labels of the hypotheses ranked first (more than one when they tie)."""
    return scores.loc[scores["rank"] == 1, "label"].tolist()


def ach_leader(scores: pd.DataFrame) -> str:
    """Which hypothesis has the least evidence against it, with its score and the runner-up's.

    ``scores`` is :func:`helpers.analysis.ach.inconsistency_scores`; a tie for first is said as one.
    """
    first = leaders(scores)
    score = scores.iloc[0]["weighted_inconsistency"]
    if len(first) > 1:
        return f"{and_list(quoted(first))} tie with the least evidence against them ({score:.2f})"
    head = f"“{scores.iloc[0]['label']}” has the least evidence against it ({score:.2f}"
    if len(scores) == 1:
        return head + ")"
    runner = scores.iloc[1]
    return f"{head}, against {runner['weighted_inconsistency']:.2f} for “{runner['label']}”)"


def ach_tie(without: pd.DataFrame, scores: pd.DataFrame | None = None) -> str | None:
    """The hypotheses that tie for first without interested parties, or None when one leads alone
    or when the same ones tie with every statement counted (``scores``)."""
    tied = leaders(without)
    if len(tied) < 2 or (scores is not None and sorted(leaders(scores)) == sorted(tied)):
        return None
    return f"without interested parties, {and_list(quoted(tied))} tie"


MAX_NAMED = 4  # past this many, a list of evidence is counted rather than spelt out


def _named(names: list[str], noun: str) -> str:
    if len(names) <= MAX_NAMED:
        return and_list(names)
    return f"{', '.join(names[:MAX_NAMED])} and {counted(len(names) - MAX_NAMED, 'other ' + noun)}"


def sensitivity_sentence(sens: pd.DataFrame) -> str:
    """What the ACH ranking hangs on, from :func:`helpers.analysis.ach.sensitivity`.

    Names every item, source and alignment whose loss alone changes or ties the leader, counts the
    pairs of items that do, and, when nothing does, the items whose loss narrows the margin most
    (all of them when several tie, so that no item is singled out by sort order).
    """
    parts = []
    for what in ("item", "source", "channel", "alignment"):
        hit = sens.loc[(sens["what"] == what) & sens["leader_changes"].astype(bool), "dropped"].tolist()
        if hit:
            which = plural(len(hit), "the " + what, "any one of the " + what + "s")
            parts.append(f"without {which} {_named(hit, what)}")
    pairs = int((sens["what"] == "pair").sum())
    if parts:
        head = f"The leader changes or ties {'; or '.join(parts)}"
    else:
        items = sens[sens["what"] == "item"]
        if items.empty:
            return "No item of evidence is rated against the hypotheses."
        worst = float(items["margin_change"].min())
        narrowest = items.loc[items["margin_change"] == worst, "dropped"].tolist()
        head = "No single item, source, channel or alignment, if wrong, changes which hypothesis leads"
        if "leader_score" in sens.attrs and sens.attrs["leader_score"] == 0:
            return (
                "No evidence counts against the leading hypotheses, so taking evidence away cannot change "
                "which leads; only new evidence against them could."
            )
        if worst < 0:
            each = ", each" if len(narrowest) > 1 else ""
            head += f"; losing {_named(narrowest, 'item')} narrows the margin most (by {-worst:.2f}{each})"
    if parts:  # the pairs counted are those whose items do not already change it alone
        tail = f"; so would {counted(pairs, 'further pair')} of items lost together" if pairs else ""
    else:
        tail = (
            f"; {counted(pairs, 'pair')} of items would, lost together" if pairs else "; nor would any pair"
        )
    return head + tail + "."


def measure_words(measure: str) -> str:
    """A measure as it reads after a number: ``120 sent``, ``40 present``, ``3 captured``."""
    return MEASURES.term(measure).after_number if measure in MEASURES else measure


def measure_ranges(ranges: dict[str, tuple[float, float]]) -> str:
    """Per measure, the numbers claimed: ``1,000 to 2,000 sent; 30 captured`` (``no claim`` if none)."""
    if not ranges:
        return "no claim"
    parts = []
    for measure, (low, high) in ranges.items():
        span = f"{low:,.0f}" if low == high else f"{low:,.0f} to {high:,.0f}"
        parts.append(f"{span} {measure_words(measure)}")
    return "; ".join(parts)


def troop_range(ranges: dict[str, tuple[float, float]]) -> str:
    """The numbers the remaining claims give, per measure, in one sentence."""
    if not ranges:
        return "No troop-number claim remains."
    return f"The remaining claims give: {measure_ranges(ranges)}."


def date_span(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """``3 May 2021``, ``1 to 3 May 2021``, ``30 April to 3 May 2021``, or both years when they differ."""
    if first.date() == last.date():
        return f"{last:%-d %B %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%-d} to {last:%-d %B %Y}"
    if first.year == last.year:
        return f"{first:%-d %B} to {last:%-d %B %Y}"
    return f"{first:%-d %B %Y} to {last:%-d %B %Y}"


def outlet_count(outlets: pd.Series) -> str:
    """``from 9 outlets``, ``from 2 outlets and 1 that names none``, ``naming no outlet``."""
    # "Reuters (via X)" is Reuters: a site that republishes a wire is not another outlet.
    named = int(outlets.dropna().astype(str).str.replace(r"\s*\(.*\)$", "", regex=True).nunique())
    unnamed = int(outlets.isna().sum())
    if not named:
        return "naming no outlet"
    head = f"from {counted(named, 'outlet')}"
    return f"{head} and {unnamed} that {plural(unnamed, 'names', 'name')} none" if unnamed else head
