"""Data that is large or deep: chains of 10,000 propositions or places, 3,000 statements each
answering the one before, 5,000 documents, a 900,000-character quote, a 15 MiB document, a 3,000-deep
chain of superseded judgements. Each validates (or exports) within its time, with no recursion
error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.builders import data_edit
from tests.adversarial.checks import lines_at_most
from tests.adversarial.harness import (
    Case,
    CaseTable,
    add_document,
    assert_keeps_promises,
    params,
    rows,
    workspace,
    write_rows,
)

CASES = CaseTable()


K = "scale"


def _chain(table: str, key: str, link: str, n: int, extra):
    def edit(tmp: Path, data: Path) -> None:
        t = rows(data / f"{table}.csv")
        head = t[0]
        for i in range(n):
            row = dict.fromkeys(head, "")
            row.update(extra(i))
            row[key] = f"h3-{i}"
            row[link] = f"h3-{i + 1}" if i + 1 < n else ""
            t.append([row[h] for h in head])
        write_rows(data / f"{table}.csv", t)

    return edit


CASES.add(
    "K01",
    K,
    "10,000 propositions in one implies chain",
    "exit 0 within seconds, no recursion crash",
    data_edit(
        _chain(
            "propositions",
            "proposition_id",
            "implies",
            10000,
            lambda i: {"text": f"Proposition {i}.", "kind": "fact"},
        )
    ),
    (0,),
    timeout=120,
)

CASES.add(
    "K02",
    K,
    "10,000 places in one parent chain",
    "exit 0, no recursion crash",
    data_edit(
        _chain("places", "place_id", "parent", 10000, lambda i: {"name": f"Place {i}", "kind": "region"})
    ),
    (0,),
    timeout=120,
)

CASES.add(
    "K03",
    K,
    "10,000 propositions in one implies chain, exported to SQLite",
    "exit 0",
    lambda tmp: (
        _chain(
            "propositions", "proposition_id", "implies", 10000, lambda i: {"text": f"P {i}.", "kind": "fact"}
        )(tmp, workspace(tmp)),
        ["export", "sqlite", str(tmp / "o.db"), "--data", str(tmp / "data")],
    )[-1],
    (0,),
    timeout=120,
)


def _statement_chain(n: int, link: str):
    def edit(tmp: Path, data: Path) -> None:
        t = rows(data / "statements.csv")
        head = t[0]
        base = dict(zip(head, t[1], strict=False))
        for i in range(n):
            row = dict(base)
            row["statement_id"] = f"h3-{i}"
            row["responds_to"] = ""
            row["same_as"] = ""
            row["credibility"] = base["credibility"]
            if i:
                row[link] = f"h3-{i - 1}"
            t.append([row[h] for h in head])
        write_rows(data / "statements.csv", t)

    return edit


CASES.add(
    "K04",
    K,
    "3,000 statements each responding to the one before",
    "exit 0, no recursion crash",
    data_edit(_statement_chain(3000, "responds_to")),
    (0,),
    timeout=120,
)

CASES.add(
    "K05",
    K,
    "3,000 statements each the same remark as the one before",
    "exit 0, no recursion crash",
    data_edit(_statement_chain(3000, "same_as")),
    (0,),
    timeout=120,
)


def _many_documents(n: int):
    def edit(tmp: Path, data: Path) -> None:
        import hashlib

        t = rows(data / "documents.csv")
        head = t[0]
        for i in range(n):
            raw = f"Document {i}.\n".encode()
            (tmp / "seeds" / f"h3-{i}.txt").write_bytes(raw)
            row = dict.fromkeys(head, "")
            row.update(
                document_id=f"h3-{i}",
                title=f"D {i}",
                published="2024-10-23",
                published_basis="test",
                path=f"seeds/h3-{i}.txt",
                sha256=hashlib.sha256(raw).hexdigest(),
                excerpt="false",
            )
            t.append([row[h] for h in head])
        write_rows(data / "documents.csv", t)

    return edit


CASES.add(
    "K06", K, "5,000 documents", "exit 0 within seconds", data_edit(_many_documents(5000)), (0,), timeout=120
)


def _long_quote(tmp: Path, data: Path) -> None:
    quote = "North Korea sent troops to Russia, the officials said again. " * 14500  # ~900,000 characters
    add_document(tmp, "Intro. " + quote + " End.\n")
    t = rows(data / "statements.csv")
    row = dict(zip(t[0], t[1], strict=False))
    row.update(
        statement_id="h3-long",
        document_id="h3",
        quote=quote.strip(),
        hedge="",
        responds_to="",
        same_as="",
        said_on="2024-10-23",
        said_on_earliest="",
        said_on_precision="exact",
    )
    t.append([row[h] for h in t[0]])
    write_rows(data / "statements.csv", t)


CASES.add(
    "K07",
    K,
    "a 900,000-character quote that occurs in its document",
    "exit 0",
    data_edit(_long_quote),
    (0,),
    timeout=120,
)

CASES.add(
    "K08",
    K,
    "a 15 MiB document, no statements",
    "exit 0",
    data_edit(lambda t, d: add_document(t, "word " * 3_000_000)),
    (0,),
    timeout=120,
)

CASES.add(
    "K09",
    K,
    "a 3,000-deep supersedes chain of judgements",
    "exit 0 or 1 one problem, no recursion crash",
    data_edit(lambda t, d: _supersedes_chain(d, 3000)),
    (0, 1),
    lines_at_most(5),
    timeout=120,
)


def _supersedes_chain(data: Path, n: int) -> None:
    t = rows(data / "judgements.csv")
    head = t[0]
    base = dict(zip(head, t[1], strict=False))
    t = [head]
    for i in range(n):
        row = dict(base)
        row["judgement_id"] = f"h3-{i}"
        row["supersedes"] = f"h3-{i - 1}" if i else ""
        t.append([row[h] for h in head])
    write_rows(data / "judgements.csv", t)
    ind = rows(data / "indicators.csv")
    write_rows(data / "indicators.csv", [ind[0]])


@pytest.mark.parametrize("case", params(CASES))
def test_large_or_deep_data_loads_without_a_crash(case: Case, tmp_path: Path) -> None:
    """The command finishes on large or deep data without a recursion error or a timeout."""
    assert_keeps_promises(case, tmp_path)
