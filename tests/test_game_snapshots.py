"""Pictures of the game at 80x24, checked against approved SVG snapshots.

Each app comes from `make_app` over the fixture levels with a fixed seed and an isolated data
dir; the cursor does not blink and every test waits for its scene and grading to settle, so a
picture changes only when the screen really does. Update with `pytest --snapshot-update` and
look at the pictures before committing them.
"""

from __future__ import annotations

import time

from game_helpers import SIZE, answer, game, right_answer, settle
from textual.widgets import Input

from calcquest.progress import ProgressStore
from calcquest.ui.widgets.scene_view import SceneView


async def _steady(pilot, limit: float = 30.0) -> None:
    """No blinking cursor, no grading in flight, every scene's frame drawn."""
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await settle(pilot)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        views = list(pilot.app.screen.query(SceneView))
        if all(view.frame_ready and not view.busy for view in views):
            break
        await pilot.pause(0.05)
    await pilot.pause(0.1)


def test_map_selects_the_first_open_level_of_the_limits_world(snap_compare, isolated_data_dir):
    """The map: the Limits world, its first level marked new and selected, the second locked,
    a progress bar at 0/2 and the key legend at the bottom."""
    assert snap_compare(game(isolated_data_dir), terminal_size=SIZE, run_before=_steady)


def test_level_shows_lesson_scene_question_and_feedback(snap_compare, isolated_data_dir):
    """A level after a wrong answer: the lesson on the left, the plot of x + 1 with the point
    (1, 2), the question, the author's feedback under "Not quite", the answer box below."""

    async def wrong_answer(pilot):
        await pilot.press("enter")
        await _steady(pilot)
        await answer(pilot, "DNE")
        await _steady(pilot)

    app = game(isolated_data_dir)
    app.settings = app.settings.__class__(reduced_motion=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=wrong_answer)


def test_level_complete_shows_stars_xp_and_the_unlocked_level(snap_compare, isolated_data_dir):
    """Level complete after a clean run: three stars, the XP, "Unlocked: Limits at infinity"
    and the Next button focused."""

    async def finish(pilot):
        await pilot.press("enter")
        await _steady(pilot)
        await answer(pilot, right_answer("first-limit", 0))
        await pilot.press("enter")
        await answer(pilot, right_answer("first-limit", 1))
        await pilot.press("enter")
        await _steady(pilot)

    app = game(isolated_data_dir)
    app.settings = app.settings.__class__(reduced_motion=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=finish)


def test_help_lists_every_key(snap_compare, isolated_data_dir):
    """Help over the map: keys everywhere, on the map, in a level and in a scene."""
    assert snap_compare(
        game(isolated_data_dir), terminal_size=SIZE, press=["f1"], run_before=_steady
    )


def test_map_after_progress_shows_stars_and_the_next_level(snap_compare, isolated_data_dir):
    """The map once the first level is done with two stars: ★★☆ beside it, the second level
    open and selected, 1/2 on the bar."""
    with ProgressStore.open(isolated_data_dir) as store:
        store.finish_level("first-limit", 2, 30)
    assert snap_compare(game(isolated_data_dir), terminal_size=SIZE, run_before=_steady)
