"""Settings: theme, colour and reduced motion, applied at once and kept with the progress."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static, Switch

from calcquest.progress import Settings
from calcquest.ui.messages import SettingsChanged

COLOUR_CHOICES = [
    ("Follow the terminal", "auto"),
    ("16 colours only", "16"),
    ("No colour", "none"),
]


class SettingsScreen(ModalScreen[None]):
    """Change a setting and it applies immediately; Escape closes."""

    CSS_PATH = "settings.tcss"
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, settings: Settings, themes: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.themes = themes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Settings", id="settings-title")
            with Horizontal(classes="row"):
                yield Label("Theme", classes="name")
                yield Select(
                    [(name, name) for name in self.themes],
                    value=self.settings.theme
                    if self.settings.theme in self.themes
                    else Select.NULL,
                    allow_blank=False,
                    id="theme",
                )
            with Horizontal(classes="row"):
                yield Label("Colour", classes="name")
                yield Select(
                    COLOUR_CHOICES, value=self.settings.colour, allow_blank=False, id="colour"
                )
            with Horizontal(classes="row"):
                yield Label("Reduced motion", classes="name")
                yield Switch(self.settings.reduced_motion, id="motion")
            yield Static(
                "Reduced motion shows each scene's last frame instead of animating it. "
                "Escape closes; changes are saved.",
                id="settings-note",
            )

    def on_mount(self) -> None:
        self.query_one("#theme").focus()

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._change(replace(self.settings, theme=event.value))

    @on(Select.Changed, "#colour")
    def _colour(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._change(replace(self.settings, colour=event.value))

    @on(Switch.Changed, "#motion")
    def _motion(self, event: Switch.Changed) -> None:
        self._change(replace(self.settings, reduced_motion=event.value))

    def _change(self, settings: Settings) -> None:
        if settings != self.settings:
            self.settings = settings
            self.post_message(SettingsChanged(settings))

    def action_close(self) -> None:
        """Back to where settings were opened."""
        self.dismiss(None)
