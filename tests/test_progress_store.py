"""The progress store keeps every answer, survives damage and shares one file safely."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from calcquest.errors import CalcquestError
from calcquest.progress import ProgressStore, Settings, default_data_dir
from calcquest.progress.review import BOX_DAYS, DAY_SECONDS


class Clock:
    """A clock tests can move forward."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def days(self, days: float) -> None:
        self.now += days * DAY_SECONDS


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with ProgressStore.open(tmp_path, clock=clock) as opened:
        yield opened


def _answer(store, correct, question="q1", level="limits-1", response="2x", mode="play"):
    return store.record_attempt(
        level, question, 7, {"a": 3}, response, correct, 0, mistake=None, mode=mode
    )


def test_default_data_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CALCQUEST_DATA_DIR", str(tmp_path / "x"))
    assert default_data_dir() == tmp_path / "x"
    monkeypatch.delenv("CALCQUEST_DATA_DIR")
    assert default_data_dir().name == "calcquest"


def test_an_attempt_is_stored_with_everything_and_survives_reopening(tmp_path, clock):
    with ProgressStore.open(tmp_path, clock=clock) as store:
        store.record_attempt("limits-1", "q2", 42, {"a": 3}, "3x^2", False, 1, mistake="sign")
    with ProgressStore.open(tmp_path) as again:
        (row,) = again.attempts()
    assert row["level_id"] == "limits-1" and row["question_id"] == "q2"
    assert row["seed"] == 42 and row["params"] == {"a": 3}
    assert row["response"] == "3x^2" and row["correct"] == 0
    assert row["hints_used"] == 1 and row["mistake"] == "sign"
    assert row["created_at"] == clock.now


def test_the_file_is_in_wal_mode_with_a_schema_version(store):
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_a_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute(
            "INSERT INTO completions VALUES ('me', 'limits-1', 3, 40, 0, 0)",
        )
        raise RuntimeError("boom")
    assert store.done_levels() == set()


def test_finishing_a_level_keeps_the_best_score(store):
    store.finish_level("limits-1", 3, 45)
    best = store.finish_level("limits-1", 1, 35)
    assert (best.stars, best.xp) == (3, 45)
    assert store.done_levels() == {"limits-1"} and store.total_xp() == 45


def test_players_do_not_see_each_other(tmp_path):
    with ProgressStore.open(tmp_path, "ada") as ada, ProgressStore.open(tmp_path, "bob") as bob:
        _answer(ada, True)
        ada.finish_level("limits-1", 3, 45)
        assert bob.attempt_count() == 0 and bob.done_levels() == set()
        assert ada.attempt_count() == 1


def test_resume_history_counts_wrong_tries_and_hints(store):
    _answer(store, False)
    _answer(store, True)
    store.record_hint("limits-1", "q2", 7, 0)
    history = store.level_history("limits-1")
    assert history["q1"].solved and history["q1"].wrong_tries == 1
    assert not history["q2"].solved and history["q2"].hints_used == 1


def test_reset_one_level_or_everything(store):
    for level in ("limits-1", "limits-2"):
        _answer(store, False, level=level)
        store.finish_level(level, 2, 40)
    store.save_settings(Settings(theme="nord"))
    store.reset_level("limits-1")
    assert store.done_levels() == {"limits-2"} and store.attempt_count() == 1
    assert [item.level_id for item in store.scheduled_reviews()] == ["limits-2"]
    store.reset_all()
    assert store.done_levels() == set() and store.attempt_count() == 0
    assert store.scheduled_reviews() == [] and store.settings().theme == "nord"


def test_settings_round_trip_and_ignore_garbage(store):
    assert store.settings() == Settings()
    store.save_settings(Settings(theme="nord", reduced_motion=True, colour="16"))
    assert store.settings() == Settings(theme="nord", reduced_motion=True, colour="16")
    assert Settings.from_dict({"colour": "rainbow", "reduced_motion": "yes"}) == Settings()


# -- review schedule ------------------------------------------------------------------------


def test_a_wrong_answer_comes_back_for_review_a_day_later(store, clock):
    _answer(store, False)
    assert store.due_reviews() == []
    clock.days(1)
    (item,) = store.due_reviews()
    assert (item.level_id, item.question_id, item.box) == ("limits-1", "q1", 1)


def test_right_answers_in_review_space_the_question_out_then_retire_it(store, clock):
    _answer(store, False)
    for box, days in enumerate(BOX_DAYS, start=1):
        clock.days(days)
        (item,) = store.due_reviews()
        assert item.box == box
        _answer(store, True, mode="review")
        if box < len(BOX_DAYS):
            clock.days(BOX_DAYS[box] - 0.5)
            assert store.due_reviews() == []
            clock.days(-(BOX_DAYS[box] - 0.5))
    assert store.scheduled_reviews() == []


def test_a_wrong_answer_in_review_starts_over_in_box_one(store, clock):
    _answer(store, False)
    clock.days(1)
    _answer(store, True, mode="review")
    clock.days(3)
    _answer(store, False, mode="review")
    (item,) = store.scheduled_reviews()
    assert item.box == 1 and item.due_at == clock.now + DAY_SECONDS


