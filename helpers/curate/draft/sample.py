"""Notebook 08's session: a draft folder to review against the data folder, or, left unset, a sample
article from the project's own seeds drafted into a temporary copy of the data, which it then changes
instead of the real one."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import shutil
import tempfile
import weakref
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ...analysis import judgements
from ...errors import WorkbookError
from ...grammar import counted
from ...paths import PROJECT_ROOT, data_dir, document_root
from ...present.markdown import Markdown, md
from ...present.prompted import (
    drafted_indicator_lines,
    drafted_lines,
    indicator_lines,
    indicator_rows,
    prompt_lines,
    superseding_rows,
)
from ...present.styled_tables import Table, styled_table
from ...validate.characters import conflict_marker
from ...workbook import Workbook, load_workbook
from .drafting import Article, Draft, draft_article
from .review import Review, Shown
from .stage import Added

# In the findings' Markdown (:func:`~helpers.present.markdown.md`): a character escaped by a backslash,
# an element holding one entity ("$" and "\\"), an entity, a "*" of the code's own emphasis, any other.
_TOKENS = re.compile(r"\\(.)|<span>(&#\d+;)</span>|(&(?:amp|lt|gt);)|(\*)|(.)", re.DOTALL)
_STAR = "\x00"  # a "*" of the code's own, until it is paired


def _inline(text: str) -> str:
    """One block of the findings' Markdown as escaped HTML: what the data holds reads as its own
    characters (its escapes undone, never markup), the code's own *emphasis* kept."""
    out = []
    for found in _TOKENS.finditer(text):
        escaped, element, entity, star, char = found.groups()
        if star:
            out.append(_STAR)
        else:
            out.append(element or entity or html.escape(escaped if escaped is not None else char))
    paired = re.sub(f"{_STAR}([^{_STAR}]+){_STAR}", r"<em>\1</em>", "".join(out))
    return paired.replace(_STAR, "*")


