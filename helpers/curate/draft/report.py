"""``draft.md``: what the drafter found in an article, what it is unsure of, and what needs a human.

Every value from the article or the data goes through :func:`helpers.present.markdown.md`, so a
quote holding Markdown or HTML stays words; the text's hidden characters (controls, bidirectional
overrides) are shown as ``<U+202E>`` (:func:`helpers.terminal.printable`), as the data would refuse them.
"""

from __future__ import annotations

import pandas as pd

from ...grammar import counted
from ...present.markdown import Markdown, bullets, md
from ...terminal import printable
from .drafting import Draft

SHOWN = 120  # characters of a quote shown in the report; the CSV holds it whole


def _short(quote: str) -> str:
    """The quote's first words, its hidden characters shown (U+202E would reorder what is shown)."""
    return printable(quote if len(quote) <= SHOWN else quote[: SHOWN - 1].rstrip() + "…")


def _statement_line(row: pd.Series) -> Markdown:
    who = row["source_id"] + (f" (relayed by {row['reported_by']})" if row["reported_by"] else "")
    return md(
        "**{sid}** ({confidence}) {who}, {date}: “{quote}” ({attribution}; {proposition}, {stance})",
        sid=row["statement_id"],
        confidence=row["confidence"],
        who=who,
        date=row["said_on"],
        quote=_short(str(row["quote"])),
        attribution=row["attribution"],
        proposition=row["proposition_id"] or "no proposition",
        stance=row["stance"],
    )


def _claim_line(row: pd.Series) -> Markdown:
    return md(
        "**{cid}** on {sid} ({confidence}): {count:,} ({bound}), {measure}, {place}, {modality}, "
        "as of {as_of}",
        cid=row["claim_id"],
        sid=row["statement_id"],
        confidence=row["confidence"],
        count=int(row["count"]),
        bound=row["bound"],
        measure=row["measure"],
        place=row["place"] or "no place",
        modality=row["modality"],
        as_of=row["as_of"],
    )


def render(draft: Draft) -> Markdown:
    """The report as Markdown."""
    doc = draft.documents.iloc[0]
    st, claims, new = draft.statements, draft.troop_claims, draft.sources
    unsure = st[st["confidence"] != "high"]
    parts = [
        md("# Draft of {name}", name=printable(draft.article.name)),
        md(
            "Document **{id}**: {title}; {outlet}, published {published}; SHA-256 {sha}.",
            id=doc["document_id"],
            title=printable(doc["title"]),
            outlet=printable(doc["outlet"]) or "no outlet given",
            published=doc["published"],
            sha=doc["sha256"][:16] + "…",
        ),
        md(
            "Found: {statements}, {claims}, {sources}, {same}. Nothing is graded: credibility, reliability "
            "and ACH ratings are the analyst's.",
            statements=counted(len(st), "statement"),
            claims=counted(len(claims), "troop number"),
            sources=counted(len(new), "new source"),
            same=counted(int((st["same_as"] != "").sum()), "earlier report"),
        ),
        Markdown("## What was found"),
        bullets(_statement_line(row) for _, row in st.iterrows()) if len(st) else Markdown("No statement."),
        bullets(_claim_line(row) for _, row in claims.iterrows())
        if len(claims)
        else Markdown("No troop number."),
        Markdown("## What is uncertain"),
        bullets(
            md("**{sid}**: {reason}", sid=r["statement_id"], reason=r["reason"]) for _, r in unsure.iterrows()
        )
        if len(unsure)
        else Markdown("Every statement was drafted with high confidence; check them all the same."),
        Markdown("## What needs a human"),
        bullets(_needs(draft)),
    ]
    return Markdown("\n\n".join(parts) + "\n")


def _needs(draft: Draft) -> list[Markdown]:
    st, claims = draft.statements, draft.troop_claims
    out = [md("{note}", note=note) for note in draft.notes]
    out += [
        md("Read the article whole: add by hand what the drafter missed, the outlet's assertions first."),
        md("Grade the credibility (1-6) of each statement on a fact; give every statement a rationale."),
        md("Rate each statement on a fact against every hypothesis (ACH), with a relevance and a rationale."),
    ]
    for _, row in draft.sources.iterrows():
        out.append(
            md(
                "New source **{id}** ('{name}', guessed {kind}, {country}): check it, give its channel, "
                "and grade its reliability.",
                id=row["source_id"],
                name=printable(row["name"]),
                kind=row["kind"],
                country=row["country"] or "no country",
            )
        )
    for _, row in st[st["proposition_id"] == ""].iterrows():
        out.append(
            md(
                "**{sid}** fits no proposition: choose one, or add one worded as the quote puts it.",
                sid=row["statement_id"],
            )
        )
    for _, row in st[st["same_as"] != ""].iterrows():
        out.append(
            md(
                "**{sid}** may report the same remark as {other}: confirm or clear `same_as`.",
                sid=row["statement_id"],
                other=row["same_as"],
            )
        )
    for _, row in claims[claims["place"] == ""].iterrows():
        out.append(
            md(
                "Troop number **{cid}** names no place of the gazetteer: choose one or add it to places.csv.",
                cid=row["claim_id"],
            )
        )
    return out
