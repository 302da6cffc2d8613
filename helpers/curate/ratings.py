"""ACH ratings proposed for new statements: from the ratings the analyst already gave statements
like them, and where there are none, derived from the grid of what each hypothesis expects
(``expectations.csv``, :mod:`helpers.curate.derived_ratings`).

How likely a statement would be under each hypothesis depends on what it says and on the kind of
speaker saying it, as the methods tell them apart: an admission against interest (an interested
party affirming what its side denied earlier: expected only if true), an interested party's claim
that is no admission, and a statement from a speaker without a stake (the speaker's grade is apart).
A new statement that takes the same side on the same proposition as statements already rated, of
the same kind, is proposed the rating the analyst gave them most often under each hypothesis, with
that relevance, and a rationale marked as proposed that names them and quotes the analyst's own
reason for that rating. An admission is proposed only from admissions, a party's claim only from
parties' claims, a report only from reports: where the analyst has rated nothing of its kind,
nothing is proposed, never a rating borrowed from another kind. A self-serving statement is as
likely under every hypothesis (Heuer; the validator holds the ratings to it): N everywhere. Whether
a new statement is an admission or self-serving is what the loader would make of it: the curated
value where the row has one, otherwise the declared rule (``against_interest``, ``self_serving`` in
:mod:`helpers.schema`), applied to the new rows beside the statements already in the data, whose
earlier denials make an admission. A proposal is a draft: it enters the data only when the analyst
adds it, and the analyst's edit always wins.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from ..analysis.evidence import DIRECTION
from ..frames import cell_text
from ..grammar import in_id_order
from ..present.sentences import and_list
from ..schema import BY_NAME
from .derived_ratings import derive_ratings

COLUMNS = ["statement_id", "hypothesis_id", "rating", "relevance", "rationale"]
_EXPECTATION_COLUMNS = ["hypothesis_id", "proposition_id", "expects", "rationale"]
SELF_SERVING = "N"
PRECEDENTS_NAMED = 3  # statements a rationale names; the count says how many more
PROPOSED = "Proposed from the analyst's own ratings:"  # how a proposed rationale begins
REASON_CHARS = 200  # the longest quoted reason; a longer first sentence is cut at a word

# The kinds of speaker the methods weigh apart, and how a rationale names statements of each.
ADMISSION, PARTY, NO_STAKE, SERVING = "admission", "party", "no stake", "self-serving"
KINDS = {
    ADMISSION: "admissions against interest (interested speakers affirming what their side denied)",
    PARTY: "from speakers with a stake, not admissions against it",
    NO_STAKE: "from speakers without a stake",
}
NEEDED = [
    "statement_id",
    "source_id",
    "proposition_id",
    "stance",
    "said_on",
    "self_serving",
    "against_interest",
]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u2018\u201c(]?[A-Z])")


def _side(stance: object) -> int | None:
    """The side a stance takes for rating purposes: +1, -1, or None ("uncertain", conditional)."""
    side = DIRECTION.get(str(stance), 0)
    return side or None


def _flag(value: object) -> bool:
    """A boolean cell as the tables hold it: a boolean, or its spelling ("true", "True")."""
    return str(value).strip().lower() == "true"


def _blank(value: object) -> bool:
    return cell_text(value).strip() == ""


def _tables(sources: pd.DataFrame | None, propositions: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """The tables the declared rules read, typed as the loader types them: a source's stake a
    boolean, its side and kind text; a proposition with the broader one it implies."""
    src = pd.DataFrame(sources).reindex(columns=["source_id", "interested", "alignment", "kind"])
    src = src.drop_duplicates("source_id")  # the data's own row first, as the loader keys them
    src = src.assign(source_id=src["source_id"].astype(str), interested=src["interested"].map(_flag))
    src["interested"] = src["interested"].astype(bool)
    props = pd.DataFrame(propositions).reindex(columns=["proposition_id", "implies"])
    return {"sources": src.reset_index(drop=True), "propositions": props.reset_index(drop=True)}


def _as_declared(frame: pd.DataFrame, column: str, tables: dict[str, pd.DataFrame]) -> pd.Series:
    """Each row's ``column`` (a boolean of statements) as the loader reads it: the row's own value
    where it has one, otherwise what the column's declared default derives (``helpers.schema``)."""
    default = BY_NAME["statements"].column(column).default
    given = frame[column] if column in frame else pd.Series(None, index=frame.index, dtype=object)
    blank = given.map(_blank).to_numpy(dtype=bool)
    derived = pd.Series(False, index=frame.index)
    if blank.any() and default is not None and default.fill is not None:
        derived = default.fill(frame, tables).fillna(False).astype(bool)
    return pd.Series(
        [bool(d) if b else _flag(g) for g, d, b in zip(given, derived, blank, strict=True)], index=frame.index
    )


