"""`calcquest progress` (summary, --json, reset, export, import) and `play` in plain mode."""

from __future__ import annotations

import io
import json

import pytest
from game_helpers import FIXTURE_LEVELS, SEED, right_answer

from calcquest.cli import main
from calcquest.progress import ProgressStore

LEVELS = ["--levels", str(FIXTURE_LEVELS), "--no-builtin"]


@pytest.fixture
def played(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir) as store:
        store.record_attempt("first-limit", "plug-in", 1, {"a": 3}, "3", False, 0)
        store.record_attempt("first-limit", "plug-in", 1, {"a": 3}, "4", True, 0)
        store.record_attempt("first-limit", "hole", 1, {}, "2", True, 0)
        store.finish_level("first-limit", 2, 30)
    return isolated_data_dir


def test_summary_per_world(played, capsys):
    assert main(["progress", *LEVELS]) == 0
    out = capsys.readouterr().out
    assert "Limits" in out and "1/2  levels" in out
    assert "1 level done, 30 XP, 3 answers (2 right)" in out


def test_json_summary(played, capsys):
    assert main(["progress", "--json", *LEVELS]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["attempts"] == 3 and data["xp"] == 30
    assert data["levels"]["first-limit"]["stars"] == 2
    assert data["worlds"]["limits"] == {"title": "Limits", "levels": 2, "done": 1, "stars": 2}


def test_reset_asks_first_and_needs_yes_without_a_keyboard(played, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["progress", "reset"]) == 1
    assert "--yes" in capsys.readouterr().err
    assert ProgressStore.open(played).attempt_count() == 3

    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["progress", "reset", "first-limit"]) == 1
    assert "Nothing was deleted" in capsys.readouterr().out

    assert main(["progress", "reset", "first-limit", "--yes"]) == 0
    assert ProgressStore.open(played).attempt_count() == 0


def test_reset_of_an_unknown_level_says_so(played, capsys):
    assert main(["progress", "reset", "no-such-level", "--yes"]) == 1
    assert "no progress on a level 'no-such-level'" in capsys.readouterr().err


def test_export_then_import_for_another_player(played, tmp_path, capsys):
    target = tmp_path / "me.json"
    assert main(["progress", "export", str(target)]) == 0
    assert "Exported 3 answers" in capsys.readouterr().out
    assert main(["progress", "import", str(target), "--player", "laptop"]) == 0
    assert "Imported 3 new answers into laptop's progress" in capsys.readouterr().out
    with ProgressStore.open(played, "laptop") as store:
        assert store.done_levels() == {"first-limit"}


def test_play_one_level_file_in_plain_mode(isolated_data_dir, capsys, monkeypatch):
    answers = iter([right_answer("first-limit", 0), "quit"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    level = FIXTURE_LEVELS / "01-limits" / "01-first-limit.yaml"
    assert main(["play", str(level), "--plain", "--seed", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "== Limits: Your first limit ==" in out and "Correct." in out
    assert out.strip().endswith("Progress saved: 0 levels done, 0 XP.")
