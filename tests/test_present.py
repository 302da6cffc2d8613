"""The words and tables a reader sees, checked against figures worked out by hand from the seed."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import findings, judged, load_workbook, memo, narrative, tables
from helpers.__main__ import main
from helpers.analysis import troop_counts
from helpers.analysis.judgements import Judgement
from helpers.paths import REFERENCE_DATA_DIR
from helpers.present import claim_words, markdown, sentences

from .conftest import set_cell


@pytest.fixture(scope="module")
def wb():
    return load_workbook(REFERENCE_DATA_DIR)


def test_sentences_join_and_count() -> None:
    assert sentences.and_list([]) == "" and sentences.and_list(["a"]) == "a"
    assert sentences.and_list(["a", "b", "c"]) == "a, b and c"
    assert sentences.counted(1, "hypothesis", "hypotheses") == "1 hypothesis"
    assert sentences.counted(1200, "document") == "1,200 documents"
    assert markdown.bullets([markdown.md("*x*"), markdown.escape("*y*")]) == "- *x*\n- \\*y\\*"
    assert sentences.troop_range({}) == "No troop-number claim remains."
    ranges = {"sent to": (1500.0, 3000.0), "captured": (2.0, 2.0)}
    assert sentences.troop_range(ranges) == "The remaining claims give: 1,500 to 3,000 sent; 2 captured."


def test_ach_sentences_say_ties_as_ties() -> None:
    scores = pd.DataFrame(
        {"label": ["A", "B", "C"], "weighted_inconsistency": [0.0, 0.0, 2.0], "rank": [1, 1, 3]}
    )
    assert sentences.ach_leader(scores) == "“A” and “B” tie with the least evidence against them (0.00)"
    assert sentences.ach_tie(scores) == "without interested parties, “A” and “B” tie"
    assert sentences.ach_tie(scores, scores) is None  # the same tie with everything counted: nothing new
    alone = scores.iloc[[2]].assign(rank=1)
    assert sentences.ach_leader(alone) == "“C” has the least evidence against it (2.00)"
    assert sentences.ach_tie(alone) is None


def test_bottom_line_states_the_analysts_judgements_and_the_computed_check(wb) -> None:
    bottom = str(memo.bottom_line(wb))
    assert bottom.count("\n- ") == 5  # four judgements, the numbers, the hypotheses
    assert (
        "**Very likely (80-95%), low confidence, as of 23 Oct 2024:** North Korea has sent troops to Russia. "
        "*Why:* On Wednesday 23 October Austin said on the record 'There is evidence that there are DPRK "
        "troops in Russia' (S02), revising within days his 'couldn't confirm' (S01), so two governments with "
        "separate collection now affirm: the US (S02) and South Korea's spy agency with its 1,500 sent "
        "(S07). *Computed check:* within one band of the balance; "
        "it clears the minimum of evidence only with interested parties' statements (S13); without them it "
        "cannot assess." in bottom
    )
    assert "the only weighed evidence is one hedged claim by an interested party (S13)" in bottom
    assert (
        "**Troop numbers (computed):** No two claimants' troop counts rule each other out; the two that need "
        "the most change over time to hold together: Zelensky's about 10,000 preparing for combat in Kursk "
        "Oblast (by 23 Oct 2024) and South Korea’s spy agency's about 1,500 sent to Russia (by 21 Oct 2024): "
        "both hold only if at least 5,625 more were sent in at most 9 days" in bottom
    )
    assert "**Competing hypotheses (computed):** The competing hypotheses cannot be ranked: “Combat" in bottom
    frame = judged.judgements_table(wb).frame
    assert frame["Analyst: likelihood"].tolist() == [
        "very likely (80-95%)", "roughly even chance (45-55%)", "unlikely (20-45%)", "likely (55-80%)",
    ]  # fmt: skip
    assert frame["Workbook: evidence balance"].iloc[0] == (
        "very likely (80-95%; A 1.14, D 0.00), low confidence"
    )
    assert frame["Check"].tolist() == ["agrees", *["evidence too thin to assess"] * 3]
    sections = str(judged.judgement_sections(wb))
    assert sections.count("\n### ") == 3 and sections.startswith("### North Korea has sent troops to Russia")
    assert "**Computed check (the workbook's, not a judgement).** Evidence balance: very likely" in sections


def test_a_page_without_judgements_leads_with_computed_balances(wb) -> None:
    bare = wb.with_tables(judgements=wb.judgements.iloc[0:0])
    bottom = str(memo.bottom_line(bare))
    assert "No analyst's judgement is recorded in this data" in bottom
    assert (
        "Computed, not judged: North Korea has sent troops to Russia. The evidence balance reads very likely "
        "(80-95%), low confidence, from 3 independent channels for and 0 against." in bottom
    )


def test_the_caveat_of_a_later_statement_reaches_the_bottom_line(wb) -> None:
    frame = wb.judgements.copy()
    frame.loc[frame["judgement_id"] == "J02", "as_of"] = pd.Timestamp("2024-10-21")
    earlier = wb.with_tables(judgements=frame[frame["judgement_id"] != "J01"].assign(supersedes=None))
    bottom = str(memo.bottom_line(earlier))
    assert "*Since then:* 5 statements on it since 21 October 2024, not weighed in this judgement" in bottom
    assert "S20 (Kim and Lee (opposition), uncertain: “There is nothing clear about whether" in bottom


def test_caveats_count_what_the_data_lacks(wb) -> None:
    caveats = str(narrative.caveats(wb))
    assert "21 statements from 1 document; each names its publisher, graded as a source" in caveats
    assert "16 of 21 statements are the article's rendering" in caveats
    assert "11 statements have no exact date" in caveats
    assert "balance beside each is the workbook's computation" in caveats


def test_findings_speak_in_whole_sentences(wb) -> None:
    reliability = str(findings.reliability(wb))
    assert (
        "7 of 15 graded statements are probably true or better; 0 doubtful or improbable; 4 carry no "
        "weight (a link graded F, credibility 6, or self-serving). 6 statements are not about facts"
        in reliability
    )
    assert "5 of 11 sources are interested parties; their best grade is C." in reliability
    troops = str(findings.troop_numbers(wb))
    assert "0 are one claimant's revisions, 0 compare directly" in troops and "0 pairs cannot both" in troops
    assert (
        "Zelensky (C3, an interested party): 10,000 preparing for combat, possible, hedged (“could be”)."
        in troops
    )
    # without Zelensky's claim (carried by implication) the balance has too little left to assess
    assert (
        "The balance on “North Korea has sent troops to Russia” moves from very likely to cannot assess "
        "without interested parties." in str(findings.what_if(wb))
    )


def test_troop_findings_without_claims_say_so(wb) -> None:
    none = wb.with_tables(troop_claims=wb.troop_claims.iloc[0:0])
    assert str(findings.troop_numbers(none)) == "- The data holds no troop-number claim."


def test_tables_carry_the_grades_and_colours(wb) -> None:
    sources = tables.sources_table(wb).frame.set_index("Source")
    assert sources.at["South Korea’s spy agency", "Reliability"] == "B Usually reliable"
    assert sources.at["North Korea’s UN envoy", "Channel"] == "north-korea-government"
    ach = tables.ach_table(wb)
    assert list(ach.frame.columns[:3]) == ["ID", "Source", "Grade"]
    assert len(ach.frame) == 16  # the 15 rated statements and the evidence expected but absent (I07)
    assert ach.frame.iloc[-1][["ID", "Source", "Grade"]].tolist() == ["absent: I07", "expected, not seen", ""]
    assert "background-color: #F2A982" in ach.to_html()  # II is shaded
    bundle = ach._repr_mimebundle_()
    assert "S13" in bundle["text/plain"] and "<table" in bundle["text/html"]


def test_cli_codebook_check_and_execute_selection(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["codebook", str(workspace), "--check"]) == 0
    (workspace / "README.md").write_text("stale\n", encoding="utf-8")
    assert main(["codebook", str(workspace), "--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["codebook", str(workspace)]) == 0
    assert (workspace / "README.md").read_text(encoding="utf-8").startswith("# Codebook: ")
    (workspace / "datapackage.json").write_text("{", encoding="utf-8")
    assert main(["codebook", str(workspace)]) == 1
    assert "breaks rule 'invalid-json'" in capsys.readouterr().err


def test_question_comes_from_the_data_package(wb, workspace: Path) -> None:
    assert str(narrative.question(wb)) == (
        "**Claims about North Korean troops in Russia, October 2024.** Did North Korea "
        "send troops to Russia in October 2024, how many, for what, and whom should we believe?"
    )
    retold = load_workbook(workspace)
    package = dataclasses.replace(retold.package, title="<b>T</b>", description="")
    bare = dataclasses.replace(retold, package=package)
    assert str(narrative.question(bare)) == "**&lt;b&gt;T&lt;/b&gt;**"  # escaped; no question, no label


def test_only_a_documents_own_url_is_a_link(workspace: Path) -> None:
    set_cell(workspace / "sources.csv", "russia", "name", "Russia https://evil.example/x")
    set_cell(workspace / "documents.csv", "seed-000", "url", "https://example.org/a?b=1&c=<2>")
    wb = load_workbook(workspace)
    documents = tables.documents_table(wb)._repr_mimebundle_()["text/html"]
    sources = tables.sources_table(wb)._repr_mimebundle_()["text/html"]
    links = re.findall(r"<a [^>]*>", documents + sources)
    urls = wb.documents["url"].dropna()
    assert len(links) == len(urls) and all('rel="noopener noreferrer"' in a for a in links)
    assert "evil.example" not in "".join(links)


def _judgement(rationale: str, supersedes: str = "") -> Judgement:
    return Judgement(
        "J09", "p", "P.", "fact", pd.Timestamp("2025-01-13"), "likely", "55-80%", "low", rationale,
        (), "", "", supersedes, None, "cannot assess",
    )  # fmt: skip


def test_a_reason_is_the_judgements_own_not_the_recap_of_the_one_it_supersedes() -> None:
    recap = "The November judgement (J03) held it almost certain on counts (S31). "
    assert memo.reason(_judgement(recap + "Since then Kirby said so (S50).", "J03")) == (
        "Since then Kirby said so (S50)."
    )
    stands = "The November judgement (J03) stands and is strengthened: the Pentagon confirmed it (S44). More."
    assert memo.reason(_judgement(stands, "J03")) == "The Pentagon confirmed it (S44)."
    assert memo.reason(_judgement(recap, "J03")) == recap.strip()  # nothing else: the recap it is
    # a new subject joined to the recap keeps its words: who says it is part of the reason
    joined = "The judgement (J03) stands, and the NIS now gives its size: 15,000 sent (S89). More."
    assert memo.reason(_judgement(joined, "J03")) == "The NIS now gives its size: 15,000 sent (S89)."
    bracketed = "The judgement (J03) rested on the NIS (S45, C2: through a lawmaker). Since then more."
    assert memo.reason(_judgement(bracketed, "J03")) == "Since then more."  # a colon in brackets is no clause
    assert memo.reason(_judgement(recap + "Since then.", "")) == recap.strip()  # supersedes nothing


def test_a_long_reason_is_cut_at_a_clause() -> None:
    long = "Austin said it (S02), " + "and more words follow here, " * 12 + "the end."
    cut = memo.reason(_judgement(long))
    assert len(cut) <= memo.REASON_CHARS and cut.endswith("here…") and cut.startswith("Austin said it (S02),")


def test_forecasts_and_plans_are_named_on_the_bottom_line() -> None:
    lines = narrative.troop_lines(load_workbook(REFERENCE_DATA_DIR))
    assert not any("forecast" in line for line in lines)  # the frozen seed has none
    table = pd.DataFrame(
        {
            "source": ["Zelensky"], "count": [10_000], "count_low": [None], "count_high": [None],
            "bound": ["about"], "measure": ["in combat"], "place": ["kursk-oblast"],
            "modality": ["intended"], "as_of": [pd.Timestamp("2024-10-23")],
            "as_of_precision": ["on or before"],
        }
    )  # fmt: skip
    words = claim_words.claim_words(table.iloc[0], troop_counts.Gazetteer({}, {}))
    assert words == "Zelensky's about 10,000 in combat in kursk-oblast (a plan or intention, by 23 Oct 2024)"
