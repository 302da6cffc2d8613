"""JSON as every export writes it: made by ``json.dumps`` alone, and safe inside an HTML script element."""

from __future__ import annotations

import json

# <, > and & occur in JSON only inside strings, where their escapes stand for the same characters:
# the document then never closes a <script type="application/ld+json"> it is pasted into.
_FOR_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def dumps(document: object) -> str:
    """``document`` as UTF-8 JSON text, one key a line; a NaN or other non-JSON value raises."""
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False).translate(_FOR_HTML) + "\n"
