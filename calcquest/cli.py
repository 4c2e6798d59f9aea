"""The `calcquest` command: parse arguments, dispatch to a subcommand, print errors kindly.

Each subcommand lives in `calcquest/commands/<name>.py` with `add_parser(subparsers)` (cheap:
no heavy imports) and `run(args) -> int`. The dispatcher imports only the chosen command, so
`calcquest --version` and `--help` load nothing heavy.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn

from calcquest import __version__
from calcquest.errors import CalcquestError

#: Subcommands in the order `--help` lists them. Each is a module in calcquest.commands.
COMMANDS = [
    "play",
    "review",
    "scene",
    "validate",
    "check",
    "list",
    "new",
    "schema",
    "grade",
    "progress",
    "serve",
]


def _command_module(name: str):
    return importlib.import_module(f"calcquest.commands.{name}")


def add_common_options(parser: argparse.ArgumentParser, *, sub: bool = True) -> None:
    """Options that every game-playing command shares (data directory, levels, display).

    They are accepted both before and after the subcommand. On subparsers the defaults are
    suppressed so a value given before the subcommand is not overwritten by the default.
    """

    def default(value):
        return argparse.SUPPRESS if sub else value

    parser.add_argument(
        "--levels",
        metavar="DIR",
        action="append",
        default=default(None),
        help="play levels from DIR (repeatable); add --no-builtin to hide the built-in levels",
    )
    parser.add_argument(
        "--no-builtin",
        action="store_true",
        default=default(False),
        help="with --levels: hide the built-in levels",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default(None),
        help="where progress is kept (default: $CALCQUEST_DATA_DIR or the user data directory)",
    )
    parser.add_argument(
        "--player",
        metavar="NAME",
        default=default(None),
        help="whose progress to use (default: you)",
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        default=default(False),
        help="line-by-line text for screen readers and slow links (also when TERM=dumb)",
    )
    parser.add_argument("--seed", type=int, default=default(None), help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser; subcommands register themselves."""
    parser = argparse.ArgumentParser(
        prog="calcquest",
        description="Learn the calculus behind machine learning: a terminal game.",
        epilog="Run without a command to play. `calcquest COMMAND --help` for details.",
    )
    parser.add_argument("--version", action="version", version=f"calcquest {__version__}")
    add_common_options(parser, sub=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = _command_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == f"calcquest.commands.{name}":
                continue
            raise
        module.add_parser(sub)
    return parser


class _QuietParser(argparse.ArgumentParser):
    """A parser that raises instead of printing its own usage and exiting."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def _game_args(argv: list[str]) -> argparse.Namespace | None:
    """The options of a bare `calcquest [OPTIONS]`, the game itself (also how `calcquest
    serve` starts each player's game), read without importing every command to build the
    full parser. None when anything calls for the full parser: a command, help, the version,
    or an option this quick reading does not know (the full parser then explains it)."""
    if any(arg in COMMANDS or arg in ("-h", "--help", "--version") for arg in argv):
        return None
    parser = _QuietParser(prog="calcquest", add_help=False, exit_on_error=False)
    add_common_options(parser, sub=False)
    try:
        args, unknown = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if unknown:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `calcquest` script. Returns the process exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _game_args(argv)
    unknown: list[str] = []
    if args is None:
        args, unknown = build_parser().parse_known_args(argv)
    name = args.command or "play"
    try:
        module = _command_module(name)
    except ModuleNotFoundError:
        build_parser().error(f"the '{name}' command is not available in this build")
    if unknown and not getattr(module, "adopt_unknown", lambda *_: False)(args, unknown):
        build_parser().error(f"unrecognized arguments: {' '.join(unknown)}")
    # `calcquest` alone plays; commands read their own options with getattr(args, name, default)
    # because a bare `calcquest` never ran the play subparser.
    try:
        return int(module.run(args) or 0)
    except CalcquestError as exc:
        print(f"calcquest: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "calcquest: interrupted; your progress up to the last answer is saved.", file=sys.stderr
        )
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
