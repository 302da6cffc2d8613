"""``python -m helpers draft``: the draft folder it writes, and one clear line for every bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.__main__ import main
from helpers.curate.draft import Article, draft_article
from helpers.curate.draft.report import render
from helpers.paths import PROJECT_ROOT
from helpers.safe_write import FileError
from helpers.transaction import replace_files as write_files
from helpers.workbook import load_workbook

from .draftdata import ARTICLE, PUBLISHED, make_data


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "project")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "002_new.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _draft(*args: str) -> int:
    return main(["draft", *args])


def test_the_draft_folder(
    data: Path, article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "drafted"
    before = {p: p.read_bytes() for p in data.parent.rglob("*") if p.is_file()}
    assert _draft(str(article), "--data", str(data), "--published", "2024-10-23", "--outlet", "Reuters",
                  "--url", "https://example.org/2", "--out", str(out)) == 0  # fmt: skip
    assert "draft written" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "documents.csv", "draft.md", "sources.csv", "statements.csv", "troop_claims.csv",
    ]  # fmt: skip
    st = pd.read_csv(out / "statements.csv", dtype=str, keep_default_na=False)
    assert list(st["statement_id"]) == ["S02", "S03", "S04"] and {"confidence", "reason"} <= set(st.columns)
    documents = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert documents.at[0, "path"] == "seeds/002_new.txt" and len(documents.at[0, "sha256"]) == 64
    assert {p: p.read_bytes() for p in data.parent.rglob("*") if p.is_file()} == before  # data untouched
    # the analyst's headline, given on the command line, is the document's title as given
    assert _draft(str(article), "--data", str(data), "--published", "2024-10-23", "--title",
                  "  Seoul: more troops sent  ", "--out", str(tmp_path / "titled")) == 0  # fmt: skip
    titled = pd.read_csv(tmp_path / "titled" / "documents.csv", dtype=str, keep_default_na=False)
    assert titled.at[0, "title"] == "Seoul: more troops sent" and "analyst's" in titled.at[0, "reason"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--published": "2024-13-01"}, "is not a date written YYYY-MM-DD"),
        ({"--url": "ftp://x"}, "is not an http(s) address"),
        ({"article": "missing.txt"}, "no such file"),
        ({"article": "latin1"}, "is not UTF-8"),
        ({"article": "utf16"}, "as UTF-16 without a byte-order mark has"),
        ({"--out": "data"}, "is inside the data folder"),
        ({"--data": "nowhere"}, "has 1 problem"),
    ],
)
def test_bad_input_is_one_line(
    change: dict[str, str],
    message: str,
    data: Path,
    article: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café".encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Seoul said 1,500 troops were sent to Russia.".encode("utf-16-le"))  # no BOM
    args = {"--data": str(data), "--published": "2024-10-23", "--url": "https://example.org/2",
            "--out": str(tmp_path / "out")}  # fmt: skip
    args |= {k: v for k, v in change.items() if k.startswith("--")}
    if args["--out"] == "data":
        args["--out"] = str(data / "drafted")
    if args["--data"] == "nowhere":
        args["--data"] = str(tmp_path / "nowhere")
    path = {"missing.txt": str(tmp_path / "missing.txt"), "latin1": str(latin), "utf16": str(utf16)}.get(
        change.get("article", ""), str(article)
    )
    assert _draft(path, *[x for kv in args.items() for x in kv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("draft not written: ") and message in err and err.count("\n") == 1, err
    assert "Traceback" not in err


@pytest.mark.cli
def test_the_command_line_runs_as_a_module(data: Path, article: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "draft", str(article), "--data", str(data),
         "--published", "2024-10-23", "--out", str(tmp_path / "d")],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False, env={**os.environ},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "3 statements, 1 troop number, 2 new sources" in done.stdout  # Russia, and the unnamed outlet


def test_the_report_escapes_what_the_article_says(data: Path) -> None:
    hostile = "The agency said that *1,500* troops <script>x</script> [went](http://x) to Russia.\n"
    draft = draft_article(Article(hostile, "h.txt", PUBLISHED, "Reuters"), load_workbook(data))
    report = str(render(draft))
    assert "<script>" not in report and "&lt;script&gt;" in report
    assert "\\*1,500\\*" in report and "\\[went\\]" in report
    assert "## What needs a human" in report


def test_the_writer_writes_every_file_or_none(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_text("old\n", encoding="utf-8")
    blocked = tmp_path / "folder"
    blocked.mkdir()
    with pytest.raises(FileError, match="it is a folder, not a regular file"):
        write_files({kept: "new\n", blocked: "cannot replace a folder with a file\n"})
    assert kept.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "kept.csv"]  # no temporary file left
    write_files({kept: "new\n", tmp_path / "sub" / "made.csv": b"bytes\n"})
    assert (
        kept.read_text(encoding="utf-8") == "new\n"
        and (tmp_path / "sub" / "made.csv").read_bytes() == b"bytes\n"
    )
