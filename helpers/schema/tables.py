"""The workbook's contract with its data: every table and column it reads, declared once.

The shipped descriptors, the validator's checks, the defaults older data gets, the codebooks and
the typed attributes of :class:`helpers.workbook.Workbook` all come from this declaration. A data
folder's ``datapackage.json`` may add tables, columns and descriptions; it may not drop, retype,
widen or loosen anything declared here (:mod:`helpers.validate.contract`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..frames import column_by, lookup, lookup_by
from .shapes import ID_PATTERN, Column, Default, Reference, Table, Tables
from .vocabulary import (
    AS_OF_PRECISION,
    ATTRIBUTION,
    BOUNDS,
    CONFIDENCE,
    CREDIBILITY,
    DIRECTIONS,
    LIKELIHOOD,
    MEASURES,
    MODALITIES,
    ORIGINS,
    PLACE_KINDS,
    PRECISION,
    PROPOSITION_KINDS,
    RATINGS,
    RELEVANCE,
    RELIABILITY,
    SOURCE_KINDS,
    STANCES,
    STATUSES,
    Term,
    Vocabulary,
)

SCHEMA_VERSION = 6
SCHEMA_KEY = "workbookSchema"  # the descriptor's top-level property that records the version
ROUND = 100  # a count of at least this many that is a multiple of it is a round figure
# No count of troops or casualties exceeds this (North Korea's whole army is about 1.3 million): the
# drafter reads a larger number as no troop count at all.
COUNT_LIMIT = 10_000_000


def _key(name: str, what: str) -> Column:
    return Column(
        name, "string", f"Identifier of the {what}.", required=True, unique=True, pattern=ID_PATTERN
    )


def _link(
    name: str, description: str, required: bool = False, blank: str | None = None, rule: str = ""
) -> Column:
    """A column naming a row of some table; ``blank`` (for an optional one) says what a blank means,
    and ``rule`` names that reading when it stands in for a curator's decision (a default)."""
    optional = blank is not None
    default = Default(blank, origin="defaulted" if rule else None, rule=rule) if blank is not None else None
    return Column(
        name, "string", description, required=required, pattern=ID_PATTERN, optional=optional, default=default
    )


def _notes(what: str) -> Column:
    return Column(
        "notes", "string", f"Curators' notes on the {what}.", optional=True, default=Default("empty")
    )


_BACKERS = re.compile(r"\s*['\u2019]s backers\s*$", re.IGNORECASE)


def dispute_side(alignment: object) -> str:
    """The side of the dispute an alignment stands on: "Ukraine's backers" stand with "Ukraine", so
    agreement between a party and its backers is agreement inside one side, not across sides."""
    return _BACKERS.sub("", str(alignment)).strip().casefold()


UNSTATED_CHANNEL = "unstated"  # the start of every default channel's name


def _side_channel(frame: pd.DataFrame, tables: Tables) -> pd.Series:
    """A source whose channel nobody gave shares one with every such source of its country and side:
    not knowing how it learned what it says, the workbook never counts it as an independent witness."""
    country = frame["country"].astype(object).where(frame["country"].notna(), "no country")
    side = frame["alignment"].map(dispute_side)
    return UNSTATED_CHANNEL + " (" + country.astype(str) + ", " + side.astype(str) + ")"


def _self_serving(frame: pd.DataFrame, tables: Tables) -> pd.Series:
    sources = column_by(tables["sources"], "source_id", "interested")
    interested = lookup(frame["source_id"], sources).fillna(False).to_numpy(dtype=bool)
    return pd.Series(interested & (frame["stance"] == "denies").to_numpy(dtype=bool), index=frame.index)


SPEAK_FOR_A_SIDE = ("official", "intelligence service", "government", "head of state", "media")


def _broader(propositions: pd.DataFrame, start: set[str]) -> dict[str, list[str]]:
    """Each proposition of ``start`` with every broader one it implies, itself first (a set guards
    the walk, so a long chain costs its length, not its square)."""
    parent = dict(zip(propositions["proposition_id"].astype(str), propositions["implies"], strict=True))
    out: dict[str, list[str]] = {}
    for pid in start:
        chain, seen, node = [pid], {pid}, parent.get(pid)
        while isinstance(node, str) and node not in seen:
            chain.append(node)
            seen.add(node)
            node = parent.get(node)
        out[pid] = chain
    return out


