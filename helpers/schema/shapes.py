"""The shapes of the declaration: a column, a foreign key, a table, and a column's default."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from .vocabulary import Vocabulary

ColumnType = Literal["string", "integer", "number", "boolean", "date"]
ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_-]*$"
Tables = Mapping[str, pd.DataFrame]


Origin = Literal["derived", "defaulted"]


@dataclass(frozen=True)
class Default:
    """What a blank cell (or an absent optional column) means, in words and as a computation.

    ``fill`` gets the table and every other table (typed) and returns the column's values where
    the cell is blank; without it a blank stays blank and means what ``text`` says. ``origin`` says
    what such a cell is when it stands in for a curator's decision: ``derived`` (computed by the
    named ``rule`` from other values) or ``defaulted`` (a blanket reading because nothing better is
    known); ``derived_where``, for a fill that derives some cells and defaults the rest, says which
    are derived. Without ``origin`` a blank decides nothing (empty notes, no reply).
    """

    text: str
    fill: Callable[[pd.DataFrame, Tables], pd.Series] | None = None
    origin: Origin | None = None
    rule: str = ""
    derived_where: Callable[[pd.DataFrame, Tables], pd.Series] | None = None


@dataclass(frozen=True)
class Column:
    """One column the workbook reads, with everything the validator, codebook and migrate need."""

    name: str
    type: ColumnType
    description: str
    source: str = "curator"
    required: bool = False  # every row has a value
    unique: bool = False
    vocabulary: Vocabulary | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    optional: bool = False  # the column may be absent; ``default`` then stands for it
    default: Default | None = None

    @property
    def enum(self) -> tuple | None:
        return None if self.vocabulary is None else self.vocabulary.values


@dataclass(frozen=True)
class Reference:
    """Columns whose values must be keys of another table (or of this one, ``table`` = "")."""

    columns: tuple[str, ...]
    table: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One table: its file, key, references and columns, and whether a dataset may leave it out."""

    name: str
    title: str
    description: str
    primary_key: tuple[str, ...]
    columns: tuple[Column, ...]
    references: tuple[Reference, ...] = ()
    optional: bool = False
    absent: str = ""  # for an optional table: what the workbook does without it
    _by_name: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {c.name: c for c in self.columns})

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return self._by_name[name]

    def has(self, name: str) -> bool:
        return name in self._by_name
