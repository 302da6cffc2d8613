"""The data's size limits, in one place: the reader applies them; messages and the codebook state them."""

from __future__ import annotations

from ..grammar import counted

MiB = 1 << 20
TABLE_LIMIT = 1024 * MiB
DOCUMENT_LIMIT = 16 * MiB
DESCRIPTOR_LIMIT = 8 * MiB
CELL_LIMIT = 1_000_000  # characters in one CSV cell


def size_text(size: int) -> str:
    """A byte count as people read it: ``16 MiB``, ``3.2 KiB``, ``512 bytes``."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", MiB), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return counted(size, "byte")


LIMITS = (
    f"{size_text(TABLE_LIMIT)} per table, {size_text(DOCUMENT_LIMIT)} per document, "
    f"{size_text(DESCRIPTOR_LIMIT)} for the descriptor"
)
