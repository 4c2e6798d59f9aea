"""The map: worlds in order with their levels, overall progress, and the level under the cursor.

The first open level is selected when the game starts, so a newcomer just presses Enter.
Drawing the map needs no SymPy; the grading engine warms up in the background afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, ProgressBar, Static

from calcquest.progress import star_text
from calcquest.progress.session import due_questions
from calcquest.ui.messages import OpenLevel
from calcquest.ui.widgets.world_list import MapState, WorldList

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.index import LevelEntry, MapIndex
    from calcquest.levels.schema import Level
    from calcquest.progress import ProgressStore


class MapScreen(Screen):
    """Pick a level: Enter plays it (or shows a locked level's lesson).

    It draws from the light map index at start-up, then from the full catalog once that has
    loaded in the background (`show_catalog`); both answer the same questions."""

    CSS_PATH = "map.tcss"
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
        with Horizontal(id="progress"):
            yield ProgressBar(total=max(1, len(self.catalog.levels)), show_eta=False, id="bar")
            yield Static(id="totals")
        with Horizontal(id="body"):
            yield WorldList(id="worlds")
            yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_map()
        self.query_one(WorldList).focus()

    def on_screen_resume(self) -> None:
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
        self.query_one(WorldList).show(self.state, select)
        done = len(completions.keys() & self._ids())  # not levels this map does not show
        self.query_one(ProgressBar).update(total=max(1, len(self.catalog.levels)), progress=done)
        due = len(due_questions(self.catalog, self.store))
        review = f" · {due} to review (r)" if due else ""
        self.query_one("#totals", Static).update(
            f"{done}/{len(self.catalog.levels)} levels · {self.store.total_xp()} XP{review}"
        )
        self._describe(self.query_one(WorldList).highlighted_option)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe(event.option)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        level_id = event.option.id
        if level_id and self.state is not None:
            self.post_message(OpenLevel(level_id, peek=self.state.status(level_id) == "locked"))

    def _describe(self, option: object) -> None:
        level_id = getattr(option, "id", None)
        if not level_id or self.state is None or level_id.startswith("world:"):
            return
        level = self.catalog.level(level_id)
        world = self.catalog.world(level.world)
        parts: list[str | tuple[str, str]] = [(level.title, "bold"), "\n", (world.title, "dim")]
        parts.append(f"\n\n{len(level.question_ids())} questions\n")
        parts += self._status_lines(level)
        if world.blurb:
            parts += ["\n\n", (world.blurb, "dim")]
        self.query_one("#detail", Static).update(Text.assemble(*parts))

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

        option = self.query_one(WorldList).highlighted_option
        if option is None or option.id is None:
            return
        level = self.catalog.level(option.id)

        def reset() -> None:
            self.store.reset_level(level.id)
            self.refresh_map(select=level.id)
            self.notify(f"Progress on {level.title} was reset.", markup=False)

        question = f"Reset your progress on “{level.title}”? Its attempts and stars are deleted."
        confirm_then(self.app, question, "Reset", reset)
