"""The game's grader: the shared grading pool, warmed in the background after the map draws.

Warming (importing SymPy, starting the worker process) takes a second or more, so it runs in a
daemon thread while the player reads the map (a daemon, so quitting at once never waits). An
answer submitted before warming is done waits for it rather than racing it for the same
worker; the spinner shows meanwhile.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calcquest.grading import AnswerSpec, Verdict

#: How long an early answer waits for the warm-up before grading anyway.
WARM_WAIT = 60.0

#: One pool warm-up at a time in this process. The pool is shared by every game in the process
#: (the tests run many), and a warm-up left over from a closed game must not read the worker's
#: pipe while the next game grades on it (it would take the verdict, and the answer time out).
_POOL_WARMING = threading.Lock()


class WarmGrader:
    """Calls `calcquest.grading.grade` once the background warm-up has finished."""

    def __init__(self) -> None:
        self._ready = threading.Event()

    def start(self, before_pool: Callable[[], bool] | None = None) -> None:
        """Warm up in a daemon thread: quitting never waits for a warm-up still under way."""
        threading.Thread(
            target=self.warm, args=(before_pool,), name="calcquest-warm-grading", daemon=True
        ).start()

    def warm(self, before_pool: Callable[[], bool] | None = None) -> None:
        """Load the parser and start the pool's worker (blocks; `start` runs it aside).

        `before_pool` runs once the grading modules are imported and before any worker
        process starts (the game starts the resource tracker there); when it returns False
        the pool is not started."""
        try:
            from calcquest.grading import interpret
            from calcquest.grading.pool import default_pool

            interpret("x", ("x",))
            if before_pool is None or before_pool():
                with _POOL_WARMING:
                    default_pool().warm()
        finally:
            self._ready.set()

    @property
    def ready(self) -> bool:
        """Whether the warm-up has finished."""
        return self._ready.is_set()

    def __call__(self, spec: AnswerSpec, response: str, *, timeout: float = 1.0) -> Verdict:
        """Grade `response`, first waiting for the warm-up if it is still running."""
        from calcquest.grading import grade

        self._ready.wait(WARM_WAIT)
        return grade(spec, response, timeout=timeout)


def start_process_helpers() -> None:
    """Start multiprocessing's resource tracker with the real stderr.

    The local grading pool starts worker processes from a thread, and while Textual runs,
    `sys.stderr` is its capture whose `fileno()` is -1, which makes the tracker's spawn fail
    ("bad value(s) in fds_to_keep"). So the tracker is started first, with the real stderr
    put back for the few ms it takes, on the UI thread (nothing else there can print
    meanwhile); it is simply reused later. Call it before Textual runs, or on the UI thread
    while it runs: the game does so after its first frame, from the warm-up (so importing
    multiprocessing and spawning the tracker never delay the map). Games under
    `calcquest serve` grade through the host's service and start no process, so they skip it.
    """
    import contextlib
    import os
    import sys

    from calcquest.grading.service_protocol import SOCKET_ENV

    if os.environ.get(SOCKET_ENV):
        return
    from multiprocessing import resource_tracker

    with contextlib.redirect_stderr(sys.__stderr__):
        resource_tracker.ensure_running()
