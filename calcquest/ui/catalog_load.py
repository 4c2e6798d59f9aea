"""The full level catalog, loaded in the background once the map has drawn.

The map draws from a light `MapIndex` (ids, titles, unlock rules; no pydantic). Lessons,
questions and scenes live in the full, validated `Catalog`, which takes a few hundred ms to
load, so `CatalogLoader` loads it in a daemon thread right after the first frame (a daemon,
so quitting at once never waits) and posts `CatalogLoaded` to the app. Anything that needs it
meanwhile (opening a level, a review) waits behind a "Loading the levels" note and runs when
it arrives; normally it has long arrived before the player presses Enter.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from calcquest.levels.index import MapIndex

if TYPE_CHECKING:
    from textual.app import App

    from calcquest.levels import Catalog


class CatalogLoaded(Message):
    """The full catalog has loaded (posted from the loading thread). `changed`: it differs
    from what the map index showed (a file the full check left out), so redraw the map."""

    def __init__(self, catalog: Catalog, changed: bool) -> None:
        super().__init__()
        self.catalog = catalog
        self.changed = changed


class CatalogFailed(Message):
    """The full catalog could not be loaded; `error` says why."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class CatalogLoader:
    """Loads the full catalog behind a map index, and holds actions that wait for it."""

    def __init__(self, app: App, source: Catalog | MapIndex) -> None:
        self.app = app
        self.index = source if isinstance(source, MapIndex) else None
        self._waiting: list[Callable[[], object]] = []

    @property
    def ready(self) -> bool:
        """Whether the full catalog is here (it always is when the app was given one)."""
        return self.index is None

    def start(self) -> None:
        """Begin loading in a daemon thread (nothing to do when the catalog is here)."""
        if self.index is not None:
            thread = threading.Thread(target=self._load, name="calcquest-catalog", daemon=True)
            thread.start()

    def when_ready(self, action: Callable[[], object]) -> None:
        """Run `action` now if the catalog is here, else once it has loaded."""
        if self.ready:
            action()
            return
        if not self._waiting:
            self.app.notify("Loading the levels…", timeout=3)
        self._waiting.append(action)

    def arrived(self) -> None:
        """The catalog is here: run what was waiting for it, in the order it was asked."""
        self.index = None
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()

    def failed(self) -> None:
        """The catalog cannot come: drop what was waiting (the app says why)."""
        self._waiting.clear()

    def _load(self) -> None:
        index = self.index
        assert index is not None
        shown = (index.worlds, index.levels)
        try:
            catalog = index.load_catalog()  # brings the index in line with the catalog
            message: Message = CatalogLoaded(catalog, (index.worlds, index.levels) != shown)
        except Exception as error:  # noqa: BLE001 -- told to the player, not a crash
            message = CatalogFailed(error)
        with contextlib.suppress(RuntimeError):  # the app has already closed its loop
            self.app.post_message(message)
