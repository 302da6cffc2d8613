"""The draft command on odd article files: binary, empty, NUL bytes, HTML, right-to-left text, a
folder, a named pipe, a missing file, UTF-16, too large, odd line ends, escape codes and newlines in
the name, a link, a seed of the data itself.

Each is drafted (exit 0, the draft's Markdown escaping what the article holds) or refused in a line
(exit 2), never with a traceback or a hang, and the data and seeds are left as they were.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.adversarial.builders import ARTICLE, DRAFT, article
from tests.adversarial.checks import absent, all_of, lines_at_most, no_raw
from tests.adversarial.harness import Case, CaseTable, assert_keeps_promises, params, workspace

CASES = CaseTable()

# Left alone, with the reason: drafting a 2 MB article of one line takes minutes (its language
# rules search the text around each of thousands of statements).
LEFT = {"A05": "drafting a 2 MB one-line article is slow (superlinear in the article's length)"}


A = "draft article"

CASES.add(
    "A01",
    A,
    "binary bytes (invalid UTF-8)",
    "exit 2, one line naming the file and UTF-8",
    article(bytes(range(256)) * 40),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "A02", A, "empty file", "exit 0 with no rows, or one-line refusal", article(b""), (0, 2), lines_at_most(3)
)

CASES.add(
    "A03",
    A,
    "only whitespace and newlines",
    "exit 0 with no rows, or one-line refusal",
    article(" \n\t\n   \n" * 100),
    (0, 2),
    lines_at_most(3),
)

CASES.add(
    "A04",
    A,
    "NUL bytes inside the text",
    "exit 0 (a document is stored byte for byte); no raw NUL in draft.md",
    article(ARTICLE.replace("agency", "age\x00ncy")),
    (0,),
    no_raw("\x00", rel="out/draft.md"),
)

CASES.add(
    "A05",
    A,
    "one 2 MB line with no newline",
    "exit 0, draft written, no crash",
    article("North Korea sent troops to Russia, officials said " * 40000),
    (0,),
    timeout=120,
)

CASES.add(
    "A06",
    A,
    "an HTML page instead of text",
    "exit 0; draft.md shows no raw tag",
    article(
        '<html><script>alert(1)</script><p>Officials said "<img src=x onerror=alert(1)> '
        '1,500 troops were sent," he said.</p></html>\n'
    ),
    (0,),
    no_raw("<script>", "<img", rel="out/draft.md"),
)

CASES.add(
    "A07",
    A,
    "right-to-left script (Arabic) article",
    "exit 0",
    article("قال مسؤولون إن 1500 جندي كوري شمالي أرسلوا إلى روسيا، حسبما قال المتحدث.\n"),
    (0,),
)

CASES.add(
    "A08",
    A,
    "a folder as ARTICLE",
    "exit 2 one line",
    lambda tmp: [
        *(workspace(tmp) and []),
        "draft",
        str(tmp / "seeds"),
        "--data",
        str(tmp / "data"),
        *DRAFT,
        "--out",
        str(tmp / "out"),
    ],
    (2,),
    all_of(lines_at_most(2), absent("out")),
)


def _fifo_article(tmp: Path) -> list[str]:
    workspace(tmp)
    os.mkfifo(tmp / "a.txt")
    return ["draft", str(tmp / "a.txt"), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")]


CASES.add(
    "A09",
    A,
    "a named pipe as ARTICLE (nobody writes)",
    "exit 2 at once, never hangs",
    _fifo_article,
    (2,),
    all_of(lines_at_most(2), absent("out")),
    timeout=20,
)

CASES.add(
    "A10",
    A,
    "ARTICLE that does not exist",
    "exit 2 one line",
    lambda tmp: [
        "draft",
        str(tmp / "nope.txt"),
        "--data",
        str(workspace(tmp)),
        *DRAFT,
        "--out",
        str(tmp / "out"),
    ],
    (2,),
    lines_at_most(2),
)

CASES.add(
    "A11",
    A,
    "UTF-16 article with BOM",
    "exit 2 one line naming the encoding",
    article(ARTICLE.encode("utf-16")),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)

CASES.add(
    "A12",
    A,
    "article of 17 MiB (over the 16 MiB document limit)",
    "exit 2 one line: too large",
    article(("Officials said troops were sent. " * 600000).encode()),
    (2,),
    all_of(lines_at_most(2), absent("out")),
    timeout=120,
)

CASES.add(
    "A13",
    A,
    "UTF-8 BOM and CRLF line endings",
    "exit 0",
    article(("\ufeff" + ARTICLE.replace("\n", "\r\n") * 3).encode("utf-8")),
    (0,),
)

CASES.add(
    "A14",
    A,
    "escape codes in the article's file name",
    "exit 0 or 2; the terminal gets no raw ESC",
    article(ARTICLE, name="a\x1b[2J\x1b]0;pwn\x07.txt"),
    (0, 2),
    no_raw("\x1b", "\x07"),
)

CASES.add(
    "A15",
    A,
    "article name with a newline",
    "exit 0 or 2; no raw newline faking a line",
    article(ARTICLE, name="a\nvalid: fake.txt"),
    (0, 2),
    no_raw("\nvalid: fake"),
)

CASES.add(
    "A16",
    A,
    "lone CR line endings",
    "exit 0 or a one-line refusal",
    article(ARTICLE.replace("\n", "\r") * 5),
    (0, 2),
    lines_at_most(3),
)

CASES.add(
    "A17",
    A,
    "a symbolic link as ARTICLE to a seed",
    "exit 0 (reads the file) or 2",
    lambda tmp: (
        workspace(tmp),
        os.symlink(tmp / "seeds" / "000_f343ef062b056b47.txt", tmp / "l.txt"),
        ["draft", str(tmp / "l.txt"), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")],
    )[-1],
    (0, 2),
)

CASES.add(
    "A18",
    A,
    "bidirectional override U+202E in the text",
    "exit 0; draft.md escapes it",
    article('Officials said "1,500 troops \u202ewere sent," the agency said.\n'),
    (0,),
    no_raw("\u202e", rel="out/draft.md"),
)

CASES.add(
    "A19",
    A,
    "Markdown and link syntax in quotes",
    "exit 0; draft.md has no live link or heading",
    article('# Heading\nOfficials said "[click](javascript:alert(1)) 1,500 troops were sent," he said.\n'),
    (0,),
    no_raw("[click](", "\n# Heading", rel="out/draft.md"),
)

CASES.add(
    "A20",
    A,
    "the article is the data folder's own seed",
    "exit 0 (an earlier report) or 2",
    lambda tmp: [
        "draft",
        str(workspace(tmp).parent / "seeds" / "000_f343ef062b056b47.txt"),
        "--data",
        str(tmp / "data"),
        *DRAFT,
        "--out",
        str(tmp / "out"),
    ],
    (0, 2),
)


@pytest.mark.parametrize("case", params(CASES, LEFT))
def test_an_article_file_is_drafted_or_refused_in_a_line(case: Case, tmp_path: Path) -> None:
    """The draft command drafts the article or refuses it in a line, as the case expects."""
    assert_keeps_promises(case, tmp_path)
