"""Where a player left an unfinished level: per question, solved or not, tries and hints.

Read back from the stored attempts and hint uses (never from a separate "position" field), so
a level resumes exactly where a crash or a closed terminal left it, with the same random
numbers (the seed of the last try), and its stars still count every slip and hint.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from calcquest.progress.rules import QuestionResult

if TYPE_CHECKING:
    from calcquest.progress.store import ProgressStore


@dataclass(frozen=True)
class QuestionHistory:
    """What happened to one question of an unfinished level, so play can resume there."""

    question_id: str
    seed: int
    solved: bool
    wrong_tries: int
    hints_used: int

    def result(self) -> QuestionResult:
        """The question's result for scoring."""
        return QuestionResult(self.question_id, self.wrong_tries, self.hints_used)


def level_history(store: ProgressStore, level_id: str) -> dict[str, QuestionHistory]:
    """Per question id, what happened in normal play since the level was last reset."""
    history: dict[str, QuestionHistory] = {}
    for row in store.attempts(level_id):
        old = history.get(row["question_id"])
        if row["mode"] != "play" or (old is not None and old.solved):
            continue
        wrong = (old.wrong_tries if old else 0) + (0 if row["correct"] else 1)
        history[row["question_id"]] = QuestionHistory(
            row["question_id"], row["seed"], bool(row["correct"]), wrong, 0
        )
    return _with_hints(store, level_id, history)


def _with_hints(
    store: ProgressStore, level_id: str, history: dict[str, QuestionHistory]
) -> dict[str, QuestionHistory]:
    """Add the hints shown for each question (with the seed the question was drawn with)."""
    rows = store.query(
        "SELECT question_id, seed, COUNT(*) AS n FROM hint_uses WHERE player = ? AND"
        " level_id = ? GROUP BY question_id, seed",
        (store.player, level_id),
    )
    for row in rows:
        old = history.get(row["question_id"])
        if old is None:
            old = QuestionHistory(row["question_id"], row["seed"], False, 0, 0)
        if old.seed == row["seed"]:
            history[old.question_id] = replace(old, hints_used=int(row["n"]))
    return history
