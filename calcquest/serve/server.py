"""The SSH listener: its options, start and stop (`PlayerConnection`, in `connection`,
decides per connection what may be opened).

`start_server()` returns a `RunningServer` that tests and benchmarks drive in-process;
`run_server()` is the blocking entry point of `calcquest serve`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import tempfile
from pathlib import Path

import asyncssh

from calcquest.errors import CalcquestError
from calcquest.serve import messages
from calcquest.serve.capacity import open_files_warning, raise_open_file_limit
from calcquest.serve.config import ServeConfig
from calcquest.serve.connection import PlayerConnection
from calcquest.serve.hostkey import fingerprint, load_or_create_host_key
from calcquest.serve.hub import Hub
from calcquest.serve.launcher import ExecLauncher, Launcher, game_argv_with
from calcquest.serve.registry import KeyRegistry
from calcquest.serve.stats import SessionStats

log = logging.getLogger("calcquest.serve")

#: Listening on these means "every interface"; players need the machine's real name.
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


class RunningServer:
    """A listening server: its port, host key fingerprint, sessions and how to stop it."""

    def __init__(
        self,
        acceptor: asyncssh.SSHAcceptor,
        hub: Hub,
        host_key_fingerprint: str,
        grading=None,
    ):
        self.hub = hub
        self.host_key_fingerprint = host_key_fingerprint
        self._acceptor = acceptor
        self._grading = grading

    @property
    def port(self) -> int:
        """The port actually listened on (useful with port 0)."""
        return self._acceptor.get_port()

    def session_stats(self) -> list[SessionStats]:
        """Bytes, durations and end reasons of live and finished sessions (benchmarks)."""
        return self.hub.session_stats()

    async def close(self) -> None:
        """Stop listening, end every session with a message, release the launcher."""
        self._acceptor.close()
        sessions = list(self.hub.active)
        ending = [s.end_by_server("shutdown", messages.server_stopping()) for s in sessions]
        await asyncio.gather(*ending, return_exceptions=True)
        # Sessions whose player had already left may still be stopping their game.
        closing = asyncio.gather(*(s.wait_closed() for s in sessions))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(closing, timeout=self.hub.config.grace * 2 + 5)
        await self._acceptor.wait_closed()
        self.hub.launcher.close()
        self.hub.registry.close()
        if self._grading is not None:
            self._grading.stop()


def make_launcher(config: ServeConfig) -> Launcher:
    """The host's own command, a warm zygote, or a plain `python -m calcquest` per session."""
    if config.game_command is not None:
        return ExecLauncher(config.game_command)
    cold = ExecLauncher(game_argv_with(config.game_options))
    if config.warm:
        from calcquest.serve.zygote import ZygoteLauncher

        return ZygoteLauncher.start_or_fallback(config.game_options, fallback=cold)
    return cold


async def start_server(config: ServeConfig) -> RunningServer:
    """Load or create the host key and registry, then listen; returns once listening."""
    data_dir = _writable_data_dir(Path(config.data_dir))
    host_key = load_or_create_host_key(data_dir)
    hub = Hub(config, KeyRegistry(data_dir), make_launcher(config))
    grading = await _start_grading(config, data_dir, hub)
    try:
        acceptor = await _listen(config, hub, host_key)
    except OSError as exc:
        hub.launcher.close()
        hub.registry.close()
        if grading is not None:
            grading.stop()
        raise CalcquestError(
            "Cannot listen",
            f"could not listen on {config.host} port {config.port} ({_reason(exc)}).",
            "Choose another --port (ports below 1024 need privileges), or stop whatever "
            "is using this one.",
        ) from exc
    return RunningServer(acceptor, hub, fingerprint(host_key), grading)


async def _start_grading(config: ServeConfig, data_dir: Path, hub: Hub):
    """One grading service for every game on this host, or None (games grade locally)."""
    if not config.shared_grading:
        return None
    from calcquest.grading import GradingService

    service = GradingService(data_dir / "grading.sock", processes=os.cpu_count() or 2)
    try:
        await asyncio.to_thread(service.start)
    except CalcquestError as exc:
        log.warning("no shared grading service (%s); each game grades on its own", exc)
        return None
    hub.server_env.update(service.environ())
    return service


async def _listen(config: ServeConfig, hub: Hub, host_key: asyncssh.SSHKey) -> asyncssh.SSHAcceptor:
    """The asyncssh listener with calcquest's policy: keys only, binary, no forwarding."""
    return await asyncssh.listen(
        host=config.host,
        port=config.port,
        server_factory=lambda: PlayerConnection(hub),
        server_host_keys=[host_key],
        compression_algs=config.compression_algs,
        line_editor=False,
        encoding=None,
        allow_pty=True,
        agent_forwarding=False,
        x11_forwarding=False,
        password_auth=False,
        kbdint_auth=False,
        gss_kex=False,
        gss_auth=False,
        login_timeout=config.login_timeout,
        keepalive_interval=config.keepalive,
        keepalive_count_max=3,
        rdns_lookup=False,
        reuse_address=True,
    )


def run_server(config: ServeConfig, announce=print) -> int:
    """Serve until SIGINT, SIGTERM or SIGHUP; `announce` receives the start-up lines."""
    return asyncio.run(_serve_until_stopped(config, announce))


async def _serve_until_stopped(config: ServeConfig, announce) -> int:
    open_files = raise_open_file_limit()  # before the zygote and the grading service start
    server = await start_server(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    for line in _startup_lines(config, server):
        announce(line)
    if warning := open_files_warning(open_files, config.max_sessions):
        announce(warning)
    await stop.wait()
    announce("calcquest serve: stopping; ending open sessions (progress is saved)")
    await server.close()
    return 0


def _writable_data_dir(path: Path) -> Path:
    """`path`, created owner-only if needed, once it is known to be writable (else a clear
    error). Everyone's progress lives there; other users of the host have no business in it."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=path).close()
    except OSError as exc:
        raise CalcquestError(
            "Data directory unusable",
            f"{path} cannot be written ({_reason(exc)}).",
            "Choose another --data-dir, or let the user running calcquest serve write there.",
        ) from exc
    return path


def _reason(exc: OSError) -> str:
    """The system's short wording ("Address already in use"), not asyncio's long one."""
    return os.strerror(exc.errno) if exc.errno else str(exc)


def _startup_lines(config: ServeConfig, server: RunningServer) -> list[str]:
    host = f"[{config.host}]" if ":" in config.host else config.host
    reachable = "THIS-HOST" if config.host in WILDCARD_HOSTS else host
    lines = [
        f"calcquest serve: listening on {host}:{server.port}",
        f"calcquest serve: host key {server.host_key_fingerprint}",
        f"calcquest serve: players connect with: ssh -t NAME@{reachable} -p {server.port}",
    ]
    if not config.is_loopback:
        lines.append(
            f"calcquest serve: warning: listening on {config.host}, not only this machine; "
            "anyone who can reach this port can claim a free player name"
        )
    return lines
