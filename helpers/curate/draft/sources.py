"""Who speaks: a mention in the text ("Pentagon spokesperson General Pat Ryder", "the spy agency")
matched to a row of ``sources.csv`` through its label, name, titles and aliases, or proposed as new.

Aliases come from the table itself: the label, each part of the name, an acronym or a quoted alias in
parentheses ("(NIS)", "('the US', the White House)"), and each word of a name that no other source
shares (a surname). Spelling variants ("Zelenskyy", "Zelenskiy") match by ``rapidfuzz``'s edit ratio.
The head of a phrase is its last noun in English, so among several aliases found the last one wins:
"Pentagon spokesperson General Pat Ryder" is Ryder, not the Pentagon.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

from .words import COUNTRY_TOKENS, content, tokens, words_of

SPELLING = 88  # rapidfuzz ratio (0-100) at which two spellings of a name of 6 letters or more are one
SHARE = 0.6  # share of a description's content words a source's name must hold to match it
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
PLACE_WORDS = frozenset(["north", "south", "east", "west", "korea", "korean", "koreans"])
# Words of a role or a body, never a name of their own: a phrase made only of them points back.
ROLE_WORDS = words_of(
    """
    agency spy chief head military intelligence official officials spokesperson spokesman spokeswoman
    lawmaker lawmakers minister ministry president envoy ambassador representative diplomat government
    service secretary general director committee mission country leader army forces military's country's
    deputy senior defence defense foreign state department office pentagon
    """
)
KINDS = (
    ("head of state", r"\bpresident\b|\bprime minister\b|\bking\b|\bchancellor\b|\bsupreme leader\b"),
    (
        "legislator",
        r"\blawmakers?\b|\bmps?\b|\brep\.|\bsenators?\b|\bcongress\w*\b|\bparliament\w*\b|\bassembly\b",
    ),
    ("intelligence service", r"\bintelligence\b|\bspy\b|\bsecurity service\b|\b[A-Z]{2,5}\b agency"),
    ("alliance", r"\bnato\b|\balliance\b|\bunion\b"),
    ("media", r"\bnews\b|\bagency\b|\btimes\b|\bpost\b|\breuters\b|\bpress\b|\btelevision\b|\bradio\b"),
    (
        "official",
        r"\bminister\b|\bsecretary\b|\bspokes\w*\b|\bambassador\b|\benvoy\b|\bofficials?\b|\bdiplomats?\b"
        r"|\brepresentatives?\b|\bgeneral\b|\bcommander\b|\bdirector\b",
    ),
    ("government", r"\bgovernment\b|\bministry\b|\bkremlin\b|\bwhite house\b|\bpentagon\b"),
)
# Country words and the camp a country's sources belong to (the data's alignment values).
COUNTRIES = (
    ("North Korea", r"north korea\w*|pyongyang|dprk|\bkim jong un\b", "Russia's backers", True),
    ("South Korea", r"south korea\w*|seoul", "Ukraine's backers", False),
    ("Ukraine", r"ukrain\w*|kyiv|kiev|zelensk\w*", "Ukraine", True),
    ("Russia", r"russia\w*|kremlin|moscow|putin", "Russia", True),
    (
        "United States",
        r"\bu\.?s\.?\b|united states|american|washington|pentagon|white house",
        "Ukraine's backers",
        False,
    ),
    ("United Kingdom", r"britain|british|\bu\.?k\.?\b|london", "Ukraine's backers", False),
    ("China", r"china|chinese|beijing", "Unaligned", False),
)


@dataclass(frozen=True)
class Match:
    """A mention matched to a source: which, how sure, and why."""

    source_id: str
    confidence: str  # high, medium or low
    reason: str


@dataclass
class SourceIndex:
    """The aliases of every source of a data folder, and the matching of mentions to them."""

    sources: pd.DataFrame
    strong: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # alias -> (source id, rank)
    acronyms: set[str] = field(default_factory=set)  # aliases written in capitals: matched only so
    weak: dict[str, str] = field(default_factory=dict)  # a word of a person's name -> its source id
    names: dict[str, set[str]] = field(default_factory=dict)  # source id -> content stems of its name
    countries: dict[str, str] = field(default_factory=dict)  # source id -> the country it speaks for

    def __post_init__(self) -> None:
        seen: Counter[str] = Counter()
        rows = list(self.sources[["source_id", "label", "name", "kind"]].astype(str).itertuples(index=False))
        for source_id, label, name, kind in rows:
            for alias, rank in _aliases(label, name).items():
                self.strong.setdefault(_fold(alias), []).append((source_id, rank))
                if re.fullmatch(r"[A-Z]{2,6}", alias):
                    self.acronyms.add(alias.lower())
            self.names[source_id] = content(f"{label} {name}")
            self.countries[source_id] = country_of(f"{label} {name}")[0]
            seen.update(set(_person_words(label, name, kind)))
        if "country" in self.sources:  # the country the curators wrote wins over the name's words
            for source_id, country in zip(self.sources["source_id"], self.sources["country"], strict=True):
                if isinstance(country, str) and country.strip():
                    self.countries[str(source_id)] = country.strip()
        for source_id, label, name, kind in rows:
            for word in _person_words(label, name, kind):
                if seen[word] == 1:
                    self.weak[word.lower()] = source_id

    def match(self, mention: str) -> Match | None:
        """The source ``mention`` names, or None when none fits well enough."""
        hits = self._alias_hits(mention)
        if hits:
            end, strength, alias, ids = max(hits, key=lambda h: (h[0], h[1], len(h[2])))
            best = max(rank for _, rank in ids)
            chosen = {source_id for source_id, rank in ids if rank == best}
            if len(chosen) == 1:
                how = {2: "its label or name", 1: "a word of its name", 0: "a spelling of its name"}[strength]
                confidence = "high" if strength == 2 else "medium"
                if re.match(rf"\s*(?:{'|'.join(ROLE_WORDS)})\b", mention[end:], re.IGNORECASE):
                    # "a US Department of Defense official": the alias qualifies a person, who may differ
                    confidence, how = "low", how + ", but the phrase names someone within it"
                return Match(chosen.pop(), confidence, f"'{alias}' is {how}")
        return self._by_description(mention)

    def _alias_hits(self, mention: str) -> list[tuple[int, int, str, list[tuple[str, int]]]]:
        hits: list[tuple[int, int, str, list[tuple[str, int]]]] = []
        lowered = _fold(mention)
        for alias, ids in self.strong.items():
            for found in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", lowered):
                written = mention[found.start() : found.end()]
                if alias in self.acronyms and not written.isupper():
                    continue  # "us" is not "US", "ap" not "AP"
                if re.match(r"'s\b", lowered[found.end() :]):
                    continue  # "Ukraine's Defence Intelligence": a possessive qualifies the head
                hits.append((found.end(), 2, written, ids))
        for found in re.finditer(r"[A-Z][\w'’-]+", mention):
            word = found.group().lower()
            if word in self.weak:
                hits.append((found.end(), 1, found.group(), [(self.weak[word], 0)]))
            elif len(word) >= 6:
                for name_word, source_id in self.weak.items():
                    if len(name_word) >= 6 and fuzz.ratio(word, name_word) >= SPELLING:
                        hits.append((found.end(), 0, found.group(), [(source_id, 0)]))
        return hits

    def _by_description(self, mention: str) -> Match | None:
        """The source most of whose words ``mention`` holds; an office of a country named in the
        mention ("the UK's Ministry of Defence") is never one of another country's sharing only words
        of a role ("Ministry", "Defence")."""
        words = content(mention)
        if len(words) < 2:
            return None
        country = country_of(mention)[0]
        scored = []
        for source_id, name in self.names.items():
            theirs = self.countries.get(source_id, "")
            if country and theirs and theirs != country:
                continue
            shared = len(words & name)
            if shared / len(words) >= SHARE:
                scored.append((shared / len(words), shared / max(1, len(name)), source_id))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
            return None  # two sources fit as well: a human must choose
        share, _, source_id = scored[0]
        return Match(source_id, "low", f"{share:.0%} of the words of '{mention}' are in its name")


PERSON_KINDS = frozenset(
    {"official", "head of state", "legislator", "expert", "intelligence service", "alliance"}
)


def _person_words(label: str, name: str, kind: str) -> list[str]:
    """The words of the personal names a source's name opens with ("Kyrylo Budanov, head of ...",
    "Secretary of Defense Lloyd Austin"), for sources that are people: their own words, matched alone."""
    if kind not in PERSON_KINDS:
        return []
    first = re.sub(r"\s*\([^()]*\)", "", re.split(r",(?![^()]*\))", name)[0]).strip()
    out = []
    for person in first.split(" and "):
        if not re.fullmatch(r"(?:(?:[A-Z][\w'’-]*|of)\s+)*[A-Z][\w'’-]*", person.strip()):
            continue  # a description ("Russia's mission to the United Nations"), not a name
        run: list[str] = []
        for word in reversed(person.split()):
            if word == "of" or word.lower() in ROLE_WORDS or is_place_word(word):
                break
            run.insert(0, word)
        if len(run) >= 2 or (run and run[-1] == re.sub(r"\s*\(.*?\)", "", label).strip()):
            out += [w for w in run if len(w) >= 3]
    return out


def is_place_word(word: str) -> bool:
    """Whether ``word`` names a country or a point of the compass ("Korea", "Ukrainian", "North")."""
    return bool(set(tokens(word)) & COUNTRY_TOKENS) or word.lower() in PLACE_WORDS


def _aliases(label: str, name: str) -> dict[str, int]:
    """The label and its core (rank 2), the first part of the name (rank 1), its other parts, and
    acronyms or quoted aliases in parentheses (rank 1 in the first part, else 0)."""
    out: dict[str, int] = {}

    def add(alias: str, rank: int, named: bool = False) -> None:
        # A country's name names no one in particular, unless the curators wrote it as this source's
        # alias in quotation marks ("('Washington', 'the US')": the government speaks so).
        alias = alias.strip().strip("'\"‘’“”").strip()
        kept = rank == 2 or named or not _only_place(alias)
        if len(alias) >= 2 and alias.lower() not in PRONOUNS and kept:
            out[alias] = max(rank, out.get(alias, -1))

    add(label, 2)
    add(re.sub(r"\s*\(.*?\)", "", label), 2)
    for inner in re.findall(r"\(([^()]*)\)", label):
        add(inner, 0)
    parts = re.split(r",(?![^()]*\))", name)
    for i, part in enumerate(parts):
        for inner in re.findall(r"\(([^()]*)\)", part):
            quoted = any(q in inner for q in "'‘\"“")
            for piece in inner.split(","):
                piece = piece.strip()
                bare = piece.strip("'\"‘’“”").strip()
                if re.fullmatch(r"[A-Z][A-Za-z]{1,5}", piece) or (quoted and bare[:1].isalpha()):
                    add(piece, 1 if i == 0 else 0, named=bare != piece)
        core = re.sub(r"\s*\([^()]*\)", "", part).strip()
        if core[:1].isupper() and len(core) <= 60 and "not named" not in core:
            add(core, 1 if i == 0 else 0)
            for person in re.split(r" and ", core):
                if person != core:
                    add(person, 0)
    return out


def _fold(text: str) -> str:
    """Lower case, with curly apostrophes straightened: "Korea’s" and "Korea's" are one spelling."""
    return text.lower().replace("’", "'").replace("‘", "'")


def _only_place(alias: str) -> bool:
    """Whether ``alias`` is only a country's name ("South Korea"), which names no one in particular."""
    words = set(tokens(alias)) - {"the"}
    return bool(words) and words <= COUNTRY_TOKENS | PLACE_WORDS


