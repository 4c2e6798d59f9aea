"""The map's level list and key bar, driven as a player would: keys, clicks, the mouse wheel.

Over the built-in curriculum (8 worlds, more levels than fit on an 80x24 screen), so moving the
cursor has headings to skip and a list to scroll.
"""

from __future__ import annotations

from game_helpers import SIZE, game, pilot_test, ready_for_grading, visible_text

from calcquest.levels.index import load_map_index
from calcquest.progress import ProgressStore
from calcquest.ui.app import make_app
from calcquest.ui.screens.help import HelpScreen
from calcquest.ui.screens.level import LevelScreen
from calcquest.ui.screens.map import progress_bar
from calcquest.ui.widgets.key_bar import KeyBar
from calcquest.ui.widgets.level_list import LevelList


def curriculum_game(data_dir):
    store = ProgressStore.open(data_dir)
    index = load_map_index([], builtin=True, cache_dir=data_dir)
    return make_app(ready_for_grading(index), store, seed=1)


def _list(app) -> LevelList:
    return app.screen.query_one(LevelList)


def _detail(app) -> str:
    return str(app.screen.query_one("#detail").render())


@pilot_test
async def test_the_cursor_skips_world_headings_both_ways(isolated_data_dir):
    app = curriculum_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        levels = _list(app)
        rows = levels.rows
        first_world_levels = [r.level_id for r in rows[1:] if r.level_id][:7]
        assert levels.highlighted_id == first_world_levels[0], "a newcomer starts at level 1"

        await pilot.press(*["down"] * 7)
        second_world = rows[9]
        assert rows[8].level_id is None, "row 8 is the second world's heading"
        assert levels.highlighted_id == second_world.level_id
        assert app.catalog.level(second_world.level_id).title in _detail(app)
        await pilot.press("up")
        assert levels.highlighted_id == first_world_levels[-1], "up skips the heading again"
        await pilot.press("up", "up", "up", "up", "up", "up", "up", "up")
        assert levels.highlighted_id == first_world_levels[0], "the top stops at level 1"


@pilot_test
async def test_end_and_home_scroll_the_list_and_the_detail_follows(isolated_data_dir):
    app = curriculum_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        levels = _list(app)
        last = next(r for r in reversed(levels.rows) if r.level_id)
        last_title = app.catalog.level(last.level_id).title

        await pilot.press("end")
        await pilot.pause()
        assert levels.highlighted_id == last.level_id
        assert last_title[:30] in visible_text(app), "the last level is scrolled into view"
        assert last_title in _detail(app), "the detail pane describes it"
        assert "Locked." in _detail(app)

        await pilot.press("home")
        await pilot.pause()
        assert levels.scroll_offset.y == 0, "home shows the first world's heading again"
        assert "Limits  0/7" in visible_text(app)


@pilot_test
async def test_page_down_moves_a_screenful_and_keeps_the_cursor_visible(isolated_data_dir):
    app = curriculum_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        levels = _list(app)
        await pilot.press("pagedown")
        await pilot.pause()
        index = levels.cursor
        assert index is not None and index >= 15, "about one screenful further down"
        top = levels.scroll_offset.y
        assert top <= index < top + levels.scrollable_content_region.height


@pilot_test
async def test_a_long_title_is_cut_with_an_ellipsis_not_wrapped(isolated_data_dir):
    app = curriculum_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = visible_text(app)
        assert "Numerical versus analytic derivati…" in screen
        assert screen.count("\n") == SIZE[1] - 1


@pilot_test
async def test_clicking_a_level_opens_it(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        levels = _list(app)
        row = next(i for i, r in enumerate(levels.rows) if r.level_id == "first-limit")
        await pilot.click(LevelList, offset=(10, row + 1))  # +1: the list's top border
        await pilot.pause(0.2)
        assert isinstance(app.screen, LevelScreen)


@pilot_test
async def test_the_key_bar_shows_the_map_keys_and_a_click_runs_one(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = visible_text(app).splitlines()[-1]
        for label in ("r Review", "s Settings", "f1 Help", "x Reset level", "^p palette"):
            assert label in bar
        await pilot.click(KeyBar, offset=(bar.index("f1 Help") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_the_progress_bar_fills_in_proportion():
    empty, half, full = progress_bar(0, 10, 20), progress_bar(5, 10, 20), progress_bar(10, 10, 20)
    assert empty.plain == half.plain == full.plain == "━" * 20
    filled = {str(span.style): span.end - span.start for span in half.spans}
    assert filled == {"$accent": 10, "$foreground 20%": 10}
    assert progress_bar(0, 0).cell_length == 36, "no levels at all still draws the bar"


@pilot_test
async def test_a_smaller_terminal_keeps_the_cursor_in_view(isolated_data_dir):
    app = curriculum_game(isolated_data_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        levels = _list(app)
        await pilot.press(*["down"] * 25)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        top = levels.scroll_offset.y
        assert top <= levels.cursor < top + levels.scrollable_content_region.height
