"""Notebook 08's review driven from Python: decisions, grades, the ACH grid, and adding to the data,
which validates first and writes every table at once, or nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import load_workbook
from helpers.curate.draft.review import Review, marked
from helpers.curate.draft.sample import Session, open_session

from .draftdata import ARTICLE, make_data, new_review

RATIONALE = "Graded in the test on the statement's own merits."


@pytest.fixture
def review(tmp_path: Path) -> Review:
    return new_review(tmp_path)


def _files(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.parent.rglob("*") if p.is_file()}


def _grade(review: Review) -> None:
    """Grade what the analyst must: credibility of facts, every rationale, the new source, ACH."""
    for i in range(len(review.rows)):
        review.picker.value = i
        if not review.fields["credibility"].disabled:
            review.fields["credibility"].value = "3"
        review.fields["credibility_rationale"].value = RATIONALE
    review.source_fields[(0, "reliability")].value = "D"
    review.source_fields[
        (0, "reliability_rationale")
    ].value = "A belligerent whose statements serve its war effort."
    for i in review.claims.index:  # every troop number read and accepted
        review.claim_fields[(i, "decision")].value = "accept"
    review.refresh_grid()
    for rating, relevance, rationale in review.cells.values():
        rating.value, relevance.value, rationale.value = "N", "low", "As likely under each hypothesis here."


def test_the_quote_is_marked_in_the_escaped_text() -> None:
    assert marked("a <b> said “x” & more", 11, 14) == "a &lt;b&gt; said <mark>“x”</mark> &amp; more"


def test_decisions_and_edits(review: Review) -> None:
    # S04 was drafted with low confidence: it starts as "check" and is not added unless accepted
    assert list(review.rows["confidence"]) == ["medium", "medium", "low"]
    assert list(review.rows["decision"]) == ["accept", "accept", "check"]
    review.picker.value = 2
    assert "<mark>Russia denied the reports" in review.document.value
    review.decision.value = "reject"
    review.picker.value = 1
    review.fields["hedge"].value = "expect more"
    assert review.rows.at[1, "hedge"] == "expect more" and review.rows.at[1, "decision"] == "edit"
    assert list(review.accepted()["statement_id"]) == ["S02", "S03"]
    assert review.fields["credibility"].disabled  # S03 is on a forecast: not graded
    review.picker.value = 0
    assert not review.fields["credibility"].disabled  # S02 is on a fact


def test_the_ach_grid_has_a_row_per_accepted_fact_and_a_column_per_hypothesis(review: Review) -> None:
    assert sorted(review.cells) == [("S02", "H1"), ("S02", "H2")]  # S04 is still to check
    review.picker.value = 2
    review.decision.value = "accept"
    review.refresh_grid()
    assert sorted(review.cells) == [("S02", "H1"), ("S02", "H2"), ("S04", "H1"), ("S04", "H2")]
    review.picker.value = 2
    review.decision.value = "reject"
    review.refresh_grid()
    assert sorted(review.cells) == [("S02", "H1"), ("S02", "H2")]
    review.cells[("S02", "H1")][0].value = "C"
    review.refresh_grid()  # a rating outlives a rebuild
    assert review.cells[("S02", "H1")][0].value == "C"
    assert review.cells[("S02", "H1")][0].description == "H1 rating"  # every drop-down is labelled
    assert "S02" in review.ach()._repr_mimebundle_()["text/html"]


def test_the_grid_starts_from_the_analysts_own_ratings_of_statements_like_each(review: Review) -> None:
    # S02 affirms the proposition the curated S01 affirms: the analyst rated S01, so S02 starts there
    curated = review.wb.ach_ratings.set_index(["statement_id", "hypothesis_id"])
    for hid in ("H1", "H2"):
        rating, relevance, why = review.cells[("S02", hid)]
        assert rating.value == curated.at[("S01", hid), "rating"] and "S01" in why.value
        assert relevance.value == curated.at[("S01", hid), "relevance"]
    rating = review.cells[("S02", "H1")][0]
    rating.value = "II" if rating.value != "II" else "I"  # the analyst's edit wins over a rebuild
    review.refresh_grid()
    assert (
        review.cells[("S02", "H1")][0].value in ("I", "II")
        and review.ratings[("S02", "H1")]["proposed"] == ""
    )


def test_ungraded_rows_are_refused_and_nothing_is_written(review: Review) -> None:
    before = _files(review.folder)
    added = review.add()
    assert not added.written
    assert "statements.csv" in added.problems and "credibility_rationale" in added.problems
    assert "nothing was written" in review.result_html.value
    assert _files(review.folder) == before


def test_graded_rows_are_added_with_the_next_free_ids(review: Review) -> None:
    folder = review.folder
    before = {name: (folder / f"{name}.csv").read_bytes() for name in ("statements", "troop_claims")}
    review.picker.value = 1
    review.decision.value = "reject"  # the forecast stays out
    _grade(review)
    added = review.add()
    assert added.written, added.problems
    wb = load_workbook(folder)  # the data validates with the new rows
    assert list(wb.documents["document_id"]) == ["D01", "D02"]
    assert list(wb.statements["statement_id"]) == ["S01", "S02", "S03"]  # renumbered, no gap
    new = wb.statements.set_index("statement_id")
    assert new.at["S03", "source_id"] == "russia" and new.at["S03", "quote"].startswith("Russia denied")
    assert list(wb.troop_claims["statement_id"]) == ["S01", "S02"]
    assert len(wb.ach_ratings) == 6 and set(wb.sources["source_id"]) == {
        "nis",
        "blinken",
        "reuters",
        "russia",
    }
    assert (folder.parent / "seeds" / "002_new.txt").read_text(encoding="utf-8") == ARTICLE
    for name, old in before.items():  # the curated rows' bytes are kept, the new ones come after
        assert (folder / f"{name}.csv").read_bytes().startswith(old)
    assert "added: 1 document, 1 source, 2 statements" in added.summary()


def test_the_sample_session_never_touches_the_data_folder(tmp_path: Path) -> None:
    folder = make_data(tmp_path)
    before = _files(folder)
    session = open_session(data=str(folder))
    assert session.sample and session.folder != folder
    session.review.add()
    assert _files(folder) == before
    bundle = session.review._repr_mimebundle_()
    assert "text/html" in bundle and "Review of" in bundle["text/plain"]
    assert "sample article" in session.findings_text()
    frame = session.table().frame
    assert list(frame.columns)[:2] == ["statement_id", "confidence"]
    assert isinstance(frame, pd.DataFrame)


def test_every_field_of_every_row_is_editable(review: Review) -> None:
    # the document's title and excerpt, a troop number's as-of date, a new source's id (and every row
    # that names it follows); a yes/no field offers two options, never a list of the data's spellings
    review.document_fields["title"].value = "Seoul: the agency's count"
    review.document_fields["excerpt"].value = "true"
    first = next(iter(review.claims.index))
    review.claim_fields[(first, "as_of")].value = "2024-10-20"
    review.claim_fields[(first, "as_of_precision")].value = "on or before"
    assert list(review.source_fields[(0, "interested")].options) == ["false", "true"]
    old = str(review.sources.at[0, "source_id"])
    review.source_fields[(0, "source_id")].value = "kremlin"
    tables = review.tables()
    assert tables["documents"].iloc[0]["title"] == "Seoul: the agency's count"
    assert tables["documents"].iloc[0]["excerpt"] == "true"
    assert review.claims.at[first, "as_of"] == "2024-10-20" and review.claims.at[first, "decision"] == "edit"
    assert old not in set(review.rows["source_id"]) | set(review.rows["reported_by"])
    assert "kremlin" in set(review.rows["source_id"]) and "kremlin" in set(review.sources["source_id"])
    assert any(value == "kremlin" for _, value in review.fields["source_id"].options)


def test_after_an_add_the_judgements_it_bears_on_are_prompted(tmp_path: Path) -> None:
    from helpers.curate.draft.sample import Session
    from helpers.present.prompted import DRAFTED

    folder = make_data(tmp_path)
    with (folder / "judgements.csv").open("a", encoding="utf-8") as file:
        file.write(
            "J01,troops-in-russia,2024-10-18,likely,low,One count from the spy agency.,The agency reports "
            "its own collection,A second government confirms,Watch,\n"
        )
    fresh = new_review(tmp_path / "again")  # the draft, against a folder of its own
    wb = load_workbook(folder)
    review = Review(fresh.draft, wb, folder, fresh.article)
    session = Session(fresh.draft, wb, folder, review, sample=False)
    assert session.prompts() == []  # nothing added yet
    review.picker.value = 1
    review.decision.value = "reject"
    _grade(review)
    assert review.add().written
    found = session.prompts()
    assert [p.judgement.judgement_id for p in found] == ["J01"] and found[0].statement_ids
    said = str(session.findings_text())
    assert "bear on 1 current judgement" in said and "J02 (drafted) supersedes J01" in said
    assert "S03 (drafted as S04)" in said  # adding renumbered it: the id the analyst reviewed is named
    row = session.drafted_judgements().iloc[0]
    assert (row["judgement_id"], row["supersedes"], row["likelihood"]) == ("J02", "J01", "likely")
    assert row["rationale"].startswith(DRAFTED)  # a draft, never read as the analyst's words
    # accepted as drafted, the row validates
    frame = pd.read_csv(folder / "judgements.csv", dtype=str, keep_default_na=False)
    pd.concat([frame, row.to_frame().T], ignore_index=True).to_csv(
        folder / "judgements.csv", index=False, lineterminator="\n"
    )
    assert len(load_workbook(folder).judgements) == 2


HOSTILE = "Troops seen | <img src=x> ## at *www.front.example*"  # markup in an indicator's text


def _added_with_indicators(root: Path) -> tuple[Session, Path]:
    """The draft added (the forecast left out) to a small data folder holding J01, on what the new
    statements bear on, J02, on the forecast, and indicators on each (I01 with markup in its text and
    notes, I02) and on the hypothesis H1 (I03)."""
    folder = make_data(root)
    with (folder / "judgements.csv").open("a", encoding="utf-8") as file:
        file.write(
            "J01,troops-in-russia,2024-10-18,likely,low,One count from the spy agency.,The agency reports "
            "its own collection,A second government confirms,Watch,\n"
            "J02,more-units,2024-10-18,roughly even chance,low,Nothing has been said on it yet.,"
            "The sender decides,Anyone says so,,\n"
        )
    with (folder / "indicators.csv").open("a", encoding="utf-8") as file:
        file.write(
            f'I01,"{HOSTILE}",J01,raises,not seen,2024-10-18,"None yet <b>$5</b> | [x](y)"\n'
            "I02,A second government says more units are on their way.,J02,raises,not seen,2024-10-18,\n"
            "I03,Imagery of North Korean units in Russia is published.,H1,supports,absent,2024-10-18,\n"
        )
    fresh = new_review(root / "again")
    wb = load_workbook(folder)
    review = Review(fresh.draft, wb, folder, fresh.article)
    session = Session(fresh.draft, wb, folder, review, sample=False)
    assert session.indicator_prompts() == [] and session.drafted_indicators().empty  # nothing added yet
    review.picker.value = 1
    review.decision.value = "reject"  # the forecast stays out: nothing new bears on J02
    _grade(review)  # every kept statement rated N under H1 and H2
    assert review.add().written
    return session, folder


def test_after_an_add_the_indicators_it_bears_on_are_prompted(tmp_path: Path) -> None:
    from helpers.present.prompted import DRAFTED

    session, folder = _added_with_indicators(tmp_path)
    found = session.indicator_prompts()
    assert [f.indicator_id for f in found] == ["I01", "I03"]  # I02, on an unrelated judgement, is not
    assert found[0].judgement is not None and found[0].statement_ids == ("S02", "S03")
    assert found[1].judgement is None and found[1].ratings == (("S02", "N"), ("S03", "N"))
    superseding = session.drafted_judgements()
    assert list(superseding["supersedes"]) == ["J01"] and list(superseding["judgement_id"]) == ["J03"]
    rows = session.drafted_indicators().set_index("indicator_id")
    i01 = rows.loc["I01"]  # moved to the drafted row superseding J01; direction, status, as-of unchanged
    assert (i01["bears_on"], i01["direction"], i01["status"], i01["as_of"]) == (
        "J03", "raises", "not seen", "2024-10-18"
    )  # fmt: skip
    assert i01["notes"].startswith(f"{DRAFTED} S02 and S03 bear on J01, which J03 (drafted) supersedes")
    assert (rows.at["I03", "bears_on"], rows.at["I03", "status"]) == ("H1", "absent")
    assert rows.at["I03", "notes"].startswith(f"{DRAFTED} S02 and S03 were rated under H1 (S02 N, S03 N)")
    said = str(session.findings_text())
    assert "bear on 2 indicators" in said and "I02" not in said
    assert "points at J01, which S02 and S03 (drafted as S04) bear on" in said  # the ids reviewed named
    assert "if J03 (drafted) supersedes J01, point it at J03" in said
    assert "I01 (drafted): bears on J03" in said and "I03 (drafted): bears on H1" in said
    # copied over its row, beside the drafted judgement, the drafted indicator row validates
    judged = pd.read_csv(folder / "judgements.csv", dtype=str, keep_default_na=False)
    pd.concat([judged, superseding.astype(str)], ignore_index=True).to_csv(
        folder / "judgements.csv", index=False, lineterminator="\n"
    )
    table = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    watched = table.set_index("indicator_id")
    watched.loc[rows.index] = rows[watched.columns]
    watched.reset_index().to_csv(folder / "indicators.csv", index=False, lineterminator="\n")
    after = load_workbook(folder).indicators.set_index("indicator_id")
    assert after.at["I01", "bears_on"] == "J03" and after.at["I01", "notes"].startswith(DRAFTED)


def test_an_indicators_words_stay_text_in_the_findings(tmp_path: Path) -> None:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    session, _ = _added_with_indicators(tmp_path)
    rendered = markdown2html_mistune(str(session.findings_text()))  # as Markdown
    assert "<img" not in rendered and "<b>" not in rendered and "<h2" not in rendered
    assert "<em>www" not in rendered and "Troops seen | &lt;img src=x&gt; ## at *www" in rendered
    shown = session.findings().html()  # the live findings: HTML that reads as the data's characters
    assert "<img" not in shown and "<em>www" not in shown and "<b>" not in shown
    assert "Troops seen | &lt;img src=x&gt; ## at *www.front.example*" in shown
    assert "None yet &lt;b&gt;&#36;5&lt;/b&gt; | [x](y)" in shown and "<li>I01 (drafted)" in shown


def test_decisions_outlive_the_kernel(tmp_path: Path) -> None:
    # Every decision is saved in the draft folder as it is made; a new review of the same draft (a
    # restarted kernel) starts from them, and the draft's own CSVs are never changed.
    fresh = new_review(tmp_path)
    store = tmp_path / "draft"
    store.mkdir()
    review = Review(fresh.draft, fresh.wb, fresh.folder, fresh.article, store=store)
    review.picker.value = 2
    review.decision.value = "accept"
    review.fields["hedge"].value = "as I read it"
    review.source_fields[(0, "reliability")].value = "D"
    review.document_fields["title"].value = "My title"
    review.refresh_grid()
    review.cells[("S04", "H1")][0].value = "II"
    again = Review(new_review(tmp_path / "restart").draft, fresh.wb, fresh.folder, fresh.article, store=store)
    assert list(again.rows["decision"]) == ["accept", "accept", "edit"]
    assert again.rows.iloc[2]["hedge"] == "as I read it"
    assert again.sources.at[0, "reliability"] == "D" and again.source_fields[(0, "reliability")].value == "D"
    assert again.document_fields["title"].value == "My title"
    assert again.cells[("S04", "H1")][0].value == "II" and again.ratings[("S04", "H1")]["proposed"] == ""
    # a row the analyst adds to the draft by hand (one the drafter missed) loses no earlier decision
    grown = new_review(tmp_path / "grown").draft
    extra = grown.statements.iloc[[0]].assign(statement_id="S99")
    grown.statements = pd.concat([grown.statements, extra], ignore_index=True)
    third = Review(grown, fresh.wb, fresh.folder, fresh.article, store=store)
    assert list(third.rows["decision"]) == ["accept", "accept", "edit", "accept"]
    assert third.sources.at[0, "reliability"] == "D" and third.rows.iloc[2]["hedge"] == "as I read it"
    # a damaged file is no crash: the review starts from the draft
    (store / "decisions.json").write_text("{not json", encoding="utf-8")
    assert (
        list(Review(fresh.draft, fresh.wb, fresh.folder, fresh.article, store=store).rows["decision"])[2]
        == "check"
    )


def test_every_declared_column_reaches_the_draft_and_the_review(review: Review) -> None:
    # The draft tables carry every column the schema declares (an optional one blank), and the
    # review shows a field for each that is not a key: a column added to the declaration needs no
    # other edit to reach either.
    from helpers.schema import BY_NAME

    for name, frame in review.draft.tables().items():
        missing = set(BY_NAME[name].column_names) - set(frame.columns)
        assert not missing, f"{name}: {sorted(missing)} missing from the draft"
    keys = {"statement_id", "document_id", "claim_id"}
    shown = set(review.fields) | {name for _, name in review.claim_fields}
    for name in ("statements", "troop_claims"):
        assert set(BY_NAME[name].column_names) - keys <= shown, name


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("header-only", "a draft holds one document row, not 0"),
        ("folder-as-article", "is not a file"),
        ("conflict", "line 3: a conflict marker (=======) left by a merge"),
        ("offsets", "quote_start must be a whole number in every row"),
    ],
)
def test_a_damaged_draft_is_one_sentence(tmp_path: Path, damage: str, message: str) -> None:
    from helpers.curate.draft.command import write_draft
    from helpers.curate.draft.sample import DraftUnreadable, read_draft

    review = new_review(tmp_path)
    folder = tmp_path / "draft"
    write_draft(review.draft, folder)
    article = tmp_path / "002_new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    documents = pd.read_csv(folder / "documents.csv", dtype=str, keep_default_na=False)
    documents["article_file"] = str(article)
    documents.to_csv(folder / "documents.csv", index=False)
    read_draft(folder)  # whole, it reads
    if damage == "header-only":
        documents.head(0).to_csv(folder / "documents.csv", index=False)
    elif damage == "folder-as-article":
        documents.assign(article_file=str(tmp_path)).to_csv(folder / "documents.csv", index=False)
    elif damage == "conflict":
        lines = (folder / "statements.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        lines[2:2] = ["=======\n"]
        (folder / "statements.csv").write_text("".join(lines), encoding="utf-8")
    else:
        statements = pd.read_csv(folder / "statements.csv", dtype=str, keep_default_na=False)
        statements.loc[0, "quote_start"] = "twelve"
        statements.to_csv(folder / "statements.csv", index=False)
    with pytest.raises(DraftUnreadable) as raised:
        read_draft(folder)
    assert message in str(raised.value) and raised.value._render_traceback_() == [
        f"draft not opened: {raised.value}"
    ]


def test_the_mark_follows_an_edited_quote(review: Review) -> None:
    # the article view marks the quote as it now stands, found in the text; a quote the article does
    # not hold verbatim is said so beside it, and nothing (the drafted span least of all) is marked
    review.picker.value = 0
    review.fields["quote"].value = "North Korea had sent about 1,500 troops"
    assert "<mark>North Korea had sent about 1,500 troops</mark>" in review.document.value
    review.picker.value = 1
    review.picker.value = 0  # shown again, the edit is still what is marked
    assert "<mark>North Korea had sent about 1,500 troops</mark>" in review.document.value
    review.fields["quote"].value = "North Korea sent 1,500 troops"  # not the article's words
    assert "<mark>" not in review.document.value
    assert "The quote is not in the article verbatim" in review.document.value
    from helpers.curate.draft.review import quote_span

    assert quote_span(ARTICLE, "Russia", 0, 5) == (ARTICLE.index("Russia"), ARTICLE.index("Russia") + 6)
    assert quote_span(ARTICLE, "the reports", 0, 3) is not None and quote_span(ARTICLE, "", 0, 0) is None


def test_the_speaker_lists_follow_a_renamed_source(review: Review) -> None:
    # a new source's label and id edited: the Speaker and Relayed-by options say what they now are,
    # and every statement keeps its speaker, following the id; a blank or taken id on the way merges
    # nothing
    review.picker.value = 2  # S04, said by the new source
    assert review.fields["source_id"].value == "russia"
    review.source_fields[(0, "label")].value = "Kremlin"
    labels = [label for label, _ in review.fields["source_id"].options]
    assert "Kremlin (new: russia)" in labels and not any(label.startswith("Russia (") for label in labels)
    assert "Kremlin (new: russia)" in [label for label, _ in review.fields["reported_by"].options]
    for typed in ("", "nis", "kremlin"):  # typed one keystroke at a time, cleared first
        review.source_fields[(0, "source_id")].value = typed
    assert ("Kremlin (new: kremlin)", "kremlin") in review.fields["source_id"].options
    assert review.fields["source_id"].value == "kremlin" and review.rows.at[2, "source_id"] == "kremlin"
    assert list(review.rows["source_id"]) == ["nis", "blinken", "kremlin"]  # nis's row is still nis's
    assert set(review.rows["reported_by"]) <= {"", "reuters"}  # a blank relay stays blank
    assert review.rows.at[2, "decision"] == "check"  # new options are no edit of the statement
    review.picker.value = 0
    assert review.fields["source_id"].value == "nis"


def test_a_new_source_is_accepted_or_rejected(review: Review) -> None:
    folder = review.folder
    before = _files(folder)
    review.picker.value = 2
    review.decision.value = "accept"  # S04 is kept, and names the new source
    review.source_fields[(0, "decision")].value = "reject"
    assert "(new, rejected: russia)" in review.fields["source_id"].options[-1][0]
    added = review.add()
    assert not added.written and _files(folder) == before
    said = added.summary()
    assert "statement S04 names the rejected source russia as its speaker" in said and "\n" not in said
    assert "statement S04 names the rejected source russia" in review.result_html.value
    review.picker.value = 2
    review.decision.value = "reject"  # the statement goes: the rejected source goes with it
    review.picker.value = 1
    review.decision.value = "reject"
    _grade(review)
    assert review.sources.at[0, "decision"] == "reject"  # grading it does not take it back
    assert review.tables()["sources"].empty and "decision" not in review.tables()["sources"]
    added = review.add()
    assert added.written, added.problems
    assert "russia" not in set(load_workbook(folder).sources["source_id"])


def test_an_unused_new_source_is_reported_not_dropped_silently(review: Review) -> None:
    from helpers.curate.draft.sample import Session

    session = Session(review.draft, review.wb, review.folder, review, sample=False)
    # S04, the only statement naming the new source, is still to check
    assert review.unused_sources() == ["russia"]
    assert "New source russia: not added: no kept statement names it." in str(session.findings_text())
    review.picker.value = 2
    review.decision.value = "accept"
    assert review.unused_sources() == [] and "not added" not in str(session.findings_text())
    review.decision.value = "reject"
    review.source_fields[(0, "decision")].value = "reject"  # rejected: no longer reported as unused
    assert review.unused_sources() == []


def test_every_column_of_the_document_is_editable_and_kept(tmp_path: Path) -> None:
    # every column of the document's row the draft writes, but its id and the article file's path and
    # hash, is the analyst's to correct, published_basis included, and is saved in decisions.json
    from helpers.curate.draft.columns import COLUMNS

    fresh = new_review(tmp_path)
    store = tmp_path / "draft"
    store.mkdir()
    review = Review(fresh.draft, fresh.wb, fresh.folder, fresh.article, store=store)
    assert set(review.document_fields) == set(COLUMNS["documents"]) - {"document_id", "path", "sha256"}
    assert review.document_fields["published_basis"].value.startswith("given by the analyst")
    review.document_fields["published_basis"].value = "the dateline, SEOUL, 23 October"
    review.document_fields["published"].value = "2024-10-22"
    review.document_fields["publisher"].value = "nis"
    review.source_fields[(0, "decision")].value = "reject"
    document = review.tables()["documents"].iloc[0]
    assert document["published_basis"] == "the dateline, SEOUL, 23 October"
    assert (document["published"], document["publisher"]) == ("2024-10-22", "nis")
    again = Review(new_review(tmp_path / "restart").draft, fresh.wb, fresh.folder, fresh.article, store=store)
    assert again.document_fields["published_basis"].value == "the dateline, SEOUL, 23 October"
    assert again.draft.documents.iloc[0]["published"] == "2024-10-22"
    assert again.document_fields["publisher"].value == "nis"
    assert again.sources.at[0, "decision"] == "reject"
    assert again.source_fields[(0, "decision")].value == "reject"
