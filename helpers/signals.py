"""The signals that stop a run, and the exception they become.

SIGINT (Ctrl-C), SIGTERM and SIGHUP (a closed terminal) all mean "stop cleanly": the run raises
:class:`Interrupted`, its ``finally`` blocks remove what it had begun, and the command line exits
with 128 + the signal. Only the standard library is imported, so the command line can handle them
before any heavy module loads.
"""

from __future__ import annotations

import signal
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """A stop signal ended the run; ``status`` is the exit status a shell expects (128 + signal)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.status = 128 + signum


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def stop_on_signals() -> None:
    """From now on each stop signal raises :class:`Interrupted` where the main thread is."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise)
