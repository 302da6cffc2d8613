"""Notebook 08's review: each draft statement with its quote marked in the document's text; accept, edit
or reject it; grade it; rate it against every hypothesis in an ACH grid; then add it all to the data.

:class:`Review` holds the rows and wires them to ipywidgets, so the review can be driven from Python
(the tests do) as well as clicked. Outside a live kernel it shows a static view of where it stands.
Text from the article and the data is escaped wherever it becomes HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd

from ...analysis.admiralty import CREDIBILITY, RELIABILITY
from ...frames import cell_text
from ...present.styled_tables import styled_table
from ...schema import BY_NAME, vocabulary
from ...workbook import Workbook
from ..credibility import propose_credibility, proposed
from ..ratings import propose_ratings
from . import decisions
from .columns import COLUMNS
from .drafting import Draft
from .stage import Added, add_to_data

DECISIONS = ("accept", "edit", "check", "reject")  # only accepted and edited rows are added
KEPT = ("accept", "edit")
# A new source is read with its grade, which the data requires: it is accepted (or edited) or rejected.
SOURCE_DECISIONS = ("accept", "edit", "reject")
LEVELS = ("low", "medium", "high")
ACCEPT_FROM = "medium"  # a row drafted with less confidence than this starts as "check", never added unseen
# Every closed list is the schema's own, so a term added there reaches the review with no edit here.
BOUNDS = tuple(str(v) for v in vocabulary.BOUNDS.values)
MEASURES = tuple(str(v) for v in vocabulary.MEASURES.values)
MODALITIES = tuple(str(v) for v in vocabulary.MODALITIES.values)
SOURCE_KINDS = tuple(str(v) for v in vocabulary.SOURCE_KINDS.values)
ALIGNMENTS = (
    "Ukraine",
    "Ukraine's backers",
    "Russia",
    "Russia's backers",
    "Unaligned",
)  # open: data adds more
# The fields of a drafted troop number the reviewer edits, and of a new source.
CLAIM_TEXT = ("count", "count_low", "count_high", "location", "notes", "as_of")
AS_OF_PRECISIONS = tuple(str(v) for v in vocabulary.AS_OF_PRECISION.values)
SOURCE_TEXT = ("source_id", "label", "name", "country", "channel")
SOURCE_WIDTH = {"name": "24em"}
RATINGS = ("", *(str(v) for v in vocabulary.RATINGS.values))
RELEVANCE = ("", *(str(v) for v in vocabulary.RELEVANCE.values))
RATING_FIELDS = ("rating", "relevance", "rationale")
ATTRIBUTIONS = tuple(str(v) for v in vocabulary.ATTRIBUTION.values)
STANCES = tuple(str(v) for v in vocabulary.STANCES.values)
PRECISIONS = tuple(str(v) for v in vocabulary.PRECISION.values)
# The fields of a statement the reviewer edits, and the widget each is shown in.
TEXT_FIELDS = ("said_on", "said_on_earliest", "hedge", "same_as")
AREA_FIELDS = ("quote", "said_on_basis", "credibility_rationale")
STATEMENT_FIELDS = ("source_id", "reported_by", "said_on_precision", "attribution", "proposition_id",
                    "stance", "credibility", *TEXT_FIELDS, *AREA_FIELDS)  # fmt: skip
CLAIM_CHOICES = ("bound", "measure", "modality", "as_of_precision")
# The document's columns fixed by the article's file: where it is saved and the hash of its bytes.
DOCUMENT_FIXED = ("path", "sha256")
DOCUMENT_WIDE = ("title", "published_basis", "url", "notes")
SOURCE_CHOICES = ("kind", "alignment", "interested")
LABEL = {"description_width": "11em"}  # wide enough for the longest field name, whole
# Keys, set when the rows are added, and never typed.
FIXED = frozenset({"statement_id", "document_id", "claim_id", "hypothesis_id"})
# Every other column of the document's row is the analyst's to correct (``published_basis`` included).
DOCUMENT_FIELDS = tuple(c for c in COLUMNS["documents"] if c not in FIXED and c not in DOCUMENT_FIXED)
# Every other column the schema declares gets a plain text field, so that a column added to the
# declaration reaches the review with no edit here (``self_serving``, ``part``, ...).
GENERIC = {
    table: tuple(c for c in COLUMNS[table] if c not in FIXED and c not in handled)
    for table, handled in (
        ("statements", {*STATEMENT_FIELDS}),
        ("troop_claims", {*CLAIM_TEXT, *CLAIM_CHOICES, "place"}),
    )
}
BOOLEANS = {
    table: frozenset(c.name for c in BY_NAME[table].columns if c.type == "boolean")
    for table in ("statements", "troop_claims", "documents")
}
BOX = "max-height:18em;overflow:auto;white-space:pre-wrap;border:1px solid #ddd;padding:6px"


def default_decision(confidence: object) -> str:
    """How a drafted row starts: accepted when drafted with at least ``ACCEPT_FROM`` confidence,
    else "check" (not added until the analyst accepts or edits it)."""
    level = str(confidence) if str(confidence) in LEVELS else "low"
    return "accept" if LEVELS.index(level) >= LEVELS.index(ACCEPT_FROM) else "check"


def _blank(value: object) -> bool:
    return cell_text(value).strip() == ""


def _options(fixed: tuple[str, ...], *found: Any) -> list[str]:
    """``fixed`` and any other value found in the data or the draft, in that order, each once."""
    out = dict.fromkeys(fixed)
    for values in found:
        out |= dict.fromkeys(v for v in values if isinstance(v, str) and v)
    return list(out)


def _dropdown(name: str, options: list[str], current: object) -> w.Dropdown:
    """A drop-down for one field, set to its drafted value where that is an option, else the first."""
    value = str(current) if str(current) in options else options[0]
    return w.Dropdown(options=options, value=value, description=name.replace("_", " "), style=LABEL,
                      layout=w.Layout(width="22em"))  # fmt: skip


def marked(text: str, start: int, end: int) -> str:
    """``text`` as escaped HTML with characters ``start`` to ``end`` marked."""
    return f"{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>{html.escape(text[end:])}"


def quote_span(text: str, quote: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``: at ``start``-``end`` (the drafted offsets) if it is there,
    else where it occurs nearest to them; None when the text does not hold it verbatim."""
    if not quote:
        return None
    if text[start:end] == quote:
        return start, end
    found, at = [], text.find(quote)
    while at >= 0:
        found.append(at)
        at = text.find(quote, at + 1)
    if not found:
        return None
    first = min(found, key=lambda a: abs(a - start))
    return first, first + len(quote)


