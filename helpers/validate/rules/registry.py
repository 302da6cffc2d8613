"""The registry of the workbook's own rules: each declares the problems it reports, the tables and
columns it reads, and its function. ``load`` runs them in order; the codebook lists them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..csvread import RawTable
from ..problems import Kind, Problem


@dataclass
class Context:
    """What the rules read: the typed tables, their raw text (for lines), the documents' texts.

    A rule that reads documents or locates quotes also adds to it (texts, quote offsets), so the
    rules run in the order they are registered.
    """

    folder: Path
    typed: dict[str, pd.DataFrame]
    raws: dict[str, RawTable]
    texts: dict[str, str] = field(default_factory=dict)
    declared: frozenset[str] = frozenset()  # the tables the descriptor names, loaded or not


Check = Callable[[Context], list[Problem]]


@dataclass(frozen=True)
class Rule:
    """One rule: what it reports, what it reads, how it checks."""

    name: str
    kinds: tuple[Kind, ...]
    reads: dict[str, tuple[str, ...]]  # table -> the columns the rule needs
    check: Check

    def applies(self, ctx: Context) -> bool:
        """Whether every table and column the rule reads loaded: a broken table is reported once."""
        return all(
            table in ctx.typed and all(c in ctx.typed[table] for c in columns)
            for table, columns in self.reads.items()
        )


RULES: list[Rule] = []


def rule(*kinds: Kind, reads: dict[str, tuple[str, ...]]) -> Callable[[Check], Check]:
    """Register the decorated function as a rule reporting ``kinds`` from the tables in ``reads``."""

    def register(check: Check) -> Check:
        RULES.append(Rule(check.__name__, kinds, reads, check))
        return check

    return register


def run_rules(ctx: Context) -> list[Problem]:
    """Every registered rule that applies, in order; their problems in one list."""
    problems: list[Problem] = []
    for registered in RULES:
        if registered.applies(ctx):
            problems += registered.check(ctx)
    return problems
