"""A play-through: the questions in order, tries and hints, the score, and what it unlocked.

The Textual UI and the plain text loop both drive a `Run`, so the rules live in one place and
game state stays out of widgets. A `Run` grades through the grading engine (in its killable
worker pool) and stores each counted answer before returning the verdict, so a crash right
after an answer never loses it. Unreadable answers are shown but never counted.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from calcquest.progress.rules import QuestionResult, stars_for, xp_for
from calcquest.progress.standing import due_questions
from calcquest.progress.store import Completion, ProgressStore

if TYPE_CHECKING:
    from calcquest.grading import Verdict
    from calcquest.levels import Catalog, PlayableQuestion
    from calcquest.levels.schema import Level

#: Grades a response to a spec within a time limit (default: `calcquest.grading.grade`).
Grader = Callable[..., "Verdict"]

#: Typed instead of an answer, these show the next hint (plain mode and the answer box).
HINT_WORDS = frozenset({"?", "hint", "h?"})


def fresh_seed() -> int:
    """A random seed for a new play-through."""
    return random.SystemRandom().randrange(1, 2**31)


@dataclass
class Slot:
    """One question to ask: which level, which question, with which seed."""

    level: Level
    index: int
    seed: int
    wrong_tries: int = 0
    hints_used: int = 0
    solved: bool = False

    @property
    def question_id(self) -> str:
        """The stable id of the question."""
        return str(self.level.questions[self.index].id)

    def result(self) -> QuestionResult:
        """How this question went, for scoring."""
        return QuestionResult(self.question_id, self.wrong_tries, self.hints_used)


@dataclass(frozen=True)
class LevelResult:
    """What finishing a level earned: this run's score, the best so far and what opened."""

    level_id: str
    stars: int
    xp: int
    best: Completion
    unlocked: list[str] = field(default_factory=list)
    """Titles of levels that this finish opened."""
    next_level_id: str | None = None
    """The level to play next: the first one unlocked, else the next open unfinished one."""


class Run:
    """Questions asked one after another, each answer graded and stored."""

    def __init__(
        self,
        store: ProgressStore,
        slots: list[Slot],
        mode: str = "play",
        grader: Grader | None = None,
    ) -> None:
        self.store = store
        self.grader = grader
        self.slots = slots
        self.mode = mode
        self.position = next((i for i, s in enumerate(slots) if not s.solved), len(slots))
        self._question: PlayableQuestion | None = None

    @property
    def finished(self) -> bool:
        """Whether every question has been answered right."""
        return self.position >= len(self.slots)

    @property
    def slot(self) -> Slot:
        """The current question's slot."""
        return self.slots[self.position]

    @property
    def question(self) -> PlayableQuestion:
        """The current question with its parameters drawn (cached until `advance`)."""
        if self._question is None:
            from calcquest.levels import instantiate

            slot = self.slot
            self._question = instantiate(slot.level, slot.index, slot.seed)
        return self._question

    def stars_so_far(self) -> int:
        """The stars this run would earn if every remaining question went perfectly."""
        return stars_for([slot.result() for slot in self.slots])

    def hints_shown(self) -> list[str]:
        """The hints already revealed for the current question."""
        return list(self.question.hints[: self.slot.hints_used])

    def next_hint(self) -> str | None:
        """Reveal (and store) the next hint, or None when there are no more."""
        slot, hints = self.slot, self.question.hints
        if slot.hints_used >= len(hints):
            return None
        self.store.record_hint(slot.level.id, slot.question_id, slot.seed, slot.hints_used)
        slot.hints_used += 1
        return hints[slot.hints_used - 1]

    def submit(self, response: str, *, timeout: float = 1.0) -> Verdict:
        """Grade a response and, when it could be read, store it. Call off the UI thread."""
        grader = self.grader
        if grader is None:
            from calcquest.grading import grade as grader
        verdict = grader(self.question.spec, response, timeout=timeout)
        self.record(response, verdict)
        return verdict

    def record(self, response: str, verdict: Verdict) -> None:
        """Store a counted verdict and update the current slot."""
        if not verdict.counted:
            return
        slot, question = self.slot, self.question
        self.store.record_attempt(
            slot.level.id,
            slot.question_id,
            slot.seed,
            dict(question.params),
            response,
            verdict.correct,
            slot.hints_used,
            mistake=verdict.mistake,
            mode=self.mode,
        )
        if verdict.correct:
            slot.solved = True
        else:
            slot.wrong_tries += 1

    def advance(self) -> bool:
        """Move past a solved question; returns False when the run is over."""
        if not self.finished and self.slot.solved:
            self.position += 1
            self._question = None
        return not self.finished


class LevelRun(Run):
    """A play-through of one level, resuming an unfinished level where the player left it."""

    def __init__(
        self,
        level: Level,
        store: ProgressStore,
        *,
        seed: int | None = None,
        resume: bool = True,
        grader: Grader | None = None,
    ) -> None:
        self.level = level
        self.seed = fresh_seed() if seed is None else seed
        slots = [Slot(level, i, self.seed) for i in range(len(level.questions))]
        if resume and level.id not in store.done_levels():
            _resume(slots, store.level_history(level.id))
        super().__init__(store, slots, mode="play", grader=grader)

    def complete(self, catalog: Catalog | None = None) -> LevelResult:
        """Score the finished level, store it, and say what it unlocked."""
        results = [slot.result() for slot in self.slots]
        stars = stars_for(results)
        xp = xp_for(results, stars)
        before = self.store.done_levels()
        best = self.store.finish_level(self.level.id, stars, xp)
        unlocked, next_id = _unlocks(catalog, before, self.store.done_levels(), self.level.id)
        return LevelResult(self.level.id, stars, xp, best, unlocked, next_id)


def _resume(slots: list[Slot], history: dict[str, Any]) -> None:
    for slot in slots:
        past = history.get(slot.question_id)
        if past is not None:
            slot.seed = past.seed
            slot.solved = past.solved
            slot.wrong_tries = past.wrong_tries
            slot.hints_used = past.hints_used


def _unlocks(
    catalog: Catalog | None, before: set[str], after: set[str], level_id: str
) -> tuple[list[str], str | None]:
    if catalog is None:
        return [], None
    from calcquest.levels import open_levels

    opened_now = open_levels(catalog, after)
    new = [lvl for lvl in catalog.levels if lvl.id in opened_now - open_levels(catalog, before)]
    if new:
        return [lvl.title for lvl in new], new[0].id
    ids = [lvl.id for lvl in catalog.levels]
    later = ids[ids.index(level_id) + 1 :] if level_id in ids else ids
    following = [i for i in later + ids if i in opened_now and i not in after]
    return [], following[0] if following else None


def review_run(
    catalog: Catalog, store: ProgressStore, *, seed: int | None = None, grader: Grader | None = None
) -> Run:
    """A run over the questions due for review, each with fresh random parameters."""
    base = fresh_seed() if seed is None else seed
    slots = [
        Slot(level, index, base + number)
        for number, (level, index) in enumerate(due_questions(catalog, store))
    ]
    return Run(store, slots, mode="review", grader=grader)
