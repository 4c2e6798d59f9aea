"""The map index: just what the map shows, ready before the first frame, cached between runs.

Loading the full catalog imports pydantic and validates every level file: a few hundred ms the
player would otherwise spend looking at a blank terminal. The map needs only each world's id,
title, order and blurb and each level's id, title, world, `requires` and question ids, so the
game starts from a `MapIndex` and loads the full `Catalog` in the background right after the
first frame (`MapIndex.load_catalog`).

The index is read with libyaml (see `quick_yaml`) and cached as JSON in the data directory,
keyed by every level file's path, size and mtime_ns: a second start reads one small file, and
any edited, added or removed file invalidates it. Once the full catalog has loaded, the cache
is rewritten from it if the quick reading differed (say a file the full check leaves out), so
the next start shows exactly the validated levels.

`MapIndex` answers the catalog's map-side questions (`worlds`, `levels`, `level`, `world`,
`levels_in`, `path_of`, each level's `question_ids()`), so the map and `open_levels` take
either. Nothing here imports pydantic, SymPy or Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calcquest import __version__
from calcquest.levels.files import LevelFiles, find_level_files, game_folders
from calcquest.levels.problems import unknown_id

if TYPE_CHECKING:
    from calcquest.levels.catalog import Catalog

#: The cache's file name in the data directory.
CACHE_NAME = "map-index.json"
#: Bumped whenever what the index holds, or how it is read, changes.
CACHE_FORMAT = 1


@dataclass(frozen=True)
class WorldEntry:
    """A world as the map shows it."""

    id: str
    title: str
    order: int
    blurb: str = ""


@dataclass(frozen=True)
class LevelEntry:
    """A level as the map shows it: enough to list it, unlock it and count its questions."""

    id: str
    title: str
    world: str
    requires: tuple[str, ...]
    questions: tuple[str, ...]
    path: str

    def question_ids(self) -> list[str]:
        """The questions' ids in order (as `Level.question_ids`)."""
        return list(self.questions)


@dataclass
class MapIndex:
    """Worlds (by order) and levels (play order) of some folders, as the map needs them."""

    worlds: list[WorldEntry] = field(default_factory=list)
    levels: list[LevelEntry] = field(default_factory=list)
    #: the folders indexed, and what their files looked like when they were read
    folders: tuple[Path, ...] = ()
    key: dict[str, Any] = field(default_factory=dict)
    cache_dir: Path | None = None

    def level(self, level_id: str) -> LevelEntry:
        """The level with this id; an UnknownIdError (a KeyError) names close ids."""
        for level in self.levels:
            if level.id == level_id:
                return level
        raise unknown_id("level", level_id, [level.id for level in self.levels])

    def world(self, world_id: str) -> WorldEntry:
        """The world with this id; an UnknownIdError (a KeyError) names close ids."""
        for world in self.worlds:
            if world.id == world_id:
                return world
        raise unknown_id("world", world_id, [world.id for world in self.worlds])

    def levels_in(self, world_id: str) -> list[LevelEntry]:
        """The levels of a world, in play order."""
        return [level for level in self.levels if level.world == world_id]

    def path_of(self, level_id: str) -> Path:
        """The file a level was read from."""
        return Path(self.level(level_id).path)

    def load_catalog(self) -> Catalog:
        """The full, validated catalog of the same folders (imports pydantic; slow).

        Refreshes the cache when the full check disagrees with the quick reading."""
        from calcquest.levels.catalog import catalog_from_scan
        from calcquest.levels.folders import scan_folders

        catalog = catalog_from_scan(scan_folders(list(self.folders), expressions=False))
        checked = index_of_catalog(catalog)
        if (checked.worlds, checked.levels) != (self.worlds, self.levels):
            self.worlds, self.levels = checked.worlds, checked.levels
            if self.cache_dir is not None:
                save_cache(self, self.cache_dir)
        return catalog


def load_map_index(
    dirs: Sequence[Path | str] = (), *, builtin: bool = True, cache_dir: Path | None = None
) -> MapIndex:
    """The map index of the folders `load_catalog(dirs, builtin=builtin)` would read: from
    the cache in `cache_dir` when every file is unchanged, else read afresh (and cached)."""
    folders = tuple(game_folders(list(dirs), builtin=builtin))
    files = find_level_files(list(folders))
    key = _key(folders, files)
    index = _cached(cache_dir, key) if cache_dir is not None else None
    if index is None:
        from calcquest.levels import index_build  # imports PyYAML: only when the cache misses

        worlds, levels = index_build.build_entries(files)
        index = MapIndex(
            [WorldEntry(**w) for w in worlds], [LevelEntry(**lv) for lv in levels], key=key
        )
        if cache_dir is not None:
            save_cache(index, cache_dir)
    index.folders, index.cache_dir = folders, cache_dir
    return index


def index_of_catalog(catalog: Catalog) -> MapIndex:
    """The map index of a loaded catalog (worlds and levels in the same order)."""
    worlds = [WorldEntry(w.id, w.title, w.order, w.blurb) for w in catalog.worlds]
    levels = [
        LevelEntry(
            level.id,
            level.title,
            level.world,
            tuple(level.requires),
            tuple(level.question_ids()),
            str(catalog.paths.get(level.id, "")),
        )
        for level in catalog.levels
    ]
    return MapIndex(worlds, levels)


def _key(folders: tuple[Path, ...], files: LevelFiles) -> dict[str, Any]:
    """What the cache must match: the build, the folders, and every file's size and mtime."""
    stats = []
    for path in files.all_files():
        try:
            status = path.stat()
        except OSError:
            continue
        stats.append([str(path), status.st_size, status.st_mtime_ns])
    return {
        "format": CACHE_FORMAT,
        "calcquest": __version__,
        "folders": [str(folder.resolve()) for folder in folders],
        "files": stats,
    }


def _cached(cache_dir: Path, key: dict[str, Any]) -> MapIndex | None:
    """The cached index if its key matches `key` exactly; None if missing, stale or broken."""
    try:
        data = json.loads((cache_dir / CACHE_NAME).read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        worlds = [WorldEntry(**w) for w in data["worlds"]]
        levels = [
            LevelEntry(
                **{**lv, "requires": tuple(lv["requires"]), "questions": tuple(lv["questions"])}
            )
            for lv in data["levels"]
        ]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return MapIndex(worlds, levels, key=key)


def save_cache(index: MapIndex, cache_dir: Path) -> None:
    """Write the index atomically (a reader never sees half a file); failures are ignored,
    since the cache only saves time."""
    data = {
        "key": index.key,
        "worlds": [asdict(world) for world in index.worlds],
        "levels": [asdict(level) for level in index.levels],
    }
    target = Path(cache_dir) / CACHE_NAME
    temporary = target.with_name(f".{CACHE_NAME}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
