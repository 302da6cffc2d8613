"""What a statement says: the proposition it bears on (from ``propositions.csv``), its stance, and the
speaker's hedging words found in it.

A proposition is proposed by the content words it shares with the statement (Snowball stems, each
weighted by how rare it is among the propositions), so that "killed", "wounded" and "casualties" find
a proposition about casualties and "fighting in Ukraine" one about Ukrainian territory. The stance and
the hedge are read from fixed phrases: denials, admissions of no evidence or of uncertainty,
conditions, and the usual hedges of speech ("could be", "likely", "appear to").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .numbers import find_numbers
from .text import Span
from .words import content, stem, tokens

MIN_SCORE = 0.25  # share of a proposition's weighted words a statement must hold to be proposed it
MARGIN = 0.1  # how much better than the next the best must be (a share of its score) to be proposed
PLACE_BONUS = 0.3  # added to a proposition that names the same region as the statement
# Hedges a speaker puts on a claim, longest first so that "could be" wins over "could". An outlet's
# word ("alleged", "allegedly") is its own doubt, not the speaker's hedge, and is not listed.
HEDGES = (
    "there was a report", "aware of reports", "preliminary data", "could have", "could be", "may have",
    "may be", "might be", "appear to", "appears to", "appeared to", "seems to", "seem to", "is believed",
    "are believed", "are expected", "is expected", "expected", "presumably", "reportedly", "possibly",
    "probably", "likely", "indications", "I think", "we believe", "estimated", "could", "may", "might",
    "expect", "believes",
)  # fmt: skip
_HEDGE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in HEDGES) + r")(?![\w-])", re.IGNORECASE)
STANCES = (
    ("conditional", r"^\W*(?:if|should|even if|unless)\b|\bif (?:north korea|they|these|the)\b.*\bwould\b"),
    (
        "no evidence",
        r"\bno (?:\w+ )?evidence\b|\bnot (?:yet )?seen\b|\bnot provided any evidence\b|\bno sign of\b|"
        r"\bunable to (?:independently )?verify\b",
    ),
    (
        "uncertain",
        r"\bcannot confirm\b|\bcan't confirm\b|\bcould ?n[o’']t confirm\b|\bnot (?:able|unable) to confirm\b|"
        r"\byet to confirm\b|\bdid not deny\b|\bdeclined to comment\b|\bnothing clear\b|\bleft to be seen\b|"
        r"\bno specific information\b|\bnot (?:clear|known)\b|\bunclear\b|\bnot feel the need to confirm\b|"
        r"\bwhat exactly\b",
    ),
    (
        "denies",
        r"\bden(?:y|ies|ied|ying)\b|\bgroundless\b|\brumou?rs?\b|\bfake news\b|\bmere assertions\b|"
        r"\bdismiss(?:ed|es)?\b|\bbrushed off\b|\bdisinformation\b|\bhas not sent\b|\bhave not sent\b|"
        r"\bdid not send\b|\bno (?:\w+ )?troops\b|\bnot to fight\b",
    ),
)
_STANCES = [(stance, re.compile(pattern, re.IGNORECASE)) for stance, pattern in STANCES]
# Troops back where a proposition says they were withdrawn from: the statement denies the withdrawal
# ("They are now believed to be back on the frontline" against "pulled back from the front line").
_BACK = re.compile(
    r"\b(?:back\s+(?:on|to|at|in|into)|return(?:ed|s|ing)?\s+to|redeployed\s+to)\s+(?:the\s+)?"
    r"(?:front\s*-?\s*lines?|front|combat|fighting|battle\w*)\b",
    re.IGNORECASE,
)
_WITHDRAWN = re.compile(r"\bwithdr[ae]wn?\b|\bwithdraw\w*|\bpulled\s+(?:back|off|out)\b|\boff the front",
                        re.IGNORECASE)  # fmt: skip
_AHEAD_WORDS = re.compile(r"\b(?:may|might|could|will|would|expected|if)\b", re.IGNORECASE)


def reversed_stance(quote: str, proposition: str) -> str:
    """The words of ``quote`` that deny ``proposition`` by saying the troops are back where it says
    they were withdrawn from; empty when there are none (a return that may come is no denial)."""
    back = _BACK.search(quote)
    if back is None or not _WITHDRAWN.search(proposition) or _AHEAD_WORDS.search(quote):
        return ""
    return back.group()


# Words of war reporting that name one thing several ways, each read as one concept, so that a
# statement of "casualties" finds a proposition of troops "killed or wounded", "moved to Kursk" one of
# troops "deployed" there, and "will be carried out soon" one of what "will" happen.
CONCEPTS = (
    (r"killed|kill|deaths?|dead|died|fatalit(?:y|ies)|wounded|injured|injuries|casualt(?:y|ies)|"
     r"losses|lost|losing|lose", "casualty"),
    (r"captured?|capturing|prisoners?(?: of war)?|POWs?|taken prisoner", "captive"),
    (r"fight(?:ing|s)?|fought|combat|battles?|battlefield|front ?lines?|engaged?|assaults?|offensive",
     "combat"),
    (r"deploy(?:ed|ing|ment|s)?|dispatch(?:ed|ing|es)?|stationed|transferr?(?:ed|ing)|moved|moving|"
     r"sent|send(?:ing|s)?|arriv(?:e|ed|ing|al)", "deploy"),
    (r"will|plans?(?: to)?|planning|planned|soon|preparing|prepares?|intends?|intended|expected to|"
     r"in the weeks ahead|additional", "ahead"),
)  # fmt: skip
CONCEPT_WORDS = frozenset(stem(word) for _, word in CONCEPTS)
AHEAD = stem("ahead")
COUNT = 100  # a number this large counts troops; "one of the captured", "the two men" say who
CONCEPT_MISS = 0.15  # taken off a proposition for each concept of the statement that it lacks
_CONCEPTS = [
    (re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE), f" {word} ") for words, word in CONCEPTS
]


def concepts(text: str) -> set[str]:
    """The content words of ``text`` but its counts, each word of :data:`CONCEPTS` read as its concept."""
    text = without_counts(text)
    for pattern, word in _CONCEPTS:
        text = pattern.sub(word, text)
    return content(text)


def without_counts(text: str) -> str:
    """``text`` with every count and its qualifier ("about 11,000", "some three-thousand") blanked:
    a count belongs to the troop claim, and two propositions that name numbers are not told apart by
    theirs (nor is "about 15,000 workers" near "about 11,000 troops")."""
    for number in reversed(find_numbers(text, Span(0, len(text)))):
        if number.count >= COUNT:
            text = f"{text[: number.span.start]} {text[number.span.end :]}"
    return text


@dataclass(frozen=True)
class Proposed:
    """A proposed proposition and stance, with how sure the drafter is and why."""

    proposition_id: str
    stance: str
    confidence: str
    reason: str
    tied: tuple[str, ...] = ()  # the propositions that fit about equally well, when none is proposed


def hedge(quote: str) -> str:
    """The first hedging phrase in ``quote``, as written there; empty when there is none."""
    found = _HEDGE.search(quote)
    return found.group() if found else ""


_LINKS = frozenset(["for", "of", "the", "and", "on", "against", "under", "to"])


def _in_a_name(text: str, found: re.Match[str]) -> bool:
    """Whether the cue ``found`` is a word of a proper name ("the Center for Countering Disinformation"):
    capitalised inside the text, beside another capitalised word (over "for", "of", "the" ...)."""
    if not found.group()[:1].isupper() or not text[: found.start()].strip():
        return False  # lower case, or the statement's first word
    before = [w for w in re.findall(r"[\w’'-]+", text[: found.start()])[-4:] if w.lower() not in _LINKS]
    after = re.match(r"\s+([\w’'-]+)", text[found.end() :])
    return bool((before and before[-1][:1].isupper()) or (after and after.group(1)[:1].isupper()))


def stance(quote: str, names: tuple[str, ...] = ()) -> tuple[str, str]:
    """The stance ``quote`` takes and the words that show it ("affirms" when none do). The speaker's
    name never sets it: the ``names`` (the speaker's and the relay's mentions) and any cue word of a
    proper name ("Center for Countering Disinformation") are not read."""
    for name in names:
        if name.strip():
            written = rf"(?<![\w-]){re.escape(name.strip())}(?![\w-])"
            quote = re.sub(written, lambda m: " " * len(m.group()), quote)
    for said, pattern in _STANCES:
        for found in pattern.finditer(quote):
            if not _in_a_name(quote, found):
                return said, found.group()
    return "affirms", ""


# Words that place troops somewhere: a preposition of place, then (within a few words) the place.
_LOCATIVE = re.compile(
    r"\b(?i:in|into|inside|on|to|toward|towards|at|near|within|across)\s+(?:(?:the|its|their|a)\s+)?"
    r"(?:(?:[A-Z][\w’'-]*|eastern|western|northern|southern|central|occupied|territory|territories|of|"
    r"the|region|regions|border|areas?)\s+){0,3}?$",
)
# A country's adjective names a place only before a word for land: "on Ukrainian territory".
_LAND = re.compile(r"^\s*(?:territory|territories|soil|land|lands|ground|border)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Places:
    """The gazetteer's places, each with its aliases and the country it lies in."""

    aliases: tuple[tuple[re.Pattern[str], str, str], ...]  # pattern, place id, country word

    @classmethod
    def of(cls, places: pd.DataFrame | None) -> Places:
        out: list[tuple[re.Pattern[str], str, str]] = []
        if places is not None and len(places):
            parents = dict(zip(places["place_id"].astype(str), places["parent"], strict=True))
            names = dict(zip(places["place_id"].astype(str), places["name"].astype(str), strict=True))
            kinds = (
                dict(zip(places["place_id"].astype(str), places["kind"].astype(str), strict=True))
                if "kind" in places
                else {}
            )
            for place_id, name in names.items():
                root, seen = place_id, set()
                while isinstance(parents.get(root), str) and parents[root] in names and root not in seen:
                    seen.add(root)
                    root = parents[root]
                country = " ".join(tokens(names[root]))
                if root == place_id and kinds.get(place_id, "country") != "country":
                    continue  # a theatre ("the war, place not specified") is in no one country
                for alias in {name, re.sub(r"\s+(?:Oblast|Region|region|Province|Krai)$", "", name)}:
                    pattern = re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", re.IGNORECASE)
                    out.append((pattern, place_id, country))
        for word in ("Ukraine", "Russia", "North Korea", "South Korea", "Belarus"):
            pattern = re.compile(rf"(?<![\w-]){word}(?![\w-])")
            out.append((pattern, word.lower().replace(" ", "-"), " ".join(tokens(word))))
        return cls(tuple(out))

    def where(self, text: str) -> tuple[set[str], set[str]]:
        """The countries and the places ``text`` puts something in ("in Kursk", "to Russia", "on
        Ukrainian territory"), not a country named otherwise ("against Ukrainian troops")."""
        countries: set[str] = set()
        places: set[str] = set()
        for pattern, place_id, country in self.aliases:
            for m in pattern.finditer(text):
                before = text[max(0, m.start() - 40) : m.start()]
                owner = re.search(r"[’']s\s*$", before)
                possessive = owner is None and re.match(r"[’']s\s+[A-Z]", text[m.end() :])
                if _LOCATIVE.search(before) or possessive:  # "in Kursk", "Russia's Kursk region"
                    countries.add(country)
                    places.add(place_id)
        for m in re.finditer(r"\b(Ukrain|Russ|Korean?)(?:ian|ean|n)?\b", text):
            if _LAND.match(text[m.end() :]) and _LOCATIVE.search(text[max(0, m.start() - 40) : m.start()]):
                countries.add(" ".join(tokens(m.group())))
        return countries, places


