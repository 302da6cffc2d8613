"""The one base of every error the workbook raises on purpose: an exit status and a one-line message.

Each module keeps its own errors (a path that names no folder, a file not written, data with
problems, a notebook that failed, ...), each a subclass of :class:`WorkbookError` with the exit
status the command line returns for it. The command line catches the base once, prints what the
command did not do and the error's :attr:`~WorkbookError.line`, and exits with its status; an error
that lists many problems prints its :meth:`~WorkbookError.report` above that line.

A stop signal is not one of them: :class:`helpers.signals.Interrupted` stays a ``KeyboardInterrupt``,
so that no ``except Exception`` can swallow Ctrl-C.
"""

from __future__ import annotations

from typing import ClassVar

BAD_DATA = 1  # bad data, a failing notebook, an export the disk did not take
UNUSABLE = 2  # an argument, path or output that cannot be used (as argparse reports a bad argument)


class WorkbookError(Exception):
    """An error the workbook means to report: one line, and the exit status of the command line."""

    exit_status: ClassVar[int] = UNUSABLE

    @property
    def line(self) -> str:
        """The error in one line, as the command line prints it after what the command did not do."""
        return str(self)

    def report(self) -> str:
        """What the command line prints above :attr:`line`: nothing, unless the error lists problems."""
        return ""
