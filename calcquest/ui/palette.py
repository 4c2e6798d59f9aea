"""The command palette (ctrl+p): every level by title, and the game's actions.

Typing part of a level's title and pressing Enter opens it, which is the fastest way around
a long map over a slow SSH link.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    from calcquest.ui.app import CalcquestApp

Entry = tuple[str, Callable[[], object], str]


def game_entries(app: CalcquestApp) -> Iterator[Entry]:
    """(label, callback, help) for each action and each level, in map order."""
    yield "Map", app.action_map, "Back to the map of worlds and levels"
    yield "Review", app.action_review, "Answer the questions due for review"
    yield "Help", app.action_help, "Every key, how to type answers, how stars work"
    yield "Settings", app.action_settings, "Theme, colour and reduced motion"
    yield "Reset all progress", app.action_reset_all, "Asks first; settings are kept"
    open_ids = app.open_level_ids()
    for level in app.catalog.levels:
        locked = level.id not in open_ids
        verb = "Read" if locked else "Play"
        note = "locked: the lesson only" if locked else f"{len(level.question_ids())} questions"
        yield f"{verb}: {level.title}", partial(app.open_level, level.id, locked), note


def highlight(matcher: Matcher, label: str) -> Content:
    """The label as written, its matched letters highlighted.

    Textual's own `Matcher.highlight` reads the label as markup, which would eat an author's
    brackets: "Compute E[X]" would be listed as "Compute E"."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if score:
        for offset in offsets:
            if not label[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class GameCommands(Provider):
    """Levels and game actions for Textual's command palette."""

    async def search(self, query: str) -> Hits:
        """Entries whose label matches the query, best first."""
        matcher = self.matcher(query)
        for label, callback, help_text in game_entries(self.app):  # type: ignore[arg-type]
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlight(matcher, label), callback, text=label, help=help_text)

    async def discover(self) -> Hits:
        """Every entry, shown before anything is typed."""
        for label, callback, help_text in game_entries(self.app):  # type: ignore[arg-type]
            yield DiscoveryHit(Content(label), callback, text=label, help=help_text)
