"""Everything `calcquest serve` says to a player who cannot play right now, in one place.

Each message is one line that says what happened and the command to type next, because the
player reads it in a terminal that is about to close. `Where` carries the address they used so
the suggested command can be pasted as is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """The server address a player connected to, for commands they can copy."""

    host: str
    port: int

    def ssh(self, name: str) -> str:
        """The command that connects as `name`, e.g. `ssh -t ana@host -p 2222`."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == 22 else f" -p {self.port}"
        return f"ssh -t {name}@{host}{port}"


def no_commands(where: Where, name: str) -> str:
    """For `ssh host id`: nothing runs, here is how to play."""
    return f"calcquest runs no commands, only the game; to play: {where.ssh(name)}"


def no_terminal(where: Where, name: str) -> str:
    """For a session without a pty (`ssh -T`, or a client with no terminal)."""
    return f"calcquest needs a terminal: {where.ssh(name)}"


def bad_name(where: Where, name: str, suggestion: str) -> str:
    """For an SSH user name that cannot be a player name."""
    return (
        f"'{name}' cannot be a player name: use 1-32 lowercase letters, digits, - or _, "
        f"e.g. {where.ssh(suggestion)}"
    )


def name_taken(where: Where, name: str, suggestion: str, your_key: str) -> str:
    """For a key that is not the one bound to `name`."""
    return (
        f"the name '{name}' belongs to another key (you offered {your_key}); "
        f"connect as another name, e.g. {where.ssh(suggestion)}"
    )


def server_full(limit: int) -> str:
    """For the connection beyond --max-sessions."""
    return (
        f"calcquest is full: {limit} players are playing, the most this server allows; "
        "try again in a few minutes"
    )


def idle_ended(seconds: float) -> str:
    """For a session closed by --idle-timeout."""
    return (
        f"calcquest: no input for {_duration(seconds)}, so this session ended; "
        "your progress is saved, reconnect to continue"
    )


def server_stopping() -> str:
    """For sessions still open when the host stops the server."""
    return "calcquest: the server is shutting down; your progress is saved"


def _duration(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{int(seconds // 60)} minutes"
    return f"{seconds:g} seconds"
