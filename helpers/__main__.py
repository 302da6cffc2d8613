"""Command line: ``python -m helpers validate [DATA_DIR]`` and friends."""

from __future__ import annotations

import argparse
import sys

from .safe_write import FileError
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
    except FileError as err:
        print(f"codebook not {'checked' if args.check else 'written'}: {err}", file=sys.stderr)
        return 2
    if args.check and changed:
        print("data/README.md is out of date: run `make codebook`", file=sys.stderr)
        return 1
    print("codebook up to date" if not changed else "codebook written")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from .publish.execute import NotebookFailed, execute_in_place, notebook_paths
    from .publish.interrupt import Interrupted

    paths = [path for path in notebook_paths() if not args.only or path.name in args.only]
    try:
        execute_in_place(paths, progress=lambda line: print(line, flush=True))
    except NotebookFailed as err:
        print(f"notebooks not executed: {err} (no notebook was changed)", file=sys.stderr)
        return 1
    except FileError as err:
        print(f"notebooks not executed: {err} (no notebook was changed)", file=sys.stderr)
        return 2
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
    except (OutputError, FileError) as err:
        return not_built(str(err), 2)
    except NotebookFailed as err:
        return not_built(str(err), 1)
    except Interrupted as err:
        return not_built(f"interrupted by {err}", err.status)
    print(f"briefing written: {index}")
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
    execute = commands.add_parser("execute", help="re-execute the notebooks in place")
    execute.add_argument("only", nargs="*", help="notebook file names (default: all)")
    execute.set_defaults(run=_execute)
    briefing = commands.add_parser("briefing", help="build the HTML briefing from the notebooks")
    briefing.add_argument("--data", help="data folder (default: $WORKBOOK_DATA or data/)")
    briefing.add_argument("--out", help="output folder (default: briefings/)")
    briefing.set_defaults(run=_briefing)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