def _against_interest(frame: pd.DataFrame, tables: Tables) -> pd.Series:
    """An interested party affirming a proposition (or a narrower one) that its side of the dispute
    denied earlier through a source that speaks for it (a government, an official, its state media):
    not a captured soldier's or a lawmaker's word."""
    sources = tables["sources"].drop_duplicates("source_id").set_index("source_id")
    interested = lookup(frame["source_id"], sources["interested"]).fillna(False).to_numpy(dtype=bool)
    side = lookup(frame["source_id"], sources["alignment"]).map(dispute_side, na_action="ignore").to_numpy()
    speaks = lookup(frame["source_id"], sources["kind"]).isin(SPEAK_FOR_A_SIDE).to_numpy(dtype=bool)
    # Whole columns stay in Arrow or as category codes; only the few rows that deny or affirm are
    # turned into Python objects (a million statements' ids cost more than the rest of the rule).
    stance = frame["stance"]
    denies = interested & speaks & (stance == "denies").to_numpy(dtype=bool, na_value=False)
    out = pd.Series(False, index=frame.index)
    denied = pd.DataFrame(
        {
            "side": side[denies],
            "target": frame["proposition_id"].astype(str)[denies].to_numpy(),
            "denied_on": frame["said_on"].to_numpy()[denies],
        }
    )
    if denied.empty:
        return out
    said_on = frame["said_on"].to_numpy()
    # Only a side that denied something can admit it: the rest are never walked up their chains.
    affirming = np.flatnonzero(interested & (stance == "affirms").to_numpy(dtype=bool, na_value=False))
    affirming = affirming[np.isin(side[affirming], denied["side"].unique())]
    pids = frame["proposition_id"].astype(str).iloc[affirming].to_numpy()
    chains = _broader(tables["propositions"], set(pids))
    rows = [
        (k, side[k], target, said_on[k])
        for k, pid in zip(affirming, pids, strict=True)
        for target in chains.get(pid, [])
    ]
    if not rows:
        return out
    said = pd.DataFrame(rows, columns=["_k", "side", "target", "said_on"]).merge(
        denied, on=["side", "target"]
    )
    earlier = said[(said["denied_on"] < said["said_on"]).to_numpy(dtype=bool)]
    out.iloc[sorted(set(earlier["_k"]))] = True
    return out


def _bound(frame: pd.DataFrame, tables: Tables) -> pd.Series:
    """The bound the row's numbers state: one side given alone is that one-sided bound (a high end
    alone is "up to", a low end alone "at least"); two ends that differ from the count, a range; no
    ends, "about" for a round figure and "exact" otherwise."""
    count = frame["count"].astype("Float64")
    low, high = frame["count_low"].astype("Float64"), frame["count_high"].astype("Float64")
    only_high = (low.isna() & high.notna()).to_numpy(dtype=bool)
    only_low = (high.isna() & low.notna()).to_numpy(dtype=bool)
    ranged = ((low.fillna(count) != count) | (high.fillna(count) != count)).fillna(False).to_numpy(dtype=bool)
    round_figure = ((count >= ROUND) & (count % ROUND == 0)).fillna(False).to_numpy(dtype=bool)
    bound = np.select(
        [only_high, only_low, ranged, round_figure], ["up to", "at least", "range", "about"], "exact"
    )
    return pd.Series(bound, index=frame.index)


def _dated_by_statement(frame: pd.DataFrame, tables: Tables) -> pd.Series:
    """Whether a count's as-of day is the day its statement was said: the count is then dated by the
    remark, not by the document's own word for when the number held."""
    said = lookup_by(frame["statement_id"], tables["statements"], "statement_id", "said_on")
    return pd.Series((said == frame["as_of"]).fillna(False).to_numpy(dtype=bool), index=frame.index)


def _as_of_precision(frame: pd.DataFrame, tables: Tables) -> pd.Series:
    """ "on or before" for a count dated by its statement (the remark says the number held by then, not
    since when); "approximate" otherwise: a date nobody said was exact is not read as exact."""
    dated = _dated_by_statement(frame, tables).to_numpy(dtype=bool)
    return pd.Series(np.where(dated, "on or before", "approximate"), index=frame.index)


