"""The briefing's words: the question, the bottom line up front, the alternatives, and the caveats."""

from __future__ import annotations

from ..analysis import ach, balance, claims, judgements
from ..analysis.evidence import Weights
from ..frames import keyed
from ..workbook import Workbook
from .judged import judgement_line
from .markdown import Markdown, bullets, escape, md
from .sentences import ach_leader, ach_tie, counted, sensitivity_sentence

MAX_HEADLINES = 4  # the bottom line states this many judgements; the table holds them all
MAX_BULLETS = 10  # indicators listed under the alternatives; the rest are counted


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
    """Bottom line up front: the analyst's judgements with the computed check, the numbers, ACH."""
    current = judgements.key_judgements(wb)
    lines = [judgement_line(j) for j in current[:MAX_HEADLINES]]
    if len(current) > MAX_HEADLINES:
        lines.append(
            md(
                "{more} follow in the table below.",
                more=counted(len(current) - MAX_HEADLINES, "more judgement"),
            )
        )
    if not current:
        lines.append(
            md(
                "No analyst's judgement is recorded in this data; the evidence balances below are the "
                "workbook's computation, not a judgement."
            )
        )
    table = claims.claims_table(wb)
    places = claims.Gazetteer.of(wb)
    pairs = claims.compare_claims(table, places)
    headline = claims.headline_pair(pairs)
    if headline is not None:
        lines.append(md("Computed: {pair}", pair=claims.describe_pair(headline, table, places)))
    elif len(table) > 1:
        lines.append(
            md(
                "Computed: no two troop-number claims count the same thing about the same place within "
                "{days} days, and none rules another out.",
                days=claims.WINDOW_DAYS,
            )
        )
    lines += [md("Computed: {line}", line=line) for line in alternatives_lines(wb)]
    return bullets(lines)


def alternatives_lines(wb: Workbook) -> list[Markdown]:
    """The competing hypotheses in a sentence or two: who leads, and what the lead hangs on."""
    scores = ach.inconsistency_scores(wb)
    if scores.empty:
        return []
    tie = ach_tie(ach.inconsistency_scores(wb, weights=Weights(exclude_interested=True)), scores)
    lines = [
        md(
            "Of the competing hypotheses, {leader}, but {tie}."
            if tie
            else "Of the competing hypotheses, {leader}.",
            leader=ach_leader(scores),
            tie=tie,
        )
    ]
    sens = ach.sensitivity(wb)
    if not sens.empty:
        lines.append(escape(sensitivity_sentence(sens)))
    return lines


def alternatives(wb: Workbook) -> Markdown:
    """The alternatives weighed, what each hypothesis's evidence against it rests on, and the
    evidence that would count for or against a hypothesis but has not been seen."""
    lines = alternatives_lines(wb) or [md("The data holds no hypothesis to weigh.")]
    for row in ach.dependence(wb).head(MAX_HEADLINES).itertuples():
        lines.append(
            md(
                "The evidence against “{label}” ({score:.2f}) comes most from {camp}: "
                "without it, {without:.2f}.",
                label=row.label,
                score=row.score,
                camp=row.alignment,
                without=row.without,
            )
        )
    if (ach.inconsistency_scores(wb)["rank"] == 1).sum() > 1:
        lines.append(
            md(
                "Hypotheses that tie are not told apart by the rated evidence, whatever the key judgements "
                "above conclude: those weigh the evidence one proposition at a time, ACH across all of them."
            )
        )
    ind = wb.indicators
    labels = keyed(wb.hypotheses, "hypothesis_id")["label"]
    unseen = ind[ind["bears_on"].isin(labels.index) & (ind["status"] != "seen")]
    for row in unseen.head(MAX_BULLETS).itertuples():
        lines.append(
            md(
                (
                    "Would count for “{hypothesis}”, {status} as of {as_of}: {text}"
                    if row.direction in ("supports", "raises")
                    else "Would count against “{hypothesis}”, {status} as of {as_of}: {text}"
                ),
                hypothesis=labels[row.bears_on],
                status=row.status,
                as_of=f"{row.as_of:%-d %B %Y}",
                text=row.text,
            )
        )
    if len(unseen) > MAX_BULLETS:
        lines.append(
            md("{more} are in the indicators table.", more=counted(len(unseen) - MAX_BULLETS, "more"))
        )
    return bullets(lines)


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
            "Key judgements are the analyst's, recorded in the data with their rationale; the evidence "
            "balance beside each is the workbook's computation from the graded statements (p = 1 / (1 + "
            "{odds} ^ -(A - D)), each independent channel counted once; below {minimum} of graded weight: "
            "cannot assess). It summarises the curated evidence and is not an independent probability; "
            "the method appendix states every parameter.",
            odds=f"{balance.ODDS_PER_WEIGHT:g}",
            minimum=f"{balance.MIN_EVIDENCE:g}",
        ),
        md(
            "Each balance weighs only the statements on its own proposition: it does not carry over what "
            "one proposition implies for another, which the analyst's argument may."
        ),
        md(
            "Grades and ACH ratings are the curators' judgements, each with a written rationale in the "
            "data; different grades move the conclusions, which the explorer lets you test."
        ),
    ]
    return bullets(lines)
