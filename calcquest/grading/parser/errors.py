"""The error an unreadable answer raises: short, kind, and pointing at a column.

It is a `CalcquestError`, so the CLI and UI show it like every other problem a person can fix;
the grader turns it into a verdict that does not count as an attempt.
"""

from __future__ import annotations

from calcquest.errors import CalcquestError


class AnswerSyntaxError(CalcquestError):
    """An answer that cannot be read; `column` (1-based) points at the trouble when known."""

    def __init__(self, message: str, column: int | None = None, hint: str | None = None) -> None:
        super().__init__("Can't read that answer", message, hint)
        self.column = column


def quote(text: str, limit: int) -> str:
    """Shorten source text for a message, so a hostile line never floods the screen."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."
