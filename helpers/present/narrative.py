"""The briefing's words: the question, the bottom line up front, the alternatives, and the caveats."""

from __future__ import annotations

import itertools

import pandas as pd

from ..analysis import ach, balance, troop_counts
from ..analysis.evidence import Weights
from ..analysis.weighable import weighable
from ..frames import keyed
from ..workbook import Workbook
from . import claim_words
from .evidence_words import cautions_words
from .judged import overtaken_words
from .markdown import Markdown, bullets, escape, md
from .sentences import ach_leader, ach_tie, and_list, counted, plural, quoted, sensitivity_sentence

MAX_HEADLINES = 4  # the bottom line states this many judgements; the table holds them all
MAX_BULLETS = 10  # indicators listed under the alternatives; the rest are counted
MAX_REVISIONS = 2  # claimants' revisions named in the bottom line; the rest are counted
MAX_AHEAD = 1  # forecasts and plans named in the bottom line; the rest are counted


def question(wb: Workbook) -> Markdown:
    """The story's title and question, as the data package states them.

    The title is the package's ``title``; the question is the first paragraph of its
    ``description``, so the briefing asks what its data was curated to answer.
    """
    title = wb.package.title or wb.data_dir.name
    asked = wb.package.description.split("\n\n")[0].strip()
    if asked:
        return md("**{title}.** {asked}", title=title.rstrip("."), asked=asked)
    return md("**{title}**", title=title)


def strongest_balances(wb: Workbook) -> list[balance.Balance]:
    """The computed balances a page leads with when no analyst judged: assessed ones first, by how
    much graded evidence they rest on."""
    found = list(balance.current_balances(wb).values())
    # With equal weight (none, where nothing weighs) the propositions most of the evidence bears on
    # lead: the question's core, never the alphabet's first.
    found.sort(key=lambda b: (not b.assessed, -(b.affirming + b.denying), -len(b.basis), b.proposition_id))
    return found[:MAX_HEADLINES]


def computed_balance_line(found: balance.Balance, wb: Workbook) -> Markdown:
    """One computed balance as a bullet, labelled as the workbook's, never as a judgement."""
    text = keyed(wb.propositions, "proposition_id")["text"].get(found.proposition_id, found.proposition_id)
    if not found.assessed:
        weighed = found.affirming + found.denying
        return md(
            "Computed, not judged: {proposition} The graded evidence (weight {weight:.2f}) is too thin to "
            "assess{cautions}.",
            proposition=text,
            weight=weighed,
            cautions="".join("; " + words for words in cautions_words(found.cautions)),
        )
    if found.overtaken:
        return md(
            "Computed, not judged: {proposition} The evidence balance now reads {term} ({band}); {gone}.",
            proposition=text,
            term=found.term,
            band=found.band,
            gone=overtaken_words(found),
        )
    return md(
        "Computed, not judged: {proposition} The evidence balance reads {term} ({band}), {confidence} "
        "confidence, from {channels} for and {against} against{cautions}.",
        proposition=text,
        term=found.term,
        band=found.band,
        confidence=found.confidence,
        channels=counted(found.channels_for, "independent channel"),
        against=found.channels_against,
        cautions="".join("; " + words for words in cautions_words(found.cautions)),
    )


def troop_lines(wb: Workbook) -> list[str]:
    """The troop numbers in a sentence or two: the pair that cannot both be true (or, failing one,
    the counts that need the most change to hold together), and how claimants revised their own."""
    table = troop_counts.claims_table(wb)
    places = troop_counts.Gazetteer.of(wb)
    pairs = troop_counts.compare_claims(table, places)
    revised = troop_counts.revisions(table, places)
    headline = troop_counts.headline_pair(pairs, frozenset(revised["from_claim"]))
    lines = []
    if headline is not None and not headline["both_true"]:
        lines.append(claim_words.describe_pair(headline, table, places))
    elif headline is not None:
        lines.append(
            "No two claimants' troop counts rule each other out; the two that need the most change over "
            f"time to hold together: {claim_words.describe_pair(headline, table, places)}"
        )
    elif len(troop_counts.counts(table)) == 1:
        lines.append(f"One count: {claim_words.claim_words(troop_counts.counts(table).iloc[0], places)}.")
    elif len(troop_counts.counts(table)) > 1:
        lines.append(
            "No two claimants' troop counts rule each other out: read with their bounds, dates and what "
            "they count, every pair can hold together."
        )
    if not revised.empty:
        latest = revised.sort_values("to_as_of", ascending=False, kind="stable").head(MAX_REVISIONS)
        shown = [claim_words.revision_words(r, places) for _, r in latest.iterrows()]  # the newest first
        more = len(revised) - len(shown)
        tail = f"; and {counted(more, 'more', 'more')}" if more > 0 else ""
        lines.append(
            "A claimant's own successive counts are revisions or change over time, not contradictions: "
            f"{'; '.join(shown)}{tail}."
        )
    ahead = table[table["modality"].isin(troop_counts.AHEAD).to_numpy(dtype=bool)]
    if not ahead.empty:
        verb = plural(len(ahead), "is a forecast or a plan", "are forecasts or plans")
        named = "; ".join(claim_words.claim_words(c, places) for _, c in ahead.head(MAX_AHEAD).iterrows())
        rest = f"; and {counted(len(ahead) - MAX_AHEAD, 'more', 'more')}" if len(ahead) > MAX_AHEAD else ""
        lines.append(
            f"{counted(len(ahead), 'number')} {verb} for a later date, shown apart, never compared as "
            f"counts: {named}{rest}."
        )
    return lines


