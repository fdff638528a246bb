"""The time limit of one attempt: an alarm that interrupts the work when it runs too long.

The alarm (``SIGALRM``) exists only in the main thread of a process on a POSIX
system; that is where the worker and the test runner call jobs. Elsewhere (a
development server's request thread) the attempt runs unbounded, and a worker
that hangs in native code is found later by the recovery
(:mod:`duijie.jobs.recovery`), which uses the same limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType


class TimeLimitExceeded(BaseException):
    """The attempt ran longer than its time limit.

    A ``BaseException``, like ``KeyboardInterrupt``: work that catches every ``Exception``
    of its own steps (WeasyPrint logs and skips a failed image or font) must not swallow
    the alarm and run on past its limit (seen in the fault run, docs/benchmarks.md).
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after the time limit of {seconds:g} s")
        self.seconds = seconds


def alarms_available() -> bool:
    """Whether this thread can set an alarm."""
    return hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` inside the block once ``seconds`` have passed."""
    if seconds <= 0 or not alarms_available():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
