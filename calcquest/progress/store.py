"""The progress store: every attempt, completion, hint and setting of a player, in SQLite.

Each answer is written in its own transaction before the game shows the verdict, so killing
the game loses at most the answer being typed. Rows are keyed by player, level id and question
id (never by positions), so reordering levels or questions keeps progress. Several games of
the same player, or many players of one `calcquest serve`, can share one file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from calcquest.progress import review, transfer
from calcquest.progress.database import DB_NAME, open_database
from calcquest.progress.history import QuestionHistory, level_history
from calcquest.progress.review import ReviewItem
from calcquest.progress.settings import Settings

Clock = Callable[[], float]


@dataclass(frozen=True)
class Completion:
    """A finished level: its best stars and XP, and when it was first and last finished."""

    level_id: str
    stars: int
    xp: int
    first_done_at: float
    last_done_at: float


class ProgressStore:
    """One player's view of the progress database. Safe to share between threads."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        player: str,
        recovered_from: Path | None,
        clock: Clock,
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._clock = clock
        self.path = path
        """The database file."""
        self.player = player
        """Whose rows this store reads and writes."""
        self.recovered_from = recovered_from
        """Where an unreadable database was moved, when this store had to start fresh."""

    @classmethod
    def open(cls, data_dir: Path, player: str = "me", *, clock: Clock = time.time) -> ProgressStore:
        """Open the store in `data_dir`, creating, migrating or recovering the database."""
        conn, recovered_from = open_database(Path(data_dir))
        path = Path(data_dir) / DB_NAME
        return cls(conn, path, player or "me", recovered_from, clock)

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def now(self) -> float:
        """The store's clock (injectable so tests can travel in time)."""
        return self._clock()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock at once (BEGIN IMMEDIATE) and commits."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query (the player filter is the caller's job)."""
        with self._lock:
            cursor = self._conn.execute(sql, args)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    # -- attempts and hints -------------------------------------------------------------

    def record_attempt(
        self,
        level_id: str,
        question_id: str,
        seed: int,
        params: dict[str, Any],
        response: str,
        correct: bool,
        hints_used: int = 0,
        *,
        mistake: str | None = None,
        mode: str = "play",
    ) -> int:
        """Store one graded answer and update the review schedule, in one transaction."""
        now = self.now()
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO attempts (player, level_id, question_id, seed, params, response,"
                " correct, hints_used, mistake, mode, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.player,
                    level_id,
                    question_id,
                    int(seed),
                    json.dumps(params, sort_keys=True, default=str),
                    response,
                    int(bool(correct)),
                    int(hints_used),
                    mistake,
                    mode,
                    now,
                ),
            )
            self._reschedule(conn, level_id, question_id, correct, mode, now)
            return int(cursor.lastrowid or 0)

    def _reschedule(
        self,
        conn: sqlite3.Connection,
        level_id: str,
        question_id: str,
        correct: bool,
        mode: str,
        now: float,
    ) -> None:
        key = (self.player, level_id, question_id)
        row = conn.execute(
            "SELECT box FROM reviews WHERE player = ? AND level_id = ? AND question_id = ?", key
        ).fetchone()
        if correct and mode != "review":
            return
        move = review.after_answer(row[0] if row else None, correct, now)
        if move is None:
            conn.execute(
                "DELETE FROM reviews WHERE player = ? AND level_id = ? AND question_id = ?", key
            )
            return
        conn.execute(
            "INSERT OR REPLACE INTO reviews (player, level_id, question_id, box, due_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (*key, move[0], move[1], now),
        )

    def record_hint(self, level_id: str, question_id: str, seed: int, hint_index: int) -> None:
        """Store that a hint was shown (hints cost stars, so they must survive a crash)."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO hint_uses (player, level_id, question_id, seed, hint_index,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (self.player, level_id, question_id, int(seed), hint_index, self.now()),
            )

    def attempt_count(self, level_id: str | None = None) -> int:
        """How many answers were graded, for one level or all."""
        sql = "SELECT COUNT(*) FROM attempts WHERE player = ?"
        args: tuple[Any, ...] = (self.player,)
        if level_id is not None:
            sql, args = sql + " AND level_id = ?", (*args, level_id)
        return int(self.query(sql, args)[0][0])

    def attempts(self, level_id: str | None = None) -> list[dict[str, Any]]:
        """Every stored attempt (oldest first), as plain dicts."""
        sql = "SELECT * FROM attempts WHERE player = ?"
        args: tuple[Any, ...] = (self.player,)
        if level_id is not None:
            sql, args = sql + " AND level_id = ?", (*args, level_id)
        rows = self.query(sql + " ORDER BY id", args)
        return [{**dict(row), "params": json.loads(row["params"])} for row in rows]

    def level_history(self, level_id: str) -> dict[str, QuestionHistory]:
        """Per question, what happened in play since the level was last reset."""
        return level_history(self, level_id)

    # -- completions --------------------------------------------------------------------

    def finish_level(self, level_id: str, stars: int, xp: int) -> Completion:
        """Record a finished level, keeping its best stars and XP. Returns the stored best."""
        now = self.now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO completions (player, level_id, stars, xp, first_done_at,"
                " last_done_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (player, level_id) DO"
                " UPDATE SET stars = max(stars, excluded.stars), xp = max(xp, excluded.xp),"
                " last_done_at = excluded.last_done_at",
                (self.player, level_id, int(stars), int(xp), now, now),
            )
        return self.completions()[level_id]

    def completions(self) -> dict[str, Completion]:
        """Every finished level of this player, by level id."""
        rows = self.query(
            "SELECT level_id, stars, xp, first_done_at, last_done_at FROM completions"
            " WHERE player = ?",
            (self.player,),
        )
        return {row["level_id"]: Completion(*row) for row in rows}

    def done_levels(self) -> set[str]:
        """Ids of the levels this player has finished."""
        return set(self.completions())

    def total_xp(self) -> int:
        """The sum of the best XP of every finished level."""
        rows = self.query("SELECT SUM(xp) FROM completions WHERE player = ?", (self.player,))
        return int(rows[0][0] or 0)

    # -- review schedule ----------------------------------------------------------------

    def scheduled_reviews(self) -> list[ReviewItem]:
        """Every question in the review schedule, soonest due first."""
        rows = self.query(
            "SELECT level_id, question_id, box, due_at FROM reviews WHERE player = ?"
            " ORDER BY due_at, level_id, question_id",
            (self.player,),
        )
        return [ReviewItem(*row) for row in rows]

    def due_reviews(self, now: float | None = None) -> list[ReviewItem]:
        """The questions due for review now (or at `now`)."""
        moment = self.now() if now is None else now
        return [item for item in self.scheduled_reviews() if item.is_due(moment)]

    # -- settings -----------------------------------------------------------------------

    def settings(self) -> Settings:
        """The player's display settings (defaults for anything never set)."""
        rows = self.query("SELECT key, value FROM settings WHERE player = ?", (self.player,))
        return Settings.from_dict({row["key"]: json.loads(row["value"]) for row in rows})

    def save_settings(self, settings: Settings) -> None:
        """Store every setting."""
        with self.transaction() as conn:
            for key, value in settings.to_dict().items():
                conn.execute(
                    "INSERT OR REPLACE INTO settings (player, key, value) VALUES (?, ?, ?)",
                    (self.player, key, json.dumps(value)),
                )

    # -- summary, export and import ----------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """Counts overall and per level: `{"attempts": N, "levels": {...}, "xp": X, ...}`."""
        return transfer.summarize(self)

    def export_data(self) -> dict[str, Any]:
        """Everything this player has, as JSON-ready data."""
        return transfer.export_data(self)

    def import_data(self, data: Any, *, source: str = "the import") -> int:
        """Merge exported data in (never lowering best scores); returns attempts added."""
        return transfer.import_data(self, data, source=source)

    # -- reset --------------------------------------------------------------------------

    def reset_level(self, level_id: str) -> None:
        """Forget everything about one level: attempts, hints, completion and reviews."""
        with self.transaction() as conn:
            for table in ("attempts", "hint_uses", "completions", "reviews"):
                conn.execute(
                    f"DELETE FROM {table} WHERE player = ? AND level_id = ?",  # noqa: S608
                    (self.player, level_id),
                )

    def reset_all(self) -> None:
        """Forget all of this player's progress (settings are kept)."""
        with self.transaction() as conn:
            for table in ("attempts", "hint_uses", "completions", "reviews"):
                conn.execute(f"DELETE FROM {table} WHERE player = ?", (self.player,))  # noqa: S608
