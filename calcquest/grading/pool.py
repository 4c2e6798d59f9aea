"""`grade` and `GradingPool`: checks in reusable worker processes with a hard time limit.

Why processes: a runaway SymPy call cannot be interrupted from another thread, only killed.
Each worker runs `calcquest.grading.worker.serve`; if it does not answer within the timeout
it is killed (SIGKILL), a fresh one is started, and the caller gets a not-counted verdict.

Why the `forkserver` start method (with `spawn` where it is missing): the game grades from a
Textual thread worker, and `fork` from a multi-threaded process can deadlock the child. The
fork server is a clean single-threaded process that preloads `calcquest.grading.worker`
(SymPy, NumPy, warm caches), so a replacement worker after a kill is forked ready in
milliseconds, shares that memory copy-on-write, and never re-imports SymPy.

The time limit covers the check. A pool's very first start (the fork server importing SymPy,
about a second) is waited for once, outside the limit; call `warm()` early to hide it.

Under `calcquest serve`, `CALCQUEST_GRADING_SOCKET` makes `default_pool()` a client of the
host's one grading service (`calcquest.grading.service`) instead of a pool of its own.
"""

from __future__ import annotations

import atexit
import itertools
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from calcquest.grading.service_protocol import SOCKET_ENV
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.specs import coerce_spec
from calcquest.grading.verdict import SpecError, Verdict, broken_spec, unreadable

if TYPE_CHECKING:
    from calcquest.grading.service_client import ServicePool

#: How long a starting worker may take to import SymPy and get ready (once per pool).
STARTUP_LIMIT = 60.0
#: The longest time limit a caller may ask for; nonsense (NaN, negative) means the default.
MAX_TIMEOUT = 3600.0
WORKER_MODULE = "calcquest.grading.worker"


def _context():
    """The forkserver context preloading the worker module, else spawn (see module doc)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([WORKER_MODULE])
        return context
    return multiprocessing.get_context("spawn")


def _worker_entry(connection, check) -> None:
    """Process target: import the worker module (preloaded under forkserver) and serve.

    Ctrl+C typed at a line-by-line game (plain mode) is a SIGINT to the whole process group;
    the game handles it, and the worker, which would only print a traceback, ignores it and
    ends when its pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from calcquest.grading.worker import serve

    serve(connection, check)


def too_slow(timeout: float) -> Verdict:
    """The not-counted verdict for a check that ran out of time."""
    return unreadable(
        f"That took too long to check (over {timeout:g} s), so it does not count. "
        "Try writing the same answer more simply."
    )


class _Worker:
    """One worker process and the pipe to it."""

    def __init__(self, context, check: Callable | None) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(
            target=_worker_entry, args=(child, check), daemon=True, name="calcquest-grader"
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, limit: float) -> bool:
        """Block until the worker has said it is ready (False: it died or took too long)."""
        if not self.ready and self.connection.poll(limit):
            try:
                self.ready = self.connection.recv()[0] == "ready"
            except (EOFError, OSError):
                return False
        return self.ready

    def stop(self, *, kill: bool) -> None:
        """End the process: politely, or SIGKILL for a runaway check."""
        try:
            if not kill:
                self.connection.send(None)
                self.process.join(0.5)
        except (OSError, ValueError):
            pass
        if self.process.is_alive():
            self.process.kill()
            self.process.join(1.0)
        self.connection.close()


