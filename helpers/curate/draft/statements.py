"""The draft statements of an article: each attributable passage with its speaker, relay, date,
attribution, proposition, stance and hedge, a confidence and the reasons for it.

A sentence holds one statement per speaker: "In response to A claiming X, B said Y" is two; "A said
that B disclosed X" is B's, relayed by A. Words in quotation marks that make a remark of their own
("“...,” Austin said") are a direct quote, taken without the marks; a few quoted words inside a
sentence make the sentence a partial quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .cues import BackReference, Cue, back_reference, find_cues
from .dates import DateMention, basis, day_text, find_dates, is_event_date
from .propositions import Proposed, PropositionIndex, hedge
from .speakers import Speaker, Speakers
from .text import Quotation, Span, paragraphs, quotations, sentences, trim, words

DIRECT_WORDS = 5  # a quotation of at least this many words can stand as a remark of its own
# Where a sentence's words turn to a claim of their own, and the joining words the new clause leaves
# out: "A; now B", "A, but B" (not "but that could change", which qualifies A), "A, and that B",
# "A, and rewards were paid", "A, with some fighting", "A, with the total likely to climb".
CLAUSE = re.compile(
    r";\s+"
    r"|,\s+but\s+(?!that\s+(?:could|may|might|would|can)\b)"
    r"|,\s+and\s+that\s+"
    r"|,\s+and\s+(?=(?:[\w'’-]+\s+){1,4}(?:was|were|is|are|has|have|had|will|would)\b)"
    r"|,\s+with\s+(?=(?:[\w'’-]+\s+){0,3}?(?:\w+ing|likely|expected)\b)"
)
CLAUSE_WORDS = 4  # a clause of fewer words is no claim of its own: it stays with the one before
LEVELS = ("low", "medium", "high")
SOURCE_LINE = re.compile(r"\s*(?:Source|Sources)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class SaidOn:
    """When a statement was made: the latest day, the earliest for a range, precision and basis."""

    latest: date
    earliest: date | None
    precision: str
    basis: str
    confidence: str


@dataclass
class DraftStatement:
    """One proposed statement, before it has an id."""

    span: Span
    attribution: str
    speaker: Speaker
    relay: Speaker | None
    said: SaidOn
    hedge: str
    proposed: Proposed
    cue_kind: str
    paragraph: int
    reasons: list[str] = field(default_factory=list)
    sentence: Span | None = None  # the words of the sentence this statement is a clause of

    @property
    def confidence(self) -> str:
        """The lowest of the speaker's, the date's and the attribution's confidence."""
        levels = [self.speaker.confidence, self.said.confidence]
        if self.cue_kind in ("passive", "coordinated", "backref") or self.attribution == "partial quote":
            levels.append("medium")
        return min(levels, key=LEVELS.index)


@dataclass
class _Group:
    """Cues of one statement in a sentence, before its span is cut."""

    start: int
    cues: list[Cue]
    speaker: Speaker
    relay: Speaker | None = None


def draft_statements(
    text: str, published: date, speakers: Speakers, props: PropositionIndex, publisher: Speaker
) -> list[DraftStatement]:
    """Every attributable statement of ``text``, in order, drafted against the data's tables."""
    quotes = quotations(text)
    outer = [q.outer for q in quotes]
    paras = paragraphs(text)
    out: list[DraftStatement] = []
    context: Speaker | None = None  # who a "Source:" line names, for the "Quote:" lines after it
    context_relay: Speaker | None = None  # ... and who it cites them through ("Source: Ukrinform, citing")
    context_date: DateMention | None = None
    consumed = 0  # end of the last quotation taken whole: sentences inside it are done
    pending: list[tuple[Span, int]] = []  # sentences with no attribution since the last statement
    for sentence in sentences(text):
        if sentence.end <= consumed:
            continue
        para = next((i for i, p in enumerate(paras) if sentence.start < p.end), len(paras))
        if SOURCE_LINE.match(text, sentence.start):
            context, context_relay, context_date = _source_line(
                text, sentence, published, speakers, publisher
            )
            pending = []
            continue
        back = back_reference(text, sentence)
        if back is not None:  # "This was stated by X": the sentences before it are X's
            taken = _before(text, pending, para)
            pending = []
            if taken is not None:
                group = _back_group(text, taken, back, speakers, publisher)
                statement = _statement(text, taken, group, quotes, published, props, para, out, context_date)
                if statement is not None:
                    out.append(statement)
            continue
        cues = find_cues(text, sentence, outer)
        groups = _groups(text, sentence, cues, speakers, publisher, context)
        _through_source_line(groups, context, context_relay)
        if not groups:
            lone = _lone_quotation(text, sentence, quotes, out, para)
            if lone is not None:
                out.append(lone)
                consumed = max(consumed, lone.span.end)
                pending = []
            else:
                pending.append((sentence, para))
            continue
        pending = []
        cuts = [g.start for g in groups[1:]] + [sentence.end]
        for group, end in zip(groups, cuts, strict=True):
            whole = Span(group.start, max(group.start, end))
            for span in clauses(text, whole, outer):
                statement = _statement(text, span, group, quotes, published, props, para, out, context_date)
                if statement is None:
                    continue
                statement.sentence = whole
                out.append(statement)
                if statement.attribution == "direct quote":
                    consumed = max(consumed, statement.span.end)
    return out


