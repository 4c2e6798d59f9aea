"""Moving bytes between a pty master and an SSH channel, with back-pressure both ways.

Output: the game's writes go to the player as soon as they arrive, except that writes landing
within one coalescing interval (~12 ms) of the previous send are gathered into one channel
write. One key press therefore echoes at once, while a frame written in many small pieces
leaves as one SSH packet (less framing, better compression). When the channel's send buffer is
full the pump stops reading the pty, so a slow link slows the game's writes instead of growing
memory without bound.

Input: key presses are written to the pty without blocking; if the game is not reading, the
channel is paused until the pty accepts more.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable

#: Gather writes that arrive within this many seconds of the last send.
COALESCE_SECONDS = 0.012
#: Send at once when this much output is waiting, whatever the interval.
FLUSH_BYTES = 32 * 1024
_READ_SIZE = 64 * 1024


class OutputPump:
    """Reads the pty master and sends to the channel; counts the bytes it sends."""

    def __init__(
        self,
        fd: int,
        send: Callable[[bytes], None],
        on_eof: Callable[[], None],
        *,
        coalesce: float = COALESCE_SECONDS,
    ) -> None:
        self.bytes_sent = 0
        self.sends = 0
        self._fd = fd
        self._send = send
        self._on_eof = on_eof
        self._coalesce = coalesce
        self._loop = asyncio.get_running_loop()
        self._buffer = bytearray()
        self._last_send = -1.0
        self._timer: asyncio.TimerHandle | None = None
        self._reading = False
        self._paused = False
        self._closed = False

    def start(self) -> None:
        """Begin reading the game's output."""
        self._set_reading(True)

    def pause(self) -> None:
        """Stop reading the pty (the channel's buffer is full)."""
        self._paused = True
        self._set_reading(False)

    def resume(self) -> None:
        """Read again (the channel drained)."""
        self._paused = False
        self._set_reading(not self._closed)

    def drain(self) -> None:
        """Read whatever the game already wrote and send it now (used as a game ends)."""
        while not self._closed and self._read_once():
            pass
        self.flush()

    def flush(self) -> None:
        """Send everything gathered so far."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._buffer:
            data = bytes(self._buffer)
            self._buffer.clear()
            self._last_send = self._loop.time()
            self.bytes_sent += len(data)
            self.sends += 1
            self._send(data)

    def close(self) -> None:
        """Stop for good; output still gathered is dropped (the player is gone)."""
        self._closed = True
        self._set_reading(False)
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._buffer.clear()

    def _set_reading(self, on: bool) -> None:
        on = on and not self._paused and not self._closed
        if on and not self._reading:
            self._loop.add_reader(self._fd, self._on_readable)
        elif not on and self._reading:
            self._loop.remove_reader(self._fd)
        self._reading = on

    def _on_readable(self) -> None:
        if self._read_once():
            self._schedule_flush()

    def _read_once(self) -> bool:
        """Read one chunk into the buffer; False when nothing was there or at end of file."""
        try:
            data = os.read(self._fd, _READ_SIZE)
        except BlockingIOError:
            return False
        except OSError:  # EIO: every process holding the pty's slave side has closed it
            data = b""
        if not data:
            self.flush()
            self._closed = True
            self._set_reading(False)
            self._on_eof()
            return False
        self._buffer += data
        return True

    def _schedule_flush(self) -> None:
        wait = self._last_send + self._coalesce - self._loop.time()
        if wait <= 0 or len(self._buffer) >= FLUSH_BYTES:
            self.flush()
        elif self._timer is None:
            self._timer = self._loop.call_later(wait, self.flush)


class InputFeeder:
    """Writes the player's key presses into the pty without ever blocking the server."""

    def __init__(self, fd: int, pause: Callable[[], None], resume: Callable[[], None]) -> None:
        self.bytes_received = 0
        self._fd = fd
        self._pause = pause
        self._resume = resume
        self._loop = asyncio.get_running_loop()
        self._pending = bytearray()
        self._closed = False

    def feed(self, data: bytes) -> None:
        """Queue `data` for the game and write as much as the pty takes now."""
        if self._closed:
            return
        self.bytes_received += len(data)
        had_pending = bool(self._pending)
        self._pending += data
        if not had_pending:
            self._write_pending()

    def close(self) -> None:
        """Drop pending input and stop watching the pty."""
        if self._pending:
            self._loop.remove_writer(self._fd)
            self._pending.clear()
        self._closed = True

    def _write_pending(self) -> None:
        try:
            written = os.write(self._fd, self._pending)
        except BlockingIOError:
            written = 0
        except OSError:  # the game is gone; nothing will read this
            self._pending.clear()
            return
        del self._pending[:written]
        if self._pending:
            self._pause()
            self._loop.add_writer(self._fd, self._on_writable)

    def _on_writable(self) -> None:
        self._loop.remove_writer(self._fd)
        self._write_pending()
        if not self._pending:
            self._resume()
