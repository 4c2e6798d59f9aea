"""Progress as plain data: the summary `calcquest progress` prints, and JSON export/import.

Export writes everything one player has (attempts, hints, completions, reviews, settings) so it
can move to another machine or another player name; import merges it in without duplicating
what is already there and never lowers a level's best stars.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from calcquest.errors import CalcquestError

if TYPE_CHECKING:
    from calcquest.progress.store import ProgressStore

#: Marks a file as calcquest progress, and its version.
EXPORT_FORMAT = "calcquest-progress"
EXPORT_VERSION = 1

_ATTEMPT_FIELDS = (
    "level_id",
    "question_id",
    "seed",
    "params",
    "response",
    "correct",
    "hints_used",
    "mistake",
    "mode",
    "created_at",
)
_HINT_FIELDS = ("level_id", "question_id", "seed", "hint_index", "created_at")
_COMPLETION_FIELDS = ("level_id", "stars", "xp", "first_done_at", "last_done_at")
_REVIEW_FIELDS = ("level_id", "question_id", "box", "due_at", "updated_at")


def summarize(store: ProgressStore) -> dict[str, Any]:
    """Counts per level and overall: `{"attempts": N, "levels": {id: {...}}, ...}`."""
    levels: dict[str, dict[str, Any]] = {}
    rows = store.query(
        "SELECT level_id, COUNT(*) AS n, SUM(correct) AS right FROM attempts"
        " WHERE player = ? GROUP BY level_id",
        (store.player,),
    )
    for row in rows:
        levels[row["level_id"]] = _level_entry(int(row["n"]), int(row["right"] or 0))
    for level_id, done in store.completions().items():
        entry = levels.setdefault(level_id, _level_entry(0, 0))
        entry.update(done=True, stars=done.stars, xp=done.xp)
    return {
        "player": store.player,
        "attempts": sum(entry["attempts"] for entry in levels.values()),
        "correct": sum(entry["correct"] for entry in levels.values()),
        "levels_done": sum(1 for entry in levels.values() if entry["done"]),
        "xp": store.total_xp(),
        "review_due": len(store.due_reviews()),
        "review_scheduled": len(store.scheduled_reviews()),
        "levels": dict(sorted(levels.items())),
    }


def _level_entry(attempts: int, correct: int) -> dict[str, Any]:
    return {"done": False, "stars": 0, "xp": 0, "attempts": attempts, "correct": correct}


def export_data(store: ProgressStore) -> dict[str, Any]:
    """Everything the player has, as JSON-ready data."""
    player = (store.player,)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "player": store.player,
        "exported_at": store.now(),
        "settings": store.settings().to_dict(),
        "attempts": [
            {**dict(row), "params": json.loads(row["params"])}
            for row in store.query(_select("attempts", _ATTEMPT_FIELDS), player)
        ],
        "hints": [dict(row) for row in store.query(_select("hint_uses", _HINT_FIELDS), player)],
        "completions": [
            dict(row) for row in store.query(_select("completions", _COMPLETION_FIELDS), player)
        ],
        "reviews": [dict(row) for row in store.query(_select("reviews", _REVIEW_FIELDS), player)],
    }


def _select(table: str, fields: tuple[str, ...]) -> str:
    return f"SELECT {', '.join(fields)} FROM {table} WHERE player = ? ORDER BY rowid"  # noqa: S608


def export_file(store: ProgressStore, path: Path) -> int:
    """Write the export to `path`; returns how many attempts it holds."""
    data = export_data(store)
    try:
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise CalcquestError(
            "Cannot export", f"{path} cannot be written ({exc.strerror}).", "Pick another path."
        ) from exc
    return len(data["attempts"])


def import_file(store: ProgressStore, path: Path) -> int:
    """Merge an exported file into this player's progress; returns attempts added."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise CalcquestError(
            "Cannot import", f"{path} cannot be read ({exc.strerror}).", "Check the path."
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CalcquestError(
            "Cannot import",
            f"{path} is not JSON ({exc}).",
            "Import a file written by `calcquest progress export FILE`.",
        ) from exc
    return import_data(store, data, source=str(path))


