"""Where a sentence attributes words to someone: a verb of saying and its subject ("the spy agency
said", "said Blinken", "Kirby has told reporters"), "according to X", "claims by X that", "acknowledged
by X", a relay ("citing X", "briefed by X"), an outlet's own check ("was unable to verify"), or a passive
attribution with no speaker named ("are expected to").

Plain regular expressions over the sentence: English attribution is a small closed set of patterns,
and the subject of a verb of saying is found by walking back over the words a name or a role is made of.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .sources import kind_of
from .text import Span, trim
from .words import words_of

# Verbs of saying, thinking aloud and reporting, in the forms news copy uses them.
VERBS = (
    r"say|says|said|saying|tell|tells|told|telling|state|states|stated|add|adds|added|note|notes|noted|"
    r"warn|warns|warned|warning|claim|claims|claimed|claiming|confirm|confirms|confirmed|deny|denies|"
    r"denied|denying|announce|announces|announced|report|reports|reported|allege|alleges|alleged|"
    r"believe|believes|expect|expects|estimate|estimates|estimated|insist|insists|insisted|accuse|"
    r"accuses|accused|assert|asserts|asserted|acknowledge|acknowledges|acknowledged|dismiss|dismisses|"
    r"dismissed|called|calling|write|writes|wrote|disclose|discloses|disclosed|reveal|reveals|revealed|"
    r"brushed off|describe|describes|described|predict|predicts|predicted|suggest|suggests|suggested|"
    r"admit|admits|admitted|explain|explains|explained|stress|stresses|stressed|declare|declares|"
    r"declared|posted|ask|asks|asked|asking|urge|urges|urged|urging|pledge|pledges|pledged|presented|"
    r"verify|agree|agrees|agreed|recorded|records|declined to comment|did not deny|has not denied"
)
VERB = re.compile(rf"(?<![\w-])(?:{VERBS})(?![\w-])")  # lower case: "States" in a name is no verb
PARTICIPLE = re.compile(
    r",\s*(?:saying|claiming|insisting|warning|adding|noting|calling|asking|urging|denying|stating)$"
)
# Words that may stand between a subject and its verb: auxiliaries, adverbs, a date or a setting.
_BETWEEN = re.compile(
    r"(?:\s*,)?(?:\s+(?:has|have|had|also|further|again|earlier|previously|later|then|reportedly|only|"
    r"just|repeatedly|would|will|did|does|do|not|never|now|once|today|yesterday|separately|both|all|each|"
    r"is|are|was|were|been|being|cannot|can|could|may|might|must|should|unable|able|to|still|yet|"
    r"on\s+\w+(?:\s+\d{1,2})?|in\s+(?:a|an|the|his|her|its|their)\s+[\w-]+(?:\s+[\w-]+)?|"
    r"at\s+(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day))*\s*$",
    re.IGNORECASE,
)
# Lower-case words a name, a title or a role may hold ("the deputy U.S. ambassador to the United Nations").
NP_WORDS = words_of(
    """
    the a an of to and for at in on agency spy chief head military intelligence official officials
    spokesperson spokesman spokeswoman lawmaker lawmakers minister ministry president envoy ambassador
    representative representatives diplomat diplomats government service secretary general director
    committee mission leader leaders army forces deputy senior defence defense foreign state department
    office top former unnamed anonymous one two three four several some opposition ruling main security
    press national public state-run news service's agency's country's military's administration officer
    officers commander source sources analysts analyst expert experts delegation members member
    parliamentary ministers presidential country briefed by citing quoting
    """
)
_DAYS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    "August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
PRONOUN = re.compile(r"\b(?:he|she|they|it|we|I)\s*$")
RELAY = re.compile(r"(?:,\s*)?\b(?:citing|quoting|briefed by|according to)\s+", re.IGNORECASE)
NOMINAL = re.compile(
    r"\b(?:claims?|reports?|allegations?|assertions?|statements?|estimates?|assessments?|remarks?)\s+"
    r"(?:by|from|of)\s+(?=[A-Z]|the\s|a\s)",
)
# A setting between a passive verb and its agent: "stated at a briefing by", "said in an interview by".
SETTING = r"(?:\s+(?:at|in|on|during)\s+(?:(?:a|an|the|his|her|its|their)\s+)?[\w-]+(?:\s+[\w-]+){0,2}?)?"
PASSIVE_AGENT = re.compile(
    r"\b(?:been\s+)?(?:acknowledged|confirmed|denied|reported|claimed|stated|said|announced|asserted|"
    rf"estimated|disclosed|revealed){SETTING}\s+by\s+(?=[A-Z]|the\s|a\s)",
)
# A sentence that attributes the words before it: "This was stated at a briefing by Pat Ryder".
BACKREF = re.compile(
    r"\s*(?:This|That|It|These|Such\s+(?:information|data|remarks?)|The\s+above|This\s+information)\s+"
    r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:also\s+)?(?:stated|said|reported|"
    r"announced|confirmed|claimed|disclosed|revealed|noted|told|written|voiced|declared)"
    rf"{SETTING}\s+by\s+(?=[A-Z]|the\s|a\s)",
)
PASSIVE = re.compile(
    r"\b(?:is|are|was|were|(?:has|have|had)(?:\s+also)?\s+been)\s+(?:also\s+|widely\s+|now\s+)?"
    r"(?:expected|believed|said|reported|thought|understood|estimated|alleged|suspected)\s+to\b",
    re.IGNORECASE,
)
OUTLET = re.compile(
    r"\b(?:(?:was|were|is|are|has been|have been)\s+(?:unable|not able)\s+to\s+(?:independently\s+)?"
    r"(?:verify|confirm)|could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif\w*|confirm\w*)|"
    r"ha(?:s|ve)\s+not\s+provided\s+any\s+evidence|there\s+(?:is|was|has been)\s+no\s+evidence"
    r"|no\s+evidence)",
    re.IGNORECASE,
)
REPORTEDLY = re.compile(r"\b(?:is|are|was|were|has|have|had)\s+reportedly\b|\breportedly\b")
LABEL = re.compile(r"\s*(?:•\s*)?Quote(?:\s+from\s+(?P<who>[^:]{1,60}))?:\s*")
ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """An attribution in a sentence: its kind, its words, the speaker's mention and any relay's."""

    kind: str  # verb, inverted, coordinated, according, nominal, passive-agent, passive, outlet, label,
    # or reportedly ("South Korea is reportedly considering")
    words: Span
    speaker: Span | None
    relay: Span | None = None
    start: int = -1  # where the attributed words begin: the speaker's mention or the cue
    basis: Span | None = None  # what the speaker cites as the ground ("said that, according to intelligence")


def _np_before(text: str, end: int, floor: int) -> Span | None:
    """The noun phrase that ends at ``end``: a name, title or role, or a pronoun; None when none."""
    tail = text[floor:end].rstrip()
    stop = floor + len(tail)
    pronoun = PRONOUN.search(tail)
    if pronoun:
        return Span(floor + pronoun.start(), stop)
    start = None
    for match in reversed(list(re.finditer(r"\(?[\w.’'-]+\)?|[,():;]", tail))):
        word = match.group().strip("()")
        if match.group() in ",:;" or not word:
            break
        lowered = word.lower().rstrip(".")
        bare = lowered.removesuffix("’s").removesuffix("'s")
        if not (
            word[:1].isupper()
            or (word[:1].isdigit() and len(word) < 3)
            or lowered in NP_WORDS
            or bare in NP_WORDS
        ):
            break
        start = floor + match.start()
    if start is None:
        return None
    span = Span(start, stop)
    lead = re.match(
        rf"(?:(?:On|In|At|During)\s+(?:{_DAYS})\b[\s\d.,]*|(?:and|but|yet|so|of|to|for|at|in|on)\s+)+",
        span.of(text),
        re.IGNORECASE,
    )
    if lead:
        span = Span(span.start + lead.end(), span.end)
    piece = span.of(text)
    nouns = NP_WORDS - {"the", "a", "an", "of", "to", "and", "for", "at", "in", "on"}
    if not re.search(r"[A-Z]", piece) and not set(re.findall(r"[\w’'-]+", piece.lower())) & nouns:
        return None
    return span


def _with_appositive(text: str, span: Span, floor: int) -> Span:
    """``span`` grown over "Name, title," before it: "Kyrylo Budanov, chief of ... Defense"."""
    before = text[floor : span.start].rstrip()
    if not before.endswith(","):
        return span
    head = _np_before(text, floor + len(before) - 1, floor)
    if head is None or not re.search(r"[A-Z]", head.of(text)):
        return span
    return Span(head.start, span.end)


def _np_after(text: str, start: int, ceiling: int) -> Span | None:
    """The noun phrase that begins at ``start`` (after "said", "according to", "by")."""
    words = list(re.finditer(r"[\w.’'-]+", text[start:ceiling]))
    end = None
    for match in words:
        word = match.group().rstrip(".")
        lowered = word.lower()
        if not (word[:1].isupper() or lowered in NP_WORDS or lowered.removesuffix("’s") in NP_WORDS):
            break
        if lowered in ("that", "to") and end is not None:
            break
        end = start + match.end()
        if text[end : end + 1] in ",;:(" or text[end : end + 2] in (" (",):
            break
    if end is None:
        return None
    while end > start and text[end - 1] in ".,":
        end -= 1
    span = Span(start, end)
    while span.of(text).split() and span.of(text).split()[-1].lower() in (
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
    ):
        span = Span(span.start, span.start + span.of(text).rfind(" "))
    return span if re.search(r"[A-Za-z]", span.of(text)) else None


def find_cues(text: str, sentence: Span, quoted: list[Span]) -> list[Cue]:
    """The attributions in ``sentence`` of ``text``, in order; words inside ``quoted`` are the
    speaker's own and hold no attribution of the sentence."""
    inside = [q for q in quoted if q.overlap(sentence)]

    def free(at: int) -> bool:
        return not any(q.start <= at < q.end for q in inside)

    cues = _label_cue(text, sentence)
    cues += [
        cue
        for match in VERB.finditer(text, sentence.start, sentence.end)
        if free(match.start()) and (cue := _verb_cue(text, sentence, match, inside)) is not None
    ]
    cues = _according_cues(text, sentence, cues, free)
    cues += _named_after_cues(text, sentence, free)
    cues += _reportedly_cues(text, sentence, inside, free)
    cues += _unnamed_cues(text, sentence, free)
    cues = _with_bases(text, sorted(cues, key=lambda c: c.words.start))
    return sorted(_without_repeats(_outlet_or_speaker(text, cues)), key=lambda c: c.words.start)


