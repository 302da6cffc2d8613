"""Hypothesis strategies for valid workbooks: any number of rows, every rule of the descriptor kept.

A generated workbook is written as a data folder (the descriptor the declaration generates, CSV
tables, documents under ``seeds/``) so that it passes through the same loader as curated data.
Enumerations come from the declaration itself, so a new allowed value is generated as soon as it is
declared.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from hypothesis import strategies as st

from helpers.paths import DESCRIPTOR_NAME
from helpers.schema import BY_NAME, SCHEMA_KEY, SCHEMA_VERSION, TABLES
from helpers.schema.table_schema import resource_descriptor

# Words as curators write them, with the characters that have tripped renderers before: Markdown
# and LaTeX syntax, quotes, non-Latin scripts. Never a forbidden control character.
WORDS = (
    "troops", "Russia", "Kursk", "sent", "could", "be", "10,000", "1,500", "no", "evidence",
    "Ministry", "said", "the", "a", "of", "$x$", "#", "|", "*bold*", "_under_", "`code`", "<b>",
    "[link](http://x)", "www.example.com", "—", "“quoted”", "don’t", "Пхеньян", "조선", "&amp;",
)  # fmt: skip

_DESCRIPTOR = {
    "profile": "tabular-data-package",
    SCHEMA_KEY: SCHEMA_VERSION,
    "name": "generated",
    "title": "A generated | *workbook*",
    "description": "Does the # generated $evidence$ hold?\n\nGenerated to test the workbook.",
    "resources": [resource_descriptor(table) for table in TABLES],
}
CAMPS = ("Camp A", "Camp A's backers", "Camp B", "Unaligned", "<b>Camp</b> | C")


def enum(table: str, column: str) -> list:
    """The allowed values of a column, read from the declaration."""
    values = BY_NAME[table].column(column).enum
    assert values is not None, f"{table}.{column} has no list of values"
    return list(values)


def phrase(min_words: int = 1, max_words: int = 6) -> st.SearchStrategy[str]:
    """A few words joined by spaces: never empty, never only white space."""
    return st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words).map(" ".join)


def rationale() -> st.SearchStrategy[str]:
    """A rationale long enough for its ``minLength`` of 20."""
    return phrase(1, 8).map(lambda text: f"Because the record shows: {text}")


DAY0 = date(2024, 1, 1)
days = st.integers(min_value=0, max_value=730)


@dataclass(frozen=True)
class Workbook:
    """Generated tables and document texts, ready to be written as a data folder."""

    tables: dict[str, pd.DataFrame]
    texts: dict[str, str]

    def write(self, root: Path) -> Path:
        """Write the data folder and its seeds under ``root``; return the data folder."""
        data, seeds = root / "data", root / "seeds"
        shutil.rmtree(root, ignore_errors=True)
        data.mkdir(parents=True)
        seeds.mkdir()
        (data / DESCRIPTOR_NAME).write_text(json.dumps(_DESCRIPTOR), encoding="utf-8")
        for name, text in self.texts.items():
            (seeds / name).write_text(text, encoding="utf-8")
        for name, frame in self.tables.items():
            frame.to_csv(data / f"{name}.csv", index=False, lineterminator="\n")
        for table in TABLES:  # a declared table left out is written with its header alone
            if table.name not in self.tables:
                _frame(table.name, []).to_csv(data / table.path, index=False, lineterminator="\n")
        return data


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(BY_NAME[table].column_names), dtype=object).fillna("")


@st.composite
def workbooks(
    draw: st.DrawFn, max_documents: int = 3, max_statements: int = 25, evidence: bool = False
) -> Workbook:
    """A valid workbook: empty tables, one-row tables, unrated and one-sided propositions included.

    With ``evidence``, one that has something to weigh: at least two statements, the first
    proposition a fact, and two troop numbers (a property about them then never waits on luck).
    """
    least = 1 if evidence else 0
    texts: dict[str, str] = {}
    documents = []
    for i in range(draw(st.integers(least, max_documents))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=80))
        text = " ".join(words) + ("\n" if draw(st.booleans()) else "")
        texts[f"doc{i}.txt"] = text
        documents.append(
            {
                "document_id": f"doc{i}",
                "title": draw(phrase()),
                "outlet": draw(st.sampled_from(["", "Outlet A", "Outlet | B"])),
                "published": DAY0 + timedelta(days=draw(days)),
                "published_basis": "generated",
                "path": f"seeds/doc{i}.txt",
                "url": draw(st.sampled_from(["", f"https://example.com/{i}"])),
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
            }
        )
    sources = [
        {
            "source_id": f"src{i}",
            "label": f"S{i} {draw(phrase(1, 2))}"[:30].strip(),
            "name": f"Source {i} {draw(phrase())}",
            "kind": draw(st.sampled_from(enum("sources", "kind"))),
            "alignment": draw(st.sampled_from(CAMPS)),
            "channel": draw(st.sampled_from(["", "ch-a", "ch-b"])),  # shared channels, and own ones
            "interested": draw(st.booleans()),
            "reliability": draw(st.sampled_from(enum("sources", "reliability"))),
            "reliability_rationale": draw(rationale()),
        }
        for i in range(draw(st.integers(least, 6)))
    ]
    propositions = [
        {
            "proposition_id": f"p{i}",
            "text": f"{i}: {draw(phrase())}",
            "kind": "fact" if evidence and i == 0 else draw(st.sampled_from(enum("propositions", "kind"))),
            # a broader proposition listed before it: implications never loop
            "implies": draw(st.sampled_from(["", *[f"p{k}" for k in range(i)]])),
        }
        for i in range(draw(st.integers(least, 5)))
    ]
    for document in documents:  # an outlet graded by a source row, or none
        document["publisher"] = draw(st.sampled_from(["", *[s["source_id"] for s in sources]]))
    statements = _statements(draw, documents, texts, sources, propositions, max_statements, 2 * least)
    places = _places(draw)
    claims = [
        _claim(draw, i, row, places)
        for i, row in enumerate(
            draw(st.lists(st.sampled_from(statements), min_size=2 * least, max_size=10)) if statements else []
        )
    ]
    hypotheses = [
        {
            "hypothesis_id": f"H{i}",
            "label": f"H{i} {draw(phrase(1, 3))}",
            "text": f"Hypothesis {i}: {draw(phrase())}",
        }
        for i in range(draw(st.integers(0, 4)))
    ]
    pairs = [(s["statement_id"], h["hypothesis_id"]) for s in statements for h in hypotheses]
    rated = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=40)) if pairs else []
    serving = _self_serving(statements, sources)
    ratings = [
        {
            "statement_id": s,
            "hypothesis_id": h,
            # a self-serving statement is rated alike under every hypothesis
            "rating": "N" if s in serving else draw(st.sampled_from(enum("ach_ratings", "rating"))),
            "relevance": draw(st.sampled_from(["", *enum("ach_ratings", "relevance")])),
            "rationale": draw(rationale()),
        }
        for s, h in rated
    ]
    facts = [p["proposition_id"] for p in propositions if p["kind"] == "fact"]
    grid = [(h["hypothesis_id"], p) for h in hypotheses for p in facts]
    expectations = [
        {
            "hypothesis_id": h,
            "proposition_id": p,
            "expects": draw(st.booleans()),
            "rationale": draw(rationale()),
        }
        for h, p in (draw(st.lists(st.sampled_from(grid), unique=True, max_size=8)) if grid else [])
    ]
    judgements = _judgements(draw, propositions)
    replaced = {j["supersedes"] for j in judgements}
    # current judgements and hypotheses, each with the directions that fit it
    targets = [
        (j["judgement_id"], ("raises", "lowers")) for j in judgements if j["judgement_id"] not in replaced
    ]
    targets += [(h["hypothesis_id"], ("supports", "weakens")) for h in hypotheses]
    aims = [draw(st.sampled_from(targets)) for _ in range(draw(st.integers(0, 4)) if targets else 0)]
    indicators = [
        {
            "indicator_id": f"i{i}",
            "text": f"Watch for {draw(phrase(2, 6))}",
            "bears_on": target,
            "direction": draw(st.sampled_from(directions)),
            "status": draw(st.sampled_from(enum("indicators", "status"))),
            "as_of": DAY0 + timedelta(days=draw(days)),
            "notes": draw(st.sampled_from(["", "seen in | the news"])),
        }
        for i, (target, directions) in enumerate(aims)
    ]
    tables = {
        "documents": _frame("documents", documents),
        "sources": _frame("sources", sources),
        "propositions": _frame("propositions", propositions),
        "statements": _frame("statements", statements),
        "places": _frame("places", places),
        "troop_claims": _frame("troop_claims", claims),
        "hypotheses": _frame("hypotheses", hypotheses),
        "ach_ratings": _frame("ach_ratings", ratings),
        "judgements": _frame("judgements", judgements),
        "indicators": _frame("indicators", indicators),
        "expectations": _frame("expectations", expectations),
    }
    for frame in tables.values():  # booleans as the descriptor spells them
        for column in frame.columns:
            if frame[column].map(type).eq(bool).any():
                frame[column] = frame[column].map({True: "true", False: "false"})
    return Workbook(tables, texts)


def _self_serving(statements: list[dict], sources: list[dict]) -> set[str]:
    """The statements that count as self-serving: so marked, or by default an interested party's denial."""
    interested = {s["source_id"] for s in sources if s["interested"]}
    return {
        s["statement_id"]
        for s in statements
        if s["self_serving"] == "true"
        or (s["self_serving"] == "" and s["stance"] == "denies" and s["source_id"] in interested)
    }


