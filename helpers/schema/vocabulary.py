"""The workbook's closed vocabularies, each term with the words a reader sees.

A vocabulary is declared once here; the descriptor's enums, the codebook, the validator's
categories and every sentence that names a term read it from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar


@dataclass(frozen=True)
class Term:
    """One allowed value and how a reader is told it."""

    value: str | int
    label: str = ""  # words for a reader, e.g. "Completely reliable"; empty: the value itself

    @property
    def words(self) -> str:
        return self.label or str(self.value)


@dataclass(frozen=True)
class Measure(Term):
    """What a troop count counts, and how it behaves over time and against other measures."""

    after_number: str = ""  # how it reads after a number: "1,500 sent"
    cumulative: bool = False  # only grows: troops sent, killed, captured by a date
    broader: str | None = None  # the measure every count of this one is also a count of


@dataclass(frozen=True)
class Estimate(Term):
    """An ICD 203 estimative term with its band of probabilities."""

    low: float = 0.0
    high: float = 1.0

    @property
    def band(self) -> str:
        return f"{self.low:.0%}-{self.high:.0%}".replace("%-", "-")


T = TypeVar("T", bound=Term)


@dataclass(frozen=True)
class Vocabulary(Generic[T]):
    """A closed list of terms; ``ordered`` when their order means something (A before B)."""

    name: str
    terms: tuple[T, ...]
    ordered: bool = False
    what: str = ""  # what the list is, in words: "the ICD 203 terms"
    _index: dict[object, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {t.value: i for i, t in enumerate(self.terms)})

    @property
    def values(self) -> tuple[str | int, ...]:
        return tuple(t.value for t in self.terms)

    def __iter__(self) -> Iterator[T]:
        return iter(self.terms)

    def __contains__(self, value: object) -> bool:
        return value in self._index

    def __len__(self) -> int:
        return len(self.terms)

    def index(self, value: object) -> int:
        """Position of ``value`` in the list (``KeyError`` when it is not a term)."""
        return self._index[value]

    def term(self, value: object) -> T:
        return self.terms[self._index[value]]

    def words(self, value: object) -> str:
        """The reader's words for ``value``; the value itself when it is not a term."""
        return self.terms[self._index[value]].words if value in self._index else str(value)

    def labels(self) -> dict[str | int, str]:
        return {t.value: t.words for t in self.terms}


