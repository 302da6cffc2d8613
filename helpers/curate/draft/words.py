"""Words for comparing phrases: content words, stemmed by Snowball's English stemmer.

"lawmakers" and "lawmaker", "fighting" and "fight" compare equal; the little words that every phrase
has ("the", "of", "said") do not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer


def words_of(text: str) -> frozenset[str]:
    """The words of a list written as text, one word per blank-separated item."""
    return frozenset(text.split())


STOPWORDS = words_of(
    """
    a an the of in on at to for from by with and or but as is are was were be been being has have had do
    does did that this these those it its it's their there they them he she his her we our you your who whom
    which what when where how than then also not no any some such so very more most other said says say told
    tell stated added noted according citing
    """
)
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one lower-case word ("lawmakers" -> "lawmak")."""
    return str(_STEMMER.stemWord(word))


# One word for each way of naming a country or the UN ("Pyongyang", "DPRK", "North Korean"), so that
# descriptions that name it differently still share it.
_CANONICAL = [
    (re.compile(r"\b(?:north\s+korea(?:n|ns)?|pyongyang|dprk)\b", re.IGNORECASE), " nkorea "),
    (re.compile(r"\b(?:south\s+korea(?:n|ns)?|seoul)\b", re.IGNORECASE), " skorea "),
    (re.compile(r"\b(?:ukrain\w*|kyiv)\b", re.IGNORECASE), " ukraine "),
    (re.compile(r"\b(?:russia\w*|moscow)\b", re.IGNORECASE), " russia "),
    (re.compile(r"\b(?:U\.S\.|US|USA|United States|American|Washington)(?![\w.])"), " usa "),
    (re.compile(r"\b(?:U\.N\.|UN|United Nations)(?![\w.])"), " un "),
]
COUNTRY_TOKENS = frozenset(word.strip() for _, word in _CANONICAL)


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower case, countries named one way, possessives and hyphens split off."""
    for pattern, word in _CANONICAL:
        text = pattern.sub(word, text)
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s ", " "))


def content(text: str) -> set[str]:
    """The stems of the content words of ``text``."""
    return {stem(t) for t in tokens(text) if t not in STOPWORDS and len(t) > 1}
