"""Tables for notebooks and briefings: pandas Stylers that escape every cell taken from the data.

pandas' Styler does not escape HTML by default, so a quote holding ``<script>`` would run. Every
table here goes through :func:`styled_table`, which escapes values, headers and the caption.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from ..analysis import ach, grades, troop_counts
from ..analysis.admiralty import RELIABILITY
from ..frames import keyed, lookup
from ..grammar import counted
from ..workbook import Workbook
from . import claim_words
from .resolved import track_record_words

MAX_ROWS = 500  # rows a table shows on a page; its caption counts the rest, which the data holds
RATING_COLORS = {"CC": "#B3D7EE", "C": "#DCEBF7", "N": "#FFFFFF", "I": "#F9D9C5", "II": "#F2A982"}
TABLE_STYLES = [
    {"selector": "th", "props": "text-align: left; background: #F2F2F2; padding: 4px 8px;"},
    {"selector": "td", "props": "vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #E5E5E5;"},
    {
        "selector": "caption",
        "props": "caption-side: top; text-align: left; font-weight: bold; padding: 4px 0;",
    },
]


@dataclass
class Table:
    """An escaped HTML table for display, whose plain-text form is the data itself; a table with no
    rows shows as a sentence (its caption, then "none")."""

    frame: pd.DataFrame
    styler: Styler

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        if self.frame.empty:
            return {"text/html": self.to_html(), "text/plain": f"{self._caption()}: none."}
        with pd.option_context("display.width", 200, "display.max_colwidth", 60):
            text = self.frame.head(MAX_ROWS).to_string(index=False)
        if len(self.frame) > MAX_ROWS:
            text += f"\n… and {len(self.frame) - MAX_ROWS:,} more rows"
        return {"text/html": self.styler.to_html(), "text/plain": text}

    def _caption(self) -> str:
        return html.unescape(str(self.styler.caption or "Rows")).rstrip(".")

    def to_html(self) -> str:
        """The table as escaped HTML (a sentence when it has no rows)."""
        if self.frame.empty:
            return f"<p><em>{html.escape(self._caption())}: none.</em></p>"
        return self.styler.to_html()


def styled_table(frame: pd.DataFrame, name: str, caption: str = "", wide: tuple[str, ...] = ()) -> Styler:
    """A Styler with every value, header and the caption escaped, and a stable id for ``name``.

    ``wide`` columns (quotes, rationales) wrap instead of stretching the table. A table longer than
    :data:`MAX_ROWS` shows its first rows, and its caption says how many more the data holds.
    """
    if len(frame) > MAX_ROWS:
        caption = (
            f"{caption or 'Rows'} (the first {MAX_ROWS:,} of {len(frame):,} rows; the data tables and the "
            "SQLite export hold them all)"
        )
        frame = frame.head(MAX_ROWS)
    styler = (
        frame.style.format(escape="html", na_rep="")
        .format_index(escape="html", axis=0)
        .format_index(escape="html", axis=1)
        .hide(axis="index")
        .set_uuid(name)
        .set_table_styles(TABLE_STYLES)
        .set_table_attributes('class="claims-table"')  # the id is the Styler's own, T_<name>
    )
    if caption:
        styler = styler.set_caption(html.escape(caption))
    for column in wide:
        if column in frame.columns:
            styler = styler.set_properties(subset=[column], **{"min-width": "18em", "max-width": "36em"})
    return styler


def statements_frame(wb: Workbook, graded: pd.DataFrame | None = None) -> pd.DataFrame:
    """Statements as a reader needs them: date, source, words, stance, hedge and grade.

    ``graded`` (from :func:`grades.graded_statements`) limits the frame to a subset.
    """
    graded = grades.graded_statements(wb) if graded is None else graded
    graded = graded.sort_values(["said_on", "statement_id"])
    return pd.DataFrame(
        {
            "ID": graded["statement_id"],
            "Document": graded["document_id"],
            "Said on": said_on_words(graded),
            "Source": graded["source"],
            "Relayed by": graded["reported_by_label"].fillna(""),
            "Quote": graded["quote"],
            "Rendered as": graded["attribution"].astype(str),
            "Stance": graded["stance"].astype(str),
            "Hedge": graded["hedge"].fillna(""),
            "Speaker's grade": [
                f"{r}{'' if pd.isna(c) else int(c)}"
                for r, c in zip(graded["speaker_reliability"].astype(str), graded["credibility"], strict=True)
            ],
            "Grade that counts": graded["grade"],
            "Answers": graded["responds_to"].fillna(""),
            "Overtaken by": graded["overtaken_by"].fillna(""),
        }
    )


def said_on_words(graded: pd.DataFrame) -> pd.Series:
    """Each statement's date as a reader takes it: ``3 Oct 2024``, ``or before``, a range, approx."""
    said = graded["said_on"].dt.strftime("%-d %b %Y")
    precision = graded["said_on_precision"].astype(str)
    suffix = precision.map({"approximate": " (approx.)", "on or before": " or before"}).fillna("")
    earliest = graded["said_on_earliest"].dt.strftime("%-d %b %Y")
    ranged = (precision == "range") & earliest.notna()
    return (said + suffix).where(~ranged, earliest + " to " + said)


