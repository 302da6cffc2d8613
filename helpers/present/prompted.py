"""After an article is added: which judgements its statements bear on, what the computed check says
now, and a drafted superseding row for each, for the analyst to accept or rewrite.

The drafted row keeps the analyst's likelihood and confidence (the workbook never changes a
judgement), dates it to the newest of the new statements, names them in a rationale marked as a draft,
and supersedes the judgement it follows. It is shown, never written: the analyst adds it to
``judgements.csv`` as it stands or rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import pandas as pd

from ..analysis import judgements
from ..analysis.balance import statements_known
from ..grammar import counted
from ..workbook import Workbook
from .judged import check_words
from .markdown import Markdown, bullets, md
from .sentences import and_list

DRAFTED = "DRAFT, to rewrite:"  # how a drafted rationale begins, so it is never read as the analyst's
COLUMNS = [
    "judgement_id", "proposition_id", "as_of", "likelihood", "confidence", "rationale", "assumptions",
    "would_change_if", "implications", "supersedes",
]  # fmt: skip


def _next_id(taken: Iterable[str]) -> Iterator[str]:
    numbers = [int(t[1:]) for t in taken if t[:1] == "J" and t[1:].isdigit()]
    n = max(numbers, default=0)
    while True:
        n += 1
        yield f"J{n:02d}"


def superseding_rows(wb: Workbook, found: list[judgements.Prompt]) -> pd.DataFrame:
    """A drafted row of ``judgements.csv`` per prompt: the judgement carried forward to the newest new
    statement's date (or its own, when that is later), its likelihood and confidence unchanged, its
    rationale a marked draft."""
    said = statements_known(wb).set_index("statement_id")["said_on"]
    ids = _next_id(wb.judgements["judgement_id"].astype(str))
    rows = []
    for prompt in found:
        j = prompt.judgement
        # Never dated before the judgement it supersedes: an older article added late is evidence the
        # judgement had not weighed, and the new row carries the judgement forward from its own date.
        newest = max([j.as_of, *(said.get(s) for s in prompt.statement_ids)])
        balance = prompt.balance
        computed = "the computed balance cannot assess it"
        if balance is not None and balance.assessed:
            weights = f"A {balance.affirming:.2f}, D {balance.denying:.2f}"
            computed = f"the computed balance now reads {balance.term} ({weights})"
        rows.append(
            {
                "judgement_id": next(ids),
                "proposition_id": j.proposition_id,
                "as_of": f"{newest:%Y-%m-%d}",
                "likelihood": j.likelihood,
                "confidence": j.confidence,
                "rationale": f"{DRAFTED} {and_list(list(prompt.statement_ids))} "
                f"{_bear(prompt.statement_ids)} on {j.judgement_id}; {computed}. Say why the judgement "
                "stands or changes.",
                "assumptions": " | ".join(j.assumptions),
                "would_change_if": j.would_change_if,
                "implications": j.implications,
                "supersedes": j.judgement_id,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _bear(ids: tuple[str, ...] | list[str]) -> str:
    return "bears" if len(ids) == 1 else "bear"


def prompt_lines(found: list[judgements.Prompt], drafted: dict[str, str] | None = None) -> Markdown:
    """Each judgement the new statements bear on, in a line: the statements (with the ids they had in
    the draft, ``drafted``, where adding renumbered them), and the check now."""
    if not found:
        return md("The added statements bear on no current judgement.")
    drafted = drafted or {}

    def named(ids: tuple[str, ...]) -> str:
        return and_list([f"{i} (drafted as {drafted[i]})" if drafted.get(i, i) != i else i for i in ids])

    lines = [
        md(
            "{id} ({likelihood}, {confidence} confidence, as of {day:%-d %b %Y}) on “{proposition}”: "
            "{new} {bear} on it; the computed check now: {check}.",
            id=p.judgement.judgement_id,
            likelihood=p.judgement.likelihood,
            confidence=p.judgement.confidence,
            day=p.judgement.as_of,
            proposition=p.judgement.proposition,
            new=named(p.statement_ids),
            bear=_bear(p.statement_ids),
            check=check_words(_as_now(p)),
        )
        for p in found
    ]
    head = md(
        "The added statements bear on {n}. Each is the analyst's to revise: a drafted superseding row "
        "for each follows (likelihood and confidence unchanged, the rationale a marked draft).",
        n=counted(len(found), "current judgement"),
    )
    return Markdown(f"{head}\n\n{bullets(lines)}")


def drafted_lines(rows: pd.DataFrame) -> Markdown:
    """The drafted superseding rows in words, to copy into ``judgements.csv`` as they are or rewritten."""
    if rows.empty:
        return Markdown("")
    return bullets(
        md(
            "{id} (drafted) supersedes {old}: {likelihood}, {confidence} confidence, as of {day}; "
            "rationale: {why}",
            id=r.judgement_id,
            old=r.supersedes,
            likelihood=r.likelihood,
            confidence=r.confidence,
            day=r.as_of,
            why=r.rationale,
        )
        for r in rows.itertuples(index=False)
    )


def _as_now(prompt: judgements.Prompt) -> judgements.Judgement:
    """The judgement with the balance and check as they stand with the new statements."""
    return replace(prompt.judgement, balance=prompt.balance, check=prompt.check)
