"""A newcomer's first minutes, driven key by key with Textual's Pilot at 80x24."""

from __future__ import annotations

from game_helpers import (
    SIZE,
    answer,
    game,
    param,
    pilot_test,
    right_answer,
    screen_text,
    settle,
    visible_text,
)

from calcquest.progress import ProgressStore
from calcquest.progress.review import DAY_SECONDS
from calcquest.ui.app import ExitState
from calcquest.ui.screens.complete import CompleteScreen
from calcquest.ui.screens.confirm import ConfirmScreen
from calcquest.ui.screens.help import HelpScreen
from calcquest.ui.screens.level import LevelScreen
from calcquest.ui.screens.map import MapScreen
from calcquest.ui.screens.review import ReviewScreen
from calcquest.ui.screens.settings import SettingsScreen
from calcquest.ui.screens.too_small import TooSmallScreen
from calcquest.ui.widgets.answer_box import AnswerBox
from calcquest.ui.widgets.level_list import LevelList


def _title(app) -> str:
    return str(app.screen.query_one("#level-title").render())


@pilot_test
async def test_newcomer_plays_the_first_level_and_finds_it_done_after_relaunch(
    isolated_data_dir,
):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        assert app.screen.query_one(LevelList).row_text(0).startswith("Limits")
        assert app.screen.query_one(LevelList).highlighted_id == "first-limit"

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LevelScreen)
        assert isinstance(app.focused, AnswerBox), "the answer box has focus on open"

        await answer(pilot, str(param("first-limit", 0, "a")))  # an author's known mistake
        text = screen_text(app)
        assert "Not quite" in text and "Substitute x = 1 as well" in text

        await answer(pilot, right_answer("first-limit", 0))
        assert "Correct" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Q 2/2" in _title(app)

        await answer(pilot, right_answer("first-limit", 1))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompleteScreen)
        finished = screen_text(app)
        assert "Level complete" in finished and "Unlocked: Limits at infinity" in finished
        assert "★ ★ ☆" in finished, "one wrong try costs one star"

        await pilot.press("ctrl+q")
    assert app.return_value == ExitState(levels_done=1, xp=app.return_value.xp)
    assert app.return_value.sentence().startswith("Progress saved: 1 level done,")

    again = game(isolated_data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = again.screen.query_one(LevelList)
        assert "★★☆" in rows.level_text("first-limit")
        assert rows.highlighted_id == "at-infinity", "the next open level is selected"


@pilot_test
async def test_each_hint_costs_a_star_and_is_saved(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("?")
        await pilot.pause()
        assert "Hint 1/2" in screen_text(app)
        assert "★★☆" in _title(app)
        await answer(pilot, "hint")  # typing the word works too
        assert "Hint 2/2" in screen_text(app) and "★☆☆" in _title(app)
        await answer(pilot, right_answer("first-limit", 0))
        await pilot.press("enter")
        await answer(pilot, right_answer("first-limit", 1))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompleteScreen)
        assert app.screen.result.stars == 1
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.level_history("first-limit")["plug-in"].hints_used == 2
        assert store.completions()["first-limit"].stars == 1


@pilot_test
async def test_an_unreadable_answer_shows_why_and_is_not_counted(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, "x+")
        text = screen_text(app)
        assert "Can't read that" in text and "Not counted" in text
        assert "★★★" in _title(app)
        assert app.store.attempt_count() == 0
        await answer(pilot, right_answer("first-limit", 0))
        assert app.store.attempt_count() == 1


@pilot_test
async def test_the_preview_shows_how_the_answer_reads(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"2^3")
        for _ in range(200):
            await pilot.pause(0.05)
            if "reads as" in str(app.screen.query_one("#preview").render()):
                break
        assert "reads as  8" in str(app.screen.query_one("#preview").render())


@pilot_test
async def test_a_too_small_terminal_gets_a_notice_that_goes_away_on_resize(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        notice = str(app.screen.query_one("#notice").render())
        assert "at least 80x24" in notice and "(now 70x20)" in notice
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        assert isinstance(app.screen, MapScreen)
        await pilot.resize_terminal(79, 30)
        await pilot.pause(0.2)
        assert isinstance(app.screen, TooSmallScreen)


@pilot_test
async def test_a_locked_level_shows_its_lesson_but_not_its_questions(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LevelScreen) and app.screen.run is None
        text = screen_text(app)
        assert "This level is locked" in text and "Your first limit" in text
        assert not app.screen.query(AnswerBox)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)


@pilot_test
async def test_help_settings_and_escape(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#motion").toggle()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.settings().reduced_motion is True


@pilot_test
async def test_resetting_a_level_asks_first(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        store.finish_level("first-limit", 3, 35)
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("up", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.store.done_levels() == {"first-limit"}
        await pilot.press("x", "y")
        await pilot.pause()
        assert app.store.done_levels() == set()


@pilot_test
async def test_a_wrong_answer_comes_back_in_review_days_later(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        store.record_attempt("first-limit", "hole", 1, {}, "DNE", False, 0)
    later = ProgressStore.open(isolated_data_dir, clock=lambda: 4e9 + 2 * DAY_SECONDS)
    app = game(isolated_data_dir)
    app.store = later
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "from Your first limit" in screen_text(app)
        await answer(pilot, "2")
        assert "Correct" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
    (item,) = later.scheduled_reviews()
    assert item.box == 2


@pilot_test
async def test_a_damaged_progress_file_is_reported(isolated_data_dir):
    isolated_data_dir.mkdir(parents=True)
    (isolated_data_dir / "progress.db").write_bytes(b"garbage" * 1000)
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("could not be read" in m and "corrupt-" in m for m in messages)


@pilot_test
async def test_the_command_palette_lists_levels_and_actions(isolated_data_dir):
    from calcquest.ui.palette import game_entries

    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        labels = [label for label, _, _ in game_entries(app)]
        assert "Play: Your first limit" in labels and "Read: Limits at infinity" in labels
        assert {"Review", "Help", "Settings", "Reset all progress"} <= set(labels)
        callback = dict((label, cb) for label, cb, _ in game_entries(app))["Help"]
        callback()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


_MAP_WITHOUT_SYMPY = """
import asyncio, sys
sys.path.insert(0, {tests!r})
from game_helpers import game
from calcquest.ui.app import CalcquestApp
from calcquest.ui.screens.map import MapScreen
CalcquestApp._warm_grading = lambda self: None  # the warm-up is what loads SymPy
async def main():
    app = game({data!r})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print("MAP", isinstance(app.screen, MapScreen), "sympy" in sys.modules)
asyncio.run(main())
"""


def test_the_map_draws_without_importing_sympy(isolated_data_dir):
    import subprocess
    import sys
    from pathlib import Path

    code = _MAP_WITHOUT_SYMPY.format(tests=str(Path(__file__).parent), data=str(isolated_data_dir))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert "MAP True False" in out


@pilot_test
async def test_watch_mode_reloads_the_level_and_shows_a_broken_save(tmp_path, isolated_data_dir):
    import shutil

    from game_helpers import FIXTURE_LEVELS

    from calcquest.levels import Catalog
    from calcquest.ui.app import make_app
    from calcquest.ui.screens.problems import ProblemsScreen

    level_file = tmp_path / "mine.yaml"
    shutil.copy(FIXTURE_LEVELS / "01-limits" / "02-at-infinity.yaml", level_file)
    original = level_file.read_text()
    app = make_app(Catalog(), ProgressStore.open(isolated_data_dir), watch=level_file, seed=1)

    async def until(check, limit=20.0):
        for _ in range(int(limit / 0.1)):
            await pilot.pause(0.1)
            if check():
                await pilot.pause(0.1)
                return
        raise AssertionError(f"never happened; screen is {app.screen}")

    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, LevelScreen))
        assert app.screen.run is not None, "a watched level is playable even if it requires"
        level_file.write_text(original.replace("title: Limits at infinity", "titel: oops"))
        await until(lambda: isinstance(app.screen, ProblemsScreen))
        assert "unknown key 'titel'" in screen_text(app)
        level_file.write_text(original.replace("Limits at infinity", "Edited title"))
        await until(lambda: isinstance(app.screen, LevelScreen))
        assert "Edited title" in _title(app)


@pilot_test
async def test_after_a_level_the_map_selects_the_level_it_unlocked(isolated_data_dir):
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, right_answer("first-limit", 0))
        await pilot.press("enter")
        await answer(pilot, right_answer("first-limit", 1))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompleteScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        rows = app.screen.query_one(LevelList)
        assert rows.highlighted_id == "at-infinity", "Enter moves on, not replays"


@pilot_test
async def test_review_with_nothing_due_says_when_and_offers_no_hint(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        store.record_attempt("first-limit", "hole", 1, {}, "DNE", False, 0)
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "Nothing to review right now" in text
        assert "1 question is scheduled; the next one is due in under a day." in text
        footer = visible_text(app).splitlines()[-1]
        assert "esc Map" in footer and "Hint" not in footer


def test_a_16_colour_terminal_gets_the_ansi_theme_unless_colour_is_off():
    from textual.theme import BUILTIN_THEMES

    from calcquest.progress import Settings
    from calcquest.ui.theme import MONO_THEME, theme_for

    night = Settings(theme="tokyo-night")
    assert theme_for(night, BUILTIN_THEMES, "truecolor") == "tokyo-night"
    assert theme_for(night, BUILTIN_THEMES, "256") == "tokyo-night"
    assert theme_for(night, BUILTIN_THEMES, "standard") == "ansi-dark", "TERM=linux, screen"
    light = Settings(theme="textual-light")
    assert theme_for(light, BUILTIN_THEMES, "standard") == "ansi-light"
    off = Settings(theme="tokyo-night", colour="none")
    assert theme_for(off, BUILTIN_THEMES, "standard") == MONO_THEME.name


@pilot_test
async def test_the_map_counts_only_the_levels_it_shows(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        store.finish_level("a-level-since-deleted", 3, 35)  # or one outside a watched file
    app = game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "0/2 levels" in visible_text(app)
