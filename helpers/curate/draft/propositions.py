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

from .words import content

MIN_SCORE = 0.25  # share of a proposition's weighted words a statement must hold to be proposed it
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


@dataclass(frozen=True)
class Proposed:
    """A proposed proposition and stance, with how sure the drafter is and why."""

    proposition_id: str
    stance: str
    confidence: str
    reason: str


def hedge(quote: str) -> str:
    """The first hedging phrase in ``quote``, as written there; empty when there is none."""
    found = _HEDGE.search(quote)
    return found.group() if found else ""


def stance(quote: str) -> tuple[str, str]:
    """The stance ``quote`` takes and the words that show it ("affirms" when none do)."""
    for name, pattern in _STANCES:
        found = pattern.search(quote)
        if found:
            return name, found.group()
    return "affirms", ""


class PropositionIndex:
    """The propositions of a data folder, and the one a statement shares the most words with."""

    def __init__(self, propositions: pd.DataFrame) -> None:
        self.ids = list(propositions["proposition_id"].astype(str))
        texts = [
            f"{t} {n if isinstance(n, str) else ''}"
            for t, n in zip(
                propositions["text"].astype(str),
                propositions["notes"] if "notes" in propositions else [""] * len(propositions),
                strict=True,
            )
        ]
        self.words = [content(t) for t in texts]
        self.heads = [content(t) for t in propositions["text"].astype(str)]
        counts: dict[str, int] = {}
        for words in self.words:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        n = max(1, len(self.words))
        self.weight = {w: math.log(1 + n / c) for w, c in counts.items()}

    def propose(self, quote: str) -> Proposed:
        """The proposition ``quote`` fits best, its stance, and the words that decided both."""
        said, cue = stance(quote)
        words = content(quote)
        best, best_score, shared_words = "", 0.0, set[str]()
        for pid, head, every in zip(self.ids, self.heads, self.words, strict=True):
            total = sum(self.weight[w] for w in head) or 1.0
            shared = words & every
            score = (
                sum(self.weight[w] for w in words & head) / total
                + 0.25 * sum(self.weight[w] for w in shared - head) / total
            )
            if score > best_score:
                best, best_score, shared_words = pid, score, shared
        why_stance = f"stance from '{cue}'" if cue else "no denial, doubt or condition: affirms"
        if best_score < MIN_SCORE:
            return Proposed("", said, "low", f"no proposition fits (add one); {why_stance}")
        confidence = "medium" if best_score >= 0.5 else "low"
        shown = ", ".join(sorted(shared_words)[:6])
        return Proposed(best, said, confidence, f"shares {shown} with {best}; {why_stance}")
