"""The map's list: every world in order, each with its levels marked done, open or locked.

World titles are headings the cursor skips, so it moves over levels only. A locked level can
still be selected: its lesson opens read-only (peeking is allowed, answering is not).

It draws one terminal line per row and only the rows on screen (Textual's line API): the map
is the game's first frame, and a general-purpose option list measured every one of the ~70
rows before drawing any (about 16 ms of a ~190 ms start-up, see `benchmarks/startup.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from calcquest.progress import Completion, star_text

if TYPE_CHECKING:
    from textual import events

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


@dataclass(frozen=True)
class Row:
    """One line of the list: a world heading (`level_id` None) or a level."""

    content: Content
    level_id: str | None = None


def map_rows(state: MapState) -> list[Row]:
    """Every world's heading (with `done/total`) followed by its levels' rows."""
    rows = []
    for world in state.catalog.worlds:
        levels = state.catalog.levels_in(world.id)
        done = sum(1 for level in levels if level.id in state.completions)
        heading = Content.assemble((world.title, "bold"), (f"  {done}/{len(levels)}", "dim"))
        rows.append(Row(heading))
        rows += [Row(level_row(level, state), level.id) for level in levels]
    return rows


class LevelList(ScrollView, can_focus=True):
    """Worlds and levels in play order; `highlighted_id` is the level under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Play", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(-1)", "First", show=False),
        Binding("end", "jump(1)", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"level-list--cursor", "level-list--hover"}

    DEFAULT_CSS = """
    LevelList {
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
    }
    LevelList > .level-list--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    LevelList:focus > .level-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    LevelList > .level-list--hover {
        background: $block-hover-background;
    }
    """

    class Highlighted(Message):
        """The cursor moved to another level."""

        def __init__(self, level_id: str) -> None:
            super().__init__()
            self.level_id = level_id

    class Selected(Message):
        """The player chose a level (Enter or a click)."""

        def __init__(self, level_id: str) -> None:
            super().__init__()
            self.level_id = level_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.cursor: int | None = None
        self._hover: int | None = None

    # -- what the map asks -------------------------------------------------------------------

    @property
    def highlighted_id(self) -> str | None:
        """The level under the cursor, if any."""
        return self.rows[self.cursor].level_id if self.cursor is not None else None

    def row_text(self, index: int) -> str:
        """Row `index` as plain text (what a test or a screen reader would read)."""
        return self.rows[index].content.plain

    def level_text(self, level_id: str) -> str:
        """The row of level `level_id` as plain text."""
        return next(row.content.plain for row in self.rows if row.level_id == level_id)

    def show(self, state: MapState, select: str | None = None) -> None:
        """Rebuild the rows from `state`, keeping `select` (or the level under the cursor, or
        the first open level) under the cursor. Posts nothing: the caller knows what it chose."""
        wanted = [select, self.highlighted_id, state.first_to_play()]
        self.rows = map_rows(state)
        index = {row.level_id: i for i, row in enumerate(self.rows) if row.level_id}
        self.cursor = next((index[level] for level in wanted if level in index), None)
        self._hover = None
        self.virtual_size = Size(1, len(self.rows))  # rows are cut to the width, never wider
        self.refresh()
        self.call_after_refresh(self._reveal_cursor)

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line `y` of the visible part: one row, cut to the width with an ellipsis."""
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.get_visual_style().rich_style)
        if index == self.cursor:
            style = self.get_visual_style("level-list--cursor")
        elif index == self._hover and self.rows[index].level_id:
            style = self.get_visual_style("level-list--hover")
        else:
            style = self.get_visual_style()
        content = Content.assemble(" ", self.rows[index].content).truncate(width, ellipsis=True)
        strip = Strip(content.render_segments(style), content.cell_length)
        return strip.extend_cell_length(width, style.rich_style)

    # -- moving ------------------------------------------------------------------------------

    def _levels(self) -> list[int]:
        return [i for i, row in enumerate(self.rows) if row.level_id]

    def _move_to(self, index: int | None) -> None:
        if index is None or index == self.cursor:
            return
        old, self.cursor = self.cursor, index
        for row in (old, index):
            if row is not None:
                self.refresh_line(row)
        self._reveal_cursor()
        self.post_message(self.Highlighted(self.rows[index].level_id or ""))

    def _reveal_cursor(self) -> None:
        """Scroll the cursor into view, with its world's heading when it is the first level."""
        if self.cursor is None:
            return
        heading_above = self.cursor > 0 and not self.rows[self.cursor - 1].level_id
        top = self.cursor - 1 if heading_above else self.cursor
        self.scroll_to_region(Region(0, top, 1, self.cursor - top + 1), animate=False, force=True)

    def action_move(self, step: int) -> None:
        levels = self._levels()
        if not levels:
            return
        if self.cursor is None:
            self._move_to(levels[0])
            return
        later = [i for i in levels if (i - self.cursor) * step > 0]
        if later:
            self._move_to(min(later, key=lambda i: abs(i - self.cursor)))

    def action_page(self, direction: int) -> None:
        levels = self._levels()
        if not levels:
            return
        target = (self.cursor or 0) + direction * max(1, self.scrollable_content_region.height - 1)
        self._move_to(min(levels, key=lambda i: abs(i - target)))

    def action_jump(self, direction: int) -> None:
        levels = self._levels()
        if levels:
            self._move_to(levels[-1] if direction > 0 else levels[0])

    def action_select(self) -> None:
        level_id = self.highlighted_id
        if level_id is not None:
            self.post_message(self.Selected(level_id))

    def on_resize(self) -> None:
        """A smaller terminal must not hide the cursor."""
        self.call_after_refresh(self._reveal_cursor)

    # -- the mouse ---------------------------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = offset.y + self.scroll_offset.y
        return index if 0 <= index < len(self.rows) else None

    def on_click(self, event: events.Click) -> None:
        """A click on a level opens it, as Enter does."""
        index = self._row_at(event)
        if index is not None and self.rows[index].level_id:
            self._move_to(index)
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._row_at(event)
        if index != self._hover:
            old, self._hover = self._hover, index
            for row in (old, index):
                if row is not None:
                    self.refresh_line(row)

    def on_leave(self) -> None:
        if self._hover is not None:
            old, self._hover = self._hover, None
            self.refresh_line(old)
