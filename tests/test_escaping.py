"""Text from the data stays text: no label, name or place becomes markup once the words are rendered.

Markdown is rendered as the HTML briefing renders it (nbconvert's mistune); what comes out must
have the structure of the clean data's words and show the hostile characters as they are.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from helpers import (
    Workbook,
    charts,
    findings,
    judged,
    load_workbook,
    memo,
    method,
    narrative,
    quoted,
    relay_chart,
    tables,
)
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present.explorer import Explorer
from helpers.present.markdown import Markdown, escape, md

from .conftest import set_cell

AUSTIN = "# Austin *em* _u_ ~~s~~"
NIS = "NIS\n---\n| a | b |"
DPRK = "1. North Korea `c`"
ENVOY = "[UN](http://e.vil) www.x.org"
ZELENSKY = "<script>alert(1)</script>Z"
RUSSIA = r"$\alpha$ \(R\) & <b>"
H1 = "**Combat** <b>x</b> | ~~y~~ http://evil.example"
H2 = "- Non-combat\n# heading\n```\ncode"
H3 = "> No deployment\n\n1) www.example.com <img src=x onerror=alert(1)>"
PROPOSITION = (
    "North Korea has sent troops to Russia\n\n## <b>really</b> | [x](https://e.vil) _u_ *e* `c` $x$ \\(y\\)."
)
SENT_TO = "Russia\n\n---\n| a | b |\n|---|---|"
PREPARING_IN = "Kursk www.evil.com <i>x</i>"
HEDGE = "could be\n\n> *maybe* <u>so</u>"
IMPLICATION = "Act *now* <b>x</b>\n\n# urgent [go](http://e.vil)"
ASSUMPTION = "Services `share` | nothing www.evil.org"
INDICATOR = "Troops seen | <img src=x> ## at www.front.example"
TITLE = "<h1>Claims</h1>\n===\n[home](javascript:alert(1))"
QUESTION = "Did\n# it happen, www.example.com and 1,500 or $1 or $2?"

# Tags that data must never open; the templates use only p, ul, li and strong (and escape() span).
MARKUP = {"a", "b", "blockquote", "br", "code", "del", "dl", "em", "hr", "i", "img", "input", "ol", "pre"}
MARKUP |= {"h1", "h2", "h3", "h4", "h5", "h6", "script", "table", "u"}
# Whitespace that escape() folds: every run becomes one space.
WHITESPACE = re.compile(r"[\t\n\v\f\r \x1c-\x1f\x85\u2028\u2029]+")


def _csv(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _collapsed(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


class _Page(HTMLParser):
    """The tags and the visible text of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return _collapsed("".join(self.parts))


def _rendered(markdown: str) -> _Page:
    return _Page(markdown2html_mistune(markdown))


