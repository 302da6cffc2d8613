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


def _execute(args: argparse.Namespace) -> int:
    from .publish.execute import execute_in_place, notebook_paths

    execute_in_place([path for path in notebook_paths() if not args.only or path.name in args.only])
    return 0


def _briefing(args: argparse.Namespace) -> int:
    from nbclient.exceptions import CellExecutionError

    from .publish.briefing import build

    try:
        index = build(args.data, args.out, progress=lambda line: print(line, flush=True))
    except DataError as err:
        print(err.report(), file=sys.stderr)
        print("briefing not built: the data has problems (nothing was written)", file=sys.stderr)
        return 1
    except CellExecutionError as err:
        print(f"briefing not built: a notebook failed (nothing was written)\n{err}", file=sys.stderr)
        return 1
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
