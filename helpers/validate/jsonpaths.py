"""Where each value of a JSON document stands: its path, written ``$.a[0].b``, and its line.

The standard library parses JSON without positions; problems in the descriptor must name a line,
so one linear scan of the (already parsed, hence valid) text records the line of every value.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but not in the stubs

JsonPath = tuple[str | int, ...]

_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null")


def _skip(text: str, pos: int, pattern: re.Pattern[str] = _SPACE) -> int:
    """Where ``pattern`` stops matching from ``pos`` (white space by default)."""
    match = pattern.match(text, pos)
    return match.end() if match else pos


def json_path(path: JsonPath) -> str:
    """``("resources", 3, "name")`` as ``$.resources[3].name``."""
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def value_lines(text: str) -> dict[JsonPath, int]:
    """Line (1-based) of every value of the valid JSON ``text``; an object member's is its key's line.

    Iterative, so nesting depth costs no recursion.
    """
    breaks = [m.start() for m in re.finditer("\n", text)]
    lines: dict[JsonPath, int] = {}
    stack: list[tuple[JsonPath, bool, int]] = []  # open containers: path, is object, members read
    path: JsonPath = ()
    line: int | None = None  # the key's line, for an object member
    pos = 0
    while True:
        pos = _skip(text, pos)
        lines[path] = line or bisect.bisect_right(breaks, pos) + 1
        opener = text[pos]
        pos += 1
        if opener in "{[":
            stack.append((path, opener == "{", 0))
            pos = _skip(text, pos)
            if text[pos] not in "}]":
                path, line, pos = _member(text, pos, stack[-1], breaks)
                continue
        elif opener == '"':
            pos = scanstring(text, pos)[1]
        else:
            pos = _skip(text, pos - 1, _SCALAR)
        while stack:  # after a value: close finished containers, or go on to the next member
            pos = _skip(text, pos)
            if text[pos] == ",":
                parent, is_object, count = stack.pop()
                stack.append((parent, is_object, count + 1))
                path, line, pos = _member(text, _skip(text, pos + 1), stack[-1], breaks)
                break
            stack.pop()
            pos += 1
        else:
            return lines


def _member(
    text: str, pos: int, container: tuple[JsonPath, bool, int], breaks: list[int]
) -> tuple[JsonPath, int | None, int]:
    """Path of the member at ``pos``, its key's line (objects only), and where its value starts."""
    parent, is_object, count = container
    if not is_object:
        return (*parent, count), None, pos
    key, end = scanstring(text, pos + 1)
    colon = _skip(text, end)
    return (*parent, key), bisect.bisect_right(breaks, pos) + 1, colon + 1


def strings(value: object, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str]]:
    """Every string of a parsed JSON value, keys included, with its path; iterative."""
    pending: list[tuple[JsonPath, object]] = [(path, value)]
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            yield where, item
        elif isinstance(item, dict):
            for key, child in item.items():
                yield (*where, key), key
                pending.append(((*where, key), child))
        elif isinstance(item, list):
            pending.extend(((*where, i), child) for i, child in enumerate(item))
