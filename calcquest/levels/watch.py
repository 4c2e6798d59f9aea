"""Reload a level file when it changes, for `calcquest play LEVEL.yaml --watch`.

`LevelWatcher` polls the file's modification time and size rather than using OS file
events, so it works on network drives, WSL mounts and editors that replace files on save.
It is pure (no threads, no Textual): the game calls `poll()` from a timer every `interval`
seconds and shows either the fresh Level or the LevelFileError describing the broken edit.
"""

from __future__ import annotations

import os
from pathlib import Path

from calcquest.levels.loader import read_level
from calcquest.levels.problems import LevelFileError, Problem
from calcquest.levels.schema import Level

#: What a poll reports: a freshly loaded level, the errors of a broken edit, or nothing new.
WatchResult = Level | LevelFileError | None


class LevelWatcher:
    """Watches one level file and reloads it each time its contents change."""

    def __init__(self, path: Path | str, interval: float = 0.5) -> None:
        self.path = Path(path)
        self.interval = interval
        self._signature: tuple[int, int] | None = None
        self.current: Level | LevelFileError | None = None
        """The last result loaded (a Level or the LevelFileError), None before the first."""

    def load(self) -> Level | LevelFileError:
        """Read the file now, whatever its modification time, and remember the result."""
        self._signature = self._stat()
        if self._signature is None:
            result: Level | LevelFileError = self._missing()
        else:
            source = read_level(self.path)
            result = source.model if source.model is not None else LevelFileError(source.problems)
        self.current = result
        return result

    def poll(self) -> WatchResult:
        """A fresh result when the file changed since the last load, else None."""
        if self._stat() == self._signature and self.current is not None:
            return None
        return self.load()

    def _stat(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def _missing(self) -> LevelFileError:
        message = "the file is missing (renamed or deleted?); waiting for it to come back"
        return LevelFileError([Problem(self.path, 1, 1, "", message)])
