"""Build the HTML briefing: execute the notebooks against the data and export pages with no code.

The data is validated first; the pages are built in a staging folder beside the output and moved
into place only when all of them have been built, so a failed run leaves the output folder as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets.config import Config

from ..paths import BRIEFINGS_DIR, DESCRIPTOR_NAME, data_dir, document_root
from ..workbook import Workbook, load_workbook
from .execute import execute, notebook_paths, without_widget_views

TEMPLATES = Path(__file__).resolve().parent / "templates"
BRIEFING_NOTEBOOK = "05_briefing.ipynb"
INDEX = "index.html"
WORKERS = max(1, min(2, os.cpu_count() or 1))
HIDDEN_TAG = "remove-from-briefing"  # cells for the analyst in JupyterLab, not for the reader


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
    """The briefing page first, then every other numbered notebook as an appendix."""
    paths = notebook_paths(folder) if folder else notebook_paths()
    main = [p for p in paths if p.name == BRIEFING_NOTEBOOK]
    rest = [p for p in paths if p.name != BRIEFING_NOTEBOOK]
    out = [Page(p, INDEX, "Briefing") for p in main]
    return out + [Page(p, p.with_suffix(".html").name, _title(p)) for p in rest]


class StaticWidgets(Preprocessor):
    """Replace live widgets by the static view they carry, so no empty placeholder is left."""

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        return without_widget_views(cell), resources


def _exporter() -> HTMLExporter:
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


def render(notebook: nbformat.NotebookNode, page: Page, all_pages: list[Page], stamp: dict) -> str:
    """One page as HTML: outputs and prose only, navigation and stamp included."""
    nav = [{"href": p.filename, "title": p.title, "current": p.filename == page.filename} for p in all_pages]
    resources = {"metadata": {"name": page.title}, "briefing": {**stamp, "pages": nav}}
    body, _ = _exporter().from_notebook_node(notebook, resources=resources)
    return body


def build(
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    progress: Callable[[str], None] = print,
    now: datetime | None = None,
    notebooks: list[str] | None = None,
) -> Path:
    """Validate ``data``, execute every notebook against it and write the pages to ``out``.

    Returns the path of the briefing's index page. Raises :class:`helpers.DataError` before
    anything is written when the data is invalid. ``notebooks`` limits the build to those files.
    """
    folder = data_dir(data)
    wb = load_workbook(folder)
    target = Path(out) if out is not None else BRIEFINGS_DIR
    stamp = {
        "generated": (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        "fingerprint": fingerprint(wb),
        "data_name": wb.package.title or folder.name,
        "summary": wb.summary().removeprefix("valid: "),
    }
    all_pages = [p for p in pages() if notebooks is None or p.notebook.name in notebooks]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".briefing-", dir=target.parent))
    done = 0

    def build_page(page: Page) -> None:
        nonlocal done
        html = render(execute(page.notebook, folder), page, all_pages, stamp)
        (staging / page.filename).write_text(html, encoding="utf-8")
        with lock:
            done += 1
            progress(f"[{done}/{len(all_pages)}] {page.notebook.name} -> {target / page.filename}")

    lock = threading.Lock()
    try:
        # Each notebook runs in its own kernel process, so pages build side by side, a core each.
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for future in [pool.submit(build_page, page) for page in all_pages]:
                future.result()
        target.mkdir(parents=True, exist_ok=True)
        for page in all_pages:
            os.replace(staging / page.filename, target / page.filename)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target / INDEX
