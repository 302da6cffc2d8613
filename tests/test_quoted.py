"""The documents appendix: each quote highlighted where it stands in its document's text."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from helpers import load_workbook, quoted
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present.quoted import CONTEXT, LONG_TEXT, Span, marked_text


class _Reading(HTMLParser):
    """The text of marked HTML as a reader sees it, which characters are marked, and the anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.marked: list[bool] = []
        self.anchors: dict[str, int] = {}
        self.links: list[str] = []
        self._mark = self._sup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "mark":
            self._mark += 1
        elif tag == "sup":
            self._sup += 1
        elif tag == "span" and found.get("id"):
            self.anchors[str(found["id"])] = len(self.text)
        elif tag == "a":
            self.links.append(str(found.get("href")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark -= 1
        elif tag == "sup":
            self._sup -= 1

    def handle_data(self, data: str) -> None:
        if self._sup:  # the statement id after a quote: a link, not the document's text
            return
        self.text.extend(data)
        self.marked.extend([self._mark > 0] * len(data))


def _read(page: str) -> _Reading:
    reading = _Reading()
    reading.feed(page)
    reading.close()
    return reading


@st.composite
def texts_with_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    text = draw(st.text(alphabet=st.sampled_from("ab <>&\"'\n."), min_size=1, max_size=200))
    spans = []
    for i in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(Span(start, end, f"S{i:02d}"))
    return text, spans


@given(texts_with_spans())
def test_the_text_reads_as_itself_with_exactly_the_quotes_marked(case: tuple[str, list[Span]]) -> None:
    text, spans = case
    seen = _read(marked_text(text, spans))
    assert "".join(seen.text) == text  # every character, escaped and back, none added or lost
    inside = [any(s.start <= i < s.end for s in spans) for i in range(len(text))]
    assert seen.marked == inside  # overlapping quotes included
    for s in spans:  # each quote's anchor stands where it starts, and links back to its statement
        assert seen.anchors[f"quote-{s.statement_id}"] == s.start
        assert f"#statement-{s.statement_id}" in seen.links


def test_a_long_document_keeps_its_quotes_and_counts_what_it_leaves_out() -> None:
    text = "x" * LONG_TEXT + "the quote" + "y" * LONG_TEXT
    start = LONG_TEXT
    page = marked_text(text, [Span(start, start + 9, "S01")])
    seen = "".join(_read(page).text)
    assert "the quote" in seen and len(seen) < 2 * CONTEXT + 9 + 200
    assert f"[… {start - CONTEXT:,} characters without a curated quote …]" in html.unescape(page)


def test_every_statement_of_the_reference_data_is_linked_to_its_quote() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    page = str(quoted.documents_with_quotes(wb))
    seen = _read(page)
    for sid in wb.statements["statement_id"]:
        assert f'id="statement-{sid}"' in page and f'href="#quote-{sid}"' in page
        assert f"quote-{sid}" in seen.anchors
    assert "<script" not in page.lower()
