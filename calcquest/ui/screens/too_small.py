"""Shown instead of the game while the terminal is smaller than 80x24; gone on resize."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


def too_small(width: int, height: int) -> bool:
    """Whether the game cannot be laid out at this size."""
    return width < MIN_WIDTH or height < MIN_HEIGHT


def too_small_text(width: int, height: int) -> str:
    """The notice, naming the size needed and the size now."""
    return (
        f"Please enlarge the terminal to at least {MIN_WIDTH}x{MIN_HEIGHT} "
        f"(now {width}x{height}).\n\nCtrl+Q quits; your progress is saved."
    )


class TooSmallScreen(ModalScreen[None]):
    """A notice that fits any size; the app pops it once the terminal is big enough."""

    CSS_PATH = "too_small.tcss"

    def compose(self) -> ComposeResult:
        yield Static(too_small_text(*self.app.size), id="notice", markup=False)

    def on_resize(self) -> None:
        self.query_one("#notice", Static).update(too_small_text(*self.app.size))