def statements_table(wb: Workbook) -> Table:
    """The table of every statement with its verbatim quote and Admiralty grade."""
    frame = statements_frame(wb)
    caption = f"All {len(frame)} statements, verbatim, by date"
    return Table(frame, styled_table(frame, "statements", caption, wide=("Quote",)))


def _link(url: object) -> str:
    """A document's own URL as a link that gives the page it opens no hold on the briefing."""
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return ""  # the descriptor admits http(s) only; anything else is shown as nothing, not run
    href = html.escape(url, quote=True)
    return f'<a href="{href}" rel="noopener noreferrer">{href}</a>'


def documents_table(wb: Workbook) -> Table:
    """Every document: outlet, date, URL (a link), SHA-256 and the statements taken from it."""
    docs = wb.documents.sort_values(["published", "document_id"])
    taken = wb.statements.groupby("document_id")["statement_id"].agg(", ".join)
    frame = pd.DataFrame(
        {
            "ID": docs["document_id"],
            "Title": docs["title"],
            "Outlet": docs["outlet"].fillna("(not named)"),
            "Published": docs["published"].dt.strftime("%-d %b %Y"),
            "URL": docs["url"].fillna(""),
            "SHA-256": docs["sha256"].fillna(""),
            "Statements": lookup(docs["document_id"], taken).fillna(""),
        }
    )
    caption = f"{counted(len(frame), 'document').capitalize()}, and the statements taken from each"
    styler = styled_table(frame, "documents", caption)
    # Every other cell stays escaped text; only a document's own URL becomes a link.
    styler = (
        styler.format(_link, subset=["URL"], escape=None)
        .set_properties(subset=["Title"], **{"min-width": "12em", "max-width": "20em"})
        .set_properties(subset=["URL"], **{"max-width": "18em", "word-break": "break-all"})
        # 64 hex digits in two lines of 32: whole, for checking, without widening the page
        .set_properties(
            subset=["SHA-256"],
            **{"font-family": "monospace", "font-size": "0.75em", "width": "33ch", "word-break": "break-all"},
        )
    )
    return Table(frame, styler)


def sources_table(wb: Workbook) -> Table:
    """Sources with their grade, alignment, stake and the rationale for the grade."""
    summary = grades.source_summary(wb)
    frame = pd.DataFrame(
        {
            "Source": summary["label"],
            "Kind": summary["kind"].astype(str),
            "Alignment": summary["alignment"].astype(str),
            "Channel": summary["channel"].astype(str),
            "Interested": summary["interested"].map({True: "yes", False: "no"}),
            "Reliability": summary["reliability"].astype(str)
            + " "
            + summary["reliability"].astype(str).map(RELIABILITY),
            "Statements": summary["statements"],
            "Why this grade": summary["reliability_rationale"],
        }
    )
    if not wb.resolutions.empty:  # the track record beside the grade: evidence, never a regrade
        record = track_record_words(wb)
        ids = (
            summary["source_id"] if "source_id" in summary else pd.Series(summary.index, index=summary.index)
        )
        frame.insert(
            6, "Track record (settled claims)", record.reindex(ids.astype(str)).fillna("").to_numpy()
        )
    caption = "Sources and their Admiralty reliability"
    return Table(frame, styled_table(frame, "sources", caption, wide=("Why this grade",)))


def ach_table(wb: Workbook) -> Table:
    """The ACH matrix: statements x hypotheses, each cell shaded by its rating."""
    matrix = ach.ach_matrix(wb)
    graded = grades.graded_statements(wb).set_index("statement_id")
    labels = wb.hypotheses.set_index("hypothesis_id")["label"]
    absent = pd.Index(matrix.index).astype(str).str.startswith(ach.ABSENT)
    frame = pd.DataFrame(
        {
            "ID": matrix.index,
            # evidence expected but absent has no speaker and no grade
            "Source": graded["source"].reindex(matrix.index).fillna("expected, not seen").to_numpy(),
            "Grade": graded["grade"].reindex(matrix.index).where(~absent, "").to_numpy(),
        }
    )
    for hid in matrix.columns:
        frame[f"{hid} {labels[hid]}"] = matrix[hid].to_numpy()
    rated = [c for c in frame.columns if c not in ("ID", "Source", "Grade")]
    styler = styled_table(frame, "ach", "ACH matrix: consistency of each statement with each hypothesis")
    styler = styler.map(
        lambda v: f"background-color: {RATING_COLORS.get(v, '#FFFFFF')}; text-align: center;", subset=rated
    )
    return Table(frame, styler)


