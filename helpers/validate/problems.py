"""The error model: every kind of data problem, one problem at one place, and the error carrying them all.

Each kind of problem is a member of the closed set :class:`Kind`, with a stable ``code`` (tests and
tools match on it), a ``title``, the ``rule`` it enforces in words (the codebook prints the
cross-table ones) and a message ``template``. All wording of problems lives here.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum

import pandas as pd

from ..errors import BAD_DATA, WorkbookError
from ..grammar import counted
from ..terminal import printable
from .limits import CELL_LIMIT, DOCUMENT_LIMIT, LIMITS, size_text

MAX_VALUE_CHARS = 80
MAX_COLUMN_CHARS = 200  # a column name or a descriptor's JSON path, as printed
LISTED_PER_KIND = 20  # problems printed per file and kind; the rest are counted


@dataclass(frozen=True)
class KindInfo:
    """What a kind of problem is: code, title, the rule in words, the message template, its scope."""

    code: str
    title: str
    rule: str
    template: str
    scope: str  # "file", "descriptor", "column" or "cross-table"

    @property
    def params(self) -> frozenset[str]:
        """The names the message template needs, each given by the rule that reports the problem."""
        return frozenset(name for _, name, _, _ in string.Formatter().parse(self.template) if name)


class Kind(Enum):
    """Every kind of problem the validator reports; the set is closed."""

    # The data folder and its files
    NO_DATA_FOLDER = KindInfo(
        "no-data-folder", "No data folder", "The data folder exists.", "{reason}", "file"
    )
    MISSING_FILE = KindInfo(
        "missing-file", "Missing file", "Every file the descriptor names exists.", "{what} is missing", "file"
    )
    UNREADABLE_FILE = KindInfo(
        "unreadable-file",
        "Unreadable file",
        "Every file can be read.",
        "cannot read the file ({reason})",
        "file",
    )
    NOT_REGULAR_FILE = KindInfo(
        "not-a-file",
        "Not a regular file",
        "Data files are regular files: not folders, named pipes or devices.",
        "is {what}, not a regular file; it is not read",
        "file",
    )
    LINK_OUTSIDE = KindInfo(
        "link-outside",
        "Link out of its folder",
        "A data file may be a symbolic link only to a file inside its own folder.",
        "is a symbolic link to a file outside {folder}; it is not read",
        "file",
    )
    FILE_TOO_LARGE = KindInfo(
        "file-too-large",
        "File too large",
        f"Files keep within their size limits: {LIMITS}.",
        "is {size}; the limit for {what} is {limit}",
        "file",
    )
    EMPTY_FILE = KindInfo(
        "empty-file",
        "Empty file",
        "Every table has at least a header row.",
        "the file is empty; it needs at least a header row",
        "file",
    )
    ENCODING_ERROR = KindInfo(
        "encoding-error",
        "Not UTF-8",
        "Files are UTF-8.",
        "byte 0x{byte} at character {at} of the line is not UTF-8 (save the file as UTF-8)",
        "file",
    )
    FILE_ENCODING = KindInfo(
        "file-encoding",
        "Not UTF-8",
        "Files are UTF-8.",
        "the file is {encoding}, not UTF-8 (save it as UTF-8)",
        "file",
    )
    LINE_ENDINGS = KindInfo(
        "line-endings",
        "Lone CR line endings",
        "Lines end with LF or CRLF.",
        "lines end with a lone carriage return (CR); save the file with LF or CRLF line endings",
        "file",
    )
    UNCLOSED_QUOTE = KindInfo(
        "unclosed-quote",
        "Quoted field never closed",
        "Every quoted field is closed.",
        "{reason}: a quoted field opened on this line is never closed",
        "file",
    )
    HEADER_NOT_CSV = KindInfo(
        "header-not-csv", "Header not CSV", "The header row is one valid CSV record.", "{reason}", "file"
    )
    CSV_SYNTAX = KindInfo("csv-syntax", "CSV syntax", "Every record is valid CSV.", "{reason}", "file")
    ROW_WIDTH = KindInfo(
        "row-width",
        "Row width",
        "Every row has as many fields as the header.",
        "expected {expected} fields as in the header, found {found}",
        "file",
    )
    DUPLICATE_HEADER = KindInfo(
        "duplicate-header",
        "Duplicate column name",
        "Column names are unique.",
        "a column name appears twice",
        "file",
    )
    MISSING_COLUMN = KindInfo(
        "missing-column",
        "Missing column",
        "Every column of the descriptor is in the file.",
        "the descriptor requires this column",
        "file",
    )
    EXTRA_COLUMN = KindInfo(
        "extra-column",
        "Column not in the descriptor",
        "Every column of the file is in the descriptor.",
        "column {position} is not in the descriptor (add it to datapackage.json or remove it)",
        "file",
    )
    # The descriptor
    INVALID_JSON = KindInfo(
        "invalid-json", "Invalid JSON", "The descriptor is valid JSON.", "{reason}", "descriptor"
    )
    DESCRIPTOR_PROFILE = KindInfo(
        "descriptor-profile",
        "Not a Tabular Data Package",
        "The descriptor follows the Tabular Data Package profile (version 1) of the Data Package standard.",
        "{reason}",
        "descriptor",
    )
    RESOURCE_INVALID = KindInfo(
        "resource-invalid",
        "Invalid resource",
        "Every resource has a name, a .csv path in the data folder and a schema with a list of fields.",
        "{reason}",
        "descriptor",
    )
    RESOURCE_DUPLICATE = KindInfo(
        "resource-duplicate",
        "Duplicate resource",
        "Resource names are unique.",
        "resource names must be unique",
        "descriptor",
    )
    FIELD_INVALID = KindInfo(
        "field-invalid",
        "Invalid field",
        "Every field has a name, a supported type and well-formed constraints.",
        "{reason}",
        "descriptor",
    )
    FIELD_DUPLICATE = KindInfo(
        "field-duplicate",
        "Duplicate field",
        "Field names are unique.",
        "field names must be unique",
        "descriptor",
    )
    CONSTRAINT_UNSUPPORTED = KindInfo(
        "constraint-unsupported",
        "Unsupported constraint",
        "Only the constraints the validator checks are used.",
        "unsupported constraint; supported: {supported}",
        "descriptor",
    )
    KEY_INVALID = KindInfo(
        "key-invalid",
        "Invalid key",
        "Primary and foreign keys follow Table Schema and name fields that exist.",
        "{reason}",
        "descriptor",
    )
    TABLE_REQUIRED = KindInfo(
        "table-required",
        "Table required",
        "The descriptor describes every table the workbook needs.",
        "the workbook needs this table",
        "descriptor",
    )
    FIELD_REQUIRED = KindInfo(
        "field-required",
        "Field required",
        "Each table describes every column the workbook needs.",
        "the workbook reads this column",
        "descriptor",
    )
    SCHEMA_VERSION = KindInfo(
        "schema-version",
        "Schema version",
        "The descriptor records the workbook schema it is curated under (`workbookSchema`), and it is "
        "the workbook's own; `python -m helpers migrate` upgrades an older folder.",
        "{reason}",
        "descriptor",
    )
    CONTRACT = KindInfo(
        "schema-contract",
        "Breaks the workbook's contract",
        "A descriptor may add tables, columns and constraints, but may not retype a column the workbook "
        "reads, widen its list of values, loosen its constraints, or change its keys.",
        "{reason}",
        "descriptor",
    )
    # One column's values
    TYPE_ERROR = KindInfo(
        "type-error", "Wrong type", "Every value has its column's type.", "must be {expected}", "column"
    )
    REQUIRED = KindInfo(
        "required", "Required value", "Required columns have a value.", "a value is required", "column"
    )
    BLANK_CELL = KindInfo(
        "blank-cell",
        "Only white space",
        "A cell is empty or holds a value, never only white space.",
        "holds only white space: leave it empty or write the value",
        "column",
    )
    FORBIDDEN_CHARACTER = KindInfo(
        "forbidden-character",
        "Forbidden character",
        "No text holds NUL or another control character (tab and line breaks aside), "
        "a bidirectional override or isolate, or a lone surrogate.",
        "character {at} is {name}, which the data may not hold",
        "column",
    )
    CONFLICT_MARKER = KindInfo(
        "conflict-marker",
        "Version-control conflict marker",
        "No cell holds a line that is a merge's conflict marker (<<<<<<<, ======= or >>>>>>>).",
        "line {line} is a conflict marker ({marker}) left by a merge: keep one side and delete the markers",
        "column",
    )
    CELL_TOO_LONG = KindInfo(
        "cell-too-long",
        "Cell too long",
        f"No cell holds more than {CELL_LIMIT:,} characters.",
        "holds {length:,} characters; the limit is {limit:,}",
        "column",
    )
    ENUM = KindInfo(
        "enum",
        "Not an allowed value",
        "Values come from the column's list.",
        "must be one of: {allowed}",
        "column",
    )
    PATTERN = KindInfo(
        "pattern", "Pattern", "Values match the column's pattern.", "must match {pattern}", "column"
    )
    MIN_LENGTH = KindInfo(
        "min-length", "Too short", "Values are long enough.", "must be at least {limit} characters", "column"
    )
    MAX_LENGTH = KindInfo(
        "max-length", "Too long", "Values are short enough.", "must be at most {limit} characters", "column"
    )
    MINIMUM = KindInfo(
        "minimum", "Below minimum", "Numbers are not below the minimum.", "must be at least {limit}", "column"
    )
    MAXIMUM = KindInfo(
        "maximum", "Above maximum", "Numbers are not above the maximum.", "must be at most {limit}", "column"
    )
    PRIMARY_KEY = KindInfo(
        "primary-key",
        "Repeated key",
        "Primary keys are unique.",
        "repeats the value on line {line}; {key} must be unique",
        "column",
    )
    UNIQUE = KindInfo(
        "unique",
        "Repeated value",
        "Unique columns have no repeated value.",
        "repeats the value on line {line}; {key} must be unique",
        "column",
    )
    FOREIGN_KEY = KindInfo(
        "foreign-key",
        "Unknown reference",
        "References name a row that exists.",
        "no such value in {target}",
        "column",
    )
    # Rules across tables and documents
    DOCUMENT_OUTSIDE_SEEDS = KindInfo(
        "document-outside-seeds",
        "Document outside seeds/",
        "Every document's `path` lies under `seeds/`.",
        "must stay inside the seeds/ folder",
        "cross-table",
    )
    DOCUMENT_MISSING = KindInfo(
        "document-missing",
        "Document missing",
        "Every document's file exists.",
        "no such file under {root}",
        "cross-table",
    )
    DOCUMENT_UNREADABLE = KindInfo(
        "document-unreadable",
        "Document unreadable",
        f"Every document is a regular UTF-8 file in `seeds/`, of {size_text(DOCUMENT_LIMIT)} at most.",
        "{reason}",
        "cross-table",
    )
    DOCUMENT_CHANGED = KindInfo(
        "document-changed",
        "Document changed",
        "Every document's bytes match its `sha256` when given: raw documents are never edited.",
        "the file's SHA-256 differs: raw documents are never edited (restore it, or re-curate)",
        "cross-table",
    )
    QUOTE_NOT_VERBATIM = KindInfo(
        "quote-not-verbatim",
        "Quote not verbatim",
        "Every `quote` occurs, character for character, in the text of its document; "
        "the loader records its offsets.",
        "not found in document {document}{closest}",
        "cross-table",
    )
    HEDGE_NOT_IN_QUOTE = KindInfo(
        "hedge-not-in-quote",
        "Hedge not in quote",
        "Every `hedge` occurs in its statement's `quote` (case aside).",
        "the hedging words must occur in the quote",
        "cross-table",
    )
    SAID_AFTER_PUBLISHED = KindInfo(
        "said-after-published",
        "Said after publication",
        "No statement's `said_on` is after its document's `published` date.",
        "is after its document was published ({published})",
        "cross-table",
    )
    RESPONDS_TO_ITSELF = KindInfo(
        "responds-to-itself",
        "Responds to itself",
        "A statement does not respond to itself.",
        "a statement cannot respond to itself",
        "cross-table",
    )
    RESPONDS_TO_CYCLE = KindInfo(
        "responds-to-cycle",
        "Replies in a circle",
        "Following `responds_to` from any statement never leads back to it.",
        "the replies {cycle} lead back to where they start",
        "cross-table",
    )
    COUNT_RANGE = KindInfo(
        "count-range",
        "Count outside its range",
        "`count_low <= count <= count_high` wherever the bounds are given.",
        "{reason}",
        "cross-table",
    )
    RESOLUTION_SHAPE = KindInfo(
        "resolution-shape",
        "A resolution that settles nothing",
        "A resolution settles either a proposition (`proposition_id` with an `outcome`) or a count (a "
        "`measure` with `count_low` or `count_high`, no higher low than high), not both and not neither.",
        "{reason}",
        "cross-table",
    )
    AS_OF_AFTER_SAID = KindInfo(
        "as-of-after-said",
        "Count dated after it was said",
        "A troop claim's `as_of` is no later than its statement's `said_on`, unless its modality is "
        "`forecast` or `intended` (a number expected or planned for a later date).",
        "is after its statement was made ({said}); a count can only describe what was known then "
        "(a number for a later date is a forecast or intended)",
        "cross-table",
    )
    EXPECTATION_NOT_FACT = KindInfo(
        "expectation-not-fact",
        "Expectation on a fact",
        "A hypothesis declares what it expects only of a factual proposition: a judgement, intention, "
        "demand, interpretation or forecast is not true or false, so no rating is derived from it.",
        "{reason}",
        "cross-table",
    )
    CREDIBILITY_BY_KIND = KindInfo(
        "credibility-by-kind",
        "Credibility and proposition kind",
        "A statement on a fact is graded for credibility (1-6); one on a judgement, intention, demand, "
        "interpretation or forecast is left blank, since it is not true or false (6 means the truth "
        "cannot be judged, not that grading does not apply).",
        "{reason}",
        "cross-table",
    )
    SAID_ON_RANGE = KindInfo(
        "said-on-range",
        "Date range",
        "A `said_on_precision` of `range` has a `said_on_earliest` no later than `said_on`; "
        "other precisions leave it empty.",
        "{reason}",
        "cross-table",
    )
    SAME_AS_ORDER = KindInfo(
        "same-as-order",
        "Same remark, later row",
        "`same_as` names a statement on an earlier row: the first report of a remark comes first, "
        "so links cannot loop.",
        "{target} is not on an earlier row of this table",
        "cross-table",
    )
    SUPERSEDES_ORDER = KindInfo(
        "supersedes-order",
        "Judgement history out of order",
        "`supersedes` names a judgement on an earlier row, on the same proposition, "
        "with an `as_of` no later than its own.",
        "{reason}",
        "cross-table",
    )
    TWO_CURRENT_JUDGEMENTS = KindInfo(
        "two-current-judgements",
        "Two current judgements",
        "Each proposition has at most one current judgement: a new one names the judgement it "
        "replaces in `supersedes`.",
        "{proposition} already has a current judgement ({other}); "
        "name one of them in the other's `supersedes`",
        "cross-table",
    )
    INDICATOR_TARGET = KindInfo(
        "indicator-target",
        "Indicator aimed wrongly",
        "An indicator bears on a current judgement (one no other supersedes) or a hypothesis, in a "
        "direction that fits it: raises or lowers a judgement; supports or weakens a hypothesis.",
        "{reason}",
        "cross-table",
    )
    LINK_CYCLE = KindInfo(
        "link-cycle",
        "Links in a circle",
        "Following `parent` (places) or `implies` (propositions) never leads back to where it started.",
        "the links {cycle} lead back to where they start",
        "cross-table",
    )
    SELF_SERVING_RATED = KindInfo(
        "self-serving-rated",
        "Self-serving statement rated as evidence",
        "A self-serving statement (one its speaker's stake calls for, as likely whether or not it is "
        "true) weighs nothing in the evidence balance, so ACH rates it alike under every hypothesis.",
        "{statement} is self-serving but rated {ratings}: rate it alike (N) under every hypothesis, or "
        "set self_serving to false and say why in its rationale",
        "cross-table",
    )
    BEARS_ON_UNKNOWN = KindInfo(
        "bears-on-unknown",
        "Indicator bears on nothing known",
        "An indicator's `bears_on` is a `judgement_id` of judgements.csv "
        "or a `hypothesis_id` of hypotheses.csv.",
        "is neither a judgement nor a hypothesis",
        "cross-table",
    )

    @property
    def code(self) -> str:
        return self.value.code

    @property
    def title(self) -> str:
        return self.value.title

    @classmethod
    def by_code(cls, code: str) -> Kind:
        """The kind with this ``code``; ``KeyError`` for a code the set lacks."""
        for kind in cls:
            if kind.code == code:
                return kind
        raise KeyError(code)


def show_value(value: object) -> str:
    """A value as printed in a message: quoted, cut at ``MAX_VALUE_CHARS``, controls made visible."""
    return f'"{cut(str(value))}"'


def cut(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """``text`` cut at ``limit`` characters (saying how long it was), escaped for the terminal."""
    if len(text) > limit:
        text = f"{text[: limit - 1]}… ({len(text):,} characters)"
    return printable(text)


@dataclass(frozen=True)
class Problem:
    """A broken rule at one place: file, line as in the file (header = 1), column, value."""

    kind: Kind
    file: str
    line: int | None = None
    column: str | None = None
    value: object | None = None
    params: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        missing = self.kind.value.params - set(self.params)
        if missing:  # a rule that reports a kind gives every name its message needs
            raise TypeError(f"problem {self.kind.code!r} lacks {', '.join(sorted(missing))}")

    @property
    def code(self) -> str:
        """The kind's stable code, e.g. ``quote-not-verbatim``."""
        return self.kind.code

    @property
    def detail(self) -> str:
        """The message, from the kind's template and this problem's parameters."""
        return printable(self.kind.value.template.format(**self.params))

    @property
    def where(self) -> str:
        """File, line and column, as printed: names from the data are escaped for the terminal."""
        where = printable(self.file) if self.line is None else f"{printable(self.file)}, line {self.line}"
        return where if self.column is None else f"{where}, column {cut(self.column, MAX_COLUMN_CHARS)}"

    def __str__(self) -> str:
        value = "" if self.value is None else f": value {show_value(self.value)}"
        return f"{self.where}{value}: breaks rule '{self.code}': {self.detail}"


