"""The floor for any Textual program: an app that draws one line. Start-up is compared to it."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App):
    """One Static line, nothing else."""

    def compose(self) -> ComposeResult:
        yield Static("bare textual app ready")


if __name__ == "__main__":
    BareApp().run()
