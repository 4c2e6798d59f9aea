"""Read every world and level file in folders of levels (see `files` for how they are found).

`scan_folders` keeps every file as read, valid or not, with its problems, so the catalog can
leave broken files out and `calcquest validate` can report them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from calcquest.levels.files import WORLD_FILE, find_level_files
from calcquest.levels.loader import Source, read_level, read_world
from calcquest.levels.problems import Problem

__all__ = ["WORLD_FILE", "FolderScan", "scan_folders"]


@dataclass
class FolderScan:
    """Every world and level file read from some folders, valid or not."""

    worlds: list[Source] = field(default_factory=list)
    levels: list[Source] = field(default_factory=list)
    #: level file -> the world.yaml of the folder it sits in (None for loose files)
    folder_world: dict[Path, Source | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    expressions: bool = True
    #: folders with level files but no world.yaml: reported, and left out of the game
    orphan_folders: list[Path] = field(default_factory=list)


def scan_folders(folders: list[Path], *, expressions: bool = True) -> FolderScan:
    """Read every world and level file under `folders`; `expressions=False` skips the
    answer parser (see `read_level`). A missing folder is a CalcquestError."""
    files = find_level_files([Path(folder) for folder in folders])
    scan = FolderScan(expressions=expressions)
    scan.orphan_folders = list(files.orphan_folders)
    scan.problems += [_orphan_problem(folder) for folder in files.orphan_folders]
    scan.problems += [Problem(folder, 1, 1, "", why) for folder, why in files.unreadable]
    scan.worlds = [read_world(path) for path in files.worlds]
    worlds = {source.path: source for source in scan.worlds}
    for path, world in files.levels:
        scan.levels.append(read_level(path, expressions=expressions))
        scan.folder_world[path] = worlds[world] if world is not None else None
    return scan


def _orphan_problem(folder: Path) -> Problem:
    message = (
        f"this folder has level files but no {WORLD_FILE}; "
        f"add one with `calcquest new world {folder}`"
    )
    return Problem(folder, 1, 1, "", message)
