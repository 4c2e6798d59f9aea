"""What the player reads, checked on the screen itself at 80x24.

Two promises: an author's square brackets ("Compute E[X].", "press [ and ] in the plot",
"[[row 1]") show exactly as written wherever the game shows author text, never read as Textual
markup; and the feedback after Enter is on screen even when a long prompt, four options and a
hint fill the question area of a 24-row terminal.
"""

from __future__ import annotations

from pathlib import Path

from game_helpers import SIZE, answer, pilot_test, ready_for_grading, settle, visible_text

from calcquest.levels import LevelFileError, load_catalog, load_level
from calcquest.progress import ProgressStore
from calcquest.ui.app import make_app
from calcquest.ui.palette import GameCommands
from calcquest.ui.screens.complete import CompleteScreen
from calcquest.ui.screens.confirm import ConfirmScreen
from calcquest.ui.screens.level import LevelScreen
from calcquest.ui.screens.map import MapScreen
from calcquest.ui.screens.problems import ProblemsScreen
from calcquest.ui.widgets.answer_box import AnswerBox
from calcquest.ui.widgets.level_list import LevelList

BRACKET_LEVELS = Path(__file__).resolve().parent / "fixtures" / "bracket_levels"
MATRIX = "[[2xy, x^2], [3y, 3x + 3y^2]]"


def bracket_game(data_dir: Path):
    """The game over the bracket fixture: a choice question under a scene, then a matrix."""
    catalog = load_catalog([BRACKET_LEVELS], builtin=False)
    return make_app(ready_for_grading(catalog), ProgressStore.open(data_dir), seed=3)


def _is_shown(app, widget) -> bool:
    """Whether every line of `widget` is inside the visible part of the question area."""
    area = app.screen.query_one("#qa")
    return area.region.contains_region(widget.region) and widget.region.height > 0


async def _until(pilot, check, limit: float = 20.0) -> None:
    for _ in range(int(limit / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened; the screen was:\n{visible_text(pilot.app)}")


@pilot_test
async def test_author_brackets_show_as_written_on_every_screen(isolated_data_dir):
    app = bracket_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = visible_text(app)
        assert "Expectations [E[X]]" in seen, "world title on the map"
        assert "Compute E[X] [b]now[/b]" in seen, "level row and detail"
        assert "[[row 1] and [b]more[/b]" in seen, "a locked level's row"
        assert "bold[/b], [[row 1] and E[X]." in seen, "world blurb"

        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, LevelScreen))
        await pilot.pause(0.2)
        seen = visible_text(app)
        assert "Expectations [E[X]] › Compute E[X] [b]now[/b]" in seen, "level title bar"
        assert " Compute E[X]. To see it move, press [ ▕" in seen, "lesson"
        assert " and ] in the plot. " in seen and "[red]this[/red]" in seen, "lesson"
        assert "press [ and ] in the plot" in seen.split("\n")[1], "scene title"
        assert "Compute E[X] for a fair die, then" in seen, "prompt"
        assert "press [ and ] in the plot to check" in seen, "prompt"

        await pilot.press("?")
        hint = "Hint 1/2: E[X] = Σ x·p(x), with p(x)"
        await _until(pilot, lambda: hint in visible_text(app))
        assert "= 1/6 [i]each[/i]." in visible_text(app), "hint"
        await answer(pilot, "a")
        await _until(pilot, lambda: "✗ Not quite" in visible_text(app))
        seen = visible_text(app)
        assert "E[X] is not 3: add 1 + 2 + … + 6 and" in seen, "feedback"
        assert "divide by 6, see [[row 1] and" in seen and "[b]this[/b]." in seen
        await pilot.press(*["up"] * 12)
        await pilot.pause(0.2)
        seen = visible_text(app)
        assert "a  E[X] = 3, the middle face [[row 1]" in seen, "options"
        assert "b  E[X] = 3.5, the mean of 1 to 6\n" in seen and "   [b]not bold[/b]" in seen

        await answer(pilot, "b")
        await _until(pilot, lambda: "E[X] = 21/6 = 3.5 [b]exactly[/b]." in visible_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert "as [[row 1], [row 2]]." in visible_text(app), "second prompt"
        await answer(pilot, "[[2xy, 9], [x^2, 3y^2]]")
        await _until(pilot, lambda: "Not quite" in visible_text(app))
        seen = visible_text(app)
        assert "Read as [[2*x*y, 9], [x^2, 3*y^2]]." in seen, "read-as, not double-escaped"
        assert "\\[" not in seen

        await answer(pilot, MATRIX)
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, CompleteScreen))
        await pilot.pause(0.2)
        seen = visible_text(app)
        assert "Compute E[X] [b]now[/b]" in seen, "complete: the level's title"
        assert "Unlocked: [[row 1] and [b]more[/b]" in seen, "complete: what it unlocked"
        assert "Next: [[row 1] and [b]more[/b]" in seen, "complete: the button"

        await pilot.press("escape")
        await _until(pilot, lambda: isinstance(app.screen, MapScreen))
        assert app.screen.query_one(LevelList).highlighted_id == "after-ex", "next up"
        await pilot.press("up")
        await pilot.press("x")
        await _until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = "Reset your progress on “Compute E[X] [b]now[/b]”?"
        await _until(pilot, lambda: question in " ".join(visible_text(app).split()))
        await pilot.press("y")
        await _until(pilot, lambda: "0/2 levels" in visible_text(app))
        # A screenshot leaves toasts out; Textual shows a toast's text as written when its
        # notification is not markup.
        toasts = {note.message: note.markup for note in app._notifications}
        assert toasts["Progress on Compute E[X] [b]now[/b] was reset."] is False


