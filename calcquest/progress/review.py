"""The spaced-repetition schedule: questions answered wrong come back, further apart each time.

A Leitner system with four boxes. A wrong answer puts the question in box 1 (due in a day);
each right answer in review moves it up a box (3, 7, then 14 days); a right answer from the last
box retires it, and a wrong one anywhere sends it back to box 1. Pure functions: the store
keeps the rows, this module decides the moves, so the rules are testable without a database.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Days until a question in box N (1-based) is due again.
BOX_DAYS: tuple[int, ...] = (1, 3, 7, 14)

DAY_SECONDS = 86_400


@dataclass(frozen=True)
class ReviewItem:
    """A question waiting in the review schedule."""

    level_id: str
    question_id: str
    box: int
    """1..len(BOX_DAYS): how many times in a row it has been right in review, plus one."""
    due_at: float
    """Unix time when it is due."""

    def is_due(self, now: float) -> bool:
        """Whether the player should see it now."""
        return self.due_at <= now


def after_answer(box: int | None, correct: bool, now: float) -> tuple[int, float] | None:
    """The (box, due time) after an answer, or None when the question leaves the schedule.

    `box` is the current box, or None when the question is not scheduled yet.
    """
    if not correct:
        return 1, now + BOX_DAYS[0] * DAY_SECONDS
    if box is None:
        return None
    if box >= len(BOX_DAYS):
        return None
    return box + 1, now + BOX_DAYS[box] * DAY_SECONDS
