"""One base for the workbook's errors, and the command line's one handler of it."""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import helpers
import helpers.__main__ as cli
from helpers.curate.backup import MigrateError
from helpers.curate.draft.command import DraftRefused
from helpers.curate.draft.sample import DraftUnreadable
from helpers.curate.draft.stage import Collision
from helpers.errors import WorkbookError
from helpers.paths import REFERENCE_DATA_DIR, PathError
from helpers.publish.execute import NotebookFailed
from helpers.publish.exports import ExportError, ExportFailed
from helpers.publish.output import OutputError
from helpers.safe_write import FileError
from helpers.signals import Interrupted
from helpers.transaction import FolderBusy, FolderChanged
from helpers.validate import DataError

# Not a WorkbookError on purpose: a stop signal must pass every ``except Exception``.
NOT_WORKBOOK_ERRORS = {Interrupted}

# The exit status the command line returns for each error (README, "The briefing").
EXIT_STATUS = {
    PathError: 2,
    FileError: 2,
    FolderBusy: 2,
    FolderChanged: 2,
    MigrateError: 2,
    DraftRefused: 2,
    DraftUnreadable: 2,
    Collision: 2,
    OutputError: 2,
    ExportError: 2,
    cli.OutputFailed: 2,
    DataError: 1,
    NotebookFailed: 1,
    ExportFailed: 1,
}


def _exception_classes() -> set[type[BaseException]]:
    """Every exception class defined in a module of the package."""
    found: set[type[BaseException]] = set()
    for module in pkgutil.walk_packages(helpers.__path__, "helpers."):
        loaded = importlib.import_module(module.name)
        found.update(
            cls
            for _, cls in inspect.getmembers(loaded, inspect.isclass)
            if issubclass(cls, BaseException) and cls.__module__ == module.name
        )
    return found


def test_every_error_of_the_package_is_a_workbook_error() -> None:
    classes = _exception_classes()
    assert EXIT_STATUS.keys() <= classes  # the walk sees them all
    strays = {cls.__qualname__ for cls in classes - NOT_WORKBOOK_ERRORS if not issubclass(cls, WorkbookError)}
    assert strays == set()


def test_each_error_has_its_exit_status() -> None:
    assert {cls: cls.exit_status for cls in EXIT_STATUS} == EXIT_STATUS
    assert {cls.exit_status for cls in _exception_classes() - NOT_WORKBOOK_ERRORS} <= {1, 2}


def test_the_errors_caught_as_value_errors_still_are() -> None:
    assert issubclass(PathError, ValueError) and issubclass(Collision, ValueError)
    assert not issubclass(Interrupted, Exception)


def test_the_one_line_is_the_message_but_for_data_with_problems() -> None:
    assert MigrateError("data/x.csv: the file is empty").line == "data/x.csv: the file is empty"
    assert MigrateError("x").report() == ""
    error = DataError([])
    assert error.line == "the data has problems" and error.report().startswith("0 problems in the data")


class Unforeseen(WorkbookError):
    """An error no command expects, with a status of its own."""

    exit_status = 7


def _raising(error: Exception):
    def run(args: argparse.Namespace) -> int:
        raise error

    return run


def test_an_unforeseen_workbook_error_is_one_line_and_its_status(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "_validate", _raising(Unforeseen("it broke\nhere \x1b[2J")))
    assert cli.main(["validate", str(REFERENCE_DATA_DIR)]) == 7
    out, err = capsys.readouterr()
    assert (out, err) == ("", "data not validated: it broke\\nhere \\x1b[2J\n")


def test_a_report_is_printed_above_the_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Listed(Unforeseen):
        def report(self) -> str:
            return "2 things:\n  one\n  two"

    monkeypatch.setattr(cli, "_briefing", _raising(Listed("two things")))
    assert cli.main(["briefing", "--data", str(REFERENCE_DATA_DIR)]) == 7
    assert (
        capsys.readouterr().err
        == "2 things:\n  one\n  two\nbriefing not built: two things (nothing was written)\n"
    )


@pytest.mark.parametrize("check", [False, True])
def test_the_codebook_says_which_it_did_not_do(
    check: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def refuse(data_dir: str | None, check: bool) -> bool:
        raise FileError(f"cannot write {tmp_path}/README.md: permission denied")

    monkeypatch.setattr("helpers.publish.codebook.write_codebook", refuse)
    assert cli.main(["codebook", str(tmp_path), *(["--check"] if check else [])]) == 2
    not_done = "codebook not checked" if check else "codebook not written"
    assert capsys.readouterr().err == f"{not_done}: cannot write {tmp_path}/README.md: permission denied\n"