class GradingPool:
    """Worker processes that grade responses, each check under a hard wall-clock limit."""

    def __init__(self, processes: int = 1, *, check: Callable | None = None) -> None:
        """`check` replaces `grade_here` in the workers (a picklable top-level function)."""
        self._context = _context()
        self._check = check
        self._size = max(1, processes)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._jobs = itertools.count()
        self._closed = False

    def _start_workers(self) -> None:
        with self._lock:
            if self._closed:
                raise RuntimeError("this grading pool is closed")
            while len(self._all) < self._size:
                worker = _Worker(self._context, self._check)
                self._all.append(worker)
                self._idle.put(worker)

    def warm(self) -> GradingPool:
        """Start the workers and wait until they have SymPy loaded (call early, e.g. at start)."""
        self._start_workers()
        for worker in list(self._all):
            worker.wait_ready(STARTUP_LIMIT)
        return self

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop(kill=True)
        fresh = _Worker(self._context, self._check)
        with self._lock:
            self._all = [fresh if w is worker else w for w in self._all]
        return fresh

    def grade(
        self,
        spec: AnswerSpec | dict,
        response: str,
        timeout: float = 1.0,
        *,
        started: float | None = None,
    ) -> Verdict:
        """Grade in a worker; never blocks much longer than `timeout` once the pool is warm.

        `started` (a `time.monotonic()` reading) is when the request arrived, when it waited
        before this call (in the grading service's queue): that wait counts against `timeout`.
        """
        started = time.monotonic() if started is None else started
        timeout = min(timeout, MAX_TIMEOUT) if timeout > 0 else 1.0  # NaN > 0 is False
        try:
            spec = coerce_spec(spec)
        except SpecError as exc:
            return broken_spec(exc)
        if not isinstance(response, str) or not response.strip():
            return unreadable("Type an answer first.")
        self._start_workers()
        try:
            worker = self._idle.get(timeout=max(timeout - (time.monotonic() - started), 0.0))
        except queue.Empty:
            return too_slow(timeout).with_ms((time.monotonic() - started) * 1000)
        try:
            worker, verdict = self._run(worker, spec, response, timeout, started)
        except OSError as exc:  # no process could be started (e.g. out of file handles)
            verdict = unreadable(f"The checker is not available right now ({exc.strerror}).")
        finally:
            self._idle.put(worker)
        return verdict

    def _run(
        self, worker: _Worker, spec, response: str, timeout: float, started: float, retry=True
    ):
        if worker.ready and not worker.process.is_alive():
            worker = self._replace(worker)  # it died while idle (OOM killer, a stray signal)
        if not worker.ready:
            if not worker.wait_ready(STARTUP_LIMIT):
                return self._replace(worker), unreadable("The checker could not start; try again.")
            started = time.monotonic()
        job_id = next(self._jobs)
        try:
            worker.connection.send((job_id, spec, response, timeout))
        except (OSError, ValueError):
            # It died while idle but its exit was not known yet (a forkserver child's status
            # arrives a moment later). The answer never reached it, so a fresh worker may
            # safely take it once.
            worker = self._replace(worker)
            if retry:
                return self._run(worker, spec, response, timeout, started, retry=False)
            return worker, unreadable("The checker stopped; try that again.")
        remaining = timeout - (time.monotonic() - started)
        if not worker.connection.poll(max(remaining, 0.0)):
            worker = self._replace(worker)
            return worker, too_slow(timeout).with_ms((time.monotonic() - started) * 1000)
        try:
            _, verdict = worker.connection.recv()
        except (EOFError, OSError):
            worker = self._replace(worker)
            return worker, unreadable("The checker stopped on that answer; it does not count.")
        return worker, verdict.with_ms((time.monotonic() - started) * 1000)

    def pids(self) -> list[int | None]:
        """The worker processes' ids (for diagnostics, and to see a killed worker replaced)."""
        with self._lock:
            return [worker.process.pid for worker in self._all]

    def close(self) -> None:
        """Stop every worker. The pool cannot be used afterwards."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for worker in workers:
            worker.stop(kill=False)

    def __enter__(self) -> GradingPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


_default_pool: GradingPool | ServicePool | None = None
_default_lock = threading.Lock()


def default_pool() -> GradingPool | ServicePool:
    """The shared pool `grade` uses, created on first use and closed at exit.

    With `CALCQUEST_GRADING_SOCKET` set (games under `calcquest serve`), it is a client of
    the host's grading service instead, and this process starts no worker of its own.
    """
    global _default_pool
    with _default_lock:
        if _default_pool is None:
            _default_pool = _new_default_pool()
            atexit.register(_default_pool.close)
        return _default_pool


def _new_default_pool() -> GradingPool | ServicePool:
    socket_path = os.environ.get(SOCKET_ENV)
    if socket_path:
        from calcquest.grading.service_client import ServicePool

        return ServicePool(socket_path)
    return GradingPool(processes=1)


def grade(spec: AnswerSpec | dict, response: str, *, timeout: float = 1.0) -> Verdict:
    """Grade one response in the shared worker pool, within `timeout` seconds."""
    return default_pool().grade(spec, response, timeout=timeout)