def _label_cue(text: str, sentence: Span) -> list[Cue]:
    """A label opening the sentence ("Quote:", "Kim Jong-un:"), with its speaker where it names one."""
    label = LABEL.match(text, sentence.start, sentence.end)
    if not label:
        return []
    who = Span(label.start("who"), label.end("who")) if label.group("who") else None
    return [Cue("label", Span(label.start(), label.end()), who, start=label.end())]


def _according_cues(text: str, sentence: Span, cues: list[Cue], free: Callable[[int], bool]) -> list[Cue]:
    """``cues`` with each "according to X," added; a verb cue inside X is X's noun ("according to US
    estimates"), not an attribution, and is dropped."""
    for match in ACCORDING.finditer(text, sentence.start, sentence.end):
        comma = re.search(r"[,;:]", text[match.end() : sentence.end])
        if free(match.start()) and comma and comma.start() < 90:
            who = Span(match.end(), match.end() + comma.start())
            cues = [c for c in cues if not who.overlap(c.words)]
            cues.append(Cue("according", Span(match.start(), who.end), who, start=sentence.start))
    return cues


def _named_after_cues(text: str, sentence: Span, free: Callable[[int], bool]) -> list[Cue]:
    """Cues whose speaker follows them: "a statement by X", "was confirmed by X"."""
    cues = []
    for pattern, kind in ((NOMINAL, "nominal"), (PASSIVE_AGENT, "passive-agent")):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            who = _np_after(text, match.end(), sentence.end) if free(match.start()) else None
            if who is not None:
                start = match.start() if kind == "nominal" else _comma_before(text, sentence, match.start())
                cues.append(Cue(kind, Span(match.start(), match.end()), who, start=start))
    return cues


