"""Places in a statement matched to the gazetteer (``places.csv``): a place's name, its name without a
generic word ("Kursk" for "Kursk Oblast"), or a phrase the curators quoted in its notes ("'Areas
bordering Ukraine'"); of several, the one nearest the number, and then the most specific."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

GENERIC = r"\s+(?:Oblast|Region|region|Province|province|Krai|krai|Republic)$"


@dataclass(frozen=True)
class PlaceMatch:
    """A place found in the text: its id, the words as written, and where they stand."""

    place_id: str
    written: str
    start: int
    end: int
    reason: str


class Gazetteer:
    """The places of a data folder and their aliases."""

    def __init__(self, places: pd.DataFrame) -> None:
        self.depth: dict[str, int] = {}
        parents = dict(zip(places["place_id"].astype(str), places["parent"], strict=True))
        for place in parents:
            depth, at, seen = 0, place, set()
            while isinstance(parents.get(at), str) and at not in seen:
                seen.add(at)
                at, depth = parents[at], depth + 1
            self.depth[place] = depth
        self.aliases: list[tuple[re.Pattern[str], str, str]] = []
        notes = places["notes"] if "notes" in places else pd.Series([""] * len(places), index=places.index)
        for place_id, name, note in zip(
            places["place_id"].astype(str), places["name"].astype(str), notes, strict=True
        ):
            found = {name: "its name"}
            core = re.sub(GENERIC, "", name)
            if core != name:
                found[core] = "its name without the generic word"
            if isinstance(note, str):
                for quoted in re.findall(r"'([^']{3,60})'|‘([^’]{3,60})’", note):
                    phrase = quoted[0] or quoted[1]
                    if not re.search(r"\bin\b.*\bor\b", phrase):
                        found[phrase] = "a phrase quoted in its notes"
            for alias, how in found.items():
                pattern = re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", re.IGNORECASE)
                self.aliases.append((pattern, place_id, how))

    def find(self, text: str, start: int, end: int, near: int) -> PlaceMatch | None:
        """The place of ``text[start:end]`` nearest position ``near``, the most specific on a tie."""
        hits: list[tuple[int, int, PlaceMatch]] = []
        for pattern, place_id, how in self.aliases:
            for m in pattern.finditer(text, start, end):
                written = _as_written(text, m.start(), m.end())
                distance = m.start() - near if m.start() >= near else 2 * (near - m.end())
                reason = f"'{m.group()}' is {how} ({place_id})"
                hits.append(
                    (
                        distance,
                        -self.depth.get(place_id, 0),
                        PlaceMatch(place_id, written, m.start(), m.end(), reason),
                    )
                )
        # "Russia's Kursk region": a place in the possessive qualifies the place after it.
        named = [h for h in hits if not re.match(r"['’]s\b", text[h[2].end : h[2].end + 2])] or hits
        if not named:
            return None
        return min(named, key=lambda h: (h[0], h[1]))[2]


def _as_written(text: str, start: int, end: int) -> str:
    """The place's words with what qualifies them around it: "Russia’s Kursk region"."""
    before = re.search(r"(?:[A-Z][\w-]*[’']s\s+)$", text[max(0, start - 30) : start])
    after = re.match(r"\s+(?:region|Oblast|oblast|border region|border)\b", text[end : end + 20])
    return text[start - len(before.group()) if before else start : end + (after.end() if after else 0)]