def test_a_right_answer_in_normal_play_leaves_the_schedule_alone(store, clock):
    _answer(store, True)
    assert store.scheduled_reviews() == []


# -- export and import ----------------------------------------------------------------------


def test_export_then_import_into_another_player_copies_everything(tmp_path, store):
    _answer(store, False, response="x^2")
    _answer(store, True)
    store.record_hint("limits-1", "q1", 7, 0)
    store.finish_level("limits-1", 2, 40)
    target = tmp_path / "export.json"
    from calcquest.progress.transfer import export_file, import_file

    assert export_file(store, target) == 2
    assert json.loads(target.read_text())["format"] == "calcquest-progress"
    with ProgressStore.open(tmp_path, "laptop") as other:
        assert import_file(other, target) == 2
        assert import_file(other, target) == 0, "importing twice must not duplicate"
        assert other.summary()["levels"] == store.summary()["levels"]
        assert len(other.scheduled_reviews()) == 1
        assert other.level_history("limits-1")["q1"].hints_used == 1


def test_import_never_lowers_a_best_score(store):
    store.finish_level("limits-1", 3, 45)
    data = store.export_data()
    data["completions"][0].update(stars=1, xp=10)
    store.import_data(data)
    assert store.completions()["limits-1"].stars == 3


@pytest.mark.parametrize(
    "content",
    ["not json at all", json.dumps({"format": "other"}), json.dumps([1, 2])],
)
def test_importing_something_else_is_a_clear_error(tmp_path, store, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    from calcquest.progress.transfer import import_file

    with pytest.raises(CalcquestError) as caught:
        import_file(store, bad)
    assert "bad.json" in str(caught.value)
    assert store.attempt_count() == 0


def test_a_malformed_entry_imports_nothing(store):
    data = store.export_data()
    data["attempts"] = [
        {
            "level_id": "a",
            "question_id": "q1",
            "seed": 1,
            "params": {},
            "response": "1",
            "correct": 1,
            "hints_used": 0,
            "mode": "play",
            "created_at": 1.0,
        },
        {"level_id": "b"},
    ]
    with pytest.raises(CalcquestError, match="malformed"):
        store.import_data(data)
    assert store.attempt_count() == 0


def test_summary_counts_attempts_levels_and_xp(store):
    _answer(store, False)
    _answer(store, True)
    store.finish_level("limits-1", 2, 40)
    summary = store.summary()
    assert summary["attempts"] == 2 and summary["correct"] == 1
    assert summary["levels"]["limits-1"] == {
        "done": True,
        "stars": 2,
        "xp": 40,
        "attempts": 2,
        "correct": 1,
    }
    assert summary["xp"] == 40 and summary["levels_done"] == 1


# -- damage and sharing ---------------------------------------------------------------------


def test_a_corrupt_file_is_kept_aside_and_a_fresh_store_starts(tmp_path):
    db = tmp_path / "progress.db"
    db.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    with ProgressStore.open(tmp_path) as store:
        assert store.recovered_from is not None
        assert store.recovered_from.name.startswith("progress.db.corrupt-")
        assert store.recovered_from.read_bytes().startswith(b"this is not a database")
        _answer(store, True)
        assert store.attempt_count() == 1
    with ProgressStore.open(tmp_path) as again:
        assert again.recovered_from is None and again.attempt_count() == 1


def test_a_damaged_page_is_detected_too(tmp_path):
    with ProgressStore.open(tmp_path) as store:
        for n in range(200):
            _answer(store, n % 2 == 0, response="x" * 200)
    db = tmp_path / "progress.db"
    data = bytearray(db.read_bytes())
    data[4096 * 2 : 4096 * 2 + 512] = b"\xff" * 512
    db.write_bytes(bytes(data))
    with ProgressStore.open(tmp_path) as store:
        assert store.recovered_from is not None and store.attempt_count() == 0


def test_a_file_from_a_newer_calcquest_is_refused_not_clobbered(tmp_path):
    ProgressStore.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / "progress.db")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(CalcquestError, match="newer calcquest"):
        ProgressStore.open(tmp_path)


def test_an_unwritable_data_dir_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(CalcquestError, match="--data-dir"):
        ProgressStore.open(blocker / "inside")


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from calcquest.progress import ProgressStore
    store = ProgressStore.open(Path(sys.argv[1]))
    for n in range(int(sys.argv[3])):
        store.record_attempt("limits-1", sys.argv[2], n, {}, str(n), n % 2 == 0, 0)
        store.finish_level(f"level-{sys.argv[2]}-{n % 3}", 1 + n % 3, n)
    store.close()
    """
)


def test_two_games_writing_at_once_corrupt_nothing(tmp_path):
    ProgressStore.open(tmp_path).close()
    games = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), name, "60"])
        for name in ("left", "right")
    ]
    assert [game.wait(timeout=60) for game in games] == [0, 0]
    with ProgressStore.open(tmp_path) as store:
        assert store.recovered_from is None
        assert store.attempt_count() == 120
        assert len(store.done_levels()) == 6
    conn = sqlite3.connect(tmp_path / "progress.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