def alternatives_lines(wb: Workbook) -> list[Markdown]:
    """The competing hypotheses in a sentence or two: who leads, what the lead hangs on, or why the
    evidence cannot rank them."""
    scores = ach.inconsistency_scores(wb)
    if scores.empty:
        return []
    found = ach.verdict(wb, scores)
    labels = keyed(wb.hypotheses, "hypothesis_id")["label"]
    lines = []
    if not found.ranks:
        tied = and_list(quoted([str(labels[h]) for h in found.leaders]))
        either = "either" if len(found.leaders) == 2 else "any of them"
        if found.nothing_against and found.weightless_against:
            reason = (
                f"no rated evidence against {either} carries weight: {found.weightless_against} of their "
                f"ratings are I or II, but every item so rated weighs nothing (no graded publisher, a "
                "link graded F, a 6, or self-serving)"
            )
        elif found.nothing_against:
            reason = f"no rated evidence is inconsistent with {either}"
        else:
            reason = "the same weight of inconsistent evidence counts against each"
        alike = set(found.alike)
        apart = [p for p in itertools.combinations(found.leaders, 2) if p not in alike]
        tail = (
            "; some items are rated more consistent with one than another, which ACH does not count: only "
            "evidence against a hypothesis ranks it"
            if apart
            else ""
        )
        lines.append(
            md(
                "The competing hypotheses cannot be ranked: {tied} tie because {reason}{tail}.",
                tied=tied,
                reason=reason,
                tail=tail,
            )
        )
    else:
        tie = ach_tie(ach.inconsistency_scores(wb, weights=Weights(exclude_interested=True)), scores)
        lines.append(
            md(
                "Of the competing hypotheses, {leader}, but {tie}."
                if tie
                else "Of the competing hypotheses, {leader}.",
                leader=ach_leader(scores),
                tie=tie,
            )
        )
        sens = ach.sensitivity(wb)
        if not sens.empty:
            lines.append(escape(sensitivity_sentence(sens)))
    if found.alike:
        pairs = and_list([f"{a} and {b}" for a, b in found.alike])
        lines.append(
            md(
                "The ratings cannot tell {pairs} apart: every item rated under both is rated alike, so "
                "the rated evidence does not choose between them.",
                pairs=pairs,
            )
        )
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
            md("{more} are in the indicators table.", more=counted(len(unseen) - MAX_BULLETS, "more", "more"))
        )
    return bullets(lines)


def _excerpt_lines(docs: pd.DataFrame) -> list[Markdown]:
    """The caveat on documents stored only in part: what their texts lack may be in the documents."""
    cut = int(docs["excerpt"].astype(bool).sum())
    if not cut:
        return []
    which = "The document's text is" if len(docs) == 1 else f"{cut} of the {len(docs)} documents' texts are"
    return [
        md(
            "{which} only an excerpt: what the stored text does not say may be in the document, so evidence "
            "recorded as expected but absent rests partly on what was not stored.",
            which=which,
        )
    ]


def caveats(wb: Workbook) -> Markdown:
    """What the reader should hold against the judgements, computed from the data's gaps."""
    docs = wb.documents
    st = wb.statements
    # What the page can grade is the publisher the data names, not the outlet's name in the text.
    ungraded = len(weighable(wb).unpublished)
    if ungraded == 0:
        outlets = "each names its publisher, graded as a source"
    elif ungraded == len(docs) == 1:
        outlets = "it names no graded publisher, so its statements carry no weight"
    else:
        outlets = (
            f"{ungraded} of them {plural(ungraded, 'names', 'name')} no graded publisher, so "
            f"{plural(ungraded, 'its', 'their')} statements carry no weight"
        )
    statements = counted(len(st), "statement")
    lines = [
        md(
            "The evidence is {statements} from {documents}; {outlets}.",
            statements=statements,
            documents=counted(len(docs), "document"),
            outlets=outlets,
        ),
        *_excerpt_lines(docs),
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
            "A balance weighs the statements on its proposition and those carried by implication (evidence "
            "for a narrower proposition counts for the broader one, once; evidence against the broader "
            "counts against the narrower). A statement weighs no more than the weakest link that brought "
            "it (speaker, relay, publishing outlet), and an outlet nobody graded cannot be judged."
        ),
        md(
            "Grades and ACH ratings are the curators' judgements, each with a written rationale in the "
            "data; different grades move the conclusions, which the explorer lets you test."
        ),
    ]
    return bullets(lines)
