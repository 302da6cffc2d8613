"""Build the HTML briefing: execute the notebooks against the data and export pages with no code.

The data is validated first. The pages are built in a staging folder beside the output, which
replaces the output folder whole once every page is built (see :mod:`.output`), so a failed or
interrupted run leaves the output folder as it was. A lock beside the output keeps a second build
of the same folder from starting.
"""

from __future__ import annotations

import hashlib
import html
import inspect
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.strings import add_anchor
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from ..paths import DESCRIPTOR_NAME, briefing_dir, data_dir, document_root
from ..safe_write import write_text
from ..workbook import Workbook, load_workbook
from .execute import WORKERS, execute_async, failure_named, notebook_paths, run_all, without_widget_views
from .exports import build_time, write_exports
from .interrupt import Guard, guarded
from .output import check_output, check_replaceable, locked, staging, swap_in, write_marker
from .pdf import PDF_NAME, write_pdf

TEMPLATES = Path(__file__).resolve().parent / "templates"
BRIEFING_NOTEBOOK = "05_briefing.ipynb"
INDEX = "index.html"
HIDDEN_TAG = "remove-from-briefing"  # cells for the analyst in JupyterLab, not for the reader
TOOLS = ("08_add_article.ipynb",)  # numbered notebooks that are tools for the analyst, not pages
# Runs one notebook against a data folder: a coroutine function, or a plain one returning the notebook.
execute: Callable[[Path, Path], Any] = execute_async
_RENDERING = threading.Lock()


@dataclass(frozen=True)
class Page:
    """One page of the briefing: which notebook, which file, and its title for the navigation."""

    notebook: Path
    filename: str
    title: str


def fingerprint(wb: Workbook) -> str:
    """SHA-256 over the descriptor, every table and every document the data cites, by name."""
    folder = wb.data_dir
    files = [folder / DESCRIPTOR_NAME, *(folder / r.path for r in wb.package.resources.values())]
    files += [document_root(folder) / p for p in sorted(wb.documents["path"])]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _title(notebook: Path) -> str:
    first = nbformat.read(notebook, as_version=4).cells[0].source.splitlines()[0]
    return first.lstrip("# ").strip()


def pages(folder: Path | None = None) -> list[Page]:
    """The briefing page first, then every other numbered notebook as an appendix, tools left out."""
    paths = [p for p in (notebook_paths(folder) if folder else notebook_paths()) if p.name not in TOOLS]
    main = [p for p in paths if p.name == BRIEFING_NOTEBOOK]
    rest = [p for p in paths if p.name != BRIEFING_NOTEBOOK]
    out = [Page(p, INDEX, "Briefing") for p in main]
    return out + [Page(p, p.with_suffix(".html").name, _title(p)) for p in rest]


class StaticWidgets(Preprocessor):
    """Replace live widgets by the static view they carry, so no empty placeholder is left."""

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        return without_widget_views(cell), resources


@cache
def _exporter() -> HTMLExporter:
    """The page exporter, made once per process: it compiles its Jinja templates on first use, a
    third of a second that every page after the first is spared."""
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {HIDDEN_TAG}
    exporter = HTMLExporter(
        config=config,
        template_name="briefing",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(StaticWidgets(), enabled=True)
    return exporter


def contents(notebook: nbformat.NotebookNode) -> list[dict[str, str]]:
    """The page's sections for its table of contents: each second-level heading of a cell the reader
    sees, with the id nbconvert gives it."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown" or HIDDEN_TAG in cell.metadata.get("tags", []):
            continue
        for line in cell.source.splitlines():
            if line.startswith("## "):
                title = line[3:].strip()
                heading = ElementTree.fromstring(add_anchor(f"<h2>{html.escape(title)}</h2>"))
                found.append({"id": heading.get("id", ""), "title": title})
    return found


def render(notebook: nbformat.NotebookNode, page: Page, all_pages: list[Page], stamp: dict) -> str:
    """One page as HTML: outputs and prose only, navigation, table of contents and stamp included."""
    nav = [{"href": p.filename, "title": p.title, "current": p.filename == page.filename} for p in all_pages]
    briefing = {**stamp, "pages": nav, "contents": contents(notebook)}
    resources = {"metadata": {"name": page.title}, "briefing": briefing}
    with _RENDERING:  # one exporter for every page: one page at a time through it
        body, _ = _exporter().from_notebook_node(notebook, resources=resources)
    return body


def build(
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    progress: Callable[[str], None] = print,
    now: datetime | None = None,
    notebooks: list[str] | None = None,
) -> Path:
    """Validate ``data``, execute every notebook against it and replace ``out`` with the pages and
    the exports (:mod:`.exports`).

    Returns the path of the briefing's index page. Before anything is written, raises
    :class:`helpers.DataError` when the data is invalid, :class:`~helpers.paths.PathError` when a path
    cannot be used and :class:`.output.OutputError` when ``out`` may not be; a failing notebook raises
    :class:`.execute.NotebookFailed`, a page that cannot be written (a full disk)
    :class:`~helpers.safe_write.FileError`, SIGINT, SIGTERM or SIGHUP :class:`~helpers.signals.Interrupted`.
    ``notebooks`` limits the build to those files.
    """
    folder = data_dir(data)
    target = check_output(out if out is not None else briefing_dir(folder), folder)
    with guarded() as guard:
        wb = load_workbook(folder)
        all_pages = [p for p in pages() if notebooks is None or p.notebook.name in notebooks]
        with locked(target):
            check_replaceable(target)
            with staging(target) as stage:
                # Beside the pages: built and swapped in with them, dated by the build (SOURCE_DATE_EPOCH
                # where it is set).
                built = now or build_time()
                exported = write_exports(wb, stage, built)
                _write_pages(guard, all_pages, folder, _stamp(wb, folder, built), stage, target, progress)
                written = [page.filename for page in all_pages] + exported
                if INDEX in written:
                    progress(f"PDF -> {target / PDF_NAME}")
                    write_pdf(stage / INDEX, stage / PDF_NAME)
                    written.append(PDF_NAME)
                write_marker(stage, written)
                guard.finish()
                swap_in(stage, target)
    return target / INDEX


def _stamp(wb: Workbook, folder: Path, now: datetime) -> dict[str, str]:
    return {
        "generated": now.strftime("%Y-%m-%d %H:%M UTC"),
        "fingerprint": fingerprint(wb),
        "data_name": wb.package.title or folder.name,
        "summary": wb.summary().removeprefix("valid: "),
    }


def _write_pages(
    guard: Guard,
    all_pages: list[Page],
    folder: Path,
    stamp: dict[str, str],
    stage: Path,
    target: Path,
    progress: Callable[[str], None],
) -> None:
    done = 0

    async def write_page(page: Page) -> None:
        nonlocal done
        with failure_named(page.notebook):
            notebook = execute(page.notebook, folder)
            if inspect.isawaitable(notebook):
                notebook = await notebook
        write_text(stage / page.filename, render(notebook, page, all_pages, stamp))
        done += 1
        progress(f"[{done}/{len(all_pages)}] {page.notebook.name} -> {target / page.filename}")

    # Each notebook runs in its own kernel process, so pages build side by side, a core each.
    guard.run(lambda: run_all([partial(write_page, page) for page in all_pages], WORKERS))
