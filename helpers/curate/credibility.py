"""Credibility proposed for new statements on facts, from the grades the analyst already gave.

A new statement on a fact is proposed the credibility the analyst gave most often to the earlier
statements on facts of the same speaker; where the speaker has none, to those that came through the
same relay (``statements.reported_by``); where it has none, to those of speakers on the speaker's
collection channel (``sources.channel``, as curated: a default "unstated" channel is no evidence of
a shared channel). Otherwise nothing is proposed, and the grade is left blank. Among grades given
equally often, the less credible one is proposed (the reading that claims least). A 6 ("truth
cannot be judged") says nothing of a speaker's record: it is never counted and never proposed. A
statement on anything but a fact is never graded, so never proposed a grade.

Each proposal comes with a rationale that begins with :data:`PROPOSED` and names what it rests on.
A proposal is a draft: it enters the data only when the analyst adds the statement, and the
analyst's edit always wins.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..frames import cell_text
from ..grammar import in_id_order
from ..schema.tables import UNSTATED_CHANNEL

COLUMNS = ["statement_id", "credibility", "credibility_rationale"]
PROPOSED = "Proposed from the analyst's own grades:"  # how a proposed rationale begins
NEVER = "6"  # "truth cannot be judged" is said of one statement, never proposed from others
NAMED = 3  # statements a rationale names; the count says how many more
FACT = "fact"


def _text(value: object) -> str:
    return cell_text(value).strip()


def _grade(value: object) -> str:
    """A credibility cell as its grade's text ("2"), "" when blank (a loaded 2.0 or "2" alike)."""
    text = _text(value)
    try:
        return str(int(float(text))) if text else ""
    except ValueError:
        return ""


def most_common(grades: list[str]) -> str:
    """The grade given most often; among grades given equally often, the less credible (higher)."""
    counts = Counter(grades)
    return max(counts, key=lambda g: (counts[g], g)) if counts else ""


def proposed(rationale: object) -> bool:
    """Whether a rationale is a proposal the analyst has not rewritten."""
    return _text(rationale).startswith(PROPOSED)


def _graded(statements: pd.DataFrame, kinds: dict[str, str], channels: dict[str, str]) -> pd.DataFrame:
    """The earlier statements on facts with a grade other than 6, with their speaker's channel."""
    blank = pd.Series("", index=statements.index, dtype=object)

    def cells(column: str) -> list[str]:  # plain text, whatever the loaded dtype (Arrow, category)
        return [_text(v) for v in statements.get(column, blank).astype(object)]

    frame = pd.DataFrame({
        "statement_id": cells("statement_id"),
        "source_id": cells("source_id"),
        "reported_by": cells("reported_by"),
        "fact": [kinds.get(p) == FACT for p in cells("proposition_id")],
        "grade": [_grade(v) for v in cells("credibility")],
    })  # fmt: skip
    frame["channel"] = [channels.get(s, "") for s in frame["source_id"]]
    keep = frame["fact"].to_numpy(dtype=bool) & ~frame["grade"].isin(["", NEVER]).to_numpy(dtype=bool)
    return frame[keep]


def _channels(sources: pd.DataFrame) -> dict[str, str]:
    """Each source's curated channel ("" where none was given or it is the default one)."""
    rows = sources.drop_duplicates("source_id")
    channel = rows.get("channel", pd.Series("", index=rows.index)).map(_text)
    return {
        _text(s): c if not c.startswith(UNSTATED_CHANNEL) else ""
        for s, c in zip(rows["source_id"], channel, strict=True)
    }


def _reason(grade: str, precedents: pd.DataFrame, whose: str, where: str = "", lead: str = "") -> str:
    """The rationale: how many of the precedents (``whose`` earlier statements on facts ``where``)
    were given ``grade``, and which."""
    ids = in_id_order(precedents.loc[precedents["grade"] == grade, "statement_id"])
    more = len(ids) - NAMED
    cited = ", ".join(ids[:NAMED]) + (f" and {more} more" if more > 0 else "")
    many = (
        f"{len(precedents)} earlier statements on facts"
        if len(precedents) > 1
        else "one earlier statement on a fact"
    )
    group = f"{whose} {many}{where}"
    share = group if len(ids) == len(precedents) else f"{len(ids)} of {group}"
    verb = "was" if len(ids) == 1 else "were"
    return (
        f"{PROPOSED} {lead}{share} {verb} graded {grade} ({cited}). "
        "Check it on this statement's own merits; a changed grade needs its own rationale."
    )


def propose_one(
    row: pd.Series, graded: pd.DataFrame, labels: dict[str, str], channels: dict[str, str]
) -> tuple[str, str]:
    """(grade, rationale) for one new statement on a fact, from its speaker's grades, else its
    relay's, else its channel's; ("", "") when nothing is proposed."""
    speaker, relay = _text(row.get("source_id")), _text(row.get("reported_by"))
    channel = channels.get(speaker, "")
    name = labels.get(speaker) or speaker
    none = f"{name} has no graded statement on a fact; "
    tiers = (
        (graded["source_id"] == speaker, f"{name}'s", "", ""),
        (
            graded["reported_by"] == relay if relay else None,
            "the",
            f" relayed by {labels.get(relay) or relay}",
            none,
        ),
        (
            graded["channel"] == channel if channel else None,
            "the",
            f" by speakers on its channel ({channel})",
            none,
        ),
    )
    for mask, whose, where, lead in tiers:
        precedents = graded[mask] if mask is not None else graded.iloc[:0]
        if len(precedents):
            grade = most_common(list(precedents["grade"]))
            return grade, _reason(grade, precedents, whose, where, lead)
    return "", ""


def propose_credibility(
    new: pd.DataFrame, statements: pd.DataFrame, sources: pd.DataFrame, propositions: pd.DataFrame
) -> pd.DataFrame:
    """Proposed credibility (``COLUMNS``) for each row of ``new`` (statement_id, source_id,
    reported_by, proposition_id), from the analyst's grades of the earlier ``statements``;
    ``sources`` (the data's and the new ones: label, channel) names speakers and tells their channel,
    ``propositions`` which are facts. A row on no fact, or with nothing to rest on, gets blanks."""
    kinds = {
        _text(p): _text(k) for p, k in zip(propositions["proposition_id"], propositions["kind"], strict=True)
    }
    channels = _channels(sources)
    labels = {
        _text(s): _text(label)
        for s, label in zip(sources["source_id"], sources.get("label", sources["source_id"]), strict=True)
    }
    graded = _graded(statements, kinds, channels)
    rows = []
    for _, row in new.iterrows():
        on_fact = kinds.get(_text(row.get("proposition_id"))) == FACT
        grade, why = propose_one(row, graded, labels, channels) if on_fact else ("", "")
        rows.append({"statement_id": _text(row.get("statement_id")), "credibility": grade,
                     "credibility_rationale": why})  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)