def _reportedly_cues(text: str, sentence: Span, inside: list[Span], free: Callable[[int], bool]) -> list[Cue]:
    """ "X is reportedly ...": X speaks, by another's report."""
    cues = []
    for match in REPORTEDLY.finditer(text, sentence.start, sentence.end):
        if free(match.start()):
            subject = _np_before(text, match.start(), _clause_floor(text, sentence, match.start(), inside))
            if subject is not None:
                cues.append(Cue("reportedly", Span(match.start(), match.end()), subject, start=subject.start))
    return cues


def _unnamed_cues(text: str, sentence: Span, free: Callable[[int], bool]) -> list[Cue]:
    """Cues that name no speaker: a passive ("it was reported") and the outlet's own words."""
    return [
        Cue(kind, Span(match.start(), match.end()), None, start=_comma_before(text, sentence, match.start()))
        for pattern, kind in ((PASSIVE, "passive"), (OUTLET, "outlet"))
        for match in pattern.finditer(text, sentence.start, sentence.end)
        if free(match.start())
    ]


def _with_bases(text: str, cues: list[Cue]) -> list[Cue]:
    """``cues`` with "according to" + a common noun inside a speaker's words taken as that speaker's
    basis: "Zelenskyy said that, according to intelligence, ..." is Zelenskyy's, citing intelligence."""
    out: list[Cue] = []
    for cue in cues:
        if cue.kind == "according" and cue.speaker is not None and out:
            said = out[-1]
            between = text[said.words.end : cue.words.start]
            cited = cue.speaker.of(text)
            if (
                said.kind in ("verb", "inverted")
                and said.speaker is not None
                and re.fullmatch(r"\s*(?:that\s*)?,?\s*", between)
                and not re.search(r"[A-Z]", cited)
            ):
                out[-1] = replace(said, basis=cue.speaker)
                continue
        out.append(cue)
    return out