def _constant(value: object, rule: str = "") -> Default:
    """A blanket default; with ``rule``, a stand-in for a curator's decision, marked defaulted."""
    return Default(
        f"`{str(value).lower()}`",
        lambda frame, tables: pd.Series(value, index=frame.index, dtype=object),
        origin="defaulted" if rule else None,
        rule=rule,
    )


DOCUMENTS = Table(
    "documents",
    "Documents",
    "The documents the statements are taken from; their raw text lies under seeds/.",
    ("document_id",),
    (
        _key("document_id", "document"),
        Column(
            "title",
            "string",
            "Headline, or a descriptive label where the document has none (said so in notes).",
            "document, or curator where it has none",
            required=True,
        ),
        Column(
            "outlet",
            "string",
            "Publisher of the document as it names itself; empty when the document does not name it.",
            "document",
        ),
        _link(
            "publisher",
            "The source row (sources.source_id) that grades the outlet as a link of every statement taken "
            "from the document: the chain speaker, relay, outlet is no stronger than its weakest link. "
            "Empty: the outlet cannot be graded, so the document's statements carry no weight.",
            blank="no graded outlet: the document's statements carry no weight",
            rule="no-graded-publisher",
        ),
        Column(
            "published",
            "date",
            "Date of publication (YYYY-MM-DD).",
            "document, resolved by curator",
            required=True,
        ),
        Column("published_basis", "string", "How the publication date was established.", required=True),
        Column(
            "path",
            "string",
            "Path of the raw text, relative to the folder that holds the data folder; under seeds/.",
            required=True,
            unique=True,
            pattern="^seeds/[^/].*$",
        ),
        Column(
            "url",
            "string",
            "Web address of the document; empty when unknown.",
            "document",
            pattern="^https?://\\S+$",
        ),
        Column(
            "sha256",
            "string",
            "SHA-256 of the raw file's bytes, so that an edited document is caught.",
            "computed from the raw file",
            required=True,
            pattern="^[0-9a-f]{64}$",
        ),
        Column(
            "excerpt",
            "boolean",
            "True when the stored text is only part of the document (an excerpt, a page cut off): what "
            "it does not say may still be in the document, so an absence in it is no absence there.",
            "curator, from the document",
            optional=True,
            default=_constant(False, "not-an-excerpt"),
        ),
        _notes("document"),
    ),
    references=(Reference(("publisher",), "sources", ("source_id",)),),
)

SOURCES = Table(
    "sources",
    "Sources",
    "Who makes the statements (and the outlets that carry them), graded for reliability with the "
    "Admiralty code (NATO STANAG 2511 / AJP-2.1).",
    ("source_id",),
    (
        _key("source_id", "source"),
        Column(
            "label", "string", "Short name for charts and tables.", required=True, unique=True, max_length=40
        ),
        Column(
            "name",
            "string",
            "Name and role of the source, as the documents give them.",
            "document",
            required=True,
            unique=True,
        ),
        Column(
            "kind",
            "string",
            "What kind of source it is.",
            "curator judgement",
            required=True,
            vocabulary=SOURCE_KINDS,
        ),
        Column(
            "country", "string", "Country the source speaks for or is based in; empty where none.", "document"
        ),
        Column(
            "alignment",
            "string",
            "Camp of the source in the dispute: a party, a party's backers (written \"<party>'s backers\": "
            "one side of the dispute with the party), or unaligned. The dataset names its camps (its "
            "descriptor may list them as an enum).",
            "curator judgement",
            required=True,
        ),
        Column(
            "channel",
            "string",
            "Collection channel or independence group: sources on one channel are not independent "
            "witnesses (an agency and the lawmakers who relay its briefings; a wire and the sites that "
            "republish it). Empty: the workbook does not know how the source learned what it says, so it "
            "counts it as one witness with every other source of its country and side.",
            "curator judgement",
            pattern=ID_PATTERN,
            optional=True,
            default=Default(
                "one unstated channel per country and side of the dispute: not independent of the other "
                "sources of its country and side",
                _side_channel,
                origin="defaulted",
                rule="channel-by-country-and-side",
            ),
        ),
        Column(
            "interested",
            "boolean",
            "True for a party with a direct stake: a belligerent or the accused.",
            "curator judgement",
            required=True,
        ),
        Column(
            "reliability",
            "string",
            "Admiralty source reliability.",
            "curator judgement (Admiralty)",
            required=True,
            vocabulary=RELIABILITY,
        ),
        Column(
            "reliability_rationale",
            "string",
            "One sentence that justifies the reliability grade: the source's record, not one claim.",
            "curator judgement",
            required=True,
            min_length=20,
        ),
    ),
)

