"""The analyst's key judgements (``judgements.csv``), each set beside the evidence balance as a check.

The judgements are curated, never computed: the workbook reads them, computes the balance of the
evidence said on or before each judgement's ``as_of``, and flags a judgement that departs from it by
more than one ICD 203 band, that states more confidence than the agreement of independent channels
gives, or that rests on evidence too thin to assess. What was said on its proposition after its
date is set beside it too: a judgement is only as current as its ``as_of``. The judgements a later
one ``supersedes`` make the history from which "change from previous analysis" is told.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..frames import keyed
from ..workbook import Workbook
from .balance import (
    BANDS,
    CANNOT_ASSESS,
    CONFIDENCE_LEVELS,
    TERMS,
    Balance,
    balances_apart,
    bands_apart,
    bearing_on,
    current_balances,
    empty_balance,
    statements_known,
    weighed_only,
)
from .evidence import Weights
from .views import views

OVERCONFIDENT = "confidence above"  # the check when only the confidence departs

ASSUMPTION_SEPARATOR = "|"  # between key assumptions in the data, spaces around it optional
MAX_BANDS_APART = 1  # a judgement further than this from the balance is flagged


@dataclass(frozen=True)
class Judgement:
    """One of the analyst's judgements, with the balance of the evidence as of its date."""

    judgement_id: str
    proposition_id: str
    proposition: str
    kind: str
    as_of: pd.Timestamp
    likelihood: str
    band: str
    confidence: str
    rationale: str
    assumptions: tuple[str, ...]
    would_change_if: str
    implications: str
    supersedes: str
    balance: Balance | None  # None for a proposition that is not a fact
    check: str  # "agrees", "departs", "confidence above", "cannot assess" or "not a fact"
    # The balance without interested parties' statements, where any of them counted in it.
    without_interested: Balance | None = None

    @property
    def departs(self) -> bool:
        """Whether the judgement and the balance differ (likelihood or confidence), or the balance
        could not assess."""
        return self.check in ("departs", OVERCONFIDENT, CANNOT_ASSESS)


def _text(value: object) -> str:
    return "" if pd.isna(value) else str(value)


def _check(likelihood: str, confidence: str, found: Balance | None) -> str:
    if found is None:
        return "not a fact"
    if not found.assessed:
        return CANNOT_ASSESS
    apart = bands_apart(likelihood, found.term)
    if apart is not None and apart > MAX_BANDS_APART:
        return "departs"
    if CONFIDENCE_LEVELS.index(confidence) > CONFIDENCE_LEVELS.index(found.confidence):
        return OVERCONFIDENT
    return "agrees"


def all_judgements(wb: Workbook, weights: Weights | None = None) -> list[Judgement]:
    """Every judgement in file order (the history), each with the balance as of its ``as_of``.

    At the default weights the list is built once per workbook: every page and table reuses it.
    """
    if weights is None:
        return list(views(wb).memo("judgements", lambda: all_judgements(wb, Weights())))
    props = keyed(wb.propositions, "proposition_id")
    found, alone = _judged_balances(wb, props, weights)
    out = []
    for row in wb.judgements.itertuples(index=False):
        kind = str(props.at[row.proposition_id, "kind"])
        likelihood = str(row.likelihood)
        out.append(
            Judgement(
                judgement_id=row.judgement_id,
                proposition_id=row.proposition_id,
                proposition=str(props.at[row.proposition_id, "text"]),
                kind=kind,
                as_of=row.as_of,
                likelihood=likelihood,
                band=BANDS[likelihood],
                confidence=str(row.confidence),
                rationale=_text(row.rationale),
                assumptions=tuple(
                    a.strip() for a in _text(row.assumptions).split(ASSUMPTION_SEPARATOR) if a.strip()
                ),
                would_change_if=_text(row.would_change_if),
                implications=_text(row.implications),
                supersedes=_text(row.supersedes),
                balance=found.get(row.judgement_id),
                check=_check(likelihood, str(row.confidence), found.get(row.judgement_id)),
                without_interested=alone.get(row.judgement_id),
            )
        )
    return out


