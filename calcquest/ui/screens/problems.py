"""The problems of a level file being watched, shown until a save fixes them."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
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
                f"[b]{escape(self.path.name)} has {count} problem{'s' if count != 1 else ''}[/b]",
                id="problems-title",
            )
            with VerticalScroll(id="problems-list"):
                for problem in problems:
                    yield Static(escape(str(problem)), classes="problem")
                if not problems:
                    yield Static(escape(str(self.error)), classes="problem")
            yield Static(
                "Fix it in your editor and save: the level reloads by itself. Ctrl+Q quits.",
                id="problems-foot",
            )