PROPOSITIONS = Table(
    "propositions",
    "Propositions",
    "The claims that statements affirm, deny or leave open.",
    ("proposition_id",),
    (
        _key("proposition_id", "proposition"),
        Column(
            "text",
            "string",
            "The proposition as one declarative sentence, as the quotes put it.",
            required=True,
            unique=True,
        ),
        Column(
            "kind",
            "string",
            "What sort of claim it is. Only statements on facts are graded for credibility, and only "
            "facts get an evidence balance.",
            "curator judgement",
            required=True,
            vocabulary=PROPOSITION_KINDS,
        ),
        _link(
            "implies",
            "A broader proposition this one entails (propositions.proposition_id), as a place lies in "
            "another: evidence for this one counts toward the broader once, and evidence against the "
            "broader counts against this one.",
            blank="no broader proposition",
        ),
        Column(
            "changing",
            "boolean",
            'True for a claim about a state that changes ("the reports go unanswered", "no more troops are '
            'arriving"): any later statement against it that carries weight overtakes it, whoever says it.',
            "curator judgement",
            optional=True,
            default=_constant(False),
        ),
        _notes("proposition's scope"),
    ),
    references=(Reference(("implies",), "", ("proposition_id",)),),
)

STATEMENTS = Table(
    "statements",
    "Statements",
    "Every attributable statement of the documents, with its verbatim words and Admiralty credibility.",
    ("statement_id",),
    (
        _key("statement_id", "statement"),
        _link("document_id", "Document the quote is taken from (documents.document_id).", required=True),
        _link("source_id", "Who made the statement (sources.source_id).", required=True),
        _link(
            "reported_by",
            "Who relayed it to the document, when not the document's own outlet "
            "(sources.source_id); empty otherwise.",
        ),
        Column(
            "said_on",
            "date",
            "When the statement was made (YYYY-MM-DD); for a range or 'on or before', "
            "the latest possible day.",
            "document, resolved by curator",
            required=True,
        ),
        Column(
            "said_on_earliest",
            "date",
            "For a said_on_precision of range: the earliest possible day.",
            optional=True,
            default=Default("empty: no range"),
        ),
        Column("said_on_precision", "string", "How exact said_on is.", required=True, vocabulary=PRECISION),
        Column(
            "said_on_basis",
            "string",
            "The document's words or reasoning behind said_on.",
            "document and curator",
            required=True,
        ),
        Column(
            "quote",
            "string",
            "The document's exact words, character for character.",
            "document, verbatim",
            required=True,
        ),
        Column(
            "attribution",
            "string",
            "How the document renders the statement.",
            "document",
            required=True,
            vocabulary=ATTRIBUTION,
        ),
        _link(
            "proposition_id",
            "The proposition the statement bears on (propositions.proposition_id).",
            required=True,
        ),
        Column(
            "stance",
            "string",
            "The statement's stance on the proposition: no evidence is weak evidence "
            "against; uncertain and conditional take no side.",
            "curator judgement",
            required=True,
            vocabulary=STANCES,
        ),
        Column(
            "hedge",
            "string",
            "The speaker's hedging words from the quote (could be, reportedly, "
            "presumably); empty when unhedged. An outlet's word ('alleged'), a condition, a label or a "
            "troop claim's bound is not the speaker's hedge.",
            "document, verbatim",
        ),
        Column(
            "self_serving",
            "boolean",
            "True when the statement says what the speaker's own stake calls for, so that it is as "
            "likely whether or not it is true (the accused denying): it weighs nothing in the evidence "
            "balance, as ACH rates it alike under every hypothesis.",
            "curator judgement",
            optional=True,
            default=Default(
                "true where an interested source denies, otherwise false",
                _self_serving,
                origin="derived",
                rule="interested-denial",
            ),
        ),
        Column(
            "against_interest",
            "boolean",
            "True for an admission against interest: an interested party saying what its side's stake "
            "would have it deny (the accused confirming what it denied). It is evidence from no stake: "
            "counted with the disinterested, never left out with interested parties, and its speaker's "
            "own grade and its side's own relay are set aside.",
            "curator judgement",
            optional=True,
            default=Default(
                "true where an interested source affirms what a source speaking for its side (a government, "
                "an official, its state media) denied earlier, on the proposition or a broader one",
                _against_interest,
                origin="derived",
                rule="admission-against-interest",
            ),
        ),
        Column(
            "credibility",
            "integer",
            "Admiralty information credibility, for a statement on a fact; "
            "blank for demands, intentions, judgements, interpretations and forecasts (6 means the truth "
            "cannot be judged, not 'not applicable').",
            "curator judgement (Admiralty)",
            vocabulary=CREDIBILITY,
        ),
        Column(
            "credibility_rationale",
            "string",
            "One sentence that justifies the credibility grade on the "
            "statement's own merits, or says why it is not graded.",
            "curator judgement",
            required=True,
            min_length=20,
        ),
        _link("responds_to", "The statement this one answers, rebuts or revises (statements.statement_id)."),
        _link(
            "same_as",
            "An earlier report of the same remark (statements.statement_id): one remark "
            "reported twice is one item of evidence.",
            blank="a remark of its own",
        ),
    ),
    references=(
        Reference(("document_id",), "documents", ("document_id",)),
        Reference(("source_id",), "sources", ("source_id",)),
        Reference(("reported_by",), "sources", ("source_id",)),
        Reference(("proposition_id",), "propositions", ("proposition_id",)),
        Reference(("responds_to",), "", ("statement_id",)),
        Reference(("same_as",), "", ("statement_id",)),
    ),
)

