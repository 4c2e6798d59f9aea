"""What each SSH session cost: bytes, time, and how it ended, for hosts and benchmarks.

Every session logs one `session-end` line (key=value pairs, easy to grep or parse) and keeps
a `SessionStats` record in the running server, so a benchmark can either read the server's
log or ask an in-process server directly. `wire_bytes_out` is what really crossed the network
(after encryption and compression, read from the kernel's TCP counters where available);
`bytes_out` is what the game wrote, before compression.
"""

from __future__ import annotations

import socket
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# struct tcp_info (linux/tcp.h): tcpi_bytes_acked is a u64 at byte offset 120.
_TCP_INFO_SIZE = 232
_BYTES_ACKED_OFFSET = 120


def wire_bytes_sent(sock: socket.socket | None) -> int | None:
    """Bytes the peer has acknowledged on this TCP socket (Linux), or None if unknown."""
    if sock is None or not hasattr(socket, "TCP_INFO"):
        return None
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, _TCP_INFO_SIZE)
    except OSError:
        return None
    if len(info) < _BYTES_ACKED_OFFSET + 8:
        return None
    return struct.unpack_from("Q", info, _BYTES_ACKED_OFFSET)[0]


class WireMeter:
    """Samples a connection's TCP byte counter now and then while output flows.

    A dropped link takes its socket with it, so the last sample is what a disconnected
    session reports; sampling at most every `interval` seconds keeps the cost negligible.
    """

    def __init__(self, socket_of: Callable[[], socket.socket | None], interval: float = 0.25):
        self.last: int | None = None
        self._socket_of = socket_of
        self._interval = interval
        self._sampled = 0.0

    def sample(self) -> int | None:
        """Read the counter now (keeping the previous value if the socket is gone)."""
        sent = wire_bytes_sent(self._socket_of())
        if sent is not None:
            self.last = sent
        self._sampled = time.monotonic()
        return self.last

    def sample_now_and_then(self) -> None:
        """Read the counter unless it was read within the interval."""
        if time.monotonic() - self._sampled > self._interval:
            self.sample()


@dataclass
class SessionStats:
    """One session's numbers; `end()` fixes the duration and the reason."""

    player: str
    started: float = field(default_factory=time.monotonic)
    bytes_out: int = 0
    bytes_in: int = 0
    sends: int = 0
    wire_bytes_out: int | None = None
    ended: float | None = None
    reason: str = "playing"
    first_output_after: float | None = None
    #: The compression the server sends with ("none", "zlib@openssh.com", ...).
    compression: str = "unknown"

    @property
    def seconds(self) -> float:
        """How long the session lasted (so far, while it is still running)."""
        return (self.ended or time.monotonic()) - self.started

    @property
    def bytes_per_second(self) -> float:
        """Average output rate before compression."""
        return self.bytes_out / max(self.seconds, 1e-6)

    def note_output(self, size: int) -> None:
        """Count one channel write of `size` bytes."""
        if self.first_output_after is None:
            self.first_output_after = time.monotonic() - self.started
        self.bytes_out += size
        self.sends += 1

    def end(self, reason: str, wire_bytes_out: int | None = None) -> None:
        """Mark the session over (only the first call counts)."""
        if self.ended is None:
            self.ended = time.monotonic()
            self.reason = reason
            self.wire_bytes_out = wire_bytes_out

    def log_line(self) -> str:
        """`session-end player=ana seconds=12.30 bytes_out=... reason=quit` for the log."""
        parts = {
            "player": self.player,
            "reason": self.reason,
            "seconds": f"{self.seconds:.2f}",
            "bytes_out": self.bytes_out,
            "bytes_in": self.bytes_in,
            "sends": self.sends,
            "bytes_per_s": f"{self.bytes_per_second:.0f}",
            "wire_bytes_out": "unknown" if self.wire_bytes_out is None else self.wire_bytes_out,
            "compression": self.compression,
            "first_output_s": "none"
            if self.first_output_after is None
            else f"{self.first_output_after:.3f}",
        }
        return "session-end " + " ".join(f"{key}={value}" for key, value in parts.items())


def parse_log_line(line: str) -> dict[str, str] | None:
    """The fields of a `session-end` log line (None for other lines), for benchmarks."""
    _, found, rest = line.partition("session-end ")
    if not found:
        return None
    return dict(part.split("=", 1) for part in rest.split() if "=" in part)