class PropositionIndex:
    """The propositions of a data folder, and the one a statement shares the most words with."""

    def __init__(self, propositions: pd.DataFrame, places: pd.DataFrame | None = None) -> None:
        self.ids = list(propositions["proposition_id"].astype(str))
        texts = [
            f"{t} {n if isinstance(n, str) else ''}"
            for t, n in zip(
                propositions["text"].astype(str),
                propositions["notes"] if "notes" in propositions else [""] * len(propositions),
                strict=True,
            )
        ]
        self.words = [concepts(t) for t in texts]
        self.texts = dict(zip(self.ids, propositions["text"].astype(str), strict=True))
        self.heads = [concepts(t) for t in propositions["text"].astype(str)]
        self.head_of = dict(zip(self.ids, self.heads, strict=True))
        parent = (
            dict(zip(self.ids, propositions["implies"], strict=True)) if "implies" in propositions else {}
        )
        self.broader = {pid: _broader(pid, parent) for pid in self.ids}
        self.places = Places.of(places)
        self.where = [self.places.where(t) for t in propositions["text"].astype(str)]
        counts: dict[str, int] = {}
        for words in self.words:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        n = max(1, len(self.words))
        self.weight = {w: math.log(1 + n / c) for w, c in counts.items()}

    def propose(self, quote: str, names: tuple[str, ...] = ()) -> Proposed:
        """The proposition ``quote`` fits best, its stance, and the words that decided both; none when
        no proposition fits well enough, clearly better than the next, and in the same place. The
        ``names`` of the speaker and relay as written in it never set the stance."""
        said, cue = stance(quote, names)
        words = concepts(quote)
        countries, places = self.places.where(quote)
        scored: list[tuple[float, str, set[str]]] = []
        ruled_out: list[str] = []
        for pid, head, every, (their_countries, their_places) in zip(
            self.ids, self.heads, self.words, self.where, strict=True
        ):
            if countries and their_countries and not countries & their_countries:
                ruled_out.append(pid)  # "in Kursk" (Russia) is not "in Ukraine"
                continue
            score = self._score(words, head, every)
            if places & their_places - {"russia", "ukraine"}:
                score += PLACE_BONUS  # the same region named: "in Kursk" and "in Russia's Kursk region"
            scored.append((score, pid, words & every))
        scored.sort(key=lambda x: -x[0])
        why_stance = f"stance from '{cue}'" if cue else "no denial, doubt or condition: affirms"
        placed = f"; ruled out by place: {', '.join(ruled_out)}" if ruled_out else ""
        if not scored or scored[0][0] < MIN_SCORE:
            return Proposed("", said, "low", f"no proposition fits (add one){placed}; {why_stance}")
        best_score, best, shared_words = scored[0]
        narrower = self._narrower(best, scored)
        if narrower is not None:
            best_score, best, shared_words = narrower
        # A broader proposition the best one implies is no rival: the statement bears on both.
        rivals = [x for x in scored if x[1] != best and x[1] not in self.broader[best]]
        runner = rivals[0] if rivals else (0.0, "", set())
        if best_score - runner[0] < MARGIN * best_score:
            return Proposed("", said, "low",
                            f"no proposition fits clearly: {best} ({best_score:.2f}) or {runner[1]} "
                            f"({runner[0]:.2f}), choose one{placed}; {why_stance}",
                            (best, runner[1]))  # fmt: skip
        confidence = "medium" if best_score >= 0.5 else "low"
        shown = ", ".join(sorted(shared_words)[:6])
        back = reversed_stance(quote, self.texts[best]) if said == "affirms" else ""
        if back:
            said, why_stance = "denies", f"stance from '{back}': back where {best} says they were withdrawn"
        return Proposed(best, said, confidence, f"shares {shown} with {best}{placed}; {why_stance}")

    def _score(self, words: set[str], head: set[str], every: set[str]) -> float:
        """How well a statement's ``words`` fit a proposition: the weighted share of its head words
        held (its notes count a quarter), less :data:`CONCEPT_MISS` for each concept that differs."""
        total = sum(self.weight[w] for w in head) or 1.0
        shared = words & every
        score = (
            sum(self.weight[w] for w in shared & head) / total
            + 0.25 * sum(self.weight[w] for w in shared - head) / total
        )
        # A concept of the statement the proposition lacks counts against it, and what is ahead
        # (a plan, a forecast) and what has happened never stand for each other either way.
        missed = (words & CONCEPT_WORDS) - every | ({AHEAD} & (head ^ words))
        theirs = head & CONCEPT_WORDS - {AHEAD, stem("deploy")}
        lacks = bool(theirs) and not theirs & words
        return score - CONCEPT_MISS * (len(missed) + lacks)

    def _narrower(
        self, best: str, scored: list[tuple[float, str, set[str]]]
    ) -> tuple[float, str, set[str]] | None:
        """The best-scored proposition that implies ``best`` and fits well enough by words of its own
        (words ``best`` lacks): the curator codes the narrowest proposition a statement bears on."""
        for score, pid, shared in scored:
            own = (shared & self.head_of[pid]) - self.head_of[best]
            # What makes it narrower, when that is a concept ("captured"), the statement must say.
            narrowing = (self.head_of[pid] & CONCEPT_WORDS) - self.head_of[best]
            said = not narrowing or narrowing & shared
            if pid != best and best in self.broader[pid] and score >= MIN_SCORE and own and said:
                return score, pid, shared
        return None


def _broader(pid: str, parent: dict[str, object]) -> set[str]:
    """Every proposition ``pid`` implies, through the chain of ``implies`` (a loop ends the walk)."""
    found: set[str] = set()
    node = parent.get(pid)
    while isinstance(node, str) and node not in found and node != pid:
        found.add(node)
        node = parent.get(node)
    return found
