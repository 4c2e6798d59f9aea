"""`GradingService`: one grading pool for every game on a `calcquest serve` host.

Why: a game process that grades on its own starts a fork server and a worker (~85 MB that
is not shared); hundreds of players cannot fit. Instead the server starts one service, and
every game process it launches finds it through `CALCQUEST_GRADING_SOCKET` and sends its
answers there (`calcquest.grading.service_client`); only the preview (`interpret`) stays local.

    service = GradingService(data_dir / "grading.sock", processes=2).start()
    os.environ.update(service.environ())      # games inherit CALCQUEST_GRADING_SOCKET
    ...
    service.stop()                            # or: with GradingService(...) as service:

Why the service is its own process rather than a thread of the server:
- its own interpreter lock: decoding requests and validating specs never competes with the SSH
  server relaying screens for hundreds of players, and the other way round;
- the SSH server forks a process per game, and forking is safest with few threads about;
- a crash or leak in it cannot take the SSH server down: a watchdog thread in the server starts
  it again on the *same* listening socket, which the server holds open, so during a restart
  clients wait in the socket's backlog (an answer may time out) instead of being refused;
- its fork server and workers are its own children, out of the way of the server's reaping.

The server binds the socket (mode 0600 before it listens, so only the server's user can
connect) and hands it to the service process, started with `spawn` (a fresh interpreter, safe
from a threaded parent). The service process stops when told to or when the server dies.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import socket
import stat
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from calcquest.errors import CalcquestError
from calcquest.grading.pool import STARTUP_LIMIT, GradingPool
from calcquest.grading.service_loop import GradingServer
from calcquest.grading.service_protocol import SOCKET_ENV

__all__ = ["SOCKET_ENV", "GradingService", "bind_socket"]

log = logging.getLogger("calcquest.grading.service")

#: Connections waiting to be accepted (the kernel caps it at net.core.somaxconn).
BACKLOG = 1024
#: Seconds `stop()` waits for the service to finish before killing it.
STOP_LIMIT = 5.0
#: Restarts allowed within RESTART_WINDOW seconds before the watchdog gives up.
MAX_RESTARTS, RESTART_WINDOW = 5, 60.0
#: Longest socket path the kernel accepts (sun_path is 108 bytes with its NUL).
MAX_SOCKET_PATH = 107
TITLE = "Grading service"


class GradingService:
    """A grading pool of `processes` workers in its own process, serving a Unix socket."""

    def __init__(
        self, socket_path: str | os.PathLike, processes: int = 2, *, check: Callable | None = None
    ) -> None:
        """`check` replaces the real check in the workers (tests: a top-level function)."""
        self.socket_path = Path(socket_path)
        self.processes = max(1, processes)
        self._check = check
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._inode: int | None = None
        self._process = None
        self._control = None
        self._stopping = False
        self._restarts: deque[float] = deque()

    @property
    def pid(self) -> int | None:
        """The service process's id (it changes when the watchdog restarts it)."""
        return self._process.pid if self._process is not None else None

    def environ(self) -> dict[str, str]:
        """The variable a game process needs to grade through this service."""
        return {SOCKET_ENV: str(self.socket_path)}

    def start(self) -> GradingService:
        """Bind the socket, start the service and wait until its workers are warm (~2 s)."""
        with self._lock:
            if self._listener is not None:
                raise RuntimeError("this grading service was already started")
            self._listener = bind_socket(self.socket_path)
            self._inode = os.stat(self.socket_path).st_ino
            try:
                self._launch(wait=True)
            except BaseException:
                self._release()
                raise
        threading.Thread(target=self._watch, name="calcquest-grading-watch", daemon=True).start()
        atexit.register(self.stop)
        return self

    def _launch(self, *, wait: bool) -> None:
        control, child = self._context.Pipe()
        process = self._context.Process(
            target=service_main,
            args=(self._listener, self.processes, self._check, child),
            name="calcquest-grading-service",
        )
        process.start()
        child.close()
        self._process, self._control = process, control
        if wait and not _ready(control, STARTUP_LIMIT):
            process.kill()
            process.join(1.0)
            raise CalcquestError(
                TITLE,
                f"The grading service for {self.socket_path} did not start.",
                "Look above for its error; the games can still grade on their own.",
            )

    def _watch(self) -> None:
        """Start the service again if it dies (OOM killer, a bug), a few times a minute."""
        while True:
            process = self._process
            multiprocessing.connection.wait([process.sentinel])
            with self._lock:
                if self._stopping:
                    return
                if not self._may_restart():
                    log.error("the grading service keeps stopping; games will grade locally")
                    return
                log.warning("the grading service stopped (exit %s); restarting", process.exitcode)
                self._control.close()
                try:
                    self._launch(wait=False)
                except OSError:
                    log.exception("the grading service could not be restarted")
                    return

    def _may_restart(self) -> bool:
        now = time.monotonic()
        while self._restarts and now - self._restarts[0] > RESTART_WINDOW:
            self._restarts.popleft()
        self._restarts.append(now)
        return len(self._restarts) <= MAX_RESTARTS

    def stop(self) -> None:
        """Stop the service (answers being checked finish within their limit) and unlink."""
        with self._lock:
            if self._stopping or self._process is None:
                return
            self._stopping = True
            process, control = self._process, self._control
        try:
            control.send("stop")
        except OSError:
            pass  # it already exited
        process.join(STOP_LIMIT)
        if process.is_alive():
            process.kill()
            process.join(1.0)
        control.close()
        self._release()

    def _release(self) -> None:
        """Close the listening socket and remove its file, if the file is still ours."""
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        try:
            if os.stat(self.socket_path).st_ino == self._inode:
                self.socket_path.unlink()
        except OSError:
            pass

    def __enter__(self) -> GradingService:
        if self._listener is None:
            self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def _ready(control, limit: float) -> bool:
    try:
        return control.poll(limit) and control.recv() == "ready"
    except (EOFError, OSError):
        return False


