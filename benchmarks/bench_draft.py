"""The drafter against curated rows: every document of every dataset, drafted as if it were new.

Each document is drafted against its dataset with that document's rows taken out (and the sources
and propositions only it used), then compared with what the curators wrote (see
``benchmarks/draft_score.py`` for what each share counts). Prints one line per document and one per
dataset: how much the draft overlaps the curated rows, and how much of it the analyst keeps
unchanged (the "kept" columns; "ratings" is the share of the curated ACH ratings that the ratings
proposed from the analyst's earlier ones give unchanged, "credibility" the share of the curated
credibility grades of statements on facts that the grades proposed from the analyst's earlier ones
give unchanged). The held-back set
(``benchmarks/heldout/``: real articles curated by hand before any drafting, kept out of all tuning
of the drafter) is reported apart, against the targets for what the analyst keeps.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from helpers import DataError, load_workbook
from helpers.curate.draft import Article, draft_article
from helpers.paths import DEFAULT_DATA_DIR, PROJECT_ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script: the project's root
from benchmarks.draft_score import TARGETS, Score, score, without_document

SHOWN = ("statements", "statements kept", "numbers", "numbers kept", "ratings kept", "credibility kept",
         "dates", "speakers", "precision")  # fmt: skip
HEADS = ("statements", "kept", "numbers", "kept", "ratings", "credib.", "dates", "speakers", "precision")
HELD_BACK = PROJECT_ROOT / "benchmarks" / "heldout" / "data"
KEPT_TARGETS = {"statements kept": 0.50, "numbers kept": 0.80}  # on the held-back set


def datasets() -> list[Path]:
    """The project's data folder, then every dataset's."""
    return [
        DEFAULT_DATA_DIR,
        *sorted(p / "data" for p in (PROJECT_ROOT / "datasets").iterdir() if (p / "data").is_dir()),
    ]


def _cell(share: float | None) -> str:
    return "   n/a" if share is None else f"{share:6.0%}"


def run_dataset(folder: Path) -> Score | None:
    """Draft and score every document of ``folder``; print a line each; return the total."""
    try:
        wb = load_workbook(folder)
    except DataError as err:
        print(f"{folder.relative_to(PROJECT_ROOT)}: not loaded ({len(err.problems)} problems); skipped")
        return None
    total = Score()
    print(f"\n{folder.relative_to(PROJECT_ROOT)}  ({len(wb.documents)} documents)")
    print(f"  {'document':<10}{'curated':>8}{'drafted':>8}" + "".join(f"{name:>11}" for name in HEADS))
    for row in wb.documents.itertuples(index=False):
        doc_id = str(row.document_id)
        reference = without_document(wb, doc_id)
        outlet = row.outlet if isinstance(row.outlet, str) else ""
        url = row.url if isinstance(row.url, str) else ""
        article = Article(wb.texts[doc_id], Path(str(row.path)).name, row.published.date(), outlet, url)
        draft = draft_article(article, reference, document_id=doc_id)
        result = score(draft, wb, doc_id, reference)
        total = total + result
        shares = result.shares()
        print(
            f"  {doc_id:<10}{result.curated:>8}{result.proposed:>8}"
            + "".join(f"{_cell(shares[n]):>11}" for n in SHOWN)
        )
    shares = total.shares()
    print(
        f"  {'all':<10}{total.curated:>8}{total.proposed:>8}"
        + "".join(f"{_cell(shares[n]):>11}" for n in SHOWN)
    )
    fates = total.fates()
    print(
        f"  statements: {fates['kept']} kept unchanged, {fates['edited']} edited, "
        f"{fates['rejected']} drafted "
        f"and rejected, {fates['missed']} missed; troop numbers: {total.numbers_kept} of {total.numbers} "
        f"kept unchanged; ACH ratings: {total.ratings_kept} of {total.ratings} proposed unchanged; "
        f"credibility: {total.credibility_kept} of {total.credibility} proposed unchanged"
    )
    print(
        f"  propositions of the {total.found} statements proposed: {total.propositions_right} right "
        f"({_cell(shares['propositions']).strip()}), {total.propositions_wrong} wrong "
        f"({_cell(shares['propositions wrong']).strip()}), the rest left blank for the analyst"
    )
    return total


def _against(shares: dict[str, float | None], targets: dict[str, float]) -> None:
    for name, target in targets.items():
        share = shares[name]
        met = "met" if share is not None and share >= target else "not met"
        print(f"  {name:<16}{_cell(share)}   target >= {target:.0%}   {met}")
    print(
        f"  {'ratings kept':<16}{_cell(shares['ratings kept'])}   (ACH ratings proposed unchanged; no target)"
    )
    print(
        f"  {'credibility kept':<16}{_cell(shares['credibility kept'])}   "
        "(credibility of facts proposed unchanged; no target)"
    )
    print(
        f"  (measured as well: the measure of the numbers right {_cell(shares['measures'])}, "
        f"their place {_cell(shares['places'])};\n   the proposition right {_cell(shares['propositions'])}, "
        f"a wrong one proposed {_cell(shares['propositions wrong'])} (lower is better; blank is flagged))"
    )


def main() -> int:
    started = time.perf_counter()
    grand = Score()
    for folder in datasets():
        total = run_dataset(folder)
        if total is not None:
            grand = grand + total
    shares = grand.shares()
    print("\nAll datasets the drafter was tuned on, against the targets:")
    _against(shares, {**TARGETS, **KEPT_TARGETS})
    if HELD_BACK.is_dir():
        held = run_dataset(HELD_BACK)
        if held is not None:
            print("\nThe held-back set (never used to tune the drafter), against the targets:")
            _against(held.shares(), {**KEPT_TARGETS, **TARGETS})
    seconds = time.perf_counter() - started
    print(f"\n{grand.curated} curated statements, {grand.proposed} drafted, in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
