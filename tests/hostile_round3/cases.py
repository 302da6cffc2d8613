"""Round-3 hostile cases: each builds its input in a temporary folder and names what it expects.

Run them all with ``python -m tests.hostile_round3.table`` (prints the case table) or through
``tests/test_hostile_round3.py``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from helpers.schema import SCHEMA_VERSION
from tests.hostile_round3.base import (
    HISTORY,
    Case,
    Run,
    add_document,
    descriptor,
    fields,
    rows,
    set_cell,
    workspace,
    write_descriptor,
    write_rows,
)

ARTICLE = (
    'South Korea\'s spy agency said on Monday that "1,500 North Korean troops were sent to Russia," '
    "according to lawmakers.\n"
)
DRAFT = ["--published", "2024-11-05", "--outlet", "Reuters", "--url", "https://example.org/a"]
CASES: list[Case] = []


def case(*args: object, **kw: object) -> None:
    """Register one case."""
    CASES.append(Case(*args, **kw))  # type: ignore[arg-type]


# ---------------------------------------------------------------- checks


def lines_at_most(n: int):
    """The answer is at most ``n`` lines."""

    def check(tmp: Path, r: Run) -> str | None:
        count = len([x for x in r.text.splitlines() if x.strip()])
        return None if count <= n else f"{count} lines of output"

    return check


def says(*words: str):
    """The answer mentions every word (case aside)."""

    def check(tmp: Path, r: Run) -> str | None:
        missing = [w for w in words if w.lower() not in r.text.lower()]
        return f"does not say {missing}" if missing else None

    return check


def all_of(*checks):
    """Every check passes."""

    def check(tmp: Path, r: Run) -> str | None:
        for c in checks:
            why = c(tmp, r)
            if why:
                return why
        return None

    return check


def absent(rel: str):
    """Nothing was written at ``rel``."""

    def check(tmp: Path, r: Run) -> str | None:
        p = tmp / rel
        return f"{rel} written" if os.path.lexists(p) else None

    return check


def same_bytes(rel: str, content: bytes):
    """The user's file at ``rel`` still holds ``content``."""

    def check(tmp: Path, r: Run) -> str | None:
        p = tmp / rel
        if not p.exists() or p.is_dir():
            return f"{rel} lost"
        return None if p.read_bytes() == content else f"{rel} overwritten"

    return check


def no_raw(*needles: str, rel: str | None = None):
    """No raw needle in the terminal answer (or in the file ``rel``)."""

    def check(tmp: Path, r: Run) -> str | None:
        text = r.text
        if rel is not None:
            files = [tmp / rel] if (tmp / rel).is_file() else sorted((tmp / rel).rglob("*"))
            # A database and a PDF hold the data's text as data, not as markup: only what a browser reads.
            text = "".join(
                p.read_text("utf-8", "replace")
                for p in files
                if p.is_file() and p.suffix not in (".db", ".pdf")
            )
        hit = [n for n in needles if n in text]
        return f"raw {hit!r} in {rel or 'terminal'}" if hit else None

    return check


def sqlite_ok(rel: str):
    """``rel`` is a whole SQLite database with the statements table."""

    def check(tmp: Path, r: Run) -> str | None:
        try:
            with sqlite3.connect(f"file:{tmp / rel}?mode=ro", uri=True) as db:
                db.execute("select count(*) from statements").fetchone()
        except sqlite3.Error as e:
            return f"{rel} not a database: {e}"
        return None

    return check


def json_ok(rel: str):
    """``rel`` parses as JSON."""

    def check(tmp: Path, r: Run) -> str | None:
        try:
            json.loads((tmp / rel).read_text("utf-8"))
        except (OSError, ValueError) as e:
            return f"{rel} not JSON: {e}"
        return None

    return check


# ---------------------------------------------------------------- builders


