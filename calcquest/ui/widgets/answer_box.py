"""The answer box and the live preview under it, which shows how the input is being read.

Showing the reading before grading (as STACK does) catches `2x^2` vs `(2x)^2` slips before
they cost a try. `?` asks for a hint instead of being typed, because `?` is never part of an answer and the
player's hands are already on the keyboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.binding import BindingsMap, NoBinding
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from calcquest.ui.messages import HintRequested

if TYPE_CHECKING:
    from calcquest.grading.spec import AnswerSpec

#: The most lines of typeset preview shown; taller readings are shown on one line.
PRETTY_LINES = 3

#: Names a learner may use for an arbitrary constant (antiderivatives, general ODE solutions).
CONSTANT_NAMES = ("C", "C1", "C2", "C3", "K")


def preview_names(spec: AnswerSpec) -> dict[str, Any]:
    """The keyword arguments `interpret` needs to read answers to this spec."""
    variables = list(spec.var_names())
    constants: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    if spec.kind in ("antiderivative", "ode_solution"):
        constants = tuple(n for n in CONSTANT_NAMES if n not in variables)
    if spec.kind == "ode_solution":
        functions = (spec.func,)
        if spec.var not in variables:
            variables.append(spec.var)
    keys = tuple(spec.options) if spec.kind == "choice" else ()
    return {
        "variables": tuple(variables),
        "constants": constants,
        "functions": functions,
        "choice_keys": keys,
    }


class AnswerBox(Input):
    """Where the player types an answer; Enter submits, `?` asks for a hint.

    Its cursor does not blink: blinking redrew the box twice a second for as long as a player
    sat in a level, 0.6 % of a core and ~0.9 KB/s each, which on a host serving hundreds of
    players over SSH added up to whole cores and megabits of nothing."""

    _replaceable: Selection | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cursor_blink = False

    def replace_on_typing(self) -> None:
        """Select the whole answer, so typing replaces it and an arrow key keeps it to edit
        (after a wrong answer)."""
        self.select_all()
        self._replaceable = self.selection

    def action_copy(self) -> None:
        """Copy what the player selected. The selection `replace_on_typing` made is not
        theirs: ctrl+c then says how to quit, as it does everywhere else in the game."""
        if self.selection == self._replaceable:
            raise SkipAction()
        super().action_copy()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """`?` is never part of an answer, so the footer can offer it as the hint key."""
        return character != "?" and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "?":
            event.stop()
            event.prevent_default()
            self.post_message(HintRequested())
            return
        if await self._run_own_binding(event):
            return
        await super()._on_key(event)

    async def _run_own_binding(self, event: events.Key) -> bool:
        """Run the box's own binding for this key (backspace, ctrl+u, ←, Enter...) now, in
        typing order. Textual runs a widget's bindings once the key has bubbled up to the App,
        after the keys that followed it were typed: when keys arrive together (a paste, or a
        burst over a slow SSH link) "abc⌫d" read as "abc" and ctrl+u also wiped what was typed
        after it. True when the key was handled here."""
        try:
            bindings = _EDITING_KEYS.get_bindings_for_key(event.key)
        except NoBinding:
            return False
        for binding in bindings:
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return True
        return False


#: The answer box's own keys: Textual's Input bindings, which it keeps.
_EDITING_KEYS = BindingsMap(AnswerBox.BINDINGS)


class AnswerPreview(Static):
    """One or two lines under the answer box: how the input reads, or why it cannot be read."""

    def show_reading(self, text: str, pretty: str | None = None) -> None:
        """The input parsed: show it typeset (up to 3 lines, if it fits), else on one line."""
        self.set_classes("ok")
        label = "reads as  "
        lines = (pretty or "").rstrip("\n").split("\n")
        room = self.size.width - len(label) - 2
        if not pretty or len(lines) > PRETTY_LINES or max(map(len, lines)) > room:
            lines = [text]
        indented = [label + lines[0]] + [" " * len(label) + line for line in lines[1:]]
        self.update(Text("\n".join(indented)))

    def show_problem(self, message: str) -> None:
        """The input cannot be read (yet); say why, gently, without blocking typing."""
        self.set_classes("problem")
        self.update(Text(f"? {message}"))

    def show_status(self, message: str) -> None:
        """A neutral line: the empty-box tip, or "checking..." while grading."""
        self.set_classes("status")
        self.update(Text(message))
