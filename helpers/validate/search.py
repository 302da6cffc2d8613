"""Find many quotes in one long document, in time that grows with their total length, not their number.

``str.find`` reads the whole document for every quote it does not find; thousands of quotes in a
long document would take minutes. Past a budget, the document is indexed once by its trigrams
(three characters packed in one integer, sorted), and each quote is looked up by its rarest
trigram: a quote with a trigram the document lacks is absent at once, and otherwise only the few
places where that trigram stands are checked.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

DIRECT_BUDGET = 200_000_000  # characters that plain ``str.find`` may read for one document
CANDIDATES = 2_000  # places checked for one quote before falling back to ``str.find``


class TrigramIndex:
    """Every trigram of a text with the places it starts, sorted by trigram."""

    def __init__(self, text: str):
        self.text = text
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        keys = _trigrams(points)
        self.order = np.argsort(keys, kind="stable")  # stable: places ascend within a trigram
        self.keys = keys[self.order]

    def find(self, quote: str) -> int:
        """Where ``quote`` first occurs in the text, or -1: the same answer as ``str.find``."""
        if len(quote) < 3:
            return self.text.find(quote)
        wanted = _trigrams(np.frombuffer(quote.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64))
        low = np.searchsorted(self.keys, wanted, side="left")
        high = np.searchsorted(self.keys, wanted, side="right")
        counts = high - low
        rarest = int(np.argmin(counts))
        if counts[rarest] == 0:
            return -1
        if counts[rarest] > CANDIDATES:
            return self.text.find(quote)
        for place in self.order[low[rarest] : high[rarest]]:
            start = int(place) - rarest
            if start >= 0 and self.text.startswith(quote, start):
                return start
        return -1


def _trigrams(points: np.ndarray) -> np.ndarray:
    # Code points take at most 21 bits, so three fit in 63 bits without collision.
    return (points[:-2] << np.uint64(42)) | (points[1:-1] << np.uint64(21)) | points[2:]


def find_all(text: str, quotes: Iterable[str]) -> list[int]:
    """``text.find(q)`` for every quote, indexing the text first when that is cheaper."""
    quotes = list(quotes)
    if len(text) * len(quotes) <= DIRECT_BUDGET:
        return [text.find(q) for q in quotes]
    index = TrigramIndex(text)
    return [index.find(q) for q in quotes]