PLACES = Table(
    "places",
    "Places",
    "A gazetteer of the places counts refer to; parent gives containment.",
    ("place_id",),
    (
        _key("place_id", "place"),
        Column("name", "string", "Name of the place.", "document", required=True, unique=True),
        _link("parent", "The place that contains this one (places.place_id); empty for a top-level place."),
        Column(
            "kind",
            "string",
            "What kind of place it is.",
            optional=True,
            vocabulary=PLACE_KINDS,
            default=Default("empty: not stated"),
        ),
        _notes("place"),
    ),
    references=(Reference(("parent",), "", ("place_id",)),),
)

TROOP_CLAIMS = Table(
    "troop_claims",
    "Troop-number claims",
    "Numbers of troops a statement claims, with what they count, where, how bounded and as of when.",
    ("claim_id",),
    (
        _key("claim_id", "claim"),
        _link("statement_id", "The statement that makes the claim (statements.statement_id).", required=True),
        Column(
            "count", "integer", "The number claimed (the point figure).", "document", required=True, minimum=1
        ),
        Column(
            "count_low",
            "integer",
            "Low end of the number the claim admits; empty: the count, unless the bound says otherwise.",
            "document",
            minimum=1,
        ),
        Column(
            "count_high",
            "integer",
            "High end of the number the claim admits; empty: the count, unless "
            "the bound says otherwise (no upper end for 'at least').",
            "document",
            minimum=1,
        ),
        Column(
            "bound",
            "string",
            "How the number is bounded: exact, about (within a quarter either way), at least, up to, or "
            "a range (count_low to count_high).",
            "document, coded by curator",
            vocabulary=BOUNDS,
            optional=True,
            default=Default(
                f"`up to` where only count_high is given; `at least` where only count_low is; `range` "
                f"where both are and one differs from count; else `about` for a round figure (a multiple "
                f"of {ROUND}), since a round number is not exact; else `exact`",
                _bound,
                origin="derived",
                rule="bound-from-figure",
            ),
        ),
        Column(
            "location",
            "string",
            "Where the troops are said to be, in the document's words.",
            "document",
            required=True,
        ),
        _link(
            "place",
            "The place the count refers to (places.place_id): counts compare only where one "
            "place equals or contains the other. Empty where the document names no place.",
            blank="no place: the count is compared with no other",
            rule="no-place",
        ),
        Column(
            "measure",
            "string",
            "What the number counts.",
            "document, coded by curator",
            required=True,
            vocabulary=MEASURES,
        ),
        Column(
            "modality",
            "string",
            "asserted (stated as fact), possible (hedged), forecast (a number "
            "expected at a later date) or intended (a plan): forecasts and plans are never compared as "
            "counts.",
            "document, coded by curator",
            required=True,
            vocabulary=MODALITIES,
        ),
        Column(
            "as_of",
            "date",
            "The date the number describes (for a forecast or plan, the date it refers to).",
            "document, resolved by curator",
            required=True,
        ),
        Column(
            "as_of_precision",
            "string",
            "How exact as_of is: on or before makes it the latest possible day.",
            vocabulary=AS_OF_PRECISION,
            optional=True,
            default=Default(
                "`on or before` where as_of is the day its statement was said (a count dated by its "
                "remark); else `approximate`: a date nobody said was exact is not read as exact",
                _as_of_precision,
                origin="defaulted",
                rule="as-of-precision",
                derived_where=_dated_by_statement,
            ),
        ),
        Column(
            "part",
            "string",
            "The part of the force the number counts, where it counts only a part (a unit, a branch, one "
            "contingent: 'combat engineers', 'the first deployment'); empty: the whole force. A part is "
            "compared only with counts of the same part.",
            "document",
            optional=True,
            default=Default("empty: the whole force"),
        ),
        Column(
            "authoritative",
            "boolean",
            "True for the reading of a remark the curator takes as "
            "authoritative where one remark is reported in several readings; otherwise the widest "
            "reading is compared.",
            "curator judgement",
            optional=True,
            default=_constant(False),
        ),
        _notes("claim"),
    ),
    references=(
        Reference(("statement_id",), "statements", ("statement_id",)),
        Reference(("place",), "places", ("place_id",)),
    ),
)