def clauses(text: str, span: Span, quoted: list[Span]) -> list[Span]:
    """``span`` cut where its words turn to a separate claim ("X said A, but B": A and B are weighed
    apart), each clause without the words that join it; never inside quotation marks, and never
    leaving a clause too short to be a claim."""
    cuts: list[tuple[int, int]] = []  # (end of the clause before, start of the next)
    for match in CLAUSE.finditer(text, span.start, span.end):
        if any(q.start < match.start() < q.end for q in quoted):
            continue
        after = words(text[match.end() : span.end])
        before = words(text[cuts[-1][1] if cuts else span.start : match.start()])
        if before >= CLAUSE_WORDS and after >= CLAUSE_WORDS:
            cuts.append((match.start(), match.end()))
    starts = [span.start, *(c[1] for c in cuts)]
    ends = [*(c[0] for c in cuts), span.end]
    return [Span(s, e) for s, e in zip(starts, ends, strict=True)]


def _before(text: str, pending: list[tuple[Span, int]], para: int) -> Span | None:
    """The unattributed sentences just before a back-reference, in its paragraph or the one before
    it, that end as sentences do (a heading does not): the words "This was stated by X" gives X."""
    taken: list[Span] = []
    for sentence, at in reversed(pending):
        if at < para - 1 or not re.search(r"[.!?…][”\"’']?\s*$", sentence.of(text)):
            break
        if taken and at != para - 1 and at != para:
            break
        taken.insert(0, sentence)
    return Span(taken[0].start, taken[-1].end) if taken else None


def _back_group(text: str, span: Span, back: BackReference, speakers: Speakers, publisher: Speaker) -> _Group:
    """The group of a statement attributed by the sentence after it: the speaker it names, and the
    one who relayed the words ("citing Radio Liberty"), or an outlet other than the publisher."""
    relay = None
    if back.relay is not None:
        relay = speakers.resolve(back.relay.of(text))
    elif back.reporter is not None:
        reporter = back.reporter.of(text)
        if not _names_outlet(reporter, publisher.mention):
            relay = speakers.resolve(reporter)
    speaker = speakers.resolve(back.speaker.of(text))
    cue = Cue("backref", back.words, back.speaker, back.relay, span.start)
    return _Group(span.start, [cue], speaker, relay)


def _names_outlet(reporter: str, outlet: str) -> bool:
    """Whether ``reporter`` ("UNN reports") names the outlet publishing the article ("UNN (Ukrainian
    National News)"): an outlet reporting in its own pages relays nothing."""
    mine = set(re.findall(r"\w+", reporter.lower())) - {"the"}
    return bool(mine) and mine <= set(re.findall(r"\w+", outlet.lower()))


def _through_source_line(groups: list[_Group], context: Speaker | None, relay: Speaker | None) -> None:
    """Give the source line's relay to the groups of its speaker that name none: the speaker a
    "Source: R, citing X" line names goes on speaking through R."""
    if context is None or relay is None:
        return
    for group in groups:
        if group.relay is None and group.speaker.source_id == context.source_id:
            group.relay = relay


