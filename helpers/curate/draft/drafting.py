"""A whole draft: the rows a new article adds to each table, in the tables' own columns (schema 5),
each with a confidence and the reason for it. Nothing is graded: credibility, reliability and ACH
ratings are left to the analyst."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ...workbook import Workbook
from .claims import DraftClaim, draft_claims
from .columns import draft_columns
from .dates import day_text, find_dates
from .ids import next_ids
from .places import Gazetteer
from .propositions import PropositionIndex
from .same_as import candidate, candidate_among
from .sources import SourceIndex
from .speakers import Speaker, Speakers
from .statements import DraftStatement, draft_statements
from .text import Span, sentences, trim


@dataclass(frozen=True)
class Article:
    """A new article: its text, and what the analyst says about it."""

    text: str
    name: str  # the file's name, as it will stand under seeds/
    published: date
    outlet: str = ""
    url: str = ""
    sha256: str = ""
    file: str = ""  # where the text was read from: "Add to the data" copies it into seeds/
    title: str = ""  # the headline as the analyst gives it; without one it is read from the text

    def __post_init__(self) -> None:
        if not self.sha256:  # a text given in memory is stored as UTF-8: its fingerprint is of that
            object.__setattr__(self, "sha256", hashlib.sha256(self.text.encode("utf-8")).hexdigest())

    @classmethod
    def from_file(
        cls, path: Path, published: date, outlet: str = "", url: str = "", title: str = ""
    ) -> Article:
        """Read the article at ``path`` (UTF-8); its SHA-256 is of the bytes as they are."""
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        text = data.decode("utf-8")
        return cls(text, path.name, published, outlet, url, digest, str(path.resolve()), title.strip())


@dataclass
class Draft:
    """The draft rows of one article, table by table, and what needs a human."""

    article: Article
    documents: pd.DataFrame
    statements: pd.DataFrame
    troop_claims: pd.DataFrame
    sources: pd.DataFrame  # new sources the statements name
    same_as: pd.DataFrame  # candidates: statement_id, same_as, reason
    notes: list[str] = field(default_factory=list)  # about the document as a whole

    def tables(self) -> dict[str, pd.DataFrame]:
        """The draft tables by name, as the draft folder holds them."""
        return {
            "documents": self.documents,
            "sources": self.sources,
            "statements": self.statements,
            "troop_claims": self.troop_claims,
        }


def draft_article(article: Article, wb: Workbook, document_id: str | None = None) -> Draft:
    """Draft the rows ``article`` adds to the workbook ``wb`` (whose tables it matches against)."""
    text = article.text
    speakers = Speakers(SourceIndex(wb.sources))
    notes: list[str] = []
    publisher = _publisher(article, speakers, notes)
    found = draft_statements(
        text, article.published, speakers, PropositionIndex(wb.propositions, wb.places), publisher
    )
    doc_id = document_id or next(next_ids(wb.documents["document_id"], "D"))
    ids = next_ids(wb.statements["statement_id"], "S")
    claim_ids = next_ids(wb.troop_claims["claim_id"], "TC")
    gazetteer = Gazetteer(wb.places)
    statement_rows, claim_rows, same_rows = [], [], []
    existing_counts = _counts(wb)
    drafted: list[tuple[str, str, str, set[int], pd.Timestamp]] = []
    for statement in found:
        sid = next(ids)
        claims = draft_claims(
            text,
            statement.span,
            statement.said.latest,
            gazetteer,
            statement.said.precision,
            statement.sentence,
        )
        counts = {c.number.count for c in claims}
        same = _same_as(statement, text, counts, wb, existing_counts, drafted)
        if same is not None:
            same_rows.append({"statement_id": sid, "same_as": same[0], "reason": same[1]})
        drafted.append((sid, statement.speaker.source_id, statement.span.of(text), counts,
                        pd.Timestamp(statement.said.latest)))  # fmt: skip
        statement_rows.append(_statement_row(statement, sid, doc_id, text, same))
        claim_rows += [_claim_row(claim, next(claim_ids), sid) for claim in claims]
    new = pd.DataFrame(list(speakers.new_sources.values()), columns=draft_columns("sources"), dtype="str")
    used = (
        {r["source_id"] for r in statement_rows}
        | {r["reported_by"] for r in statement_rows}
        | {publisher.source_id}
    )
    new = new[new["source_id"].isin(used)].reset_index(drop=True)
    if not found:
        notes.append("No attributable statement was found: read the article and add rows by hand.")
    documents = pd.DataFrame(
        [_document_row(article, doc_id, publisher, notes)], columns=draft_columns("documents")
    )
    return Draft(
        article,
        documents.astype("str"),
        pd.DataFrame(statement_rows, columns=draft_columns("statements")),
        pd.DataFrame(claim_rows, columns=draft_columns("troop_claims")),
        new,
        pd.DataFrame(same_rows, columns=["statement_id", "same_as", "reason"], dtype="str"),
        notes,
    )


def _publisher(article: Article, speakers: Speakers, notes: list[str]) -> Speaker:
    """The outlet as a source (the link that grades every statement of the document)."""
    outlet = re.sub(r"\s*\((?:via|republished by|on)\b[^)]*\)", "", article.outlet).strip()
    if not outlet:
        notes.append(
            "No outlet was given: the document's publisher and the outlet's own assertions need one."
        )
        outlet = "Outlet of the article (not named)"
    found = speakers.resolve(outlet)
    speakers.seen.clear()  # the outlet publishes; it is no speaker for "he" or "the agency" to point back to
    if found.new:
        speakers.new_sources[found.source_id]["kind"] = "media"
        speakers.new_sources[found.source_id]["reason"] = (
            f"the outlet '{outlet}' matches no source: a media source is proposed; grade its reliability"
        )
    return found


def _document_row(article: Article, doc_id: str, publisher: Speaker, notes: list[str]) -> dict[str, str]:
    title, title_note = (
        (article.title, "The title is the analyst's.") if article.title.strip() else _title(article.text)
    )
    stated = [
        d
        for d in find_dates(article.text, Span(0, min(len(article.text), 400)), article.published)
        if re.search(r"\d{4}", d.words)
    ]
    basis = f"given by the analyst when drafting ({day_text(article.published)})"
    if stated and stated[0].latest != article.published:
        notes.append(
            f"The text gives '{stated[0].words}' ({day_text(stated[0].latest)}), not the publication date "
            f"given ({day_text(article.published)}): check which is right."
        )
    elif stated:
        basis += f"; the text agrees ('{stated[0].words}')"
    notes.append(title_note)
    return {
        "document_id": doc_id,
        "title": title,
        "outlet": article.outlet,
        "publisher": publisher.source_id,
        "published": f"{article.published:%Y-%m-%d}",
        "published_basis": basis,
        "path": f"seeds/{article.name}",
        "url": article.url,
        "sha256": article.sha256,
        "notes": "",
        "article_file": article.file,
        "confidence": "high" if article.title.strip() else "medium",
        "reason": f"{title_note} The date is the analyst's; the SHA-256 is of the file's bytes.",
    }


def _title(text: str) -> tuple[str, str]:
    """A headline from the text's first line, or a label from its first sentence, saying which."""
    text = text.replace("\ufeff", "")  # a byte-order mark is no part of a headline
    for line in text.splitlines():
        line = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", line).strip()
        if not line:
            continue
        if len(line) <= 150 and not line.endswith((".", "”", '"')) and len(line.split()) >= 4:
            return line, "The title is the text's first line: check it is the headline."
        break
    first = next(iter(sentences(text)), None)
    words = trim(text, first).of(text).split()[:12] if first else ["Untitled"]
    label = " ".join(words).rstrip(".,;:") + " (descriptive title)"
    return label, "The text has no headline: the title is a label made from its first words; rewrite it."


