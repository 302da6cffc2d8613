"""Command line: ``python -m helpers validate [DATA_DIR]`` and friends.

Exit status: 0 done; 1 bad data, a failing notebook, an out-of-date codebook or an export the disk
did not take; 2 an argument, path or output that cannot be used (as argparse reports a bad argument);
128 + the signal when SIGINT, SIGTERM or SIGHUP stopped the run. Every failure is one line, never a
traceback. ``validate --json`` prints the problems as frictionless's JSON report instead of text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from .errors import UNUSABLE, WorkbookError
from .safe_write import reason
from .signals import Interrupted, stop_on_signals
from .terminal import printable

if __name__ == "__main__":
    stop_on_signals()  # before any heavy import: Ctrl-C while pandas loads is a clean stop too

FORMATS = ("text", "json")  # of validate's report


class OutputFailed(WorkbookError):
    """Standard output could not be written (a full disk, a file-size limit); the message says why."""


def say(line: str, to_stderr: bool = False) -> None:
    """Print one line; whatever it quotes from files or arguments is escaped for the terminal."""
    _write(printable(line), to_stderr)


def say_json(document: object) -> None:
    """Print a JSON document on standard output; ``json.dumps`` escapes every control and non-ASCII
    character, so it is safe for the terminal as it is."""
    _write(json.dumps(document, indent=2), to_stderr=False)


def _write(text: str, to_stderr: bool) -> None:
    try:
        print(text, file=sys.stderr if to_stderr else sys.stdout, flush=True)
    except OSError as err:
        if to_stderr:
            raise
        # Whatever is still buffered goes nowhere, so the interpreter's last flush cannot fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        why = "the reader closed the pipe" if isinstance(err, BrokenPipeError) else reason(err)
        raise OutputFailed(f"standard output: {why}") from None


def _failed(args: argparse.Namespace | None, reason: str, status: int) -> int:
    """Say in one line what the command did not do, why, and what it left as it was; return ``status``."""
    not_done = getattr(args, "not_done", "stopped")
    kept = getattr(args, "kept", "")
    say(f"{not_done}: {reason}{kept}", to_stderr=True)
    return status


def _validate(args: argparse.Namespace) -> int:
    return _report(args.data_dir, args.format)


def _report(data: str | None, form: str) -> int:
    """Validate the data folder; print its report as ``form`` (text or json); return the exit status.

    The problems are this command's answer, not its failure: as text they go to stderr in full, and
    as JSON to stdout, the report of a valid folder too.
    """
    from .validate import DataError
    from .validate.json_report import table_files, validation_report
    from .workbook import load_workbook

    try:
        workbook = load_workbook(data)
    except DataError as err:
        if form == "json":
            say_json(validation_report(err.problems, err.tables))
        else:
            print(err.report(), file=sys.stderr)  # escaped line by line where it is made
        return err.exit_status
    if form == "json":
        tables = table_files(workbook.data_dir, workbook.package.resources)
        say_json(validation_report([], tables))
        return 0
    say(f"{workbook.data_dir}: {workbook.summary()}")
    from .analysis.weighable import weighable
    from .present.weighable_words import to_decide_lines, weighable_line

    found = weighable(workbook)
    say(f"{workbook.data_dir}: {weighable_line(found)}")
    decide = to_decide_lines(found)
    if decide:
        say(f"{workbook.data_dir}: for the analyst to decide ({len(decide)}):")
        for line in decide:
            say(f"  {line}")
    return 0


def _codebook(args: argparse.Namespace) -> int:
    if args.check:  # before the import: Ctrl-C while it loads stops a check too
        args.not_done = "codebook not checked"
    from .publish.codebook import write_codebook

    changed = write_codebook(args.data_dir, check=args.check)
    if args.check and changed:
        say("data/README.md is out of date: run `make codebook`", to_stderr=True)
        return 1
    say("codebook up to date" if not changed else "codebook written")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from .publish.execute import execute_in_place, notebook_paths

    paths = [path for path in notebook_paths() if not args.only or path.name in args.only]
    execute_in_place(paths, progress=say)
    say(f"notebooks executed and saved: {len(paths)}")
    return 0


def _briefing(args: argparse.Namespace) -> int:
    from .publish.briefing import build

    index = build(args.data, args.out, progress=say)
    say(f"briefing written: {index}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from .curate.migrate import migrate, plan
    from .paths import data_dir

    folder = data_dir(args.data_dir)
    done = plan(folder) if args.dry_run else migrate(folder)
    for change in done.changes:
        say(f"  {change}")
    for todo in done.for_analyst:
        say(f"  for the analyst: {todo}")
    if not done.changed:
        say(f"{folder}: already at the current schema; nothing to change")
        return 0
    verb = "would change" if args.dry_run else "migrated from schema"
    kept = "" if args.dry_run else " (the old files are kept under .backup/)"
    say(f"{folder}: {verb} {done.from_version}: {len(done.changes)} changes in {len(done.files)} files{kept}")
    return 0 if args.dry_run else _report(args.data_dir, "text")


def _draft(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .curate.draft.command import Request, run

    request = Request(
        Path(args.article), args.data, args.published, args.outlet, args.url, args.out, args.title
    )
    say(run(request))
    return 0


def _export(args: argparse.Namespace) -> int:
    # Exit status as for the briefing: 1 for bad data, 2 for a target that may not be used, 128 + the
    # signal when interrupted; 1 when the disk fails it.
    from .publish.exports import ExportFailed, export
    from .publish.interrupt import guarded
    from .workbook import load_workbook

    try:
        with guarded():  # SIGTERM unwinds like Ctrl-C: the temporary file is removed
            written = export(load_workbook(args.data), args.format, args.out)
    except OSError as err:  # the disk, not the data: a full disk, a folder made read-only meanwhile
        raise ExportFailed(f"{err.strerror or err} (nothing was changed)") from err
    say("export written: " + ", ".join(str(path) for path in written))
    return 0


USAGE_ERROR_LIMIT = 300  # characters of argparse's error line: 10,000 unknown arguments are not echoed whole


class _Parser(argparse.ArgumentParser):
    """argparse's parser, its error line escaped for the terminal and cut short."""

    def error(self, message: str) -> NoReturn:
        if len(message) > USAGE_ERROR_LIMIT:
            message = message[: USAGE_ERROR_LIMIT - 1] + "…"
        super().error(printable(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = commands.add_parser("validate", help="check the data; print problems or one line of counts")
    validate.add_argument("data_dir", nargs="?", help="data folder (default: $WORKBOOK_DATA or data/)")
    validate.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), or json: frictionless's report"
    )
    validate.add_argument("--json", dest="format", action="store_const", const="json", help="--format json")
    validate.set_defaults(run=_validate, not_done="data not validated")
    codebook = commands.add_parser("codebook", help="write data/README.md from data/datapackage.json")
    codebook.add_argument("data_dir", nargs="?", help="data folder (default: $WORKBOOK_DATA or data/)")
    codebook.add_argument("--check", action="store_true", help="fail if the codebook is out of date")
    codebook.set_defaults(run=_codebook, not_done="codebook not written")
    migrate = commands.add_parser("migrate", help="upgrade a data folder curated under an earlier schema")
    migrate.add_argument("data_dir", nargs="?", help="data folder (default: $WORKBOOK_DATA or data/)")
    migrate.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    migrate.set_defaults(run=_migrate, not_done="not migrated")
    execute = commands.add_parser("execute", help="re-execute the notebooks in place")
    execute.add_argument("only", nargs="*", help="notebook file names (default: all)")
    execute.set_defaults(run=_execute, not_done="notebooks not executed", kept=" (no notebook was changed)")
    briefing = commands.add_parser("briefing", help="build the HTML briefing from the notebooks")
    briefing.add_argument("--data", help="data folder (default: $WORKBOOK_DATA or data/)")
    briefing.add_argument(
        "--out", help="output folder (default: briefings/ for data/, else briefings-<dataset>/)"
    )
    briefing.set_defaults(run=_briefing, not_done="briefing not built", kept=" (nothing was written)")
    draft = commands.add_parser("draft", help="draft the rows of a new article for review (never into data/)")
    draft.add_argument("article", help="the article's text file (UTF-8)")
    draft.add_argument("--data", help="data folder to match against (default: $WORKBOOK_DATA or data/)")
    draft.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
    draft.add_argument("--outlet", default="", help="the outlet that published it")
    draft.add_argument("--url", default="", help="its web address")
    draft.add_argument("--title", default="", help="its headline (default: read from the text's first line)")
    draft.add_argument("--out", help="draft folder (default: drafts/<article stem>/)")
    draft.set_defaults(run=_draft, not_done="draft not written")
    export = commands.add_parser(
        "export", help="write the data for other tools: sqlite, claimreview, annotations"
    )
    export.add_argument("format", choices=["sqlite", "claimreview", "annotations"], help="what to write")
    export.add_argument(
        "out", help="file to write (replaced whole); a database gets its Datasette metadata beside it"
    )
    export.add_argument("--data", help="data folder (default: $WORKBOOK_DATA or data/)")
    export.set_defaults(run=_export, not_done="export not written")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return the exit status.

    Every error the workbook raises on purpose is a :class:`~helpers.errors.WorkbookError`, handled
    here alone: its report, if it has one (the problems in the data), then one line saying what the
    command did not do and why, and its exit status.
    """
    args: argparse.Namespace | None = None
    try:
        args = _parser().parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except WorkbookError as err:
        report = err.report()
        if report:
            print(report, file=sys.stderr)  # escaped line by line where it is made
        return _failed(args, err.line, err.exit_status)
    except Interrupted as err:
        return _failed(args, f"interrupted by {err}", err.status)
    except MemoryError:
        return _failed(args, "out of memory (a limit such as `ulimit -v` may be too low)", UNUSABLE)


if __name__ == "__main__":
    sys.exit(main())
