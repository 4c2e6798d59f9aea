"""The calcquest App: screens, navigation, settings, and the sentence printed on exit.

`make_app` is the one factory the CLI, the Pilot tests and the snapshot tests use. The App only
routes: screens do the showing, `calcquest.progress` keeps the game state and rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from calcquest import startup
from calcquest.progress import ProgressStore, Settings
from calcquest.progress.standing import ExitState, exit_state
from calcquest.ui.catalog_load import CatalogFailed, CatalogLoaded, CatalogLoader
from calcquest.ui.grading import WarmGrader, start_process_helpers
from calcquest.ui.messages import OpenLevel, SettingsChanged, ShowMap
from calcquest.ui.palette import GameCommands
from calcquest.ui.screens.map import MapScreen
from calcquest.ui.screens.too_small import TooSmallScreen, too_small
from calcquest.ui.theme import MONO_THEME, theme_for

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.index import MapIndex


#: Seconds from mounting to starting the background work: the first frame is drawn by then
#: (a few ms after mounting), and its bytes have reached the terminal.
BACKGROUND_DELAY = 0.1


class CalcquestApp(App[ExitState]):
    """The game. Screens post `OpenLevel`/`ShowMap`; the App moves between them.

    Given a `MapIndex` instead of a `Catalog`, the map draws from it at once and the full
    catalog loads in the background after the first frame (see `catalog_load`); `catalog` is
    the index until then, and whatever needs lessons or questions waits for it."""

    TITLE = "calcquest"
    CSS_PATH = ["app.tcss", "screens/map.tcss"]
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [Binding("f1", "help", "Help", show=False)]

    def __init__(
        self,
        catalog: Catalog | MapIndex,
        store: ProgressStore,
        settings: Settings,
        *,
        seed: int | None = None,
        start_level: str | None = None,
        start_review: bool = False,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.levels_loader = CatalogLoader(self, catalog)
        self.store = store
        self.settings = settings
        self.seed = seed
        self.start_level = start_level
        self.start_review = start_review
        self.grader = WarmGrader()
        self._started = False
        self.register_theme(MONO_THEME)

    def get_default_screen(self) -> MapScreen:
        """The map is the screen underneath all others (no empty screen to lay out first)."""
        return MapScreen(self.catalog, self.store)

    def on_mount(self) -> None:
        self._apply(self.settings)
        if self.start_level is not None:
            self.open_level(self.start_level)
        elif self.start_review:
            self.action_review()
        if self.store.recovered_from is not None:
            kept = self.store.recovered_from.name
            self.notify(
                f"Your progress file could not be read. It was kept as {kept} and a fresh one "
                "was started.",
                title="Progress file damaged",
                severity="warning",
                timeout=15,
            )
        self._started = True
        self.call_after_refresh(lambda: self._check_size(*self.size))
        # A timer, not call_after_refresh: that runs after the *current screen's* next
        # refresh, and a screen opened at once (a fast key, --level) left the map's pending.
        self.set_timer(BACKGROUND_DELAY, self._start_background_work)

    def _start_background_work(self) -> None:
        """Once the map is on screen: collect garbage again, load the levels, warm grading."""
        startup.release()  # the map is on screen: collect again
        self.levels_loader.start()
        self._warm_grading()

    def _warm_grading(self) -> None:
        """Load the grading engine (SymPy, the worker pool) while the player reads the map."""
        self.grader.start(before_pool=self._start_process_helpers)

    def _start_process_helpers(self) -> bool:
        """From the warm-up thread: start the resource tracker on the UI thread (see
        `start_process_helpers`). False once the game is closing: the warm-up then leaves
        the process-wide grading pool alone, since without the tracker a worker started
        under another app's stderr capture could not spawn."""
        if not self.is_running:
            return False
        try:
            self.call_from_thread(start_process_helpers)
        except RuntimeError:  # closed between the check and the call
            return False
        return True

    # -- navigation -----------------------------------------------------------------------

    def open_level_ids(self) -> set[str]:
        """Levels the player may answer questions in."""
        from calcquest.levels import open_levels

        return open_levels(self.catalog, self.store.done_levels())

    def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        """The full catalog is here: the map redraws from it, waiting actions run."""
        self.catalog = message.catalog
        for screen in self.screen_stack:
            if isinstance(screen, MapScreen):
                screen.show_catalog(message.catalog, redraw=message.changed)
        self.levels_loader.arrived()

    def on_catalog_failed(self, message: CatalogFailed) -> None:
        self.levels_loader.failed()
        title = "The levels could not be loaded"
        self.notify(str(message.error), title=title, severity="error", markup=False)

    def open_level(self, level_id: str, peek: bool | None = None, resume: bool = True) -> None:
        """Show a level on top of the map; a locked one (or `peek`) shows the lesson only.

        `resume` continues an unfinished level at the first question not yet answered. Before
        the full catalog has loaded, the level opens as soon as it has."""
        self.levels_loader.when_ready(lambda: self._open_level(level_id, peek, resume))

    def _open_level(self, level_id: str, peek: bool | None, resume: bool) -> None:
        from calcquest.progress.session import LevelRun
        from calcquest.ui.screens.level import LevelScreen

        level = self.catalog.level(level_id)
        if peek is None:
            peek = level_id not in self.open_level_ids()
        run = None
        if not peek:
            run = LevelRun(level, self.store, seed=self.seed, resume=resume, grader=self.grader)
        self._to_map()
        self.push_screen(LevelScreen(level, self.catalog, run, self.settings))

    def _to_map(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, MapScreen):
            self.pop_screen()

    def on_open_level(self, message: OpenLevel) -> None:
        self.open_level(message.level_id, message.peek)

    def on_show_map(self, message: ShowMap) -> None:
        self._to_map()
        if message.select is not None and isinstance(self.screen, MapScreen):
            self.screen.refresh_map(select=message.select)

    def action_map(self) -> None:
        """Back to the map."""
        self._to_map()

    def action_review(self) -> None:
        """Answer the questions due for review."""
        self.levels_loader.when_ready(self._review)

    def _review(self) -> None:
        from calcquest.progress.session import review_run
        from calcquest.ui.screens.review import ReviewScreen

        self._to_map()
        run = review_run(self.catalog, self.store, seed=self.seed, grader=self.grader)
        self.push_screen(ReviewScreen(run, self.store))

    def action_help(self) -> None:
        """Show every key."""
        from calcquest.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        """Theme, colour, reduced motion."""
        from calcquest.ui.screens.settings import SettingsScreen

        themes = sorted(name for name in self.available_themes if name != MONO_THEME.name)
        self.push_screen(SettingsScreen(self.settings, themes))

    def action_reset_all(self) -> None:
        """Ask, then forget every level's progress (settings stay)."""
        from calcquest.ui.screens.confirm import confirm_then

        def reset() -> None:
            self.store.reset_all()
            self._to_map()
            self.screen.refresh_map()  # type: ignore[attr-defined]
            self.notify("All progress was reset.")

        question = "Reset ALL your progress? Every attempt, star and review is deleted."
        confirm_then(self, question, "Reset everything", reset)

    async def action_quit(self) -> None:
        """Leave, handing the CLI what to say."""
        self.exit(self.exit_state())

    def exit_state(self) -> ExitState:
        """Levels done and XP, for the goodbye sentence."""
        return exit_state(self.store)

    # -- settings and size ----------------------------------------------------------------

    def on_settings_changed(self, message: SettingsChanged) -> None:
        self.settings = message.settings
        self.store.save_settings(message.settings)
        self._apply(message.settings)

    def _apply(self, settings: Settings) -> None:
        # Headless (tests, snapshots) there is no terminal whose colours to follow.
        colours = None if self.is_headless else self.console.color_system
        self.theme = theme_for(settings, self.available_themes, colours)

    def on_resize(self, event: events.Resize) -> None:
        if self._started:
            self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small(width, height) and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small(width, height) and showing:
            self.pop_screen()


def make_app(
    catalog: Catalog | MapIndex,
    store: ProgressStore,
    *,
    plain: bool = False,
    settings: Settings | None = None,
    watch: Path | None = None,
    seed: int | None = None,
    start_level: str | None = None,
    start_review: bool = False,
) -> CalcquestApp:
    """Build the game from a loaded catalog (or a map index: see `CalcquestApp`) and an open
    store (settings: the stored ones).

    `plain`: the calmest display (no animation, no colour; the CLI's real plain mode is
    `calcquest.plain`). `watch`: play one level file, reloading it on change. `seed`: fixed
    random parameters. `start_level` / `start_review`: open that on top of the map."""
    chosen = settings if settings is not None else store.settings()
    if plain:
        chosen = Settings(theme=chosen.theme, reduced_motion=True, colour="none")
    if watch is not None:
        from calcquest.ui.watch import WatchingApp

        return WatchingApp(catalog, store, chosen, seed=seed, watch=Path(watch))
    return CalcquestApp(
        catalog, store, chosen, seed=seed, start_level=start_level, start_review=start_review
    )
