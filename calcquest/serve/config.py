"""The settings of one `calcquest serve` run, with the defaults a classroom host wants."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from calcquest.serve.launcher import ArgvFactory

#: Names that mean this machine only; loopback addresses (127.0.0.0/8, ::1) count too.
LOOPBACK_NAMES = ("localhost",)
#: Compression algorithms offered to clients, most wanted first; the client's order decides.
COMPRESSION_OFFERED = ("zlib@openssh.com", "zlib", "none")
#: With `compression="require"`, clients must compress (OpenSSH always offers zlib@openssh.com).
COMPRESSION_REQUIRED = ("zlib@openssh.com", "zlib")


@dataclass
class ServeConfig:
    """Where to listen, where data lives, and the limits that keep a shared host healthy."""

    data_dir: Path
    host: str = "127.0.0.1"
    #: 0 picks a free port (tests); the server reports the real one.
    port: int = 2222
    #: Concurrent game sessions; the next player is told the server is full.
    max_sessions: int = 100
    #: Seconds without a key press before a session is ended (0 turns it off).
    idle_timeout: float = 1800.0
    #: Seconds a game gets to exit after SIGHUP before SIGKILL.
    grace: float = 2.0
    #: A host's own game command per session (a sandbox wrapper, a stand-in in tests);
    #: None runs calcquest itself.
    game_command: ArgvFactory | None = None
    #: Extra options for calcquest itself, e.g. ("--levels", "DIR").
    game_options: tuple[str, ...] = ()
    #: Fork games from a pre-loaded interpreter (much faster first frame, shared memory).
    warm: bool = True
    #: "offer" (client decides; `ssh -C` to use it) or "require" (always compressed).
    compression: str = "offer"
    #: Seconds a client has to finish logging in.
    login_timeout: float = 30.0
    #: Seconds between keepalives; three unanswered ones drop a dead connection.
    keepalive: float = 30.0
    #: Run one grading service for every game on this host (a pool per game would cost
    #: ~85 MB each); games reach it through CALCQUEST_GRADING_SOCKET.
    shared_grading: bool = False

    @property
    def is_loopback(self) -> bool:
        """Whether only this machine can connect (e.g. 127.0.0.2 as well as 127.0.0.1)."""
        if self.host in LOOPBACK_NAMES:
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:  # a host name: it may resolve to any interface
            return False

    @property
    def compression_algs(self) -> list[str]:
        """The compression algorithms to offer, per `compression`."""
        if self.compression == "require":
            return list(COMPRESSION_REQUIRED)
        return list(COMPRESSION_OFFERED)
