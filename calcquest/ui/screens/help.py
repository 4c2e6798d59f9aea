"""Help: every key on every screen, how to type answers, and how stars are earned."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HELP = """\
[b]Everywhere[/b]  ctrl+q quit (progress is saved) · esc back · f1 help
            ctrl+p command palette: every level and action by name
[b]Map[/b]         ↑ ↓ choose · enter play (a locked level: read its lesson)
            r review · s settings · x reset · pgup pgdn home end · q quit
[b]Level[/b]       type an answer, enter checks it; the line under the box
            shows how your answer reads before you send it
            ? (or the word hint) shows a hint; each hint costs a star
            after "Correct", enter moves on to the next question
            ↑ ↓ scroll the question · pgup pgdn scroll the lesson
            tab moves to the scene and back
[b]Scene[/b]       space pause · ← → step · r replay · \\[ ] and { } turn the
            controls · d describe the picture in words
[b]Answers[/b]     2x   x^2   sqrt(x)   e^x   ln(x)   sin x   |x|   pi
            oo (∞)   DNE   \\[1, 2]   \\[\\[1, 0], \\[0, 1]]   y = 2x + 1
            C (an arbitrary constant)   b (pick choice b)
[b]Stars[/b]       ★★★ = every question right the first time with no hints;
            each hint, and each question that needed another try,
            costs a star. Finishing always earns at least one.
[b]Review[/b]      questions you got wrong come back after 1, 3, 7, 14 days
"""


class HelpScreen(ModalScreen[None]):
    """Every key; Escape, F1 or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "calcquest help"
            dialog.border_subtitle = "escape closes"
            with VerticalScroll(id="help-body"):
                yield Static(HELP, id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Back to where help was opened."""
        self.dismiss(None)