def _current_judgement(folder: Path, proposition: str) -> str:
    import csv

    with (folder / "judgements.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    replaced = {r["supersedes"] for r in rows}
    return next(
        r["judgement_id"]
        for r in rows
        if r["proposition_id"] == proposition and r["judgement_id"] not in replaced
    )


def _first_indicator_on_a_hypothesis(folder: Path) -> str:
    import csv

    with (folder / "indicators.csv").open(encoding="utf-8", newline="") as f:
        return next(r["indicator_id"] for r in csv.DictReader(f) if r["bears_on"].startswith("H"))


def _hostile(folder: Path) -> Workbook:
    """The workbook of ``folder`` with markup in source labels, hypotheses, a proposition and places."""
    sources = [("austin", "Austin", AUSTIN), ("nis", "NIS", NIS), ("dprk", "North Korea", DPRK)]
    sources += [("dprk-un-envoy", "North Korea's UN envoy", ENVOY), ("zelensky", "Zelensky", ZELENSKY)]
    for source, _, new in [*sources, ("russia", "Russia", RUSSIA)]:
        set_cell(folder / "sources.csv", source, "label", new)
    for hid, new in (("H1", H1), ("H2", H2), ("H3", H3)):
        set_cell(folder / "hypotheses.csv", hid, "label", new)
    set_cell(folder / "propositions.csv", "troops-in-russia", "text", PROPOSITION)
    set_cell(folder / "places.csv", "russia", "name", SENT_TO)  # claims are named by their place
    set_cell(folder / "places.csv", "kursk-oblast", "name", PREPARING_IN)
    current = _current_judgement(folder, "troops-in-russia")
    set_cell(folder / "judgements.csv", current, "implications", IMPLICATION)
    set_cell(folder / "judgements.csv", current, "assumptions", ASSUMPTION)
    set_cell(folder / "indicators.csv", _first_indicator_on_a_hypothesis(folder), "text", INDICATOR)
    wb = load_workbook(folder)  # the hostile values are valid data
    # A hedge must occur in its quote and a title is the package's: both are replaced in memory.
    statements = wb.statements.copy()
    statements.loc[statements["statement_id"] == "S13", "hedge"] = HEDGE
    package = dataclasses.replace(wb.package, title=TITLE, description=f"{QUESTION}\n\nMore.")
    return dataclasses.replace(wb.with_tables(statements=statements), package=package)


@pytest.fixture(scope="module")
def clean() -> Workbook:
    return load_workbook(REFERENCE_DATA_DIR)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(REFERENCE_DATA_DIR, root / "data")
    shutil.copytree(REFERENCE_DATA_DIR.parent / "seeds", root / "seeds")
    return _hostile(root / "data")


WORDS: list[tuple[Callable[[Workbook], Markdown], tuple[str, ...]]] = [
    (findings.statements, (AUSTIN, PROPOSITION, NIS, ENVOY, RUSSIA)),
    (findings.troop_numbers, (ZELENSKY, NIS, SENT_TO, PREPARING_IN, HEDGE)),
    (findings.reliability, (PROPOSITION,)),
    (findings.hypotheses, (H1, H2, H3)),
    (findings.what_if, (H1, H2)),
    (narrative.question, (TITLE, QUESTION)),
    (memo.bottom_line, (PROPOSITION, H1, H2)),
    (memo.watch, (PROPOSITION,)),
    (judged.judgement_sections, (PROPOSITION,)),
    (judged.assumptions, (PROPOSITION,)),
    (judged.changes, ()),
    (judged.uncounted, ()),
    (narrative.alternatives, (H1, H2, INDICATOR)),
    (narrative.caveats, ()),
    (judged.implications, (PROPOSITION, IMPLICATION)),
    (judged.unjudged, ()),
]


@pytest.mark.parametrize("words, shown", WORDS, ids=[f"{f.__module__}.{f.__name__}" for f, _ in WORDS])
def test_data_in_the_words_stays_text(
    clean: Workbook, hostile: Workbook, words: Callable[[Workbook], Markdown], shown: tuple[str, ...]
) -> None:
    page, plain = _rendered(words(hostile)), _rendered(words(clean))
    # No markup the words do not write themselves (emphasis for "Why:", a heading per judgement)...
    assert not (MARKUP - set(plain.tags)) & set(page.tags), page.tags
    # ...and markup from the data adds nothing: the page has the clean data's structure, bold included.
    assert page.tags - Counter({"span": page.tags["span"]}) == plain.tags
    for value in shown:  # and reads the data's own characters
        assert _collapsed(value).rstrip(".") in page.text


def test_dollars_and_backslashes_stand_alone(hostile: Workbook) -> None:
    """MathJax reads maths in the rendered text: each "$" and "\\" from the data is an element of its own."""
    rendered = markdown2html_mistune(memo.bottom_line(hostile))
    assert rendered.count("$") == rendered.count("<span>$</span>") > 0
    assert rendered.count("\\") == rendered.count("<span>\\</span>") > 0


# Pieces of text that mean something to some Markdown renderer, for the generator to combine.
PIECES = [*"\\`*_~#|[]:@$&<>.-+=()!\"' \n\t\r1234567890abw/{}^%;?,", "www.", "http://", "1. ", "- ", ": "]
PIECES += ["---", "&amp;", "<b>", "\\(", "$$", "```", "| a |", "[x](y)", "<script>", "@@1@@", "\u00a0"]
HOSTILE_TEXT = st.one_of(st.lists(st.sampled_from(PIECES), max_size=25).map("".join), st.text(max_size=40))


# Cheap to run: many more examples than the other properties in the full run, a few in the quick one.
FULL = settings().max_examples >= 30


@settings(max_examples=300 if FULL else 30, deadline=None)
@given(HOSTILE_TEXT)
@example("# heading")
@example("- item\n1. item")
@example("*em* __strong__ `code` ~~gone~~")
@example("a | b\n---|---\nc | d")
@example("http://example.com www.example.com a@example.com")
@example("$x$ \\(y\\)")
def test_escaped_text_renders_as_itself_in_one_paragraph(text: str) -> None:
    # Alone, as a list item, and on the line after a paragraph's first (where "===" or ": " would
    # make a heading or a definition of it).
    for markdown, before, outer in (
        (escape(text), "", Counter(p=1)),
        (md("- {v}", v=text), "", Counter(ul=1, li=1)),
        (md("Term\n{v}", v=text), "Term ", Counter(p=1)),
    ):
        page = _rendered(markdown)
        if page.text:
            assert page.tags - Counter({"span": page.tags["span"]}) == outer, (text, markdown)
        assert page.text == _collapsed(before + _collapsed(text)), (text, markdown)


def test_values_are_escaped_once_and_markdown_is_kept() -> None:
    line = md("**{name}** has {n:,} at {share:.0%}", name="*NIS*", n=1500, share=0.5)
    assert line == "**\\*NIS\\*** has 1,500 at 50%"
    assert md("{line}.", line=line) == line + "." and escape(line) is line
    assert escape("6.7x, 0.8 and -5") == "6.7x, 0.8 and -5"  # numbers read as they are written
    assert escape(" 2. a\n\nb ") == "2\\. a b" and escape("---") == "\\---" and escape("www.x") == "www\\.x"
    assert escape("a: b at http://x") == "a: b at http\\://x" and escape(": b") == "\\: b"
    assert type(line + "") is str  # joined, it is text again: md() would escape it
    assert line._repr_markdown_() == str(line)  # a notebook shows it as Markdown


def test_tables_escape_the_data(hostile: Workbook) -> None:
    statements = hostile.statements.copy()
    statements.loc[0, "quote"] = "<script>alert(1)</script><b>x</b>"
    wb = hostile.with_tables(statements=statements)
    made = [tables.statements_table(wb), tables.sources_table(wb), tables.ach_table(wb)]
    made += [judged.judgements_table(wb), tables.frame_table(wb.hypotheses, "h", "<b>x</b>")]
    made += [judged.evidence_table(wb), judged.indicators_table(wb)]
    made += [tables.ach_rationales(wb), method.standards_table(wb), method.parameters_table()]
    for table in made:
        page = table.to_html()
        assert "<script" not in page and "<b>" not in page and "<img" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in made[0].to_html()
    documents = str(quoted.documents_with_quotes(wb))  # quotes and labels in the documents appendix too
    assert "<script" not in documents and "<b>" not in documents and "&lt;script&gt;alert(1)" in documents
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Z" in made[1].to_html()
    assert "&lt;b&gt;x&lt;/b&gt;" in made[2].to_html() and "&lt;b&gt;x&lt;/b&gt;" in made[4].to_html()
    static = Explorer(wb).static_html()
    assert "<script" not in static and "<b>x" not in static and "&lt;b&gt;x&lt;/b&gt;" in static


@pytest.mark.parametrize(
    "make, raw",
    [
        (charts.timeline, AUSTIN),
        (charts.troop_numbers, "<script>alert(1)</script>Z: about 10,000"),
        (charts.ach_scores, "“**Combat** <b>x</b> | ~~y~~ http://evil.example”"),
        (relay_chart.reporting_chains_chart, RUSSIA),
    ],
)
def test_charts_draw_the_data_plain(
    hostile: Workbook, make: Callable[[Workbook], charts.Chart], raw: str
) -> None:
    chart = make(hostile)
    assert chart.png().startswith(b"\x89PNG")  # "$\alpha$" drawn as text: maths would be parsed
    # the finding in the title, or (where no pair makes the headline) the listing in the alternative
    assert (
        raw in _collapsed(f"{chart.title} {chart.alt}")
        and "\\*" not in chart.title
        and "&lt;" not in chart.alt
    )
