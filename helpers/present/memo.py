"""The briefing's first screen, an editor's memo: the bottom line, the reason for each judgement in a
line, its check, and what to watch; every sentence built from the data."""

from __future__ import annotations

import re
from typing import LiteralString

from ..analysis import judgements
from ..analysis.judgements import Judgement
from ..frames import keyed
from ..schema.vocabulary import STATUSES
from ..workbook import Workbook
from .judged import check_words, since_words
from .markdown import Markdown, bullets, md
from .narrative import (
    MAX_HEADLINES,
    alternatives_lines,
    computed_balance_line,
    strongest_balances,
    troop_lines,
)
from .resolved import resolution_summary
from .sentences import counted, plural
from .weighable_words import weighable_note

REASON_CHARS = 300  # a judgement's reason on the memo: one sentence of its rationale, cut to this
MAX_WATCH = 4  # indicators on the memo; the indicators table holds them all
# A sentence ends at a full stop before a space and a capital letter, not inside "U.S." or "(S02, B2)".
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]”\"'])[.!?](?=\s+[A-Z“\"(])")
_CLAUSE_END = re.compile(r"[,;:](?=\s)")


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (white space folded)."""
    text = " ".join(str(text).split())
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        found.append(text[start : end.end()])
        start = end.end() + 1
    return [*found, text[start:]] if text[start:] else found


def cut(sentence: str, limit: int = REASON_CHARS) -> str:
    """``sentence`` whole if it fits ``limit``, else cut at its last clause (or word) that does,
    with an ellipsis."""
    if len(sentence) <= limit:
        return sentence
    head = sentence[: limit - 1]
    clauses = [m.start() for m in _CLAUSE_END.finditer(head)]
    end = clauses[-1] if clauses and clauses[-1] > limit // 2 else len(head.rsplit(" ", 1)[0])
    return head[:end].rstrip(",;: ") + "…"


def reason(j: Judgement) -> str:
    """The judgement's reason in a sentence: the first of its rationale that is not a recap of the
    judgement it supersedes ("The November judgement (J03) held ..." gives the old reason); of a
    recap that goes on after a colon ("(J02) stands and is strengthened: the Pentagon ..."), what
    follows the colon."""
    mention = re.compile(rf"\b{re.escape(j.supersedes)}\b") if j.supersedes else None
    found = sentences(j.rationale)
    for sentence in found:
        at = mention.search(sentence) if mention else None
        if at is None:
            return cut(sentence)
        rest = _after_colon(sentence[at.end() :])
        if rest:
            return cut(rest[0].upper() + rest[1:])
    return cut(found[0]) if found else ""


def _after_colon(text: str) -> str:
    """What follows the recap in ``text``: from its first colon outside brackets ("(S45, C2: ...)" is
    no clause), or, when a new subject joins the recap before that colon ("J28) stands, and the NIS
    now gives its size: ..."), from that subject on, so the sentence keeps who says it."""
    depth = 0
    for i, char in enumerate(text):
        # Never below 0: the text may start inside the brackets that hold the mention, "J03)".
        depth = max(0, depth + {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0))
        if char == ":" and depth == 0 and text[i + 1 : i + 2] == " ":
            joined = max(text.rfind(", and ", 0, i), text.rfind("; ", 0, i))
            if joined >= 0:
                return text[joined:].split(" ", 2)[-1].strip() if text[joined] == "," else text[joined + 2 :]
            return text[i + 2 :].strip()
    return ""


def judgement_paragraph(wb: Workbook, j: Judgement) -> Markdown:
    """One judgement as the memo states it: the analyst's words, the reason, the computed check."""
    since = since_words(wb, j)
    template: LiteralString = (
        "**{term} ({band}), {confidence} confidence, as of {as_of}:** {proposition} *Why:* {reason} "
        "*Computed check:* {check}. *Since then:* {since}."
        if since
        else "**{term} ({band}), {confidence} confidence, as of {as_of}:** {proposition} *Why:* {reason} "
        "*Computed check:* {check}."
    )
    return md(
        template,
        term=j.likelihood.capitalize(),
        band=j.band,
        confidence=j.confidence,
        as_of=f"{j.as_of:%-d %b %Y}",
        proposition=j.proposition,
        reason=reason(j) or "the analyst gives no rationale.",
        check=check_words(j),
        since=since,
    )


def bottom_line(wb: Workbook) -> Markdown:
    """The bottom line up front: the analyst's key judgements, each with its reason in a line and
    the computed check (or, where the analyst judged nothing, the computed balances, labelled so);
    then the troop numbers and the competing hypotheses, computed."""
    current = judgements.leading(wb)
    note = weighable_note(wb)
    lines = resolution_summary(wb)  # what the story settled leads, then what weighs
    lines += [note] if note is not None else []
    lines += [judgement_paragraph(wb, j) for j in current[:MAX_HEADLINES]]
    if len(current) > MAX_HEADLINES:
        rest = len(current) - MAX_HEADLINES
        more = counted(rest, "more judgement")
        lines.append(
            md("{more} {verb} under Key judgements below.", more=more, verb=plural(rest, "follows", "follow"))
        )
    if not current:
        lines.append(
            md(
                "No analyst's judgement is recorded in this data; what follows is the workbook's "
                "computation from the graded statements, not a judgement."
            )
        )
        lines += [computed_balance_line(b, wb) for b in strongest_balances(wb)]
    troops = troop_lines(wb)
    if troops:
        lines.append(md("**Troop numbers (computed):** {line}", line=" ".join(troops)))
    ach = alternatives_lines(wb)
    if ach:
        lines.append(md("**Competing hypotheses (computed):** {line}", line=ach[0]))
    return bullets(lines)


def watch(wb: Workbook) -> Markdown:
    """What to watch: the indicators not yet seen, evidence expected but absent first, each with
    what seeing it would do."""
    ind = wb.indicators
    open_ = ind[ind["status"].astype(str) != "seen"]
    if open_.empty:
        return bullets([md("The analyst lists no indicator still to watch.")])
    order = open_["status"].astype(str).map({"absent": 0, "partly seen": 1, "not seen": 2}).fillna(3)
    open_ = open_.assign(_order=order.to_numpy()).sort_values(["_order", "indicator_id"], kind="stable")
    judged = {j.judgement_id: j.proposition for j in judgements.all_judgements(wb)}
    labels = keyed(wb.hypotheses, "hypothesis_id")["label"]
    verbs = {"raises": "raise", "lowers": "lower", "supports": "support", "weakens": "weaken"}
    lines = []
    for row in open_.head(MAX_WATCH).itertuples():
        target = str(row.bears_on)
        what = (
            f"the judgement “{judged[target].rstrip('.')}”"
            if target in judged
            else f"“{labels.get(target, target)}”"
        )
        lines.append(
            md(
                "{text}. *Seeing it would {verb}* {what}. *Status:* {status} as of {as_of}.",
                text=str(row.text).rstrip("."),
                verb=verbs.get(str(row.direction), str(row.direction)),
                what=what,
                status=STATUSES.words(str(row.status)),
                as_of=f"{row.as_of:%-d %B %Y}",
            )
        )
    rest = len(open_) - len(lines)
    if rest > 0:
        lines.append(md("{rest} in the indicators table.", rest=counted(rest, "more indicator")))
    return bullets(lines)
