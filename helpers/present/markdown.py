"""Markdown for notebooks and briefings whose words come from the data, escaped so they stay words."""

from __future__ import annotations

from dataclasses import dataclass

# Characters that would let text from the data become HTML or a link once Markdown is rendered.
_MARKDOWN_UNSAFE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "[": "&#91;", "]": "&#93;", "`": "&#96;"}
)


def safe_markdown(text: str) -> str:
    """``text`` with HTML and link syntax neutralised; bullets and emphasis still work."""
    return text.translate(_MARKDOWN_UNSAFE)


@dataclass(frozen=True)
class Text:
    """Markdown that displays as Markdown in a notebook and reads the same as plain text.

    Build it with :func:`text`, which escapes it: its words come from the data.
    """

    markdown: str

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {"text/markdown": self.markdown, "text/plain": self.markdown}

    def __str__(self) -> str:
        return self.markdown


def text(markdown: str) -> Text:
    """A :class:`Text` whose content is escaped, since it quotes the data."""
    return Text(safe_markdown(markdown))
