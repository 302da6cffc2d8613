"""Who speaks in an article, mention by mention: a name matched to ``sources.csv``, a pronoun or a role
("he", "the agency") taken back to the speaker it points to, or a new source proposed once and then
recognised again ("Robert Wood" ... "Wood")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .sources import (
    ROLE_WORDS,
    SPELLING,
    Match,
    SourceIndex,
    country_of,
    is_place_word,
    is_pronoun,
    is_role,
    kind_of,
    slug,
)
from .words import content, words_of

INSTITUTIONS = frozenset(["media", "government", "alliance", "intelligence service"])
LABEL_LIMIT = 30  # sources.csv's label: the shortest limit of the schemas in use (v4: 30, v5: 40)
# Words that stand for a speaker just named without naming it: pronouns, and counts of people.
STAND_INS = frozenset(["he", "she", "they", "it", "we", "i", "one", "both", "another", "others"])
# Pronouns of people, never of an outlet (an outlet is "it"): they point back past the outlets named.
PERSONAL = frozenset(["he", "she", "they", "we", "i", "him", "her", "them"])
# Words of a title only a person holds: "the Pentagon spokesman" is a person the article may have named.
PERSON_ROLES = words_of(
    """
    spokesman spokeswoman spokesperson minister president envoy ambassador secretary director chief head
    leader commander general deputy official lawmaker diplomat chairman chair premier chancellor
    """
)
_PERSON = re.compile(r"(?:[A-Z][a-z]+(?:-[A-Za-z]?[a-z]+)?\s+){1,3}[A-Z][a-z]+(?:-[A-Za-z]?[a-z]+)?$")


@dataclass(frozen=True)
class _Name:
    """A person's name ending a mention: where it starts, and its words."""

    start: int
    words: list[str]

    def group(self) -> str:
        return " ".join(self.words)


def _person(mention: str) -> _Name | None:
    """A person's name that ends ``mention`` ("Secretary General Mark Rutte" -> Mark Rutte, "Defense
    Secretary Austin" -> Austin), not an institution's ("Radio Liberty", "the Pentagon")."""
    mention = mention.rstrip()
    found = _PERSON.search(mention)
    if found is None:
        return None
    words, start, titled = found.group().split(), found.start(), False
    while words and (words[0].lower() in ROLE_WORDS or is_place_word(words[0])):
        start += len(words[0]) + 1
        words, titled = words[1:], True
    titles = [i for i, w in enumerate(words) if is_place_word(w) or w.lower() in ROLE_WORDS]
    if titles:  # "Press Secretary Sabrina Singh": the name follows the last word of the title
        start += sum(len(w) + 1 for w in words[: titles[-1] + 1])
        words, titled = words[titles[-1] + 1 :], True
    if not words or (len(words) < 2 and not titled) or kind_of(" ".join(words))[0] in INSTITUTIONS:
        return None
    return _Name(start, words)


# Words that point to something said, never to a speaker: never a source of their own.
DEMONSTRATIVES = frozenset(["this", "that", "these", "those", "such", "the above", "this information"])
# A word left alone where a speaker's name was cut short ("The report says", "Earlier reports
# suggested"): an article or a word of time names no one; it is read as the last speaker named, with
# low confidence, and never proposed as a source.
NAMELESS = frozenset(["the", "a", "an", "earlier", "later", "then", "now", "today", "also", "meanwhile"])
# Words that open a clause before its subject ("As the reports indicate"): no part of a name.
OPENERS = re.compile(r"^(?:(?:as|while|and|but|so|since|because|when|if|though|although|yet)\s+)+",
                     re.IGNORECASE)  # fmt: skip
# What an outlet's reporting is called where its name is cut short ("the reports indicate", "the
# newspaper writes"): the outlet the article last named.
REPORTING = frozenset(["report", "reports", "newspaper", "paper", "publication", "outlet", "media"])
EARLIER = frozenset(["earlier", "previous", "recent", "later", "other"])
# Speakers left unnamed ("Anonymous sources noted", "unnamed sources"): the unnamed speakers the article
# last named, never a source of their own while there is one.
UNNAMED = re.compile(
    r"(?:(?:anonymous|unnamed|informed|the|its|his|her|their|other|several|some|these)\s+)*sources?",
    re.IGNORECASE,
)


