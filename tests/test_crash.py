"""Killing the game (kill -9) right after an answer is graded loses nothing and breaks nothing."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import time

import pytest
from game_helpers import Tmux, game_command, right_answer

from calcquest.progress import ProgressStore

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def _pid(path, limit: float = 30.0) -> int:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return int(path.read_text())
        time.sleep(0.05)
    raise AssertionError("the game never started")


def test_kill_9_right_after_a_graded_answer_keeps_the_attempt(tmp_path, isolated_data_dir):
    tmux = Tmux("crash")
    pid_file = tmp_path / "game.pid"
    command, env = game_command(isolated_data_dir)
    try:
        tmux.start(f"sh -c 'echo $$ > {pid_file}; exec {command}'", env)
        pid = _pid(pid_file)
        tmux.wait_for("new  Your first limit")
        tmux.keys("Enter")
        tmux.wait_for("Q 1/2")
        tmux.answer(right_answer("first-limit", 0))
        tmux.wait_for("Correct")
        os.kill(pid, signal.SIGKILL)
        tmux.wait_for("EXITED 137")
    finally:
        tmux.close()

    db = sqlite3.connect(isolated_data_dir / "progress.db")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = db.execute("SELECT level_id, question_id, correct FROM attempts").fetchall()
    assert rows == [("first-limit", "plug-in", 1)]
    db.close()
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.recovered_from is None
        assert store.level_history("first-limit")["plug-in"].solved, "play resumes at Q2"
