"""Level complete: the stars earned, the XP, what the finish unlocked, and where to go next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from calcquest.progress import star_text

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.schema import Level
    from calcquest.progress.session import LevelResult


class CompleteScreen(ModalScreen[str | None]):
    """Celebrate, then dismiss with the next level's id (Continue) or None (Map)."""

    CSS_PATH = "complete.tcss"
    BINDINGS = [Binding("escape", "to_map", "Map"), Binding("m", "to_map", "Map", show=False)]

    def __init__(self, level: Level, result: LevelResult, catalog: Catalog) -> None:
        super().__init__()
        self.level = level
        self.result = result
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        result = self.result
        with Vertical(id="dialog"):
            yield Static("Level complete!", id="headline")
            yield Static(Text(self.level.title), id="level-name")
            yield Static(" ".join(star_text(result.stars)), id="stars")
            yield Static(self._score_text(), id="score")
            yield Static(Text(self._unlock_text()), id="unlocked")
            with Horizontal(id="buttons"):
                if result.next_level_id:
                    yield Button(Text(self._next_label()), id="next", variant="primary")
                yield Button("Map", id="map")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def _score_text(self) -> str:
        result, best = self.result, self.result.best
        text = f"+{result.xp} XP"
        if result.stars == 3:
            text += "  ·  right first time, no hints"
        elif best.stars > result.stars:
            text += f"  ·  your best stays {star_text(best.stars)}"
        else:
            text += "  ·  replay without hints or slips for ★★★"
        return text

    def _unlock_text(self) -> str:
        if self.result.unlocked:
            return "Unlocked: " + ", ".join(self.result.unlocked)
        if self.result.next_level_id is None:
            return "Every open level is done. Well played!"
        return ""

    def _next_label(self) -> str:
        title = self.catalog.level(self.result.next_level_id or "").title
        short = title if len(title) <= 28 else title[:27] + "…"
        return f"Next: {short}"

    @on(Button.Pressed, "#next")
    def _next(self) -> None:
        self.dismiss(self.result.next_level_id)

    @on(Button.Pressed, "#map")
    def action_to_map(self) -> None:
        """Back to the map."""
        self.dismiss(None)
