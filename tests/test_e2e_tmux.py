"""The real `calcquest` command in a real terminal (tmux, 80x24): keys in, screen out, then
the progress database is checked."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from game_helpers import Tmux, game_command, param, right_answer

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


@pytest.fixture
def tmux(request):
    session = Tmux(request.node.name[:20].replace("[", "-").replace("]", ""))
    yield session
    session.close()


def test_a_newcomer_finishes_a_level_in_a_real_terminal(tmux, isolated_data_dir):
    command, env = game_command(isolated_data_dir)
    tmux.start(command, env)
    tmux.wait_for("new  Your first limit")

    tmux.keys("Enter")
    tmux.wait_for("Q 1/2")
    tmux.answer(str(param("first-limit", 0, "a")))
    tmux.wait_for("Not quite")
    assert "Substitute x = 1 as well" in tmux.screen()

    tmux.answer(right_answer("first-limit", 0))
    tmux.wait_for("Correct")
    tmux.keys("Enter")
    tmux.wait_for("Q 2/2")
    tmux.answer("2")
    tmux.wait_for("Correct")
    tmux.keys("Enter")
    screen = tmux.wait_for("Level complete")
    assert "Unlocked: Limits at infinity" in screen

    tmux.keys("C-q")
    tmux.wait_for("Progress saved: 1 level done")
    assert "EXITED 0" in tmux.wait_for("EXITED")

    db = sqlite3.connect(isolated_data_dir / "progress.db")
    rows = db.execute(
        "SELECT level_id, question_id, correct FROM attempts WHERE player = 'me' ORDER BY id"
    ).fetchall()
    assert rows == [
        ("first-limit", "plug-in", 0),
        ("first-limit", "plug-in", 1),
        ("first-limit", "hole", 1),
    ]
    stars = db.execute("SELECT stars FROM completions WHERE level_id = 'first-limit'").fetchone()
    assert stars == (2,)


def test_keys_that_arrive_together_edit_the_answer_in_the_order_typed(tmux, isolated_data_dir):
    """A paste, or a burst of keys over a slow SSH link, arrives in one read: backspace,
    ctrl+u and the arrows must still apply where they were typed."""
    command, env = game_command(isolated_data_dir)
    tmux.start(command, env)
    tmux.wait_for("new  Your first limit")
    tmux.keys("Enter")
    tmux.wait_for("Q 1/2")
    tmux.keys("a", "b", "c", "BSpace", "d")
    tmux.wait_for("abd")
    tmux.keys("C-u", "x", "y", "Left", "z")
    tmux.wait_for("xzy")
    tmux.keys("End", "C-u", "4", "BSpace", "2")
    screen = tmux.wait_for("reads as  2")  # out of order it would read 4
    assert any(line.rstrip().endswith("reads as  2") for line in screen.splitlines())


def test_a_small_terminal_asks_to_be_enlarged_then_recovers(tmux, isolated_data_dir):
    command, env = game_command(isolated_data_dir)
    tmux.size = (70, 20)
    tmux.start(command, env)
    tmux.wait_for("(now 70x20)")
    tmux._tmux("resize-window", "-t", tmux.name, "-x", "80", "-y", "24")
    tmux.wait_for("new  Your first limit")
    tmux.keys("C-q")
    tmux.wait_for("Progress saved: 0 levels done, 0 XP.")


def test_plain_mode_plays_line_by_line(tmux, isolated_data_dir):
    command, env = game_command(isolated_data_dir, "--plain")
    tmux.start(command, env)
    tmux.wait_for("Level number, r to review, q to quit [1]:")
    tmux.keys("Enter")
    tmux.wait_for("Question 1 of 2")
    tmux.type("?")
    tmux.keys("Enter")
    tmux.wait_for("Hint: A polynomial has no holes")
    tmux.type(right_answer("first-limit", 0))
    tmux.keys("Enter")
    tmux.wait_for("Correct.")
    tmux.keys("C-c")  # cooked mode: a SIGINT to the game and its grading worker alike
    tmux.wait_for("calcquest: interrupted;")
    assert "EXITED 130" in tmux.wait_for("EXITED")
    assert "your progress up to the last answer is saved." in tmux.scrollback()
    assert "Traceback" not in tmux.scrollback() and "KeyboardInterrupt" not in tmux.scrollback()
    db = sqlite3.connect(isolated_data_dir / "progress.db")
    assert db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (1,)
