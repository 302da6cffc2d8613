"""Text for a terminal: no character from a file can move the cursor, erase, recolour or reorder.

A message printed to a terminal may quote values, column names, keys and file names from files
anyone could have written. Control characters (ESC starts the sequences that erase a line or fake
one, CR returns to its start) are written as ``\\x1b``, ``\\r``; bidirectional controls and invisible
characters, which make text display as other text, as ``<U+202E>``. Lone surrogates (from file
names that are not UTF-8) become ``<U+DCFF>`` too, so printing them cannot fail.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; then soft hyphen, Arabic letter mark, Mongolian vowel separator,
# zero-width and direction marks, line and paragraph separators, bidi embeddings, overrides and
# isolates, invisible operators, byte-order mark, interlinear annotations, surrogates, tags.
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>")


def printable(text: str) -> str:
    """``text`` safe to print on one line: controls as ``\\x1b``, bidi and invisible ones as ``<U+202E>``."""
    return _HIDDEN.sub(_escape, text)
