"""The workbook's tables: the one list from which the loader, the workbook and the descriptor check read.

Each table names the columns the analyses need, whatever else a dataset adds. Optional tables and
columns came later: data curated before them still loads, with the defaults stated here (which the
codebook prints), so that every analysis sees the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    """One table of the workbook, the columns it cannot do without, and whether it may be absent."""

    name: str
    columns: tuple[str, ...]
    optional: bool = False
    absent: str = ""  # for an optional table: what the workbook does without it


@dataclass(frozen=True)
class OptionalColumn:
    """A column data may lack; the loader then fills it as ``default`` says."""

    table: str
    name: str
    default: str


CATALOG: tuple[TableSpec, ...] = (
    TableSpec("documents", ("document_id", "title", "outlet", "published", "path", "url")),
    TableSpec(
        "sources",
        (
            "source_id",
            "label",
            "name",
            "kind",
            "country",
            "alignment",
            "interested",
            "reliability",
            "reliability_rationale",
        ),
    ),
    TableSpec("propositions", ("proposition_id", "text", "kind")),
    TableSpec(
        "statements",
        (
            "statement_id",
            "document_id",
            "source_id",
            "reported_by",
            "said_on",
            "quote",
            "attribution",
            "proposition_id",
            "stance",
            "hedge",
            "credibility",
            "credibility_rationale",
            "responds_to",
        ),
    ),
    TableSpec(
        "troop_claims",
        (
            "claim_id",
            "statement_id",
            "count",
            "count_low",
            "count_high",
            "location",
            "activity",
            "modality",
            "as_of",
        ),
    ),
    TableSpec("hypotheses", ("hypothesis_id", "text")),
    TableSpec("ach_ratings", ("statement_id", "hypothesis_id", "rating")),
    TableSpec(
        "places",
        ("place_id", "name", "parent", "kind"),
        optional=True,
        absent="no place lies in another: only claims about the very same place compare",
    ),
    TableSpec(
        "judgements",
        (
            "judgement_id",
            "proposition_id",
            "as_of",
            "likelihood",
            "confidence",
            "rationale",
            "assumptions",
            "would_change_if",
            "implications",
            "supersedes",
        ),
        optional=True,
        absent="no analyst's judgement: the briefing shows the computed evidence balances alone, and says so",
    ),
    TableSpec(
        "indicators",
        ("indicator_id", "text", "bears_on", "direction", "status", "as_of", "notes"),
        optional=True,
        absent="no indicators to watch",
    ),
)
# Dates in the optional tables: an absent table still has typed (empty) date columns.
OPTIONAL_DATES: dict[str, tuple[str, ...]] = {"judgements": ("as_of",), "indicators": ("as_of",)}
OPTIONAL_COLUMNS: tuple[OptionalColumn, ...] = (
    OptionalColumn(
        "troop_claims",
        "bound",
        "`range` where `count_low` or `count_high` differs from `count`, otherwise `exact`",
    ),
    OptionalColumn(
        "troop_claims",
        "measure",
        "from `activity`: `sent` is `sent to`; `preparing for combat` and `in combat` stay as they are; "
        "`training`, `non-combat support` and `present` are `present in`",
    ),
    OptionalColumn("troop_claims", "place", "the `location` as written, a place of its own"),
    OptionalColumn("troop_claims", "as_of_precision", "`exact`"),
    OptionalColumn("statements", "same_as", "empty: each statement is a remark of its own"),
    OptionalColumn("statements", "said_on_earliest", "empty: no statement is dated by a range"),
    OptionalColumn("sources", "channel", "empty: each source is a channel of its own"),
    OptionalColumn("ach_ratings", "relevance", "empty: `medium`"),
)
TABLES: tuple[str, ...] = tuple(spec.name for spec in CATALOG)
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    spec.name: spec.columns for spec in CATALOG if not spec.optional
}
OPTIONAL_TABLES: dict[str, tuple[str, ...]] = {spec.name: spec.columns for spec in CATALOG if spec.optional}
WHEN_ABSENT: dict[str, str] = {spec.name: spec.absent for spec in CATALOG if spec.optional}
