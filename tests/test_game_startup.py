"""The game starts from the map index and loads the full catalog behind the first frame.

The loading thread is held back with an event, so each test decides when the catalog
"arrives" and can check what the player sees before and after.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from game_helpers import FIXTURE_LEVELS, SEED, SIZE, pilot_test, settle

from calcquest.levels.index import MapIndex, load_map_index
from calcquest.progress import ProgressStore
from calcquest.ui.app import make_app
from calcquest.ui.screens.level import LevelScreen
from calcquest.ui.screens.map import MapScreen
from calcquest.ui.widgets.level_list import LevelList


@pytest.fixture
def levels(tmp_path: Path) -> Path:
    """A writable copy of the fixture world (Limits: first-limit, at-infinity)."""
    return Path(shutil.copytree(FIXTURE_LEVELS, tmp_path / "levels"))


@pytest.fixture
def held_catalog(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set the returned event to let the background catalog load finish."""
    release = threading.Event()
    load = MapIndex.load_catalog

    def held(index: MapIndex):
        assert release.wait(30), "the test never released the catalog"
        return load(index)

    monkeypatch.setattr(MapIndex, "load_catalog", held)
    return release


def _game(levels: Path, data_dir: Path):
    store = ProgressStore.open(data_dir)
    index = load_map_index([levels], builtin=False, cache_dir=data_dir)
    return make_app(index, store, seed=SEED)


def _rows(app) -> list[str]:
    return [row.level_id or "world" for row in app.screen.query_one(LevelList).rows]


async def _until(pilot, condition, limit: float = 30.0) -> None:
    for _ in range(int(limit / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("timed out waiting")


@pilot_test
async def test_enter_before_the_catalog_has_loaded_opens_the_level_once_it_has(
    levels, isolated_data_dir, held_catalog
):
    app = _game(levels, isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert _rows(app) == ["world", "first-limit", "at-infinity"]
        assert app.screen.query_one(LevelList).highlighted_id == "first-limit"

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen), "nothing to open before the catalog is here"
        assert any("Loading the levels" in str(n.message) for n in app._notifications)

        held_catalog.set()
        await _until(pilot, lambda: isinstance(app.screen, LevelScreen))
        assert app.screen.level.id == "first-limit"
        await settle(pilot)


@pilot_test
async def test_a_level_the_full_check_rejects_leaves_the_map_when_the_catalog_arrives(
    levels, isolated_data_dir, held_catalog
):
    broken = levels / "01-limits" / "02-at-infinity.yaml"
    broken.write_text(broken.read_text().replace("kind: limit", "kind: nonsense", 1))
    app = _game(levels, isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "at-infinity" in _rows(app), "the quick index does not validate answers"
        held_catalog.set()
        await _until(pilot, lambda: "at-infinity" not in _rows(app))
        assert _rows(app) == ["world", "first-limit"]