def _outlet_or_speaker(text: str, cues: list[Cue]) -> list[Cue]:
    """``cues`` without an outlet cue that lies in the words a speaker's verb attributes ("Ryder added
    that he could not confirm reports ..."): the speaker could not confirm, not the outlet."""
    out = []
    for cue in cues:
        if cue.kind == "outlet":
            before = text[max(0, cue.words.start - 12) : cue.words.start]
            said = [
                c
                for c in cues
                if c.kind in ("verb", "inverted")
                and c.speaker is not None
                and c.words.end <= cue.words.start
                and re.fullmatch(r"\s+that\b[^;—–]*", text[c.words.end : cue.words.start])
                and not re.search(r"\bbut\b|,\s*(?:and|while)\b", text[c.words.end : cue.words.start])
            ]
            if said or re.search(r"\b(?:he|she|they)\s+$", before):
                continue
        out.append(cue)
    return out


SAYING = frozenset(["said", "says", "told", "added", "wrote", "noted", "warned", "asked"])
NOUN_FORMS = frozenset(
    ["claims", "reports", "estimates", "records", "notes", "states", "calls", "statements"]
)


def _verb_cue(text: str, sentence: Span, match: re.Match[str], inside: list[Span]) -> Cue | None:
    """The cue of a verb of saying: with its subject before it, after it ("said Blinken"), or the
    sentence's subject for a participle ("..., saying"); None when it has no speaker."""
    words = Span(match.start(), match.end())
    verb = match.group().lower()
    if verb in ("called", "calling") and not any(q.start > match.end() for q in inside):
        return None  # "called for" asks; "called the reports “...”" names
    if re.match(rf"{SETTING}\s+by\b", text[match.end() : match.end() + 60]):
        return None  # a passive with its agent ("stated at a briefing by"), taken apart
    floor = _clause_floor(text, sentence, match.start(), inside)
    if PARTICIPLE.search(text[floor : match.end()]):
        subject = _main_subject(text, sentence)
        return Cue("verb", words, subject, start=sentence.start) if subject else None
    gap = _BETWEEN.search(text, floor, match.start())
    left_end = gap.start() if gap else match.start()
    joined = re.search(r"\band\s*$", text[floor:left_end])
    if joined:  # "... and is asking": the same subject, saying something more
        return Cue("coordinated", words, None, start=floor + joined.start())
    subject = _subject(text, sentence, match.start(), left_end, floor)
    if subject is not None and re.search(r"['’]s$", subject.of(text)):
        return None  # "Seoul's claims": a noun, not a verb
    if verb in NOUN_FORMS and _a_noun(text, sentence, subject, match.end()):
        # "As the reports indicate": "the reports" speak; "the most recent US estimates, ...": a noun
        return _noun_speaker(text, words, subject) if subject is not None else None
    if subject is not None:
        if "," in text[subject.end : match.start()]:
            subject = _with_appositive(text, subject, sentence.start)
        return _relayed(text, Cue("verb", words, subject, start=subject.start), sentence)
    if verb in NOUN_FORMS:
        return None
    after = _np_after(text, _skip_space(text, match.end()), sentence.end)
    if after is not None and verb in SAYING:
        return _relayed(text, Cue("inverted", words, after, start=sentence.start), sentence)
    return None


