"""The briefing page as a PDF, for readers who print or forward it.

WeasyPrint lays the page out with the briefing's own print CSS (A4, the page number and the data
fingerprint in the margin of every page): it is a pip package, needs no browser, runs in a second
or two, and reads nothing but the page, since every image in it is inline. Addresses the page links
to are never fetched.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..safe_write import write_bytes

PDF_NAME = "briefing.pdf"


@contextmanager
def _quiet() -> Iterator[None]:
    # WeasyPrint logs each screen-only CSS rule it skips (the lab theme's variables, grid); the
    # print rules it uses are the briefing's own, so those notes are noise to the person building.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def write_pdf(page: Path, target: Path) -> None:
    """Lay out the HTML ``page`` for print and write it to ``target``."""
    from weasyprint import HTML, URLFetcher  # imported here: only a build of the pages needs it

    inline_only = URLFetcher(allowed_protocols={"data"})  # the page's own images; nothing fetched
    with _quiet():
        data = HTML(filename=str(page), url_fetcher=inline_only).write_pdf()
    if data is None:  # only when a target is given; kept for the type checker
        raise RuntimeError("WeasyPrint returned no PDF")
    write_bytes(target, data)
