"""A soft time budget for symbolic steps that may never return (e.g. `simplify`).

The hard limit is the grading pool killing its worker. Inside the worker a softer limit lets a
slow symbolic confirmation give up early, so the numeric evidence still yields a verdict
instead of a timeout. It uses `SIGALRM`, so it only works in a main thread on POSIX; anywhere
else the budget is simply not enforced (and the pool's hard limit still applies).
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(Exception):
    """Raised inside a budgeted block when its time is up."""


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise `BudgetExceeded` in this block after `seconds` (None: no limit).

    A timer that was already running (pytest-timeout uses one) is restored afterwards with the
    time it had left, so budgets nest politely.
    """
    if seconds is None or seconds <= 0 or not _can_use_alarm():
        yield
        return

    def on_alarm(signum, frame):
        raise BudgetExceeded

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:
            left = max(previous_delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, previous_interval)
