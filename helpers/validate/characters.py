"""Characters that must not stand in the data: invisible controls that change what a reader sees.

NUL and the other C0 controls (tab and line breaks aside) corrupt files and terminals; the
bidirectional overrides and isolates make text display in an order other than the one stored (the
"Trojan Source" trick), so a name could read as another. Lone surrogates are not Unicode text.
"""

from __future__ import annotations

import re
import unicodedata

# The same class is used by Python's re (descriptor strings) and by Arrow's RE2 (table cells).
FORBIDDEN = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}]"
_PYTHON = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# A line a merge left in a file: the markers git (and most tools) write around the two sides. Inside a
# quoted cell the CSV reader takes them as text, so they are looked for in every cell too.
CONFLICT = "(?m:^(?:<{7}|={7}|>{7})(?:[ \\r]|$))"
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(?:[ \r]|$)", re.MULTILINE)


def conflict_marker(text: str) -> tuple[int, str] | None:
    """Line number (1-based) and marker of the first conflict-marker line in ``text``, or None."""
    match = _CONFLICT.search(text)
    return None if match is None else (text.count("\n", 0, match.start()) + 1, match.group(1))


_CONTROLS = {0x00: "NULL", 0x09: "TAB", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN", 0x7F: "DELETE"}


def character_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: a character as a reader can look it up."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        name = (
            "(a lone surrogate)" if 0xD800 <= code <= 0xDFFF else _CONTROLS.get(code, "(a control character)")
        )
    return f"U+{code:04X} {name}"


def forbidden_character(text: str) -> tuple[int, str] | None:
    """Position (1-based) and name of the first forbidden character in ``text``, or None."""
    match = _PYTHON.search(text)
    return None if match is None else (match.start() + 1, character_name(match.group()))
