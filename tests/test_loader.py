"""The curated data loads with the right types, verbatim quotes and hand-checked figures."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import TABLES, grades, load_workbook, memo
from helpers.paths import PROJECT_ROOT, REFERENCE_DATA_DIR
from helpers.schema import TABLES as DECLARED

from .conftest import edit


@pytest.fixture(scope="module")
def wb():
    return load_workbook(REFERENCE_DATA_DIR)


def test_every_table_loads_with_hand_counted_rows(wb) -> None:
    counts = {name: len(wb.table(name)) for name in TABLES}
    assert counts == {
        "places": 2,  # Kursk Oblast, in Russia
        "documents": 1,
        "sources": 11,
        "propositions": 10,
        "statements": 21,
        "troop_claims": 2,
        "hypotheses": 5,
        "ach_ratings": 75,  # 15 statements on facts x 5 hypotheses
        "judgements": 5,  # troops in Russia as of 21 October, superseded on 23 October; four others
        "indicators": 8,
        "resolutions": 0,  # the seed article settles nothing
        "expectations": 0,  # the frozen copy declares no grid
        "provenance": 0,  # every value typed by the curators
    }


def test_columns_are_typed(wb) -> None:
    st, src = wb.statements, wb.sources
    assert pd.api.types.is_datetime64_any_dtype(st["said_on"])
    assert pd.api.types.is_datetime64_any_dtype(wb.documents["published"])
    assert st["credibility"].cat.ordered and list(st["credibility"].cat.categories) == [1, 2, 3, 4, 5, 6]
    assert src["reliability"].cat.ordered and src["reliability"].min() == "B"
    assert isinstance(st["stance"].dtype, pd.CategoricalDtype) and not st["stance"].cat.ordered
    assert src["interested"].dtype == bool
    assert wb.ach_ratings["rating"].cat.ordered
    assert wb.troop_claims["count"].tolist() == [1500, 10000]
    assert wb.troop_claims["bound"].tolist() == ["about", "about"]  # round figures, bound left blank
    assert wb.statements["self_serving"].dtype == bool and wb.troop_claims["authoritative"].dtype == bool
    assert st["reported_by"].isna().sum() == 18  # only the SCMP relays, three times
    assert pd.api.types.is_datetime64_any_dtype(wb.judgements["as_of"])
    assert wb.judgements["likelihood"].cat.categories[0] == "almost no chance"


def test_quotes_are_verbatim_with_offsets(wb) -> None:
    text = wb.texts["seed-000"]
    for row in wb.statements.itertuples():
        assert text[row.quote_start : row.quote_end] == row.quote
    nis = wb.statements.set_index("statement_id").loc["S07"]
    assert text[nis.quote_start :].startswith("South Korea’s spy agency claiming 1,500")


def test_every_statement_and_source_is_graded_with_rationale(wb) -> None:
    kinds = wb.statements["proposition_id"].map(wb.propositions.set_index("proposition_id")["kind"])
    facts = (kinds == "fact").to_numpy()
    assert wb.statements["credibility"].notna().to_numpy().tolist() == facts.tolist()  # facts only
    assert int(facts.sum()) == 15
    assert wb.sources["reliability"].notna().all()
    assert (wb.statements["credibility_rationale"].str.len() >= 20).all()
    assert (wb.sources["reliability_rationale"].str.len() >= 20).all()


def test_relative_dates_are_resolved(wb) -> None:
    st = wb.statements.set_index("statement_id")
    assert st.at["S08", "said_on"] == pd.Timestamp("2024-10-21")  # "on Monday"
    assert st.at["S02", "said_on"] == pd.Timestamp("2024-10-23")  # "Wednesday"
    assert st.at["S01", "said_on_precision"] == "range"  # "a few days" earlier
    assert (st.at["S01", "said_on_earliest"], st.at["S01", "said_on"]) == (
        pd.Timestamp("2024-10-19"),
        pd.Timestamp("2024-10-21"),
    )


# SHA-256 of the seed article as it was received; the copy in seeds/ must stay byte for byte.
ORIGINAL_SEED_SHA256 = "04807d2dd331192931aa512e12733c362999dfa46e533966686f97492e1942c9"


def test_seed_is_kept_byte_for_byte() -> None:
    seed = (REFERENCE_DATA_DIR.parent / "seeds" / "000_f343ef062b056b47.txt").read_bytes()
    assert hashlib.sha256(seed).hexdigest() == ORIGINAL_SEED_SHA256
    shared = PROJECT_ROOT.parent / "shared" / "seeds" / "000_f343ef062b056b47.txt"
    if shared.exists():  # beside a working checkout, compare with the delivered file too
        assert seed == shared.read_bytes()


def test_spreadsheet_export_with_bom_and_crlf_is_valid(workspace: Path) -> None:
    for csv_path in workspace.glob("*.csv"):
        text = csv_path.read_text(encoding="utf-8")
        csv_path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    wb = load_workbook(workspace)
    assert len(wb.statements) == 21
    assert wb.statements["quote"].str.contains("\r").sum() == 0


def test_workbook_data_environment_variable(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(workspace / "hypotheses.csv", "No deployment", "No deployment at all")
    monkeypatch.setenv("WORKBOOK_DATA", str(workspace))
    assert "No deployment at all, reports mistaken" in load_workbook().hypotheses["label"].tolist()


@pytest.mark.cli
def test_cli_prints_one_line_of_counts() -> None:
    env = {**os.environ, "WORKBOOK_DATA": str(REFERENCE_DATA_DIR)}
    done = subprocess.run(
        [sys.executable, "-m", "helpers", "validate"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    counts, weighs = done.stdout.splitlines()  # nothing left for the analyst to decide
    assert "21 statements (21 quoted verbatim, 15 graded)" in counts
    assert weighs.endswith(
        "weighable: 11 of 21 statements carry weight: 6 are on propositions that are not facts "
        "(demands, plans, judgements); 1 came through a speaker, relay or outlet graded F; 3 "
        "are self-serving (what the speaker's stake calls for)"
    )


def _without_optional_parts(data: Path) -> None:
    """The data folder with every optional table and column of the declaration left out."""
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    optional_tables = {t.name for t in DECLARED if t.optional}
    dropped = {(t.name, c.name) for t in DECLARED for c in t.columns if c.optional}
    package["resources"] = [r for r in package["resources"] if r["name"] not in optional_tables]
    for resource in package["resources"]:
        schema = resource["schema"]
        schema["fields"] = [f for f in schema["fields"] if (resource["name"], f["name"]) not in dropped]
        kept = {f["name"] for f in schema["fields"]}
        schema["foreignKeys"] = [fk for fk in schema.pop("foreignKeys", []) if fk["fields"] in kept]
        path = data / resource["path"]
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame = frame[[f["name"] for f in schema["fields"]]]
        if "said_on_precision" in frame:
            frame["said_on_precision"] = frame["said_on_precision"].replace("range", "approximate")
        frame.to_csv(path, index=False, lineterminator="\n")
    for name in optional_tables:
        (data / f"{name}.csv").unlink(missing_ok=True)
    (data / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")


def test_data_without_the_optional_parts_gets_their_stated_defaults(workspace: Path) -> None:
    _without_optional_parts(workspace)
    wb = load_workbook(workspace)
    claims = wb.troop_claims.set_index("claim_id")
    # a round figure reads about; a count dated by its statement stands on or before that day; a
    # count whose place is left out is in no place, and compared with nothing
    assert claims.loc["TC01", ["bound", "measure", "as_of_precision"]].tolist() == [
        "about", "sent to", "on or before",
    ]  # fmt: skip
    assert claims["place"].isna().all()
    assert not claims["authoritative"].any()
    assert wb.judgements.empty and wb.indicators.empty
    assert pd.api.types.is_datetime64_any_dtype(wb.judgements["as_of"])
    graded = grades.graded_statements(wb)
    # a source with no channel is one witness with the others of its country and side, never an
    # independent one, and it revises only its own statements
    assert graded["channel"].str.startswith("unstated (").all() and not graded["channel_known"].any()
    assert (graded["revises_as"] == graded["source_id"]).all()
    assert set(graded.loc[graded["source_id"] == "nis", "channel"]) == {"unstated (South Korea, ukraine)"}
    serving = wb.statements.set_index("statement_id")["self_serving"]
    assert serving[serving].index.tolist() == ["S06", "S08", "S10"]  # interested parties' denials
    assert "No analyst's judgement is recorded" in memo.bottom_line(wb)


def test_data_with_the_newer_columns_keeps_its_own() -> None:
    wb = load_workbook(PROJECT_ROOT / "datasets" / "nk-troops-2024" / "data")
    claims = wb.troop_claims.set_index("claim_id")
    assert claims.loc["TC08", ["bound", "measure", "place"]].tolist() == [
        "up to",
        "present in",
        "kursk-oblast",
    ]
    assert wb.places.set_index("place_id").at["kursk-oblast", "parent"] == "russia-border-regions"