def _counts(wb: Workbook) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for sid, count in zip(wb.troop_claims["statement_id"], wb.troop_claims["count"], strict=True):
        out.setdefault(str(sid), set()).add(int(count))
    return out


def _same_as(
    statement: DraftStatement,
    text: str,
    counts: set[int],
    wb: Workbook,
    existing_counts: dict[str, set[int]],
    drafted: list[tuple[str, str, str, set[int], pd.Timestamp]],
) -> tuple[str, str] | None:
    """The earlier report of the same remark, in the data or earlier in this draft."""
    quote = statement.span.of(text)
    source = statement.speaker.source_id
    found = candidate(quote, source, counts, wb.statements, existing_counts)
    if found is not None:
        return found.statement_id, found.reason
    if not source:
        return None
    own = [
        (d[0], d[2], d[4]) for d in drafted if d[1] == source
    ]  # no table per statement: thousands stay fast
    found = candidate_among(quote, counts, own, {d[0]: d[3] for d in drafted if d[1] == source})
    return (found.statement_id, found.reason + " in this draft") if found else None


def _statement_row(
    statement: DraftStatement, sid: str, doc_id: str, text: str, same: tuple[str, str] | None
) -> dict[str, object]:
    said = statement.said
    reasons = list(statement.reasons)
    if same is not None:
        reasons.append(f"same_as {same[0]}: {same[1]}")
    return {
        "statement_id": sid,
        "document_id": doc_id,
        "source_id": statement.speaker.source_id,
        "reported_by": statement.relay.source_id if statement.relay else "",
        "said_on": f"{said.latest:%Y-%m-%d}",
        "said_on_earliest": f"{said.earliest:%Y-%m-%d}" if said.earliest else "",
        "said_on_precision": said.precision,
        "said_on_basis": said.basis,
        "quote": statement.span.of(text),
        "attribution": statement.attribution,
        "proposition_id": statement.proposed.proposition_id,
        "stance": statement.proposed.stance,
        "hedge": statement.hedge,
        "self_serving": "",
        "credibility": "",
        "credibility_rationale": "",
        "responds_to": "",
        "same_as": same[0] if same else "",
        "quote_start": statement.span.start,
        "quote_end": statement.span.end,
        "speaker_as_written": statement.speaker.mention,
        "confidence": statement.confidence,
        "reason": "; ".join(reasons),
    }


def _claim_row(claim: DraftClaim, cid: str, sid: str) -> dict[str, object]:
    n = claim.number
    return {
        "claim_id": cid,
        "statement_id": sid,
        "count": n.count,
        "count_low": "" if n.low is None else n.low,
        "count_high": "" if n.high is None else n.high,
        "bound": n.bound,
        "location": claim.place.written if claim.place else "",
        "place": claim.place.place_id if claim.place else "",
        "measure": claim.measure,
        "modality": claim.modality,
        "as_of": f"{claim.as_of:%Y-%m-%d}",
        "as_of_precision": claim.as_of_precision,
        "authoritative": "",
        "notes": "",
        "confidence": claim.confidence,
        "reason": "; ".join(claim.reasons),
    }
