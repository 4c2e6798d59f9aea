"""The game's grader: the shared grading pool, warmed in the background after the map draws.

Warming (importing SymPy, starting the worker process) takes a second or more, so it runs in a
daemon thread while the player reads the map (a daemon, so quitting at once never waits). An
answer submitted before warming is done waits for it rather than racing it for the same
worker; the spinner shows meanwhile.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calcquest.grading import AnswerSpec, Verdict

#: How long an early answer waits for the warm-up before grading anyway.
WARM_WAIT = 60.0


class WarmGrader:
    """Calls `calcquest.grading.grade` once the background warm-up has finished."""

    def __init__(self) -> None:
        self._ready = threading.Event()

    def start(self) -> None:
        """Warm up in a daemon thread: quitting never waits for a warm-up still under way."""
        threading.Thread(target=self.warm, name="calcquest-warm-grading", daemon=True).start()

    def warm(self) -> None:
        """Load the parser and start the pool's worker (blocks; `start` runs it aside)."""
        try:
            from calcquest.grading import interpret
            from calcquest.grading.pool import default_pool

            interpret("x", ("x",))
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
    """Start multiprocessing's resource tracker while stderr is still the real one.

    The local grading pool starts worker processes from a thread worker, and by then Textual
    has replaced `sys.stderr` with a capture whose `fileno()` is -1, which makes the tracker's
    spawn fail ("bad value(s) in fds_to_keep"). Started here first (about 5 ms, no waiting),
    it is simply reused later. Games under `calcquest serve` grade through the host's service
    and start no process, so they skip it.
    """
    import os

    from calcquest.grading.service_protocol import SOCKET_ENV

    if os.environ.get(SOCKET_ENV):
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