def _source_line(
    text: str, sentence: Span, published: date, speakers: Speakers, publisher: Speaker
) -> tuple[Speaker | None, Speaker | None, DateMention | None]:
    """The speaker, relay and date a "Source: X, citing Y, on 4 November" line gives the quotes
    below it: Y speaks, through X (the outlet citing in its own pages relays nothing)."""
    body = Span(SOURCE_LINE.match(text, sentence.start).end(), sentence.end)  # type: ignore[union-attr]
    piece = body.of(text)
    cited = re.search(r"\bciting\s+(.+)", piece)
    who = cited.group(1) if cited else piece
    who = re.split(r"\s+(?:in|on|at|during|who|during|,)\s|,", who)[0]
    through = piece[: cited.start()].strip(" ,") if cited else ""
    relay = speakers.resolve(through) if through else None  # resolved first: "he" is the speaker
    if relay is not None and relay.source_id == publisher.source_id:
        relay = None
    dates = [d for d in find_dates(text, body, published) if d.latest <= published]
    return (speakers.resolve(who) if who.strip() else None), relay, (dates[0] if dates else None)


def _groups(
    text: str,
    sentence: Span,
    cues: list[Cue],
    speakers: Speakers,
    publisher: Speaker,
    context: Speaker | None,
) -> list[_Group]:
    """The cues of ``sentence`` gathered into statements, one per speaker, relays resolved."""
    groups: list[_Group] = []
    for cue in cues:
        if groups and _joins_last(text, groups, cue):
            continue
        speaker = _cue_speaker(text, cue, speakers, publisher, context)
        if speaker is None or not speaker.source_id:
            continue
        relay = speakers.resolve(cue.relay.of(text)) if cue.relay is not None else None
        _place(text, sentence, groups, cue, speaker, relay)
    return groups


def _joins_last(text: str, groups: list[_Group], cue: Cue) -> bool:
    """Whether ``cue`` goes with the statement before it: a passive cue joins it, and a coordinated
    one joins it or, after words enough of their own, starts a second statement of its speaker ("X is
    claiming A and is asking B")."""
    if cue.kind == "coordinated" and not _short(text, groups[-1], cue):
        groups.append(_Group(cue.start, [cue], groups[-1].speaker, groups[-1].relay))
        return True
    if cue.kind in ("coordinated", "passive"):
        groups[-1].cues.append(cue)
        return True
    return False


def _cue_speaker(
    text: str, cue: Cue, speakers: Speakers, publisher: Speaker, context: Speaker | None
) -> Speaker | None:
    """Who speaks by ``cue``: the outlet for its own words, the named speaker, or, for a passive cue
    that names none, the last speaker named before it (with low confidence); None when no one does."""
    if cue.kind == "outlet":
        return publisher
    if cue.kind == "label":
        return speakers.resolve(cue.speaker.of(text)) if cue.speaker else context or publisher
    if cue.speaker is not None:
        return speakers.resolve(cue.speaker.of(text))
    if cue.kind != "passive" or not speakers.seen:
        return None
    last = speakers.seen[-1]
    why = f"no speaker named: taken as {last.source_id}, the last speaker named before it"
    return Speaker(last.source_id, last.new, "low", why, "")


def _place(
    text: str, sentence: Span, groups: list[_Group], cue: Cue, speaker: Speaker, relay: Speaker | None
) -> None:
    """Put ``cue`` of ``speaker`` with the statement before it or start a new one."""
    last = groups[-1] if groups else None
    if (
        last is not None
        and last.speaker.source_id == speaker.source_id
        and (_short(text, last, cue) or _nested(text, last, cue) or _aside(text, cue))
    ):
        last.cues.append(cue)
    elif last is not None and _nested(text, last, cue):
        # "A said that B disclosed X", "X reported that Y are warning": B speaks, A relays
        last.relay = last.relay or last.speaker
        last.speaker, last.cues = speaker, [*last.cues, cue]
    else:
        groups.append(_Group(cue.start if groups else sentence.start, [cue], speaker, relay))


def _short(text: str, group: _Group, cue: Cue) -> bool:
    """Whether the group holds too few words before ``cue`` to stand as a statement of its own."""
    return words(text[group.start : cue.start]) < 6


def _aside(text: str, cue: Cue) -> bool:
    """Whether ``cue`` is an aside between commas (", he said,"), which attributes the words around it."""
    if cue.speaker is None:
        return False
    return text[: cue.speaker.start].rstrip().endswith(",") and text[cue.words.end :].lstrip().startswith(",")


def _nested(text: str, group: _Group, cue: Cue) -> bool:
    """Whether ``cue`` lies in the words the group's verb attributes (after "said that", "reported")."""
    if cue.kind not in ("verb", "inverted") or cue.speaker is None:
        return False
    last = group.cues[-1]
    if last.kind not in ("verb", "inverted"):
        return False
    between = text[last.words.end : cue.speaker.start]
    return "," not in between and bool(re.fullmatch(r"[\s\w'’.-]*", between)) and len(between) < 60


