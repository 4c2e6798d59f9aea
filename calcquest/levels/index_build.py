"""Build the map index's entries from the files, in the order the full catalog uses.

The rules mirror `catalog.catalog_from_scan`: the first world or level of each id wins,
worlds sort by (order, id), a level whose world does not exist is left out, and levels play
in world order, then by file name. A file that does not even have the fields the map needs
is left out here; the full catalog may leave out more (it validates everything), and the
game then redraws the map from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from calcquest.levels.files import LevelFiles
from calcquest.levels.quick_yaml import LEVEL_FIELDS, WORLD_FIELDS, read_fields


def build_entries(files: LevelFiles) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(worlds, levels) as keyword dicts for `WorldEntry` and `LevelEntry`, in play order."""
    worlds = _first_of_each_id(w for w in map(_world, files.worlds) if w is not None)
    worlds.sort(key=lambda world: (world["order"], world["id"]))
    rank = {world["id"]: position for position, world in enumerate(worlds)}
    levels = _first_of_each_id(lv for lv in (_level(path) for path, _ in files.levels) if lv)
    levels = [level for level in levels if level["world"] in rank]
    levels.sort(key=lambda lv: (rank[lv["world"]], Path(lv["path"]).name, lv["path"]))
    return worlds, levels


def _world(path: Path) -> dict[str, Any] | None:
    """A world's map fields, or None when it lacks an id, a title or a whole-number order."""
    fields = read_fields(path, WORLD_FIELDS)
    if not fields or not _texts(fields, "id", "title"):
        return None
    try:
        order = int(fields.get("order"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    blurb = fields.get("blurb")
    return {
        "id": fields["id"],
        "title": fields["title"],
        "order": order,
        "blurb": blurb if isinstance(blurb, str) else "",
    }


def _level(path: Path) -> dict[str, Any] | None:
    """A level's map fields, or None when it lacks an id, title, world or any question."""
    fields = read_fields(path, LEVEL_FIELDS, questions=True)
    if not fields or not _texts(fields, "id", "title", "world"):
        return None
    questions = fields.get("question_ids")
    if not isinstance(questions, list) or not questions:
        return None
    requires = fields.get("requires") or []
    return {
        "id": fields["id"],
        "title": fields["title"],
        "world": fields["world"],
        "requires": tuple(r for r in requires if isinstance(r, str))
        if isinstance(requires, list)
        else (),
        "questions": tuple(
            q if isinstance(q, str) else f"q{number}" for number, q in enumerate(questions, 1)
        ),
        "path": str(path),
    }


def _texts(fields: dict[str, Any], *names: str) -> bool:
    return all(isinstance(fields.get(name), str) and fields[name] for name in names)


def _first_of_each_id(entries: Any) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for entry in entries:
        seen.setdefault(entry["id"], entry)
    return list(seen.values())
