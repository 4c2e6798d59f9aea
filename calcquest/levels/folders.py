"""Find the world and level files in folders of levels, and read them all.

A levels folder holds world folders (`01-limits/world.yaml` plus one file per level), or is
itself a world folder. Level files placed directly in a levels folder join the world they
name, so a teacher can add a level to a built-in world without copying the world.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from calcquest.errors import CalcquestError
from calcquest.levels.loader import Source, read_level, read_world
from calcquest.levels.problems import Problem

WORLD_FILE = "world.yaml"


@dataclass
class FolderScan:
    """Every world and level file read from some folders, valid or not."""

    worlds: list[Source] = field(default_factory=list)
    levels: list[Source] = field(default_factory=list)
    #: level file -> the world.yaml of the folder it sits in (None for loose files)
    folder_world: dict[Path, Source | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    expressions: bool = True


def scan_folders(folders: list[Path], *, expressions: bool = True) -> FolderScan:
    """Read every world and level file under `folders` (see the module docstring);
    `expressions=False` skips the answer parser (see `read_level`)."""
    scan = FolderScan(expressions=expressions)
    for folder in folders:
        _scan_folder(Path(folder), scan)
    return scan


def _scan_folder(folder: Path, scan: FolderScan) -> None:
    """A world folder, or a folder of world folders and loose level files."""
    if not folder.is_dir():
        raise CalcquestError(
            "Levels folder not found",
            f"{folder} is not a folder of levels",
            "Check the path; a levels folder holds world folders such as 01-limits/.",
        )
    if (folder / WORLD_FILE).is_file():
        _scan_world_folder(folder, scan)
        return
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (child / WORLD_FILE).is_file():
            _scan_world_folder(child, scan)
        elif _yaml_files(child):
            message = (
                f"this folder has level files but no {WORLD_FILE}; "
                f"add one with `calcquest new world {child}`"
            )
            scan.problems.append(Problem(child, 1, 1, "", message))
    for path in _yaml_files(folder):
        _add_level(path, None, scan)


def _scan_world_folder(folder: Path, scan: FolderScan) -> None:
    world = read_world(folder / WORLD_FILE)
    scan.worlds.append(world)
    for path in _yaml_files(folder):
        if path.name != WORLD_FILE:
            _add_level(path, world, scan)


def _add_level(path: Path, world: Source | None, scan: FolderScan) -> None:
    source = read_level(path, expressions=scan.expressions)
    scan.levels.append(source)
    scan.folder_world[path] = world


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )
