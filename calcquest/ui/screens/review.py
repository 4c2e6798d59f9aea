"""Review: questions answered wrong come back, days later, with fresh random numbers."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from calcquest.ui.messages import QuestionChanged, RunFinished, ShowMap
from calcquest.ui.widgets.question_panel import QuestionPanel

if TYPE_CHECKING:
    from calcquest.progress import ProgressStore
    from calcquest.progress.session import Run


def next_due_text(store: ProgressStore) -> str:
    """When the next scheduled question comes back, in words."""
    scheduled = store.scheduled_reviews()
    if not scheduled:
        return "Nothing is scheduled: questions you answer wrong come back here a day later."
    days = max(0.0, (scheduled[0].due_at - store.now()) / 86_400)
    when = "in under a day" if days < 1 else f"in {round(days)} days"
    count = len(scheduled)
    questions = "1 question is" if count == 1 else f"{count} questions are"
    return f"{questions} scheduled; the next one is due {when}."


class ReviewScreen(Screen):
    """Answer the questions due for review; each right answer spaces it further out."""

    CSS_PATH = "review.tcss"
    AUTO_FOCUS = "AnswerBox"
    BINDINGS = [
        Binding("escape", "back", "Map"),
        Binding("question_mark", "hint", "Hint"),
        Binding("f1", "app.help", "Help"),
    ]

    def __init__(self, run: Run, store: ProgressStore) -> None:
        super().__init__()
        self.run = run
        self.store = store
        self._started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        if self.run.slots:
            yield QuestionPanel(self.run, show_level=True, id="questions")
        else:
            text = f"[b]Nothing to review right now.[/b]\n\n{next_due_text(self.store)}"
            yield Static(text + "\n\n[dim]Escape: back to the map[/dim]", id="nothing")
        yield Footer()

    def on_mount(self) -> None:
        self._title(0)
        if self.run.slots:
            self.query_one(QuestionPanel).focus_answer()

    def _title(self, position: int) -> None:
        total = len(self.run.slots)
        where = f" · question {min(position + 1, total)} of {total}" if total else ""
        self.query_one("#review-title", Static).update(f"[b]Review[/b]{where}")

    def on_question_changed(self, message: QuestionChanged) -> None:
        self._title(message.position)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No hint key when there is nothing to review."""
        if action == "hint" and not self.run.slots:
            return False
        return True

    @on(RunFinished)
    def _finished(self, message: RunFinished) -> None:
        message.stop()
        self.notify(f"Review done. {next_due_text(self.store)}", timeout=6)
        self.post_message(ShowMap())

    def action_back(self) -> None:
        """Back to the map; answers given so far are saved."""
        self.post_message(ShowMap())

    def action_hint(self) -> None:
        """Reveal the next hint (review has no stars to lose)."""
        if self.run.slots:
            self.query_one(QuestionPanel).reveal_hint()
