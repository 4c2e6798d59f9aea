"""Help: every key on every screen, how to type answers, and how stars are earned."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

HELP = """\
**Everywhere** · `ctrl+q` quit (progress is saved) · `escape` back · `f1` this help ·
`ctrl+p` command palette (levels and actions)

**Map** · `↑` `↓` choose a level · `enter` play it (a locked one shows its lesson) ·
`r` review questions due · `s` settings · `x` reset the level · `q` quit

**Level** · type an answer and press `enter`: a line under the box shows how it reads ·
`?` (or `hint` + `enter`) shows a hint, which costs a star ·
after *Correct*, `enter` moves on · `pgup` `pgdn` scroll the lesson ·
`tab` moves to the scene and back

**Scene** · `space` pause · `←` `→` step · `r` replay · `[` `]` turn the first control,
`{` `}` the second

**Typing answers** · `2x` · `x^2` · `sqrt(x)` · `e^x` · `ln(x)` · `sin x` · `|x|` · `pi` ·
`oo` for ∞ · `DNE` when a limit does not exist · `[1, 2]` a vector ·
`[[1, 0], [0, 1]]` a matrix · `y = 2x + 1` an equation · `C` an arbitrary constant ·
a letter picks a choice

**Stars** · ★★★ when every question is right the first time with no hints; each hint,
and each question that needed another try, costs one star (you always keep one).
Questions you get wrong come back in *review* after 1, 3, 7 and 14 days.
"""


class HelpScreen(ModalScreen[None]):
    """Every key; Escape, F1 or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,f1,q,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("calcquest help", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Markdown(HELP)
            yield Static("escape closes · ↑ ↓ scroll", id="help-foot")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        """Back to where help was opened."""
        self.dismiss(None)
