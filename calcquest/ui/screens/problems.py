"""The problems of a level file being watched, shown until a save fixes them."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from calcquest.levels import LevelFileError


class ProblemsScreen(ModalScreen[None]):
    """Every problem as file:line:col: field: message; the watcher closes it on a good save."""

    CSS_PATH = "problems.tcss"

    def __init__(self, path: Path, error: LevelFileError) -> None:
        super().__init__()
        self.path = path
        self.error = error

    def compose(self) -> ComposeResult:
        problems = getattr(self.error, "problems", [])
        count = len(problems)
        with Vertical(id="dialog"):
            yield Static(
                Text(f"{self.path.name} has {count} problem{'s' if count != 1 else ''}", "bold"),
                id="problems-title",
            )
            with VerticalScroll(id="problems-list"):
                for problem in problems:
                    yield Static(Text(str(problem)), classes="problem")
                if not problems:
                    yield Static(Text(str(self.error)), classes="problem")
            yield Static(
                "Fix it in your editor and save: the level reloads by itself. Ctrl+Q quits.",
                id="problems-foot",
            )
