"""Which levels a player may start: the unlock rules, in one pure function.

Within a world, a level opens when every level it `requires` is done. A world's entry levels
(those requiring nothing inside their own world) open when every level of the previous world
is done; the first world's entry levels are open from the start. Finished levels stay open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calcquest.levels.catalog import Catalog
    from calcquest.levels.index import MapIndex


def open_levels(catalog: Catalog | MapIndex, done: set[str]) -> set[str]:
    """The ids of the levels a player who finished `done` may play now (from the full
    catalog or the map index: both know each level's world and `requires`)."""
    known = {level.id for level in catalog.levels}
    opened = {level_id for level_id in done if level_id in known}
    previous_world_done = True
    for world in catalog.worlds:
        levels = catalog.levels_in(world.id)
        if not levels:
            continue
        in_world = {level.id for level in levels}
        for level in levels:
            needs = [r for r in level.requires if r in known]
            entry = not any(r in in_world for r in level.requires)
            if all(r in done for r in needs) and (previous_world_done or not entry):
                opened.add(level.id)
        previous_world_done = in_world <= done
    return opened
