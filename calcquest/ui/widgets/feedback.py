"""The feedback panel: what the game says after Enter.

Right answers get "Correct" and the reason it is right; wrong ones get "Not quite" with the
author's feedback for that mistake (or the grader's counterexample), and how the answer was read
when that differs from what was typed; unreadable ones get the reading problem and a note that
the try was not counted. What to press next is said under the answer box, which never scrolls
away. Text is never parsed as markup: it holds the player's own input and authors' brackets,
such as `[[p, q], [r, s]]`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from calcquest.grading import Verdict


class FeedbackPanel(Static):
    """A few lines of verdict; its CSS class (right, wrong, unread) picks the colour."""

    def show_verdict(self, verdict: Verdict, why: str | None, typed: str) -> None:
        """Render the verdict on the answer `typed`."""
        said = _without_headline(verdict.feedback or "")
        if not verdict.counted:
            self._show("unread", "Can't read that yet", verdict.error or "", "Not counted.")
        elif verdict.correct:
            self._show("right", "✓ Correct", why or said, "")
        else:
            feedback = said or "That is not equal to the answer."
            self._show("wrong", "✗ Not quite", feedback + _reading(verdict, typed), "")

    def show_note(self, text: str) -> None:
        """A plain line, e.g. "No more hints for this question."."""
        self._show("note", "", text, "")

    def clear(self) -> None:
        """Nothing to say yet."""
        self.set_classes("")
        self.update("")

    def _show(self, kind: str, title: str, body: str, step: str) -> None:
        self.set_classes(kind)
        parts: list[str | tuple[str, str]] = []
        if title:
            parts += [(title, "bold"), "\n"]
        parts.append(body.strip())
        if step:
            parts += ["\n", (step, "dim")]
        self.update(Text.assemble(*parts))


def _reading(verdict: Verdict, typed: str) -> str:
    """The "Read as ..." line, when the grader read the answer differently from how it was typed
    (`2x^2` as `2*x^2`, `1/4^6` as `1/4096`); nothing for a plain `b` or `3`."""
    read = verdict.interpreted
    if not read or read.replace(" ", "") == typed.replace(" ", ""):
        return ""
    return f"\nRead as {read}."


def _without_headline(feedback: str) -> str:
    """The grader's feedback without a leading "Correct." / "Not quite:" (we say it above)."""
    for headline in ("Correct", "Not quite"):
        if feedback.startswith(headline):
            rest = feedback[len(headline) :].lstrip(" .:;,—-")
            return rest[:1].upper() + rest[1:]
    return feedback
