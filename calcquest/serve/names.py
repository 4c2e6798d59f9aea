"""Player names as SSH user names: what is allowed, and what to suggest instead.

The SSH user name becomes the player name, is shown on screen and is passed to the game as an
argument, so it is kept to a small, boring alphabet. Rejecting early with a concrete example
beats a player discovering later that `Ana.B` and `ana.b` are different people.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: 1-32 characters: lowercase letters, digits, `-` and `_`, starting with a letter or digit
#: (so a name never looks like a command-line option).
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
MAX_NAME_LENGTH = 32


def is_valid_player_name(name: str) -> bool:
    """Whether `name` may be used as a player name (and so as an SSH user name)."""
    return NAME_PATTERN.fullmatch(name) is not None


def tidy_name(name: str) -> str:
    """A valid name close to `name` (lowercased, other characters dropped), for suggestions."""
    kept = re.sub(r"[^a-z0-9_-]", "", name.lower()).lstrip("-_")
    return kept[:MAX_NAME_LENGTH] or "player"


def suggest_free_name(name: str, is_taken: Callable[[str], bool]) -> str:
    """The first of `name2`, `name3`, ... that `is_taken` says is free (always a valid name)."""
    base = tidy_name(name)
    for number in range(2, 10_000):
        suffix = str(number)
        candidate = base[: MAX_NAME_LENGTH - len(suffix)] + suffix
        if not is_taken(candidate):
            return candidate
    return base[: MAX_NAME_LENGTH - 6] + "-guest"