def _as_html(text: str) -> str:
    """Findings as escaped HTML: a paragraph per block, a list for a block of "- " lines."""
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().split("\n")
        if not block.strip():
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append("<ul>" + "".join(f"<li>{_inline(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            blocks.append(f"<p>{_inline(block.strip())}</p>")
    return "".join(blocks)


SAMPLES = PROJECT_ROOT / "datasets" / "nk-troops-2024"  # curated articles of the story, with their dates
TABLE_COLUMNS = (
    "statement_id", "confidence", "source_id", "said_on", "attribution", "proposition_id", "stance", "quote"
)  # fmt: skip
LEFT = {"text-align": "left"}  # words read from the left (JupyterLab aligns table cells to the right)


@dataclass
class Session:
    """A draft under review, the data folder it would be added to, and whether that is a sample copy."""

    draft: Draft
    wb: Workbook
    folder: Path
    review: Review
    sample: bool
    _keep: object = field(default=None, repr=False)  # removes the temporary folder with the session
    _findings: w.HTML | None = field(default=None, repr=False)  # the live findings, kept up to date

    def summary(self) -> str:
        """One line: which article, against which data, how much was drafted."""
        where = (
            "a temporary copy of the data (the data folder is never changed)"
            if self.sample
            else str(self.folder)
        )
        st = self.draft.statements
        return (
            f"{self.draft.article.name}: {counted(len(st), 'draft statement')}, "
            f"{counted(len(self.draft.troop_claims), 'troop number')}, "
            f"{counted(len(self.draft.sources), 'new source')}; rows are added to {where}"
        )

    def table(self) -> Table:
        """The draft statements as an escaped table."""
        frame = self.draft.statements[list(TABLE_COLUMNS)]
        styler = styled_table(frame, "draft-statements", "Draft statements", wide=("quote",))
        return Table(frame, styler.set_properties(subset=["quote"], **LEFT))

    def _added(self) -> pd.Series | None:
        """The ids of the statements the last click added (None before a successful add)."""
        result = self.review.result
        if result is None or not result.written or "statements" not in result.rows:
            return None
        return result.rows["statements"]["statement_id"].astype(str)

    def prompts(self) -> list[judgements.Prompt]:
        """The current judgements the rows just added bear on (none before a successful add)."""
        added = self._added()
        return [] if added is None else judgements.prompts(load_workbook(self.folder), added)

    def indicator_prompts(self) -> list[judgements.IndicatorPrompt]:
        """The indicators the rows just added bear on, through a judgement they bear on or a hypothesis
        they were rated under (none before a successful add)."""
        added = self._added()
        if added is None:
            return []
        wb = load_workbook(self.folder)
        return judgements.indicator_prompts(wb, added, judgements.prompts(wb, added))

    def drafted_ids(self) -> dict[str, str]:
        """Each added statement's id in the data and the id it had in the draft (adding renumbers)."""
        result = self.review.result
        if result is None or not result.written or "statements" not in result.rows:
            return {}
        added = result.rows["statements"]["statement_id"].astype(str)
        kept = self.review.accepted()["statement_id"].astype(str)
        return dict(zip(added, kept, strict=False)) if len(added) == len(kept) else {}

    def drafted_judgements(self) -> pd.DataFrame:
        """A drafted superseding row of ``judgements.csv`` for each judgement the added rows bear on,
        to accept or rewrite there (the workbook never writes a judgement)."""
        found = self.prompts()
        return superseding_rows(load_workbook(self.folder), found) if found else superseding_rows(self.wb, [])

    def drafted_indicators(self) -> pd.DataFrame:
        """A drafted row of ``indicators.csv`` for each indicator the added rows bear on, moved to the
        drafted judgement that supersedes the one it points at, to copy or rewrite there (the workbook
        never writes an indicator, nor says one is seen)."""
        return indicator_rows(self.indicator_prompts(), self.drafted_judgements())

    def findings(self) -> Shown:
        """What the draft and the last attempt to add it came to: a live view, rewritten each time
        *Add to the data* is clicked (a static copy where no kernel runs)."""
        if self._findings is None:
            live = w.HTML(_as_html(self.findings_text()))
            self._findings = live

            def refresh(_: Added) -> None:
                live.value = _as_html(self.findings_text())

            self.review.listeners.append(refresh)
        live = self._findings
        return Shown(live, lambda: str(live.value), str(self.findings_text()))

    def findings_text(self) -> Markdown:
        """What the draft, the review's decisions and the last attempt to add came to, in plain words."""
        st = self.draft.statements
        levels = st["confidence"].value_counts()
        found = md(
            "The drafter proposed {n} from the article ({high} high, {medium} medium and {low} low "
            "confidence), with {claims} and {sources}; it graded nothing.",
            n=counted(len(st), "statement"),
            high=int(levels.get("high", 0)),
            medium=int(levels.get("medium", 0)),
            low=int(levels.get("low", 0)),
            claims=counted(len(self.draft.troop_claims), "troop number"),
            sources=counted(len(self.draft.sources), "new source"),
        )
        decided = self.review.rows["decision"].value_counts()
        claims = self.review.claims["decision"].value_counts()
        review = md(
            "Decisions so far: {kept} of the statements accepted or edited, {check} to check, {rejected} "
            "rejected; {claims_kept} of the {claims} troop numbers kept. Rows drafted with low confidence "
            "start as *check* and are added only once accepted or edited.",
            kept=int(decided.get("accept", 0) + decided.get("edit", 0)),
            check=int(decided.get("check", 0)),
            rejected=int(decided.get("reject", 0)),
            claims_kept=int(claims.get("accept", 0) + claims.get("edit", 0)),
            claims=len(self.review.claims),
        )
        result = self.review.result
        if result is None:
            added = md(
                "Nothing has been added yet: *Add to the data* validates first, and only a click adds."
            )
        elif result.written:
            superseding = self.drafted_judgements()
            watched = self.indicator_prompts()
            added = md(
                "The last click added the reviewed rows: {summary}.\n\n{prompts}\n\n{rows}\n\n"
                "{indicators}\n\n{indicator_rows}",
                summary=result.summary(),
                prompts=prompt_lines(self.prompts(), self.drafted_ids()),
                rows=drafted_lines(superseding),
                indicators=indicator_lines(watched, superseding, self.drafted_ids()),
                indicator_rows=drafted_indicator_lines(indicator_rows(watched, superseding)),
            )
        elif not result.problems:  # refused before validating: the reason is one line
            added = md("The last click was refused, so nothing was written: {reason}.", reason=result.reason)
        else:
            count = result.problems.count("\n") + 1
            added = md(
                "The last click was refused ({n} of report, shown under the button): the data would not "
                "validate with these rows (statements on facts need a credibility and a rationale, new "
                "sources a reliability grade), so nothing was written.",
                n=counted(count, "line"),
            )
        unused = self.review.unused_sources()
        sources = Markdown(
            " ".join(md("New source {s}: not added: no kept statement names it.", s=s) for s in unused)
        )
        where = (
            md("This run used a sample article and a temporary copy of the data.") if self.sample else md("")
        )
        return Markdown(" ".join(part for part in (found, review, sources, added, where) if part))


class DraftUnreadable(WorkbookError):
    """A draft folder that cannot be reviewed; the message says which file and why, in one line."""

    def _render_traceback_(self) -> list[str]:  # IPython shows this instead of a traceback
        return [f"draft not opened: {self}"]


def read_draft(folder: Path) -> Draft:
    """A draft folder written by ``python -m helpers draft``, read back; :class:`DraftUnreadable`
    (one line naming the file) when it is damaged."""

    def table(name: str) -> pd.DataFrame:
        path = folder / f"{name}.csv"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise DraftUnreadable(
                f"{path}: cannot read it ({getattr(err, 'strerror', None) or err})"
            ) from None
        marker = conflict_marker(text)
        if marker is not None:
            raise DraftUnreadable(
                f"{path}, line {marker[0]}: a conflict marker ({marker[1]}) left by a merge"
            )
        try:
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (ValueError, pd.errors.ParserError) as err:
            raise DraftUnreadable(f"{path}: not a table ({str(err).splitlines()[0]})") from None

    documents = table("documents")
    if len(documents) != 1:
        raise DraftUnreadable(
            f"{folder / 'documents.csv'}: a draft holds one document row, not {len(documents)}"
        )
    doc = documents.iloc[0]
    source = Path(str(doc.get("article_file", "")))
    if not str(doc.get("article_file", "")) or not source.is_file():
        raise DraftUnreadable(f"{folder / 'documents.csv'}: article_file {str(source)!r} is not a file")
    try:
        data = source.read_bytes()
        article = Article(
            data.decode("utf-8"), Path(doc["path"]).name, date.fromisoformat(doc["published"]), doc["outlet"],
            doc["url"], doc["sha256"], doc["article_file"],
        )  # fmt: skip
    except (OSError, UnicodeDecodeError, ValueError, KeyError) as err:
        raise DraftUnreadable(f"{folder / 'documents.csv'}: {err}") from None
    statements = table("statements")
    for column in ("quote_start", "quote_end"):
        if column not in statements or not statements[column].str.fullmatch(r"\d+").all():
            raise DraftUnreadable(
                f"{folder / 'statements.csv'}: {column} must be a whole number in every row"
            )
        statements[column] = statements[column].astype(int)
    same = statements.loc[statements["same_as"] != "", ["statement_id", "same_as"]].assign(reason="")
    return Draft(article, documents, statements, table("troop_claims"), table("sources"), same)


DRAFT_ENV = "WORKBOOK_DRAFT"


def open_session(draft: str | None = None, data: str | None = None) -> Session:
    """Review the draft folder ``draft`` (default ``$WORKBOOK_DRAFT``, which ``make lab DRAFT=...``
    sets, so that the stored notebook is never edited to name it) against ``data`` (default
    ``$WORKBOOK_DATA`` or ``data/``); with no draft, a sample article drafted into a temporary copy
    of the data."""
    draft = draft if draft is not None else os.environ.get(DRAFT_ENV) or None
    if draft is not None:
        folder = data_dir(data)
        wb = load_workbook(folder)
        found = read_draft(Path(draft))
        article = Path(found.article.file).read_bytes()
        review = Review(found, wb, folder, article, store=Path(draft))
        return Session(found, wb, folder, review, sample=False)
    return _sample(data_dir(data))


def _sample(real: Path) -> Session:
    root = Path(tempfile.mkdtemp(prefix="workbook-sample-"))
    folder = root / "data"
    shutil.copytree(real, folder, ignore=shutil.ignore_patterns(".*"))
    wb = load_workbook(real)
    for relative in wb.documents["path"]:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(document_root(real) / relative, target)
    (root / "seeds").mkdir(exist_ok=True)
    wb = load_workbook(folder)
    article = _sample_article(set(wb.documents["path"]))
    found = draft_article(article, wb)
    data = Path(article.file).read_bytes()
    session = Session(found, wb, folder, Review(found, wb, folder, data), sample=True)
    session._keep = weakref.finalize(session, shutil.rmtree, root, ignore_errors=True)
    return session


def _sample_article(taken: set[str]) -> Article:
    """The first of the sample dataset's articles that the data does not hold yet."""
    with (SAMPLES / "data" / "documents.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row["path"] not in taken:
                path = SAMPLES / row["path"]
                outlet = row["outlet"].split(" (")[0]
                return Article.from_file(path, date.fromisoformat(row["published"]), outlet, row["url"])
    raise LookupError("every sample article is already in the data: name a draft folder instead")
