"""The verdict on one response, and the error a broken answer spec raises.

Both are light (no SymPy, no NumPy) because the game process holds verdicts that come back
from the grading worker, and `calcquest grade --batch` turns them into JSON lines.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from calcquest.errors import CalcquestError


@dataclass(frozen=True)
class Verdict:
    """What the checker decided about one response, and what to tell the player.

    `counted` is False when the response could not be read (or was empty, or took too long):
    the game does not count it as an attempt, so a typo never costs a life.
    """

    correct: bool
    """True when the response is right."""
    counted: bool
    """False when the response was unreadable, empty, or could not be checked in time."""
    error: str | None = None
    """Why the response could not be judged (a parse message, a limit, a timeout)."""
    interpreted: str | None = None
    """One line saying how the response was read, e.g. `2*x*cos(x^2)`."""
    feedback: str | None = None
    """Why it is right, an author's or a built-in rule's message, or a counterexample: plain
    sentences with no "Correct" / "Not quite" headline (each front end prints its own)."""
    mistake: str | None = None
    """Which rule explained a wrong answer: "author", "sign", "constant_factor", ..."""
    ms: float = 0.0
    """Wall time of this grading in milliseconds."""

    def with_ms(self, ms: float) -> Verdict:
        """The same verdict carrying the measured wall time."""
        return replace(self, ms=round(ms, 3))

    def as_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return asdict(self)


def unreadable(error: str, *, interpreted: str | None = None) -> Verdict:
    """A verdict for input that could not be judged; it costs the player nothing."""
    return Verdict(correct=False, counted=False, error=error, interpreted=interpreted)


def sentence(message: str, next_step: str | None = None) -> str:
    """A short message ("unclosed parenthesis at column 7") as the sentence a player reads,
    followed by its next step when there is one: "Unclosed parenthesis at column 7. Add
    the missing ')'." A step in brackets is a note for developers and is left out."""
    text = message.strip()
    text = text[:1].upper() + text[1:]
    if not text.endswith((".", "!", "?")):
        text += "."
    step = (next_step or "").strip()
    return f"{text} {step}" if step and not step.startswith("(") else text


def broken_spec(error: SpecError) -> Verdict:
    """The not-counted verdict for a question whose own answer key cannot be used."""
    return unreadable(sentence(f"This question's answer key has a problem: {error.message}"))


class SpecError(CalcquestError):
    """An answer spec that cannot be used: a bad field, or an `expected` that cannot be read.

    This is the author's problem, never the player's; `calcquest check` reports it with the
    level file, and a grading call turns it into a not-counted verdict.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__("Answer spec problem", message, hint)
