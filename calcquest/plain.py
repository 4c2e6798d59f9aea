"""Plain mode: the game as a line-by-line conversation, for screen readers and slow links.

No Textual, no alternate screen, no animation and no colour: lessons and each scene's text
description are printed, answers are read with `input()`. The same `LevelRun` as the Textual
game keeps score and stores every answer, so both modes share one progress file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from calcquest.progress import ProgressStore, star_text
from calcquest.progress.session import HINT_WORDS, LevelRun, Run, due_questions, review_run

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.schema import Level

QUIT_WORDS = frozenset({"quit", "exit", "q"})
MAP_WORDS = frozenset({"map", "back", "menu"})


#: Markdown marks that a screen reader would read out literally, and what replaces them.
_MARKDOWN = [
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"__(.+?)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"^#{1,6}\s*", re.MULTILINE), ""),
]


def plain_text(markdown: str) -> str:
    """A lesson without Markdown emphasis, code and heading marks (the words stay)."""
    text = markdown.strip()
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return text


class Quit(Exception):
    """The player typed quit (or the input ended)."""


class PlainGame:
    """The text loop: a numbered map, then lessons and questions one line at a time."""

    def __init__(
        self,
        catalog: Catalog,
        store: ProgressStore,
        *,
        seed: int | None = None,
        ask: Callable[[str], str] | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.seed = seed
        self._ask = ask or (lambda prompt: input(prompt))
        self.say = say or (lambda line: print(line, flush=True))

    def ask(self, prompt: str) -> str:
        """One line of input; end of input counts as quit."""
        try:
            return self._ask(prompt).strip()
        except EOFError:
            raise Quit from None

    def play(self, level_id: str | None = None, *, review: bool = False) -> None:
        """Run until the player quits: one level or review first if asked, then the map."""
        if self.store.recovered_from is not None:
            self.say(
                f"Your progress file could not be read; it was kept as "
                f"{self.store.recovered_from} and a fresh one was started."
            )
        try:
            if review:
                self.review()
            elif level_id is not None:
                self.level(self.catalog.level(level_id))
            while self.map():
                pass
        except Quit:
            return

    # -- the map --------------------------------------------------------------------------

    def open_ids(self) -> set[str]:
        """Levels whose questions may be answered."""
        from calcquest.levels import open_levels

        return open_levels(self.catalog, self.store.done_levels())

    def map(self) -> bool:
        """Print the numbered levels and act on the choice; False means quit."""
        levels, default = self._print_map()
        choice = self.ask(f"Level number, r to review, q to quit [{default}]: ").lower()
        if choice in QUIT_WORDS:
            return False
        if choice in ("r", "review"):
            self.review()
        elif choice in ("?", "help"):
            self.say(PLAIN_HELP)
        else:
            number = int(choice) if choice.isdigit() else (default if not choice else 0)
            if 1 <= number <= len(levels):
                self.level(levels[number - 1])
            else:
                self.say(f"Type a number from 1 to {len(levels)}, r, or q.")
        return True

    def _print_map(self) -> tuple[list[Level], int]:
        done, opened = self.store.completions(), self.open_ids()
        levels: list[Level] = []
        default = 0
        self.say("")
        for world in self.catalog.worlds:
            self.say(world.title)
            for level in self.catalog.levels_in(world.id):
                levels.append(level)
                if level.id in done:
                    mark = f"done {star_text(done[level.id].stars)}"
                elif level.id in opened:
                    mark, default = "open", default or len(levels)
                else:
                    mark = "locked"
                self.say(f"  {len(levels)}. [{mark}] {level.title}")
        due = len(due_questions(self.catalog, self.store))
        review = f" {due} to review (r)." if due else ""
        self.say(f"{len(done)} of {len(levels)} levels done, {self.store.total_xp()} XP.{review}")
        return levels, default or 1

    # -- a level --------------------------------------------------------------------------

    def level(self, level: Level) -> None:
        """Print the lesson and scene, then ask the questions (a locked level: lesson only)."""
        world = self.catalog.world(level.world).title
        self.say(f"\n== {world}: {level.title} ==\n")
        self.say(plain_text(level.lesson))
        run = LevelRun(level, self.store, seed=self.seed)
        self._describe_scene(level, run.seed)
        if level.id not in self.open_ids():
            needs = [self.catalog.level(r).title for r in level.requires]
            after = f" Finish {', '.join(needs)} first." if needs else ""
            self.say(f"\nThis level is locked; you can read its lesson.{after}")
            return
        if self.ask_all(run):
            result = run.complete(self.catalog)
            unlocked = f" Unlocked: {', '.join(result.unlocked)}." if result.unlocked else ""
            self.say(
                f"\nLevel complete: {star_text(result.stars)} ({result.stars} of 3 stars), "
                f"+{result.xp} XP.{unlocked}"
            )

    def _describe_scene(self, level: Level, seed: int) -> None:
        if level.scene is None:
            return
        from calcquest.errors import CalcquestError
        from calcquest.levels import instantiate_scene
        from calcquest.scenes import scene_from_spec

        try:
            spec = instantiate_scene(level, seed)
            scene = scene_from_spec(spec) if spec is not None else None
        except CalcquestError as exc:
            self.say(f"\n(The scene could not be drawn: {exc.message})")
            return
        if scene is not None:
            self.say(f"\nScene: {scene.describe(scene.frame_count - 1)}")

    def ask_all(self, run: Run) -> bool:
        """Ask every remaining question; False when the player went back to the map."""
        while not run.finished:
            if not self.ask_one(run):
                return False
            run.advance()
        return True

    def ask_one(self, run: Run) -> bool:
        """Ask the current question until it is right; False for `map`."""
        question = run.question
        self.say(f"\nQuestion {run.position + 1} of {len(run.slots)}: {question.prompt}")
        if question.spec.kind == "choice":
            for key, text in question.spec.options.items():
                self.say(f"  {key}) {text}")
        while not run.slot.solved:
            text = self.ask("Answer (? hint, map, quit): ")
            lowered = text.lower()
            if lowered in QUIT_WORDS:
                raise Quit
            if lowered in MAP_WORDS:
                return False
            if lowered in HINT_WORDS:
                hint = run.next_hint()
                self.say(f"Hint: {hint}" if hint else "No more hints for this question.")
            elif text:
                self._grade(run, text)
        return True

    def _grade(self, run: Run, text: str) -> None:
        verdict = run.submit(text)
        read = verdict.interpreted
        if read and read.replace(" ", "") != text.replace(" ", ""):  # `3` is not read aloud twice
            self.say(f"  Read as: {read}")
        if not verdict.counted:
            self.say(f"  Can't read that: {verdict.error} (not counted)")
        elif verdict.correct:
            self.say(f"  Correct. {run.question.why or verdict.feedback or ''}".rstrip())
        else:
            feedback = verdict.feedback or "That is not equal to the answer."
            self.say(f"  Not quite. {feedback} Try again, or ? for a hint.")

    # -- review ---------------------------------------------------------------------------

    def review(self) -> None:
        """Ask the questions due for review."""
        run = review_run(self.catalog, self.store, seed=self.seed)
        if not run.slots:
            self.say("\nNothing to review right now.")
            return
        count = len(run.slots)
        self.say(f"\nReview: {count} question{'s' if count != 1 else ''} you got wrong before.")
        while not run.finished:
            self.say(f"(from {run.slot.level.title})")
            if not self.ask_one(run):
                return
            run.advance()
        self.say("\nReview done.")


PLAIN_HELP = """\
Type a level's number to play it. In a level, type your answer and press Enter.
? or hint shows a hint (each costs a star), map goes back to the list, quit leaves.
Answers: 2x, x^2, sqrt(x), e^x, ln(x), oo for infinity, DNE, [1, 2] for a vector."""
