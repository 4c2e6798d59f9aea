"""The catalog: every world and level the game can offer, in play order.

`load_catalog` reads the built-in levels (shipped inside the package) and any folders given
with `calcquest --levels DIR`. A broken file never stops the game: it is left out and its
problems are listed in `catalog.problems`, next to the problems between files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from calcquest.levels.cross_rules import cross_problems
from calcquest.levels.files import builtin_levels_dir, game_folders
from calcquest.levels.folders import FolderScan, scan_folders
from calcquest.levels.problems import Problem, UnknownIdError, sort_problems, unknown_id
from calcquest.levels.schema import Level, World

__all__ = ["Catalog", "UnknownIdError", "builtin_levels_dir", "catalog_from_scan", "load_catalog"]


@dataclass
class Catalog:
    """Worlds (by `order`) and levels (world order, then file name), with their files."""

    worlds: list[World] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    paths: dict[str, Path] = field(default_factory=dict)

    def level(self, level_id: str) -> Level:
        """The level with this id; an UnknownIdError (a KeyError) names close ids."""
        for level in self.levels:
            if level.id == level_id:
                return level
        raise unknown_id("level", level_id, [lv.id for lv in self.levels])

    def world(self, world_id: str) -> World:
        """The world with this id; an UnknownIdError (a KeyError) names close ids."""
        for world in self.worlds:
            if world.id == world_id:
                return world
        raise unknown_id("world", world_id, [w.id for w in self.worlds])

    def levels_in(self, world_id: str) -> list[Level]:
        """The levels of a world, in play order."""
        return [level for level in self.levels if level.world == world_id]

    def path_of(self, level_id: str) -> Path:
        """The file a level was read from."""
        if level_id not in self.paths:
            raise unknown_id("level", level_id, list(self.paths))
        return self.paths[level_id]


def load_catalog(
    dirs: Sequence[Path | str] = (), *, builtin: bool = True, check_expressions: bool = False
) -> Catalog:
    """Every valid world and level in the built-in levels (unless `builtin` is False) and
    in `dirs`, with every problem found. Raises CalcquestError only for a missing folder.

    Expressions are parsed only with `check_expressions` (it imports SymPy, too slow for
    the game's start-up); `calcquest validate` and `check` always parse them."""
    folders = game_folders(list(dirs), builtin=builtin)
    return catalog_from_scan(scan_folders(folders, expressions=check_expressions))


def catalog_from_scan(scan: FolderScan) -> Catalog:
    """The catalog of the valid files in `scan`, with every problem of every file."""
    problems = [*scan.problems, *(p for s in scan.worlds + scan.levels for p in s.problems)]
    problems += cross_problems(scan)
    worlds = _unique([w.model for w in scan.worlds if w.model is not None])
    worlds.sort(key=lambda world: (world.order, world.id))
    rank = {world.id: position for position, world in enumerate(worlds)}
    sources = _unique_sources([s for s in scan.levels if s.model is not None])
    sources = [s for s in sources if s.model.world in rank]
    sources.sort(key=lambda s: (rank[s.model.world], s.path.name, str(s.path)))
    return Catalog(
        worlds=worlds,
        levels=[s.model for s in sources],
        problems=sort_problems(problems),
        paths={s.model.id: s.path for s in sources},
    )


def _unique(worlds: list[World]) -> list[World]:
    """The first world of each id (a repeated id is reported as a problem)."""
    seen: dict[str, World] = {}
    for world in worlds:
        seen.setdefault(world.id, world)
    return list(seen.values())


def _unique_sources(sources: list) -> list:
    """The first level file of each id, in reading order."""
    seen: set[str] = set()
    kept = []
    for source in sources:
        if source.model.id not in seen:
            seen.add(source.model.id)
            kept.append(source)
    return kept