def kind_of(mention: str) -> tuple[str, str]:
    """The kind of source a mention names, guessed from its words, and the word that told."""
    for kind, pattern in KINDS:
        found = re.search(pattern, mention, re.IGNORECASE if kind != "intelligence service" else 0)
        if found is None and kind == "intelligence service":
            found = re.search(pattern.split("|\\b[A-Z]")[0], mention, re.IGNORECASE)
        if found:
            return kind, found.group()
    return "other", ""


def country_of(mention: str) -> tuple[str, str, bool]:
    """The country a mention speaks for, its camp and whether it has a direct stake; blank when none."""
    for country, pattern, alignment, interested in COUNTRIES:
        if re.search(pattern, mention, re.IGNORECASE):
            return country, alignment, interested
    return "", "Unaligned", False


# Object pronouns, after "according to" or "told": "us" only in lower case ("US" is a country).
OBJECT_PRONOUNS = frozenset(["him", "her", "them", "me", "us"])


def is_pronoun(mention: str) -> bool:
    """Whether ``mention`` is a pronoun ("he", "they", "according to him")."""
    word = mention.strip()
    return word.lower() in PRONOUNS or word in OBJECT_PRONOUNS


def is_role(mention: str) -> bool:
    """Whether ``mention`` is only a role or a body in lower case ("the agency", "the spy agency chief");
    a capital makes it a name ("the Pentagon")."""
    little = ("the", "a", "an", "this", "that", "its", "his", "her")
    written = [w for w in re.findall(r"[\w’'-]+", mention) if w.lower() not in little]
    if not written or any(w[:1].isupper() for w in written):
        return False
    return all(w.lower() in ROLE_WORDS or w.lower().rstrip("s") in ROLE_WORDS for w in written)


def slug(text: str) -> str:
    """An identifier made of the words of ``text`` ("Robert Wood" -> "robert-wood")."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    return "-".join(words[:5]) or "source"
