"""How a finished level is scored: stars and XP.

Three stars means every question was right the first time with no hints; each hint used and
each question that needed more than one try costs a star, down to one star for finishing.
XP rewards finishing and doing it cleanly, and the store keeps only a level's best score, so
replaying a level never farms XP.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_STARS = 3

#: XP for every question answered in a level, plus a bonus per star.
XP_PER_QUESTION = 10
XP_PER_STAR = 5


@dataclass(frozen=True)
class QuestionResult:
    """How one question of a level went."""

    question_id: str
    wrong_tries: int
    """Counted wrong answers before the right one."""
    hints_used: int


def stars_for(results: list[QuestionResult]) -> int:
    """Stars for a finished level: 3 minus one per hint and per question not right first time."""
    penalty = sum(r.hints_used + (1 if r.wrong_tries else 0) for r in results)
    return max(1, MAX_STARS - penalty)


def xp_for(results: list[QuestionResult], stars: int) -> int:
    """XP for a finished level with this many stars."""
    return XP_PER_QUESTION * len(results) + XP_PER_STAR * stars


def star_text(stars: int, total: int = MAX_STARS) -> str:
    """Stars as text, e.g. `★★☆` for 2 of 3."""
    return "★" * stars + "☆" * (total - stars)