def ach_rationales(wb: Workbook) -> Table:
    """Each ACH rating with its relevance and its own rationale, statement by statement."""
    ratings = wb.ach_ratings
    labels = keyed(wb.hypotheses, "hypothesis_id")["label"]
    frame = pd.DataFrame(
        {
            "ID": ratings["statement_id"],
            "Hypothesis": ratings["hypothesis_id"]
            + " "
            + lookup(ratings["hypothesis_id"], labels).fillna(""),
            "Rating": ratings["rating"].astype(str),
            "Relevance": ratings["relevance"].astype(str).fillna(ach.DEFAULT_RELEVANCE),
            "Why (how likely this item would be if the hypothesis were true)": ratings["rationale"],
        }
    )
    caption = "Every ACH rating with its relevance and rationale"
    wide = ("Why (how likely this item would be if the hypothesis were true)",)
    return Table(frame, styled_table(frame, "ach-rationales", caption, wide=wide))


# Column headings in words for the analysis frames the notebooks show; any other name reads with
# its underscores as spaces.
HEADINGS = {
    "proposition_id": "Proposition id",
    "hypothesis_id": "Hypothesis",
    "statement_id": "Statement",
    "claim_id": "Claim",
    "as_of": "As of",
    "count": "Number",
    "bound": "Bound",
    "measure": "Counts",
    "place": "Place",
    "part": "Part of the force",
    "modality": "Kind of number",
    "source": "Claimant",
    "grade": "Grade",
    "hedge": "Hedge",
    "claims": "Claims",
    "min": "Smallest",
    "max": "Largest",
    "ratio": "Largest / smallest",
    "orders_of_magnitude": "Orders of magnitude apart",
    "affirming": "Weight affirming (A)",
    "denying": "Weight denying (D)",
    "p": "Probability",
    "balance": "Evidence balance",
    "confidence": "Confidence",
    "channels_for": "Channels for",
    "channels_against": "Channels against",
    "statements": "Statements",
    "affirming_sources": "Sources affirming",
    "affirming_channels": "Channels affirming",
    "affirming_disinterested": "Affirming: channels without a stake",
    "denying_sources": "Sources denying",
    "denying_channels": "Channels denying",
    "denying_disinterested": "Denying: channels without a stake",
    "no_evidence_sources": "Sources: no evidence",
    "no_evidence_channels": "Channels: no evidence",
    "no_evidence_disinterested": "No evidence: channels without a stake",
    "uncertain_sources": "Sources uncertain",
    "weighted_inconsistency": "Weighted inconsistency",
    "inconsistent": "Items against",
    "rank": "Rank",
    "label": "Hypothesis (label)",
    "diagnosticity": "Diagnosticity",
    "ratings": "Ratings",
    "diagnostic": "Helps choose",
    "dropped": "Left out",
    "what": "What",
    "leader": "Leader then",
    "leader_changes": "Leader changes",
    "margin": "Margin",
    "margin_change": "Margin change",
    "interested": "Interested party",
    "first": "First",
    "first_source": "Said by",
    "first_said_on": "Said on",
    "first_stance": "First stance",
    "reply": "Reply",
    "reply_source": "Replied by",
    "reply_said_on": "Replied on",
    "reply_stance": "Reply stance",
    "same_source": "Same source (a revision)",
    "stances": "Stances in date order",
    "from": "From",
    "to": "To",
    "from_as_of": "From (as of)",
    "to_as_of": "To (as of)",
    "direction": "Moved",
    "from_claim": "From claim",
    "to_claim": "To claim",
    "channel": "Channel",
    "text": "Text",
}


def heading(column: object) -> str:
    """A column's heading in words."""
    name = str(column)
    return HEADINGS.get(name, name.replace("_", " ").capitalize() if name.islower() else name)


def frame_table(frame: pd.DataFrame, name: str, caption: str = "", precision: int = 2) -> Table:
    """Any analysis frame as an escaped table: headings in words, whole numbers with thousands
    separators, other numbers rounded to ``precision`` places, a dash where there is nothing."""
    shown = frame.copy()
    for column in shown.select_dtypes("datetime").columns:
        shown[column] = shown[column].dt.strftime("%-d %b %Y")
    numeric = [c for c in shown.select_dtypes("number").columns if shown[c].dtype != bool]
    shown[numeric] = shown[numeric].round(precision)
    shown.columns = [heading(c) for c in shown.columns]
    styler = styled_table(shown, name, caption)
    for column in (heading(c) for c in numeric):
        values = shown[column].dropna()
        whole = (
            bool(len(values)) and bool((values == values.round()).all()) and not values.abs().gt(1e15).any()
        )
        pattern = "{:,.0f}" if whole else f"{{:,.{precision}f}}"
        styler = styler.format(pattern, subset=[column], na_rep="–")  # NaN: nothing to divide
    return Table(shown, styler)