def article(text: str | bytes, name: str = "a.txt"):
    """A draft of an article holding ``text``."""

    def build(tmp: Path) -> list[str]:
        workspace(tmp)
        p = tmp / name
        p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return ["draft", str(p), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")]

    return build


def draft_with(*options: str, make=None):
    """A draft of the plain article with other options (``make`` prepares the folder first)."""

    def build(tmp: Path) -> list[str]:
        workspace(tmp)
        (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
        if make:
            make(tmp)
        given = [o.replace("{tmp}", str(tmp)) for o in options]
        named = dict(zip(DRAFT[::2], DRAFT[1::2], strict=False))
        named.update(zip(given[::2], given[1::2], strict=False))
        opts = [x for kv in named.items() for x in kv]
        if "--out" not in opts:
            opts += ["--out", str(tmp / "out")]
        return ["draft", str(tmp / "a.txt"), "--data", str(tmp / "data"), *opts]

    return build


def data_edit(edit, command: str = "validate"):
    """A command on the data after ``edit(tmp, data)``."""

    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        edit(tmp, data)
        if command == "validate":
            return ["validate", str(data)]
        if command == "codebook":
            return ["codebook", "--check", str(data)]
        if command == "migrate":
            return ["migrate", str(data)]
        if command == "dry-run":
            return ["migrate", "--dry-run", str(data)]
        kind = command.split(":")[1]
        return ["export", kind, str(tmp / "out" / "x.out"), "--data", str(data)]

    return build


def export_to(kind: str, target: str, make=None):
    """An export of the reference data to ``target`` (relative to tmp) after ``make(tmp)``."""

    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        if make:
            make(tmp)
        return ["export", kind, target.replace("{tmp}", str(tmp)), "--data", str(data)]

    return build


def mkdirs(*rels: str):
    def make(tmp: Path) -> None:
        for r in rels:
            (tmp / r).mkdir(parents=True, exist_ok=True)

    return make


def files(**contents: bytes):
    def make(tmp: Path) -> None:
        for rel, content in contents.items():
            p = tmp / rel.replace("__", "/")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(content)

    return make


# ================================================================ A. draft: the article itself

A = "draft article"
case(
    "A01",
    A,
    "binary bytes (invalid UTF-8)",
    "exit 2, one line naming the file and UTF-8",
    article(bytes(range(256)) * 40),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "A02", A, "empty file", "exit 0 with no rows, or one-line refusal", article(b""), (0, 2), lines_at_most(3)
)
case(
    "A03",
    A,
    "only whitespace and newlines",
    "exit 0 with no rows, or one-line refusal",
    article(" \n\t\n   \n" * 100),
    (0, 2),
    lines_at_most(3),
)
case(
    "A04",
    A,
    "NUL bytes inside the text",
    "exit 0 (a document is stored byte for byte); no raw NUL in draft.md",
    article(ARTICLE.replace("agency", "age\x00ncy")),
    (0,),
    no_raw("\x00", rel="out/draft.md"),
)
case(
    "A05",
    A,
    "one 2 MB line with no newline",
    "exit 0, draft written, no crash",
    article("North Korea sent troops to Russia, officials said " * 40000),
    (0,),
    timeout=120,
)
case(
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
case(
    "A07",
    A,
    "right-to-left script (Arabic) article",
    "exit 0",
    article("قال مسؤولون إن 1500 جندي كوري شمالي أرسلوا إلى روسيا، حسبما قال المتحدث.\n"),
    (0,),
)
case(
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


case(
    "A09",
    A,
    "a named pipe as ARTICLE (nobody writes)",
    "exit 2 at once, never hangs",
    _fifo_article,
    (2,),
    all_of(lines_at_most(2), absent("out")),
    timeout=20,
)
case(
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
case(
    "A11",
    A,
    "UTF-16 article with BOM",
    "exit 2 one line naming the encoding",
    article(ARTICLE.encode("utf-16")),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "A12",
    A,
    "article of 17 MiB (over the 16 MiB document limit)",
    "exit 2 one line: too large",
    article(("Officials said troops were sent. " * 600000).encode()),
    (2,),
    all_of(lines_at_most(2), absent("out")),
    timeout=120,
)
case(
    "A13",
    A,
    "UTF-8 BOM and CRLF line endings",
    "exit 0",
    article(("\ufeff" + ARTICLE.replace("\n", "\r\n") * 3).encode("utf-8")),
    (0,),
)
case(
    "A14",
    A,
    "escape codes in the article's file name",
    "exit 0 or 2; the terminal gets no raw ESC",
    article(ARTICLE, name="a\x1b[2J\x1b]0;pwn\x07.txt"),
    (0, 2),
    no_raw("\x1b", "\x07"),
)
case(
    "A15",
    A,
    "article name with a newline",
    "exit 0 or 2; no raw newline faking a line",
    article(ARTICLE, name="a\nvalid: fake.txt"),
    (0, 2),
    no_raw("\nvalid: fake"),
)
case(
    "A16",
    A,
    "lone CR line endings",
    "exit 0 or a one-line refusal",
    article(ARTICLE.replace("\n", "\r") * 5),
    (0, 2),
    lines_at_most(3),
)
case(
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
case(
    "A18",
    A,
    "bidirectional override U+202E in the text",
    "exit 0; draft.md escapes it",
    article('Officials said "1,500 troops \u202ewere sent," the agency said.\n'),
    (0,),
    no_raw("\u202e", rel="out/draft.md"),
)
case(
    "A19",
    A,
    "Markdown and link syntax in quotes",
    "exit 0; draft.md has no live link or heading",
    article('# Heading\nOfficials said "[click](javascript:alert(1)) 1,500 troops were sent," he said.\n'),
    (0,),
    no_raw("[click](", "\n# Heading", rel="out/draft.md"),
)
case(
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

# ================================================================ B. draft: options and folder

B = "draft options"
case(
    "B01",
    B,
    "--published yesterday",
    "exit 2 one line",
    draft_with("--published", "yesterday"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "B02",
    B,
    "--published 2024-02-30",
    "exit 2 one line",
    draft_with("--published", "2024-02-30"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "B03",
    B,
    "--published 9999-12-31",
    "exit 0, or 2 one line",
    draft_with("--published", "9999-12-31"),
    (0, 2),
    lines_at_most(3),
)
case(
    "B04",
    B,
    "--published 0001-01-01 (outside pandas)",
    "exit 2 one line (would not validate)",
    draft_with("--published", "0001-01-01"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "B05",
    B,
    "--published 2024-11-05T00:00",
    "exit 2 one line",
    draft_with("--published", "2024-11-05T00:00"),
    (2,),
    lines_at_most(2),
)
case(
    "B06",
    B,
    "--url javascript:alert(1)",
    "exit 2 one line: not http(s)",
    draft_with("--url", "javascript:alert(1)"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "B07",
    B,
    "--url data:text/html,<script>",
    "exit 2 one line",
    draft_with("--url", "data:text/html,<script>alert(1)</script>"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "B08",
    B,
    "--url with a space",
    "exit 2 one line (fails the url pattern)",
    draft_with("--url", "https://example.org/a b"),
    (2,),
    all_of(lines_at_most(2), absent("out")),
)
case(
    "B09",
    B,
    "--url of 120,000 characters",
    "exit 0, or 2 one line",
    draft_with("--url", "https://example.org/" + "a" * 120_000),
    (0, 2),
    lines_at_most(2),
)
case(
    "B10",
    B,
    "--outlet with escape codes",
    "exit 2 one line, or 0 with escapes kept out",
    draft_with("--outlet", "Reu\x1b[2Jters\x07"),
    (0, 2),
    no_raw("\x1b", "\x07"),
)
case("B11", B, "--outlet empty", "exit 0 (outlet is optional)", draft_with("--outlet", ""), (0,))
case(
    "B12",
    B,
    "--outlet with a newline",
    "exit 2, or 0 with no broken line",
    draft_with("--outlet", "Reu\nters"),
    (0, 2),
    no_raw("Reu\nters"),
)
case(
    "B13",
    B,
    "--outlet with HTML",
    "exit 0; draft.md shows no raw tag",
    draft_with("--outlet", "<img src=x onerror=alert(1)>"),
    (0,),
    no_raw("<img", rel="out/draft.md"),
)
case(
    "B14",
    B,
    "--out an existing folder of the user's",
    "exit 2 one line; the user's file kept",
    draft_with(make=files(out__mine_txt=b"mine")),
    (2,),
    same_bytes("out/mine_txt", b"mine"),
)
case(
    "B15",
    B,
    "--out a symbolic link to a folder",
    "exit 2 one line; nothing written through it",
    draft_with(make=lambda t: ((t / "elsewhere").mkdir(), os.symlink(t / "elsewhere", t / "out"))),
    (2,),
    lambda t, r: "wrote through link" if any((t / "elsewhere").iterdir()) else None,
)
case(
    "B16",
    B,
    "--out an existing file",
    "exit 2 one line; the file kept",
    draft_with(make=files(out=b"mine")),
    (2,),
    same_bytes("out", b"mine"),
)
case(
    "B17",
    B,
    "--out inside data/",
    "exit 2 one line",
    draft_with("--out", "{tmp}/data/draft"),
    (2,),
    absent("data/draft"),
)
case(
    "B18",
    B,
    "--out inside seeds/",
    "exit 2 one line",
    draft_with("--out", "{tmp}/seeds/draft"),
    (2,),
    absent("seeds/draft"),
)
case("B19", B, "--out equal to the data folder", "exit 2 one line", draft_with("--out", "{tmp}/data"), (2,))


def _twice(tmp: Path) -> list[list[str]]:
    workspace(tmp)
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    argv = ["draft", str(tmp / "a.txt"), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")]
    return [argv, argv]


case(
    "B20",
    B,
    "two drafts at once into one folder",
    "each 0 or 2; the folder a whole draft",
    _twice,
    (0, 2),
    lambda t, r: (
        None
        if (t / "out" / "statements.csv").is_file()
        and not [p for p in t.iterdir() if p.name.startswith(".out")]
        else "no whole draft"
    ),
)


def _redraft(tmp: Path) -> list[str]:
    import subprocess
    import sys

    workspace(tmp)
    (tmp / "a.txt").write_text(ARTICLE, encoding="utf-8")
    argv = ["draft", str(tmp / "a.txt"), "--data", str(tmp / "data"), *DRAFT, "--out", str(tmp / "out")]
    subprocess.run(
        [sys.executable, "-m", "helpers", *argv],
        check=True,
        capture_output=True,
        cwd=Path(__file__).parents[2],
    )
    with (tmp / "out" / "statements.csv").open("a", encoding="utf-8") as f:
        f.write("analyst's edit\n")
    return argv


case(
    "B21",
    B,
    "redraft over a draft (edited after it was written)",
    "by design exit 0: a draft folder is the drafter's, replaced whole",
    _redraft,
    (0,),
    lambda t, r: (
        None if "analyst's edit" not in (t / "out" / "statements.csv").read_text() else "not replaced whole"
    ),
)


def _dots(tmp: Path) -> list[str]:
    workspace(tmp)
    (tmp / "...txt").write_text(ARTICLE, encoding="utf-8")
    return ["draft", str(tmp / "...txt"), "--data", str(tmp / "data"), *DRAFT]


case(
    "B24",
    B,
    "article named '...txt' with no --out (drafts/<stem> is drafts/..)",
    "exit 2; nothing written into the project",
    _dots,
    (2,),
    lambda t, r: "wrote into the project" if (Path(__file__).parents[2] / "draft.md").exists() else None,
)
case(
    "B22", B, "--data a file", "exit 2 one line", draft_with("--data", "{tmp}/a.txt"), (2,), lines_at_most(2)
)
case(
    "B23",
    B,
    "--published missing",
    "exit 2 (argparse usage and error)",
    lambda tmp: ["draft", str(tmp / "a.txt")],
    (2,),
    lines_at_most(5),
)

# ================================================================ C. command-line usage

C = "cli usage"
case(
    "C01",
    C,
    "unknown flag",
    "exit 2, argparse's usage and one error line",
    lambda tmp: ["validate", "--frobnicate"],
    (2,),
    lines_at_most(5),
)
case(
    "C02",
    C,
    "repeated --data flags",
    "exit 0 (argparse: the last wins) or 2",
    lambda tmp: [
        "export",
        "sqlite",
        str(tmp / "x.db"),
        "--data",
        "/nonexistent",
        "--data",
        str(workspace(tmp)),
    ],
    (0, 2),
)
case(
    "C03",
    C,
    "'--' before the data folder",
    "exit 0",
    lambda tmp: ["validate", "--", str(workspace(tmp))],
    (0,),
)


def _dash_dir(tmp: Path) -> list[str]:
    data = workspace(tmp)
    data.rename(tmp / "-data")
    return ["validate", "--", "-data"]


case(
    "C04",
    C,
    "a missing data folder named '-h3' after '--'",
    "exit 2 one line naming it (not argparse's help)",
    lambda tmp: ["validate", "--", "-h3-missing"],
    (1, 2),
    all_of(lines_at_most(2), says("-h3-missing")),
)
case(
    "C05",
    C,
    "empty-string data folder",
    "exit 2 one line",
    lambda tmp: ["validate", ""],
    (2,),
    lines_at_most(2),
)
case(
    "C06",
    C,
    "10,000 arguments",
    "exit 2, argparse's usage and one short error line",
    lambda tmp: ["validate", *[f"x{i}" for i in range(10000)]],
    (2,),
    all_of(
        lines_at_most(5), lambda t, r: None if len(r.text) < 2000 else f"{len(r.text)} characters of output"
    ),
)
case(
    "C07",
    C,
    "empty-string export target",
    "exit 2 one line",
    lambda tmp: ["export", "sqlite", "", "--data", str(workspace(tmp))],
    (2,),
    lines_at_most(2),
)
case(
    "C08",
    C,
    "empty-string --out for briefing",
    "exit 2 one line",
    lambda tmp: ["briefing", "--data", str(workspace(tmp)), "--out", ""],
    (2,),
    lines_at_most(2),
)
case("C09", C, "no subcommand", "exit 2 usage", lambda tmp: [], (2,), lines_at_most(6))
case(
    "C10",
    C,
    "unknown export kind",
    "exit 2 one usage line",
    lambda tmp: ["export", "csv", str(tmp / "x"), "--data", str(workspace(tmp))],
    (2,),
    lines_at_most(3),
)
case(
    "C11",
    C,
    "data folder path with invalid UTF-8 bytes (missing)",
    "exit 1 or 2 one line, no encoding crash",
    lambda tmp: ["validate", os.fsdecode(bytes(tmp) + b"/d\xff\xfe")],
    (1, 2),
    lines_at_most(2),
)


def _bad_bytes_dir(tmp: Path) -> list[str]:
    data = workspace(tmp)
    new = Path(os.fsdecode(bytes(tmp) + b"/d\xff"))
    data.rename(new)
    (Path(os.fsdecode(bytes(tmp) + b"/seeds"))).rename(tmp / "seeds")
    return ["validate", str(new)]


case(
    "C12",
    C,
    "a real data folder whose name is invalid UTF-8",
    "exit 1 one-line refusal or report (seeds not beside); no crash",
    _bad_bytes_dir,
    (0, 1, 2),
    lines_at_most(30),
)
case(
    "C13",
    C,
    "escape codes in the data folder's path (valid data)",
    "exit 0; no raw ESC on the terminal",
    lambda tmp: (
        workspace(tmp),
        (tmp / "data").rename(tmp / "d\x1b[2Ja\x07"),
        ["validate", str(tmp / "d\x1b[2Ja\x07")],
    )[-1],
    (0, 1, 2),
    no_raw("\x1b", "\x07"),
)
case(
    "C14",
    C,
    "a newline in the data folder's path",
    "no raw newline that fakes a line",
    lambda tmp: (
        workspace(tmp),
        (tmp / "data").rename(tmp / "d\nvalid: fake"),
        ["validate", str(tmp / "d\nvalid: fake")],
    )[-1],
    (0, 1, 2),
    no_raw("\nvalid: fake"),
)
case(
    "C15",
    C,
    "export OUT starting with '-' after '--'",
    "exit 0",
    lambda tmp: ["export", "--data", str(workspace(tmp)), "claimreview", "--", str(tmp / "-x.jsonld")],
    (0,),
)

# ================================================================ D. environment

D = "environment"
case(
    "D01",
    D,
    "WORKBOOK_DATA names a file",
    "exit 1 or 2 one line",
    lambda tmp: (workspace(tmp), ["validate"])[-1],
    (1, 2),
    lines_at_most(2),
    env=lambda tmp: {"WORKBOOK_DATA": str(tmp / "data" / "documents.csv")},
)
case(
    "D02",
    D,
    "WORKBOOK_DATA an empty folder",
    "exit 1 or 2 one line",
    lambda tmp: ((tmp / "empty").mkdir(), ["validate"])[-1],
    (1, 2),
    lines_at_most(3),
    env=lambda tmp: {"WORKBOOK_DATA": str(tmp / "empty")},
)
case(
    "D03",
    D,
    "WORKBOOK_DATA=/",
    "exit 1 or 2 quickly, nothing scanned",
    lambda tmp: ["validate"],
    (1, 2),
    lines_at_most(3),
    env=lambda tmp: {"WORKBOOK_DATA": "/"},
    timeout=30,
)
case(
    "D04",
    D,
    "WORKBOOK_DATA empty string",
    "exit 2 one line, or data/ as the default",
    lambda tmp: ["codebook", "--check"],
    (0, 2),
    lines_at_most(2),
    env=lambda tmp: {"WORKBOOK_DATA": ""},
)
case(
    "D05",
    D,
    "HOME unset",
    "exit 0",
    lambda tmp: ["validate", str(workspace(tmp))],
    (0,),
    env=lambda tmp: {"HOME": None},
)
case(
    "D06",
    D,
    "TMPDIR=/nonexistent for an export",
    "exit 0 or 2 one line",
    export_to("sqlite", "{tmp}/x.db"),
    (0, 2),
    lines_at_most(2),
    env=lambda tmp: {"TMPDIR": "/nonexistent"},
)
case(
    "D07",
    D,
    "TMPDIR=/nonexistent for a draft",
    "exit 0 or 2 one line",
    draft_with(),
    (0, 2),
    lines_at_most(2),
    env=lambda tmp: {"TMPDIR": "/nonexistent"},
)
case(
    "D08",
    D,
    "ASCII-only output encoding, report with non-ASCII values",
    "exit 1; report printed, no encoding crash",
    data_edit(lambda t, d: set_cell(d / "sources.csv", 1, "reliability", "Ж")),
    (1,),
    says("sources.csv"),
    env=lambda tmp: {"PYTHONIOENCODING": "ascii", "LC_ALL": "C", "LANG": "C"},
)
case(
    "D09",
    D,
    "LANG=C with valid data",
    "exit 0",
    lambda tmp: ["validate", str(workspace(tmp))],
    (0,),
    env=lambda tmp: {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
)
case(
    "D10",
    D,
    "ASCII output encoding for a draft with a non-ASCII summary",
    "exit 0; no encoding crash",
    article("Officials in Seoul said “1,500 troops were sent,” according to Lee Jae-gang.\n", name="ä.txt"),
    (0,),
    env=lambda tmp: {"PYTHONIOENCODING": "ascii"},
)
case(
    "D11",
    D,
    "stdout closed early (| head -1) on a long report",
    "exit status of the run; no BrokenPipe traceback",
    lambda tmp: (
        workspace(tmp),
        [f"{os.sys.executable} -m helpers validate {tmp}/data 2>&1 | head -1; exit ${{PIPESTATUS[0]}}"],
    )[-1],
    (0, 1, 120, 141),
    shell=True,
)


def _many_problems(tmp: Path) -> list[str]:
    data = workspace(tmp)
    table = rows(data / "statements.csv")
    for r in table[1:]:
        r[table[0].index("stance")] = "bogus"
        r[table[0].index("said_on")] = "nope"
    write_rows(data / "statements.csv", table)
    return [f"{os.sys.executable} -m helpers validate {data} 2>&1 | head -1; exit ${{PIPESTATUS[0]}}"]


case(
    "D12",
    D,
    "stdout closed early on a 40-problem report",
    "exit 1; no BrokenPipe traceback",
    _many_problems,
    (1, 141),
    shell=True,
)
case(
    "D15",
    D,
    "stdout a pipe nobody reads (| true)",
    "exit 2 one line on stderr; no BrokenPipe traceback",
    lambda tmp: (
        workspace(tmp),
        [
            f"{os.sys.executable} -m helpers validate {tmp}/data | (exec 0<&-; sleep 0.2); "
            "exit ${PIPESTATUS[0]}"
        ],
    )[-1],
    (2,),
    shell=True,
)
case(
    "D13",
    D,
    "stdout is /dev/full",
    "exit 2 one line on stderr; no traceback",
    lambda tmp: (workspace(tmp), [f"{os.sys.executable} -m helpers validate {tmp}/data > /dev/full"])[-1],
    (2, 120),
    shell=True,
)
case(
    "D14",
    D,
    "a 600 MB address-space limit (ulimit -v)",
    "exit 0, or one line (out of memory)",
    lambda tmp: (workspace(tmp), [f"ulimit -v 600000; {os.sys.executable} -m helpers validate {tmp}/data"])[
        -1
    ],
    (0, 2),
    lines_at_most(2),
    shell=True,
)

# ================================================================ E. export targets

E = "export target"
case(
    "E01",
    E,
    "OUT.db is a folder",
    "exit 2 one line; the folder kept",
    export_to("sqlite", "{tmp}/o.db", mkdirs("o.db")),
    (2,),
    lines_at_most(2),
)
case(
    "E02",
    E,
    "OUT.db a symlink to the user's file",
    "exit 2; the target kept",
    export_to(
        "sqlite",
        "{tmp}/o.db",
        lambda t: ((t / "mine").write_bytes(b"mine"), os.symlink(t / "mine", t / "o.db")),
    ),
    (2,),
    same_bytes("mine", b"mine"),
)
case(
    "E03",
    E,
    "OUT.db in a read-only folder",
    "exit 2 one line",
    export_to("sqlite", "{tmp}/ro/o.db", lambda t: ((t / "ro").mkdir(), os.chmod(t / "ro", 0o555))),
    (2,),
    lines_at_most(2),
)
case(
    "E04",
    E,
    "OUT.db an existing text file of the user's (named as OUT)",
    "exit 0 (named, replaced whole) and a database",
    export_to("sqlite", "{tmp}/o.db", files(o_db=b"notes")),
    (0, 2),
    lambda t, r: sqlite_ok("o.db")(t, r) if r.code == 0 else None,
)
case(
    "E05",
    E,
    "metadata beside OUT is the user's file",
    "exit 2 one line, the user's file kept (not named by the user)",
    export_to("sqlite", "{tmp}/o.db", lambda t: (t / "o.metadata.json").write_bytes(b"my notes")),
    (2,),
    same_bytes("o.metadata.json", b"my notes"),
)
case(
    "E06",
    E,
    "metadata beside OUT is a folder",
    "exit 2; no database left half-done",
    export_to("sqlite", "{tmp}/o.db", mkdirs("o.metadata.json")),
    (2,),
    absent("o.db"),
)
case(
    "E07",
    E,
    "OUT's parent does not exist",
    "exit 2 one line",
    export_to("claimreview", "{tmp}/no/such/x.jsonld"),
    (2,),
    lines_at_most(2),
)
case(
    "E08",
    E,
    "OUT is /dev/null",
    "exit 2 one line (a device)",
    export_to("annotations", "/dev/null"),
    (2,),
    lines_at_most(2),
)
case(
    "E09",
    E,
    "OUT ends with /",
    "exit 2 one line",
    export_to("claimreview", "{tmp}/x/"),
    (2,),
    lines_at_most(2),
)
case(
    "E10",
    E,
    "OUT a dangling symlink",
    "exit 2; nothing created at its target",
    export_to("claimreview", "{tmp}/l.jsonld", lambda t: os.symlink(t / "target", t / "l.jsonld")),
    (2,),
    absent("target"),
)


def _fifo_out(tmp: Path) -> None:
    os.mkfifo(tmp / "p.jsonld")


case(
    "E17",
    E,
    "OUT in a folder whose name is not UTF-8",
    "exit 0, or 2 one line",
    lambda tmp: (
        workspace(tmp),
        os.mkdir(os.fsencode(tmp) + b"/o\xff"),
        ["export", "sqlite", os.fsdecode(os.fsencode(tmp) + b"/o\xff/x.db"), "--data", str(tmp / "data")],
    )[-1],
    (0, 2),
    lines_at_most(2),
)
case(
    "E11",
    E,
    "OUT a named pipe",
    "exit 2 at once, never hangs",
    export_to("claimreview", "{tmp}/p.jsonld", _fifo_out),
    (2,),
    timeout=20,
)


def _two_exports(tmp: Path) -> list[list[str]]:
    data = workspace(tmp)
    argv = ["export", "sqlite", str(tmp / "o.db"), "--data", str(data)]
    return [argv, argv, argv]


case(
    "E12",
    E,
    "three sqlite exports at once to one OUT",
    "each 0 (or 2 refused); a whole database left",
    _two_exports,
    (0, 2),
    sqlite_ok("o.db"),
)
case(
    "E13",
    E,
    "export of invalid data",
    "exit 1; nothing written",
    data_edit(lambda t, d: set_cell(d / "statements.csv", 1, "stance", "bogus"), "export:sqlite"),
    (1,),
    absent("out"),
)
case(
    "E14",
    E,
    "OUT inside seeds/",
    "exit 2",
    export_to("claimreview", "{tmp}/seeds/x.jsonld"),
    (2,),
    absent("seeds/x.jsonld"),
)
case(
    "E15",
    E,
    "OUT is the data descriptor",
    "exit 2; descriptor kept",
    export_to("claimreview", "{tmp}/data/datapackage.json"),
    (2,),
)
case(
    "E16",
    E,
    "sqlite OUT with its -journal name taken by a folder",
    "exit 0 or 2 one line",
    export_to("sqlite", "{tmp}/o.db", mkdirs("o.db-journal")),
    (0, 2),
    lines_at_most(2),
)

# ====================================================== F. export values (JSON-LD, SQLite, Datasette)

F = "export values"


def _set_prop_text(value: str):
    def edit(tmp: Path, data: Path) -> None:
        set_cell(data / "propositions.csv", 1, "text", value)

    return edit


def _export_check(kind: str, rel: str, *needles: str):
    def build(tmp: Path) -> list[str]:
        return ["export", kind, str(tmp / rel), "--data", str(tmp / "data")]

    return build


def _value_case(
    cid: str, what: str, edit, kind: str, rel: str, needles: tuple[str, ...], checker=None
) -> None:
    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        edit(tmp, data)
        return ["export", kind, str(tmp / rel), "--data", str(data)]

    checks = [no_raw(*needles, rel=rel)] if needles else []
    checks.append(json_ok(rel) if rel.endswith("jsonld") else sqlite_ok(rel))
    if checker:
        checks.append(checker)
    case(cid, F, what, "exit 0; the value kept as text, escaped", build, (0,), all_of(*checks))


def _judged_rationale(value: str):
    def edit(tmp: Path, data: Path) -> None:
        set_cell(data / "judgements.csv", len(rows(data / "judgements.csv")) - 1, "rationale", value)

    return edit


_value_case(
    "F01", "'@context' as a proposition's text", _set_prop_text("@context"), "claimreview", "c.jsonld", ()
)
_value_case(
    "F02",
    'JSON-looking rationale {"@id": "urn:x", "@type": "Person"}',
    _judged_rationale('{"@id": "urn:x", "@type": "Person"} with enough words to pass'),
    "claimreview",
    "c.jsonld",
    (),
)
_value_case(
    "F03",
    "</script><script> in a judgement's rationale",
    _judged_rationale("</script><script>alert(1)</script> and more words"),
    "claimreview",
    "c.jsonld",
    ("</script>", "<script>"),
)
_value_case(
    "F04", "900,000-character rationale", _judged_rationale("word " * 180000), "claimreview", "c.jsonld", ()
)
_value_case(
    "F05",
    "a source name with SQL metacharacters",
    lambda t, d: set_cell(d / "sources.csv", 1, "name", "x'); DROP TABLE statements; --"),
    "sqlite",
    "o.db",
    (),
)


def _extra_column(name: str, table: str = "places"):
    def edit(tmp: Path, data: Path) -> None:
        desc = descriptor(data)
        fields(desc, table).append({"name": name, "type": "string"})
        write_descriptor(data, desc)
        t = rows(data / f"{table}.csv")
        t[0].append(name)
        for r in t[1:]:
            r.append("v")
        write_rows(data / f"{table}.csv", t)

    return edit


_value_case(
    "F06",
    'an added column named  a"] ); DROP TABLE places; --',
    _extra_column('a"] ); DROP TABLE places; --'),
    "sqlite",
    "o.db",
    (),
)
case(
    "F07",
    F,
    "an added column 'NAME' beside 'name' (SQLite names ignore case)",
    "exit 1/2 one line, or 0 with a whole database",
    data_edit(_extra_column("NAME"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)
case(
    "F08",
    F,
    "an added column 'rowid'",
    "exit 0 or one line",
    data_edit(_extra_column("rowid"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)
case(
    "F09",
    F,
    "an added column with an empty-looking name ' '",
    "exit 1 one line or 0",
    data_edit(_extra_column(" "), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(5),
)


def _html_description(tmp: Path, data: Path) -> None:
    desc = descriptor(data)
    desc["description"] = "<script>alert(1)</script>"
    desc["title"] = "<img src=x onerror=alert(1)>"
    write_descriptor(data, desc)


def _metadata_plain(tmp: Path, r: Run) -> str | None:
    meta = json.loads((tmp / "o.metadata.json").read_text("utf-8"))
    text = json.dumps(meta)
    return "HTML description in metadata" if "description_html" in text and "alert" in text else None


_value_case(
    "F10",
    "HTML in the descriptor's title and description (Datasette metadata)",
    _html_description,
    "sqlite",
    "o.db",
    (),
    _metadata_plain,
)
_value_case(
    "F11",
    '"@id" text as a statement\'s source label',
    lambda t, d: set_cell(d / "sources.csv", 1, "label", "@id"),
    "annotations",
    "a.jsonld",
    (),
)


def _added_table(name: str):
    """A data edit adding a one-column table called ``name`` to the descriptor and the folder."""

    def edit(tmp: Path, data: Path) -> None:
        desc = descriptor(data)
        desc["resources"].append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": "x", "type": "string"}]},
            }
        )
        write_descriptor(data, desc)
        (data / f"{name}.csv").write_text("x\n1\n", encoding="utf-8")

    return edit


case(
    "F12",
    F,
    "an added table named sqlite_master",
    "exit 1/2 one line, or 0 with a whole database",
    data_edit(_added_table("sqlite_master"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)


case(
    "F13",
    F,
    "an added table whose name the full-text index uses (statements_fts)",
    "exit 1/2 one line, or 0",
    data_edit(_added_table("statements_fts"), "export:sqlite"),
    (0, 1, 2),
    lines_at_most(3),
)

# ================================================================ G. the optional excerpt column

G = "excerpt column"
case(
    "G01",
    G,
    "excerpt = yes",
    "exit 1 naming documents.csv, excerpt, 'yes'",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "yes")),
    (1,),
    says("documents.csv", "excerpt", "yes"),
)
case(
    "G02",
    G,
    "excerpt = TRUE",
    "exit 0 (a standard true value)",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "TRUE")),
    (0,),
)
case(
    "G03",
    G,
    "excerpt = ' true' (leading space)",
    "exit 1 one problem",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", " true")),
    (1,),
    says("excerpt"),
)


def _drop_column(table: str, column: str, declared: bool):
    def edit(tmp: Path, data: Path) -> None:
        t = rows(data / f"{table}.csv")
        at = t[0].index(column)
        write_rows(data / f"{table}.csv", [r[:at] + r[at + 1 :] for r in t])
        if not declared:
            desc = descriptor(data)
            fs = fields(desc, table)
            fs[:] = [f for f in fs if f["name"] != column]
            write_descriptor(data, desc)

    return edit


case(
    "G04",
    G,
    "excerpt declared but absent from the CSV",
    "exit 1 one line (header mismatch) or 0 (optional)",
    data_edit(_drop_column("documents", "excerpt", True)),
    (0, 1),
    lines_at_most(3),
)


def _undeclared_excerpt(tmp: Path, data: Path) -> None:
    desc = descriptor(data)
    fs = fields(desc, "documents")
    fs[:] = [f for f in fs if f["name"] != "excerpt"]
    write_descriptor(data, desc)


case(
    "G05",
    G,
    "excerpt in the CSV but not declared",
    "exit 1 one line naming the column",
    data_edit(_undeclared_excerpt),
    (0, 1),
    lines_at_most(3),
)
case(
    "G06",
    G,
    "neither declared nor present",
    "exit 0 (a blank excerpt is false) or 1 one line",
    data_edit(_drop_column("documents", "excerpt", False)),
    (0, 1),
    lines_at_most(3),
)
case(
    "G07",
    G,
    "excerpt = 1",
    "exit 0 (a standard true value)",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "1")),
    (0,),
)
case(
    "G08",
    G,
    "excerpt declared as integer",
    "exit 1 one line: retyped",
    data_edit(
        lambda t, d: (
            lambda desc: (
                next(f for f in fields(desc, "documents") if f["name"] == "excerpt").update(type="integer"),
                write_descriptor(d, desc),
            )
        )(descriptor(d))
    ),
    (1,),
    lines_at_most(3),
)
case(
    "G09",
    G,
    "excerpt = yes, through export",
    "exit 1",
    data_edit(lambda t, d: set_cell(d / "documents.csv", 1, "excerpt", "yes"), "export:annotations"),
    (1,),
    absent("out"),
)

# ================================================================ H. schema version drift

H = "schema version"
NOW = SCHEMA_VERSION  # the schema the shipped data is curated under


def _schema(value):
    def edit(tmp: Path, data: Path) -> None:
        desc = descriptor(data)
        if value is ...:
            desc.pop("workbookSchema", None)
        else:
            desc["workbookSchema"] = value
        write_descriptor(data, desc)

    return edit


def _schema_raw(text: str):
    def edit(tmp: Path, data: Path) -> None:
        p = data / "datapackage.json"
        p.write_text(
            p.read_text("utf-8").replace(f'"workbookSchema": {NOW}', f'"workbookSchema": {text}'),
            encoding="utf-8",
        )

    return edit


for cid, value, what in [
    ("H01", NOW + 1, f"{NOW + 1} (future)"),
    ("H02", 0, "0"),
    ("H03", -1, "-1"),
    ("H04", str(NOW), f'"{NOW}" (a string)'),
    ("H05", float(NOW), f"{NOW}.0"),
    ("H06", True, "true"),
    ("H07", None, "null"),
    ("H08", 10**30, "10^30"),
    ("H09", ..., "absent"),
    ("H10", [NOW], f"[{NOW}]"),
]:
    case(
        cid,
        H,
        f"workbookSchema {what}: validate",
        "exit 0 for the current version and for absent if it means current; else exit 1 one line",
        data_edit(_schema(value)),
        (0, 1) if cid in ("H05", "H09") else (1,),
        lines_at_most(3),
    )
case(
    "H11",
    H,
    "workbookSchema 1e400 (infinity as JSON)",
    "exit 1 one line",
    data_edit(_schema_raw("1e400")),
    (1,),
    lines_at_most(3),
)
case(
    "H12",
    H,
    f"workbookSchema {NOW + 1}: migrate",
    "exit 2 (or 1) one line; nothing written",
    data_edit(_schema(NOW + 1), "migrate"),
    (1, 2),
    all_of(lines_at_most(3), absent("data/.backup")),
)
case(
    "H13",
    H,
    f"workbookSchema {NOW + 1}: codebook --check",
    "exit 1 one line",
    data_edit(_schema(NOW + 1), "codebook"),
    (1,),
    lines_at_most(3),
)
case(
    "H14",
    H,
    "workbookSchema true: migrate",
    "by design exit 0: the version is read off the tables' shape and recorded, the old file kept",
    data_edit(_schema(True), "migrate"),
    (0,),
    lambda t, r: (
        None
        if descriptor(t / "data")["workbookSchema"] == NOW and (t / "data/.backup").is_dir()
        else "not repaired"
    ),
    data_may_change=True,
)


def _history(name: str, prepare=None, dry: bool = False):
    def build(tmp: Path) -> list[str]:
        import shutil

        shutil.copytree(HISTORY / name / "data", tmp / "data")
        shutil.copytree(HISTORY / name / "seeds", tmp / "seeds")
        if prepare:
            prepare(tmp)
        return ["migrate", *(["--dry-run"] if dry else []), str(tmp / "data")]

    return build


case(
    "H15",
    H,
    "migrate a read-only folder",
    "exit 2 one line; nothing changed",
    _history("seed-schema-1", lambda t: os.chmod(t / "data", 0o555)),
    (2,),
    lines_at_most(3),
)
case(
    "H16",
    H,
    "migrate with .backup already a file",
    "exit 2 one line; file kept",
    _history("seed-schema-1", files(**{"data__.backup": b"mine"})),
    (2,),
    same_bytes("data/.backup", b"mine"),
)
case(
    "H17",
    H,
    "migrate with .backup a symlink out of the folder",
    "exit 2; nothing written through it",
    _history(
        "seed-schema-1",
        lambda t: ((t / "elsewhere").mkdir(), os.symlink(t / "elsewhere", t / "data" / ".backup")),
    ),
    (2,),
    lambda t, r: "wrote through link" if any((t / "elsewhere").iterdir()) else None,
)
case(
    "H18",
    H,
    "migrate --dry-run of an old folder",
    "exit 0; nothing written",
    _history("seed-schema-1", dry=True),
    (0,),
    absent("data/.backup"),
)
case(
    "H19",
    H,
    "migrate a current folder",
    "exit 0; nothing changed, no backup",
    lambda tmp: ["migrate", str(workspace(tmp))],
    (0,),
    absent("data/.backup"),
)


def _migrate_twice(tmp: Path) -> list[str]:
    import subprocess
    import sys

    _history("seed-schema-1")(tmp)
    subprocess.run(
        [sys.executable, "-m", "helpers", "migrate", str(tmp / "data")],
        capture_output=True,
        cwd=Path(__file__).parents[2],
    )
    return ["migrate", str(tmp / "data")]


case(
    "H20",
    H,
    "migrate twice in a row",
    "second run exit 0 and changes nothing",
    _migrate_twice,
    (0,),
    data_may_change=False,
)
case(
    "H21",
    H,
    "migrate with a .backup folder of the user's already there",
    "exit 2 one line, or backups kept apart; user's file kept",
    _history("seed-schema-1", files(**{"data__.backup__mine.txt": b"mine"})),
    (0, 2),
    same_bytes("data/.backup/mine.txt", b"mine"),
    data_may_change=True,
)

# ================================================================ I. numbers at extremes in troop claims

TX = "troop extremes"


def _claim(**cells: str):
    def edit(tmp: Path, data: Path) -> None:
        for k, v in cells.items():
            set_cell(data / "troop_claims.csv", 1, k, v)

    return edit


case(
    "I01",
    TX,
    "count 0",
    "exit 1 naming count and 0",
    data_edit(_claim(count="0")),
    (1,),
    says("troop_claims.csv", "count"),
)
case("I02", TX, "count 10^15", "exit 0", data_edit(_claim(count=str(10**15))), (0,))
case(
    "I03",
    TX,
    "count 10^15 exported to SQLite",
    "exit 0, the number kept exactly",
    lambda tmp: (
        _claim(count=str(10**15))(tmp, workspace(tmp)),
        ["export", "sqlite", str(tmp / "o.db"), "--data", str(tmp / "data")],
    )[-1],
    (0,),
    lambda t, r: (
        None
        if sqlite3.connect(t / "o.db").execute("select max(count) from troop_claims").fetchone()[0] == 10**15
        else "count changed"
    ),
)
case(
    "I04",
    TX,
    "count_low > count_high",
    "exit 1 count-range",
    data_edit(_claim(count="1500", count_low="2000", count_high="1000")),
    (1,),
    says("count"),
)
case(
    "I05",
    TX,
    "bound up to with count_high below count",
    "exit 1 one problem",
    data_edit(_claim(bound="up to", count_high="1000")),
    (1,),
    says("count_high"),
)
case(
    "I06",
    TX,
    "bound at least with count_high set",
    "exit 1, or 0 if allowed",
    data_edit(_claim(bound="at least", count_high="2000")),
    (0, 1),
    lines_at_most(4),
)
case(
    "I07",
    TX,
    "bound exact with count_low 1",
    "exit 1, or 0 if allowed",
    data_edit(_claim(bound="exact", count_low="1")),
    (0, 1),
    lines_at_most(4),
)
case(
    "I08",
    TX,
    "count 1 and count_high 10^15 as a range",
    "exit 0",
    data_edit(_claim(count="1", count_low="1", count_high=str(10**15), bound="range")),
    (0,),
)

# ================================================================ J. judgements and indicators in time

J = "judgements in time"


def _judgement(**cells: str):
    def edit(tmp: Path, data: Path) -> None:
        n = len(rows(data / "judgements.csv")) - 1
        for k, v in cells.items():
            set_cell(data / "judgements.csv", n, k, v)

    return edit


case(
    "J01",
    J,
    "as_of 2099-01-01",
    "exit 0 or 1 one problem",
    data_edit(_judgement(as_of="2099-01-01")),
    (0, 1),
    lines_at_most(3),
)
case(
    "J02",
    J,
    "as_of 1900-01-01, before every statement",
    "exit 0 or 1 one problem",
    data_edit(_judgement(as_of="1900-01-01")),
    (0, 1),
    lines_at_most(3),
)
case(
    "J03",
    J,
    "as_of 2099 exported to ClaimReview",
    "exit 0 or 1; valid JSON",
    lambda tmp: (
        _judgement(as_of="2099-01-01")(tmp, workspace(tmp)),
        ["export", "claimreview", str(tmp / "c.jsonld"), "--data", str(tmp / "data")],
    )[-1],
    (0, 1),
    lambda t, r: json_ok("c.jsonld")(t, r) if r.code == 0 else None,
)


def _indicator(**cells: str):
    def edit(tmp: Path, data: Path) -> None:
        for k, v in cells.items():
            set_cell(data / "indicators.csv", 1, k, v)

    return edit


case(
    "J04",
    J,
    "indicator bears on an unknown id",
    "exit 1 bears-on-unknown naming the value",
    data_edit(_indicator(bears_on="NOPE99")),
    (1,),
    says("indicators.csv", "NOPE99"),
)
case(
    "J05",
    J,
    "indicator bears on a statement id (a real id of another kind)",
    "exit 1 bears-on-unknown",
    data_edit(_indicator(bears_on="S01")),
    (1,),
    says("S01"),
)
case(
    "J06",
    J,
    "judgement supersedes itself",
    "exit 1 one problem",
    data_edit(lambda t, d: set_cell(d / "judgements.csv", 1, "supersedes", rows(d / "judgements.csv")[1][0])),
    (1,),
    lines_at_most(4),
)
case(
    "J07",
    J,
    "judgement on an unknown proposition",
    "exit 1 foreign key",
    data_edit(_judgement(proposition_id="nope")),
    (1,),
    says("nope"),
)

# ================================================================ K. scale pathologies

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


case(
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
case(
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
case(
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


case(
    "K04",
    K,
    "3,000 statements each responding to the one before",
    "exit 0, no recursion crash",
    data_edit(_statement_chain(3000, "responds_to")),
    (0,),
    timeout=120,
)
case(
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


case(
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


case(
    "K07",
    K,
    "a 900,000-character quote that occurs in its document",
    "exit 0",
    data_edit(_long_quote),
    (0,),
    timeout=120,
)
case(
    "K08",
    K,
    "a 15 MiB document, no statements",
    "exit 0",
    data_edit(lambda t, d: add_document(t, "word " * 3_000_000)),
    (0,),
    timeout=120,
)
case(
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


# ================================================================ L. Makefile variables

L = "makefile variables"
MK = "make -s PY={tmp}/py STAMP={tmp}/stamp VENV=/nonexistent-h3"


def make_env(tmp: Path) -> str:
    """A stamp newer than requirements.txt and a Python that refuses pip: make never installs."""
    (tmp / "stamp").touch()
    (tmp / "py").write_text(
        '#!/bin/sh\nif [ "$1 $2" = "-m pip" ]; then echo refused pip >&2; exit 99; fi\n'
        f'exec {os.sys.executable} "$@"\n'
    )
    (tmp / "py").chmod(0o755)
    return MK.format(tmp=tmp)


def _make(target: str, assignments: str, expect_file: str = "pwned"):
    def build(tmp: Path) -> list[str]:
        workspace(tmp)
        (tmp / "h3mk-a.txt").write_text(ARTICLE, encoding="utf-8")
        return [make_env(tmp) + f" {target} " + assignments.replace("{tmp}", str(tmp))]

    return build


def _not_pwned(tmp: Path, r: Run) -> str | None:
    import shutil

    for d in (Path(__file__).parents[2] / "drafts").glob("h3mk-*"):
        shutil.rmtree(d)
    return "shell command in a variable ran" if (tmp / "pwned").exists() else None


case(
    "L01",
    L,
    "ARTICLE holding a double quote and a command",
    "the command never runs",
    _make(
        "draft",
        "'ARTICLE={tmp}/h3mk-a.txt\"; touch {tmp}/pwned; echo \"' "
        "PUBLISHED=2024-11-05 OUTLET=R URL=https://e.org DATA={tmp}/data",
    ),
    (0, 1, 2),
    _not_pwned,
)
case(
    "L02",
    L,
    "OUTLET holding backticks",
    "the command never runs; outlet kept as text",
    _make(
        "draft",
        "ARTICLE={tmp}/h3mk-a.txt PUBLISHED=2024-11-05 'OUTLET=`touch {tmp}/pwned`' "
        "URL=https://e.org DATA={tmp}/data",
    ),
    (0, 1, 2),
    _not_pwned,
)
case(
    "L03",
    L,
    "OUT for briefing holding $(...) after a quote",
    "the command never runs",
    _make("briefing", "DATA={tmp}/data 'OUT={tmp}/data/o\"`touch {tmp}/pwned`\"'"),
    (0, 1, 2),
    _not_pwned,
)
case(
    "L04",
    L,
    "migrate with DATA holding a space",
    "the folder passed whole",
    lambda tmp: (
        workspace(tmp),
        (tmp / "data").rename(tmp / "my data"),
        [make_env(tmp) + f" migrate 'DATA={tmp}/my data'"],
    )[-1],
    (0,),
    says("my data"),
    shell=True,
)
case(
    "L05",
    L,
    "datasette export with DATA holding a command",
    "the command never runs",
    lambda tmp: (
        workspace(tmp),
        [make_env(tmp) + f" datasette 'DATA={tmp}/data;touch {tmp}/pwned;' DB={tmp}/o.db"],
    )[-1],
    (0, 1, 2),
    _not_pwned,
    shell=True,
)
case(
    "L06",
    L,
    "draft with DATA holding a space",
    "the folder passed whole",
    lambda tmp: (
        workspace(tmp),
        (tmp / "h3mk-a.txt").write_text(ARTICLE),
        (tmp / "data").rename(tmp / "my data"),
        [
            make_env(tmp)
            + f" draft ARTICLE={tmp}/h3mk-a.txt PUBLISHED=2024-11-05 OUTLET=R URL=https://e.org"
            + f" 'DATA={tmp}/my data'"
        ],
    )[-1],
    (0,),
    _not_pwned,
    shell=True,
)

for c in CASES:
    if c.id.startswith("L"):
        c.shell = True

# ================================================================ M. the PDF and pages (builds)

M = "pdf and pages"


def _briefing(edit):
    def build(tmp: Path) -> list[str]:
        data = workspace(tmp)
        edit(tmp, data)
        return ["briefing", "--data", str(data), "--out", str(tmp / "out")]

    return build


def _pdf_ok(tmp: Path, r: Run) -> str | None:
    pdf = tmp / "out" / "briefing.pdf"
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        return "no PDF"
    return None


def _prop_text(value: str):
    return lambda tmp, data: set_cell(data / "propositions.csv", 1, "text", value)


for cid, what, edit in [
    ("M01", "a 10,000-character unbroken word in a judgement's rationale", _judged_rationale("x" * 10000)),
    (
        "M02",
        "emoji, Gothic letters and private-use characters (outside the fonts) in a proposition",
        _prop_text(
            "North Korea sent troops \U0001f600\U0001f1f0\U0001f1f5 \U00010330\U00010331 "
            "\ue000\U0010fffd to Russia."
        ),
    ),
    (
        "M03",
        "100 combining marks stacked on one letter in a source's name",
        lambda tmp, data: set_cell(
            data / "sources.csv", 1, "name", "A" + "\u0301\u0308\u0327\u0336" * 25 + "ustin"
        ),
    ),
    ("M04", "a 100,000-character rationale of many words", _judged_rationale("troops were sent " * 6000)),
    (
        "M05",
        "CSS and markup in a place's notes",
        lambda tmp, data: set_cell(
            data / "places.csv", 1, "notes", "</style><style>*{display:none}</style><script>alert(1)</script>"
        ),
    ),
]:
    case(
        cid,
        M,
        what,
        "exit 0; the PDF written; no raw markup from the data",
        _briefing(edit),
        (0,),
        all_of(_pdf_ok, no_raw("<style>*{display:none}", "<script>alert(1)", rel="out")),
        slow=True,
        timeout=600,
    )

# ================================================================ N. concurrency (builds)

N = "concurrency"


def _two_briefings(tmp: Path) -> list[list[str]]:
    data = workspace(tmp)
    argv = ["briefing", "--data", str(data), "--out", str(tmp / "out")]
    return [argv, argv]


def _one_refused(tmp: Path, r: Run) -> str | None:
    codes = sorted(getattr(r, "codes", []))
    if codes not in ([0, 2], [0, 0]):
        return f"exit statuses {codes}"
    return _pdf_ok(tmp, r)


case(
    "N01",
    N,
    "two briefings into one folder at once",
    "one builds (0), the other refused (2) or both 0; a whole folder",
    _two_briefings,
    (0, 2),
    _one_refused,
    slow=True,
    timeout=600,
)


def _briefing_and_validate(tmp: Path) -> list[list[str]]:
    data = workspace(tmp)
    return [
        ["briefing", "--data", str(data), "--out", str(tmp / "out")],
        ["validate", str(data)],
        ["export", "sqlite", str(tmp / "out" / "x.db"), "--data", str(data)],
    ]


case(
    "N02",
    N,
    "validate and an export into the folder while a briefing builds it",
    "validate 0; the briefing whole; the export 0 or 2",
    _briefing_and_validate,
    (0, 2),
    _pdf_ok,
    slow=True,
    timeout=600,
)
