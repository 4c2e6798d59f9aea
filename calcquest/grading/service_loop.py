"""Inside the grading service process: accept requests, queue them fairly, grade them in a pool.

An asyncio loop owns every connection, so hundreds of waiting clients cost no threads. Each
request becomes a `Job` in a `FairQueue`; one dispatcher per worker takes the next job and runs
the blocking `GradingPool.grade` in a thread, with the time the job already waited counted
against its limit. The queue is served round-robin by client process, so a game process that
floods the service (or only sends runaway answers) delays itself, not everyone else.

Nothing a client does can wedge the loop: every read has a time limit, malformed bytes get an
error reply and a closed connection, and a client that hangs up while its job waits is
skipped (a job already running is bounded by its own time limit).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import struct
import time
from collections import OrderedDict, deque
from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from calcquest.grading import service_protocol as wire
from calcquest.grading.pool import GradingPool, too_slow
from calcquest.grading.specs import coerce_spec
from calcquest.grading.verdict import SpecError, Verdict, broken_spec, unreadable

log = logging.getLogger("calcquest.grading.service")

#: Seconds a client has to send its whole request after connecting.
READ_LIMIT = 5.0
#: Seconds past a job's limit the handler waits for the dispatcher before answering itself.
GRACE = 0.5
#: A job left with less time than this is answered "too slow" without being started.
MIN_RUN = 0.02
#: Waiting jobs one client process may have, and all clients together.
MAX_PENDING_PER_CLIENT = 64
MAX_PENDING = 4096
BUSY = "The checker is very busy right now; try that answer again in a moment."
_UCRED = struct.Struct("3i")


@dataclass(eq=False)
class Job:
    """One grading request waiting for (or being graded by) a worker."""

    client: Hashable
    spec: Any
    response: str
    timeout: float
    arrived: float = field(default_factory=time.monotonic)
    future: asyncio.Future = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )
    abandoned: bool = False

    def finish(self, verdict: Verdict) -> None:
        """Hand the verdict to the waiting connection, unless it already gave up."""
        if not self.future.done():
            self.future.set_result(verdict)


class FairQueue:
    """Jobs in one lane per client, served round-robin across lanes (FIFO within a lane)."""

    def __init__(self) -> None:
        self._lanes: OrderedDict[Hashable, deque[Job]] = OrderedDict()
        self._waiting = asyncio.Semaphore(0)
        self.size = 0

    def pending(self, client: Hashable) -> int:
        """How many jobs `client` has waiting."""
        return len(self._lanes.get(client, ()))

    def put(self, job: Job) -> None:
        """Queue a job at the end of its client's lane."""
        self._lanes.setdefault(job.client, deque()).append(job)
        self.size += 1
        self._waiting.release()

    async def get(self) -> Job:
        """The next job: the first lane's oldest; that lane then goes to the back."""
        await self._waiting.acquire()
        client, lane = self._lanes.popitem(last=False)
        job = lane.popleft()
        if lane:
            self._lanes[client] = lane
        self.size -= 1
        return job


def peer_of(writer: asyncio.StreamWriter) -> tuple[Hashable, bool]:
    """The client's key for fair queueing (its pid) and whether it runs as our own user."""
    sock = writer.get_extra_info("socket")
    if sock is None or not hasattr(socket, "SO_PEERCRED"):
        return id(writer), True
    try:
        pid, uid, _gid = _UCRED.unpack(
            sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _UCRED.size)
        )
    except OSError:
        return id(writer), False
    return pid, uid == os.getuid()


class GradingServer:
    """The service's request handling around one warm `GradingPool`."""

    def __init__(self, pool: GradingPool, processes: int) -> None:
        self.pool = pool
        self.processes = processes
        self.queue = FairQueue()
        self._executor = ThreadPoolExecutor(processes, thread_name_prefix="calcquest-dispatch")
        self._dispatchers: list[asyncio.Task] = []

    def start_dispatching(self) -> None:
        """Start one dispatcher per worker (call once the pool is warm)."""
        for _ in range(self.processes):
            self._dispatchers.append(asyncio.create_task(self._dispatch()))

    async def close(self) -> None:
        """Stop dispatching; running checks end within their limit."""
        for task in self._dispatchers:
            task.cancel()
        await asyncio.gather(*self._dispatchers, return_exceptions=True)
        self._executor.shutdown(wait=False, cancel_futures=True)

    async def _dispatch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            job = await self.queue.get()
            if job.abandoned:
                continue
            if job.timeout - (time.monotonic() - job.arrived) < MIN_RUN:
                job.finish(too_slow(job.timeout))
                continue
            job.finish(await loop.run_in_executor(self._executor, self._grade, job))

    def _grade(self, job: Job) -> Verdict:
        try:
            return self.pool.grade(job.spec, job.response, job.timeout, started=job.arrived)
        except Exception:  # a bug here must cost one answer, never the service
            log.exception("grading failed")
            return unreadable("The checker stopped on that answer; it does not count.")

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One connection: read a request, answer it, close. Never raises."""
        try:
            client, trusted = peer_of(writer)
            if trusted:
                await self._converse(client, reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError, OSError):
            pass  # the client went away or was too slow to send; nothing to answer
        except Exception:
            log.exception("a grading connection failed")
        finally:
            writer.close()

    async def _converse(self, client, reader, writer) -> None:
        try:
            message = await asyncio.wait_for(_read_frame(reader), READ_LIMIT)
        except wire.ProtocolError as exc:
            reply = wire.error_reply(f"bad request: {exc}")
        else:
            reply = await self._answer(client, message, reader)
        if reply is not None:
            writer.write(wire.encode(reply))
            await writer.drain()

    async def _answer(self, client, message: dict, reader) -> dict | None:
        op = message.get("op")
        if op == "ping":
            return {"ok": True, "pong": True}
        if op != "grade":
            return wire.error_reply(f"unknown op {str(op)[:40]!r}; expected 'grade' or 'ping'")
        response = message.get("response")
        if not isinstance(response, str):
            return wire.error_reply("'response' must be a string")
        timeout = wire.clamp_timeout(message.get("timeout"))
        try:
            spec = coerce_spec(message.get("spec"))
        except SpecError as exc:
            return wire.verdict_reply(broken_spec(exc))
        return await self._queue_and_wait(Job(client, spec, response, timeout), reader)

    async def _queue_and_wait(self, job: Job, reader: asyncio.StreamReader) -> dict | None:
        if (
            self.queue.size >= MAX_PENDING
            or self.queue.pending(job.client) >= MAX_PENDING_PER_CLIENT
        ):
            return wire.error_reply(BUSY)
        self.queue.put(job)
        hangup = asyncio.ensure_future(reader.read(1))
        try:
            done, _ = await asyncio.wait(
                {job.future, hangup},
                timeout=job.timeout + GRACE,
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            hangup.cancel()
        if job.future.done():
            return wire.verdict_reply(job.future.result())
        job.abandoned = True
        if hangup in done:
            return None  # the client hung up (or broke the protocol) while waiting
        return wire.verdict_reply(too_slow(job.timeout))


async def _read_frame(reader: asyncio.StreamReader) -> dict:
    length = wire.frame_length(await reader.readexactly(wire.HEADER.size))
    return wire.decode(await reader.readexactly(length))
