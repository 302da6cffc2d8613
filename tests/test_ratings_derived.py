"""ACH ratings derived from the grid of what each hypothesis expects (``expectations.csv``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import DataError, Kind, load_workbook
from helpers.curate.derived_ratings import DERIVED, derive_ratings
from helpers.curate.ratings import PROPOSED, propose_ratings

# H1 expects troops in Russia; H2 expects none; H3 (the residual) declares nothing. Combat in Kursk
# is narrower: it implies troops in Russia, and only H1 declares it.
GRID = pd.DataFrame(
    {
        "hypothesis_id": ["H1", "H2", "H1"],
        "proposition_id": ["in-russia", "in-russia", "in-kursk"],
        "expects": [True, False, True],
        "rationale": [
            "A deployment puts North Korean soldiers in Russia.",
            "If the reports are mistaken, no troops are in Russia.",
            "A combat deployment takes them to the Kursk front.",
        ],
    }
)
PROPOSITIONS = pd.DataFrame({"proposition_id": ["in-russia", "in-kursk"], "implies": ["", "in-russia"]})
HYPOTHESES = pd.Series(["H1", "H2", "H3"])


def _derived(stance: str, proposition: str = "in-russia", admission: bool = False) -> dict[str, tuple]:
    new = pd.DataFrame([{"statement_id": "S9", "proposition_id": proposition, "stance": stance}])
    out = derive_ratings(new, [admission], GRID, HYPOTHESES, PROPOSITIONS)
    return {
        h: (r, rel, why)
        for h, r, rel, why in out[["hypothesis_id", "rating", "relevance", "rationale"]].values
    }


def test_a_statement_reads_the_grid_by_its_stance() -> None:
    said = _derived("affirms")
    assert {h: v[:2] for h, v in said.items()} == {"H1": ("C", "medium"), "H2": ("I", "medium")}
    assert said["H1"][2].startswith(DERIVED) and "H1 expects in-russia to be true" in said["H1"][2]
    assert "A deployment puts North Korean soldiers in Russia." in said["H1"][2]  # the analyst's reason
    denied = _derived("denies")
    assert {h: v[:2] for h, v in denied.items()} == {"H1": ("I", "medium"), "H2": ("C", "medium")}
    weak = _derived("no evidence")  # weak evidence against: the same side, low relevance
    assert {h: v[:2] for h, v in weak.items()} == {"H1": ("I", "low"), "H2": ("C", "low")}
    assert _derived("uncertain") == {}  # no side, nothing to read


def test_an_admission_is_very_consistent_or_very_inconsistent_and_highly_relevant() -> None:
    said = _derived("affirms", admission=True)
    assert {h: v[:2] for h, v in said.items()} == {"H1": ("CC", "high"), "H2": ("II", "high")}


def test_affirming_the_narrower_reads_the_broader_denying_it_does_not() -> None:
    said = _derived("affirms", "in-kursk")
    assert said["H1"][0] == "C" and "H1 expects in-kursk" in said["H1"][2]  # its own declaration first
    assert said["H2"][0] == "I" and "through in-russia, which in-kursk implies" in said["H2"][2]
    denied = _derived("denies", "in-kursk")  # no troops in Kursk says nothing of Russia
    assert set(denied) == {"H1"} and denied["H1"][0] == "I"


def test_the_analysts_own_precedents_come_first_and_the_grid_fills_where_none_is() -> None:
    # S1, a report from no stake on the same side of the same proposition, was rated under H1 and
    # H3: those ratings, the analyst's own for a statement like it, are proposed; under H2 nothing
    # like it was rated, so the grid speaks.
    statements = pd.DataFrame(
        {"statement_id": ["S1"], "source_id": ["nis"], "proposition_id": ["in-russia"], "stance": ["affirms"]}
    )
    ratings = pd.DataFrame(
        {
            "statement_id": ["S1", "S1"],
            "hypothesis_id": ["H1", "H3"],
            "rating": ["CC", "N"],
            "relevance": ["high", "low"],
            "rationale": ["Seen in Russia by the spy agency.", "Says nothing of it."],
        }
    )
    sources = pd.DataFrame({"source_id": ["nis"], "interested": ["false"]})
    new = pd.DataFrame(
        [{"statement_id": "S9", "source_id": "nis", "proposition_id": "in-russia", "stance": "affirms"}]
    )
    got = propose_ratings(new, statements, ratings, HYPOTHESES, sources, PROPOSITIONS, GRID)
    assert list(got["hypothesis_id"]) == ["H1", "H2", "H3"]  # in the hypotheses' order
    by = got.set_index("hypothesis_id")
    assert (by.at["H1", "rating"], by.at["H3", "rating"]) == ("CC", "N")  # the analyst's own
    assert by.at["H1", "rationale"].startswith(PROPOSED) and by.at["H3", "rationale"].startswith(PROPOSED)
    assert by.at["H2", "rating"] == "I" and by.at["H2", "rationale"].startswith(DERIVED)  # the grid


def test_a_self_serving_statement_stays_n_everywhere_whatever_the_grid() -> None:
    new = pd.DataFrame(
        [{"statement_id": "S9", "source_id": "kcna", "proposition_id": "in-russia", "stance": "denies",
          "self_serving": "true"}]
    )  # fmt: skip
    sources = pd.DataFrame({"source_id": ["kcna"], "interested": ["true"]})
    got = propose_ratings(new, new.iloc[0:0], pd.DataFrame(columns=["statement_id", "hypothesis_id", "rating",
                          "relevance", "rationale"]), HYPOTHESES, sources, PROPOSITIONS, GRID)  # fmt: skip
    assert set(got["rating"]) == {"N"}


STANCES = st.sampled_from(["affirms", "denies", "no evidence", "uncertain", "conditional"])


@given(
    expects=st.dictionaries(st.sampled_from(["H1", "H2", "H3"]), st.booleans()),
    stance=STANCES,
    admission=st.booleans(),
)
def test_a_derived_rating_is_the_grid_read_by_the_stance(
    expects: dict[str, bool], stance: str, admission: bool
) -> None:
    grid = pd.DataFrame(
        {
            "hypothesis_id": list(expects),
            "proposition_id": ["p"] * len(expects),
            "expects": list(expects.values()),
            "rationale": ["Because the hypothesis says so."] * len(expects),
        }
    )
    new = pd.DataFrame([{"statement_id": "S1", "proposition_id": "p", "stance": stance}])
    got = derive_ratings(new, [admission], grid, HYPOTHESES).set_index("hypothesis_id")
    side = {"affirms": True, "denies": False, "no evidence": False}.get(stance)
    if side is None:
        assert got.empty
        return
    assert set(got.index) == set(expects)  # a rating only where the hypothesis declared one
    for hid, expected in expects.items():
        strong = "CC" if admission else "C"
        weak = "II" if admission else "I"
        assert got.at[hid, "rating"] == (strong if expected == side else weak)


def test_an_expectation_is_declared_only_of_a_fact(workspace: Path) -> None:
    wb = load_workbook(workspace)
    kinds = dict(zip(wb.propositions["proposition_id"], wb.propositions["kind"], strict=True))
    fact = next(p for p, k in kinds.items() if k == "fact")
    other = next(p for p, k in kinds.items() if k != "fact")
    hid = str(wb.hypotheses["hypothesis_id"].iloc[0])
    grid = workspace / "expectations.csv"
    grid.write_text(
        "hypothesis_id,proposition_id,expects,rationale\n"
        f"{hid},{fact},true,The hypothesis expects this fact to hold.\n",
        encoding="utf-8",
    )
    _declare(workspace)
    assert len(load_workbook(workspace).expectations) == 1  # a fact: loads
    with grid.open("a", encoding="utf-8") as file:
        file.write(f"{hid},{other},true,The hypothesis expects this to hold too.\n")
    with pytest.raises(DataError) as raised:
        load_workbook(workspace)
    [problem] = [p for p in raised.value.problems if p.kind is Kind.EXPECTATION_NOT_FACT]
    assert (Path(problem.file).name, problem.line, problem.column) == (
        "expectations.csv",
        3,
        "proposition_id",
    )
    assert f"{other} is a" in problem.detail and "not a fact" in problem.detail


def _declare(folder: Path) -> None:
    """Add the declared expectations resource to the folder's descriptor, as the schema declares it."""
    import json

    from helpers.schema import BY_NAME
    from helpers.schema.table_schema import resource_descriptor

    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"].append(resource_descriptor(BY_NAME["expectations"]))
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def test_the_shipped_grids_load_and_every_rating_they_derive_is_marked() -> None:
    # Every dataset declares a grid: it loads, and what it derives is marked derived.
    from helpers.paths import PROJECT_ROOT

    folders = [p.parent for p in PROJECT_ROOT.glob("datasets/*/data/expectations.csv")]
    assert len(folders) == len(list(PROJECT_ROOT.glob("datasets/*/data/datapackage.json")))
    for folder in folders:
        wb = load_workbook(folder)
        facts = set(wb.propositions.loc[wb.propositions["kind"] == "fact", "proposition_id"])
        assert set(wb.expectations["proposition_id"]) <= facts
        said = wb.statements[wb.statements["proposition_id"].isin(wb.expectations["proposition_id"])]
        out = derive_ratings(
            said, [False] * len(said), wb.expectations, wb.hypotheses["hypothesis_id"], wb.propositions
        )
        assert len(out) and out["rationale"].str.startswith(DERIVED).all()