def _subject(text: str, sentence: Span, verb: int, left_end: int, floor: int) -> Span | None:
    """The subject of the verb at ``verb``: the noun phrase ending at ``left_end`` (after ``floor``), or
    the one before a clause set off by commas ("Lee and Park, who are on the committee, said"; "The
    MoD’s latest update, which began ..., says": its owner)."""
    apposed = re.search(r"(?P<np>[^,]+),\s*(?:who|which|\w+ing)\b[^,]*,\s*$", text[sentence.start : verb])
    if apposed is None:
        return _np_before(text, left_end, floor) if left_end > floor else None
    np = Span(sentence.start + apposed.start("np"), sentence.start + apposed.end("np"))
    return _np_before(text, np.end, sentence.start) or _owner(text, np)


# A document a speaker issues, named by its owner: "The MoD’s latest update on the war".
OWNED = re.compile(
    r"(?P<owner>(?:[Tt]he\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)[’']s\s+(?:[a-z-]+\s+){0,2}"
    r"(?:update|report|statement|assessment|briefing|bulletin|analysis|review|summary)s?\b"
)


def _owner(text: str, np: Span) -> Span | None:
    """The speaker of a document named by its owner at the start of ``np`` ("The MoD’s latest update
    on the war, which began ..., says"): the owner, whose words the document gives."""
    found = OWNED.match(text, np.start, np.end)
    return Span(found.start("owner"), found.end("owner")) if found else None


# Words that never stand before a verb: after one, a verb's form ("reports") is a noun ("the reports").
DETERMINERS = frozenset(["the", "these", "those", "such", "earlier", "previous", "recent", "media"])


def _determiner_before(text: str, subject: Span) -> bool:
    """Whether ``subject`` ends with a determiner: "As the" before "reports" makes "the reports" a noun."""
    last = re.findall(r"[\w’'-]+", subject.of(text))
    return bool(last) and last[-1].lower() in DETERMINERS


def _a_noun(text: str, sentence: Span, subject: Span | None, end: int) -> bool:
    """Whether a verb of :data:`NOUN_FORMS` ending at ``end`` is a noun: after a determiner ("the
    reports"), or before a stop, "of" or "about", unless it closes the sentence after a name."""
    if subject is not None and _determiner_before(text, subject):
        return True
    return bool(re.match(r"\s*(?:[,.;:]|of\b|about\b|on\b|$)", text[end:])) and not _closing_name(
        text, sentence, subject, end
    )


def _noun_speaker(text: str, words: Span, subject: Span) -> Cue | None:
    """The cue of "the reports indicate": the reports (the words the speaker's name was cut to) speak,
    when a verb follows the noun; None when none does ("the reports, ...")."""
    said = re.match(r"\s+[a-z]+\b", text[words.end :])
    if said is None or re.match(r"\s+(?:of|about|on|by|from|that)\b", text[words.end :]):
        return None
    end = words.end + said.end()
    return Cue("verb", Span(words.start, end), Span(subject.start, words.end), start=subject.start)


def _closing_name(text: str, sentence: Span, subject: Span | None, end: int) -> bool:
    """Whether a verb of :data:`NOUN_FORMS` closes the sentence after a capitalised name that opens a
    clause: "..., The New York Times reports." is the newspaper reporting, not its reports."""
    if subject is None or not text[subject.start : subject.start + 1].isupper():
        return False
    closes = re.fullmatch(r"[\s.!]*", text[end : sentence.end]) is not None
    return closes and re.search(r",\s*$", text[sentence.start : subject.start]) is not None


def _main_subject(text: str, sentence: Span) -> Span | None:
    """The subject a sentence opens with, after any opening phrase ("In a statement, X ...")."""
    start = trim(text, sentence).start
    opening = re.match(
        r"(?:In|On|At|After|Before|During|Earlier|Later|Asked|Speaking)\b[^,]{0,80},\s*",
        text[start : sentence.end],
    )
    if opening:
        start += opening.end()
    return _np_after(text, start, sentence.end)