def _statement(
    text: str,
    span: Span,
    group: _Group,
    quotes: list[Quotation],
    published: date,
    props: PropositionIndex,
    para: int,
    earlier: list[DraftStatement],
    context_date: DateMention | None,
) -> DraftStatement | None:
    span = trim(text, span)
    if words(span.of(text)) < 3:
        return None
    kinds = {c.kind for c in group.cues}
    reasons = [f"speaker: {group.speaker.reason}", *_cue_reasons(text, group, kinds)]
    attribution, quote_span = _attribution(text, span, group, quotes, kinds)
    said = _said_on(text, span, group, quotes, published, earlier, context_date)
    reasons.append(f"date: {said.basis}")
    quote = quote_span.of(text)
    found = hedge(quote)
    names = tuple(s.mention for s in (group.speaker, group.relay) if s is not None)
    proposed = _or_the_one_before(props.propose(quote, names), earlier, para)
    if group.relay is None:
        group.relay = _relay_as_before(group.speaker, earlier, para)
    reasons.append(f"proposition: {proposed.reason}")
    if group.relay is not None:
        reasons.append(f"relayed by {group.relay.source_id or group.relay.mention}: {group.relay.reason}")
    if found:
        reasons.append(f"hedge '{found}' found in the quote")
    cue_kind = next((c.kind for c in group.cues if c.kind not in ("coordinated",)), group.cues[0].kind)
    return DraftStatement(
        quote_span, attribution, group.speaker, group.relay, said, found, proposed, cue_kind, para, reasons
    )


def _cue_reasons(text: str, group: _Group, kinds: set[str]) -> list[str]:
    """What the group's cues tell the analyst: a basis the speaker cites, an attribution made by the
    sentence after."""
    reasons = [
        f"the speaker cites '{cue.basis.of(text)}' as the basis (no speaker of its own): "
        "say so in the credibility rationale"
        for cue in group.cues
        if cue.basis is not None
    ]
    if kinds == {"backref"}:
        reasons.append(f"attributed by the sentence after it ('{group.cues[0].words.of(text).strip()}…')")
    return reasons


def _or_the_one_before(proposed: Proposed, earlier: list[DraftStatement], para: int) -> Proposed:
    """``proposed``, or, when it names no proposition, that of the statement before it in the same
    paragraph (with low confidence): too few words of its own to tell."""
    before = earlier[-1] if earlier and earlier[-1].paragraph == para else None
    if proposed.proposition_id or proposed.tied or before is None or not before.proposed.proposition_id:
        return proposed  # words that fit two propositions are the statement's own, not too few
    return Proposed(before.proposed.proposition_id, proposed.stance, "low",
                    f"too few words of its own: the proposition of the statement before it; "
                    f"{proposed.reason.split('; ', 1)[-1]}")  # fmt: skip


def _relay_as_before(speaker: Speaker, earlier: list[DraftStatement], para: int) -> Speaker | None:
    """The relay of the same speaker's statement just before (this paragraph or the one before), if any."""
    same = next((e for e in reversed(earlier) if e.speaker.source_id == speaker.source_id), None)
    if same is None or same.relay is None or para - same.paragraph > 1:
        return None
    return Speaker(same.relay.source_id, same.relay.new, "low",
                   f"as for the same speaker's statement just before ({same.relay.source_id})",
                   same.relay.mention)  # fmt: skip


def _attribution(
    text: str, span: Span, group: _Group, quotes: list[Quotation], kinds: set[str]
) -> tuple[str, Span]:
    """How the document renders the statement, and the quote's characters: a direct quote is the
    words inside the marks (a quotation running past the sentence is taken whole)."""
    if "outlet" in kinds and len(kinds) == 1:
        return "outlet's own assertion", span
    inside = [q for q in quotes if q.outer.overlap(span)]
    if kinds == {"backref"}:  # the outlet's words for what the speaker said, named after them
        return ("partial quote" if inside else "paraphrase"), span
    for q in inside:
        if words(q.inner.of(text)) >= DIRECT_WORDS and _stands_alone(text, q, span):
            return "direct quote", trim(text, q.inner)
    if inside:
        return "partial quote", span
    relayed = group.relay is not None or kinds & {
        "nominal",
        "according",
        "passive-agent",
        "label",
        "reportedly",
    }
    reported = any(c.kind == "verb" and c.words.of(text).lower().startswith("report") for c in group.cues)
    return ("reported" if relayed or reported else "paraphrase"), span