def _judged_balances(
    wb: Workbook, props: pd.DataFrame, weights: Weights
) -> tuple[dict[str, Balance], dict[str, Balance]]:
    """Each judgement on a fact with the balance of what bore on its proposition by its ``as_of``,
    and, where an interested party's statement counted in it, the balance without theirs; all
    weighed at once (:func:`balances_apart`), what bore on what by each day found once."""
    on_facts = wb.judgements[(props.loc[wb.judgements["proposition_id"], "kind"] == "fact").to_numpy()]
    judged = on_facts[["judgement_id", "proposition_id"]].rename(columns={"proposition_id": "target"})
    parts = [
        bearing_on(weighed_only(statements_known(wb, as_of)), wb.propositions).merge(
            judged[(on_facts["as_of"] == as_of).to_numpy()], on="target"
        )  # each row once per judgement of that day on its target, in the order it had
        for as_of in on_facts["as_of"].drop_duplicates()
    ]
    bearing = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    found = balances_apart(bearing, "judgement_id", weights) if len(bearing) else {}
    for row in on_facts.itertuples(index=False):  # nothing bore on it: it cannot assess
        found.setdefault(row.judgement_id, empty_balance(row.proposition_id))
    interested = [
        k for k, b in found.items() if (b.basis["counted"] & b.basis["interested"].astype(bool)).any()
    ]
    if not interested:
        return found, {}
    without = bearing[
        bearing["judgement_id"].isin(interested).to_numpy() & ~bearing["interested"].astype(bool).to_numpy()
    ]
    alone = balances_apart(without, "judgement_id", weights) if len(without) else {}
    return found, {k: alone.get(k) or empty_balance(found[k].proposition_id) for k in interested}


def key_judgements(wb: Workbook, weights: Weights | None = None) -> list[Judgement]:
    """The current judgements (superseded by none), in file order."""
    every = all_judgements(wb, weights)
    replaced = {j.supersedes for j in every}
    return [j for j in every if j.judgement_id not in replaced]


def leading(wb: Workbook) -> list[Judgement]:
    """The current judgements in the order the bottom line states them: by how much of the evidence
    bears on their proposition (the question's core first), then the newest first; never file order."""
    return sorted(
        key_judgements(wb),
        key=lambda j: (
            -(len(j.balance.basis) if j.balance is not None else 0),
            -j.as_of.value,
            j.judgement_id,
        ),
    )