HYPOTHESES = Table(
    "hypotheses",
    "Hypotheses",
    "Competing hypotheses for the Analysis of Competing Hypotheses (Heuer): mutually exclusive, and "
    "together exhaustive (a residual one included).",
    ("hypothesis_id",),
    (
        _key("hypothesis_id", "hypothesis"),
        Column("label", "string", "Short name of the hypothesis.", required=True, unique=True),
        Column("text", "string", "The hypothesis as one sentence.", required=True, unique=True),
    ),
)

EXPECTATIONS = Table(
    "expectations",
    "Expectations",
    "What each hypothesis expects of each factual proposition, declared once (Heuer: what would be seen "
    "if the hypothesis were true): true, or false. A pair with no row has no expectation. The drafter "
    "derives a new statement's ACH rating under each hypothesis from its stance and this grid, marked "
    "derived, for the analyst to keep or change.",
    ("hypothesis_id", "proposition_id"),
    (
        _link("hypothesis_id", "The hypothesis (hypotheses.hypothesis_id).", required=True),
        _link("proposition_id", "The factual proposition (propositions.proposition_id).", required=True),
        Column(
            "expects",
            "boolean",
            "Whether the proposition would be true were the hypothesis true.",
            "analyst judgement (ACH)",
            required=True,
        ),
        Column(
            "rationale",
            "string",
            "Why the hypothesis expects it, in one sentence.",
            "analyst judgement",
            required=True,
            min_length=20,
        ),
    ),
    references=(
        Reference(("hypothesis_id",), "hypotheses", ("hypothesis_id",)),
        Reference(("proposition_id",), "propositions", ("proposition_id",)),
    ),
    optional=True,
    absent="no expectations declared: ACH ratings are proposed from the analyst's earlier ratings alone",
)

ACH_RATINGS = Table(
    "ach_ratings",
    "ACH ratings",
    "How likely each item of evidence would be under each hypothesis (Heuer; PARC ACH 2.0), and how "
    "relevant it is: only I and II count against a hypothesis.",
    ("statement_id", "hypothesis_id"),
    (
        _link("statement_id", "The statement rated (statements.statement_id).", required=True),
        _link(
            "hypothesis_id", "The hypothesis it is rated against (hypotheses.hypothesis_id).", required=True
        ),
        Column(
            "rating",
            "string",
            "How likely this item would be if the hypothesis were true.",
            "curator judgement (ACH)",
            required=True,
            vocabulary=RATINGS,
        ),
        Column(
            "relevance",
            "string",
            "How strongly the item bears on the hypothesis.",
            "curator judgement",
            vocabulary=RELEVANCE,
            optional=True,
            default=_constant("medium", "medium-relevance"),
        ),
        Column(
            "rationale",
            "string",
            "Why this item would, or would not, be expected if this hypothesis were true.",
            "curator judgement",
            required=True,
            min_length=20,
        ),
    ),
    references=(
        Reference(("statement_id",), "statements", ("statement_id",)),
        Reference(("hypothesis_id",), "hypotheses", ("hypothesis_id",)),
    ),
)