@pilot_test
async def test_the_command_palette_lists_titles_with_brackets_as_written(isolated_data_dir):
    app = bracket_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        provider = GameCommands(app.screen)
        listed = [str(hit.prompt) async for hit in provider.discover()]
        assert "Play: Compute E[X] [b]now[/b]" in listed
        assert "Read: [[row 1] and [b]more[/b]" in listed
        found = [str(hit.prompt) async for hit in provider.search("compute")]
        assert found == ["Play: Compute E[X] [b]now[/b]"]


@pilot_test
async def test_a_broken_level_file_lists_its_problems_as_written(tmp_path, isolated_data_dir):
    broken = tmp_path / "broken.yaml"
    text = (BRACKET_LEVELS / "01-expectations" / "02-after.yaml").read_text()
    broken.write_text(text.replace("kind: numeric", "kind: 'numeric[b]'"))
    try:
        load_level(broken)
    except LevelFileError as exc:
        error = exc
    app = bracket_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(ProblemsScreen(broken, error))
        await _until(pilot, lambda: "'numeric[b]' (did you mean 'numeric'?)" in visible_text(app))


@pilot_test
async def test_feedback_is_on_screen_after_enter_under_long_options_and_a_hint(
    isolated_data_dir,
):
    app = bracket_game(isolated_data_dir)

    async def shows(selector: str, *texts: str) -> None:
        """Within a moment of Enter, all of `selector` is in view, with these words."""
        widget = app.screen.query_one(selector)
        await _until(pilot, lambda: _is_shown(app, widget))
        seen = visible_text(app)
        assert all(text in seen for text in texts), seen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, LevelScreen))
        await answer(pilot, "a")
        await shows("#feedback", "✗ Not quite", "divide by 6")
        await pilot.press("?")
        await shows("#hints", "Hint 1/2: E[X] = Σ x·p(x)")
        await answer(pilot, "zz")
        await shows("#feedback", "Can't read that yet", "Not counted")
        await answer(pilot, "b")
        await shows("#feedback", "✓ Correct", "3.5 [b]exactly[/b]")


@pilot_test
async def test_up_and_down_scroll_the_question_without_leaving_the_answer_box(
    isolated_data_dir,
):
    app = bracket_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, LevelScreen))
        await pilot.pause(0.2)
        assert "d  E[X] cannot be computed" not in visible_text(app), "the area overflows"
        await pilot.press(*["down"] * 10)
        await pilot.pause(0.2)
        seen = visible_text(app)
        assert "d  E[X] cannot be computed without" in seen and "   [more] data" in seen
        assert isinstance(app.focused, AnswerBox)
        await pilot.press(*"b")
        assert app.focused.value == "b"


@pilot_test
async def test_typing_after_a_wrong_answer_replaces_it(isolated_data_dir):
    app = bracket_game(isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, LevelScreen))
        box = app.screen.query_one(AnswerBox)
        await pilot.press("a", "enter")
        await settle(pilot)
        assert box.value == "a", "the wrong answer stays, to edit or replace"
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any("ctrl+q" in note.message for note in app._notifications), "how to quit"
        await pilot.press("end", "c")
        assert box.value == "ac", "an arrow key keeps the answer to edit"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        assert box.value == "b", "typing replaces it"