def import_data(store: ProgressStore, data: Any, *, source: str = "the import") -> int:
    """Merge exported data into this player's progress in one transaction."""
    _check_format(data, source)
    try:
        with store.transaction() as conn:
            added = sum(_insert_attempt(conn, store.player, row) for row in data["attempts"])
            for row in data.get("hints", []):
                _insert_hint(conn, store.player, row)
            for row in data.get("completions", []):
                _merge_completion(conn, store.player, row)
            for row in data.get("reviews", []):
                _merge_review(conn, store.player, row)
    except (KeyError, TypeError, ValueError) as exc:
        raise CalcquestError(
            "Cannot import",
            f"{source} has a malformed entry ({exc!r}); nothing was imported.",
            "Import a file written by `calcquest progress export FILE`.",
        ) from exc
    return added


def _check_format(data: Any, source: str) -> None:
    ok = isinstance(data, dict) and data.get("format") == EXPORT_FORMAT
    if not ok or not isinstance(data.get("attempts"), list):
        raise CalcquestError(
            "Cannot import",
            f"{source} is not a calcquest progress export.",
            "Import a file written by `calcquest progress export FILE`.",
        )
    if int(data.get("version", 0)) > EXPORT_VERSION:
        raise CalcquestError(
            "Cannot import",
            f"{source} was written by a newer calcquest (version {data['version']}).",
            "Upgrade calcquest, then import again.",
        )


def _values(row: dict[str, Any], fields: tuple[str, ...]) -> tuple[Any, ...]:
    missing = [name for name in fields if row.get(name) is None and name != "mistake"]
    if missing:
        raise KeyError(", ".join(missing))
    return tuple(row.get(name) for name in fields)


def _insert_attempt(conn: Any, player: str, row: dict[str, Any]) -> int:
    values = list(_values(row, _ATTEMPT_FIELDS))
    values[3] = json.dumps(values[3], sort_keys=True, default=str)
    exists = conn.execute(
        "SELECT 1 FROM attempts WHERE player = ? AND level_id = ? AND question_id = ?"
        " AND created_at = ? AND response = ?",
        (player, values[0], values[1], values[9], values[4]),
    ).fetchone()
    if exists:
        return 0
    conn.execute(
        f"INSERT INTO attempts (player, {', '.join(_ATTEMPT_FIELDS)})"  # noqa: S608
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (player, *values),
    )
    return 1


def _insert_hint(conn: Any, player: str, row: dict[str, Any]) -> None:
    values = _values(row, _HINT_FIELDS)
    exists = conn.execute(
        "SELECT 1 FROM hint_uses WHERE player = ? AND level_id = ? AND question_id = ?"
        " AND created_at = ? AND hint_index = ?",
        (player, values[0], values[1], values[4], values[3]),
    ).fetchone()
    if not exists:
        conn.execute(
            "INSERT INTO hint_uses (player, level_id, question_id, seed, hint_index, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (player, *values),
        )


def _merge_completion(conn: Any, player: str, row: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO completions (player, level_id, stars, xp, first_done_at, last_done_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (player, level_id) DO UPDATE SET"
        " stars = max(stars, excluded.stars), xp = max(xp, excluded.xp),"
        " first_done_at = min(first_done_at, excluded.first_done_at),"
        " last_done_at = max(last_done_at, excluded.last_done_at)",
        (player, *_values(row, _COMPLETION_FIELDS)),
    )


def _merge_review(conn: Any, player: str, row: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO reviews (player, level_id, question_id, box, due_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (player, level_id, question_id) DO UPDATE SET"
        " box = excluded.box, due_at = excluded.due_at, updated_at = excluded.updated_at"
        " WHERE excluded.updated_at > updated_at",
        (player, *_values(row, _REVIEW_FIELDS)),
    )
