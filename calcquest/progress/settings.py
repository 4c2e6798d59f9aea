"""The player's display preferences, stored with their progress so they follow them over SSH."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

#: Colour modes: follow the terminal (and NO_COLOR), the 16 ANSI colours only, or none at all.
COLOUR_MODES: tuple[str, ...] = ("auto", "16", "none")

DEFAULT_THEME = "textual-dark"


@dataclass(frozen=True)
class Settings:
    """Display preferences; every field has a default so an empty store just works."""

    theme: str = DEFAULT_THEME
    """A Textual theme name (the settings screen lists them)."""
    reduced_motion: bool = False
    """Show each scene's last frame instead of animating it."""
    colour: str = "auto"
    """One of COLOUR_MODES."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build from stored values, ignoring unknown keys and values of the wrong type."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            value = data.get(field.name)
            default = getattr(cls, field.name)
            if isinstance(value, type(default)):
                values[field.name] = value
        if values.get("colour") not in (None, *COLOUR_MODES):
            values.pop("colour")
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for storage and export."""
        return asdict(self)
