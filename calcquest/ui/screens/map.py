"""The map: worlds in order with their levels, overall progress, and the level under the cursor.

The first open level is selected when the game starts, so a newcomer just presses Enter.
Drawing the map needs no SymPy; the grading engine warms up in the background afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from calcquest.progress import star_text
from calcquest.progress.standing import due_questions
from calcquest.ui.messages import OpenLevel
from calcquest.ui.widgets.key_bar import KeyBar
from calcquest.ui.widgets.level_list import LevelList, MapState

#: Cells of the progress bar on the map's second line.
BAR_WIDTH = 36

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.index import LevelEntry, MapIndex
    from calcquest.levels.schema import Level
    from calcquest.progress import ProgressStore


class MapScreen(Screen):
    """Pick a level: Enter plays it (or shows a locked level's lesson).

    It draws from the light map index at start-up, then from the full catalog once that has
    loaded in the background (`show_catalog`); both answer the same questions. It is the
    App's default screen, so the App loads its `map.tcss`."""

    BINDINGS = [
        Binding("r", "app.review", "Review"),
        Binding("s", "app.settings", "Settings"),
        Binding("f1,question_mark", "app.help", "Help"),
        Binding("x", "reset_level", "Reset level"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, catalog: Catalog | MapIndex, store: ProgressStore) -> None:
        super().__init__()
        self.catalog = catalog
        self.store = store
        self.state: MapState | None = None

    def compose(self) -> ComposeResult:
        yield Static("[b]calcquest[/b]  the calculus behind machine learning", id="title")
        yield Static(id="totals")
        with Horizontal(id="body"):
            yield LevelList(id="worlds")
            yield Static(id="detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(LevelList).focus()

    def on_screen_resume(self) -> None:
        """Drawn whenever the map shows: at start-up and on coming back from a level."""
        self.refresh_map()

    def show_catalog(self, catalog: Catalog, *, redraw: bool = True) -> None:
        """Draw from the full catalog from now on; `redraw` when it shows something else
        than the index did (it may leave out a file the index had)."""
        self.catalog = catalog
        if redraw and self.is_mounted:
            self.refresh_map()

    def refresh_map(self, select: str | None = None) -> None:
        """Re-read progress and redraw the list, bar and totals."""
        from calcquest.levels import open_levels

        completions = self.store.completions()
        self.state = MapState(
            self.catalog, completions, open_levels(self.catalog, set(completions))
        )
        levels = self.query_one(LevelList)
        levels.show(self.state, select)
        done = len(completions.keys() & self._ids())  # not levels this map does not show
        due = len(due_questions(self.catalog, self.store))
        review = f" · {due} to review (r)" if due else ""
        totals = f" {done}/{len(self.catalog.levels)} levels · {self.store.total_xp()} XP{review}"
        self.query_one("#totals", Static).update(
            Content.assemble(progress_bar(done, len(self.catalog.levels)), totals)
        )
        self._describe(levels.highlighted_id)

    @on(LevelList.Highlighted)
    def _highlighted(self, event: LevelList.Highlighted) -> None:
        self._describe(event.level_id)

    @on(LevelList.Selected)
    def _selected(self, event: LevelList.Selected) -> None:
        if self.state is not None:
            peek = self.state.status(event.level_id) == "locked"
            self.post_message(OpenLevel(event.level_id, peek=peek))

    def _describe(self, level_id: str | None) -> None:
        if not level_id or self.state is None:
            return
        level = self.catalog.level(level_id)
        world = self.catalog.world(level.world)
        parts: list[str | tuple[str, str]] = [(level.title, "bold"), "\n", (world.title, "dim")]
        parts.append(f"\n\n{len(level.question_ids())} questions\n")
        parts += self._status_lines(level)
        if world.blurb:
            parts += ["\n\n", (world.blurb, "dim")]
        self.query_one("#detail", Static).update(Content.assemble(*parts))

    def _status_lines(self, level: Level | LevelEntry) -> list[str | tuple[str, str]]:
        """What the player can do with the level: play, play again, or why it is locked."""
        assert self.state is not None
        status = self.state.status(level.id)
        if status == "done":
            best = self.state.completions[level.id]
            return [f"Done: {star_text(best.stars)}  {best.xp} XP\n\nEnter: play again"]
        if status == "open":
            return ["\nEnter: play"]
        needs = [self.catalog.level(r).title for r in level.requires if r in self._ids()]
        why = f" Finish {', '.join(needs)} first." if needs else " Finish the world before."
        return ["\n", ("Locked.", "bold"), why, "\nEnter: read the lesson"]

    def _ids(self) -> set[str]:
        return {level.id for level in self.catalog.levels}

    def action_reset_level(self) -> None:
        """Ask, then forget the highlighted level's progress."""
        from calcquest.ui.screens.confirm import confirm_then

        level_id = self.query_one(LevelList).highlighted_id
        if level_id is None:
            return
        level = self.catalog.level(level_id)

        def reset() -> None:
            self.store.reset_level(level.id)
            self.refresh_map(select=level.id)
            self.notify(f"Progress on {level.title} was reset.", markup=False)

        question = f"Reset your progress on “{level.title}”? Its attempts and stars are deleted."
        confirm_then(self.app, question, "Reset", reset)


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> Content:
    """`done` of `total` as a bar of `width` cells: the done part in the accent colour."""
    filled = round(width * done / total) if total else 0
    return Content.assemble(("━" * filled, "$accent"), ("━" * (width - filled), "$foreground 20%"))
