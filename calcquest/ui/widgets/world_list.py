"""The map's list: every world in order, each with its levels marked done, open or locked.

World titles are disabled rows, so the cursor moves over levels only. A locked level can still
be selected: its lesson opens read-only (peeking is allowed, answering is not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from calcquest.progress import Completion, star_text

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.schema import Level


@dataclass(frozen=True)
class MapState:
    """What the map shows: the catalog plus which levels are done (and how well) and open."""

    catalog: Catalog
    completions: dict[str, Completion]
    open: set[str]

    def status(self, level_id: str) -> str:
        """`done`, `open` or `locked`."""
        if level_id in self.completions:
            return "done"
        return "open" if level_id in self.open else "locked"

    def first_to_play(self) -> str | None:
        """The first open level not done yet, else the first level."""
        levels = self.catalog.levels
        for level in levels:
            if self.status(level.id) == "open":
                return level.id
        return levels[0].id if levels else None


def level_row(level: Level, state: MapState) -> Content:
    """One level's row: a status column (stars, `new` or a dim lock dot), then the title."""
    status = state.status(level.id)
    if status == "done":
        stars = star_text(state.completions[level.id].stars)
        return Content.assemble("  ", (stars, "bold"), "  ", level.title)
    if status == "open":
        return Content.assemble("  ", ("new", "bold reverse"), "  ", level.title)
    return Content.assemble("  ", (" · ", "dim"), "  ", (level.title, "dim"))


class WorldList(OptionList):
    """Worlds and levels in play order; the highlighted option's id is a level id."""

    def show(self, state: MapState, select: str | None = None) -> None:
        """Rebuild the rows from `state`, keeping `select` (or the first open level) selected."""
        ids = {level.id for level in state.catalog.levels}
        wanted = [select, self._highlighted_id(), state.first_to_play()]
        keep = next((level_id for level_id in wanted if level_id in ids), None)
        self.clear_options()
        for world in state.catalog.worlds:
            levels = state.catalog.levels_in(world.id)
            done = sum(1 for level in levels if level.id in state.completions)
            header = Content.assemble((world.title, "bold"), (f"  {done}/{len(levels)}", "dim"))
            self.add_option(Option(header, id=f"world:{world.id}", disabled=True))
            self.add_options(Option(level_row(level, state), id=level.id) for level in levels)
        if keep is not None:
            self.highlighted = self.get_option_index(keep)

    def _highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None
