"""How a game process is started for a session: the command, its environment, its pty.

The server asks a `Launcher` for a running game given a `GameRequest`. `ExecLauncher` forks
and execs a fresh `python -m calcquest` (or a host's own command) per session; the zygote
launcher (`calcquest.serve.zygote`) forks an already-warm interpreter instead. Both hand back
the same `PtyProcess`, so the session code never knows which one ran.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from calcquest.serve.pty_process import PtyProcess, spawn_in_pty

#: Variables a client may set with SendEnv/SetEnv; everything else from the client is ignored.
CLIENT_ENV_ALLOWED = ("NO_COLOR", "COLORTERM")
DEFAULT_TERM = "xterm-256color"
_SAFE_VALUE = re.compile(r"[A-Za-z0-9._+-]{0,64}")

ArgvFactory = Callable[[str, Path], list[str]]


@dataclass(frozen=True)
class GameRequest:
    """What one session asks for: who plays, where progress lives, and the terminal."""

    player: str
    data_dir: Path
    term: str = DEFAULT_TERM
    cols: int = 80
    rows: int = 24
    client_env: Mapping[str, str] = field(default_factory=dict)
    #: Variables the server itself gives every game (e.g. the grading service's socket).
    server_env: Mapping[str, str] = field(default_factory=dict)


class Launcher(Protocol):
    """Starts one game per session; closed once when the server stops."""

    async def start(self, request: GameRequest) -> PtyProcess:
        """A running game in its own pty, sized as requested."""
        ...

    def close(self) -> None:
        """Release whatever the launcher keeps between sessions."""
        ...


def game_args(player: str, data_dir: Path, extra: Sequence[str] = ()) -> list[str]:
    """The arguments of `calcquest` for one player (`extra`: e.g. the host's `--levels`)."""
    return ["--data-dir", str(data_dir), "--player", player, *extra]


def default_game_argv(player: str, data_dir: Path) -> list[str]:
    """The game command from the contract: this interpreter running `python -m calcquest`."""
    return [sys.executable, "-m", "calcquest", *game_args(player, data_dir)]


def game_argv_with(extra: Sequence[str]) -> ArgvFactory:
    """`default_game_argv` plus the host's extra game options (such as `--levels DIR`)."""

    def build(player: str, data_dir: Path) -> list[str]:
        return [sys.executable, "-m", "calcquest", *game_args(player, data_dir, extra)]

    return build


def argv_from_template(template: str) -> ArgvFactory:
    """A host's `--game-command`: `{player}` and `{data_dir}` are filled in per session."""
    words = shlex.split(template)

    def build(player: str, data_dir: Path) -> list[str]:
        return [
            word.replace("{player}", player).replace("{data_dir}", str(data_dir)) for word in words
        ]

    return build


def decode_env(raw: Mapping[object, object]) -> dict[str, str]:
    """The client's environment requests as text (asyncssh may hand over bytes)."""

    def text(item: object) -> str:
        return item.decode(errors="replace") if isinstance(item, bytes) else str(item)

    return {text(key): text(value) for key, value in raw.items()}


def game_env(request: GameRequest, base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The game's environment: the server's, minus SSH leftovers, plus TERM and allowed vars."""
    env = {key: value for key, value in base.items() if not key.startswith("SSH_")}
    env.pop("NO_COLOR", None)
    term = request.term
    env["TERM"] = term if term and _SAFE_VALUE.fullmatch(term) else DEFAULT_TERM
    for key in CLIENT_ENV_ALLOWED:
        value = request.client_env.get(key)
        if value is not None and _SAFE_VALUE.fullmatch(value):
            env[key] = value
    env.update(request.server_env)
    return env


class ExecLauncher:
    """Fork and exec the game command for every session (simple, isolated, slower start)."""

    def __init__(self, argv_for: ArgvFactory = default_game_argv) -> None:
        self._argv_for = argv_for

    async def start(self, request: GameRequest) -> PtyProcess:
        """Spawn the command on a fresh pty sized to the player's terminal."""
        argv = self._argv_for(request.player, request.data_dir)
        return spawn_in_pty(argv, game_env(request), request.cols, request.rows)

    def close(self) -> None:
        """Nothing to release: every game is its own process."""
