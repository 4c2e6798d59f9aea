"""`calcquest play LEVEL.yaml --watch`: the game reloads a level file each time it is saved.

An author keeps the level open in their editor and the game beside it. A good save reopens the
level from its first question; a broken save shows every problem (file:line:col) until the next
save fixes it. Reading happens in a worker thread, so the screen never stalls on a big file.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from calcquest.levels import LevelFileError, World
from calcquest.levels.watch import LevelWatcher
from calcquest.ui.app import CalcquestApp
from calcquest.ui.screens.problems import ProblemsScreen

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.schema import Level
    from calcquest.progress import ProgressStore, Settings


class WatchingApp(CalcquestApp):
    """The game around one level file that is reloaded whenever it changes."""

    def __init__(
        self,
        catalog: Catalog,
        store: ProgressStore,
        settings: Settings,
        *,
        seed: int | None,
        watch: Path,
    ) -> None:
        super().__init__(catalog, store, settings, seed=seed)
        self.watcher = LevelWatcher(watch)
        self._reading = threading.Lock()

    def on_mount(self) -> None:
        super().on_mount()
        self._poll(first=True)
        self.set_interval(self.watcher.interval, self._poll)

    @work(thread=True, group="watch", exit_on_error=False)
    def _poll(self, first: bool = False) -> None:
        if not self._reading.acquire(blocking=False):
            return  # the previous read is still going; the next tick will look again
        try:
            result = self.watcher.load() if first else self.watcher.poll()
            if result is not None:
                self.call_from_thread(self._show, result, first)
        finally:
            self._reading.release()

    def _show(self, result: Level | LevelFileError, first: bool) -> None:
        if isinstance(self.screen, ProblemsScreen):
            self.pop_screen()
        if isinstance(result, LevelFileError):
            self.push_screen(ProblemsScreen(self.watcher.path, result))
            return
        self._replace_level(result)
        self.open_level(result.id, peek=False, resume=False)
        if not first:
            self.notify(f"Reloaded {self.watcher.path.name}.", timeout=3, markup=False)

    def _replace_level(self, level: Level) -> None:
        """Put the fresh level (and, if needed, a stand-in for its world) in the catalog."""
        self.catalog.levels[:] = [level]
        self.catalog.paths.clear()
        self.catalog.paths[level.id] = self.watcher.path
        if all(world.id != level.world for world in self.catalog.worlds):
            title = level.world.replace("-", " ").capitalize()
            self.catalog.worlds.append(World(id=level.world, title=title, order=1))
        self.catalog.worlds[:] = [w for w in self.catalog.worlds if w.id == level.world]
