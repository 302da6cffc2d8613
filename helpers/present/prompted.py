"""After an article is added: which judgements its statements bear on, what the computed check says
now, and a drafted superseding row for each, for the analyst to accept or rewrite; and which
indicators the add bears on, each with a drafted row of ``indicators.csv``.

The drafted row keeps the analyst's likelihood and confidence (the workbook never changes a
judgement), dates it to the newest of the new statements, names them in a rationale marked as a draft,
and supersedes the judgement it follows. It is shown, never written: the analyst adds it to
``judgements.csv`` as it stands or rewritten. A drafted indicator row points where the indicator must
once the judgement it points at is superseded, and keeps its status and as-of date: whether it has
been seen is the analyst's to say, never the workbook's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import LiteralString

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
INDICATOR_COLUMNS = ["indicator_id", "text", "bears_on", "direction", "status", "as_of", "notes"]


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
    lines = [
        md(
            "{id} ({likelihood}, {confidence} confidence, as of {day:%-d %b %Y}) on “{proposition}”: "
            "{new} {bear} on it; the computed check now: {check}.",
            id=p.judgement.judgement_id,
            likelihood=p.judgement.likelihood,
            confidence=p.judgement.confidence,
            day=p.judgement.as_of,
            proposition=p.judgement.proposition,
            new=_named(p.statement_ids, drafted),
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


def _named(ids: tuple[str, ...], drafted: dict[str, str]) -> str:
    """The statements, each with the id it had in the draft where adding renumbered it."""
    return and_list([f"{i} (drafted as {drafted[i]})" if drafted.get(i, i) != i else i for i in ids])


def _moved(superseding: pd.DataFrame) -> dict[str, str]:
    """Each judgement a drafted row supersedes, and the drafted row's id."""
    return dict(
        zip(superseding["supersedes"].astype(str), superseding["judgement_id"].astype(str), strict=True)
    )


def _were(ids: tuple[str, ...]) -> str:
    return "was" if len(ids) == 1 else "were"


def _ratings(found: judgements.IndicatorPrompt) -> str:
    return ", ".join(f"{s} {r}" for s, r in found.ratings)


def indicator_rows(found: list[judgements.IndicatorPrompt], superseding: pd.DataFrame) -> pd.DataFrame:
    """A drafted row of ``indicators.csv`` per indicator prompt: one on a judgement moved to the drafted
    row that supersedes it (``superseding``, from :func:`superseding_rows`), its direction, status and
    as-of date unchanged, its notes a marked draft that names the new statements and keeps the old."""
    moved = _moved(superseding)
    rows = []
    for f in found:
        target = moved.get(f.bears_on, f.bears_on) if f.judgement is not None else f.bears_on
        new = and_list(list(f.statement_ids))
        if f.judgement is None:
            why = f"{new} {_were(f.statement_ids)} rated under {f.bears_on} ({_ratings(f)})"
        elif target != f.bears_on:
            why = f"{new} {_bear(f.statement_ids)} on {f.bears_on}, which {target} (drafted) supersedes"
        else:
            why = f"{new} {_bear(f.statement_ids)} on {f.bears_on}"
        before = f" Notes before: {f.notes}" if f.notes else ""
        rows.append(
            {
                "indicator_id": f.indicator_id,
                "text": f.text,
                "bears_on": target,
                "direction": f.direction,
                "status": f.status,
                "as_of": f"{f.as_of:%Y-%m-%d}",
                "notes": f"{DRAFTED} {why}; say whether it has been seen.{before}",
            }
        )
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS)


def indicator_lines(
    found: list[judgements.IndicatorPrompt], superseding: pd.DataFrame, drafted: dict[str, str] | None = None
) -> Markdown:
    """Each indicator the new statements bear on, in a line: what it points at, why it is listed and,
    for one on a judgement, the drafted row it moves to (``superseding``)."""
    if not found:
        return md("The added statements bear on no indicator.")
    drafted = drafted or {}
    moved = _moved(superseding)
    lines = []
    for f in found:
        common = {
            "id": f.indicator_id,
            "direction": f.direction,
            "status": f.status,
            "day": f.as_of,
            "text": f.text,
            "target": f.bears_on,
            "new": _named(f.statement_ids, drafted),
        }
        if f.judgement is None:
            line = md(
                "{id} ({direction} if seen; {status} as of {day:%-d %b %Y}), “{text}”, points at "
                "hypothesis {target}, under which {new} {were} rated ({ratings}): say whether it is seen "
                "now.",
                were=_were(f.statement_ids),
                ratings=_ratings(f),
                **common,
            )
        else:
            line = md(
                "{id} ({direction} if seen; {status} as of {day:%-d %b %Y}), “{text}”, points at "
                "{target}, which {new} {bear} on: if {to} (drafted) supersedes {target}, point it at {to}; "
                "say whether it is seen now.",
                bear=_bear(f.statement_ids),
                to=moved.get(f.bears_on, "the new row"),
                **common,
            )
        lines.append(line)
    head = md(
        "The added statements bear on {n}. A drafted row of indicators.csv for each follows, to copy "
        "over its row or rewrite (status and as-of date unchanged: whether it is seen is the analyst's; "
        "the notes a marked draft).",
        n=counted(len(found), "indicator"),
    )
    return Markdown(f"{head}\n\n{bullets(lines)}")


def drafted_indicator_lines(rows: pd.DataFrame) -> Markdown:
    """The drafted indicator rows in words, to copy into ``indicators.csv`` as they are or rewritten."""
    return _drafted(
        rows,
        "{indicator_id} (drafted): bears on {bears_on}, {direction}, {status} as of {as_of}; notes: {notes}",
    )


def drafted_lines(rows: pd.DataFrame) -> Markdown:
    """The drafted superseding rows in words, to copy into ``judgements.csv`` as they are or rewritten."""
    return _drafted(
        rows,
        "{judgement_id} (drafted) supersedes {supersedes}: {likelihood}, {confidence} confidence, as of "
        "{as_of}; rationale: {rationale}",
    )


def _drafted(rows: pd.DataFrame, template: LiteralString) -> Markdown:
    """Each drafted row in words, by ``template`` over its columns, every value escaped."""
    if rows.empty:
        return Markdown("")
    return bullets(md(template, **row) for row in rows.to_dict("records"))


def _as_now(prompt: judgements.Prompt) -> judgements.Judgement:
    """The judgement with the balance and check as they stand with the new statements."""
    return replace(prompt.judgement, balance=prompt.balance, check=prompt.check)
