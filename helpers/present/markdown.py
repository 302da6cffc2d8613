"""Markdown for notebooks and briefings whose words come from the data, escaped so they stay words.

The template of a sentence is Markdown written in the code; each value from the data is
escaped where it goes in (:func:`md`), so that no label, name or proposition can become a heading,
list, table, rule, code, emphasis, link, maths or HTML, whichever renderer shows it: mistune in
nbconvert (the HTML briefing), or marked and MathJax in JupyterLab.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any, LiteralString

__all__ = ["Markdown", "bullets", "code", "escape", "md"]


class Markdown(str):
    """Markdown safe to render: words written in the code, with every value from the data escaped.

    Make it with :func:`md`, :func:`escape` or :func:`bullets`, never by wrapping a string that
    holds data. ``+``, ``join`` and f-strings give back a plain ``str``, which is text again: those
    functions escape it. Displays as Markdown in a notebook.
    """

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))  # as text, not as the repr of a str in quotes


# Any run of whitespace, line breaks of every kind included, becomes one space: a value then never
# begins a line of its own, so it cannot open a heading, list, table row, rule or fenced code; and
# a value is trimmed, since a space just inside "**...**" would undo the bold around it.
_WHITESPACE = re.compile(r"[\t\n\v\f\r \x1c-\x1f\x85\u2028\u2029]+")
# Characters with a meaning anywhere in a line: emphasis, code, strikethrough, headings, tables,
# links and footnotes, HTML and entities, maths, and the autolinks that GFM makes of "http://",
# "a@b.org" and "www.".
_INLINE = re.compile(r"[\\`*_~#|\[\]@$&<>]|:(?=//)|(?i:(?<=www))\.")
# Characters with a meaning where a line starts, as a value may (after a template's "- "): the
# marker of a list item ("- ", "+ ", "1. ", "2) ") or of a definition (": "), a rule or a
# heading's underline ("---", "===").
_LINE_START = re.compile(r"\d{0,9}(?=[.)](?: |$))|(?=[-+=:][-=]*(?: |$))")
_REPLACEMENTS = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    # MathJax reads "$" and "\(" in the rendered text, not in the Markdown, and nbconvert takes the
    # backslash escape "\\(" for maths: each goes in an element of its own, which no formula spans.
    "\\": "<span>&#92;</span>",
    "$": "<span>&#36;</span>",
}


def _replace(match: re.Match[str]) -> str:
    char = match.group()
    return _REPLACEMENTS.get(char, "\\" + char)


def escape(value: object) -> Markdown:
    """``value`` as one phrase of Markdown that renders as its own characters and opens nothing.

    The phrase is trimmed and each run of whitespace in it becomes one space. A :class:`Markdown`
    value comes back as it is, so that nothing is escaped twice.
    """
    if isinstance(value, Markdown):
        return value
    text = _WHITESPACE.sub(" ", str(value)).strip()
    start = _LINE_START.match(text)
    escaped = _INLINE.sub(_replace, text)
    if start:  # what precedes the marker is digits, which _INLINE leaves as they are
        escaped = escaped[: start.end()] + "\\" + escaped[start.end() :]
    return Markdown(escaped)


_BACKTICKS = re.compile("`+")


def code(value: object) -> Markdown:
    """``value`` as inline code: every character shown as it is, and the span ends where ``value`` does.

    Its fence of backticks is longer than any run of backticks in ``value``, and a space pads a
    value that starts or ends with one; line breaks become spaces, so a table row stays one line.
    Inside code nothing else is read as Markdown or HTML. (In a table cell, ``|`` still needs ``\\|``.)
    """
    text = str(value).replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    fence = "`" * (max(map(len, _BACKTICKS.findall(text)), default=0) + 1)
    edges = text[:1] + text[-1:]
    # CommonMark strips one space a side from code that is not all spaces: pad to keep them.
    pad = " " if "`" in edges or (edges == "  " and text.strip(" ")) or not text else ""
    return Markdown(f"{fence}{pad}{text}{pad}{fence}")


class _Escaping(string.Formatter):
    """``str.format`` that escapes each value once it is formatted, unless it is Markdown already."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Markdown):
            return str(value)
        return escape(format(value, format_spec))


_FORMATTER = _Escaping()


def md(template: LiteralString, /, **values: object) -> Markdown:
    """``template``, Markdown written in the code, with each ``{name}`` filled by an escaped value.

    Format specs apply first (``{n:,}``, ``{day:%-d %B}``); :class:`Markdown` values go in as
    they are, so that pieces compose without being escaped twice.
    """
    return Markdown(_FORMATTER.vformat(template, (), values))


def bullets(lines: Iterable[Markdown]) -> Markdown:
    """Lines as a Markdown bullet list; a line that is not :class:`Markdown` is escaped as text."""
    return Markdown("\n".join(md("- {line}", line=line) for line in lines))
