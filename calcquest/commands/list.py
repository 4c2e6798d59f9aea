"""`calcquest list [--json]`: the worlds and levels in play order.

The JSON form is for scripts and editors: `{"worlds": [{"id", "title"}...], "levels": [{"id",
"title", "world", "path", "questions"}...]}` with `world` the world's id and `path` absolute.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers) -> None:
    """Register `list`."""
    from calcquest.cli import add_common_options

    parser = subparsers.add_parser(
        "list",
        help="list worlds and levels in play order",
        description="List the worlds and levels in play order (with --levels DIR: yours too).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    add_common_options(parser)


def run(args: argparse.Namespace) -> int:
    """Print the catalog; problems in level files go to stderr as a short warning."""
    from calcquest.levels import load_catalog

    catalog = load_catalog(
        getattr(args, "levels", None) or (),
        builtin=not getattr(args, "no_builtin", False),
    )
    if getattr(args, "json", False):
        print(json.dumps(_as_json(catalog), indent=2, ensure_ascii=False))
    else:
        _print_text(catalog)
    if catalog.problems:
        count = len(catalog.problems)
        folders = "".join(f" {folder}" for folder in getattr(args, "levels", None) or ())
        print(
            f"calcquest: {count} problem{'s' if count != 1 else ''} in the level files (a file "
            f"that cannot be used is left out); `calcquest validate{folders}` shows them.",
            file=sys.stderr,
        )
    return 0


def _as_json(catalog) -> dict:
    worlds = [{"id": world.id, "title": world.title} for world in catalog.worlds]
    levels = [
        {
            "id": level.id,
            "title": level.title,
            "world": level.world,
            "path": str(catalog.path_of(level.id).resolve()),
            "questions": len(level.questions),
        }
        for level in catalog.levels
    ]
    return {"worlds": worlds, "levels": levels}


def _print_text(catalog) -> None:
    if not catalog.levels:
        print("No levels found.")
        return
    width = max(len(level.id) for level in catalog.levels)
    for number, world in enumerate(catalog.worlds, start=1):
        levels = catalog.levels_in(world.id)
        count = f"{len(levels)} level{'s' if len(levels) != 1 else ''}"
        print(f"{number}. {world.title} ({world.id}, {count})")
        for level in levels:
            count = len(level.questions)
            print(
                f"   {level.id:<{width}}  {level.title} ({count} question{'s' if count != 1 else ''})"
            )
