"""Shared fixtures: every test gets its own data directory and never touches the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Point CALCQUEST_DATA_DIR at a fresh folder so no test reads or writes real progress."""
    data = tmp_path / "calcquest-data"
    monkeypatch.setenv("CALCQUEST_DATA_DIR", str(data))
    monkeypatch.setenv("NO_COLOR", "")
    monkeypatch.delenv("NO_COLOR")
    return data
