"""Plain mode: the whole game as lines of text, for screen readers and slow links."""

from __future__ import annotations

from game_helpers import SEED, fixture_catalog, right_answer

from calcquest.plain import PlainGame
from calcquest.progress import ProgressStore


def _play(data_dir, answers, **kwargs):
    said: list[str] = []
    feed = iter(answers)

    def ask(prompt: str) -> str:
        said.append(prompt)
        return next(feed)  # StopIteration never happens: the last answer is always quit

    with ProgressStore.open(data_dir) as store:
        PlainGame(fixture_catalog(), store, seed=SEED, ask=ask, say=said.append).play(**kwargs)
    return "\n".join(said)


def test_a_level_from_the_numbered_map_to_complete(isolated_data_dir):
    text = _play(
        isolated_data_dir,
        ["", "nonsense(", "?", right_answer("first-limit", 0), "2", "q"],
    )
    assert "1. [open] Your first limit" in text and "2. [locked] Limits at infinity" in text
    assert "Scene: " in text, "the scene is described in words"
    assert "Read as: 2" not in text, "an answer read as typed is not repeated"
    assert "Why ML cares." in text and "**" not in text, "no Markdown marks are read out"
    assert "Can't read that" in text and "(not counted)" in text
    assert "Hint: A polynomial has no holes" in text
    assert "Level complete: ★★☆ (2 of 3 stars)" in text
    assert "Unlocked: Limits at infinity" in text
    with ProgressStore.open(isolated_data_dir) as store:
        assert store.attempt_count() == 2 and store.done_levels() == {"first-limit"}


def test_a_locked_level_shows_its_lesson_only(isolated_data_dir):
    text = _play(isolated_data_dir, ["2", "quit"])
    assert "1/x shrinks" in text and "This level is locked" in text
    assert "Question 1" not in text


def test_map_goes_back_and_end_of_input_quits(isolated_data_dir):
    said: list[str] = []
    answers = iter(["1", "map"])

    def ask(prompt: str) -> str:
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    with ProgressStore.open(isolated_data_dir) as store:
        PlainGame(fixture_catalog(), store, seed=SEED, ask=ask, say=said.append).play()
    assert any("Question 1 of 2" in s for s in said)
    assert sum("1. [open] Your first limit" in s for s in said) == 2, "map shown again"


def test_review_in_plain_mode(isolated_data_dir):
    with ProgressStore.open(isolated_data_dir, clock=lambda: 1.0) as store:
        store.record_attempt("first-limit", "hole", 1, {}, "DNE", False, 0)
    text = _play(isolated_data_dir, ["r", "2", "q"])
    assert "Review: 1 question you got wrong before" in text and "(from Your first limit)" in text
    assert "Correct." in text
