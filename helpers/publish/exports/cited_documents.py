"""How the exports name a document: its web address, or a URN of its text's SHA-256 where it has none.

The digest is of the stored text the quotes were found in (the file under ``seeds/``, byte for
byte), so character offsets into it can be checked by anyone holding the same file. It equals the
``sha256`` column wherever the data gives one: the loader checks that.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from ...workbook import Workbook

URN_PREFIX = "urn:sha256:"


@dataclass(frozen=True)
class Document:
    """One document as the exports cite it."""

    document_id: str
    title: str
    outlet: str
    published: str  # ISO date
    url: str
    sha256: str

    @property
    def address(self) -> str:
        """The document's URL, or ``urn:sha256:<hex>`` of its stored text when it has none."""
        return self.url or self.urn

    @property
    def urn(self) -> str:
        """``urn:sha256:<hex>`` of the stored text, whatever its URL."""
        return f"{URN_PREFIX}{self.sha256}"


def text_or_blank(value: object) -> str:
    """A cell as text: blank for a missing value."""
    return "" if pd.isna(value) else str(value)


def iso_date(value: object) -> str:
    """A date cell as ``YYYY-MM-DD``; blank for a missing one."""
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def documents(wb: Workbook) -> dict[str, Document]:
    """Every document of ``wb`` by its id, with the SHA-256 of its stored text."""
    out = {}
    for row in wb.documents.itertuples(index=False):
        doc_id = str(row.document_id)
        text = wb.texts.get(doc_id, "")
        out[doc_id] = Document(
            document_id=doc_id,
            title=text_or_blank(row.title),
            outlet=text_or_blank(row.outlet),
            published=iso_date(row.published),
            url=text_or_blank(row.url),
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
    return out
