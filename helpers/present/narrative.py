"""The briefing's words: bottom line up front, key judgements, method and caveats."""

from __future__ import annotations

import pandas as pd

from ..analysis import ach, claims, judgements
from ..workbook import Workbook
from .markdown import Markdown, bullets, escape, md
from .sentences import ach_leader, ach_tie, counted
from .tables import Table, styled_table


def _evidence(basis: pd.DataFrame, stance: str) -> str:
    rows = basis[basis["stance"] == stance]
    return ", ".join(f"{r.source} ({r.grade}, {r.statement_id})" for r in rows.itertuples())


def _sentence(j: judgements.Judgement) -> Markdown:
    sides = []
    if affirm := _evidence(j.basis, "affirms"):
        sides.append(f"affirmed by {affirm}")
    if deny := _evidence(j.basis, "denies"):
        sides.append(f"denied by {deny}")
    if withhold := _evidence(j.basis, "uncertain"):
        sides.append(f"left open by {withhold}")
    head = "**{term} ({band}): {proposition}** {confidence} confidence: {sides}."
    return md(
        head
        if j.term_without_interested == j.term
        else head + " Without the interested parties' statements: {without}.",
        term=j.term.capitalize(),
        band=j.band,
        proposition=j.proposition,
        confidence=j.confidence.capitalize(),
        sides="; ".join(sides),
        without=j.term_without_interested,
    )


def question(wb: Workbook) -> Markdown:
    """The story's title and question, as the data package states them.

    The title is the package's ``title``; the question is the first paragraph of its
    ``description``, so the briefing asks what its data was curated to answer.
    """
    title = wb.package.title or wb.data_dir.name
    asked = wb.package.description.split("\n\n")[0].strip()
    if asked:
        return md("**{title}**\n\n**Question.** {asked}", title=title, asked=asked)
    return md("**{title}**", title=title)


def bottom_line(wb: Workbook) -> Markdown:
    """Bottom line up front: the key judgements, the numbers, and the hypotheses, in a few lines."""
    lines = [_sentence(j) for j in judgements.key_judgements(wb)[:3]]
    table = claims.claims_table(wb)
    places = claims.Gazetteer.of(wb)
    pairs = claims.compare_claims(table, places)
    headline = claims.headline_pair(pairs)
    if headline is not None:
        lines.append(escape(claims.describe_pair(headline, table, places)))
    elif len(table) > 1:
        lines.append(
            md(
                "No two troop-number claims count the same thing about the same place within {days} days: "
                "they differ in scope or in time, not in fact.",
                days=claims.WINDOW_DAYS,
            )
        )
    scores = ach.inconsistency_scores(wb)
    if scores.empty:
        return bullets(lines)
    tie = ach_tie(ach.inconsistency_scores(wb, exclude_interested=True))
    lines.append(
        md(
            "Of the competing hypotheses, {leader}, but {tie}."
            if tie
            else "Of the competing hypotheses, {leader}.",
            leader=ach_leader(scores),
            tie=tie,
        )
    )
    return bullets(lines)


def judgements_table(wb: Workbook) -> Table:
    """Every key judgement with its ICD 203 term, band, confidence and the statements behind it."""
    rows = []
    for j in judgements.key_judgements(wb):
        rows.append(
            {
                "Proposition": j.proposition,
                "Likelihood (ICD 203)": f"{j.term} ({j.band})",
                "Without interested parties": j.term_without_interested,
                "Confidence": j.confidence,
                "Evidence (source, grade, stance)": "; ".join(
                    f"{r.statement_id} {r.source} {r.grade} {r.stance}" for r in j.basis.itertuples()
                ),
            }
        )
    columns = [
        "Proposition", "Likelihood (ICD 203)", "Without interested parties", "Confidence",
        "Evidence (source, grade, stance)",
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    caption = "Key judgements and the graded statements behind them"
    styler = styled_table(frame, "judgements", caption, wide=("Evidence (source, grade, stance)",))
    return Table(frame, styler)


def caveats(wb: Workbook) -> Markdown:
    """What the reader should hold against the judgements, computed from the data's gaps."""
    docs = wb.documents
    st = wb.statements
    unnamed = int(docs["outlet"].isna().sum())
    if unnamed == 0:
        outlets = "each names its outlet"
    elif unnamed == len(docs) == 1:
        outlets = "it does not name its outlet, so the outlet's reporting cannot be graded (F)"
    else:
        outlets = f"{unnamed} of them name no outlet, whose reporting therefore cannot be graded (F)"
    statements = counted(len(st), "statement")
    lines = [
        md(
            "The evidence is {statements} from {documents}; {outlets}.",
            statements=statements,
            documents=counted(len(docs), "document"),
            outlets=outlets,
        ),
        md(
            "{rendered} of {statements} are the article's rendering "
            "(paraphrase, partial quote or report), not the speaker's own words.",
            rendered=int((st["attribution"] != "direct quote").sum()),
            statements=statements,
        ),
        md(
            "{undated} have no exact date; the timeline places them at an estimate or an upper bound.",
            undated=counted(int((st["said_on_precision"] != "exact").sum()), "statement"),
        ),
        md(
            "Likelihoods summarise the curated evidence: p = (A + U/2 + 1/2) / (A + D + U + 1), with A, D "
            "and U the weights (reliability x credibility) of affirming, denying and non-committal "
            "statements and a neutral prior worth one statement. They are not independent probabilities."
        ),
        md(
            "Grades and ACH ratings are the curators' judgements, each with a written rationale in the "
            "data; different grades move the conclusions, which the explorer lets you test."
        ),
    ]
    return bullets(lines)
