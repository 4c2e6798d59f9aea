"""`calcquest new level PATH` / `calcquest new world DIR`: start from a file that validates.

The level skeleton is commented line by line and carries a `# yaml-language-server:
$schema=...` comment; the schema itself is written once per levels folder
(`level.schema.json`), so editors with the YAML language server complete and check fields.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from calcquest.errors import CalcquestError


def add_parser(subparsers) -> None:
    """Register `new`."""
    parser = subparsers.add_parser(
        "new",
        help="write a new level or world from a commented skeleton",
        description="Write a commented level (or world.yaml) that already validates.",
    )
    parser.add_argument("what", choices=["level", "world"], help="what to create")
    parser.add_argument("path", metavar="PATH", help="the level file, or the world's folder")
    parser.add_argument("--world", metavar="ID", help="for a level: its world's id")
    parser.add_argument("--order", type=int, help="for a world: its place on the map")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args: argparse.Namespace) -> int:
    """Write the skeleton and say what to do next."""
    if args.what == "world":
        return _new_world(Path(args.path), args.order, args.force)
    return _new_level(Path(args.path), args.world, args.force)


def _new_level(path: Path, world: str | None, force: bool) -> int:
    from calcquest.levels.json_schema import SCHEMA_FILE, level_json_schema
    from calcquest.levels.skeleton import level_skeleton

    if path.is_dir():
        raise CalcquestError(
            "That is a folder",
            f"{path} is a folder; a level is a file inside one",
            f"Give the file's name, e.g. `calcquest new level {path / '01-first.yaml'}`.",
        )
    if path.suffix not in (".yaml", ".yml"):
        path = path.with_name(path.name + ".yaml")
    _refuse_overwrite(path, force)
    folder = path.parent
    root = folder.parent if (folder / "world.yaml").is_file() else folder
    schema = root / SCHEMA_FILE
    reference = os.path.relpath(schema, folder).replace(os.sep, "/")
    text = level_skeleton(path, world or _world_of(folder), reference)
    _write(schema, json.dumps(level_json_schema(), indent=2) + "\n")
    _write(path, text)
    print(f"Wrote {path} (a level that validates) and {schema} (for your editor).")
    if world is None and not (folder / "world.yaml").is_file():
        print(
            f"Its world '{_world_of(folder)}' has no world.yaml yet: add one with "
            f"`calcquest new world {folder}` (or give --world ID of an existing world)."
        )
    print(f"Next: edit it, then run `calcquest check {path}`.")
    return 0


def _new_world(folder: Path, order: int | None, force: bool) -> int:
    from calcquest.levels.skeleton import world_skeleton

    if folder.suffix in (".yaml", ".yml") or folder.is_file():
        raise CalcquestError(
            "A world is a folder",
            f"{folder} looks like a file; `new world` takes the world's folder",
            f"Give a folder, e.g. `calcquest new world {folder.parent / '01-first-world'}`.",
        )
    path = folder / "world.yaml"
    _refuse_overwrite(path, force)
    _write(path, world_skeleton(folder.resolve(), order or _next_order(folder)))
    print(f"Wrote {path}. Next: add a level with `calcquest new level {folder}/01-first.yaml`.")
    return 0


def _write(path: Path, text: str) -> None:
    """Write `text` to `path`, making its folders; an unwritable place is a CalcquestError."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CalcquestError(
            "Cannot write the file",
            f"cannot write {path}: {(exc.strerror or str(exc)).lower()}",
            "Pick a folder you can write to.",
        ) from None


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CalcquestError(
            "File exists",
            f"{path} already exists",
            "Pick another name, or add --force to replace it.",
        )


def _world_of(folder: Path) -> str:
    """The id in the folder's world.yaml, else one made from the folder's name."""
    from calcquest.levels.loader import read_world
    from calcquest.levels.skeleton import slug_from_path

    world_file = folder / "world.yaml"
    if world_file.is_file():
        read = read_world(world_file)
        if read.model is not None:
            return read.model.id
    return slug_from_path(folder.resolve())


def _next_order(folder: Path) -> int:
    """From the folder's leading number (`03-integrals` -> 3), else 1."""
    match = re.match(r"(\d+)", folder.resolve().name)
    return int(match.group(1)) if match else 1