def _judgements(draw: st.DrawFn, propositions: list[dict]) -> list[dict]:
    """A history per proposition: each judgement supersedes the one before it, as of a later day."""
    rows: list[dict] = []
    if not propositions:
        return rows
    for proposition in draw(st.lists(st.sampled_from(propositions), unique_by=lambda p: p["proposition_id"])):
        day, previous = draw(days), ""
        for _ in range(draw(st.integers(1, 3))):
            judgement_id = f"j{len(rows)}"
            rows.append(
                {
                    "judgement_id": judgement_id,
                    "proposition_id": proposition["proposition_id"],
                    "as_of": DAY0 + timedelta(days=day),
                    "likelihood": draw(st.sampled_from(enum("judgements", "likelihood"))),
                    "confidence": draw(st.sampled_from(enum("judgements", "confidence"))),
                    "rationale": draw(rationale()),
                    "assumptions": "We assume "
                    + " | ".join(draw(st.lists(phrase(2, 5), min_size=1, max_size=3))),
                    "would_change_if": f"If we learn {draw(phrase(2, 6))}",
                    "implications": draw(st.sampled_from(["", "Plan for *more* | less"])),
                    "supersedes": previous,
                }
            )
            day, previous = day + draw(st.integers(0, 60)), judgement_id
    return rows


