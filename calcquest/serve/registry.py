"""Which public key owns which player name: the server's small identity registry.

On a first visit a name is bound to the key that connected; from then on only that key plays
under the name. The binding lives in SQLite in the data directory so a claim is one atomic
statement even when two connections race for the same new name (or two servers share the
directory). A damaged registry stops the server instead of being replaced: starting afresh
would let anyone claim everybody's name.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from calcquest.errors import CalcquestError

REGISTRY_FILE = "ssh-players.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS players (
    name TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    public_key TEXT NOT NULL,
    bound_at TEXT NOT NULL,
    last_seen TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Claim:
    """The answer to "may this key play as this name?"."""

    allowed: bool
    first_visit: bool
    owner_fingerprint: str


@dataclass(frozen=True)
class Binding:
    """One row of the registry, for `calcquest serve --list-players` and tests."""

    name: str
    fingerprint: str
    bound_at: str
    last_seen: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _make_private(path: Path) -> None:
    """Owner-only registry files. SQLite gives its `-wal` and `-shm` files the database
    file's mode, so the file is created 0600 before SQLite opens it (opened first, the
    write-ahead log holding every binding came out world-readable)."""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            companion.chmod(0o600)


class KeyRegistry:
    """Name-to-key bindings in `DATA_DIR/ssh-players.sqlite`."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / REGISTRY_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _make_private(self.path)
        try:
            self._db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise CalcquestError(
                "Player registry unreadable",
                f"{self.path} could not be opened ({exc}).",
                "Restore it from a backup, or move it aside to start afresh "
                "(every player name can then be claimed again by any key).",
            ) from exc

    def claim(self, name: str, fingerprint: str, public_key: str) -> Claim:
        """Bind `name` to the key if it is free; say whether this key may play as `name`."""
        now = _now()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            inserted = self._db.execute(
                "INSERT OR IGNORE INTO players VALUES (?, ?, ?, ?, ?)",
                (name, fingerprint, public_key, now, now),
            ).rowcount
            (owner,) = self._db.execute(
                "SELECT fingerprint FROM players WHERE name = ?", (name,)
            ).fetchone()
            if owner == fingerprint:
                self._db.execute("UPDATE players SET last_seen = ? WHERE name = ?", (now, name))
        return Claim(
            allowed=owner == fingerprint, first_visit=inserted == 1, owner_fingerprint=owner
        )

    def owner_of(self, name: str) -> str | None:
        """The fingerprint of the key that owns `name`, or None while it is free."""
        row = self._db.execute("SELECT fingerprint FROM players WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def is_taken(self, name: str) -> bool:
        """Whether some key already owns `name`."""
        return self.owner_of(name) is not None

    def release(self, name: str) -> bool:
        """Free `name` (e.g. a learner lost their key); True when it was bound."""
        with self._db:
            return self._db.execute("DELETE FROM players WHERE name = ?", (name,)).rowcount == 1

    def bindings(self) -> list[Binding]:
        """Every binding, by name."""
        rows = self._db.execute(
            "SELECT name, fingerprint, bound_at, last_seen FROM players ORDER BY name"
        )
        return [Binding(*row) for row in rows]

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()
