"""Command line: ``python -m helpers validate [DATA_DIR]`` and friends."""

from __future__ import annotations

import argparse
import sys

from .validate import DataError


def _validate(args: argparse.Namespace) -> int:
    from .workbook import load_workbook

    try:
        workbook = load_workbook(args.data_dir)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    print(f"{workbook.data_dir}: {workbook.summary()}")
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from .publish.codebook import write_codebook

    try:
        changed = write_codebook(args.data_dir, check=args.check)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    if args.check and changed:
        print("data/README.md is out of date: run `make codebook`", file=sys.stderr)
        return 1
    print("codebook up to date" if not changed else "codebook written")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from .curate.migrate import MigrateError, migrate, plan
    from .paths import data_dir

    folder = data_dir(args.data_dir)
    try:
        done = plan(folder) if args.dry_run else migrate(folder)
    except MigrateError as err:
        print(f"not migrated: {err}", file=sys.stderr)
        return 2
    for change in done.changes:
        print(f"  {change}")
    for todo in done.for_analyst:
        print(f"  for the analyst: {todo}")
    if not done.changed:
        print(f"{folder}: already at the current schema; nothing to change")
        return 0
    verb = "would change" if args.dry_run else "migrated from schema"
    print(
        f"{folder}: {verb} {done.from_version}: {len(done.changes)} changes in {len(done.files)} files"
        + ("" if args.dry_run else " (the old files are kept under .backup/)")
    )
    return 0 if args.dry_run else _validate(args)


def _execute(args: argparse.Namespace) -> int:
    from .publish.execute import NotebookFailed, execute_in_place, notebook_paths
    from .publish.interrupt import Interrupted

    paths = [path for path in notebook_paths() if not args.only or path.name in args.only]
    try:
        execute_in_place(paths, progress=lambda line: print(line, flush=True))
    except NotebookFailed as err:
        print(f"notebooks not executed: {err} (no notebook was changed)", file=sys.stderr)
        return 1
    except Interrupted as err:
        print(f"notebooks not executed: interrupted by {err} (no notebook was changed)", file=sys.stderr)
        return err.status
    print(f"notebooks executed and saved: {len(paths)}")
    return 0


def _briefing(args: argparse.Namespace) -> int:
    # Exit status: 1 for bad data or a failing notebook; 2 for an output folder that may not be used
    # (a bad argument, as argparse reports one); 128 + the signal when interrupted.
    from .publish.briefing import build
    from .publish.execute import NotebookFailed
    from .publish.interrupt import Interrupted
    from .publish.output import OutputError

    def not_built(reason: str, status: int) -> int:
        print(f"briefing not built: {reason} (nothing was written)", file=sys.stderr)
        return status

    try:
        index = build(args.data, args.out, progress=lambda line: print(line, flush=True))
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return not_built("the data has problems", 1)
    except OutputError as err:
        return not_built(str(err), 2)
    except NotebookFailed as err:
        return not_built(str(err), 1)
    except Interrupted as err:
        return not_built(f"interrupted by {err}", err.status)
    print(f"briefing written: {index}")
    return 0


def _draft(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .curate.draft.command import DraftRefused, Request, run

    request = Request(Path(args.article), args.data, args.published, args.outlet, args.url, args.out)
    try:
        print(run(request))
    except DraftRefused as err:
        print(f"draft not written: {err}", file=sys.stderr)
        return 2
    return 0


def _export(args: argparse.Namespace) -> int:
    # Exit status as for the briefing: 1 for bad data, 2 for a target that may not be used, 128 + the
    # signal when interrupted.
    from .publish.exports import ExportError, export
    from .publish.interrupt import Interrupted, guarded
    from .workbook import load_workbook

    try:
        with guarded():  # SIGTERM unwinds like Ctrl-C: the temporary file is removed
            written = export(load_workbook(args.data), args.format, args.out)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        print("export not written: the data has problems", file=sys.stderr)
        return 1
    except ExportError as err:
        print(f"export not written: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # the disk, not the data: a full disk, a folder made read-only meanwhile
        print(f"export not written: {err.strerror or err} (nothing was changed)", file=sys.stderr)
        return 1
    except Interrupted as err:
        print(f"export not written: interrupted by {err} (nothing was changed)", file=sys.stderr)
        return err.status
    print("export written: " + ", ".join(str(path) for path in written))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data; print problems or one line of counts")
    validate.add_argument("data_dir", nargs="?", help="data folder (default: $WORKBOOK_DATA or data/)")
    validate.set_defaults(run=_validate)
    codebook = commands.add_parser("codebook", help="write data/README.md from data/datapackage.json")
    codebook.add_argument("data_dir", nargs="?", help="data folder (default: $WORKBOOK_DATA or data/)")
    codebook.add_argument("--check", action="store_true", help="fail if the codebook is out of date")
    codebook.set_defaults(run=_codebook)
    migrate = commands.add_parser("migrate", help="upgrade a data folder curated under an earlier schema")
    migrate.add_argument("data_dir", nargs="?", help="data folder (default: $WORKBOOK_DATA or data/)")
    migrate.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    migrate.set_defaults(run=_migrate)
    execute = commands.add_parser("execute", help="re-execute the notebooks in place")
    execute.add_argument("only", nargs="*", help="notebook file names (default: all)")
    execute.set_defaults(run=_execute)
    briefing = commands.add_parser("briefing", help="build the HTML briefing from the notebooks")
    briefing.add_argument("--data", help="data folder (default: $WORKBOOK_DATA or data/)")
    briefing.add_argument(
        "--out", help="output folder (default: briefings/ for data/, else briefings-<dataset>/)"
    )
    briefing.set_defaults(run=_briefing)
    draft = commands.add_parser("draft", help="draft the rows of a new article for review (never into data/)")
    draft.add_argument("article", help="the article's text file (UTF-8)")
    draft.add_argument("--data", help="data folder to match against (default: $WORKBOOK_DATA or data/)")
    draft.add_argument("--published", required=True, help="publication date, YYYY-MM-DD")
    draft.add_argument("--outlet", default="", help="the outlet that published it")
    draft.add_argument("--url", default="", help="its web address")
    draft.add_argument("--out", help="draft folder (default: drafts/<article stem>/)")
    draft.set_defaults(run=_draft)
    export = commands.add_parser(
        "export", help="write the data for other tools: sqlite, claimreview, annotations"
    )
    export.add_argument("format", choices=["sqlite", "claimreview", "annotations"], help="what to write")
    export.add_argument(
        "out", help="file to write (replaced whole); a database gets its Datasette metadata beside it"
    )
    export.add_argument("--data", help="data folder (default: $WORKBOOK_DATA or data/)")
    export.set_defaults(run=_export)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
