"""Where the world and level files are, found without reading any of them.

A levels folder holds world folders (`01-limits/world.yaml` plus one file per level), or is
itself a world folder. Level files placed directly in a levels folder join the world they
name, so a teacher can add a level to a built-in world without copying the world.

Both the full loader (`folders.scan_folders`) and the map index (`index`) walk folders with
`find_level_files`, so they always agree on which files make up the game. This module imports
nothing heavy: the game's start-up uses it before the first frame.
"""

from __future__ import annotations

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
        if folder.resolve() not in {f.resolve() for f in folders}:
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
    if (folder / WORLD_FILE).is_file():
        _world_folder(folder, found)
        return
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (child / WORLD_FILE).is_file():
            _world_folder(child, found)
        elif yaml_files(child):
            found.orphan_folders.append(child)
    found.levels += [(path, None) for path in yaml_files(folder)]


def _world_folder(folder: Path, found: LevelFiles) -> None:
    world = folder / WORLD_FILE
    found.worlds.append(world)
    found.levels += [(path, world) for path in yaml_files(folder) if path.name != WORLD_FILE]


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in `folder`, by name, hidden files left out."""
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
    )