def speaker_kinds(
    statements: pd.DataFrame, sources: pd.DataFrame | None = None, propositions: pd.DataFrame | None = None
) -> pd.Series:
    """Each statement's kind of speaker (``ADMISSION``, ``PARTY``, ``NO_STAKE`` or ``SERVING``),
    indexed like ``statements``, from its source's stake and whether it is self-serving or an
    admission against interest, curated or, where blank, by the declared rules (as the analysis reads
    it: an admission is an interested party's statement against its interest)."""
    tables = _tables(sources, propositions)
    frame = statements.reset_index(drop=True)
    frame = frame.assign(
        source_id=frame["source_id"].astype(str) if "source_id" in frame else "",
        proposition_id=frame["proposition_id"].astype(str),
        stance=frame["stance"].astype(str),
        said_on=pd.to_datetime(frame["said_on"], errors="coerce") if "said_on" in frame else pd.NaT,
    )
    stake = dict(zip(tables["sources"]["source_id"], tables["sources"]["interested"], strict=True))
    interested = frame["source_id"].map(lambda s: stake.get(s, False)).astype(bool)
    serving = _as_declared(frame, "self_serving", tables)
    admission = _as_declared(frame, "against_interest", tables) & interested
    kinds = [
        SERVING if s else ADMISSION if a else PARTY if i else NO_STAKE
        for s, a, i in zip(serving, admission, interested, strict=True)
    ]
    return pd.Series(kinds, index=statements.index, dtype=object)


