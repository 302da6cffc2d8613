"""The next free identifiers of a table, in the style its curators use ("S66" -> "S67", "seed-000" ->
"seed-001"), so that added rows read like the rest."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator


def next_ids(existing: Iterable[str], prefix: str, width: int = 2) -> Iterator[str]:
    """Identifiers after the highest of ``existing`` with its most common prefix; ``prefix`` and
    ``width`` when there are none. Never one already taken."""
    taken = {str(i) for i in existing}
    numbered = [m for m in (re.fullmatch(r"(.*?)(\d+)", i) for i in taken) if m]
    if numbered:
        prefix = Counter(m.group(1) for m in numbered).most_common(1)[0][0]
        mine = [m for m in numbered if m.group(1) == prefix]
        width = max(len(m.group(2)) for m in mine)
        n = max(int(m.group(2)) for m in mine)
    else:
        n = 0
    while True:
        n += 1
        candidate = f"{prefix}{n:0{width}d}"
        if candidate not in taken:
            yield candidate