def _relayed(text: str, cue: Cue, sentence: Span) -> Cue:
    """A cue whose speaker cites another ("A, citing B, said"; "A said citing B"; "A briefed by B"):
    the one cited speaks, the other relays."""
    if cue.speaker is None:
        return cue
    window = Span(cue.speaker.start, min(sentence.end, cue.words.end + 80))
    for match in RELAY.finditer(text, window.start, window.end):
        if match.group().strip(" ,").lower().startswith("according"):
            continue
        cited = _np_after(text, match.end(), sentence.end)
        if cited is None:
            continue
        if match.start() < cue.speaker.end:  # "a lawmaker briefed by the spy agency said"
            relay = Span(cue.speaker.start, match.start())
            return Cue(cue.kind, cue.words, cited, relay, cue.start)
        return Cue(cue.kind, cue.words, cited, cue.speaker, cue.start)
    return _told_outlet(text, cue, sentence)


TELLING = frozenset(["tell", "tells", "told", "telling"])


def _told_outlet(text: str, cue: Cue, sentence: Span) -> Cue:
    """A cue whose speaker "told" an outlet ("US officials told The New York Times that"): the outlet
    relays the words; a person told ("told Macron") relays nothing."""
    if cue.relay is not None or cue.words.of(text).lower() not in TELLING:
        return cue
    told = _np_after(text, _skip_space(text, cue.words.end), sentence.end)
    if told is None or kind_of(told.of(text))[0] != "media" or not re.search(r"[A-Z]", told.of(text)):
        return cue
    return replace(cue, relay=told)


def _clause_floor(text: str, sentence: Span, at: int, quoted: list[Span]) -> int:
    """Where the clause that holds position ``at`` begins: after a closing quotation, a "that", a
    "which", a semicolon or a dash before it, or at the sentence's start."""
    floor = max([sentence.start, *(q.end for q in quoted if q.end <= at)])
    last = None
    for match in re.finditer(r";|—|–|\bthat\b|\bwhich\b|\bwho\b", text[floor:at]):
        last = match
    return floor + last.end() if last else floor


def _comma_before(text: str, sentence: Span, at: int) -> int:
    """The start of the clause holding ``at``: after the last comma before it, or the sentence's start."""
    cut = text.rfind(",", sentence.start, at)
    return cut + 1 if cut >= 0 else sentence.start


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _without_repeats(cues: list[Cue]) -> list[Cue]:
    """One cue per attribution: a verb inside a passive or nominal cue's words is that cue's."""
    out: list[Cue] = []
    for cue in cues:
        covered = (
            other is not cue
            and cue.kind in ("verb", "passive")
            and other.kind in ("passive-agent", "outlet", "nominal", "passive")
            and other.kind != cue.kind
            and other.words.overlap(cue.words)
            for other in cues
        )
        if any(covered):
            continue
        out.append(cue)
    return out


@dataclass(frozen=True)
class BackReference:
    """A sentence that attributes the words before it ("This was stated at a briefing by Pat Ryder,
    Censor.NET reports citing Radio Liberty"): its cue, the speaker, and who relayed the words."""

    words: Span
    speaker: Span
    relay: Span | None
    reporter: Span | None  # an outlet that reports it ("Censor.NET reports"): the publisher or a relay


def back_reference(text: str, sentence: Span) -> BackReference | None:
    """The attribution ``sentence`` makes of the sentences before it, or None when it makes none."""
    found = BACKREF.match(text, sentence.start, sentence.end)
    if found is None:
        return None
    who = _np_after(text, found.end(), sentence.end)
    if who is None:
        return None
    relay = reporter = None
    for match in RELAY.finditer(text, who.end, sentence.end):
        relay = _np_after(text, match.end(), sentence.end)
        if relay is not None:
            head = text[who.end : match.start()].rstrip(" ,")
            said = re.search(rf"(?:{VERBS})$", head)
            if said is not None:  # "Censor.NET reports citing Radio Liberty"
                reporter = _np_before(text, who.end + said.start(), who.end)
            break
    if relay is None:
        reports = re.search(rf",\s*(?P<np>[^,]+?)\s+(?:{VERBS})\b", text[who.end : sentence.end])
        if reports is not None:
            reporter = _np_after(text, who.end + reports.start("np"), who.end + reports.end("np"))
    return BackReference(Span(found.start(), found.end()), who, relay, reporter)
