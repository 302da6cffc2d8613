"""The briefing build: validated first, atomic, stamped, and otherwise the same for the same data."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers.__main__ import main
from helpers.publish import briefing
from helpers.safe_write import write_bytes

from .conftest import edit

NOW = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def test_invalid_data_writes_nothing(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(workspace / "statements.csv", ",affirms,could be,,3,", ",affirm,could be,,3,")
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.html").write_text("earlier briefing", encoding="utf-8")
    assert main(["briefing", "--data", str(workspace), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "statements.csv, line 14, column stance" in err and "nothing was written" in err
    assert "Traceback" not in err
    assert [p.name for p in out.iterdir()] == ["keep.html"]
    assert not list(tmp_path.glob(".*briefing-*"))


def test_failure_midway_leaves_output_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def failing_execute(path, data):
        calls.append(path.name)
        if len(calls) == 2:
            raise RuntimeError("kernel died")
        return briefing.nbformat.read(path, as_version=4)

    monkeypatch.setattr(briefing, "execute", failing_execute)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        briefing.build(out=out, progress=lambda _: None, now=NOW)
    assert not out.exists() or not any(out.iterdir())
    assert not list(tmp_path.glob(".*briefing-*"))  # staging removed


@pytest.mark.build
def test_same_data_same_html_but_for_the_stamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The pages are compared, not the PDF (read back in the browser tests): a stand-in saves its time.
    monkeypatch.setattr(
        briefing, "write_pdf", lambda page, target: write_bytes(target, b"%PDF-1.7 stand-in\n")
    )
    lines: list[str] = []
    first = briefing.build(
        out=tmp_path / "a", progress=lines.append, now=NOW, notebooks=["05_briefing.ipynb"]
    )
    later = datetime(2026, 5, 6, 7, 8, tzinfo=UTC)
    second = briefing.build(
        out=tmp_path / "b", progress=lambda _: None, now=later, notebooks=["05_briefing.ipynb"]
    )
    a, b = first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")
    assert "Generated 2026-01-02 03:04 UTC" in a and "Generated 2026-05-06 07:08 UTC" in b
    assert a.replace("2026-01-02 03:04", "TIME") == b.replace("2026-05-06 07:08", "TIME")
    assert lines == [
        f"[1/1] 05_briefing.ipynb -> {tmp_path / 'a' / 'index.html'}",
        f"PDF -> {tmp_path / 'a' / 'briefing.pdf'}",
    ]


def test_fingerprint_follows_the_data(workspace: Path) -> None:
    from helpers import load_workbook

    before = briefing.fingerprint(load_workbook(workspace))
    assert re.fullmatch(r"[0-9a-f]{64}", before)
    edit(workspace / "hypotheses.csv", "No deployment", "No deployment at all")
    assert briefing.fingerprint(load_workbook(workspace)) != before


def test_pages_put_the_briefing_first() -> None:
    pages = briefing.pages()
    assert pages[0].filename == "index.html" and pages[0].notebook.name == "05_briefing.ipynb"
    assert [p.filename for p in pages[1:]] == [
        "01_statements.html",
        "02_troop_numbers.html",
        "03_source_reliability.html",
        "04_competing_hypotheses.html",
        "06_explorer.html",
        "07_documents.html",
    ]
