"""An article's text cut into sentences, paragraphs and quotations, every piece with its character offsets.

Sentences come from ``sentencex`` (Wikimedia's rule-based segmenter: abbreviations such as "Oct." and
"U.N.", and sentences run together without a space); offsets are found by walking the text, so a
piece always names the exact characters it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sentencex import segment

from .words import words_of

OPENING = {"“": "”", '"': '"'}
# What precedes the words of a statement without being part of them: a store's date stamp, a wire
# dateline ("WASHINGTON (AP) — "), a bullet, a label of the page ("Quote from Ryder: ", "Details: ").
_LEADING = re.compile(
    r"(?:\s|•|·|\u2022)*(?:and\s+|but\s+)?"
    r"(?:date \d{4}-\d{2}-\d{2}\s+)?"
    r"(?:[A-Z][A-Z .'-]+(?:,\s*[\w .,]+?)?\s*(?:\([^)]{1,40}\))?\s+[—–-]+\s+)?"
    r"(?:(?:Quote|Details|Background|Source|Sources)(?: from [^:\n]{1,60})?:\s+)?"
)
_TRAILING = ",;:— \t\r\n"


@dataclass(frozen=True, order=True)
class Span:
    """Characters ``start`` to ``end`` (exclusive) of a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The characters this span covers in ``text``."""
        return text[self.start : self.end]

    def __contains__(self, other: object) -> bool:
        return isinstance(other, Span) and self.start <= other.start and other.end <= self.end

    def overlap(self, other: Span) -> int:
        """How many characters the two spans share."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class Quotation:
    """Words in quotation marks: ``outer`` with the marks, ``inner`` without them."""

    outer: Span
    inner: Span


def sentences(text: str) -> list[Span]:
    """The sentences of ``text`` that hold a word, in order; a sentence never crosses a blank line."""
    pieces: list[Span] = []
    at = 0
    for piece in segment("en", text):
        found = text.find(piece, at) if piece else -1
        if found < 0:  # the segmenter changed the text: keep the rest whole rather than guess
            pieces.append(Span(at, len(text)))
            break
        pieces.append(Span(found, found + len(piece)))
        at = found + len(piece)
    out: list[Span] = []
    for piece in _rejoined(text, pieces):
        out += _split_lines(text, piece)
    return [s for s in (strip(text, s) for s in out) if re.search(r"\w", s.of(text))]


# The last part of a domain-like name: "Censor.NET", "Yahoo.com", "RT.com", ".NET"; written all in
# capitals or all in lower case ("8.In a statement" is two sentences run together, "Censor.NET" one).
DOMAIN_ENDS = words_of(
    "com net org info gov edu mil int io co biz news tv ua ru uk kr kp us eu de fr pl by kz cn jp"
)
_DOMAIN_END = re.compile(r"([A-Za-z]{2,4})(?![\w-])")


def _rejoined(text: str, pieces: list[Span]) -> list[Span]:
    """``pieces`` with a cut inside a word put back: the segmenter ends a sentence at the dot of a
    domain-like name ("Censor.NET", ".NET"), which no sentence ends inside."""
    out: list[Span] = []
    for piece in pieces:
        if out and out[-1].end == piece.start and text[piece.start - 1 : piece.start] == ".":
            end = _DOMAIN_END.match(text, piece.start)
            word = end.group(1) if end else ""
            if word.lower() in DOMAIN_ENDS and (word.islower() or word.isupper()):
                out[-1] = Span(out[-1].start, piece.end)
                continue
        out.append(piece)
    return out


def _split_lines(text: str, span: Span) -> list[Span]:
    """``span`` cut at every line break: a line is a paragraph, a heading or a label of the page."""
    out, start = [], span.start
    for match in re.finditer(r"\n", span.of(text)):
        out.append(Span(start, span.start + match.start()))
        start = span.start + match.end()
    out.append(Span(start, span.end))
    return out


def paragraphs(text: str) -> list[Span]:
    """Runs of non-empty lines."""
    return [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\S\n]*[^\s][^\n]*)*", text)]


_BLANK = " \t\n\r\x0b\x0c\u00a0\u2028\u2029\ufeff"  # white space, and a byte-order mark: no quote holds one


def strip(text: str, span: Span) -> Span:
    """``span`` without the white space (or a byte-order mark) at either end."""
    piece = span.of(text)
    start = span.start + len(piece) - len(piece.lstrip().lstrip(_BLANK))
    return Span(start, max(start, span.start + len(piece.rstrip().rstrip(_BLANK))))


def trim(text: str, span: Span) -> Span:
    """``span`` without what precedes a statement's words (date stamp, dateline, bullet, page label)
    and without a trailing comma, colon or dash."""
    span = strip(text, span)
    lead = _LEADING.match(text, span.start, span.end)
    start = lead.end() if lead and lead.end() < span.end else span.start
    end = span.end
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return Span(start, end) if end > start else span


def quotations(text: str) -> list[Quotation]:
    """Every run of words in double quotation marks, curly or straight, within one paragraph.

    A curly quote opens with “ and closes with ”; straight ones pair up in order. An opening mark
    left unclosed at the paragraph's end is left out.
    """
    out: list[Quotation] = []
    for para in paragraphs(text):
        piece = para.of(text)
        at = 0
        while True:
            match = re.search(r"[“\"]", piece[at:])
            if match is None:
                break
            open_at = at + match.start()
            close_mark = OPENING[match.group()]
            close_at = piece.find(close_mark, open_at + 1)
            if close_at < 0:
                break
            inner = Span(para.start + open_at + 1, para.start + close_at)
            if inner.end > inner.start and piece[open_at + 1 : close_at].strip():
                out.append(Quotation(Span(inner.start - 1, inner.end + 1), inner))
            at = close_at + 1
    return out


def words(text: str) -> int:
    """How many words ``text`` holds."""
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))