class DataError(WorkbookError):
    """Raised once per load with every problem found, so a curator can fix them all in one pass.

    Every problem is kept; :meth:`report` lists the first ``LISTED_PER_KIND`` of each file and kind
    and counts the rest, however many columns they are in. ``tables`` names each table the
    descriptor lists and its file, problems or not, when the descriptor could be read (the JSON report
    gives each a task).
    """

    exit_status = BAD_DATA

    def __init__(self, problems: Iterable[Problem], tables: Mapping[str, str] | None = None):
        self.problems: list[Problem] = list(problems)
        self.tables: dict[str, str] = dict(tables or {})
        super().__init__(self.report())

    @property
    def line(self) -> str:
        """The one line a command that stops on bad data prints below :meth:`report`."""
        return "the data has problems"

    def report(self, listed: int = LISTED_PER_KIND) -> str:
        """The problems as text, one per line, headed by their count; long runs are cut and counted."""
        head = f"{counted(len(self.problems), 'problem')} in the data:"
        lines, shown = [head], Counter[tuple[str, str]]()
        totals = Counter((p.file, p.code) for p in self.problems)
        columns: dict[tuple[str, str], set[str | None]] = {}
        for problem in self.problems:
            group = problem.file, problem.code
            shown[group] += 1
            if shown[group] <= listed:
                lines.append(f"  {problem}")
                continue
            columns.setdefault(group, set()).add(problem.column)
            if shown[group] == totals[group]:
                (column, *others) = columns[group]  # the rest name their column when they share one
                where = replace(problem, line=None, column=None if others else column).where
                rest = counted(totals[group] - listed, "more problem")
                lines.append(f"  {where}: and {rest} of kind '{problem.code}' (not listed)")
        return "\n".join(lines)

    def codes(self) -> set[str]:
        """The distinct codes of the problems."""
        return {p.code for p in self.problems}

    def to_frame(self) -> pd.DataFrame:
        """Every problem as a row: file, line, column, value, code, title and message."""
        return pd.DataFrame(
            {
                "file": [p.file for p in self.problems],
                "line": pd.array([p.line for p in self.problems], dtype="Int64"),
                "column": [p.column for p in self.problems],
                "value": [None if p.value is None else str(p.value) for p in self.problems],
                "code": [p.code for p in self.problems],
                "title": [p.kind.title for p in self.problems],
                "message": [p.detail for p in self.problems],
            }
        )

    def __str__(self) -> str:
        return self.report()

    def _render_traceback_(self) -> list[str]:
        # IPython (JupyterLab) shows this instead of a traceback: the problems are the message.
        return self.report().splitlines()
