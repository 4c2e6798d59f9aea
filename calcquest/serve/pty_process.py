"""One game process in its own pseudo-terminal, and how it ends.

The child becomes a session leader with the pty as its controlling terminal (`os.login_tty`:
setsid + TIOCSCTTY + stdio), so the kernel delivers SIGWINCH to it when the window size is set
on the master, and SIGHUP to its whole process group when it hangs up. The parent keeps only
the master side, non-blocking, for the event loop.

Ending a game is always the same ladder: SIGHUP to the process group (the game and anything it
started, such as grading workers), a grace period, then SIGKILL; the leader is reaped so no
zombie or orphan outlives its SSH session. Exit is watched with a pidfd, which also works for
processes forked by a zygote rather than by this server.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import signal
import struct
import termios
from collections.abc import Mapping, Sequence


def set_window_size(fd: int, cols: int, rows: int) -> None:
    """Tell the terminal on `fd` (either side of a pty) its size; the game gets SIGWINCH."""
    cols = max(1, min(int(cols), 1000))
    rows = max(1, min(int(rows), 1000))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def open_pty(cols: int, rows: int) -> tuple[int, int]:
    """A new (master, slave) pair with the window size already set on it."""
    master, slave = os.openpty()
    set_window_size(slave, cols, rows)
    return master, slave


def spawn_in_pty(argv: Sequence[str], env: Mapping[str, str], cols: int, rows: int) -> PtyProcess:
    """Fork and exec `argv` as a session leader on a fresh pty of the given size."""
    master, slave = open_pty(cols, rows)
    pid = os.fork()
    if pid == 0:  # child: never returns
        _exec_on_tty(slave, list(argv), dict(env))
    os.close(slave)
    return PtyProcess(pid, master, is_child=True)


def _exec_on_tty(slave: int, argv: list[str], env: dict[str, str]) -> None:
    try:
        os.login_tty(slave)
        os.execvpe(argv[0], argv, env)
    except BaseException:
        with contextlib.suppress(OSError):
            os.write(2, b"calcquest serve: the game could not be started.\r\n")
    finally:
        os._exit(127)


class PtyProcess:
    """A running game: its pid, the pty master, and its exit as an awaitable."""

    def __init__(self, pid: int, master_fd: int, *, is_child: bool) -> None:
        self.pid = pid
        self.master_fd = master_fd
        self.exit_status: int | None = None
        self._is_child = is_child
        self._loop = asyncio.get_running_loop()
        self._exited: asyncio.Future[int | None] = self._loop.create_future()
        os.set_blocking(master_fd, False)
        self._watch_exit()

    @property
    def running(self) -> bool:
        """True until the leader process has exited."""
        return not self._exited.done()

    def resize(self, cols: int, rows: int) -> None:
        """Forward a client's window change; the kernel sends the game SIGWINCH."""
        with contextlib.suppress(OSError):
            set_window_size(self.master_fd, cols, rows)

    async def wait(self) -> int | None:
        """Wait for the leader to exit; its exit status (None when not ours to reap)."""
        return await asyncio.shield(self._exited)

    async def stop(self, grace: float) -> int | None:
        """SIGHUP the game's process group, SIGKILL after `grace` seconds, and reap.

        The master stays open so the caller can still relay the game's last output (such as
        leaving the alternate screen); the caller closes it.
        """
        self.signal_group(signal.SIGHUP)
        try:
            await asyncio.wait_for(self.wait(), grace)
        except TimeoutError:
            self.signal_group(signal.SIGKILL)
            await self.wait()
        await self.clear_group(grace)
        return self.exit_status

    async def clear_group(self, grace: float) -> None:
        """End whatever the game left running in its process group (e.g. worker processes)."""
        if not self._group_alive():
            return
        self.signal_group(signal.SIGHUP)
        deadline = self._loop.time() + grace
        while self._group_alive() and self._loop.time() < deadline:
            await asyncio.sleep(0.05)
        self.signal_group(signal.SIGKILL)

    def signal_group(self, signum: int) -> None:
        """Send `signum` to the game's process group (its pgid is its pid: it ran setsid)."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signum)

    def close(self) -> None:
        """Close the pty master (idempotent)."""
        if self.master_fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.master_fd)
            self.master_fd = -1

    def _group_alive(self) -> bool:
        try:
            os.killpg(self.pid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True

    def _watch_exit(self) -> None:
        try:
            pidfd = os.pidfd_open(self.pid)
        except ProcessLookupError:
            self._finish()
            return
        except OSError:  # very old kernel: poll instead
            self._loop.create_task(self._poll_exit())
            return
        self._loop.add_reader(pidfd, self._on_pidfd, pidfd)

    def _on_pidfd(self, pidfd: int) -> None:
        self._loop.remove_reader(pidfd)
        os.close(pidfd)
        self._finish()

    async def _poll_exit(self) -> None:
        while not (self._reap(os.WNOHANG) if self._is_child else self._gone()):
            await asyncio.sleep(0.1)
        self._finish()

    def _gone(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def _reap(self, flags: int) -> bool:
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:
            return True
        if pid == 0:
            return False
        self.exit_status = os.waitstatus_to_exitcode(status)
        return True

    def _finish(self) -> None:
        if self._is_child:
            self._reap(0)
        if not self._exited.done():
            self._exited.set_result(self.exit_status)