JUDGEMENTS = Table(
    "judgements",
    "Judgements",
    "The analyst's key judgements in ICD 203 estimative language, each with its rationale, key "
    "assumptions, what would change it, and the judgement it replaces. The workbook computes an "
    "evidence balance beside each as a check; it never writes these.",
    ("judgement_id",),
    (
        _key("judgement_id", "judgement"),
        _link("proposition_id", "The proposition judged (propositions.proposition_id).", required=True),
        Column(
            "as_of", "date", "The date of the latest evidence the judgement weighs.", "analyst", required=True
        ),
        Column(
            "likelihood",
            "string",
            "How likely the proposition is, in ICD 203 terms.",
            "analyst judgement (ICD 203)",
            required=True,
            vocabulary=LIKELIHOOD,
        ),
        Column(
            "confidence",
            "string",
            "Confidence in the judgement, stated apart from likelihood.",
            "analyst judgement (ICD 203)",
            required=True,
            vocabulary=CONFIDENCE,
        ),
        Column(
            "rationale",
            "string",
            "The argument from the evidence to the judgement, naming the statements it rests on.",
            "analyst judgement",
            required=True,
            min_length=20,
        ),
        Column(
            "assumptions",
            "string",
            "The key assumptions the judgement depends on, apart from the "
            "evidence; several are separated by ' | '.",
            "analyst judgement",
            required=True,
            min_length=10,
        ),
        Column(
            "would_change_if",
            "string",
            "What new evidence would change the judgement.",
            "analyst judgement",
            required=True,
            min_length=10,
        ),
        Column(
            "implications",
            "string",
            "What the judgement means for the reader; empty when none is drawn.",
            "analyst judgement",
        ),
        _link("supersedes", "The earlier judgement this one replaces (judgements.judgement_id)."),
    ),
    references=(
        Reference(("proposition_id",), "propositions", ("proposition_id",)),
        Reference(("supersedes",), "", ("judgement_id",)),
    ),
    optional=True,
    absent="no analyst's judgement: the briefing shows the computed evidence balances alone, labelled so",
)

INDICATORS = Table(
    "indicators",
    "Indicators",
    "Indicators to watch (Heuer's last step): observable events that would bear on a judgement or a "
    "hypothesis, and whether they have been seen.",
    ("indicator_id",),
    (
        _key("indicator_id", "indicator"),
        Column(
            "text",
            "string",
            "The observable event to watch for, as one sentence.",
            "analyst",
            required=True,
            min_length=10,
        ),
        _link(
            "bears_on",
            "The judgement (judgements.judgement_id) or hypothesis (hypotheses.hypothesis_id) it bears on.",
            required=True,
        ),
        Column(
            "direction",
            "string",
            "What seeing it would do.",
            "analyst judgement",
            required=True,
            vocabulary=DIRECTIONS,
        ),
        Column(
            "status",
            "string",
            "Whether it has been seen, as of the date given; absent: expected by now "
            "and not seen, which makes it a row of the ACH matrix.",
            "analyst",
            required=True,
            vocabulary=STATUSES,
        ),
        Column("as_of", "date", "The date the status was last checked.", "analyst", required=True),
        Column(
            "notes",
            "string",
            "Where it was seen, or what would count.",
            "analyst",
            optional=True,
            default=Default("empty"),
        ),
    ),
    optional=True,
    absent="no indicators to watch",
)

