"""Where the world and level files are, found without reading any of them.

A levels folder holds world folders (`01-limits/world.yaml` plus one file per level), or is
itself a world folder. Level files placed directly in a levels folder join the world they
name, so a teacher can add a level to a built-in world without copying the world.

Both the full loader (`folders.scan_folders`) and the map index (`index`) walk folders with
`find_level_files`, so they always agree on which files make up the game. This module imports
nothing heavy: the game's start-up uses it before the first frame.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from calcquest.errors import CalcquestError

WORLD_FILE = "world.yaml"


@dataclass
class LevelFiles:
    """The files under some folders, in reading order (the first of a repeated id wins)."""

    #: every world.yaml found
    worlds: list[Path] = field(default_factory=list)
    #: every level file, with the world.yaml of the folder it sits in (None for loose files)
    levels: list[tuple[Path, Path | None]] = field(default_factory=list)
    #: folders that hold level files but no world.yaml (they are reported, not read)
    orphan_folders: list[Path] = field(default_factory=list)
    #: folders that could not be read (permission denied...), with why; reported, not read
    unreadable: list[tuple[Path, str]] = field(default_factory=list)

    def all_files(self) -> list[Path]:
        """Every world and level file, worlds first."""
        return [*self.worlds, *(path for path, _ in self.levels)]


def builtin_levels_dir() -> Path:
    """The built-in levels: the repo's `levels/` in a checkout, else the copy installed
    inside the package as `calcquest.builtin_levels`."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "levels"
    if (package.parent / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return package / "builtin_levels"


def game_folders(dirs: list[Path | str] | tuple = (), *, builtin: bool = True) -> list[Path]:
    """The folders a game reads: the built-in levels (unless `builtin` is False), then `dirs`
    (a folder given twice, or the built-in one given again, is read once)."""
    folders = [builtin_levels_dir()] if builtin else []
    for folder in (Path(d) for d in dirs):
        # realpath, unlike resolve(), never raises (a looping link is reported when read)
        if os.path.realpath(folder) not in {os.path.realpath(f) for f in folders}:
            folders.append(folder)
    return folders


def find_level_files(folders: list[Path]) -> LevelFiles:
    """Every world and level file under `folders`; a missing folder is a CalcquestError."""
    found = LevelFiles()
    for folder in folders:
        _find_in(Path(folder), found)
    return found


def _find_in(folder: Path, found: LevelFiles) -> None:
    """A world folder, or a folder of world folders and loose level files."""
    if not folder.is_dir():
        raise CalcquestError(
            "Levels folder not found",
            f"{folder} is not a folder of levels",
            "Check the path; a levels folder holds world folders such as 01-limits/.",
        )
    entries = _entries(folder, found)
    if folder / WORLD_FILE in entries:
        _world_folder(folder, entries, found)
        return
    for child in (p for p in entries if _is_dir(p)):
        inside = _entries(child, found)
        if child / WORLD_FILE in inside:
            _world_folder(child, inside, found)
        elif _yaml_in(inside):
            found.orphan_folders.append(child)
    found.levels += [(path, None) for path in _yaml_in(entries)]


def _world_folder(folder: Path, entries: list[Path], found: LevelFiles) -> None:
    world = folder / WORLD_FILE
    found.worlds.append(world)
    found.levels += [(path, world) for path in _yaml_in(entries) if path.name != WORLD_FILE]


def _entries(folder: Path, found: LevelFiles) -> list[Path]:
    """What `folder` holds, by name, hidden entries left out; nothing (and a note in
    `found.unreadable`) when it cannot be read."""
    try:
        return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError as exc:
        from calcquest.levels.text_file import unreadable_message

        found.unreadable.append((folder, unreadable_message(exc, folder=True)))
        return []


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False  # a level file that cannot be read is reported when it is read


def _yaml_in(entries: list[Path]) -> list[Path]:
    return [p for p in entries if p.suffix in (".yaml", ".yml")]
