"""Where the player stands overall: what the map's header counts and the goodbye sentence says.

Kept apart from `session` (runs through a level's questions), so the map's first frame and the
exit sentence need neither the run machinery nor the level schema.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.schema import Level
    from calcquest.progress.store import ProgressStore


@dataclass(frozen=True)
class ExitState:
    """What the player is told on the way out, in either mode."""

    levels_done: int
    xp: int

    def sentence(self) -> str:
        """One sentence, e.g. "Progress saved: 3 levels done, 41 XP."."""
        levels = "level" if self.levels_done == 1 else "levels"
        return f"Progress saved: {self.levels_done} {levels} done, {self.xp} XP."


def exit_state(store: ProgressStore) -> ExitState:
    """Levels done and XP so far."""
    return ExitState(len(store.done_levels()), store.total_xp())


def due_questions(catalog: Catalog, store: ProgressStore) -> list[tuple[Level, int]]:
    """The (level, question index) pairs due for review that still exist in the catalog.

    Only ids are used, so the map can count them from its index before the catalog loads."""
    levels = {level.id: level for level in catalog.levels}
    due: list[tuple[Level, int]] = []
    for item in store.due_reviews():
        level = levels.get(item.level_id)
        ids = level.question_ids() if level else []
        if level is not None and item.question_id in ids:
            due.append((level, ids.index(item.question_id)))
    return due
