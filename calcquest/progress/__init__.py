"""The player's progress: attempts, completions, stars, hints, settings and reviews in SQLite.

Public API:

- `default_data_dir() -> Path`: `$CALCQUEST_DATA_DIR`, else the platform user data directory.
- `ProgressStore.open(data_dir, player="me")`: the store (WAL, migrations, corrupt-file
  recovery reported as `store.recovered_from`).
- `Settings`: display preferences kept with the progress.
- `LevelRun`: one play-through of a level (used by both the Textual UI and plain mode).

No Textual here: the UI and the plain text loop both build on these.
"""

from calcquest.progress.paths import default_data_dir, resolve_data_dir
from calcquest.progress.review import ReviewItem
from calcquest.progress.rules import star_text
from calcquest.progress.settings import Settings
from calcquest.progress.store import Completion, ProgressStore

__all__ = [
    "Completion",
    "ProgressStore",
    "ReviewItem",
    "Settings",
    "default_data_dir",
    "resolve_data_dir",
    "star_text",
]
