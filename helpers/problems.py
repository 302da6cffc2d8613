"""One data problem, and the single error that carries all of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

_MAX_VALUE_CHARS = 80


def _show(value: object) -> str:
    text = str(value)
    if len(text) > _MAX_VALUE_CHARS:
        text = text[: _MAX_VALUE_CHARS - 1] + "…"
    return '"' + text.replace("\n", "\\n").replace("\r", "\\r") + '"'


@dataclass(frozen=True)
class Problem:
    """A broken rule at one place: file, line as in the file (header = 1), column, value."""

    file: str
    rule: str
    detail: str
    line: int | None = None
    column: str | None = None
    value: object | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        value = "" if self.value is None else f": value {_show(self.value)}"
        return f"{where}{value}: breaks rule '{self.rule}': {self.detail}"


class DataError(Exception):
    """Raised once per load with every problem found, so a curator can fix them all in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """The problems as text, one per line, headed by their count."""
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __str__(self) -> str:
        return self.report()

    def _render_traceback_(self) -> list[str]:
        # IPython (JupyterLab) shows this instead of a traceback: the problems are the message.
        return self.report().splitlines()
