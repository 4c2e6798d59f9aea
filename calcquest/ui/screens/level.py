"""A level: the lesson on the left; the scene, the question and the answer box on the right.

The answer box has focus when the level opens, so a newcomer can read and type at once;
PageUp/PageDown scroll the lesson without leaving the box. A locked level opens read-only:
the lesson and scene are there to peek at, the questions wait until it unlocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from calcquest.progress import Settings, star_text
from calcquest.ui.messages import OpenLevel, QuestionChanged, RunFinished, ShowMap
from calcquest.ui.widgets.lesson import LessonMarkdown
from calcquest.ui.widgets.question_panel import QuestionPanel
from calcquest.ui.widgets.scene_view import SceneView

if TYPE_CHECKING:
    from calcquest.levels import Catalog
    from calcquest.levels.schema import Level
    from calcquest.progress.session import LevelResult, LevelRun
    from calcquest.scenes import Scene


class LevelScreen(Screen):
    """Read the lesson, watch the scene, answer the questions."""

    CSS_PATH = "level.tcss"
    AUTO_FOCUS = "AnswerBox"
    BINDINGS = [
        Binding("escape", "back", "Map"),
        Binding("question_mark", "hint", "Hint (−1 star)"),
        Binding("h", "hint", "Hint", show=False),
        Binding("pageup", "lesson(-1)", "Lesson ↑", show=False, priority=True),
        Binding("pagedown", "lesson(1)", "Lesson ↓", priority=True),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(
        self, level: Level, catalog: Catalog, run: LevelRun | None, settings: Settings
    ) -> None:
        super().__init__()
        self.level = level
        self.catalog = catalog
        self.run = run
        self.reduced_motion = settings.reduced_motion
        self.color = False if settings.colour == "none" else None

    def compose(self) -> ComposeResult:
        yield Static(id="level-title")
        with Horizontal(id="level-body"):
            with VerticalScroll(id="lesson"):
                yield LessonMarkdown(self.level.lesson, id="lesson-text")
            with Vertical(id="side"):
                if self.level.scene is not None:
                    with Vertical(id="scene"):
                        if self.level.scene.title:
                            yield Static(Text(self.level.scene.title), id="scene-title")
                        yield SceneView(reduced_motion=self.reduced_motion, color=self.color)
                if self.run is not None:
                    yield QuestionPanel(self.run, id="questions")
                else:
                    yield Static(self._locked_text(), id="locked")
        yield Footer()

    def on_mount(self) -> None:
        self._title(0, len(self.level.questions), 3)
        if self.run is not None:
            self.query_one(QuestionPanel).focus_answer()
        if self.level.scene is not None:
            self._start_scene(self.run.seed if self.run is not None else 0)

    def _locked_text(self) -> Text:
        needs = [lvl.title for lvl in self.catalog.levels if lvl.id in self.level.requires]
        first = f" Finish {', '.join(needs)} to unlock it." if needs else ""
        return Text.assemble(
            ("This level is locked.", "bold"),
            "\n\nYou can read the lesson; its questions open when the level unlocks." + first,
            ("\n\nEscape: back to the map", "dim"),
        )

    def _title(self, position: int, total: int, stars: int) -> None:
        world = self.catalog.world(self.level.world).title
        status = f"Q {min(position + 1, total)}/{total}  {star_text(stars)}" if self.run else "peek"
        title = Text.assemble(f"{world} › ", (self.level.title, "bold"), ("  ·  ", "dim"), status)
        self.query_one("#level-title", Static).update(title)

    def on_question_changed(self, message: QuestionChanged) -> None:
        self._title(message.position, message.total, message.stars)

    def _start_scene(self, seed: int) -> None:
        level = self.level

        def build() -> Scene:
            from calcquest.levels import instantiate_scene
            from calcquest.scenes import scene_from_spec

            return scene_from_spec(instantiate_scene(level, seed))

        self.query_one(SceneView).load(build)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No hint key while peeking at a locked level: there are no questions to help with."""
        if action == "hint" and self.run is None:
            return False
        return True

    # -- actions --------------------------------------------------------------------------

    def action_back(self) -> None:
        """Back to the map (progress is already saved)."""
        self.post_message(ShowMap())

    def action_hint(self) -> None:
        """Reveal the next hint of the current question."""
        if self.run is not None:
            self.query_one(QuestionPanel).reveal_hint()

    def action_lesson(self, pages: int) -> None:
        """Scroll the lesson by a page, wherever the focus is."""
        lesson = self.query_one("#lesson", VerticalScroll)
        (lesson.scroll_page_down if pages > 0 else lesson.scroll_page_up)()

    @on(RunFinished)
    def _finished(self, message: RunFinished) -> None:
        from calcquest.ui.screens.complete import CompleteScreen

        message.stop()
        assert self.run is not None
        result: LevelResult = self.run.complete(self.catalog)
        complete = CompleteScreen(self.level, result, self.catalog)
        self.app.push_screen(complete, lambda chosen: self._after(chosen, result.next_level_id))

    def _after(self, chosen: str | None, next_level: str | None) -> None:
        """Play the level chosen on the complete screen, or go to the map with the next level
        selected, so Enter there moves on rather than replaying the level just finished."""
        if chosen:
            self.post_message(OpenLevel(chosen))
        else:
            self.post_message(ShowMap(select=next_level))
