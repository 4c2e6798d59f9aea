"""Shared printing for the level authoring commands (validate, check, list).

Paths under the current folder are shown relative to it, so messages stay short and an
editor or terminal can open `levels/01-limits/02-x.yaml:12:5` directly.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path


def shown_path(path: Path | str) -> str:
    """`path` relative to the current folder when it is inside it, else as given."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def problem_line(problem) -> str:
    """One problem as `path:line:col: field: message`, with a short path."""
    return str(replace(problem, path=shown_path(problem.path)))


def plural(count: int, noun: str) -> str:
    """`1 problem`, `2 problems`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def add_path_arguments(parser, what: str) -> None:
    """`PATH ...` and `--no-builtin`, shared by validate and check."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"level files or folders to {what} (default: the built-in levels)",
    )
    parser.add_argument(
        "--no-builtin",
        dest="no_builtin_context",
        action="store_true",
        help="for folders: do not resolve worlds and `requires` against the built-in levels",
    )


def colour_ok() -> bool:
    """Whether stdout may show colour (a terminal, and NO_COLOR unset)."""
    import sys

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
