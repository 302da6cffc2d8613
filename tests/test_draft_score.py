"""The benchmark's comparison of a draft with curated rows, on a small data folder, figures checked by
hand; and the two frictions met on the way: JupyterLab as root, and one briefing folder per dataset."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from benchmarks.draft_score import Score, score, without_document
from helpers import load_workbook
from helpers.curate.draft import Article, draft_article
from helpers.paths import BRIEFINGS_DIR, DEFAULT_DATA_DIR, PROJECT_ROOT, briefing_dir

from .draftdata import FIRST, make_data


def test_a_document_drafted_as_if_new(tmp_path: Path) -> None:
    wb = load_workbook(make_data(tmp_path))
    reference = without_document(wb, "D01")
    assert reference.statements.empty and reference.troop_claims.empty
    assert set(reference.sources["source_id"]) == set()  # every source was used by D01 alone
    article = Article(FIRST, "001_first.txt", wb.documents["published"].iloc[0].date(), "Reuters")
    draft = draft_article(article, reference, document_id="D01")
    result = score(draft, wb, "D01", reference)
    # One curated statement (the whole sentence), one drafted: found, matching, the same date
    # (Friday 18 October is the day of publication); its speaker is new to the reference data and is
    # proposed as a new source named by the words "spy agency", which the curated source's name holds.
    # Its troop number is kept unchanged (about 1,500 sent to Russia, asserted, as of that day); the
    # statement is not: the drafter proposes no proposition for it, and the analyst must choose one.
    assert result == Score(curated=1, proposed=1, found=1, matching=1, speakers=1, dates=1, numbers=1,
                           numbers_right=1, measures_right=1, places_right=1, numbers_kept=1,
                           ratings=2, credibility=1)  # fmt: skip
    # its two ACH ratings and its credibility have no earlier ones to be proposed from: none kept
    shares = result.shares()
    assert shares["statements"] == shares["precision"] == shares["numbers"] == shares["numbers kept"] == 1.0
    assert result.fates() == {"kept": 0, "edited": 1, "rejected": 0, "missed": 0}
    # accepting the drafted row with the curated proposition gives the curated row: kept
    draft.statements.loc[:, "proposition_id"] = wb.statements["proposition_id"].iloc[0]
    assert score(draft, wb, "D01", reference).fates()["kept"] == 1


def test_scores_add_up() -> None:
    total = Score(curated=2, proposed=4, found=1, matching=2) + Score(curated=2, proposed=0, found=2)
    assert total.shares()["statements"] == 0.75 and total.shares()["precision"] == 0.5
    assert Score().shares()["numbers"] is None


def test_each_dataset_has_its_own_briefing_folder() -> None:
    assert briefing_dir(DEFAULT_DATA_DIR) == BRIEFINGS_DIR
    second = PROJECT_ROOT / "datasets" / "nk-troops-2024" / "data"
    assert briefing_dir(second) == PROJECT_ROOT / "briefings-nk-troops-2024"
    assert briefing_dir(Path("/tmp/elsewhere/mine")) == PROJECT_ROOT / "briefings-mine"


def _make(*args: str) -> str:
    done = subprocess.run(["make", "-n", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
                          env={**os.environ, "MAKEFLAGS": ""})  # fmt: skip
    return done.stdout


@pytest.mark.cli
@pytest.mark.skipif(os.geteuid() != 0, reason="JupyterLab is told --allow-root only when run as root")
def test_lab_runs_as_root() -> None:
    assert "jupyter lab notebooks/ --allow-root" in _make("lab")


@pytest.mark.cli
def test_lab_opens_the_data_folder_it_is_given(tmp_path: Path) -> None:
    # JupyterLab's kernels start in notebooks/: the folder is passed as an absolute path, from DATA
    # as every other target reads it (or WORKBOOK_DATA).
    fake = tmp_path / "bin"
    fake.mkdir()
    jupyter = fake / "jupyter"
    jupyter.write_text('#!/bin/sh\necho "data=$WORKBOOK_DATA"\n', encoding="utf-8")
    jupyter.chmod(0o755)
    ran = subprocess.run(
        ["make", "-s", "lab", "DATA=datasets/nk-troops-2024/data", f"VENV={tmp_path}", f"STAMP={jupyter}"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert f"data={PROJECT_ROOT / 'datasets/nk-troops-2024/data'}" in ran.stdout


@pytest.mark.cli
def test_briefing_takes_an_output_folder() -> None:
    # The recipe reads OUT from the environment, so that quotes or backticks in it never reach the shell.
    assert '--out "$OUT"' in _make("briefing", "DATA=datasets/nk-troops-2024/data", "OUT=/tmp/mine")
    assert "--out" not in _make("briefing").splitlines()[-1]