@dataclass
class Shown:
    """A widget to display, with the static HTML and text that stand for it where no kernel runs."""

    widget: w.Widget
    html: Callable[[], str]
    text: str

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        return {**bundle, "text/html": self.html(), "text/plain": self.text}


def grid_layout(hypotheses: int) -> dict[str, str]:
    """The ACH grid's layout: columns that share the width (a statement column twice as wide as a
    hypothesis column, none narrower than it can be read), scrolling sideways when the page is narrow."""
    return {
        "grid_template_columns": f"minmax(14em, 2fr) repeat({hypotheses}, minmax(10em, 1fr))",
        "width": "100%",
        "overflow": "auto",
        "grid_gap": "4px",
    }


class Review:
    """The review of one draft against a data folder: statements, grades, ACH ratings, adding."""

    def __init__(
        self, draft: Draft, wb: Workbook, folder: Path, article: bytes, store: Path | None = None
    ) -> None:
        self.draft, self.wb, self.folder, self.article = draft, wb, folder, article
        self.store = store  # the draft folder, where every decision is saved as it is made
        self.rows = draft.statements.copy().astype("object")  # any field takes the text typed into it
        self.rows.insert(0, "decision", [default_decision(c) for c in self.rows["confidence"]])
        self.claims = draft.troop_claims.copy().astype("object")
        # A troop number reaches the data only once read: its measure is right about half the time.
        self.claims.insert(0, "decision", "check")
        self.sources = draft.sources.copy()
        self.sources.insert(0, "decision", "accept")  # added only when a kept statement names it
        self.listeners: list[Callable[[Added], None]] = []  # told of each attempt to add
        self.kinds = dict(
            zip(wb.propositions["proposition_id"], wb.propositions["kind"].astype(str), strict=True)
        )
        self.ratings: dict[tuple[str, str], dict[str, str]] = {}
        self.result: Added | None = None
        self._updating = False
        self._propose_credibility(self.rows.index)  # before the saved decisions: they win over it
        # The rows shown in this session: a kept row's proposed grade is added only once seen.
        self.seen: set[Any] = set()
        # Each row's key as the draft wrote it: saved decisions find their row by it, whatever the
        # analyst renames or the draft gains since.
        self.keys = {
            "statements": [str(v) for v in self.rows["statement_id"]],
            "troop_claims": [str(v) for v in self.claims["claim_id"]],
            "sources": [str(v) for v in self.sources["source_id"]],
            "documents": [str(i) for i in range(len(draft.documents))],
        }
        self._restore()
        # The id each new source's rows name (its key in the speaker lists): the id typed last that
        # no other source holds, so a blank or taken id typed on the way never merges two speakers.
        self.linked = {i: str(v) for i, v in self.sources["source_id"].items()}
        self._build()
        self.show(0)

    # -- credibility proposed from the analyst's own grades ------------------------------------------
    def _propose_credibility(self, index: pd.Index) -> None:
        """Put the proposed credibility and its reason into the rows ``index`` names that hold no grade
        and no rationale, or only an untouched proposal (which a blank replaces where nothing is
        proposed, e.g. on a statement no longer on a fact). Never a decision: a row starts as it
        would without it."""
        for column in ("credibility", "credibility_rationale"):  # a draft written before they were declared
            if column not in self.rows:
                self.rows[column] = ""
        rows = self.rows.loc[index]
        open_ = [
            i
            for i, grade, why in zip(
                rows.index, rows["credibility"], rows["credibility_rationale"], strict=True
            )
            if proposed(why) or (_blank(grade) and _blank(why))
        ]
        if not open_:
            return
        sources = pd.concat([self.wb.sources, self.sources], ignore_index=True)
        proposals = propose_credibility(
            self.rows.loc[open_], self.wb.statements, sources, self.wb.propositions
        )
        for i, grade, why in zip(
            open_, proposals["credibility"], proposals["credibility_rationale"], strict=True
        ):
            self.rows.at[i, "credibility"], self.rows.at[i, "credibility_rationale"] = grade, why

    def _credibility_edited(self, i: Any, name: str) -> None:
        """After an edit of row ``i``'s ``name``: a changed grade never keeps the proposed reason (the
        rationale is cleared, and the data refuses a blank one: the analyst writes why); a changed
        speaker, relay or proposition is proposed afresh unless the analyst graded it."""
        if name == "credibility" and proposed(self.rows.at[i, "credibility_rationale"]):
            self.rows.at[i, "credibility_rationale"] = ""
        elif name in ("source_id", "reported_by", "proposition_id"):
            self._propose_credibility(pd.Index([i]))
        else:
            return
        self._updating = True
        try:
            for field in ("credibility", "credibility_rationale"):
                self.fields[field].value = cell_text(self.rows.at[i, field])
        finally:
            self._updating = False

    # -- decisions kept in the draft folder --------------------------------------------------------
    def editable(self) -> dict[str, list[str]]:
        """The columns the review edits, per table: what is saved and restored."""
        return {
            "statements": ["decision", *STATEMENT_FIELDS, *GENERIC["statements"]],
            "troop_claims": ["decision", *CLAIM_TEXT, *CLAIM_CHOICES, "place", *GENERIC["troop_claims"]],
            "sources": ["decision", *SOURCE_TEXT, *SOURCE_CHOICES, "reliability", "reliability_rationale"],
            "documents": list(DOCUMENT_FIELDS),
        }

    def _restore(self) -> None:
        state = decisions.load(self.store) if self.store is not None else None
        if state is None:
            return
        for name, frame in self._frames().items():
            decisions.apply(frame, state.get(name), self.keys[name])
        for rated in state.get("ratings", []):
            if isinstance(rated, dict) and {"statement_id", "hypothesis_id"} <= set(rated):
                key = (str(rated.pop("statement_id")), str(rated.pop("hypothesis_id")))
                self.ratings[key] = {k: str(v) for k, v in rated.items()}

    def _changed(self) -> None:
        """Save every decision as it is made (nothing when the review has no draft folder)."""
        if self.store is None or self._updating:
            return
        decisions.save(
            self.store, decisions.snapshot(self._frames(), self.keys, self.ratings, self.editable())
        )

    def _frames(self) -> dict[str, pd.DataFrame]:
        return {"statements": self.rows, "troop_claims": self.claims, "sources": self.sources,
                "documents": self.draft.documents}  # fmt: skip

    # -- building -------------------------------------------------------------------------
    def _speakers(self) -> list[tuple[str, str]]:
        """The Speaker and Relayed-by options: the data's sources, then the new ones as they now stand
        (their current label and id, and whether rejected)."""
        known = self.wb.sources.sort_values("label")
        pairs = zip(known["label"], known["source_id"], strict=True)
        speakers = [(f"{label} ({sid})", str(sid)) for label, sid in pairs]
        for i, row in self.sources.iterrows():
            new = "new, rejected" if row["decision"] == "reject" else "new"
            speakers.append((f"{row['label']} ({new}: {self.linked[i]})", self.linked[i]))
        return speakers

    def _publishers(self, current: str) -> list[tuple[str, str]]:
        """The document's publisher options: none, or a source (and the current id if it is neither)."""
        options = [("(none)", ""), *self._speakers()]
        if current not in {sid for _, sid in options}:
            options.append((f"{current} (not a source)", current))
        return options

    def _build(self) -> None:
        speakers = self._speakers()
        props = [("(none)", "")] + [
            (f"{pid}: {text[:70]}", pid)
            for pid, text in zip(
                self.wb.propositions["proposition_id"], self.wb.propositions["text"], strict=True
            )
        ]
        ids = list(self.rows["statement_id"])
        self.picker = w.Dropdown(options=list(zip(ids, range(len(ids)), strict=True)) or [("none", 0)],
                                 description="Statement")  # fmt: skip
        self.decision = w.ToggleButtons(options=DECISIONS, description="Decision")
        self.fields: dict[str, Any] = {
            "source_id": w.Dropdown(options=speakers, description="Speaker"),
            "reported_by": w.Dropdown(options=[("(none)", ""), *speakers], description="Relayed by"),
            "said_on_precision": w.Dropdown(options=PRECISIONS, description="Precision"),
            "attribution": w.Dropdown(options=ATTRIBUTIONS, description="Attribution"),
            "proposition_id": w.Dropdown(
                options=props, description="Proposition", layout=w.Layout(width="48em")
            ),
            "stance": w.Dropdown(options=STANCES, description="Stance"),
            "credibility": w.Dropdown(
                options=[("(not graded)", "")] + [(f"{k} {v}", str(k)) for k, v in CREDIBILITY.items()],
                description="Credibility",
            ),
        }
        self.fields |= {name: w.Text(description=name.replace("_", " ")) for name in TEXT_FIELDS}
        for name in GENERIC["statements"]:  # a yes/no column is a choice of two (or blank: its default)
            self.fields[name] = (
                w.Dropdown(options=["", "false", "true"], description=name.replace("_", " "))
                if name in BOOLEANS["statements"]
                else w.Text(description=name.replace("_", " "))
            )
        self.fields |= {
            name: w.Textarea(
                description=name.replace("_", " "), layout=w.Layout(width="48em", height="4.5em")
            )
            for name in AREA_FIELDS
        }
        for control in self.fields.values():  # every label whole: "said on earliest", not "said on e…"
            control.style.description_width = LABEL["description_width"]
        self.document = w.HTML()
        self.why = w.HTML()
        self.sources_box = w.VBox()
        self.grid = w.VBox()
        self.result_html = w.HTML()
        self.add_button = w.Button(description="Add to the data", button_style="primary", icon="check")
        self.add_button.on_click(lambda _: self.add())
        refresh = w.Button(description="Refresh the ACH grid", icon="refresh")
        refresh.on_click(lambda _: self.refresh_grid())
        self.picker.observe(lambda c: self.show(c["new"]), names="value")
        self.decision.observe(self._edited, names="value")
        for control in self.fields.values():
            control.observe(self._edited, names="value")
        self.claims_box = w.VBox()
        self.document_box = self._build_document()
        self.ui = w.VBox([
            w.HTML("<h4>The document</h4>"), self.document_box,
            w.HBox([self.picker, self.decision]), self.why, self.document, *self.fields.values(),
            w.HTML("<h4>Troop numbers</h4>"), self.claims_box,
            w.HTML("<h4>New sources</h4>"), self.sources_box,
        ])  # fmt: skip
        self.ach_ui = w.VBox([refresh, self.grid])
        self.add_ui = w.VBox([self.add_button, self.result_html])
        self._build_claims()
        self._build_sources()
        self.refresh_grid()

    def _build_document(self) -> w.VBox:
        """The document's own fields the analyst may correct: every column of its row but the id, the
        path and the hash (the file's), e.g. its title, publisher, date and how it is known."""
        row = self.draft.documents.iloc[0] if len(self.draft.documents) else pd.Series(dtype=object)
        self.document_fields: dict[str, Any] = {}
        for name in DOCUMENT_FIELDS:
            value = "" if pd.isna(row.get(name, "")) else str(row.get(name, ""))
            if name in BOOLEANS["documents"]:
                control = _dropdown(name, ["", "false", "true"], value.lower())
            elif name == "publisher":
                control = w.Dropdown(options=self._publishers(value), value=value, description="publisher",
                                     style=LABEL, layout=w.Layout(width="36em"))  # fmt: skip
            else:
                width = "48em" if name in DOCUMENT_WIDE else "22em"
                control = w.Text(value=value, description=name.replace("_", " "), style=LABEL,
                                 layout=w.Layout(width=width))  # fmt: skip
            control.observe(self._document_setter(name), names="value")
            self.document_fields[name] = control
        fixed = w.HTML(
            "<p><small>path and sha256 are the article file's: "
            + html.escape(", ".join(str(row.get(c, "")) for c in DOCUMENT_FIXED))
            + "</small></p>"
        )
        return w.VBox([*self.document_fields.values(), fixed])

    def _document_setter(self, column: str) -> Callable[[dict[str, Any]], None]:
        def setter(change: dict[str, Any]) -> None:
            if self._updating:  # new options (a source renamed) are no edit of the document
                return
            documents = self.draft.documents
            if documents[column].dtype != object:
                documents[column] = documents[column].astype(object)
            documents.loc[documents.index[:1], column] = change["new"]
            self._changed()

        return setter

    def _build_claims(self) -> None:
        """A row of widgets per drafted troop number: accept, edit or reject it, and its fields."""
        places = [("(none)", ""), *[(f"{n} ({p})", p) for p, n in zip(
            self.wb.places["place_id"], self.wb.places["name"], strict=True)]]  # fmt: skip
        tc = self.wb.troop_claims
        choices = {
            "bound": _options((*BOUNDS, ""), self.claims["bound"]),  # blank: read from count_low/high
            "measure": _options(MEASURES, tc.get("measure", []), self.claims["measure"]),
            "modality": _options(MODALITIES, tc.get("modality", []), self.claims["modality"]),
            "as_of_precision": _options(AS_OF_PRECISIONS, self.claims.get("as_of_precision", [])),
        }
        self.claim_fields: dict[tuple[Any, str], Any] = {}
        rows: list[w.Widget] = []
        for i, row in self.claims.iterrows():
            decision = w.ToggleButtons(options=DECISIONS, value=row["decision"],
                                       style={"button_width": "5em"})  # fmt: skip
            controls: dict[str, Any] = {"decision": decision}
            for name in (*CLAIM_TEXT, *GENERIC["troop_claims"]):
                value = "" if pd.isna(row.get(name, "")) else str(row.get(name, ""))
                controls[name] = (
                    _dropdown(name, ["", "false", "true"], value.lower())
                    if name in BOOLEANS["troop_claims"]
                    else w.Text(value=value, description=name.replace("_", " "), style=LABEL,
                                layout=w.Layout(width="22em"))
                )  # fmt: skip
            for name, options in choices.items():
                controls[name] = _dropdown(name, options, row[name])
            place = str(row["place"]) if str(row["place"]) in {p for _, p in places} else ""
            controls["place"] = w.Dropdown(options=places, value=place, description="place",
                                           layout=w.Layout(width="22em"))  # fmt: skip
            for name, control in controls.items():
                control.observe(self._claim_setter(i, name), names="value")
                self.claim_fields[(i, name)] = control
            head = w.HTML(
                f"<b>{html.escape(str(row['claim_id']))}</b> on {html.escape(str(row['statement_id']))} "
                f"({html.escape(str(row['confidence']))}): {html.escape(str(row['reason']))}"
            )
            lines = (("count", "count_low", "count_high"), ("bound", "measure", "modality"),
                     ("as_of", "as_of_precision"), ("place", "location", "notes"),
                     GENERIC["troop_claims"])  # fmt: skip
            rows.append(w.VBox([head, decision, *(w.HBox([controls[n] for n in line]) for line in lines)]))
        self.claims_box.children = rows or [w.HTML("<p>No troop number was drafted.</p>")]

    def _claim_setter(self, i: Any, column: str) -> Any:
        def setter(change: dict[str, Any]) -> None:
            self.claims.at[i, column] = change["new"]
            if column != "decision" and self.claims.at[i, "decision"] in ("accept", "check"):
                self.claims.at[i, "decision"] = "edit"
                self.claim_fields[(i, "decision")].value = "edit"
            self._changed()

        return setter

    def _build_sources(self) -> None:
        """A row of widgets per new source: its label, name, kind, country, alignment, channel, stake,
        and its reliability grade with a rationale."""
        rows = []
        known = self.wb.sources
        self.source_fields: dict[tuple[Any, str], Any] = {}
        for i, row in self.sources.iterrows():
            given = str(row.get("reliability", "") or "")
            grades = [("(grade)", "")] + [(f"{k} {v}", k) for k, v in RELIABILITY.items()]
            grade = w.Dropdown(
                options=grades, value=given if given in RELIABILITY else "", description="reliability"
            )
            why = w.Text(
                value=str(row.get("reliability_rationale", "") or ""),
                placeholder="reliability rationale: the source's record",
                layout=w.Layout(width="36em"),
            )
            decision = w.ToggleButtons(options=SOURCE_DECISIONS, value=row["decision"],
                                       style={"button_width": "5em"})  # fmt: skip
            controls: dict[str, Any] = {"decision": decision, "reliability": grade}
            controls["reliability_rationale"] = why
            for name in SOURCE_TEXT:
                controls[name] = w.Text(value=str(row.get(name, "") or ""), description=name,
                                        layout=w.Layout(width=SOURCE_WIDTH.get(name, "16em")))  # fmt: skip
            for name, fixed in (("kind", SOURCE_KINDS), ("alignment", ALIGNMENTS)):
                options = _options(
                    fixed, known.get(name, pd.Series(dtype=str)).astype(str), [row.get(name, "")]
                )
                controls[name] = _dropdown(name, options, row.get(name, ""))
            stake = str(row.get("interested", "")).strip().lower()  # a yes/no: two options, never more
            controls["interested"] = _dropdown("interested", ["false", "true"], stake)
            for name, control in controls.items():
                control.observe(self._source_setter(i, name), names="value")
                self.source_fields[(i, name)] = control
            head = w.HTML(
                f"<b>{html.escape(str(row['source_id']))}</b>: {html.escape(str(row.get('reason', '')))}"
            )
            lines = (("source_id", "label", "name"),
                     ("kind", "country", "alignment", "channel", "interested"),
                     ("reliability", "reliability_rationale"))  # fmt: skip
            rows.append(w.VBox([head, decision, *(w.HBox([controls[n] for n in line]) for line in lines)]))
        self.sources_box.children = rows or [w.HTML("<p>No new source.</p>")]

    def _source_setter(self, i: Any, column: str) -> Any:
        def setter(change: dict[str, Any]) -> None:
            self.sources.at[i, column] = change["new"]
            if column != "decision" and self.sources.at[i, "decision"] == "accept":
                self.sources.at[i, "decision"] = "edit"
                self.source_fields[(i, "decision")].value = "edit"
            if column == "source_id":
                self._rename_source(i, str(change["new"]))
            if column in ("source_id", "label", "decision"):
                self._refresh_speakers()
            self._changed()

        return setter

    def _rename_source(self, i: Any, new: str) -> None:
        """New source ``i``'s id changed: every draft row that names it follows, unless the id is
        blank or another source's (then the rows keep naming it by its last id until it is not)."""
        old = self.linked[i]
        others = set(self.wb.sources["source_id"].astype(str)) | {v for j, v in self.linked.items() if j != i}
        if not new.strip() or new in others or new == old:
            return
        self.linked[i] = new
        for column in ("source_id", "reported_by"):
            self.rows[column] = self.rows[column].where(self.rows[column] != old, new)
        documents = self.draft.documents
        if "publisher" in documents:
            documents["publisher"] = documents["publisher"].where(documents["publisher"] != old, new)

    def _refresh_speakers(self) -> None:
        """Rebuild the speaker lists from the sources as they now stand; each keeps its selection."""
        speakers = self._speakers()
        self._updating = True  # new options are no edit of the statement or the document shown
        try:
            self.fields["source_id"].options = speakers
            self.fields["reported_by"].options = [("(none)", ""), *speakers]
            publisher = self.document_fields.get("publisher")
            if publisher is not None and len(self.draft.documents):
                current = str(self.draft.documents["publisher"].iloc[0])
                publisher.options = self._publishers(current)
                publisher.value = current
        finally:
            self._updating = False
        if not self.rows.empty:
            self.show(self.current)

    # -- one statement ------------------------------------------------------------------------
    def show(self, i: int) -> None:
        """Show statement ``i``: its quote marked in the document, its fields in the widgets."""
        if self.rows.empty:
            self.document.value = "<p>The draft holds no statement.</p>"
            return
        self.current = i
        self.seen.add(self.rows.index[i])
        row = self.rows.iloc[i]
        self._mark_quote(row)
        confidence, reason = html.escape(str(row["confidence"])), html.escape(str(row["reason"]))
        self.why.value = f"<p><b>{confidence} confidence</b>: {reason}</p>"
        self._updating = True
        try:
            self.decision.value = row["decision"]
            for name, control in self.fields.items():
                cell = row.get(name, "")  # a draft written before a column was declared lacks it
                value = "" if pd.isna(cell) else str(cell)
                options = [o[1] if isinstance(o, tuple) else o for o in getattr(control, "options", [value])]
                control.value = value if value in options or not hasattr(control, "options") else options[0]
            self.fields["credibility"].disabled = self.kinds.get(str(row["proposition_id"])) != "fact"
        finally:
            self._updating = False

    def _mark_quote(self, row: pd.Series) -> None:
        """The article with the statement's quote, as it now stands, marked; where the article does
        not hold it verbatim, the article unmarked under a line that says so."""
        text = self.draft.article.text
        quote = "" if pd.isna(row.get("quote", "")) else str(row.get("quote", ""))
        span = quote_span(text, quote, int(row["quote_start"]), int(row["quote_end"]))
        if span is None:
            note = (
                "<p><b>The quote is not in the article verbatim</b>: nothing is marked; copy it from the "
                "article as it is written.</p>"
            )
            self.document.value = f'{note}<div style="{BOX}">{html.escape(text)}</div>'
        else:
            self.document.value = f'<div style="{BOX}">{marked(text, *span)}</div>'

    def _edited(self, change: dict[str, Any]) -> None:
        if self._updating or self.rows.empty:
            return
        i = self.rows.index[self.current]
        if change["owner"] is self.decision:
            self.rows.at[i, "decision"] = change["new"]
            self._changed()
            return
        name = next(n for n, c in self.fields.items() if c is change["owner"])
        self.rows.at[i, name] = change["new"]
        if self.rows.at[i, "decision"] in ("accept", "check"):
            self._updating = True
            self.rows.at[i, "decision"] = self.decision.value = "edit"
            self._updating = False
        self._credibility_edited(i, name)
        if name == "proposition_id":
            self.fields["credibility"].disabled = self.kinds.get(str(change["new"])) != "fact"
        if name == "quote":
            self._mark_quote(self.rows.loc[i])
        self._changed()

    # -- ACH -------------------------------------------------------------------------------------
    def accepted(self) -> pd.DataFrame:
        """The statements accepted or edited, as they now stand ("check" and "reject" are left out)."""
        return self.rows[self.rows["decision"].isin(KEPT)]

    def rated(self) -> pd.DataFrame:
        """The accepted statements on facts: the rows of the ACH grid."""
        kept = self.accepted()
        facts = kept["proposition_id"].map(lambda p: self.kinds.get(p) == "fact").astype(bool)
        return kept.loc[facts]  # a boolean mask even when nothing is kept (never a list of columns)

    def refresh_grid(self) -> None:
        """Rebuild the ACH grid: a row per accepted statement on a fact, a column per hypothesis."""
        hypotheses = list(zip(self.wb.hypotheses["hypothesis_id"], self.wb.hypotheses["label"], strict=True))
        rows = self.rated()
        texts = dict(zip(self.wb.propositions["proposition_id"], self.wb.propositions["text"], strict=True))
        cells: list[w.Widget] = [w.HTML("<b>Statement and its proposition</b>")] + [
            w.HTML(f"<b>{html.escape(str(hid))}</b> {html.escape(str(label))}") for hid, label in hypotheses
        ]
        self.cells: dict[tuple[str, str], tuple[w.Dropdown, w.Dropdown, w.Textarea]] = {}
        proposals = {
            (str(r.statement_id), str(r.hypothesis_id)): {
                "rating": r.rating, "relevance": r.relevance, "rationale": r.rationale
            }
            for r in propose_ratings(
                rows, self.wb.statements, self.wb.ach_ratings, self.wb.hypotheses["hypothesis_id"],
                pd.concat([self.wb.sources, self.sources], ignore_index=True), self.wb.propositions,
                self.wb.expectations,
            ).itertuples(index=False)
        }  # fmt: skip
        for _, row in rows.iterrows():
            sid = str(row["statement_id"])
            pid = str(row["proposition_id"])
            cells.append(w.HTML(
                f"<b>{html.escape(sid)}</b> {html.escape(str(row['quote'])[:90])}<br>"
                f"<i>{html.escape(pid)}: {html.escape(str(texts.get(pid, ''))[:90])}</i>",
                layout=w.Layout(width="auto"),
            ))  # fmt: skip
            for hid, _ in hypotheses:
                stored = self.ratings.setdefault(
                    (sid, str(hid)), {"rating": "", "relevance": "", "rationale": "", "proposed": "yes"}
                )
                if stored["proposed"]:  # untouched by the analyst: the proposal for the row as it now stands
                    stored |= proposals.get((sid, str(hid)), {"rating": "", "relevance": "", "rationale": ""})
                # Labelled, so a screen reader and a reader of a crowded grid know which is which.
                # One above the other, each the cell's width: a value stays readable in a narrow column.
                label, whole = {"description_width": "5.5em"}, w.Layout(width="98%")
                rating = w.Dropdown(options=RATINGS, value=stored["rating"], description=f"{hid} rating",
                                    style=label, layout=whole)  # fmt: skip
                relevance = w.Dropdown(options=RELEVANCE, value=stored["relevance"], description="relevance",
                                       style=label, layout=whole)  # fmt: skip
                why = w.Textarea(value=stored["rationale"], placeholder="rationale",
                                 layout=w.Layout(width="98%", height="6em"))  # fmt: skip
                for name, control in (("rating", rating), ("relevance", relevance), ("rationale", why)):
                    control.observe(self._rating_setter(stored, name), names="value")
                self.cells[(sid, str(hid))] = (rating, relevance, why)
                cells.append(w.VBox([rating, relevance, why]))
        self.grid.children = [w.GridBox(cells, layout=w.Layout(**grid_layout(len(hypotheses))))]

    def _rating_setter(self, stored: dict[str, str], name: str) -> Callable[[dict[str, Any]], None]:
        def setter(change: dict[str, Any]) -> None:
            stored.update({name: change["new"], "proposed": ""})  # the analyst's: no proposal replaces it
            self._changed()

        return setter

    # -- adding -----------------------------------------------------------------------------------
    def tables(self) -> dict[str, pd.DataFrame]:
        """The rows to add, table by table, in draft columns: the document, the new sources not
        rejected that the accepted statements (or the document) name, the statements, their troop
        claims and the ACH ratings given."""
        kept = self.accepted()
        ids = set(kept["statement_id"])
        used = self._named()
        sources = self.sources[self.sources["source_id"].isin(used) & (self.sources["decision"] != "reject")]
        ratings = [
            {"statement_id": sid, "hypothesis_id": hid, **{k: values[k] for k in RATING_FIELDS}}
            for (sid, hid), values in self.ratings.items()
            if values["rating"] and sid in set(self.rated()["statement_id"])
        ]
        claims = self.kept_claims()
        return {
            "documents": self.draft.documents,
            "sources": sources.drop(columns=["decision"]),
            "statements": kept.drop(columns=["decision"]),
            "troop_claims": claims[claims["statement_id"].isin(ids)].drop(columns=["decision"]),
            "ach_ratings": pd.DataFrame(
                ratings, columns=["statement_id", "hypothesis_id", "rating", "relevance", "rationale"]
            ),
        }

    def _named(self) -> set[str]:
        """The source ids the kept statements and the document name."""
        kept = self.accepted()
        return set(kept["source_id"]) | set(kept["reported_by"]) | set(self.draft.documents["publisher"])

    def unused_sources(self) -> list[str]:
        """The new sources, not rejected, that nothing kept names: they are not added."""
        named = self._named()
        return [
            str(sid)
            for sid, decision in zip(self.sources["source_id"], self.sources["decision"], strict=True)
            if decision != "reject" and sid not in named
        ]

    def refusal(self) -> str:
        """Why the rows cannot be added as decided, in one line ("" when they can): a kept statement,
        or the document, names a rejected new source, or a kept statement's proposed credibility was
        never shown."""
        rejected = set(self.sources.loc[self.sources["decision"] == "reject", "source_id"].astype(str))
        rejected |= {self.linked[i] for i in self.sources.index[self.sources["decision"] == "reject"]}
        for row in self.accepted().itertuples():
            for column, role in (("source_id", "speaker"), ("reported_by", "relay")):
                named = str(getattr(row, column))
                if named in rejected:
                    return (
                        f"statement {row.statement_id} names the rejected source {named} as its {role}: "
                        "accept the source, or change or reject the statement"
                    )
        for i, row in self.accepted().iterrows():
            if i not in self.seen and proposed(row["credibility_rationale"]):
                return (
                    f"statement {row['statement_id']} has a proposed credibility nobody has seen: show it, "
                    "and keep or change the grade"
                )
        publisher = set(self.draft.documents.get("publisher", pd.Series(dtype=str)).astype(str))
        if publisher & rejected:
            return (
                f"the document's publisher is the rejected source {min(publisher & rejected)}: accept the "
                "source or choose another publisher"
            )
        return ""

    def kept_claims(self) -> pd.DataFrame:
        """The troop numbers accepted or edited, as they now stand."""
        return self.claims[self.claims["decision"].isin(KEPT)]

    def add(self) -> Added:
        """Validate the accepted rows added to the data; write them all, or nothing and show why.
        Called by the *Add to the data* button only: the notebook never calls it by itself."""
        refused = self.refusal()
        self.result = (
            Added(False, reason=refused)
            if refused
            else add_to_data(self.folder, self.tables(), self.article, self.draft.article.name)
        )
        for listener in self.listeners:
            listener(self.result)
        said = f"<p><b>{html.escape(self.result.summary())}</b></p>"
        if self.result.problems and not self.result.written:
            said += f"<pre>{html.escape(self.result.problems)}</pre>"
        self.result_html.value = said  # a refusal (folder busy or changed) is its one line alone
        return self.result

    def ach(self) -> Shown:
        """The ACH grid, to display: live drop-downs in JupyterLab, a table elsewhere."""
        return Shown(self.ach_ui, self._ach_html, f"ACH grid: {len(self.rated())} statements on facts")

    def adder(self) -> Shown:
        """The "Add to the data" button and what it last did."""
        return Shown(
            self.add_ui, lambda: self.result_html.value or "<p>Nothing added yet.</p>", "Add to the data"
        )

    def _ach_html(self) -> str:
        rows = [
            {
                "statement": sid,
                **{hid: values["rating"] or "–" for (s, hid), values in self.ratings.items() if s == sid},
            }
            for sid in self.rated()["statement_id"]
        ]
        frame = pd.DataFrame(rows, columns=["statement", *self.wb.hypotheses["hypothesis_id"]])
        return styled_table(frame, "review-ach", "ACH ratings given (– not yet rated)").to_html()

    # -- display ---------------------------------------------------------------------------------
    def static_html(self) -> str:
        """Where the review stands, as plain HTML for pages where no kernel runs the widgets."""
        shown = self.rows[["statement_id", "decision", "confidence", "source_id", "said_on", "attribution",
                           "proposition_id", "stance", "quote"]]  # fmt: skip
        table = styled_table(
            shown, "review-statements", "Draft statements and their decisions", wide=("quote",)
        )
        return "\n".join([
            "<p><em>A static view of the review; run the notebook in JupyterLab to accept, edit, grade and "
            "rate.</em></p>",
            self.why.value,
            self.document.value,
            table.to_html(),
        ])  # fmt: skip

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.ui._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["text/html"] = self.static_html()
        decided = self.rows["decision"].value_counts().to_dict()
        bundle["text/plain"] = f"Review of {len(self.rows)} draft statements: {decided}"
        return bundle
