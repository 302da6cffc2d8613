"""The briefing as a reader's browser shows it: offline, quiet, accessible, no code, nothing run."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pytest

from helpers.paths import REFERENCE_DATA_DIR
from helpers.publish import briefing

from .browser import chromium, serious_accessibility_violations, visit
from .conftest import edit

pytestmark = [pytest.mark.browser, pytest.mark.build]

HOSTILE = 'An aide said <script>window.__xss = 1</script> then <img src=x onerror="window.__xss = 2"> too.'
HOSTILE_QUOTE = '<script>window.__xss = 1</script> then <img src=x onerror="window.__xss = 2">'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("briefing")
    briefing.build(REFERENCE_DATA_DIR, out, progress=lambda _: None)  # frozen: its figures are known
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def _pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


def test_every_page_is_built(built: Path) -> None:
    assert [p.name for p in _pages(built)] == [
        "01_statements.html",
        "02_troop_numbers.html",
        "03_source_reliability.html",
        "04_competing_hypotheses.html",
        "06_explorer.html",
        "07_documents.html",
        "index.html",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "01_statements.html",
        "02_troop_numbers.html",
        "03_source_reliability.html",
        "04_competing_hypotheses.html",
        "06_explorer.html",
        "07_documents.html",
    ],
)
def test_page_is_self_contained_quiet_and_shows_no_code(built: Path, browser, name: str) -> None:
    with visit(browser, built / name) as seen:
        page = seen.page
        images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])")
        text = page.inner_text("body")
        assert seen.requests == [], "the page tried to fetch something"
        assert seen.errors == []
        assert images and all(done and width > 0 for done, width, _ in images), "an image did not decode"
        assert all(len(alt) > 40 for _, _, alt in images), "every chart needs a text alternative"
        code = ".jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor, .highlight, .jp-InputPrompt"
        assert page.locator(code).count() == 0
        assert "from helpers import" not in text and "load_workbook()\n" not in text
        assert "Generated " in text and "sha256:" in text
        assert page.locator("nav.briefing-nav a").count() == len(briefing.pages())
        # Nothing is wider than the window: a wide table scrolls inside its own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        # Every entry of the table of contents leads to a heading of the page.
        targets = page.evaluate(
            "[...document.querySelectorAll('nav.briefing-toc a')].map(a => a.getAttribute('href').slice(1))"
        )
        assert all(page.evaluate("id => document.getElementById(id) !== null", t) for t in targets)


def test_briefing_reads_bottom_line_first(built: Path, browser) -> None:
    with visit(browser, built / "index.html") as seen:
        headings = seen.page.locator("h2").all_inner_texts()
        text = seen.page.inner_text("main")
    assert headings[:3] == ["Bottom line", "The numbers that disagree", "What to watch"]
    assert headings[-1].startswith("ICD 203 analytic standards")
    assert (
        "Very likely (80-95%), low confidence, as of 23 Oct 2024: North Korea has sent troops to Russia."
        in text
    )
    assert "Computed check: within one band of the balance; it clears the minimum of evidence only" in text
    assert "Troop numbers (computed): No two claimants' troop counts rule each other out" in text
    for standard in (
        "Key assumptions check",
        "Implications",
        "Change from previous analysis",
        "Indicators to watch",
    ):
        assert standard in headings
    assert "valid: " not in text  # the analyst's setup cell stays in JupyterLab


def test_explorer_page_shows_static_views_not_widget_placeholders(built: Path, browser) -> None:
    source = (built / "06_explorer.html").read_text(encoding="utf-8")
    assert "widget-view+json" not in source and "widget-state+json" not in source
    with visit(browser, built / "06_explorer.html") as seen:
        text = seen.page.inner_text("main")
        assert "20 of 21 statements count" in text
        assert "The remaining claims give: 1,500 sent; 10,000 preparing for combat." in text
        assert seen.page.locator("main img").count() >= 2
        assert seen.page.locator(".jupyter-widgets, .widget-area").count() == 0


def test_the_memo_and_its_chart_come_first(built: Path, browser) -> None:
    """An editor's first screen: the question, the bottom line, the chart that matters most and what
    to watch, the chart within the first 1,600 pixels of a 1280-pixel-wide window."""
    with visit(browser, built / "index.html") as seen:
        page = seen.page
        chart = page.evaluate("document.querySelector('main img').getBoundingClientRect().top + scrollY")
        watch = page.evaluate(
            "document.getElementById('What-to-watch').getBoundingClientRect().top + scrollY"
        )
        toc = page.locator("nav.briefing-toc")
        assert chart < 1600 and watch < 2400
        assert toc.is_visible() and toc.evaluate("e => getComputedStyle(e).position") == "sticky"
        assert "Every statement" not in page.locator("main h2").all_inner_texts()  # in appendix 01


def test_each_quote_is_marked_in_its_document_and_linked_both_ways(built: Path, browser) -> None:
    with visit(browser, built / "07_documents.html") as seen:
        page = seen.page
        marks = page.locator(".document-text mark")
        assert marks.count() >= 21
        page.click("a[href='#quote-S13']")
        assert page.evaluate("location.hash") == "#quote-S13"
        shown = page.evaluate(
            "(() => { const a = document.getElementById('quote-S13'); const m = a.nextElementSibling;"
            " return m.tagName + ':' + m.textContent; })()"
        )
        assert shown.startswith("MARK:Ukrainian President Volodymyr Zelensky is now claiming that 10,000")
        page.click("sup.quote-ref a[href='#statement-S13']")
        assert page.evaluate("location.hash") == "#statement-S13"


def test_the_pdf_has_page_numbers_and_the_fingerprint_on_every_page(built: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(built / "briefing.pdf")
    stamp = re.search(r"sha256:([0-9a-f]{64})", (built / "index.html").read_text(encoding="utf-8"))
    assert stamp is not None
    total = len(reader.pages)
    assert total >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text and stamp.group(1) in text
    first = reader.pages[0].extract_text()
    assert "Bottom line" in first and "On this page" not in first  # the table of contents is for screens


def test_no_serious_accessibility_violation_on_any_page(built: Path, browser) -> None:
    for page in _pages(built):  # the documents page's quote links included
        with visit(browser, page) as seen:
            assert serious_accessibility_violations(seen.page) == [], page.name


def _append_row(table: Path, /, **values: str) -> None:
    """Append a row to a CSV by column name, the other columns left empty."""
    with table.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with table.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow([values.get(column, "") for column in header])


def _hostile_workspace(data: Path) -> None:
    """A document whose text holds markup, quoted verbatim by a statement and a source label."""
    seed = data.parent / "seeds" / "999_hostile.txt"
    seed.write_text(HOSTILE, encoding="utf-8")
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    _append_row(
        data / "documents.csv",
        document_id="seed-999", title="Hostile test document", published="2024-10-24", published_basis="test",
        path="seeds/999_hostile.txt", sha256=digest, notes="test",
    )  # fmt: skip
    _append_row(
        data / "sources.csv",
        source_id="aide", label="<img src=y onerror=alert(3)>", name="An aide", kind="official",
        alignment="Unaligned", interested="false", reliability="C",
        reliability_rationale="A test source with markup in its label.",
    )  # fmt: skip
    _append_row(
        data / "statements.csv",
        statement_id="S90", document_id="seed-999", source_id="aide", said_on="2024-10-24",
        said_on_precision="exact", said_on_basis="test", quote=HOSTILE_QUOTE, attribution="direct quote",
        proposition_id="troops-in-russia", stance="affirms", credibility="3",
        credibility_rationale="A test statement whose words are markup.",
    )  # fmt: skip
    edit(
        data / "propositions.csv",
        "North Korea has sent troops to Russia.",
        "North Korea has sent troops to Russia <b>[x](javascript:alert(4))</b>.",
    )


def test_markup_in_the_data_shows_as_text_and_runs_nothing(workspace: Path, tmp_path: Path, browser) -> None:
    _hostile_workspace(workspace)
    out = briefing.build(
        workspace,
        tmp_path / "out",
        progress=lambda _: None,
        notebooks=["05_briefing.ipynb", "01_statements.ipynb", "06_explorer.ipynb"],
    )
    for page in (out, out.parent / "01_statements.html", out.parent / "06_explorer.html"):
        with visit(browser, page) as seen:
            text = seen.page.inner_text("body")
            assert seen.page.evaluate("window.__xss") is None
            assert seen.dialogs == [] and seen.errors == []
            if page.name == "index.html":  # the briefing quotes no statement; its appendices do
                assert "North Korea has sent troops to Russia <b>[x](javascript:alert(4))</b>." in text
            else:
                assert HOSTILE_QUOTE in text and "<img src=y onerror=alert(3)>" in text
            assert seen.page.locator("main img[src='x'], main img[src='y'], main script").count() == 0
            assert seen.page.locator("a[href^='javascript']").count() == 0
