"""The workbook's tables: the one list from which the loader, the workbook and the descriptor check read.

Each table names the columns the analyses need, whatever else a dataset adds.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    """One table the workbook needs, and the columns it cannot do without."""

    name: str
    columns: tuple[str, ...]


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
)
TABLES: tuple[str, ...] = tuple(spec.name for spec in CATALOG)
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {spec.name: spec.columns for spec in CATALOG}
