"""Where progress lives: the platform's user data directory unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that overrides the data directory (tests and hosts set it).
DATA_DIR_ENV = "CALCQUEST_DATA_DIR"


def default_data_dir() -> Path:
    """$CALCQUEST_DATA_DIR when set, else the platform's user data directory for calcquest."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("calcquest", appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None) -> Path:
    """The data directory to use: `--data-dir` if given, else the default."""
    if cli_value:
        return Path(cli_value).expanduser()
    return default_data_dir()
