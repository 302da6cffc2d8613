"""Every dataset shipped with the workbook validates, and the larger one builds a briefing."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import load_workbook
from helpers.paths import PROJECT_ROOT, REFERENCE_DATA_DIR
from helpers.publish import briefing
from helpers.publish.codebook import render_codebook
from helpers.validate.descriptor import load_descriptor

from .browser import chromium, serious_accessibility_violations, visit

DATASETS = sorted((PROJECT_ROOT / "datasets").glob("*/data"))


def test_a_second_dataset_is_shipped() -> None:
    assert DATASETS, "datasets/<name>/data is missing"


@pytest.mark.parametrize("folder", DATASETS, ids=[p.parent.name for p in DATASETS])
def test_dataset_validates_with_its_own_seeds(folder: Path) -> None:
    wb = load_workbook(folder)
    assert (wb.statements["quote_start"].notna()).all()
    assert set(wb.documents["path"].str.split("/").str[0]) == {"seeds"}
    assert len(wb.documents) >= 8 and wb.documents["outlet"].nunique() >= 5
    assert len(wb.statements) >= 40 and len(wb.troop_claims) >= 12


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("folder", DATASETS, ids=[p.parent.name for p in DATASETS])
def test_dataset_builds_a_briefing_in_its_own_words(folder: Path, tmp_path: Path) -> None:
    index = briefing.build(folder, tmp_path / "out", progress=lambda _: None)
    with chromium() as browser:  # every page of every dataset: no serious accessibility violation
        for page in sorted(index.parent.glob("*.html")):
            with visit(browser, page) as seen:
                assert serious_accessibility_violations(seen.page) == [], page.name
    html = index.read_text(encoding="utf-8")
    wb, seed = load_workbook(folder), load_workbook(REFERENCE_DATA_DIR)
    assert wb.package.title in html
    assert len(list(index.parent.glob("*.html"))) == len(briefing.pages())
    # Nothing that belongs to the seed's one article may reach another dataset's pages: the seed's
    # speakers that this dataset lacks, its title and question, and sentences written for it once.
    pages = " ".join(p.read_text(encoding="utf-8") for p in index.parent.glob("*.html"))
    own = [*folder.glob("*.csv"), *folder.glob("*.json"), *(folder.parent / "seeds").glob("*.txt")]
    own_words = " ".join(p.read_text(encoding="utf-8") for p in own)  # its tables and its documents
    seed_only = [label for label in seed.sources["label"] if label not in own_words]
    seed_only += [seed.package.title, seed.package.description.split("\n\n")[0]]
    seed_only += ["1,500 or 10,000", "The two troop figures differ", "the seed article"]
    found = [phrase for phrase in seed_only if phrase in pages]
    assert found == [], found


@pytest.mark.parametrize("folder", DATASETS, ids=[p.parent.name for p in DATASETS])
def test_dataset_codebook_agrees_with_its_descriptor(folder: Path) -> None:
    expected = render_codebook(load_descriptor(folder))
    assert (folder / "README.md").read_text(encoding="utf-8") == expected, "run `make codebook DATA=...`"
