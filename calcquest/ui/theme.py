"""Themes for the colour setting: any Textual theme, the 16 ANSI colours, or none at all.

"16 colours" uses Textual's ANSI themes, so the terminal's own palette draws everything (legible
on TERM=linux and screen). "Follow the terminal" does the same when the terminal only has 16
colours (TERM=linux, screen, xterm): a theme made for millions of colours, squeezed into 16,
can draw text in its own background colour. "No colour" uses a grey theme here, and the CLI
also sets NO_COLOR for the next start so Textual strips colour from everything, scenes included.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.theme import Theme

from calcquest.progress.settings import DEFAULT_THEME, Settings

MONO_THEME = Theme(
    name="calcquest-mono",
    primary="#d0d0d0",
    secondary="#a0a0a0",
    accent="#ffffff",
    foreground="#e0e0e0",
    background="#000000",
    surface="#121212",
    panel="#242424",
    success="#ffffff",
    warning="#d0d0d0",
    error="#ffffff",
    dark=True,
)

LIGHT_HINTS = ("light", "latte", "dawn")


def theme_for(
    settings: Settings, available: Mapping[str, Theme], colours: str | None = None
) -> str:
    """The Textual theme name that realises the player's theme and colour settings.

    `colours`: the terminal's colour system as Rich names it ("standard" is 16 colours)."""
    if settings.colour == "none":
        return MONO_THEME.name
    theme = settings.theme if settings.theme in available else DEFAULT_THEME
    if settings.colour == "16" or (settings.colour == "auto" and colours == "standard"):
        light = any(hint in theme for hint in LIGHT_HINTS)
        return "ansi-light" if light else "ansi-dark"
    return theme