RELIABILITY = Vocabulary(
    "reliability",
    (
        Term("A", "Completely reliable"),
        Term("B", "Usually reliable"),
        Term("C", "Fairly reliable"),
        Term("D", "Not usually reliable"),
        Term("E", "Unreliable"),
        Term("F", "Reliability cannot be judged"),
    ),
    ordered=True,
    what="the Admiralty reliability grades A-F",
)
CREDIBILITY = Vocabulary(
    "credibility",
    (
        Term(1, "Confirmed by other sources"),
        Term(2, "Probably true"),
        Term(3, "Possibly true"),
        Term(4, "Doubtful"),
        Term(5, "Improbable"),
        Term(6, "Truth cannot be judged"),
    ),
    ordered=True,
    what="the Admiralty credibility grades 1-6",
)
SOURCE_KINDS = Vocabulary(
    "source kind",
    tuple(
        Term(k)
        for k in (
            "official",
            "intelligence service",
            "government",
            "head of state",
            "legislator",
            "alliance",
            "media",
            "expert",
            "other",
        )
    ),
    what="the kinds of source the workbook tells apart",
)
PROPOSITION_KINDS = Vocabulary(
    "proposition kind",
    (
        Term("fact", "a fact (true or false now)"),
        Term("judgement", "a judgement"),
        Term("intention", "an intention"),
        Term("demand", "a demand"),
        Term("interpretation", "an interpretation"),
        Term("forecast", "a forecast"),
    ),
    what="the kinds of proposition; only facts are graded and weighed",
)
PRECISION = Vocabulary(
    "date precision",
    (Term("exact"), Term("approximate"), Term("on or before"), Term("range")),
    what="exact, approximate, on or before, range",
)
AS_OF_PRECISION = Vocabulary(
    "as-of precision",
    (Term("exact"), Term("approximate"), Term("on or before")),
    what="exact, approximate, on or before",
)
ATTRIBUTION = Vocabulary(
    "attribution",
    (
        Term("direct quote"),
        Term("partial quote"),
        Term("paraphrase"),
        Term("reported"),
        Term("outlet's own assertion"),
    ),
    what="how a document renders a statement",
)
STANCES = Vocabulary(
    "stance",
    (
        Term("affirms", "affirming"),
        Term("denies", "denying"),
        Term("uncertain", "uncertain"),
        Term("no evidence", "saying there is no evidence"),
        Term("conditional", "conditional"),
    ),
    what="the stances the evidence weighting knows",
)
PLACE_KINDS = Vocabulary(
    "place kind", (Term("country"), Term("region"), Term("theatre")), what="country, region, theatre"
)
BOUNDS = Vocabulary(
    "bound",
    (Term("exact"), Term("about"), Term("at least"), Term("up to"), Term("range")),
    what="the bounds a count is read with",
)
MEASURES = Vocabulary(
    "measure",
    (
        Measure("sent to", after_number="sent", cumulative=True),
        Measure("present in", after_number="present", broader="sent to"),
        Measure("preparing for combat", after_number="preparing for combat", broader="present in"),
        Measure("in combat", after_number="in combat", broader="present in"),
        Measure("killed", after_number="killed", cumulative=True, broader="killed or wounded"),
        Measure("wounded", after_number="wounded", cumulative=True, broader="killed or wounded"),
        Measure("killed or wounded", after_number="killed or wounded", cumulative=True),
        Measure("killed or wounded in a week", after_number="killed or wounded in a week"),
        Measure("captured", after_number="captured", cumulative=True),
    ),
    what="the measures the troop-number comparison understands",
)
MODALITIES = Vocabulary(
    "modality",
    (
        Term("asserted", "stated as fact"),
        Term("possible", "stated as possible"),
        Term("forecast", "a forecast for a later date"),
        Term("intended", "a plan or intention"),
    ),
    what="asserted, possible, forecast, intended",
)
RATINGS = Vocabulary(
    "ACH rating",
    (
        Term("CC", "very consistent"),
        Term("C", "consistent"),
        Term("N", "neutral"),
        Term("I", "inconsistent"),
        Term("II", "very inconsistent"),
    ),
    ordered=True,
    what="Heuer's ratings CC, C, N, I, II",
)
RELEVANCE = Vocabulary(
    "relevance", (Term("low"), Term("medium"), Term("high")), ordered=True, what="low, medium, high"
)
LIKELIHOOD = Vocabulary(
    "likelihood",
    (
        Estimate("almost no chance", low=0.01, high=0.05),
        Estimate("very unlikely", low=0.05, high=0.20),
        Estimate("unlikely", low=0.20, high=0.45),
        Estimate("roughly even chance", low=0.45, high=0.55),
        Estimate("likely", low=0.55, high=0.80),
        Estimate("very likely", low=0.80, high=0.95),
        Estimate("almost certain", low=0.95, high=0.99),
    ),
    ordered=True,
    what="only the ICD 203 terms",
)
CONFIDENCE = Vocabulary(
    "confidence",
    (Term("low"), Term("moderate"), Term("high")),
    ordered=True,
    what="only ICD 203's confidence levels low, moderate and high",
)
DIRECTIONS = Vocabulary(
    "direction",
    (Term("raises"), Term("lowers"), Term("supports"), Term("weakens")),
    what="raises or lowers a judgement; supports or weakens a hypothesis",
)
STATUSES = Vocabulary(
    "status",
    (
        Term("not seen", "not seen"),
        Term("absent", "expected by now, not seen"),
        Term("partly seen", "partly seen"),
        Term("seen", "seen"),
    ),
    what="not seen, absent (expected by now, not seen), partly seen, seen",
)
ORIGINS = Vocabulary(
    "origin",
    (
        Term("derived", "derived by a named rule from other values"),
        Term("defaulted", "a default: nothing better was known"),
        Term("drafted", "drafted by the workbook, not yet reviewed"),
    ),
    what="derived, defaulted, drafted (a value the analyst typed or accepted is curated, and not listed)",
)
