"""One SSH client connection: how it may log in and which channels it may open.

Public keys only; any key passes the SSH layer and the name-to-key rule is applied when the
session starts, so a refused player reads a clear sentence instead of "Permission denied".
Sessions only, returned from `session_requested()` (passing a session class as
`session_factory` made every connection close silently in a prototype); no port forwarding of
any kind (refused as "administratively prohibited", not as a closed port), no agent or X11
forwarding (off in the listener's options), no sftp; and a connection that opens no session
soon after logging in (`ssh -N`) is dropped.
"""

from __future__ import annotations

import asyncio

import asyncssh

from calcquest.serve import messages
from calcquest.serve.hub import Hub, Visitor
from calcquest.serve.session import GameSession


class PlayerConnection(asyncssh.SSHServer):
    """One client connection: how it may log in and which channels it may open."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub
        self._conn: asyncssh.SSHServerConnection | None = None
        self._key: asyncssh.SSHKey | None = None
        self._sessionless: asyncio.TimerHandle | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        """Keep the connection for its user name and addresses."""
        self._conn = conn

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the timer of a connection that is gone."""
        if self._sessionless is not None:
            self._sessionless.cancel()

    def auth_completed(self) -> None:
        """Logged in: a session must follow soon. `ssh -N` opens none (it only wants tunnels,
        which are refused), and would otherwise hold a connection, outside every limit,
        for as long as it likes."""
        delay = self._hub.config.login_timeout
        self._sessionless = asyncio.get_running_loop().call_later(delay, self._drop_sessionless)

    def _drop_sessionless(self) -> None:
        if self._conn is not None:
            self._conn.disconnect(
                asyncssh.DISC_BY_APPLICATION, "calcquest only plays the game; connect with ssh -t"
            )

    def begin_auth(self, username: str) -> bool:
        """Everyone authenticates (with a key)."""
        return True

    def public_key_auth_supported(self) -> bool:
        """Keys are how players are told apart."""
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        """Accept any key here (asyncssh still checks the signature); see the module doc."""
        self._key = key
        return True

    def password_auth_supported(self) -> bool:
        """No passwords: nothing to guess, nothing to share."""
        return False

    def kbdint_auth_supported(self) -> bool:
        """No keyboard-interactive login either."""
        return False

    def host_based_auth_supported(self) -> bool:
        """No host-based login."""
        return False

    def session_requested(self) -> GameSession | bool:
        """A new session channel: the game (or a polite refusal) for this visitor."""
        if self._sessionless is not None:
            self._sessionless.cancel()
        visitor = self._visitor()
        return GameSession(self._hub, visitor) if visitor is not None else False

    def connection_requested(self, *args: object) -> bool:
        """Refuse direct-tcpip (ssh -L / -D), saying it is policy, not a closed port."""
        raise _no_forwarding()

    def server_requested(self, *args: object) -> bool:
        """Refuse tcpip-forward (ssh -R)."""
        return False

    def unix_connection_requested(self, *args: object) -> bool:
        """Refuse forwarding to Unix sockets."""
        raise _no_forwarding()

    def unix_server_requested(self, *args: object) -> bool:
        """Refuse listening on Unix sockets."""
        return False

    def tun_requested(self, *args: object) -> bool:
        """Refuse tun tunnels."""
        return False

    def tap_requested(self, *args: object) -> bool:
        """Refuse tap tunnels."""
        return False

    def _visitor(self) -> Visitor | None:
        if self._conn is None or self._key is None:
            return None
        local = self._conn.get_extra_info("sockname") or ("localhost", 22)
        peer = self._conn.get_extra_info("peername") or ("?", 0)
        return Visitor(
            name=self._conn.get_extra_info("username") or "",
            fingerprint=self._key.get_fingerprint("sha256"),
            public_key=self._key.export_public_key().decode().strip(),
            where=messages.Where(str(local[0]), int(local[1])),
            peer=f"{peer[0]}:{peer[1]}",
        )


def _no_forwarding() -> asyncssh.ChannelOpenError:
    """The refusal a client prints as "administratively prohibited: calcquest forwards
    nothing" (returning False would read "Connection refused", as if a port were closed)."""
    return asyncssh.ChannelOpenError(
        asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, "calcquest forwards nothing"
    )