def bind_socket(path: Path) -> socket.socket:
    """A listening Unix socket at `path`, mode 0600 from the moment it has that name.

    It is bound under a temporary name, restricted, then renamed into place: no window in
    which another user could connect, and no process-wide umask change. A stale socket left
    by a crashed server is replaced; a live one (another server) is a clear error.
    """
    if len(os.fsencode(path)) > MAX_SOCKET_PATH - 12:
        raise CalcquestError(
            TITLE,
            f"The socket path {path} is too long for a Unix socket ({MAX_SOCKET_PATH} bytes).",
            "Use a shorter --data-dir.",
        )
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _clear_stale(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        temporary.unlink(missing_ok=True)
        sock.bind(str(temporary))
        os.chmod(temporary, 0o600)
        os.rename(temporary, path)
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        temporary.unlink(missing_ok=True)
        raise CalcquestError(
            TITLE, f"Cannot listen on {path}: {exc.strerror or exc}.", "Check the folder."
        ) from None
    return sock


def _clear_stale(path: Path) -> None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISSOCK(mode):
        raise CalcquestError(
            TITLE, f"{path} exists and is not a socket.", "Move it away or use another --data-dir."
        )
    if _answers(path):
        raise CalcquestError(
            TITLE,
            f"Another grading service is already listening on {path}.",
            "Stop the other `calcquest serve` using this data directory, or use another one.",
        )
    path.unlink()


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def service_main(listener: socket.socket, processes: int, check, control) -> None:
    """The service process: serve `listener` with a warm pool until told to stop."""
    # Ctrl-C on `calcquest serve` reaches the whole process group; the server stops us in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.pop(SOCKET_ENV, None)  # this process grades itself, never through a socket
    _raise_open_file_limit()
    pool = GradingPool(processes, check=check)
    try:
        asyncio.run(_serve(listener, pool, processes, control))
    finally:
        pool.close()


def _raise_open_file_limit() -> None:
    """Every waiting client holds a descriptor: allow as many as the hard limit does."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        pass


async def _serve(listener: socket.socket, pool: GradingPool, processes: int, control) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def on_control() -> None:  # "stop", or end of file when the server died
        loop.remove_reader(control.fileno())
        stop.set()

    loop.add_reader(control.fileno(), on_control)
    server = GradingServer(pool, processes)
    listening = await asyncio.start_unix_server(server.handle, sock=listener, backlog=BACKLOG)
    await loop.run_in_executor(None, pool.warm)
    server.start_dispatching()
    try:
        control.send("ready")
    except OSError:
        stop.set()
    await stop.wait()
    listening.close()
    await server.close()
