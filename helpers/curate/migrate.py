"""Upgrade a data folder curated under any earlier schema of the workbook to the current one.

Each step looks at what the folder has, not at a version number alone, so a folder half upgraded
by hand is finished and a second run changes nothing. A value is derived only where the old data
determines it; where it cannot be, the field is left blank and listed for the analyst. Every change
is recorded (file, line, column, old, new, why); the files are replaced together, after a backup.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..paths import DESCRIPTOR_NAME, display_path, document_root
from ..safe_write import FileError
from ..schema import BY_NAME, SCHEMA_KEY, SCHEMA_VERSION, Table
from ..schema.table_schema import field_descriptor, resource_descriptor
from ..schema.tables import KEY_SEPARATOR, ROUND
from ..schema.vocabulary import MODALITIES
from ..transaction import FolderBusy, FolderChanged, transaction
from .backup import MigrateError, replace_all
from .modality import modality_cue, number_context

BACKUP_DIR = ".backup"
# The first schemas coded what troops were doing as `activity`; `measure` says what a number counts.
MEASURE_OF_ACTIVITY = {
    "sent": "sent to",
    "training": "present in",
    "non-combat support": "present in",
    "present": "present in",
    "preparing for combat": "preparing for combat",
    "in combat": "in combat",
}
AHEAD = ("forecast", "intended")
TRUE = ("true", "True", "TRUE", "1")
LABEL_LIMIT = 40
# A location that names no place ("not stated", "unknown"): the count is in no place of the gazetteer.
NO_PLACE = re.compile(
    r"^\s*(?:|-+|n/?a|none|unknown|unspecified|not (?:stated|specified|given|known)|no location"
    r"(?: given| stated)?|\(?(?:location|place) (?:not stated|unknown|unspecified)\)?)\s*$",
    re.IGNORECASE,
)
ON_OR_BEFORE = re.compile(r"\bon or before\b", re.IGNORECASE)
FORECASTS_SINCE = 5  # the first schema whose modality has forecasts and plans


@dataclass(frozen=True)
class Change:
    """One change to one place of the folder, and why it was made."""

    file: str
    line: int | None
    column: str | None
    old: str
    new: str
    why: str

    def __str__(self) -> str:
        where = (
            self.file
            + (f", line {self.line}" if self.line else "")
            + (f", column {self.column}" if self.column else "")
        )
        if not self.old and not self.new:
            return f"{where}: {self.why}"
        return f"{where}: {self.old!r} -> {self.new!r} ({self.why})"


class Sheet:
    """A CSV table as its header and rows of text, edited in place with every change recorded."""

    def __init__(self, name: str, display: str, header: list[str], rows: list[list[str]]):
        self.name, self.display, self.header, self.rows = name, display, header, rows
        self.changed = False

    @classmethod
    def read(cls, path: Path, name: str, display: str) -> Sheet:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise MigrateError(f"{display}: cannot read it ({exc})") from None
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows:
            raise MigrateError(f"{display}: the file is empty; it needs at least a header row")
        return cls(name, display, rows[0], [r + [""] * (len(rows[0]) - len(r)) for r in rows[1:]])

    def has(self, column: str) -> bool:
        return column in self.header

    def get(self, row: list[str], column: str) -> str:
        return row[self.header.index(column)] if column in self.header else ""

    def lines(self) -> Iterator[tuple[int, list[str]]]:
        """Each row with its line in the file (header = 1; the curated data has no multi-line cell
        counted here, so a line is the record's number)."""
        yield from ((k + 2, row) for k, row in enumerate(self.rows))

    def set(self, line: int, row: list[str], column: str, value: str, why: str, log: list[Change]) -> None:
        at = self.header.index(column)
        if row[at] != value:
            log.append(Change(self.display, line, column, row[at], value, why))
            row[at] = value
            self.changed = True

    def key(self, row: list[str]) -> str:
        """The row's key as ``provenance.row`` writes it."""
        return KEY_SEPARATOR.join(self.get(row, c) for c in BY_NAME[self.name].primary_key)

    def add_column(self, column: str, at: int, why: str, log: list[Change]) -> None:
        self.header.insert(at, column)
        for row in self.rows:
            row.insert(at, "")
        log.append(Change(self.display, 1, column, "", "", f"added column {column}: {why}"))
        self.changed = True

    def drop_column(self, column: str, why: str, log: list[Change]) -> None:
        at = self.header.index(column)
        del self.header[at]
        for row in self.rows:
            del row[at]
        log.append(Change(self.display, 1, column, "", "", f"removed column {column}: {why}"))
        self.changed = True

    def text(self) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([self.header, *self.rows])
        return out.getvalue()


@dataclass(frozen=True)
class Mark:
    """A value migrate wrote that the analyst did not curate: how it came about, and by what rule."""

    table: str
    row: str
    column: str
    origin: str  # derived or defaulted
    rule: str
    value: str


@dataclass
class Migration:
    """What migrating a folder does: the version it starts from, every change, what is left to do."""

    folder: Path
    from_version: int
    changes: list[Change] = field(default_factory=list)
    for_analyst: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # new text of each changed file, by name

    @property
    def changed(self) -> bool:
        return bool(self.files)


def _schema_number(value: object) -> bool:
    """Whether ``value`` can be a recorded schema: a whole number, 1 or more (not "6", not true)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def detect_version(descriptor: dict[str, Any]) -> int:
    """The schema a descriptor was curated under: recorded, or read off the shape of the first four."""
    recorded = descriptor.get(SCHEMA_KEY)
    if isinstance(recorded, int) and not isinstance(recorded, bool):
        return recorded
    resources = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}

    def fields(table: str) -> set[str]:
        schema = resources.get(table, {}).get("schema", {})
        return {str(f.get("name")) for f in schema.get("fields", []) if isinstance(f, dict)}

    if "label" not in fields("sources"):
        return 1
    if "kind" not in fields("propositions"):
        return 2
    if "channel" not in fields("sources"):
        return 3
    return 4


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "place"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _short_label(name: str, taken: set[str]) -> str:
    label = name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"
    n = 2
    while label in taken:
        label, n = f"{label[: LABEL_LIMIT - 4]} ({n})", n + 1
    taken.add(label)
    return label


class _Migrator:
    def __init__(self, folder: Path, descriptor: dict[str, Any]):
        self.folder = folder
        self.descriptor = descriptor
        self.version = detect_version(descriptor)
        self.log: list[Change] = []
        self.todo: list[str] = []
        self.marks: list[Mark] = []
        self.sheets: dict[str, Sheet] = {}
        for resource in descriptor.get("resources", []):
            name, path = resource.get("name"), resource.get("path")
            if name in BY_NAME and isinstance(path, str):
                file = folder / path
                if file.exists():
                    self.sheets[name] = Sheet.read(file, name, display_path(file, folder))
        # A descriptor already upgraded over tables that are not (a run killed part way, or a current
        # descriptor copied over old files): the tables say how far the folder got.
        self.half_done = ""
        if self.version == SCHEMA_VERSION:
            found = detect_version(_headers_as_descriptor(self.sheets))
            missing = _missing_required(self.sheets)
            if missing:
                self.version = min(found, SCHEMA_VERSION - 1)
                self.half_done = (
                    f"the descriptor is at schema {SCHEMA_VERSION} but {missing} is not: a migration "
                    f"stopped part way; finishing it from the tables as they are (an earlier run's copy of "
                    f"the old files, if any, is under {BACKUP_DIR}/)"
                )

    def derive(
        self, sheet: Sheet, line: int, row: list[str], column: str, value: str, why: str, rule: str,
        origin: str = "derived",
    ) -> None:  # fmt: skip
        """Set a value the old data determines (or, ``origin`` defaulted, a blanket one), with its rule
        printed and recorded in ``provenance.csv``."""
        sheet.set(line, row, column, value, f"{why} [{origin}: {rule}]", self.log)
        self.marks.append(Mark(sheet.name, sheet.key(row), column, origin, rule, value))

    def sheet(self, name: str) -> Sheet | None:
        return self.sheets.get(name)

    # -- steps, each a no-op where the folder already has what it adds ---------------------------
    def labels(self) -> None:
        sources = self.sheet("sources")
        if sources is None or sources.has("label"):
            return
        sources.add_column(
            "label", sources.header.index("source_id") + 1, "a short name for charts", self.log
        )
        taken: set[str] = set()
        for line, row in sources.lines():
            label = _short_label(sources.get(row, "name"), taken)
            self.derive(
                sources, line, row, "label", label, "written from the source's name", "label-from-name"
            )

    def proposition_kinds(self) -> None:
        props = self.sheet("propositions")
        if props is None or props.has("kind"):
            return
        props.add_column(
            "kind", props.header.index("text") + 1, "what sort of claim each proposition is", self.log
        )
        for line, row in props.lines():
            why = "this schema graded every statement, so it treated every proposition as a fact"
            self.derive(props, line, row, "kind", "fact", why, "every-proposition-a-fact", "defaulted")

    def ungraded_claims(self) -> None:
        statements, props = self.sheet("statements"), self.sheet("propositions")
        if statements is None or props is None or not props.has("kind"):
            return
        kinds = {props.get(r, "proposition_id"): props.get(r, "kind") for r in props.rows}
        for line, row in statements.lines():
            kind = kinds.get(statements.get(row, "proposition_id"), "fact")
            if kind != "fact" and statements.get(row, "credibility"):
                why = f"credibility grades facts only; this statement is on {kind}"
                statements.set(line, row, "credibility", "", why, self.log)

    def places(self) -> None:
        claims = self.sheet("troop_claims")
        if claims is None or claims.has("place"):
            return
        places = self.sheet("places")
        if places is None:
            table = BY_NAME["places"]
            places = Sheet(
                "places", display_path(self.folder / table.path, self.folder), list(table.column_names), []
            )
            places.changed = True
            self.sheets["places"] = places
            self.log.append(Change(places.display, None, None, "", "", "created the gazetteer of places"))
        known = {places.get(r, "name"): places.get(r, "place_id") for r in places.rows}
        taken = set(known.values())
        claims.add_column("place", claims.header.index("location") + 1, "the gazetteer's place", self.log)
        for line, row in claims.lines():
            location = claims.get(row, "location")
            if NO_PLACE.match(location):
                why = f"the location {location!r} names no place: the count is compared with no other"
                self.derive(claims, line, row, "place", "", why, "location-names-no-place", "defaulted")
                continue
            if location not in known:
                known[location] = _slug(location, taken)
                new = [""] * len(places.header)
                new[places.header.index("place_id")] = known[location]
                new[places.header.index("name")] = location
                places.rows.append(new)
                places.changed = True
                self.log.append(
                    Change(
                        places.display,
                        len(places.rows) + 1,
                        "place_id",
                        "",
                        known[location],
                        f"a place for the location {location!r}",
                    )
                )
                if places.has("parent"):
                    self.marks.append(
                        Mark("places", known[location], "parent", "defaulted", "place-from-location", "")
                    )
            self.derive(
                claims,
                line,
                row,
                "place",
                known[location],
                "the location's place in the gazetteer",
                "place-from-location",
            )

    def measures(self) -> None:
        claims, statements = self.sheet("troop_claims"), self.sheet("statements")
        if claims is None:
            return
        if not claims.has("measure"):
            at = claims.header.index("activity") if claims.has("activity") else len(claims.header)
            claims.add_column("measure", at, "what each number counts", self.log)
            for line, row in claims.lines():
                activity = claims.get(row, "activity")
                measure = MEASURE_OF_ACTIVITY.get(activity, "present in")
                origin = "derived" if activity in MEASURE_OF_ACTIVITY else "defaulted"
                why = f"from the activity {activity!r}"
                self.derive(claims, line, row, "measure", measure, why, "measure-from-activity", origin)
        said = (
            {statements.get(r, "statement_id"): statements.get(r, "said_on") for r in statements.rows}
            if statements
            else {}
        )
        for line, row in claims.lines():
            said_on, as_of = said.get(claims.get(row, "statement_id"), ""), claims.get(row, "as_of")
            later = bool(said_on and as_of and as_of > said_on)
            if claims.get(row, "measure") == "to be sent":
                modality = "forecast" if later else "intended"
                claims.set(
                    line,
                    row,
                    "measure",
                    "sent to",
                    "a number to be sent is a plan or forecast of troops sent, not a measure of its own",
                    self.log,
                )
                claims.set(
                    line,
                    row,
                    "modality",
                    modality,
                    f"'to be sent' {'by a later date' if later else 'as a plan'}",
                    self.log,
                )
            if claims.get(row, "as_of_precision") == "forecast by":
                claims.set(
                    line, row, "as_of_precision", "on or before", "'forecast by' is a modality now", self.log
                )
                claims.set(line, row, "modality", "forecast", "was dated 'forecast by'", self.log)
            if (
                later
                and claims.get(row, "modality") not in AHEAD
                and claims.get(row, "modality") in MODALITIES
            ):
                why = f"dated {as_of}, after it was said ({said_on}): a number for a later date is a forecast"
                claims.set(line, row, "modality", "forecast", why, self.log)
        if claims.has("activity"):
            claims.drop_column("activity", "replaced by measure", self.log)

    def bounds(self) -> None:
        """The first schemas wrote a one-sided number with one end blank ("up to 12,000": no low end;
        "at least 10,000": no high end) and a point figure with both ends equal to the count."""
        claims = self.sheet("troop_claims")
        if claims is None or claims.has("bound"):
            return
        at = claims.header.index("count_high") + 1 if claims.has("count_high") else len(claims.header)
        claims.add_column("bound", at, "how each number is bounded", self.log)
        for line, row in claims.lines():
            count, low, high = (claims.get(row, c) for c in ("count", "count_low", "count_high"))
            if not low and high:
                bound, why = "up to", "no low end, a high end: an upper bound"
            elif low and not high:
                bound, why = "at least", "a low end, no high end: a lower bound"
            elif low and high and (low != count or high != count):
                bound, why = "range", f"from {low} to {high}"
            elif count.isdigit():  # a point figure: the declared reading, written down for review
                rounded = int(count) >= ROUND and int(count) % ROUND == 0
                bound = "about" if rounded else "exact"
                why = "a point figure; a round one reads about, since a round number is not exact"
                self.derive(claims, line, row, "bound", bound, why, "bound-from-figure")
                continue
            else:
                continue
            self.derive(claims, line, row, "bound", bound, why, "bound-from-ends")

    def as_of_precisions(self) -> None:
        """A count the old data dates only by its remark ("on or before" in its note, or its as-of day
        the day its statement was said) stands on or before that day, not on it."""
        claims, statements = self.sheet("troop_claims"), self.sheet("statements")
        if claims is None or claims.has("as_of_precision"):
            return
        at = claims.header.index("as_of") + 1 if claims.has("as_of") else len(claims.header)
        claims.add_column("as_of_precision", at, "how exact each as-of date is", self.log)
        said = (
            {statements.get(r, "statement_id"): statements.get(r, "said_on") for r in statements.rows}
            if (statements)
            else {}
        )
        for line, row in claims.lines():
            if ON_OR_BEFORE.search(claims.get(row, "notes")):
                why, rule = "its note dates it 'on or before'", "as-of-from-note"
            elif claims.get(row, "as_of") and claims.get(row, "as_of") == said.get(
                claims.get(row, "statement_id")
            ):
                why, rule = "dated by its statement, the day it was said", "dated-by-statement"
            else:
                continue  # no word on it: read as approximate, a default the analyst is asked to check
            self.derive(claims, line, row, "as_of_precision", "on or before", why, rule)

    def plans(self) -> None:
        """Before schema 5 a modality was only asserted or possible, so a number the speaker says will
        be sent, or plans to send, was coded as a count: its quote's words around it say otherwise."""
        claims, statements = self.sheet("troop_claims"), self.sheet("statements")
        if (
            claims is None
            or statements is None
            or self.version >= FORECASTS_SINCE
            or not claims.has("modality")
        ):
            return
        quotes = {statements.get(r, "statement_id"): statements.get(r, "quote") for r in statements.rows}
        for line, row in claims.lines():
            if claims.get(row, "modality") in AHEAD or not claims.get(row, "count").isdigit():
                continue
            around = number_context(
                quotes.get(claims.get(row, "statement_id"), ""), int(claims.get(row, "count"))
            )
            cue = modality_cue(around) if around else None
            if cue is None or cue[0] not in AHEAD:
                continue
            why = f"its quote puts the number as {cue[0]} ('{cue[1]}'), not as a count"
            self.derive(claims, line, row, "modality", cue[0], why, "modality-from-quote")

    def fingerprints(self) -> None:
        documents = self.sheet("documents")
        if documents is None:
            return
        if not documents.has("sha256"):
            documents.add_column("sha256", len(documents.header), "the raw file's SHA-256", self.log)
        root = document_root(self.folder)
        for line, row in documents.lines():
            if documents.get(row, "sha256"):
                continue
            try:
                digest = hashlib.sha256((root / documents.get(row, "path")).read_bytes()).hexdigest()
            except OSError:
                self.todo.append(
                    f"{documents.display}, line {line}: the document cannot be read; add its sha256"
                )
                continue
            self.derive(
                documents, line, row, "sha256", digest, "computed from the raw file", "sha256-of-file"
            )

    def rated_denials(self) -> None:
        """A denial by an interested party is self-serving by default; where the curator's ACH ratings
        already treat it as evidence (rated differently across hypotheses), that reading is kept."""
        statements, sources, ratings = (
            self.sheet("statements"),
            self.sheet("sources"),
            self.sheet("ach_ratings"),
        )
        if statements is None or sources is None or ratings is None or not statements.has("self_serving"):
            return
        interested = {
            sources.get(r, "source_id") for r in sources.rows if sources.get(r, "interested") in TRUE
        }
        spread: dict[str, set[str]] = {}
        for row in ratings.rows:
            spread.setdefault(ratings.get(row, "statement_id"), set()).add(ratings.get(row, "rating"))
        for line, row in statements.lines():
            sid = statements.get(row, "statement_id")
            if (
                statements.get(row, "self_serving")
                or statements.get(row, "stance") != "denies"
                or statements.get(row, "source_id") not in interested
                or len(spread.get(sid, ())) < 2
            ):
                continue
            rated = " and ".join(sorted(spread[sid]))
            why = f"its ACH ratings ({rated}) treat it as evidence, so it is not read as self-serving"
            statements.set(line, row, "self_serving", "false", why, self.log)
            self.todo.append(
                f"{statements.display}, line {line}: {sid}, a denial by an interested party, is rated "
                f"{rated} in ACH; if it is expected whatever the truth, set self_serving to true and rate "
                "it N throughout"
            )

    def declared_columns(self) -> None:
        """Every column of the declaration, blank where a value cannot be derived. A folder already at
        the current schema gets none of the optional ones: absent, each reads as its default, so a
        new optional column never needs a migration."""
        # Since schema 5 a folder may leave any optional column out (absent, it reads as its default).
        current = self.version >= FORECASTS_SINCE
        for name, sheet in self.sheets.items():
            table = BY_NAME[name]
            for k, column in enumerate(table.columns):
                if sheet.has(column.name) or (current and column.optional):
                    continue
                before = [c.name for c in table.columns[:k] if sheet.has(c.name)]
                at = sheet.header.index(before[-1]) + 1 if before else 0
                meaning = column.default.text if column.default else "empty"
                sheet.add_column(column.name, at, f"blank means: {meaning}", self.log)

    def record_provenance(self) -> None:
        """Add every value migrate derived or defaulted to ``provenance.csv`` (made if need be), so
        the pages never read it as the analyst's; a second run adds nothing it already holds."""
        if not self.marks:
            return
        sheet = self.sheet("provenance")
        if sheet is None:
            table = BY_NAME["provenance"]
            sheet = Sheet(
                "provenance",
                display_path(self.folder / table.path, self.folder),
                list(table.column_names),
                [],
            )
            self.sheets["provenance"] = sheet
        held = {(sheet.get(r, "table"), sheet.get(r, "row"), sheet.get(r, "column")) for r in sheet.rows}
        for mark in self.marks:
            if (mark.table, mark.row, mark.column) in held:
                continue
            held.add((mark.table, mark.row, mark.column))
            new = [""] * len(sheet.header)
            for column, value in (
                ("table", mark.table), ("row", mark.row), ("column", mark.column), ("origin", mark.origin),
                ("rule", mark.rule), ("value", mark.value),
            ):  # fmt: skip
                if sheet.has(column):
                    new[sheet.header.index(column)] = value
            sheet.rows.append(new)
            sheet.changed = True
        self.log.append(
            Change(
                sheet.display,
                None,
                None,
                "",
                "",
                f"recorded {len(self.marks)} values the analyst did not curate",
            )
        )

    # -- the descriptor --------------------------------------------------------------------------
    def new_descriptor(self) -> dict[str, Any]:
        old = self.descriptor
        out = {k: v for k, v in old.items() if k != "resources"}
        out[SCHEMA_KEY] = SCHEMA_VERSION
        out.setdefault("profile", "tabular-data-package")
        created = out.get("created")
        if isinstance(created, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", created):
            out["created"] = f"{created}T00:00:00Z"
        resources = []
        named = set()
        for resource in old.get("resources", []):
            name = resource.get("name") if isinstance(resource, dict) else None
            named.add(name)
            resources.append(self._resource(resource) if name in self.sheets else resource)
        resources += [self._resource(None, n) for n in self.sheets if n not in named]
        out["resources"] = resources
        return dict(sorted(out.items(), key=lambda kv: _KEY_ORDER.get(kv[0], 50)))

    def _resource(self, old: dict[str, Any] | None, name: str | None = None) -> dict[str, Any]:
        """The descriptor of the resource ``name`` (or ``old``'s) for the sheet as migrated: the
        declared resource, with the fields the sheet has, the old title and description kept."""
        name = name or (old or {}).get("name", "")
        table: Table = BY_NAME[name]
        sheet = self.sheets[name]
        declared = resource_descriptor(table)
        old = old or declared
        fields = _fields(table, sheet.header, _old_fields(old))
        schema = {**declared["schema"], "fields": fields}
        keys = _foreign_keys(declared, old, set(sheet.header))
        if keys:
            schema["foreignKeys"] = keys
        else:
            schema.pop("foreignKeys", None)
        merged = {
            **declared,
            **{k: v for k, v in old.items() if k in ("title", "description")},
            "schema": schema,
        }
        return merged

    def run(self) -> Migration:
        for step in (
            self.labels,
            self.proposition_kinds,
            self.ungraded_claims,
            self.places,
            self.bounds,
            self.as_of_precisions,
            self.measures,
            self.plans,
            self.fingerprints,
            self.declared_columns,
            self.rated_denials,
        ):
            step()
        self.record_provenance()
        if self.half_done:
            self.log.insert(0, Change(DESCRIPTOR_NAME, None, None, "", "", self.half_done))
        migration = Migration(self.folder, self.version, self.log, self.todo)
        descriptor = self.new_descriptor()
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        current = (self.folder / DESCRIPTOR_NAME).read_text(encoding="utf-8")
        if text != current:
            if self.version != SCHEMA_VERSION:
                shown = display_path(self.folder / DESCRIPTOR_NAME, self.folder)
                self.log.insert(
                    0,
                    Change(
                        shown,
                        None,
                        SCHEMA_KEY,
                        str(self.version),
                        str(SCHEMA_VERSION),
                        "the workbook's current schema",
                    ),
                )
            migration.files[DESCRIPTOR_NAME] = text
        for name, sheet in self.sheets.items():
            if sheet.changed:
                migration.files[BY_NAME[name].path] = sheet.text()
        return migration


_KEY_ORDER = {
    "profile": 0,
    SCHEMA_KEY: 1,
    "name": 2,
    "title": 3,
    "description": 4,
    "version": 5,
    "created": 6,
    "licenses": 7,
    "contributors": 8,
    "resources": 99,
}


def _columns(fk: dict[str, Any]) -> set[str]:
    fields = fk.get("fields", [])
    return {fields} if isinstance(fields, str) else set(fields)


def _old_fields(old: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    """The field descriptors of the resource descriptor ``old``, by name."""
    return {f.get("name"): f for f in old.get("schema", {}).get("fields", []) if isinstance(f, dict)}


def _field(table: Table, column: str, old_fields: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    """The descriptor of ``column``: the declared one for a column of ``table`` (with the dataset's
    own list of values where the declaration has none), else the old one, else a string."""
    if not table.has(column):
        return old_fields.get(column, {"name": column, "type": "string"})
    new = field_descriptor(table.column(column))
    kept = old_fields.get(column, {}).get("constraints", {})
    if table.column(column).enum is None and "enum" in kept:
        new.setdefault("constraints", {})["enum"] = kept["enum"]  # the dataset's own list
    return new


def _fields(table: Table, header: list[str], old_fields: dict[Any, dict[str, Any]]) -> list[dict[str, Any]]:
    """The field descriptors of a sheet with the columns ``header``, in its order."""
    return [_field(table, column, old_fields) for column in header]


def _foreign_keys(declared: dict[str, Any], old: dict[str, Any], header: set[str]) -> list[dict[str, Any]]:
    """The declared foreign keys whose columns the sheet has, then the old descriptor's own ones
    that neither repeat nor replace a declared key and whose columns the sheet has."""
    refs = [fk for fk in declared["schema"].get("foreignKeys", []) if _columns(fk) <= header]
    extra = [
        fk
        for fk in old.get("schema", {}).get("foreignKeys", [])
        if fk not in refs and not any(_columns(fk) == _columns(d) for d in refs) and _columns(fk) <= header
    ]
    return refs + extra


def plan(folder: Path) -> Migration:
    """What migrating ``folder`` would change (nothing is written)."""
    path = folder / DESCRIPTOR_NAME
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MigrateError(f"{path}: no descriptor to migrate") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MigrateError(f"{path}: cannot read it as JSON ({exc}); fix it before migrating") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise MigrateError(f"{path}: not a data package descriptor (an object with a list of resources)")
    recorded = descriptor.get(SCHEMA_KEY)
    if isinstance(recorded, int) and not isinstance(recorded, bool) and not _schema_number(recorded):
        # A whole number below 1 names no schema; anything not a whole number ("6", true) is read as
        # unrecorded, and the schema is read off the tables' shape, as for a folder that names none.
        raise MigrateError(
            f"{path}: {SCHEMA_KEY} {recorded} is no schema (a whole number from 1 to {SCHEMA_VERSION}): "
            "correct it, or remove it and migrate reads the schema off the tables"
        )
    if detect_version(descriptor) > SCHEMA_VERSION:
        raise MigrateError(f"{path}: curated under a schema newer than this workbook's ({SCHEMA_VERSION})")
    return _Migrator(folder, descriptor).run()


def _headers_as_descriptor(sheets: dict[str, Sheet]) -> dict[str, Any]:
    """A descriptor that says only what the tables' header rows hold, to read their schema off."""
    return {
        "resources": [
            {"name": n, "schema": {"fields": [{"name": c} for c in s.header]}} for n, s in sheets.items()
        ]
    }


def _missing_required(sheets: dict[str, Sheet]) -> str:
    """The first table that lacks a column the current schema requires, with the column: "x.csv
    (no self_serving)"; empty when every table has them."""
    for name, sheet in sheets.items():
        for column in BY_NAME[name].columns:
            if not column.optional and not sheet.has(column.name):
                return f"{sheet.display} (it has no {column.name} column)"
    return ""


def migrate(folder: Path, now: datetime | None = None) -> Migration:
    """Upgrade ``folder`` in place: every changed file is replaced, after a copy of the old ones is
    kept under ``.backup/``; a failure puts every file back. Returns what was done."""
    if not folder.is_dir():
        return plan(folder)  # refused in its words: no descriptor to migrate
    try:
        # Locked from the first read: what a killed run left is finished or undone first, and a file
        # edited while the plan is made is kept (the migration is refused, naming it).
        with transaction(folder.resolve()) as txn:
            for path in sorted(folder.iterdir()):
                if not path.name.startswith(".") and path.is_file():
                    txn.watch(path)
            migration = plan(folder)
            if migration.changed:
                stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
                backup = folder / BACKUP_DIR / f"schema-{migration.from_version}-{stamp}"
                replace_all(txn, migration.files, backup)
    except (FolderBusy, FolderChanged):
        raise
    except FileError as err:
        raise MigrateError(f"{err}; nothing was changed") from None
    return migration
