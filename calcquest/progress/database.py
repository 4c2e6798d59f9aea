"""Opening the progress database safely: WAL, busy timeout, migrations, corruption recovery.

Progress must never wedge the game. A file that SQLite cannot read is moved aside as
`progress.db.corrupt-<timestamp>` (with its -wal/-shm companions) and a fresh database starts,
so the player keeps playing and can still hand the backup to someone who can rescue it.
Schema changes are numbered migrations tracked with `PRAGMA user_version`.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from calcquest.errors import CalcquestError

#: The database file name inside the data directory.
DB_NAME = "progress.db"

#: How long a write waits for another game holding the lock before giving up (ms).
BUSY_TIMEOUT_MS = 10_000

#: Schema migrations; migration N (0-based) brings user_version from N to N + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        player TEXT NOT NULL DEFAULT 'me',
        level_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        seed INTEGER NOT NULL,
        params TEXT NOT NULL DEFAULT '{}',
        response TEXT NOT NULL,
        correct INTEGER NOT NULL,
        hints_used INTEGER NOT NULL DEFAULT 0,
        mistake TEXT,
        mode TEXT NOT NULL DEFAULT 'play',
        created_at REAL NOT NULL
    );
    CREATE INDEX attempts_by_level ON attempts (player, level_id, question_id);
    CREATE TABLE completions (
        player TEXT NOT NULL DEFAULT 'me',
        level_id TEXT NOT NULL,
        stars INTEGER NOT NULL,
        xp INTEGER NOT NULL,
        first_done_at REAL NOT NULL,
        last_done_at REAL NOT NULL,
        PRIMARY KEY (player, level_id)
    );
    CREATE TABLE hint_uses (
        id INTEGER PRIMARY KEY,
        player TEXT NOT NULL DEFAULT 'me',
        level_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        seed INTEGER NOT NULL,
        hint_index INTEGER NOT NULL,
        created_at REAL NOT NULL
    );
    CREATE TABLE settings (
        player TEXT NOT NULL DEFAULT 'me',
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (player, key)
    );
    CREATE TABLE reviews (
        player TEXT NOT NULL DEFAULT 'me',
        level_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        box INTEGER NOT NULL,
        due_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        PRIMARY KEY (player, level_id, question_id)
    );
    """,
)


def open_database(data_dir: Path) -> tuple[sqlite3.Connection, Path | None]:
    """Open (creating, migrating or recovering) the database in `data_dir`.

    Returns the connection and, when the old file was unreadable, where it was moved to.
    """
    path = Path(data_dir) / DB_NAME
    _ensure_dir(Path(data_dir))
    try:
        return _open_checked(path), None
    except sqlite3.DatabaseError:
        backup = _move_aside(path)
        return _open_checked(path), backup


def _ensure_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CalcquestError(
            "Cannot save progress",
            f"the data directory {data_dir} cannot be created ({exc.strerror}).",
            "Pass --data-dir DIR (or set CALCQUEST_DATA_DIR) to a folder you can write to.",
        ) from exc


def _open_checked(path: Path) -> sqlite3.Connection:
    """Connect, configure and verify; raise sqlite3.DatabaseError if the file is unreadable."""
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    except sqlite3.OperationalError as exc:
        raise _unwritable(path, exc) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {verdict}")
        _migrate(conn, path)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise _busy(path) from exc
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise _unwritable(path, exc) from exc
        raise sqlite3.DatabaseError(str(exc)) from exc
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations this file has not seen yet, each in its own transaction.

    The version is re-read inside each write transaction, so two games opening a fresh file
    at the same moment never apply the same migration twice.
    """
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= len(MIGRATIONS):
                conn.execute("COMMIT")
                break
            # executescript would commit first; run the statements one by one instead.
            for statement in MIGRATIONS[version].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if version > len(MIGRATIONS):
        conn.close()
        raise CalcquestError(
            "Progress from a newer calcquest",
            f"{path} has schema version {version}; this calcquest reads up to {len(MIGRATIONS)}.",
            "Upgrade calcquest (pip install -U calcquest) or use another --data-dir.",
        )


def _move_aside(path: Path) -> Path:
    """Rename an unreadable database (and its WAL files) to a timestamped backup."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while backup.exists():
        backup = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    path.replace(backup)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(backup.with_name(backup.name + suffix))
    return backup


def _unwritable(path: Path, exc: Exception) -> CalcquestError:
    return CalcquestError(
        "Cannot save progress",
        f"{path} cannot be opened for writing ({exc}).",
        "Pass --data-dir DIR (or set CALCQUEST_DATA_DIR) to a folder you can write to.",
    )


def _busy(path: Path) -> CalcquestError:
    return CalcquestError(
        "Progress is busy",
        f"{path} stayed locked by another calcquest for {BUSY_TIMEOUT_MS // 1000} s.",
        "Close the other game, or wait a moment and start again.",
    )
