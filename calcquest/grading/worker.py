"""The grading worker process: import SymPy/NumPy once, then grade jobs from a pipe forever.

This module is preloaded by the pool's fork server, so every worker (including the fresh one
started after a timeout kill) is forked with SymPy, NumPy, the parser and warm caches
already in memory, and is ready in milliseconds instead of the ~1 s a cold import takes.
"""

from __future__ import annotations

import os

# One BLAS thread: workers are forked, and forking a process whose BLAS pool already runs
# threads is fragile. Set before NumPy is imported (this module loads first in the server).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import resource  # noqa: E402
from collections.abc import Callable  # noqa: E402

from calcquest.grading import equivalence  # noqa: E402
from calcquest.grading.api import grade_here  # noqa: E402
from calcquest.grading.verdict import Verdict, unreadable  # noqa: E402

#: Address-space cap of a worker, so a runaway computation fails instead of swapping.
MEMORY_LIMIT = 3 * 1024**3
#: Share of the job's time limit a symbolic confirmation may use before it gives up.
SYMBOLIC_SHARE = 0.4


def warm_up() -> None:
    """Grade a few typical answers, so imports, lambdify and the parser are all warm.

    Never raises: this runs while the fork server preloads the module, and a failure there
    would stop every worker from starting.
    """
    try:
        _typical_answers()
    except Exception:  # noqa: BLE001 - a cold cache is better than no worker
        pass


def _typical_answers() -> None:
    grade_here({"kind": "expression", "expected": "2*x*cos(x^2)", "vars": ["x"]}, "2x cos(x^2)")
    grade_here({"kind": "expression", "expected": "2*x", "vars": ["x"]}, "2x + 1")
    grade_here({"kind": "numeric", "expected": "1/3"}, "0.333")


def _limit_memory() -> None:
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > MEMORY_LIMIT:
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))
    except (ValueError, OSError):
        pass


def _run(check: Callable, spec, response: str, timeout: float) -> Verdict:
    equivalence.SYMBOLIC_BUDGET = max(timeout * SYMBOLIC_SHARE, 0.05)
    try:
        return check(spec, response)
    except MemoryError:
        return unreadable("That answer is too big to check, so it does not count.")
    except Exception as exc:  # a checker bug must not kill the worker or reach the player
        return unreadable(
            f"That answer could not be checked ({type(exc).__name__}); it does not count."
        )


def serve(connection, check: Callable | None = None) -> None:
    """The worker's main loop: answer (job_id, spec, response, timeout) until told to stop."""
    _limit_memory()
    check = check or grade_here
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        job_id, spec, response, timeout = job
        connection.send((job_id, _run(check, spec, response, timeout)))


warm_up()
