"""One SSH session channel: refuse it politely, or run one game in a pty behind it.

asyncssh calls these methods as the client asks for a pty, a shell or a command. Nothing the
client asks for is ever run: an exec request is accepted only so the player can be told, in
one line, that calcquest runs no commands. A shell request with a pty starts the game; the
session then relays bytes both ways, forwards window changes, watches for idleness, and makes
sure the game process ends with the session however it ends (quit, idle, dropped link,
server shutdown).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from typing import Any

import asyncssh

from calcquest.serve import messages
from calcquest.serve.hub import Hub, Visitor
from calcquest.serve.launcher import GameRequest, decode_env
from calcquest.serve.pty_process import PtyProcess
from calcquest.serve.relay import InputFeeder, OutputPump
from calcquest.serve.stats import SessionStats, WireMeter

log = logging.getLogger("calcquest.serve")

#: Puts a client terminal back to normal if a game was stopped before it could, undoing
#: what Textual turns on: the Kitty keyboard protocol (popped before leaving the alternate
#: screen, as Textual does), the alternate screen, a hidden cursor, colours, line wrapping
#: (off while a game runs: without it the goodbye line overwrites its own last column, and the
#: player's shell stays unwrapped), mouse and focus reporting, bracketed paste, in-band resize
#: and synchronized output.
TERMINAL_RESET = (
    b"\x1b[<u\x1b[?1049l\x1b[0m\x1b[?25h\x1b[?7h"
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1016l\x1b[?1004l"
    b"\x1b[?2004l\x1b[?2048l\x1b[?2026l\r\n"
)
#: Key presses kept while the game is still starting.
EARLY_INPUT_LIMIT = 4096


class GameSession(asyncssh.SSHServerSession):
    """The server side of one session channel (returned from `session_requested`)."""

    def __init__(self, hub: Hub, visitor: Visitor) -> None:
        self.player = visitor.name
        self.stats = SessionStats(visitor.name)
        self._hub = hub
        self._visitor = visitor
        self._chan: asyncssh.SSHServerChannel | None = None
        self._term: str | None = None
        self._size = (80, 24)
        self._command: str | None = None
        self._game: PtyProcess | None = None
        self._pump: OutputPump | None = None
        self._feeder: InputFeeder | None = None
        self._early_input = bytearray()
        self._idle: asyncio.TimerHandle | None = None
        self._last_input = 0.0
        self._ending = False
        self._muted = False
        self._wire = WireMeter(lambda: self._chan.get_extra_info("socket") if self._chan else None)
        self._launched = asyncio.Event()
        self._closed = asyncio.Event()
        self._tasks: set[asyncio.Task] = set()

    # -- requests from the client ---------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel) -> None:
        """Keep the channel to write to."""
        self._chan = chan
        self.stats.compression = str(chan.get_extra_info("send_compression", "unknown"))

    def pty_requested(self, term_type: str, term_size: tuple, term_modes: dict) -> bool:
        """Accept a terminal; remember its type and size for the game."""
        self._term = term_type
        self._size = _usable_size(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        """Accept: a shell request means "play"."""
        return True

    def exec_requested(self, command: str) -> bool:
        """Accept only to explain; `command` is never run."""
        self._command = command
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        """Refuse sftp and every other subsystem."""
        return False

    def break_received(self, msec: int) -> bool:
        """Ignore breaks."""
        return False

    def eof_received(self) -> bool:
        """Keep playing; a closed input is handled by the idle timeout or the disconnect."""
        return True

    # -- the session's life ---------------------------------------------------------------

    def session_started(self) -> None:
        """Refuse with one line, or start the game."""
        refusal = self._hub.admit(
            self._visitor, has_pty=self._term is not None, command=self._command
        )
        if refusal is not None:
            self._hub.refused(self._visitor, refusal)
            self._say_and_exit(refusal, status=1)
            return
        self._hub.opened(self)
        self._spawn(self._play())

    def data_received(self, data: bytes, datatype: int | None) -> None:
        """Key presses: to the game (or held while it starts); they reset the idle clock."""
        self._last_input = asyncio.get_running_loop().time()
        self.stats.bytes_in += len(data)
        if self._feeder is not None:
            self._feeder.feed(data)
        elif len(self._early_input) < EARLY_INPUT_LIMIT:
            self._early_input += data

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        """Forward a resize: the game gets SIGWINCH."""
        self._size = _usable_size(width, height)
        if self._game is not None:
            self._game.resize(*self._size)

    def pause_writing(self) -> None:
        """The client is slow: stop reading the game's output for now."""
        if self._pump is not None:
            self._pump.pause()

    def resume_writing(self) -> None:
        """The client caught up."""
        if self._pump is not None:
            self._pump.resume()

    def connection_lost(self, exc: Exception | None) -> None:
        """The channel is gone (player quit, link dropped): the game must end too."""
        if self._ending:
            return
        self._ending = True
        self._muted = True
        if self in self._hub.active and not self._launched.is_set():
            return  # still starting: `_play` stops the game as soon as it exists
        if self._game is not None and self._game.running:
            self._spawn(self._stop_game("disconnected"))
        elif self in self._hub.active:
            self._close_down("disconnected")

    async def wait_closed(self) -> None:
        """Wait until the game has ended and the session's numbers are recorded."""
        await self._closed.wait()

    async def end_by_server(self, reason: str, message: str) -> None:
        """End the game from this side (idle, shutdown) and tell the player why."""
        if self._ending:
            return
        self._ending = True
        await self._launched.wait()
        if self._feeder is not None:
            self._feeder.close()
        if self._game is not None:
            await self._game.stop(self._hub.config.grace)
        if self._pump is not None:
            self._pump.drain()
        self._close_down(reason)
        self._write(TERMINAL_RESET)
        self._say_and_exit(message, status=0)

    # -- internals ------------------------------------------------------------------------

    async def _play(self) -> None:
        game = await self._launch()
        if game is None:
            return
        if self._ending:
            if self._muted:  # the player left while the game was starting
                await self._stop_game("disconnected")
            return  # otherwise `end_by_server`, waiting for this launch, takes over
        self._attach(game)
        status = await game.wait()
        if self._ending:
            return
        self._ending = True
        self._pump.drain()
        await game.clear_group(self._hub.config.grace)
        self._close_down("quit")
        self._exit(status or 0)

    async def _launch(self) -> PtyProcess | None:
        cols, rows = self._size
        request = GameRequest(
            player=self.player,
            data_dir=self._hub.config.data_dir,
            term=self._term or "",
            cols=cols,
            rows=rows,
            client_env=decode_env(self._chan.get_environment() if self._chan else {}),
            server_env=self._hub.server_env,
        )
        try:
            self._game = await self._hub.launcher.start(request)
        except Exception:
            log.exception("could not start a game for player=%s", self.player)
            self._ending = True
            self._close_down("failed")
            self._say_and_exit("calcquest could not start the game; please tell the host", 1)
            return None
        finally:
            self._launched.set()
        return self._game

    def _attach(self, game: PtyProcess) -> None:
        assert self._chan is not None
        self._pump = OutputPump(game.master_fd, self._send_output, on_eof=lambda: None)
        self._feeder = InputFeeder(
            game.master_fd, self._chan.pause_reading, self._chan.resume_reading
        )
        if self._early_input:
            self._feeder.feed(bytes(self._early_input))
            self._early_input.clear()
        game.resize(*self._size)  # the window may have changed while the game started
        self._pump.start()
        self._last_input = asyncio.get_running_loop().time()
        self._arm_idle(self._hub.config.idle_timeout)

    async def _stop_game(self, reason: str) -> None:
        if self._game is not None:
            await self._game.stop(self._hub.config.grace)
        self._close_down(reason)

    def _close_down(self, reason: str) -> None:
        """Release the pty and relays, record the stats and tell the hub (once)."""
        if self._idle is not None:
            self._idle.cancel()
        for part in (self._pump, self._feeder, self._game):
            if part is not None:
                part.close()
        if self.stats.ended is None:
            self.stats.end(reason, self._wire.sample())
            self._hub.closed(self, self.stats)
        self._closed.set()

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` as a task and keep a reference until it is done (asyncio keeps none)."""
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _arm_idle(self, delay: float) -> None:
        if delay > 0:
            self._idle = asyncio.get_running_loop().call_later(delay, self._check_idle)

    def _check_idle(self) -> None:
        limit = self._hub.config.idle_timeout
        quiet = asyncio.get_running_loop().time() - self._last_input
        if quiet < limit:
            self._arm_idle(limit - quiet)
            return
        message = messages.idle_ended(limit)
        self._spawn(self.end_by_server("idle", message))

    def _send_output(self, data: bytes) -> None:
        if not self._muted:
            self.stats.note_output(len(data))
            self._write(data)
            self._wire.sample_now_and_then()

    def _write(self, data: bytes) -> None:
        if self._chan is not None:
            with contextlib.suppress(BrokenPipeError, ConnectionError, OSError):
                self._chan.write(data)

    def _say_and_exit(self, message: str, status: int) -> None:
        newline = "\r\n" if self._term is not None else "\n"
        if self._chan is not None:
            with contextlib.suppress(BrokenPipeError, ConnectionError, OSError):
                self._chan.write_stderr((message + newline).encode())
        self._exit(status)

    def _exit(self, status: int) -> None:
        if self._chan is not None:
            with contextlib.suppress(BrokenPipeError, ConnectionError, OSError):
                self._chan.exit(max(0, min(int(status), 255)))


def _usable_size(cols: int, rows: int) -> tuple[int, int]:
    """A client may report 0x0 (unknown): assume the classic 80x24 then."""
    return (cols or 80, rows or 24)
