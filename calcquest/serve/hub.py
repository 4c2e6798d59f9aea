"""Server-wide state shared by every connection: who may play, how many, and what it cost.

Sessions ask the hub whether they may start (`admit`), tell it when they open and close, and
hand it their numbers at the end; the hub logs one `session-end` line per session and keeps
the records for benchmarks. Admission checks run in a fixed order so nothing is bound or
started for a request that will be refused anyway: command? valid name? terminal? room?
then, last, the key that owns the name.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from calcquest.serve import messages
from calcquest.serve.config import ServeConfig
from calcquest.serve.launcher import Launcher
from calcquest.serve.names import is_valid_player_name, suggest_free_name, tidy_name
from calcquest.serve.registry import KeyRegistry
from calcquest.serve.stats import SessionStats

if TYPE_CHECKING:
    from calcquest.serve.session import GameSession

log = logging.getLogger("calcquest.serve")

#: How many finished sessions the hub remembers for `finished_sessions()`.
FINISHED_KEPT = 10_000


@dataclass(frozen=True)
class Visitor:
    """One authenticated connection: the user name it asked for and the key it proved."""

    name: str
    fingerprint: str
    public_key: str
    where: messages.Where
    peer: str


class Hub:
    """Admission, the live session count and the statistics of one running server."""

    def __init__(self, config: ServeConfig, registry: KeyRegistry, launcher: Launcher) -> None:
        self.config = config
        self.registry = registry
        self.launcher = launcher
        #: Environment every game gets from the server (set once the server is up).
        self.server_env: dict[str, str] = {}
        self.active: set[GameSession] = set()
        self.finished: deque[SessionStats] = deque(maxlen=FINISHED_KEPT)

    def admit(self, visitor: Visitor, *, has_pty: bool, command: str | None) -> str | None:
        """None when `visitor` may play now, else the one-line reason to show them."""
        name, where = visitor.name, visitor.where
        shown = name if is_valid_player_name(name) else tidy_name(name)
        if command is not None:
            return messages.no_commands(where, shown)
        if not is_valid_player_name(name):
            return messages.bad_name(where, name, shown)
        if not has_pty:
            return messages.no_terminal(where, name)
        if len(self.active) >= self.config.max_sessions:
            return messages.server_full(self.config.max_sessions)
        claim = self.registry.claim(name, visitor.fingerprint, visitor.public_key)
        if not claim.allowed:
            other = suggest_free_name(name, self.registry.is_taken)
            return messages.name_taken(where, name, other, visitor.fingerprint)
        if claim.first_visit:
            log.info("bound player=%s key=%s peer=%s", name, visitor.fingerprint, visitor.peer)
        return None

    def refused(self, visitor: Visitor, reason: str) -> None:
        """Log a refusal (the visitor has been told why)."""
        log.info("refused player=%s peer=%s reason=%r", visitor.name, visitor.peer, reason)

    def opened(self, session: GameSession) -> None:
        """Count a session that is starting its game."""
        self.active.add(session)
        log.info("session-start player=%s active=%d", session.player, len(self.active))

    def closed(self, session: GameSession, stats: SessionStats) -> None:
        """Forget a finished session and log what it cost."""
        self.active.discard(session)
        self.finished.append(stats)
        log.info("%s active=%d", stats.log_line(), len(self.active))

    def session_stats(self) -> list[SessionStats]:
        """Numbers for every live session, then every finished one (for benchmarks)."""
        return [session.stats for session in self.active] + list(self.finished)