CLAIM_COLUMNS = [
    "claim_id",
    "count",
    "bound",
    "measure",
    "part",
    "place",
    "as_of",
    "modality",
    "source",
    "grade",
    "hedge",
]


def troop_claims_table(table: pd.DataFrame) -> Table:
    """The troop-number claims (from :func:`troop_counts.claims_table`), one row each: what is counted, of
    which part of the force where a claim counts a part (the column is left out when none does), and
    whether it is a count or a forecast or plan."""
    columns = [c for c in CLAIM_COLUMNS if c in table]
    if "part" in columns and not table["part"].fillna("").astype(str).str.strip().any():
        columns.remove("part")
    shown = table[columns].copy()
    if "part" in shown:
        shown["part"] = shown["part"].fillna("").astype(str)  # blank: the whole force
    return frame_table(shown, "claims", "Troop-number claims", precision=0)


def spread_table(table: pd.DataFrame) -> Table:
    """The spread of the troop-number claims (from :func:`troop_counts.claims_table`) per measure, a part
    of the force in brackets after its measure: ``sent to (combat engineers)``."""
    found = troop_counts.spread_table(table)
    part = found.pop("part")
    found["measure"] = found["measure"] + part.map(lambda p: f" ({p})" if p else "")
    return frame_table(found, "spread", "Spread of the claims")


def _numbers(found: pd.DataFrame, side: str) -> pd.Series:
    """The ``side`` ("from" or "to") number of each revision, in words."""
    return pd.Series([claim_words.revision_number(row, side) for _, row in found.iterrows()], dtype=object)


def revisions_table(wb: Workbook) -> Table:
    """Each claimant's revisions of its own counts, in date order."""
    places = troop_counts.Gazetteer.of(wb)
    found = troop_counts.revisions(troop_counts.claims_table(wb), places)
    frame = pd.DataFrame(
        {
            "Claimant": pd.Series(
                [claim_words.claimant_words(row) for _, row in found.iterrows()], dtype=object
            ),
            "Counts": [
                claim_words.scope_words(m, places.name(p))
                for m, p in zip(found["measure"], found["place"], strict=True)
            ],
            "From": pd.Series(
                [claim_words.revision_number(row, "from") for _, row in found.iterrows()], dtype=object
            )
            + [
                f" ({places.name(p)})" if p != q else ""
                for p, q in zip(found["from_place"], found["place"], strict=True)
            ]
            + " ("
            + found["from_as_of"].dt.strftime("%-d %b %Y")
            + ")",
            "To": pd.Series(
                [claim_words.revision_number(row, "to") for _, row in found.iterrows()], dtype=object
            )
            + " ("
            + found["to_as_of"].dt.strftime("%-d %b %Y")
            + ")",
            "Moved": found["direction"],
        }
    )
    caption = f"{counted(len(frame), 'revision')} by the claimants themselves: a change of their own count"
    return Table(frame, styled_table(frame, "revisions", caption))


MAX_PAIR_ROWS = 25  # pairs shown in the table; the caption counts the rest


def pairs_table(wb: Workbook) -> Table:
    """The most telling pairs of counts (those that cannot both be true, then those that need the
    most change to hold together, then revisions), each in words; the caption counts every pair."""
    table = troop_counts.claims_table(wb)
    places = troop_counts.Gazetteer.of(wb)
    pairs = troop_counts.compare_claims(table, places)
    shown = pairs.head(MAX_PAIR_ROWS)
    frame = pd.DataFrame(
        {
            "Smaller": shown["smaller"],
            "Larger": shown["larger"],
            "Ratio": shown["ratio"].map("{:.1f}x".format),
            "How they relate": shown["relation"],
            "Both can be true": np.where(
                shown["both_true"], "yes", np.where(shown["unconfirmed"], "no, as read (not curated)", "no")
            ),
            "In words": [claim_words.describe_pair(pair, table, places) for _, pair in shown.iterrows()],
        }
    )
    totals = pairs.attrs["totals"]
    every = sum(totals.values())
    parts = ", ".join(f"{n:,} {relation}" for relation, n in totals.items() if n)
    caption = (
        f"{counted(len(shown), 'pair')} of troop counts that bear on each other, the most telling first, "
        f"of {every:,} ({parts or 'none'})"
    )
    return Table(frame, styled_table(frame, "pairs", caption, wide=("In words",)))