def _statements(
    draw: st.DrawFn,
    documents: list[dict],
    texts: dict[str, str],
    sources: list[dict],
    propositions: list[dict],
    most: int,
    least: int = 0,
) -> list[dict]:
    if not (documents and sources and propositions):
        return []
    rows: list[dict] = []
    kinds = {p["proposition_id"]: p["kind"] for p in propositions}
    for i in range(draw(st.integers(least, most))):
        document = draw(st.sampled_from(documents))
        words = texts[document["path"].removeprefix("seeds/")].split(" ")
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, min(len(words), start + 12)))
        quote = " ".join(words[start:end]).strip()
        hedge = draw(st.sampled_from(["", quote.split()[0]]))
        said = max(
            document["published"] - timedelta(days=draw(st.integers(0, 30))), DAY0 - timedelta(days=30)
        )
        precision = draw(st.sampled_from(enum("statements", "said_on_precision")))
        proposition = draw(st.sampled_from(propositions))["proposition_id"]
        rows.append(
            {
                "statement_id": f"s{i}",
                "document_id": document["document_id"],
                "source_id": draw(st.sampled_from(sources))["source_id"],
                "reported_by": draw(st.sampled_from(["", *[s["source_id"] for s in sources]])),
                "said_on": said,
                "said_on_earliest": said - timedelta(days=draw(st.integers(0, 5)))
                if precision == "range"
                else "",
                "said_on_precision": precision,
                "said_on_basis": "generated",
                "quote": quote,
                "attribution": draw(st.sampled_from(enum("statements", "attribution"))),
                "proposition_id": proposition,
                "stance": draw(st.sampled_from(enum("statements", "stance"))),
                "hedge": hedge,
                "self_serving": draw(st.sampled_from(["", "true", "false"])),
                # graded on facts only; blank for demands, intentions and the rest
                "credibility": draw(st.sampled_from(enum("statements", "credibility")))
                if kinds[proposition] == "fact"
                else "",
                "credibility_rationale": draw(rationale()),
                # only an earlier statement: replies never loop
                "responds_to": draw(st.sampled_from(["", *[r["statement_id"] for r in rows]])),
                "same_as": draw(st.sampled_from(["", *[r["statement_id"] for r in rows]])),
            }
        )
    return rows


def _places(draw: st.DrawFn) -> list[dict]:
    """A small gazetteer: each place inside one listed before it, or at the top."""
    rows: list[dict] = []
    for i in range(draw(st.integers(1, 4))):
        rows.append(
            {
                "place_id": f"pl{i}",
                "name": f"Place {i} {draw(phrase(1, 3))}",
                "parent": draw(st.sampled_from(["", *[r["place_id"] for r in rows]])),
                "kind": draw(st.sampled_from(["", *enum("places", "kind")])),
            }
        )
    return rows


def _claim(draw: st.DrawFn, i: int, statement: dict, places: list[dict]) -> dict:
    count = draw(st.one_of(st.integers(1, 200_000), st.sampled_from([1_000, 1_500, 10_000])))
    low = draw(st.sampled_from(["", draw(st.integers(1, count))]))
    high = draw(st.sampled_from(["", draw(st.integers(count, 400_000))]))
    modality = draw(st.sampled_from(enum("troop_claims", "modality")))
    ahead = modality in ("forecast", "intended") and draw(st.booleans())  # a number for a later date
    return {
        "claim_id": f"c{i}",
        "statement_id": statement["statement_id"],
        "count": count,
        "count_low": low,
        "count_high": high,
        "location": draw(st.sampled_from(["Russia", "Kursk Oblast", "the front | line", "#Russia"])),
        "place": draw(st.sampled_from([*(p["place_id"] for p in places), ""])),  # "" : names no place
        "bound": draw(st.sampled_from(["", *enum("troop_claims", "bound")])),
        "measure": draw(st.sampled_from(enum("troop_claims", "measure"))),
        "modality": modality,
        "as_of": statement["said_on"] + timedelta(days=draw(st.integers(1, 60)) if ahead else 0),
        "as_of_precision": draw(st.sampled_from(["", *enum("troop_claims", "as_of_precision")])),
        "authoritative": draw(st.sampled_from(["", "true", "false"])),
    }
