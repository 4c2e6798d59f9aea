"""A yes/no question before anything is deleted; dismisses with True only on an explicit yes."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmScreen(ModalScreen[bool]):
    """Ask `question`; `y` or the yes button confirms, `n`, Escape or No cancels."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Cancel"),
        Binding("y", "answer(True)", "Yes", show=False),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question", markup=False)
            with Horizontal(id="buttons"):
                yield Button(f"{self.no_label} (n)", id="no", variant="primary")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


def confirm_then(app: App, question: str, yes: str, action: Callable[[], None]) -> None:
    """Ask `question`; run `action` only when the player explicitly says yes."""

    def answered(answer: bool | None) -> None:
        if answer:
            action()

    app.push_screen(ConfirmScreen(question, yes=yes), answered)
