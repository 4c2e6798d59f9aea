"""What is wrong with a level file, said the way an author can act on it.

A `Problem` is one finding with its place (`path:line:col`), the field it concerns
(`questions[0].answer.kind`) and a message. `LevelFileError` carries every problem found in a
file, or in a folder, so an author fixes them all in one pass instead of one per run.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from calcquest.errors import CalcquestError

#: A place in a document: field names and list indices from the root, e.g. ("questions", 0).
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a level or world file, at a line and column (both 1-based)."""

    path: Path | str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class LevelFileError(CalcquestError):
    """A level, world or folder of levels that cannot be used as written; `.problems` has all."""

    def __init__(self, problems: Sequence[Problem], what: str | None = None) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        what = what or (str(first.path) if first else "the level files")
        count = len(self.problems)
        listing = "\n".join(str(p) for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(
            "Level file error",
            f"{count} {noun} in {what}:\n{listing}",
            "Fix the lines above, then run `calcquest validate` on the file again.",
        )


class UnknownIdError(CalcquestError, KeyError):
    """A world or level id that is not in the catalog (or the map index)."""

    def __str__(self) -> str:
        return CalcquestError.__str__(self)


def unknown_id(what: str, ident: str, known: Iterable[str]) -> UnknownIdError:
    """The error for a missing world or level id, naming a close one if there is one."""
    return UnknownIdError(
        f"Unknown {what}",
        f"there is no {what} '{ident}'{did_you_mean(ident, known)}",
        "`calcquest list` shows every world and level id.",
    )


def format_field(path: FieldPath) -> str:
    """`("questions", 0, "answer", "kind")` -> `questions[0].answer.kind`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'expression'?)` when a candidate is close to `word`, else ``."""
    close = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then line, then column; exact repeats dropped."""
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (str(p.path), p.line, p.column, p.field, p.message))