def _needed(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns that tell a statement's kind of speaker, as plain values (a loaded table's types
    and a draft's text put side by side)."""
    return frame[[c for c in NEEDED if c in frame]].astype(object)


def _reason(agreeing: pd.DataFrame, relevance: str) -> tuple[str, str] | None:
    """The analyst's most common rationale among the precedents given the proposed rating (one given
    with the proposed relevance first, then the earliest statement), as (its statement, its first
    sentence); a rationale that is itself an untouched proposal is no reason."""
    given = [
        (str(rel) != relevance, _number(sid), str(sid), " ".join(str(why).split()))
        for sid, rel, why in zip(
            agreeing["statement_id"], agreeing["relevance"], agreeing["rationale"], strict=True
        )
        if not _blank(why) and not str(why).startswith(PROPOSED)
    ]
    if not given:
        return None
    given.sort()
    text = Counter(g[3] for g in given).most_common(1)[0][0]  # the first given among equals
    sid = next(g[2] for g in given if g[3] == text)
    return sid, first_sentence(text)


def _number(statement_id: object) -> int:
    digits = re.sub(r"\D", "", str(statement_id))
    return int(digits) if digits else 0


def first_sentence(text: str, limit: int = REASON_CHARS) -> str:
    """The first sentence of ``text``, cut at a word with an ellipsis when longer than ``limit``."""
    first = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _rationale(kind: str, hid: object, rating: str, relevance: str, agreeing: pd.DataFrame, of: int) -> str:
    named = in_id_order(agreeing["statement_id"])
    more = len(named) - PRECEDENTS_NAMED
    cited = and_list(named[:PRECEDENTS_NAMED]) + (f" and {more} more" if more > 0 else "")
    why = (
        f"{PROPOSED} {cited}, on the same proposition, taking the same side, {KINDS[kind]}, were rated "
        f"{rating} under {hid} ({len(agreeing)} of {of})."
    )
    reason = _reason(agreeing, relevance)
    if reason is not None:
        why += f" The analyst's reason for {reason[0]}: \u201c{reason[1]}\u201d"
    return why


def propose_ratings(
    new: pd.DataFrame,
    statements: pd.DataFrame,
    ratings: pd.DataFrame,
    hypotheses: pd.Series,
    sources: pd.DataFrame | None = None,
    propositions: pd.DataFrame | None = None,
    expectations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Proposed ratings (``COLUMNS``) for each row of ``new`` (statement_id, source_id, proposition_id,
    stance, said_on, self_serving, against_interest) under each of ``hypotheses``: from the analyst's
    ``ratings`` of ``statements`` like it, the most particular word of the analyst's own, and where
    none was rated, derived from the declared ``expectations`` (:mod:`helpers.curate.derived_ratings`);
    ``sources`` (every speaker's ``interested``, ``alignment`` and ``kind``) and ``propositions``
    (what each ``implies``) tell the kinds of speaker apart, so that a statement is proposed only the
    ratings given to statements of its own kind."""
    both = pd.concat([_needed(statements), _needed(new)], ignore_index=True)
    kinds = speaker_kinds(both, sources, propositions)
    known = statements[["statement_id", "proposition_id", "stance"]].astype({"statement_id": str})
    known = known.assign(_kind=kinds.iloc[: len(statements)].to_numpy())
    rated = ratings.astype({"statement_id": str}).merge(known, on="statement_id")
    rated["_side"] = rated["stance"].map(_side)
    new_kinds = kinds.iloc[len(statements) :]
    weighed = (new_kinds != SERVING).to_numpy()
    derived = derive_ratings(
        new[weighed],
        [k == ADMISSION for k in new_kinds[weighed]],
        expectations if expectations is not None else pd.DataFrame(columns=_EXPECTATION_COLUMNS),
        hypotheses,
        propositions,
    )
    rows: list[dict[str, str]] = []
    for row, kind in zip(new.itertuples(index=False), new_kinds, strict=True):
        sid, pid = str(row.statement_id), str(row.proposition_id)
        if kind == SERVING:
            why = "Self-serving (what the speaker's stake calls for): as likely under every hypothesis."
            rows += [_row(sid, h, SELF_SERVING, "low", why) for h in hypotheses]
            continue
        side = _side(row.stance)
        if side is None or not pid:
            continue
        like = rated[(rated["proposition_id"].astype(str) == pid) & (rated["_side"] == side)]
        like = like[like["_kind"] == kind]  # never a rating given to another kind of speaker
        for hid in hypotheses:
            theirs = like[like["hypothesis_id"].astype(str) == str(hid)]
            if theirs.empty:
                continue
            rating = Counter(theirs["rating"].astype(str)).most_common(1)[0][0]
            agreeing = theirs[theirs["rating"].astype(str) == rating]
            relevance = Counter(agreeing["relevance"].astype(str)).most_common(1)[0][0]
            why = _rationale(kind, hid, rating, relevance, agreeing, len(theirs))
            rows.append(_row(sid, str(hid), rating, relevance, why))
    # Where no statement of its kind was rated, the grid the analyst declared speaks.
    covered = {(r["statement_id"], r["hypothesis_id"]) for r in rows}
    rows += [r for r in derived.to_dict("records") if (r["statement_id"], r["hypothesis_id"]) not in covered]
    out = pd.DataFrame(rows, columns=COLUMNS)
    order = {sid: k for k, sid in enumerate(new["statement_id"].astype(str))}
    place = {str(h): k for k, h in enumerate(hypotheses)}
    at = [(order[s], place[h]) for s, h in zip(out["statement_id"], out["hypothesis_id"], strict=True)]
    return out.iloc[sorted(range(len(out)), key=at.__getitem__)].reset_index(drop=True)


def _row(sid: str, hid: object, rating: str, relevance: str, why: str) -> dict[str, str]:
    return {"statement_id": sid, "hypothesis_id": str(hid), "rating": rating, "relevance": relevance,
            "rationale": why}  # fmt: skip
