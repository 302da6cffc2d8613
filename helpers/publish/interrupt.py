"""Stop a run that starts kernels cleanly on SIGINT, SIGTERM or SIGHUP.

The kernels run in one asyncio loop. The first signal cancels that loop's work, so every kernel is
shut down as the cancellation unwinds, and then :class:`Interrupted` is raised for the caller to
report. Later signals are ignored while that cleanup runs.
"""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from types import FrameType
from typing import Any, TypeVar, TypeVarTuple

from ..signals import STOP_SIGNALS, Interrupted

__all__ = ["Guard", "Interrupted", "guarded"]

T = TypeVar("T")
Ts = TypeVarTuple("Ts")


class _Loop(asyncio.SelectorEventLoop):
    """An event loop that leaves signals to :class:`Guard`.

    nbclient installs its own handlers when it can: they stop one kernel but not the run, and put
    back the default handlers when the first notebook ends. It expects RuntimeError where signals
    cannot be handled, and then goes without.
    """

    def add_signal_handler(self, sig: int, callback: Callable[[*Ts], object], *args: *Ts) -> None:
        raise RuntimeError("signals are handled by helpers.publish.interrupt")

    def remove_signal_handler(self, sig: int) -> bool:
        return False


class Guard:
    """Turns the first stop signal (SIGINT, SIGTERM, SIGHUP) into a clean stop; made by :func:`guarded`."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.finishing = False
        self._running = False
        self._task: asyncio.Task[Any] | None = None

    def handle(self, signum: int, frame: FrameType | None) -> None:
        """The signal handler: cancel the work of :meth:`run`, or raise outside it."""
        if self.signum is not None or self.finishing:
            return  # one stop is enough: the cleanup, or the final moves, run undisturbed
        self.signum = signum
        if not self._running:
            raise Interrupted(signum)
        task = self._task  # None while the loop starts: the work then sees ``signum`` and stops
        if task is not None:
            task.get_loop().call_soon_threadsafe(task.cancel)

    def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Await ``work()`` in a new event loop; after a signal, raise :class:`Interrupted`.

        The loop runs in this thread, or in a new one when this thread already runs a loop (in
        JupyterLab, or beside Playwright's synchronous API).
        """
        self._running = True
        try:
            result = self._in_thread(work) if _loop_running() else self._here(work)
        except BaseException:
            # After a signal, whatever the cancellation became (nbclient turns it into
            # DeadKernelError when it lands mid-cell), the signal is what stopped the run.
            if self.signum is None:
                raise
            raise Interrupted(self.signum) from None
        finally:
            self._running = False
        if self.signum is not None:  # it came as the work ended: still a stop, as nothing is written yet
            raise Interrupted(self.signum)
        return result

    def _here(self, work: Callable[[], Awaitable[T]]) -> T:
        async def main() -> T:
            self._task = asyncio.current_task()
            try:
                if self.signum is not None:
                    raise asyncio.CancelledError
                return await work()
            finally:
                self._task = None

        with asyncio.Runner(loop_factory=_Loop) as runner:
            return runner.run(main())

    def _in_thread(self, work: Callable[[], Awaitable[T]]) -> T:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="notebooks") as pool:
            return pool.submit(self._here, work).result()

    def finish(self) -> None:
        """From here on the run completes: it is moving its results into place."""
        self.finishing = True


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@contextmanager
def guarded() -> Iterator[Guard]:
    """While the block runs, a stop signal stops it with :class:`Interrupted` (main thread only)."""
    guard = Guard()
    if threading.current_thread() is not threading.main_thread():
        yield guard  # signals reach the main thread only; whoever runs it decides what they do
        return
    previous = {signum: signal.signal(signum, guard.handle) for signum in STOP_SIGNALS}
    try:
        yield guard
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
