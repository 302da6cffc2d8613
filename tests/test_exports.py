"""Every export escaped for its format, and built with the briefing's pages, all or nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from helpers import load_workbook
from helpers.__main__ import main
from helpers.publish import briefing, exports
from helpers.publish.exports.annotations import annotation_collection
from helpers.publish.exports.claimreview import claim_reviews
from helpers.publish.exports.jsonld import dumps
from helpers.publish.output import MARKER
from helpers.publish.pdf import PDF_NAME

from .exports_workbook import QUOTE2, RATIONALE, TITLE, write_tiny
from .test_output import stored

__all__ = ["stored"]  # a fixture, used by name


def strings(value: object) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("form", ["claimreview", "annotations"])
def test_json_is_escaped_for_a_script_element_and_keeps_every_character(form: str, tmp_path: Path) -> None:
    data = write_tiny(tmp_path / "tiny")
    out = tmp_path / f"{form}.jsonld"
    assert main(["export", form, str(out), "--data", str(data)]) == 0
    text = out.read_text(encoding="utf-8")
    assert not {"<", ">", "&"} & set(text)  # escaped: the file can sit in <script type="application/ld+json">
    wb = load_workbook(data)
    expected = claim_reviews(wb) if form == "claimreview" else annotation_collection(wb)
    assert json.loads(text) == expected  # and means the same
    found = strings(json.loads(text))
    assert RATIONALE in found if form == "claimreview" else QUOTE2 in " ".join(found)


def test_dumps_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(ValueError):
        dumps({"count": float("nan")})


def test_database_and_metadata_keep_every_character(tmp_path: Path) -> None:
    data = write_tiny(tmp_path / "tiny")
    assert main(["export", "sqlite", str(tmp_path / "claims.db"), "--data", str(data)]) == 0
    db = sqlite3.connect(tmp_path / "claims.db")
    kept = {v for (v,) in db.execute("SELECT rationale FROM judgements UNION SELECT quote FROM statements")}
    assert {RATIONALE, QUOTE2} <= kept
    meta = (tmp_path / "claims.metadata.json").read_text(encoding="utf-8")
    assert "<" not in meta and json.loads(meta)["title"] == TITLE


def test_the_briefing_holds_every_export_listed_in_its_marker(tmp_path: Path, stored: None) -> None:
    data = write_tiny(tmp_path / "tiny")
    out = tmp_path / "out"
    briefing.build(data, out, progress=lambda _: None, notebooks=[briefing.BRIEFING_NOTEBOOK])
    assert (out / MARKER).read_text(encoding="utf-8").splitlines() == ["index.html", *exports.NAMES, PDF_NAME]
    wb = load_workbook(data)
    assert (out / "claimreview.jsonld").read_text(encoding="utf-8") == dumps(claim_reviews(wb))
    assert (out / "annotations.jsonld").read_text(encoding="utf-8") == dumps(annotation_collection(wb))
    tables = sqlite3.connect(out / "claims.db").execute("SELECT count(*) FROM statements").fetchone()
    assert tables == (len(wb.statements),)
    assert json.loads((out / "claims.metadata.json").read_text(encoding="utf-8"))["databases"]["claims"]
    briefing.build(data, out, progress=lambda _: None, notebooks=[briefing.BRIEFING_NOTEBOOK])  # its own


def test_a_failed_export_leaves_the_briefing_as_it_was(
    tmp_path: Path, stored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = write_tiny(tmp_path / "tiny")
    out = tmp_path / "out"
    briefing.build(data, out, progress=lambda _: None, notebooks=[briefing.BRIEFING_NOTEBOOK])
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(wb: object, folder: Path, built: object = None) -> list[str]:
        (folder / "claimreview.jsonld").write_text("half", encoding="utf-8")
        raise RuntimeError("export failed")

    monkeypatch.setattr(briefing, "write_exports", broken)
    with pytest.raises(RuntimeError, match="export failed"):
        briefing.build(data, out, progress=lambda _: None, notebooks=[briefing.BRIEFING_NOTEBOOK])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tiny"]  # no staging folder left
