"""`ServicePool`: grade through the host's grading service instead of a pool of our own.

When `CALCQUEST_GRADING_SOCKET` is set (by `calcquest serve` for every game it launches),
`calcquest.grading.pool.default_pool()` returns a `ServicePool`, so `grade()` and `warm()`
need no local fork server or worker. It has the pool's interface (`grade`, `warm`, `pids`,
`close`), so callers do not know the difference.

Each request opens a fresh connection (cheap on a Unix socket): no shared connection to guard
between threads, nothing stale after the service restarts. The caller is never blocked much
longer than its timeout: every socket operation has the request's deadline as its limit.

If the service cannot be reached at all (no socket file, nobody listening), this process
falls back, once and for good, to a local `GradingPool`, and says so in the
log. A service that is merely slow or busy is not a reason to fall back: that answer gets a
not-counted "too slow" verdict, as with a local pool.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Any

from calcquest.grading import service_protocol as wire
from calcquest.grading.pool import GradingPool, too_slow
from calcquest.grading.spec import AnswerSpec
from calcquest.grading.specs import coerce_spec
from calcquest.grading.verdict import SpecError, Verdict, broken_spec, unreadable

log = logging.getLogger("calcquest.grading")

#: Time beyond a request's limit allowed for the trip to the service and back.
SLACK = 0.25
#: How long `warm()` waits for a busy service to answer its ping.
WARM_LIMIT = 2.0
#: Pause between attempts to connect while the service's backlog is full.
RETRY_PAUSE = 0.05
STOPPED = "The checker stopped on that answer; it does not count. Try it again."


class ServiceUnreachable(Exception):
    """Nothing listens at the socket path (or it is not ours to use)."""


class ServicePool:
    """Stands in for the default `GradingPool` when a grading service is configured."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self.fallback_reason: str | None = None
        """Why this process grades locally after all (None while it uses the service)."""
        self._local: GradingPool | None = None
        self._lock = threading.Lock()

    def warm(self) -> ServicePool:
        """Check that the service answers (cheap); fall back to a warm local pool if not."""
        if self._local is None:
            try:
                self._request({"op": "ping"}, time.monotonic() + WARM_LIMIT)
            except ServiceUnreachable as exc:
                self._fall_back(str(exc))
            except (OSError, wire.ProtocolError):
                pass  # it is there but busy or odd; grading will tell
        if self._local is not None:
            self._local.warm()
        return self

    def grade(self, spec: AnswerSpec | dict, response: str, timeout: float = 1.0) -> Verdict:
        """Grade in the service; a verdict within about `timeout` + SLACK seconds."""
        if self._local is not None:
            return self._local.grade(spec, response, timeout)
        started = time.monotonic()
        try:
            spec = coerce_spec(spec)
        except SpecError as exc:
            return broken_spec(exc)
        if not isinstance(response, str) or not response.strip():
            return unreadable("Type an answer first.")
        verdict = self._ask(spec, response, wire.clamp_timeout(timeout), started)
        if verdict is None:  # no service: this process now has its own pool
            return self._local.grade(spec, response, timeout)
        return verdict.with_ms((time.monotonic() - started) * 1000)

    def _ask(
        self, spec: AnswerSpec, response: str, timeout: float, started: float
    ) -> Verdict | None:
        request = wire.grade_request(spec, response, timeout)
        try:
            reply = self._request(request, started + timeout + SLACK)
        except ServiceUnreachable as exc:
            self._fall_back(str(exc))
            return None
        except TimeoutError:
            return too_slow(timeout)
        except (OSError, wire.ProtocolError):
            return unreadable(STOPPED)
        if not reply.get("ok"):
            return unreadable(str(reply.get("error") or STOPPED)[:300])
        try:
            return wire.verdict_from_reply(reply)
        except wire.ProtocolError:
            return unreadable(STOPPED)

    def _request(self, message: dict[str, Any], deadline: float) -> dict[str, Any]:
        """Send one request and read its reply, all before `deadline` (monotonic)."""
        with self._connect(deadline) as sock:
            sock.settimeout(_left(deadline))
            wire.send_frame(sock, message)
            sock.settimeout(_left(deadline))
            return wire.recv_frame(sock)

    def _connect(self, deadline: float) -> socket.socket:
        """A connected socket; retries while the backlog is full, until `deadline`.

        No socket file, or nobody listening on it, means the server is gone: the server
        keeps the listening socket open even while it restarts the service.
        """
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(_left(deadline))
            try:
                sock.connect(self.socket_path)
                return sock
            except (TimeoutError, BlockingIOError):  # the backlog is full: busy, not gone
                sock.close()
                if time.monotonic() + RETRY_PAUSE >= deadline:
                    raise TimeoutError("the grading service is busy") from None
                time.sleep(RETRY_PAUSE)
            except OSError as exc:  # no file, nobody listening, no permission: not usable
                sock.close()
                raise ServiceUnreachable(f"{exc.strerror or exc}") from None

    def _fall_back(self, reason: str) -> GradingPool:
        with self._lock:
            if self._local is None:
                self.fallback_reason = reason
                log.warning(
                    "The grading service at %s is unreachable (%s); checking answers in this "
                    "process instead.",
                    self.socket_path,
                    reason,
                )
                self._local = GradingPool(processes=1)
            return self._local

    def pids(self) -> list[int | None]:
        """The local workers' ids: none unless this process had to fall back."""
        return self._local.pids() if self._local is not None else []

    def close(self) -> None:
        """Stop the local fallback pool, if one was started (the service is not ours)."""
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> ServicePool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _left(deadline: float) -> float:
    """Seconds until `deadline`, never zero (a zero socket timeout means non-blocking)."""
    return max(deadline - time.monotonic(), 0.001)
