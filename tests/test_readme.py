"""The README is the map: it must name every data file, seed and notebook, so it cannot drift."""

from __future__ import annotations

import pytest

from helpers.paths import DEFAULT_DATA_DIR, NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.publish.codebook import render_codebook
from helpers.validate.descriptor import load_descriptor
from helpers.validate.limits import CELL_LIMIT, DESCRIPTOR_LIMIT, DOCUMENT_LIMIT, TABLE_LIMIT, size_text

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
# Every table, the descriptor and every notebook: the files a reader of the map looks for. Articles
# under seeds/ come and go with the analyst's work; the README describes the folder.
FILES = [
    *sorted(DEFAULT_DATA_DIR.glob("*.csv")),
    DEFAULT_DATA_DIR / "datapackage.json",
    *sorted(NOTEBOOKS_DIR.glob("*.ipynb")),
]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_readme_names_file(path) -> None:
    assert path.relative_to(PROJECT_ROOT).as_posix() in README


def test_every_described_table_is_a_file() -> None:
    package = load_descriptor(DEFAULT_DATA_DIR)
    assert sorted(r.path for r in package.resources.values()) == sorted(
        p.name for p in DEFAULT_DATA_DIR.glob("*.csv")
    )


def test_codebook_agrees_with_descriptor() -> None:
    expected = render_codebook(load_descriptor(DEFAULT_DATA_DIR))
    assert (DEFAULT_DATA_DIR / "README.md").read_text(encoding="utf-8") == expected


def test_readme_states_the_size_limits_the_code_applies() -> None:
    stated = [
        f"{size_text(TABLE_LIMIT)} per table",
        f"{size_text(DOCUMENT_LIMIT)} per document",
        f"{size_text(DESCRIPTOR_LIMIT)} for the descriptor",
        f"{CELL_LIMIT:,} characters per cell",
    ]
    for limit in stated:
        assert limit in " ".join(README.split()), limit
