"""The one error type every part of calcquest raises for problems a person can cause.

A `CalcquestError` carries a short title, a message that names the concrete thing (a file and
line, a column, a limit) and, when there is one, the next step. The CLI prints it to stderr;
the UI shows it in a notification or dialog. Nobody ever sees a traceback for these.
"""

from __future__ import annotations


class CalcquestError(Exception):
    """A problem a person caused or can fix, with one voice: title, what, what next."""

    def __init__(self, title: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.title = title
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.title}: {self.message}"
        if self.hint:
            text += f"\n{self.hint}"
        return text
