"""Valid is not true: what the workbook filled in is marked so, read the way that claims least, and
never stated as a finding; ``validate`` says how much weighs; ``migrate`` survives its own failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import load_workbook
from helpers.__main__ import main
from helpers.analysis import balance, origins, troop_counts
from helpers.analysis.weighable import weighable
from helpers.curate import migrate as migration
from helpers.paths import DESCRIPTOR_NAME, REFERENCE_DATA_DIR
from helpers.present import claim_words, memo, narrative
from helpers.schema import SCHEMA_VERSION

from .workbooks import Workbook, workbooks

HISTORY = Path(__file__).parent / "fixtures" / "history"
FRESH = "fresh-schema-1"  # five and more articles curated under the first schema, never tuned to


def _copy(name: str, tmp_path: Path) -> Path:
    shutil.copytree(HISTORY / name, tmp_path / name)
    return tmp_path / name / "data"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = _copy(FRESH, tmp_path_factory.mktemp("fresh"))
    migration.migrate(data)
    return data


def test_migrate_derives_one_sided_bounds_dates_places_and_plans(fresh: Path) -> None:
    wb = load_workbook(fresh)
    tc = wb.troop_claims.set_index("claim_id")
    # "up to 12,000" had no low end and "more than 3,000" no high end in the first schema
    assert tc.loc["TC02", "bound"] == "up to" and tc.loc["TC03", "bound"] == "at least"
    # a location that names no place is no place of the gazetteer
    assert pd.isna(tc.loc["TC02", "place"]) and "not stated" not in set(wb.places["name"])
    # a count dated by its remark stands on or before that day
    assert (tc["as_of_precision"] == "on or before").sum() >= 15
    # "ready to send up to 12,000" is a plan; "another 9,000 expected briefly" a forecast
    assert tc.loc["TC02", "modality"] == "intended" and tc.loc["TC08", "modality"] == "forecast"
    assert tc.loc["TC07", "modality"] == "asserted"  # "already around 3,000": a count
    bound = origins.column_origin(wb, "troop_claims", "bound")
    assert bound[tc.index.get_loc("TC02")] == "derived"
    written = wb.provenance.set_index(["table", "row", "column"])
    assert written.loc[("troop_claims", "TC02", "bound"), "rule"] == "bound-from-ends"


def test_an_edited_value_is_curated(fresh: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(fresh, data)
    shutil.copytree(fresh.parent / "seeds", tmp_path / "seeds")
    path = data / "troop_claims.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["claim_id"] == "TC02", "bound"] = "about"
    frame.to_csv(path, index=False, lineterminator="\n")
    wb = load_workbook(data)
    bound = origins.column_origin(wb, "troop_claims", "bound")
    assert bound[wb.troop_claims["claim_id"] == "TC02"].tolist() == ["curated"]


def test_validate_says_how_much_weighs_and_what_to_decide(fresh: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(fresh)]) == 0
    out = capsys.readouterr().out
    assert (
        "weighable: 0 of 49 statements carry weight: 7 of 7 documents name no graded publisher (49 "
        "statements)" in out
    )
    assert "29 of 29 sources have a default channel" in out
    assert "documents.csv: publisher of D101" in out and "sources.csv: channel of" in out


def test_the_first_screen_says_what_weighs_and_states_no_guess(fresh: Path) -> None:
    wb = load_workbook(fresh)
    bottom = str(memo.bottom_line(wb))
    assert "How much weighs: 0 of the 49 statements can carry weight" in bottom
    assert "in not stated" not in bottom and "sent to not stated" not in bottom
    assert "cannot both be true" not in bottom
    caveats = str(narrative.caveats(wb))
    assert "7 of them name no graded publisher" in caveats
    said = " ".join(str(line) for line in narrative.alternatives_lines(wb))
    if "cannot be ranked" in said:  # the true reason: nothing weighs, not nothing rated against
        assert "no rated evidence is inconsistent" not in said and "carries weight" in said


def test_a_half_migrated_folder_is_finished_not_a_traceback(tmp_path: Path) -> None:
    data = _copy("seed-schema-1", tmp_path)
    # a current descriptor over the first schema's tables, as a run killed after its first rename leaves
    done = _copy("seed-schema-1", tmp_path / "other")
    migration.migrate(done)
    shutil.copy(done / DESCRIPTOR_NAME, data / DESCRIPTOR_NAME)
    (data / ".statements.csv.0123abcd.tmp").write_text("half", encoding="utf-8")
    (data / "notes.tmp").write_text("mine", encoding="utf-8")
    finished = migration.migrate(data)
    assert "stopped part way" in str(finished.changes[0])
    assert load_workbook(data).package.schema_version == SCHEMA_VERSION
    assert not (data / ".statements.csv.0123abcd.tmp").exists()  # the killed run's leftover
    assert (data / "notes.tmp").exists()  # nothing else is touched


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = _copy(FRESH, tmp_path)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    assert main(["migrate", "--dry-run", str(data)]) == 0
    assert "would change 1" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before


def test_a_contradiction_on_a_guess_is_no_finding() -> None:
    wb = load_workbook(REFERENCE_DATA_DIR)
    table = troop_counts.claims_table(wb)
    a, b = table.iloc[0].copy(), table.iloc[0].copy()
    a["claim_id"], b["claim_id"] = "X1", "X2"
    a["source"], b["source"] = "A", "B"
    a["revises_as"], b["revises_as"] = "a", "b"
    a["remark"], b["remark"] = "X1", "X2"
    a["measure"] = b["measure"] = "present in"
    a["modality"] = b["modality"] = "asserted"
    a["count"], a["count_low"], a["count_high"], a["bound"] = 100, 100, 100, "exact"
    b["count"], b["count_low"], b["count_high"], b["bound"] = 5000, 5000, 5000, "exact"
    a["as_of_precision"] = b["as_of_precision"] = "exact"
    a["unconfirmed"], b["unconfirmed"] = (), (("bound", "derived", "bound-from-figure"),)
    pair_table = pd.DataFrame([a, b]).reset_index(drop=True)
    pairs = troop_counts.compare_claims(pair_table, troop_counts.Gazetteer.of(wb))
    assert not pairs["both_true"].iloc[0] and pairs["unconfirmed"].iloc[0]
    said = claim_words.describe_pair(pairs.iloc[0], pair_table, troop_counts.Gazetteer.of(wb))
    assert "cannot both be true" not in said and "not a finding" in said and "X2's bound (derived)" in said
    b["unconfirmed"] = ()
    curated = pd.DataFrame([a, b]).reset_index(drop=True)
    pairs = troop_counts.compare_claims(curated, troop_counts.Gazetteer.of(wb))
    assert "they cannot both be true" in claim_words.describe_pair(
        pairs.iloc[0], curated, troop_counts.Gazetteer.of(wb)
    )


# Columns whose curated values may be replaced by their defaults: a blank cell then reads as the
# declaration says (a default channel, a derived bound or as-of precision, no place, no publisher).
BLANKABLE = (
    ("sources", "channel"),
    ("troop_claims", "bound"),
    ("troop_claims", "as_of_precision"),
    ("troop_claims", "place"),
    ("documents", "publisher"),
)
CONFIDENCE = {"low": 0, "moderate": 1, "high": 2}


def _stated_conflicts(wb) -> set[tuple[str, str]]:
    table = troop_counts.claims_table(wb)
    pairs = troop_counts.compare_claims(table, troop_counts.Gazetteer.of(wb))
    found = pairs[~pairs["both_true"] & ~pairs["unconfirmed"]]
    return set(zip(found["smaller"], found["larger"], strict=True))


@given(generated=workbooks(), data=st.data())
def test_defaults_never_make_a_contradiction_or_raise_a_confidence(
    generated: Workbook, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("blank")
    before = load_workbook(generated.write(root))
    tables = {name: frame.copy() for name, frame in generated.tables.items()}
    for table, column in BLANKABLE:
        frame = tables[table]
        if frame.empty:
            continue
        rows = data.draw(st.lists(st.sampled_from(list(frame.index)), unique=True, max_size=len(frame)))
        frame.loc[rows, column] = ""
    after = load_workbook(Workbook(tables, generated.texts).write(root / "after"))
    assert _stated_conflicts(after) <= _stated_conflicts(before)
    old, new = balance.current_balances(before), balance.current_balances(after)
    for pid, found in new.items():
        if pid in old and found.assessed:
            assert CONFIDENCE[found.confidence] <= CONFIDENCE[old[pid].confidence], pid


@given(generated=workbooks())
def test_a_narrower_proposition_never_outranks_the_broader_it_implies(
    generated: Workbook, tmp_path_factory
) -> None:
    wb = load_workbook(generated.write(tmp_path_factory.mktemp("implies")))
    found = balance.current_balances(wb)
    for narrow, broad in wb.propositions[["proposition_id", "implies"]].dropna().itertuples(index=False):
        if narrow in found and broad in found and found[narrow].assessed and found[broad].assessed:
            assert found[narrow].p <= found[broad].p + 1e-9, (narrow, broad)


def test_the_seed_weighs_as_curated() -> None:
    found = weighable(load_workbook(REFERENCE_DATA_DIR))
    assert (found.weighing, found.statements) == (11, 21)
    assert not found.unpublished and not found.default_channels and found.to_decide.empty


def test_after_the_analyst_decides_nothing_rests_on_a_default() -> None:
    """The fresh dataset once an analyst did only what validate listed (publishers, channels,
    places, kinds), with six judgements: no default channel, no guess stated, no narrower
    proposition judged or computed above the broader it implies."""
    wb = load_workbook(HISTORY / f"{FRESH}-decided" / "data")
    found = weighable(wb)
    assert not found.unpublished and not found.default_channels
    assert found.weighing > 0
    # every channel is curated now: no claimant's channel is a guess a contradiction could rest on
    table = troop_counts.claims_table(wb)
    assert not any(c == "channel" for found in table["unconfirmed"] for c, _, _ in found)
    bottom = str(memo.bottom_line(wb))
    assert "no stated collection channel" not in bottom and "name no graded publisher" not in bottom
    balances = balance.current_balances(wb)
    implies = wb.propositions[["proposition_id", "implies"]].dropna()
    for narrow, broad in implies.itertuples(index=False):
        if (
            narrow in balances
            and broad in balances
            and balances[narrow].assessed
            and balances[broad].assessed
        ):
            assert balances[narrow].p <= balances[broad].p + 1e-9
