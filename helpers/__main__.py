"""Command line: ``python -m helpers validate [DATA_DIR]`` and friends.

Exit status: 0 done; 1 bad data, a failing notebook or an out-of-date codebook; 2 an argument, path
or output that cannot be used (as argparse reports a bad argument); 128 + the signal when SIGINT,
SIGTERM or SIGHUP stopped the run. Every failure is one line, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .paths import PathError
from .safe_write import FileError
from .signals import Interrupted, stop_on_signals
from .terminal import printable

if __name__ == "__main__":
    stop_on_signals()  # before any heavy import: Ctrl-C while pandas loads is a clean stop too

# What each command did not do when it fails, and what that leaves as it was.
NOT_DONE = {
    "validate": ("data not validated", ""),
    "codebook": ("codebook not written", ""),
    "codebook --check": ("codebook not checked", ""),
    "execute": ("notebooks not executed", " (no notebook was changed)"),
    "briefing": ("briefing not built", " (nothing was written)"),
}


def say(line: str, to_stderr: bool = False) -> None:
    """Print one line; whatever it quotes from files or arguments is escaped for the terminal."""
    print(printable(line), file=sys.stderr if to_stderr else sys.stdout, flush=True)


def _failed(command: str, reason: str, status: int) -> int:
    not_done, kept = NOT_DONE.get(command, ("stopped", ""))
    say(f"{not_done}: {reason}{kept}", to_stderr=True)
    return status


def _validate(args: argparse.Namespace) -> int:
    from .validate import DataError
    from .workbook import load_workbook

    try:
        workbook = load_workbook(args.data_dir)
    except DataError as err:
        print(err.report(), file=sys.stderr)  # escaped line by line where it is made
        return 1
    say(f"{workbook.data_dir}: {workbook.summary()}")
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from .publish.codebook import write_codebook
    from .validate import DataError

    try:
        changed = write_codebook(args.data_dir, check=args.check)
    except DataError as err:
        print(err.report(), file=sys.stderr)  # escaped line by line where it is made
        return 1
    if args.check and changed:
        say("data/README.md is out of date: run `make codebook`", to_stderr=True)
        return 1
    say("codebook up to date" if not changed else "codebook written")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from .publish.execute import NotebookFailed, execute_in_place, notebook_paths

    paths = [path for path in notebook_paths() if not args.only or path.name in args.only]
    try:
        execute_in_place(paths, progress=say)
    except NotebookFailed as err:
        return _failed("execute", str(err), 1)
    say(f"notebooks executed and saved: {len(paths)}")
    return 0


def _briefing(args: argparse.Namespace) -> int:
    from .publish.briefing import build
    from .publish.execute import NotebookFailed
    from .publish.output import OutputError
    from .validate import DataError

    try:
        index = build(args.data, args.out, progress=say)
    except DataError as err:
        print(err.report(), file=sys.stderr)  # escaped line by line where it is made
        return _failed("briefing", "the data has problems", 1)
    except OutputError as err:
        return _failed("briefing", str(err), 2)
    except NotebookFailed as err:
        return _failed("briefing", str(err), 1)
    say(f"briefing written: {index}")
    return 0


def _parser() -> argparse.ArgumentParser:
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; return the exit status."""
    command = "python -m helpers"
    try:
        args = _parser().parse_args(argv)
        command = args.command + (" --check" if getattr(args, "check", False) else "")
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except Interrupted as err:
        return _failed(command, f"interrupted by {err}", err.status)
    except (PathError, FileError) as err:
        return _failed(command, str(err), 2)


if __name__ == "__main__":
    sys.exit(main())