def history(wb: Workbook) -> pd.DataFrame:
    """Each change of judgement: the earlier and the later one, side by side, oldest first.

    ``likelihood_steps`` and ``confidence_steps`` count the ICD 203 terms and confidence levels the
    later one moved (up positive, down negative, 0 where only the reasoning changed)."""
    every = {j.judgement_id: j for j in all_judgements(wb)}
    rows = []
    for j in every.values():
        old = every.get(j.supersedes)
        if old is None:
            continue
        rows.append(
            {
                "proposition": j.proposition,
                "from_as_of": old.as_of,
                "from_likelihood": old.likelihood,
                "from_confidence": old.confidence,
                "from_why": old.rationale,
                "to_as_of": j.as_of,
                "to_likelihood": j.likelihood,
                "to_confidence": j.confidence,
                "likelihood_steps": TERMS.index(j.likelihood) - TERMS.index(old.likelihood),
                "confidence_steps": CONFIDENCE_LEVELS.index(j.confidence)
                - CONFIDENCE_LEVELS.index(old.confidence),
                "why": j.rationale,
                "judgement_id": j.judgement_id,
                "supersedes": old.judgement_id,
            }
        )
    columns = [
        "proposition", "from_as_of", "from_likelihood", "from_confidence", "from_why", "to_as_of",
        "to_likelihood", "to_confidence", "likelihood_steps", "confidence_steps", "why", "judgement_id",
        "supersedes",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def unjudged(wb: Workbook, weights: Weights | None = None) -> list[Balance]:
    """Balances of the factual propositions no current judgement covers (shown as aids alone)."""
    judged = {j.proposition_id for j in key_judgements(wb, weights)}
    found = current_balances(wb, weights)
    return [b for pid, b in found.items() if pid not in judged]


def evidence_since(wb: Workbook, judgement: Judgement) -> pd.DataFrame:
    """What was said on the judgement's proposition (directly or by implication) after its date:
    evidence the judgement has not weighed, newest first."""
    later = statements_known(wb)
    later = later[(later["said_on"] > judgement.as_of).fillna(False).to_numpy(dtype=bool)]
    bearing = bearing_on(later, wb.propositions)
    found = bearing[bearing["target"] == judgement.proposition_id]
    return found.sort_values(["said_on", "statement_id"], ascending=[False, True]).drop_duplicates("remark")


@dataclass(frozen=True)
class Prompt:
    """A current judgement that new statements bear on, and what the computed check says now."""

    judgement: Judgement
    statement_ids: tuple[str, ...]  # the new statements that bear on it, directly or by implication
    balance: Balance | None  # the balance with them
    check: str  # the judgement against that balance ("agrees", "departs", ...)


def prompts(wb: Workbook, statement_ids: Iterable[str]) -> list[Prompt]:
    """Each current judgement that the statements ``statement_ids`` (just added) bear on, with the
    balance and the check as they stand with them, in the bottom line's order."""
    wanted = {str(s) for s in statement_ids}
    said = statements_known(wb)
    new = said[said["statement_id"].astype(str).isin(wanted).to_numpy(dtype=bool)]
    if new.empty:
        return []
    bearing = bearing_on(new, wb.propositions)
    now = current_balances(wb)
    out = []
    for j in leading(wb):
        hit = bearing.loc[bearing["target"] == j.proposition_id, "statement_id"].astype(str)
        if len(hit):
            found = now.get(j.proposition_id) if j.kind == "fact" else None
            ids = tuple(sorted(set(hit)))
            out.append(Prompt(j, ids, found, _check(j.likelihood, j.confidence, found)))
    return out


@dataclass(frozen=True)
class IndicatorPrompt:
    """An indicator that new statements bear on: through the current judgement it points at (which
    they bear on, so that a superseding judgement takes the indicator with it), or through the
    hypothesis under which they were rated in the ACH matrix."""

    indicator_id: str
    text: str
    bears_on: str  # the judgement or hypothesis it points at, as indicators.csv has it
    direction: str
    status: str
    as_of: pd.Timestamp
    notes: str
    statement_ids: tuple[str, ...]  # the new statements that bear on what it points at
    judgement: Prompt | None  # the prompt of the judgement it points at; None on a hypothesis
    ratings: tuple[tuple[str, str], ...] = ()  # (statement, rating) under its hypothesis


def indicator_prompts(
    wb: Workbook, statement_ids: Iterable[str], found: list[Prompt]
) -> list[IndicatorPrompt]:
    """Each indicator that the statements ``statement_ids`` (just added) bear on, in file order: one
    pointing at a judgement of ``found`` (:func:`prompts` for the same statements), or at a hypothesis
    under which any of them was rated. Whether it is seen stays the analyst's: nothing here reads so."""
    by_judgement = {p.judgement.judgement_id: p for p in found}
    wanted = {str(s) for s in statement_ids}
    rated = wb.ach_ratings[wb.ach_ratings["statement_id"].astype(str).isin(wanted).to_numpy(dtype=bool)]
    out = []
    for row in wb.indicators.itertuples(index=False):
        target = str(row.bears_on)
        prompt = by_judgement.get(target)
        under = rated[(rated["hypothesis_id"].astype(str) == target).to_numpy(dtype=bool)]
        if prompt is None and under.empty:
            continue
        ratings = tuple(zip(under["statement_id"].astype(str), under["rating"].astype(str), strict=True))
        out.append(
            IndicatorPrompt(
                indicator_id=str(row.indicator_id),
                text=str(row.text),
                bears_on=target,
                direction=str(row.direction),
                status=str(row.status),
                as_of=row.as_of,
                notes=_text(row.notes),
                statement_ids=prompt.statement_ids if prompt else tuple(sorted({s for s, _ in ratings})),
                judgement=prompt,
                ratings=() if prompt else ratings,
            )
        )
    return out
