"""How much of the evidence weighs, and what the analyst must still decide, in words: the line
``validate`` prints after "valid", its list, and the first screen's sentence when it matters."""

from __future__ import annotations

from ..analysis.weighable import Weighable, weighable
from ..workbook import Workbook
from .markdown import Markdown, md
from .sentences import and_list, counted, plural

STOP_WORDS = {
    "not-a-fact": ("{n} {are} on propositions that are not facts (demands, plans, judgements)", "is", "are"),
    "no-publisher": ("{n} {are} in documents that name no graded publisher", "is", "are"),
    "link-f": ("{n} came through a speaker, relay or outlet graded F", "", ""),
    "ungraded": ("{n} on facts {are} not graded for credibility", "is", "are"),
    "credibility-6": ("{n} {are} graded 6 (truth cannot be judged)", "is", "are"),
    "self-serving": ("{n} {are} self-serving (what the speaker's stake calls for)", "is", "are"),
}
# What the analyst is asked to do about each kind of value nobody curated.
ASK = {
    ("documents", "publisher"): "name the source row that grades each outlet (until then their statements "
    "weigh nothing)",
    ("sources", "channel"): "give each its collection channel (until then it counts as one witness with "
    "every other source of its country and side)",
    ("troop_claims", "as_of_precision"): "say how exact each as-of date is (until then it reads as "
    "approximate, or on or before when dated by its statement)",
    ("troop_claims", "place"): "give a place where the document names one (until then the count is "
    "compared with no other)",
    ("ach_ratings", "relevance"): "set each rating's relevance (until then medium)",
    ("places", "parent"): "give each place the place that contains it, or leave it top-level",
    ("propositions", "kind"): "mark demands, intentions, judgements, interpretations and forecasts as such, "
    "then run migrate again: it clears the credibility grades of statements on them",
}
SHOWN_KEYS = 5


def _stop(reason: str, n: int) -> str:
    template, one, many = STOP_WORDS[reason]
    return template.format(n=n, are=one if n == 1 else many)


def weighable_line(found: Weighable) -> str:
    """One line: how many statements carry weight, and what stops the rest."""
    head = f"weighable: {found.weighing} of {counted(found.statements, 'statement')} carry weight"
    parts = []
    if found.unpublished:
        parts.append(
            f"{len(found.unpublished)} of {counted(found.documents, 'document')} "
            f"{plural(len(found.unpublished), 'names', 'name')} no graded publisher "
            f"({counted(found.unpublished_statements, 'statement')})"
        )
    parts += [_stop(r, n) for r, n in found.stopped.items() if r != "no-publisher"]
    if found.default_channels:
        parts.append(
            f"{len(found.default_channels)} of {counted(found.sources, 'source')} "
            f"{plural(len(found.default_channels), 'has', 'have')} a default channel "
            "(one witness per country and side)"
        )
    return head + (": " + "; ".join(parts) if parts else "")


def _keys(rows: tuple[str, ...]) -> str:
    shown = list(rows[:SHOWN_KEYS])
    more = len(rows) - len(shown)
    return and_list(shown + ([f"{more} more"] if more else []))


def to_decide_lines(found: Weighable) -> list[str]:
    """What the analyst must still decide: one line per table, column and rule, with the rows."""
    lines = []
    for row in found.to_decide.itertuples():
        verb = {"derived": "derived by", "defaulted": "defaulted by", "drafted": "drafted by"}[
            str(row.origin)
        ]
        ask = ASK.get((str(row.table), str(row.column)), "review them: an edited value counts as curated")
        lines.append(
            f"{row.table}.csv: {row.column} of {_keys(row.rows)} ({counted(int(row.count), 'value')} "
            f"{verb} {row.rule}): {ask}"
        )
    return lines


def weighable_note(wb: Workbook) -> Markdown | None:
    """The first screen's sentence, when defaults stop evidence from weighing; None when nothing does."""
    found = weighable(wb)
    facts = found.statements - found.stopped.get("not-a-fact", 0)
    if not found.unpublished and not found.default_channels:
        if facts == 0 or found.weighing * 2 >= facts:
            return None
        stops = [_stop(r, n) for r, n in found.stopped.items() if r != "not-a-fact"]
        return md(
            "How much weighs: {weighing} of the {facts} on facts can carry weight; {stops}.",
            weighing=str(found.weighing),
            facts=counted(facts, "statement"),
            stops=and_list(stops),
        )
    stops = []
    if found.unpublished:
        stops.append(
            f"{len(found.unpublished)} of the {counted(found.documents, 'document')} "
            f"{plural(len(found.unpublished), 'names', 'name')} no graded publisher"
        )
    if found.default_channels:
        stops.append(
            f"{len(found.default_channels)} of the {counted(found.sources, 'source')} "
            f"{plural(len(found.default_channels), 'has', 'have')} no stated collection channel, so each "
            "counts as one witness with every other such source of its country and side"
        )
    return md(
        "How much weighs: {weighing} of the {statements} can carry weight, because {stops}. Where a balance "
        "below is too thin to assess, that is the reason, not a want of evidence; these are defaults for "
        "the analyst to decide, not findings.",
        weighing=str(found.weighing),
        statements=counted(found.statements, "statement"),
        stops=and_list(stops),
    )