def _stands_alone(text: str, q: Quotation, span: Span) -> bool:
    """Whether a quotation is a remark of its own: it opens the statement, follows its verb ("said:",
    "saying,", "Quote:"), or is followed by its attribution ("...,” Blinken said")."""
    before = text[span.start : q.outer.start]
    after = text[q.outer.end : min(len(text), q.outer.end + 80)]
    if not before.strip(" \t•") or re.search(
        r"(?:\b\w+ing|said|says|told|added|wrote|Quote)\s*[,:]?\s*$", before
    ):
        return True
    return bool(re.match(r"\s*[,.]?\s*(?:(?:he|she|they|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*)\s+)?"
                         r"(?:said|says|told|added|wrote|warned|noted)\b", after))  # fmt: skip


def _said_on(
    text: str,
    span: Span,
    group: _Group,
    quotes: list[Quotation],
    published: date,
    earlier: list[DraftStatement],
    context_date: DateMention | None,
) -> SaidOn:
    """The date nearest the statement's verb, else the same speaker's last date, else publication."""
    verb = group.cues[0].words
    region = Span(min(span.start, verb.start), max(span.end, verb.end))
    quoted = [q.outer for q in quotes]
    found = [
        d
        for d in find_dates(text, region, published)
        if d.latest <= published
        and not is_event_date(text, d)
        and not any(q.start <= d.span.start < q.end for q in quoted)
    ]
    if found:
        nearest = min(found, key=lambda d: min(abs(d.span.start - verb.end), abs(verb.start - d.span.end)))
        if nearest.relative and earlier:
            return _relative_to(nearest, earlier[0])
        confidence = "high" if nearest.precision == "exact" and "latest" not in nearest.how else "medium"
        precision = nearest.precision
        return SaidOn(nearest.latest, nearest.earliest, precision, basis(nearest, published), confidence)
    for before in reversed(earlier):
        if before.speaker.source_id == group.speaker.source_id and before.said.confidence != "low":
            said = before.said
            how = f"undated here; the same speaker's remark dated earlier in the article ({said.basis})"
            return SaidOn(said.latest, said.earliest, said.precision, how, "medium")
    if context_date is not None:
        return SaidOn(context_date.latest, context_date.earliest, context_date.precision,
                      f"from the page's source line: {basis(context_date, published)}", "medium")  # fmt: skip
    how = f"not dated in the article; on or before publication ({day_text(published)})"
    return SaidOn(published, None, "on or before", how, "low")


def _relative_to(mention: DateMention, event: DraftStatement) -> SaidOn:
    """A date relative to the article's own dated event ("the day before"): the first statement's date,
    as precise as that one is."""
    step = timedelta(days=mention.relative)
    said = event.said
    latest = said.latest + step
    earliest = said.earliest + step if said.earliest else None
    before = "on or before " if said.precision == "on or before" else ""
    how = (
        f"'{mention.words}' the article's first reported remark ({event.speaker.source_id}'s, "
        f"{said.basis}): {before}{day_text(latest)}"
    )
    return SaidOn(latest, earliest, said.precision, how, "medium")


def _lone_quotation(
    text: str, sentence: Span, quotes: list[Quotation], earlier: list[DraftStatement], para: int
) -> DraftStatement | None:
    """A quotation with no attribution in its sentence, right after a direct quote of the same
    paragraph or the one before it: the same speaker goes on ("“...,” Austin said. “What ...”")."""
    start = next((q for q in quotes if sentence.start <= q.outer.start < sentence.end), None)
    if start is None or words(start.inner.of(text)) < DIRECT_WORDS or not earlier:
        return None
    last = earlier[-1]
    if last.attribution != "direct quote" or para - last.paragraph > 1:
        return None
    span = trim(text, start.inner)
    who = last.speaker.source_id
    why = f"no attribution in the sentence: taken as {who}, whose quote comes just before"
    speaker = Speaker(who, last.speaker.new, "low", why, last.speaker.mention)
    reasons = [f"speaker: {speaker.reason}", f"date: {last.said.basis}"]
    return DraftStatement(span, "direct quote", speaker, last.relay, last.said, hedge(span.of(text)),
                          last.proposed, "lone", para, reasons)  # fmt: skip
