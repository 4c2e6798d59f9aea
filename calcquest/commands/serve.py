"""`calcquest serve`: host the game over SSH for a class (keys are identities, no shells).

Only argparse here at import time; asyncssh and the server load when the command runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from calcquest.errors import CalcquestError


def add_parser(subparsers) -> None:
    """Register `serve` and its options."""
    parser = subparsers.add_parser(
        "serve",
        help="host calcquest over SSH for several players",
        description=(
            "Host calcquest over SSH. Players connect with `ssh -t NAME@HOST -p PORT`; the "
            "first key that connects as NAME owns that name. Nobody gets a shell."
        ),
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: %(default)s, this machine only)",
    )
    parser.add_argument(
        "--port", type=int, default=2222, help="port to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where the host key, player keys and everyone's progress live",
    )
    parser.add_argument(
        "--max-sessions",
        type=_positive_int,
        default=100,
        metavar="N",
        help="players at once (default: %(default)s)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=_seconds,
        default=1800.0,
        metavar="S",
        help="end a session after S seconds without input; 0 never (default: %(default)g)",
    )
    parser.add_argument(
        "--levels",
        metavar="DIR",
        action="append",
        default=argparse.SUPPRESS,
        help="serve levels from DIR too (repeatable)",
    )
    parser.add_argument(
        "--no-builtin",
        action="store_true",
        default=argparse.SUPPRESS,
        help="with --levels: serve only those levels",
    )
    parser.add_argument(
        "--compression",
        choices=("offer", "require"),
        default="offer",
        help="offer zlib (players use ssh -C) or require it (default: %(default)s)",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="start every game from scratch instead of forking a pre-loaded one",
    )
    parser.add_argument(
        "--game-command",
        metavar="CMD",
        help="run CMD per player instead of calcquest (e.g. a sandbox wrapper); {player} and {data_dir} are filled in",
    )
    parser.add_argument(
        "--list-players", action="store_true", help="list player names and their keys, then exit"
    )
    parser.add_argument(
        "--release", metavar="NAME", help="free a player name (its key lost), then exit"
    )


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted, or run one of the registry actions."""
    from calcquest.progress import default_data_dir
    from calcquest.serve.registry import KeyRegistry

    given = getattr(args, "data_dir", None)
    data_dir = (Path(given).expanduser() if given else default_data_dir()).resolve()
    if getattr(args, "list_players", False) or getattr(args, "release", None):
        return _registry_action(KeyRegistry(data_dir), args)
    _configure_logging()
    from calcquest.serve.server import run_server

    return run_server(_config(args, data_dir), announce=lambda line: print(line, flush=True))


def _config(args: argparse.Namespace, data_dir: Path):
    from calcquest.serve.config import ServeConfig
    from calcquest.serve.launcher import argv_from_template

    options: list[str] = []
    for directory in getattr(args, "levels", None) or []:
        options += ["--levels", directory]
    if getattr(args, "no_builtin", False):
        options.append("--no-builtin")
    command = getattr(args, "game_command", None)
    return ServeConfig(
        data_dir=data_dir,
        host=getattr(args, "host", "127.0.0.1"),
        port=getattr(args, "port", 2222),
        max_sessions=getattr(args, "max_sessions", 100),
        idle_timeout=getattr(args, "idle_timeout", 1800.0),
        game_command=argv_from_template(command) if command else None,
        game_options=tuple(options),
        warm=not getattr(args, "cold", False),
        compression=getattr(args, "compression", "offer"),
        shared_grading=True,
    )


def _registry_action(registry, args: argparse.Namespace) -> int:
    name = getattr(args, "release", None)
    if name:
        if not registry.release(name):
            raise CalcquestError(
                "No such player",
                f"no key owns the name '{name}'.",
                "See them all with `calcquest serve --list-players`.",
            )
        print(f"'{name}' is free again; the next key to connect as {name} owns it")
        return 0
    for binding in registry.bindings():
        print(
            f"{binding.name}\t{binding.fingerprint}\tbound {binding.bound_at}\tlast seen {binding.last_seen}"
        )
    return 0


def _configure_logging() -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more seconds, got {text}")
    return value
