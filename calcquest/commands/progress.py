"""`calcquest progress`: a summary per world, JSON for scripts, reset, export and import.

Reset asks before it deletes anything (`--yes` skips the question, and is required when no
one is at the keyboard to answer it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calcquest.errors import CalcquestError

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.progress import ProgressStore


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register `progress` and its actions."""
    from calcquest.cli import add_common_options

    parser = subparsers.add_parser(
        "progress",
        help="show, reset, export or import your progress",
        description="Without an action: a summary per world.",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_common_options(parser)
    actions = parser.add_subparsers(dest="progress_action", metavar="ACTION")
    reset = actions.add_parser("reset", help="forget one level's progress, or everything")
    reset.add_argument("level", nargs="?", metavar="LEVEL", help="a level id (default: all)")
    reset.add_argument("--yes", action="store_true", help="do not ask first")
    export = actions.add_parser("export", help="write your progress to a JSON file")
    export.add_argument("file", metavar="FILE")
    imported = actions.add_parser("import", help="merge a JSON export into your progress")
    imported.add_argument("file", metavar="FILE")
    for sub in (reset, export, imported):
        add_common_options(sub)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action (the summary by default)."""
    from calcquest.commands.play import open_store

    action = getattr(args, "progress_action", None)
    with open_store(args) as store:
        if store.recovered_from is not None:
            print(
                f"calcquest: the progress file could not be read; it was kept as "
                f"{store.recovered_from} and a fresh one was started.",
                file=sys.stderr,
            )
        if action == "reset":
            return _reset(args, store)
        if action == "export":
            from calcquest.progress.transfer import export_file

            count = export_file(store, Path(args.file))
            print(f"Exported {count} answers of {store.player} to {args.file}.")
            return 0
        if action == "import":
            from calcquest.progress.transfer import import_file

            added = import_file(store, Path(args.file))
            print(f"Imported {added} new answers into {store.player}'s progress.")
            return 0
        return _summary(args, store)


def _catalog(args: argparse.Namespace) -> Catalog | None:
    from calcquest.commands.play import load_game_catalog

    try:
        return load_game_catalog(args)
    except CalcquestError:
        return None


def _summary(args: argparse.Namespace, store: ProgressStore) -> int:
    summary = store.summary()
    catalog = _catalog(args)
    if catalog is not None:
        summary["worlds"] = _worlds(catalog, summary)
    if getattr(args, "json", False):
        print(json.dumps(summary, indent=2))
        return 0
    print("\n".join(summary_lines(summary, catalog, store)))
    return 0


def _worlds(catalog: Catalog, summary: dict[str, Any]) -> dict[str, Any]:
    worlds = {}
    for world in catalog.worlds:
        ids = [level.id for level in catalog.levels_in(world.id)]
        entries = [summary["levels"].get(i) for i in ids]
        worlds[world.id] = {
            "title": world.title,
            "levels": len(ids),
            "done": sum(1 for e in entries if e and e["done"]),
            "stars": sum(e["stars"] for e in entries if e),
        }
    return worlds


def summary_lines(
    summary: dict[str, Any], catalog: Catalog | None, store: ProgressStore
) -> list[str]:
    """The human summary: one line per world, then totals."""
    from calcquest.progress import star_text

    lines = [f"Progress of {store.player} ({store.path})", ""]
    for world in (summary.get("worlds") or {}).values():
        lines.append(
            f"{world['title']:<32} {world['done']:>2}/{world['levels']:<2} levels"
            f"  {world['stars']:>3}/{3 * world['levels']} stars"
        )
    known = {level.id for level in catalog.levels} if catalog else set()
    for level_id, entry in summary["levels"].items():
        if level_id not in known and entry["done"]:
            lines.append(f"{level_id:<32} done {star_text(entry['stars'])} (not in these levels)")
    done, levels = summary["levels_done"], "level" if summary["levels_done"] == 1 else "levels"
    lines += [
        "",
        f"{done} {levels} done, {summary['xp']} XP, {summary['attempts']} answers"
        f" ({summary['correct']} right), {summary['review_due']} due for review.",
    ]
    return lines


def _reset(args: argparse.Namespace, store: ProgressStore) -> int:
    level = getattr(args, "level", None)
    if level and level not in store.summary()["levels"]:
        raise CalcquestError(
            "Nothing to reset",
            f"{store.player} has no progress on a level '{level}'.",
            "`calcquest progress --json` lists the levels with progress.",
        )
    what = f"your progress on '{level}'" if level else f"ALL progress of {store.player}"
    if not getattr(args, "yes", False) and not _confirm(f"Delete {what}? [y/N] "):
        print("Nothing was deleted.")
        return 1
    if level:
        store.reset_level(level)
    else:
        store.reset_all()
    print(f"Deleted {what}.")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        raise CalcquestError(
            "Reset needs a yes",
            "no one is at the keyboard to confirm the reset.",
            "Add --yes to reset without asking.",
        )
    try:
        return input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False
