"""The warm launcher: ask a pre-loaded zygote process to fork each game.

Starting `python -m calcquest` costs an interpreter start plus importing Textual and the game
for every connection, which eats most of the 0.6 s first-frame budget on a busy 2-core host,
and 500 separate interpreters would not fit in memory. The zygote (`zygote_child`) pays the
imports once; each session then costs one fork. The server keeps the pty master; the zygote
only ever sees the slave side, passed over a Unix socket.

If the zygote cannot start or dies, sessions fall back to the plain exec launcher (and the
zygote is restarted for later sessions), so hosting never depends on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

from calcquest.serve.launcher import GameRequest, Launcher, game_args, game_env
from calcquest.serve.pty_process import PtyProcess, open_pty

log = logging.getLogger("calcquest.serve")

#: Seconds between attempts to restart a zygote that died.
RESTART_PAUSE = 30.0
#: Seconds to wait for the zygote to import everything and answer a request.
REPLY_TIMEOUT = 30.0


class ZygoteError(OSError):
    """The zygote did not answer as expected (it will be restarted)."""


class _Zygote:
    """One zygote process and its control socket; requests are serialized by a lock."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-X",
                    "utf8",
                    "-m",
                    "calcquest.serve.zygote_child",
                    str(theirs.fileno()),
                ],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            theirs.close()
        ours.settimeout(REPLY_TIMEOUT)
        self._sock = ours
        self._ready = False
        self._lock = threading.Lock()

    @property
    def alive(self) -> bool:
        """Whether the zygote process is still running."""
        return self.process.poll() is None

    def fork(self, args: list[str], env: dict[str, str], slave_fd: int) -> int:
        """Blocking: have the zygote fork a game on `slave_fd`; the game's pid."""
        message = json.dumps({"args": args, "env": env}).encode()
        with self._lock:
            if not self._ready:
                self._expect("ready")
                self._ready = True
            socket.send_fds(self._sock, [message], [slave_fd])
            return int(self._expect("pid"))

    def _expect(self, key: str) -> object:
        try:
            reply = json.loads(self._sock.recv(4096) or b"{}")
        except (OSError, ValueError) as exc:
            raise ZygoteError(f"the zygote did not answer ({exc})") from exc
        if key not in reply:
            raise ZygoteError(f"the zygote answered {reply!r} instead of {key!r}")
        return reply[key]

    def close(self) -> None:
        """Close the socket (the zygote exits on end of file) and reap the process."""
        self._sock.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class ZygoteLauncher:
    """A `Launcher` that forks games from a warm zygote, falling back to exec."""

    def __init__(self, options: Sequence[str], fallback: Launcher) -> None:
        self._options = tuple(options)
        self._fallback = fallback
        self._zygote: _Zygote | None = _Zygote()
        self._failed_at = 0.0

    @classmethod
    def start_or_fallback(cls, options: Sequence[str], fallback: Launcher) -> Launcher:
        """A zygote launcher, or `fallback` when the zygote cannot even be started."""
        try:
            return cls(options, fallback)
        except OSError as exc:
            log.warning("no warm game process (%s); starting each game from scratch", exc)
            return fallback

    async def start(self, request: GameRequest) -> PtyProcess:
        """Fork a game from the zygote, or exec one if the zygote is unavailable."""
        zygote = self._usable_zygote()
        if zygote is None:
            return await self._fallback.start(request)
        master, slave = open_pty(request.cols, request.rows)
        args = game_args(request.player, request.data_dir, self._options)
        try:
            pid = await asyncio.to_thread(zygote.fork, args, game_env(request), slave)
        except OSError as exc:
            os.close(master)
            self._retire(f"{exc}")
            return await self._fallback.start(request)
        finally:
            os.close(slave)
        return PtyProcess(pid, master, is_child=False)

    def close(self) -> None:
        """Stop the zygote (running games are not affected)."""
        if self._zygote is not None:
            self._zygote.close()
            self._zygote = None
        self._fallback.close()

    def _usable_zygote(self) -> _Zygote | None:
        if self._zygote is not None and not self._zygote.alive:
            self._retire(f"exit status {self._zygote.process.returncode}")
        if self._zygote is None and time.monotonic() - self._failed_at > RESTART_PAUSE:
            with contextlib.suppress(OSError):
                self._zygote = _Zygote()
        return self._zygote

    def _retire(self, why: str) -> None:
        log.warning("the warm game process failed (%s); restarting it later", why)
        if self._zygote is not None:
            with contextlib.suppress(OSError):
                self._zygote.close()
        self._zygote = None
        self._failed_at = time.monotonic()