def _initials(mention: str) -> list[str]:
    """The initials of each run of capitalised words in ``mention``, little words too ("Ministry of
    Defence" -> "MoD"): a later mention by them names the same new source."""
    out = []
    for run in re.findall(r"[A-Z][\w-]*(?:\s+(?:of|for|and|on|the)?\s*[A-Z][\w-]*)+", mention):
        letters = "".join(w[0] for w in run.split())
        if len(letters) >= 3:
            out.append(letters)
    return out


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: the source id, whether it is a new source, how sure, why, and the words."""

    source_id: str
    new: bool
    confidence: str
    reason: str
    mention: str


@dataclass
class Speakers:
    """Resolves mentions against the data's sources, the article's earlier speakers and new ones."""

    index: SourceIndex
    new_sources: dict[str, dict[str, str]] = field(default_factory=dict)
    seen: list[Speaker] = field(default_factory=list)  # speakers in order of mention
    _new_aliases: dict[str, str] = field(default_factory=dict)
    # Titles the article gives named people ("Pentagon spokesman" Pat Ryder): content stems -> source id
    titles: list[tuple[frozenset[str], str]] = field(default_factory=list)

    def resolve(self, mention: str) -> Speaker:
        """The speaker ``mention`` names; a new source when no known or earlier one fits."""
        mention = re.sub(r"^(?:Details|Source|Sources|Quote)\s*:\s*", "", mention.strip()).strip(" ,.")
        lowered = mention.lower()
        if lowered in DEMONSTRATIVES:  # "This was stated", "That suggests": no one is named
            return Speaker("", False, "low", f"'{mention}' names no speaker", mention)
        cut = self._cut_short(mention)
        if cut is not None:
            return cut
        if lowered in PERSONAL:  # "They noted" after "US officials told The New York Times": people
            found = self._back(mention, lambda s: not self._is_media(s), "the last speaker named before it")
            if found.source_id:
                return found
        if lowered in STAND_INS or lowered in NAMELESS or is_pronoun(mention):
            return self._back(mention, lambda s: True, "the last speaker named before it")
        titled = self._titled(mention)
        if titled is not None:
            return self._remember(titled)
        if is_role(mention):
            head = content(mention)
            found = self._back(
                mention, lambda s: bool(head & self._words(s.source_id)), "an earlier speaker of that role"
            )
            if found.source_id:
                return found
        match = self.index.match(mention)
        if match is not None and not self._another_person(match, mention):
            return self._remember(self._known(match, mention))
        own = self._new_match(mention)
        if own is not None:
            return self._remember(own)
        return self._remember(self._propose(mention))

    def _cut_short(self, mention: str) -> Speaker | None:
        """The speaker of a mention cut short: "As the" or "the reports" is the outlet last named (or
        the last speaker), "Anonymous sources" the unnamed speakers last named; None for a name."""
        bare = OPENERS.sub("", mention).strip()
        written = re.findall(r"[\w’'-]+", bare.lower())
        if bare != mention and all(w in NAMELESS for w in written):
            return self._back(mention, lambda s: True, "the last speaker named before it")
        if written and all(w in NAMELESS or w in REPORTING for w in written) and set(written) & REPORTING:
            if set(written) & EARLIER:  # "Earlier reports": others' reports, not the outlet's own
                found = self._back(mention, lambda s: not self._is_media(s), "the last speaker named")
            else:
                found = self._back(mention, self._is_media, "the outlet named last before it")
            return found if found.source_id else self._back(mention, lambda s: True, "the last speaker")
        if UNNAMED.fullmatch(bare):
            found = self._back(mention, self._is_unnamed, "the unnamed speakers named last before it")
            return found if found.source_id else None
        return None

    def _kind(self, source_id: str) -> str:
        row = self.index.sources[self.index.sources["source_id"] == source_id]
        if len(row) and "kind" in row:
            return str(row["kind"].iloc[0])
        return self.new_sources.get(source_id, {}).get("kind", "")

    def _is_media(self, speaker: Speaker) -> bool:
        return self._kind(speaker.source_id) == "media"

    def _is_unnamed(self, speaker: Speaker) -> bool:
        """Whether ``speaker`` is people the article left unnamed ("US officials"): people in the plural,
        no person's name, no outlet."""
        plural = re.search(r"\b(?:officials|sources|diplomats|soldiers|lawmakers|people|analysts|experts|"
                           r"officers|representatives)\b", speaker.mention, re.IGNORECASE)  # fmt: skip
        return bool(plural) and _person(speaker.mention) is None and not self._is_media(speaker)

    def _titled(self, mention: str) -> Speaker | None:
        """The person the article named with the title ``mention`` gives ("the Pentagon spokesman"
        after "Pentagon spokesman Pat Ryder"); None when the mention names a person itself."""
        if _person(mention) is not None or not set(re.findall(r"[a-z]+", mention.lower())) & PERSON_ROLES:
            return None
        words = content(mention)
        for title, source_id in reversed(self.titles):
            if words and words <= title:
                why = f"'{mention}' is the title the article gave {source_id} when naming them"
                return Speaker(source_id, source_id in self.new_sources, "medium", why, mention)
        return None

    def _title_of(self, mention: str, source_id: str) -> None:
        """Remember the title a mention gives a named person: the words before the name."""
        person = _person(mention)
        if person is None or not source_id:
            return
        title = content(mention[: person.start])
        if set(re.findall(r"[a-z]+", mention[: person.start].lower())) & PERSON_ROLES:
            self.titles.append((frozenset(title), source_id))

    def _another_person(self, match: Match, mention: str) -> bool:
        """Whether ``mention`` ends with a person's name that its match does not bear: "Deputy Pentagon
        Press Secretary Sabrina Singh" is Singh, not the Pentagon nor its other spokesman, when the
        data lacks her (a spelling of the name, "Zelenskyy" for Zelensky, is the same person)."""
        person = _person(mention)
        if person is None or len(person.words) < 2:
            return False
        row = self.index.sources[self.index.sources["source_id"] == match.source_id]
        names = " ".join(row[["label", "name"]].astype(str).iloc[0]) if len(row) else ""
        known = re.findall(r"[\w’'-]+", names)
        surname = person.words[-1].lower()
        return not any(fuzz.ratio(surname, word.lower()) >= SPELLING for word in known)

    def _known(self, match: Match, mention: str) -> Speaker:
        return Speaker(match.source_id, False, match.confidence, match.reason, mention)

    def _back(self, mention: str, fits: object, how: str) -> Speaker:
        for earlier in reversed(self.seen):
            if callable(fits) and fits(earlier):
                reason = f"'{mention}' taken as {earlier.source_id}, {how}"
                return Speaker(earlier.source_id, earlier.new, "low", reason, mention)
        return Speaker("", False, "low", f"'{mention}' points to no speaker named before it", mention)

    def _words(self, source_id: str) -> set[str]:
        if source_id in self.index.names:
            return self.index.names[source_id]
        row = self.new_sources.get(source_id, {})
        return content(f"{row.get('label', '')} {row.get('name', '')}")

    def _remember(self, speaker: Speaker) -> Speaker:
        if speaker.source_id:
            self.seen.append(speaker)
            self._title_of(speaker.mention, speaker.source_id)
        return speaker

    def _new_match(self, mention: str) -> Speaker | None:
        for word in re.findall(r"[A-Z][\w’'-]{2,}", mention):
            source_id = self._new_aliases.get(word.lower())
            if source_id:
                return Speaker(
                    source_id, True, "low", f"'{word}' names the new source {source_id} again", mention
                )
        return None

    def _propose(self, mention: str) -> Speaker:
        core = re.sub(r"^(?:the|a|an|one of|two|three|top|senior)\s+", "", mention, flags=re.IGNORECASE)
        person = _person(core)
        label = person.words[-1] if person else core
        for source_id, row in self.new_sources.items():  # "the Pentagon" ... "The Pentagon": one source
            if row["label"].lower() == label.lower() and (
                person is None or _person(row["name"]) is None or row["name"].lower() == mention.lower()
            ):
                why = f"'{mention}' names the new source {source_id} again (the same label)"
                return Speaker(source_id, True, "low", why, mention)
        labels = {str(v).lower() for v in self.index.sources["label"]} | {
            row["label"].lower() for row in self.new_sources.values()
        }
        if label.lower() in labels and person is not None:
            label = person.group()  # "Kim" taken: "Kim Joon-hyung"
        while label.lower() in labels:  # never two sources with one label
            label = f"{label} (2)"
        source_id = slug(person.group() if person else core)
        while source_id in self.index.names or source_id in self.new_sources:
            source_id += "-2"
        kind, kind_word = kind_of(mention)
        country, alignment, interested = country_of(mention)
        self.new_sources[source_id] = {
            "source_id": source_id,
            "label": label[:LABEL_LIMIT],
            "name": mention,
            "kind": kind,
            "country": country,
            "alignment": alignment,
            "channel": "",
            "interested": "true" if interested else "false",
            "reliability": "",
            "reliability_rationale": "",
            "confidence": "low",
            "reason": (
                f"no source in the data matches '{mention}'; kind from '{kind_word or 'nothing'}', "
                f"country and camp from the words of the name: check all, and grade its reliability"
            ),
        }
        # Later mentions name it by a word of a person's name, or by an acronym ("the NIS"); a place's
        # name ("North Korea") is no person's, and "Korea" must not bring "South Korea" back to it.
        words = person.words if person else []
        for word in [*words, *re.findall(r"\b[A-Z]{2,6}\b", mention), *_initials(mention)]:
            self._new_aliases.setdefault(word.lower(), source_id)
        return Speaker(
            source_id, True, "low", f"'{mention}' matches no source: a new one is proposed", mention
        )