RESOLUTIONS = Table(
    "resolutions",
    "Resolutions",
    "What settled a proposition or a count once the story resolved (the accused's admission, a published "
    "total): by which statement, when, to what, and why the analyst takes it as settled. The workbook "
    "scores earlier judgements and gives sources a track record against it; it never regrades anyone.",
    ("resolution_id",),
    (
        _key("resolution_id", "resolution"),
        _link(
            "proposition_id",
            "The proposition settled (propositions.proposition_id); empty for a count.",
        ),
        Column(
            "outcome",
            "boolean",
            "For a proposition: true if it proved true, false if it proved false; empty for a count.",
            "analyst judgement",
        ),
        Column(
            "measure",
            "string",
            "For a count: what the settled number counts.",
            "document",
            vocabulary=MEASURES,
        ),
        _link("place", "For a count: the place it counts (places.place_id)."),
        Column("part", "string", "For a count of a part of the force: which part; empty: the whole force."),
        Column(
            "count_low", "integer", "For a count: the low end of the settled number.", "document", minimum=0
        ),
        Column(
            "count_high", "integer", "For a count: the high end of the settled number.", "document", minimum=0
        ),
        Column("as_of", "date", "For a count: the date the settled number describes.", "document"),
        Column(
            "resolved_on",
            "date",
            "When it was settled: the day the settling statement was made.",
            required=True,
        ),
        _link(
            "statement_id",
            "The statement that settled it (statements.statement_id), with its document.",
            required=True,
        ),
        Column(
            "rationale",
            "string",
            "Why the analyst takes it as settled (an admission against interest, an official total).",
            "analyst judgement",
            required=True,
            min_length=20,
        ),
    ),
    references=(
        Reference(("proposition_id",), "propositions", ("proposition_id",)),
        Reference(("place",), "places", ("place_id",)),
        Reference(("statement_id",), "statements", ("statement_id",)),
    ),
    optional=True,
    absent="nothing settled yet: no judgement is scored and no source has a track record",
)

KEY_SEPARATOR = "/"  # joins the parts of a composite key in provenance.row: "S01/H1"
_CURATED_TABLES = (
    DOCUMENTS, SOURCES, PROPOSITIONS, STATEMENTS, PLACES, TROOP_CLAIMS, HYPOTHESES, ACH_RATINGS, JUDGEMENTS,
    INDICATORS, RESOLUTIONS, EXPECTATIONS,
)  # fmt: skip
TABLE_VOCABULARY = Vocabulary(
    "table", tuple(Term(t.name) for t in _CURATED_TABLES), what="the workbook's declared tables"
)

PROVENANCE = Table(
    "provenance",
    "Provenance",
    "Where a value the analyst did not curate came from: derived by a named rule, defaulted, or drafted "
    "and not yet reviewed. A cell not listed here is curated (typed or accepted by the analyst), unless "
    "it is blank and its column's default stands for it. A listed cell whose value has since been edited "
    "is curated too: the row records the value it was given, so a hand edit shows.",
    ("table", "row", "column"),
    (
        Column(
            "table",
            "string",
            "The table of the cell.",
            "workbook",
            required=True,
            vocabulary=TABLE_VOCABULARY,
        ),
        Column(
            "row",
            "string",
            f"The row's key; a composite key's parts joined by '{KEY_SEPARATOR}' (S01{KEY_SEPARATOR}H1).",
            "workbook",
            required=True,
        ),
        Column("column", "string", "The column of the cell.", "workbook", required=True),
        Column(
            "origin",
            "string",
            "How the value came about.",
            "workbook",
            required=True,
            vocabulary=ORIGINS,
        ),
        Column(
            "rule",
            "string",
            "The rule that gave the value (a derivation, a default, the drafter's reason).",
            "workbook",
            required=True,
        ),
        Column(
            "value",
            "string",
            "The value the workbook gave the cell, as written in the file; empty for a blank.",
            "workbook",
        ),
    ),
    optional=True,
    absent="every value the files hold was typed or accepted by the analyst",
)

TABLES: tuple[Table, ...] = (
    DOCUMENTS,
    SOURCES,
    PROPOSITIONS,
    STATEMENTS,
    PLACES,
    TROOP_CLAIMS,
    HYPOTHESES,
    ACH_RATINGS,
    JUDGEMENTS,
    INDICATORS,
    RESOLUTIONS,
    EXPECTATIONS,
    PROVENANCE,
)
TABLE_NAMES: tuple[str, ...] = tuple(t.name for t in TABLES)
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
