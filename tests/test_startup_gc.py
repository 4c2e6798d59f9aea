"""The game holds automatic garbage collection until its map is drawn, and never longer."""

from __future__ import annotations

import gc
import sys

import pytest
from game_helpers import SIZE, game, pilot_test

from calcquest import startup


@pytest.fixture
def restored_interpreter():
    """Whatever a test does to the collector and the switch interval is undone after it."""
    interval = sys.getswitchinterval()
    yield
    gc.enable()
    gc.unfreeze()
    sys.setswitchinterval(interval)
    startup._held = False


def test_hold_stops_collection_until_release_which_freezes_what_start_up_made(
    restored_interpreter,
):
    startup.hold()
    assert not gc.isenabled()
    assert sys.getswitchinterval() == pytest.approx(startup.SWITCH_INTERVAL)
    before = gc.get_freeze_count()
    startup.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() > before, "start-up's objects are out of later collections"
    startup.release()  # a second release (the app's, then the CLI's) changes nothing
    assert gc.isenabled()


def test_release_leaves_a_collector_alone_that_someone_else_turned_off(restored_interpreter):
    gc.disable()
    startup.hold()
    startup.release()
    assert not gc.isenabled(), "only what hold turned off is turned back on"


@pilot_test
async def test_the_game_collects_again_once_its_map_is_on_screen(
    isolated_data_dir, restored_interpreter
):
    startup.hold()
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        assert gc.isenabled()
