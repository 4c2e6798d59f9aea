"""Messages the screens and widgets send up; small dataclasses carrying domain values.

Attributes go down (a screen hands a widget its data), messages come up (a widget says what the
player did), so no widget reaches into another through `self.app`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from calcquest.progress import Settings


@dataclass
class OpenLevel(Message):
    """Play a level (or only read its lesson, when it is still locked)."""

    level_id: str
    peek: bool = False


@dataclass
class ShowMap(Message):
    """Go back to the map, closing whatever screens are above it; `select` a level there."""

    select: str | None = None


@dataclass
class HintRequested(Message):
    """The player asked for the next hint (`?` in an empty answer box, or the key)."""


@dataclass
class QuestionChanged(Message):
    """A question panel moved on to another question, or a hint changed its stars."""

    position: int
    total: int
    stars: int


@dataclass
class RunFinished(Message):
    """Every question of a run has been answered right."""


@dataclass
class SettingsChanged(Message):
    """The player changed a setting; the app applies and saves it."""

    settings: Settings
